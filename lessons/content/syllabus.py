"""The list of lessons shown on the start page."""
from __future__ import annotations

from dataclasses import dataclass

from lessons.content.reader import CONTENT_DIR, entries
from lessons.content.text import Text


@dataclass(frozen=True)
class Lesson:
    id: str
    file: str
    minutes: int
    title: Text
    summary: Text


def load_lessons(path=None) -> list[Lesson]:
    return [Lesson(e.str("id"), e.str("file"), e.int("minutes", 1), e.text("title"), e.text("summary"))
            for e in entries(path or CONTENT_DIR / "lessons.yaml")]
