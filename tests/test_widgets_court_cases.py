"""Lesson 4 court-cases widget (headless), through its public surface: choose, predict, check, feedback, read, value;
predictions saved through Progress; nothing of the answer shown before a prediction is checked."""
import re
from html import unescape

import pytest

from lessons.classroom.case_predictions import EXERCISE_ID
from lessons.classroom.progress import Progress
from lessons.content.course import load_content
from lessons.content.errors import LessonsError
from lessons.content.sentence_terms import sentence_text, term_text
from lessons.engine.court_cases import comparison_row
from lessons.engine.report import text as engine_text
from lessons.widgets.controls import plain_text
from lessons.widgets.clause_views import clauses
from lessons.widgets.court_case_quiz import CourtCaseQuiz


@pytest.fixture(scope="module")
def content():
    return load_content()


def quiz(content, tmp_path, lang="en", learner="Wang Fang", **kw):
    progress = Progress(tmp_path, learner=learner)
    return CourtCaseQuiz(content=content, lang=lang, remember_language=False, progress=progress, **kw), progress


def t(content, key, lang="en", **values):
    """A course text as the page shows it: the tests follow the wording instead of copying it."""
    return plain_text(content.text(key, lang, **values))


def court_lines(q, content, case_id, lang="en"):
    """What the feedback says for the model's mark of a case: the texts keyed by its basis and verdicts."""
    mark = q.model.mark_case(case_id)
    court = mark.comparison.case.court
    sentence = sentence_text(court.sentence_months, lang, court.suspended_months)
    tier = engine_text(content, f"tier_{mark.expected_tier}", lang) if mark.expected_tier else ""
    first = (t(content, "court_cases.tier_other_article", lang) if mark.expected_tier is None else
             t(content, f"court_cases.tier_{'right' if mark.tier_right else 'wrong'}_{mark.basis}", lang, tier=tier))
    ranges = ("、" if lang == "zh" else ", ").join(content.text(f"court_cases.range_{r}", lang)
                                                   for r in mark.court_ranges)
    second = (t(content, "court_cases.range_right", lang, sentence=sentence) if mark.range_right else
              t(content, "court_cases.range_wrong", lang, sentence=sentence, ranges=ranges))
    return first, second


def test_nothing_is_revealed_before_a_prediction(content, tmp_path):
    q, _ = quiz(content, tmp_path)
    table = q.read("case-table")
    assert q.read("court-result") == "" and t(content, "court_cases.table_empty") in table
    assert t(content, "court_cases.progress_note", done=0, total=25, right=0) in table
    assert not any(case.title("en") in table for case in q.model.cases.values())  # no row before a check
    q.check()
    assert q.value["revealed"] is False and q.value["answers"] == {}
    assert t(content, "court_cases.need_prediction") in q.feedback()
    q.predict("serious", "")  # half a prediction reveals nothing either
    q.check()
    assert q.value["revealed"] is False and q.read("court-result") == ""


def test_a_wrong_tier_says_what_the_court_found_and_is_saved(content, tmp_path):
    q, progress = quiz(content, tmp_path, case="gc194_fan")
    q.predict("serious", "serious")
    q.check()
    assert all(line in plain_text(q.feedback()) for line in court_lines(q, content, "gc194_fan"))
    saved = progress.exercise(EXERCISE_ID)  # saved as the model records it
    assert {k: saved[k] for k in ("answers", "correct", "score", "total")} == q.model.record()
    assert saved["answers"] == {"gc194_fan": ["serious", "serious"]}
    # the answer is revealed now: the court's words, the reasons and a table row
    case = q.model.cases["gc194_fan"]
    assert plain_text(case.court.text.zh) in q.read("court-result")
    assert plain_text(case.court.text.en) in q.read("court-result")
    assert all(cell in q.read("case-table") for cell in comparison_row(q.model.comparison("gc194_fan"), "en",
                                                                       content).values())


def test_a_right_prediction_is_confirmed(content, tmp_path):
    q, progress = quiz(content, tmp_path, case="gc192_li")
    q.predict("especially_serious", "especially_serious")
    q.check()
    assert all(line in plain_text(q.feedback()) for line in court_lines(q, content, "gc192_li"))
    assert q.value["tier_right"] and q.value["range_right"] and q.value["agree"]  # the model's mark, shown
    assert q.model.cases["gc192_li"].court.judgment in q.read("court-result")
    assert progress.exercise(EXERCISE_ID)["score"] == 1


@pytest.mark.parametrize("case", ["gc195_luo", "hd_doxxing"])
def test_the_feedback_names_what_the_tier_is_marked_against(content, tmp_path, case):
    """The court's tier, the engine's reading where the court states none, nothing for another article."""
    q, _ = quiz(content, tmp_path, case=case)
    q.predict("none", "especially_serious" if case == "gc195_luo" else "serious")
    q.check()
    lines = court_lines(q, content, case)
    assert all(line in plain_text(q.feedback()) for line in lines)
    assert q.value["tier_right"] is q.model.mark_case(case).tier_right
    assert q.value["range_right"] is q.model.mark_case(case).range_right
    if case == "hd_doxxing":
        charge = t(content, f"court_cases.charge_{q.model.cases[case].charge}")
        assert charge in q.read("court-result")


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


def test_parts_shown_again_get_a_display_every_front_end_applies(content, tmp_path):
    """Hidden, then shown: not back to ``None``, which the static site's kernel sends as ``undefined`` and the
    browser ignores (the court's result stayed ``display: none`` there)."""
    def displays(widget, out):
        out[id(widget)] = widget.layout.display
        for child in getattr(widget, "children", ()):
            displays(child, out)
        return out

    q, _ = quiz(content, tmp_path, case="gc192_li")
    q.check()  # no prediction: nothing to reveal
    hidden = {key for key, shown in displays(q, {}).items() if shown == "none"}
    q.predict("especially_serious", "especially_serious")
    q.check()
    after = displays(q, {})
    again = {after[key] for key in hidden}
    assert q.read("court-result") and "" in again and again <= {"none", ""}  # "" drops the inline display


def test_saved_predictions_come_back_revealed(content, tmp_path):
    q, _ = quiz(content, tmp_path, case="yp_wu")
    q.predict("especially_serious", "serious")
    q.check()
    again, _ = quiz(content, tmp_path, case="yp_wu")
    assert again.value["revealed"] and again.value["answers"] == {"yp_wu": ["especially_serious", "serious"]}
    right = again.model.record()["score"]
    assert t(content, "court_cases.progress_note", done=1, total=25, right=right) in again.read("case-table")


def test_chinese_page_uses_chinese_terms_and_shows_no_ids(content, tmp_path):
    q, _ = quiz(content, tmp_path, lang="zh", case="gc194_xiong_changlin")
    q.predict("especially_serious", "serious")
    q.check()
    shown = plain_text(q.feedback()) + q.read("court-result") + q.read("case-table") + q.read("court-facts")
    court = q.model.cases["gc194_xiong_changlin"].court
    assert sentence_text(court.sentence_months, "zh", court.suspended_months) in shown and "22个月" not in shown
    assert all(line in plain_text(q.feedback()) for line in court_lines(q, content, "gc194_xiong_changlin", "zh"))
    assert q.model.cases["gc194_xiong_changlin"].source("zh") in q.read("court-facts")
    for word in ("joint_crime", "below_floor", "gc194", "SECONDARY", "tier_", "Unofficial", "months"):
        assert word not in shown, word


def test_unknown_case_is_a_one_line_error(content, tmp_path):
    with pytest.raises(LessonsError, match="unknown case 'gc999'"):
        quiz(content, tmp_path, case="gc999")


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

    label = {lang: content.text("clause_labels.single_copy", lang) for lang in ("en", "zh")}
    zh = html(clauses("GC193", "GC194.p2", "GC195", lang="zh", content=content))
    assert zh.count(label["zh"]) == 3 and "摘要" not in zh
    assert all(content.provisions[c].cite("zh") in zh for c in ("GC193", "GC194.p2", "GC195"))
    en = html(clauses("GC194.p1", lang="en", content=content))
    assert label["en"] in unescape(en)
    assert content.text("clause_labels.summary", "en") not in unescape(en)
    assert label["zh"] not in html(clauses("GC192", lang="zh", content=content))  # VERIFIED-2SRC


def test_language_switch_keeps_the_reveal(content, tmp_path):
    q, _ = quiz(content, tmp_path, case="gc192_li")
    q.predict("especially_serious", "especially_serious")
    q.check()
    q.lang = "zh"
    assert q.value["revealed"] and all(line in plain_text(q.feedback())
                                       for line in court_lines(q, content, "gc192_li", "zh"))


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


def test_a_page_opened_again_shows_the_saved_prediction_in_its_buttons(content, tmp_path):
    """Opened without a case (as the lesson opens it), the first case's saved prediction is put back into the
    tier and range buttons, not only into the feedback (found by the site's reload test)."""
    q, _ = quiz(content, tmp_path)
    q.predict("especially_serious", "serious")
    q.check()
    again, _ = quiz(content, tmp_path)
    assert again.value["prediction"] == {"tier": "especially_serious", "range": "serious"}
