"""Every notebook of both languages, in real JupyterLab and real Voilà, in headless Chromium.

For each notebook (found automatically in notebooks/en and notebooks/zh): it opens without broken
widgets before running, runs all cells without an error, its lesson widgets render in the notebook's
language, and the first widget's language switch changes its title to the other language and back.
Cells tagged ``lab-only`` (JupyterLab instructions) show in JupyterLab and are absent in Voilà; Chinese
markdown carries ``lang="zh-Hans"``. A lesson may add one specific interaction in ``interact_NN.py``;
it runs on the English notebooks only, to keep the suite's time reasonable.
"""
from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .surface import part

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out; `make test` runs it

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.relative_to(ROOT / "notebooks").as_posix() for lang in ("en", "zh")
                   for p in (ROOT / "notebooks" / lang).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
CJK = re.compile(r"[\u4e00-\u9fff]")
ERROR_SELECTOR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"


def lab_only(notebook: str) -> list[str]:
    """The first words of each ``lab-only`` cell of a notebook, as the reader sees them."""
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    texts = [
        re.sub(r"<[^>]+>|[*#`>]", "", "".join(c["source"]))
        for c in cells
        if "lab-only" in c["metadata"].get("tags", [])
    ]
    return [next(line.strip() for line in t.splitlines() if line.strip())[:14] for t in texts]


def check_language_of_markdown(page, notebook: str) -> None:
    """Chinese markdown is marked as Chinese for screen readers, and the markdown inside it still renders."""
    marked = page.locator("[lang='zh-Hans'] h1, [lang='zh-Hans'] h2")
    if notebook.startswith("zh/"):
        expect(marked.first).to_be_attached()
    else:
        assert marked.count() == 0


def interaction(notebook: str):
    """The lesson-specific interaction for ``en/NN-...ipynb``, if a module ``interact_NN`` exists."""
    if not notebook.startswith("en/"):
        return None
    number = Path(notebook).name[:2]
    try:
        return importlib.import_module(f"tests.browser.interact_{number}").interact
    except ModuleNotFoundError:
        return None


def check_widgets(page, notebook: str) -> None:
    widgets = page.locator(".pi-lesson-widget")
    widgets.first.wait_for()
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.locator(ERROR_SELECTOR).count() == 0, page.locator(ERROR_SELECTOR).first.inner_text()
    first = widgets.first
    title = part(first, "title")
    chinese = notebook.startswith("zh/")
    shown, other = ("简体中文", "English") if chinese else ("English", "简体中文")
    (expect(title).to_have_text if chinese else expect(title).not_to_have_text)(CJK)
    part(first, "lang").locator("button", has_text=other).click()  # set_language(other)
    (expect(title).not_to_have_text if chinese else expect(title).to_have_text)(CJK)
    part(first, "lang").locator("button", has_text=shown).click()
    (expect(title).to_have_text if chinese else expect(title).not_to_have_text)(CJK)
    extra = interaction(notebook)
    if extra is not None:
        extra(page)
    assert page.locator(ERROR_SELECTOR).count() == 0, page.locator(ERROR_SELECTOR).first.inner_text()


def run_all(page, url: str) -> None:
    """Open a notebook in JupyterLab, check it shows no broken widget, run all cells and wait."""
    page.goto(url)
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for()
    # Before running: stored outputs show text, never a broken widget.
    assert page.get_by_text("Error displaying widget").count() == 0
    page.locator(".jp-Notebook").first.click()
    page.keyboard.press("Escape")
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=120_000,
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_jupyterlab(lab, page, notebook):
    run_all(page, f"{lab}/lab/tree/notebooks/{notebook}?reset")
    check_widgets(page, notebook)
    check_language_of_markdown(page, notebook)
    hidden_in_voila = lab_only(notebook)
    if hidden_in_voila:  # the first one: JupyterLab renders cells far below the view only when scrolled to
        expect(page.locator(".jp-RenderedMarkdown").get_by_text(hidden_in_voila[0]).first).to_be_attached()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_voila(voila, page, notebook):
    page.goto(f"{voila}/voila/render/{notebook}")
    check_widgets(page, notebook)
    assert page.get_by_text("Traceback").count() == 0
    check_language_of_markdown(page, notebook)
    for words in lab_only(notebook):  # JupyterLab instructions have no place in the code-free app
        assert page.get_by_text(words).count() == 0, words


def test_lab_only_cells_are_found():
    """Each language's lessons have JupyterLab-only instructions, so the checks above check something."""
    for lang in ("en", "zh"):
        assert sum(len(lab_only(n)) for n in NOTEBOOKS if n.startswith(f"{lang}/")) >= 5
