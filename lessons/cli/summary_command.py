"""``python -m lessons summary DIR [--json | --csv]``: the class gradebook of a folder of progress files."""
from __future__ import annotations

import datetime as dt
import json
import sys
from types import EllipsisType

from lessons.content.course import load_content
from lessons.content.errors import LessonsError
from lessons.classroom.class_summary import exercise_name, summarise, to_csv
from lessons.content.files import terminal_safe
from lessons.classroom.settings import Classroom, parse_time
from lessons.content.text import LANGUAGES, text_table

HELP = (
    "the class gradebook of a folder of learners' progress files: "
    "recomputed scores, correct rates, most-missed questions"
)


def add_arguments(parser) -> None:
    parser.add_argument("folder", metavar="DIR", help="folder holding the collected (handed-in) progress files")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the summary as JSON")
    out.add_argument(
        "--csv", action="store_true", help="print the gradebook as CSV (UTF-8 with BOM; Canvas/Moodle columns)"
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report (default: en)")
    parser.add_argument("--due", metavar="DATE", help="due date/time (ISO 8601); later hand-ins are marked late "
                        "(default: $PI_LESSONS_DUE)")
    parser.add_argument("--marks", metavar="CSV", help="the teacher's marks of the Lesson 4 writing task "
                        "(learner,criterion,points); with --csv, adds a column per rubric criterion")
    parser.add_argument(
        "--retries-count",
        action="store_true",
        default=None,
        help="count each question's latest answer instead of its first (default: $PI_LESSONS_RETRIES_COUNT)",
    )


def _pct(right: int, total: int) -> str:
    return f"{round(100 * right / total)}%" if total else "-"


def run(args) -> int:
    due: dt.datetime | None | EllipsisType = ...  # ... = the classroom's setting
    if args.due is not None:
        due = parse_time(args.due)
        if due is None:
            raise LessonsError.of("bad_due", value=terminal_safe(args.due))
    summary = summarise(args.folder, due=due, retries_count=args.retries_count, classroom=Classroom.from_env())
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1))
        return 0
    if args.csv:
        sys.stdout.flush()
        gradebook = to_csv(summary, args.lang)
        if getattr(args, "marks", None):  # the writing task's rubric marks (lessons.classroom.writing)
            from lessons.classroom.writing import gradebook_with_marks, load_writing_task, read_marks

            task = load_writing_task()
            gradebook = gradebook_with_marks(gradebook, summary.learners, read_marks(args.marks, task), task, args.lang)
        sys.stdout.buffer.write(gradebook.encode("utf-8"))
        sys.stdout.buffer.flush()
        return 0
    content, lang = load_content(), args.lang
    t = lambda key, **v: content.text(f"class_summary.{key}", lang, **v)  # noqa: E731
    p = terminal_safe  # everything from a student's file is shown escaped
    out = []
    if summary.due:
        out.append(t("due", due=summary.due))
    out.append(t("retries_latest" if summary.retries_count else "retries_first"))
    if summary.empty:
        out.append(t("empty", folder=p(args.folder)))
    else:
        exercises = summary.exercises
        rows = [[t("student_id"), t("learner"), *(exercise_name(e, lang) for e in exercises), t("total"),
                 t("last_activity"), t("handed_in"), t("flags")]]
        for r in summary.learners:
            cells = [f"{r.scores[e][0]}/{r.scores[e][1]}" if e in r.scores else "-" for e in exercises]
            notes = [t(f"flag_{f}") for f in r.flags]
            if r.practice:
                notes.append(t("practice", n=r.practice))
            rows.append(
                [
                    p(r.student_id or "-"),
                    p(r.learner),
                    *cells,
                    f"{r.score}/{r.total} ({_pct(r.score, r.total)})",
                    r.last_activity or "-",
                    r.handed_in or "-",
                    "; ".join(notes) or "-",
                ]
            )
        out += [f"{t('learners')} ({len(summary.learners)})", *text_table(rows), ""]
        if summary.questions:
            rows = [[t("question"), t("answered"), t("correct_rate"), t("most_wrong"), t("concept")]]
            rows += [[p(q.title(lang)), str(q.answered), f"{q.correct}/{q.answered} ({_pct(q.correct, q.answered)})",
                      p(q.wrong_answer(lang)) if q.wrong_answer else "-", q.concept(lang) if q.concept else "-"]
                     for q in summary.questions]
            out += [t("questions"), *text_table(rows), "", t("most_missed")]
            out += [f"  {p(q.title(lang))}: {_pct(q.correct, q.answered)}" for q in summary.most_missed()] or ["  -"]
        else:
            out.append(t("no_answers"))
    if summary.skipped:
        out += ["", f"{t('skipped')} ({len(summary.skipped)})"]
        out += [f"  {p(s.file)}: {t('skip_' + s.reason)}" for s in summary.skipped]
    print("\n".join(out))
    return 0
