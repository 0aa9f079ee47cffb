"""Set the facts of a case, one part at a time, and watch the verdict and the steps update.

Start from a preset case or from counts."""
from __future__ import annotations

import ipywidgets as w

from lessons.classroom.case_builder import BOOLS, CHOICES, NUMBERS, SECTIONS, CaseBuilder
from lessons.classroom.exercise_models import AnswerRefused
from lessons.content.errors import LessonsError
from lessons.content.text import in_parentheses
from lessons.content.tier_ids import TIER_IDS
from lessons.engine import Facts, assess
from lessons.engine.report import fact_label, text
from lessons.engine.scenarios import load_scenarios
from lessons.widgets.base import ExerciseWidget
from lessons.widgets.controls import esc, set_options, set_shown
from lessons.widgets.cards import Deck
from lessons.widgets.stepper import StepperWidget, result_html

__all__ = ["BOOLS", "NUMBERS", "SECTIONS", "ScenarioBuilderWidget"]


def _fact_layout() -> dict:
    # The label takes its own width and the box wraps under it on a narrow screen: nothing is clipped at 390 px.
    return {"style": {"description_width": "initial"},
            "layout": w.Layout(width="100%", max_width="44em", flex_flow="row wrap")}


class ScenarioBuilderWidget(ExerciseWidget):
    """Facts in, verdict and steps out. Empty boxes and "unknown" mean the fact is not known.

    ``pieces`` (e.g. a Lesson 2 dataset's counts per tier) pre-fills the piece counts; ``scenario``
    loads a preset by id. ``value`` holds ``{"facts", "tier", "leniency", "missing_facts", "settled", "problem"}``
    besides the exercise protocol: the builder is an unscored exercise (total 0), so the learner's
    case is saved and comes back after a restart (explicit ``pieces``/``scenario`` win over it).
    ``buyers`` is the number of buyers that each received the same pieces (Art. 11 para. 2).

    The facts come in four parts (``SECTIONS``), one shown at a time with Back / Next, "Part 2 of 4"
    and a menu of the parts saying how many facts of each are known.

    Public surface: ``choose(scenario)`` (a preset; ``""`` for none), ``set_fact(name, value)`` (typed text
    of a number box or a menu choice such as ``"yes"``; shows the fact's part), ``chosen(name)`` (what a
    control holds now; ``"preset"`` for the preset menu), ``choices(name)``, ``load(facts)``, ``facts_dict()``,
    ``section`` (the part shown), ``go_to(part)``, ``next()``, ``back()`` (buttons ``section-next``,
    ``section-back``), ``stepper``; parts ``story``,
    ``problem``, ``progress``, ``section-title``, ``section-select`` and ``verdict`` via ``read``/``html``;
    ``read("fact-<name>")`` is a shown control's label (dots and underscores as dashes).
    """

    TITLE_KEY = "scenario_builder.title"
    EXERCISE_ID = "lesson3.builder"
    model: CaseBuilder

    def __init__(self, pieces: dict | None = None, scenario: str | None = None, content=None, lang=None,
                 remember_language=True, progress=None, page=None):
        super().__init__(content, lang, remember_language, progress=progress, page=page)
        self._scenarios = load_scenarios()
        self.model = CaseBuilder(self._scenarios)
        if scenario is not None:
            self.model.known(scenario)  # a one-line error before anything is drawn
        self._preset = w.Dropdown(options=[("", "")], value="", **_fact_layout())
        self._preset.add_class("pi-scenario-preset")
        self._story = w.HTML()
        self._story.add_class("pi-scenario-story")
        self._story.add_class("pi-story")
        self._numbers = {name: w.Text(continuous_update=False, **_fact_layout()) for name in NUMBERS}
        self._choices = {name: w.Dropdown(options=[("", "")], value="", **_fact_layout()) for name in CHOICES}
        self._choice_values = CHOICES
        for name, control in {**self._numbers, **self._choices}.items():
            control.add_class(f"pi-fact-{name.replace('.', '-').replace('_', '-')}")
            control.observe(lambda change, n=name: self._on_fact(n, change["new"]), names="value")
        self._problem = w.HTML()
        self._problem.add_class("pi-fact-problem")
        self._problem.add_class("pi-problem")
        self._verdict = w.HTML()
        self._verdict.add_class("pi-verdict")
        self._stepper = StepperWidget(assess(Facts()), content=self._content, page=self._page)
        set_shown(self._stepper.children[0], False)  # one title and language switch: this widget's
        self._preset.observe(self._on_preset, names="value")
        controls = {**self._numbers, **self._choices}
        self._headings = {part: w.HTML() for part in SECTIONS}
        for heading in self._headings.values():
            heading.add_class("pi-section-title")
        self._sections = {part: w.VBox([self._headings[part], *(controls[n] for n in names)])
                          for part, names in SECTIONS.items()}
        for box in self._sections.values():
            box.add_class("pi-section")
        # Its own button names: the stepper below has Back and Next of its own.
        self._deck = Deck(self._moved, "section", menu_css="pi-section-select",
                          roles=("pi-section-back", "pi-section-next"))
        self._compose(self._preset, self._story, *self._sections.values(), self._deck.box, self._problem,
                      self._verdict, self._stepper)
        if pieces is not None:
            start = Facts.from_dict({"pieces": pieces}).pieces
            for tier in TIER_IDS:
                count = start.get(tier) if start is not None else None
                self.model.answer(f"pieces.{tier}", "" if count is None else str(count))
            self._update()
        if scenario is not None:
            self.choose(scenario)

    # -- public surface -----------------------------------------------------------------------------
    def _control(self, name: str):
        controls = {"preset": self._preset, **self._numbers, **self._choices}
        if name not in controls:
            raise KeyError(f"no fact {name!r}; facts: {', '.join(controls)}")
        return controls[name]

    def choose(self, scenario: str) -> None:
        """Pick a preset case (its facts fill the controls); ``""`` picks none."""
        self.model.choose(scenario)
        self._update()

    def set_fact(self, name: str, value: str) -> None:
        """Type into a number box (text as typed, e.g. ``"4,999"``) or pick a menu choice (``""``: unknown)."""
        control = self._control(name)
        if name in self._choices and value not in {v for _, v in control.options}:
            raise ValueError(f"{name}: {value!r} is not one of the choices")
        if name == "preset":
            self.choose(value)
            return
        self.model.show_part_of(name)  # the learner types where the box is shown
        self._on_fact(name, value)

    def chosen(self, name: str) -> str:
        """What a control holds now: a number box's text, a menu's choice id, or the preset id."""
        self._control(name)
        return self.model.answers.get(name, "")

    def choices(self, name: str) -> list[tuple[str, str]]:
        """The ``(label, id)`` pairs of a menu (a choice fact or ``"preset"``)."""
        control = self._control(name)
        if not isinstance(control, w.Dropdown):
            raise ValueError(f"{name} is a number box, not a menu")
        return list(control.options)

    @property
    def section(self) -> str:
        """The part of the facts shown (a key of ``SECTIONS``)."""
        return self.model.position

    def go_to(self, part: str) -> None:
        """Show a part of the facts (as picking it in the parts menu does)."""
        if part not in SECTIONS:
            raise KeyError(f"no part {part!r}; parts: {', '.join(SECTIONS)}")
        self.model.go_to(part)
        self._update()

    def _moved(self, index: int) -> None:
        self.model.go_to(self.model.order[index])
        self._update()

    def next(self) -> None:
        """Press Next under the facts (an error on the last part, where it is disabled)."""
        self._press("section-next")

    def back(self) -> None:
        """Press Back under the facts (an error on the first part, where it is disabled)."""
        self._press("section-back")

    @property
    def stepper(self) -> StepperWidget:
        """The step-by-step view of the current verdict (its own surface: ``next()``, ``read("page")`` ...)."""
        return self._stepper

    def _answers(self) -> dict:
        return dict(self.model.answers)

    # -- reading the controls -------------------------------------------------------------------
    def facts_dict(self) -> dict:
        """The facts as JSON-like input (``CaseBuilder.case_dict``)."""
        return self.model.case_dict()

    # -- events -----------------------------------------------------------------------------------
    def _on_fact(self, name: str, value: str) -> None:
        if not self._rendering:  # the render putting the model's facts into the controls is no learner's act
            self.model.answer(name, value)
            self._update()

    def _on_preset(self, change) -> None:
        if not self._rendering:
            self.choose(change["new"] or "")

    def load(self, facts: Facts, preset: str = "") -> None:
        """Put a case's facts into the controls (one consequence at most is shown)."""
        self.model.load(facts, preset)
        self._update()

    # -- drawing ------------------------------------------------------------------------------------
    def _render(self) -> None:
        self._relabel()
        given = self.model.answers
        self._preset.value = given.get("preset", "")
        for name, control in {**self._numbers, **self._choices}.items():
            control.value = given.get(name, "")
        sid = self._preset.value
        self._story.value = f"<p><i>{esc(self._scenarios[sid].story(self.lang))}</i></p>" if sid else ""
        try:
            facts = self.model.facts()
        except LessonsError as exc:
            if isinstance(exc, AnswerRefused):
                exc = LessonsError(self._t(f"scenario_builder.{exc.reason}"))
            problem = self._t("scenario_builder.problem", problem=exc.in_language(self._content, self.lang))
            self._problem.value = f"<p style='color:#b3261e'>{esc(problem)}</p>"
            self._verdict.value = ""
            set_shown(self._stepper, False)
            self._outcome = {**{k: v for k, v in self._outcome.items() if k not in ("problem",)}, "problem": str(exc)}
            return
        self._problem.value = ""
        set_shown(self._stepper, True)
        result = assess(facts)
        self._verdict.value = result_html(self._content, result, self.lang)
        self._stepper.show(result)
        self._outcome = {"facts": facts.to_dict(), "tier": result.tier, "leniency": result.leniency,
                         "missing_facts": list(result.missing_facts), "settled": result.settled, "problem": ""}

    def _extra_value(self) -> dict:
        return self._outcome

    _outcome: dict = {}  # the verdict's part of ``value`` (kept when the facts cannot be read)

    def _render_sections(self) -> None:
        answers, marks = self._answers(), []
        for n, (part, names) in enumerate(SECTIONS.items(), 1):
            title = self._t(f"scenario_builder.section_{part}")
            self._headings[part].value = f"<h4>{esc(title)}</h4>"
            known = self._t("scenario_builder.known", n=sum(name in answers for name in names), total=len(names))
            marks.append(f"{n}. {title}{in_parentheses(known, self.lang)}")
        self._deck.index = self.model.index
        self._deck.render(self._t, marks)
        for part, box in self._sections.items():
            set_shown(box, part == self.section)

    def _relabel(self) -> None:
        self._render_sections()
        unknown = self._t("scenario_builder.unknown")
        self._preset.description = self._t("scenario_builder.preset")
        set_options(self._preset, [(self._t("scenario_builder.choose"), "")] + [
            (s.title(self.lang), sid) for sid, s in self._scenarios.items()])
        for name, box in self._numbers.items():
            box.description = self._label(name)
            box.placeholder = unknown
        for name, dropdown in self._choices.items():
            dropdown.description = self._label(name)
            set_options(dropdown, [(unknown, "")] + [(text(self._content, "yes" if v == "yes" else "no" if v == "no"
                                                                else f"value_{v}", self.lang), v)
                                                          for v in self._choice_values[name]])

    def _label(self, name: str) -> str:
        if name == "buyers":
            return self._t("scenario_builder.buyers")
        return fact_label(self._content, name, self.lang)
