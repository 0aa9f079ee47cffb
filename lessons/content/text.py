"""Bilingual text: every learner-facing string exists in English and Simplified Chinese."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}


@dataclass(frozen=True)
class Text:
    """One text in both languages."""

    en: str
    zh: str

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def check_language(lang: str) -> str:
    """Return ``lang`` if supported, else raise a clear error."""
    if lang not in LANGUAGES:
        from lessons.content.errors import LessonsError

        raise LessonsError.of("unknown_language", name=repr(lang), options=", ".join(LANGUAGES))
    return lang


def colon(lang: str) -> str:
    """The colon after a label: full width in Chinese (no space after), "": " in English."""
    return "：" if lang == "zh" else ": "


def in_parentheses(text: str, lang: str) -> str:
    """``text`` in parentheses of the language: "（条）" in Chinese, " (pieces)" in English."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def listing(items, lang: str) -> str:
    """Items as a list in a sentence: "、" between them in Chinese, ", " in English."""
    return ("、" if lang == "zh" else ", ").join(items)


def text_table(rows: list[list[str]], header_rule: bool = False) -> list[str]:
    """Rows of cells as aligned console lines; Chinese characters count as two columns."""
    def width(cell: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in cell)

    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell + " " * (w - width(cell)) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows
    ]
    if header_rule:
        lines.insert(1, "  ".join("-" * w for w in widths))
    return lines
