"""Exercise models without any widget: declared state, validation, the one marker, counted vs practice.

These tests read model state (answers, shown, first, Result), never rendered text, so a change of a
lesson's wording does not touch them.
"""
import subprocess
import sys

import pytest

from lessons.classroom import selfcheck as sc
from lessons.classroom.action_plan import load_guide
from lessons.classroom.exercise_models import (AnswerRefused, BuilderModel, LabellingModel, PlanModel, Result,
                                               ReviewModel, SelfCheckModel)


def test_models_import_no_ipywidgets():
    code = ("import sys, lessons.classroom.exercise_models, lessons.classroom.grading, lessons.classroom.class_summary;"
            "sys.exit(1 if 'ipywidgets' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# ---------------------------------------------------------------- Lesson 1 self-check

@pytest.fixture
def selfcheck(content):
    return SelfCheckModel(content)


def wrong_choice(model, qid):
    item = model.items[qid]
    return next(c for c in sc.choices(item) if c != sc.solution(item, model.content))


def right_choice(model, qid):
    return sc.solution(model.items[qid], model.content)


def scored_ids(model):
    """The questions that count (practice items, ``scored: false``, never do)."""
    return [q for q in model.question_ids if q not in model.practice_ids]


def test_selfcheck_marks_every_item_against_the_taxonomy(selfcheck):
    answers = {q: right_choice(selfcheck, q) for q in selfcheck.question_ids}
    result = selfcheck.mark(answers)
    assert len(selfcheck.question_ids) >= 12
    assert result == Result({q: True for q in answers}, len(scored_ids(selfcheck)), selfcheck.practice_ids)
    assert result.score == result.total


def test_selfcheck_first_answer_counts_and_later_answers_are_practice(selfcheck):
    q1, q2 = scored_ids(selfcheck)[:2]
    selfcheck.answer(q1, wrong_choice(selfcheck, q1))  # the feedback appears with the answer
    selfcheck.answer(q1, right_choice(selfcheck, q1))
    selfcheck.answer(q2, right_choice(selfcheck, q2))
    assert selfcheck.first == {q1: wrong_choice(selfcheck, q1), q2: right_choice(selfcheck, q2)}
    assert selfcheck.counted.score == 1 and selfcheck.latest.score == 2 and selfcheck.practised == [q1]
    assert selfcheck.record()["score"] == 2  # the saved record marks the latest answers; the store keeps "first"


def test_selfcheck_refuses_an_unknown_choice_and_question(selfcheck):
    q = scored_ids(selfcheck)[0]
    with pytest.raises(AnswerRefused):
        selfcheck.answer(q, "not-a-choice")
    with pytest.raises(KeyError):
        selfcheck.answer("no-such-question", "basic")
    assert selfcheck.answers == {}
    selfcheck.answer(q, right_choice(selfcheck, q))
    selfcheck.answer(q, "")  # cleared: no answer, but the first one still counts
    assert selfcheck.answers == {} and q in selfcheck.first and selfcheck.counted.score == 1


def test_selfcheck_restore_keeps_what_fits_and_the_recorded_first_answers(selfcheck):
    q1, q2 = scored_ids(selfcheck)[:2]
    selfcheck.restore({q1: right_choice(selfcheck, q1), q2: "junk", "gone": "basic"},
                      first={q1: wrong_choice(selfcheck, q1), "gone": "basic"})
    assert selfcheck.answers == {q1: right_choice(selfcheck, q1)}
    assert selfcheck.first == {q1: wrong_choice(selfcheck, q1)}
    assert (selfcheck.counted.score, selfcheck.latest.score) == (0, 1)


def test_mark_survives_any_json(selfcheck, content):
    junk = dict(zip(selfcheck.question_ids, ([1, 2], {"a": 1}, None, 3.5, True, "", "basic"), strict=False))
    result = selfcheck.mark({**junk, "unknown": "basic"})
    assert "unknown" not in result.correct and set(result.correct) <= set(selfcheck.question_ids)
    assert ReviewModel(content).mark({"l1.q01": {"x": 1}, "l4.q03": "not a number"}).correct == {
        "l1.q01": False, "l4.q03": False}


# ---------------------------------------------------------------- Lesson 2 labelling

@pytest.fixture
def labelling(content):
    return LabellingModel(content)


def test_labelling_feedback_and_counting_per_table(labelling):
    table = labelling.tables[0]
    ids = labelling.question_ids_of(table)
    labelling.answer(ids[0], labelling.solution(ids[0]))
    wrong = ["none", "none"] if labelling.solution(ids[1]) != ["none", "none"] else ["basic", "tier_50"]
    labelling.answer(ids[1], wrong)
    assert not labelling.checked(table) and labelling.first == {}  # nothing counts before Check
    labelling.check(table)
    assert labelling.checked(table) and set(labelling.first) == set(ids[:2])
    labelling.answer(ids[1], labelling.solution(ids[1]))  # after the feedback: practice
    here = labelling.counted.within(ids)
    assert (here.score, here.total) == (1, len(ids)) and labelling.latest.within(ids).score == 2
    assert labelling.counted.total == len(labelling.question_ids) > len(ids)  # the table, not the course


def test_labelling_validates_an_answer(labelling):
    qid = labelling.question_ids[0]
    for bad in (["basic"], "basic", ["basic", "tier_9"], ["nonsense", "tier_50"]):
        with pytest.raises(AnswerRefused):
            labelling.answer(qid, bad)
    labelling.answer(qid, ["basic", ""])  # half an answer is kept (and wrong)
    assert labelling.answers == {qid: ["basic", ""]} and labelling.latest.correct == {qid: False}
    labelling.answer(qid, ["", ""])
    assert labelling.answers == {}


def test_labelling_restore_hides_feedback_until_check_again(labelling):
    qid = labelling.question_ids[0]
    labelling.restore({qid: labelling.solution(qid)}, first={qid: ["none", "none"]})
    assert labelling.shown == [] and not labelling.checked(qid.split("/")[0])
    assert labelling.counted.correct[qid] is (labelling.solution(qid) == ["none", "none"])


# ---------------------------------------------------------------- Lesson 6 review

@pytest.fixture
def review(content):
    return ReviewModel(content)


def numeric(review):
    return next(q for q in review.questions.values() if q.kind == "numeric")


def test_review_check_refuses_empty_and_unreadable_answers(review):
    q = numeric(review)
    with pytest.raises(AnswerRefused) as refused:
        review.check(q.id, "five thousand")
    assert refused.value.reason == "not_a_number"
    with pytest.raises(AnswerRefused) as refused:
        review.check(q.id, "  ")
    assert refused.value.reason == "no_answer" and review.answers == {}
    review.check(q.id, "５,０００ 条")
    assert review.answers == {q.id: 5000} and q.id in review.shown


def test_review_counts_first_checked_answer_per_lesson(review):
    q = numeric(review)
    review.check(q.id, str(q.answer + 1000))
    review.check(q.id, str(q.answer))
    assert review.counted.correct == {q.id: False} and review.latest.correct == {q.id: True}
    scores = review.lesson_scores(review.counted)
    assert scores[q.lesson][:2] == (0, 1) and sum(n for _, _, n in scores.values()) == review.counted.total


# ---------------------------------------------------------------- unscored: builder and plan

def test_builder_model_keeps_typed_facts_and_validates_menus():
    model = BuilderModel({"pieces.tier_50": None, "conduct": ("sell", "provide")}, ("case1",))
    model.answer("pieces.tier_50", "4,999")
    model.answer("conduct", "sell")
    with pytest.raises(AnswerRefused):
        model.answer("conduct", "steal")
    with pytest.raises(AnswerRefused):
        model.answer("preset", "no-such-case")
    assert model.answers == {"pieces.tier_50": "4,999", "conduct": "sell"}
    assert model.mark(model.answers) == Result({"pieces.tier_50": False, "conduct": False}, 0)
    model.set_all({"conduct": "provide", "bogus": "1"})
    assert model.answers == {"conduct": "provide"}


def test_plan_model_keeps_known_ticks_in_the_guide_order(content):
    guide = load_guide(content)
    model = PlanModel(guide)
    first, second = guide.leaked[0].id, guide.leaked[1].id
    model.answer("leaked", [second, first])
    assert model.ticked("leaked") == [first, second] and model.record()["total"] == 0
    with pytest.raises(AnswerRefused):
        model.answer("events", ["no-such-event"])


def test_builder_model_reads_the_facts_as_typed():
    model = BuilderModel({"pieces.tier_50": None, "buyers": None, "illegal_gains_yuan": None,
                          "unit_crime": ("yes", "no"), "consequences": ("none", "suicide")}, ())
    model.set_all({"pieces.tier_50": "4,999", "illegal_gains_yuan": "5千", "unit_crime": "no", "consequences": "none",
                   "buyers": "2"})
    assert model.facts_dict() == {"illegal_gains_yuan": 5000, "unit_crime": False, "consequences": [],
                                  "pieces": {"tier_50": 4999},
                                  "pieces_sold_to_each_buyer": [{"tier_50": 4999}, {"tier_50": 4999}]}
    model.answer("buyers", "2.5")
    with pytest.raises(AnswerRefused) as refused:
        model.facts_dict()
    assert refused.value.reason == "bad_buyers"


def test_practice_items_are_marked_for_feedback_but_never_counted(content):
    """``scored: false`` in the content (the teaching categories, review row I6): shown, explained, not counted."""
    from lessons.classroom.exercise_models import ReviewModel, SelfCheckModel
    from lessons.classroom.grading import load_answer_keys

    keys = load_answer_keys(content)
    for model, exercise in ((SelfCheckModel(content), "lesson1.selfcheck"), (ReviewModel(content), "lesson6.review")):
        practice = model.practice_ids
        assert practice, exercise  # the content marks some items as practice
        right = {q: a for q in model.question_ids
                 for a in [_right_answer(model, q)] if a is not None}
        result = model.mark(right)
        assert result.total == len(model.question_ids) - len(practice) == keys.total(exercise)
        assert result.score == result.total and set(practice) <= set(result.correct)  # feedback, but not counted
        assert not practice & set(keys.exercises[exercise])  # the gradebook never asks for them


def _right_answer(model, qid):
    items = getattr(model, "items", None)
    if items is not None:
        from lessons.classroom import selfcheck as sc
        return sc.solution(items[qid], model.content)
    answer = model.questions[qid].answer
    return list(answer) if isinstance(answer, tuple) else answer


def test_answering_a_practice_item_again_is_not_reported_as_changed_practice(selfcheck):
    """``practised`` feeds "n changed after the feedback" beside the counted score: only counted items belong."""
    practice, counted = sorted(selfcheck.practice_ids)[0], scored_ids(selfcheck)[0]
    for qid in (practice, counted):
        selfcheck.answer(qid, wrong_choice(selfcheck, qid))
        selfcheck.answer(qid, right_choice(selfcheck, qid))
    assert selfcheck.practised == [counted] and (selfcheck.counted.score, selfcheck.latest.score) == (0, 1)


def test_plan_model_ticks_give_the_steps(content):
    """Was part of test_widgets_lesson4.test_starts_with_the_general_steps_and_a_hint and
    test_ticking_a_box_updates_the_plan: the steps follow the ticks, in the guide's order."""
    model = PlanModel(load_guide(content))
    assert [s.id for s in model.plan().steps] == ["police", "evidence", "rights_request", "damages"]
    model.tick("money_transferred")
    assert model.ticked("events") == ["money_transferred"] and model.plan().steps[0].id == "stop_payment"
    model.tick("bank_payment")
    assert model.ticked("leaked") == ["bank_payment"] and "freeze_cards" in [s.id for s in model.plan().steps]
    model.tick("money_transferred", False)
    assert model.ticked("events") == [] and "stop_payment" not in [s.id for s in model.plan().steps]
    with pytest.raises(KeyError):
        model.tick("dna")
