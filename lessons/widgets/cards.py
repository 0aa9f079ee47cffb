"""One card at a time: Back, "3 of 14", Next and a menu to jump, placed under the card they move."""
from __future__ import annotations

from typing import Callable

import ipywidgets as w

from lessons.widgets.controls import button, esc

KINDS = ("question", "column", "section")  # what a card holds: texts are ``cards.<kind>_<key>``


class Deck:
    """The navigation row under a card; the widget owning it keeps what each card shows.

    ``on_move(index)`` runs when the learner moves (Back, Next or the menu); ``render`` relabels
    the row in the current language and names the cards in the menu. The row comes after the
    card, so the keyboard reaches the question and its options before Next. ``roles`` are the
    buttons' CSS names (another widget inside the same one may already use ``pi-back``/``pi-next``).
    """

    def __init__(self, on_move: Callable[[int], None], kind: str = "question", menu_css: str = "pi-card-select",
                 roles: tuple[str, str] = ("pi-back", "pi-next")):
        if kind not in KINDS:
            raise ValueError(f"kind {kind!r}: use one of {', '.join(KINDS)}")
        self.kind = kind
        self.index = 0
        self.count = 0
        self._on_move = on_move
        self._setting = False
        self.back = button(roles[0], icon="arrow-left")
        self.next = button(roles[1], icon="arrow-right")
        self.progress = w.HTML()
        self.progress.add_class("pi-progress")
        self.menu = w.Dropdown(options=[], style={"description_width": "initial"},
                               layout=w.Layout(width="auto", max_width="100%"))
        self.menu.add_class(menu_css)
        self.back.on_click(lambda _: self.go(self.index - 1))
        self.next.on_click(lambda _: self.go(self.index + 1))
        self.menu.observe(self._on_menu, names="value")
        self.box = w.HBox([self.back, self.progress, self.next, self.menu],
                          layout=w.Layout(flex_flow="row wrap", align_items="center", margin="4px 0 12px 0"))
        self.box.add_class("pi-card-nav")

    def go(self, index: int) -> None:
        """Show card ``index`` (kept within the cards)."""
        if not self.count:
            return
        self.index = max(0, min(self.count - 1, index))
        self._on_move(self.index)

    def _on_menu(self, change) -> None:
        if not self._setting and change["new"] is not None and change["new"] != self.index:
            self.go(change["new"])

    def render(self, t: Callable[..., str], labels: list[str]) -> None:
        """Relabel the row (``t`` is the widget's text lookup); ``labels`` name the cards in the menu."""
        self.count = len(labels)
        self.index = max(0, min(self.index, self.count - 1))
        key = f"cards.{self.kind}_"
        # aria-live: a screen reader hears "4 of 14" after Next, where the new card starts.
        self.progress.value = (f"<span aria-live='polite'>"
                               f"{esc(t(key + 'progress', n=self.index + 1, total=self.count))}</span>")
        for b, name, off in ((self.back, "back", self.index == 0), (self.next, "next", self.index >= self.count - 1)):
            b.description = t(key + name)
            b.tooltip = t(key + name + "_tip")
            b.disabled = off
        self.menu.description = t(key + "menu")
        options = [(label, n) for n, label in enumerate(labels)]
        self._setting = True
        try:
            if list(self.menu.options) != options:
                self.menu.options = options
            self.menu.value = self.index if options else None
        finally:
            self._setting = False
