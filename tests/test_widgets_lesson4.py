"""Lesson 4 widget (headless): ticking options builds the plan; saving writes Markdown/HTML; both languages."""
import pytest

from lessons.content.course import load_content
from lessons.widgets.plan_checklist import ActionPlan


@pytest.fixture(scope="module")
def content():
    return load_content()


def make(content, tmp_path, lang="en"):
    return ActionPlan(content, lang=lang, plans_dir=tmp_path / "plans", remember_language=False)


def test_starts_with_the_general_steps_and_a_hint(content, tmp_path):
    w = make(content, tmp_path)
    assert w.value["steps"] == ["police", "evidence", "rights_request", "damages"]
    assert "Tick at least one item" in w.read("plan")
    assert repr(w) == f"{w.title} (run this cell to use it)" and "ActionPlan" not in repr(w)


def test_ticking_a_box_updates_the_plan(content, tmp_path):
    w = make(content, tmp_path)
    w.tick("money_transferred")
    assert w.value["steps"][0] == "stop_payment"
    assert "Call 110 at once" in w.read("plan") and "Anti-Telecom-and-Online-Fraud Law Art. 20" in w.read("plan")
    assert "Tick at least one item" not in w.read("plan")
    w.tick("money_transferred", False)
    assert "stop_payment" not in w.value["steps"]


def test_steps_show_basis_and_clause_text(content, tmp_path):
    w = make(content, tmp_path)
    w.choose(["photos"], ["published_online"])
    html = w.read("plan")
    assert "report_12377" in w.value["steps"] and "12377" in html
    assert content.provisions["CC.a1032.p1"].text.zh in html, "the clause text is available under the step"
    assert html.index("Do this now") < html.index("Where to report") < html.index("Keep evidence")


def test_chinese(content, tmp_path):
    w = make(content, tmp_path, "zh")
    w.choose(["bank_payment"], ["money_transferred"])
    assert "立即拨打110，请求紧急止付" in w.read("plan") and "实务建议（无具体法条）" in w.read("plan")
    assert ("已经向骗子转账", "money_transferred") in w.choices("events")
    w.set_language("en")
    assert ("Money was transferred to a fraudster", "money_transferred") in w.choices("events")
    assert "Call 110 at once" in w.read("plan")


@pytest.mark.parametrize("suffix, start", [("md", "# "), ("html", "<!DOCTYPE html>")])
def test_save_writes_the_file_and_says_where(content, tmp_path, suffix, start):
    w = make(content, tmp_path)
    w.choose(["phone"], ["scam_contact"])
    w.save(suffix)
    path = tmp_path / "plans" / f"action-plan.{suffix}"
    assert path.read_text(encoding="utf-8").startswith(start)
    assert str(path) in w.read("message") and "Saved" in w.read("message")


def test_save_problem_is_shown_not_raised(content, tmp_path):
    blocker = tmp_path / "plans"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    w = make(content, tmp_path)
    w.save("md")
    assert "could not be saved" in w.read("message")


def test_buttons_are_labelled(content, tmp_path):
    w = make(content, tmp_path)
    for role in ("save-md", "save-html"):
        description, tooltip = w.buttons[role]
        assert description and tooltip


def test_ticks_survive_a_restart(tmp_path):
    from lessons.classroom.progress import Progress
    from lessons.widgets.plan_checklist import ActionPlan

    progress = Progress(tmp_path, learner="Li Lei")
    first = ActionPlan(lang="en", plans_dir=tmp_path, progress=progress, remember_language=False)
    first.choose(leaked=["bank_payment"], events=["money_transferred"])
    again = ActionPlan(lang="en", plans_dir=tmp_path, progress=Progress(tmp_path, learner="Li Lei"), remember_language=False)
    assert again.value["leaked"] == ["bank_payment"] and again.value["events"] == ["money_transferred"]
    assert again.value["steps"] == first.value["steps"]
