"""Class summary: aggregation of progress files, skipped files, the chart, and the teacher's view."""
import json

import pytest

from lessons.content.course import load_content
from lessons.content.errors import LessonsError
from lessons.classroom.progress import FORMAT, Progress
from lessons.classroom.class_summary import bar_chart_svg, summarise
from lessons.widgets.class_summary_view import EXAMPLE_DIR, ClassSummaryView


@pytest.fixture(scope="module")
def content():
    return load_content()


def record(correct, total=None):
    return {"answers": {q: "x" for q in correct}, "correct": correct, "score": sum(correct.values()),
            "total": total or len(correct), "updated": "2025-03-01T10:00:00+00:00"}


def write(folder, name, exercises, file=None):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (file or f"{name}.json")
    path.write_text(json.dumps({"format": FORMAT, "learner": name, "exercises": exercises}), encoding="utf-8")
    return path


def test_shipped_example_folder(content):
    s = summarise(EXAMPLE_DIR)
    assert len(s.learners) == 8 and s.exercises == ["lesson5.review"]
    assert {k.reason for k in s.skipped} == {"not_json", "foreign"} and len(s.skipped) == 2
    assert all(r.total == 26 for r in s.learners)
    assert s.most_missed() and s.most_missed()[0].rate <= s.most_missed()[-1].rate


def test_scores_and_correct_rates(tmp_path):
    write(tmp_path, "A", {"e1": record({"q1": True, "q2": False}, 4), "e2": record({"q1": True})})
    write(tmp_path, "B", {"e1": record({"q1": False, "q2": False}, 4)})
    s = summarise(tmp_path)
    rows = {r.learner: r for r in s.learners}
    assert rows["A"].scores == {"e1": (1, 4), "e2": (1, 1)} and (rows["A"].score, rows["A"].total) == (2, 5)
    assert (rows["B"].score, rows["B"].total) == (0, 4)
    stats = {q.id: (q.answered, q.correct) for q in s.questions}
    assert stats == {"e1/q1": (2, 1), "e1/q2": (2, 0), "e2/q1": (1, 1)}
    assert [q.id for q in s.most_missed()] == ["e1/q2", "e1/q1"]


def test_bad_files_are_skipped_never_fatal(tmp_path):
    write(tmp_path, "A", {"e1": record({"q1": True})})
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00")
    (tmp_path / ".hidden.json").write_text("{", encoding="utf-8")
    s = summarise(tmp_path)
    assert [r.learner for r in s.learners] == ["A"]
    assert {(k.file, k.reason) for k in s.skipped} == {
        ("broken.json", "not_json"), ("notes.txt", "not_json"), ("binary.json", "unreadable")}


def test_files_in_subfolders_and_duplicates(tmp_path):
    write(tmp_path / "old", "王芳", {"e": record({"q": False})})
    newer = record({"q": True})
    newer["updated"] = "2025-04-01T10:00:00+00:00"
    write(tmp_path / "new", "王芳", {"e": newer})
    s = summarise(tmp_path)
    assert len(s.learners) == 1 and s.learners[0].file == "new/王芳.json" and s.learners[0].score == 1
    assert [(k.file, k.reason) for k in s.skipped] == [("old/王芳.json", "duplicate")]


def test_learner_folder_layout_works_directly(tmp_path):
    Progress(tmp_path, learner="Li Ming").save("e", record({"q": True}))
    assert [r.learner for r in summarise(tmp_path).learners] == ["Li Ming"]


def test_empty_folder(tmp_path):
    s = summarise(tmp_path)
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
    d = summarise(tmp_path).to_dict()
    assert d["format"] == "pi-lessons.class-summary.v1"
    assert d["learners"][0] == {"learner": "A", "file": "A.json", "score": 1, "total": 2,
                                "exercises": {"e1": {"score": 1, "total": 2}}}
    assert d["most_missed"] == [{"exercise": "e1", "question": "q2", "answered": 1, "correct": 0, "rate": 0.0}]
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
