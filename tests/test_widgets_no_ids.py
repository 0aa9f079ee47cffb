"""Tables a learner or a teacher reads show words in one language, never the ids machines use.

Ids stay in the CSV and JSON exports (a gradebook import reads them); the screen shows "Lesson 1
self-check Q3", "serious circumstances", "2017 Interpretation Art. 5 para. 1 item 1".
"""
import re

import pytest

from lessons.classroom.class_summary import exercise_name
from lessons.classroom.progress import Progress
from lessons.engine.report import text as engine_text
from lessons.engine.scenarios import scenario_table
from lessons.widgets.class_summary_view import ClassSummaryView
from lessons.widgets.labelling import LabellingWidget
from lessons.widgets.review_quiz import Review
from lessons.widgets.selfcheck_quiz import SelfCheck

IDS = {
    "snake_case id (a tier, a fact, a table)": re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),
    "clause id": re.compile(r"\b[A-Z]{2,}[0-9]*(?:\.[a-z]*[0-9]+)+\b|\b[A-Z]{2,}[0-9]+\b"),
    "exercise id": re.compile(r"\blesson[0-9]\.[a-z]+\b"),
    "question id": re.compile(r"\b(?:l[0-9]\.)?q[0-9]{2}\b"),
}


def ids_in(text: str) -> list[str]:
    return [f"{kind}: {m.group(0)}" for kind, pattern in IDS.items() for m in pattern.finditer(text)]


@pytest.mark.parametrize("text, found", [
    ("especially_serious", 1), ("INT2017.a5.p1.i1", 1), ("GC192", 1), ("lesson5.review", 1), ("l1.q01", 1),
    ("q07", 1), ("shop_orders/手机号", 1),
    ("Lesson 6 review Q19: serious circumstances, 2017 Interpretation Art. 5 para. 1 item 1", 0),
    ("《解释》第五条第一款第（一）项 第3题", 0),
])
def test_the_id_patterns_find_ids_and_spare_words(text, found):
    assert len(ids_in(text)) == found, ids_in(text)


@pytest.mark.parametrize("lang", ["en", "zh", None])
def test_the_scenario_table_shows_no_ids(content, lang):
    rows = scenario_table(lang=lang, content=content)
    shown = "\n".join([*rows[0], *(str(v) for row in rows for v in row.values())])
    assert ids_in(shown) == []
    if lang is not None:  # the tier and the clause in the table's language, as the content words them
        assert engine_text(content, "tier_especially_serious", lang) in shown
        assert content.provisions["INT2017.a5.p1.i4"].cite(lang) in shown
    if lang == "zh":
        assert not re.search(r"[A-Za-z]{4}", shown), "a Chinese table speaks Chinese"
    elif lang == "en":
        assert not re.search(r"[\u4e00-\u9fff]", shown), "an English table speaks English"


@pytest.fixture
def class_folder(content, tmp_path):
    """Two learners' progress files from the real exercises: self-check, labelling and review answers."""
    for name, right in (("Li Lei", True), ("王芳", False)):
        progress = lambda name=name: Progress(tmp_path, learner=name)  # noqa: E731
        quiz = SelfCheck(content, lang="en", remember_language=False, progress=progress())
        quiz.answer("q01", "basic" if right else "device")
        quiz.answer("q07", "tier_50" if right else "tier_5000")
        labels = LabellingWidget(content, lang="en", remember_language=False, progress=progress())
        labels.answer("shop_orders/手机号", ["basic", "tier_5000"] if right else ["device", "tier_50"])
        labels.check()
        review = Review(content, lang="en", remember_language=False, progress=progress())
        review.answer("l1.q01", "account" if right else "basic")  # a practice item: never in the gradebook
        q = first_counted_single(review)
        review.answer(q.id, q.answer if right else next(o.id for o in q.options if o.id != q.answer))
    return tmp_path / "learners"


def first_counted_single(review):
    return next(q for q in review.model.questions.values() if q.scored and q.kind == "single")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_class_summary_shows_names_and_question_numbers(content, class_folder, lang):
    view = ClassSummaryView(content, lang=lang, folder=class_folder, remember_language=False)
    assert len(view.summary.learners) == 2 and not view.summary.skipped
    shown = view.read("summary")
    assert ids_in(shown) == []
    review = Review(content, lang=lang, remember_language=False)
    n = review.question_ids.index(first_counted_single(review).id) + 1  # its place as the learner sees it

    def question(exercise, number):  # how the summary names a question: the exercise's title and its number
        return f"{exercise_name(exercise, lang)} {content.text('class_summary.question_number', lang, n=number)}"

    assert question("lesson1.selfcheck", 7) in shown and question("lesson6.review", n) in shown
    assert question("lesson2.labelling", "\0").split("\0")[0] in shown and "手机号" in shown
    for practice in (question("lesson1.selfcheck", 1), question("lesson6.review", 1)):  # practice: not graded
        assert not re.search(re.escape(practice) + r"(?!\d)", shown)
    # The gradebook export keeps what machines read.
    assert "lesson1.selfcheck" in {e for e in view.value["exercises"]}
