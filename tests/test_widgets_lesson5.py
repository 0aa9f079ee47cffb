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
        r._go(r.question_ids.index(qid))
        assert r._feedback.value == ""
        assert "The answer" not in r._prompt.value and "right" not in r._where.label
    assert r.value["answers"] == {} and r.value["score"] == 0 and r.value["total"] >= 20


def test_single_choice_feedback_and_score(content, tmp_path):
    r = review(content, tmp_path)
    r.answer("l3.q01", "serious")
    assert r.value["correct"] == {"l3.q01": True} and r.value["score"] == 1
    assert "Correct." in r._feedback.value and "INT2017" not in r._feedback.value
    assert "2017 Interpretation Art. 5 para. 1 item 3" in r._feedback.value
    r.answer("l3.q02", "serious")
    assert r.value["correct"]["l3.q02"] is False and "Not quite." in r._feedback.value
    assert "Especially serious circumstances" in r._feedback.value


def test_multiple_choice_and_numeric(content, tmp_path):
    r = review(content, tmp_path)
    r.answer("l2.q04", ["tracks", "content", "credit", "property"])
    r.answer("l2.q05", "５００")
    r.answer("l3.q07", "250")
    assert r.value["answers"]["l2.q04"] == ["content", "credit", "property", "tracks"]
    assert r.value["correct"] == {"l2.q04": True, "l2.q05": True, "l3.q07": False}
    assert "2500" in r._feedback.value


def test_bad_number_gives_a_message_not_an_answer(content, tmp_path):
    r = review(content, tmp_path)
    r.answer("l3.q05", "seven")
    assert "Please type a number" in r._feedback.value and "l3.q05" not in r.value["answers"]
    r._go(r.question_ids.index("l1.q01"))
    r._check.click()
    assert "Choose or type an answer first" in r._feedback.value


def test_changed_answer_is_flagged_until_checked_again(content, tmp_path):
    r = review(content, tmp_path)
    r.answer("l1.q01", "account")
    r._single.value = "basic"
    assert "You changed your answer" in r._feedback.value
    assert r.value["answers"]["l1.q01"] == "account", "only checked answers count"


def test_scores_per_lesson(content, tmp_path):
    r = review(content, tmp_path)
    r.answer("l1.q01", "account")
    r.answer("l1.q02", "basic")
    r.answer("l4.q03", "12315")
    assert "2 answered" in r._scores.value and "Total: 2 of" in r._scores.value
    r.lang = "zh"
    assert "第 1 课" in r._scores.value and "总分" in r._scores.value and "正确" in r._feedback.value


def test_navigation_buttons(content, tmp_path):
    r = review(content, tmp_path)
    assert r._prev.disabled and not r._next.disabled
    r._next.click()
    assert r._where.value == 1 and "Question 2 of" in r._prompt.value
    r._where.value = len(r.question_ids) - 1
    assert r._next.disabled
    for b in (r._prev, r._next, r._check):
        assert b.description and b.tooltip


def test_progress_survives_a_kernel_restart(content, tmp_path):
    first = review(content, tmp_path, learner=None)
    assert "Enter your name" in first._who.value
    first._name.value = "王芳"
    first._use_name.click()
    first.answer("l2.q01", "tier_50")
    first.answer("l2.q06", "1")
    first.answer("l4.q02", "emergency")
    expected = dict(first.value)
    del first  # the kernel restarts: a new widget object, the same learner folder
    again = review(content, tmp_path, lang="zh")  # learner read from settings.json
    assert "王芳" in again._who.value
    assert again.value["answers"] == expected["answers"] and again.value["score"] == 2
    assert again.value["correct"] == {"l2.q01": True, "l2.q06": True, "l4.q02": False}
    again._go(again.question_ids.index("l2.q01"))
    assert again._single.value == "tier_50" and "正确" in again._feedback.value


def test_answers_given_before_the_name_are_kept(content, tmp_path):
    r = review(content, tmp_path, learner=None)
    r.answer("l1.q05", "no")
    r._name.value = "Zhao Lei"
    r._use_name.click()
    saved = Progress(tmp_path).exercise("lesson5.review")
    assert saved["answers"] == {"l1.q05": "no"} and saved["score"] == 1


def test_corrupt_progress_file_is_moved_aside_with_a_message(content, tmp_path):
    p = Progress(tmp_path, learner="Li Ming")
    p.path.parent.mkdir(parents=True)
    p.path.write_text('{"format": "pi-lessons.progress.v1", "learn', encoding="utf-8")
    r = review(content, tmp_path, learner="Li Ming")
    assert "could not be used" in r._notice.value and ".corrupt-1" in r._notice.value
    r.lang = "zh"
    assert "无法使用" in r._notice.value
    r.answer("l1.q05", "no")
    assert (p.path.parent / f"{p.path.name}.corrupt-1").read_text(encoding="utf-8").endswith('"learn')
    assert json.loads(p.path.read_text(encoding="utf-8"))["exercises"]["lesson5.review"]["score"] == 1


def test_start_fresh_asks_first_then_erases(content, tmp_path):
    r = review(content, tmp_path, learner="Sun Li")
    r.answer("l1.q05", "no")
    r._fresh.click()
    assert "cannot be undone" in r._who.value and r._confirm.layout.display is None
    r._cancel.click()
    assert r.value["answers"] == {"l1.q05": "no"} and Progress(tmp_path, learner="Sun Li").exercise("lesson5.review")
    r._fresh.click()
    r._confirm.click()
    assert r.value["answers"] == {} and r.value["score"] == 0
    assert Progress(tmp_path, learner="Sun Li").exercise("lesson5.review") is None
    assert review(content, tmp_path, learner="Sun Li").value["answers"] == {}


def test_save_problem_is_shown_not_raised(content, tmp_path):
    (tmp_path / "learners").write_text("a file where the folder should be", encoding="utf-8")
    r = review(content, tmp_path, learner="Chen Jing")
    r.answer("l1.q05", "no")
    assert "could not be saved" in r._notice.value and r.value["score"] == 1


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

    def _render(self):
        answers = {"q": self._answer.value} if self._answer.value else {}
        correct = {"q": self._answer.value == "a"} if answers else {}
        self.value = {"exercise": self.EXERCISE_ID, "answers": answers, "correct": correct,
                      "score": sum(correct.values()), "total": 1}


def test_any_exercise_is_saved_and_restored(content, tmp_path):
    toy = Toy(content=content, lang="en", progress=Progress(tmp_path, learner="Zhou Jie"), remember_language=False)
    toy._answer.value = "a"
    again = Toy(content=content, lang="en", progress=Progress(tmp_path, learner="Zhou Jie"), remember_language=False)
    assert again._answer.value == "a" and again.value["score"] == 1
    assert "pi-learner-strip" in again.children[1]._dom_classes


def test_learner_widget(content, tmp_path):
    lw = Learner(content, lang="en", progress=Progress(tmp_path, learner=None), remember_language=False)
    assert "No name entered yet" in lw._who.value and lw.value["learner"] is None
    assert str(tmp_path) in lw._intro.value
    lw._name.value = "   "
    lw._use.click()
    assert "Please enter a name" in lw._who.value
    lw._name.value = "Liu Yang"
    lw._use.click()
    assert "Liu Yang" in lw._who.value and Progress(tmp_path).learner == "Liu Yang"
    review(content, tmp_path).answer("l1.q05", "no")
    lw2 = Learner(content, lang="zh", progress=Progress(tmp_path), remember_language=False)
    assert lw2.value == {"learner": "Liu Yang", "exercises": {"lesson5.review": [1, len(load_questions(content))]}}
    assert "已保存的练习" in lw2._saved.value
    lw2._erase.click()
    assert "确定清除" in lw2._saved.value
    lw2._confirm.click()
    assert lw2.value["exercises"] == {} and Progress(tmp_path).load() == {}
