"""Thresholds as data: ``data/content/thresholds.yaml``, each number with its clause and date."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lessons.content.errors import ContentError
from lessons.content.reader import CONTENT_DIR, entries, shown

REQUIRED = (
    "tier_50", "tier_500", "tier_5000", "proportional_sum", "gains", "insider_divisor",
    "especially_serious_multiplier", "business_profit", "fine_gains_min_multiple", "fine_gains_max_multiple",
    "fine_minimum", "detention_min_months", "detention_max_months", "imprisonment_min_months",
    "serious_max_months", "especially_serious_min_months", "especially_serious_max_months", "probation_max_months",
)
UNITS = ("pieces", "yuan", "sum", "divisor", "multiplier", "months")


@dataclass(frozen=True)
class Threshold:
    id: str
    value: int
    unit: str
    clause: str
    in_force: dt.date


class Thresholds(dict):
    """Thresholds by id; ``th.value(id)`` gives the number."""

    def value(self, tid: str) -> int:
        return self[tid].value


@lru_cache(maxsize=4)
def load_thresholds(path: Path | str | None = None) -> Thresholds:
    """Read and check the threshold file (cached: it is immutable data)."""
    path = Path(path) if path is not None else CONTENT_DIR / "thresholds.yaml"
    out = Thresholds()
    for e in entries(path):
        tid = e.choice("id", REQUIRED)
        out[tid] = Threshold(tid, e.int("value", 1), e.choice("unit", UNITS), e.str("clause"), e.date("in_force"))
    missing = [t for t in REQUIRED if t not in out]
    if missing:
        raise ContentError(f"{shown(path)}: missing thresholds {', '.join(missing)}")
    return out
