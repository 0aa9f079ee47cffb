"""Count the exercise tests that need a widget and the assertions against literal lesson wording.

    python scripts/count_exercise_tests.py [--list] [--tests FOLDER]

``--tests`` counts another copy of the tests, e.g. an older commit's:
``mkdir old && git archive COMMIT tests | tar -x -C old && python scripts/count_exercise_tests.py --tests old/tests``.

Reads the test files by their syntax (nothing is run):

- a test is a **widget test** when it, its decorators, a fixture it asks for or a module-level helper
  it calls uses a name imported from ``ipywidgets`` or ``lessons.widgets`` (or imports one itself);
  every other test runs on models, content and the engine only. A test function counts once, however
  many parameters it is run with.
- an assertion is a **literal-wording assertion** when an ``assert`` compares against a string written in
  the test that reads as lesson wording: a Chinese character (punctuation alone is not), or English
  words with a space, or one capitalised word of four letters or more. Not counted: markup (``<``,
  ``=``, ``{``, ``@``), the assertion's own message, strings only asserted absent (``not in``: they
  cannot break on a rewording),
  and test data (a string, or part of a string, the module also writes outside its assertions, such as
  a learner's name typed into the widget).

Columns: widget and model tests; the same for exercise tests (ex.wid, ex.mod); literal-wording
assertions in widget tests and their helpers (w.view: what a widget shows, the issue's count) and in
all these files (w.all: also the content checks that pin the law's words on purpose, e.g. a rubric
quoting the Criminal Law verbatim).

An **exercise test** is one that uses an exercise's view or model (``EXERCISES``), directly or through
a fixture or helper; the explorer, stepper, pictures and pages are views without an exercise.

``--list`` prints every literal-wording assertion with its file and line.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
FILES = ("test_widgets_*.py", "test_models_*.py", "test_review.py", "test_plan.py", "test_writing_task.py",
         "test_takeaway.py")
CJK = re.compile(r"[\u4e00-\u9fff]")  # a Chinese character (punctuation alone is no wording)
WORDS = re.compile(r"[A-Za-z]{2,}")
MARKUP = re.compile(r"[<={}@]")
# An exercise test uses an exercise's view or model (or a fixture or helper that does).
EXERCISES = {"SelfCheck", "LabellingWidget", "Review", "ScenarioBuilderWidget", "ActionPlan", "CourtCaseQuiz",
             "WritingTask", "ExerciseWidget", "Exercise", "SelfCheckModel", "LabellingModel", "ReviewModel",
             "BuilderModel", "PlanModel", "CasePredictions", "EssayExercise", "Essay", "SavedExercise",
             "CaseBuilder"}


def exercise_test_files(tests: Path = TESTS) -> list[Path]:
    return sorted({p for pattern in FILES for p in tests.glob(pattern)})


def _widget_import(node: ast.AST) -> set[str]:
    """Names bound by an import from ipywidgets or lessons.widgets ('' for a local import inside a function)."""
    if isinstance(node, ast.Import):
        return {a.asname or a.name.split(".")[0] for a in node.names
                if a.name.split(".")[0] == "ipywidgets" or a.name.startswith("lessons.widgets")}
    if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "ipywidgets" \
            or isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lessons.widgets"):
        return {a.asname or a.name for a in node.names}
    return set()


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | \
           {n.arg for n in ast.walk(node) if isinstance(n, ast.arg)}


def _uses(node: ast.AST, names: set[str], widget_imports: bool) -> bool:
    return bool(_names(node) & names) or (widget_imports and any(_widget_import(n) for n in ast.walk(node)))


def _closure(tree: ast.Module, names: set[str], widget_imports: bool) -> set[str]:
    """``names`` and the module-level helpers, fixtures and classes that use one of them."""
    names = set(names)
    defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Assign))]
    changed = True
    while changed:
        changed = False
        for node in defs:
            bound = ({node.name} if not isinstance(node, ast.Assign)
                     else {t.id for t in node.targets if isinstance(t, ast.Name)})
            if not bound <= names and _uses(node, names, widget_imports):
                names |= bound
                changed = True
    return names


def classify(tree: ast.Module) -> dict[str, tuple[bool, bool]]:
    """Test name -> (needs a widget, is about an exercise)."""
    widget_names = _widget_names(tree)
    exercise_names = _closure(tree, EXERCISES, False)
    return {n.name: (_uses(n, widget_names, True), _uses(n, exercise_names, False)) for n in tree.body
            if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}


def _widget_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        names |= _widget_import(node)
    return _closure(tree, names, True)


def widget_lines(tree: ast.Module) -> set[int]:
    """The lines of the module-level functions and classes that need a widget (tests, helpers, fixtures)."""
    names = _widget_names(tree)
    return {line for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))
            and (n.name in names or _uses(n, names, True))
            for line in range(n.lineno, (n.end_lineno or n.lineno) + 1)}


def _is_wording(text: str) -> bool:
    if MARKUP.search(text):
        return False
    return bool(CJK.search(text)) or (" " in text.strip() and bool(WORDS.search(text))) or \
        bool(re.fullmatch(r"[A-Z][a-z]{3,}", text.strip()))


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def wording_asserts(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, literal) of each assertion that compares against literal lesson wording."""
    asserts = [n for n in ast.walk(tree) if isinstance(n, ast.Assert)]
    in_asserts = {id(c) for a in asserts for c in ast.walk(a.test) if isinstance(c, ast.Constant)}
    data = [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in in_asserts
            and not isinstance(n.value, bytes)]
    docstrings = {n.body[0].value.value for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    data = [d for d in data if d not in docstrings]
    found = []
    for a in asserts:
        negative = {id(c) for cmp in ast.walk(a.test) if isinstance(cmp, ast.Compare)
                    and all(isinstance(op, (ast.NotIn, ast.NotEq)) for op in cmp.ops)
                    for c in ast.walk(cmp) if isinstance(c, ast.Constant)}
        for node in ast.walk(a.test):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in negative:
                continue
            text = node.value
            if _is_wording(text) and not any(text.strip() and text.strip() in d for d in data):
                found.append((a.lineno, text))
                break
    return found


def main(argv: list[str]) -> int:
    rows = []
    folder = Path(argv[argv.index("--tests") + 1]) if "--tests" in argv else TESTS
    for path in exercise_test_files(folder):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tests = classify(tree).values()
        wording = wording_asserts(tree)
        view_lines = widget_lines(tree)
        rows.append((path.name, sum(w for w, _ in tests), sum(not w for w, _ in tests),
                     sum(w for w, e in tests if e), sum(not w for w, e in tests if e),
                     sum(line in view_lines for line, _ in wording), len(wording)))
        if "--list" in argv:
            for line, text in wording:
                print(f"{path.name}:{line}: {text!r}")
    head = ("widget", "model", "ex.wid", "ex.mod", "w.view", "w.all")
    print(f"{'file':30}" + "".join(f"{h:>8}" for h in head))
    for name, *counts in rows:
        print(f"{name:30}" + "".join(f"{c:8}" for c in counts))
    totals = [sum(int(r[i]) for r in rows) for i in range(1, 7)]
    print(f"{'total':30}" + "".join(f"{c:8}" for c in totals))
    widget, model, ex_widget, ex_model, in_views, wording_n = totals
    print(f"tests on models only: {model} of {widget + model}; exercise tests (an exercise's model or view) on "
          f"models only: {ex_model} of {ex_widget + ex_model} ({ex_model / max(ex_widget + ex_model, 1):.0%}); "
          f"literal-wording assertions on what a widget shows: {in_views} (in all these files: {wording_n})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
