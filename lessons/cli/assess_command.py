"""``python -m lessons assess CASE.json [--json] [--lang en|zh]``: apply the Article 253-1 engine to a case."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from lessons.content.course import load_content
from lessons.engine import Facts, assess
from lessons.engine.report import to_json, to_text
from lessons.content.errors import LessonsError
from lessons.content.text import LANGUAGES

HELP = "assess a case (JSON facts) under Criminal Law Art. 253-1 and the 2017 Interpretation"


def add_arguments(parser) -> None:
    parser.add_argument("case", metavar="CASE.json", help="a JSON object of facts; '-' reads standard input")
    parser.add_argument("--json", action="store_true", help="print the result as JSON (schema in the README)")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the texts (default: en)")


def read_case(name: str) -> Facts:
    """Read and check a case file; every problem is a one-line LessonsError naming the field."""
    label = "standard input" if name == "-" else name
    try:
        raw = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LessonsError(f"{label}: file not found") from None
    except IsADirectoryError:
        raise LessonsError(f"{label}: is a folder, not a JSON file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LessonsError(f"{label}: cannot read ({type(exc).__name__})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LessonsError(f"{label}: not valid JSON (line {exc.lineno} column {exc.colno}: {exc.msg})") from None
    try:
        return Facts.from_dict(data)
    except LessonsError as exc:
        raise LessonsError(f"{label}: {exc}") from None


def run(args) -> int:
    facts = read_case(args.case)
    content = load_content()
    result = assess(facts)
    if args.json:
        print(json.dumps(to_json(result, content, args.lang), ensure_ascii=False, indent=1))
    else:
        print(to_text(result, content, args.lang))
    return 0
