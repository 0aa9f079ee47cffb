"""The tiers around the crime: administrative liability below and beside Article 253-1.

Individuals below "serious circumstances": Public Security Administration Punishments Law (2025, in force
2026-01-01) Art. 56, detention decided by the police (its Art. 141 para. 3; Cybersecurity Law 2025
Art. 71 para. 2). Harassing messages and spreading others' privacy: its Art. 50 items 5 and 6, at any
tier. Units: PIPL Art. 66 fines beside the criminal unit fine. Every number is in thresholds.yaml.
"""
from __future__ import annotations

from lessons.engine.case import Case
from lessons.engine.logic import TRUE, Tri
from lessons.engine.result import Step
from lessons.engine.rules import Finding, rule

SELLS = ("sell_or_provide", "obtain_and_sell")
OBTAINS = ("obtain", "buy_for_business")


def _days(case: Case) -> dict:
    th = case.th
    return {"low": th.value("psapl56_detention_min_days"), "high": th.value("psapl56_detention_max_days"),
            "minor_high": th.value("psapl56_minor_max_days")}


def _below(settled: bool, missing: tuple[str, ...]) -> Tri:
    # While the tier is not settled the administrative tier applies only "if it stays below serious".
    return TRUE if settled else Tri(None, missing or ("conduct",))


@rule("PSAPL2025.a56.p1")
def admin_psapl56_sell(case: Case, settled: bool, missing: tuple[str, ...]) -> Finding:
    return Finding(_below(settled, missing), inputs={"conduct": case.facts.conduct}, values=_days(case))


@rule("PSAPL2025.a56.p2")
def admin_psapl56_obtain(case: Case, settled: bool, missing: tuple[str, ...]) -> Finding:
    return Finding(_below(settled, missing), inputs={"conduct": case.facts.conduct}, values=_days(case))


def _art50(case: Case) -> dict:
    th = case.th
    return {"high": th.value("psapl50_max_days"), "fine_high": th.value("psapl50_fine_max_yuan"),
            "serious_low": th.value("psapl50_serious_min_days"), "serious_high": th.value("psapl50_serious_max_days")}


@rule("PSAPL2025.a50.p1.i5")
def admin_psapl50_messages(case: Case) -> Finding:
    return Finding(TRUE, inputs={"harassing_messages": True}, values=_art50(case))


@rule("PSAPL2025.a50.p1.i6")
def admin_psapl50_privacy(case: Case) -> Finding:
    return Finding(TRUE, inputs={"spread_privacy": True}, values=_art50(case))


@rule("PIPL.a66.p1")
def admin_pipl66(case: Case) -> Finding:
    th = case.th
    values = {"high": th.value("pipl66_fine_max_yuan"), "person_low": th.value("pipl66_person_min_yuan"),
              "person_high": th.value("pipl66_person_max_yuan"), "serious_high": th.value("pipl66_serious_fine_max_yuan"),
              "percent": th.value("pipl66_serious_turnover_percent"),
              "serious_person_low": th.value("pipl66_serious_person_min_yuan"),
              "serious_person_high": th.value("pipl66_serious_person_max_yuan")}
    return Finding(TRUE, inputs={"unit_crime": True}, values=values)


AUTHORITY = {"admin_psapl56_sell": "police", "admin_psapl56_obtain": "police", "admin_psapl50_messages": "police",
             "admin_psapl50_privacy": "police", "admin_pipl66": "pi_protection_departments"}


def administrative_steps(case: Case, tier: str, settled: bool, missing: tuple[str, ...]) -> list[Step]:
    """The administrative steps that fit the facts (none for a crime, except Art. 50 and PIPL Art. 66)."""
    f, steps = case.facts, []
    if tier == "none" and f.conduct is not None:
        if f.conduct in SELLS and case.sells.value is not False:
            steps.append(admin_psapl56_sell(case, settled, missing))
        elif f.conduct in OBTAINS or f.conduct == "obtain_and_sell":
            # An anonymised resale is no sale of personal information, but the illegal obtaining remains.
            steps.append(admin_psapl56_obtain(case, settled, missing))
    if f.harassing_messages:
        steps.append(admin_psapl50_messages(case))
    if f.spread_privacy:
        steps.append(admin_psapl50_privacy(case))
    # Irreversibly anonymised data is not personal information (PIPL Art. 4): no PIPL fine for providing it.
    if f.unit_crime and not (f.conduct == "sell_or_provide" and case.sells.value is False):
        steps.append(admin_pipl66(case))
    return steps


def administrative_json(steps: list[Step]) -> list[dict]:
    """One entry per administrative clause that fits: who decides, its status and its numbers."""
    return [{"rule": s.rule, "clause": s.clause, "status": s.status, "decided_by": AUTHORITY[s.rule], **s.values}
            for s in steps if s.rule in AUTHORITY]
