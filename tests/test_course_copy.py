"""`pi-lessons lab/voila`: the course copy keeps learners' changes.

Progress and generated files stay out of the package.
"""

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from importlib.util import find_spec
from pathlib import Path

import pytest

from lessons.classroom.store import COURSE_MARKER, home
from lessons.cli import course_copy, generate_command
from lessons.cli.course_copy import START_PAGE, VOILA_OPTIONS, copy_course, course_files
from lessons.cli.main import COMMANDS, main
from lessons.content.reader import DATA_DIR, NOTEBOOKS_DIR, PACKAGE_DIR, in_installation, shipped, source_checkout

ROOT = Path(__file__).resolve().parents[1]


def actions(done) -> dict[str, str]:
    return {c.file: c.action for c in done}


def test_checkout_finds_the_top_level_folders():
    assert shipped("data") == DATA_DIR == ROOT / "data"
    assert NOTEBOOKS_DIR == ROOT / "notebooks" and source_checkout() == ROOT
    assert not (PACKAGE_DIR / "data").exists(), "data/ must stay at the top; the wheel maps it into the package"


def test_course_is_every_notebook_including_the_teachers():
    files = course_files()
    assert START_PAGE in files and {"en/teacher/class-summary.ipynb", "zh/00-start-here.ipynb"} <= set(files)
    assert {f"zh/{n[3:]}" for n in files if n.startswith("en/")} == {n for n in files if n.startswith("zh/")}
    assert set(files) == {p.relative_to(ROOT / "notebooks").as_posix() for p in (ROOT / "notebooks").rglob("*.ipynb")
                          if ".ipynb_checkpoints" not in p.parts}


def test_first_copy_adds_everything_and_writes_the_manifest(tmp_path):
    dest = tmp_path / "course"
    done = copy_course(dest)
    assert set(actions(done).values()) == {"added"} and len(done) == len(course_files())
    for name, source in course_files().items():
        assert (dest / name).read_bytes() == source.read_bytes()
    manifest = json.loads((dest / COURSE_MARKER).read_text())
    assert manifest["format"] == "pi-lessons.course.v2"
    assert manifest["files"] == {n: {"sha256": course_copy.sha256(p), "cells": course_copy.cells_sha256(p)}
                                 for n, p in course_files().items()}
    assert set(actions(copy_course(dest)).values()) == {"unchanged"}


@pytest.fixture
def new_version(tmp_path):
    """A shipped course in which the start page and Lesson 1 changed."""
    source = tmp_path / "shipped"
    shutil.copytree(NOTEBOOKS_DIR, source)
    for name in (START_PAGE, "en/01-what-is-personal-information.ipynb"):
        (source / name).write_bytes((source / name).read_bytes() + b"\n")
    return source


def test_update_replaces_untouched_copies_and_keeps_changed_ones_beside(tmp_path, new_version):
    dest = tmp_path / "course"
    copy_course(dest)
    mine_name = "en/01-what-is-personal-information.ipynb"
    mine = dest / mine_name
    mine.write_text("my notes", encoding="utf-8")
    (dest / "en" / "06-review.ipynb").unlink()
    done = copy_course(dest, source=new_version)
    acts = actions(done)
    assert acts[START_PAGE] == "updated" and (dest / START_PAGE).read_bytes() == (new_version / START_PAGE).read_bytes()
    # Edited, and a newer version shipped: the new lesson takes the place, the learner's copy is kept beside it.
    assert acts[mine_name] == "moved" and mine.read_bytes() == (new_version / mine_name).read_bytes()
    kept = dest / "en" / "01-what-is-personal-information.yours-1.ipynb"
    assert kept.read_text(encoding="utf-8") == "my notes"
    assert next(c.kept_as for c in done if c.file == mine_name) == "en/01-what-is-personal-information.yours-1.ipynb"
    assert acts["en/06-review.ipynb"] == "added" and acts["en/02-classify-leaked-data.ipynb"] == "unchanged"
    assert actions(copy_course(dest, source=new_version))[mine_name] == "unchanged"
    (dest / "en" / "03-article-253-1-penalties.ipynb").write_text("edited it", encoding="utf-8")
    again = actions(copy_course(dest, source=new_version))  # nothing newer for Lesson 3: the learner's own copy
    assert again["en/03-article-253-1-penalties.ipynb"] == "yours" and again[START_PAGE] == "unchanged"
    assert (dest / "en" / "03-article-253-1-penalties.ipynb").read_text(encoding="utf-8") == "edited it"


def _run(path: Path) -> None:
    """What Run All and autosave do to a lesson: outputs and counts change, the cells' sources do not."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["ran\n"]}]
    nb["metadata"]["widgets"] = {"state": {}}
    path.write_text(json.dumps(nb, indent=2), encoding="utf-8")


def _edit_a_cell(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][-1]["source"] = "a corrected lesson\n"
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def test_a_lesson_the_learner_only_ran_is_updated(tmp_path):
    shipped = tmp_path / "shipped"
    shutil.copytree(NOTEBOOKS_DIR, shipped)
    dest = tmp_path / "course"
    copy_course(dest, source=shipped)
    name = "zh/03-article-253-1-penalties.ipynb"
    _run(dest / name)
    assert actions(copy_course(dest, source=shipped))[name] == "unchanged"  # run, nothing newer: left as it is
    assert "ran" in (dest / name).read_text(encoding="utf-8")
    _edit_a_cell(shipped / name)  # the course is corrected
    assert actions(copy_course(dest, source=shipped))[name] == "updated"
    assert (dest / name).read_bytes() == (shipped / name).read_bytes()
    assert not list(dest.rglob("*.yours-*.ipynb")), "a run lesson holds nothing of the learner's to keep"


def test_a_course_copied_with_the_old_manifest_is_updated_and_nothing_is_lost(tmp_path, new_version):
    dest = tmp_path / "course"
    copy_course(dest)
    manifest = json.loads((dest / COURSE_MARKER).read_text())
    manifest = {"format": "pi-lessons.course.v1", "files": {n: e["sha256"] for n, e in manifest["files"].items()}}
    (dest / COURSE_MARKER).write_text(json.dumps(manifest), encoding="utf-8")
    lesson1 = "en/01-what-is-personal-information.ipynb"
    _run(dest / lesson1)  # the v1 manifest has no cells fingerprint: in doubt, the run copy is kept beside
    _edit_a_cell(new_version / lesson1)
    acts = actions(copy_course(dest, source=new_version))
    assert acts[START_PAGE] == "updated" and acts[lesson1] == "moved"
    assert (dest / "en" / "01-what-is-personal-information.yours-1.ipynb").is_file()
    assert json.loads((dest / COURSE_MARKER).read_text())["format"] == "pi-lessons.course.v2"


def test_without_a_manifest_a_different_file_is_kept_beside(tmp_path):
    dest = tmp_path / "course"
    (dest / "en" / "05-if-your-information-leaks.ipynb").mkdir(parents=True)  # not a file: never touched
    (dest / START_PAGE).write_text("a learner's own file", encoding="utf-8")
    (dest / COURSE_MARKER).write_text("{not json", encoding="utf-8")
    done = actions(copy_course(dest))
    kept = dest / "en" / "00-start-here.yours-1.ipynb"
    assert done[START_PAGE] == "moved" and kept.read_text(encoding="utf-8") == "a learner's own file"
    lesson5 = "en/05-if-your-information-leaks.ipynb"
    assert done[lesson5] == "kept" and (dest / lesson5).is_dir()
    assert done["en/06-review.ipynb"] == "added"
    assert lesson5 not in json.loads((dest / COURSE_MARKER).read_text())["files"]


def test_progress_goes_into_the_copied_course(tmp_path, monkeypatch):
    dest = tmp_path / "course"
    copy_course(dest)
    monkeypatch.delenv("PI_LESSONS_HOME")
    monkeypatch.chdir(dest / "zh" / "teacher")  # a kernel runs in its notebook's folder
    assert home() == dest / "progress"
    monkeypatch.chdir(tmp_path)
    assert home() == ROOT / "progress"  # no course marker here: the checkout's folder
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path / "elsewhere"))
    monkeypatch.chdir(dest)
    assert home() == tmp_path / "elsewhere"


def test_installed_package_without_a_course_uses_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("PI_LESSONS_HOME")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("lessons.classroom.store.source_checkout", lambda: None)
    monkeypatch.setattr(Path, "home", lambda: tmp_path / "me")
    assert home() == tmp_path / "me" / ".pi-lessons" and not in_installation(home())


@pytest.mark.parametrize("server, module", [("lab", "jupyterlab"), ("voila", "voila")])
def test_lab_and_voila_copy_then_start_the_server_of_this_python(tmp_path, monkeypatch, capsys, server, module):
    started, opened = [], []
    monkeypatch.setattr(course_copy, "serve", lambda cmd, cwd: started.append((cmd, cwd)) or 0)
    monkeypatch.setattr(course_copy, "open_when_up", lambda url, port: opened.append((url, port)))
    monkeypatch.setattr(course_copy.os, "geteuid", lambda: 1000)
    dest = tmp_path / "course"
    assert main([server, str(dest)]) == 0 and main([server, str(dest), "--port", "8899"]) == 0
    (cmd, cwd), (with_port, _) = started
    assert cmd[:3] == [sys.executable, "-m", module] and cwd == dest
    assert find_spec(f"{module}.__main__"), f"python -m {module} must work"
    if server == "lab":
        assert cmd[3:] == [f"--ServerApp.root_dir={dest}", str(dest / START_PAGE)]
        assert with_port == cmd + ["--port=8899"] and opened == []  # JupyterLab opens the start page itself
    else:
        assert (
            cmd[3:5] == [str(dest), *VOILA_OPTIONS][:2] and "--TagRemovePreprocessor.remove_cell_tags=lab-only" in cmd
        )
        assert "--no-browser" in cmd and with_port[-1] == "--port=8899"
        # Voilà would open its file tree: the start page of the language is opened instead, once the server is up.
        assert opened[1] == ("http://localhost:8899/voila/render/en/00-start-here.ipynb", 8899)
    out = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("added") for line in out) == len(course_files())
    assert sum(line.startswith("up to date") for line in out) == len(course_files())  # the second run


def test_jupyter_options_are_passed_on_and_root_gets_allow_root(tmp_path, monkeypatch, capsys):
    started = []
    monkeypatch.setattr(course_copy, "serve", lambda cmd, cwd: started.append(cmd) or 0)
    monkeypatch.setattr(course_copy, "open_when_up", lambda url, port: None)
    monkeypatch.setattr(course_copy.os, "geteuid", lambda: 0)
    dest = tmp_path / "course"
    assert main(["lab", str(dest), "--ServerApp.ip=127.0.0.1", "--no-browser"]) == 0
    assert main(["voila", str(dest), "--Voila.ip=127.0.0.1", "--port", "8899"]) == 0
    lab, voila = started
    assert lab[-3:] == ["--allow-root", "--ServerApp.ip=127.0.0.1", "--no-browser"]
    assert voila[-1] == "--Voila.ip=127.0.0.1" and "--allow-root" not in voila
    capsys.readouterr()
    assert main(["classify", "x.csv", "--ServerApp.ip=1"]) == 2  # only the server commands pass options on
    assert "unrecognized arguments: --ServerApp.ip=1" in capsys.readouterr().err
    assert main(["lab", str(dest), "stray"]) == 2  # a word that is not an option is still an error


def test_voila_prints_the_start_page_address_in_the_chosen_language(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(course_copy, "serve", lambda cmd, cwd: 0)
    monkeypatch.setattr(course_copy, "open_when_up", lambda url, port: None)
    assert main(["voila", str(tmp_path / "c"), "--lang", "zh", "--port", "8899"]) == 0
    out = capsys.readouterr().out
    assert "在浏览器中打开课程：http://localhost:8899/voila/render/zh/00-start-here.ipynb" in out


@pytest.mark.parametrize(
    "words",
    [
        ["--help"],
        ["lab", "--help"],
        ["voila", "--help"],
        ["summary", "--help"],
        ["classify", "--help"],
        ["assess", "--help"],
        ["check", "--help"],
        ["generate", "--help"],
        ["site", "--help"],
        ["class", "--help"],
    ],
)
def test_help_in_chinese_has_no_english_words(words, monkeypatch, capsys):
    """`--lang zh` or a Chinese environment: every help line is Chinese (option names and metavariables aside)."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(words) == 0
    captured = capsys.readouterr()
    text = re.sub(r"-\n\s+", "-", captured.out + captured.err)  # a path argparse wrapped at its hyphen
    assert "用法：" in text and "选项：" in text
    names = "|".join((*COMMANDS, "start", "prepare", "remove-users"))  # what is typed stays as typed
    prose = re.sub(
        rf"--?[\w.-]+|\{{[\w,]+\}}|\$?PI_LESSONS_\w+|\b[A-Z_]{{2,}}\b|pi-lessons|python -m lessons|\b({names})\b|"
        r"\b(CSV|TSV|JSON|UTF-8|BOM|GBK|GB18030|ISO 8601|Voilà|JupyterLab|JupyterHub|Unix|Canvas|Moodle|en|zh)\b"
        r"|data/\w+|docs/[\w./-]+|~/[\w./-]+|\./[\w-]+|https?://[^\s）]*",  # an address is typed as it is
        "",
        re.sub(r"\w+\.json|\w+(,\w+)+", "", text),  # file names, CSV columns
    )
    assert not re.search(r"[A-Za-z]{3,}", prose), prose


def test_argparse_errors_speak_the_chosen_language(capsys):
    assert main(["summary", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert "缺少必需的参数：DIR（见 --help）" in err and "required" not in err
    assert main(["lab", "--lang", "xx"]) == 2
    assert main(["nosuch", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert "参数 COMMAND 的值 'nosuch' 无效" in err and "invalid" in err.splitlines()[0]  # --lang xx: English


def test_lab_opens_the_start_page_of_the_language_chosen_last(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(course_copy, "serve", lambda cmd, cwd: started.append(cmd) or 0)
    monkeypatch.setattr(course_copy.os, "geteuid", lambda: 1000)
    monkeypatch.delenv("PI_LESSONS_HOME")
    dest = tmp_path / "course"
    assert main(["lab", str(dest), "--lang", "zh"]) == 0  # nothing chosen yet: --lang
    (dest / "progress").mkdir()
    (dest / "progress" / "settings.json").write_text('{"language": "en"}', encoding="utf-8")
    assert main(["lab", str(dest), "--lang", "zh"]) == 0  # the learner's choice in the course wins
    (dest / "progress" / "settings.json").write_text('{"language": "xx"}', encoding="utf-8")
    assert main(["lab", str(dest)]) == 0  # a bad setting: the default
    assert [cmd[-1] for cmd in started] == [str(dest / "zh" / "00-start-here.ipynb"), str(dest / START_PAGE),
                                            str(dest / START_PAGE)]


def test_no_open_copies_only_and_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(course_copy, "serve", lambda cmd, cwd: pytest.fail("--no-open must not start a server"))
    monkeypatch.chdir(tmp_path)
    assert main(["lab", "--no-open", "--lang", "zh"]) == 0
    assert (tmp_path / "pi-lessons-course" / START_PAGE).is_file()
    out = capsys.readouterr().out
    assert "已添加" in out and "pi-lessons lab pi-lessons-course" in out


@pytest.mark.parametrize("where", ["file", "shipped", "package", "port"])
def test_bad_course_folder_is_one_line_and_exit_2(tmp_path, capsys, where):
    target = {"file": tmp_path / "f.txt", "shipped": NOTEBOOKS_DIR / "teacher", "package": PACKAGE_DIR / "x",
              "port": tmp_path / "c"}[where]
    (tmp_path / "f.txt").write_text("x")
    argv = ["voila", str(target), "--no-open"] + (["--port", "70000"] if where == "port" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (PACKAGE_DIR / "x").exists() and not (NOTEBOOKS_DIR / "teacher" / COURSE_MARKER).exists()


def test_generate_from_an_installed_package_writes_under_the_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(generate_command, "source_checkout", lambda: None)
    monkeypatch.chdir(tmp_path)
    assert main(["generate"]) == 0
    written = sorted(p.name for p in (tmp_path / "pi-lessons-samples").iterdir())
    assert written == sorted(p.name for p in DATA_DIR.joinpath("samples").iterdir())
    assert main(["generate", "--check", "--out", "pi-lessons-samples"]) == 0


def test_generate_never_writes_into_site_packages(capsys):
    import yaml  # any installed package: its folder is in site-packages
    target = Path(yaml.__file__).parent / "pi-lessons-samples"
    assert main(["generate", "--out", str(target)]) == 2
    assert "inside the installed package" in capsys.readouterr().err and not target.exists()


@pytest.mark.slow  # starts a real JupyterLab server
def test_the_lab_command_line_serves_the_course_folder(tmp_path):
    """The real JupyterLab accepts the command `pi-lessons lab` runs and serves the copied course at its root."""
    dest = tmp_path / "course"
    copy_course(dest)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    extra = [
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=",
        f"--ServerApp.runtime_dir={tmp_path}/rt",
    ]
    proc = subprocess.Popen(course_copy.server_command("lab", dest, port, extra=extra), cwd=dest,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, found = time.monotonic() + 120, None
        while time.monotonic() < deadline and proc.poll() is None and found is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/contents/{START_PAGE}?content=0", timeout=5
                ) as r:
                    found = json.load(r)
            except OSError:
                time.sleep(0.5)
        assert found and found["path"] == START_PAGE and found["type"] == "notebook"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_voila_culls_only_the_kernels_of_closed_pages_and_make_voila_does_the_same():
    options = dict(o.removeprefix("--").split("=", 1) for o in VOILA_OPTIONS)
    assert int(options["MappingKernelManager.cull_idle_timeout"]) > 0
    assert options["MappingKernelManager.cull_connected"] == "False"  # an open page keeps its kernel
    recipe = Path(__file__).parents[1].joinpath("Makefile").read_text().split("\nvoila:", 1)[1].split("\n\n", 1)[0]
    assert all(option in recipe.replace("\\\n", " ") for option in VOILA_OPTIONS), recipe
