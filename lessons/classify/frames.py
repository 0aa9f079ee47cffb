"""A table of text without pandas: what tables are in the browser's kernel (Pyodide on the static site).

``PlainFrame`` offers the part of ``pandas.DataFrame`` that the classifier, the piece count and the Lesson 2
widgets use (``columns``, ``len``, ``iloc[:, i]``, ``head(n).itertuples()``, ``shape``, ``empty``), so they run
on it unchanged.
"""
from __future__ import annotations


class PlainFrame:
    """A table of text values: a header and rows of equal length."""

    def __init__(self, columns: list[str], rows: list[list[str]]):
        self.columns = list(columns)
        self.rows = [list(row) for row in rows]
        self.iloc = _Positions(self)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.columns)

    @property
    def empty(self) -> bool:
        return not self.rows or not self.columns

    def column(self, position: int) -> list[str]:
        return [row[position] for row in self.rows]

    def head(self, n: int = 5) -> PlainFrame:
        return PlainFrame(self.columns, self.rows[:n])

    def itertuples(self, index: bool = False):
        return (tuple(row) for row in self.rows)


class _Positions:
    """``frame.iloc[:, i]``: a whole column, as a list."""

    def __init__(self, frame: PlainFrame):
        self._frame = frame

    def __getitem__(self, key):
        rows, position = key
        if rows != slice(None) or not isinstance(position, int):
            raise TypeError("a PlainFrame gives whole columns only: frame.iloc[:, position]")
        return self._frame.column(position)
