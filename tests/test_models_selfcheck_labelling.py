"""Lessons 1 and 2 as models, without any widget: the state the widget tests used to read from ``value``.

Moved from test_widgets_lesson1.py, test_widgets_labelling.py and test_widgets_cards.py; the widget
tests keep what is shown (feedback, scores as sentences, menus, cards).
"""
import pytest

from lessons.classroom import selfcheck as sc
from lessons.classroom.exercise_models import NONE, LabellingModel, SelfCheckModel


@pytest.fixture
def selfcheck(content):
    return SelfCheckModel(content)


@pytest.fixture
def labelling(content):
    return LabellingModel(content)


def right(model, qid):
    return sc.solution(model.items[qid], model.content)


def wrong(model, qid):
    return next(c for c in sc.choices(model.items[qid]) if c != right(model, qid))


# ---------------------------------------------------------------- Lesson 1

def test_selfcheck_has_at_least_twelve_items_all_answerable(selfcheck, content):
    """Was test_widgets_lesson1.test_selfcheck_has_at_least_twelve_items_all_answerable."""
    items = sc.load_items(content)
    assert len(items) >= 12 and selfcheck.record()["total"] == sum(item.scored for item in items)  # practice apart
    for item in items:
        assert sc.solution(item, content) in sc.choices(item)


def test_selfcheck_nothing_is_shown_or_counted_before_answering(selfcheck):
    """Was part of test_widgets_lesson1.test_selfcheck_nothing_revealed_before_answering."""
    assert len(selfcheck.question_ids) == 14 and selfcheck.shown == [] and selfcheck.first == {}
    assert selfcheck.counted.score == 0 and selfcheck.counted.total == len(selfcheck.question_ids) - len(
        selfcheck.practice_ids)
    assert selfcheck.position == selfcheck.question_ids[0]


def test_selfcheck_marks_a_right_and_a_wrong_tier(selfcheck):
    """Was part of test_widgets_lesson1.test_selfcheck_feedback_explains_and_cites."""
    first, second = [i.id for i in selfcheck.items.values() if i.ask == "tier"][:2]
    selfcheck.answer(first, right(selfcheck, first))
    selfcheck.answer(second, wrong(selfcheck, second))
    assert selfcheck.record()["score"] == 1 and selfcheck.record()["correct"] == {first: True, second: False}
    assert selfcheck.shown == [first, second]  # the feedback comes with the answer


def test_selfcheck_restore_brings_back_answers_and_score(selfcheck, content):
    """Was test_widgets_lesson1.test_selfcheck_restore_brings_back_answers_and_score."""
    practice = next(i.id for i in selfcheck.items.values() if not i.scored)
    counted = next(i.id for i in selfcheck.items.values() if i.scored)
    selfcheck.answer(practice, wrong(selfcheck, practice))  # restored, never counted
    selfcheck.answer(counted, right(selfcheck, counted))
    selfcheck.answer("q13", "yes")
    fresh = SelfCheckModel(content)
    fresh.restore(selfcheck.record()["answers"])
    assert fresh.record() == selfcheck.record() and fresh.record()["score"] == 2
    assert fresh.first == fresh.answers and fresh.shown == sorted(selfcheck.answers)  # the feedback came: they count


def test_selfcheck_practice_item_is_marked_but_not_counted(selfcheck):
    """Was part of test_widgets_lesson1.test_selfcheck_practice_item_says_it_is_not_counted."""
    practice = next(i.id for i in selfcheck.items.values() if not i.scored)
    counted = next(i.id for i in selfcheck.items.values() if i.scored)
    for qid in (practice, counted):
        selfcheck.answer(qid, right(selfcheck, qid))
    assert selfcheck.latest.correct == {practice: True, counted: True}
    assert selfcheck.record()["score"] == selfcheck.counted.score == 1


# ---------------------------------------------------------------- Lesson 2

def test_labelling_starts_empty(labelling):
    """Was part of test_widgets_labelling.test_labelling_starts_empty_and_reveals_nothing."""
    assert labelling.record() == {"answers": {}, "correct": {}, "score": 0, "total": len(labelling.question_ids)}
    assert labelling.table == labelling.tables[0] and not any(labelling.checked(t) for t in labelling.tables)


def test_labelling_check_marks_the_table(labelling):
    """Was part of test_widgets_labelling.test_check_gives_explained_feedback_citing_the_tier_clause."""
    name, phone = "shop_orders/收货人", "shop_orders/手机号"
    labelling.answer(name, labelling.solution(name))
    labelling.answer(phone, [NONE, NONE] if labelling.solution(phone) != [NONE, NONE] else ["basic", "tier_50"])
    assert labelling.first == {} and not labelling.checked("shop_orders")
    labelling.check("shop_orders")
    assert labelling.record()["correct"] == {name: True, phone: False} and labelling.record()["score"] == 1
    assert labelling.counted.within(labelling.question_ids_of("shop_orders")).score == 1


def test_a_column_without_personal_information_and_another_table(labelling):
    """Was part of test_widgets_labelling.test_not_personal_column_and_the_open_question."""
    uscc, income = "shop_orders/商家统一社会信用代码", "loan_applications/月收入"
    assert labelling.solution(uscc) == [NONE, NONE]
    labelling.answer(uscc, labelling.solution(uscc))
    labelling.answer(income, labelling.solution(income))
    labelling.check("loan_applications")
    assert set(labelling.first) == {income}  # only the checked table's answers count yet
    labelling.check("shop_orders")
    assert labelling.record()["score"] == 2 and set(labelling.first) == {uscc, income}


def test_labelling_restore_keeps_what_fits_and_ignores_junk(labelling):
    """Was test_widgets_labelling.test_restore_puts_answers_back_and_ignores_junk (the state part)."""
    labelling.restore({"app_telemetry/col1": ["device", "tier_5000"], "app_telemetry/col4": ["device", "tier_5000"],
                       "nope/x": ["basic", "tier_50"], "shop_orders/收货人": ["telepathy", "tier_50"],
                       "shop_orders/手机号": "basic"})
    assert labelling.answers == {"app_telemetry/col1": ["device", "tier_5000"],
                                 "app_telemetry/col4": ["device", "tier_5000"]}
    assert labelling.record()["correct"] == {"app_telemetry/col1": True, "app_telemetry/col4": False}
    labelling.restore({})
    assert labelling.answers == {} and labelling.record()["correct"] == {}
