"""The engine rows of the December 2026 law review (E1-E11, S1, S2): each test fails on the engine before the fix.

E1, E2, E3, E5 and E8 are also in test_engine_rules.py; the property versions are in test_engine_properties.py.
"""
import datetime as dt

import pytest

from lessons.content.course import load_content
from lessons.content.errors import LessonsError
from lessons.content.thresholds import load_thresholds
from lessons.engine import Facts, assess
from lessons.engine.report import step_texts, to_json, verdict_lines
from lessons.engine.scenarios import load_scenarios

CONTENT = load_content()
TH = load_thresholds()
SERIOUS = {"tier_50": 0, "tier_500": 0, "tier_5000": 5000}
BELOW = {"tier_50": 0, "tier_500": 0, "tier_5000": 100}


def case(**changes) -> Facts:
    base = dict(conduct="sell_or_provide", pieces=BELOW, illegal_gains_yuan=0, obtained_in_duties=False,
                whereabouts_used_for_crime=False, knew_recipient_would_commit_crime=False, prior_record="none",
                consequences=[], unit_crime=False)
    base.update(changes)
    return Facts.from_dict(base)


def clauses(result) -> list[str]:
    return [x["clause"] for x in result.administrative]


# --- E7: the conduct date ------------------------------------------------------------------------------

@pytest.mark.parametrize("day,expected", [
    ("2025-12-31", ["CSL2016.a64.p2"]),
    ("2026-01-01", ["PSAPL2025.a56.p1"]),  # Art. 144: in force from that day, the day itself included
    (None, ["PSAPL2025.a56.p1", "CSL2016.a64.p2"]),
])
def test_the_2026_line_below_the_crime(day, expected):
    r = assess(case(conduct_date=day))
    assert r.tier == "none" and r.settled
    assert clauses(r) == expected
    assert ("conduct_date" in r.missing_facts) is (day is None)
    assert all(x["status"] == ("unknown" if day is None else "met") for x in r.administrative)


def test_before_2026_the_2016_fines_include_the_no_gains_limb():
    no_gains = assess(case(conduct_date="2025-06-30", illegal_gains_yuan=0)).administrative[0]
    assert (no_gains["min_multiple"], no_gains["max_multiple"], no_gains["no_gains_high"]) == (1, 10, 1_000_000)
    step = assess(case(conduct_date="2025-06-30", illegal_gains_yuan=0)).step("admin_csl2016_fine")
    for lang, words in (("en", "1,000,000 yuan"), ("zh", "1,000,000元以下罚款")):
        assert words in step_texts(CONTENT, step, lang)["conclusion"]
    gains = assess(case(conduct_date="2025-06-30", illegal_gains_yuan=300)).step("admin_csl2016_fine")
    assert "300 yuan" in step_texts(CONTENT, gains, "en")["conclusion"]
    # which law: the one at the time of the act unless the later one is lighter (APL Art. 37), open here
    assert "Art. 37" in step_texts(CONTENT, step, "en")["note"] and "open" in step_texts(CONTENT, step, "en")["note"]


def test_the_date_never_changes_the_crime_and_the_text_says_when_it_matters():
    for day in ("2025-12-31", "2026-01-01", None):
        r = assess(case(pieces=SERIOUS, conduct_date=day))
        assert r.tier == "serious" and r.administrative == ()
    open_ = assess(case())
    lines = verdict_lines(open_, CONTENT, "en")
    assert any("depends on the date of the conduct" in x for x in lines)
    assert any("行为日期" in x for x in verdict_lines(open_, CONTENT, "zh"))


def test_art50_before_2026_is_the_2012_text_with_its_lower_fine():
    r = assess(case(conduct_date="2025-12-31", harassing_messages=True))
    msg = [x for x in r.administrative if x["clause"] == "PSAPL2012.a42.p1.i5"]
    assert msg and msg[0]["fine_high"] == 500 and "PSAPL2025.a50.p1.i5" not in clauses(r)
    after = assess(case(conduct_date="2026-01-01", harassing_messages=True))
    assert [x["fine_high"] for x in after.administrative if x["clause"] == "PSAPL2025.a50.p1.i5"] == [1000]


def test_the_conduct_date_is_read_as_an_iso_date_and_refused_otherwise():
    assert Facts.from_dict({"conduct_date": "2026-01-01"}).conduct_date == dt.date(2026, 1, 1)
    assert Facts(conduct_date="2025-12-31").conduct_date == dt.date(2025, 12, 31)  # Python callers too
    assert Facts.from_dict({"conduct_date": "2026-01-01"}).to_dict() == {"conduct_date": "2026-01-01"}
    assert Facts.from_dict({"conduct_date": None}).conduct_date is None
    for bad in ("2026-13-01", "01/01/2026", "2026-1-1", 20260101, True, "", "2026年1月1日"):
        with pytest.raises(LessonsError, match="conduct_date") as exc:
            Facts.from_dict({"conduct_date": bad})
        assert exc.value.key == "not_a_date" and "\n" not in str(exc.value)
    with pytest.raises(LessonsError) as exc:
        Facts.from_dict({"conduct_date": "1900-01-01"})
    assert exc.value.key == "date_out_of_range"
    assert "日期" in CONTENT.ui["errors.not_a_date"]("zh") and "日期" in CONTENT.ui["errors.date_out_of_range"]("zh")


def test_conduct_before_the_2015_text_is_flagged():
    assert "warn_conduct_before_2015_text" in assess(case(pieces=SERIOUS, conduct_date="2015-10-31")).warnings
    assert "warn_conduct_before_2015_text" not in assess(case(pieces=SERIOUS, conduct_date="2015-11-01")).warnings


def test_pipl66_only_for_conduct_after_pipl_took_effect():
    unit = dict(pieces=SERIOUS, unit_crime=True)
    assert "PIPL.a66.p1" not in clauses(assess(case(conduct_date="2021-10-31", **unit)))
    assert "PIPL.a66.p1" in clauses(assess(case(conduct_date="2021-11-01", **unit)))


# --- E4, E9: the ranges ----------------------------------------------------------------------------------

def test_detention_and_a_fine_alone_are_inside_the_serious_range():
    r = assess(case(pieces=SERIOUS, surrender=True))
    below = r.step("below_floor")
    assert below.values["in_range"] == ("imprisonment", "criminal_detention", "fine_alone")
    assert below.values["below_range"] == ("exemption_where_a_clause_allows",)
    for key in ("below_floor_met_serious", "factor_surrender_met_serious", "factor_meritorious_service_met_serious"):
        en = CONTENT.text(f"engine.{key}", "en")
        assert "below it lie criminal detention" not in en and "may go to criminal detention" not in en
        assert ("inside" in en or "within" in en) and "exemption" in en
        assert "拘役" in CONTENT.text(f"engine.{key}", "zh") and "内" in CONTENT.text(f"engine.{key}", "zh")


def test_a_mitigated_especially_serious_sentence_is_under_36_months():
    helper = assess(load_scenarios()["surrendering_helper"].facts)
    assert helper.below_floor_range_months == (1, 36)  # half-open: from 1 month, under 36
    assert to_json(helper, CONTENT)["sentencing_factors"]["below_floor_upper_excluded"] is True
    en, zh = (" ".join(verdict_lines(helper, CONTENT, lang)) for lang in ("en", "zh"))
    assert "under 36 months" in en and "1-36" not in en
    assert "不满36个月" in zh and "1至36个月内" not in zh


# --- E6: the insider x10 reading is open -----------------------------------------------------------------

def test_the_insider_tenfold_reading_is_marked_open():
    r = assess(case(obtained_in_duties=True, pieces={"tier_50": 0, "tier_500": 2500, "tier_5000": 0}))
    assert r.tier == "especially_serious" and "warn_insider_tenfold_reading" in r.warnings
    note = step_texts(CONTENT, r.step("p2_item3_tenfold_insider"), "en")["note"]
    assert note and "open" in note and "reading" in note
    assert "尚未明确" in step_texts(CONTENT, r.step("p2_item3_tenfold_insider"), "zh")["note"]
    # not flagged where the ordinary ten-fold standard already decides the tier
    plain = assess(case(obtained_in_duties=True, pieces={"tier_50": 0, "tier_500": 5000, "tier_5000": 0}))
    assert plain.tier == "especially_serious" and "warn_insider_tenfold_reading" not in plain.warnings


# --- E10, E11 --------------------------------------------------------------------------------------------

def test_a_company_set_up_for_crime_is_not_a_unit():
    r = assess(case(pieces=SERIOUS, unit_crime=True, unit_set_up_for_crime=True))
    assert r.tier == "serious" and not r.unit_fined
    assert r.step("art7_unit_crime").status == "not_met" and r.step("uc1999_not_a_unit").holds
    text = step_texts(CONTENT, r.step("art7_unit_crime"), "en")["conclusion"]
    assert "not a unit crime" in text and "individuals" in text
    assert CONTENT.provisions["UC1999.a2"].verbatim
    assert "one copy" in step_texts(CONTENT, r.step("uc1999_not_a_unit"), "en")["note"]  # its label
    unit = assess(case(pieces=SERIOUS, unit_crime=True))  # not stated: the exception is not assumed
    assert unit.unit_fined and unit.step("uc1999_not_a_unit").status == "unknown"
    assert "unit_set_up_for_crime" not in unit.missing_facts


def test_confiscation_for_every_conviction_and_the_occupational_ban_for_insiders():
    r = assess(case(pieces=SERIOUS, illegal_gains_yuan=6000))
    assert r.step("confiscation").holds and r.step("occupational_ban") is None
    assert "6,000 yuan" in step_texts(CONTENT, r.step("confiscation"), "en")["conclusion"]
    insider = assess(case(pieces={"tier_50": 30, "tier_500": 0, "tier_5000": 0}, obtained_in_duties=True))
    ban = insider.step("occupational_ban")
    assert ban.holds and (ban.values["low"], ban.values["high"]) == (3, 5)
    assert "may" in step_texts(CONTENT, ban, "en")["conclusion"]
    assert assess(case()).step("confiscation") is None  # no crime


# --- S1, S2: the presets ----------------------------------------------------------------------------------

def test_the_shop_assistant_is_an_insider_and_still_below_the_halved_standards():
    s = load_scenarios()["small_seller_2026"]
    assert s.facts.obtained_in_duties is True and s.facts.conduct_date >= dt.date(2026, 1, 1)
    r = assess(s.facts)
    item8 = r.step("item8_insider_half")
    assert item8.status == "not_met" and {c.threshold for c in item8.comparisons} >= {2500}
    assert r.tier == "none" and clauses(r) == ["PSAPL2025.a56.p1"]


def test_the_repeat_offender_had_a_police_penalty_not_a_psapl_one():
    s = load_scenarios()["repeat_offender"]
    assert "治安处罚" not in s.story.zh and "受过公安机关的行政处罚" in s.story.zh
    assert s.facts.conduct_date >= dt.date(2026, 1, 1)
    assert assess(s.facts).tier == "serious"


# --- the result object for the computing student (issue 23) ------------------------------------------------

def test_the_result_has_a_short_readable_repr():
    r = assess(load_scenarios()["bank_clerk"].facts)
    text = repr(r)
    assert len(text) < 600 and text.count("\n") <= 8
    assert "serious" in text and "item8_insider_half" in text and "6-36" in text
    from IPython.core.formatters import format_display_data

    html = format_display_data(r)[0]["text/html"]  # what a notebook shows
    assert html.startswith("<") and "item8_insider_half" in html and len(html) < 2000
    assert "<script" not in html


def test_lesson3_has_a_lab_only_rules_as_code_section():
    """Issue 23: facts in a cell, the readable result, one rule's source, a predict task and a passing test;
    every cell lab-only (Voila removes them), markdown in both languages, code shared."""
    import json
    from pathlib import Path

    from lessons.widgets.page import Page

    path = Path(__file__).parents[1] / "source" / "03-article-253-1-penalties.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    section = [c for c in nb["cells"] if c["id"].startswith("cell-code-")]
    assert section and all("lab-only" in c["metadata"]["tags"] for c in section)
    code = ["".join(c["source"]) for c in section if c["cell_type"] == "code"]
    assert all(c["metadata"]["tags"] == ["lab-only"] for c in section if c["cell_type"] == "code")
    md = [c["metadata"]["tags"] for c in section if c["cell_type"] == "markdown"]
    assert md.count(["en", "lab-only"]) == md.count(["zh", "lab-only"]) >= 4
    joined = "\n".join(code)
    assert "assess(Facts.from_dict(case))" in joined and "inspect.getsource(rules." in joined
    assert "def test_" in joined and "assert " in joined
    namespace: dict = {"page": Page("en")}
    for source in code:  # runs as shipped: the test cell passes
        exec(compile(source, "lesson3", "exec"), namespace)
    assert namespace["result"].tier == "serious"


def test_without_a_mitigating_ground_the_serious_tier_offers_no_lower_range():
    """Review E4: the step shown without grounds no longer sends the serious tier "into the next lower range"."""
    r = assess(case(pieces=SERIOUS))
    text = step_texts(CONTENT, r.step("mitigation_not_computed"), "en")["conclusion"]
    assert "next lower range" not in text and "inside" in text
    high = assess(case(pieces={"tier_50": 0, "tier_500": 0, "tier_5000": 50000}))
    assert "next lower range" in step_texts(CONTENT, high.step("mitigation_not_computed"), "en")["conclusion"]
