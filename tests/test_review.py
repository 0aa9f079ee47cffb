"""Lesson 5 review questions: content checks, answer parsing and checking, scores per lesson."""
import doctest
import shutil

import pytest

from lessons.classroom import review as rv
from lessons.content.course import load_content
from lessons.content.errors import ContentError


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture(scope="module")
def questions(content):
    return rv.load_questions(content)


def by_id(questions, qid):
    return next(q for q in questions if q.id == qid)


def test_doctests():
    assert doctest.testmod(rv).failed == 0


def test_at_least_twenty_questions_of_every_kind_across_the_lessons(questions):
    assert len(questions) >= 20
    assert {q.kind for q in questions} == set(rv.KINDS)
    assert {q.lesson for q in questions} == {1, 2, 3, 4, 5}  # 4: court cases; 5: the leak plan
    assert [q.lesson for q in questions] == sorted(q.lesson for q in questions)


def test_every_question_is_bilingual_and_cites_existing_clauses(questions, content):
    for q in questions:
        for text in (q.prompt, q.feedback, *(o.text for o in q.options)):
            assert text.en.strip() and text.zh.strip(), q.id
        assert q.clauses and all(c in content.provisions for c in q.clauses), q.id


@pytest.mark.parametrize("qid, expected", [
    ("l3.q01", "serious"),       # 60 movement tracks (item 3, >= 50)
    ("l3.q02", "especially"),    # 500 movement tracks (para. 2 item 3, 10 x 50)
    ("l3.q03", "serious"),       # 5,000 yuan gains (item 7)
    ("l3.q04", "serious"),       # insider, 25 pieces of 50-tier information (item 8, half)
    ("l4.q01", "call110"),       # money transferred: 110 at once, not 96110
    ("l4.q03", "12315"),
    ("l4.q04", "12377"),
    ("l4.q06", "company"),       # PIPL Art. 69 presumed fault
])
def test_solutions_agree_with_the_law(questions, qid, expected):
    assert by_id(questions, qid).answer == expected


def test_numeric_solutions(questions):
    assert by_id(questions, "l2.q05").answer == 500
    assert by_id(questions, "l3.q05").answer == 7
    assert by_id(questions, "l3.q07").answer == 2500


@pytest.mark.parametrize(
    "text, number", [("500", 500), (" 5,000 ", 5000), ("５００条", 500), ("0.5", 0.5), ("7 years", 7), ("-3", -3)]
)
def test_parse_number(text, number):
    assert rv.parse_number(text) == number


@pytest.mark.parametrize("text", ["", "abc", "5.0.0", "about 5", "1e9999x"])
def test_parse_number_rejects_non_numbers(text):
    with pytest.raises(rv.AnswerError):
        rv.parse_number(text)


def test_checking_each_kind(questions):
    single, multiple, numeric = by_id(questions, "l2.q01"), by_id(questions, "l2.q04"), by_id(questions, "l2.q06")
    assert rv.is_correct(single, "tier_50") and not rv.is_correct(single, "tier_500")
    assert rv.is_correct(multiple, ["property", "credit", "content", "tracks"])
    assert not rv.is_correct(multiple, ["tracks", "content", "credit"]), "a missing option is wrong"
    assert not rv.is_correct(multiple, ["tracks", "content", "credit", "property", "name"]), "an extra option is wrong"
    assert rv.is_correct(numeric, 1.0005) and not rv.is_correct(numeric, 1.01)
    assert not rv.is_correct(single, None)


def test_normalise_answers(questions):
    assert rv.normalise(by_id(questions, "l2.q04"), ["tracks", "content", "tracks"]) == ["content", "tracks"]
    assert rv.normalise(by_id(questions, "l2.q04"), []) is None
    assert rv.normalise(by_id(questions, "l2.q05"), "５００") == 500
    assert rv.normalise(by_id(questions, "l2.q05"), "  ") is None
    with pytest.raises(rv.AnswerError):
        rv.normalise(by_id(questions, "l2.q01"), "tier_7")


def test_mark_and_lesson_scores(questions):
    from lessons.classroom.exercise_models import ReviewModel
    from lessons.content.course import load_content

    practice = next(q for q in questions if q.lesson == 1 and not q.scored)
    right, wrong = [q for q in questions if q.lesson == 1 and q.scored and q.kind == "single"][:2]
    other = next(o.id for o in wrong.options if o.id != wrong.answer)
    answers = {practice.id: practice.answer, right.id: right.answer, wrong.id: other, "l2.q05": 500, "unknown": "x"}
    result = ReviewModel(load_content(), questions).mark(answers)
    correct, score = result.correct, result.score
    assert correct == {practice.id: True, right.id: True, wrong.id: False, "l2.q05": True} and score == 2
    per_lesson = rv.lesson_scores(questions, correct)  # the practice item is marked but not counted
    assert per_lesson[1][:2] == (1, 2) and per_lesson[2][:2] == (1, 1) and per_lesson[3][:2] == (0, 0)
    assert sum(n for _, _, n in per_lesson.values()) == sum(q.scored for q in questions) == result.total


def write(tmp_path, text):
    folder = tmp_path / "questions"
    folder.mkdir(exist_ok=True)
    (folder / "x.yaml").write_text(text, encoding="utf-8")
    return folder


GOOD = """
- id: t.q1
  lesson: 2
  kind: single
  about: {info_type: location_track, asks: tier}
  prompt: {en: "Which tier?", zh: "哪一档？"}
  options: [{id: tier_50, en: "50", zh: "50"}, {id: tier_500, en: "500", zh: "500"}]
  answer: ANSWER
  feedback: {en: "Because.", zh: "因为。"}
  clauses: [CLAUSE]
"""


def test_teacher_edited_file_loads(tmp_path, content):
    folder = write(tmp_path, GOOD.replace("ANSWER", "tier_50").replace("CLAUSE", "INT2017.a5.p1.i3"))
    assert [q.id for q in rv.load_questions(content, folder)] == ["t.q1"]


@pytest.mark.parametrize("answer, clause, problem", [
    ("tier_500", "INT2017.a5.p1.i3", "info_types.yaml gives location_track the tier"),
    ("tier_9", "INT2017.a5.p1.i3", "not one of the option ids"),
    ("tier_50", "PIPL.a999", "not in provisions/"),
])
def test_bad_question_files_give_one_line_errors(tmp_path, content, answer, clause, problem):
    folder = write(tmp_path, GOOD.replace("ANSWER", answer).replace("CLAUSE", clause))
    with pytest.raises(ContentError) as err:
        rv.load_questions(content, folder)
    assert problem in str(err.value) and "x.yaml" in str(err.value) and "\n" not in str(err.value)


def test_duplicate_ids_across_files_are_refused(tmp_path, content):
    folder = write(tmp_path, GOOD.replace("ANSWER", "tier_50").replace("CLAUSE", "INT2017.a5.p1.i3"))
    shutil.copy(folder / "x.yaml", folder / "y.yaml")
    with pytest.raises(ContentError, match="also used"):
        rv.load_questions(content, folder)


def test_empty_folder_is_an_error(tmp_path, content):
    with pytest.raises(ContentError, match="no question files"):
        rv.load_questions(content, tmp_path)
