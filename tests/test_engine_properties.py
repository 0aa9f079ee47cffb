"""Property tests (hypothesis, bounded): the tier never drops when facts get worse, unknown facts are a
lower bound, missing_facts names every fact that could still raise the tier, every step cites a clause
that exists in the content, in force by the Interpretation's effective date, with texts in both languages."""
import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessons.content.course import load_content
from lessons.engine import Facts, Pieces, assess
from lessons.content.tier_ids import TIER_IDS
from lessons.engine.fact_table import (ADMIN_FLAGS, CONDUCTS, CONSEQUENCES, JUDGED_FLAGS, PRIOR_RECORDS,
                                        SENTENCING_FLAGS)
from lessons.engine.report import verdict_lines
from lessons.engine.rules import PARA2
from lessons.engine.report import step_texts, to_json
from lessons.engine.result import rank

CONTENT = load_content()
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HUGE = 10**7

maybe_bool = st.one_of(st.none(), st.booleans())
count = st.one_of(st.none(), st.integers(0, 60000))
pieces = st.builds(Pieces, count, count, count)
# Conduct dates: unknown, the edges of the 2026-01-01 line and of PIPL (2021-11-01), and any day in between.
PSAPL_2025 = dt.date(2026, 1, 1)
dates = st.one_of(st.none(), st.sampled_from([dt.date(2025, 12, 31), PSAPL_2025, dt.date(2021, 10, 31),
                                              dt.date(2021, 11, 1)]),
                  st.dates(dt.date(2016, 1, 1), dt.date(2030, 12, 31)))


@st.composite
def facts(draw) -> Facts:
    prior = draw(st.one_of(st.none(), st.sampled_from(PRIOR_RECORDS)))
    first = draw(maybe_bool)
    recidivist = draw(maybe_bool)
    if (prior == "criminal" or recidivist) and first:
        first = False
    return Facts(
        recidivist=recidivist,
        **{name: draw(maybe_bool) for name in SENTENCING_FLAGS + JUDGED_FLAGS + ADMIN_FLAGS if name != "recidivist"},
        conduct=draw(st.one_of(st.none(), st.sampled_from(CONDUCTS))),
        pieces=draw(st.one_of(st.none(), pieces)),
        pieces_sold_to_each_buyer=draw(st.one_of(st.none(), st.lists(pieces, max_size=3).map(tuple))),
        illegal_gains_yuan=draw(st.one_of(st.none(), st.integers(0, 80000), st.floats(0, 80000))),
        business_profit_yuan=draw(st.one_of(st.none(), st.integers(0, 80000))),
        obtained_in_duties=draw(maybe_bool),
        whereabouts_used_for_crime=draw(maybe_bool),
        knew_recipient_would_commit_crime=draw(maybe_bool),
        prior_record=prior,
        consequences=draw(
            st.one_of(st.none(), st.lists(st.sampled_from(CONSEQUENCES), unique=True, max_size=2).map(tuple))
        ),
        unit_crime=draw(maybe_bool),
        first_offender=first,
        returned_all_gains=draw(maybe_bool),
        remorse=draw(maybe_bool),
        irreversibly_anonymised=draw(maybe_bool),
        unit_set_up_for_crime=draw(maybe_bool),
        conduct_date=draw(dates),
    )


def tier(f: Facts) -> int:
    return rank(assess(f).tier)


@SETTINGS
@given(facts(), st.sampled_from(TIER_IDS), st.integers(1, 60000))
def test_more_pieces_never_lower_the_tier(f, which, extra):
    if f.pieces is None or f.pieces.get(which) is None:
        more = dataclasses.replace(f, pieces=dataclasses.replace(f.pieces or Pieces(), **{which: extra}))
    else:
        more = dataclasses.replace(f, pieces=dataclasses.replace(f.pieces, **{which: f.pieces.get(which) + extra}))
    assert tier(more) >= tier(f)


@SETTINGS
@given(facts(), st.integers(1, 80000))
def test_more_gains_never_lower_the_tier(f, extra):
    more = dataclasses.replace(f, illegal_gains_yuan=(f.illegal_gains_yuan or 0) + extra)
    assert tier(more) >= tier(f)


@SETTINGS
@given(facts())
def test_insider_status_never_lowers_the_tier(f):
    assert tier(dataclasses.replace(f, obtained_in_duties=True)) >= tier(f)


@SETTINGS
@given(facts(), st.sampled_from(("criminal", "administrative_within_2_years")))
def test_a_prior_record_never_lowers_the_tier(f, record):
    worse = dataclasses.replace(
        f, prior_record=record, first_offender=False if record == "criminal" else f.first_offender
    )
    assert tier(worse) >= tier(f)


AGGRAVATING = {"illegal_gains_yuan": HUGE, "business_profit_yuan": HUGE, "obtained_in_duties": True,
               "whereabouts_used_for_crime": True, "knew_recipient_would_commit_crime": True,
               "prior_record": "criminal", "consequences": ("death",)}


def fill(f: Facts, name: str, value) -> Facts:
    if name.startswith("pieces."):
        return dataclasses.replace(f, pieces=dataclasses.replace(f.pieces or Pieces(), **{name[7:]: value}))
    extra = {"first_offender": False} if name == "prior_record" else {}
    return dataclasses.replace(f, **{name: value}, **extra)


def unknown_facts(f: Facts):
    out = [name for name in AGGRAVATING if getattr(f, name) is None]
    return out + [f"pieces.{t}" for t in TIER_IDS if f.pieces is None or f.pieces.get(t) is None]


ANY_VALUE = {"illegal_gains_yuan": st.integers(0, HUGE), "business_profit_yuan": st.integers(0, HUGE),
             "obtained_in_duties": st.booleans(), "whereabouts_used_for_crime": st.booleans(),
             "knew_recipient_would_commit_crime": st.booleans(), "prior_record": st.sampled_from(PRIOR_RECORDS),
             "consequences": st.lists(st.sampled_from(CONSEQUENCES), unique=True, max_size=2).map(tuple)}


@SETTINGS
@given(facts(), st.data())
def test_unknown_facts_give_a_lower_bound_and_missing_facts_are_complete(f, data):
    result = assess(f)
    for name in unknown_facts(f):
        # any value of an unknown fact keeps at least the tier already established ...
        value = data.draw(ANY_VALUE.get(name, st.integers(0, HUGE)), label=name)
        assert rank(assess(fill(f, name, value)).tier) >= rank(result.tier), name
        # ... and if its worst value would raise the tier, it is listed as missing
        if rank(assess(fill(f, name, AGGRAVATING.get(name, HUGE))).tier) > rank(result.tier):
            assert name in result.missing_facts, name


@SETTINGS
@given(facts())
def test_every_step_cites_an_existing_clause_in_force_with_texts(f):
    result = assess(f)
    for step in result.steps:
        provision = CONTENT.provisions[step.clause]
        # The criminal rules are all in force by the Interpretation's date; the plea rule (2018) and the
        # administrative tier (PIPL 2021, PSAPL 2025 in force 2026-01-01) are later texts.
        later = step.rule.startswith(("admin_", "apl35_")) or step.rule == "factor_guilty_plea"
        assert provision.in_force <= (dt.date(2026, 1, 1) if later else dt.date(2017, 6, 1)), step.clause
        for lang in ("en", "zh"):
            texts = step_texts(CONTENT, step, lang)
            assert texts["question"] and texts["conclusion"]
    data = to_json(result, CONTENT, "zh")
    assert data["tier"] in ("none", "serious", "especially_serious")
    assert all(isinstance(s["holds"], bool) for s in data["steps"])


@SETTINGS
@given(facts())
def test_result_is_consistent(f):
    r = assess(f)
    assert (r.imprisonment_months is None) is (r.tier == "none")
    assert (r.criminal_detention_months is not None) is (r.tier == "serious")
    assert r.leniency in ("none", "may_exempt", "open")
    assert not (r.leniency == "may_exempt" and r.tier == "especially_serious")
    if r.heavier_punishment:
        assert f.obtained_in_duties is True
    if r.fine_range_yuan and r.fine_range_yuan[1] is not None:
        assert r.fine_range_yuan[0] <= r.fine_range_yuan[1]
    assert len(set(r.missing_facts)) == len(r.missing_facts)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_rule_has_a_question_in_both_languages(lang):
    from lessons.engine import administrative, rules, sentencing
    modules = (rules, sentencing, administrative)
    names = [getattr(m, n).__name__ for m in modules for n in dir(m) if hasattr(getattr(m, n), "clause")]
    assert len(names) > 40
    for name in names:
        assert CONTENT.text(f"engine.{name}_q", lang)
        fn = next(getattr(m, name) for m in modules if hasattr(m, name))
        assert fn.clause in CONTENT.provisions


# --- sentencing factors, settledness, leniency, probation and the administrative tier -----------------

WORST = {**AGGRAVATING, "other_serious_circumstances": True, "other_especially_serious_circumstances": True,
         "irreversibly_anonymised": False, "conduct": "obtain_and_sell"}


@SETTINGS
@given(facts())
def test_settled_means_no_unknown_fact_can_change_the_tier(f):
    r = assess(f)
    if not r.settled:
        # the headline never says "no crime" while the tier is open
        for lang in ("en", "zh"):
            assert CONTENT.text("engine.tier_none", lang) not in verdict_lines(r, CONTENT, lang)[0]
        return
    for name in list(unknown_facts(f)) + [n for n in ("irreversibly_anonymised",) if getattr(f, n) is None]:
        worse = fill(f, name, WORST.get(name, HUGE))
        assert rank(assess(worse).tier) == rank(r.tier), name


@SETTINGS
@given(facts())
def test_sentencing_factors_never_change_the_tier_or_the_statutory_range(f):
    r = assess(f)
    for values in ({n: True for n in SENTENCING_FLAGS if n != "recidivist"}, {n: False for n in SENTENCING_FLAGS}):
        other = assess(dataclasses.replace(f, **values))
        assert (other.tier, other.imprisonment_months, other.criminal_detention_months, other.fine_range_yuan) == (
            r.tier, r.imprisonment_months, r.criminal_detention_months, r.fine_range_yuan)


@SETTINGS
@given(facts())
def test_leniency_only_when_the_facts_rule_out_especially_serious(f):
    r = assess(f)
    if r.leniency == "may_exempt":
        assert r.tier == "serious" and r.settled is not None
        assert all(s.status in ("not_met", "not_computed") for s in r.steps if s.of(*PARA2))
        assert f.prior_record != "criminal" and f.recidivist is not True
    if f.prior_record == "criminal" or f.recidivist:
        assert r.leniency == "none"


@SETTINGS
@given(facts())
def test_probation_never_for_a_recidivist_and_below_floor_only_with_mitigation(f):
    r = assess(f)
    if f.recidivist:
        assert not r.probation_possible
    if r.below_floor_range_months:
        assert r.tier == "especially_serious" and {"surrender", "meritorious_service", "accessory"} & set(r.mitigating)
    assert r.fine_guideline is (bool(r.fine_range_yuan) and r.fine_range_yuan[1] is not None)


@SETTINGS
@given(facts())
def test_administrative_tier_only_below_the_crime_and_judged_catch_alls_raise_the_tier(f):
    r = assess(f)
    clauses = [x["clause"] for x in r.administrative]
    art56 = [x for x in r.administrative if x["clause"].startswith("PSAPL2025.a56")]
    csl2016 = [x for x in r.administrative if x["clause"] == "CSL2016.a64.p2"]
    day = f.conduct_date
    if r.tier != "none":
        assert not art56 and not csl2016
        # one act punished once: no Art. 50 item 6 (or its 2012 predecessor) on top of the crime (review E3)
        assert not [c for c in clauses if c.endswith(".i6")]
    elif f.conduct is not None and f.irreversibly_anonymised is not True:
        # the conduct date picks the text: PSAPL 2025 Art. 56 from 2026-01-01, the 2016 CSL fines before (E7)
        assert len(art56) == (0 if day is not None and day < PSAPL_2025 else 1)
        assert len(csl2016) == (0 if day is not None and day >= PSAPL_2025 else 1)
        for x in art56 + csl2016:
            assert x["decided_by"] == "police"
            assert x["status"] == ("met" if r.settled and day is not None else "unknown")
    unit = f.unit_crime is True and f.unit_set_up_for_crime is not True and f.irreversibly_anonymised is not True
    pipl_in_force = day is None or day >= dt.date(2021, 11, 1)
    assert ("PIPL.a66.p1" in clauses) is (unit and pipl_in_force)
    if "PIPL.a66.p1" in clauses:  # its fines give way to a criminal fine (APL 2021 Art. 35 para. 2, review E2)
        pipl = r.administrative[clauses.index("PIPL.a66.p1")]
        assert pipl["fines_offset_by_criminal_fine"] is (r.tier != "none")
    if f.other_serious_circumstances and r.regime == "art5" and f.irreversibly_anonymised is not True:
        assert r.tier != "none"
    if f.other_especially_serious_circumstances and r.regime == "art5" and f.irreversibly_anonymised is not True:
        assert r.tier == "especially_serious"


@SETTINGS
@given(facts())
def test_the_conduct_date_moves_only_the_administrative_texts_and_unknown_keeps_both(f):
    """Either side of 2026-01-01 the criminal outcome is the same; an unknown date lists both dated texts and
    names the date as missing whenever an administrative text depends on it."""
    before, after, unknown = (assess(dataclasses.replace(f, conduct_date=d)) for d in
                              (dt.date(2025, 12, 31), PSAPL_2025, None))
    for r in (after, unknown):
        assert (r.tier, r.imprisonment_months, r.fine_range_yuan, r.unit_fined, r.settled) == (
            before.tier, before.imprisonment_months, before.fine_range_yuan, before.unit_fined, before.settled)
    names = lambda r: {x["clause"] for x in r.administrative}  # noqa: E731
    assert names(unknown) == names(before) | names(after)
    assert not {c for c in names(before) if c.startswith("PSAPL2025")}
    assert not {c for c in names(after) if c.startswith(("PSAPL2012", "CSL2016"))}
    assert ("conduct_date" in unknown.missing_facts) is bool(unknown.administrative)
    assert "conduct_date" not in before.missing_facts and "conduct_date" not in after.missing_facts


@SETTINGS
@given(facts())
def test_anonymised_information_never_makes_a_crime_and_is_never_a_missing_fact(f):
    """Review E1 and E8: irreversibly anonymised records are not personal information, whatever the conduct."""
    r = assess(dataclasses.replace(f, irreversibly_anonymised=True))
    assert r.tier == "none" and not r.unit_fined
    assert not [x for x in r.administrative if x["clause"].startswith(("PSAPL2025.a56", "CSL2016", "PIPL"))]
    assert "irreversibly_anonymised" not in assess(dataclasses.replace(f, irreversibly_anonymised=None)).missing_facts


@SETTINGS
@given(facts())
def test_a_company_set_up_for_crime_changes_who_is_fined_not_the_tier(f):
    """Review E10: the same standards apply to the persons; only the unit fine (and PIPL Art. 66) go."""
    unit = dataclasses.replace(f, unit_crime=True, unit_set_up_for_crime=False)
    crime_company = dataclasses.replace(f, unit_crime=True, unit_set_up_for_crime=True)
    a, b = assess(unit), assess(crime_company)
    assert (a.tier, a.imprisonment_months, a.fine_range_yuan) == (b.tier, b.imprisonment_months, b.fine_range_yuan)
    assert not b.unit_fined and "warn_unit_fine_amount" not in b.warnings
    assert a.unit_fined is (a.tier != "none")
    assert b.step("art7_unit_crime").status == "not_met" and b.step("uc1999_not_a_unit").holds


@SETTINGS
@given(facts())
def test_a_mitigated_especially_serious_sentence_is_under_the_floor(f):
    """Review E9: 减轻 below 3 years means under 36 months; the pair is half-open."""
    r = assess(dataclasses.replace(f, surrender=True))
    if r.tier == "especially_serious":
        low, under = r.below_floor_range_months
        assert under == r.imprisonment_months[0] and low < under
        for lang in ("en", "zh"):
            line = verdict_lines(r, CONTENT, lang)
            assert not any(f"{low}至{under}个月" in x or f"{low}-{under} months" in x for x in line)
