"""Lesson 5 review widget and saved progress (headless): answers, feedback, scores, kernel restart,
corrupt files, start fresh, the learner widget, and the protocol for any exercise."""
import json

import ipywidgets as w
import pytest

from lessons.classroom.exercise_models import Exercise

from lessons.content.course import load_content
from lessons.classroom.progress import Progress
from lessons.classroom.exercises import title
from lessons.classroom.review import load_questions
from lessons.widgets.base import ExerciseWidget
from lessons.widgets.controls import plain_text
from lessons.widgets.learner_panel import Learner
from lessons.widgets.review_quiz import Review


@pytest.fixture(scope="module")
def content():
    return load_content()


def review(content, folder, lang="en", learner=...):
    return Review(content, lang=lang, progress=Progress(folder, learner=learner), remember_language=False)


def text(content, key, lang="en", **values):
    """A text of the course as the learner reads it (tests follow the wording instead of copying it)."""
    return plain_text(content.text(key, lang, **values))


def lead(content, key, lang="en", **values):
    """A text's words before its one open value (e.g. the message before the system's own problem)."""
    return text(content, key, lang, **values, problem="\0").split("\0")[0]


def questions(content, kind):
    """The counted questions of a kind (practice items, ``scored: false``, have their own test)."""
    return [q for q in load_questions(content) if q.kind == kind and q.scored]


def counted_total(content):
    return sum(q.scored for q in load_questions(content))


def wrong(q):
    """An answer to ``q`` that is not right."""
    if q.kind == "numeric":
        return str(int(q.answer + q.tolerance + 1000))
    right = {q.answer} if q.kind == "single" else set(q.answer)
    other = next(o.id for o in q.options if o.id not in right)
    return other if q.kind == "single" else sorted(right ^ {other})


def test_no_solution_is_shown_before_answering(content, tmp_path):
    r = review(content, tmp_path)
    for qid in r.question_ids:
        r.go_to(qid)
        assert r.current == qid and r.html("feedback") == ""
        assert r.read("question-select").endswith(text(content, "review.status_open"))
    assert r.value["answers"] == {} and r.value["score"] == 0 and r.value["total"] >= 20


def test_single_choice_feedback_cites_the_clause(content, tmp_path):
    r = review(content, tmp_path)
    q, other = questions(content, "single")[:2]
    r.answer(q.id, q.answer)
    assert r.value["correct"] == {q.id: True} and r.value["score"] == 1
    assert text(content, "common.correct") in r.feedback() and q.clauses[0] not in r.html("feedback")
    assert content.provisions[q.clauses[0]].cite("en") in r.feedback()
    r.answer(other.id, wrong(other))
    assert r.value["correct"][other.id] is False and text(content, "common.incorrect") in r.feedback()
    assert other.option(other.answer).text("en") in r.feedback()  # the right answer, named


def test_multiple_choice_and_numeric_show_the_models_answers(content, tmp_path):
    """The marking of these answers: tests/test_models_review.py; here the boxes and the feedback."""
    r = review(content, tmp_path)
    many, number = questions(content, "multiple")[0], questions(content, "numeric")[0]
    r.answer(many.id, list(reversed(many.answer)))
    assert sorted(r.chosen(many.id)) == r.model.answers[many.id] == sorted(many.answer)
    r.answer(number.id, wrong(number))
    assert r.value["correct"] == r.model.latest.correct == {many.id: True, number.id: False}
    assert text(content, "common.incorrect") in r.feedback() and f"{number.answer:g}" in r.feedback()


def test_bad_number_gives_a_message_not_an_answer(content, tmp_path):
    r = review(content, tmp_path)
    number, single = questions(content, "numeric")[0], questions(content, "single")[0]
    r.answer(number.id, "seven")
    assert r.feedback() == text(content, "review.not_a_number") and number.id not in r.value["answers"]
    r.go_to(single.id)
    r.check()
    assert r.feedback() == text(content, "review.no_answer")


def test_changed_answer_is_flagged_until_checked_again(content, tmp_path):
    r = review(content, tmp_path)
    q = questions(content, "single")[0]
    r.answer(q.id, wrong(q))
    r.answer(q.id, q.answer, check=False)
    assert r.chosen() == q.answer and text(content, "review.changed") in r.feedback()
    assert r.value["answers"][q.id] == wrong(q), "only checked answers count"


def test_scores_per_lesson_count_first_answers(content, tmp_path):
    r = review(content, tmp_path)
    q = questions(content, "single")[0]
    r.answer(q.id, wrong(q))
    r.answer(q.id, q.answer)  # after the feedback: practice
    n = sum(x.lesson == q.lesson and x.scored for x in load_questions(content))
    assert text(content, "review.lesson_score", right=0, answered=1, total=n) in r.read("score")
    assert (r.model.counted.score, r.model.latest.score) == (0, 1)
    total = counted_total(content)
    assert text(content, "common.score_counted", correct=0, total=total) in r.read("score")
    assert text(content, "common.score_practice", n=1, correct=1, total=total) in r.read("score")
    assert text(content, "common.score_why") in r.read("score")
    r.set_language("zh")
    assert text(content, "common.score_counted", "zh", correct=0, total=total) in r.read("score")
    assert text(content, "common.score_why", "zh") in r.read("score")


def test_a_practice_item_is_explained_says_so_and_never_counts(content, tmp_path):
    """Items on the teaching categories are practice (review row I6): feedback as usual, plus one sentence."""
    practice = next(q for q in load_questions(content) if not q.scored)
    counted = questions(content, practice.kind)[0]
    r = review(content, tmp_path)
    r.answer(practice.id, right_answer(practice))
    note = text(content, "review.practice_note")
    assert text(content, "common.correct") in r.feedback() and note in r.feedback()
    assert r.value["correct"] == {practice.id: True} and r.value["score"] == 0
    assert text(content, "review.lesson_score", right=0, answered=0,
                total=sum(x.lesson == practice.lesson and x.scored for x in load_questions(content))) in r.read("score")
    r.set_language("zh")
    assert text(content, "review.practice_note", "zh") in r.feedback() and note not in r.feedback()
    r.answer(counted.id, right_answer(counted))
    assert text(content, "review.practice_note", "zh") not in r.feedback() and r.value["score"] == 1


def right_answer(q):
    return list(q.answer) if q.kind == "multiple" else q.answer


def test_navigation_buttons(content, tmp_path):
    r = review(content, tmp_path)
    assert "back" not in r.actions and "next" in r.actions
    r.next()
    assert r.current == r.question_ids[1]
    assert text(content, "review.question_of", n=2, total=len(r.question_ids)) in r.read("question")
    r.back()
    assert r.current == r.question_ids[0]
    r.go_to(r.question_ids[-1])
    assert "next" not in r.actions and "back" in r.actions
    for role in ("back", "next", "check"):
        description, tooltip = r.buttons[role]
        assert description and tooltip


def test_progress_survives_a_kernel_restart(content, tmp_path):
    first = review(content, tmp_path, learner=None)
    assert text(content, "progress.enter_name") in first.read("learner")
    first.enter_name("王芳")
    right, other = questions(content, "single")[:2]
    number = questions(content, "numeric")[0]
    first.answer(right.id, right.answer)
    first.answer(number.id, f"{number.answer:g}")
    first.answer(other.id, wrong(other))
    expected = dict(first.value)
    del first  # the kernel restarts: a new widget object, the same learner folder
    again = review(content, tmp_path, lang="zh")  # learner read from settings.json
    assert "王芳" in again.read("learner")
    assert again.value["answers"] == expected["answers"] and again.value["score"] == 2
    assert again.value["correct"] == {right.id: True, number.id: True, other.id: False}
    again.go_to(right.id)
    assert again.chosen(right.id) == right.answer and text(content, "common.correct", "zh") in again.feedback(right.id)
    with pytest.raises(ValueError, match="go_to"):
        again.feedback(number.id)  # only the question shown has feedback on screen


def test_corrupt_progress_file_is_moved_aside_with_a_message(content, tmp_path):
    p = Progress(tmp_path, learner="Li Ming")
    p.path.parent.mkdir(parents=True)
    p.path.write_text('{"format": "pi-lessons.progress.v1", "learn', encoding="utf-8")
    r = review(content, tmp_path, learner="Li Ming")
    moved = p.path.parent / f"{p.path.name}.corrupt-1"  # the file kept aside (tests/test_models_saving.py)

    def notice(lang):
        return text(content, "progress.moved_aside", lang, file=p.path.name, moved=moved,
                    reason=content.text("progress.reason_not_json", lang))
    assert notice("en") in r.read("notice")
    r.set_language("zh")
    assert notice("zh") in r.read("notice")
    r.answer("l1.q05", "no")
    assert json.loads(p.path.read_text(encoding="utf-8"))["exercises"]["lesson6.review"]["score"] == 1


def test_start_fresh_asks_first_then_erases(content, tmp_path):
    r = review(content, tmp_path, learner="Sun Li")
    r.answer("l1.q05", "no")
    r.start_fresh()
    assert text(content, "progress.confirm_question") in r.read("learner") and "start-fresh-confirm" in r.actions
    assert "start-fresh" not in r.actions
    r.cancel()
    assert r.value["answers"] == {"l1.q05": "no"} and Progress(tmp_path, learner="Sun Li").exercise("lesson5.review")
    assert "start-fresh-confirm" not in r.actions
    r.start_fresh()
    r.confirm()
    assert r.value["answers"] == {} and r.value["score"] == 0
    assert Progress(tmp_path, learner="Sun Li").exercise("lesson5.review")["answers"] == {}  # the first answers stay
    assert review(content, tmp_path, learner="Sun Li").value["answers"] == {}


def test_save_problem_is_shown_not_raised(content, tmp_path):
    (tmp_path / "learners").write_text("a file where the folder should be", encoding="utf-8")
    r = review(content, tmp_path, learner="Chen Jing")
    r.answer("l1.q05", "no")
    assert lead(content, "progress.cannot_save_kept") in r.read("notice") and r.value["score"] == 1


class Toy(ExerciseWidget):
    """A minimal exercise: saved progress must work for any exercise that follows the protocol."""

    TITLE_KEY = "common.course_title"
    EXERCISE_ID = "toy.one"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.model = ToyModel()
        self._answer = w.Dropdown(options=["", "a", "b"], value="")
        self._answer.observe(lambda change: self._rendering or self.answer("q", change["new"]), names="value")
        self._compose(self._answer)

    def answer(self, question_id, choice):
        self.model.answer(question_id, choice)
        self._update()

    def chosen(self, question_id):
        return self._answer.value

    def _render(self):
        self._answer.value = self.model.answers.get("q", "")


class ToyModel(Exercise):
    """One question whose right answer is "a"."""

    FEEDBACK_AT_ONCE = True
    question_ids = ["q"]

    def normalise(self, question_id, raw):
        return raw or None

    def is_correct(self, question_id, answer):
        return answer == "a"


def test_any_exercise_is_saved_and_restored(content, tmp_path):
    toy = Toy(content=content, lang="en", progress=Progress(tmp_path, learner="Zhou Jie"), remember_language=False)
    toy.answer("q", "a")
    again = Toy(content=content, lang="en", progress=Progress(tmp_path, learner="Zhou Jie"), remember_language=False)
    assert again.chosen("q") == "a" and again.value["score"] == 1
    assert "Zhou Jie" in again.read("learner") and "start-fresh" in again.actions  # the learner strip


def test_learner_widget(content, tmp_path):
    lw = Learner(content, lang="en", progress=Progress(tmp_path, learner=None), remember_language=False)
    assert text(content, "learner.nobody") in lw.read("learner") and lw.value["learner"] is None
    assert str(tmp_path) not in lw.read("intro") and text(content, "learner.where") in lw.read("intro")  # no path
    lw.enter_name("   ")
    assert text(content, "progress.bad_name", max=60) in lw.read("learner")
    lw.enter_name("Liu Yang")
    assert "Liu Yang" in lw.read("learner") and Progress(tmp_path).learner == "Liu Yang"
    review(content, tmp_path).answer("l1.q05", "no")
    lw2 = Learner(content, lang="zh", progress=Progress(tmp_path), remember_language=False)
    assert lw2.value == {"learner": "Liu Yang", "exercises": {"lesson6.review": [1, counted_total(content)]}}
    assert text(content, "learner.saved_exercises", "zh", list="\0").split("\0")[0] in lw2.read("saved")
    lw2.start_fresh()
    assert text(content, "learner.confirm_all", "zh", name="Liu Yang") in lw2.read("saved")
    lw2.confirm()
    # The first answers stay and still count: erasing is no way to a better first answer.
    assert lw2.value["exercises"] == {"lesson6.review": [1, counted_total(content)]}
    assert all(r["answers"] == {} for r in Progress(tmp_path).load().values())


# ---------------------------------------------------------------- the name strip beside a numeric answer box

def _numeric_id(content):
    return next(q.id for q in load_questions(content) if q.kind == "numeric")


def test_a_typed_numeric_answer_never_becomes_the_student_number(content, tmp_path):
    progress = Progress(tmp_path, learner=None)
    r = Review(content, lang="en", progress=progress, remember_language=False)
    qid = _numeric_id(content)
    r.answer(qid, "5000", check=False)  # typed into the answer box, not checked
    r.enter_name("Chen Jing")
    assert progress.learner == "Chen Jing" and progress.student_id is None
    other = Progress(tmp_path / "b", learner=None)
    r2 = Review(content, lang="en", progress=other, remember_language=False)
    r2.answer(qid, "5000", check=False)
    r2.enter_name("Chen Jing", "2024007")
    assert other.student_id == "2024007" and r2.chosen(qid) == "5000"


def test_numeric_questions_keep_their_box_after_sign_in(content, tmp_path):
    r = Review(content, lang="en", progress=Progress(tmp_path, learner=None), remember_language=False)
    qid = _numeric_id(content)
    r.go_to(qid)
    r.enter_name("Chen Jing", "2024007")
    r.answer(qid, "5000", check=False)
    assert "5000" in r.read("answer-number")  # shown: a hidden part reads as ""
    r.check()
    assert r.model.answers[qid] == 5000 and r.read("learner") and "2024007" in r.read("learner")


def test_the_learner_page_shows_the_counted_score(content, tmp_path):
    q = questions(content, "single")[0]
    r = review(content, tmp_path, learner="Practice Pang")
    r.answer(q.id, wrong(q))
    r.answer(q.id, q.answer)  # practice: the stored record's own score says 1
    assert Progress(tmp_path, learner="Practice Pang").exercise("lesson6.review")["score"] == 1
    page = Learner(content, lang="en", progress=Progress(tmp_path, learner="Practice Pang"), remember_language=False)
    assert page.value["exercises"]["lesson6.review"] == [0, counted_total(content)]


def test_the_learner_page_lists_an_unmarked_exercise_as_saved_not_as_zero_of_zero(content, tmp_path):
    from lessons.widgets.plan_checklist import ActionPlan

    plan = ActionPlan(content, lang="zh", progress=Progress(tmp_path, learner="Wu Di"), remember_language=False)
    plan.tick(plan.choices("leaked")[0][1])
    page = Learner(content, lang="zh", progress=Progress(tmp_path, learner="Wu Di"), remember_language=False)
    for lang in ("zh", "en"):
        page.set_language(lang)
        saved = text(content, "learner.exercise_saved", lang, exercise=title("lesson5.plan", lang))
        assert saved in page.read("saved")
        assert text(content, "learner.exercise_score", lang, exercise=title("lesson5.plan", lang), score=0,
                    total=0) not in page.read("saved")
