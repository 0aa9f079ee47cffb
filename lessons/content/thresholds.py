"""Thresholds as data: ``data/content/thresholds.yaml``, each number with its clause and date."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lessons.content.errors import ContentError
from lessons.content.reader import CONTENT_DIR, entries, shown
from lessons.content.tier_ids import TIER_IDS

REQUIRED = (
    *TIER_IDS, "proportional_sum", "gains", "insider_divisor",
    "especially_serious_multiplier", "business_profit", "fine_gains_min_multiple", "fine_gains_max_multiple",
    "fine_minimum", "detention_min_months", "detention_max_months", "imprisonment_min_months",
    "serious_max_months", "especially_serious_min_months", "especially_serious_max_months", "probation_max_months",
    "psapl56_detention_min_days", "psapl56_detention_max_days", "psapl56_minor_max_days", "psapl50_max_days",
    "psapl50_fine_max_yuan", "psapl50_serious_min_days", "psapl50_serious_max_days", "pipl66_fine_max_yuan",
    "pipl66_person_min_yuan", "pipl66_person_max_yuan", "pipl66_serious_fine_max_yuan",
    "pipl66_serious_turnover_percent", "pipl66_serious_person_min_yuan", "pipl66_serious_person_max_yuan",
    "csl2016_64_fine_min_multiple", "csl2016_64_fine_max_multiple", "csl2016_64_no_gains_max_yuan",
    "psapl2012_42_max_days", "psapl2012_42_fine_max_yuan", "psapl2012_42_serious_min_days",
    "psapl2012_42_serious_max_days", "occupational_ban_min_years", "occupational_ban_max_years",
)
UNITS = ("pieces", "yuan", "sum", "divisor", "multiplier", "months", "days", "percent", "years")


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
