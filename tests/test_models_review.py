"""Lesson 6's review as a model, without any widget: answers read as the learner types them, marked,
counted per lesson, practice apart. Moved from test_widgets_lesson5.py (the state it asserted)."""
import pytest

from lessons.classroom.exercise_models import AnswerRefused, ReviewModel
from lessons.classroom.review import load_questions


@pytest.fixture
def model(content):
    return ReviewModel(content)


def counted(model, kind):
    return [q for q in model.questions.values() if q.kind == kind and q.scored]


def wrong(q):
    if q.kind == "numeric":
        return str(int(q.answer + q.tolerance + 1000))
    right = {q.answer} if q.kind == "single" else set(q.answer)
    other = next(o.id for o in q.options if o.id not in right)
    return other if q.kind == "single" else sorted(right ^ {other})


def right_answer(q):
    return list(q.answer) if q.kind == "multiple" else q.answer


def test_nothing_is_answered_or_shown_at_first(model, content):
    """Was part of test_widgets_lesson5.test_no_solution_is_shown_before_answering."""
    assert model.answers == {} and model.shown == [] and model.first == {}
    record = model.record()
    assert record["score"] == 0 and record["total"] == sum(q.scored for q in load_questions(content)) >= 20


def test_single_choice_right_and_wrong(model):
    """Was part of test_widgets_lesson5.test_single_choice_feedback_cites_the_clause."""
    q, other = counted(model, "single")[:2]
    model.check(q.id, q.answer)
    assert model.latest.correct == {q.id: True} and model.record()["score"] == 1 and q.id in model.shown
    model.check(other.id, wrong(other))
    assert model.latest.correct[other.id] is False and model.record()["score"] == 1


def test_multiple_choice_in_any_order_and_a_full_width_number(model):
    """Was test_widgets_lesson5.test_multiple_choice_and_numeric (the state part)."""
    many, number = counted(model, "multiple")[0], counted(model, "numeric")[0]
    model.check(many.id, list(reversed(many.answer)))
    typed = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in f"{number.answer:g}")  # full-width digits
    model.check(number.id, typed)
    assert model.answers[many.id] == sorted(many.answer)
    assert model.latest.correct == {many.id: True, number.id: True}
    model.check(number.id, wrong(number))
    assert model.latest.correct[number.id] is False and model.counted.correct[number.id] is True


def test_an_unreadable_number_is_refused_and_not_kept(model):
    """Was part of test_widgets_lesson5.test_bad_number_gives_a_message_not_an_answer."""
    number = counted(model, "numeric")[0]
    with pytest.raises(AnswerRefused) as refused:
        model.check(number.id, "seven")
    assert refused.value.reason == "not_a_number" and number.id not in model.answers
    single = counted(model, "single")[0]
    with pytest.raises(AnswerRefused) as refused:
        model.check(single.id, "")
    assert refused.value.reason == "no_answer" and model.answers == {}


def test_scores_per_lesson_count_first_answers(model, content):
    """Was part of test_widgets_lesson5.test_scores_per_lesson_count_first_answers."""
    q = counted(model, "single")[0]
    model.check(q.id, wrong(q))
    model.check(q.id, q.answer)  # after the feedback: practice
    n = sum(x.lesson == q.lesson and x.scored for x in load_questions(content))
    assert model.lesson_scores(model.counted)[q.lesson] == (0, 1, n)
    assert model.lesson_scores(model.latest)[q.lesson] == (1, 1, n)
    assert (model.counted.score, model.latest.score, model.practised) == (0, 1, [q.id])


def test_a_practice_item_is_marked_but_never_counted(model, content):
    """Was part of test_widgets_lesson5.test_a_practice_item_is_explained_says_so_and_never_counts."""
    practice = next(q for q in model.questions.values() if not q.scored)
    other = counted(model, practice.kind)[0]
    model.check(practice.id, right_answer(practice))
    assert model.latest.correct == {practice.id: True} and model.record()["score"] == 0
    n = sum(x.lesson == practice.lesson and x.scored for x in load_questions(content))
    assert model.lesson_scores(model.counted)[practice.lesson] == (0, 0, n)
    model.check(other.id, right_answer(other))
    assert model.record()["score"] == 1
