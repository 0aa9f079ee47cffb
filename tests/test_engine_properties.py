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
from lessons.engine.facts import CONDUCTS, CONSEQUENCES, PRIOR_RECORDS, TIER_KEYS
from lessons.engine.report import step_texts, to_json
from lessons.engine.result import rank

CONTENT = load_content()
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HUGE = 10**7

maybe_bool = st.one_of(st.none(), st.booleans())
count = st.one_of(st.none(), st.integers(0, 60000))
pieces = st.builds(Pieces, count, count, count)


@st.composite
def facts(draw) -> Facts:
    prior = draw(st.one_of(st.none(), st.sampled_from(PRIOR_RECORDS)))
    first = draw(maybe_bool)
    if prior == "criminal" and first:
        first = False
    return Facts(
        conduct=draw(st.one_of(st.none(), st.sampled_from(CONDUCTS))),
        pieces=draw(st.one_of(st.none(), pieces)),
        pieces_sold_to_each_buyer=draw(st.one_of(st.none(), st.lists(pieces, max_size=3).map(tuple))),
        illegal_gains_yuan=draw(st.one_of(st.none(), st.integers(0, 80000), st.floats(0, 80000))),
        business_profit_yuan=draw(st.one_of(st.none(), st.integers(0, 80000))),
        obtained_in_duties=draw(maybe_bool),
        whereabouts_used_for_crime=draw(maybe_bool),
        knew_recipient_would_commit_crime=draw(maybe_bool),
        prior_record=prior,
        consequences=draw(st.one_of(st.none(), st.lists(st.sampled_from(CONSEQUENCES), unique=True, max_size=2).map(tuple))),
        unit_crime=draw(maybe_bool),
        first_offender=first,
        returned_all_gains=draw(maybe_bool),
        remorse=draw(maybe_bool),
        irreversibly_anonymised=draw(maybe_bool),
    )


def tier(f: Facts) -> int:
    return rank(assess(f).tier)


@SETTINGS
@given(facts(), st.sampled_from(TIER_KEYS), st.integers(1, 60000))
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
    worse = dataclasses.replace(f, prior_record=record, first_offender=False if record == "criminal" else f.first_offender)
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
    return out + [f"pieces.{t}" for t in TIER_KEYS if f.pieces is None or f.pieces.get(t) is None]


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
        assert provision.in_force <= dt.date(2017, 6, 1)
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
    assert r.leniency in ("none", "may_exempt")
    assert not (r.leniency == "may_exempt" and r.tier == "especially_serious")
    if r.heavier_punishment:
        assert f.obtained_in_duties is True
    if r.fine_range_yuan and r.fine_range_yuan[1] is not None:
        assert r.fine_range_yuan[0] <= r.fine_range_yuan[1]
    assert len(set(r.missing_facts)) == len(r.missing_facts)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_rule_has_a_question_in_both_languages(lang):
    from lessons.engine import rules, sentencing
    names = [getattr(m, n).__name__ for m in (rules, sentencing) for n in dir(m) if hasattr(getattr(m, n), "clause")]
    assert len(names) > 30
    for name in names:
        assert CONTENT.text(f"engine.{name}_q", lang)
        assert getattr(getattr(rules, name, None) or getattr(sentencing, name), "clause") in CONTENT.provisions
