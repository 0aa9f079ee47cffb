"""``assess(facts) -> Assessment``: a pure function from the facts of a case to the statutory outcome.

Order of work: what counts (Art. 3 para. 2, Art. 11), which standards (Art. 5 or Art. 6), the tier
(the heaviest rule met: quantity, gains and qualitative triggers each give a tier), then the
sentencing ranges. Unknown facts are never zero: rules they could still satisfy stay "unknown" and
the facts behind them are listed as missing.
"""
from __future__ import annotations

from dataclasses import fields

from lessons.engine.administrative import DATED, administrative_json, administrative_steps
from lessons.engine.case import build_case
from lessons.engine.facts import Facts
from lessons.engine.logic import TRUE, Tri, union
from lessons.engine.result import Assessment, Rule, Step
from lessons.engine.rules import (ART5, ART6, INSIDER_RULES, PARA2, art1_anonymised_not_personal_information,
                                  art3_anonymised, art6_applies, art6_items_3_4_part, art6_resold, art7_unit_crime,
                                  art11_counted_once, art11_cumulative, gate, is_unit_crime, p2_item3_tenfold_insider,
                                  uc1999_not_a_unit)
from lessons.engine.sentencing import (fine_from_gains, fine_range, heavier_punishment, leniency, lower_range,
                                       mitigating_grounds, occupational_ban, sentencing_steps)
from lessons.content.thresholds import Thresholds, load_thresholds
from lessons.content.tier_ids import ESPECIALLY_SERIOUS, NO_CRIME, OUTCOME_TIERS, SERIOUS, TIER_50, TIER_500, rank


def assess(facts: Facts, thresholds: Thresholds | None = None) -> Assessment:
    th = thresholds if thresholds is not None else load_thresholds()
    case = build_case(facts, th)
    f = facts
    steps: list[Step] = []
    # Anonymisation is an exception, not an element: its step shows only when the fact is given, or for a
    # provision where Art. 3 para. 2 names it; an unknown flag is never a missing fact (review E8).
    if f.conduct in OBTAINS_FIRST and f.irreversibly_anonymised is not None:
        steps.append(art1_anonymised_not_personal_information(case))
    if case.provides.value is not False:
        steps.append(art3_anonymised(case))
    if f.conduct == "buy_for_business":
        steps += [art6_applies(case), art6_resold(case)]
    if f.conduct == "obtain_and_sell" or (f.conduct == "buy_for_business" and case.sells.value):
        steps.append(art11_counted_once(case))
    if case.sales:
        steps.append(art11_cumulative(case))
    steps.append(art7_unit_crime(case))
    if f.unit_crime:
        steps.append(uc1999_not_a_unit(case))

    if f.irreversibly_anonymised is True:
        pass  # not personal information: no rule of Art. 5 or 6 can hold (Interp. Art. 1; PIPL Art. 4)
    elif case.regime == "art6":
        steps += [r(case) for r in ART6]
        part = art6_items_3_4_part(case)
        steps.append(part)
        if part.status != "not_met":
            condition = case.count(TIER_50).at_least(1) | case.count(TIER_500).at_least(1)
            steps += [gate(r(case), condition) for r in ART5]
    else:
        steps += [r(case) for r in ART5]

    tier = _tier(steps)
    settled = _settled(f, steps, tier)
    tier_missing = _missing(f, steps, tier)
    steps += sentencing_steps(case, tier, _not_especially(steps, tier))
    admin = administrative_steps(case, tier, settled, tier_missing)
    steps += admin
    lenient = next(s for s in steps if s.of(leniency))
    fine = fine_range(case, tier)
    return Assessment(
        tier=tier,
        regime=case.regime,
        imprisonment_months=_range(th, tier, "imprisonment"),
        criminal_detention_months=_range(th, tier, "detention"),
        fine_required=tier != NO_CRIME,
        fine_sole_penalty_allowed=tier == SERIOUS,
        fine_range_yuan=fine,
        heavier_punishment=any(s.holds and s.of(heavier_punishment) for s in steps),
        leniency="may_exempt" if lenient.holds else ("open" if lenient.status == "unknown" and tier == SERIOUS
                                                      else "none"),
        probation_possible=tier != NO_CRIME and f.recidivist is not True,
        unit_fined=tier != NO_CRIME and is_unit_crime(f).value is True,
        related_offences=(),
        steps=tuple(steps),
        missing_facts=_missing(f, steps, tier),
        warnings=_warnings(case, steps, tier),
        settled=settled,
        fine_guideline=fine is not None and fine[1] is not None,
        mitigating=mitigating_grounds(case, tier),
        aggravating=("recidivist",) if f.recidivist is True and tier != NO_CRIME else (),
        below_floor_range_months=lower_range(case, tier),
        administrative=tuple(administrative_json(admin)),
        conduct_date=f.conduct_date.isoformat() if f.conduct_date else None,
    )


def _settled(f: Facts, steps: list[Step], tier: str) -> bool:
    """Settled: no unknown fact could still raise the tier (exceptions such as anonymisation are not assumed)."""
    if f.conduct is None:
        return False
    return not any(s.status == "unknown" and s.tier is not None and rank(s.tier) > rank(tier) for s in steps)


def _not_especially(steps: list[Step], tier: str) -> Tri:
    """Do the facts rule out "especially serious"? Unknown while a para. 2 rule is still open."""
    if tier == ESPECIALLY_SERIOUS:
        return Tri(False)
    open_rules = [s for s in steps if s.of(*PARA2) and s.status == "unknown"]
    if not open_rules:
        return TRUE
    return Tri(None, union(*(s.unknown for s in open_rules)))


def _tier(steps: list[Step], skip: tuple[Rule, ...] = ()) -> str:
    met = [rank(s.tier) for s in steps if s.holds and s.tier and not s.of(*skip)]
    return OUTCOME_TIERS[max(met, default=0)]


def _range(th, tier: str, kind: str):
    if kind == "detention":
        return (th.value("detention_min_months"), th.value("detention_max_months")) if tier == SERIOUS else None
    if tier == SERIOUS:
        return (th.value("imprisonment_min_months"), th.value("serious_max_months"))
    if tier == ESPECIALLY_SERIOUS:
        return (th.value("especially_serious_min_months"), th.value("especially_serious_max_months"))
    return None


OUTCOME_RULES = (heavier_punishment, leniency, fine_from_gains, art6_items_3_4_part, occupational_ban, *DATED)
OBTAINS_FIRST = ("obtain", "obtain_and_sell", "buy_for_business")
# Leniency is decided after the tier; its unknown facts are added by _missing only for the final steps.


def _missing(f: Facts, steps: list[Step], tier: str) -> tuple[str, ...]:
    """Unknown facts that could still change the outcome: a heavier tier, the fine, leniency, ..."""
    out: dict[str, None] = {}  # ordered and O(1) lookups: there can be one name per listed buyer
    if f.conduct is None:
        out["conduct"] = None
    for s in steps:
        if s.status != "unknown":
            continue
        raises_tier = s.tier is not None and rank(s.tier) > rank(tier)
        if raises_tier or s.of(*OUTCOME_RULES):
            out.update(dict.fromkeys(s.unknown))
    order = [fl.name for fl in fields(Facts)]
    return tuple(sorted(out, key=lambda name: (order.index(name.split(".")[0].split("[")[0]), name)))


def _warnings(case, steps: list[Step], tier: str) -> tuple[str, ...]:
    met = [s for s in steps if s.holds]

    def held(*rules: Rule) -> bool:
        return any(s.of(*rules) for s in met)

    out = []
    if held(heavier_punishment) and held(*INSIDER_RULES) and _tier(steps, INSIDER_RULES) != tier:
        out.append("warn_insider_double_use")
    if held(p2_item3_tenfold_insider) and _tier(steps, (p2_item3_tenfold_insider,)) != tier:
        out.append("warn_insider_tenfold_reading")  # the x10-of-half reading decides the tier: derived, open
    day = case.facts.conduct_date
    if day is not None and day < case.th["serious_max_months"].in_force:
        out.append("warn_conduct_before_2015_text")
    if case.regime == "art6":
        out.append("warn_art6_no_especially_serious")
    if held(art3_anonymised):
        out.append("warn_anonymisation_reading")
    if is_unit_crime(case.facts).value and tier != NO_CRIME:
        out.append("warn_unit_fine_amount")
    if case.sales:
        out.append("warn_counting_reading")
    return tuple(out)
