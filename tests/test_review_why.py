"""Per-option explanations (`why`) in the review questions: optional, bilingual, and given for every wrong option
of the application questions of Lesson 4; old questions without them still load."""
import shutil

import pytest

from lessons.classroom import review as rv
from lessons.content.errors import ContentError

QUESTIONS = rv.QUESTIONS_DIR


def test_lesson4_items_explain_every_wrong_option(content):
    # The "l4c." items: some test Lesson 3's law and now say `lesson: 3`, so they are picked by id.
    items = [q for q in rv.load_questions(content) if q.id.startswith("l4c.")]
    assert len(items) >= 12
    for q in items:
        wrong = [o for o in q.options if o.id != q.answer]
        assert wrong and all(o.why is not None and o.why.en and o.why.zh for o in wrong), q.id
        right = q.option(q.answer)
        assert right.why is None, q.id  # the feedback explains the right answer


def test_questions_without_why_still_load(content):
    old = next(q for q in rv.load_questions(content) if q.id == "l1.q01")
    assert all(o.why is None for o in old.options)


def test_a_why_without_chinese_is_named(content, tmp_path):
    folder = tmp_path / "questions"
    shutil.copytree(QUESTIONS, folder)
    path = folder / "lesson4.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("why: {en: \"Below", "why: {xx: \"Below", 1), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        rv.load_questions(content, folder)
    assert "'why'" in str(exc.value) and "l4c.q01" in str(exc.value)


def test_at_least_half_of_all_scored_items_apply_the_law(content):
    from lessons.classroom.selfcheck import load_items

    review = rv.load_questions(content)
    applied = sum(q.skill == "apply" for q in review)  # the self-check items all ask for recall
    total = len(review) + len(load_items(content))
    assert applied * 2 >= total, f"{applied} of {total} items apply a rule"


def test_every_application_item_explains_each_wrong_option(content):
    for q in rv.load_questions(content):
        if q.skill == "apply" and q.kind == "single":
            wrong = [o for o in q.options if o.id != q.answer]
            assert all(o.why is not None for o in wrong), q.id


def test_an_unknown_skill_is_named(content, tmp_path):
    folder = tmp_path / "questions"
    shutil.copytree(QUESTIONS, folder)
    path = folder / "lesson3.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("skill: apply", "skill: applied", 1), encoding="utf-8")
    with pytest.raises(ContentError, match="skill"):
        rv.load_questions(content, folder)
