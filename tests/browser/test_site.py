"""The static browser course (`pi-lessons site`), built from this checkout and served on 127.0.0.1 by
``python -m http.server``, in headless Chromium with every other host blocked.

Both languages: every learner lesson opens in the code-free view (Voici) with its widgets and no error; in
every lesson with a saved exercise one question is answered, and after a reload the same answer is chosen and
its feedback shown again; Lesson 1's answer is also still there after the browser is closed and opened again
(the browser's own storage); the file Download my progress gives is read by the teacher's ``pi-lessons
summary``. One build serves the whole session (its downloads are cached between runs, see docs/site.md).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, NamedTuple

import pytest
from playwright.sync_api import expect

from lessons.cli.site_command import CACHE_ENV, build, learner_notebooks
from lessons.cli.site_pages import LOADING_ID

from . import test_accessibility as a11y
from .conftest import CHROMIUM_ARGS, Server, _free_port
from .surface import part, press, widget

pytestmark = pytest.mark.slow
LOCAL = "http://127.0.0.1:"
CJK = re.compile(r"[\u4e00-\u9fff]")
LESSONS = sorted(name.removesuffix(".ipynb") for name in learner_notebooks())
FIRST_LOAD = 240_000  # ms: Python starts in the page (several times slower on a loaded 2-core machine)
axe_js = a11y.axe_js  # axe-core from the npm registry (a fixture)
# A page of the test site only (not a lesson): what the kernel's Python holds when its first cell runs.
STARTED = "en/python-started"
STARTED_NOTEBOOK = {"cells": [{"cell_type": "code", "execution_count": None, "id": "one", "metadata": {}, "outputs": [],
                               "source": "import sys, random, json\nimport ipywidgets as w\n"
                                         "w.HTML('<pre id=pi-started>' + json.dumps({'imported': "
                                         "'lessons.widgets.page' in sys.modules, 'random': random.random()}) + "
                                         "'</pre>')"}],
                    "metadata": {"kernelspec": {"name": "python", "display_name": "Python (Pyodide)",
                                                "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}


@pytest.fixture(scope="session")
def site(chromium, workdir):
    """The site built once from the checkout, served on a free local port."""
    out = workdir / "site"
    cache = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "pi-lessons" / "site")
    build(out, cache, extra={f"{STARTED}.ipynb": STARTED_NOTEBOOK})
    port = _free_port()
    server = Server([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(out)],
                    f"http://127.0.0.1:{port}/index.html", dict(os.environ), workdir)
    yield f"http://127.0.0.1:{port}"
    server.stop()


class Offline:
    """A Chromium whose pages reach 127.0.0.1 only; every other request is refused and recorded."""

    def __init__(self, playwright, chromium: str, profile: Path):
        self.elsewhere: list[str] = []
        self.context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self.context.set_default_timeout(60_000)
        self.context.route("**/*", self._route)
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()

    def _route(self, route) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.elsewhere.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()
        assert self.elsewhere == [], f"the site asked another host: {self.elsewhere[:5]}"


@pytest.fixture
def offline(playwright, chromium, tmp_path):
    browser = Offline(playwright, chromium, tmp_path / "profile")
    yield browser
    browser.close()


def open_lesson(page, site: str, lesson: str) -> None:
    page.goto(f"{site}/voici/render/{lesson}.html")
    page.locator(".pi-lesson-widget").first.wait_for(timeout=FIRST_LOAD)
    expect(page.locator(f"#{LOADING_ID}")).to_have_count(0, timeout=30_000)  # the "Python is starting" message went


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_renders_in_the_code_free_view(site, offline, lesson):
    page = offline.page
    open_lesson(page, site, lesson)
    chinese = lesson.startswith("zh/")
    assert page.locator("html").get_attribute("lang") == ("zh-CN" if chinese else "en")
    expect(page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")).to_have_count(0)
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.get_by_text("Traceback").count() == 0
    title = part(page.locator(".pi-lesson-widget").first, "title")
    (expect(title).to_have_text if chinese else expect(title).not_to_have_text)(CJK)
    assert page.get_by_text("Run All Cells").count() == 0  # JupyterLab instructions are left out
    if "/02-" in lesson:  # Lesson 2 without pandas: the classifier's answer for a sample table, in pure Python
        reveal = widget(page, "classifier-reveal")
        press(reveal, "reveal")
        expect(part(reveal, "result").locator("table")).to_be_visible(timeout=120_000)
    exercise = EXERCISES.get(lesson.split("/")[1][:2])
    if exercise is None:  # the start page: no exercise
        return
    lang = lesson.split("/")[0]
    shown = exercise.answer(page, lang)
    # No waiting: a learner may reload as soon as the feedback shows, so the answer is stored by then.
    assert stored_answers(page, exercise.id), f"{exercise.id}: the feedback shows, but nothing is stored"
    page.reload()
    open_lesson(page, site, lesson)
    exercise.expect_kept(page, lang, shown)


def counted_item(lang: str) -> tuple[int, str, str]:
    """Lesson 1's first self-check item that counts (the first ones are practice, and are not kept): its place,
    id and right answer as its menu names it in ``lang``, read from the content."""
    from lessons.classroom import selfcheck as sc
    from lessons.classroom.exercise_models import SelfCheckModel
    from lessons.content.course import load_content

    model = SelfCheckModel(load_content())
    qid = next(q for q in model.question_ids if q not in model.practice_ids)
    item = model.items[qid]
    right = sc.choice_label(item, sc.solution(item, model.content), model.content, lang)
    return model.question_ids.index(qid), qid, right


def answer_a_counted_question(page, lang: str) -> str:
    """Enter a name in Lesson 1's self-check and answer its first counted question; the feedback shown."""
    index, qid, right = counted_item(lang)
    quiz = widget(page, "self-check")
    quiz.wait_for(timeout=FIRST_LOAD)  # the last cell: the page's other cells run first
    part(quiz, "learner-name").locator("input").fill("Site Tester")
    quiz.locator("button.pi-learner-save").first.click()
    expect(part(quiz, "learner")).to_contain_text("Site Tester")
    part(quiz, "question-select").locator("select").select_option(index=index)
    part(quiz, f"answer-{qid}").locator("select").select_option(label=right)
    feedback = part(quiz, f"feedback-{qid}")
    expect(feedback).not_to_have_text("")
    return feedback.text_content()


# The answers to an exercise in the learner's progress file as the browser's storage holds it (JupyterLite keeps
# /drive in IndexedDB; a file written through a temporary file is kept base64-encoded), or null.
STORED = r"""async exercise => {
  const ask = request => new Promise(ok => {
    request.onsuccess = () => ok(request.result);
    request.onerror = () => ok(null);
  });
  const text = value => value.format === 'base64'
    ? new TextDecoder().decode(Uint8Array.from(atob(value.content), c => c.charCodeAt(0)))
    : typeof value.content === 'string' ? value.content : JSON.stringify(value.content);
  for (const { name } of await indexedDB.databases()) {
    const db = await ask(indexedDB.open(name));
    for (const store of db.objectStoreNames) {
      const keys = await ask(db.transaction(store).objectStore(store).getAllKeys()) || [];
      for (const key of keys.filter(k => /progress\/learners\/[^/]+[.]json$/.test(String(k)))) {
        const value = await ask(db.transaction(store).objectStore(store).get(key));
        try {
          const answers = JSON.parse(text(value)).exercises[exercise].answers;
          db.close();
          return answers;
        } catch (e) { /* not a progress file with this exercise */ }
      }
    }
    db.close();
  }
  return null;
}"""


def stored_answers(page, exercise: str = "lesson1.selfcheck") -> dict:
    """An exercise's answers in the browser's storage now (page.evaluate awaits the promise; a
    wait_for_function would take the promise itself for a true value)."""
    return page.evaluate(STORED, exercise) or {}


def expect_kept(page, lang: str, feedback: str) -> None:
    index, qid, right = counted_item(lang)
    quiz = widget(page, "self-check")
    quiz.wait_for(timeout=FIRST_LOAD)
    expect(part(quiz, "learner")).to_contain_text("Site Tester", timeout=60_000)
    part(quiz, "question-select").locator("select").select_option(index=index)
    expect(part(quiz, f"feedback-{qid}")).to_have_text(feedback, timeout=60_000)  # the card is drawn by then
    chosen = part(quiz, f"answer-{qid}").locator("select").evaluate("s => s.options[s.selectedIndex].text")
    assert chosen.replace("\xa0", " ") == right  # ipywidgets renders spaces as &nbsp;


# One exercise of each lesson answered through the page, and found again after a reload. ``answer`` signs in
# (a new browser profile has no learner yet), answers one question, waits for its feedback and returns what the
# page shows; ``expect_kept`` finds the same on the reloaded page.
NAME = "Site Tester"
ACT = 30_000  # ms: the browser's Python answers a click (slower than a server's on a loaded machine)


def sign_in(exercise) -> None:
    """Enter the learner's name in the exercise's strip (remembered in the browser from then on)."""
    exercise.wait_for(timeout=FIRST_LOAD)  # the page's earlier cells run first
    part(exercise, "learner-name").locator("input").fill(NAME)
    press(exercise, "learner-save")
    expect(part(exercise, "learner")).to_contain_text(NAME, timeout=ACT)


def signed_in(exercise) -> None:
    """The reloaded exercise knows the learner: its saved answers have been read back by then."""
    exercise.wait_for(timeout=FIRST_LOAD)
    expect(part(exercise, "learner")).to_contain_text(NAME, timeout=60_000)


def chosen(select) -> str:
    """A menu's chosen option as shown (ipywidgets renders spaces as &nbsp;)."""
    return select.evaluate("s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text").replace("\xa0", " ")


def labelling_menus(labelling):
    return part(labelling, "label-category").locator("select"), part(labelling, "label-tier").locator("select")


def answer_labelling(page, lang: str) -> tuple[str, str, str]:
    """Lesson 2: label the first column (the first category and tier in the menus) and press Check."""
    labelling = widget(page, "labelling")
    sign_in(labelling)
    category, tier = labelling_menus(labelling)
    category.select_option(index=1)
    tier.select_option(index=1)
    expect(category).to_have_js_property("selectedIndex", 1, timeout=ACT)
    expect(tier).to_have_js_property("selectedIndex", 1, timeout=ACT)
    press(labelling, "check")
    feedback = part(labelling, "feedback")
    expect(feedback).not_to_have_text("", timeout=ACT)
    return chosen(category), chosen(tier), feedback.text_content()


def expect_labelling_kept(page, lang: str, shown: tuple[str, str, str]) -> None:
    labelling = widget(page, "labelling")
    signed_in(labelling)
    category, tier = labelling_menus(labelling)
    expect(category).to_have_js_property("selectedIndex", 1, timeout=ACT)
    expect(tier).to_have_js_property("selectedIndex", 1, timeout=ACT)
    assert (chosen(category), chosen(tier)) == shown[:2]
    press(labelling, "check")  # a table's feedback shows again after its Check (the counted answers are kept)
    expect(part(labelling, "feedback")).to_have_text(shown[2], timeout=ACT)


def answer_builder(page, lang: str) -> tuple[str, str, str]:
    """Lesson 3: choose the first preset case in the case builder; its story and verdict show."""
    builder = widget(page, "scenario-builder")
    sign_in(builder)
    preset = part(builder, "scenario-preset").locator("select")
    preset.select_option(index=1)
    story = part(builder, "scenario-story")
    expect(story).not_to_have_text("", timeout=ACT)  # drawn with the verdict, after the save
    return chosen(preset), story.text_content(), part(builder, "verdict").text_content()


def expect_builder_kept(page, lang: str, shown: tuple[str, str, str]) -> None:
    builder = widget(page, "scenario-builder")
    signed_in(builder)
    preset = part(builder, "scenario-preset").locator("select")
    expect(preset).to_have_js_property("selectedIndex", 1, timeout=ACT)
    assert chosen(preset) == shown[0]
    expect(part(builder, "scenario-story")).to_have_text(shown[1], timeout=ACT)
    expect(part(builder, "verdict")).to_have_text(shown[2], timeout=ACT)


def prediction(quiz):
    """Lesson 4's prediction for Guiding Case 192 (the first case): especially serious, and its range."""
    return (part(quiz, "predict-tier").locator("input[type=radio]").nth(3),
            part(quiz, "predict-range").locator("input[type=radio]").nth(3))


def answer_cases(page, lang: str) -> str:
    """Lesson 4: predict the first case and check it; the court's judgment shows."""
    quiz = widget(page, "court-case-quiz")
    sign_in(quiz)
    tier, range_ = prediction(quiz)
    tier.check()
    range_.check()
    press(quiz, "check")
    expect(part(quiz, "court-result")).to_contain_text("沪0120刑初828号", timeout=ACT)
    feedback = part(quiz, "feedback")
    expect(feedback).not_to_have_text("", timeout=ACT)
    return feedback.text_content()


def expect_cases_kept(page, lang: str, shown: str) -> None:
    quiz = widget(page, "court-case-quiz")
    signed_in(quiz)
    expect(part(quiz, "feedback")).to_have_text(shown, timeout=ACT)
    expect(part(quiz, "court-result")).to_contain_text("沪0120刑初828号", timeout=ACT)
    for choice in prediction(quiz):  # the buttons show the saved prediction again
        expect(choice).to_be_checked(timeout=ACT)


def money_transferred(planner):
    return part(planner, "event-money_transferred").locator("input[type=checkbox]")


def answer_plan(page, lang: str) -> str:
    """Lesson 5: tick "money transferred"; the plan starts with the emergency stop-payment."""
    planner = widget(page, "action-plan")
    sign_in(planner)
    money_transferred(planner).check()
    plan = part(planner, "plan")
    expect(plan.locator("li").first).to_contain_text(re.compile("emergency stop-payment|紧急止付"), timeout=ACT)
    return plan.text_content()


def expect_plan_kept(page, lang: str, shown: str) -> None:
    planner = widget(page, "action-plan")
    signed_in(planner)
    expect(money_transferred(planner)).to_be_checked(timeout=ACT)
    expect(part(planner, "plan")).to_have_text(shown, timeout=ACT)


def review_question(lang: str) -> tuple[int, str, str]:
    """Lesson 6's first counted single-choice question: its place, its prompt and its first option in ``lang``
    (read from the content; the first ones are practice)."""
    from lessons.classroom.exercise_models import ReviewModel
    from lessons.content.course import load_content

    model = ReviewModel(load_content())
    qid = next(q for q in model.question_ids if q not in model.practice_ids and model.questions[q].kind == "single")
    question = model.questions[qid]
    return model.question_ids.index(qid), question.prompt(lang), question.options[0].text(lang)


def go_to_review_question(review, lang: str):
    """Show the question and return its first option's radio button."""
    index, prompt, option = review_question(lang)
    part(review, "question-select").locator("select").select_option(index=index)
    expect(part(review, "question")).to_contain_text(prompt, timeout=ACT)
    first = review.locator(".pi-answer-single .widget-radio-box label").first  # the options follow the prompt
    expect(first).to_contain_text(option, timeout=ACT)
    return first.locator("input[type=radio]")


def answer_review(page, lang: str) -> str:
    """Lesson 6: choose the first option of a counted question and press Check."""
    review = widget(page, "review")
    sign_in(review)
    go_to_review_question(review, lang).check()
    press(review, "check")
    feedback = part(review, "feedback")
    expect(feedback).not_to_have_text("", timeout=ACT)
    return feedback.text_content()


def expect_review_kept(page, lang: str, shown: str) -> None:
    review = widget(page, "review")
    signed_in(review)
    expect(go_to_review_question(review, lang)).to_be_checked(timeout=ACT)
    expect(part(review, "feedback")).to_have_text(shown, timeout=ACT)


class Kept(NamedTuple):
    """A lesson's exercise as the per-lesson test answers it: its id in the progress file, and the two steps.
    (Lesson 4's writing task: see the essay test below.)"""

    id: str
    answer: Callable
    expect_kept: Callable


EXERCISES = {  # by lesson number; the start page (00) has none
    "01": Kept("lesson1.selfcheck", answer_a_counted_question, expect_kept),
    "02": Kept("lesson2.labelling", answer_labelling, expect_labelling_kept),
    "03": Kept("lesson3.builder", answer_builder, expect_builder_kept),
    "04": Kept("lesson4.cases", answer_cases, expect_cases_kept),
    "05": Kept("lesson5.plan", answer_plan, expect_plan_kept),
    "06": Kept("lesson6.review", answer_review, expect_review_kept),
}


def test_an_essay_handed_in_after_signing_in_once_on_the_page_is_kept(site, offline):
    """Lesson 4: the learner enters the name once, in the page's first exercise, then writes and hands in the
    case analysis below it; after a reload the essay is there, handed in."""
    page, lesson, essay_text = offline.page, "en/04-court-cases", "共同犯罪" * 300
    open_lesson(page, site, lesson)
    sign_in(widget(page, "court-case-quiz"))
    essay = widget(page, "writing-task")
    part(essay, "writing-answer").locator("textarea").fill(essay_text)
    press(essay, "hand-in")
    handed_in = re.compile("Handed in on")
    expect(part(essay, "writing-status")).to_contain_text(handed_in, timeout=ACT)  # the learner takes it as kept
    page.reload()
    open_lesson(page, site, lesson)
    essay = widget(page, "writing-task")
    signed_in(essay)
    expect(part(essay, "writing-answer").locator("textarea")).to_have_value(essay_text, timeout=ACT)
    expect(part(essay, "writing-status")).to_contain_text(handed_in, timeout=ACT)


def test_the_parts_an_act_reveals_are_shown(site, offline):
    """Lesson 4: the court's result after Check and the model answer after Hand in are on the screen, not only
    in the page."""
    page, lesson = offline.page, "en/04-court-cases"
    open_lesson(page, site, lesson)
    answer_cases(page, "en")
    essay = widget(page, "writing-task")
    signed_in(essay)  # the name entered in the case predictions is the whole page's
    part(essay, "writing-answer").locator("textarea").fill("共同犯罪" * 300)
    press(essay, "hand-in")
    expect(part(essay, "model-answer")).to_contain_text("Model answer", timeout=ACT)  # its text is there ...
    hidden = []
    for name, revealed in (("court result", part(widget(page, "court-case-quiz"), "court-result")),
                           ("model answer", part(essay, "model-answer"))):
        try:
            expect(revealed).to_be_visible(timeout=5_000)  # drawn with the text it holds: no long wait
        except AssertionError:
            hidden.append(name)
    assert hidden == [], f"in the page but not shown: {hidden}"  # ... and shown


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_answer_survives_reload_and_restart_and_summary_reads_the_download(site, playwright, chromium, tmp_path,
                                                                              lang):
    lesson = next(name for name in LESSONS if name.startswith(f"{lang}/01-"))
    profile = tmp_path / "profile"
    browser = Offline(playwright, chromium, profile)
    open_lesson(browser.page, site, lesson)
    feedback = answer_a_counted_question(browser.page, lang)
    # No waiting: a learner may reload as soon as the feedback shows, so the answer is stored by then.
    assert counted_item(lang)[1] in stored_answers(browser.page)
    browser.page.reload()
    open_lesson(browser.page, site, lesson)
    expect_kept(browser.page, lang, feedback)
    browser.close()

    browser = Offline(playwright, chromium, profile)  # the browser closed and opened again: same profile
    open_lesson(browser.page, site, lesson)
    expect_kept(browser.page, lang, feedback)
    open_lesson(browser.page, site, f"{lang}/00-start-here")
    link = browser.page.locator(".pi-download a.pi-download-link")  # Download my progress (not my results)
    with browser.page.expect_download() as download:
        link.click()
    handed_in = tmp_path / "handed-in"
    handed_in.mkdir()
    download.value.save_as(handed_in / download.value.suggested_filename)
    browser.close()

    done = subprocess.run([sys.executable, "-m", "lessons", "summary", str(handed_in), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Site Tester" in done.stdout
    shutil.rmtree(profile, ignore_errors=True)


def test_python_starts_from_the_memory_snapshot_with_its_own_random_numbers(site, offline):
    """The site's memory snapshot (lessons/cli/site_snapshot.py) is restored: before any cell imports them the
    lessons' modules are there. Each page reseeds Python's random numbers (the snapshot holds one seed)."""
    started = []
    for _ in range(2):
        page = offline.context.new_page()
        page.goto(f"{site}/voici/render/{STARTED}.html")
        page.locator("#pi-started").wait_for(timeout=FIRST_LOAD)
        started.append(json.loads(page.locator("#pi-started").inner_text()))
        page.close()
    assert [s["imported"] for s in started] == [True, True]
    assert started[0]["random"] != started[1]["random"]


def test_the_start_pages_link_every_lesson_both_ways(site, offline):
    page = offline.page
    for lang in ("en", "zh"):
        page.goto(f"{site}/{lang}.html")
        lessons = [name for name in LESSONS if name.startswith(f"{lang}/")]
        code_free = page.locator("a.pi-lesson")
        expect(code_free).to_have_count(len(lessons))
        assert [a.get_attribute("href") for a in code_free.all()] == [f"voici/render/{name}.html" for name in lessons]
        expect(page.locator(".pi-code a")).to_have_count(len(lessons))
        if lang == "zh":  # no English but product names, except the link to the English page (marked lang="en")
            text = page.locator("main").inner_text().replace(page.locator("a[lang='en']").inner_text(), "")
            assert not re.search(r"[A-Za-z]{4,}", text.replace("JupyterLab", "").replace("Python", ""))


def test_a_lesson_runs_with_its_code_in_jupyterlite(site, offline):
    """The link under each lesson: JupyterLite's JupyterLab with the lesson open and the browser's kernel."""
    page = offline.page
    page.goto(f"{site}/en.html")
    page.locator(".pi-code a").nth(1).click()  # Lesson 1
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=FIRST_LOAD)
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for(timeout=FIRST_LOAD)
    page.locator(".jp-Notebook").first.click()
    page.keyboard.press("Escape")
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # JupyterLab draws cells out of view only when scrolled to: the last cell's widget exists, hidden
    widget(page, "self-check").wait_for(state="attached", timeout=FIRST_LOAD)
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.get_by_text("Error displaying widget").count() == 0


def axe_report(page, axe_js: Path, include: list[str] | None = None) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the whole page (or inside ``include``), one line per node."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_js))
    found = page.evaluate(
        """async ([include, tags]) => {
            const result = await axe.run(include ? {include} : document, {runOnly: tags, resultTypes: ['violations']});
            return result.violations.flatMap(v => v.nodes.map(n => [v.id, n.target.join(' '), n.html.slice(0, 300)]));
        }""", [include, a11y.WCAG])
    return [f"{rule}: {target}\n    {html}" for rule, target, html in found]


# At a phone's width: the elements of ``selector`` that reach past the screen's right edge.
TOO_WIDE = """selector => {
    const vw = window.innerWidth;
    return [...document.querySelectorAll(selector)].filter(el => el.getBoundingClientRect().right > vw + 0.5)
        .map(el => `wider than the screen: ${el.tagName} "${el.textContent.trim().slice(0, 40)}"`);
}"""


def test_the_site_pages_pass_axe_and_fit_a_phone(site, offline, axe_js):
    """The front door, both start pages, and a lesson page of each language: while Python starts (the loading
    message) and once the lesson is drawn; the start pages and the loading message also at 390 px."""
    page = offline.page
    for name in ("index.html", "en.html", "zh.html"):
        page.goto(f"{site}/{name}")
        report = axe_report(page, axe_js)
        assert not report, f"{name}:\n" + "\n".join(report)
    for lang in ("en", "zh"):
        page.goto(f"{site}/voici/render/{lang}/01-what-is-personal-information.html")
        page.locator(f"#{LOADING_ID}").wait_for()
        report = axe_report(page, axe_js, [f"#{LOADING_ID}"])
        assert not report, f"{lang} loading message:\n" + "\n".join(report)
        page.locator(".pi-lesson-widget").first.wait_for(timeout=FIRST_LOAD)
        expect(page.locator(f"#{LOADING_ID}")).to_have_count(0, timeout=30_000)
        report = axe_report(page, axe_js)
        assert not report, f"{lang} lesson page:\n" + "\n".join(report)
    page.set_viewport_size({"width": 390, "height": 844})
    for name in ("en.html", "zh.html"):
        page.goto(f"{site}/{name}")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, f"{name} scrolls sideways"
        problems = page.evaluate(TOO_WIDE, "body *")
        assert not problems, f"{name} at 390 px:\n" + "\n".join(problems)
    page.goto(f"{site}/voici/render/zh/00-start-here.html")
    page.locator(f"#{LOADING_ID}").wait_for()
    problems = page.evaluate(TOO_WIDE, f"#{LOADING_ID}, #{LOADING_ID} *")
    assert not problems, "the loading message at 390 px:\n" + "\n".join(problems)
