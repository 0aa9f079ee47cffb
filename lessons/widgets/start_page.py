"""The start page: choose a language (remembered by every lesson) and see the lesson list."""
from __future__ import annotations

import ipywidgets as w

from lessons.content.course import Content
from lessons.content.syllabus import load_lessons
from lessons.widgets.base import LessonWidget, esc


class StartHere(LessonWidget):
    """The language switch and the lesson list (part ``view``).

    The list links the lessons of the language shown: each language has its own folder of lessons
    (``en/``, ``zh/``) beside the start page's, so ``../<lang>/<file>`` works in JupyterLab and Voilà.
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
        items = "".join(
            f"<li><a href='../{lang}/{esc(l.file)}' target='_self'>{l.id}. {esc(l.title(lang))}</a> — "
            f"{esc(l.summary(lang))} <small>({esc(self._t('start.minutes', minutes=l.minutes))})</small></li>"
            for l in self._lessons
        )
        self._view.value = (f"<p>{esc(self._t('start.language_note'))}</p>"
                            f"<h4>{esc(self._t('start.lessons'))}</h4><ol style='list-style:none;padding-left:0'>{items}</ol>")
        self.value = {"language": lang}
