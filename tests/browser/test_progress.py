"""Saved progress in the real front ends: answers come back after a kernel restart (JupyterLab)
and after a page reload, which starts a new kernel (Voilà)."""
from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from .surface import part, press, widget
from .test_notebooks import run_all

NOTEBOOK = "01-what-is-personal-information.ipynb"


@pytest.fixture(autouse=True)
def no_learner_yet(server_env):
    """The servers share one learner folder: empty it so each test starts as a new learner."""
    shutil.rmtree(server_env["PI_LESSONS_HOME"], ignore_errors=True)


def enter_name_and_answer(page, name: str) -> None:
    quiz = widget(page, "self-check")
    part(quiz, "learner-name").locator("input").fill(name)  # enter_name(name)
    press(quiz, "learner-save")
    expect(part(quiz, "learner")).to_contain_text(name)
    part(quiz, "answer-q01").locator("select").select_option(label="Basic information")  # answer("q01", "basic")
    expect(part(quiz, "score")).to_contain_text("Score: 1 of 14")


def expect_restored(page, name: str) -> None:
    quiz = widget(page, "self-check")
    expect(part(quiz, "learner")).to_contain_text(name, timeout=60000)  # the cells may still be running
    chosen = part(quiz, "answer-q01").locator("select").evaluate("s => s.options[s.selectedIndex].text")
    assert chosen.replace("\xa0", " ") == "Basic information"  # ipywidgets renders spaces as &nbsp;
    expect(part(quiz, "score")).to_contain_text("Score: 1 of 14")
    expect(part(quiz, "feedback-q01")).to_contain_text("Correct")


def test_answers_survive_a_kernel_restart_in_jupyterlab(lab, page):
    run_all(page, f"{lab}/lab/tree/notebooks/{NOTEBOOK}?reset")
    enter_name_and_answer(page, "Lab Tester")
    old = part(widget(page, "self-check"), "answer-q01")
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.get_by_role("menuitem", name=re.compile("^Restart Kernel and Run All Cells")).click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    old.wait_for(state="detached")  # outputs are cleared when the cells run again
    expect_restored(page, "Lab Tester")


def test_answers_survive_a_reload_in_voila(voila, page):
    page.goto(f"{voila}/voila/render/{NOTEBOOK}")
    enter_name_and_answer(page, "Voila Tester")
    page.reload()
    expect_restored(page, "Voila Tester")
