"""From the tier to the statutory ranges: Criminal Law Arts 253-1, 42, 45, 99, 72, 62, 37, 63, 31, the
sentencing factors of Arts 27, 65, 67, 68, 74 and plea and acceptance of punishment, and Interpretation
Arts 10 and 12. The engine computes ranges and directions, never an exact sentence.
"""
from __future__ import annotations

from lessons.content.tier_ids import ESPECIALLY_SERIOUS, NO_CRIME, SERIOUS
from lessons.engine.case import Case
from lessons.engine.logic import FALSE, TRUE, Tri
from lessons.engine.result import Step
from lessons.engine.rules import Finding, is_unit_crime, rule


def _crime(tier: str) -> Tri:
    return Tri(tier != NO_CRIME)


@rule("CL.253-1.p1")
def statutory_range(case: Case, tier: str) -> Finding:
    th = case.th
    if tier == SERIOUS:
        values = {"low": th.value("imprisonment_min_months"), "high": th.value("serious_max_months")}
    elif tier == ESPECIALLY_SERIOUS:
        values = {"low": th.value("especially_serious_min_months"), "high": th.value("especially_serious_max_months")}
    else:
        values = {}
    return Finding(_crime(tier), inputs={"tier": tier}, values={"tier": tier, **values})


@rule("CL.42.p1")
def criminal_detention(case: Case, tier: str) -> Finding:
    """Only the "serious" range offers criminal detention (拘役)."""
    return Finding(Tri(tier == SERIOUS), inputs={"tier": tier},
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
    known = None if g is None else bool(g)  # holds only when there are gains; unknown gains keep it open
    return Finding(_crime(tier) & Tri.fact("illegal_gains_yuan", known),
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


def first_offender(case: Case) -> Tri:
    """A prior criminal record or recidivism rules out a first offender (初犯), whatever the box says."""
    f = case.facts
    if f.prior_record == "criminal" or f.recidivist is True:
        return FALSE
    return Tri.fact("first_offender", f.first_offender)


@rule("INT2017.a10.p1")
def leniency(case: Case, tier: str, not_especially: Tri = TRUE) -> Finding:
    """Only where the facts rule out "especially serious": an open para. 2 rule keeps Art. 10 open."""
    f = case.facts
    conditions = (Tri(tier == SERIOUS) & not_especially & first_offender(case)
                  & Tri.fact("returned_all_gains", f.returned_all_gains) & Tri.fact("remorse", f.remorse))
    return Finding(conditions, inputs={"tier": tier, "first_offender": f.first_offender, "prior_record": f.prior_record,
                                       "recidivist": f.recidivist, "returned_all_gains": f.returned_all_gains,
                                       "remorse": f.remorse})


@rule("CL.37.p1")
def exemption(case: Case, tier: str) -> Finding:
    return Finding(TRUE)


@rule("CL.63.p1")
def mitigation_not_computed(case: Case, tier: str) -> Finding:
    return Finding(None, values={"tier": tier})


# Sentencing factors: each may move the sentence within the range (从轻, Art. 62) or, where the clause
# allows mitigation (减轻), below its floor (Art. 63). The engine says which, never by how much.
LIGHTER, MITIGATE, LENIENT = "lighter", "lighter_or_mitigated", "lenient"
EFFECTS = {"surrender": MITIGATE, "confession": LIGHTER, "meritorious_service": MITIGATE,
           "accessory": "lighter_mitigated_or_exempt", "guilty_plea": LENIENT}
BELOW_FLOOR = ("surrender", "meritorious_service", "accessory")


def _ground(case: Case, tier: str, name: str) -> Finding:
    value = getattr(case.facts, name)
    return Finding(_crime(tier) & Tri.fact(name, value), inputs={name: value},
                   values={"tier": tier, "effect": EFFECTS[name]})


@rule("CL.67.p1")
def factor_surrender(case: Case, tier: str) -> Finding:
    return _ground(case, tier, "surrender")


@rule("CL.67.p3")
def factor_confession(case: Case, tier: str) -> Finding:
    return _ground(case, tier, "confession")


@rule("CL.68.p1")
def factor_meritorious_service(case: Case, tier: str) -> Finding:
    return _ground(case, tier, "meritorious_service")


@rule("CL.27.p2")
def factor_accessory(case: Case, tier: str) -> Finding:
    return _ground(case, tier, "accessory")


@rule("CrimPL.a15")
def factor_guilty_plea(case: Case, tier: str) -> Finding:
    return _ground(case, tier, "guilty_plea")


FACTORS = {"surrender": factor_surrender, "confession": factor_confession,
           "meritorious_service": factor_meritorious_service, "accessory": factor_accessory,
           "guilty_plea": factor_guilty_plea}


@rule("CL.63.p1")
def below_floor(case: Case, tier: str) -> Finding:
    """With a ground that allows mitigation (减轻), the court may go into the next lower range (Art. 63).

    "Serious": criminal detention and a fine alone lie inside its range (Art. 253-1 para. 1), so choosing them is
    a lighter punishment within it (Art. 62); below it only exemption remains, where a clause allows it.
    "Especially serious": the next lower range, strictly under its 36-month floor.
    """
    th = case.th
    values = {"tier": tier, "low": th.value("detention_min_months"), "under": th.value("especially_serious_min_months"),
              "in_range": ("imprisonment", "criminal_detention", "fine_alone") if tier == SERIOUS else (),
              "below_range": ("exemption_where_a_clause_allows",) if tier == SERIOUS else ("serious_range",)}
    return Finding(_crime(tier), inputs={"tier": tier}, values=values)


@rule("CL.65.p1")
def recidivist_heavier(case: Case, tier: str) -> Finding:
    return Finding(_crime(tier) & Tri.fact("recidivist", case.facts.recidivist),
                   inputs={"recidivist": case.facts.recidivist})


@rule("CL.74")
def recidivist_no_probation(case: Case, tier: str) -> Finding:
    return Finding(_crime(tier) & Tri.fact("recidivist", case.facts.recidivist),
                   inputs={"recidivist": case.facts.recidivist})


def mitigating_grounds(case: Case, tier: str) -> tuple[str, ...]:
    return tuple(name for name in FACTORS if tier != NO_CRIME and getattr(case.facts, name) is True)


def lower_range(case: Case, tier: str) -> tuple[int, int] | None:
    """The range a mitigated sentence falls in (Art. 63): below "especially serious" lies "serious".

    Half-open: from the first value up to, not including, the second. 减轻 is below the statutory minimum
    (Art. 63), and 36 months is inside the especially serious range (Art. 99), so a mitigated term is under it.
    """
    if tier == ESPECIALLY_SERIOUS and set(mitigating_grounds(case, tier)) & set(BELOW_FLOOR):
        return (case.th.value("detention_min_months"), case.th.value("especially_serious_min_months"))
    return None


@rule("CL.31.p1")
def unit_fined(case: Case, tier: str) -> Finding:
    return Finding(_crime(tier) & is_unit_crime(case.facts),
                   inputs={"unit_crime": case.facts.unit_crime,
                           "unit_set_up_for_crime": case.facts.unit_set_up_for_crime})


@rule("CL.64")
def confiscation(case: Case, tier: str) -> Finding:
    """Every conviction: the illegal gains are recovered or restitution ordered (追缴、责令退赔)."""
    g = case.facts.illegal_gains_yuan
    return Finding(_crime(tier), inputs={"illegal_gains_yuan": g},
                   values={"gains": g, "tier": "gains" if g else ("no_gains" if g == 0 else None)})


@rule("CL.37-1.p1")
def occupational_ban(case: Case, tier: str) -> Finding:
    """Information obtained through the occupation (duties or services) and sold: the court may ban the
    occupation for 3-5 years after the sentence; it is a power ("可以"), never computed as certain."""
    th = case.th
    return Finding(_crime(tier) & case.insider,
                   inputs={"conduct": case.facts.conduct, "obtained_in_duties": case.facts.obtained_in_duties},
                   values={"low": th.value("occupational_ban_min_years"),
                           "high": th.value("occupational_ban_max_years")})


def sentencing_steps(case: Case, tier: str, not_especially: Tri = TRUE) -> list[Step]:
    steps = [r(case, tier) for r in (statutory_range, criminal_detention, imprisonment_minimum, number_included,
                                     probation, fine_from_gains, fine_minimum, heavier_punishment)]
    if steps[-1].holds:
        steps.append(heavier_within_range(case, tier))
    steps.append(leniency(case, tier, not_especially))
    if steps[-1].holds:
        steps.append(exemption(case, tier))
    if case.facts.recidivist is True and tier != NO_CRIME:
        steps += [recidivist_heavier(case, tier), recidivist_no_probation(case, tier)]
    grounds = mitigating_grounds(case, tier)
    steps += [FACTORS[name](case, tier) for name in grounds]
    if set(grounds) & set(BELOW_FLOOR):
        steps.append(below_floor(case, tier))
    elif tier != NO_CRIME:
        steps.append(mitigation_not_computed(case, tier))
    if case.facts.unit_crime:
        steps.append(unit_fined(case, tier))
    if tier != NO_CRIME:
        steps.append(confiscation(case, tier))
        if case.insider.value is not False:
            steps.append(occupational_ban(case, tier))
    return steps


def fine_range(case: Case, tier: str) -> tuple | None:
    """Art. 12: "generally" 1-5 times the illegal gains; never below the general minimum (PP2000 Art. 2).

    Without gains, or while they are unknown, only the minimum is known: (1000, None).
    """
    if tier == NO_CRIME:
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
