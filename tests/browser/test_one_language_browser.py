"""In real Voilà, a Chinese lesson page shows its controls in Chinese only (the widgets' headless scan is
tests/test_one_language.py; this checks what the browser itself draws, e.g. ipywidgets' upload counter)."""
from __future__ import annotations

import re

import pytest

from .test_accessibility import open_voila

pytestmark = pytest.mark.slow


def test_the_upload_button_shows_its_label_without_a_file_count(voila, page):
    open_voila(page, voila, "zh/02-classify-leaked-data.ipynb")
    button = page.locator(".pi-upload.widget-upload, .pi-upload .widget-upload").first
    button.wait_for()
    page.wait_for_timeout(300)  # aria.js runs on the widget's next change of the DOM
    text = button.inner_text().strip()
    assert text == "上传 CSV/TSV 文件", text  # ipywidgets wrote "上传CSV/TSV (0)"
    assert not re.search(r"\(\d+\)", text)
