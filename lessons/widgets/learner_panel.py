"""Enter your name once (00-start-here): every exercise then saves that learner's answers."""
from __future__ import annotations

import base64

import ipywidgets as w

from lessons.content.course import Content
from lessons.content.errors import LessonsError
from lessons.classroom.exercises import title
from lessons.classroom.grading import AnswerKeys
from lessons.classroom.handin import hand_in, progress_bytes
from lessons.classroom.progress import Progress, ProgressError
from lessons.widgets.base import LearnerActions, LessonWidget, button, esc, hide_label, name_problem


class Learner(LearnerActions, LessonWidget):
    """Shows and sets the current learner; "Start fresh" erases all their answers after confirmation.

    ``value`` = ``{"learner": name or None, "exercises": {EXERCISE_ID: [score, total]}}``.
    Public surface: ``enter_name(name, student_number)``, ``start_fresh()``, ``confirm()``, ``cancel()``,
    ``hand_in()``, ``refresh()``; parts ``learner``, ``intro``, ``saved``, ``download`` and ``receipt`` via
    ``read`` (``html("download")`` holds the download link).
    """

    TITLE_KEY = "learner.title"

    def __init__(self, content: Content | None = None, lang: str | None = None, progress: Progress | None = None,
                 **kwargs):
        super().__init__(content, lang, **kwargs)
        self._progress = progress if progress is not None else self._page.progress()
        self._message = ""
        self._confirming = False
        self._keys: AnswerKeys | None = None  # read when a saved exercise is first shown
        self._intro = w.HTML()
        self._who = w.HTML()
        self._who.add_class("pi-learner")
        self._name = hide_label(w.Text(value=self._progress.learner or "", layout=w.Layout(width="16em")))
        self._name.add_class("pi-learner-name")
        self._number = hide_label(w.Text(value=self._progress.student_id or "", layout=w.Layout(width="12em")))
        self._number.add_class("pi-learner-number")
        self._use = button("pi-learner-save", icon="check", button_style="primary")
        self._erase = button("pi-start-fresh", icon="undo")
        self._confirm = button("pi-start-fresh-confirm", button_style="danger")
        self._cancel = button("pi-start-fresh-cancel")
        self._saved = w.HTML()
        self._intro.add_class("pi-intro")
        self._saved.add_class("pi-saved")
        self._download = w.HTML()  # an <a download> with the file as a data: URI: works in Voilà, no file browser
        self._download.add_class("pi-download")
        self._hand_in = button("pi-hand-in", icon="paper-plane")
        self._receipt = w.HTML()
        self._receipt.add_class("pi-receipt")
        self._hand_in.on_click(self._on_hand_in)
        self._use.on_click(self._on_use)
        self._erase.on_click(lambda _: self._set_confirming(True))
        self._cancel.on_click(lambda _: self._set_confirming(False))
        self._confirm.on_click(self._on_erase)
        self._compose(self._intro, self._who,
                      w.HBox([self._name, self._number, self._use], layout=w.Layout(flex_flow="row wrap")),
                      self._saved,
                      w.HBox([self._download, self._hand_in], layout=w.Layout(align_items="center")), self._receipt,
                      w.HBox([self._erase, self._confirm, self._cancel]))

    def hand_in(self) -> None:
        """Press "Hand in" (shown when the course has a hand-in folder and something is saved)."""
        self._press("hand-in")

    def refresh(self) -> None:
        """Show the learner's saved progress again (e.g. after an exercise on the page saved an answer)."""
        self._update()

    def _on_hand_in(self, _button) -> None:
        try:
            r = hand_in(self._progress)
            self._receipt.value = (f"<p>{esc(self._t('learner.receipt', time=r.time, file=r.file.name))}<br>"
                                   f"<small>SHA-256: <code>{r.sha256}</code></small></p>")
        except (LessonsError, OSError) as exc:
            self._receipt.value = f"<p style='color:#b3261e'>{esc(self._t('learner.cannot_hand_in', problem=exc))}</p>"
        self._update()

    def _on_use(self, _button) -> None:
        try:
            self._progress.choose(self._name.value, student_id=self._number.value)
            self._message = ""
        except ProgressError as exc:
            self._message = name_problem(self._t, exc)
        except OSError as exc:
            self._message = self._t("progress.cannot_save", problem=exc)
        self._confirming = False
        self._update()

    def _set_confirming(self, on: bool) -> None:
        self._confirming = on
        self._update()

    def _on_erase(self, _button) -> None:
        try:
            self._progress.reset()
            self._message = self._t("learner.erased")
        except (LessonsError, OSError) as exc:
            self._message = self._t("progress.cannot_save", problem=exc)
        self._confirming = False
        self._update()

    def _render(self) -> None:
        p = self._progress
        self._intro.value = (f"<p>{esc(self._t('learner.intro'))}</p>"
                             f"<p><small>{esc(self._t('learner.where', folder=p.folder))}</small></p>")
        try:
            saved = p.load() if p.learner else {}
        except OSError as exc:
            saved, self._message = {}, self._t("progress.cannot_read", problem=exc)
        shown = f"<b>{esc(p.learner or '')}</b>"
        if p.student_id:
            shown += f" ({esc(self._t('progress.student_id_short', id=p.student_id))})"
        who = self._t("learner.current", name=shown) if p.learner else esc(self._t("learner.nobody"))
        notes = [self._t("progress.moved_aside", file=esc(m.original.name), moved=esc(m.moved_to),
                         reason=self._t(f"progress.reason_{m.reason}")) for m in p.moved]
        if self._message:
            notes.append(esc(self._message))
        self._who.value = f"<p>{who}</p>" + "".join(f"<p style='color:#b3261e'>{n}</p>" for n in notes)
        self._name.placeholder = self._name.description = self._t("progress.name_placeholder")
        self._number.placeholder = self._t("progress.student_id_placeholder")
        self._number.description = self._t("aria.student_number")
        self._number.tooltip = self._t("progress.student_id_tip")
        self._use.description = self._t("learner.change")
        self._use.tooltip = self._t("learner.change_tip")
        for box in (self._name, self._number, self._use):  # under a hub the identity is the hub's, never typed
            box.layout.display = "none" if p.classroom.hub_user else None
        counted = {e: self._counted(e, r) for e, r in saved.items()}
        if saved:
            items = [self._t("learner.exercise_score", exercise=title(e, self.lang), score=counted[e][0], total=counted[e][1])
                     for e in sorted(saved)]
            self._saved.value = f"<p>{esc(self._t('learner.saved_exercises', list=', '.join(items)))}</p>"
        else:
            self._saved.value = f"<p>{esc(self._t('learner.no_saved'))}</p>" if p.learner else ""
        self._render_hand_in(bool(saved))
        self._erase.description = self._t("learner.erase_all")
        self._erase.tooltip = self._t("learner.erase_all_tip")
        self._confirm.description = self._t("progress.confirm_erase")
        self._confirm.tooltip = self._t("learner.confirm_all", name=p.learner or "")
        self._cancel.description = self._t("progress.cancel")
        self._cancel.tooltip = self._t("progress.cancel")
        self._erase.layout.display = None if p.learner and not self._confirming else "none"
        for choice in (self._confirm, self._cancel):
            choice.layout.display = None if self._confirming else "none"
        if self._confirming:
            self._saved.value += f"<p><b>{esc(self._t('learner.confirm_all', name=p.learner))}</b></p>"
        value = {"learner": p.learner, "exercises": {e: list(counted[e]) for e in saved}}
        self.value = {**value, "student_id": p.student_id} if p.student_id else value

    def _counted(self, exercise: str, record: dict) -> tuple[int, int]:
        """The counted score of a saved exercise: its first answers marked by the exercise's own marker."""
        if self._keys is None:
            from lessons.classroom.grading import load_answer_keys

            self._keys = load_answer_keys(self._content)
        if exercise not in self._keys.exercises:
            return record["score"], record["total"]  # unscored (0 of 0)
        marked = self._keys.mark(exercise, {**record["answers"], **record.get("first", {})})
        return sum(marked.values()), self._keys.total(exercise)

    def _render_hand_in(self, has_saved: bool) -> None:
        p = self._progress
        self._hand_in.description = self._t("learner.hand_in")
        self._hand_in.tooltip = self._t("learner.hand_in_tip")
        self._hand_in.layout.display = None if has_saved and (p.classroom.handin or p.recorder) else "none"
        self._download.value = ""
        if has_saved:
            try:
                data = base64.b64encode(progress_bytes(p)).decode("ascii")
            except (LessonsError, OSError):
                return
            self._download.value = (f"<a class='pi-download-link' download='{esc(p.file_name)}' "
                                    f"href='data:application/json;base64,{data}'>"
                                    f"⬇ {esc(self._t('learner.download'))}</a>")
