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
}


def private_accesses(source: str, filename: str) -> list[tuple[int, str]]:
    """(line, "expr._name") for every access to a single-underscore attribute not on ``self``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
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
