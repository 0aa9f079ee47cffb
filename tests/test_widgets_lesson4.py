"""Lesson 5 widget (headless): ticks build the plan; "Download my plan" gives the plan page; both languages."""
import base64
import html
import re

import pytest

from lessons.classroom.action_plan import load_guide
from lessons.content.course import load_content
from lessons.widgets.controls import plain_text
from lessons.widgets.plan_checklist import ActionPlan


@pytest.fixture(scope="module")
def content():
    return load_content()


def make(content, tmp_path, lang="en"):
    return ActionPlan(content, lang=lang, remember_language=False)


def t(content, key, lang="en", **values):
    """A course text as the page shows it: the tests follow the wording instead of copying it."""
    return plain_text(content.text(key, lang, **values))


@pytest.fixture(scope="module")
def guide(content):
    return load_guide(content)


def step(guide, step_id):
    return next(s for s in guide.steps if s.id == step_id)


def choice(options, choice_id):
    return next(c for c in options if c.id == choice_id)


def test_starts_with_the_general_steps_and_a_hint(content, tmp_path):
    w = make(content, tmp_path)
    assert w.value["steps"] == ["police", "evidence", "rights_request", "damages"]
    assert t(content, "plan.pick_something") in w.read("plan")
    assert repr(w) == f"{w.title} ({content.text('common.run_to_use', 'en')})" and "ActionPlan" not in repr(w)


def test_ticking_a_box_updates_the_plan(content, tmp_path, guide):
    w = make(content, tmp_path)
    w.tick("money_transferred")
    assert w.value["steps"][0] == "stop_payment" and w.model.ticked("events") == ["money_transferred"]
    stop = step(guide, "stop_payment")
    assert stop.title("en") in w.read("plan") and content.provisions["ATOF.a20"].cite("en") in w.read("plan")
    assert t(content, "plan.pick_something") not in w.read("plan")
    w.tick("money_transferred", False)
    assert "stop_payment" not in w.value["steps"] and w.model.ticked("events") == []


def test_steps_show_basis_and_clause_text(content, tmp_path, guide):
    w = make(content, tmp_path)
    w.choose(["photos"], ["published_online"])
    html = w.read("plan")
    assert "report_12377" in w.value["steps"] and step(guide, "report_12377").title("en") in html
    assert content.provisions["CC.a1032.p1"].text.zh in html, "the clause text is available under the step"
    shown = [section.label("en") for section in guide.sections if section.label("en") in html]
    assert len(shown) >= 3 and [html.index(label) for label in shown] == sorted(html.index(x) for x in shown)


def test_chinese(content, tmp_path, guide):
    w = make(content, tmp_path, "zh")
    w.choose(["bank_payment"], ["money_transferred"])
    assert step(guide, "stop_payment").title("zh") in w.read("plan") and t(content, "plan.practical", "zh") in w.read(
        "plan")
    transferred = choice(guide.events, "money_transferred")
    assert (transferred.label("zh"), "money_transferred") in w.choices("events")
    w.set_language("en")
    assert (transferred.label("en"), "money_transferred") in w.choices("events")
    assert step(guide, "stop_payment").title("en") in w.read("plan")


def downloaded(w) -> tuple[str, str]:
    """The file the learner's browser saves from "Download my plan": (file name, page)."""
    link = re.search(r"<a class='pi-download-link' download='([^']+)'[^>]* "
                     r"href='data:text/html;charset=utf-8;base64,([^']+)'", w.html("download"))
    assert link, w.html("download")
    return html.unescape(link.group(1)), base64.b64decode(link.group(2)).decode("utf-8")


@pytest.mark.parametrize("lang, name, html_lang", [("en", "my-action-plan.html", "en"),
                                                   ("zh", "我的行动方案.html", "zh-CN")])
def test_download_gives_the_plan_page_in_the_page_language(content, tmp_path, monkeypatch, lang, name, html_lang):
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path / "server-home"))
    w = make(content, tmp_path, lang)
    w.choose(["phone"], ["scam_contact"])
    file_name, page = downloaded(w)
    assert (file_name, page) == w.take_away and file_name == name
    assert f"<html lang='{html_lang}'>" in page and "@media print" in page and "<button" not in page
    for step in w.plan.steps:
        assert step.title(lang) in plain_text(page)
    assert str(tmp_path) not in page and str(tmp_path) not in w.html("download") + w.html("plan-kept")
    assert content.text("plan.download", lang) in w.read("download")
    w.tick("money_transferred")  # the link follows the ticks
    assert "stop_payment" in w.value["steps"] and w.plan.steps[0].title(lang) in plain_text(downloaded(w)[1])
    w.set_language("zh" if lang == "en" else "en")  # and the language
    assert downloaded(w)[0] != name


def test_no_server_path_and_no_markdown_button(content, tmp_path, monkeypatch):
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path / "server-home"))
    w = make(content, tmp_path, "zh")
    assert "Markdown" not in w.read("plan-kept") + w.read("download")
    assert w.buttons.keys().isdisjoint({"save-md", "save-html"})
    assert t(content, "plan.kept", "zh") in w.read("plan-kept") and str(tmp_path) not in w.read("plan-kept")


