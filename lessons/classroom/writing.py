"""A case-analysis writing task: the learner writes and hands in; the teacher marks it against a rubric.

The task (``data/content/writing_gc194.yaml``) has a prompt, rubric criteria with points, and a model
answer the learner sees only after handing in. The hand-in is saved through ``Progress`` as an exercise
record (``answers`` = {"text", "handed_in"}; no machine score: ``total`` 0). The teacher marks in a CSV
file with the columns ``learner,criterion,points`` (the learner by student number, or by name where there
is none); ``read_marks`` checks it against the rubric and ``gradebook_with_marks`` adds one column per
criterion (and the essay's total) to the class gradebook CSV.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lessons.classroom.exercise_models import Exercise
from lessons.content.errors import ContentError, LessonsError, Term
from lessons.content.reader import CONTENT_DIR, Entry, read_yaml, shown
from lessons.content.text import Text

MARKS_COLUMNS = ("learner", "criterion", "points")
MAX_MARKS_BYTES = 2_000_000  # a class of 40 with five criteria is a few kilobytes


@dataclass(frozen=True)
class Criterion:
    id: str
    points: int
    name: Text   # a short name, for the gradebook column
    text: Text


@dataclass(frozen=True)
class WritingTask:
    id: str               # the exercise id it is saved under
    title: Text
    short_title: Text     # for gradebook columns
    prompt: Text
    clauses: tuple[str, ...]
    min_chars: dict[str, int]
    max_chars: int
    criteria: tuple[Criterion, ...]
    model_answer: Text

    @property
    def total(self) -> int:
        return sum(c.points for c in self.criteria)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)


def load_writing_task(path: Path | str | None = None) -> WritingTask:
    """The task; bad content raises a one-line ContentError naming the file, the entry and the field."""
    path = Path(path) if path is not None else CONTENT_DIR / "writing_gc194.yaml"
    data = read_yaml(path)
    e = Entry(data, path, f"'{data.get('id')}'" if isinstance(data, dict) else "#1")
    clauses = e.raw("clauses")
    if not isinstance(clauses, list) or not all(isinstance(c, str) for c in clauses):
        e.fail("clauses", "must be a list of clause ids")
    min_chars = e.raw("min_chars")
    if not isinstance(min_chars, dict) or set(min_chars) != {"en", "zh"} or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in min_chars.values()):
        e.fail("min_chars", "must give a whole number for 'en' and for 'zh'")
    raw = e.raw("criteria")
    if not isinstance(raw, list) or not raw:
        e.fail("criteria", "must be a non-empty list")
    criteria, seen = [], set()
    for number, item in enumerate(raw, 1):
        c = Entry(item, path, f"{e.label}: criterion #{number}")
        cid = c.str("id")
        if cid in seen:
            c.fail("id", "is used by an earlier criterion too")
        seen.add(cid)
        criteria.append(Criterion(cid, c.int("points", 1), c.text("name"), c.text("text")))
    max_chars = e.int("max_chars", 1)
    if max_chars < max(min_chars.values()):
        e.fail("max_chars", "is below min_chars")
    return WritingTask(e.str("id"), e.text("title"), e.text("short_title"), e.text("prompt"), tuple(clauses),
                       dict(min_chars), max_chars,
                       tuple(criteria), e.text("model_answer"))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@dataclass
class Essay:
    """One learner's essay: a draft until handed in, then fixed. ``record()`` is what ``Progress`` saves."""

    task: WritingTask
    text: str = ""
    handed_in: str | None = None   # ISO time (UTC) of the hand-in
    clock: object = field(default=_now, repr=False)

    def problem(self, lang: str) -> tuple[str, dict] | None:
        """Why the text cannot be handed in yet, as (text key, values), or None."""
        n = len(self.text.strip())
        if n < self.task.min_chars[lang]:
            return "too_short", {"n": n, "min": self.task.min_chars[lang]}
        if n > self.task.max_chars:
            return "too_long", {"n": n, "max": self.task.max_chars}
        return None

    def write(self, text: str) -> None:
        if self.handed_in is not None:
            raise LessonsError.of("essay_handed_in")
        self.text = text

    def hand_in(self, lang: str) -> bool:
        """Hand in (once); False, with nothing changed, while ``problem(lang)`` stands."""
        if self.handed_in is not None:
            return True
        if self.problem(lang) is not None:
            return False
        self.handed_in = self.clock().isoformat()  # type: ignore[operator]
        return True

    @property
    def model_answer_visible(self) -> bool:
        return self.handed_in is not None

    def record(self) -> dict:
        """Handed in: {"text", "handed_in"}; before, the draft (kept so that a closed page loses nothing)."""
        if self.handed_in:
            answers = {"text": self.text, "handed_in": self.handed_in}
        else:
            answers = {"draft": self.text} if self.text.strip() else {}
        return {"exercise": self.task.id, "answers": answers, "correct": {}, "score": 0, "total": 0}

    def restore(self, answers: dict) -> None:
        text, when, draft = answers.get("text"), answers.get("handed_in"), answers.get("draft")
        if isinstance(text, str) and isinstance(when, str):
            self.text, self.handed_in = text, when
        else:
            self.text, self.handed_in = (draft if isinstance(draft, str) else ""), None


class EssayExercise(Exercise):
    """The essay as an exercise model (unscored: the teacher marks it against the rubric, see ``read_marks``).

    ``answers`` mirror ``Essay.record()``'s: the draft, or the handed-in text and time.
    """

    SCORED = False

    def __init__(self, task: WritingTask, clock=None):
        super().__init__()
        self.essay = Essay(task, clock=clock) if clock is not None else Essay(task)

    @property
    def question_ids(self) -> list[str]:
        return ["draft", "text", "handed_in"]

    def normalise(self, question_id: str, raw):
        return raw if isinstance(raw, str) and raw else None

    def is_correct(self, question_id: str, answer) -> bool:
        return False

    def sync(self) -> None:
        """The answers follow the essay after a write or a hand-in."""
        self.answers = self.essay.record()["answers"]

    def restore(self, answers: dict, first: dict | None = None) -> None:
        self.essay.restore(answers or {})
        self.sync()

    def feedback_shown(self) -> list[str]:
        return ["text", "handed_in"] if self.essay.handed_in else []

    def record(self) -> dict:
        record = self.essay.record()
        return {k: record[k] for k in ("answers", "correct", "score", "total")}


# -- the teacher's marks ---------------------------------------------------------------------------------
def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


Marks = dict[str, dict[str, float]]  # learner key -> criterion id -> points


def read_marks(path: Path | str, task: WritingTask) -> Marks:
    """The marks CSV (``learner,criterion,points``, UTF-8, a header row); one-line LessonsError naming the row."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_MARKS_BYTES:
            raise LessonsError.of("marks_too_large", file=shown(path), limit=f"{MAX_MARKS_BYTES:,}")
        raw = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise LessonsError.of("no_such_file", file=shown(path)) from None
    except UnicodeDecodeError:
        raise LessonsError.of("marks_not_utf8", file=shown(path)) from None
    except OSError as exc:
        problem = Term(str(exc.strerror), "errors.os_problem")
        raise LessonsError.of("cannot_read", file=shown(path), problem=problem) from None
    rows = list(csv.reader(io.StringIO(raw)))
    if not rows or [h.strip().lower() for h in rows[0]] != list(MARKS_COLUMNS):
        raise LessonsError.of("marks_header", file=shown(path), header=",".join(MARKS_COLUMNS))
    marks: Marks = {}
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        where = {"file": shown(path), "row": number}
        if len(row) != 3:
            raise LessonsError.of("marks_cells", **where, cells=len(row))
        learner, cid, points = (cell.strip() for cell in row)
        criterion = task.criterion(cid)
        if not learner:
            raise LessonsError.of("marks_no_learner", **where)
        if criterion is None:
            raise LessonsError.of("marks_criterion", **where, name=repr(cid[:40]),
                                  options=", ".join(c.id for c in task.criteria))
        try:
            value = float(unicodedata.normalize("NFKC", points))
        except ValueError:
            raise LessonsError.of("marks_points", **where, value=repr(points[:20])) from None
        if not 0 <= value <= criterion.points:
            raise LessonsError.of("marks_range", **where, value=f"{value:g}", name=cid, limit=criterion.points)
        given = marks.setdefault(_key(learner), {})
        if cid in given:
            raise LessonsError.of("marks_twice", **where, name=cid, learner=learner[:40])
        given[cid] = value
    return marks


def marks_for(marks: Marks, learner: str, student_id: str | None) -> dict[str, float]:
    """A learner's marks, found by student number first, then by name."""
    if student_id and _key(student_id) in marks:
        return marks[_key(student_id)]
    return marks.get(_key(learner), {})


def marks_columns(task: WritingTask, lang: str) -> list[str]:
    """Gradebook column names: one per criterion and the essay's total, e.g. "GC 194 analysis: joint crime (3)"."""
    name = task.short_title(lang)
    if lang == "zh":
        return [f"{name}：{c.name.zh}（{c.points}分）" for c in task.criteria] + [f"{name}（{task.total}分）"]
    return [f"{name}: {c.name.en} ({c.points})" for c in task.criteria] + [f"{name} ({task.total})"]


def gradebook_with_marks(gradebook_csv: str, learners, marks: Marks, task: WritingTask, lang: str = "en") -> str:
    """The class gradebook CSV (``class_summary.to_csv``) with the essay's points per criterion added
    before its last column; ``learners`` are the summary's rows in the same order (``.learner``, ``.student_id``)."""
    text = gradebook_csv.removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or len(rows) != len(learners) + 1:
        raise ContentError("the gradebook and the learners do not match")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*rows[0][:-1], *marks_columns(task, lang), rows[0][-1]])
    for row, learner in zip(rows[1:], learners, strict=True):
        given = marks_for(marks, learner.learner, learner.student_id)
        cells = [f"{given[c.id]:g}" if c.id in given else "" for c in task.criteria]
        total = f"{sum(given.values()):g}" if given else ""
        writer.writerow([*row[:-1], *cells, total, row[-1]])
    return "\ufeff" + out.getvalue()


@dataclass(frozen=True)
class HandedIn:
    learner: str
    student_id: str | None
    text: str
    handed_in: str


def collect_essays(folder: Path | str, task: WritingTask) -> list[HandedIn]:
    """Every handed-in essay in a folder of progress files (unreadable files are left to the class summary)."""
    from lessons.classroom.progress import read_progress_file

    out = []
    for path in sorted(Path(folder).rglob("*.json")):
        data, problem = read_progress_file(path)
        if data is None or problem is not None:
            continue
        answers = data["exercises"].get(task.id, {}).get("answers", {})
        if isinstance(answers.get("text"), str) and isinstance(answers.get("handed_in"), str):
            out.append(HandedIn(data["learner"], data.get("student_id"), answers["text"], answers["handed_in"]))
    return out
