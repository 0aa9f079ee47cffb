"""What a learner takes away: a download link for a page, a Print button, times in the learner's own zone.

A download is an ``<a download>`` whose file is a ``data:`` URI (``download_link``): no file browser,
no server path, no kernel round trip, in Voilà and JupyterLab alike. Printing and local times need
the browser, so ``TakeAway`` (an anywidget like ``aria.Aria``) runs ``take_away.js``: its Print
button opens the very page in a new tab and calls the browser's print there (no kernel involved).
Every ``<time class="pi-local-time" datetime=ISO>`` of a lesson widget (``local_time``) is shown in
the browser's time zone and the page's language by ``aria.js``, the UTC time staying in ``datetime``.
"""
from __future__ import annotations

import base64
import datetime as dt
import html
from pathlib import Path

import anywidget
import traitlets

HERE = Path(__file__).parent


class TakeAway(anywidget.AnyWidget):
    """A Print button for ``document`` (none while it is ""), labelled ``label`` with tooltip ``tip``."""

    _esm = HERE / "take_away.js"
    _css = HERE / "take_away.css"
    document = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    tip = traitlets.Unicode("").tag(sync=True)
    role = traitlets.Unicode("print").tag(sync=True)

    def __init__(self, role: str = "print"):
        """``role`` names the button in the browser: ``button.pi-<role>`` (as the browser tests press it)."""
        super().__init__(role=role)
        self.add_class("pi-take-away")

    def show(self, document: str, label: str, tip: str) -> None:
        """Print ``document`` when the button is pressed ("" hides the button); one message to the browser."""
        with self.hold_sync():
            self.document, self.label, self.tip = document, label, tip

    def __repr__(self) -> str:
        return "TakeAway()"


def download_link(text: str, file_name: str, label: str, css: str, tip: str = "",
                  mime: str = "text/html") -> str:
    """An ``<a download>`` giving ``text`` (UTF-8) as the file ``file_name``."""
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    title = f" title='{html.escape(tip, quote=True)}'" if tip else ""
    return (f"<a class='{css}' download='{html.escape(file_name, quote=True)}'{title} "
            f"href='data:{mime};charset=utf-8;base64,{data}'>⬇ {html.escape(label, quote=False)}</a>")


def local_time(iso: str, utc_text: str) -> str:
    """A ``<time>`` the browser shows in the learner's zone and language; until then (and without
    JavaScript) ``utc_text``, the page language's "{time} UTC", filled in."""
    try:
        when = dt.datetime.fromisoformat(iso)
    except ValueError:
        return html.escape(iso)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    utc = when.astimezone(dt.timezone.utc)
    shown = html.escape(utc_text.format(time=f"{utc:%Y-%m-%d %H:%M}"), quote=False)
    return (f"<time class='pi-local-time' datetime='{html.escape(utc.isoformat(timespec='seconds'), quote=True)}'>"
            f"{shown}</time>")
