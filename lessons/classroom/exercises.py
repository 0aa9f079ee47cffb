"""The course's exercises: the one registry of their ids, lessons, titles and old ids.

An exercise's id is what its widget saves under (``EXERCISE_ID``) and what the class summary
grades by. An id can be renamed: the old one stays in ``aliases``, records saved under it are read
under the new id (``resolve``) and written under it with the learner's next save.
"""
from __future__ import annotations

from dataclasses import dataclass

from lessons.content.text import Text


@dataclass(frozen=True)
class Exercise:
    """One saved exercise: ``scored`` ones are marked against an answer key for the gradebook."""

    id: str
    lesson: int
    title: Text
    scored: bool
    aliases: tuple[str, ...] = ()


EXERCISES = (
    Exercise("lesson1.selfcheck", 1, Text(en="Lesson 1 self-check", zh="第1课 自测"), scored=True),
    Exercise("lesson2.labelling", 2, Text(en="Lesson 2 labelling", zh="第2课 标注"), scored=True),
    Exercise("lesson3.builder", 3, Text(en="Lesson 3 scenario builder", zh="第3课 情景构建"), scored=False),
    Exercise("lesson4.cases", 4, Text(en="Lesson 4 case predictions", zh="第4课 案例预测"), scored=True),
    # Marked by the teacher against its rubric (``lessons.classroom.writing.read_marks``), not by a key.
    Exercise("lesson4.gc194_analysis", 4, Text(en="Lesson 4 case analysis (Guiding Case 194)",
                                                zh="第4课 案例分析（指导案例194号）"), scored=False),
    # Lesson 4 (court cases) was inserted later, so the plan and the review moved one lesson on.
    Exercise("lesson5.plan", 5, Text(en="Lesson 5 action plan", zh="第5课 行动计划"), scored=False,
             aliases=("lesson4.plan",)),
    Exercise("lesson6.review", 6, Text(en="Lesson 6 review", zh="第6课 复习"), scored=True,
             aliases=("lesson5.review",)),
)
_BY_ID = {name: e for e in EXERCISES for name in (e.id, *e.aliases)}


def find(exercise_id: str) -> Exercise | None:
    """The exercise with this id or old id, or None (an id the course does not know)."""
    return _BY_ID.get(exercise_id)


def canonical(exercise_id: str) -> str:
    """The current id for ``exercise_id`` (an unknown id is kept as it is)."""
    found = _BY_ID.get(exercise_id)
    return found.id if found else exercise_id


def title(exercise_id: str, lang: str) -> str:
    """The exercise's title in ``lang`` (an unknown id is shown as it is)."""
    found = find(exercise_id)
    return found.title(lang) if found else exercise_id


def scored_ids() -> tuple[str, ...]:
    return tuple(e.id for e in EXERCISES if e.scored)


def unscored_ids() -> tuple[str, ...]:
    """Exercises saved and restored but never marked."""
    return tuple(e.id for e in EXERCISES if not e.scored)


def resolve(records: dict) -> dict:
    """``records`` by exercise id with old ids renamed; a record under the current id wins over an old one."""
    out = {canonical(k): v for k, v in records.items() if canonical(k) != k}
    out.update({k: v for k, v in records.items() if canonical(k) == k})
    return out
