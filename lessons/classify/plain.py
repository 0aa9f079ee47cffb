"""Counting pieces without numpy or pandas, for the browser's kernel (Pyodide on the static site has neither).

There tables are ``PlainFrame``s (:mod:`lessons.classify.frames`); ``count_plain`` counts their pieces exactly as
:func:`lessons.classify.counting.count_pieces` counts a DataFrame's, and ``count_table`` takes either, so the
Lesson 2 widgets work the same in both kernels. Made for the shipped samples and uploads up to
``PLAIN_MAX_BYTES``: pure Python is slower than pandas on large tables.
"""
from __future__ import annotations

from lessons.classify.classifier import PERSONAL, ColumnResult
from lessons.classify.frames import PlainFrame
from lessons.classify.pieces import Pieces
from lessons.content.tier_ids import TIER_IDS

PLAIN_MAX_BYTES = 2_000_000  # the largest upload read without pandas (the samples are 60 KB at most)


def have_pandas() -> bool:
    """Whether pandas can be imported (not in the browser's kernel)."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


def filled(values: list) -> list[bool]:
    """True where a cell holds a value (not missing, not only spaces), as counting.filled decides."""
    return [v is not None and str(v).strip() != "" for v in values]


def duplicates(frame: PlainFrame) -> list[bool]:
    """True for each row equal to an earlier row in every column."""
    seen: set[tuple] = set()
    out = []
    for row in frame.rows:
        key = tuple(row)
        out.append(key in seen)
        seen.add(key)
    return out


def count_plain(frame: PlainFrame, columns: list[ColumnResult]) -> Pieces:
    """Pieces per tier: each record once, in the most sensitive tier it holds a value of, duplicates removed."""
    duplicated = duplicates(frame)
    keep = [not d for d in duplicated]
    counted = [False] * len(frame)
    pieces = {}
    for tier in TIER_IDS:  # most sensitive first: a record counts once, in its highest tier
        holds = [False] * len(frame)
        for position, result in enumerate(columns):
            if result.status == PERSONAL and result.tier == tier:
                holds = [h or f for h, f in zip(holds, filled(frame.column(position)), strict=True)]
        pieces[tier] = sum(h and not c and k for h, c, k in zip(holds, counted, keep, strict=True))
        counted = [c or h for c, h in zip(counted, holds, strict=True)]
    return Pieces(rows=len(frame), duplicates_removed=sum(duplicated), pieces=pieces,
                  without_personal_information=sum(k and not c for k, c in zip(keep, counted, strict=True)))


def count_table(frame, columns: list[ColumnResult]) -> Pieces:
    """Pieces per tier of a classified table: a PlainFrame in pure Python, a DataFrame with pandas."""
    if isinstance(frame, PlainFrame):
        return count_plain(frame, columns)
    from lessons.classify.counting import count_pieces

    return count_pieces(frame, columns)
