"""Lesson 3's case builder as a model, without any widget: presets, typed facts, the verdict, saving.

Moved from test_widgets_lesson3.py (the tiers, facts, missing facts and problems it read from the
widget's ``value``); the widget tests keep what is shown.
"""
import pytest

from lessons.classroom.case_builder import CHOICES, NUMBERS, CaseBuilder
from lessons.classroom.exercise_models import AnswerRefused
from lessons.classroom.progress import Progress
from lessons.classroom.saved_exercise import SavedExercise
from lessons.content.errors import LessonsError
from lessons.engine import Facts, assess
from lessons.engine.scenarios import load_scenarios

BUILDER = "lesson3.builder"


@pytest.fixture(scope="module")
def scenarios():
    return load_scenarios()


@pytest.fixture
def model(scenarios):
    return CaseBuilder(scenarios)


def test_a_preset_and_each_fact_change_the_tier(model):
    """Was test_widgets_lesson3.test_builder_loads_a_preset_and_updates_on_each_fact (the state part)."""
    model.choose("hospital_insider")
    assert model.answers["preset"] == "hospital_insider" and model.assessment().tier == "especially_serious"
    model.answer("pieces.tier_500", "2499")
    assert model.assessment().tier == "serious"
    model.answer("obtained_in_duties", "no")
    assert model.assessment().tier == "serious"  # still item 4 (2,499 >= 500) and item 7 (gains)
    model.answer("pieces.tier_500", "400")
    model.answer("illegal_gains_yuan", "4,999")
    assert model.assessment().tier == "none"


def test_unknown_facts_are_missing_facts(model):
    """Was test_widgets_lesson3.test_builder_unknown_facts_and_missing (the state part)."""
    assert model.case_dict() == {} and "conduct" in model.assessment().missing_facts
    model.answer("conduct", "obtain")
    model.answer("pieces.tier_50", "49")
    result = model.assessment()
    assert result.tier == "none" and "illegal_gains_yuan" in result.missing_facts and not result.settled


def test_a_fact_that_cannot_be_read_is_named(model):
    """Was test_widgets_lesson3.test_builder_bad_input_one_line_in_both_languages (the state part)."""
    model.answer("pieces.tier_5000", "lots")
    with pytest.raises(LessonsError, match="pieces.tier_5000") as problem:
        model.assessment()
    assert "\n" not in str(problem.value)
    model.answer("pieces.tier_5000", "-4")
    with pytest.raises(LessonsError, match="pieces.tier_5000"):
        model.facts()
    model.answer("pieces.tier_5000", "五千")
    assert model.facts().to_dict()["pieces"]["tier_5000"] == 5000
    model.answer("buyers", "2.5")
    with pytest.raises(AnswerRefused) as refused:
        model.facts()
    assert refused.value.reason == "bad_buyers"


def test_buyers_count_cumulatively(model):
    """Was test_widgets_lesson3.test_builder_buyers_count_cumulatively."""
    model.load(Facts.from_dict({"pieces": {"tier_50": 0, "tier_500": 0, "tier_5000": 2000}}))
    model.answer("conduct", "sell_or_provide")
    assert model.assessment().tier == "none"
    model.answer("buyers", "3")
    assert model.assessment().tier == "serious"
    assert len(model.facts().to_dict()["pieces_sold_to_each_buyer"]) == 3


def test_an_unknown_preset_is_a_one_line_error(model):
    with pytest.raises(LessonsError, match="unknown scenario 'nope'"):
        model.choose("nope")
    with pytest.raises(AnswerRefused):
        model.answer("conduct", "steal")
    assert model.answers == {}


@pytest.mark.parametrize("sid", sorted(load_scenarios()))
def test_every_preset_round_trips(scenarios, sid):
    """Was test_widgets_lesson3.test_builder_round_trips_every_preset."""
    model = CaseBuilder(scenarios)
    model.choose(sid)
    assert model.facts() == scenarios[sid].facts
    assert model.assessment().tier == assess(scenarios[sid].facts).tier
    assert set(model.answers) - {"preset"} <= set(NUMBERS) | set(CHOICES)


def test_picking_no_preset_keeps_the_typed_facts_but_not_the_presets_hidden_ones(model, scenarios):
    sid = next(s for s, sc in scenarios.items() if sc.facts.to_dict().get("conduct_date"))
    model.choose(sid)
    assert model.case_dict()["conduct_date"] == scenarios[sid].facts.to_dict()["conduct_date"]
    typed = {k: v for k, v in model.answers.items() if k != "preset"}
    model.choose("")
    assert "conduct_date" not in model.case_dict() and model.answers == typed


def test_the_case_survives_a_restart(scenarios, tmp_path):
    """Was test_widgets_lesson3.test_builder_case_survives_a_restart and
    test_a_presets_facts_without_a_control_survive_a_restart (the state part)."""
    first = SavedExercise(CaseBuilder(scenarios), Progress(tmp_path, learner="Li Lei"), BUILDER)
    first.read()
    first.model.choose("gains_unknown")
    first.model.answer("illegal_gains_yuan", "6000")
    assert first.save()
    again = SavedExercise(CaseBuilder(scenarios), Progress(tmp_path, learner="Li Lei"), BUILDER)
    again.read()
    assert again.model.answers["preset"] == "gains_unknown" and again.model.answers["illegal_gains_yuan"] == "6000"
    assert again.model.assessment().tier == first.model.assessment().tier == "serious"
    sid = next(s for s, sc in scenarios.items() if sc.facts.to_dict().get("conduct_date"))
    again.model.choose(sid)
    again.save()
    third = SavedExercise(CaseBuilder(scenarios), Progress(tmp_path, learner="Li Lei"), BUILDER)
    third.read()
    assert third.model.case_dict()["conduct_date"] == scenarios[sid].facts.to_dict()["conduct_date"]
