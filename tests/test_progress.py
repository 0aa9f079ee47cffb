"""Saved progress: file names, atomic save/load, start fresh, corrupt and foreign files moved aside."""
import datetime as dt
import doctest
import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.classroom import progress as pg
from lessons.classroom.progress import FORMAT, Progress, ProgressError
from lessons.classroom.settings import Classroom
from lessons.classroom.store import preferred_language, set_preferred_language

CLOCK = lambda: dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.timezone.utc)  # noqa: E731
RECORD = {"exercise": "lesson9.demo", "answers": {"q1": "a", "q2": ["x", "y"], "q3": 50},
          "correct": {"q1": True, "q2": False, "q3": True}, "score": 2, "total": 5}


def test_doctests():
    from lessons.classroom import records

    assert doctest.testmod(pg).failed == 0
    assert doctest.testmod(records).attempted > 0 and doctest.testmod(records).failed == 0


def test_domain_module_imports_no_ipywidgets():
    modules = ("progress", "progress_store", "records", "settings", "exercises", "review", "action_plan",
               "class_summary")
    code = f"import sys, {', '.join('lessons.classroom.' + m for m in modules)}; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("name", ["Wang Fang", "王芳", "../../etc/passwd", "a/b\\c:d*e?f", "CON", "...", "李 明 ",
                                  "x" * 60])
def test_file_names_are_safe(name):
    stem = pg.safe_file_name(name)
    assert stem and "/" not in stem and "\\" not in stem and ".." not in stem and not stem.startswith(".")
    assert all(ch.isalnum() or ch == "-" for ch in stem)
    assert len(stem) <= 41


def test_same_learner_same_file_despite_case_and_spaces():
    assert pg.safe_file_name("Wang  Fang ") == pg.safe_file_name("wang fang")
    assert pg.safe_file_name("王芳") != pg.safe_file_name("王 芳")


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))
def test_different_learners_get_different_files(a, b):
    try:
        ka, kb = pg.name_key(a), pg.name_key(b)
    except ProgressError:
        return
    if ka != kb:
        assert pg.safe_file_name(a) != pg.safe_file_name(b)


@pytest.mark.parametrize("bad", ["", "   ", "x" * 61, "bad\x00name", None])
def test_bad_names_give_one_line_errors(bad):
    with pytest.raises(ProgressError) as err:
        pg.normalize_name(bad)
    assert "\n" not in str(err.value)


def test_save_and_load_round_trip(tmp_path):
    p = Progress(tmp_path, learner="王芳", clock=CLOCK)
    p.save("lesson9.demo", RECORD)
    saved = json.loads(p.path.read_text(encoding="utf-8"))
    assert saved["format"] == FORMAT and saved["learner"] == "王芳"
    assert saved["exercises"]["lesson9.demo"] == {
        "answers": RECORD["answers"], "correct": RECORD["correct"], "score": 2, "total": 5,
        "updated": "2025-03-01T12:00:00+00:00",
        "first": RECORD["answers"], "attempts": {"q1": 1, "q2": 1, "q3": 1}}
    assert p.path.parent == tmp_path / "learners"
    assert Progress(tmp_path, learner="王芳").exercise("lesson9.demo")["answers"] == RECORD["answers"]
    assert not list(p.path.parent.glob(".*.tmp")), "the temporary file of the atomic write must be gone"


def test_saving_one_exercise_keeps_the_others(tmp_path):
    p = Progress(tmp_path, learner="Li Ming", clock=CLOCK)
    p.save("a", RECORD)
    p.save("b", {**RECORD, "score": 5})
    assert set(Progress(tmp_path, learner="li ming").load()) == {"a", "b"}


def test_start_fresh_for_one_exercise_or_all(tmp_path):
    p = Progress(tmp_path, learner="Li Ming", clock=CLOCK)
    p.save("a", RECORD)
    p.save("b", RECORD)
    p.reset("a")
    assert p.load()["a"]["answers"] == {} and p.load()["b"]["answers"] == RECORD["answers"]
    assert p.load()["a"]["first"] == RECORD["answers"]  # the answers that count stay (see test_store_contract)
    p.reset()
    assert all(r["answers"] == {} for r in p.load().values())
    p.reset(keep_first=False)  # a teacher's reset
    assert p.load() == {}


def test_no_learner_means_nothing_saved(tmp_path):
    p = Progress(tmp_path, learner=None)
    assert p.path is None and p.load() == {}
    with pytest.raises(ProgressError):
        p.save("a", RECORD)
    assert not (tmp_path / "learners").exists()


@pytest.mark.parametrize("bad", [
    {"answers": {}, "correct": {}, "score": 1},
    {"answers": [], "correct": {}, "score": 0, "total": 1},
    {"answers": {}, "correct": {}, "score": 3, "total": 2},
    {"answers": {"q": object()}, "correct": {}, "score": 0, "total": 1},
])
def test_records_must_follow_the_exercise_protocol(tmp_path, bad):
    with pytest.raises(ProgressError):
        Progress(tmp_path, learner="x").save("a", bad)


def test_current_learner_lives_next_to_the_language(tmp_path):
    set_preferred_language("zh", tmp_path)
    assert pg.current_learner(tmp_path) is None
    Progress(tmp_path, learner=None).choose("  Zhang   Wei ")
    assert pg.current_learner(tmp_path) == "Zhang Wei"
    assert preferred_language(tmp_path) == "zh"
    assert Progress(tmp_path).learner == "Zhang Wei"
    pg.set_current_learner(None, tmp_path)
    assert Progress(tmp_path).learner is None


@pytest.mark.parametrize("raw, reason", [
    (b'{"format": "pi-lessons.progress.v1", "learner": "\xe7\x8e', "unreadable"),
    (b'{"format": "pi-lessons.progress.v1", "learner": ', "not_json"),
    (b'{"format": "someone-else.v3", "rows": []}', "foreign"),
    (b'[1, 2, 3]', "foreign"),
    (b'{"format": "pi-lessons.progress.v1", "learner": "x", "exercises": {"a": {"score": "high"}}}', "foreign"),
])
def test_corrupt_or_foreign_file_is_moved_aside_never_overwritten(tmp_path, raw, reason):
    p = Progress(tmp_path, learner="王芳", clock=CLOCK)
    p.path.parent.mkdir(parents=True)
    p.path.write_bytes(raw)
    assert p.load() == {}
    moved = tmp_path / "learners" / f"{p.path.name}.corrupt-1"
    assert moved.read_bytes() == raw, "the original bytes must be kept"
    assert [(m.moved_to, m.reason) for m in p.moved] == [(moved, reason)]
    p.save("a", RECORD)  # saving starts a new file; the moved one stays untouched
    assert moved.read_bytes() == raw
    assert Progress(tmp_path, learner="王芳").exercise("a")["score"] == 2


def test_second_corrupt_file_gets_the_next_number(tmp_path):
    p = Progress(tmp_path, learner="x")
    p.path.parent.mkdir(parents=True)
    for n in (1, 2):
        p.path.write_text("not json", encoding="utf-8")
        p.load()
        assert (p.path.parent / f"{p.path.name}.corrupt-{n}").exists()


def test_file_of_another_learner_is_moved_aside(tmp_path):
    p = Progress(tmp_path, learner="王芳")
    p.path.parent.mkdir(parents=True)
    p.path.write_text(json.dumps({"format": FORMAT, "learner": "Someone Else", "exercises": {}}), encoding="utf-8")
    assert p.load() == {} and p.moved[0].reason == "other_learner"


def test_read_progress_file_accepts_a_valid_file(tmp_path):
    path = tmp_path / "ok.json"
    path.write_text(json.dumps({"format": FORMAT, "learner": "x", "exercises": {"a": RECORD}}), encoding="utf-8")
    data, problem = pg.read_progress_file(path)
    assert problem is None and data["learner"] == "x"


# ---------------------------------------------------------------- concurrency and failed saves

def _save_many(folder: str, worker: int, n: int) -> None:
    p = Progress(folder, learner="王芳")
    for i in range(n):
        p.save(f"w{worker}.e{i}", {"answers": {"q": i}, "correct": {"q": True}, "score": 1, "total": 1})


@pytest.mark.slow  # eight real processes racing on one file: seconds, and more on a busy machine
def test_eight_processes_saving_forty_answers_each_lose_nothing(tmp_path):
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_save_many, args=(str(tmp_path), w, 40)) for w in range(8)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
    assert [proc.exitcode for proc in procs] == [0] * 8
    saved = Progress(tmp_path, learner="王芳").load()
    assert set(saved) == {f"w{w}.e{i}" for w in range(8) for i in range(40)}  # all 320 records


def test_a_failed_save_is_kept_and_written_by_the_next_save(tmp_path, monkeypatch):
    from lessons.classroom import store

    p = Progress(tmp_path, learner="Li Ming", clock=CLOCK)
    real = store.write_json

    def full_disk(path, data):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(store, "write_json", full_disk)
    with pytest.raises(OSError):
        p.save("a", RECORD)
    assert "a" in p.pending and not (p.path and p.path.exists())
    monkeypatch.setattr(store, "write_json", real)
    p.save("b", RECORD)
    assert set(Progress(tmp_path, learner="Li Ming").load()) == {"a", "b"} and not p.pending


def test_a_failed_save_keeps_the_answers_in_the_widget_and_says_so(tmp_path, content, monkeypatch):
    from lessons.widgets.selfcheck_quiz import SelfCheck

    from lessons.classroom import store

    real = store.write_json
    monkeypatch.setattr(store, "write_json", lambda path, data: (_ for _ in ()).throw(OSError(28, "No space left")))
    quiz = SelfCheck(content, lang="en", progress=Progress(tmp_path, learner="Zhou Jie"), remember_language=False)
    first, second = quiz.question_ids[:2]
    quiz.answer(first, quiz.choices(first)[1][1])
    assert "could not be saved" in quiz.read("notice") and "No space left" in quiz.read("notice")
    assert "save-retry" in quiz.actions and len(quiz.value["answers"]) == 1
    monkeypatch.setattr(store, "write_json", real)
    quiz.answer(second, quiz.choices(second)[1][1])
    assert quiz.read("notice") == "" and "save-retry" not in quiz.actions
    saved = Progress(tmp_path, learner="Zhou Jie").exercise("lesson1.selfcheck")
    assert len(saved["answers"]) == 2


def test_a_read_only_folder_is_a_failed_save_not_a_crash(tmp_path):
    import os

    (tmp_path / "learners").mkdir()
    os.chmod(tmp_path / "learners", 0o500)
    try:
        if os.access(tmp_path / "learners", os.W_OK):
            pytest.skip("this user can write into read-only folders (root)")
        p = Progress(tmp_path, learner="Zhou Jie")
        with pytest.raises(OSError):
            p.save("a", RECORD)
        assert "a" in p.pending
    finally:
        os.chmod(tmp_path / "learners", 0o700)


# ---------------------------------------------------------------- identity and shared servers

def test_a_student_number_is_the_identity_and_names_may_repeat(tmp_path):
    a = Progress(tmp_path, learner="张伟", student_id="2024001")
    b = Progress(tmp_path, learner="张伟", student_id="2024002")
    a.save("e", RECORD)
    assert a.path != b.path and b.load() == {}
    renamed = Progress(tmp_path, learner="张 伟", student_id="２０２４００１")  # full-width digits: same number
    assert renamed.path == a.path and renamed.exercise("e")["score"] == 2  # the number, not the name, finds the file
    assert json.loads(a.path.read_text(encoding="utf-8"))["student_id"] == "2024001"


def test_full_width_letters_find_the_same_learner(tmp_path):
    Progress(tmp_path, learner="Wang Fang").save("e", RECORD)
    assert Progress(tmp_path, learner="ＷＡＮＧ　ＦＡＮＧ").exercise("e")["score"] == 2


@pytest.mark.parametrize("name", ["\u0645\u0647\u200c\u0633\u0627", "👩\u200d👩\u200d👧\u200d👦 Li", "\u200fשרה",
                                  "🏳️\u200d🌈" * 10])
def test_names_people_are_called_are_accepted(name):
    assert pg.normalize_name(name)


@pytest.mark.parametrize("bad, reason", [("", "name_empty"), ("x" * 61, "name_too_long"),
                                         ("a\x1b[2Jb", "name_bad_char"), ("a\u202eb", "name_bad_char")])
def test_refused_names_say_why(bad, reason):
    with pytest.raises(ProgressError) as err:
        pg.normalize_name(bad)
    assert err.value.reason == reason


def test_on_a_shared_server_nothing_falls_back_to_the_folder_learner(tmp_path):
    Progress(tmp_path, learner=None).choose("Student A")
    assert Progress(tmp_path).learner == "Student A"  # a single-user machine remembers the name
    shared = Classroom(shared=True)
    assert Progress(tmp_path, classroom=shared).learner is None  # a shared server asks on every page
    b = Progress(tmp_path, classroom=shared)
    b.choose("Student B")
    assert pg.current_learner(tmp_path, shared=True) is None
    assert json.loads((tmp_path / "settings.json").read_text())["learner"] == "Student A"


def test_a_damaged_settings_file_is_kept_as_corrupt_copy(tmp_path):
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    set_preferred_language("zh", tmp_path)
    assert preferred_language(tmp_path) == "zh"
    assert (tmp_path / "settings.json.corrupt-1").read_text(encoding="utf-8") == "{not json"


def test_the_language_switch_works_when_settings_cannot_be_written(tmp_path, content, monkeypatch):
    from lessons.classroom import store
    from lessons.widgets.selfcheck_quiz import SelfCheck

    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    read_only = OSError(30, "Read-only file system")
    monkeypatch.setattr(store, "write_json", lambda path, data: (_ for _ in ()).throw(read_only))
    quiz = SelfCheck(content, lang="en", progress=Progress(tmp_path, learner=None))
    quiz.lang = "zh"
    assert "自测" in quiz.title  # the texts switched although the choice could not be remembered
    assert "Read-only file system" in quiz.read("notice")


# ---------------------------------------------------------------- settings read once, at the page

def test_the_page_reads_the_settings_once_and_its_widgets_save_with_them(tmp_path, monkeypatch, content):
    from lessons.widgets.page import Page
    from lessons.widgets.selfcheck_quiz import SelfCheck

    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    monkeypatch.setenv("JUPYTERHUB_USER", "2024001")
    monkeypatch.setenv("PI_LESSONS_LEARNER_NAME", "王芳")
    page = Page("en", content, remember=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "2024002")  # read once: a later change is not seen
    quiz = SelfCheck(content, page=page)
    quiz.answer("q01", quiz.choices("q01")[1][1])
    assert page.classroom.hub_user == "2024001" and "王芳" in quiz.read("learner")
    assert Progress(tmp_path, learner="anyone", student_id="2024001").exercise("lesson1.selfcheck")["answers"]


def test_under_a_hub_the_learner_page_shows_who_is_signed_in_and_no_name_box(tmp_path, content):
    from lessons.widgets.learner_panel import Learner

    hub = Classroom(hub_user="2024001", learner_name="王芳")
    p = Progress(tmp_path, classroom=hub)
    p.save("lesson6.review", {"answers": {"q": "a"}, "correct": {"q": True}, "score": 1, "total": 48})
    lw = Learner(content, lang="zh", progress=p, remember_language=False)
    assert "王芳" in lw.read("learner") and "2024001" in lw.read("learner")
    assert "第6课 复习" in lw.read("saved") and "lesson6" not in lw.read("saved")  # a title, never the id
    with pytest.raises(ValueError, match="name box is not shown"):
        lw.enter_name("Mallory", "2024002")
    assert p.identity == "id:2024001"


def test_the_classroom_settings_come_from_one_reading_of_the_environment(tmp_path):
    env = {"PI_LESSONS_SHARED": "yes", "PI_LESSONS_HANDIN": f" {tmp_path} ", "PI_LESSONS_DUE": "2026-03-01T23:59+08:00",
           "PI_LESSONS_RETRIES_COUNT": "1", "JUPYTERHUB_USER": "2024001", "PI_LESSONS_LEARNER_NAME": " 王芳 "}
    room = Classroom.from_env(env)
    assert room == Classroom(shared=True, handin=tmp_path, due=dt.datetime(2026, 3, 1, 15, 59, tzinfo=dt.timezone.utc),
                             retries_count=True, hub_user="2024001", learner_name="王芳")
    assert Classroom.from_env({"PI_LESSONS_DUE": "soon", "JUPYTERHUB_USER": "  "}) == Classroom()


def test_only_the_settings_module_reads_the_classroom_environment():
    from pathlib import Path

    import lessons

    # The edges: a notebook's Page, a command, the hand-in service when it starts; settings.py defines them.
    marks = re.compile(r"\b(PI_LESSONS_SHARED|PI_LESSONS_HANDIN|JUPYTERHUB_USER)\b|Classroom\.from_env\(")
    readers = sorted(p.name for p in Path(lessons.__file__).parent.rglob("*.py")
                     if marks.search(p.read_text(encoding="utf-8")))
    assert readers == ["course_copy.py", "handin_service.py", "page.py", "settings.py", "summary_command.py"]
    service = (Path(lessons.__file__).parent / "server" / "handin_service.py").read_text(encoding="utf-8")
    assert service.count("Classroom.from_env(") == 1  # once, in make_app: never per request
