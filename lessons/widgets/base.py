"""The one widget pattern of the course.

A lesson widget is a VBox with private children, a language switch, and one render path
``_update()`` that every observer calls. Results are kept in the ``value`` trait (and in
HTML/Label values), so headless tests can read them. Constructors never display anything.
An exercise's state and marking live in its model (``lessons.classroom.exercise_models``,
``widget.model``): the view changes the model, then redraws once from it.

Tests and notebooks use only a small public surface that speaks the learner's acts, never the
private children (a scan in the tests enforces it), so the insides can be rebuilt freely:

- every widget: ``set_language(lang)``, ``title``, ``read(part)`` (plain text), ``html(part)``,
  ``actions`` (buttons that can be pressed now), ``buttons`` (every button's label and tooltip);
- the learner strip (exercises and the Learner page): ``enter_name``, ``start_fresh``, ``confirm``,
  ``cancel``; parts ``learner`` and ``notice``;
- the same verb for the same act everywhere: ``answer(id, ...)``, ``chosen(id)``, ``choices(...)``,
  ``check()``, ``feedback(id)``, ``go_to(id)``, ``next()``/``back()``, ``choose(...)`` (what the widget
  shows or works on), ``set_fact(name, value)``, ``reveal()``, ``upload(data, name)``, ``save(fmt)``,
  ``load(...)``; each widget's docstring lists its own.

A *part* is a child with the CSS class ``pi-<part>``, and a widget carries ``pi-widget-<kind>``:
the browser tests find controls by the very same names.

Accessibility contract (every widget follows it; ``lessons/widgets/aria.py`` does the browser side):

- every control (Dropdown, Text, Checkbox, RadioButtons, ToggleButtons, Select, FileUpload) gets its
  ``description`` in the current language, set in ``_render()``: ipywidgets then links a ``<label for>``;
- where the visible question or label is shown elsewhere (an HTML prompt above a menu), the control also
  gets the CSS class ``pi-label-hidden`` (``hide_label(control)``): its label is then visually hidden but
  stays in the accessibility tree;
- feedback is shown in parts ``pi-feedback``, ``pi-notice``, ``pi-result``, ``pi-score``, ``pi-verdict``,
  ``pi-message``, ``pi-problem`` or ``pi-receipt``: the browser announces their changes (``role="status"``);
- buttons are made with ``button()`` (sized to their label); tables scroll inside their own box on a narrow screen.
"""
from __future__ import annotations

import re

import ipywidgets as w
import traitlets

from lessons.classroom.exercise_models import Exercise, Result
from lessons.classroom.saved_exercise import SavedExercise
from lessons.content.course import Content
from lessons.content.errors import shown_error
from lessons.content.text import LANGUAGE_NAMES, LANGUAGES, check_language, in_parentheses
from lessons.widgets.aria import Aria
from lessons.widgets.controls import esc, hide_label, plain_text
from lessons.widgets.learner_strip import LearnerActions, LearnerStrip, name_problem
from lessons.widgets.page import Page


class LessonWidget(w.VBox):
    """Base class: content, title and language switch, ``value`` result, one ``_update()``.

    Subclasses set ``TITLE_KEY``, build their private children, call ``self._compose(...)``
    once and implement ``_render()``; every observer calls ``self._update()``.
    """

    TITLE_KEY = "common.course_title"
    value = traitlets.Dict(help="The widget's current result, for tests and saved progress.")

    def __init__(self, content: Content | None = None, lang: str | None = None, remember_language: bool = True,
                 page: Page | None = None):
        super().__init__()
        # A widget made on its own gets a page of its own; a lesson passes the page its widgets share.
        self._page = page if page is not None else Page(lang, content, remember=remember_language)
        self._content = content if content is not None else self._page.content
        self._rendering = False
        self._lang = w.ToggleButtons(
            options=[(LANGUAGE_NAMES[code], code) for code in LANGUAGES],
            value=self._page.lang,
            tooltips=["Show texts in English", "以简体中文显示"],
            style={"button_width": "90px"},
        )
        self._lang.add_class("pi-lang")
        hide_label(self._lang)
        self._aria = Aria(self._page.lang)  # ARIA attributes, the widget's lang and the course CSS in the browser
        self._lang.observe(self._on_language, names="value")
        self._page.observe(self._on_page_language, names="lang")
        self._title = w.HTML()
        self._title.add_class("pi-title")
        self.add_class("pi-lesson-widget")
        self.add_class(widget_css(type(self)))  # e.g. "pi-widget-review": browser tests find a widget by its class

    def _compose(self, *body: w.Widget) -> None:
        header = w.HBox([self._title, self._lang, self._aria],
                        layout=w.Layout(justify_content="space-between", align_items="center"))
        self.children = (header, *body)
        self._update()

    @property
    def lang(self) -> str:
        return self._page.lang

    @lang.setter
    def lang(self, code: str) -> None:
        self.set_language(code)

    @property
    def page(self) -> Page:
        """The page this widget belongs to (its language is the page's)."""
        return self._page

    def _on_language(self, change) -> None:
        self._page.switch(change["new"])  # the learner's click: every widget of the page follows

    def _on_page_language(self, change) -> None:
        self._lang.value = change["new"]
        self._update()

    @property
    def _language_problem(self) -> str:
        problem = self._page.problem
        return self._t("progress.cannot_remember_language", problem=problem) if problem else ""

    def _t(self, key: str, **values) -> str:
        return self._content.text(key, self.lang, **values)

    def _update(self) -> None:
        """The one render path: redraw everything from the current state."""
        if self._rendering:  # relabelling controls inside _render() fires observers again
            return
        self._page.follow()  # another lesson may have switched the language since this one rendered
        self._rendering = True
        try:
            self._title.value = f"<h3>{esc(self._t(self.TITLE_KEY))}</h3>"
            self._lang.description = self._t("aria.language")
            self._aria.lang = self.lang
            self._before_render()
            self._render()
            self._after_render()
        finally:
            self._rendering = False

    def _before_render(self) -> None:
        """What precedes every render (an exercise: saving what the learner did)."""

    def _after_render(self) -> None:
        """What follows every render (an exercise: its value, saving and the learner strip)."""

    def _render(self) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    # -- the public surface every widget shares (tests and browser helpers use these names) --------
    # A "part" is a child carrying the CSS class ``pi-<part>``: the same hook the browser tests find.

    def set_language(self, lang: str) -> None:
        """Switch the language, as the learner's click on the language switch does (page-wide)."""
        self._lang.value = check_language(lang)

    @property
    def title(self) -> str:
        """The widget's title as plain text."""
        return plain_text(self._title.value)

    def read(self, part: str) -> str:
        """Plain text of what the learner sees in the part(s) ``pi-<part>`` (a control: label and shown value).

        Hidden parts read as ``""``; a part the widget does not have is an error (no silent empty string).
        """
        return "\n".join(filter(None, (_shown_text(c) for c in self._parts(part))))

    def html(self, part: str) -> str:
        """The markup of the visible HTML part(s) ``pi-<part>``, for checks of the rendering itself."""
        shown = self._parts(part)
        if not any(isinstance(c, (w.HTML, w.HTMLMath)) for c in _walk(self) if f"pi-{part}" in c._dom_classes):
            raise KeyError(f"{type(self).__name__}: the part {part!r} is a control, not HTML; use read()")
        return "".join(c.value for c in shown if isinstance(c, (w.HTML, w.HTMLMath)))

    @property
    def actions(self) -> list[str]:
        """The buttons a learner can press now (shown and enabled), by their ``pi-`` names."""
        return sorted({role for b in _walk(self, visible_only=True) if isinstance(b, w.Button) and not b.disabled
                       for role in _roles(b)})

    @property
    def buttons(self) -> dict[str, tuple[str, str]]:
        """Every button (shown or not) by its ``pi-`` names: ``(description, tooltip)``."""
        return {role: (b.description, b.tooltip or "") for b in _walk(self) if isinstance(b, w.Button)
                for role in _roles(b)}

    def _parts(self, part: str) -> list[w.Widget]:
        css = f"pi-{part}"
        if not any(css in c._dom_classes for c in _walk(self)):
            raise KeyError(f"{type(self).__name__} has no part {part!r}")
        return [c for c in _walk(self, visible_only=True) if css in c._dom_classes]

    def _press(self, role: str) -> None:
        """Click the button ``pi-<role>`` if the learner could (shown and enabled)."""
        if role not in self.actions:
            raise ValueError(f"{type(self).__name__}: the button {role!r} is not available now "
                             f"(available: {', '.join(self.actions)})")
        next(b for b in _walk(self, visible_only=True)
             if isinstance(b, w.Button) and f"pi-{role}" in b._dom_classes).click()

    def __repr__(self) -> str:
        # Stored notebook outputs show this text before a lesson is run: short, stable, in the page's language
        # (its title, not the class name: a Chinese page shows no English).
        return self.title + in_parentheses(self._t("common.run_to_use"), self.lang)


def widget_css(cls: type) -> str:
    """The CSS class naming a widget class: ``ClassifierReveal`` -> ``pi-widget-classifier-reveal``,
    ``ScenarioBuilderWidget`` -> ``pi-widget-scenario-builder``."""
    name = re.sub(r"(?<!^)(?=[A-Z])", "-", cls.__name__.removesuffix("Widget")).lower()
    return f"pi-widget-{name}"


def _walk(widget: w.Widget, visible_only: bool = False):
    """The widget and its descendants in display order; ``visible_only`` skips hidden subtrees."""
    todo = [widget]
    while todo:
        node = todo.pop(0)
        layout = getattr(node, "layout", None)
        if visible_only and layout is not None and layout.display == "none":
            continue
        yield node
        todo[0:0] = list(getattr(node, "children", ()))


def _roles(widget: w.Widget) -> list[str]:
    return [css[3:] for css in widget._dom_classes if css.startswith("pi-")]


def _shown_text(control: w.Widget) -> str:
    """HTML as plain text; a control as its (visible) label, then what it shows (a menu's choice, a box's text)."""
    if isinstance(control, (w.HTML, w.HTMLMath)):
        return plain_text(control.value)
    hidden = "pi-label-hidden" in control._dom_classes  # a label for screen readers only is not what the learner sees
    shown = [] if hidden else [str(getattr(control, "description", "") or "")]
    if isinstance(control, (w.Dropdown, w.RadioButtons, w.ToggleButtons, w.Select)):
        shown.append(str(control.label or ""))
    elif isinstance(control, (w.Text, w.Textarea)):
        shown.append(control.value)
    return " ".join(part for part in shown if part)


class ExerciseWidget(LearnerActions, LessonWidget):
    """A lesson widget whose answers are held by a model (``lessons.classroom.exercise_models``), shown and saved.

    Protocol every exercise follows (saved progress and the class summary rely on it):

    - ``EXERCISE_ID``: a stable id such as ``"lesson1.selfcheck"``; ``model``: the exercise's state and marker,
      made by the subclass before ``_compose``; controls call the model, then ``_update()``;
    - ``value`` is kept as ``{"exercise": EXERCISE_ID, "answers": {question_id: answer},
      "correct": {question_id: bool}, "score": int, "total": int}`` (the model's ``record()``);
    - ``restore(answers)`` puts saved answers back and re-renders; ``restore({})`` empties the exercise.

    Saving is automatic: ``_compose`` adds the learner strip (``LearnerStrip``), restores the learner's
    saved answers and, before each render (feedback on the screen means its answer is kept), saves when the
    model's answers or shown feedback differ from what was last read or written. ``progress`` (a
    ``lessons.classroom.progress.Progress``) says where.
    """

    EXERCISE_ID = ""
    model: Exercise

    def __init__(self, content: Content | None = None, lang: str | None = None, remember_language: bool = True,
                 progress=None, page: Page | None = None):
        super().__init__(content, lang, remember_language, page=page)
        self._progress = progress if progress is not None else self._page.progress()
        self._signing = False  # this exercise's strip is telling the page about a name entered in it
        self._page.observe(self._on_page_sign_in, names="signed_in")
        self._strip = LearnerStrip()
        self._saved: SavedExercise | None = None  # made in _compose, once the subclass has made its model
        self._strip.retry.on_click(lambda _: self._on_retry())
        self._strip.use_name.on_click(self._on_name)
        self._strip.fresh.on_click(lambda _: self._set_confirming(True))
        self._strip.cancel.on_click(lambda _: self._set_confirming(False))
        self._strip.confirm.on_click(self._on_start_fresh)

    def restore(self, answers: dict) -> None:
        """Put saved answers back (those that no longer fit are dropped) and redraw."""
        self.model.restore(answers)
        self._update()

    def _compose(self, *body: w.Widget) -> None:
        self._saved = SavedExercise(self.model, self._progress, self.EXERCISE_ID)
        self._read_saved()
        super()._compose(self._strip.box, *body)

    def _before_render(self) -> None:
        # Saved before the feedback is drawn: a learner who sees it may close the page at once, and in the
        # browser (JupyterLite) a save takes several round trips to its storage, cut off by a reload.
        self._save()

    def _after_render(self) -> None:
        self.value = {"exercise": self.EXERCISE_ID, **self.model.record(), **self._extra_value()}
        self._save()  # what the render itself changed, if anything (nothing is written otherwise)
        self._strip.render(self._t, self._progress, self._language_problem)

    def _extra_value(self) -> dict:
        """Fields a view adds to ``value`` besides the protocol (e.g. the builder's verdict)."""
        return {}

    def _read_saved(self, read=None) -> None:
        assert self._saved is not None
        try:
            (read or self._saved.read)()
        except OSError as exc:  # e.g. a read-only or vanished folder: say so, keep working
            self._strip.problem = esc(self._t("progress.cannot_read", problem=self._error_text(exc)))

    def _save(self) -> None:
        from lessons.content.errors import LessonsError

        assert self._saved is not None
        try:
            if self._saved.save():  # the model's record (``value`` is set after the render)
                self._strip.problem = ""
        except (LessonsError, OSError) as exc:  # an observer's exception would vanish silently
            # The answers stay in the model and in Progress.pending; the next save writes them.
            self._strip.problem = esc(self._t("progress.cannot_save_kept", problem=self._error_text(exc)))

    def _on_retry(self) -> None:
        from lessons.content.errors import LessonsError

        try:
            self._progress.flush()
            self._strip.problem = ""
        except (LessonsError, OSError) as exc:
            self._strip.problem = esc(self._t("progress.cannot_save_kept", problem=self._error_text(exc)))
        self._update()

    def _on_name(self, _button) -> None:
        from lessons.classroom.progress import ProgressError

        try:
            self._progress.choose(self._strip.name.value, student_id=self._strip.number.value)
        except ProgressError as exc:
            self._strip.problem = esc(name_problem(self._t, exc))
        except OSError as exc:
            self._strip.problem = esc(self._t("progress.cannot_save", problem=self._error_text(exc)))
        else:
            self._strip.problem = ""
            assert self._saved is not None
            self._read_saved(self._saved.signed_in)  # work done before the name is kept, not replaced
            self._signing = True
            try:
                self._page.signed_in += 1  # the page's other exercises save as this learner too
            finally:
                self._signing = False
        self._update()

    def _on_page_sign_in(self, _change) -> None:
        """A name entered in another exercise of the page, which shares this one's progress: follow it."""
        if self._signing or self._progress is not self._page.progress():
            return
        assert self._saved is not None
        self._read_saved(self._saved.signed_in)
        self._update()

    def _set_confirming(self, on: bool) -> None:
        self._strip.confirming = on
        self._update()

    def _on_start_fresh(self, _button) -> None:
        assert self._saved is not None
        self._strip.confirming = False
        try:  # what the store still records (nothing, or the counted first answers) comes back
            self._saved.start_fresh()
        except OSError as exc:
            self._strip.problem = esc(self._t("progress.cannot_save", problem=self._error_text(exc)))
        self._update()

    def _error_text(self, exc: BaseException) -> str:
        """An error as this page says it: in its language, the system's English replaced by an error code."""
        return shown_error(exc, self._content, self.lang)

    def _score_html(self, counted: Result, latest: Result, practised: int, headline: str = "") -> str:
        """The counted (first-answer) score, the practice beside it, and the sentence saying why."""
        headline = headline or self._t("common.score_counted", correct=counted.score, total=counted.total)
        parts = [f"<b>{esc(headline)}</b>"]
        if practised:
            parts.append(esc(self._t("common.score_practice", n=practised, correct=latest.score, total=latest.total)))
        parts.append(f"<small>{esc(self._t('common.score_why'))}</small>")
        return "".join(f"<p>{part}</p>" for part in parts)
