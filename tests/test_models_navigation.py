"""One card at a time, as models without any widget: which card is shown, the walk's order and its bounds.

The navigation that test_widgets_cards.py (also the case builder's parts), test_widgets_lesson5.py and the
in-class check tests of test_released*.py drive through the widgets, here on the models, which now hold it
(``walk``, ``next``, ``back``, ``go_to``); the widget tests keep what is shown (the "3 of 14" line, the
menu, the buttons a learner can press).
"""
import pytest

from lessons.classroom import selfcheck as sc
from lessons.classroom.case_builder import BOOLS, NUMBERS, SECTIONS, CaseBuilder
from lessons.classroom.case_predictions import CasePredictions
from lessons.classroom.exercise_models import LabellingModel, ReviewModel, SelfCheckModel


@pytest.fixture
def selfcheck(content):
    return SelfCheckModel(content)


@pytest.fixture
def labelling(content):
    return LabellingModel(content)


def test_selfcheck_walks_every_question_without_wrapping(selfcheck):
    ids = selfcheck.question_ids
    assert len(ids) == 14 and selfcheck.order == ids
    assert selfcheck.position == "q01" and selfcheck.index == 0 and selfcheck.at_first and not selfcheck.at_last
    with pytest.raises(ValueError, match="first card"):
        selfcheck.back()
    assert selfcheck.position == "q01", "no wrapping to the last card"
    selfcheck.next()
    assert selfcheck.position == "q02" and selfcheck.index == 1 and not selfcheck.at_first
    selfcheck.back()
    assert selfcheck.position == "q01"
    selfcheck.go_to("q14")
    assert selfcheck.index == 13 and selfcheck.at_last and not selfcheck.at_first
    with pytest.raises(ValueError, match="last card"):
        selfcheck.next()
    assert selfcheck.position == "q14", "no wrapping to the first card"
    with pytest.raises(KeyError):
        selfcheck.go_to("q99")
    assert selfcheck.position == "q14" and selfcheck.order == ids


def test_moving_between_cards_keeps_answers_and_scores(selfcheck):
    right = sc.solution(selfcheck.items["q07"], selfcheck.content)
    selfcheck.go_to("q07")
    selfcheck.answer("q07", right)
    before = (selfcheck.record(), dict(selfcheck.first), list(selfcheck.shown))
    selfcheck.next()
    selfcheck.go_to("q01")
    selfcheck.walk(["q03", "q07"])
    assert (selfcheck.record(), dict(selfcheck.first), list(selfcheck.shown)) == before
    assert selfcheck.record()["answers"] == {"q07": right} and selfcheck.record()["score"] == 1


def test_an_in_class_check_is_walked_in_the_teachers_order(selfcheck):
    chosen = ["q05", "q02", "q09"]
    selfcheck.walk(chosen)
    assert selfcheck.order == chosen and selfcheck.position == "q05", "the check starts at its first question"
    selfcheck.next()
    assert selfcheck.position == "q02" and selfcheck.index == 1
    selfcheck.next()
    assert selfcheck.at_last
    with pytest.raises(ValueError, match="last card"):
        selfcheck.next()
    selfcheck.walk(["q09", "q05"])
    assert selfcheck.position == "q09" and selfcheck.index == 0, "the card shown stays when it is in the new walk"
    selfcheck.go_to("q01")  # the rest stays reachable: every question is walked
    assert selfcheck.position == "q01" and selfcheck.order == selfcheck.question_ids
    selfcheck.walk(chosen)
    assert selfcheck.position == "q05", "a card outside the check gives way to the check's first"


def test_walk_refuses_unknown_questions_and_an_empty_walk(selfcheck):
    selfcheck.walk(["q03", "q04"])
    for bad in (["q03", "q99"], []):
        with pytest.raises(KeyError):
            selfcheck.walk(bad)
        assert selfcheck.order == ["q03", "q04"] and selfcheck.position == "q03", "a refused walk changes nothing"
    selfcheck.walk()
    assert selfcheck.order == selfcheck.question_ids and selfcheck.position == "q03"


def test_labelling_walks_the_columns_of_the_table_shown(labelling):
    first, other = labelling.tables[:2]
    columns = labelling.question_ids_of(first)
    assert labelling.table == first and labelling.order == columns and labelling.position == columns[0]
    labelling.next()
    assert labelling.position == columns[1]
    labelling.go_to(columns[-1])
    assert labelling.at_last
    with pytest.raises(ValueError, match="last card"):
        labelling.next()
    there = labelling.question_ids_of(other)[2]
    labelling.go_to(there)
    assert labelling.table == other and labelling.position == there, "a column is shown with its table"
    assert labelling.order == labelling.question_ids_of(other) and labelling.index == 2
    labelling.choose_table(first)
    assert labelling.position == columns[0] and labelling.order == columns, "another table starts at its first column"
    with pytest.raises(KeyError):
        labelling.choose_table("no_such_table")
    with pytest.raises(KeyError):
        labelling.go_to(f"{first}/no_such_column")
    assert labelling.table == first and labelling.position == columns[0]


def test_labelling_check_walks_columns_across_tables(labelling):
    first, other = labelling.tables[:2]
    chosen = [labelling.question_ids_of(first)[1], labelling.question_ids_of(other)[0],
              labelling.question_ids_of(first)[2]]
    labelling.walk(chosen)
    assert labelling.position == chosen[0] and labelling.table == first, "the first column shown is not in the check"
    labelling.next()
    assert labelling.position == chosen[1] and labelling.table == other and labelling.order == chosen
    labelling.next()
    assert labelling.position == chosen[2] and labelling.table == first and labelling.at_last
    labelling.back()
    assert labelling.table == other
    labelling.go_to(labelling.question_ids_of(other)[1])  # outside the check: its whole table is walked
    assert labelling.order == labelling.question_ids_of(other) and labelling.index == 1


def test_review_walks_its_questions(content):
    model = ReviewModel(content)
    ids = model.question_ids
    assert model.at_first and not model.at_last and model.order == ids
    model.next()
    assert model.position == ids[1]
    model.back()
    assert model.position == ids[0]
    model.go_to(ids[-1])
    assert model.at_last and not model.at_first and model.index == len(ids) - 1
    with pytest.raises(ValueError, match="last card"):
        model.next()


def test_court_cases_walk_the_check_and_reach_the_rest():
    model = CasePredictions()
    ids = model.question_ids
    assert model.order == ids and model.position == ids[0]
    chosen = [ids[3], ids[1]]
    model.walk(chosen)
    assert model.position == ids[3] and model.order == chosen
    model.next()
    assert model.position == ids[1]
    model.go_to(ids[0])
    assert model.order == ids and model.position == ids[0]
    with pytest.raises(KeyError):
        model.go_to("no_such_case")


def test_builder_walks_the_parts_of_the_facts():
    model = CaseBuilder()
    names = [n for part in SECTIONS.values() for n in part]
    every = {*NUMBERS, *BOOLS, "conduct", "prior_record", "consequences"}
    assert len(names) == len(set(names)) and set(names) == every, "every fact in exactly one part"
    assert set(names) == set(model.fact_names), "every fact the model reads has a part"
    assert model.order == list(SECTIONS) and model.position == "case" and model.at_first
    model.show_part_of("surrender")
    model.answer("surrender", "yes")
    assert model.position == "sentencing" and model.at_last, "the part of the fact typed is shown"
    with pytest.raises(ValueError, match="last card"):
        model.next()
    model.back()
    assert model.position == "gains" and model.answers == {"surrender": "yes"}
    model.show_part_of("preset")  # not a fact of a part: the part shown stays
    assert model.position == "gains"
    model.go_to("case")
    assert model.at_first and not model.at_last
    with pytest.raises(KeyError):
        model.go_to("surrender")  # a fact, not a part


def test_builder_parts_keep_the_facts_and_the_verdict():
    model = CaseBuilder()
    model.choose("hospital_insider")
    before = model.record(), model.case_dict()
    for _ in range(3):
        model.next()
    assert (model.record(), model.case_dict()) == before and model.position == "sentencing"
    assert model.assessment().tier == "especially_serious"
