"""Bilingual text: every learner-facing string exists in English and Simplified Chinese."""
from __future__ import annotations

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
        from .errors import LessonsError

        raise LessonsError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return lang
