"""Preset fictional cases for Lesson 3 (``data/content/scenarios.yaml``)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lessons.content.errors import LessonsError
from lessons.content.reader import CONTENT_DIR, Entry, entries
from lessons.content.text import Text
from lessons.engine.facts import Facts


@dataclass(frozen=True)
class Scenario:
    id: str
    title: Text
    story: Text
    facts: Facts


def load_scenarios(path: Path | str | None = None) -> dict[str, Scenario]:
    """All presets by id, in file order; bad facts raise a one-line error naming the entry."""
    path = Path(path) if path is not None else CONTENT_DIR / "scenarios.yaml"
    out = {}
    for e in entries(path):
        out[e.str("id")] = Scenario(e.str("id"), e.text("title"), e.text("story"), entry_facts(e))
    return out


def entry_facts(e: Entry) -> Facts:
    """The ``facts`` field of a content entry (a preset or a published case), checked like ``assess`` input."""
    try:
        return Facts.from_dict(e.raw("facts"))
    except LessonsError as exc:
        e.fail("facts", str(exc))


def scenario_table(scenarios: dict[str, Scenario] | None = None):
    """One row per preset: both titles, the tier, the ranges and the clauses of the tier rules met."""
    import pandas as pd

    from lessons.engine.assess import assess

    rows = []
    for s in (scenarios or load_scenarios()).values():
        a = assess(s.facts)
        rows.append({
            "scenario / 案例": f"{s.title.en} / {s.title.zh}",
            "tier": a.tier,
            "prison (months)": "–".join(map(str, a.imprisonment_months)) if a.imprisonment_months else "",
            "fine (yuan)": "" if not a.fine_range_yuan else f"{a.fine_range_yuan[0]:,}–" + (
                f"{a.fine_range_yuan[1]:,}" if a.fine_range_yuan[1] is not None else "?"),
            "leniency": a.leniency,
            "tier rules met": ", ".join(st.clause for st in a.steps if st.holds and st.tier),
        })
    return pd.DataFrame(rows)
