"""Lesson 1 self-check: questions about information types, answered from the taxonomy itself."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lessons.content.course import CATEGORY_IDS, Content
from lessons.content.tier_ids import TIER_IDS
from lessons.content.reader import CONTENT_DIR, entries

ASKS = ("category", "tier", "sensitive")


@dataclass(frozen=True)
class Item:
    id: str
    info_type: str
    ask: str
    scored: bool = True  # False: a practice item (the teaching categories are not law), not counted


def load_items(content: Content, path: Path | None = None) -> list[Item]:
    """Read the self-check items; each must name a known information type."""
    items = []
    for e in entries(path or CONTENT_DIR / "selfcheck.yaml"):
        items.append(Item(e.str("id"), e.choice("info_type", content.info_types), e.choice("ask", ASKS),
                          e.bool("scored", True)))
    return items


def choices(item: Item) -> tuple[str, ...]:
    """The answer ids a learner chooses from."""
    return {"category": CATEGORY_IDS, "tier": TIER_IDS, "sensitive": ("yes", "no")}[item.ask]


def solution(item: Item, content: Content) -> str:
    t = content.info_types[item.info_type]
    return {"category": t.category, "tier": t.tier, "sensitive": "yes" if t.pipl_sensitive else "no"}[item.ask]


def choice_label(item: Item, choice: str, content: Content, lang: str) -> str:
    if item.ask == "category":
        return content.categories[choice].name(lang)
    if item.ask == "tier":
        return content.tiers[choice].name(lang)
    return content.text(f"common.{choice}", lang)


def explanation_clause(item: Item, content: Content) -> str | None:
    """The clause that decides the answer (none for the teaching categories, which are not law)."""
    t = content.info_types[item.info_type]
    if item.ask == "tier":
        return content.tiers[t.tier].clause
    if item.ask == "sensitive":
        return "PIPL.a28.p1"
    return None
