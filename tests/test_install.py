"""The built distributions work outside the checkout: sdist and wheel contents, a wheel in a fresh venv, Binder.

The venv test installs the wheel with --no-deps and borrows the dependencies from this environment's
site-packages through a .pth file (which adds the folders but runs none of their .pth files, so the
checkout's editable-install finder stays inactive); downloading JupyterLab on every run would be too slow.
"""
import json
import os
import re
import shutil
import site
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import nbformat
import pytest
import yaml

from lessons.cli.main import main

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out; `make test` runs it

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SETUPTOOLS = PROJECT["tool"]["setuptools"]
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".ipynb_checkpoints",
                                    "progress", "out", ".pytest_cache", ".hypothesis")


def shipped_files(folder: str) -> set[str]:
    """Every file the distributions must carry from the top-level ``folder``."""
    base = ROOT / folder
    return {
        p.relative_to(base).as_posix()
        for p in base.rglob("*")
        if p.is_file() and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(base).parts)
    }


def run(cmd, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{cmd}\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


def test_every_subpackage_is_listed_for_setuptools():
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "lessons").rglob("__init__.py")}
    shipped = {
        "lessons.data",
        "lessons.notebooks",
        *(
            f"lessons.notebooks.{'.'.join(p.relative_to(ROOT / 'notebooks').parts)}"
            for p in (ROOT / "notebooks").rglob("*")
            if p.is_dir() and not p.name.startswith(".")
        ),
    }
    assert {"lessons.notebooks.en", "lessons.notebooks.zh.teacher"} <= shipped
    assert set(SETUPTOOLS["packages"]) == found | shipped
    assert SETUPTOOLS["package-dir"] == {"lessons.data": "data", "lessons.notebooks": "notebooks"}
    assert PROJECT["project"]["scripts"] == {"pi-lessons": "lessons.cli.main:main"}


@pytest.fixture(scope="module")
def dists(tmp_path_factory):
    """The sdist of a copy of the source, and the wheel built from that sdist (so the sdist must be complete).

    Built without build isolation, with the setuptools that .[test] installs: an isolated build is several
    times slower, and `pip install -e .` (what `make` runs) already builds with the declared requirements.
    """
    src, out = tmp_path_factory.mktemp("src") / "pi-lessons", tmp_path_factory.mktemp("dist")
    shutil.copytree(ROOT, src, ignore=NOT_SOURCE)
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, src])
    (wheel,), (sdist,) = out.glob("*.whl"), out.glob("*.tar.gz")
    return wheel, sdist


def test_sdist_and_wheel_hold_the_data_and_the_notebooks(dists):
    wheel, sdist = dists
    with zipfile.ZipFile(wheel) as z:
        in_wheel = set(z.namelist())
        entry_points = z.read(next(n for n in in_wheel if n.endswith(".dist-info/entry_points.txt"))).decode()
    with tarfile.open(sdist) as t:
        in_sdist = {m.name.split("/", 1)[1] for m in t.getmembers() if m.isfile()}
    for folder in ("data", "notebooks"):
        files = shipped_files(folder)
        assert files and {f"lessons/{folder}/{f}" for f in files} <= in_wheel, folder
        assert {f"{folder}/{f}" for f in files} <= in_sdist, folder
    assert {f"lessons/notebooks/{lang}/{name}" for lang in ("en", "zh")
            for name in ("00-start-here.ipynb", "teacher/class-summary.ipynb")} <= in_wheel
    assert not [n for n in in_wheel | in_sdist if "source/" in n]  # only the built notebooks are shipped
    assert {
        f"lessons/{p.relative_to(ROOT / 'lessons').as_posix()}" for p in (ROOT / "lessons").rglob("*.py")
    } <= in_wheel
    assert {"pyproject.toml", "README.md"} <= in_sdist
    assert not [n for n in in_wheel if n.startswith(("tests/", "progress/", "data/", "notebooks/"))]
    assert re.search(r"^pi-lessons = lessons\.cli\.main:main$", entry_points, re.M)


@pytest.fixture(scope="module")
def venv(dists, tmp_path_factory):
    """A fresh venv outside the checkout with only the wheel installed; dependencies borrowed (see above)."""
    base = tmp_path_factory.mktemp("wheel-venv")
    assert ROOT not in base.parents
    env_dir = base / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", env_dir])
    python = env_dir / "bin" / "python"
    purelib = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (purelib / "borrowed-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", dists[0]])
    work, home = base / "work", base / "home"
    work.mkdir(), home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PI_LESSONS_HOME", "VIRTUAL_ENV") and not k.startswith("JUPYTER")}
    env["HOME"] = str(home)
    return {"python": python, "bin": env_dir / "bin", "purelib": purelib, "work": work, "env": env}


def in_venv(venv, *cmd, **kwargs) -> subprocess.CompletedProcess:
    return run(cmd, cwd=venv["work"], env=venv["env"], **kwargs)


def test_the_wheel_not_the_checkout_is_imported(venv):
    code = ("import sys, lessons, lessons.content.reader as r\n"
            "print(lessons.__file__); print(r.DATA_DIR); print(r.source_checkout())\n"
            "print([type(f).__module__ for f in sys.meta_path if 'editable' in type(f).__module__])")
    lines = in_venv(venv, venv["python"], "-c", code).stdout.splitlines()
    assert Path(lines[0]) == venv["purelib"] / "lessons" / "__init__.py"
    assert Path(lines[1]) == venv["purelib"] / "lessons" / "data"
    assert lines[2:] == ["None", "[]"]


def test_console_commands_work_from_the_installed_wheel(venv, tmp_path, capsys):
    cli = venv["bin"] / "pi-lessons"
    assert "content OK" in in_venv(venv, cli, "check").stdout
    sample = venv["purelib"] / "lessons" / "data" / "samples" / "shop_orders.csv"
    classified = json.loads(in_venv(venv, cli, "classify", sample, "--json").stdout)
    assert main(["classify", str(ROOT / "data" / "samples" / "shop_orders.csv"), "--json"]) == 0
    assert classified == json.loads(capsys.readouterr().out) and classified["rows"] > 0
    case = venv["work"] / "case.json"
    case.write_text(json.dumps({"conduct": "sell_or_provide", "pieces": {"tier_50": 30}, "obtained_in_duties": True}))
    assessed = json.loads(in_venv(venv, cli, "assess", case, "--json", "--lang", "zh").stdout)
    assert main(["assess", str(case), "--json", "--lang", "zh"]) == 0
    assert assessed == json.loads(capsys.readouterr().out) and assessed["format"] == "pi-lessons.assess.v1"
    bad = subprocess.run(
        [cli, "classify", "missing.csv"], capture_output=True, text=True, cwd=venv["work"], env=venv["env"]
    )
    assert bad.returncode == 2 and bad.stderr.startswith("pi-lessons classify: ") and bad.stderr.count("\n") == 1
    # generate writes under the current folder, never into the installed package
    before = sorted((venv["purelib"] / "lessons" / "data" / "samples").iterdir())
    in_venv(venv, cli, "generate")
    assert sorted(p.name for p in (venv["work"] / "pi-lessons-samples").iterdir()) == [p.name for p in before]
    assert sorted((venv["purelib"] / "lessons" / "data" / "samples").iterdir()) == before


def test_lab_copies_a_course_whose_notebooks_run_on_the_wheel(venv):
    cli, course = venv["bin"] / "pi-lessons", venv["work"] / "my-course"
    out = in_venv(venv, cli, "lab", course, "--no-open").stdout
    assert out.count("added") == len(shipped_files("notebooks")) and (course / ".pi-lessons-course.json").is_file()
    for lang in ("en", "zh"):
        assert (course / lang / "00-start-here.ipynb").read_bytes() == (
            ROOT / "notebooks" / lang / "00-start-here.ipynb"
        ).read_bytes()
    # Run the copied start page headless in a kernel of the new venv, plus one cell that says where it ran.
    in_venv(
        venv,
        venv["python"],
        "-m",
        "ipykernel",
        "install",
        "--prefix",
        venv["python"].parents[1],
        "--name",
        "pi-lessons-wheel",
    )
    script = venv["work"] / "execute.py"
    script.write_text(
        "import sys, nbformat\nfrom nbclient import NotebookClient\n"
        "nb = nbformat.read(sys.argv[1], as_version=4)\n"
        "nb.cells.append(nbformat.v4.new_code_cell("
        "'import sys, lessons\\nfrom lessons.classroom.store import home\\n'\n"
        "                                          'print(sys.executable); print(lessons.__file__); print(home())'))\n"
        "NotebookClient(nb, timeout=300, kernel_name='pi-lessons-wheel', "
        "resources={'metadata': {'path': sys.argv[2]}}).execute()\n"
        "nbformat.write(nb, sys.argv[3])\n"
    )
    executed = venv["work"] / "executed.ipynb"
    in_venv(venv, venv["python"], script, course / "zh" / "00-start-here.ipynb", course / "zh", executed)
    nb = nbformat.read(executed, as_version=4)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    where = nb.cells[-1].outputs[0].text.splitlines()
    assert [Path(w).resolve() for w in where] == [
        venv["python"].resolve(),
        (venv["purelib"] / "lessons" / "__init__.py").resolve(),
        (course / "progress").resolve(),
    ]


def test_binder_builds_from_environment_yml_with_the_pinned_python_and_the_package():
    done = run([sys.executable, "-m", "repo2docker", "--no-build", "--debug", ROOT], cwd=ROOT)
    dockerfile, log = done.stdout, done.stderr
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python=")).split("=")[1]
    assert f"Building conda environment for python={python}" in log
    lock = f"environment.py-{python}-linux-64.lock"  # the base environment of that Python; COPY names it escaped
    assert lock in dockerfile or lock.replace("-", "-2d").replace(".", "-2e") in dockerfile
    update = re.search(r'env update .*--file "?environment\.yml', dockerfile)
    copy = re.search(r"^COPY .*\bsrc/ \$\{REPO_DIR\}/", dockerfile, re.M)
    # environment.yml installs the package (pip: -e .), so the repository must be in the image before it
    assert "-e ." in next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert update and copy and copy.start() < update.start()
