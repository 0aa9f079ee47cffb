"""Lesson 4: tick what leaked and what happened; get an ordered plan, each step with its legal basis."""
from __future__ import annotations

import ipywidgets as w

from lessons.classroom import action_plan as pl
from lessons.classroom.exercise_models import PlanModel
from lessons.content.course import Content
from lessons.content.errors import LessonsError
from lessons.widgets.base import ExerciseWidget
from lessons.widgets.controls import esc
from lessons.widgets.clause_views import clause_html
from lessons.widgets.take_away import TakeAway, download_link


class ActionPlan(ExerciseWidget):
    """The action-plan builder; ``value`` adds ``leaked``, ``events``, ``steps`` to the exercise protocol.

    It is an unscored exercise (total 0): the learner's ticks are saved and restored like answers.
    The learner keeps the plan with "Download my plan" (an ``<a download>`` of ``export("html")``,
    a page in the learner's language, named ``action_plan.file_name``) and "Print" (``TakeAway``:
    the same page opened in a new tab and printed by the browser).

    Public surface: ``choose(leaked, events)`` (exactly these ticks), ``tick(option, on)``,
    ``choices("leaked" | "events")``, ``plan``, ``export(fmt)``, ``take_away`` (file name and page);
    parts ``plan``, ``download`` (the link) and ``plan-kept`` (how the ticks are kept) via ``read``/``html``.
    """

    TITLE_KEY = "plan.title"
    EXERCISE_ID = "lesson5.plan"
    model: PlanModel

    def __init__(self, content: Content | None = None, lang: str | None = None, **kwargs):
        super().__init__(content, lang, **kwargs)
        self._guide = pl.load_guide(self._content)
        self.model = PlanModel(self._guide)
        self._intro = w.HTML()
        self._leaked_label, self._events_label = w.HTML(), w.HTML()
        self._leaked = {c.id: self._box("leaked", c.id, "pi-leaked") for c in self._guide.leaked}
        self._events = {c.id: self._box("events", c.id, "pi-event") for c in self._guide.events}
        self._plan = w.HTML()
        self._plan.add_class("pi-plan")
        self._download = w.HTML()  # a data: URI: no file browser, no server path, works in Voilà and on a phone
        self._download.add_class("pi-download")
        self._print = TakeAway("print")
        self._status = w.HTML()
        self._status.add_class("pi-plan-kept")
        # As many columns of at least 16em as fit (three on a laptop, one at 390 px), never wider than the screen.
        grid = lambda boxes: w.GridBox(list(boxes), layout=w.Layout(  # noqa: E731
            grid_template_columns="repeat(auto-fill, minmax(min(16em, 100%), 1fr))", width="100%"))
        self._compose(self._intro, self._leaked_label, grid(self._leaked.values()),
                      self._events_label, grid(self._events.values()), self._plan,
                      w.HBox([self._download, self._print],
                             layout=w.Layout(align_items="center", flex_flow="row wrap", grid_gap="0.5em 1em")),
                      self._status)

    def _box(self, group: str, choice_id: str, css: str) -> w.Checkbox:
        box = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto", max_width="100%"))
        box.add_class(css)
        box.add_class(f"{css}-{choice_id}")
        box.observe(lambda change: self._ticked(group, choice_id, change["new"]), names="value")
        return box

    def _ticked(self, group: str, option: str, on: bool) -> None:
        if not self._rendering:  # the render putting the model's ticks into the boxes is no learner's act
            self.model.tick(option, on)
            self._update()

    def choose(self, leaked=(), events=()) -> None:
        """Tick exactly these options (for notebooks and tests)."""
        unknown = (set(leaked) - set(self._leaked)) | (set(events) - set(self._events))
        if unknown:
            raise LessonsError(f"unknown option(s): {', '.join(sorted(unknown))}")
        self.model.restore({"leaked": list(leaked), "events": list(events)})
        self._update()

    def tick(self, option: str, on: bool = True) -> None:
        """Tick (or untick) one option, leaked or event."""
        if option not in {**self._leaked, **self._events}:
            raise LessonsError(f"unknown option: {option}")
        self._ticked("leaked" if option in self._leaked else "events", option, bool(on))

    def choices(self, group: str) -> list[tuple[str, str]]:
        """The ``(label, id)`` pairs of the ``"leaked"`` or ``"events"`` checkboxes."""
        boxes = {"leaked": self._leaked, "events": self._events}[group]
        return [(box.description, cid) for cid, box in boxes.items()]

    def restore(self, answers: dict) -> None:
        known = lambda ids, ticks: [i for i in ids if i in ticks] if isinstance(ids, list) else []  # noqa: E731
        super().restore({"leaked": known(answers.get("leaked"), self._leaked),
                         "events": known(answers.get("events"), self._events)})

    @property
    def plan(self) -> pl.Plan:
        return self.model.plan()

    def export(self, fmt: str) -> str:
        """The current plan as Markdown (``md``) or HTML (``html``) in the current language."""
        render = pl.to_markdown if fmt == "md" else pl.to_html
        return render(self.plan, self._guide, self._content, self.lang)

    @property
    def take_away(self) -> tuple[str, str]:
        """What "Download my plan" gives: ``(file name, page)`` in the current language."""
        return pl.file_name(self._content, self.lang), self.export("html")

    def _render(self) -> None:
        lang, g = self.lang, self._guide
        self._intro.value = f"<p>{esc(self._t('plan.intro'))}</p>"
        self._leaked_label.value = f"<b>{esc(self._t('plan.leaked_heading'))}</b>"
        self._events_label.value = f"<b>{esc(self._t('plan.events_heading'))}</b>"
        for choices, boxes in ((g.leaked, self._leaked), (g.events, self._events)):
            for c in choices:
                boxes[c.id].description = c.label(lang)
                boxes[c.id].value = c.id in self.model.ticked("leaked" if boxes is self._leaked else "events")
        plan = self.plan
        self._plan.value = self._plan_html(plan)
        name, page = self.take_away
        self._download.value = download_link(page, name, self._t("plan.download"), "pi-download-link",
                                             self._t("plan.download_tip"))
        self._print.show(page, self._t("plan.print"), self._t("plan.print_tip"))
        self._status.value = f"<p><small>{esc(self._t('plan.kept'))}</small></p>"

    def _extra_value(self) -> dict:
        plan = self.plan
        return {"leaked": list(plan.leaked), "events": list(plan.events),
                "steps": [s.id for s in plan.steps], "sections": [s.section for s in plan.steps]}

    def _plan_html(self, plan: pl.Plan) -> str:
        lang, c = self.lang, self._content
        out = [] if plan.leaked or plan.events else [f"<p><i>{esc(self._t('plan.pick_something'))}</i></p>"]
        for section, numbered in pl.by_section(plan, self._guide):
            out.append(f"<h4 class='pi-plan-section'>{esc(section.label(lang))}</h4><ol start='{numbered[0][0]}'>")
            for _number, s in numbered:
                basis = [esc(c.provisions[b].cite(lang)) for b in s.basis]
                if s.practical:
                    basis.append(esc(self._t("plan.practical")))
                note = f"<br><small><i>{esc(self._t('plan.note'))} {esc(s.note(lang))}</i></small>" if s.note else ""
                clauses = "".join(clause_html(c, b, lang) for b in s.basis)
                details = (f"<details><summary>{esc(self._t('plan.show_clause'))}</summary>{clauses}</details>"
                           if clauses else "")
                out.append(f"<li class='pi-plan-step' data-step='{esc(s.id)}'><b>{esc(s.title(lang))}</b><br>"
                           f"{esc(s.detail(lang))}<br><small>{esc(self._t('plan.basis'))} "
                           f"{('；' if lang == 'zh' else '; ').join(basis)}</small>{note}{details}</li>")
            out.append("</ol>")
        out.append(f"<p><small>{esc(self._t('plan.disclaimer'))}</small></p>")
        return "".join(out)
