"""The facts of a case, declared once: name, kind, group and choices.

The order is the order of ``Facts``' fields, of ``assess --json`` output and of error messages listing
the keys; ``Facts.from_dict`` parses each fact by its kind; its label is ``engine.fact_<name>`` in
``data/content/ui/engine.yaml`` (for pieces: ``fact_pieces_<tier>``), each choice's ``engine.value_<choice>``.
"""
from __future__ import annotations

from dataclasses import dataclass

from lessons.content.tier_ids import TIER_IDS

CONDUCTS = ("sell_or_provide", "obtain", "obtain_and_sell", "buy_for_business")
PRIOR_RECORDS = ("none", "criminal", "administrative_within_2_years")
CONSEQUENCES = ("death", "serious_injury", "mental_disorder", "kidnapping", "major_economic_loss", "vile_social_impact")

# Kinds: how a value is written in the JSON input.
CHOICE = "choice"      # one of ``choices``
CHOICES = "choices"    # a list of ``choices``
PIECES = "pieces"      # pieces per quantity tier
BUYERS = "buyers"      # a list of pieces, one per buyer
AMOUNT = "amount"      # yuan
BOOL = "bool"          # true / false
DATE = "date"          # an ISO date
KINDS = (CHOICE, CHOICES, PIECES, BUYERS, AMOUNT, BOOL, DATE)

# Groups: what a fact is for.
# circumstance: facts the 2017 Interpretation weighs (Arts 3, 5, 7, 10: what counts, the tier, a unit, leniency).
# unit: the 1999 exception to unit crime (review item E10).
# sentencing: facts a court weighs in sentencing (Criminal Law Arts 27, 65, 67, 68; plea and acceptance).
# judged: the learner's own judgment on the catch-alls (Interp. Art. 5 para. 1 item 10, para. 2 item 4).
# admin: conduct the Public Security Administration Punishments Law (2025) Art. 50 covers.
# when: which texts were in force (APL 2021 Art. 37).
GROUPS = ("conduct", "quantity", "gains", "circumstance", "unit", "sentencing", "judged", "admin", "when")


@dataclass(frozen=True)
class Fact:
    name: str
    kind: str
    group: str
    choices: tuple[str, ...] = ()


FACTS = (
    Fact("conduct", CHOICE, "conduct", CONDUCTS),
    Fact("pieces", PIECES, "quantity"),
    Fact("pieces_sold_to_each_buyer", BUYERS, "quantity"),
    Fact("illegal_gains_yuan", AMOUNT, "gains"),
    Fact("business_profit_yuan", AMOUNT, "gains"),
    Fact("obtained_in_duties", BOOL, "circumstance"),
    Fact("whereabouts_used_for_crime", BOOL, "circumstance"),
    Fact("knew_recipient_would_commit_crime", BOOL, "circumstance"),
    Fact("prior_record", CHOICE, "circumstance", PRIOR_RECORDS),
    Fact("consequences", CHOICES, "circumstance", CONSEQUENCES),
    Fact("unit_crime", BOOL, "circumstance"),
    Fact("first_offender", BOOL, "circumstance"),
    Fact("returned_all_gains", BOOL, "circumstance"),
    Fact("remorse", BOOL, "circumstance"),
    Fact("irreversibly_anonymised", BOOL, "circumstance"),
    Fact("surrender", BOOL, "sentencing"),
    Fact("confession", BOOL, "sentencing"),
    Fact("accessory", BOOL, "sentencing"),
    Fact("meritorious_service", BOOL, "sentencing"),
    Fact("guilty_plea", BOOL, "sentencing"),
    Fact("recidivist", BOOL, "sentencing"),
    Fact("other_serious_circumstances", BOOL, "judged"),
    Fact("other_especially_serious_circumstances", BOOL, "judged"),
    Fact("harassing_messages", BOOL, "admin"),
    Fact("spread_privacy", BOOL, "admin"),
    Fact("unit_set_up_for_crime", BOOL, "unit"),
    Fact("conduct_date", DATE, "when"),
)
BY_NAME = {f.name: f for f in FACTS}
NAMES = tuple(BY_NAME)


def named(*, kind: str | None = None, group: str | None = None) -> tuple[str, ...]:
    """The names of the facts of a kind and/or group, in declaration order."""
    return tuple(f.name for f in FACTS if kind in (None, f.kind) and group in (None, f.group))


FLAGS = named(kind=BOOL, group="circumstance")
UNIT_FLAGS = named(group="unit")
SENTENCING_FLAGS = named(group="sentencing")
JUDGED_FLAGS = named(group="judged")
ADMIN_FLAGS = named(group="admin")
AMOUNTS = named(kind=AMOUNT)


def label_keys(fact: Fact) -> tuple[str, ...]:
    """The ``engine.*`` texts a fact needs in both languages: its label (one per tier for pieces), its choices."""
    names = [f"pieces_{t}" for t in TIER_IDS] if fact.kind == PIECES else [fact.name]
    return (*(f"engine.fact_{n}" for n in names), *(f"engine.value_{c}" for c in fact.choices))
