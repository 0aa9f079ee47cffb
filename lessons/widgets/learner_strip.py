"""The learner strip above every exercise (who is saving, name and student number, Start fresh) and its acts."""
from __future__ import annotations

from typing import Callable

import ipywidgets as w

from lessons.widgets.controls import button, esc, hide_label, set_shown


class LearnerActions:
    """The learner strip's acts, shared by every exercise and the Learner page (found by their CSS hooks).

    Public surface: ``enter_name(name)``, ``start_fresh()``, ``confirm()``, ``cancel()``; part
    ``learner`` (who is saving) via ``read``.
    """

    _parts: Callable[[str], list[w.Widget]]  # both come with LessonWidget, which every user of the mixin is
    _press: Callable[[str], None]

    def enter_name(self, name: str, student_number: str = "") -> None:
        """Type a name (and a student number, 学号, if given) into the learner boxes and press the button beside them.
        """
        boxes = [c for c in self._parts("learner-name") if isinstance(c, w.Text)]
        if not boxes:
            raise ValueError(f"{type(self).__name__}: the name box is not shown now")
        boxes[0].value = name
        try:
            numbers = [c for c in self._parts("learner-number") if isinstance(c, w.Text)]
        except KeyError:  # a strip without a student-number box
            numbers = []
        if numbers:
            numbers[0].value = student_number
        elif student_number:
            raise ValueError(f"{type(self).__name__}: the student number box is not shown now")
        self._press("learner-save")

    def save_again(self) -> None:
        """Press "Save again" after a save failed (the answers are kept meanwhile)."""
        self._press("save-retry")

    def start_fresh(self) -> None:
        """Press "Start fresh": the widget asks for confirmation first."""
        self._press("start-fresh")

    def confirm(self) -> None:
        """Confirm erasing (after ``start_fresh()``)."""
        self._press("start-fresh-confirm")

    def cancel(self) -> None:
        """Keep the answers (after ``start_fresh()``)."""
        self._press("start-fresh-cancel")


class LearnerStrip:
    """The name strip above every exercise: who is saving, the name and student-number boxes, Start fresh.

    Its controls live here, not on the exercise, so an exercise's own controls (a number box for a
    numeric answer) can never stand in for them.
    """

    def __init__(self):
        self.who = w.HTML()
        self.who.add_class("pi-learner")
        self.name = hide_label(w.Text(layout=w.Layout(width="14em")))
        self.name.add_class("pi-learner-name")
        self.number = hide_label(w.Text(layout=w.Layout(width="10em")))
        self.number.add_class("pi-learner-number")
        self.use_name = button("pi-learner-save", icon="check")
        self.retry = button("pi-save-retry", icon="refresh")
        self.fresh = button("pi-start-fresh", icon="undo")
        self.confirm = button("pi-start-fresh-confirm", button_style="danger")
        self.cancel = button("pi-start-fresh-cancel")
        self.notice = w.HTML()
        self.notice.add_class("pi-progress-notice")
        self.notice.add_class("pi-notice")
        self.confirming = False
        self.problem = ""
        controls = w.HBox([self.who, self.name, self.number, self.use_name, self.fresh, self.confirm, self.cancel,
                           self.retry], layout=w.Layout(align_items="center", flex_flow="row wrap"))
        self.box = w.VBox([controls, self.notice], layout=w.Layout(margin="0 0 8px 0"))
        self.box.add_class("pi-learner-strip")

    def render(self, t, progress, language_problem: str) -> None:
        learner = progress.learner
        if learner is None:
            self.who.value = esc(t("progress.enter_name"))
            show = {self.name, self.number, self.use_name}
        elif self.confirming:
            self.who.value = f"<b>{esc(t('progress.confirm_question'))}</b>"
            show = {self.confirm, self.cancel}
        else:
            number = progress.student_id
            shown = f"<b>{esc(learner)}</b>"
            if number:
                shown += f" ({esc(t('progress.student_id_short', id=number))})"
            self.who.value = t("progress.saving_as", name=shown)
            show = {self.fresh}
        if progress.pending:
            show.add(self.retry)
        for control in (self.name, self.number, self.use_name, self.fresh, self.confirm, self.cancel, self.retry):
            set_shown(control, control in show)
        self.name.placeholder = self.name.description = t("progress.name_placeholder")
        self.number.placeholder = t("progress.student_id_placeholder")
        self.number.description = t("aria.student_number")
        self.number.tooltip = t("progress.student_id_tip")
        for control, key in ((self.retry, "save_again"), (self.use_name, "use_name"), (self.fresh, "start_fresh"),
                             (self.confirm, "confirm_erase"), (self.cancel, "cancel")):
            control.description = t(f"progress.{key}")
        self.retry.tooltip, self.use_name.tooltip = t("progress.save_again"), t("progress.use_name_tip")
        self.fresh.tooltip, self.confirm.tooltip = t("progress.start_fresh_tip"), t("progress.confirm_erase")
        self.cancel.tooltip = t("progress.cancel")
        notes = [t("progress.moved_aside", file=esc(m.original.name), moved=esc(m.moved_to),
                   reason=t(f"progress.reason_{m.reason}")) for m in progress.moved]
        notes += [note for note in (self.problem, esc(language_problem)) if note]
        self.notice.value = "".join(f"<p style='color:#b3261e'>{note}</p>" for note in notes)


def name_problem(t, exc) -> str:
    """The learner's message for a refused name or student number (``ProgressError.reason``)."""
    reason = getattr(exc, "reason", "")
    if reason == "name_bad_char":
        return t("progress.name_bad_char", problem=getattr(exc, "values", {}).get("char", ""))
    if reason == "id_bad":
        return t("progress.student_id_bad", max=32)
    if reason == "name_too_long":
        return t("progress.name_too_long", max=60)
    return t("progress.bad_name", max=60)
