"""``python -m lessons summary DIR [--json]``: the class summary of a folder of progress files."""
from __future__ import annotations

import json

from lessons.content.course import load_content
from lessons.classroom.class_summary import summarise
from lessons.content.text import LANGUAGES, text_table

HELP = "summarise a folder of learners' progress files: scores, correct rates, most-missed questions"


def add_arguments(parser) -> None:
    parser.add_argument("folder", metavar="DIR", help="folder holding the collected progress files")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the text report (default: en)")


def _pct(right: int, total: int) -> str:
    return f"{round(100 * right / total)}%" if total else "-"


def run(args) -> int:
    summary = summarise(args.folder)
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1))
        return 0
    content, lang = load_content(), args.lang
    t = lambda key, **v: content.text(f"class_summary.{key}", lang, **v)  # noqa: E731
    out = []
    if summary.empty:
        out.append(t("empty", folder=args.folder))
    else:
        exercises = summary.exercises
        rows = [[t("learner"), *exercises, t("total")]]
        for r in summary.learners:
            cells = [f"{r.scores[e][0]}/{r.scores[e][1]}" if e in r.scores else "-" for e in exercises]
            rows.append([r.learner, *cells, f"{r.score}/{r.total} ({_pct(r.score, r.total)})"])
        out += [f"{t('learners')} ({len(summary.learners)})", *text_table(rows), ""]
        if summary.questions:
            rows = [[t("question"), t("answered"), t("correct_rate")]]
            rows += [[q.id, str(q.answered), f"{q.correct}/{q.answered} ({_pct(q.correct, q.answered)})"]
                     for q in summary.questions]
            out += [t("questions"), *text_table(rows), "", t("most_missed")]
            out += [f"  {q.id}: {_pct(q.correct, q.answered)}" for q in summary.most_missed()] or ["  -"]
        else:
            out.append(t("no_answers"))
    if summary.skipped:
        out += ["", f"{t('skipped')} ({len(summary.skipped)})"]
        out += [f"  {s.file}: {t('skip_' + s.reason)}" for s in summary.skipped]
    print("\n".join(out))
    return 0
