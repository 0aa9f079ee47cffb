"""The tiers around the crime: administrative liability below and beside Article 253-1.

Individuals below "serious circumstances": from 2026-01-01 the Public Security Administration Punishments
Law (2025) Art. 56, detention decided by the police (its Art. 141 para. 3; Cybersecurity Law 2025 Art. 71
para. 2); before, the 2016 Cybersecurity Law Art. 64 para. 2, police fines. Harassing messages and spreading
others' privacy: PSAPL 2025 Art. 50 items 5 and 6 (before 2026: the 2012 text's Art. 42), only where there
is no crime or for a separate act. Units: PIPL Art. 66, whose fines give way to a criminal fine
(Administrative Penalty Law 2021 Art. 35 para. 2). Which text applies follows the conduct date (APL Art. 37);
an unknown date keeps both open. Every number is in thresholds.yaml.
"""
from __future__ import annotations

from lessons.content.tier_ids import NO_CRIME
from lessons.engine.case import Case
from lessons.engine.logic import TRUE, Tri
from lessons.engine.result import Step
from lessons.engine.rules import Finding, is_unit_crime, rule

SELLS = ("sell_or_provide", "obtain_and_sell")
OBTAINS = ("obtain", "buy_for_business")


def in_force_on_date(case: Case, threshold: str) -> Tri:
    """Was the text behind ``threshold`` in force on the conduct date? Unknown while the date is unknown."""
    day = case.facts.conduct_date
    return Tri(None, ("conduct_date",)) if day is None else Tri(day >= case.th[threshold].in_force)


def _new_psapl(case: Case) -> Tri:
    return in_force_on_date(case, "psapl56_detention_min_days")


def _days(case: Case) -> dict:
    th = case.th
    return {"low": th.value("psapl56_detention_min_days"), "high": th.value("psapl56_detention_max_days"),
            "minor_high": th.value("psapl56_minor_max_days"), "from": str(th["psapl56_detention_min_days"].in_force)}


def _below(settled: bool, missing: tuple[str, ...]) -> Tri:
    # While the tier is not settled the administrative tier applies only "if it stays below serious".
    return TRUE if settled else Tri(None, missing or ("conduct",))


def _date_input(case: Case) -> dict:
    day = case.facts.conduct_date
    return {"conduct": case.facts.conduct, "conduct_date": day.isoformat() if day else None}


@rule("PSAPL2025.a56.p1")
def admin_psapl56_sell(case: Case, below: Tri) -> Finding:
    return Finding(below & _new_psapl(case), inputs=_date_input(case), values=_days(case))


@rule("PSAPL2025.a56.p2")
def admin_psapl56_obtain(case: Case, below: Tri) -> Finding:
    return Finding(below & _new_psapl(case), inputs=_date_input(case), values=_days(case))


@rule("CSL2016.a64.p2")
def admin_csl2016_fine(case: Case, below: Tri) -> Finding:
    """Conduct before 2026-01-01: police fines of 1-10 times the gains, or up to 1,000,000 yuan without gains."""
    th, g = case.th, case.facts.illegal_gains_yuan
    values = {"min_multiple": th.value("csl2016_64_fine_min_multiple"),
              "max_multiple": th.value("csl2016_64_fine_max_multiple"),
              "no_gains_high": th.value("csl2016_64_no_gains_max_yuan"),
              "until": str(th["psapl56_detention_min_days"].in_force), "gains": g,
              "tier": "gains" if g else ("no_gains" if g == 0 else None)}
    return Finding(below & ~_new_psapl(case), inputs={**_date_input(case), "illegal_gains_yuan": g}, values=values)


def _art50(case: Case, tier: str) -> dict:
    th = case.th
    return {"high": th.value("psapl50_max_days"), "fine_high": th.value("psapl50_fine_max_yuan"),
            "serious_low": th.value("psapl50_serious_min_days"), "serious_high": th.value("psapl50_serious_max_days"),
            "from": str(th["psapl50_max_days"].in_force), "tier": "crime" if tier != NO_CRIME else None}


def _art42(case: Case, tier: str) -> dict:
    th = case.th
    return {"high": th.value("psapl2012_42_max_days"), "fine_high": th.value("psapl2012_42_fine_max_yuan"),
            "serious_low": th.value("psapl2012_42_serious_min_days"),
            "serious_high": th.value("psapl2012_42_serious_max_days"), "from": str(th["psapl50_max_days"].in_force),
            "tier": "crime" if tier != NO_CRIME else None}


@rule("PSAPL2025.a50.p1.i5")
def admin_psapl50_messages(case: Case, below: Tri, tier: str) -> Finding:
    # Messages sent to the victim are an act separate from selling the information: they stand beside a crime.
    return Finding(_new_psapl(case), inputs={"harassing_messages": True, **_date_input(case)},
                   values=_art50(case, tier))


@rule("PSAPL2025.a50.p1.i6")
def admin_psapl50_privacy(case: Case, below: Tri, tier: str) -> Finding:
    # Publishing the information is the "providing" itself (Interp. Art. 3 para. 1): once that is a crime, the
    # same act is not punished again by the police (APL Art. 8 para. 2).
    return Finding(below & _new_psapl(case), inputs={"spread_privacy": True, **_date_input(case)},
                   values=_art50(case, tier))


@rule("PSAPL2012.a42.p1.i5")
def admin_psapl2012_messages(case: Case, below: Tri, tier: str) -> Finding:
    return Finding(~_new_psapl(case), inputs={"harassing_messages": True, **_date_input(case)},
                   values=_art42(case, tier))


@rule("PSAPL2012.a42.p1.i6")
def admin_psapl2012_privacy(case: Case, below: Tri, tier: str) -> Finding:
    return Finding(below & ~_new_psapl(case), inputs={"spread_privacy": True, **_date_input(case)},
                   values=_art42(case, tier))


@rule("APL2021.a35.p1")
def apl35_detention_credited(case: Case) -> Finding:
    """Administrative detention already served for the same act counts against a criminal sentence."""
    return Finding(TRUE, inputs={"spread_privacy": case.facts.spread_privacy})


@rule("PIPL.a66.p1")
def admin_pipl66(case: Case, tier: str) -> Finding:
    th = case.th
    values = {
        "high": th.value("pipl66_fine_max_yuan"),
        "person_low": th.value("pipl66_person_min_yuan"),
        "person_high": th.value("pipl66_person_max_yuan"),
        "serious_high": th.value("pipl66_serious_fine_max_yuan"),
        "percent": th.value("pipl66_serious_turnover_percent"),
        "serious_person_low": th.value("pipl66_serious_person_min_yuan"),
        "serious_person_high": th.value("pipl66_serious_person_max_yuan"),
        "from": str(th["pipl66_fine_max_yuan"].in_force),
        "tier": "crime" if tier != NO_CRIME else None,
    }
    return Finding(in_force_on_date(case, "pipl66_fine_max_yuan"), inputs={"unit_crime": True, **_date_input(case)},
                   values=values)


@rule("APL2021.a35.p2")
def apl35_fine_offset(case: Case) -> Finding:
    """A criminal fine on the unit: an administrative fine already imposed is offset, one not yet imposed is not."""
    return Finding(TRUE, inputs={"unit_crime": True})


AUTHORITY = {admin_psapl56_sell: "police", admin_psapl56_obtain: "police", admin_csl2016_fine: "police",
             admin_psapl50_messages: "police", admin_psapl50_privacy: "police",
             admin_psapl2012_messages: "police", admin_psapl2012_privacy: "police",
             admin_pipl66: "pi_protection_departments"}
DATED = tuple(AUTHORITY)  # every administrative step depends on the text in force on the conduct date
PRIVACY = (admin_psapl50_privacy, admin_psapl2012_privacy)
OLD_TEXTS = (admin_csl2016_fine, admin_psapl2012_messages, admin_psapl2012_privacy)  # before 2026-01-01


def administrative_steps(case: Case, tier: str, settled: bool, missing: tuple[str, ...]) -> list[Step]:
    """The administrative steps that fit the facts and the conduct date (a step the date rules out is left out)."""
    f, steps = case.facts, []
    below = _below(settled, missing) if tier == NO_CRIME else Tri(False)
    personal = f.irreversibly_anonymised is not True  # anonymised data is not personal information (PIPL Art. 4)
    if tier == NO_CRIME and f.conduct is not None and personal:
        if f.conduct in SELLS and case.sells.value is not False:
            steps += [admin_psapl56_sell(case, below), admin_csl2016_fine(case, below)]
        elif f.conduct in OBTAINS or f.conduct == "obtain_and_sell":
            steps += [admin_psapl56_obtain(case, below), admin_csl2016_fine(case, below)]
    if f.harassing_messages:
        steps += [admin_psapl50_messages(case, below, tier), admin_psapl2012_messages(case, below, tier)]
    if f.spread_privacy:
        steps += [admin_psapl50_privacy(case, below, tier), admin_psapl2012_privacy(case, below, tier)]
    # Dropped: what the conduct date rules out; kept: privacy steps ruled out by the crime (they explain why).
    steps = [s for s in steps if s.status != "not_met" or (s.of(*PRIVACY) and tier != NO_CRIME
                                                            and _kept_by_date(case, s))]
    if tier != NO_CRIME and (f.spread_privacy or f.harassing_messages):
        steps.append(apl35_detention_credited(case))
    if is_unit_crime(f).value and personal:
        pipl = admin_pipl66(case, tier)
        if pipl.status != "not_met":
            steps.append(pipl)
            if tier != NO_CRIME:
                steps.append(apl35_fine_offset(case))
    return steps


def _kept_by_date(case: Case, step: Step) -> bool:
    new = _new_psapl(case).value
    return new is None or new == (not step.of(*OLD_TEXTS))


def administrative_json(steps: list[Step]) -> list[dict]:
    """One entry per administrative clause that fits (met or open): who decides, its status and its numbers."""
    decided_by = {r.name: who for r, who in AUTHORITY.items()}
    return [{"rule": s.rule, "clause": s.clause, "status": s.status, "decided_by": decided_by[s.rule],
             **{k: v for k, v in s.values.items() if k != "tier"},
             **({"fines_offset_by_criminal_fine": s.values.get("tier") == "crime"} if s.of(admin_pipl66) else {})}
            for s in steps if s.of(*AUTHORITY) and s.status != "not_met"]
