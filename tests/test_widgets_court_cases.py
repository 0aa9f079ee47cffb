"""Lesson 4 court-cases widget (headless), through its public surface only: choose, predict, check, feedback, value."""
import pytest

from lessons.content.course import load_content
from lessons.content.errors import LessonsError
from lessons.widgets.court_case_quiz import CourtCaseQuiz


@pytest.fixture(scope="module")
def content():
    return load_content()


def quiz(content, lang="en", **kw):
    return CourtCaseQuiz(content=content, lang=lang, remember_language=False, **kw)


def test_nothing_is_revealed_before_a_prediction(content):
    q = quiz(content)
    q.check()
    assert q.value["revealed"] is False and q.value["engine_tier"] is None
    assert "Choose a tier and a range first" in q.feedback()


def test_a_right_prediction_is_confirmed_and_the_court_shown(content):
    q = quiz(content, case="gc193_zhu")
    q.predict("especially_serious", "especially_serious")
    q.check()
    v = q.value
    assert v["revealed"] and v["tier_right"] and v["range_right"] and v["court_months"] == 39 and v["agree"]
    assert "matches the engine" in q.feedback()


def test_a_wrong_prediction_names_the_engine_tier_and_the_sentence(content):
    q = quiz(content, case="gc195_luo")
    q.predict("none", "especially_serious")
    q.check()
    assert q.value["tier_right"] is False and q.value["range_right"] is False
    assert "serious circumstances" in q.feedback() and "(8 months)" in q.feedback()


def test_changing_the_prediction_or_the_case_hides_the_answer(content):
    q = quiz(content, case="gc195_luo")
    q.predict("serious", "serious")
    q.check()
    q.predict("serious", "none")
    assert q.value["revealed"] is False
    q.predict("serious", "serious")
    q.check()
    q.choose("gc194_fan")
    assert q.value["case"] == "gc194_fan" and q.value["revealed"] is False and q.value["prediction"]["tier"] == ""


def test_language_switch_keeps_the_reveal(content):
    q = quiz(content, case="gc192_li")
    q.predict("especially_serious", "especially_serious")
    q.check()
    q.lang = "zh"
    assert q.value["revealed"] and "一致" in q.feedback()


def test_unknown_case_is_a_one_line_error(content):
    with pytest.raises(LessonsError, match="unknown case 'gc999'"):
        quiz(content, case="gc999")
