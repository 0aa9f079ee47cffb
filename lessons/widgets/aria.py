"""The course's ARIA and page CSS: one invisible child of every lesson widget.

ipywidgets 8.1 cannot set ARIA attributes from Python, so ``Aria`` (an anywidget: no build, works in
JupyterLab and Voilà) runs ``aria.js``, which finds its widget root and keeps ``aria-pressed``,
radio groups, live regions and ``lang`` up to date, and delivers ``aria.css`` (focus ring, selected
toggles, labels that are not cut, nothing wider than a phone screen).
"""
from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

HERE = Path(__file__).parent


class Aria(anywidget.AnyWidget):
    """The widget root's ``lang`` (the page language, synced to the browser); everything else is in the files."""

    _esm = HERE / "aria.js"
    _css = HERE / "aria.css"
    lang = traitlets.Unicode("en").tag(sync=True)

    def __init__(self, lang: str = "en"):
        super().__init__(lang=lang)
        self.add_class("pi-aria")

    def __repr__(self) -> str:
        return "Aria()"
