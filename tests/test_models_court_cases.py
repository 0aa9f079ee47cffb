"""Lesson 4's predictions on published cases, without any widget: what is marked, against what, and when.

Moved from test_widgets_court_cases.py: the marking and the state (checked, revealed, counted) read
from the model (``CasePredictions``, its ``Mark``) and its record; the widget tests keep what is shown.
"""
import pytest

from lessons.classroom.case_predictions import EXERCISE_ID, CasePredictions
from lessons.content.errors import LessonsError
from lessons.engine.report import text as engine_text


@pytest.fixture(scope="module")
def cases():
    return CasePredictions().cases


@pytest.fixture
def model(cases):
    return CasePredictions(cases)


def test_nothing_is_marked_before_a_whole_prediction(model):
    assert model.check(model.position) is None and model.answers == {} and model.checked == []
    model.predict(model.position, "serious", "")  # half a prediction reveals nothing either
    assert model.check(model.position) is None and model.checked == [] and model.mark_case(model.position) is None
    assert model.record() == {"answers": {}, "correct": {}, "score": 0, "total": 25} and len(model.cases) == 25


def test_a_wrong_tier_is_marked_against_the_court_and_recorded(model):
    model.predict("gc194_fan", "serious", "serious")
    mark = model.check("gc194_fan")
    assert (mark.basis, mark.expected_tier, mark.tier_right, mark.range_right) == (
        "court", "especially_serious", False, True)
    assert not mark.right and mark.comparison.case.court.sentence_months == 10
    assert model.record() == {"answers": {"gc194_fan": ["serious", "serious"]}, "correct": {"gc194_fan": False},
                              "score": 0, "total": 25}


def test_a_right_prediction_is_counted(model):
    model.predict("gc192_li", "especially_serious", "especially_serious")
    mark = model.check("gc192_li")
    assert mark.tier_right and mark.range_right and mark.right and mark.comparison.agree
    assert model.record()["score"] == 1 and model.counted.score == 1


def test_the_tier_is_marked_against_the_engine_where_the_court_states_none(model):
    model.predict("gc195_luo", "none", "especially_serious")
    mark = model.check("gc195_luo")
    assert mark.comparison.case.court.tier is None
    assert (mark.basis, mark.expected_tier, mark.tier_right) == ("engine", "serious", False)
    assert not mark.range_right and mark.comparison.case.court.sentence_months == 8


def test_a_conviction_under_another_article_is_not_marked_on_the_tier(model):
    model.predict("hd_doxxing", "none", "serious")
    mark = model.check("hd_doxxing")
    assert mark.basis == "other_article" and mark.tier_right is None and mark.range_right and mark.right
    assert mark.comparison.case.charge != "art_253_1"


def test_a_changed_prediction_is_unchecked_until_checked_again(model):
    model.predict("gc195_luo", "serious", "serious")
    model.check("gc195_luo")
    assert model.prediction("gc194_fan") == ("", "")  # another case: nothing chosen there
    assert model.prediction("gc195_luo") == ("serious", "serious") and model.mark_case("gc195_luo") is not None
    model.predict("gc195_luo", "serious", "none")
    assert model.mark_case("gc195_luo") is None and model.checked == []
    assert model.first == {"gc195_luo": ["serious", "serious"]}  # the prediction checked first counts
    model.check("gc195_luo")
    assert model.checked == ["gc195_luo"] and model.counted.correct["gc195_luo"] is True


def test_restored_predictions_are_checked_and_junk_is_dropped(model):
    model.restore({"yp_wu": ["especially_serious", "serious"], "nope": ["serious", "serious"], "gc193_wen": "bad"})
    assert model.checked == ["yp_wu"] and model.answers == {"yp_wu": ["especially_serious", "serious"]}
    assert model.record()["answers"] == {"yp_wu": ["especially_serious", "serious"]}


def test_the_model_refuses_a_choice_that_is_not_a_tier_and_an_unknown_case():
    """Was test_widgets_court_cases.test_the_model_refuses_a_choice_that_is_not_a_tier."""
    model = CasePredictions()
    with pytest.raises(LessonsError, match="tier 'huge'"):
        model.predict("gc192_li", "huge", "serious")
    with pytest.raises(LessonsError, match="unknown case 'gc999'"):
        model.comparison("gc999")
    model.restore({"gc192_li": ["serious", "serious"], "nope": ["serious", "serious"], "gc193_wen": "bad"})
    assert model.checked == ["gc192_li"]


def test_the_answer_key_marks_as_the_model_does(content, model):
    """Was test_widgets_court_cases.test_the_answer_key_marks_as_the_widget_does: the class summary's key
    question per case marks a stored answer like the exercise's own marker."""
    from lessons.classroom.grading import load_answer_keys

    key = load_answer_keys(content).exercises[EXERCISE_ID]
    assert len(key) == 25 and all(q.exercise == EXERCISE_ID for q in key.values())
    for tier in ("serious", "especially_serious"):
        model.predict("gc194_fan", tier, "serious")
        model.check("gc194_fan")
        assert key["gc194_fan"].correct([tier, "serious"]) is model.record()["correct"]["gc194_fan"]
        assert model.mark({"gc194_fan": [tier, "serious"]}).correct["gc194_fan"] is model.mark_case("gc194_fan").right
    assert key["gc194_fan"].correct("garbage") is False and key["gc194_fan"].correct(["huge", "x"]) is False
    assert key["gc194_fan"].label(["serious", "serious"], "zh").startswith(engine_text(content, "tier_serious", "zh"))
