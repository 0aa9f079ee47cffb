"""Every notebook, in real JupyterLab and real Voilà, in headless Chromium.

For each notebook (found automatically): it opens without broken widgets before running, runs all
cells without an error, its lesson widgets render, and the first widget's language switch changes
its title to Chinese. A lesson may add one specific interaction in ``interact_NN.py``.
"""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .surface import part

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.relative_to(ROOT / "notebooks").as_posix() for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
CJK = re.compile(r"[\u4e00-\u9fff]")
ERROR_SELECTOR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"


def interaction(notebook: str):
    """The lesson-specific interaction for ``NN-...ipynb``, if a module ``interact_NN`` exists."""
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
    expect(title).not_to_have_text(CJK)
    part(first, "lang").locator("button", has_text="简体中文").click()  # set_language("zh")
    expect(title).to_have_text(CJK)
    part(first, "lang").locator("button", has_text="English").click()
    expect(title).not_to_have_text(CJK)
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


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_voila(voila, page, notebook):
    page.goto(f"{voila}/voila/render/{notebook}")
    check_widgets(page, notebook)
    assert page.get_by_text("Traceback").count() == 0
