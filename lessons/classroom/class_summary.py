"""Class summary for teachers: aggregate learners' progress files from one folder.

Per learner: score per exercise and in total. Per question: how many answered and how many were
right. Files that are not readable progress files are listed as skipped, never fatal.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from lessons.content.errors import LessonsError
from lessons.classroom.progress import name_key, read_progress_file

FORMAT = "pi-lessons.class-summary.v1"


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str  # unreadable | not_json | foreign | duplicate


@dataclass(frozen=True)
class LearnerRow:
    learner: str
    file: str
    scores: dict[str, tuple[int, int]]  # exercise id -> (score, total)

    @property
    def score(self) -> int:
        return sum(s for s, _ in self.scores.values())

    @property
    def total(self) -> int:
        return sum(t for _, t in self.scores.values())


@dataclass(frozen=True)
class QuestionStat:
    exercise: str
    question: str
    answered: int
    correct: int

    @property
    def id(self) -> str:
        return f"{self.exercise}/{self.question}"

    @property
    def rate(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class ClassSummary:
    folder: Path
    learners: tuple[LearnerRow, ...]
    questions: tuple[QuestionStat, ...]
    skipped: tuple[Skipped, ...] = field(default=())

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
            "exercises": self.exercises,
            "learners": [{"learner": r.learner, "file": r.file, "score": r.score, "total": r.total,
                          "exercises": {e: {"score": s, "total": t} for e, (s, t) in sorted(r.scores.items())}}
                         for r in self.learners],
            "questions": [_stat(q) for q in self.questions],
            "most_missed": [_stat(q) for q in self.most_missed()],
            "skipped": [{"file": s.file, "reason": s.reason} for s in self.skipped],
        }


def _stat(q: QuestionStat) -> dict:
    return {"exercise": q.exercise, "question": q.question, "answered": q.answered, "correct": q.correct,
            "rate": round(q.rate, 4)}


def _latest(data: dict) -> str:
    return max((r.get("updated", "") or "" for r in data["exercises"].values()), default="")


def summarise(folder: Path | str) -> ClassSummary:
    """Read every file under ``folder`` (subfolders too; hidden files are ignored).

    Raises LessonsError (one line) if ``folder`` does not exist or is not a folder. A learner
    found in several files counts once, from the most recently updated file.
    """
    folder = Path(folder)
    if not folder.exists():
        raise LessonsError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise LessonsError(f"{folder}: is a file, not a folder of progress files")
    files = sorted(p for p in folder.rglob("*") if p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    skipped, by_learner = [], {}
    for path in files:
        rel = path.relative_to(folder).as_posix()
        data, problem = read_progress_file(path)
        if problem is not None:
            skipped.append(Skipped(rel, problem))
            continue
        by_learner.setdefault(name_key(data["learner"]), []).append((rel, data))
    rows, stats = [], {}
    for found in by_learner.values():
        rel, data = max(found, key=lambda item: _latest(item[1]))  # max keeps the first of equals
        skipped += [Skipped(other, "duplicate") for other, _ in found if other != rel]
        exercises = data["exercises"]
        # Unscored work (total 0, e.g. the Lesson 4 plan) is saved but has no place in a score table.
        rows.append(LearnerRow(data["learner"], rel, {e: (r["score"], r["total"]) for e, r in exercises.items() if r["total"]}))
        for exercise, record in exercises.items():
            for question, ok in record["correct"].items():
                answered, correct = stats.get((exercise, question), (0, 0))
                stats[(exercise, question)] = (answered + 1, correct + bool(ok))
    rows.sort(key=lambda r: (name_key(r.learner), r.file))
    questions = tuple(QuestionStat(e, q, a, c) for (e, q), (a, c) in sorted(stats.items()))
    return ClassSummary(folder, tuple(rows), questions, tuple(sorted(skipped, key=lambda s: s.file)))


def bar_chart_svg(bars: list[tuple[str, float]], title: str = "") -> str:
    """A horizontal bar chart (rates 0..1) as inline SVG; no plotting library needed."""
    row, label_w, bar_w = 22, 190, 300
    height = row * len(bars) + 30
    e = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' role='img' class='pi-chart' width='{label_w + bar_w + 60}' "
             f"height='{height}' viewBox='0 0 {label_w + bar_w + 60} {height}' font-family='sans-serif' font-size='12'>",
             f"<title>{e(title)}</title>"]
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
