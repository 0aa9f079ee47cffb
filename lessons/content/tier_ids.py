"""The two tier vocabularies, declared once.

Quantity tiers: the three kinds of information of Interpretation Art. 5 para. 1 items 3-5, named for the
number of pieces that makes "serious circumstances" (their numbers live in data/content/thresholds.yaml).
Outcome tiers: what the engine decides, lightest first (``rank`` compares them).
"""
from __future__ import annotations

TIER_50, TIER_500, TIER_5000 = TIER_IDS = ("tier_50", "tier_500", "tier_5000")

NO_CRIME, SERIOUS, ESPECIALLY_SERIOUS = OUTCOME_TIERS = ("none", "serious", "especially_serious")
CRIME_TIERS = (SERIOUS, ESPECIALLY_SERIOUS)  # the tiers a court can find a crime in


def rank(tier: str) -> int:
    """0, 1, 2 for none, serious, especially serious (ValueError for anything else)."""
    return OUTCOME_TIERS.index(tier)
