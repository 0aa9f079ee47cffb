"""The Lesson 1 self-check draws the question shown into one card: one set of widget models, not one per question.

Every widget model is a message when the page opens (forty learners at once on a class server, a browser
kernel on the static site); the learner still sees and does the same: the answer kept between cards, the
menu named by its question, the controls named ``pi-answer-<id>`` / ``pi-feedback-<id>`` for the browser.
"""
import ipywidgets as w
import pytest

from lessons.classroom import selfcheck as sc
from lessons.widgets.selfcheck_quiz import SelfCheck


def models_made(make) -> int:
    """How many widget models (Layout and Style models included) ``make()`` constructs."""
    made: list[w.Widget] = []
    w.Widget.on_widget_constructed(made.append)
    try:
        make()
    finally:
        w.Widget.on_widget_constructed(None)
    return len(made)


def classes(widget) -> list[str]:
    return list(widget.get_state()["_dom_classes"])


def controls(widget):
    todo = list(widget.children)
    while todo:
        node = todo.pop(0)
        yield node
        todo[0:0] = list(getattr(node, "children", ()))


def the_menu(quiz) -> w.Dropdown:
    return next(c for c in controls(quiz) if isinstance(c, w.Dropdown) and "pi-answer" in classes(c))


@pytest.fixture
def quiz(content):
    return SelfCheck(content, lang="en", remember_language=False)


def test_the_questions_cost_no_widget_models_each(content):
    quiz: list[SelfCheck] = []
    made = models_made(lambda: quiz.append(SelfCheck(content, lang="en", remember_language=False)))
    # One card: prompt, menu and feedback are nine models; one set per question was 126 for 14 questions.
    assert len(quiz[0].question_ids) == 14 and made < 3 * 3 * len(quiz[0].question_ids)
    moved = models_made(lambda: [quiz[0].next() for _ in range(3)] + [quiz[0].set_language("zh")])
    assert moved == 0  # moving between cards and switching the language redraw the same models


def test_the_card_is_named_for_the_question_shown(quiz):
    assert quiz.read("answer-q01") == quiz.read("answer") and "answer-q02" not in " ".join(classes(the_menu(quiz)))
    quiz.go_to("q03")
    assert "pi-answer-q03" in classes(the_menu(quiz)) and "pi-answer-q01" not in classes(the_menu(quiz))
    with pytest.raises(KeyError):
        quiz.read("feedback-q01")  # no control of the card carries another question's name
    assert quiz.read("feedback-q03") == ""
    assert the_menu(quiz).description == quiz.question("q03").split(" ", 1)[1]  # named by its question


def test_a_learners_pick_is_kept_and_moving_is_no_answer(quiz, content):
    menu = the_menu(quiz)
    first = quiz.model.items["q01"]
    pick = sc.choices(first)[0]
    menu.value = pick  # as the browser does: the learner picks in the shown menu
    assert quiz.chosen("q01") == pick and quiz.feedback("q01") != ""
    quiz.next()
    assert menu.value == "" and quiz.chosen("q02") == "" and quiz.feedback("q02") == ""
    assert set(quiz.value["answers"]) == {"q01"}  # the menu's options and value set by the render answer nothing
    assert list(menu.options) == quiz.choices("q02")
    quiz.back()
    assert menu.value == pick and quiz.read("feedback-q01") == quiz.feedback("q01") != ""
    assert set(quiz.value["answers"]) == {"q01"}
