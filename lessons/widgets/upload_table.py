"""Lesson 2 "bring your own file": upload a CSV/TSV, see the classifier's answer and the piece count."""
from __future__ import annotations

import datetime as dt

import ipywidgets as w

from lessons.classify.classifier import Classifier
from lessons.content.course import Content
from lessons.classify.plain import PLAIN_MAX_BYTES, count_table, have_pandas
from lessons.content.errors import LessonsError
from lessons.classify.tables import read_table_bytes
from lessons.widgets.base import LessonWidget
from lessons.widgets.controls import esc
from lessons.widgets.classify_html import columns_table, pieces_html, sample_table

UPLOAD_MAX_BYTES = 10_000_000  # browsers send uploads through the kernel's websocket: keep them small


def upload_limit() -> int:
    """The largest upload: smaller in the browser's kernel, which reads tables in pure Python (no pandas)."""
    return UPLOAD_MAX_BYTES if have_pandas() else PLAIN_MAX_BYTES


class UploadClassifier(LessonWidget):
    """Classify an uploaded table with the same reader, classifier and error messages as the CLI.

    Public surface: ``upload(data, name)``, ``holding``; parts ``intro`` and ``result``.
    """

    TITLE_KEY = "classify.upload_title"

    def __init__(self, content: Content | None = None, lang: str | None = None, **kwargs):
        super().__init__(content, lang, **kwargs)
        self._classifier = Classifier(self._content)
        self._intro = w.HTML()
        self._intro.add_class("pi-intro")
        self._upload = w.FileUpload(accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values", multiple=False,
                                    layout=w.Layout(width="max-content"))  # the default width cuts the label
        self._upload.add_class("pi-upload")
        self._out = w.HTML()
        self._out.add_class("pi-upload-result")
        self._out.add_class("pi-result")
        self._result: tuple | None = None  # (name, table, columns, pieces) or (name, the error)
        self._upload.observe(self._on_upload, names="value")
        self._compose(self._intro, self._upload, self._out)

    def upload(self, data: bytes, name: str) -> None:
        """Upload a file's bytes as the browser's file picker sends them."""
        self._upload.value = ({"name": name, "type": "text/csv", "size": len(data), "content": memoryview(bytes(data)),
                               "last_modified": dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)},)

    @property
    def holding(self) -> bool:
        """Whether the widget still holds uploaded bytes (it drops them once read)."""
        return bool(self._upload.value)

    def _on_upload(self, _change) -> None:
        files = self._upload.value
        if not files:
            return
        upload = files[0]
        name = str(upload.get("name") or "upload")
        try:
            table = read_table_bytes(bytes(upload.get("content") or b""), name, max_bytes=upload_limit())
            columns = self._classifier.frame(table.frame)
            self._result = (name, table, columns, count_table(table.frame, columns))
        except LessonsError as exc:
            self._result = (name, exc)
        except (RecursionError, MemoryError, ValueError, TypeError, UnicodeError) as exc:
            # A widget callback's exception reaches only the server log: the learner would see nothing.
            # Every reader check above should make this unreachable; if not, say what failed, in the widget.
            self._result = (name, LessonsError.of("upload_failed", kind=type(exc).__name__))
        self._upload.value = ()  # drop the bytes; the same file can be uploaded again
        self._update()

    def _render(self) -> None:
        self._intro.value = f"<p>{esc(self._t('classify.upload_intro', mb=upload_limit() // 1_000_000))}</p>"
        self._upload.description = self._t("classify.upload_button")
        self._upload.tooltip = self._t("classify.upload_tip")
        if self._result is None:
            self._out.value = f"<i>{esc(self._t('classify.upload_waiting'))}</i>"
            self.value = {}
        elif len(self._result) == 2:
            name, problem = self._result
            message = self._t("classify.upload_error", message=problem.in_language(self._content, self.lang))
            self._out.value = f"<p class='pi-upload-error' style='color:#b3261e'>{esc(message)}</p>"
            self.value = {"file": name, "error": str(problem)}
        else:
            name, table, columns, pieces = self._result
            described = esc(table.describe(self._content, self.lang))
            self._out.value = (
                f"<p><b>{described}</b></p>{sample_table(table.frame)}"
                + columns_table(self._content, self.lang, columns)
                + pieces_html(self._content, self.lang, pieces)
            )
            self.value = {
                "file": name,
                "error": "",
                "rows": pieces.rows,
                "columns": {c.name: c.info_type for c in columns},
                "pieces": dict(pieces.pieces),
                "proportional_score": pieces.proportional_score,
            }
