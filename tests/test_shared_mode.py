"""The unauthenticated shared mode (``PI_LESSONS_SHARED=1 pi-lessons voila``): a plain warning, and no
teacher's page, since anyone who can reach the server can act as any learner."""

import pytest
from lessons.cli import course_copy
from lessons.cli.main import main
from lessons.widgets.class_summary_view import EXAMPLE_DIR, ClassSummaryView


def test_shared_voila_says_plainly_that_anyone_can_act_as_any_learner(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(course_copy, "serve", lambda cmd, cwd: 0)
    monkeypatch.setenv("PI_LESSONS_SHARED", "1")
    assert main(["voila", str(tmp_path / "course")]) == 0
    err = capsys.readouterr().err
    assert "Anyone who can reach this server can act as any learner" in err and "pi-lessons class start" in err
    assert main(["voila", str(tmp_path / "course"), "--lang", "zh"]) == 0
    assert "任何能访问此服务器的人都可以冒充任何学生" in capsys.readouterr().err


def test_single_user_routes_stay_quiet(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(course_copy, "serve", lambda cmd, cwd: 0)
    monkeypatch.delenv("PI_LESSONS_SHARED", raising=False)
    assert main(["voila", str(tmp_path / "course")]) == 0 and main(["lab", str(tmp_path / "course")]) == 0
    assert "act as any learner" not in capsys.readouterr().err


def test_the_class_summary_refuses_to_read_any_folder_on_a_shared_server(monkeypatch):
    monkeypatch.setenv("PI_LESSONS_SHARED", "1")
    view = ClassSummaryView(lang="en", folder=EXAMPLE_DIR)
    assert view.summary is None and "no logins" in view.value["error"]
    assert "summary-load" not in view.actions  # no folder box, no Load button on the page
    monkeypatch.delenv("PI_LESSONS_SHARED")
    view = ClassSummaryView(lang="en", folder=EXAMPLE_DIR)
    assert view.summary is not None  # one teacher on their own machine
    from lessons.classroom.settings import Classroom
    from lessons.widgets.page import Page

    shared = ClassSummaryView(page=Page("en", remember=False, classroom=Classroom(shared=True)), folder=EXAMPLE_DIR)
    with pytest.raises(ValueError):
        shared.load(EXAMPLE_DIR)  # no Load button to press; a forged click reaches the same refusal
    assert shared.summary is None and "no logins" in shared.value["error"]
