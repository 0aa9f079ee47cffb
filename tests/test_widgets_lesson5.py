"""Lesson 5 review widget and saved progress (headless): answers, feedback, scores, kernel restart,
corrupt files, start fresh, the learner widget, and the protocol for any exercise."""
import json

import ipywidgets as w
import pytest

from lessons.content.course import load_content
from lessons.classroom.progress import Progress
from lessons.classroom.review import load_questions
from lessons.widgets.base import ExerciseWidget
from lessons.widgets.learner_panel import Learner
from lessons.widgets.review_quiz import Review


@pytest.fixture(scope="module")
def content():
    return load_content()


def review(content, folder, lang="en", learner=...):
    return Review(content, lang=lang, progress=Progress(folder, learner=learner), remember_language=False)


def test_no_solution_is_shown_before_answering(content, tmp_path):
    r = review(content, tmp_path)
    for qid in r.question_ids:
        r.go_to(qid)
        assert r.current == qid and r.html("feedback") == ""
        picker = r.read("question-select")
        assert "The answer" not in r.html("question") and "right" not in picker and "not answered" in picker
    assert r.value["answers"] == {} and r.value["score"] == 0 and r.value["total"] >= 20


def test_single_choice_feedback_and_score(content, tmp_path):
    r = review(content, tmp_path)
    r.answer("l3.q01", "serious")
    assert r.value["correct"] == {"l3.q01": True} and r.value["score"] == 1
    assert "Correct." in r.feedback() and "INT2017" not in r.html("feedback")
    assert "2017 Interpretation Art. 5 para. 1 item 3" in r.feedback()
    r.answer("l3.q02", "serious")
    assert r.value["correct"]["l3.q02"] is False and "Not quite." in r.feedback()
    assert "Especially serious circumstances" in r.feedback()


def test_multiple_choice_and_numeric(content, tmp_path):
    r = review(content, tmp_path)
    r.answer("l2.q04", ["tracks", "content", "credit", "property"])
    r.answer("l2.q05", "５００")
    r.answer("l3.q07", "250")
    assert r.value["answers"]["l2.q04"] == ["content", "credit", "property", "tracks"]
    assert r.value["correct"] == {"l2.q04": True, "l2.q05": True, "l3.q07": False}
    assert "2500" in r.feedback()


def test_bad_number_gives_a_message_not_an_answer(content, tmp_path):
    r = review(content, tmp_path)
    r.answer("l3.q05", "seven")
    assert "Please type a number" in r.feedback() and "l3.q05" not in r.value["answers"]
    r.go_to("l1.q01")
    r.check()
    assert "Choose or type an answer first" in r.feedback()


def test_changed_answer_is_flagged_until_checked_again(content, tmp_path):
    r = review(content, tmp_path)
    r.answer("l1.q01", "account")
    r.answer("l1.q01", "basic", check=False)
    assert r.chosen() == "basic" and "You changed your answer" in r.feedback()
    assert r.value["answers"]["l1.q01"] == "account", "only checked answers count"


def test_scores_per_lesson(content, tmp_path):
    r = review(content, tmp_path)
    r.answer("l1.q01", "account")
    r.answer("l1.q02", "basic")
    r.answer("l4.q03", "12315")
    assert "2 answered" in r.read("score") and "Total: 2 of" in r.read("score")
    r.set_language("zh")
    assert "第 1 课" in r.read("score") and "总分" in r.read("score") and "正确" in r.feedback()


def test_navigation_buttons(content, tmp_path):
    r = review(content, tmp_path)
    assert "back" not in r.actions and "next" in r.actions
    r.next()
    assert r.current == r.question_ids[1] and "Question 2 of" in r.read("question")
    r.back()
    assert r.current == r.question_ids[0]
    r.go_to(r.question_ids[-1])
    assert "next" not in r.actions and "back" in r.actions
    for role in ("back", "next", "check"):
        description, tooltip = r.buttons[role]
        assert description and tooltip


def test_progress_survives_a_kernel_restart(content, tmp_path):
    first = review(content, tmp_path, learner=None)
    assert "Enter your name" in first.read("learner")
    first.enter_name("王芳")
    first.answer("l2.q01", "tier_50")
    first.answer("l2.q06", "1")
    first.answer("l4.q02", "emergency")
    expected = dict(first.value)
    del first  # the kernel restarts: a new widget object, the same learner folder
    again = review(content, tmp_path, lang="zh")  # learner read from settings.json
    assert "王芳" in again.read("learner")
    assert again.value["answers"] == expected["answers"] and again.value["score"] == 2
    assert again.value["correct"] == {"l2.q01": True, "l2.q06": True, "l4.q02": False}
    again.go_to("l2.q01")
    assert again.chosen("l2.q01") == "tier_50" and "正确" in again.feedback("l2.q01")
    with pytest.raises(ValueError, match="go_to"):
        again.feedback("l2.q06")  # only the question shown has feedback on screen


def test_answers_given_before_the_name_are_kept(content, tmp_path):
    r = review(content, tmp_path, learner=None)
    r.answer("l1.q05", "no")
    r.enter_name("Zhao Lei")
    saved = Progress(tmp_path).exercise("lesson5.review")
    assert saved["answers"] == {"l1.q05": "no"} and saved["score"] == 1


def test_corrupt_progress_file_is_moved_aside_with_a_message(content, tmp_path):
    p = Progress(tmp_path, learner="Li Ming")
    p.path.parent.mkdir(parents=True)
    p.path.write_text('{"format": "pi-lessons.progress.v1", "learn', encoding="utf-8")
    r = review(content, tmp_path, learner="Li Ming")
    assert "could not be used" in r.read("notice") and ".corrupt-1" in r.read("notice")
    r.set_language("zh")
    assert "无法使用" in r.read("notice")
    r.answer("l1.q05", "no")
    assert (p.path.parent / f"{p.path.name}.corrupt-1").read_text(encoding="utf-8").endswith('"learn')
    assert json.loads(p.path.read_text(encoding="utf-8"))["exercises"]["lesson5.review"]["score"] == 1


def test_start_fresh_asks_first_then_erases(content, tmp_path):
    r = review(content, tmp_path, learner="Sun Li")
    r.answer("l1.q05", "no")
    r.start_fresh()
    assert "cannot be undone" in r.read("learner") and "start-fresh-confirm" in r.actions
    assert "start-fresh" not in r.actions
    r.cancel()
    assert r.value["answers"] == {"l1.q05": "no"} and Progress(tmp_path, learner="Sun Li").exercise("lesson5.review")
    assert "start-fresh-confirm" not in r.actions
    r.start_fresh()
    r.confirm()
    assert r.value["answers"] == {} and r.value["score"] == 0
    assert Progress(tmp_path, learner="Sun Li").exercise("lesson5.review") is None
    assert review(content, tmp_path, learner="Sun Li").value["answers"] == {}


def test_save_problem_is_shown_not_raised(content, tmp_path):
    (tmp_path / "learners").write_text("a file where the folder should be", encoding="utf-8")
    r = review(content, tmp_path, learner="Chen Jing")
    r.answer("l1.q05", "no")
    assert "could not be saved" in r.read("notice") and r.value["score"] == 1


class Toy(ExerciseWidget):
    """A minimal exercise: saved progress must work for any exercise that follows the protocol."""

    TITLE_KEY = "common.course_title"
    EXERCISE_ID = "toy.one"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._answer = w.Dropdown(options=["", "a", "b"], value="")
        self._answer.observe(lambda _: self._update(), names="value")
        self._compose(self._answer)

    def restore(self, answers):
        self._answer.value = answers.get("q", "")
        self._update()

    def answer(self, question_id, choice):
        assert question_id == "q"
        self._answer.value = choice

    def chosen(self, question_id):
        return self._answer.value

    def _render(self):
        answers = {"q": self._answer.value} if self._answer.value else {}
        correct = {"q": self._answer.value == "a"} if answers else {}
        self.value = {"exercise": self.EXERCISE_ID, "answers": answers, "correct": correct,
                      "score": sum(correct.values()), "total": 1}


def test_any_exercise_is_saved_and_restored(content, tmp_path):
    toy = Toy(content=content, lang="en", progress=Progress(tmp_path, learner="Zhou Jie"), remember_language=False)
    toy.answer("q", "a")
    again = Toy(content=content, lang="en", progress=Progress(tmp_path, learner="Zhou Jie"), remember_language=False)
    assert again.chosen("q") == "a" and again.value["score"] == 1
    assert "Zhou Jie" in again.read("learner") and "start-fresh" in again.actions  # the learner strip


def test_learner_widget(content, tmp_path):
    lw = Learner(content, lang="en", progress=Progress(tmp_path, learner=None), remember_language=False)
    assert "No name entered yet" in lw.read("learner") and lw.value["learner"] is None
    assert str(tmp_path) not in lw.read("intro") and "come back when you reopen" in lw.read("intro")  # no server path
    lw.enter_name("   ")
    assert "Please enter a name" in lw.read("learner")
    lw.enter_name("Liu Yang")
    assert "Liu Yang" in lw.read("learner") and Progress(tmp_path).learner == "Liu Yang"
    review(content, tmp_path).answer("l1.q05", "no")
    lw2 = Learner(content, lang="zh", progress=Progress(tmp_path), remember_language=False)
    assert lw2.value == {"learner": "Liu Yang", "exercises": {"lesson5.review": [1, len(load_questions(content))]}}
    assert "已保存的练习" in lw2.read("saved")
    lw2.start_fresh()
    assert "确定清除" in lw2.read("saved")
    lw2.confirm()
    assert lw2.value["exercises"] == {} and Progress(tmp_path).load() == {}
