"""Saved progress in the real front ends: answers come back after a kernel restart (JupyterLab)
and after a page reload, which starts a new kernel (Voilà)."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path
import shutil

import pytest
from playwright.sync_api import expect

from .surface import part, press, widget
from .test_notebooks import run_all

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out; `make test` runs it

NOTEBOOK = "en/01-what-is-personal-information.ipynb"


@pytest.fixture(autouse=True)
def no_learner_yet(server_env):
    """The servers share one learner folder: empty it so each test starts as a new learner."""
    shutil.rmtree(server_env["PI_LESSONS_HOME"], ignore_errors=True)


def counted_item() -> tuple[int, str, str, str, int]:
    """The first self-check item that counts (q01-q06 are practice): its place, id, a right and a wrong answer
    as its menu names them, and the counted total, all read from the content."""
    from lessons.classroom import selfcheck as sc
    from lessons.classroom.exercise_models import SelfCheckModel
    from lessons.content.course import load_content

    model = SelfCheckModel(load_content())
    qid = next(q for q in model.question_ids if q not in model.practice_ids)
    item, content = model.items[qid], model.content
    right, wrong = (sc.choice_label(item, c, content, "en") for c in sorted(
        sc.choices(item), key=lambda c: c != sc.solution(item, content))[:2])
    return model.question_ids.index(qid), qid, right, wrong, model.counted.total


def go_to(quiz, index: int) -> None:
    part(quiz, "question-select").locator("select").select_option(index=index)  # go_to(question_ids[index])


def enter_name_and_answer(page, name: str) -> None:
    index, qid, right, _, total = counted_item()
    quiz = widget(page, "self-check")
    part(quiz, "learner-name").locator("input").fill(name)  # enter_name(name)
    press(quiz, "learner-save")
    expect(part(quiz, "learner")).to_contain_text(name)
    go_to(quiz, index)
    part(quiz, f"answer-{qid}").locator("select").select_option(label=right)  # answer(qid, its solution)
    expect(part(quiz, "score")).to_contain_text(f"score: 1 of {total}")  # the counted score


def expect_restored(page, name: str) -> None:
    index, qid, right, _, total = counted_item()
    quiz = widget(page, "self-check")
    expect(part(quiz, "learner")).to_contain_text(name, timeout=60000)  # the cells may still be running
    expect(part(quiz, "score")).to_contain_text(f"score: 1 of {total}")  # the counted score
    go_to(quiz, index)
    chosen = part(quiz, f"answer-{qid}").locator("select").evaluate("s => s.options[s.selectedIndex].text")
    assert chosen.replace("\xa0", " ") == right  # ipywidgets renders spaces as &nbsp;
    expect(part(quiz, f"feedback-{qid}")).to_contain_text("Correct")


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


def test_two_tabs_of_one_exercise_keep_each_others_answers_in_voila(voila, page, server_env):
    """Two Voilà tabs (two kernels) of one learner: each saves only the questions it changed."""
    page.goto(f"{voila}/voila/render/{NOTEBOOK}")
    _, qid, _, _, total = counted_item()
    enter_name_and_answer(page, "Two Tabs")  # tab one answers qid (and remembers the learner)
    other = page.context.new_page()
    other.goto(f"{voila}/voila/render/{NOTEBOOK}")
    tab_two = widget(other, "self-check")
    expect(part(tab_two, "learner")).to_contain_text("Two Tabs", timeout=60000)
    expect(part(tab_two, "score")).to_contain_text(f"score: 1 of {total}")  # tab two opened with qid answered
    tab_one = widget(page, "self-check")
    press(tab_two, "next")
    part(tab_two, "answer-q02").locator("select").select_option(index=1)  # tab two answers q02
    expect(part(tab_two, "score")).to_contain_text(f"of {total}")
    go_to(tab_one, 2)
    part(tab_one, "answer-q03").locator("select").select_option(index=1)  # tab one answers q03, never saw q02
    expect(part(tab_one, "score")).to_contain_text(f"of {total}")
    other.close()
    answered: set = set()
    for _ in range(50):  # the kernels save right after they mark; give the last save a moment
        [saved] = (Path(server_env["PI_LESSONS_HOME"]) / "learners").glob("*.json")
        answers = json.loads(saved.read_text(encoding="utf-8"))["exercises"]["lesson1.selfcheck"]["answers"]
        answered = {q for q, a in answers.items() if a}
        if "q03" in answered:
            break
        time.sleep(0.2)
    assert {qid, "q02", "q03"} <= answered, answered


@pytest.fixture(scope="module")
def shared_voila(chromium, workdir, server_env):
    """One Voilà server shared by a class: PI_LESSONS_SHARED=1 and one progress folder for everyone."""
    from .conftest import BIN, VOILA_OPTIONS, Server, _free_port

    env = {**server_env, "PI_LESSONS_SHARED": "1", "PI_LESSONS_HOME": str(workdir / "shared-home")}
    port = _free_port()
    args = [str(BIN / "voila"), "notebooks", "--no-browser", f"--Voila.port={port}", "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0", "--show_tracebacks=True", *VOILA_OPTIONS]
    server = Server(args, f"http://127.0.0.1:{port}/", env, workdir)
    yield f"http://127.0.0.1:{port}", Path(env["PI_LESSONS_HOME"])
    server.stop()


def _quiz(page):
    return page.locator(".pi-lesson-widget", has=page.locator(".pi-answer-q01")).first


def _sign_in(page, name: str, number: str) -> None:
    quiz = _quiz(page)
    expect(quiz.locator(".pi-learner-name input")).to_be_visible()  # a shared server asks every page
    quiz.locator(".pi-learner-name input").fill(name)
    quiz.locator(".pi-learner-number input").fill(number)
    quiz.locator(".pi-learner-save").click()
    expect(quiz.locator(".pi-learner")).to_contain_text(name)


def _chosen(page) -> str:
    return (
        _quiz(page)
        .locator(".pi-answer-q01 select")
        .evaluate("s => s.options[s.selectedIndex].text")
        .replace("\xa0", " ")
    )


def test_two_learners_on_one_shared_voila_server_keep_their_own_answers(shared_voila, browser):
    url, home = shared_voila
    pages = []
    for name, number, answer in (("张伟", "2024001", "Basic information"), ("张伟", "2024002", "Device information")):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{url}/voila/render/{NOTEBOOK}")
        _sign_in(page, name, number)
        _quiz(page).locator(".pi-answer-q01 select").select_option(label=answer)
        expect(_quiz(page).locator(".pi-feedback").first).not_to_be_empty()
        pages.append((page, name, number, answer))
    try:
        for page, name, number, answer in pages:
            page.reload()
            _sign_in(page, name, number)
            expect(_quiz(page).locator(".pi-learner")).to_contain_text(number)
            assert _chosen(page) == answer
        files = sorted(p.name for p in (home / "learners").glob("*.json"))
        assert len(files) == 2, files
        assert not (home / "settings.json").exists() or "learner" not in (home / "settings.json").read_text(
            encoding="utf-8"
        )
    finally:
        for page, *_ in pages:
            page.context.close()
