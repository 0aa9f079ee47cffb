"""The static site's pieces that need no browser: what the browser's Python can import, the lessons as the
site serves them, the Pyodide lock written for exactly the wheels given, and the lesson pages' changes.
The whole site in a real browser: tests/browser/test_site.py."""
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lessons.cli import site_assets
from lessons.cli.main import COMMANDS, main
from lessons.cli.site_assets import SiteBuildError, stand_in_wheel, write_pyodide
from lessons.cli.site_command import build, learner_notebooks, site_notebook
from lessons.cli.site_pages import LOADING_ID, patch_lesson_page

# As in Pyodide: no libyaml, no numpy, pandas or pyarrow (sys.modules[name] = None makes importing it fail).
BROWSER_LIKE = 'import sys\nfor name in ("yaml._yaml", "numpy", "pandas", "pyarrow"):\n    sys.modules[name] = None\n'


def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PI_LESSONS_HOME": str(tmp_path / "home")}
    return subprocess.run([sys.executable, "-c", BROWSER_LIKE + code], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=600)


def test_content_loads_with_a_pyyaml_built_without_libyaml(tmp_path):
    done = run_python("import yaml\nassert not yaml.__with_libyaml__\nfrom lessons.content.course import load_content\n"
                      "print(load_content().text('site.title', 'zh'))", tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "个人信息保护课程"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_learner_lesson_runs_without_pandas_numpy_or_libyaml(tmp_path, lang):
    """Each lesson's code cells, as the site serves them, in a Python that cannot import pandas: the
    browser's kernel. (A new import of pandas on a lesson's path fails here before it fails in a browser.)"""
    cells = {name: ["\n".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                    for c in site_notebook(path)["cells"] if c["cell_type"] == "code"]
             for name, path in learner_notebooks().items() if name.startswith(f"{lang}/")}
    assert len(cells) >= 7
    code = ("import json\nfor name, sources in json.loads(sys.argv[1]).items():\n"
            "    scope = {}\n    for source in sources:\n        exec(compile(source, name, 'exec'), scope)\n"
            "print(sorted(m for m in ('pandas', 'numpy') if sys.modules.get(m) is not None))")
    env = {**os.environ, "PI_LESSONS_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", BROWSER_LIKE + code, json.dumps(cells)], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("[]")


def test_the_site_serves_the_learner_lessons_without_outputs_or_jupyterlab_instructions():
    notebooks = learner_notebooks()
    assert sorted({name.split("/")[0] for name in notebooks}) == ["en", "zh"]
    assert not [name for name in notebooks if "teacher" in name]
    removed = 0
    for path in notebooks.values():
        original = json.loads(path.read_text(encoding="utf-8"))
        served = site_notebook(path)
        assert served["metadata"]["kernelspec"]["name"] == "python"  # the browser's (Pyodide) kernel
        assert all(not c.get("outputs") for c in served["cells"])
        assert not [c for c in served["cells"] if "lab-only" in c["metadata"].get("tags", [])]
        removed += len(original["cells"]) - len(served["cells"])
    assert removed >= 10  # each language has JupyterLab-only cells, so the check above checks something


def fake_wheel(folder: Path, name: str, requires: list[str], module: str | None = None) -> Path:
    wheel = folder / f"{name}-1.0-py3-none-any.whl"
    info = f"{name}-1.0.dist-info"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr(f"{info}/METADATA", "Metadata-Version: 2.1\nName: " + name + "\nVersion: 1.0\n"
                   + "".join(f"Requires-Dist: {r}\n" for r in requires))
        z.writestr(f"{module or name}/__init__.py", "")
    return wheel


@pytest.fixture
def core(tmp_path):
    folder = tmp_path / "core"
    folder.mkdir()
    for file in site_assets.CORE_FILES:
        (folder / file).write_text("core")
    lock = {"info": {"version": "0.27.6"}, "packages": {"numpy": {"name": "numpy", "file_name": "numpy-cp312.whl"}}}
    (folder / "pyodide-lock.json").write_text(json.dumps(lock))
    return folder


def test_the_lock_lists_exactly_the_wheels_the_kernel_needs_with_their_hashes(tmp_path, core):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    given = [fake_wheel(wheels, "pi_lessons", ["ipywidgets>=8", "pandas>=2; extra == 'lab'"], module="lessons"),
             fake_wheel(wheels, "ipywidgets", ["comm>=0.1", "widgetsnbextension~=4.0", "jupyterlab_widgets~=3.0"]),
             fake_wheel(wheels, "comm", ["pywin32; sys_platform == 'win32'", "tomli; python_version < '3.11'"]),
             fake_wheel(wheels, "unused", [])]
    out = tmp_path / "static" / "pyodide"
    assert write_pyodide(out, core, given, ["pi-lessons"]) == ["comm", "ipywidgets", "pi-lessons"]
    lock = json.loads((out / "pyodide-lock.json").read_text())
    assert lock["info"] == {"version": "0.27.6"} and sorted(lock["packages"]) == ["comm", "ipywidgets", "pi-lessons"]
    course = lock["packages"]["pi-lessons"]
    assert course["imports"] == ["lessons"] and course["depends"] == ["ipywidgets"]  # extras are not installed
    assert lock["packages"]["ipywidgets"]["depends"] == ["comm"]  # JupyterLab's share of it stays out of the kernel
    assert lock["packages"]["comm"]["depends"] == []  # markers read for Pyodide's Python 3.12 on emscripten
    for entry in lock["packages"].values():
        assert entry["sha256"] == hashlib.sha256((out / entry["file_name"]).read_bytes()).hexdigest()
    assert not (out / "unused-1.0-py3-none-any.whl").exists()
    assert all((out / file).read_text() == "core" for file in site_assets.CORE_FILES)


def test_a_requirement_without_a_wheel_stops_the_build(tmp_path, core):
    """Otherwise the browser would try to fetch it from a CDN."""
    wheel = fake_wheel(tmp_path, "pi_lessons", ["ipywidgets>=8"], module="lessons")
    with pytest.raises(SiteBuildError, match="ipywidgets"):
        write_pyodide(tmp_path / "out", core, [wheel], ["pi-lessons"])


def test_a_stand_in_is_an_empty_distribution(tmp_path):
    with zipfile.ZipFile(stand_in_wheel(tmp_path, "sqlite3")) as z:
        names = z.namelist()
    assert names and all(n.startswith("sqlite3-0.dist-info/") for n in names)


@pytest.mark.parametrize("lang, words", [("en", "Starting Python"), ("zh", "正在浏览器中启动")])
def test_a_lesson_page_says_python_is_starting_in_its_language_and_asks_no_other_host(tmp_path, lang, words):
    page = tmp_path / "lesson.html"
    page.write_text('<html lang="en"><head>'
                    '<link rel="stylesheet" href="https://cdn.example.org/fa.css" type="text/css" />'
                    '<script>{"pyodideUrl": "./static/pyodide/pyodide.js", "pipliteUrls": ["./extensions/x/all.json"]}'
                    '</script></head><body class="x"><p><a href="02-classify-leaked-data.ipynb">2</a>'
                    '<a href="../zh/01-what-is-personal-information.ipynb">zh</a></p></body></html>')
    patch_lesson_page(page, lang)
    text = page.read_text()
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in text
    assert "https://" not in text and "cdn." not in text
    assert '"../../../static/pyodide/pyodide.js"' in text and '"../../../extensions/x/all.json"' in text
    assert f"<body class=\"x\"><div id='{LOADING_ID}' role='status'" in text and words in text
    assert "<span class='pi-loading-time' aria-hidden='true'>" in text  # not read out at every tick
    assert 'href="02-classify-leaked-data.html"' in text and 'href="../zh/01-what-is-personal-information.html"' in text


def test_site_is_a_command(capsys):
    assert "site" in COMMANDS
    try:
        code = main(["site", "--help"])
    except SystemExit as exit_:
        code = exit_.code
    assert code == 0
    assert "static website" in capsys.readouterr().out
    try:
        main(["site", "--help", "--lang", "zh"])
    except SystemExit:
        pass
    assert "静态网站" in capsys.readouterr().out


def test_the_front_door_links_both_languages_and_keeps_jupyterlites_root_marker():
    from lessons.cli.site_pages import front_door

    page = front_door()
    assert "href='en.html'" in page and "href='zh.html'" in page and "lang='zh-CN'" in page
    # JupyterLab (lab/index.html) reads this element from the page above it, or fails to start
    assert '<script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">{}</script>' in page


def test_the_site_never_replaces_a_folder_that_is_not_a_site(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SiteBuildError, match="is not a site built by pi-lessons site"):
        build(tmp_path, tmp_path / "cache")
    assert (tmp_path / "notes.txt").read_text() == "mine" and not (tmp_path / "cache").exists()


def test_the_courses_requirements_in_the_kernel_leave_filelock_out(tmp_path):
    wheel = fake_wheel(tmp_path, "pi_lessons", ["ipywidgets<9,>=8.1", "filelock>=3.12; sys_platform != 'emscripten'",
                                                "jupyterlab>=4.2; extra == 'lab'"], module="lessons")
    assert site_assets.kernel_requirements(wheel) == ["ipywidgets<9,>=8.1"]


def test_an_answer_is_saved_before_its_feedback_is_drawn(content):
    """In the browser a save takes several round trips to the browser's storage, and a learner may reload or close
    the page as soon as the feedback shows: the answer must be kept by then (a save after the drawing was cut
    off by the reload, and the answer was lost)."""
    from lessons.classroom.progress import Progress
    from lessons.classroom.progress_store import MemoryStore
    from lessons.widgets.selfcheck_quiz import SelfCheck

    shown_when_saved: list[str] = []

    class Recording(MemoryStore):
        def update(self, who, change):
            records = super().update(who, change)
            shown_when_saved.append(quiz.read("feedback"))  # what the card showed when the answer reached the store
            return records

    progress = Progress(store=Recording(), learner="Site Tester")
    quiz = SelfCheck(content, lang="en", progress=progress, remember_language=False)
    qid = quiz.question_ids[-1]
    quiz.answer(qid, quiz.choices(qid)[1][1])
    assert quiz.read("feedback") == quiz.feedback(qid) != "", "the feedback is drawn after the answer"
    assert shown_when_saved and shown_when_saved[0] == "", shown_when_saved  # saved before it was drawn
    assert progress.exercise("lesson1.selfcheck")["answers"] == {qid: quiz.chosen(qid)}


def test_reading_a_progress_file_in_the_browser_opens_it_read_only(tmp_path, monkeypatch):
    """JupyterLite's drive writes a file back when it is closed unless it was opened plainly read-only (a
    non-blocking read wrote the file it read, undoing a save another tab made meanwhile)."""
    from lessons.classroom import records

    path = tmp_path / "learner.json"
    path.write_text("{}", encoding="utf-8")
    opened: list[int] = []
    real_open = os.open
    monkeypatch.setattr(records.os, "open", lambda p, flags, *a: opened.append(flags) or real_open(p, flags, *a))
    monkeypatch.setattr(records.sys, "platform", "emscripten")
    assert records.read_bounded(path) == b"{}"
    assert opened and not opened[0] & os.O_NONBLOCK and opened[0] & os.O_ACCMODE == os.O_RDONLY


def test_the_snapshot_imports_what_the_lessons_code_cells_import():
    from lessons.cli.site_snapshot import lesson_imports

    cell = {"cell_type": "code", "source": ["import ipywidgets as w, json\n", "from lessons.widgets.page import Page\n",
                                            "from . import nothing\n"]}
    notebooks = [{"cells": [cell, {"cell_type": "markdown", "source": "import pandas"},
                            {"cell_type": "code", "source": "%pip install x\nimport numpy"}]}]
    assert lesson_imports(notebooks) == ["ipywidgets", "json", "lessons.widgets.page"]
    every = lesson_imports([site_notebook(path) for path in learner_notebooks().values()])
    assert "lessons.widgets.page" in every and not [m for m in every if m.split(".")[0] in ("pandas", "numpy")]


def test_the_kernels_workers_are_patched_to_restore_the_snapshot_or_start_as_before():
    """In the JupyterLab extension the site copies: each worker that starts Pyodide fetches the snapshot beside it,
    and starts Python as before when that fails. (A new kernel version with another call stops the build.)"""
    from jupyter_core.paths import jupyter_path

    from lessons.cli.site_snapshot import _WORKER_CALL, patch_worker

    folders = [Path(p) / "@jupyterlite" / "pyodide-kernel-extension" / "static" for p in jupyter_path("labextensions")]
    folder = next(f for f in folders if f.is_dir())
    patched = 0
    for script in folder.glob("*.js"):
        text = script.read_text(encoding="utf-8")
        new = patch_worker(text, "snapshot-0123456789abcdef.bin")
        calls = len(_WORKER_CALL.findall(text))
        assert not _WORKER_CALL.search(new)  # every call patched
        if calls:
            patched += 1
            fetch = 'fetch(new URL("snapshot-0123456789abcdef.bin",new URL(o.indexURL,self.location.href)))'
            assert new.count(fetch) == calls
            assert "_loadSnapshot:snapshot" in new and "return load(o)})(" in new  # the way back without it
            assert "random.seed()" in new  # each page draws its own random numbers
    assert patched >= 2  # the worker for each of the kernel's two ways of talking to the page
