"""The package's shape: capability subpackages, imports that point down, no repeated module names,
no widgets in the domain, and every number of the law read from the one threshold file."""
import ast
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from lessons.classify.counting import Pieces
from lessons.content.course import load_content
from lessons.content.reader import CONTENT_DIR
from lessons.content.thresholds import load_thresholds

PACKAGE = Path(__file__).resolve().parents[1] / "lessons"
# Lower layers never import higher ones; a subpackage may import itself and anything below.
LAYERS = {"content": 0, "classify": 1, "engine": 1, "classroom": 2, "widgets": 3, "server": 3, "cli": 4}
DOMAIN = ("content", "classify", "engine", "classroom")


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(path: Path) -> set[str]:
    """The lessons modules a file imports, at any depth of the file (deferred imports count too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("lessons")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("lessons"):
            known = modules()
            for a in node.names:  # "from lessons.classroom import review" imports a module, not a name
                found.add(f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: use absolute imports (from lessons.x.y import ...)")
    return found


def subpackage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else None


def test_every_module_sits_in_a_capability_subpackage():
    loose = [m for m in modules() if m.count(".") == 1 and subpackage(m) is None]
    assert sorted(loose) == ["lessons.__main__"], loose
    assert {subpackage(m) for m in modules()} - {None} == set(LAYERS)


def test_no_two_modules_share_a_name():
    names = Counter(p.name for p in PACKAGE.rglob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert [n for n, k in names.items() if k > 1] == []


def test_imports_point_down():
    wrong = []
    for module, path in modules().items():
        mine = subpackage(module)
        for target in imports(path):
            theirs = subpackage(target)
            if mine and theirs and theirs != mine and LAYERS[theirs] >= LAYERS[mine]:
                wrong.append(f"{module} -> {target}")
            if mine and theirs is None and target != "lessons":
                wrong.append(f"{module} -> {target}")
            if mine and target == "lessons":
                wrong.append(f"{module} imports the package root (which imports content): import from the subpackage")
    assert wrong == []


def test_no_import_cycles():
    graph = {m: {t for t in imports(p) if t in modules() and t != m} for m, p in modules().items()}
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in graph[node]:
            if state.get(nxt) == "open":
                raise AssertionError(" -> ".join(trail + [node, nxt]))
            if nxt not in state:
                visit(nxt, trail + [node])
        state[node] = "done"

    for m in graph:
        if m not in state:
            visit(m, [])


def test_domain_subpackages_import_no_widgets():
    domain = sorted(m for m in modules() if subpackage(m) in DOMAIN)
    assert len(domain) > 20
    code = f"import sys, importlib\nfor m in {domain!r}: importlib.import_module(m)\nprint('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_no_number_of_the_law_is_written_in_the_code():
    """Pieces and yuan thresholds live in thresholds.yaml only; a literal copy in code could drift.

    1,000 (the minimum fine in yuan) is too common a count to look for outside the engine, which applies it.
    """
    th = load_thresholds()
    law = {t.value for t in th.values() if t.unit in ("pieces", "yuan")}
    not_law = {("classify/tables.py", 1000000): "bytes read to sniff a table's encoding",
               ("content/reader.py", 50): "most YAML aliases a content file may use",
               ("engine/facts.py", 100000): "most buyers one case may list",
               ("cli/assess_command.py", 1000000): "bytes per MB in a message",
               ("widgets/upload_table.py", 1000000): "bytes per MB in a message"}
    found = []
    for path in PACKAGE.rglob("*.py"):
        where = path.relative_to(PACKAGE).as_posix()
        numbers = law if where.startswith("engine/") else law - {th.value("fine_minimum")}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and type(node.value) is int and node.value in numbers:
                if (where, node.value) not in not_law:
                    found.append(f"{where}:{node.lineno}: {node.value}")
    assert found == []


@pytest.fixture
def changed_law(tmp_path, monkeypatch):
    """A copy of the content in which the 500-piece tier is 400 pieces, loaded wherever thresholds are read."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    path = root / "thresholds.yaml"
    text = path.read_text(encoding="utf-8")
    assert "- id: tier_500\n  value: 500\n" in text
    path.write_text(text.replace("- id: tier_500\n  value: 500\n", "- id: tier_500\n  value: 400\n"), encoding="utf-8")
    changed = load_thresholds(path)
    monkeypatch.setattr("lessons.classify.pieces.load_thresholds", lambda: changed)
    return root


def test_tiers_and_counting_follow_the_threshold_file(changed_law):
    assert load_content(changed_law).tiers["tier_500"].threshold == 400
    assert load_content().tiers["tier_500"].threshold == 500
    pieces = Pieces(rows=400, duplicates_removed=0, pieces={"tier_50": 0, "tier_500": 400, "tier_5000": 0},
                    without_personal_information=0)
    assert pieces.proportional_score == 1 and pieces.level == "serious"


MODEL_TESTS = sorted(Path(__file__).resolve().parent.glob("test_models_*.py"))


def widget_imports(path: Path) -> list[str]:
    """Imports of ipywidgets or lessons.widgets anywhere in a file (deferred imports inside tests too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        found += [f"{path.name}:{node.lineno}: {n}" for n in names
                  if n.split(".")[0] == "ipywidgets" or n.startswith("lessons.widgets")]
    return found


def test_widget_import_scan_finds_a_deferred_import(tmp_path):
    sample = tmp_path / "test_models_sample.py"
    sample.write_text("def test_x():\n    from lessons.widgets.base import plain_text\n    import ipywidgets as w\n",
                      encoding="utf-8")
    assert widget_imports(sample) == ["test_models_sample.py:2: lessons.widgets.base",
                                      "test_models_sample.py:3: ipywidgets"]


def test_model_tests_run_without_ipywidgets():
    """The model tests (tests/test_models_*.py) never import a widget: they import with ipywidgets blocked."""
    assert len(MODEL_TESTS) >= 5
    assert [found for path in MODEL_TESTS for found in widget_imports(path)] == []
    code = ("import importlib.util, sys\n"
            "sys.modules['ipywidgets'] = None  # any import of it fails\n"
            f"for path in {[str(p) for p in MODEL_TESTS]!r}:\n"
            "    spec = importlib.util.spec_from_file_location('model_test', path)\n"
            "    spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
            "print(sorted(m for m in sys.modules if m.startswith('lessons.widgets')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
