"""Pieces of personal information in a table, per tier (Interp. Art. 5 and Art. 11), and how to count them.

Teaching simplification, stated in Lesson 2: one record (row) is one piece, counted in the most
sensitive tier of the personal information it holds (a non-blank value in a column of that tier).
Exact duplicate records are removed first and reported (Interp. Art. 11 para. 3: the quantity
seized counts "unless there is evidence that the information is untrue or duplicated").
The proportional score n50/50 + n500/500 + n5000/5000 follows Interp. Art. 5 para. 1 item 6;
the reference gives the formula as DERIVED (no official worked example), and we say so.

Counted with pandas in :mod:`lessons.classify.counting`, in pure Python in :mod:`lessons.classify.plain` (the
browser's path); this module needs neither numpy nor pandas.
"""
from __future__ import annotations

from dataclasses import dataclass

from lessons.content.tier_ids import ESPECIALLY_SERIOUS, SERIOUS, TIER_IDS
from lessons.content.thresholds import load_thresholds

DUPLICATES_CLAUSE = "INT2017.a11.p3"


def tier_thresholds() -> dict[str, int]:
    """Pieces per tier that make "serious circumstances" (Interp. Art. 5 para. 1 items 3-5), from thresholds.yaml."""
    th = load_thresholds()
    return {tier: th.value(tier) for tier in TIER_IDS}


def serious_clause() -> str:
    """The clause of the proportional sum reaching 1 ("serious circumstances")."""
    return load_thresholds()["proportional_sum"].clause


def especially_serious_clause() -> str:
    """The clause of ten times the standards ("especially serious circumstances")."""
    return load_thresholds()["especially_serious_multiplier"].clause


@dataclass(frozen=True)
class Pieces:
    """Pieces per tier after removing exact duplicate records."""

    rows: int
    duplicates_removed: int
    pieces: dict[str, int]
    without_personal_information: int

    @property
    def proportional_score(self) -> float:
        """n50/50 + n500/500 + n5000/5000 (Interp. Art. 5 para. 1 item 6); 1 = "serious", 10 = "especially serious"."""
        thresholds = tier_thresholds()
        return round(sum(self.pieces[t] / thresholds[t] for t in TIER_IDS), 6)

    @property
    def level(self) -> str:
        """'below', 'serious' (score >= 1) or 'especially_serious' (score >= 10), by quantity alone."""
        th, score = load_thresholds(), self.proportional_score
        serious = th.value("proportional_sum")
        if score >= serious * th.value("especially_serious_multiplier"):
            return ESPECIALLY_SERIOUS
        return SERIOUS if score >= serious else "below"

    def engine_input(self) -> dict:
        """The facts Lesson 3's engine takes from a leak: the table sold or provided as it is."""
        return {"conduct": "sell_or_provide", "pieces": dict(self.pieces)}

