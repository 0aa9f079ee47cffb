"""Lesson 4's writing task on Guiding Case 194: the rubric and model answer in data, hand-in through Progress,
the model answer only after hand-in, the teacher's marks file and the gradebook columns per criterion."""
import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lessons.classroom.class_summary import summarise, to_csv
from lessons.classroom.progress import Progress
from lessons.classroom.saved_exercise import SavedExercise
from lessons.classroom.writing import (Essay, EssayExercise, collect_essays, gradebook_with_marks, load_writing_task,
                                       marks_columns, read_marks)
from lessons.content.course import load_content
from lessons.content.errors import ContentError, LessonsError
from lessons.content.reader import CONTENT_DIR
from lessons.widgets.controls import plain_text
from lessons.widgets.writing_task import WritingTask

TASK = load_writing_task()
ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path(os.environ.get("PI_LESSONS_REFERENCE") or ROOT.parent / "shared/reference")


@pytest.fixture(scope="module")
def content():
    return load_content()


def t(content, key, lang="en", **values):
    """A course text as the page shows it: the tests follow the wording instead of copying it."""
    return plain_text(content.text(key, lang, **values))


def long_text(n=400):
    return "共同犯罪" * (n // 4)


def test_rubric_covers_the_three_issues_with_points():
    ids = [c.id for c in TASK.criteria]
    assert {"public_information", "joint_crime", "mitigation"} <= set(ids) and TASK.total == 12
    for c in TASK.criteria:
        assert c.points >= 1 and c.text.en and c.text.zh and c.name.en and c.name.zh
    joint = TASK.criterion("joint_crime").text.zh
    assert "共同犯罪是指二人以上共同故意犯罪" in joint and "情节特别严重" in joint
    assert "应当从轻、减轻处罚或者免除处罚" in TASK.criterion("mitigation").text.zh
    assert TASK.clauses[:2] == ("GC194.p1", "GC194.p2") and "CL.27.p2" in TASK.clauses
    assert set(TASK.clauses) <= set(load_content().provisions)  # every clause shown exists


@pytest.mark.skipif(not (REFERENCE / "legal-more.md").exists(), reason="shared reference not available")
def test_quoted_law_in_the_rubric_and_model_answer_is_verbatim():
    reference = re.sub(r"\s+", "", "".join((REFERENCE / f).read_text(encoding="utf-8")
                                           for f in ("legal.md", "legal-more.md", "legal-2026.md")))
    texts = [TASK.model_answer.zh, TASK.model_answer.en] + [c.text.zh for c in TASK.criteria]
    quotes = {q for text in texts
              for q in re.findall(r"“([^”]{6,})”", text) + re.findall(r"\"([^\"]*[\u4e00-\u9fff][^\"]*)\"", text)}
    assert len(quotes) >= 8
    for quote in quotes:
        assert re.sub(r"\s+", "", quote) in reference, quote


def test_the_model_answer_treats_the_co_defendants_as_one_joint_offence():
    assert "情节特别严重" in TASK.model_answer.zh and "第二十七条第二款" in TASK.model_answer.zh
    assert "does not give a lower tier" in TASK.model_answer.en
    assert "三年二个月" in TASK.model_answer.zh and "一年十个月" in TASK.model_answer.zh  # C4 forms


def test_essay_hands_in_once_and_only_when_long_enough():
    clock = lambda: dt.datetime(2026, 12, 6, 19, 50, tzinfo=dt.timezone.utc)  # noqa: E731
    essay = Essay(TASK, clock=clock)
    essay.write("too short")
    assert essay.problem("zh")[0] == "too_short" and not essay.hand_in("zh")
    assert essay.record()["answers"] == {"draft": "too short"}  # a draft is kept, not handed in
    essay.write(long_text())
    assert essay.hand_in("zh") and essay.model_answer_visible
    assert essay.record()["answers"] == {"text": long_text(), "handed_in": "2026-12-06T19:50:00+00:00"}
    with pytest.raises(LessonsError):
        essay.write("changed after hand-in")


def test_widget_shows_the_model_answer_only_after_hand_in_and_saves(content, tmp_path):
    progress = Progress(tmp_path, learner="王芳", student_id="2024001")
    wt = WritingTask(content=content, lang="zh", remember_language=False, progress=progress)
    assert t(content, "writing_task.rubric_heading", "zh") in wt.read("writing-rubric")
    assert wt.read("model-answer") == ""
    wt.write(long_text())
    assert wt.read("model-answer") == "" and progress.exercise(TASK.id)["answers"] == {"draft": long_text()}
    draft = WritingTask(content=content, lang="zh", remember_language=False,
                        progress=Progress(tmp_path, learner="王芳", student_id="2024001"))
    assert draft.value["answers"] == {"draft": long_text()} and not draft.value["model_answer_shown"]
    wt.hand_in()
    assert t(content, "writing_task.model_heading", "zh") in wt.read("model-answer")
    assert plain_text(TASK.model_answer.zh) in wt.read("model-answer")
    assert t(content, "writing_task.time_utc", "zh", time="\0").split("\0")[1] in wt.read("writing-status")
    # the time is UTC until the browser writes it in the learner's own zone
    assert re.search(r"<time class='pi-local-time' datetime='[^']+\+00:00'>", wt.html("writing-status"))
    saved = progress.exercise(TASK.id)
    assert saved["answers"]["text"] == long_text() and saved["total"] == 0
    again = WritingTask(content=content, lang="en", remember_language=False,
                        progress=Progress(tmp_path, learner="王芳", student_id="2024001"))
    assert again.value["model_answer_shown"]
    assert t(content, "writing_task.time_utc", "en", time="\0").split("\0")[1] in again.read("writing-status")
    shown = wt.read("writing-prompt") + wt.read("writing-status") + wt.read("model-answer")
    assert not re.search(r"\b(the|and|of)\b", shown)  # a Chinese page shows no English sentences


def test_a_short_text_is_refused_in_the_page_language(content, tmp_path):
    wt = WritingTask(content=content, lang="zh", remember_language=False, progress=Progress(tmp_path, learner="A"))
    wt.write("太短")
    wt.hand_in()
    too_short = t(content, "writing_task.too_short", "zh", min=TASK.min_chars["zh"], n=2)
    assert TASK.min_chars["zh"] == 300 and too_short in wt.read("writing-status") and wt.read("model-answer") == ""


def write_marks(tmp_path, rows, header="learner,criterion,points"):
    path = tmp_path / "marks.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_marks_file_is_checked_against_the_rubric(tmp_path):
    rows = ["2024001,joint_crime,3", "2024001,mitigation,2.5", "李华,limits,1"]
    marks = read_marks(write_marks(tmp_path, rows), TASK)
    assert marks == {"2024001": {"joint_crime": 3.0, "mitigation": 2.5}, "李华": {"limits": 1.0}}
    bad = [(["2024001,joint_crime,4"], r"row 2: 4 points for joint_crime; it gives 0 to 3"),
           (["2024001,style,1"], r"row 2: unknown criterion 'style'"),
           (["2024001,limits,x"], r"row 2: points 'x' is not a number"),
           (["2024001,limits,1", "2024001,limits,0"], r"row 3: limits is marked twice"),
           (["2024001,limits"], r"row 2: expected 3 cells")]
    for rows, message in bad:
        with pytest.raises(LessonsError, match=message) as exc:
            read_marks(write_marks(tmp_path, rows), TASK)
        assert "\n" not in str(exc.value) and "marks.csv" in str(exc.value)
    with pytest.raises(LessonsError, match="the first row must be the header"):
        read_marks(write_marks(tmp_path, ["a,b,c"], header="name,points"), TASK)


def hand_in(folder, name, number, text):
    """A learner writes and hands in, saved as the page saves it (the essay's model bound to the store)."""
    saved = SavedExercise(EssayExercise(TASK), Progress(folder, learner=name, student_id=number), TASK.id)
    saved.read()
    saved.model.essay.write(text)
    assert saved.model.essay.hand_in("en")
    saved.model.sync()
    assert saved.save()


def test_gradebook_gets_a_column_per_criterion(tmp_path):
    room = tmp_path / "room"
    hand_in(room, "王芳", "2024001", long_text(1200))
    hand_in(room, "Li Hua", None, "x" * 1200)
    summary = summarise(room / "learners", due=None, retries_count=False)
    marks = read_marks(write_marks(tmp_path, ["2024001,joint_crime,3", "2024001,public_information,2",
                                              "li hua,limits,1"]), TASK)
    out = gradebook_with_marks(to_csv(summary), summary.learners, marks, TASK)
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    columns = marks_columns(TASK, "en")
    assert list(rows[0])[-len(columns) - 1:-1] == columns and list(rows[0])[-1] == "Final Points"
    by_name = {r["Student"]: r for r in rows}
    column = dict(zip([c.id for c in TASK.criteria] + ["total"], columns, strict=True))
    assert TASK.criterion("joint_crime").points == 3 and TASK.criterion("limits").points == 1 and TASK.total == 12
    assert by_name["王芳"][column["joint_crime"]] == "3" and by_name["王芳"][column["total"]] == "5"
    assert by_name["Li Hua"][column["limits"]] == "1" and by_name["Li Hua"][column["total"]] == "1"
    essays = {e.learner: e for e in collect_essays(room, TASK)}
    assert set(essays) == {"王芳", "Li Hua"} and essays["王芳"].student_id == "2024001"
    first, column_zh = TASK.criteria[0], marks_columns(TASK, "zh")[0]
    assert column_zh.endswith(f"（{first.points}分）") and first.name.zh in column_zh


def test_summary_command_adds_the_marks(tmp_path):
    room = tmp_path / "room"
    hand_in(room, "王芳", "2024001", long_text(1200))
    marks = write_marks(tmp_path, ["2024001,mitigation,3"])
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PI_LESSONS_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-m", "lessons", "summary", str(room / "learners"), "--csv", "--marks",
                           str(marks)], capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert marks_columns(TASK, "en")[[c.id for c in TASK.criteria].index("mitigation")] in done.stdout.decode("utf-8")
    bad = write_marks(tmp_path, ["2024001,mitigation,9"])
    done = subprocess.run([sys.executable, "-m", "lessons", "summary", str(room / "learners"), "--csv", "--marks",
                           str(bad)], capture_output=True, env=env, timeout=120)
    too_many = load_content().text("errors.marks_range", "en", file="\0", row=2, value=9, name="mitigation",
                                   limit=3).split("\0")[1]
    assert done.returncode != 0 and "Traceback" not in done.stderr.decode() and too_many in done.stderr.decode()


def test_bad_task_file_names_file_entry_and_field(tmp_path):
    text = (CONTENT_DIR / "writing_gc194.yaml").read_text(encoding="utf-8")
    for old, new, field in (("    points: 3\n", "    points: three\n", "field 'points'"),
                            ("min_chars: {en: 1000, zh: 300}", "min_chars: {en: 1000}", "field 'min_chars'"),
                            ("  - id: limits\n", "  - id: mitigation\n", "field 'id'")):
        path = tmp_path / "writing_gc194.yaml"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(ContentError) as exc:
            load_writing_task(path)
        assert field in str(exc.value) and "writing_gc194.yaml" in str(exc.value) and "\n" not in str(exc.value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_is_named_in_the_page_language(content, tmp_path, lang):
    import ipywidgets as w

    wt = WritingTask(content=content, lang=lang, remember_language=False, progress=Progress(tmp_path, learner="A"))

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    controls = [c for c in walk(wt) if isinstance(c, (w.Textarea, w.Button)) and c.layout.display != "none"]
    assert controls and all(str(c.description).strip() for c in controls)
    if lang == "zh":
        assert content.text("writing_task.hand_in", "zh") in [c.description for c in controls]


def test_check_command_loads_lesson_4_content(tmp_path):
    import shutil

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "lessons", "check"], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0 and "25 court-case defendants, 5 writing-task criteria" in done.stdout
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    text = (root / "writing_gc194.yaml").read_text(encoding="utf-8")
    (root / "writing_gc194.yaml").write_text(text.replace("CL.63.p1]", "CL.999.p1]"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "lessons", "check", "--root", str(root)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "CL.999.p1" in done.stderr


def test_a_name_entered_once_on_the_page_is_the_learner_of_its_other_exercises(content, tmp_path, monkeypatch):
    """Lesson 4 holds two exercises: the name entered in the first one's strip saves the essay below it too
    (each had its own progress, so the hand-in said "handed in" and saved nothing; found in the site)."""
    from lessons.widgets.court_case_quiz import CourtCaseQuiz
    from lessons.widgets.page import Page

    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    page = Page("en", content=content)
    cases, essay = CourtCaseQuiz(page=page), WritingTask(page=page)
    cases.enter_name("Wang Fang")
    assert "Wang Fang" in essay.read("learner")  # the other strip follows at once
    essay.write("共同犯罪" * 300)
    essay.hand_in()
    again = WritingTask(page=Page("en", content=content))
    assert again.value["answers"]["text"] == "共同犯罪" * 300 and again.value["answers"].get("handed_in")
    assert again.read("writing-answer") == "共同犯罪" * 300  # in the box, not only in the model


def test_without_a_name_the_essay_is_not_handed_in(content, tmp_path, monkeypatch):
    """Nothing could be kept without a learner: the hand-in waits for the name and says so."""
    from lessons.widgets.page import Page

    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    essay = WritingTask(page=Page("en", content=content))
    essay.write("共同犯罪" * 300)
    essay.hand_in()
    assert not essay.value["answers"].get("handed_in")
    assert t(content, "writing_task.need_name") in essay.read("writing-status")
