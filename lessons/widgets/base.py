"""The one widget pattern of the course.

A lesson widget is a VBox with private children, a language switch, and one render path
``_update()`` that every observer calls. Results are kept in the ``value`` trait (and in
HTML/Label values), so headless tests can read them. Constructors never display anything.
"""
from __future__ import annotations

import html

import ipywidgets as w
import traitlets

from ..content import Content, load_content
from ..store import preferred_language, set_preferred_language
from ..text import LANGUAGE_NAMES, LANGUAGES


class LessonWidget(w.VBox):
    """Base class: content, title and language switch, ``value`` result, one ``_update()``.

    Subclasses set ``TITLE_KEY``, build their private children, call ``self._compose(...)``
    once and implement ``_render()``; every observer calls ``self._update()``.
    """

    TITLE_KEY = "common.course_title"
    value = traitlets.Dict(help="The widget's current result, for tests and saved progress.")

    def __init__(self, content: Content | None = None, lang: str | None = None, remember_language: bool = True):
        super().__init__()
        self._content = content if content is not None else load_content()
        self._rendering = False
        self._remember = remember_language
        self._lang = w.ToggleButtons(
            options=[(LANGUAGE_NAMES[code], code) for code in LANGUAGES],
            value=lang if lang in LANGUAGES else preferred_language(),
            tooltips=["Show texts in English", "以简体中文显示"],
            style={"button_width": "90px"},
        )
        self._lang.add_class("pi-lang")
        self._lang.observe(self._on_language, names="value")
        self._title = w.HTML()
        self._title.add_class("pi-title")
        self.add_class("pi-lesson-widget")

    def _compose(self, *body: w.Widget) -> None:
        header = w.HBox([self._title, self._lang], layout=w.Layout(justify_content="space-between", align_items="center"))
        self.children = (header, *body)
        self._update()

    @property
    def lang(self) -> str:
        return self._lang.value

    @lang.setter
    def lang(self, code: str) -> None:
        self._lang.value = code

    def _on_language(self, _change) -> None:
        if self._remember:
            set_preferred_language(self.lang)
        self._update()

    def _t(self, key: str, **values) -> str:
        return self._content.text(key, self.lang, **values)

    def _update(self) -> None:
        """The one render path: redraw everything from the current state."""
        if self._rendering:  # relabelling controls inside _render() fires observers again
            return
        self._rendering = True
        try:
            self._title.value = f"<h3>{esc(self._t(self.TITLE_KEY))}</h3>"
            self._render()
        finally:
            self._rendering = False

    def _render(self) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def __repr__(self) -> str:
        # Stored notebook outputs show this text before a lesson is run: short, stable, bilingual.
        return f"{type(self).__name__}: run this cell to use it / 运行本单元格即可使用"


def esc(text: str) -> str:
    return html.escape(str(text), quote=False)


def clause_html(content: Content, clause_id: str, lang: str) -> str:
    """A quoted clause: its citation, the controlling Chinese text and (in English) the rendering."""
    p = content.provisions[clause_id]
    zh = f'<blockquote class="pi-clause-zh" lang="zh">{esc(p.text.zh)}</blockquote>'
    if not p.verbatim:
        zh = zh.replace("<blockquote", "<blockquote title='summary / 摘要'") + ("<small>（摘要，非原文）</small>" if lang == "zh" else "<small>(summary, not the verbatim text)</small>")
    if lang == "zh":
        return f"<div class='pi-clause'><b>{esc(p.cite.zh)}</b>{zh}</div>"
    en = f'<blockquote class="pi-clause-en">{esc(p.text.en)}</blockquote>'
    return f"<div class='pi-clause'><b>{esc(p.cite.en)}</b>{zh}{en}<small>Unofficial English rendering; the Chinese text controls.</small></div>"


class ExerciseWidget(LessonWidget):
    """A lesson widget whose answers are scored and saved.

    Protocol every exercise follows (saved progress and the class summary rely on it):

    - ``EXERCISE_ID``: a stable id such as ``"lesson1.selfcheck"``;
    - ``value`` is kept as ``{"exercise": EXERCISE_ID, "answers": {question_id: answer},
      "correct": {question_id: bool}, "score": int, "total": int}``; answers are plain JSON
      values (str, number, bool, list of str);
    - ``restore(answers)`` puts saved answers back into the controls and re-renders.
    """

    EXERCISE_ID = ""

    def restore(self, answers: dict) -> None:  # pragma: no cover - every exercise overrides it
        raise NotImplementedError


def set_options(dropdown, options: list[tuple[str, str]]) -> None:
    """Relabel a Dropdown (e.g. on a language switch) without losing its selected value.

    ipywidgets resets the selection when ``options`` change, so restore it afterwards.
    """
    current = dropdown.value
    if list(dropdown.options) == options:
        return
    dropdown.options = options
    if current in {value for _, value in options}:
        dropdown.value = current
