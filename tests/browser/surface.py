"""Find a lesson widget's controls in the page by the same names as its Python surface.

Every widget carries ``pi-widget-<kind>`` (``Review`` -> ``pi-widget-review``); its parts and buttons
carry ``pi-<name>``, the names ``read(name)``, ``html(name)`` and ``actions`` use in Python. So a
browser interaction reads like a headless test: ``press(review, "check")``, ``part(review, "feedback")``.
"""
from __future__ import annotations


def widget(page, kind: str, index: int = 0):
    """The ``index``-th widget of a kind on the page, e.g. ``widget(page, "review")``."""
    return page.locator(f".pi-widget-{kind}").nth(index)


def part(widget, name: str):
    """A shown part: ``part(review, "feedback")`` is what ``review.read("feedback")`` reads."""
    return widget.locator(f".pi-{name}").first


def press(widget, role: str) -> None:
    """Press a button, as ``widget.check()``/``next()``/``reveal()`` ... do in Python."""
    widget.locator(f"button.pi-{role}").first.click()
