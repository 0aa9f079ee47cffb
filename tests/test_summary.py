"""Class summary: aggregation of progress files, skipped files, the chart, and the teacher's view."""
import json

import pytest

from lessons.classroom.review import load_questions

from lessons.content.course import load_content
from lessons.content.errors import LessonsError
from lessons.classroom.progress import FORMAT, Progress
from lessons.classroom.class_summary import bar_chart_svg, summarise, to_csv
from lessons.content.files import terminal_safe as printable
from lessons.classroom.grading import AnswerKeys, KeyQuestion, load_answer_keys
from lessons.content.text import Text
from lessons.widgets.class_summary_view import EXAMPLE_DIR, ClassSummaryView


@pytest.fixture(scope="module")
def content():
    return load_content()


def _q(exercise, qid):
    return KeyQuestion(exercise, qid, Text(en=f"Question {qid}?", zh=f"问题 {qid}？"), Text(en="Art. 1", zh="第一条"),
                       lambda a: a == "right", lambda a, lang: f"<{a}>")


# A toy course: e1 has four questions, e2 one; the answer "right" is right everywhere.
KEYS = AnswerKeys({"e1": {q: _q("e1", q) for q in ("q1", "q2", "q3", "q4")}, "e2": {"q1": _q("e2", "q1")}})


def record(correct, total=None):
    """A record whose stored score agrees with the toy keys."""
    return {"answers": {q: "right" if ok else "wrong" for q, ok in correct.items()}, "correct": correct,
            "score": sum(correct.values()), "total": total or len(correct), "updated": "2025-03-01T10:00:00+00:00"}


def write(folder, name, exercises, file=None):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (file or f"{name}.json")
    path.write_text(json.dumps({"format": FORMAT, "learner": name, "exercises": exercises}), encoding="utf-8")
    return path


def test_shipped_example_folder(content):
    s = summarise(EXAMPLE_DIR)
    assert len(s.learners) == 8 and s.exercises == ["lesson6.review"]
    assert {k.reason for k in s.skipped} == {"not_json", "foreign"} and len(s.skipped) == 2
    review = sum(q.scored for q in load_questions(content))  # practice items are not graded
    assert all(r.scores["lesson6.review"][1] == review > 26 and not r.flags for r in s.learners)
    assert all(r.total == load_answer_keys(content).course_total for r in s.learners)
    assert s.most_missed() and s.most_missed()[0].rate <= s.most_missed()[-1].rate


def test_an_answered_practice_item_is_neither_graded_nor_flagged(tmp_path, content):
    keys = load_answer_keys(content)
    questions = load_questions(content)
    practice = next(q for q in questions if not q.scored)
    scored = next(q for q in questions if q.scored and q.kind == "single")
    answers = {practice.id: practice.answer, scored.id: scored.answer}
    write(tmp_path, "A", {"lesson6.review": {"answers": answers, "correct": {practice.id: True, scored.id: True},
                                             "score": 1, "total": keys.total("lesson6.review")}})
    [row] = summarise(tmp_path, keys).learners
    assert row.scores["lesson6.review"] == (1, keys.total("lesson6.review")) and row.flags == ()
    assert [q.question for q in summarise(tmp_path, keys).questions] == [scored.id]


def test_scores_and_correct_rates(tmp_path):
    write(tmp_path, "A", {"e1": record({"q1": True, "q2": False}, 4), "e2": record({"q1": True})})
    write(tmp_path, "B", {"e1": record({"q1": False, "q2": False}, 4)})
    s = summarise(tmp_path, KEYS)
    rows = {r.learner: r for r in s.learners}
    assert rows["A"].scores == {"e1": (1, 4), "e2": (1, 1)} and (rows["A"].score, rows["A"].total) == (2, 5)
    assert (rows["B"].score, rows["B"].total) == (0, 5)  # everyone is graded out of the whole course
    stats = {q.id: (q.answered, q.correct) for q in s.questions}
    assert stats == {"e1/q1": (2, 1), "e1/q2": (2, 0), "e2/q1": (1, 1)}
    assert [q.id for q in s.most_missed()] == ["e1/q2", "e1/q1"]


def test_bad_files_are_skipped_never_fatal(tmp_path):
    write(tmp_path, "A", {"e1": record({"q1": True})})
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00")
    (tmp_path / ".hidden.json").write_text("{", encoding="utf-8")
    s = summarise(tmp_path, KEYS)
    assert [r.learner for r in s.learners] == ["A"]
    assert {(k.file, k.reason) for k in s.skipped} == {
        ("broken.json", "not_json"), ("notes.txt", "not_json"), ("binary.json", "unreadable")}


def test_files_in_subfolders_and_duplicates(tmp_path):
    write(tmp_path / "old", "王芳", {"e1": record({"q1": False})})
    newer = record({"q1": True})
    newer["updated"] = "2025-04-01T10:00:00+00:00"
    write(tmp_path / "new", "王芳", {"e1": newer})
    s = summarise(tmp_path, KEYS)
    assert [(r.file, r.score) for r in s.learners] == [("new/王芳.json", 1), ("old/王芳.json", 0)]  # side by side
    assert all("duplicate" in r.flags for r in s.learners) and s.skipped == ()


def test_learner_folder_layout_works_directly(tmp_path):
    Progress(tmp_path, learner="Li Ming").save("e", record({"q": True}))
    assert [r.learner for r in summarise(tmp_path, KEYS).learners] == ["Li Ming"]


def test_empty_folder(tmp_path):
    s = summarise(tmp_path, KEYS)
    assert s.empty and s.questions == () and s.skipped == ()
    assert s.to_dict()["learners"] == []


def test_bad_folders_raise_one_line(tmp_path):
    with pytest.raises(LessonsError, match="no such folder"):
        summarise(tmp_path / "missing")
    (tmp_path / "f.json").write_text("{}", encoding="utf-8")
    with pytest.raises(LessonsError, match="is a file"):
        summarise(tmp_path / "f.json")


def test_json_form_is_versioned(tmp_path):
    write(tmp_path, "A", {"e1": record({"q1": True, "q2": False})})
    d = summarise(tmp_path, KEYS, due=None).to_dict()
    assert d["format"] == "pi-lessons.class-summary.v1"
    assert d["learners"][0] == {"learner": "A", "file": "A.json", "score": 1, "total": 5,
                                "exercises": {"e1": {"score": 1, "total": 4}}, "student_id": None, "stored_score": 1,
                                "flags": ["score_mismatch"], "last_activity": "2025-03-01T10:00:00+00:00",
                                "handed_in": None, "late": False, "practice": 0}
    assert d["most_missed"] == [{"exercise": "e1", "question": "q2", "answered": 1, "correct": 0, "rate": 0.0,
                                 "text": {"en": "Question q2?", "zh": "问题 q2？"},
                                 "concept": {"en": "Art. 1", "zh": "第一条"},
                                 "wrong_answer": {"en": "<wrong>", "zh": "<wrong>"}, "wrong_count": 1,
                                 "number": 2}]  # q2 is the exercise's second question: "Q2" on screen
    json.dumps(d)


def test_chart_is_inline_svg_with_one_bar_per_item():
    svg = bar_chart_svg([("q<1>", 0.25), ("q2", 1.0)], "Rates & more")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<rect") == 4 and "q&lt;1&gt;" in svg and "Rates &amp; more" in svg
    assert "width='75.0'" in svg and "width='300.0'" in svg and "25%" in svg


@pytest.mark.parametrize("lang, word", [("en", "Most-missed questions"), ("zh", "错误最多的题目")])
def test_view_shows_tables_chart_and_skipped(content, lang, word):
    v = ClassSummaryView(content, lang=lang, remember_language=False)
    html = v.html("summary")
    assert word in html and "<svg" in html and "pi-summary-skipped" in html and "gradebook-export.json" in html
    assert v.value["format"] == "pi-lessons.class-summary.v1" and len(v.value["learners"]) == 8


def test_view_switches_language(content):
    v = ClassSummaryView(content, lang="en", remember_language=False)
    v.lang = "zh"
    assert "跳过的文件" in v.read("summary") and "学生" in v.read("summary")


def test_view_reports_bad_and_empty_folders(content, tmp_path):
    v = ClassSummaryView(content, lang="en", folder=tmp_path / "missing", remember_language=False)
    assert "There is no folder" in v.read("summary") and "error" in v.value
    v.load(tmp_path)
    assert "No progress files in" in v.read("summary")
    v.set_language("zh")
    assert "中没有进度文件" in v.read("summary")


# ---------------------------------------------------------------- trustworthy scores

def test_a_hand_edited_file_does_not_raise_its_score(tmp_path, content):
    """The issue's tamper case: a file claiming full marks with wrong answers scores what its answers earn."""
    keys = load_answer_keys(content)
    review = keys.exercises["lesson6.review"]
    answers = {qid: "zzz" for qid in review}
    forged = {"answers": answers, "correct": {q: True for q in review}, "score": len(review), "total": len(review),
              "updated": "2025-03-01T10:00:00+00:00"}
    write(tmp_path, "Mallory", {"lesson6.review": forged})
    honest = Progress(tmp_path, learner="Li Ming")
    first = next(iter(review))
    honest.save("lesson6.review", {"answers": {}, "correct": {}, "score": 0, "total": len(review)})
    [row] = [r for r in summarise(tmp_path).learners if r.learner == "Mallory"]
    assert row.score == 0 and row.stored_score == len(review) and "score_mismatch" in row.flags
    assert first in review


def test_huge_scores_and_bad_dates_are_not_believed(tmp_path):
    rec = record({"q1": True})
    rec.update(score=1_000_000, total=1_000_000, updated="9999-12-31")
    write(tmp_path, "王芳", {"e1": rec}, file="forged.json")
    real = record({"q1": True, "q2": True})
    write(tmp_path, "王芳", {"e1": real}, file="real.json")
    other = record({"q1": True})
    other["updated"] = 17
    write(tmp_path, "Li", {"e1": other}, file="number-date.json")
    s = summarise(tmp_path, KEYS)
    rows = {r.file: r for r in s.learners}
    assert set(rows) == {"forged.json", "real.json", "number-date.json"}  # nothing displaced, nothing crashed
    assert rows["forged.json"].score == 1
    assert {"score_mismatch", "future_date", "duplicate"} <= set(rows["forged.json"].flags)
    assert rows["real.json"].score == 2 and rows["real.json"].last_activity == "2025-03-01T10:00:00+00:00"
    assert "bad_date" in rows["number-date.json"].flags


def test_first_answer_counts_and_retries_are_practice(tmp_path):
    p = Progress(tmp_path, learner="Zhou Jie")
    p.save("e1", {"answers": {"q1": "wrong"}, "correct": {"q1": False}, "score": 0, "total": 4})
    p.save("e1", {"answers": {"q1": "right"}, "correct": {"q1": True}, "score": 1, "total": 4})
    [row] = summarise(tmp_path, KEYS).learners
    assert row.score == 0 and row.practice == 1
    [row] = summarise(tmp_path, KEYS, retries_count=True).learners
    assert row.score == 1


def test_answers_before_the_feedback_is_shown_are_not_retries(tmp_path):
    p = Progress(tmp_path, learner="Zhou Jie")
    p.save("e1", {"answers": {"q1": "wrong"}, "correct": {"q1": False}, "score": 0, "total": 4}, shown=[])
    p.save("e1", {"answers": {"q1": "right"}, "correct": {"q1": True}, "score": 1, "total": 4}, shown=["q1"])
    p.save("e1", {"answers": {"q1": "wrong"}, "correct": {"q1": False}, "score": 0, "total": 4}, shown=["q1"])
    [row] = summarise(tmp_path, KEYS).learners
    assert row.score == 1 and row.practice == 1


def test_same_name_different_student_numbers_are_two_rows(tmp_path):
    Progress(tmp_path, learner="张伟", student_id="2024001").save("e1", record({"q1": True}, 4))
    Progress(tmp_path, learner="张伟", student_id="2024002").save("e1", record({"q1": False}, 4))
    s = summarise(tmp_path, KEYS)
    assert [(r.student_id, r.score, r.flags) for r in s.learners] == [("2024001", 1, ()), ("2024002", 0, ())]


def test_late_hand_ins_are_marked(tmp_path):
    import datetime as dt

    path = write(tmp_path, "A", {"e1": record({"q1": True})})
    data = json.loads(path.read_text(encoding="utf-8"))
    data["handed_in"] = "2025-03-02T10:00:00+00:00"
    path.write_text(json.dumps(data), encoding="utf-8")
    due = dt.datetime(2025, 3, 1, 23, 59, tzinfo=dt.timezone.utc)
    [row] = summarise(tmp_path, KEYS, due=due).learners
    assert "late" in row.flags and row.handed_in == "2025-03-02T10:00:00+00:00"
    [row] = summarise(tmp_path, KEYS, due=due + dt.timedelta(days=2)).learners
    assert "late" not in row.flags


def test_hostile_files_are_reported_not_fatal(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    many = {"answers": {f"fake{i}": "x" for i in range(200_000)}, "correct": {}, "score": 0, "total": 0}
    (tmp_path / "many.json").write_text(json.dumps({"format": FORMAT, "learner": "M", "exercises": {"e1": many}}),
                                        encoding="utf-8")
    few = record({"q1": True})
    few["answers"].update({f"fake{i}": "x" for i in range(500)})
    write(tmp_path, "F", {"e1": few})
    s = summarise(tmp_path, KEYS)
    assert {k.file: k.reason for k in s.skipped} == {"deep.json": "not_json", "many.json": "foreign"}
    assert [r.learner for r in s.learners] == ["F"] and "unknown_questions" in s.learners[0].flags
    assert len(s.questions) == 1  # fake question ids never reach the page


def test_text_from_files_is_escaped_for_terminals():
    assert printable("Mallory\n20/20") == "Mallory\\n20/20"
    assert printable("x\x1b[2J\ny") == "x\\x1b[2J\\ny"
    assert "\n" not in printable("a\nb") and "\x1b" not in printable("\x1b")
    assert printable("王芳\u200f") == "王芳\u200f"  # an RLM in a name is kept


def test_csv_has_a_bom_and_gradebook_columns(tmp_path):
    Progress(tmp_path, learner="王芳", student_id="2024001").save("e1", record({"q1": True}, 4))
    write(tmp_path, "=cmd()", {"e1": record({"q1": False})})
    text = to_csv(summarise(tmp_path, KEYS), "en")
    assert text.startswith("\ufeffStudent,ID,SIS User ID,SIS Login ID,Section,")
    lines = text[1:].splitlines()
    assert lines[0].endswith(",Final Points") and "王芳,,2024001,,," in text and "'=cmd()" in text and len(lines) == 3


def test_shipped_example_has_numbers_hand_ins_and_one_late():
    import datetime as dt

    s = summarise(EXAMPLE_DIR, due=dt.datetime(2025, 3, 6, tzinfo=dt.timezone.utc))
    assert sum(r.student_id is not None for r in s.learners) == 7 and all(r.handed_in for r in s.learners)
    assert [r.learner for r in s.learners if "late" in r.flags] == ["Liu Yang"]


# ---------------------------------------------------------------- one marker for the widget and the summary

def test_a_changed_key_moves_the_widget_and_the_summary_alike(tmp_path, content, monkeypatch):
    """The teacher corrects a key: the learner's score on screen and the gradebook follow together."""
    from lessons.classroom import selfcheck as sc
    from lessons.widgets.selfcheck_quiz import SelfCheck

    quiz = SelfCheck(content, lang="en", remember_language=False, progress=Progress(tmp_path, learner="Key Change"))
    qid = next(q for q in quiz.question_ids if q not in quiz.model.practice_ids)  # a counted item
    item = quiz.model.items[qid]
    given = next(c for c in sc.choices(item) if c != sc.solution(item, content))
    quiz.answer(qid, given)
    [row] = summarise(tmp_path).learners
    assert quiz.value["correct"] == {qid: False} and row.scores["lesson1.selfcheck"][0] == 0

    right = sc.solution
    monkeypatch.setattr(sc, "solution", lambda i, c: given if i.id == qid else right(i, c))
    quiz.go_to(qid)  # any redraw marks again
    [row] = summarise(tmp_path).learners
    assert quiz.value["correct"] == {qid: True} and quiz.model.counted.score == 1
    assert row.scores["lesson1.selfcheck"][0] == 1 and "score_mismatch" not in row.flags


def test_the_summary_marks_with_the_exercise_models(content, monkeypatch):
    from lessons.classroom.exercise_models import Exercise, ReviewModel

    keys = load_answer_keys(content)
    assert isinstance(keys.models["lesson6.review"], ReviewModel)
    review = keys.exercises["lesson6.review"]
    monkeypatch.setattr(Exercise, "mark", lambda self, answers: __import__(
        "lessons.classroom.exercise_models", fromlist=["Result"]).Result({q: True for q in answers}, 0))
    assert keys.mark("lesson6.review", {q: "anything" for q in review}) == {q: True for q in review}
