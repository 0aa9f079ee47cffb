"""Lesson 2's labelling and Lesson 4's case predictions on a class server: the released marking and the
in-class check, against the real hand-in service behind the stand-in hub API of ``test_released``.

Before release a learner sees when the marking will be shown; after, the first answers the service recorded
(not their own file's), marked by the service, with the explanation the exercise gives; an in-class check
naming a table's columns or some cases is the exercise's first view. Off a class server nothing changes.
"""
from __future__ import annotations

import pytest

from lessons.classroom.case_predictions import CasePredictions
from lessons.classroom.exercise_models import LabellingModel
from lessons.content.tier_ids import OUTCOME_TIERS as TIERS
from lessons.widgets.controls import plain_text
from lessons.widgets.court_case_quiz import CourtCaseQuiz
from lessons.widgets.labelling import LabellingWidget
from lessons.widgets.page import Page
from tests.test_one_language import english_in
from tests import test_released as released
from tests.test_released import MEMBERS, class_service, learner_page, teacher
from tests.test_widgets_no_ids import ids_in

LABELLING = "lesson2.labelling"
CASES = "lesson4.cases"
content, keys, state = released.content, released.keys, released.state  # the same fixtures, here by name


# -- answers that are right or wrong, from the models' own keys ---------------------------------------
def right_label(model: LabellingModel, qid: str) -> list[str]:
    return model.solution(qid)


def wrong_label(model: LabellingModel, qid: str) -> list[str]:
    category, tier = model.solution(qid)
    return ["none", "none"] if category != "none" else [next(iter(model.content.categories)),
                                                       next(iter(model.content.tiers))]


def right_prediction(model: CasePredictions, cid: str) -> list[str]:
    mark = model.mark_answer(cid, [TIERS[0], TIERS[0]])
    assert mark is not None
    return [mark.expected_tier or TIERS[0], mark.court_ranges[0]]


def wrong_prediction(model: CasePredictions, cid: str) -> list[str]:
    mark = model.mark_answer(cid, [TIERS[0], TIERS[0]])
    assert mark is not None
    return [mark.expected_tier or TIERS[0], next(r for r in TIERS if r not in mark.court_ranges)]


def cases_with_a_wrong_range(model: CasePredictions) -> list[str]:
    """Cases whose court sentence does not fit every range (a wrong prediction exists)."""
    out = []
    for cid in model.cases:
        mark = model.mark_answer(cid, [TIERS[0], TIERS[0]])
        if mark is not None and len(mark.court_ranges) < len(TIERS):
            out.append(cid)
    return out


# -- Lesson 2 -------------------------------------------------------------------------------------------
def test_labelling_before_release_a_note_after_release_the_services_record(tmp_path, monkeypatch, state, keys,
                                                                           content):
    with class_service(state, monkeypatch, due="2030-01-01T18:00+08:00") as url:
        quiz = LabellingWidget(page=learner_page(tmp_path, monkeypatch, url, "tok-pl1"))
        table = quiz.model.table
        a, b, c = quiz.model.question_ids_of(table)[:3]
        quiz.answer(a, right_label(quiz.model, a))
        quiz.answer(b, wrong_label(quiz.model, b))
        quiz.check()  # the table's feedback is shown: these first answers count, and the service records them
        assert set(teacher(state, keys).firsts("pl1")[LABELLING]) == {a, b}
        # Before release: when the marking will be shown; no recorded answer under any column.
        assert quiz.class_record.state == "waiting"
        assert "due time" in quiz.read("class-record") and "2030-01-01 10:00 UTC" in quiz.read("class-record")
        assert "Recorded by the class server" not in quiz.feedback(b)
        # Start fresh, then the right label: practice now; the service keeps the first (wrong) one.
        quiz.start_fresh()
        quiz.confirm()
        quiz.answer(b, right_label(quiz.model, b))
        quiz.check()
        teacher(state, keys).release()
        quiz.ask_class_server()
        recorded = teacher(state, keys).learner_file(MEMBERS[0])["exercises"][LABELLING]
        assert quiz.class_record.state == "released"
        assert quiz.class_record.answers == recorded["first"] and quiz.class_record.correct == recorded["correct"]
        assert recorded["correct"] == {a: True, b: False}
        assert "1 of your 2 recorded first answers are right" in quiz.read("class-record")
        first_line, *rest = quiz.feedback(b).split("\n")
        assert "Recorded by the class server" in first_line
        assert content.text("common.incorrect", "en") in first_line
        assert content.text("labelling.not_personal", "en") in first_line or \
            content.categories[wrong_label(quiz.model, b)[0]].name("en") in first_line
        assert content.text("common.correct", "en") in "\n".join(rest)  # this page's own (right) answer after it
        # A page with no work of its own (a new home): the record, with the explanation the exercise gives.
        again = LabellingWidget(page=learner_page(tmp_path / "new", monkeypatch, url, "tok-pl1"))
        shown = again.feedback(b)
        category, tier = quiz.model.solution(b)
        answer_is = (content.text("labelling.answer_not_personal", "en") if category == "none" else
                     content.tiers[tier].name("en"))
        assert "Recorded by the class server" in shown and answer_is in shown
        assert shown.count(content.text("common.incorrect", "en")) == 1  # the record's verdict, said once
        assert again.feedback(c).startswith(content.text("class_record.none_recorded", "en"))
        assert answer_is not in again.feedback(c) or quiz.model.solution(c) == quiz.model.solution(b)
        # Another learner: nothing recorded, so no solution anywhere on the unchecked table.
        other = LabellingWidget(page=learner_page(tmp_path, monkeypatch, url, "tok-pl2"))
        assert other.class_record.released and other.class_record.answers == {}
        assert other.feedback(a) == content.text("class_record.none_recorded", "en")


def test_labelling_check_walks_the_teachers_columns_across_tables(tmp_path, monkeypatch, state, keys, content):
    model = LabellingModel(content)
    first, second = model.tables[:2]
    chosen = [model.question_ids_of(second)[1], model.question_ids_of(first)[2], model.question_ids_of(second)[0]]
    with class_service(state, monkeypatch) as url:
        quiz = LabellingWidget(page=learner_page(tmp_path, monkeypatch, url, "tok-pl1"))
        assert quiz.shown_ids == model.question_ids_of(first) and quiz.read("check-view") == ""
        kept = teacher(state, keys).set_check([f"{LABELLING}/{q}" for q in chosen] + ["lesson6.review/nothing"])
        assert kept == [f"{LABELLING}/{q}" for q in chosen]  # the check may name columns; unknown ids go
        quiz.ask_class_server()  # a check newly set becomes the first view
        assert quiz.shown_ids == chosen and quiz.current == chosen[0]
        assert "1 of 3" in quiz.read("progress") and "(3)" in quiz.read("check-view")
        assert content.text(f"datasets.{second}_title", "en") in quiz.read("dataset")  # its table is shown
        menu = quiz.read("column-select")
        assert content.text(f"datasets.{second}_title", "en") in menu  # a card names its table
        quiz.next()
        assert quiz.current == chosen[1] and content.text(f"datasets.{first}_title", "en") in quiz.read("dataset")
        quiz.answer(chosen[1], right_label(model, chosen[1]))
        quiz.check()  # checks the shown table
        assert content.text("common.correct", "en") in quiz.feedback(chosen[1])
        quiz.go_to(model.question_ids_of(first)[0])  # the rest stays reachable: its whole table
        assert quiz.shown_ids == model.question_ids_of(first)
        quiz.choose_view("check")
        assert quiz.current == chosen[0] and quiz.shown_ids == chosen
        quiz.choose(first)  # the table menu shows a whole table
        assert quiz.shown_ids == model.question_ids_of(first)


# -- Lesson 4 -------------------------------------------------------------------------------------------
def test_cases_before_release_a_note_after_release_the_recorded_prediction_and_the_court(tmp_path, monkeypatch,
                                                                                       state, keys, content):
    model = CasePredictions()
    one, two = cases_with_a_wrong_range(model)[:2]
    with class_service(state, monkeypatch, due="2030-01-01T18:00+08:00") as url:
        quiz = CourtCaseQuiz(case=one, page=learner_page(tmp_path, monkeypatch, url, "tok-pl1"))
        quiz.predict(*wrong_prediction(model, one))
        quiz.check()
        assert set(teacher(state, keys).firsts("pl1")[CASES]) == {one}
        assert quiz.class_record.state == "waiting" and "due time" in quiz.read("class-record")
        assert "Recorded by the class server" not in quiz.feedback()
        quiz.start_fresh()
        quiz.confirm()
        quiz.choose(one)
        quiz.predict(*right_prediction(model, one))
        quiz.check()  # practice: the service keeps the wrong first prediction
        teacher(state, keys).release()
        quiz.ask_class_server()
        recorded = teacher(state, keys).learner_file(MEMBERS[0])["exercises"][CASES]
        assert quiz.class_record.answers == recorded["first"] == {one: wrong_prediction(model, one)}
        assert quiz.class_record.correct == recorded["correct"] == {one: False}
        assert "0 of your 1 recorded first answers are right" in quiz.read("class-record")
        lines = plain_text(quiz.feedback()).split("\n")
        assert "Recorded by the class server" in lines[0] and content.text("common.incorrect", "en") in lines[0]
        assert content.text(f"court_cases.range_{wrong_prediction(model, one)[1]}", "en") in lines[0]
        # A page with no work of its own (a new home): the recorded prediction's marking and the court's answer.
        again = CourtCaseQuiz(case=one, page=learner_page(tmp_path / "new", monkeypatch, url, "tok-pl1"))
        assert again.value["revealed"] is True and again.value["range_right"] is False
        assert again.read("court-result") != "" and "Recorded by the class server" in plain_text(again.feedback())
        range_wrong = content.text("court_cases.range_wrong", "en", sentence="", ranges="").split(":")[0]
        assert range_wrong in plain_text(again.feedback())  # the exercise's own explanation of the recorded one
        # A case with no recorded prediction reveals nothing.
        again.choose(two)
        assert again.value["revealed"] is False and again.read("court-result") == ""
        assert plain_text(again.feedback()) == content.text("class_record.none_recorded", "en")


def test_cases_check_lists_the_teachers_cases_first(tmp_path, monkeypatch, state, keys, content):
    model = CasePredictions()
    ids = list(model.cases)
    chosen = [ids[3], ids[0]]
    with class_service(state, monkeypatch) as url:
        quiz = CourtCaseQuiz(case=ids[1], page=learner_page(tmp_path, monkeypatch, url, "tok-pl1"))
        quiz.predict(*right_prediction(model, ids[1]))
        assert quiz.shown_ids == ids and quiz.read("check-view") == ""
        assert teacher(state, keys).set_check([f"{CASES}/{c}" for c in chosen]) == [f"{CASES}/{c}" for c in chosen]
        quiz.ask_class_server()  # a check newly set: its first case, with that case's own (empty) prediction
        assert quiz.shown_ids == chosen and quiz.value["case"] == chosen[0]
        assert quiz.value["prediction"] == {"tier": "", "range": ""}
        assert model.cases[chosen[0]].title("en") in quiz.read("court-case") and "(2)" in quiz.read("check-view")
        quiz.choose(ids[1])  # a case outside the check: every case is listed again
        assert quiz.shown_ids == ids and quiz.value["case"] == ids[1]
        tier, range_ = right_prediction(model, ids[1])
        assert quiz.value["prediction"] == {"tier": tier, "range": range_}  # its prediction kept meanwhile
        quiz.choose_view("check")
        assert quiz.value["case"] == chosen[0] and quiz.shown_ids == chosen


# -- both, in Chinese and off a class server ---------------------------------------------------------------
def test_chinese_pages_show_the_record_without_english_or_ids(tmp_path, monkeypatch, state, keys, content):
    model = CasePredictions()
    case = cases_with_a_wrong_range(model)[0]
    with class_service(state, monkeypatch, due="2030-01-01T18:00+08:00") as url:
        labels = LabellingWidget(page=learner_page(tmp_path, monkeypatch, url, "tok-pl1", lang="zh"))
        cases = CourtCaseQuiz(case=case, page=learner_page(tmp_path, monkeypatch, url, "tok-pl1", lang="zh"))
        for widget in (labels, cases):
            waiting = widget.read("class-record")
            assert "截止时间" in waiting and english_in(waiting) == [] and ids_in(waiting) == []
        qid = labels.model.question_ids_of(labels.model.table)[0]
        labels.answer(qid, wrong_label(labels.model, qid))
        labels.check()
        cases.predict(*wrong_prediction(model, case))
        cases.check()
        teacher(state, keys).release()
        teacher(state, keys).set_check([f"{LABELLING}/{qid}", f"{CASES}/{case}"])
        for widget in (labels, cases):
            widget.ask_class_server()
        fresh_labels = LabellingWidget(page=learner_page(tmp_path, monkeypatch, url, "tok-pl1", lang="zh"))
        fresh_cases = CourtCaseQuiz(page=learner_page(tmp_path, monkeypatch, url, "tok-pl1", lang="zh"))
        shown = "\n".join([labels.read("class-record"), labels.read("check-view"), labels.feedback(qid),
                           labels.read("column-select"), labels.read("ask-again"), fresh_labels.feedback(qid),
                           cases.read("class-record"), cases.read("check-view"), cases.feedback(),
                           fresh_cases.feedback(), fresh_cases.read("court-case")])
        assert "班级服务器记录的你的首次作答" in shown and "课堂测验" in shown
        assert english_in(shown) == [] and ids_in(shown) == [], shown


@pytest.mark.parametrize("make", [LabellingWidget, CourtCaseQuiz])
def test_off_a_class_server_nothing_changes(tmp_path, monkeypatch, make):
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    monkeypatch.delenv("PI_LESSONS_HANDIN_URL", raising=False)
    widget = make(page=Page(lang="en", remember=False))
    assert widget.class_record.state == "off" and widget.read("class-record") == ""
    assert widget.read("check-view") == "" and "ask-again" not in widget.actions
    with pytest.raises(ValueError):
        widget.choose_view("check")


def test_a_recorded_prediction_that_is_not_one_is_unreadable_not_a_crash():
    model = CasePredictions()
    case = next(iter(model.cases))
    for junk in (None, "serious", ["serious"], ["serious", "nonsense"], [1, 2], {"tier": "serious"}):
        assert model.mark_answer(case, junk) is None
    assert model.mark_answer(case, [TIERS[1], TIERS[1]]) is not None


def test_recorded_answers_of_the_wrong_shape_are_unreadable_not_a_traceback(tmp_path, monkeypatch, content):
    """The service keeps whatever a learner's own requests sent as a first answer: their page still opens."""
    model = LabellingModel(content)
    columns = model.question_ids_of(model.table)[:4]
    junk = ["x", "ab", [["a"], "b"], 5]
    case = next(iter(CasePredictions().cases))

    class Recorder:  # a reader of the service's reply, with the shapes a hand-made request could leave
        def mine(self):
            return {"released": True, "exercises": {
                LABELLING: {"first": dict(zip(columns, junk, strict=True)), "correct": dict.fromkeys(columns, False)},
                CASES: {"first": {case: {"tier": "serious"}}, "correct": {case: False}}}}

        def check(self):
            return []

    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    unreadable = content.text("class_record.unreadable", "en")
    labels = LabellingWidget(page=Page(lang="en", remember=False, recorder=Recorder()))
    for qid in columns:
        assert unreadable in labels.feedback(qid) and "Traceback" not in labels.feedback(qid)
    cases = CourtCaseQuiz(case=case, page=Page(lang="en", remember=False, recorder=Recorder()))
    assert unreadable in plain_text(cases.feedback()) and cases.value["revealed"] is False
