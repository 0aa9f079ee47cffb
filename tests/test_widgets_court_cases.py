"""Lesson 4 court-cases widget (headless), through its public surface: choose, predict, check, feedback, read, value;
predictions saved through Progress; nothing of the answer shown before a prediction is checked."""
import re

import pytest

from lessons.classroom.case_predictions import EXERCISE_ID, CasePredictions
from lessons.classroom.progress import Progress
from lessons.content.course import load_content
from lessons.content.errors import LessonsError
from lessons.content.sentence_terms import sentence_text, term_text
from lessons.widgets.base import plain_text
from lessons.widgets.clause_views import clauses
from lessons.widgets.court_case_quiz import CourtCaseQuiz


@pytest.fixture(scope="module")
def content():
    return load_content()


def quiz(content, tmp_path, lang="en", learner="Wang Fang", **kw):
    progress = Progress(tmp_path, learner=learner)
    return CourtCaseQuiz(content=content, lang=lang, remember_language=False, progress=progress, **kw), progress


def test_nothing_is_revealed_before_a_prediction(content, tmp_path):
    q, _ = quiz(content, tmp_path)
    assert q.read("court-result") == "" and "Fengcheng" not in q.read("case-table")
    assert "0 of 25" in q.read("case-table") and "Agree?" not in q.read("case-table")
    q.check()
    assert q.value["revealed"] is False and q.value["answers"] == {}
    assert "Choose a tier and a range first" in q.feedback()
    q.predict("serious", "")  # half a prediction reveals nothing either
    q.check()
    assert q.value["revealed"] is False and q.read("court-result") == ""


def test_a_wrong_tier_says_what_the_court_found_and_is_saved(content, tmp_path):
    q, progress = quiz(content, tmp_path, case="gc194_fan")
    q.predict("serious", "serious")
    q.check()
    assert 'Your tier was wrong: the court found "especially serious circumstances".' in plain_text(q.feedback())
    assert "Your range was right" in q.feedback() and "imprisonment of 10 months" in q.feedback()
    saved = progress.exercise(EXERCISE_ID)
    assert saved["answers"] == {"gc194_fan": ["serious", "serious"]} and saved["correct"] == {"gc194_fan": False}
    assert saved["score"] == 0 and saved["total"] == 25
    # the answer is revealed now: the court, the reasons and a table row
    assert "Art. 27 para. 2" in q.read("court-result") and "Guiding Case 194" in q.read("case-table")


def test_a_right_prediction_is_confirmed_and_counted(content, tmp_path):
    q, progress = quiz(content, tmp_path, case="gc192_li")
    q.predict("especially_serious", "especially_serious")
    q.check()
    assert "Your tier was right: the court found" in plain_text(q.feedback())
    assert q.value["tier_right"] and q.value["range_right"] and q.value["agree"]
    assert "沪0120刑初828号" in q.read("court-result")
    assert progress.exercise(EXERCISE_ID)["score"] == 1


def test_tier_marked_against_the_engine_where_the_court_states_none(content, tmp_path):
    q, _ = quiz(content, tmp_path, case="gc195_luo")
    q.predict("none", "especially_serious")
    q.check()
    text = plain_text(q.feedback())
    assert "does not state the court's tier" in text and '"serious circumstances"' in text
    assert "Your range was wrong: the court sentenced imprisonment of 8 months" in text


def test_a_conviction_under_another_article_is_not_marked_on_the_tier(content, tmp_path):
    q, _ = quiz(content, tmp_path, case="hd_doxxing")
    q.predict("none", "serious")
    q.check()
    assert q.value["tier_right"] is None and q.value["range_right"]
    assert "another article" in q.feedback() and "Art. 287-1" in q.read("court-result")


def test_changing_the_prediction_hides_the_answer_and_choosing_back_shows_it(content, tmp_path):
    q, _ = quiz(content, tmp_path, case="gc195_luo")
    q.predict("serious", "serious")
    q.check()
    q.choose("gc194_fan")
    assert q.value["case"] == "gc194_fan" and q.value["revealed"] is False and q.value["prediction"]["tier"] == ""
    q.choose("gc195_luo")
    assert q.value["revealed"] and q.value["prediction"] == {"tier": "serious", "range": "serious"}
    q.predict("serious", "none")
    assert q.value["revealed"] is False and q.read("court-result") == ""


def test_saved_predictions_come_back_revealed(content, tmp_path):
    q, _ = quiz(content, tmp_path, case="yp_wu")
    q.predict("especially_serious", "serious")
    q.check()
    again, _ = quiz(content, tmp_path, case="yp_wu")
    assert again.value["revealed"] and again.value["answers"] == {"yp_wu": ["especially_serious", "serious"]}
    assert "1 of 25" in again.read("case-table")


def test_chinese_page_uses_chinese_terms_and_shows_no_ids(content, tmp_path):
    q, _ = quiz(content, tmp_path, lang="zh", case="gc194_xiong_changlin")
    q.predict("especially_serious", "serious")
    q.check()
    shown = plain_text(q.feedback()) + q.read("court-result") + q.read("case-table") + q.read("court-facts")
    assert "有期徒刑一年十个月" in shown and "22个月" not in shown
    assert "你的情节判断正确：法院认定为“情节特别严重”。" in plain_text(q.feedback())
    assert "第35批指导性案例" in q.read("court-facts")
    for word in ("joint_crime", "below_floor", "gc194", "SECONDARY", "tier_", "Unofficial", "months"):
        assert word not in shown, word


def test_unknown_case_is_a_one_line_error(content, tmp_path):
    with pytest.raises(LessonsError, match="unknown case 'gc999'"):
        quiz(content, tmp_path, case="gc999")


def test_the_model_refuses_a_choice_that_is_not_a_tier():
    model = CasePredictions()
    with pytest.raises(LessonsError, match="tier 'huge'"):
        model.predict("gc192_li", "huge", "serious")
    model.restore({"gc192_li": ["serious", "serious"], "nope": ["serious", "serious"], "gc193_wen": "bad"})
    assert model.checked == ["gc192_li"]


@pytest.mark.parametrize("months,suspended,zh,en", [
    (36, 36, "有期徒刑三年，缓刑三年", "imprisonment of 3 years, suspended for 3 years"),
    (38, None, "有期徒刑三年二个月", "imprisonment of 3 years 2 months"),
    (22, None, "有期徒刑一年十个月", "imprisonment of 1 year 10 months"),
    (10, 12, "有期徒刑十个月，缓刑一年", "imprisonment of 10 months, suspended for 1 year"),
    (18, 24, "有期徒刑一年六个月，缓刑二年", "imprisonment of 1 year 6 months, suspended for 2 years"),
])
def test_terms_are_written_as_judgments_write_them(months, suspended, zh, en):
    """C4: years and months (三年二个月), never a bare count of months."""
    assert sentence_text(months, "zh", suspended) == zh and sentence_text(months, "en", suspended) == en
    assert not re.search(r"\d", zh)


def test_term_edges():
    assert term_text(12, "zh") == "一年" and term_text(84, "zh") == "七年" and term_text(1, "en") == "1 month"
    with pytest.raises(ValueError):
        term_text(-1, "zh")


def test_single_copy_guiding_cases_are_labelled_verbatim_not_summary(content):
    """C3: the 裁判要点 of Guiding Cases 193-195 are quoted word for word from one copy."""
    from IPython.core.formatters import format_display_data

    def html(view) -> str:  # what a notebook shows, through IPython's display formatter
        return format_display_data(view)[0]["text/html"]

    zh = html(clauses("GC193", "GC194.p2", "GC195", lang="zh", content=content))
    assert zh.count("（依最高人民法院网站单一文本）") == 3 and "摘要" not in zh
    assert "第35批指导性案例" in zh
    en = html(clauses("GC194.p1", lang="en", content=content))
    assert "single copy" in en and "summary, not the verbatim text" not in en
    assert "单一文本" not in html(clauses("GC192", lang="zh", content=content))  # VERIFIED-2SRC


def test_the_answer_key_marks_as_the_widget_does(content, tmp_path):
    """The hook for the class summary: one key question per case, marking a stored answer like the widget."""
    from lessons.classroom.grading import load_answer_keys

    key = load_answer_keys(content).exercises[EXERCISE_ID]
    assert len(key) == 25 and all(q.exercise == EXERCISE_ID for q in key.values())
    q, _ = quiz(content, tmp_path, case="gc194_fan")
    for tier in ("serious", "especially_serious"):
        q.predict(tier, "serious")
        q.check()
        assert key["gc194_fan"].correct([tier, "serious"]) is q.value["correct"]["gc194_fan"]
    assert key["gc194_fan"].correct("garbage") is False and key["gc194_fan"].correct(["huge", "x"]) is False
    assert key["gc194_fan"].label(["serious", "serious"], "zh").startswith("情节严重")


def test_language_switch_keeps_the_reveal(content, tmp_path):
    q, _ = quiz(content, tmp_path, case="gc192_li")
    q.predict("especially_serious", "especially_serious")
    q.check()
    q.lang = "zh"
    assert q.value["revealed"] and "你的情节判断正确" in q.feedback() and "有期徒刑三年，缓刑三年" in q.feedback()


def test_no_case_shows_english_words_or_labels_on_a_chinese_page(content, tmp_path):
    """Only names of sources (a repository, a site, an app) may stay in Latin letters on a Chinese page."""
    q, _ = quiz(content, tmp_path, lang="zh")
    allowed = {"APP", "App", "Telegram", "HiddenStrawberry", "Crawler_Illegal_Cases_In_China", "case", "tech",
               "henanrexian", "wanqulawyer", "ling", "zip"}
    for cid in q.model.cases:
        q.choose(cid)
        q.predict("serious", "serious")
        q.check()
        shown = plain_text(q.feedback()) + q.read("court-result") + q.read("court-facts") + q.read("case-table")
        assert set(re.findall(r"[A-Za-z][A-Za-z\-_']{2,}", shown)) <= allowed, cid
