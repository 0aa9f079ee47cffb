"""Lesson 3's case builder as a model: the facts as typed, the preset case they came from, the verdict.

``CaseBuilder`` is the ``BuilderModel`` of ``exercise_models`` over every fact the engine reads; the
widget (``lessons.widgets.scenario_builder``) only shows it. ``assessment()`` is what the page shows:
the engine's verdict on the facts, or the ``LessonsError`` naming the fact that cannot be read.
"""
from __future__ import annotations

from typing import Any

from lessons.classroom.exercise_models import BuilderModel
from lessons.content.errors import LessonsError
from lessons.engine import Facts, assess
from lessons.content.tier_ids import TIER_IDS
from lessons.engine.fact_table import ADMIN_FLAGS, AMOUNTS, CHOICE, FACTS, FLAGS, JUDGED_FLAGS, SENTENCING_FLAGS
from lessons.engine.fact_table import CHOICES as LIST
from lessons.engine.scenarios import load_scenarios

NUMBERS = (*(f"pieces.{t}" for t in TIER_IDS), "buyers", *AMOUNTS)
# Yes/no facts: the tier's, the learner's judgment on the catch-alls, sentencing factors, Art. 50 conduct.
BOOLS = FLAGS + JUDGED_FLAGS + SENTENCING_FLAGS + ADMIN_FLAGS
# Menus: a fact's declared choices ("none" as the one consequence: none of them), then yes/no.
CHOICES: dict[str, tuple[str, ...]] = {
    **{f.name: f.choices if f.kind == CHOICE else ("none", *f.choices) for f in FACTS if f.kind in (CHOICE, LIST)},
    **{flag: ("yes", "no") for flag in BOOLS},
}
KEPT = ("conduct_date", "unit_set_up_for_crime")  # engine facts without a control yet: a loaded preset's stay
# The facts in four parts, shown one at a time (titles: scenario_builder.section_<part>); every fact is in one.
SECTIONS = {
    "case": ("conduct", *(f"pieces.{t}" for t in TIER_IDS), "buyers", "irreversibly_anonymised"),
    "person": ("obtained_in_duties", "unit_crime", "prior_record", "accessory"),
    "gains": ("illegal_gains_yuan", "business_profit_yuan", "whereabouts_used_for_crime",
              "knew_recipient_would_commit_crime", "consequences", "other_serious_circumstances",
              "other_especially_serious_circumstances", "harassing_messages", "spread_privacy"),
    "sentencing": ("first_offender", "recidivist", "surrender", "confession", "meritorious_service", "guilty_plea",
                   "returned_all_gains", "remorse"),
}


class CaseBuilder(BuilderModel):
    """Every fact of the engine as typed (``NUMBERS`` as text, ``CHOICES`` as menu values) and the preset case.

    Its cards are the parts of the facts (``SECTIONS``): ``position`` is the part shown.
    """

    def __init__(self, scenarios: dict | None = None):
        self.scenarios = scenarios if scenarios is not None else load_scenarios()
        super().__init__({**{n: None for n in NUMBERS}, **CHOICES}, tuple(self.scenarios))
        self.walk()

    @property
    def card_ids(self) -> list[str]:
        return list(SECTIONS)

    def show_part_of(self, fact: str) -> None:
        """Show the part holding a fact (the learner types where the box is shown); other names: no move."""
        part = next((p for p, names in SECTIONS.items() if fact in names), None)
        if part is not None:
            self.go_to(part)

    def known(self, scenario: str) -> None:
        """A one-line LessonsError for a preset that is not one of the cases (``""``: none, fine)."""
        if scenario and scenario not in self.scenarios:
            raise LessonsError(f"unknown scenario {scenario!r}; choose one of {', '.join(self.scenarios)}")

    def choose(self, scenario: str) -> None:
        """Pick a preset case (its facts replace the typed ones); ``""`` picks none and keeps the facts."""
        self.known(scenario)
        if scenario:
            self.load(self.scenarios[scenario].facts, preset=scenario)
        else:
            self.answer("preset", "")

    def load(self, facts: Facts, preset: str = "") -> None:
        """A case's facts as the controls hold them (one consequence at most is shown)."""
        self.known(preset)
        d = facts.to_dict()
        values: dict[str, Any] = {f"pieces.{tier}": str(d.get("pieces", {}).get(tier, "")) for tier in TIER_IDS}
        buyers = d.get("pieces_sold_to_each_buyer")
        values["buyers"] = str(len(buyers)) if buyers else ""
        for name in AMOUNTS:
            values[name] = "" if name not in d else f"{d[name]:g}" if isinstance(d[name], float) else str(d[name])
        for name in CHOICES:
            value = d.get(name)
            if isinstance(value, bool):
                value = "yes" if value else "no"
            elif isinstance(value, list):  # a list of choices (consequences): its first, or none
                value = value[0] if value else "none"
            values[name] = value if value is not None else ""
        self.set_all({**values, "preset": preset})

    def case_dict(self) -> dict:
        """The facts as JSON-like input (numbers still as typed, so ``Facts.from_dict`` names bad ones);
        facts with no control (``KEPT``: the conduct date, ...) come from the chosen preset case."""
        preset = self.answers.get("preset")
        loaded = self.scenarios[preset].facts.to_dict() if preset else {}
        return {**{k: loaded[k] for k in KEPT if k in loaded}, **self.facts_dict()}

    def facts(self) -> Facts:
        """The facts read: LessonsError (an ``AnswerRefused`` with its reason for the buyers) if one cannot be."""
        return Facts.from_dict(self.case_dict())

    def assessment(self):
        """The engine's verdict on the facts (``lessons.engine.Assessment``); LessonsError as ``facts()``."""
        return assess(self.facts())
