"""Small helpers of every view: buttons sized to their label, labels for screen readers only, parts shown or
hidden, menus relabelled without losing the choice, escaped HTML and the plain text a reader sees of it."""
from __future__ import annotations

import html
from html.parser import HTMLParser

import ipywidgets as w


def button(css: str, **kwargs) -> w.Button:
    """A Button sized to its label (the default width clips longer labels) with a CSS hook for tests."""
    b = w.Button(layout=w.Layout(width="max-content"), **kwargs)
    b.add_class(css)
    return b


def hide_label(control: w.Widget) -> w.Widget:
    """Keep a control's ``description`` for screen readers only (its visible label is shown elsewhere)."""
    control.add_class("pi-label-hidden")
    return control


def set_shown(widget: w.DOMWidget, visible: bool) -> None:
    """Show or hide a part. Shown is ``""``, not ``None``: the static site's Pyodide kernel sends ``None`` as
    ``undefined``, which the browser ignores, so a part once hidden would stay hidden; an empty value drops the
    inline ``display`` in every front end and the part takes its own default (flex, block, ...)."""
    widget.layout.display = "" if visible else "none"


def esc(text: object) -> str:
    return html.escape(str(text), quote=False)


class _PlainText(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol",
              "table", "details", "summary", "pre", "svg", "title", "text"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.out.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.out.append(data)


def plain_text(markup: str) -> str:
    """What a reader sees of some HTML: the text without tags, one line per block, spaces collapsed."""
    parser = _PlainText()
    parser.feed(str(markup))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.out).splitlines())
    return "\n".join(line for line in lines if line)


def set_options(dropdown, options: list[tuple[str, str]]) -> None:
    """Relabel a Dropdown (e.g. on a language switch) without losing its selected value.

    ipywidgets resets the selection when ``options`` change, so restore it afterwards.
    """
    current = dropdown.value
    if list(dropdown.options) == options:
        return
    dropdown.options = options
    if current in {value for _, value in options}:
        dropdown.value = current
