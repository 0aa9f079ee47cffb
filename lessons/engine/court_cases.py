"""Published cases (``data/content/court_cases.yaml``) run through the engine and compared with the court.

The court's sentence places it in a statutory range: above 36 months only the "especially serious"
range (3-7 years) fits; below 36 months the "serious" range, or a mitigated sentence below the
"especially serious" floor (Criminal Law Art. 63); exactly 36 months fits both (Art. 99). Differences
are explained by reason codes (``REASONS``): mitigation the facts give or do not give, a joint crime,
which item the information falls under (left to the court), a counting choice, facts the published
text lacks, a conviction under another article, a fine outside the 1-5x guideline. Each entry also
states what the lesson says (``lesson.agree``, ``lesson.reasons``); the tests hold it to ``compare``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lessons.content.reader import CONTENT_DIR, Entry, entries
from lessons.content.text import Text
from lessons.content.thresholds import Thresholds, load_thresholds
from lessons.content.tier_ids import CRIME_TIERS, ESPECIALLY_SERIOUS, NO_CRIME, SERIOUS
from lessons.engine.assess import assess
from lessons.engine.facts import Facts
from lessons.engine.result import Assessment
from lessons.engine.scenarios import entry_facts

LABELS = ("VERIFIED-2SRC", "SECONDARY", "CONFLICT")  # cases.md / legal-2026.md labels a lesson case may carry
CHARGES = ("art_253_1", "art_287_1")
TIER_DIFFERENCES = ("information_kind", "counting_choice")
# Reasons that mean engine and court differ; the others only inform (a joint crime the engine follows,
# a tier the text does not state, gains or fines that cannot be compared).
DIFFERENCES = ("mitigation_given", "below_floor_unexplained", "information_kind", "counting_choice", "facts_missing",
               "other_article")
REASONS = ("agree", "tier_not_stated", "joint_crime", *DIFFERENCES, "fine_below_guideline", "fine_above_guideline",
           "gains_unknown", "no_gains", "fine_not_given")


@dataclass(frozen=True)
class CourtResult:
    court: Text | None
    date: str | None
    judgment: str | None
    sentence_months: int
    suspended_months: int | None
    fine_yuan: int | None
    own_gains_yuan: float | None
    tier: str | None           # the tier the court stated, or None where the published text does not
    tier_difference: str | None  # why a stated tier differs from the engine's (TIER_DIFFERENCES)
    text: Text                 # zh: verbatim from the source; en: unofficial rendering


@dataclass(frozen=True)
class LessonStatement:
    """What the lesson tells the learner about this case: agreement, reasons and (where they differ) why."""

    agree: bool
    reasons: tuple[str, ...]
    why: Text | None


@dataclass(frozen=True)
class CourtCase:
    id: str
    case: str                  # the published case, e.g. "GC194" or "NEWS-YP"
    defendant: str
    label: str
    doubt: Text | None
    title: Text
    source: Text
    facts_text: Text
    facts_verbatim: bool
    facts: Facts
    counting: Text
    joint: bool
    charge: str
    court: CourtResult
    lesson: LessonStatement

    @property
    def guiding_case(self) -> bool:
        return self.case.startswith("GC")


@dataclass(frozen=True)
class Comparison:
    """Engine vs court for one defendant: the ranges the sentence fits, agreement, and reason codes."""

    case: CourtCase
    engine: Assessment
    court_ranges: tuple[str, ...]   # the statutory ranges of Art. 253-1 the court's sentence fits
    tier_agrees: bool
    range_agrees: bool
    fine_multiple: float | None     # court fine / illegal gains
    reasons: tuple[str, ...]

    @property
    def agree(self) -> bool:
        return "agree" in self.reasons


class _Part(Entry):
    """A nested mapping (``court``, ``lesson``) whose errors name the entry and ``court.<field>``."""

    def __init__(self, parent: Entry, field: str):
        self.parent, self.prefix = parent, field
        raw = parent.raw(field)
        if not isinstance(raw, dict):
            parent.fail(field, "must be a mapping")
        super().__init__(raw, parent.path, parent.label)

    def fail(self, field: str | None, problem: str):
        self.parent.fail(f"{self.prefix}.{field}" if field else self.prefix, problem)


def _optional_int(e: Entry, field: str, minimum: int = 0) -> int | None:
    return None if e.raw(field, None) is None else e.int(field, minimum)


def _optional_str(e: Entry, field: str) -> str | None:
    return None if e.raw(field, None) is None else str(e.raw(field))


def _court(e: Entry) -> CourtResult:
    c = _Part(e, "court")
    tier = c.raw("tier", None)
    if tier is not None and tier not in CRIME_TIERS:
        c.fail("tier", f"is {tier!r}; expected null or one of {', '.join(CRIME_TIERS)}")
    difference = c.raw("tier_difference", None)
    if difference is not None and difference not in TIER_DIFFERENCES:
        c.fail("tier_difference", f"is {difference!r}; expected one of {', '.join(TIER_DIFFERENCES)}")
    own = c.raw("own_gains_yuan", None)
    if own is not None and (not isinstance(own, (int, float)) or isinstance(own, bool) or own <= 0):
        c.fail("own_gains_yuan", "must be a positive amount in yuan")
    suspended = _optional_int(c, "suspended_months", 1)
    return CourtResult(c.text("court", None), _optional_str(c, "date"), _optional_str(c, "judgment"),
                       c.int("sentence_months", 1), suspended, _optional_int(c, "fine_yuan"), own, tier, difference,
                       c.text("text"))


def _lesson(e: Entry) -> LessonStatement:
    part = _Part(e, "lesson")
    reasons = part.raw("reasons")
    if not isinstance(reasons, list) or not reasons or any(r not in REASONS for r in reasons):
        part.fail("reasons", f"is {reasons!r}; expected a list of: {', '.join(REASONS)}")
    agree = part.bool("agree")
    why = part.text("why", None)
    if not agree and why is None:
        part.fail("why", "is missing: a case where engine and court differ must say why")
    return LessonStatement(agree, tuple(reasons), why)


def load_court_cases(path: Path | str | None = None) -> dict[str, CourtCase]:
    """All cases by id, in file order; bad entries raise a one-line ContentError naming file, entry and field."""
    path = Path(path) if path is not None else CONTENT_DIR / "court_cases.yaml"
    out = {}
    for e in entries(path):
        label = e.choice("label", LABELS)
        charge = e.raw("charge", "art_253_1")
        if charge not in CHARGES:
            e.fail("charge", f"is {charge!r}; expected one of {', '.join(CHARGES)}")
        out[e.str("id")] = CourtCase(
            e.str("id"), e.str("case"), e.str("defendant"), label, e.text("doubt", None), e.text("title"),
            e.text("source"), e.text("facts_text"), e.bool("facts_verbatim"), entry_facts(e), e.text("counting"),
            e.bool("joint", False), charge, _court(e), _lesson(e))
    return out


def court_ranges(months: int, th: Thresholds) -> tuple[str, ...]:
    """The statutory ranges a sentence of ``months`` fits (Art. 99: 36 months fits both)."""
    ceiling, floor = th.value("serious_max_months"), th.value("especially_serious_min_months")
    out = []
    if months <= ceiling:
        out.append(SERIOUS)
    if floor <= months <= th.value("especially_serious_max_months"):
        out.append(ESPECIALLY_SERIOUS)
    return tuple(out)


def compare(case: CourtCase, th: Thresholds | None = None) -> Comparison:
    """Run the engine on the case's facts and set its reading beside the court's sentence."""
    th = th if th is not None else load_thresholds()
    a = assess(case.facts, th)
    c = case.court
    ranges = court_ranges(c.sentence_months, th)
    other_article = case.charge != "art_253_1"
    reasons: list[str] = []
    if other_article:
        reasons.append("other_article")
    elif c.tier is None:
        reasons.append("tier_not_stated")
    if case.joint:
        reasons.append("joint_crime")
    tier_agrees = not other_article and (a.tier == c.tier if c.tier is not None else a.tier in ranges)
    range_agrees = not other_article and a.tier in ranges
    below_floor = c.sentence_months < th.value("especially_serious_min_months")
    if not other_article and a.tier == ESPECIALLY_SERIOUS and below_floor:
        # Below the floor: only mitigation (Art. 63) gets there; say whether the facts give a ground for it.
        reasons.append("mitigation_given" if a.below_floor_range_months else "below_floor_unexplained")
    if not other_article and c.tier is not None and a.tier != c.tier:
        reasons.append(c.tier_difference or "counting_choice")
    elif a.tier == NO_CRIME and not a.settled:
        reasons.append("facts_missing")  # the engine cannot reach a tier on the published facts
    gains = c.own_gains_yuan if c.own_gains_yuan is not None else case.facts.illegal_gains_yuan
    multiple = None
    if c.fine_yuan is None:
        reasons.append("fine_not_given")
    elif gains is None:
        reasons.append("gains_unknown")
    elif gains == 0:
        reasons.append("no_gains")
    else:
        multiple = round(c.fine_yuan / gains, 2)
        if multiple < th.value("fine_gains_min_multiple"):
            reasons.append("fine_below_guideline")
        elif multiple > th.value("fine_gains_max_multiple"):
            reasons.append("fine_above_guideline")
    if tier_agrees and range_agrees and not set(reasons) & set(DIFFERENCES):
        reasons.insert(0, "agree")
    return Comparison(case, a, ranges, tier_agrees, range_agrees, multiple, tuple(reasons))


def lesson_mismatches(cases: dict[str, CourtCase] | None = None) -> list[str]:
    """Cases whose stated agreement or reasons (``lesson``) are not what the engine gives: must be none."""
    out = []
    for cid, case in (cases or load_court_cases()).items():
        cmp = compare(case)
        if cmp.agree != case.lesson.agree or cmp.reasons != case.lesson.reasons:
            out.append(f"{cid}: the lesson says agree={case.lesson.agree} {list(case.lesson.reasons)}, "
                       f"the engine gives agree={cmp.agree} {list(cmp.reasons)}")
    return out


def published_cases(cases: dict[str, CourtCase] | None = None) -> dict[str, list[CourtCase]]:
    """The lesson's published cases (case id -> its defendants' entries), in file order."""
    out: dict[str, list[CourtCase]] = {}
    for case in (cases or load_court_cases()).values():
        out.setdefault(case.case, []).append(case)
    return out


def comparison_row(cmp: Comparison, lang: str, content: Any) -> dict[str, str]:
    """One table row (a dict of column -> cell) for a compared case, in ``lang``."""
    from lessons.content.sentence_terms import sentence_text
    from lessons.engine.report import text

    t = lambda key, **v: content.text(f"court_cases.{key}", lang, **v)  # noqa: E731 - a short local alias
    a, case, court = cmp.engine, cmp.case, cmp.case.court
    if a.imprisonment_months:
        low, high = a.imprisonment_months
        engine_range = t("range_between", low=_term(low, lang), high=_term(high, lang))
    else:
        engine_range = ""
    sentence = sentence_text(court.sentence_months, lang, court.suspended_months)
    if case.charge != "art_253_1":
        sentence = t(f"charge_{case.charge}") + t("separator") + (" " if lang == "en" else "") + sentence
    return {
        t("table_case"): case.title(lang),
        t("table_label"): t(f"label_{case.label}"),
        t("table_engine_tier"): text(content, f"tier_{a.tier}", lang),
        t("table_engine_range"): engine_range,
        t("table_court"): sentence,
        t("table_court_fine"): "" if court.fine_yuan is None else f"{court.fine_yuan:,}",
        t("table_agree"): t("table_yes" if cmp.agree else "table_no"),
        t("table_reasons"): (" " if lang == "en" else "").join(t(f"reason_{r}") for r in cmp.reasons),
    }


def _term(months: int, lang: str) -> str:
    from lessons.content.sentence_terms import term_text

    return term_text(months, lang)


def comparison_table(cases: dict[str, CourtCase] | None = None, lang: str = "en", content=None,
                     only: set[str] | None = None) -> list[dict[str, str]]:
    """One row per defendant (only those in ``only`` when given), in ``lang``; shown with
    ``lessons.widgets.clause_views.Table``."""
    from lessons.content.course import load_content
    from lessons.content.text import check_language

    c = content if content is not None else load_content()
    lang = check_language(lang)
    return [comparison_row(compare(case), lang, c) for cid, case in (cases or load_court_cases()).items()
            if only is None or cid in only]
