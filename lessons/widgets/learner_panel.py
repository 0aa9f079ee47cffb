"""Enter your name once (00-start-here): every exercise then saves that learner's answers."""
from __future__ import annotations

import base64

import ipywidgets as w

from lessons.content.course import Content
from lessons.content.errors import LessonsError, shown_error
from lessons.content.text import listing
from lessons.classroom.exercises import title
from lessons.classroom.grading import AnswerKeys
from lessons.classroom.handin import hand_in, progress_bytes
from lessons.classroom.results_page import results
from lessons.classroom.results_page import to_html as results_html
from lessons.classroom.progress import Progress, ProgressError
from lessons.widgets.base import LessonWidget
from lessons.widgets.controls import button, esc, hide_label, set_shown
from lessons.widgets.learner_strip import LearnerActions, name_problem
from lessons.widgets.site_hand_in import SiteHandIn, site_texts
from lessons.widgets.take_away import TakeAway, download_link, local_time


class Learner(LearnerActions, LessonWidget):
    """Shows and sets the current learner; "Start fresh" erases all their answers after confirmation.

    ``value`` = ``{"learner": name or None, "exercises": {EXERCISE_ID: [score, total]}}``.
    Public surface: ``enter_name(name, student_number)``, ``start_fresh()``, ``confirm()``, ``cancel()``,
    ``hand_in()``, ``refresh()``; parts ``learner``, ``intro``, ``saved``, ``download`` and ``receipt`` via
    ``read`` (``html("download")`` holds the two download links: "Download my progress", the JSON file
    the teacher's summary reads, and "Download my results", a page to keep and print, also printed by
    the "Print my results" button); times are ``<time>`` elements the browser shows in its own zone.
    On the static site built with a class server's hand-in service, Hand in is the browser's:
    ``site_hand_in`` (a ``site_hand_in.SiteHandIn`` holding the file it sends; None elsewhere).
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
        self._print = TakeAway("print-results")  # prints the results page
        self._hand_in = button("pi-hand-in", icon="paper-plane")
        # On the static site with a class server: the browser hands in (there is no hub token in Python there).
        site = self._progress.classroom.site_handin
        self._site_hand_in = SiteHandIn(site) if site else None
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
                      w.HBox([self._download, self._print, self._hand_in,
                              *([self._site_hand_in] if self._site_hand_in else [])],
                             layout=w.Layout(align_items="center", flex_flow="row wrap", grid_gap="0.5em 1em")),
                      self._receipt,
                      w.HBox([self._erase, self._confirm, self._cancel]))

    def hand_in(self) -> None:
        """Press "Hand in" (shown when the course has a hand-in folder and something is saved)."""
        self._press("hand-in")

    @property
    def site_hand_in(self) -> SiteHandIn | None:
        """The browser's Hand in on the static site with a class server (None elsewhere)."""
        return self._site_hand_in

    def refresh(self) -> None:
        """Show the learner's saved progress again (e.g. after an exercise on the page saved an answer)."""
        self._update()

    def _on_hand_in(self, _button) -> None:
        try:
            r = hand_in(self._progress)
            when = local_time(r.time, self._t("learner.time_utc"))  # the browser shows it in the learner's zone
            receipt = self._t("learner.receipt", time=when, file=esc(r.file.name))
            check = f"{esc(self._t('learner.receipt_check_text'))} <code>{r.sha256}</code>"
            self._receipt.value = (f"<p>{receipt}</p><details><summary>{esc(self._t('learner.receipt_check'))}"
                                   f"</summary><small>{check}</small></details>")  # for the teacher, out of the way
        except (LessonsError, OSError) as exc:
            problem = self._t("learner.cannot_hand_in", problem=shown_error(exc, self._content, self.lang))
            self._receipt.value = f"<p style='color:#b3261e'>{esc(problem)}</p>"
        self._update()

    def _on_use(self, _button) -> None:
        try:
            self._progress.choose(self._name.value, student_id=self._number.value)
            self._message = ""
        except ProgressError as exc:
            self._message = name_problem(self._t, exc)
        except OSError as exc:
            self._message = self._t("progress.cannot_save", problem=shown_error(exc, self._content, self.lang))
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
            self._message = self._t("progress.cannot_save", problem=shown_error(exc, self._content, self.lang))
        self._confirming = False
        self._update()

    def _render(self) -> None:
        p = self._progress
        self._intro.value = (f"<p>{esc(self._t('learner.intro'))}</p>"
                             f"<p><small>{esc(self._t('learner.where'))}</small></p>")
        try:
            saved = p.load() if p.learner else {}
        except OSError as exc:
            problem = shown_error(exc, self._content, self.lang)
            saved, self._message = {}, self._t("progress.cannot_read", problem=problem)
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
            set_shown(box, not p.classroom.hub_user)
        counted = {e: self._counted(e, r) for e, r in saved.items()}
        if saved:
            items = [self._saved_item(e, *counted[e]) for e in sorted(saved)]
            self._saved.value = f"<p>{esc(self._t('learner.saved_exercises', list=listing(items, self.lang)))}</p>"
        else:
            self._saved.value = f"<p>{esc(self._t('learner.no_saved'))}</p>" if p.learner else ""
        self._render_hand_in(bool(saved))
        self._erase.description = self._t("learner.erase_all")
        self._erase.tooltip = self._t("learner.erase_all_tip")
        self._confirm.description = self._t("progress.confirm_erase")
        self._confirm.tooltip = self._t("learner.confirm_all", name=p.learner or "")
        self._cancel.description = self._t("progress.cancel")
        self._cancel.tooltip = self._t("progress.cancel")
        set_shown(self._erase, bool(p.learner) and not self._confirming)
        for choice in (self._confirm, self._cancel):
            set_shown(choice, self._confirming)
        if self._confirming:
            self._saved.value += f"<p><b>{esc(self._t('learner.confirm_all', name=p.learner))}</b></p>"
        value = {"learner": p.learner, "exercises": {e: list(counted[e]) for e in saved}}
        self.value = {**value, "student_id": p.student_id} if p.student_id else value

    def _saved_item(self, exercise: str, score: int, total: int) -> str:
        """One saved exercise as listed: its counted score, or "saved" for one that is not marked (total 0)."""
        name = title(exercise, self.lang)
        if not total:
            return self._t("learner.exercise_saved", exercise=name)
        return self._t("learner.exercise_score", exercise=name, score=score, total=total)

    def _counted(self, exercise: str, record: dict) -> tuple[int, int]:
        """The counted score of a saved exercise: its first answers marked by the exercise's own marker."""
        keys = self._answer_keys()
        if exercise not in keys.exercises:
            return record["score"], record["total"]  # unscored (0 of 0)
        row = results({exercise: record}, keys, self._progress.classroom.retries_count)  # as the gradebook counts
        return next((r.counted or 0, r.total) for r in row if r.exercise == exercise)

    def _answer_keys(self) -> AnswerKeys:
        if self._keys is None:
            from lessons.classroom.grading import load_answer_keys

            self._keys = load_answer_keys(self._content)
        return self._keys

    def _render_hand_in(self, has_saved: bool) -> None:
        p = self._progress
        self._hand_in.description = self._t("learner.hand_in")
        self._hand_in.tooltip = self._t("learner.hand_in_tip")
        set_shown(self._hand_in, bool(has_saved and (p.classroom.handin or p.recorder)))
        self._download.value, page, raw = "", "", b""
        if has_saved:
            try:
                raw = progress_bytes(p)
                data = base64.b64encode(raw).decode("ascii")
                name, page = self.results_page
            except (LessonsError, OSError):
                data = ""
            if data:
                progress = (f"<a class='pi-download-link' download='{esc(p.file_name)}' "
                            f"href='data:application/json;base64,{data}'>⬇ {esc(self._t('learner.download'))}</a>")
                page_link = download_link(page, name, self._t("learner.download_results"), "pi-results-link",
                                          self._t("learner.download_results_tip"))
                self._download.value = f"{progress}&emsp;{page_link}"
        self._print.show(page, self._t("learner.print_results"), self._t("learner.print_results_tip"))
        if self._site_hand_in is not None:
            file = raw.decode("utf-8") if page else ""
            self._site_hand_in.show(file, p.file_name or "", site_texts(self._content, self.lang))

    @property
    def results_page(self) -> tuple[str, str]:
        """What "Download my results" gives: ``(file name, page)``, the counted score and practice per exercise."""
        p = self._progress
        retries = p.classroom.retries_count  # the gradebook's rule, so the learner sees what the teacher sees
        rows = results(p.load() if p.learner else {}, self._answer_keys(), retries)
        return self._t("learner.results_file"), results_html(rows, p.learner or "", self._content, self.lang, retries)
