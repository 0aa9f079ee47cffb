"""``python -m lessons assess CASE.json [--json] [--lang en|zh]``: apply the Article 253-1 engine to a case."""
from __future__ import annotations

import json

from lessons.content.course import load_content
from lessons.engine import Facts, assess
from lessons.engine.facts import parse_case_json
from lessons.content.files import read_bytes, read_stdin, terminal_safe
from lessons.engine.report import to_json, to_text
from lessons.content.errors import LessonsError
from lessons.content.text import LANGUAGES

HELP = "assess a case (JSON facts) under Criminal Law Art. 253-1 and the 2017 Interpretation"


def add_arguments(parser) -> None:
    parser.add_argument("case", metavar="CASE.json", help="a JSON object of facts; '-' reads standard input")
    parser.add_argument("--json", action="store_true", help="print the result as JSON (schema in the README)")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the texts (default: en)")


MAX_CASE_BYTES = 20_000_000  # a case with the most buyers accepted (MAX_BUYERS) is a few MB


def read_case(name: str) -> Facts:
    """Read and check a case file; every problem is a one-line LessonsError naming the file and the field."""
    label = "standard input" if name == "-" else terminal_safe(name)
    raw = read_stdin(MAX_CASE_BYTES) if name == "-" else read_bytes(name, MAX_CASE_BYTES, label, "case_too_large",
                                                                    not_found="file_not_found")
    try:
        return Facts.from_dict(parse_case_json(raw))
    except LessonsError as exc:
        raise LessonsError.of("in_file", file=label, problem=exc) from None


def run(args) -> int:
    facts = read_case(args.case)
    content = load_content()
    result = assess(facts)
    if args.json:
        print(json.dumps(to_json(result, content, args.lang), ensure_ascii=False, indent=1))
    else:
        print(to_text(result, content, args.lang))
    return 0
