"""Derived facts the rules share: what counts as providing, the counted pieces (Art. 11), the regime."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from lessons.content.tier_ids import TIER_5000, TIER_IDS
from lessons.engine.facts import Facts, Pieces
from lessons.engine.logic import FALSE, TRUE, Amount, Tri, larger
from lessons.content.thresholds import Thresholds

PROVIDING_CONDUCTS = ("sell_or_provide", "obtain_and_sell")


@dataclass(frozen=True)
class Case:
    facts: Facts
    th: Thresholds
    provides: Tri        # the conduct includes selling or providing
    sells: Tri           # ... and it counts as providing personal information (Art. 3 para. 2)
    regime: str          # "art5", or "art6" for buying for lawful business without resale
    counts: dict         # tier -> Amount, after Art. 11
    sales: dict | None   # tier -> Amount summed over buyers (Art. 11 para. 2), if buyers are listed
    gains: Amount

    def count(self, tier: str) -> Amount:
        return self.counts[tier]

    def score(self, divisor: int = 1) -> Amount:
        """Item 6: the proportional sum n50/50 + n500/500 + n5000/5000 (exact fractions)."""
        total = Amount(Fraction(0))
        for tier in TIER_IDS:
            total = total + self.count(tier).scaled(Fraction(divisor, self.th.value(tier)))
        return total

    @property
    def insider(self) -> Tri:
        """Item 8 / Art. 253-1 para. 2: information obtained in duties or services, sold or provided."""
        return self.sells & Tri.fact("obtained_in_duties", self.facts.obtained_in_duties)


def _provides(f: Facts) -> Tri:
    if f.conduct is None:
        return Tri(None, ("conduct",))
    if f.conduct in PROVIDING_CONDUCTS:
        return TRUE
    # A business buyer resold or provided the information when buyers are listed (Art. 6 para. 2).
    return TRUE if f.conduct == "buy_for_business" and f.pieces_sold_to_each_buyer else FALSE


def _piece(p: Pieces | None, tier: str, name: str) -> Amount:
    value = p.get(tier) if p is not None else None
    return Amount(0, (name,)) if value is None else Amount(value)


def _sales(f: Facts) -> dict | None:
    if not f.pieces_sold_to_each_buyer:
        return None
    out = {}
    for tier in TIER_IDS:
        # One pass per tier (adding Amounts one by one copied the growing list of unknowns: quadratic).
        low, unknown = 0, []
        for i, buyer in enumerate(f.pieces_sold_to_each_buyer):
            value = buyer.get(tier)
            if value is None:
                unknown.append(f"pieces_sold_to_each_buyer[{i}].{tier}")
            else:
                low += value
        out[tier] = Amount(low, tuple(unknown))
    return out


def _art6(f: Facts, sells: Tri) -> bool:
    """Art. 6 governs a purchase for lawful business of information outside items 3-4 that is not passed on.

    With none of that information (a known count of 0 in the 5,000-piece tier) Art. 6 is not engaged: Art. 5.
    """
    if f.conduct != "buy_for_business" or sells.value is not False:
        return False
    return f.pieces is None or f.pieces.tier_5000 != 0


def build_case(f: Facts, th: Thresholds) -> Case:
    provides = _provides(f)
    # Anonymisation is an exception (Art. 3 para. 2): while it is not shown, the provision counts.
    sells = provides & Tri(f.irreversibly_anonymised is not True)
    regime = "art6" if _art6(f, sells) else "art5"
    sales = _sales(f) if sells.value is not False else None
    counts = {}
    for tier in TIER_IDS:
        held = _piece(f.pieces, tier, f"pieces.{tier}")
        if f.irreversibly_anonymised is True:
            # Not personal information at all (Interp. Art. 1; PIPL Art. 4): nothing counts, whether it was
            # obtained, bought or passed on.
            held = Amount(0)
        elif regime == "art6" and tier == TIER_5000:
            held = Amount(0)  # Art. 6, not Art. 5, governs buying this information for business
        # Art. 11: obtaining then selling counts once; the same pieces sold to several buyers add up.
        counts[tier] = larger(held, sales[tier]) if sales else held
    gains = Amount(0, ("illegal_gains_yuan",)) if f.illegal_gains_yuan is None else Amount(f.illegal_gains_yuan)
    if f.irreversibly_anonymised is True:
        gains = Amount(0)  # gains from information that is not personal information are not gains of this crime
    return Case(f, th, provides, sells, regime, counts, sales, gains)


def proportional_parts(pieces: Pieces, insider: bool = False, th: Thresholds | None = None) -> dict:
    """Item 6 per tier: n/standard (halved standards for insiders, item 8); unknown counts are 0 here."""
    from lessons.content.thresholds import load_thresholds

    th = th if th is not None else load_thresholds()
    divisor = th.value("insider_divisor") if insider else 1
    return {t: Fraction((pieces.get(t) or 0) * divisor, th.value(t)) for t in TIER_IDS}
