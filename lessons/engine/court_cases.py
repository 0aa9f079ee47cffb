"""Published cases (``data/content/court_cases.yaml``) run through the engine and compared with the court.

The court's sentence places it in a statutory range: above 36 months only the "especially serious"
range (3-7 years) fits; below 36 months the "serious" range, or a mitigated sentence below the
"especially serious" floor (Criminal Law Art. 63); exactly 36 months fits both (Art. 99). Differences
are explained by reason codes: mitigation given in the facts, a counting choice, a fact the rules
leave to the court (or the reference does not report), a fine outside the 1-5x guideline.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lessons.content.reader import CONTENT_DIR, entries
from lessons.content.text import Text
from lessons.engine.assess import assess
from lessons.engine.facts import Facts
from lessons.engine.scenarios import entry_facts
from lessons.engine.result import Assessment
from lessons.content.thresholds import Thresholds, load_thresholds

COURT_TIERS = ("serious", "especially_serious")
REASONS = ("agree", "mitigation_given", "below_floor_unexplained", "counting_choice", "tier_not_stated",
           "fine_below_guideline", "fine_above_guideline", "gains_unknown")


@dataclass(frozen=True)
class CourtResult:
    court: Text
    date: str
    judgment: str
    sentence_months: int
    suspended_months: int | None
    fine_yuan: int
    tier: str | None
    text: Text


@dataclass(frozen=True)
class CourtCase:
    id: str
    case: int
    defendant: str
    title: Text
    source: Text
    story: Text
    facts: Facts
    counting: Text
    court: CourtResult


@dataclass(frozen=True)
class Comparison:
    """Engine vs court for one defendant: the ranges the sentence fits, agreement, and reason codes."""

    case: CourtCase
    engine: Assessment
    court_ranges: tuple[str, ...]   # the statutory ranges the court's sentence fits
    tier_agrees: bool
    range_agrees: bool
    fine_multiple: float | None     # court fine / illegal gains
    reasons: tuple[str, ...]


def load_court_cases(path: Path | str | None = None) -> dict[str, CourtCase]:
    """All cases by id, in file order; bad entries raise a one-line error naming the entry and field."""
    path = Path(path) if path is not None else CONTENT_DIR / "court_cases.yaml"
    out = {}
    for e in entries(path):
        facts = entry_facts(e)
        raw = e.raw("court")
        if not isinstance(raw, dict):
            e.fail("court", "must be a mapping")
        tier = raw.get("tier")
        if tier is not None and tier not in COURT_TIERS:
            e.fail("court", f"tier {tier!r}; expected null or one of {', '.join(COURT_TIERS)}")
        try:
            court = CourtResult(Text(**raw["court"]), str(raw["date"]), str(raw["judgment"]), int(raw["sentence_months"]),
                                None if raw.get("suspended_months") is None else int(raw["suspended_months"]),
                                int(raw["fine_yuan"]), tier, Text(**raw["text"]))
        except (KeyError, TypeError, ValueError) as exc:
            e.fail("court", f"incomplete or malformed ({exc})")
        out[e.str("id")] = CourtCase(e.str("id"), e.int("case", 1), e.str("defendant"), e.text("title"), e.text("source"),
                                     e.text("story"), facts, e.text("counting"), court)
    return out


def court_ranges(months: int, th: Thresholds) -> tuple[str, ...]:
    """The statutory ranges a sentence of ``months`` fits (Art. 99: 36 months fits both)."""
    ceiling, floor = th.value("serious_max_months"), th.value("especially_serious_min_months")
    out = []
    if months <= ceiling:
        out.append("serious")
    if floor <= months <= th.value("especially_serious_max_months"):
        out.append("especially_serious")
    return tuple(out)


def compare(case: CourtCase, th: Thresholds | None = None) -> Comparison:
    th = th if th is not None else load_thresholds()
    a = assess(case.facts, th)
    c = case.court
    ranges = court_ranges(c.sentence_months, th)
    reasons: list[str] = []
    court_tier = c.tier
    if court_tier is None:
        reasons.append("tier_not_stated")
        tier_agrees = a.tier in ranges
    else:
        tier_agrees = a.tier == court_tier
    range_agrees = a.tier in ranges
    if a.tier == "especially_serious" and c.sentence_months < th.value("especially_serious_min_months"):
        # Below the floor: only mitigation (Art. 63) gets there; say whether the facts give a ground for it.
        reasons.append("mitigation_given" if a.below_floor_range_months else "below_floor_unexplained")
    if a.tier != "none" and court_tier is not None and a.tier != court_tier:
        reasons.append("counting_choice")
    if c.tier is None and not range_agrees and a.tier == "especially_serious" and "serious" in ranges:
        pass  # already explained as below the floor
    g = case.facts.illegal_gains_yuan
    multiple = round(c.fine_yuan / g, 2) if g else None
    if multiple is None:
        reasons.append("gains_unknown")
    elif multiple < th.value("fine_gains_min_multiple"):
        reasons.append("fine_below_guideline")
    elif multiple > th.value("fine_gains_max_multiple"):
        reasons.append("fine_above_guideline")
    if tier_agrees and range_agrees and not set(reasons) - {"tier_not_stated", "gains_unknown"}:
        reasons.insert(0, "agree")
    return Comparison(case, a, ranges, tier_agrees, range_agrees, multiple, tuple(reasons))


def comparison_table(cases: dict[str, CourtCase] | None = None, lang: str = "en", content=None):
    """One row (a dict) per defendant, in ``lang``: engine tier and range, the court's sentence, agreement
    and reasons; shown with ``lessons.widgets.clause_views.Table``."""
    from lessons.content.course import load_content
    from lessons.content.text import check_language
    from lessons.engine.report import text

    c = content if content is not None else load_content()
    t = lambda key, **v: c.text(f"court_cases.{key}", check_language(lang), **v)  # noqa: E731 - a short local alias
    rows = []
    for case in (cases or load_court_cases()).values():
        cmp = compare(case)
        a, court = cmp.engine, case.court
        sentence = t("table_months", months=court.sentence_months) if not court.suspended_months else \
            t("table_months_suspended", months=court.sentence_months, suspended=court.suspended_months)
        rows.append({
            t("table_case"): t("table_case_name", number=case.case, defendant=case.defendant),
            t("table_engine_tier"): text(c, f"tier_{a.tier}", lang),
            t("table_engine_range"): "–".join(map(str, a.imprisonment_months)) if a.imprisonment_months else "",
            t("table_court"): sentence,
            t("table_court_fine"): f"{court.fine_yuan:,}",
            t("table_fine_multiple"): "" if cmp.fine_multiple is None else f"{cmp.fine_multiple:g}",
            t("table_agree"): t("table_yes" if cmp.tier_agrees and cmp.range_agrees else "table_no"),
            t("table_reasons"): " ".join(t(f"reason_{r}") for r in cmp.reasons),
        })
    return rows
