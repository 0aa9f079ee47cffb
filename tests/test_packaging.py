"""environment.yml is pyproject.toml's runtime (no test tools); the domain must not need widgets."""
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def names(requirements) -> set[str]:
    return {re.split(r"[<>=!~ \[;]", r, maxsplit=1)[0].strip().lower().replace("_", "-") for r in requirements}


def test_environment_is_the_runtime_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    runtime, test_only = project["dependencies"] + extras["lab"], extras["test"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "conda-forge" in env["channels"]
    # The same packages with the same version ranges, and nothing a learner's image does not need.
    spaced = {r.split(";")[0].replace(" ", "") for r in runtime}  # conda has no environment markers
    assert {d.replace(" ", "") for d in conda if names([d]) - {"python", "pip"}} == spaced
    tools = names(test_only) - {"pi-lessons"}  # the test extra also installs the package's own extras
    assert not names(conda + pip) & tools, "test tools belong in .[test], not in environment.yml"
    python = [d for d in conda if re.fullmatch(r"python=3\.\d+", d)]
    assert python, "Python must be pinned (python=3.N) for Binder"
    minimum = re.fullmatch(r">=3\.(\d+)", project["requires-python"]).group(1)
    assert int(python[0].split(".")[1]) >= int(minimum), "the pinned Python must satisfy requires-python"
    assert pip == ["-e ."], "environment.yml must install the package itself, and only that, with pip"


def test_importing_has_no_side_effects(tmp_path):
    code = "import lessons, lessons.widgets.base, lessons.widgets.clause_views; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert out.stdout == "ok\n" and list(tmp_path.iterdir()) == []


def test_the_kernel_needs_only_pure_python_packages():
    """The browser's kernel (Pyodide) resolves the package's own requirements: no JupyterLab, Voila or pandas
    there (they are the `lab` extra), and the test extra still installs everything."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert names(project["dependencies"]) == {"ipywidgets", "anywidget", "pyyaml", "filelock"}
    assert {"jupyterlab", "voila", "pandas"} <= names(project["optional-dependencies"]["lab"])
    assert "pi-lessons[lab,site]" in project["optional-dependencies"]["test"]


def test_a_missing_server_says_which_extra_to_install(tmp_path):
    """`pi-lessons lab` / `voila` without the `lab` extra: one line naming the install, not Python's error."""
    import pytest

    from lessons.cli.course_copy import serve
    from lessons.content.errors import LessonsError

    with pytest.raises(LessonsError, match=r'no_such_server is not installed: pip install "pi-lessons\[lab\]"'):
        serve([sys.executable, "-m", "no_such_server"], tmp_path)
