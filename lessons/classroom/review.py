"""Lesson 5 review: questions from ``data/content/questions/*.yaml``, answer checking, scores per lesson.

Solutions stay in the data files; views show them only in the feedback of an answered question.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from lessons.content import numbers
from lessons.content.course import Content
from lessons.content.errors import ContentError, LessonsError
from lessons.content.reader import CONTENT_DIR, Entry, entries, shown
from lessons.content.text import Text

QUESTIONS_DIR = CONTENT_DIR / "questions"
KINDS = ("single", "multiple", "numeric")
SKILLS = ("recall", "apply")
LESSONS = (1, 2, 3, 4, 5)  # Lesson 4 (court cases) was inserted in 2026; the leak plan is Lesson 5


class AnswerError(LessonsError):
    """An answer that cannot be read (e.g. text where a number is expected)."""


@dataclass(frozen=True)
class Option:
    id: str
    text: Text
    why: Text | None = None  # optional: why this option is wrong (or right), shown when it is chosen


@dataclass(frozen=True)
class Question:
    """One review question; ``answer`` is an option id, a tuple of ids, or a number."""

    id: str
    lesson: int
    kind: str
    prompt: Text
    options: tuple[Option, ...]
    answer: str | tuple[str, ...] | float
    feedback: Text
    clauses: tuple[str, ...]
    tolerance: float = 0.0
    unit: Text | None = None
    skill: str = "recall"  # "apply": the learner applies a rule to a fact pattern; "recall": states a rule
    scored: bool = True  # False: a practice item, explained but counted neither in the score nor in the gradebook

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)


def _options(e: Entry) -> tuple[Option, ...]:
    raw = e.raw("options")
    if not isinstance(raw, list) or len(raw) < 2:
        e.fail("options", "needs a list of at least two options")
    out = []
    for number, item in enumerate(raw, 1):
        opt = Entry(item, e.path, f"{e.label} option #{number}")
        for lang in ("en", "zh"):  # a bare number here is usually a text cut short by an unquoted comma
            if not isinstance(opt.raw(lang), str):
                opt.fail(lang, f"must be a text, not {opt.raw(lang)!r}; put the text in quotes")
        out.append(Option(str(opt.raw("id")), Text(en=opt.raw("en").strip(), zh=opt.raw("zh").strip()),
                          opt.text("why", None)))
        if not out[-1].text.en or not out[-1].text.zh:
            opt.fail("en", "both 'en' and 'zh' texts are needed")
    if len({o.id for o in out}) != len(out):
        e.fail("options", "option ids must be different")
    return tuple(out)


def _question(e: Entry, content: Content) -> Question:
    kind = e.choice("kind", KINDS)
    options: tuple[Option, ...] = ()
    tolerance, unit = 0.0, None
    if kind == "numeric":
        answer = e.raw("answer")
        tolerance = e.raw("tolerance", 0)
        if isinstance(answer, bool) or not isinstance(answer, (int, float)):
            e.fail("answer", "must be a number for a numeric question")
        if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or tolerance < 0:
            e.fail("tolerance", "must be a number >= 0")
        answer, unit = float(answer), e.text("unit", None)
    else:
        options = _options(e)
        ids = {o.id for o in options}
        answer = e.raw("answer")
        if kind == "single":
            answer = str(answer)
            if answer not in ids:
                e.fail("answer", f"'{answer}' is not one of the option ids")
        else:
            if not isinstance(answer, list) or not answer or any(str(a) not in ids for a in answer):
                e.fail("answer", "must be a non-empty list of option ids")
            answer = tuple(sorted(str(a) for a in answer))
    clauses = e.raw("clauses")
    if not isinstance(clauses, list) or not clauses:
        e.fail("clauses", "needs a list of at least one clause id")
    for cid in clauses:
        if cid not in content.provisions:
            e.fail("clauses", f"names clause '{cid}', which is not in provisions/")
    lesson = e.int("lesson", 1)
    if lesson not in LESSONS:
        e.fail("lesson", f"must be one of {', '.join(map(str, LESSONS))}")
    skill = e.raw("skill", "recall")
    if skill not in SKILLS:
        e.fail("skill", f"is {skill!r}; expected one of {', '.join(SKILLS)}")
    q = Question(e.str("id"), lesson, kind, e.text("prompt"), options, answer, e.text("feedback"),
                 tuple(clauses), float(tolerance), unit, skill, e.bool("scored", True))
    _check_about(e, q, content)
    return q


def _check_about(e: Entry, q: Question, content: Content) -> None:
    """Questions marked ``about`` must agree with info_types.yaml (so edits there cannot drift)."""
    about = e.raw("about", None)
    if about is None:
        return
    a = Entry(about, e.path, f"{e.label} about")
    asks = a.choice("asks", ("category", "tier"))
    info = content.info_types.get(a.str("info_type"))
    if info is None:
        a.fail("info_type", "is not an id in info_types.yaml")
    expected = info.category if asks == "category" else info.tier
    if q.kind != "single" or q.answer != expected:
        e.fail("answer", f"says {q.answer!r}, but info_types.yaml gives {info.id} the {asks} {expected!r}")


def load_questions(content: Content, folder: Path | str | None = None) -> list[Question]:
    """All questions, ordered by lesson and file order; ContentError (one line) on any problem."""
    folder = Path(folder) if folder is not None else QUESTIONS_DIR
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise ContentError(f"{shown(folder)}: no question files found")
    out: list[Question] = []
    seen: dict[str, Path] = {}
    for path in files:
        for e in entries(path):
            q = _question(e, content)
            if q.id in seen:
                e.fail("id", f"is also used in {shown(seen[q.id])}")
            seen[q.id] = path
            out.append(q)
    return sorted(out, key=lambda q: q.lesson)


def parse_number(text: str) -> int | float:
    """A number typed by a learner (lessons/content/numbers.py: 5,000, ５００条, 五千, 1.5万, "7 years").

    >>> parse_number("５,０００ 条")
    5000
    >>> parse_number("0.5")
    0.5
    """
    try:
        return numbers.parse_number(str(text))
    except numbers.NotANumber:
        raise AnswerError.of("answer_not_a_number", value=repr(str(text))[:60]) from None


def normalise(question: Question, raw) -> str | list[str] | float | None:
    """A control's value as a saved answer (JSON-friendly); None if nothing was given."""
    if question.kind == "numeric":
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        value = float(parse_number(raw) if isinstance(raw, str) else raw)
        if not math.isfinite(value):
            raise AnswerError.of("answer_not_a_number", value=repr(raw)[:60])
        return int(value) if value.is_integer() else value
    if question.kind == "multiple":
        chosen = sorted({str(r) for r in (raw or ())})
        ids = {o.id for o in question.options}
        if any(c not in ids for c in chosen):
            raise AnswerError.of("unknown_options", value=repr(chosen)[:200])
        return chosen or None
    if raw in (None, ""):
        return None
    if str(raw) not in {o.id for o in question.options}:
        raise AnswerError.of("unknown_option", value=repr(raw)[:60])
    return str(raw)


def is_correct(question: Question, answer) -> bool:
    """Whether a (normalised) answer is right; multiple choice needs exactly the right set."""
    if answer is None:
        return False
    if question.kind == "numeric":
        target = question.answer  # a number for a numeric question
        return (
            isinstance(answer, (int, float))
            and isinstance(target, (int, float))
            and abs(float(answer) - target) <= question.tolerance + 1e-9
        )
    if question.kind == "multiple":
        return tuple(sorted(answer)) == question.answer
    return answer == question.answer


def lesson_scores(questions: list[Question], correct: dict[str, bool]) -> dict[int, tuple[int, int, int]]:
    """Per lesson: ``(right, answered, number of questions)``, practice items (``scored: false``) left out."""
    out = {}
    counted = [q for q in questions if q.scored]
    for lesson in sorted({q.lesson for q in counted}):
        ids = [q.id for q in counted if q.lesson == lesson]
        out[lesson] = (sum(correct.get(i, False) for i in ids), sum(i in correct for i in ids), len(ids))
    return out
