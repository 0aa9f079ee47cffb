"""From the tier to the statutory ranges: Criminal Law Arts 253-1, 42, 45, 99, 72, 62, 37, 63, 31 and
Interpretation Arts 10 and 12. The engine computes ranges and directions, never an exact sentence.
"""
from __future__ import annotations

from lessons.engine.case import Case
from lessons.engine.logic import TRUE, Tri
from lessons.engine.result import Step
from lessons.engine.rules import Finding, rule


def _crime(tier: str) -> Tri:
    return Tri(tier != "none")


@rule("CL.253-1.p1")
def statutory_range(case: Case, tier: str) -> Finding:
    th = case.th
    if tier == "serious":
        values = {"low": th.value("imprisonment_min_months"), "high": th.value("serious_max_months")}
    elif tier == "especially_serious":
        values = {"low": th.value("especially_serious_min_months"), "high": th.value("especially_serious_max_months")}
    else:
        values = {}
    return Finding(_crime(tier), inputs={"tier": tier}, values={"tier": tier, **values})


@rule("CL.42.p1")
def criminal_detention(case: Case, tier: str) -> Finding:
    """Only the "serious" range offers criminal detention (拘役)."""
    return Finding(Tri(tier == "serious"), inputs={"tier": tier},
                   values={"low": case.th.value("detention_min_months"), "high": case.th.value("detention_max_months")})


@rule("CL.45.p1")
def imprisonment_minimum(case: Case, tier: str) -> Finding:
    return Finding(_crime(tier), inputs={"tier": tier}, values={"low": case.th.value("imprisonment_min_months")})


@rule("CL.99.p1")
def number_included(case: Case, tier: str) -> Finding:
    """Three years is both the ceiling of "serious" and the floor of "especially serious"."""
    return Finding(_crime(tier), inputs={"tier": tier}, values={"months": case.th.value("serious_max_months")})


@rule("CL.72.p1")
def probation(case: Case, tier: str) -> Finding:
    return Finding(_crime(tier), inputs={"tier": tier, "prior_record": case.facts.prior_record},
                   values={"tier": tier, "months": case.th.value("probation_max_months"),
                           "prior_criminal": case.facts.prior_record == "criminal"})


@rule("INT2017.a12.p1")
def fine_from_gains(case: Case, tier: str) -> Finding:
    g = case.facts.illegal_gains_yuan
    return Finding(_crime(tier) & Tri.fact("illegal_gains_yuan", g) & Tri(bool(g) or g is None),
                   inputs={"illegal_gains_yuan": g}, values=_fine_values(case, tier))


@rule("PP2000.a2.p1")
def fine_minimum(case: Case, tier: str) -> Finding:
    return Finding(_crime(tier), values={"minimum": case.th.value("fine_minimum")})


@rule("CL.253-1.p2")
def heavier_punishment(case: Case, tier: str) -> Finding:
    return Finding(_crime(tier) & case.insider,
                   inputs={"conduct": case.facts.conduct, "obtained_in_duties": case.facts.obtained_in_duties})


@rule("CL.62.p1")
def heavier_within_range(case: Case, tier: str) -> Finding:
    return Finding(TRUE)


@rule("INT2017.a10.p1")
def leniency(case: Case, tier: str) -> Finding:
    f = case.facts
    conditions = (Tri(tier == "serious") & Tri.fact("first_offender", f.first_offender)
                  & Tri.fact("returned_all_gains", f.returned_all_gains) & Tri.fact("remorse", f.remorse))
    return Finding(conditions, inputs={"tier": tier, "first_offender": f.first_offender,
                                       "returned_all_gains": f.returned_all_gains, "remorse": f.remorse})


@rule("CL.37.p1")
def exemption(case: Case, tier: str) -> Finding:
    return Finding(TRUE)


@rule("CL.63.p1")
def mitigation_not_computed(case: Case, tier: str) -> Finding:
    return Finding(None)


@rule("CL.31.p1")
def unit_fined(case: Case, tier: str) -> Finding:
    return Finding(_crime(tier) & Tri.fact("unit_crime", case.facts.unit_crime),
                   inputs={"unit_crime": case.facts.unit_crime})


def sentencing_steps(case: Case, tier: str) -> list[Step]:
    steps = [r(case, tier) for r in (statutory_range, criminal_detention, imprisonment_minimum, number_included,
                                     probation, fine_from_gains, fine_minimum, heavier_punishment)]
    if steps[-1].holds:
        steps.append(heavier_within_range(case, tier))
    steps.append(leniency(case, tier))
    if steps[-1].holds:
        steps.append(exemption(case, tier))
    if tier != "none":
        steps.append(mitigation_not_computed(case, tier))
    if case.facts.unit_crime:
        steps.append(unit_fined(case, tier))
    return steps


def fine_range(case: Case, tier: str) -> tuple | None:
    """Art. 12: "generally" 1-5 times the illegal gains; never below the general minimum (PP2000 Art. 2).

    Without gains, or while they are unknown, only the minimum is known: (1000, None).
    """
    if tier == "none":
        return None
    th, g = case.th, case.facts.illegal_gains_yuan
    low = th.value("fine_minimum")
    if not g:
        return (low, None)
    return (max(low, _whole(g * th.value("fine_gains_min_multiple"))),
            max(low, _whole(g * th.value("fine_gains_max_multiple"))))


def _fine_values(case: Case, tier: str) -> dict:
    r = fine_range(case, tier)
    return {"low": r[0] if r else None, "high": r[1] if r else None, "gains": case.facts.illegal_gains_yuan,
            "min_multiple": case.th.value("fine_gains_min_multiple"),
            "max_multiple": case.th.value("fine_gains_max_multiple")}


def _whole(x):
    return int(x) if float(x) == int(x) else round(float(x), 2)
