"""Saved progress of an exercise, without any widget: a model bound to a learner's store by SavedExercise.

Moved from the widget tests (kernel restart, start fresh, answers before the name, a corrupt file, a
failed save, any exercise of the protocol, the action plan's ticks, the court cases' predictions): they
read the model's state and the stored records, never rendered text.
"""
import json

import pytest

from lessons.classroom import selfcheck as sc
from lessons.classroom.action_plan import load_guide
from lessons.classroom.case_predictions import EXERCISE_ID as CASES, CasePredictions
from lessons.classroom.exercise_models import Exercise, PlanModel, ReviewModel, SelfCheckModel
from lessons.classroom.progress import Progress
from lessons.classroom.review import load_questions
from lessons.classroom.saved_exercise import SavedExercise
from lessons.classroom.writing import EssayExercise, load_writing_task

SELFCHECK, REVIEW, PLAN = "lesson1.selfcheck", "lesson6.review", "lesson5.plan"


def opened(model, folder, exercise_id, learner=...):
    """An exercise as a lesson opens it: the model bound to the learner's store, the saved work read back."""
    saved = SavedExercise(model, Progress(folder, learner=learner), exercise_id)
    saved.read()
    return saved


def act(saved, *answer):
    """One learner's act: the model changes, then the exercise is saved (what the widget does after each)."""
    saved.model.answer(*answer)
    return saved.save()


def counted_single(content, n=2):
    return [q for q in load_questions(content) if q.kind == "single" and q.scored][:n]


def wrong(q):
    return next(o.id for o in q.options if o.id != q.answer)


# ---------------------------------------------------------------- restart, protocol

def test_selfcheck_answers_come_back_after_a_restart(content, tmp_path):
    """Was test_widgets_cards.test_selfcheck_saved_progress_is_unchanged."""
    first = opened(SelfCheckModel(content), tmp_path, SELFCHECK, "Li Lei")
    assert act(first, "q02", "device") and act(first, "q13", "yes")
    again = opened(SelfCheckModel(content), tmp_path, SELFCHECK, "Li Lei")
    assert again.model.record() == first.model.record() and again.model.position == "q01"
    assert Progress(tmp_path, learner="Li Lei").exercise(SELFCHECK)["answers"] == {"q02": "device", "q13": "yes"}
    assert not again.changed and not again.save()  # nothing new: nothing written


def test_review_answers_and_marks_survive_a_kernel_restart(content, tmp_path):
    """Was test_widgets_lesson5.test_progress_survives_a_kernel_restart (the state part)."""
    first = opened(ReviewModel(content), tmp_path, REVIEW, None)
    first.progress.choose("王芳")
    first.signed_in()
    right, other = counted_single(content)
    number = next(q for q in load_questions(content) if q.kind == "numeric" and q.scored)
    act(first, right.id, right.answer)
    act(first, number.id, f"{number.answer:g}")
    act(first, other.id, wrong(other))
    expected = first.model.record()
    again = opened(ReviewModel(content), tmp_path, REVIEW)  # the learner read from settings.json
    assert again.progress.learner == "王芳"
    assert again.model.answers == expected["answers"] and again.model.latest.score == 2
    assert again.model.latest.correct == {right.id: True, number.id: True, other.id: False}
    assert again.model.first == again.model.answers  # feedback came with each answer: all of them count


def test_answers_given_before_the_name_are_kept(content, tmp_path):
    saved = opened(ReviewModel(content), tmp_path, REVIEW, None)
    assert not act(saved, "l1.q05", "no")  # nobody yet: nothing written, the answer stays in the model
    saved.progress.choose("Zhao Lei")
    saved.signed_in()
    assert saved.model.answers == {"l1.q05": "no"} and saved.save()
    stored = Progress(tmp_path).exercise("lesson5.review")  # the old id finds the record too
    assert stored["answers"] == {"l1.q05": "no"} and stored["score"] == 1


def test_signing_in_with_nothing_done_brings_the_saved_work_back(content, tmp_path):
    act(opened(ReviewModel(content), tmp_path, REVIEW, "Zhao Lei"), "l1.q05", "no")
    later = opened(ReviewModel(content), tmp_path, REVIEW, None)
    assert later.model.answers == {}
    later.progress.choose("Zhao Lei")
    later.signed_in()
    assert later.model.answers == {"l1.q05": "no"} and not later.changed


def test_start_fresh_erases_the_answers_but_the_first_ones_still_count(content, tmp_path):
    """Was test_widgets_lesson5.test_start_fresh_asks_first_then_erases (the state part)."""
    q = counted_single(content, 1)[0]
    saved = opened(ReviewModel(content), tmp_path, REVIEW, "Sun Li")
    act(saved, q.id, wrong(q))
    act(saved, q.id, q.answer)  # after the feedback: practice
    saved.start_fresh()
    assert saved.model.answers == {} and saved.model.latest.score == 0
    assert saved.model.first == {q.id: wrong(q)} and saved.model.counted.correct == {q.id: False}
    assert Progress(tmp_path, learner="Sun Li").exercise("lesson5.review")["answers"] == {}
    again = opened(ReviewModel(content), tmp_path, REVIEW, "Sun Li")
    assert again.model.answers == {} and again.model.first == {q.id: wrong(q)}
    act(again, q.id, q.answer)  # answering again is practice: the first answer is not replaced
    assert (again.model.counted.score, again.model.latest.score) == (0, 1)


def test_a_corrupt_progress_file_is_moved_aside_and_saving_goes_on(content, tmp_path):
    """Was test_widgets_lesson5.test_corrupt_progress_file_is_moved_aside_with_a_message (the state part)."""
    p = Progress(tmp_path, learner="Li Ming")
    p.path.parent.mkdir(parents=True)
    p.path.write_text('{"format": "pi-lessons.progress.v1", "learn', encoding="utf-8")
    saved = opened(ReviewModel(content), tmp_path, REVIEW, "Li Ming")
    [moved] = saved.progress.moved
    assert moved.moved_to.name == f"{p.path.name}.corrupt-1" and saved.model.answers == {}
    act(saved, "l1.q05", "no")
    assert (p.path.parent / f"{p.path.name}.corrupt-1").read_text(encoding="utf-8").endswith('"learn')
    assert json.loads(p.path.read_text(encoding="utf-8"))["exercises"][REVIEW]["score"] == 1


def test_a_failed_save_is_raised_and_the_answer_kept(content, tmp_path):
    """Was test_widgets_lesson5.test_save_problem_is_shown_not_raised (the state part)."""
    (tmp_path / "learners").write_text("a file where the folder should be", encoding="utf-8")
    saved = opened(ReviewModel(content), tmp_path, REVIEW, "Chen Jing")
    saved.model.answer("l1.q05", "no")
    with pytest.raises(OSError):
        saved.save()
    assert saved.model.latest.score == 1 and REVIEW in saved.progress.pending
    assert not saved.save()  # tried once: the next act's save writes it with the pending record


class ToyModel(Exercise):
    """One question whose right answer is "a"."""

    FEEDBACK_AT_ONCE = True
    question_ids = ["q"]

    def normalise(self, question_id, raw):
        return raw or None

    def is_correct(self, question_id, answer):
        return answer == "a"


def test_any_exercise_of_the_protocol_is_saved_and_restored(tmp_path):
    """Was test_widgets_lesson5.test_any_exercise_is_saved_and_restored (the model part)."""
    act(opened(ToyModel(), tmp_path, "toy.one", "Zhou Jie"), "q", "a")
    again = opened(ToyModel(), tmp_path, "toy.one", "Zhou Jie")
    assert again.model.answers == {"q": "a"} and again.model.record()["score"] == 1


def test_answers_the_exercise_no_longer_has_are_saved_again(content, tmp_path):
    """A question removed from the content: its saved answer is still the learner's and is kept."""
    Progress(tmp_path, learner="Li Lei").save(SELFCHECK, {"answers": {"q99": "basic"}, "correct": {}, "score": 0,
                                                          "total": 1})
    saved = opened(SelfCheckModel(content), tmp_path, SELFCHECK, "Li Lei")
    assert saved.kept == {"q99": "basic"} and saved.model.answers == {}
    act(saved, "q13", "yes")
    assert Progress(tmp_path, learner="Li Lei").exercise(SELFCHECK)["answers"] == {"q99": "basic", "q13": "yes"}


def test_a_selfcheck_answer_counts_once_saved(content, tmp_path):
    """The store keeps the first answer of a question whose feedback was shown; a new model counts it."""
    item = next(i for i in sc.load_items(content) if i.scored)
    right = sc.solution(item, content)
    saved = opened(SelfCheckModel(content), tmp_path, SELFCHECK, "Li Lei")
    act(saved, item.id, next(c for c in sc.choices(item) if c != right))
    act(saved, item.id, right)
    again = opened(SelfCheckModel(content), tmp_path, SELFCHECK, "Li Lei")
    assert again.model.answers == {item.id: right} and (again.model.counted.score, again.model.latest.score) == (0, 1)
    assert again.model.practised == [item.id]


# ---------------------------------------------------------------- the unscored exercises and the court cases

def test_plan_ticks_survive_a_restart(content, tmp_path):
    """Was test_widgets_lesson4.test_ticks_survive_a_restart (the model part)."""
    guide = load_guide(content)
    first = opened(PlanModel(guide), tmp_path, PLAN, "Li Lei")
    act(first, "leaked", ["bank_payment"])
    act(first, "events", ["money_transferred"])
    again = opened(PlanModel(guide), tmp_path, PLAN, "Li Lei")
    assert again.model.ticked("leaked") == ["bank_payment"] and again.model.ticked("events") == ["money_transferred"]
    assert again.model.record()["total"] == 0


def test_saved_predictions_come_back_checked(tmp_path):
    """Was test_widgets_court_cases.test_saved_predictions_come_back_revealed (the model part)."""
    first = opened(CasePredictions(), tmp_path, CASES, "Wang Fang")
    first.model.predict("yp_wu", "especially_serious", "serious")
    first.model.check("yp_wu")
    assert first.save()
    again = opened(CasePredictions(), tmp_path, CASES, "Wang Fang")
    assert again.model.checked == ["yp_wu"] and again.model.answers == {"yp_wu": ["especially_serious", "serious"]}
    assert again.model.mark_case("yp_wu") is not None and again.model.record()["total"] == len(again.model.cases)
    stored = Progress(tmp_path, learner="Wang Fang").exercise(CASES)
    assert stored["answers"] == {"yp_wu": ["especially_serious", "serious"]}


def test_an_essay_handed_in_comes_back_handed_in(tmp_path):
    task = load_writing_task()
    saved = opened(EssayExercise(task), tmp_path, task.id, "王芳")
    saved.model.essay.write("共同犯罪" * 400)
    saved.model.sync()
    assert saved.save() and saved.model.feedback_shown() == []
    assert saved.model.essay.hand_in("zh")
    saved.model.sync()
    assert saved.save() and saved.model.feedback_shown() == ["text", "handed_in"]
    again = opened(EssayExercise(task), tmp_path, task.id, "王芳")
    assert again.model.essay.handed_in == saved.model.essay.handed_in and again.model.essay.text == "共同犯罪" * 400
