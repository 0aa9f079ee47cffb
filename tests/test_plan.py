"""Lesson 4 action plan: step selection and order, legal basis of every step, Markdown/HTML export."""
import pytest

from lessons.classroom import action_plan as pl
from lessons.content.course import load_content
from lessons.content.errors import ContentError, LessonsError


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture(scope="module")
def guide(content):
    return pl.load_guide(content)


def ids(plan):
    return [s.id for s in plan.steps]


def test_every_step_has_a_basis_or_is_marked_practical(guide, content):
    for step in guide.steps:
        assert step.basis or step.practical, step.id
        assert all(b in content.provisions for b in step.basis)
        for text in (step.title, step.detail):
            assert text.en and text.zh


def test_issue_options_are_offered(guide):
    leaked = {c.id for c in guide.leaked}
    events = {c.id for c in guide.events}
    assert {"id_number", "bank_payment", "phone", "address", "passwords", "photos", "location", "health"} <= leaked
    assert {"nothing_yet", "scam_contact", "money_transferred", "harassment", "published_online",
            "accounts_taken_over", "company_breach"} <= events


def test_money_transferred_puts_the_stop_payment_call_first(guide):
    plan = pl.build_plan(guide, ["bank_payment"], ["money_transferred"])
    first = plan.steps[0]
    assert first.id == "stop_payment" and "ATOF.a20" in first.basis and "110" in first.title.en
    assert "freeze_cards" in ids(plan)


def test_steps_follow_section_order(guide):
    every = pl.build_plan(guide, [c.id for c in guide.leaked], [c.id for c in guide.events])
    order = [s.id for s in guide.sections]
    positions = [order.index(s.section) for s in every.steps]
    assert positions == sorted(positions)
    assert ids(every) == [s.id for s in guide.steps], "with everything ticked, every step appears once"


def test_baseline_plan_reports_to_police_and_keeps_evidence(guide):
    plan = pl.build_plan(guide, [], ["nothing_yet"])
    assert {"police", "evidence", "rights_request", "damages"} <= set(ids(plan))
    police = next(s for s in plan.steps if s.id == "police")
    assert {"CrimPL.a110", "CL.253-1.p1"} <= set(police.basis)
    assert "stop_payment" not in ids(plan)


@pytest.mark.parametrize("events, step, clause", [
    (["published_online"], "report_12377", "CC.a1032.p1"),
    (["company_breach"], "complain_12315", "CRPL.a29"),
    (["company_breach"], "breach_notice", "PIPL.a57.p1"),
    (["company_breach"], "public_interest", "PIPL.a70.p1"),
    (["harassment"], "report_miit", "PIPL.a65.p1"),
])
def test_channels_follow_what_happened(guide, events, step, clause):
    plan = pl.build_plan(guide, [], events)
    chosen = {s.id: s for s in plan.steps}
    assert step in chosen and clause in chosen[step].basis


def test_rights_and_damages_cite_pipl_and_civil_code(guide):
    plan = pl.build_plan(guide, [], [])
    cited = set(pl.cited(plan))
    assert {"PIPL.a44.p1", "PIPL.a45.p1", "PIPL.a46.p1", "PIPL.a47.p1", "PIPL.a50.p2", "CC.a1037.p1",
            "PIPL.a69.p1", "CC.a1182", "CC.a1183"} <= cited


def test_caveats_from_the_reference_are_kept(guide):
    miit = next(s for s in guide.steps if s.id == "report_miit")
    assert "12381" in miit.title.en and "could not be verified" in miit.note.en and "尚未核实" in miit.note.zh
    scam = next(s for s in guide.steps if s.id == "scam_calls")
    assert "96110" in scam.detail.en and "not the number for reporting" in scam.detail.en
    for step in guide.steps:  # 96110 is never presented as the place to report
        assert "report to 96110" not in step.detail.en.lower()


def test_sensitive_information_step_only_for_sensitive_leaks(guide):
    assert "sensitive" in ids(pl.build_plan(guide, ["health"], []))
    assert "sensitive" not in ids(pl.build_plan(guide, ["address"], []))


def test_unknown_options_are_refused(guide):
    with pytest.raises(LessonsError, match="unknown leaked"):
        pl.build_plan(guide, ["dna"], [])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_export(guide, content, lang):
    plan = pl.build_plan(guide, ["phone"], ["money_transferred"])
    md = pl.to_markdown(plan, guide, content, lang)
    assert md.startswith("# ")
    assert content.provisions["ATOF.a20"].cite(lang) in md
    assert plan.steps[0].title(lang) in md.split("\n## ")[1]
    assert content.text("plan.practical", lang) in md
    assert content.provisions["PIPL.a69.p1"].text.zh in md, "cited clauses are quoted in Chinese"
    assert (content.provisions["PIPL.a69.p1"].text.en in md) == (lang == "en")


def test_html_export_is_a_standalone_escaped_page(guide, content):
    plan = pl.build_plan(guide, [], ["published_online"])
    page = pl.to_html(plan, guide, content, "zh")
    assert page.startswith("<!DOCTYPE html>") and "<meta charset='utf-8'>" in page and "lang='zh-CN'" in page
    assert "12377" in page and "《民法典》第一千零三十二条第一款" in page
    assert "<script" not in page


def test_a_step_without_basis_is_refused(tmp_path, content):
    bad = tmp_path / "plan.yaml"
    text = pl.GUIDE_FILE.read_text(encoding="utf-8").replace("    practical: true\n", "", 1)
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match="cite a clause"):
        pl.load_guide(content, bad)
