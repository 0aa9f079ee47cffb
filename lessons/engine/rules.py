"""The rules of the 2017 Interpretation, one small function per clause, tried in the order of the text.

Each function returns a ``Finding``; the ``@rule(clause, tier)`` decorator turns it into a ``Step``
carrying the clause id, so every step of a result cites the clause it implements.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from lessons.content.tier_ids import ESPECIALLY_SERIOUS, SERIOUS, TIER_50, TIER_500, TIER_5000, TIER_IDS
from lessons.engine.case import Case
from lessons.engine.logic import FALSE, TRUE, Amount, Tri, any_of, union
from lessons.engine.result import Comparison, Step

GRAVE_HARM = ("death", "serious_injury", "mental_disorder", "kidnapping")
LOSS_OR_IMPACT = ("major_economic_loss", "vile_social_impact")


@dataclass(frozen=True)
class Finding:
    result: Tri | None  # None: a catch-all the engine names but does not compute
    comparisons: tuple[Comparison, ...] = ()
    inputs: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)


def rule(clause: str, tier: str | None = None):
    """Mark a function as the rule for ``clause``; calling it on a Case gives a Step named ``rule.name``.

    Code refers to a rule by the function (``step.of(rule)``), never by its name written out."""
    def wrap(fn):
        def run(case: Case, *args) -> Step:
            found = fn(case, *args)
            if found.result is None:
                status, unknown = "not_computed", ()
            else:
                status = {True: "met", False: "not_met", None: "unknown"}[found.result.value]
                unknown = found.result.unknown if status == "unknown" else ()
            return Step(fn.__name__, clause, status, tier, found.inputs, found.comparisons, unknown, found.values)
        run.__name__, run.__doc__, run.clause, run.tier = fn.__name__, fn.__doc__, clause, tier
        run.name = fn.__name__  # the step's name: its texts in engine.yaml and "rule" in the JSON
        run.__wrapped__ = fn  # inspect.getsource(rule) shows the rule itself, not this wrapper
        return run
    return wrap


def over(*checks: tuple[str, Amount, object], inputs: dict | None = None, also: Tri = TRUE) -> Finding:
    """Any of the comparisons ``amount >= threshold`` holds (and ``also`` holds)."""
    results, comparisons = [], []
    for fact, amount, threshold in checks:
        held = amount.at_least(threshold)
        results.append(held)
        comparisons.append(Comparison(fact, amount.low, threshold, held.value, amount.exact))
    return Finding(also & any_of(*results), tuple(comparisons), inputs or {})


def _flag(case: Case, name: str) -> Tri:
    return Tri.fact(name, getattr(case.facts, name))


def _pieces_inputs(case: Case, *tiers: str) -> dict:
    f = case.facts
    out = {f"pieces.{t}": (f.pieces.get(t) if f.pieces else None) for t in tiers}
    if case.sales:
        out.update({f"sold_to_all_buyers.{t}": case.sales[t].low for t in tiers})
    return out


def _counts(case: Case, divisor: int = 1, multiplier: int = 1):
    th = case.th
    return tuple((f"count.{t}", case.count(t), Fraction(th.value(t) * multiplier, divisor))
                 for t in TIER_IDS)


def _prior(case: Case) -> Tri:
    p = case.facts.prior_record
    return Tri(None, ("prior_record",)) if p is None else Tri(p in ("criminal", "administrative_within_2_years"))


def _consequence(case: Case, kinds: tuple[str, ...]) -> Tri:
    c = case.facts.consequences
    return Tri(None, ("consequences",)) if c is None else Tri(any(k in c for k in kinds))


# --- Art. 5 para. 1: "serious circumstances" (情节严重) -------------------------------------------

@rule("INT2017.a5.p1.i1", SERIOUS)
def item1_whereabouts_used_for_crime(case: Case) -> Finding:
    held = case.sells & _flag(case, "whereabouts_used_for_crime")
    return Finding(held, inputs={"conduct": case.facts.conduct,
                                 "whereabouts_used_for_crime": case.facts.whereabouts_used_for_crime})


@rule("INT2017.a5.p1.i2", SERIOUS)
def item2_knew_recipient_criminal(case: Case) -> Finding:
    held = case.sells & _flag(case, "knew_recipient_would_commit_crime")
    return Finding(held, inputs={"conduct": case.facts.conduct,
                                 "knew_recipient_would_commit_crime": case.facts.knew_recipient_would_commit_crime})


@rule("INT2017.a5.p1.i3", SERIOUS)
def item3_fifty_pieces(case: Case) -> Finding:
    return over(_counts(case)[0], inputs=_pieces_inputs(case, TIER_50))


@rule("INT2017.a5.p1.i4", SERIOUS)
def item4_five_hundred_pieces(case: Case) -> Finding:
    return over(_counts(case)[1], inputs=_pieces_inputs(case, TIER_500))


@rule("INT2017.a5.p1.i5", SERIOUS)
def item5_five_thousand_pieces(case: Case) -> Finding:
    return over(_counts(case)[2], inputs=_pieces_inputs(case, TIER_5000))


@rule("INT2017.a5.p1.i6", SERIOUS)
def item6_proportional_sum(case: Case) -> Finding:
    """Only for quantities below items 3-5 ("数量未达到第三项至第五项规定标准")."""
    inputs = _pieces_inputs(case, *TIER_IDS)
    if any_of(*(amount.at_least(t) for _, amount, t in _counts(case))).value:
        return Finding(FALSE, inputs=inputs, values={"covered": True})
    found = over(("score", case.score(), case.th.value("proportional_sum")), inputs=inputs)
    return Finding(found.result, found.comparisons, inputs, {"covered": False})


@rule("INT2017.a5.p1.i7", SERIOUS)
def item7_gains(case: Case) -> Finding:
    return over(("illegal_gains_yuan", case.gains, case.th.value("gains")),
                inputs={"illegal_gains_yuan": case.facts.illegal_gains_yuan})


@rule("INT2017.a5.p1.i8", SERIOUS)
def item8_insider_half(case: Case) -> Finding:
    """Half of the standards of items 3-7 for information obtained in duties or services."""
    half = case.th.value("insider_divisor")
    checks = _counts(case, half) + (
        ("score", case.score(), Fraction(case.th.value("proportional_sum"), half)),
        ("illegal_gains_yuan", case.gains, Fraction(case.th.value("gains"), half)))
    inputs = {"conduct": case.facts.conduct, "obtained_in_duties": case.facts.obtained_in_duties,
              **_pieces_inputs(case, *TIER_IDS),
              "illegal_gains_yuan": case.facts.illegal_gains_yuan}
    return over(*checks, inputs=inputs, also=case.insider)


@rule("INT2017.a5.p1.i9", SERIOUS)
def item9_prior_record(case: Case) -> Finding:
    return Finding(_prior(case), inputs={"prior_record": case.facts.prior_record})


def _judged(case: Case, name: str) -> Finding:
    """A catch-all: not computed unless the learner has judged it (true or false), e.g. doxxing (开盒)."""
    value = getattr(case.facts, name)
    return Finding(None if value is None else Tri(value), inputs={name: value})


@rule("INT2017.a5.p1.i10", SERIOUS)
def item10_other_serious(case: Case) -> Finding:
    return _judged(case, "other_serious_circumstances")


# --- Art. 5 para. 2: "especially serious circumstances" (情节特别严重) ---------------------------

@rule("INT2017.a5.p2.i1", ESPECIALLY_SERIOUS)
def p2_item1_grave_harm(case: Case) -> Finding:
    return Finding(_consequence(case, GRAVE_HARM), inputs={"consequences": case.facts.consequences})


@rule("INT2017.a5.p2.i2", ESPECIALLY_SERIOUS)
def p2_item2_loss_or_impact(case: Case) -> Finding:
    """No numeric threshold exists: the consequence is a fact a court finds."""
    return Finding(_consequence(case, LOSS_OR_IMPACT), inputs={"consequences": case.facts.consequences})


@rule("INT2017.a5.p2.i3", ESPECIALLY_SERIOUS)
def p2_item3_tenfold(case: Case) -> Finding:
    ten = case.th.value("especially_serious_multiplier")
    checks = _counts(case, 1, ten) + (
        ("score", case.score(), case.th.value("proportional_sum") * ten),
        ("illegal_gains_yuan", case.gains, case.th.value("gains") * ten))
    inputs = {**_pieces_inputs(case, *TIER_IDS),
              "illegal_gains_yuan": case.facts.illegal_gains_yuan}
    return over(*checks, inputs=inputs)


@rule("INT2017.a5.p2.i3", ESPECIALLY_SERIOUS)
def p2_item3_tenfold_insider(case: Case) -> Finding:
    """Para. 2 item 3 covers item 8 too: ten times the halved standards (a reading: no official example)."""
    ten, half = case.th.value("especially_serious_multiplier"), case.th.value("insider_divisor")
    checks = _counts(case, half, ten) + (
        ("score", case.score(), Fraction(case.th.value("proportional_sum") * ten, half)),
        ("illegal_gains_yuan", case.gains, Fraction(case.th.value("gains") * ten, half)))
    inputs = {"conduct": case.facts.conduct, "obtained_in_duties": case.facts.obtained_in_duties,
              **_pieces_inputs(case, *TIER_IDS),
              "illegal_gains_yuan": case.facts.illegal_gains_yuan}
    return over(*checks, inputs=inputs, also=case.insider)


@rule("INT2017.a5.p2.i4", ESPECIALLY_SERIOUS)
def p2_item4_other_especially_serious(case: Case) -> Finding:
    return _judged(case, "other_especially_serious_circumstances")


PARA2 = (p2_item1_grave_harm, p2_item2_loss_or_impact, p2_item3_tenfold, p2_item3_tenfold_insider,
         p2_item4_other_especially_serious)
ART5 = (item1_whereabouts_used_for_crime, item2_knew_recipient_criminal, item3_fifty_pieces,
        item4_five_hundred_pieces, item5_five_thousand_pieces, item6_proportional_sum, item7_gains,
        item8_insider_half, item9_prior_record, item10_other_serious, p2_item1_grave_harm,
        p2_item2_loss_or_impact, p2_item3_tenfold, p2_item3_tenfold_insider, p2_item4_other_especially_serious)
INSIDER_RULES = (item8_insider_half, p2_item3_tenfold_insider)


# --- Art. 6: buying or receiving for lawful business ------------------------------------------

@rule("INT2017.a6.p1")
def art6_applies(case: Case) -> Finding:
    """Art. 6 covers only information outside items 3-4, bought for lawful business and not resold."""
    f = case.facts
    only_3_4 = f.pieces is not None and f.pieces.tier_5000 == 0 and case.sells.value is False
    return Finding(Tri(case.regime == "art6"), inputs={"conduct": f.conduct,
                   f"pieces.{TIER_5000}": f.pieces.tier_5000 if f.pieces else None,
                   "pieces_sold_to_each_buyer": len(f.pieces_sold_to_each_buyer or ())},
                   values={"tier": "items_3_4_only"} if only_3_4 else {})


@rule("INT2017.a4.p1")
def art6_items_3_4_part(case: Case) -> Finding:
    """Item 3-4 information bought for business is still illegally obtained (Art. 4): Art. 5 applies to it."""
    some = case.count(TIER_50).at_least(1) | case.count(TIER_500).at_least(1)
    return Finding(some, inputs=_pieces_inputs(case, TIER_50, TIER_500))


@rule("INT2017.a6.p1.i1", SERIOUS)
def art6_item1_profit(case: Case) -> Finding:
    p = case.facts.business_profit_yuan
    profit = Amount(0, ("business_profit_yuan",)) if p is None else Amount(p)
    return over(("business_profit_yuan", profit, case.th.value("business_profit")),
                inputs={"business_profit_yuan": p})


@rule("INT2017.a6.p1.i2", SERIOUS)
def art6_item2_prior_record(case: Case) -> Finding:
    return Finding(_prior(case), inputs={"prior_record": case.facts.prior_record})


@rule("INT2017.a6.p1.i3", SERIOUS)
def art6_item3_other(case: Case) -> Finding:
    return _judged(case, "other_serious_circumstances")


@rule("INT2017.a6.p1")
def art6_especially_serious_open(case: Case) -> Finding:
    """The Interpretation defines no "especially serious" standard for Art. 6: an open question."""
    return Finding(None)


ART6 = (art6_item1_profit, art6_item2_prior_record, art6_item3_other, art6_especially_serious_open)


@rule("INT2017.a6.p2")
def art6_resold(case: Case) -> Finding:
    return Finding(Tri(case.facts.conduct == "buy_for_business" and case.sells.value is True),
                   inputs={"pieces_sold_to_each_buyer": len(case.facts.pieces_sold_to_each_buyer or ())})


# --- Art. 3 para. 2, Art. 11, Art. 7: what counts, and who ------------------------------------

@rule("INT2017.a3.p2")
def art3_anonymised(case: Case) -> Finding:
    """Irreversibly anonymised data is not "providing personal information"."""
    return Finding(_flag(case, "irreversibly_anonymised"),
                   inputs={"irreversibly_anonymised": case.facts.irreversibly_anonymised})


@rule("INT2017.a1.p1")
def art1_anonymised_not_personal_information(case: Case) -> Finding:
    """Information that identifies no one and cannot be restored is not citizens' personal information at all
    (Interp. Art. 1; PIPL Art. 4): obtaining or buying it is no obtaining of personal information."""
    return Finding(_flag(case, "irreversibly_anonymised"),
                   inputs={"conduct": case.facts.conduct,
                           "irreversibly_anonymised": case.facts.irreversibly_anonymised})


@rule("INT2017.a11.p1")
def art11_counted_once(case: Case) -> Finding:
    return Finding(
        TRUE,
        inputs={"conduct": case.facts.conduct, **_pieces_inputs(case, *TIER_IDS)},
        values=_count_values(case),
    )


@rule("INT2017.a11.p2")
def art11_cumulative(case: Case) -> Finding:
    buyers = case.facts.pieces_sold_to_each_buyer or ()
    values = {"buyers": len(buyers), **_count_values(case)}
    return Finding(TRUE, inputs={"pieces_sold_to_each_buyer": [b.to_dict() for b in buyers]}, values=values)


@rule("INT2017.a7.p1")
def art7_unit_crime(case: Case) -> Finding:
    """A unit crime, unless the company was set up for crime or has crime as its main activity (UC1999 Art. 2)."""
    f = case.facts
    return Finding(is_unit_crime(f),
                   inputs={"unit_crime": f.unit_crime, "unit_set_up_for_crime": f.unit_set_up_for_crime},
                   values={"tier": "set_up_for_crime"} if f.unit_crime and f.unit_set_up_for_crime else {})


def is_unit_crime(f) -> Tri:
    """Art. 7 with the 1999 exception; the exception is not assumed while unknown (like anonymisation)."""
    return Tri.fact("unit_crime", f.unit_crime) & Tri(f.unit_set_up_for_crime is not True)


@rule("UC1999.a2")
def uc1999_not_a_unit(case: Case) -> Finding:
    """1999 unit-crime Interpretation Art. 2: a company set up to commit crimes, or whose main activity is crime,
    commits no unit crime; its members answer as individuals (joint crime, CL Arts 25-27), with no unit fine."""
    v = case.facts.unit_set_up_for_crime
    return Finding(Tri.fact("unit_set_up_for_crime", v), inputs={"unit_set_up_for_crime": v})


def _count_values(case: Case) -> dict:
    return {f"n{t[5:]}": _show(case.count(t)) for t in TIER_IDS}


def _show(amount: Amount) -> str:
    low = int(amount.low) if float(amount.low) == int(amount.low) else float(amount.low)
    return f"{low:,}" if amount.exact else f"≥{low:,}"


def gate(step: Step, condition: Tri) -> Step:
    """A step that only applies if ``condition`` holds (the Art. 5 part of an Art. 6 purchase)."""
    if condition.value is True or step.status in ("not_met", "not_computed"):
        return step
    unknown = union(step.unknown, condition.unknown)
    return Step(step.rule, step.clause, "unknown", step.tier, step.inputs, step.comparisons, unknown, step.values)
