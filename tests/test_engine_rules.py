"""The Article 253-1 engine, rule by rule: boundary tables generated from thresholds.yaml, counting,
unknown facts, Art. 6, Art. 3 para. 2, leniency and the sentencing ranges."""
import subprocess
import sys
from fractions import Fraction

import pytest

from lessons.engine import Facts, Pieces, assess
from lessons.content.thresholds import load_thresholds
from lessons.content.errors import LessonsError

TH = load_thresholds()
TIERS = ("tier_50", "tier_500", "tier_5000")
HALF = TH.value("insider_divisor")
TEN = TH.value("especially_serious_multiplier")


def known(**changes) -> Facts:
    """A case where every fact is known and nothing triggers a rule; ``changes`` override."""
    base = dict(conduct="obtain", pieces={t: 0 for t in TIERS}, illegal_gains_yuan=0, obtained_in_duties=False,
                whereabouts_used_for_crime=False, knew_recipient_would_commit_crime=False, prior_record="none",
                consequences=[], unit_crime=False, first_offender=True, returned_all_gains=False, remorse=False,
                irreversibly_anonymised=False, conduct_date="2026-03-01")
    base.update(changes)
    return Facts.from_dict(base)


def insider(**changes) -> Facts:
    return known(conduct="sell_or_provide", obtained_in_duties=True, **changes)


def boundary_rows():
    """(label, facts, expected tier) at every edge: the standards, their halves and their ten-folds."""
    for tier in TIERS:
        n = TH.value(tier)
        for make, edge, who in ((known, n, "anyone"), (insider, n // HALF, "insider")):
            rows = [
                (edge - 1, "none"),
                (edge, "serious"),
                (edge * TEN - 1, "serious"),
                (edge * TEN, "especially_serious"),
            ]
            for count, expected in rows:
                yield f"{who}-{tier}-{count}", make(pieces={**{t: 0 for t in TIERS}, tier: count}), expected
    g = TH.value("gains")
    for make, edge, who in ((known, g, "anyone"), (insider, g // HALF, "insider")):
        for amount, expected in (
            (edge - 1, "none"),
            (edge, "serious"),
            (edge * TEN - 1, "serious"),
            (edge * TEN, "especially_serious"),
        ):
            yield f"{who}-gains-{amount}", make(illegal_gains_yuan=amount), expected


ROWS = list(boundary_rows())


@pytest.mark.parametrize("label,facts,expected", ROWS, ids=[r[0] for r in ROWS])
def test_boundary_table(label, facts, expected):
    result = assess(facts)
    assert result.tier == expected
    assert result.missing_facts == ()


def test_boundary_table_covers_the_documented_edges():
    labels = {r[0] for r in ROWS}
    for edge in ("anyone-tier_50-49", "anyone-tier_50-50", "anyone-tier_500-499", "anyone-tier_5000-4999",
                 "anyone-tier_5000-50000", "anyone-gains-4999", "anyone-gains-49999", "anyone-gains-50000",
                 "insider-tier_50-24", "insider-tier_50-25", "insider-tier_50-250", "insider-gains-2500",
                 "insider-gains-25000"):
        assert edge in labels


def proportional(sum_target: Fraction):
    """Pieces whose proportional sum is exactly ``sum_target``: half from the 500 tier, half from the 5,000 tier."""
    a, b = sum_target / 2 * TH.value("tier_500"), sum_target / 2 * TH.value("tier_5000")
    assert a.denominator == b.denominator == 1
    return {"tier_50": 0, "tier_500": int(a), "tier_5000": int(b)}


@pytest.mark.parametrize("target,minus_one,expected", [
    (Fraction(1), False, "serious"), (Fraction(1), True, "none"),
    (Fraction(TEN), False, "especially_serious"), (Fraction(TEN), True, "serious"),
])
def test_proportional_sum_at_exactly_one_and_ten(target, minus_one, expected):
    pieces = proportional(target)
    assert pieces["tier_500"] < TH.value("tier_500") * target and pieces["tier_5000"] < TH.value("tier_5000") * target
    if minus_one:
        pieces["tier_500"] -= 1
    result = assess(known(pieces=pieces))
    assert result.tier == expected
    rule = "item6_proportional_sum" if target == 1 else "p2_item3_tenfold"
    assert (result.step(rule).status == "met") is (not minus_one)


@pytest.mark.parametrize(
    "target,expected", [(Fraction(1, HALF), "serious"), (Fraction(TEN, HALF), "especially_serious")]
)
def test_insider_proportional_sum_uses_the_halves(target, expected):
    pieces = proportional(target)
    assert assess(insider(pieces=pieces)).tier == expected
    lower = {"none": "none", "serious": "none", "especially_serious": "serious"}[expected]
    assert assess(known(pieces=pieces)).tier == lower


def test_gains_are_not_mixed_into_the_proportional_sum():
    pieces = proportional(Fraction(1, 2))
    result = assess(known(pieces=pieces, illegal_gains_yuan=TH.value("gains") - 1))
    assert result.tier == "none"


def test_item6_only_below_items_3_to_5():
    step = assess(known(pieces={"tier_50": 60, "tier_500": 0, "tier_5000": 0})).step("item6_proportional_sum")
    assert step.status == "not_met" and step.values["covered"] is True


def test_unknown_is_not_zero_and_is_listed_as_missing():
    result = assess(Facts(conduct="obtain", pieces=Pieces(tier_50=49)))
    assert result.tier == "none"
    for fact in ("pieces.tier_500", "pieces.tier_5000", "illegal_gains_yuan", "consequences", "prior_record"):
        assert fact in result.missing_facts
    assert result.step("item4_five_hundred_pieces").status == "unknown"


def test_missing_facts_only_those_that_could_change_the_outcome():
    result = assess(known(pieces={"tier_50": 0, "tier_500": 0, "tier_5000": 60000}, illegal_gains_yuan=None))
    assert result.tier == "especially_serious"
    # gains cannot raise the tier any more, but the fine range still depends on them
    assert result.missing_facts == ("illegal_gains_yuan",)
    assert result.fine_range_yuan == (TH.value("fine_minimum"), None)


def test_an_established_tier_stands_while_other_facts_are_unknown():
    result = assess(Facts(conduct="obtain", pieces=Pieces(tier_50=60)))
    assert result.tier == "serious"
    assert "pieces.tier_500" in result.missing_facts  # could still reach "especially serious"
    assert "prior_record" not in result.missing_facts  # item 9 cannot raise it above "serious"


def test_conduct_unknown_is_missing_and_keeps_selling_rules_open():
    result = assess(known(conduct=None, whereabouts_used_for_crime=True))
    assert "conduct" in result.missing_facts
    assert result.step("item1_whereabouts_used_for_crime").status == "unknown"


def test_insider_rules_need_selling_or_providing():
    result = assess(known(obtained_in_duties=True, pieces={"tier_50": 30, "tier_500": 0, "tier_5000": 0}))
    assert result.tier == "none" and not result.heavier_punishment


def test_heavier_punishment_and_double_use_warning():
    result = assess(insider(pieces={"tier_50": 30, "tier_500": 0, "tier_5000": 0}))
    assert result.heavier_punishment and result.step("heavier_within_range").holds
    assert "warn_insider_double_use" in result.warnings
    # not decisive: the standard itself is met, so no double use of the fact
    result = assess(insider(pieces={"tier_50": 60, "tier_500": 0, "tier_5000": 0}))
    assert result.heavier_punishment and "warn_insider_double_use" not in result.warnings


def test_qualitative_items():
    assert assess(known(conduct="sell_or_provide", whereabouts_used_for_crime=True)).tier == "serious"
    assert assess(known(conduct="obtain", whereabouts_used_for_crime=True)).tier == "none"
    assert assess(known(conduct="sell_or_provide", knew_recipient_would_commit_crime=True)).tier == "serious"
    assert assess(known(prior_record="criminal", first_offender=False)).tier == "serious"
    assert assess(known(prior_record="administrative_within_2_years")).tier == "serious"
    for consequence in ("death", "serious_injury", "mental_disorder", "kidnapping"):
        result = assess(known(consequences=[consequence]))
        assert result.tier == "especially_serious" and result.step("p2_item1_grave_harm").holds
    for consequence in ("major_economic_loss", "vile_social_impact"):
        result = assess(known(consequences=[consequence]))
        assert result.tier == "especially_serious" and result.step("p2_item2_loss_or_impact").holds


def test_catch_alls_are_named_not_computed():
    result = assess(known())
    for rule in ("item10_other_serious", "p2_item4_other_especially_serious"):
        assert result.step(rule).status == "not_computed" and not result.step(rule).holds


def test_art11_counting():
    once = assess(known(conduct="obtain_and_sell", pieces={"tier_50": 0, "tier_500": 0, "tier_5000": 4000}))
    assert once.tier == "none" and once.step("art11_counted_once").holds
    buyers = [{"tier_50": 0, "tier_500": 0, "tier_5000": 2500}] * 2
    result = assess(known(conduct="sell_or_provide", pieces={"tier_50": 0, "tier_500": 0, "tier_5000": 2500},
                          pieces_sold_to_each_buyer=buyers))
    assert result.tier == "serious" and result.step("item5_five_thousand_pieces").comparisons[0].value == 5000


def test_buyer_counts_unknown_are_a_lower_bound():
    result = assess(known(conduct="sell_or_provide", pieces_sold_to_each_buyer=[{"tier_5000": 3000}, {}],
                          pieces={"tier_50": 0, "tier_500": 0, "tier_5000": 3000}))
    assert result.tier == "none"
    assert "pieces_sold_to_each_buyer[1].tier_5000" in result.missing_facts


def test_art6_business_purchase():
    profit = TH.value("business_profit")
    assert assess(known(conduct="buy_for_business", pieces={"tier_50": 0, "tier_500": 0, "tier_5000": 90000},
                        business_profit_yuan=profit - 1)).tier == "none"
    result = assess(known(conduct="buy_for_business", pieces={"tier_50": 0, "tier_500": 0, "tier_5000": 90000},
                          business_profit_yuan=profit))
    assert result.tier == "serious" and result.regime == "art6"
    assert "warn_art6_no_especially_serious" in result.warnings
    assert result.step("art6_especially_serious_open").status == "not_computed"
    # Art. 5 gains and quantity standards do not apply to an Art. 6 purchase of residual information
    assert assess(known(conduct="buy_for_business", illegal_gains_yuan=9000, business_profit_yuan=0,
                        pieces={"tier_50": 0, "tier_500": 0, "tier_5000": 90000})).tier == "none"
    assert assess(known(conduct="buy_for_business", prior_record="administrative_within_2_years",
                        business_profit_yuan=0)).tier == "serious"


def test_art6_does_not_cover_items_3_and_4_information():
    """Review E5: with only item 3-4 information Art. 6 is not engaged: regime Art. 5, no Art. 6 warning."""
    result = assess(known(conduct="buy_for_business", business_profit_yuan=0,
                          pieces={"tier_50": 60, "tier_500": 0, "tier_5000": 0}))
    assert result.tier == "serious" and result.regime == "art5"
    assert "warn_art6_no_especially_serious" not in result.warnings
    assert result.step("art6_applies").status == "not_met" and result.step("art6_items_3_4_part") is None
    assert result.step("art6_applies").values == {"tier": "items_3_4_only"}
    # the review's case: 6,000 item-4 records bought for business reach 10 x 500 under Art. 5
    p22 = assess(known(conduct="buy_for_business", business_profit_yuan=0,
                       pieces={"tier_50": 0, "tier_500": 6000, "tier_5000": 0}))
    assert (p22.tier, p22.regime, p22.warnings) == ("especially_serious", "art5", ())
    mixed = assess(known(conduct="buy_for_business", business_profit_yuan=0,
                         pieces={"tier_50": 60, "tier_500": 0, "tier_5000": 10}))
    assert mixed.regime == "art6" and mixed.tier == "serious" and mixed.step("art6_items_3_4_part").holds
    unknown = assess(known(conduct="buy_for_business", business_profit_yuan=0, pieces={"tier_5000": 10}))
    assert "pieces.tier_50" in unknown.missing_facts


def test_art6_resale_falls_back_to_art5():
    result = assess(known(conduct="buy_for_business", business_profit_yuan=0,
                          pieces={"tier_50": 0, "tier_500": 0, "tier_5000": 5000},
                          pieces_sold_to_each_buyer=[{"tier_50": 0, "tier_500": 0, "tier_5000": 5000}]))
    assert result.regime == "art5" and result.tier == "serious" and result.step("art6_resold").holds


def test_art3_anonymised_data_is_not_providing():
    big = {"tier_50": 0, "tier_500": 0, "tier_5000": 100000}
    assert assess(known(conduct="sell_or_provide", pieces=big, irreversibly_anonymised=True)).tier == "none"
    assert (
        assess(known(conduct="sell_or_provide", pieces=big, irreversibly_anonymised=False)).tier == "especially_serious"
    )
    open_ = assess(known(conduct="sell_or_provide", pieces=big, irreversibly_anonymised=None))
    assert open_.tier == "especially_serious" and open_.settled
    # Review E8: the exception is not an element; an unstated flag is not a missing fact
    assert "irreversibly_anonymised" not in open_.missing_facts


@pytest.mark.parametrize("conduct", ["obtain", "obtain_and_sell", "buy_for_business", "sell_or_provide"])
def test_anonymised_information_is_not_personal_information_for_any_conduct(conduct):
    """Review E1: irreversibly anonymised records are not personal information at all, obtained or provided."""
    big = {"tier_50": 1000, "tier_500": 10000, "tier_5000": 100000}
    r = assess(known(conduct=conduct, pieces=big, illegal_gains_yuan=90000, prior_record="criminal",
                     first_offender=False, irreversibly_anonymised=True))
    assert r.tier == "none" and r.settled and r.imprisonment_months is None
    assert not [x for x in r.administrative if x["clause"].startswith(("PSAPL2025.a56", "CSL2016"))]
    assert "irreversibly_anonymised" not in r.missing_facts
    if conduct != "sell_or_provide":
        assert r.step("art1_anonymised_not_personal_information").holds


def test_anonymised_unit_gets_no_pipl66():
    r = assess(known(conduct="obtain", unit_crime=True, irreversibly_anonymised=True, pieces={"tier_5000": 100000}))
    assert r.administrative == () and not r.unit_fined


def test_unit_crime_same_standards_and_unit_fined():
    pieces = {"tier_50": 0, "tier_500": 0, "tier_5000": 5000}
    person, unit = assess(known(pieces=pieces)), assess(known(pieces=pieces, unit_crime=True))
    assert person.tier == unit.tier == "serious"
    assert unit.unit_fined and not person.unit_fined and unit.step("unit_fined").holds


@pytest.mark.parametrize(
    "first,returned,remorse,expected",
    [
        (True, True, True, "may_exempt"),
        (False, True, True, "none"),
        (True, False, True, "none"),
        (True, True, False, "none"),
    ],
)
def test_art10_leniency(first, returned, remorse, expected):
    pieces = {"tier_50": 0, "tier_500": 0, "tier_5000": 6000}
    result = assess(known(pieces=pieces, first_offender=first, returned_all_gains=returned, remorse=remorse))
    assert result.leniency == expected
    assert (result.step("exemption") is not None) is (expected == "may_exempt")


def test_art10_not_for_especially_serious_and_open_when_unknown():
    big = {"tier_50": 0, "tier_500": 0, "tier_5000": 60000}
    assert assess(known(pieces=big, returned_all_gains=True, remorse=True)).leniency == "none"
    result = assess(
        known(pieces={"tier_50": 0, "tier_500": 0, "tier_5000": 6000}, returned_all_gains=True, remorse=None)
    )
    assert result.leniency == "open" and "remorse" in result.missing_facts


def test_sentencing_ranges_and_the_three_year_overlap():
    serious = assess(known(illegal_gains_yuan=TH.value("gains") * TEN - 1))
    especially = assess(known(illegal_gains_yuan=TH.value("gains") * TEN))
    assert serious.imprisonment_months == (TH.value("imprisonment_min_months"), TH.value("serious_max_months"))
    assert serious.criminal_detention_months == (TH.value("detention_min_months"), TH.value("detention_max_months"))
    assert serious.fine_sole_penalty_allowed and serious.fine_required
    assert especially.imprisonment_months == (
        TH.value("especially_serious_min_months"),
        TH.value("especially_serious_max_months"),
    )
    assert especially.criminal_detention_months is None
    assert especially.fine_required and not especially.fine_sole_penalty_allowed
    # Art. 99: 36 months is the top of one range and the bottom of the next
    assert serious.imprisonment_months[1] == especially.imprisonment_months[0] == 36
    assert serious.probation_possible and especially.probation_possible
    assert especially.step("number_included").holds


def test_no_crime_no_penalty():
    result = assess(known())
    assert result.tier == "none"
    assert (result.imprisonment_months, result.criminal_detention_months, result.fine_range_yuan) == (None, None, None)
    assert not (result.fine_required or result.probation_possible or result.heavier_punishment)
    assert result.related_offences == ()


@pytest.mark.parametrize("gains,expected", [(0, (1000, None)), (100, (1000, 1000)), (300, (1000, 1500)),
                                            (6000, (6000, 30000)), (None, (1000, None))])
def test_fine_range(gains, expected):
    pieces = {"tier_50": 0, "tier_500": 0, "tier_5000": 6000}
    assert assess(known(pieces=pieces, illegal_gains_yuan=gains)).fine_range_yuan == expected


def test_first_offender_contradicts_a_criminal_record():
    with pytest.raises(LessonsError, match="first_offender"):
        known(prior_record="criminal", first_offender=True)


def test_facts_round_trip():
    facts = known(pieces_sold_to_each_buyer=[{"tier_5000": 3}], consequences=["death"])
    assert Facts.from_dict(facts.to_dict()) == facts


def test_engine_imports_no_widgets():
    code = (
        "import sys, lessons.engine, lessons.engine.report, lessons.engine.scenarios; "
        "sys.exit('ipywidgets' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# --- "especially serious" must be ruled out; a prior record is not a first offender ------------------

SERIOUS_ONLY = {"tier_50": 0, "tier_500": 0, "tier_5000": 6000}


def test_leniency_open_while_especially_serious_is_not_ruled_out():
    lenient = dict(pieces=SERIOUS_ONLY, first_offender=True, returned_all_gains=True, remorse=True)
    assert assess(known(**lenient)).leniency == "may_exempt"
    open_case = assess(known(**{**lenient, "consequences": None}))
    assert open_case.tier == "serious" and open_case.leniency == "open" and not open_case.settled
    assert "consequences" in open_case.missing_facts and open_case.step("exemption") is None
    judged = assess(known(**lenient, other_especially_serious_circumstances=True))
    assert judged.tier == "especially_serious" and judged.leniency == "none"


@pytest.mark.parametrize("changes", [{"prior_record": "criminal", "first_offender": None},
                                     {"recidivist": True, "first_offender": None}])
def test_a_criminal_record_or_recidivism_is_not_a_first_offender(changes):
    result = assess(known(pieces=SERIOUS_ONLY, returned_all_gains=True, remorse=True, **changes))
    assert result.leniency == "none" and "first_offender" not in result.missing_facts


def test_recidivist_heavier_and_no_probation():
    plain, recidivist = assess(known(pieces=SERIOUS_ONLY)), assess(known(pieces=SERIOUS_ONLY, recidivist=True,
                                                                            first_offender=False))
    assert plain.probation_possible and not recidivist.probation_possible
    assert recidivist.step("recidivist_heavier").holds and recidivist.step("recidivist_no_probation").clause == "CL.74"
    assert recidivist.imprisonment_months == plain.imprisonment_months and recidivist.aggravating == ("recidivist",)
    with pytest.raises(LessonsError, match="recidivist"):
        known(recidivist=True, first_offender=True)


BIG = {"tier_50": 0, "tier_500": 0, "tier_5000": 50000}


@pytest.mark.parametrize("ground,below", [("surrender", True), ("meritorious_service", True), ("accessory", True),
                                          ("confession", False), ("guilty_plea", False)])
def test_each_factor_moves_within_the_range_or_below_the_floor(ground, below):
    result = assess(known(pieces=BIG, **{ground: True}))
    assert result.tier == "especially_serious" and result.imprisonment_months == (36, 84)  # never a sentence
    assert result.mitigating == (ground,) and result.step(f"factor_{ground}").holds
    expected = (TH.value("detention_min_months"), TH.value("serious_max_months")) if below else None
    assert result.below_floor_range_months == expected
    assert (result.step("below_floor") is not None) is below
    assert (result.step("mitigation_not_computed") is not None) is (not below)


def test_factors_in_the_serious_range_have_no_lower_range():
    result = assess(known(pieces=SERIOUS_ONLY, surrender=True))
    assert result.below_floor_range_months is None and result.step("below_floor").values["tier"] == "serious"
    assert assess(known(surrender=True)).mitigating == ()  # no crime: nothing to mitigate


def test_other_serious_circumstances_are_the_learners_judgment():
    # Doxxing (开盒) ten records: below every number, serious only if judged so.
    ten = {"tier_50": 0, "tier_500": 0, "tier_5000": 10}
    assert assess(known(pieces=ten)).tier == "none"
    assert assess(known(pieces=ten)).step("item10_other_serious").status == "not_computed"
    judged = assess(known(pieces=ten, other_serious_circumstances=True))
    assert judged.tier == "serious" and judged.step("item10_other_serious").holds
    assert assess(known(pieces=ten, other_serious_circumstances=False)).step("item10_other_serious").status == "not_met"


def test_all_unknown_is_not_settled_and_not_no_crime():
    from lessons.content.course import load_content
    from lessons.engine.report import to_json, verdict_lines
    content = load_content()
    result = assess(Facts())
    assert result.tier == "none" and not result.settled
    for lang in ("en", "zh"):
        assert content.text("engine.tier_none", lang) not in verdict_lines(result, content, lang)[0]
    assert to_json(result, content)["settled"] is False
    assert (
        assess(known()).settled
        and content.text("engine.tier_none", "en") in verdict_lines(assess(known()), content, "en")[0]
    )


# --- the administrative tier -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "conduct,clause",
    [("sell_or_provide", "PSAPL2025.a56.p1"), ("obtain_and_sell", "PSAPL2025.a56.p1"), ("obtain", "PSAPL2025.a56.p2")],
)
def test_below_the_threshold_psapl_art56_detention_by_the_police(conduct, clause):
    n = TH.value("tier_5000")
    below = assess(known(conduct=conduct, pieces={"tier_50": 0, "tier_500": 0, "tier_5000": n - 1}))
    assert below.tier == "none" and below.settled
    assert below.administrative == ({"rule": below.administrative[0]["rule"], "clause": clause, "status": "met",
                                     "decided_by": "police", "low": 10, "high": 15, "minor_high": 5,
                                     "from": "2026-01-01"},)
    at = assess(known(conduct=conduct, pieces={"tier_50": 0, "tier_500": 0, "tier_5000": n}))
    assert at.tier == "serious" and at.administrative == ()


def test_business_purchase_below_art6_profit_is_art56_obtaining():
    edge = TH.value("business_profit")
    leads = {"tier_50": 0, "tier_500": 0, "tier_5000": 1000}  # Art. 6 needs information outside items 3-4
    below = assess(known(conduct="buy_for_business", business_profit_yuan=edge - 1, pieces=leads))
    assert below.tier == "none" and below.settled and below.administrative[0]["clause"] == "PSAPL2025.a56.p2"
    assert assess(known(conduct="buy_for_business", business_profit_yuan=edge, pieces=leads)).administrative == ()


def test_anonymised_provision_has_no_art56_step():
    result = assess(known(conduct="sell_or_provide", irreversibly_anonymised=True))
    assert result.administrative == ()


def test_art50_only_for_a_separate_act_beside_the_crime_and_pipl66_fines_give_way():
    """Review E3 and E2: publishing is the providing (punished once, detention credited); messages are a
    separate act; a PIPL Art. 66 fine is offset against the criminal unit fine, its other measures remain."""
    result = assess(known(pieces=SERIOUS_ONLY, harassing_messages=True, spread_privacy=True, unit_crime=True))
    clauses = [x["clause"] for x in result.administrative]
    assert clauses == ["PSAPL2025.a50.p1.i5", "PIPL.a66.p1"]  # no Art. 50 item 6 on top of the crime
    assert result.step("admin_psapl50_privacy").status == "not_met"
    assert result.step("apl35_detention_credited").holds and result.step("apl35_fine_offset").holds
    art50 = result.administrative[0]
    assert (art50["high"], art50["fine_high"], art50["serious_low"], art50["serious_high"]) == (5, 1000, 5, 10)
    pipl = result.administrative[1]
    assert (
        pipl["decided_by"] == "pi_protection_departments"
        and pipl["serious_high"] == 50_000_000
        and pipl["percent"] == 5
    )
    assert pipl["fines_offset_by_criminal_fine"] is True and result.unit_fined
    from lessons.content.course import load_content
    from lessons.engine.report import step_texts
    content = load_content()
    text = step_texts(content, result.step("admin_pipl66"), "en")["conclusion"]
    assert "Beside any criminal unit fine" not in text and "offset" in text and "order to correct" in text
    assert "open" not in step_texts(content, result.step("admin_pipl66"), "en")["note"].split("offset")[0]
    # without a crime both stand: Art. 50 item 6 and PIPL Art. 66 fines
    below = assess(known(pieces={t: 0 for t in TIERS}, spread_privacy=True, unit_crime=True))
    assert [x["clause"] for x in below.administrative] == ["PSAPL2025.a56.p2", "PSAPL2025.a50.p1.i6", "PIPL.a66.p1"]
    assert below.administrative[-1]["fines_offset_by_criminal_fine"] is False
    assert below.step("apl35_fine_offset") is None


def test_fine_is_flagged_as_a_guideline():
    with_gains = assess(known(pieces=SERIOUS_ONLY, illegal_gains_yuan=6000))
    assert with_gains.fine_range_yuan == (6000, 30000) and with_gains.fine_guideline
    assert not assess(known(pieces=SERIOUS_ONLY)).fine_guideline  # only the firm minimum is known


def test_an_anonymised_resale_leaves_no_personal_information_to_punish():
    """Review E1: obtain-and-sell of irreversibly anonymised data: neither the sale nor the obtaining counts."""
    r = assess(Facts.from_dict({"conduct": "obtain_and_sell", "irreversibly_anonymised": True}))
    assert r.tier == "none" and not [x for x in r.administrative if x["clause"].startswith("PSAPL2025.a56")]
