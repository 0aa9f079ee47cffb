"""Tests talk to widgets the way a learner does: through their public surface, never their insides.

An ``ast`` scan of every test file: ``<expr>._name`` is an error unless ``<expr>`` is ``self`` (a test's
own helper class) or the access is on the allow-list below, each with its reason. Dunder names
(``type(x).__name__``) are Python's own protocol, not a widget's insides.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

# (file relative to tests/, attribute): why it is not a widget's private child.
ALLOWED = {
    ("test_content.py", "_render_traceback_"): "IPython's hook on an exception class, not a widget",
    (
        "test_counting.py",
        "_codes",
    ): "the duplicate test's overflow guard is reached only by faking a column's count of values",
    ("test_widgets_redraws.py", "_render"): "counts redraws per answer (the one render path); reads no child",
}


def private_accesses(source: str, filename: str) -> list[tuple[int, str]]:
    """(line, "expr._name") for every access to a single-underscore attribute not on ``self``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) >= 2
                and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
                and node.args[1].value.startswith("_") and not node.args[1].value.startswith("__")):
            found.append((node.lineno, f"{ast.unparse(node.args[0])}.{node.args[1].value}"))  # getattr(w, "_x")
            continue
        if not isinstance(node, ast.Attribute) or not node.attr.startswith("_") or node.attr.startswith("__"):
            continue
        if isinstance(node.value, ast.Name) and node.value.id == "self":
            continue
        found.append((node.lineno, f"{ast.unparse(node.value)}.{node.attr}"))
    return found


def test_no_test_reaches_into_a_widget():
    offences = []
    for path in sorted(TESTS.rglob("*.py")):
        rel = path.relative_to(TESTS).as_posix()
        for line, access in private_accesses(path.read_text(encoding="utf-8"), rel):
            if (rel, access.rsplit(".", 1)[1]) not in ALLOWED:
                offences.append(f"{rel}:{line}: {access}")
    assert not offences, "use the widget's public surface instead:\n" + "\n".join(offences)


@pytest.mark.parametrize("source, expected", [
    ("r._feedback.value", [(1, "r._feedback")]),
    ("quiz._rows['q01'][1].value = 'x'", [(1, "quiz._rows")]),
    ("getattr(w, 'x')\nw.children[1]._dom_classes", [(2, "w.children[1]._dom_classes")]),
    ("getattr(w, '_save_md').click()", [(1, "w._save_md")]),
    ("getattr(w, '__class__')", []),
    ("self._answer.value = 'a'", []),
    ("type(item).__name__", []),
    ("r.feedback()", []),
])
def test_the_scan_finds_private_accesses(source, expected):
    assert private_accesses(source, "example.py") == expected


def test_allow_list_entries_are_still_needed():
    """A stale allow-list entry would hide a future private access of the same name."""
    used = {(path.relative_to(TESTS).as_posix(), access.rsplit(".", 1)[1])
            for path in TESTS.rglob("*.py")
            for _, access in private_accesses(path.read_text(encoding="utf-8"), path.relative_to(TESTS).as_posix())}
    assert set(ALLOWED) <= used


# -- the shared surface itself --------------------------------------------------------------------

def test_plain_text_is_what_a_reader_sees():
    from lessons.widgets.controls import plain_text

    assert plain_text("<p><b>1.</b> Which   tier?</p><p>A &amp; B</p><style>p{}</style>") == "1. Which tier?\nA & B"
    assert plain_text("") == ""


def test_reading_a_part_the_widget_lacks_is_an_error(content):
    from lessons.widgets.start_page import StartHere

    start = StartHere(content, lang="en", remember_language=False)
    assert "course list" in start.read("view") and start.title
    with pytest.raises(KeyError, match="no part 'veiw'"):
        start.read("veiw")  # a typo must not read as an empty, "nothing shown" string
    with pytest.raises(KeyError, match="not HTML"):
        start.html("lang")  # the language switch is a control: html() of it would always be ""


def test_hidden_parts_read_empty_and_hidden_buttons_cannot_be_pressed(content, tmp_path):
    from lessons.classroom.progress import Progress
    from lessons.widgets.review_quiz import Review

    r = Review(content, lang="en", progress=Progress(tmp_path, learner="Wu Fang"), remember_language=False)
    assert r.read("learner-name") == ""  # the name box is hidden once a learner is known
    assert "start-fresh-confirm" not in r.actions and "start-fresh-confirm" in r.buttons
    with pytest.raises(ValueError, match="not available"):
        r.confirm()  # there is nothing to confirm before "Start fresh"
    with pytest.raises(ValueError, match="name box is not shown"):
        r.enter_name("Someone Else")


def test_every_widget_class_has_its_own_css_name():
    import importlib
    import pkgutil

    import lessons.widgets
    from lessons.widgets.base import ExerciseWidget, LessonWidget, widget_css

    classes = set()
    for info in pkgutil.iter_modules(lessons.widgets.__path__):
        module = importlib.import_module(f"lessons.widgets.{info.name}")
        classes |= {c for c in vars(module).values() if isinstance(c, type) and issubclass(c, LessonWidget)
                    and c not in (LessonWidget, ExerciseWidget) and not c.__name__.startswith("_")}
    names = [widget_css(c) for c in classes]
    assert len(classes) >= 14 and len(set(names)) == len(names)
    assert widget_css(next(c for c in classes if c.__name__ == "ScenarioBuilderWidget")) == "pi-widget-scenario-builder"


def _widget_classes():
    import importlib
    import pkgutil

    import lessons.widgets
    from lessons.widgets.base import ExerciseWidget, LessonWidget

    found = {}
    for info in pkgutil.iter_modules(lessons.widgets.__path__):
        module = importlib.import_module(f"lessons.widgets.{info.name}")
        for c in vars(module).values():
            if (isinstance(c, type) and issubclass(c, LessonWidget) and c.__module__ == module.__name__
                    and c not in (LessonWidget, ExerciseWidget) and not c.__name__.startswith("_")):
                found[c.__name__] = c
    return [found[name] for name in sorted(found)]


def _documented(cls) -> tuple[set[str], set[str]]:
    """(parts, methods) that the docstrings of ``cls`` and its widget base classes promise."""
    import re

    parts, methods = set(), set()
    for base in cls.__mro__:
        doc = " ".join((base.__doc__ or "").split()) if base.__module__.startswith("lessons.widgets") else ""
        for listed in re.findall(r"\bparts? ((?:``[\w-]+``(?:, | and )?)+)", doc):
            parts |= set(re.findall(r"``([\w-]+)``", listed))
        methods |= set(re.findall(r"``(\w+)\(", doc.partition("Public surface:")[2]))
    return parts, methods


@pytest.mark.parametrize("cls", _widget_classes(), ids=lambda c: c.__name__)
def test_every_widget_documents_a_surface_that_exists(cls, content, tmp_path, monkeypatch):
    """What a widget's docstring promises (parts to read, methods to call) is really there."""
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    parts, methods = _documented(cls)
    assert parts, f"{cls.__name__} documents no part to read"
    widget = cls(content=content, lang="en", remember_language=False)
    for part in parts | {"title"}:
        widget.read(part)  # raises KeyError for a part the widget lacks
    missing = [m for m in methods if not callable(getattr(widget, m, None))]
    assert not missing, f"{cls.__name__} documents {missing} but has no such method"
