"""The start page: choose a language (remembered by every lesson) and see the lesson list."""
from __future__ import annotations

import ipywidgets as w

from lessons.content.course import Content
from lessons.content.syllabus import load_lessons
from lessons.widgets.base import LessonWidget
from lessons.widgets.controls import esc

START_FILE = "00-start-here.ipynb"


class StartHere(LessonWidget):
    """The language switch (part ``view``): the lesson list itself is the page's text, readable without a kernel.

    The start page of each language lies in its own folder (``en/``, ``zh/``); after a switch, the
    link opens the course list in the language now shown (``../<lang>/00-start-here.ipynb``).
    """

    TITLE_KEY = "start.title"

    def __init__(self, content: Content | None = None, lang: str | None = None, **kwargs):
        super().__init__(content, lang, **kwargs)
        self._lessons = load_lessons()
        self._view = w.HTML()
        self._view.add_class("pi-start-view")
        self._view.add_class("pi-view")
        self._compose(self._view)

    def _render(self) -> None:
        lang = self.lang
        label = esc(self._t("start.open_list", n=len(self._lessons)))
        link = f"<a href='../{lang}/{START_FILE}' target='_self'>{label}</a>"
        self._view.value = f"<p>{esc(self._t('start.language_note'))}</p><p>{link}</p>"
        self.value = {"language": lang}
