"""The class server's word in an exercise (``lessons.classroom.class_record``): a note, a view switch, a button.

Parts: ``class-record`` (when the marking will be shown, how the recorded first answers were marked, or
why the server cannot say), ``check-view`` (the in-class check or all questions, shown when there is a
check and the exercise offers it) and ``ask-again``. Off a class server all three are hidden.
``InClassCheck`` is the switch's behaviour, shared by the exercise views that offer the check.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import ipywidgets as w

from lessons.classroom.class_record import ClassRecord
from lessons.widgets.controls import button, esc, set_shown
from lessons.widgets.take_away import local_time


class ClassRecordPanel:
    """The panel's controls (its owner places ``box`` and calls ``render`` in its own render)."""

    def __init__(self, record: ClassRecord, on_view: Callable[[str], None], on_ask: Callable[[], None],
                 offers_check: bool = True):
        self.record = record
        self.offers_check = offers_check
        self.note = w.HTML()
        self.note.add_class("pi-class-record")
        self.note.add_class("pi-message")  # announced when it changes (the learner asked again)
        self.view = w.ToggleButtons(options=[], style={"button_width": "auto"})
        self.view.add_class("pi-check-view")
        self.view.observe(lambda change: on_view(change["new"]) if change["new"] else None, names="value")
        self.ask_again = button("pi-ask-again", icon="refresh")
        self.ask_again.on_click(lambda _: on_ask())
        self.box = w.VBox([self.note, self.view, self.ask_again])

    def render(self, t: Callable[..., str], error_text: Callable[[BaseException], str], total: int) -> None:
        """Relabel in the page's language (``t``), ``total``: the exercise's number of questions."""
        record = self.record
        on = record.on_class_server
        for part in (self.note, self.ask_again):
            set_shown(part, on)
        with_check = on and self.offers_check and bool(record.check)
        set_shown(self.view, with_check)
        self.view.description = t("class_record.view_label")  # named even while hidden
        self.ask_again.description = t("class_record.ask_again")
        self.ask_again.tooltip = t("class_record.ask_again_tip")
        if not on:
            return
        if record.state == "unreachable" and record.problem is not None:
            note = f"<p style='color:#b3261e'>{esc(error_text(record.problem))}</p>"
        elif record.state == "waiting" and record.due:
            # the time as a <time> the browser shows in the learner's zone, put into the escaped sentence
            when = local_time(record.due, t("learner.time_utc"))
            note = f"<p>{esc(t('class_record.waiting_due', time='{time}')).replace('{time}', when)}</p>"
        elif record.state == "waiting":
            note = f"<p>{esc(t('class_record.waiting_release'))}</p>"
        else:
            note = (f"<p><b>{esc(t('class_record.released', right=record.score, answered=len(record.answers)))}"
                    f"</b></p><p><small>{esc(t('class_record.released_why'))}</small></p>")
        self.note.value = note
        if with_check:
            labels = [(t("class_record.view_check", n=len(record.check)), "check"),
                      (t("class_record.view_all", n=total), "all")]
            if list(self.view.options) != labels:
                self.view.options = labels
            self.view.value = record.view


def recorded_html(t: Callable[..., str], lang: str, record: ClassRecord, question_id: str, given: str) -> str:
    """The record of one question once released: "Recorded by the class server — your first answer: X. Right."
    (``given``: the recorded answer as the learner reads it); "no answer recorded" when there is none;
    ``""`` before release or off a class server."""
    if not record.released:
        return ""
    if question_id not in record.answers:
        return f"<p class='pi-recorded'><i>{esc(t('class_record.none_recorded'))}</i></p>"
    ok = record.correct.get(question_id, False)
    verdict = t("common.correct" if ok else "common.incorrect")
    stop = "。" if lang == "zh" else "."
    colour = "#1b7f3b" if ok else "#b3261e"
    return (f"<p class='pi-recorded'><b>{esc(t('class_record.recorded_answer', answer=given))}</b> "
            f"<span style='color:{colour}'><b>{esc(verdict)}{stop}</b></span></p>")


class InClassCheck:
    """The in-class check in an exercise view whose model walks cards (``walk``, ``order``, ``go_to``).

    A view mixes it in before ``ExerciseWidget`` and calls ``_open_class_record()`` in its constructor
    (after its model exists), then places ``self._class_panel.box``. It gives ``class_record``,
    ``shown_ids``, ``ask_class_server()``, the switch's handler and, for a ``Deck``, ``_moved``; the view
    names its public switch (``choose`` or ``choose_view``) and calls ``_switch_view`` from it.
    ``_left_card()`` is what a view forgets when another card is shown.
    """

    EXERCISE_ID: str
    class_record: ClassRecord
    _class_panel: ClassRecordPanel
    model: Any
    _page: Any
    _rendering: bool

    if TYPE_CHECKING:
        def _update(self) -> None: ...

    def _open_class_record(self) -> None:
        """Ask the class server (once, at page open) and make the panel that shows its word."""
        self.class_record = ClassRecord(self._page.recorder, self.EXERCISE_ID, self.model.question_ids)
        self.class_record.refresh()
        self._class_panel = ClassRecordPanel(self.class_record, self._on_view, self.ask_class_server)

    @property
    def shown_ids(self) -> list[str]:
        """The questions of the view shown: the in-class check's, in the teacher's order, or all."""
        return self.class_record.shown_ids()

    def ask_class_server(self) -> None:
        """Ask the class server again for the marking and the in-class check (the learner's button)."""
        self.class_record.refresh()
        self._update()

    def _switch_view(self, view: str) -> None:
        """Show the check's questions (``"check"``) or all (``"all"``), from the first of them."""
        self.class_record.choose(view)
        self.model.walk(self.shown_ids)
        self.model.go_to(self.model.order[0])
        self._left_card()
        self._update()

    def _on_view(self, view: str) -> None:
        if not self._rendering:  # the render setting the switch to the record's view is no learner's act
            self._switch_view(view)

    def _reach(self, question_id: str) -> None:
        """A question outside the in-class check is reached by showing all questions."""
        if question_id not in self.shown_ids:
            self.class_record.view = "all"
        self.model.walk(self.shown_ids)

    def _moved(self, index: int) -> None:
        """The learner moved to card ``index`` of the walk (Back, Next or the deck's menu)."""
        self.model.walk(self.shown_ids)
        self.model.go_to(self.model.order[index])
        self._left_card()
        self._update()

    def _left_card(self) -> None:
        """What the view forgets when another card is shown (nothing by default)."""
