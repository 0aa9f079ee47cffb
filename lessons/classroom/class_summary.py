"""Class summary for teachers: a gradebook from a folder of learners' progress files.

Scores are never taken from the files: every answer is marked again against the current answer
keys (``lessons.classroom.grading``); a file whose stored score disagrees is flagged. By default
the first answer of a question counts (the one given before its feedback was shown); later
answers are practice (``retries_count`` makes the latest answer count). Every readable file is a
row: two files of one learner (same student number, or same name without one) are shown side
by side and flagged, never merged or dropped. Files that are not readable progress files are
listed as skipped. The work is linear in the number of files.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import EllipsisType
from typing import Callable

from lessons.content.errors import LessonsError
from lessons.content.files import terminal_safe
from lessons.content.text import LANGUAGES, Text
from lessons.classroom.exercises import scored_ids, title, unscored_ids
from lessons.classroom.grading import AnswerKeys
from lessons.classroom.progress import identity_key, name_key, read_progress_file
from lessons.classroom.settings import Classroom, parse_time

FORMAT = "pi-lessons.class-summary.v1"  # fields were only added, so the version stays
FLAGS = ("score_mismatch", "duplicate", "bad_date", "future_date", "late", "unknown_questions")
CSV_FIXED = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")  # Canvas's gradebook layout
CSV_TOTAL = "Final Points"  # a read-only column of Canvas's layout, so an import does not make it an assignment
FUTURE_SLACK = dt.timedelta(days=1)


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str  # unreadable | not_json | foreign | too_large | not_a_file


@dataclass(frozen=True)
class LearnerRow:
    learner: str
    file: str
    scores: dict[str, tuple[int, int]]  # exercise id -> (recomputed score, questions in the key)
    student_id: str | None = None
    course_total: int | None = None  # every learner is graded out of the whole course
    stored_score: int = 0
    flags: tuple[str, ...] = ()
    last_activity: str | None = None
    handed_in: str | None = None
    practice: int = 0  # answers given after the feedback was shown (not counted)

    @property
    def score(self) -> int:
        return sum(s for s, _ in self.scores.values())

    @property
    def total(self) -> int:
        return self.course_total if self.course_total is not None else sum(t for _, t in self.scores.values())

    @property
    def identity(self) -> str:
        return identity_key(self.learner, self.student_id)


@dataclass(frozen=True)
class QuestionStat:
    exercise: str
    question: str
    answered: int
    correct: int
    text: Text | None = None
    concept: Text | None = None
    wrong_answer: Text | None = None  # the most chosen wrong answer, in both languages
    wrong_count: int = 0
    number: int = 0  # its place in the exercise (1 = the first question): "Q3" on screen, never the id

    @property
    def id(self) -> str:
        return f"{self.exercise}/{self.question}"

    @property
    def rate(self) -> float:
        return self.correct / self.answered if self.answered else 0.0

    def title(self, lang: str) -> str:
        return self.text(lang) if self.text else self.id


@dataclass(frozen=True)
class ClassSummary:
    folder: Path
    learners: tuple[LearnerRow, ...]
    questions: tuple[QuestionStat, ...]
    skipped: tuple[Skipped, ...] = field(default=())
    due: str | None = None
    retries_count: bool = False

    @property
    def exercises(self) -> list[str]:
        return sorted({e for row in self.learners for e in row.scores})

    @property
    def empty(self) -> bool:
        return not self.learners

    def most_missed(self, n: int = 5) -> list[QuestionStat]:
        """The questions with the lowest correct rate (only those someone got wrong)."""
        missed = [q for q in self.questions if q.correct < q.answered]
        return sorted(missed, key=lambda q: (q.rate, -q.answered, q.id))[:n]

    def to_dict(self) -> dict:
        """A JSON-ready, versioned form (``python -m lessons summary DIR --json``)."""
        return {
            "format": FORMAT,
            "folder": str(self.folder),
            "due": self.due,
            "retries_count": self.retries_count,
            "exercises": self.exercises,
            "learners": [{"learner": r.learner, "file": r.file, "score": r.score, "total": r.total,
                          "exercises": {e: {"score": s, "total": t} for e, (s, t) in sorted(r.scores.items())},
                          "student_id": r.student_id, "stored_score": r.stored_score, "flags": list(r.flags),
                          "last_activity": r.last_activity, "handed_in": r.handed_in, "late": "late" in r.flags,
                          "practice": r.practice}
                         for r in self.learners],
            "questions": [_stat(q) for q in self.questions],
            "most_missed": [_stat(q) for q in self.most_missed()],
            "skipped": [{"file": s.file, "reason": s.reason} for s in self.skipped],
        }


def _text(t: Text | None) -> dict | None:
    return {lang: t(lang) for lang in LANGUAGES} if t else None


def _stat(q: QuestionStat) -> dict:
    return {"exercise": q.exercise, "question": q.question, "answered": q.answered, "correct": q.correct,
            "rate": round(q.rate, 4), "text": _text(q.text), "concept": _text(q.concept),
            "wrong_answer": _text(q.wrong_answer), "wrong_count": q.wrong_count, "number": q.number}


def _iso(when: dt.datetime | None) -> str | None:
    return when.isoformat(timespec="seconds") if when else None


def _files(folder: Path) -> list[Path]:
    """Every entry but folders (FIFOs, devices and broken or looping links too, to be listed as
    skipped); links to folders are not followed, so a link loop ends."""
    return sorted(p for p in folder.rglob("*") if not p.is_dir()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def summarise(folder: Path | str, keys: AnswerKeys | None = None, due: dt.datetime | None | EllipsisType = ...,
              retries_count: bool | None = None, now: Callable[[], dt.datetime] | None = None,
              classroom: Classroom | None = None) -> ClassSummary:
    """Read every file under ``folder`` (subfolders too; hidden files are ignored) into a gradebook.

    ``keys`` default to the course's answer keys; ``due`` and ``retries_count`` default to the
    settings ``classroom`` (default: none set). Raises LessonsError (one line) if ``folder``
    does not exist or is not a folder.
    """
    folder = Path(folder)
    if not folder.exists():
        raise LessonsError.of("no_such_folder", folder=folder)
    if not folder.is_dir():
        raise LessonsError.of("file_not_progress_folder", folder=folder)
    if keys is None:
        from lessons.content.course import load_content
        from lessons.classroom.grading import load_answer_keys

        keys = load_answer_keys(load_content())
    room = classroom if classroom is not None else Classroom()
    due = room.due if isinstance(due, EllipsisType) else due
    retries = room.retries_count if retries_count is None else retries_count
    latest_ok = (now or (lambda: dt.datetime.now(dt.timezone.utc)))() + FUTURE_SLACK
    skipped, rows = [], []
    answered: Counter = Counter()
    right: Counter = Counter()
    wrong: dict[tuple[str, str], Counter] = {}
    for path in _files(folder):
        rel = path.relative_to(folder).as_posix()
        data, problem = read_progress_file(path)
        if problem is not None:
            skipped.append(Skipped(rel, problem))
            continue
        assert data is not None  # read_progress_file gives data exactly when it finds no problem
        flags, scores, stored, practice, times = set(), {}, 0, 0, []
        for exercise, record in data["exercises"].items():
            updated = record.get("updated")
            when = parse_time(updated)
            if updated is not None and when is None:
                flags.add("bad_date")
            elif when is not None and when > latest_ok:
                flags.add("future_date")
            elif when is not None:
                times.append(when)
            if exercise not in keys.exercises or exercise in unscored_ids():  # saved and restored, not marked
                continue
            answers = record["answers"]
            counted = answers if retries else {**answers, **record.get("first", {})}
            marked = keys.mark(exercise, counted)
            now_marked = keys.mark(exercise, answers)
            stored += record["score"]
            if (record["score"] != sum(now_marked.values()) or record["total"] != keys.total(exercise)
                    or any(record["correct"].get(q, False) != ok for q, ok in now_marked.items())):
                flags.add("score_mismatch")
            not_marked = keys.practice(exercise)  # answered for practice: known, but never marked here
            if len(answers) > len(now_marked) + sum(1 for q, a in answers.items()
                                                    if a in (None, "", []) or q in not_marked):
                flags.add("unknown_questions")
            attempts = record.get("attempts", {})
            practice += sum(n - 1 for q, n in attempts.items() if n > 1 and q in keys.exercises[exercise])
            scores[exercise] = (sum(marked.values()), keys.total(exercise))
            for qid, ok in marked.items():
                answered[(exercise, qid)] += 1
                right[(exercise, qid)] += ok
                if not ok:
                    value = counted[qid]
                    wrong.setdefault((exercise, qid), Counter())[
                        json.dumps(value, ensure_ascii=False, sort_keys=True)
                    ] += 1
        handed = data.get("handed_in")
        handed_at = parse_time(handed)
        if handed is not None and (handed_at is None or handed_at > latest_ok):
            flags.add("bad_date")
            handed_at = None
        if handed_at and due and handed_at > due:
            flags.add("late")
        rows.append(LearnerRow(data["learner"], rel, scores, data.get("student_id"), keys.course_total, stored,
                               tuple(sorted(flags)), _iso(max(times, default=None)), _iso(handed_at), practice))
    groups: dict[str, list[LearnerRow]] = {}
    for row in rows:
        groups.setdefault(row.identity, []).append(row)
    ordered = []
    for _identity, found in sorted(groups.items(), key=lambda kv: (min(name_key(r.learner) for r in kv[1]), kv[0])):
        for row in sorted(found, key=lambda r: r.file):
            if len(found) > 1:  # shown side by side for the teacher to decide, neither one dropped
                row = LearnerRow(**{**row.__dict__, "flags": tuple(sorted({*row.flags, "duplicate"}))})
            ordered.append(row)
    stats = []
    for (exercise, qid), n in sorted(answered.items()):
        key = keys.exercises[exercise][qid]
        top = wrong.get((exercise, qid), Counter()).most_common(1)
        label = None
        if top:
            value = json.loads(top[0][0])
            label = Text(**{lang: key.label(value, lang) for lang in LANGUAGES})
        stats.append(QuestionStat(exercise, qid, n, right[(exercise, qid)], key.text, key.concept, label,
                                  top[0][1] if top else 0, keys.number(exercise, qid)))
    return ClassSummary(folder, tuple(ordered), tuple(stats), tuple(sorted(skipped, key=lambda s: s.file)),
                        _iso(due), retries)


def exercise_name(exercise: str, lang: str) -> str:
    return title(exercise, lang)


def to_csv(summary: ClassSummary, lang: str = "en") -> str:
    """The gradebook as CSV text starting with a UTF-8 BOM (Excel then reads Chinese names).

    Columns follow Canvas's gradebook layout (``Student, ID, SIS User ID, SIS Login ID, Section``,
    one column per scored exercise, ``Final Points``); Moodle's CSV grade import maps "SIS User ID"
    to the user's ID number. See the README.
    """
    exercises = sorted(e for e in scored_ids() if any(e in r.scores for r in summary.learners)) or sorted(scored_ids())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*CSV_FIXED, *(exercise_name(e, lang) for e in exercises), CSV_TOTAL])
    for r in summary.learners:
        cells = [str(r.scores[e][0]) if e in r.scores else "" for e in exercises]
        writer.writerow([csv_safe(r.learner), "", csv_safe(r.student_id or ""), "", "", *cells, str(r.score)])
    return "\ufeff" + out.getvalue()


def csv_safe(text: str) -> str:
    """A text cell that a spreadsheet will not run as a formula (=, +, -, @ start a formula)."""
    text = terminal_safe(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def bar_chart_svg(bars: list[tuple[str, float]], title: str = "") -> str:
    """A horizontal bar chart (rates 0..1) as inline SVG; no plotting library needed."""
    row, label_w, bar_w = 22, 190, 300
    height = row * len(bars) + 30
    e = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' role='img' class='pi-chart' width='{label_w + bar_w + 60}' "
        f"height='{height}' viewBox='0 0 {label_w + bar_w + 60} {height}' font-family='sans-serif' font-size='12'>",
        f"<title>{e(title)}</title>",
    ]
    for n, (label, rate) in enumerate(bars):
        y = 10 + n * row
        width = round(max(0.0, min(1.0, rate)) * bar_w, 1)
        colour = "#b3261e" if rate < 0.5 else "#c77c02" if rate < 0.75 else "#1b7f3b"
        parts.append(f"<text x='{label_w - 6}' y='{y + 14}' text-anchor='end'>{e(label)}</text>"
                     f"<rect x='{label_w}' y='{y + 3}' width='{bar_w}' height='14' fill='#eeeeee'/>"
                     f"<rect x='{label_w}' y='{y + 3}' width='{width}' height='14' fill='{colour}'/>"
                     f"<text x='{label_w + bar_w + 6}' y='{y + 14}'>{round(rate * 100)}%</text>")
    parts.append("</svg>")
    return "".join(parts)
