"""Preset fictional cases for Lesson 3 (``data/content/scenarios.yaml``)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lessons.content.tier_ids import NO_CRIME
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


def scenario_table(scenarios: dict[str, Scenario] | None = None, lang: str | None = None, content=None):
    """One row per preset: its title, the tier, the ranges, the leniency and the tier rules met, all in words.

    With ``lang`` the table speaks that language; without it each cell gives English / Chinese. No ids:
    tiers, leniency and clauses are named as the lessons name them. Rows (dicts), shown with
    ``lessons.widgets.clause_views.Table`` (plain HTML: a lesson showing them loads no pandas).
    """
    from lessons.content.course import load_content
    from lessons.content.text import LANGUAGES, check_language
    from lessons.engine.assess import assess
    from lessons.engine.report import text

    c = content if content is not None else load_content()
    langs = [check_language(lang)] if lang is not None else list(LANGUAGES)

    def cells(s: Scenario, code: str) -> list[tuple[str, str]]:
        a = assess(s.facts)
        t = lambda key, **v: text(c, key, code, **v)  # noqa: E731 - the engine's own words
        head = lambda key: c.text(f"scenario_builder.table_{key}", code)  # noqa: E731
        tier = t("tier_none_unsettled") if a.tier == NO_CRIME and not a.settled else t(f"tier_{a.tier}")
        fine = ""
        if a.fine_range_yuan:
            low, high = a.fine_range_yuan
            fine = (
                f"{low:,}–{high:,}"
                if high is not None
                else c.text("scenario_builder.table_fine_open", code, low=f"{low:,}")
            )
        rules = ("；" if code == "zh" else "; ").join(
            c.provisions[st.clause].cite(code) for st in a.steps if st.holds and st.tier
        )
        return [(head("scenario"), s.title(code)), (head("tier"), tier),
                (head("prison"), "–".join(map(str, a.imprisonment_months)) if a.imprisonment_months else ""),
                (head("fine"), fine), (head("leniency"), t(f"leniency_{a.leniency}") if a.tier != NO_CRIME else ""),
                (head("rules"), rules)]

    rows = []
    for s in (scenarios or load_scenarios()).values():
        per_lang = [cells(s, code) for code in langs]  # the same columns in each language
        rows.append(
            {
                " / ".join(dict.fromkeys(p[n][0] for p in per_lang)): " / ".join(
                    dict.fromkeys(p[n][1] for p in per_lang)
                )
                for n in range(len(per_lang[0]))
            }
        )
    return rows
