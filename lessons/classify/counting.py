"""Counting the pieces of personal information in a pandas DataFrame (the rules: :mod:`lessons.classify.pieces`),
fast on large tables with numpy, pandas and pyarrow.
"""
from __future__ import annotations

import sys
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager

import numpy as np
import pandas as pd

from lessons.classify.classifier import PERSONAL, Classifier, ColumnResult
# Re-exported: the command line, the benchmarks and the tests import these from here.
from lessons.classify.pieces import (  # noqa: F401
    DUPLICATES_CLAUSE, Pieces, especially_serious_clause, serious_clause, tier_thresholds)
from lessons.content.tier_ids import TIER_IDS

def exact_duplicates(frame: pd.DataFrame, key_columns: int = 3, pool: Executor | None = None) -> np.ndarray:
    """True for each row equal to an earlier row in every column.

    Fast path for large tables: rows are keyed on the values of the most varied columns (judged on
    a sample), one column at a time while rows still share keys; only rows sharing a key are then
    compared in every column, so the result is exact whatever the keys do; a ``pool`` codes those
    columns side by side.
    """
    if frame.empty:
        return np.zeros(0, dtype=bool)
    columns = [_values(frame.iloc[:, position]) for position in _varied_columns(frame, key_columns)]
    shared = _Mask(np.ones(len(frame), dtype=bool))  # rows that still share a key with another row
    key, space = np.zeros(len(frame), dtype=np.uint64), 1  # per shared row; the number of possible keys
    for column in columns:
        codes, distinct = _codes(column if len(key) == len(frame) else _rows(column, shared))
        # Folding the codes into one number may wrap around, which only lets a few more rows
        # through to the exact comparison.
        key = codes if space == 1 else key * np.uint64(distinct) + codes
        space *= distinct
        if space <= 4 * len(key):  # few possible keys: count them directly, no hashing needed
            small = key.astype(np.intp)
            again = np.bincount(small, minlength=space)[small] > 1
        else:
            again = pd.Series(key).duplicated(keep=False).to_numpy()
        rows = shared.array.copy()
        rows[rows] = again
        shared, key = _Mask(rows), key[again]
        if len(key) <= len(frame) // 20:  # few enough to compare in full
            break
    out = np.zeros(len(frame), dtype=bool)
    if len(key):
        out[shared.array] = _duplicated_rows(frame, shared, pool)
    return out


def _duplicated_rows(frame: pd.DataFrame, mask: _Mask, pool: Executor | None = None) -> np.ndarray:
    """``frame[mask].duplicated()``: the rows kept are coded column by column and the codes compared."""
    def code(i: int) -> tuple[np.ndarray, int]:
        return _codes(_rows(_values(frame.iloc[:, i]), mask))

    key, space = np.zeros(int(mask.array.sum()), dtype=np.int64), 1
    for codes, distinct in (pool.map if pool else map)(code, range(frame.shape[1])):
        if space * distinct >= 2**62:  # keep the key exact: renumber the combinations seen so far
            key, uniques = pd.factorize(key)
            space = len(uniques)
        key, space = key * distinct + codes.astype(np.int64), space * distinct
    return pd.Series(key).duplicated().to_numpy()


def _values(column: pd.Series):
    """The column's Arrow array if it is Arrow-backed (no copy), else the column itself."""
    if hasattr(column.array, "__arrow_array__"):
        import pyarrow as pa

        return pa.array(column.array)
    return column


def _codes(values) -> tuple[np.ndarray, int]:
    """Exact codes per value (missing values get one too), and how many distinct values there are."""
    if isinstance(values, pd.Series):
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
        return codes.astype(np.uint64), len(uniques)
    encoded = values.dictionary_encode(null_encoding="encode")  # pyarrow's hash table
    if hasattr(encoded, "combine_chunks"):  # a chunked array: one dictionary for all chunks
        encoded = encoded.combine_chunks()
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.uint64), len(encoded.dictionary)


def _rows(values, mask: _Mask):
    """The values where ``mask`` is True, in order. Arrow arrays are filtered by pyarrow itself,
    which copies only the rows kept (pandas takes them one by one: several times slower)."""
    if isinstance(values, pd.Series):
        return values[mask.array].reset_index(drop=True)
    return values.filter(mask.arrow())


class _Mask:
    """A row mask used on many columns: converted to Arrow's bit-packed form once, when first needed."""

    def __init__(self, array: np.ndarray):
        self.array, self._arrow = array, None

    def arrow(self):
        if self._arrow is None:
            import pyarrow as pa

            self._arrow = pa.array(self.array)
        return self._arrow


def _varied_columns(frame: pd.DataFrame, count: int) -> list[int]:
    """Positions of the columns with the most distinct values in the first 2,000 rows."""
    def distinct(column: pd.Series) -> int:
        values = _values(column.iloc[:2000])
        if isinstance(values, pd.Series):
            return values.nunique(dropna=False)
        import pyarrow.compute as pc

        return pc.count_distinct(values, mode="all").as_py()  # a missing value counts once, as in nunique(dropna=False)

    counts = [distinct(frame.iloc[:, i]) for i in range(frame.shape[1])]
    return sorted(range(frame.shape[1]), key=lambda i: -counts[i])[:count]


def filled(column: pd.Series) -> np.ndarray:
    """True where a cell holds a value (not missing, not only spaces)."""
    values = _values(column)
    if not isinstance(values, pd.Series):
        import pyarrow as pa
        import pyarrow.compute as pc

        if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
            # The same test as stripping and comparing with "" (both use Unicode's spaces), without
            # building the stripped strings.
            blank = pc.or_(pc.utf8_is_space(values), pc.equal(pc.binary_length(values), 0))
            return pc.and_kleene(values.is_valid(), pc.invert(blank)).to_numpy(zero_copy_only=False).astype(bool)
    text = column if pd.api.types.is_string_dtype(column) else column.astype("string")
    present = column.notna().to_numpy(dtype=bool)
    return present & (text.str.strip() != "").to_numpy(dtype=bool, na_value=False)


def count_pieces(frame: pd.DataFrame, columns: list[ColumnResult]) -> Pieces:
    """Pieces per tier of a table whose columns were classified (``columns`` in frame order)."""
    return _pieces(_holds(frame, columns), exact_duplicates(frame))


def classify_and_count(frame: pd.DataFrame, classifier: Classifier) -> tuple[list[ColumnResult], Pieces]:
    """Classify a table's columns and count its pieces, finding the duplicates in a second thread meanwhile.

    Hashing the columns runs in pandas and pyarrow without the GIL, while classifying is Python
    code on samples, so on a large table they share the machine's cores. The result is
    :func:`count_pieces`'s.
    """
    # Three threads: one finds the duplicates, and two code columns for it side by side at the end,
    # when classifying is done.
    with ThreadPoolExecutor(max_workers=3) as pool, _short_gil_turns():
        duplicated = pool.submit(exact_duplicates, frame, pool=pool)
        columns = classifier.frame(frame)
        holds = _holds(frame, columns)
        return columns, _pieces(holds, duplicated.result())


@contextmanager
def _short_gil_turns():
    """Hand the GIL over every 0.5 ms instead of 5: the hashing threads need it briefly between their
    calls, and would otherwise wait a full turn of the classifying thread each time."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, 0.0005))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _holds(frame: pd.DataFrame, columns: list[ColumnResult]) -> dict[str, np.ndarray]:
    """Per tier, the rows holding a value in a column of that tier (rows settled in a more
    sensitive tier are not looked at again once every row is settled)."""
    holds = {tier: np.zeros(len(frame), dtype=bool) for tier in TIER_IDS}
    settled = np.zeros(len(frame), dtype=bool)  # rows already known to hold a more sensitive tier
    for tier in TIER_IDS:
        for position, result in enumerate(columns):
            if result.status == PERSONAL and result.tier == tier and not (holds[tier] | settled).all():
                holds[tier] |= filled(frame.iloc[:, position])
        settled |= holds[tier]
    return holds


def _pieces(holds: dict[str, np.ndarray], duplicated: np.ndarray) -> Pieces:
    keep = ~duplicated
    pieces, counted = {}, np.zeros(len(duplicated), dtype=bool)
    for tier in TIER_IDS:  # most sensitive first: a record counts once, in its highest tier
        mine = holds[tier] & ~counted & keep
        pieces[tier] = int(mine.sum())
        counted |= holds[tier]
    return Pieces(
        rows=len(duplicated),
        duplicates_removed=int(duplicated.sum()),
        pieces=pieces,
        without_personal_information=int((keep & ~counted).sum()),
    )
