"""Lesson 2 views of the automatic classifier: its answer with evidence, and the piece count."""
from __future__ import annotations

import ipywidgets as w

from lessons.classify.classifier import UNSURE, Classifier, ColumnResult
from lessons.content.course import Content
from lessons.classify.pieces import Pieces
from lessons.classify.plain import count_table
from lessons.classify.datasets import DATASET_IDS, load_keys, load_sample
from lessons.engine import Facts, assess
from lessons.widgets.base import LessonWidget
from lessons.widgets.controls import button, esc, set_options
from lessons.widgets.classify_html import columns_table, pieces_html
from lessons.widgets.stepper import result_html


class _SampleView(LessonWidget):
    """A table picker and a button; the result for a table appears only after the click.

    Public surface: ``choose(table)``, ``reveal()`` (press the button); parts ``intro`` and ``result``.
    """

    BUTTON_KEY = TIP_KEY = INTRO_KEY = WAITING_KEY = ""
    CSS = ""

    def __init__(
        self, content: Content | None = None, lang: str | None = None, dataset: str = DATASET_IDS[0], **kwargs
    ):
        super().__init__(content, lang, **kwargs)
        self._classifier = Classifier(self._content)
        self._keys = load_keys(content=self._content)
        self._results: dict[str, tuple] = {}
        self._shown: set[str] = set()
        self._intro = w.HTML()
        self._intro.add_class("pi-intro")
        self._dataset = w.Dropdown(
            options=[(d, d) for d in DATASET_IDS], value=dataset if dataset in DATASET_IDS else DATASET_IDS[0]
        )
        self._dataset.add_class("pi-dataset")
        self._button = button(f"{self.CSS}-button", button_style="primary")
        self._button.add_class("pi-reveal")
        self._out = w.HTML()
        self._out.add_class(f"{self.CSS}-result")
        self._out.add_class("pi-result")
        self._dataset.observe(lambda _: self._update(), names="value")
        self._button.on_click(self._on_click)
        self._compose(self._intro, w.HBox([self._dataset, self._button]), self._out)

    def choose(self, dataset: str) -> None:
        """Show another sample table."""
        if dataset not in DATASET_IDS:
            raise ValueError(f"unknown table {dataset!r}; choose one of {', '.join(DATASET_IDS)}")
        self._dataset.value = dataset

    def reveal(self) -> None:
        """Press the button: the result for the shown table appears."""
        self._press("reveal")

    def _on_click(self, _button) -> None:
        self._shown.add(self._dataset.value)
        self._update()

    def _analysed(self, dataset: str) -> tuple[list[ColumnResult], Pieces]:
        if dataset not in self._results:
            frame = load_sample(dataset).frame
            columns = self._classifier.frame(frame)
            self._results[dataset] = (columns, count_table(frame, columns))
        return self._results[dataset]

    def _render(self) -> None:
        self._intro.value = f"<p>{esc(self._t(self.INTRO_KEY))}</p>"
        set_options(self._dataset, [(self._t(f"datasets.{d}_title"), d) for d in DATASET_IDS])
        self._dataset.description = self._t("classify.dataset")
        self._button.description = self._t(self.BUTTON_KEY)
        self._button.tooltip = self._t(self.TIP_KEY)
        dataset = self._dataset.value
        if dataset not in self._shown:
            self._out.value = f"<i>{esc(self._t(self.WAITING_KEY))}</i>"
            self.value = {"dataset": dataset, "shown": False}
            return
        self._show(dataset, *self._analysed(dataset))

    def _show(self, dataset: str, columns: list[ColumnResult], pieces: Pieces) -> None:  # pragma: no cover
        raise NotImplementedError


class ClassifierReveal(_SampleView):
    """The classifier's label for every column of a sample table, its evidence, and the answer key."""

    TITLE_KEY = "classify.reveal_title"
    BUTTON_KEY, TIP_KEY, INTRO_KEY, WAITING_KEY = (
        "classify.reveal_button",
        "classify.reveal_tip",
        "classify.reveal_intro",
        "classify.reveal_waiting",
    )
    CSS = "pi-reveal"

    def _show(self, dataset, columns, pieces) -> None:
        key = self._keys[dataset].columns
        agree = sum(key.get(c.name) == c.info_type and c.status != UNSURE for c in columns)
        summary = self._t("classify.agreement", n=agree, total=len(columns))
        self._out.value = f"<p><b>{esc(summary)}</b></p>" + columns_table(self._content, self.lang, columns, key)
        self.value = {"dataset": dataset, "shown": True, "agree": agree, "total": len(columns),
                      "columns": {c.name: c.info_type for c in columns}}


class PieceCounter(_SampleView):
    """Pieces per tier of a sample table, duplicates removed, and the proportional score."""

    TITLE_KEY = "classify.pieces_title"
    BUTTON_KEY, TIP_KEY, INTRO_KEY, WAITING_KEY = (
        "classify.pieces_button",
        "classify.pieces_tip",
        "classify.pieces_intro",
        "classify.pieces_waiting",
    )
    CSS = "pi-pieces"

    def _show(self, dataset, columns, pieces) -> None:
        # Hand the counts to Lesson 3's engine: quantity only; gains and every other fact stay unknown.
        verdict = assess(Facts.from_dict(pieces.engine_input()))
        self._out.value = (
            pieces_html(self._content, self.lang, pieces)
            + f"<h4>{esc(self._t('classify.if_sold'))}</h4>"
            + result_html(self._content, verdict, self.lang)
            + f"<p><small>{esc(self._t('classify.if_sold_next'))}</small></p>"
        )
        self.value = {
            "dataset": dataset,
            "shown": True,
            "rows": pieces.rows,
            "duplicates_removed": pieces.duplicates_removed,
            "pieces": dict(pieces.pieces),
            "proportional_score": pieces.proportional_score,
            "level": pieces.level,
            "engine_input": pieces.engine_input(),
            "tier_if_sold": verdict.tier,
        }

    @property
    def engine_input(self) -> dict:
        """What Lesson 3's engine receives for the selected table."""
        return self._analysed(self._dataset.value)[1].engine_input()
