"""What the engine returns: the steps it took, clause by clause, and the resulting penalty ranges."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from lessons.content.tier_ids import NO_CRIME, OUTCOME_TIERS
from lessons.content.tier_ids import rank as rank  # re-exported: callers rank tiers of a result

TIERS = OUTCOME_TIERS  # the name the classroom and widgets import
STATUSES = ("met", "not_met", "unknown", "not_computed")


class Rule(Protocol):
    """A rule function (``@rule`` in lessons.engine.rules): called on a case it gives the Step named ``name``."""

    name: str
    clause: str

    def __call__(self, *args: Any) -> Step: ...


@dataclass(frozen=True)
class Comparison:
    """One comparison a rule made, e.g. 120 pieces >= 50; ``holds`` is None while facts are missing."""

    fact: str
    value: Any
    threshold: Any
    holds: bool | None
    exact: bool = True

    def to_json(self) -> dict:
        return {"fact": self.fact, "value": _num(self.value), "threshold": _num(self.threshold),
                "holds": self.holds, "exact": self.exact}


@dataclass(frozen=True)
class Step:
    """One rule tried: the clause it implements, the facts it read, and whether it held.

    ``status`` is met, not_met, unknown (facts missing) or not_computed (a catch-all such as
    "other serious circumstances" that only a court can apply). ``tier`` is the tier the rule
    establishes when met. Texts live in ``data/content/ui/engine.yaml`` under the rule's name.
    """

    rule: str
    clause: str
    status: str
    tier: str | None = None
    inputs: dict = field(default_factory=dict)
    comparisons: tuple[Comparison, ...] = ()
    unknown: tuple[str, ...] = ()
    values: dict = field(default_factory=dict)

    @property
    def holds(self) -> bool:
        return self.status == "met"

    def of(self, *rules: Rule) -> bool:
        """Did one of ``rules`` (rule functions of lessons.engine.rules) make this step?"""
        return any(self.rule == r.name for r in rules)


@dataclass(frozen=True)
class Assessment:
    """The result of ``assess``: tier, statutory ranges, the steps and the missing facts."""

    tier: str
    regime: str
    imprisonment_months: tuple[int, int] | None
    criminal_detention_months: tuple[int, int] | None
    fine_required: bool
    fine_sole_penalty_allowed: bool
    fine_range_yuan: tuple[Any, Any] | None
    heavier_punishment: bool
    leniency: str
    probation_possible: bool
    unit_fined: bool
    related_offences: tuple[str, ...]
    steps: tuple[Step, ...]
    missing_facts: tuple[str, ...]
    warnings: tuple[str, ...]
    # Added with the sentencing factors and the administrative tier (defaults keep old callers working).
    settled: bool = True
    fine_guideline: bool = False
    mitigating: tuple[str, ...] = ()
    aggravating: tuple[str, ...] = ()
    below_floor_range_months: tuple[int, int] | None = None  # half-open: from the first to under the second
    administrative: tuple[dict, ...] = ()
    conduct_date: str | None = None  # ISO date the administrative texts were chosen by; None = unknown

    def step(self, rule: str | Rule) -> Step | None:
        """The step a rule made: the rule function, or its name as the JSON shows it."""
        name = rule if isinstance(rule, str) else rule.name
        return next((s for s in self.steps if s.rule == name), None)

    def met(self) -> list[str]:
        return [s.rule for s in self.steps if s.holds]

    def deciding(self) -> list[Step]:
        """The steps that set the tier (met at this tier), or, below "serious", those still open above it."""
        if self.tier != NO_CRIME:
            return [s for s in self.steps if s.holds and s.tier == self.tier]
        return [s for s in self.steps if s.status == "unknown" and s.tier is not None]

    def _summary(self) -> list[tuple[str, str]]:
        """A few (name, value) pairs in ids and numbers, the same in every language: the ``repr`` views."""
        rows = [("tier", repr(self.tier)), ("settled", str(self.settled))]
        if self.imprisonment_months:
            rows.append(("imprisonment_months", "%d-%d" % self.imprisonment_months))
        if self.criminal_detention_months:
            rows.append(("criminal_detention_months", "%d-%d" % self.criminal_detention_months))
        if self.fine_range_yuan:
            low, high = self.fine_range_yuan
            rows.append(("fine_range_yuan", f"{_num(low):,}-" + (f"{_num(high):,}" if high is not None else "?")))
        deciding = "; ".join(_step_line(s) for s in self.deciding()) or "-"
        rows.append(("deciding" if self.tier != NO_CRIME else "open", deciding))
        rows.append(("missing_facts", ", ".join(self.missing_facts) or "-"))
        if self.warnings:
            rows.append(("warnings", ", ".join(self.warnings)))
        return rows

    def __repr__(self) -> str:
        # Short on purpose: the dataclass repr of every step ran to thousands of characters.
        return "<Assessment\n" + "\n".join(f"  {name}: {value}" for name, value in self._summary()) + ">"

    def _repr_html_(self) -> str:
        from html import escape

        cell = "style='text-align:left'"
        rows = "".join(f"<tr><th {cell}>{escape(n)}</th><td {cell}>{escape(v)}</td></tr>" for n, v in self._summary())
        return f"<table><caption>Assessment</caption>{rows}</table>"


def _step_line(s: Step) -> str:
    """``rule [clause]: fact value >= threshold`` for the comparisons that decided it."""
    held = [c for c in s.comparisons if c.holds is not False]
    shown = lambda c: _num(c.value) if c.exact else ("?" if not c.value else f"{_num(c.value)}+")  # noqa: E731
    compared = ", ".join(f"{c.fact} {shown(c)} >= {_num(c.threshold)}" for c in held[:2])
    return f"{s.rule} [{s.clause}]" + (f": {compared}" if compared else "")


def _num(value):
    """Fractions (proportional sums) become floats for JSON; whole numbers stay ints."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if float(value) == int(value):
        return int(value)
    return round(float(value), 4)
