"""One question at a time: the cards of the self-check, the labelling, the review and the case builder.

Answers, scores and saved progress are the same as with every question on screen; what changes is
that one card is shown, with Back, "3 of 14", Next and a menu to jump after it.
"""
import re

import ipywidgets as w
import pytest

from lessons.classroom import selfcheck as sc
from lessons.classroom.progress import Progress
from lessons.engine.report import text as engine_text
from lessons.widgets.controls import plain_text
from lessons.widgets.labelling import LabellingWidget
from lessons.widgets.plan_checklist import ActionPlan
from lessons.widgets.review_quiz import Review
from lessons.widgets.scenario_builder import BOOLS, NUMBERS, SECTIONS, ScenarioBuilderWidget
from lessons.widgets.selfcheck_quiz import SelfCheck
from lessons.widgets.stepper import StepperWidget

CONTROLS = (w.Dropdown, w.Text, w.Checkbox, w.RadioButtons, w.ToggleButtons)
PHONE_EM = 24  # 390 px at 16 px per em


def body(widget):
    """Every control under the exercise's own part (after the title row and the learner strip), the
    embedded stepper left out (it is a widget of its own)."""
    todo = list(widget.children[2:])
    while todo:
        node = todo.pop(0)
        if isinstance(node, StepperWidget):
            continue
        yield node
        todo[0:0] = list(getattr(node, "children", ()))


def t(content, key, lang="en", **values):
    """A course text as the page shows it: the tests follow the wording instead of copying it."""
    return plain_text(content.text(key, lang, **values))


@pytest.fixture
def quiz(content):
    return SelfCheck(content, lang="en", remember_language=False)


def test_selfcheck_shows_one_question_with_progress(quiz, content):
    n = len(quiz.question_ids)
    assert quiz.current == "q01" == quiz.model.position and n == 14
    assert quiz.read("progress") == t(content, "cards.question_progress", n=1, total=n)
    assert quiz.read("question") == quiz.question("q01")
    assert quiz.question("q02") not in quiz.read("question")
    assert "back" not in quiz.actions and "next" in quiz.actions
    quiz.next()
    assert quiz.current == "q02" == quiz.model.position
    assert quiz.read("progress") == t(content, "cards.question_progress", n=2, total=n)
    quiz.set_language("zh")
    assert quiz.read("progress") == t(content, "cards.question_progress", "zh", n=2, total=n) and quiz.current == "q02"
    quiz.back()
    assert quiz.current == "q01"
    quiz.go_to("q14")
    assert quiz.read("progress") == t(content, "cards.question_progress", "zh", n=14, total=n)
    assert "next" not in quiz.actions and "back" in quiz.actions
    with pytest.raises(ValueError, match="not available"):
        quiz.next()
    with pytest.raises(KeyError):
        quiz.go_to("q99")


def test_selfcheck_answering_another_question_shows_its_card(quiz, content):
    right = sc.solution(quiz.model.items["q07"], content)
    quiz.answer("q07", right)
    assert quiz.current == "q07" == quiz.model.position
    assert quiz.read("progress") == t(content, "cards.question_progress", n=7, total=14)
    correct = t(content, "common.correct")
    assert correct in quiz.read("feedback"), "the feedback is right under the options of the card shown"
    assert quiz.value == {"exercise": "lesson1.selfcheck", **quiz.model.record()}
    assert quiz.value["answers"] == {"q07": right} and quiz.value["score"] == 1
    assert quiz.read("question-select").endswith("7. " + t(content, "cards.answered"))
    quiz.go_to("q01")
    assert quiz.read("feedback") == "" and correct in quiz.feedback("q07")


def test_selfcheck_menu_marks_answered_questions(quiz, content):
    quiz.answer("q03", quiz.choices("q03")[1][1])
    assert quiz.read("question-select").endswith("3. " + t(content, "cards.answered"))
    quiz.next()
    assert quiz.read("question-select").endswith("4. " + t(content, "cards.open"))


@pytest.fixture
def labelling(content):
    return LabellingWidget(content, lang="en", remember_language=False)


def test_labelling_shows_one_column_per_card(labelling, content):
    first, second = [q for q in labelling.question_ids if q.startswith("shop_orders/")][:2]
    columns = len(labelling.model.question_ids_of("shop_orders"))
    assert labelling.current == first
    assert labelling.read("progress") == t(content, "cards.column_progress", n=1, total=columns)
    assert first.split("/")[1] in labelling.read("question") and second.split("/")[1] not in labelling.read("question")
    labelling.next()
    assert labelling.current == second
    assert labelling.read("progress") == t(content, "cards.column_progress", n=2, total=columns)
    labelling.answer("loan_applications/月收入", ["basic", "tier_50"])
    assert labelling.current == "loan_applications/月收入", "answering shows that table and column"
    labelling.check()
    assert "✓" in labelling.read("feedback") and labelling.value["answers"] == {
        "loan_applications/月收入": ["basic", "tier_50"]
    }
    labelling.choose("shop_orders")
    assert labelling.current == first, "another table starts at its first column"
    labelling.set_language("zh")
    assert labelling.read("progress") == t(content, "cards.column_progress", "zh", n=1, total=columns)
    for part in ("category", "tier"):
        assert labelling.read(f"label-{part}").startswith(t(content, f"labelling.{part}", "zh").rstrip("：:"))


def test_labelling_check_comes_with_the_card(labelling, content):
    labelling.answer("shop_orders/收货人", labelling.model.solution("shop_orders/收货人"))
    assert "check" in labelling.actions and labelling.read("feedback") == ""
    labelling.check()
    columns = len(labelling.model.question_ids_of("shop_orders"))
    assert t(content, "common.correct") in labelling.read("feedback")
    assert t(content, "labelling.table_score", correct=1, total=columns) in labelling.read("score")
    labelling.go_to("shop_orders/手机号")
    assert t(content, "labelling.unanswered") in labelling.read("feedback")


def test_review_progress_after_the_question(content, tmp_path):
    r = Review(content, lang="en", remember_language=False, progress=Progress(tmp_path, learner=None))
    total = len(r.question_ids)
    assert r.read("progress") == t(content, "cards.question_progress", n=1, total=total)
    r.next()
    assert r.read("progress") == t(content, "cards.question_progress", n=2, total=total)
    r.set_language("zh")
    assert r.read("progress") == t(content, "cards.question_progress", "zh", n=2, total=total)


def test_builder_groups_the_facts_in_parts(content):
    names = [n for part in SECTIONS.values() for n in part]
    b = ScenarioBuilderWidget(content=content, lang="en", remember_language=False)
    for name in names:
        b.chosen(name)  # every part names real facts
    every = {*NUMBERS, *BOOLS, "conduct", "prior_record", "consequences"}
    assert len(names) == len(set(names)) and set(names) == every, "every fact in exactly one part"
    parts = len(SECTIONS)
    assert b.section == "case" and b.read("progress") == t(content, "cards.section_progress", n=1, total=parts)
    assert b.read("fact-conduct") and b.read("fact-surrender") == "", "one part at a time"
    b.set_fact("surrender", "yes")
    assert b.section == "sentencing" and b.read("fact-surrender")
    assert b.read("progress") == t(content, "cards.section_progress", n=parts, total=parts)
    assert b.value["facts"] == {"surrender": True} and b.model.answers == {"surrender": "yes"}
    known = t(content, "scenario_builder.known", n=1, total=len(SECTIONS["sentencing"]))
    assert f"{parts}. {t(content, 'scenario_builder.section_sentencing')}" in b.read("section-select")
    assert known in b.read("section-select")
    with pytest.raises(ValueError, match="not available"):
        b.next()  # the last part; the stepper's own Next is another button
    b.back()
    assert b.section == "gains" and b.value["facts"] == {"surrender": True}
    b.go_to("case")
    assert "section-back" not in b.actions and "section-next" in b.actions
    b.set_language("zh")
    assert b.read("progress") == t(content, "cards.section_progress", "zh", n=1, total=parts)
    assert t(content, "scenario_builder.section_case", "zh") in b.read("section-title")


def test_builder_parts_keep_facts_value_and_verdict(content):
    b = ScenarioBuilderWidget(scenario="hospital_insider", content=content, lang="en", remember_language=False)
    before = b.value
    for _ in range(3):
        b.next()
    assert b.value == before and b.value["tier"] == "especially_serious"
    assert engine_text(content, "tier_especially_serious", "en") in b.read("verdict")


@pytest.mark.parametrize("make", [
    lambda c: SelfCheck(c, lang="zh", remember_language=False),
    lambda c: LabellingWidget(c, lang="zh", remember_language=False),
    lambda c: Review(c, lang="zh", remember_language=False),
    lambda c: ScenarioBuilderWidget(content=c, lang="zh", remember_language=False),
    lambda c: ActionPlan(c, lang="zh", remember_language=False),
])
def test_every_control_is_named_and_fits_a_phone(content, make):
    widget = make(content)
    nodes = list(body(widget))
    controls = [n for n in nodes if isinstance(n, CONTROLS)]
    assert controls
    for control in controls:
        if isinstance(control, w.Checkbox) and control.layout.display == "none":
            continue  # a spare box of a question with fewer options
        assert control.description, f"{type(control).__name__} without a name"
        assert not re.fullmatch(r"[\w.]+", control.description) or re.search(r"[\u4e00-\u9fff]", control.description), \
            f"{control.description!r}: a name in the learner's language, not an id"
    for node in nodes:
        width = getattr(getattr(node, "layout", None), "width", None) or ""
        em = re.fullmatch(r"([\d.]+)em", width)
        px = re.fullmatch(r"([\d.]+)px", width)
        assert not (em and float(em.group(1)) > PHONE_EM) and not (px and float(px.group(1)) > 390), \
            f"{type(node).__name__} is {width} wide: wider than a phone"
