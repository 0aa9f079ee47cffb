"""Counting the pieces of personal information in a table (Interp. Art. 5 and Art. 11).

Teaching simplification, stated in Lesson 2: one record (row) is one piece, counted in the most
sensitive tier of the personal information it holds (a non-blank value in a column of that tier).
Exact duplicate records are removed first and reported (Interp. Art. 11 para. 3: the quantity
seized counts "unless there is evidence that the information is untrue or duplicated").
The proportional score n50/50 + n500/500 + n5000/5000 follows Interp. Art. 5 para. 1 item 6;
the reference gives the formula as DERIVED (no official worked example), and we say so.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lessons.classify.classifier import PERSONAL, ColumnResult
from lessons.content.course import TIER_IDS
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
            return "especially_serious"
        return "serious" if score >= serious else "below"

    def engine_input(self) -> dict:
        """The facts Lesson 3's engine takes from a leak: the table sold or provided as it is."""
        return {"conduct": "sell_or_provide", "pieces": dict(self.pieces)}


def exact_duplicates(frame: pd.DataFrame, key_columns: int = 3) -> np.ndarray:
    """True for each row equal to an earlier row in every column.

    Fast path for large tables: rows are keyed on the values of the most varied columns (judged on
    a sample), one column at a time while rows still share keys; only rows sharing a key are then
    compared in every column, so the result is exact whatever the keys do.
    """
    if frame.empty:
        return np.zeros(0, dtype=bool)
    rows = np.arange(len(frame))  # the rows that still share a key with another row
    key = np.zeros(len(frame), dtype=np.uint64)  # per row in rows
    for position in _varied_columns(frame, key_columns):
        # Exact codes per value (pyarrow's hash table for Arrow-backed text); folding them into one
        # number may wrap around, which only lets a few more rows through to the exact comparison.
        column = frame.iloc[:, position]
        codes, uniques = pd.factorize(column if len(rows) == len(frame) else column.iloc[rows], use_na_sentinel=False)
        key = key * np.uint64(len(uniques) + 1) + codes.astype(np.uint64)
        shared = pd.Series(key).duplicated(keep=False).to_numpy()
        rows, key = rows[shared], key[shared]
        if len(rows) <= len(frame) // 20:  # few enough to compare in full
            break
    out = np.zeros(len(frame), dtype=bool)
    if len(rows):
        out[rows] = frame.iloc[rows].duplicated().to_numpy()
    return out


def _varied_columns(frame: pd.DataFrame, count: int) -> list[int]:
    """Positions of the columns with the most distinct values in the first 2,000 rows."""
    head = frame.iloc[:2000]
    distinct = [head.iloc[:, i].nunique(dropna=False) for i in range(frame.shape[1])]
    return sorted(range(frame.shape[1]), key=lambda i: -distinct[i])[:count]


def _filled(column: pd.Series) -> np.ndarray:
    """True where a cell holds a value (not missing, not only spaces)."""
    text = column if pd.api.types.is_string_dtype(column) else column.astype("string")
    present = column.notna().to_numpy(dtype=bool)
    return present & (text.str.strip() != "").to_numpy(dtype=bool, na_value=False)


def count_pieces(frame: pd.DataFrame, columns: list[ColumnResult]) -> Pieces:
    """Pieces per tier of a table whose columns were classified (``columns`` in frame order)."""
    duplicated = exact_duplicates(frame)
    keep = ~duplicated
    holds = {tier: np.zeros(len(frame), dtype=bool) for tier in TIER_IDS}
    settled = np.zeros(len(frame), dtype=bool)  # rows already known to hold a more sensitive tier
    for tier in TIER_IDS:
        for position, result in enumerate(columns):
            if result.status == PERSONAL and result.tier == tier and not (holds[tier] | settled).all():
                holds[tier] |= _filled(frame.iloc[:, position])
        settled |= holds[tier]
    pieces, counted = {}, np.zeros(len(frame), dtype=bool)
    for tier in TIER_IDS:  # most sensitive first: a record counts once, in its highest tier
        mine = holds[tier] & ~counted & keep
        pieces[tier] = int(mine.sum())
        counted |= holds[tier]
    return Pieces(
        rows=len(frame),
        duplicates_removed=int(duplicated.sum()),
        pieces=pieces,
        without_personal_information=int((keep & ~counted).sum()),
    )
