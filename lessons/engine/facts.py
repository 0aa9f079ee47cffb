"""The facts of a case, as given: every fact is optional and ``None`` means unknown, never zero.

``Facts.from_dict`` checks the JSON input of ``python -m lessons assess`` and raises a one-line
``LessonsError`` naming the field for anything it cannot use.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

from lessons.content.errors import LessonsError

TIER_KEYS = ("tier_50", "tier_500", "tier_5000")
CONDUCTS = ("sell_or_provide", "obtain", "obtain_and_sell", "buy_for_business")
PRIOR_RECORDS = ("none", "criminal", "administrative_within_2_years")
CONSEQUENCES = ("death", "serious_injury", "mental_disorder", "kidnapping", "major_economic_loss", "vile_social_impact")
FLAGS = ("obtained_in_duties", "whereabouts_used_for_crime", "knew_recipient_would_commit_crime", "unit_crime",
         "first_offender", "returned_all_gains", "remorse", "irreversibly_anonymised")
# Facts a court weighs in sentencing (Criminal Law Arts 27, 65, 67, 68; plea and acceptance of punishment),
# the learner's own judgment on the catch-alls (Interp. Art. 5 para. 1 item 10, para. 2 item 4), and
# conduct the Public Security Administration Punishments Law (2025) Art. 50 covers. All plain booleans:
# the generic true/false/null branch of ``from_dict`` parses them.
SENTENCING_FLAGS = ("surrender", "confession", "accessory", "meritorious_service", "guilty_plea", "recidivist")
JUDGED_FLAGS = ("other_serious_circumstances", "other_especially_serious_circumstances")
ADMIN_FLAGS = ("harassing_messages", "spread_privacy")
AMOUNTS = ("illegal_gains_yuan", "business_profit_yuan")


@dataclass(frozen=True)
class Pieces:
    """Pieces of information per quantity tier (Interpretation Art. 5 para. 1 items 3-5); None = unknown."""

    tier_50: int | None = None
    tier_500: int | None = None
    tier_5000: int | None = None

    def get(self, tier: str) -> int | None:
        return getattr(self, tier)

    def to_dict(self) -> dict[str, int]:
        return {k: self.get(k) for k in TIER_KEYS if self.get(k) is not None}


@dataclass(frozen=True)
class Facts:
    """What is known about one case. Field names are the input keys of ``python -m lessons assess``."""

    conduct: str | None = None
    pieces: Pieces | None = None
    pieces_sold_to_each_buyer: tuple[Pieces, ...] | None = None
    illegal_gains_yuan: float | None = None
    business_profit_yuan: float | None = None
    obtained_in_duties: bool | None = None
    whereabouts_used_for_crime: bool | None = None
    knew_recipient_would_commit_crime: bool | None = None
    prior_record: str | None = None
    consequences: tuple[str, ...] | None = None
    unit_crime: bool | None = None
    first_offender: bool | None = None
    returned_all_gains: bool | None = None
    remorse: bool | None = None
    irreversibly_anonymised: bool | None = None
    surrender: bool | None = None
    confession: bool | None = None
    accessory: bool | None = None
    meritorious_service: bool | None = None
    guilty_plea: bool | None = None
    recidivist: bool | None = None
    other_serious_circumstances: bool | None = None
    other_especially_serious_circumstances: bool | None = None
    harassing_messages: bool | None = None
    spread_privacy: bool | None = None

    def __post_init__(self):
        # Checked here too, so facts built in Python are as sound as parsed ones.
        if self.prior_record == "criminal" and self.first_offender is True:
            raise LessonsError("field 'first_offender': cannot be true when prior_record is 'criminal'")
        if self.recidivist is True and self.first_offender is True:
            raise LessonsError("field 'first_offender': cannot be true when recidivist is true")

    @classmethod
    def from_dict(cls, data: Any) -> "Facts":
        """Check and convert a JSON-like mapping; unknown keys and bad values raise one-line errors."""
        if not isinstance(data, dict):
            raise LessonsError(f"the case must be a JSON object of facts, not {_kind(data)}")
        allowed = [f.name for f in fields(cls)]
        for key in data:
            if key not in allowed:
                raise LessonsError(f"unknown key {key!r}; the keys are: {', '.join(allowed)}")
        values: dict[str, Any] = {}
        for key, raw in data.items():
            if raw is None:
                continue
            if key == "conduct":
                values[key] = _choice(key, raw, CONDUCTS)
            elif key == "prior_record":
                values[key] = _choice(key, raw, PRIOR_RECORDS)
            elif key == "pieces":
                values[key] = _pieces(key, raw)
            elif key == "pieces_sold_to_each_buyer":
                if not isinstance(raw, list):
                    raise LessonsError(f"field {key!r}: must be a list of piece counts, one per buyer, not {_kind(raw)}")
                values[key] = tuple(_pieces(f"{key}[{i}]", item) for i, item in enumerate(raw))
            elif key == "consequences":
                if not isinstance(raw, list):
                    raise LessonsError(f"field {key!r}: must be a list, not {_kind(raw)}")
                chosen = [_choice(f"{key}[{i}]", item, CONSEQUENCES) for i, item in enumerate(raw)]
                values[key] = tuple(c for c in CONSEQUENCES if c in chosen)
            elif key in AMOUNTS:
                values[key] = _amount(key, raw)
            else:
                if not isinstance(raw, bool):
                    raise LessonsError(f"field {key!r}: must be true, false or null, not {_kind(raw)}")
                values[key] = raw
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The known facts as JSON-ready values (unknown facts are left out)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            if isinstance(value, Pieces):
                value = value.to_dict()
            elif f.name == "pieces_sold_to_each_buyer":
                value = [p.to_dict() for p in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a text", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def _choice(field: str, value: Any, options: tuple[str, ...]) -> str:
    if value not in options:
        raise LessonsError(f"field {field!r}: is {value!r}; expected one of {', '.join(options)}")
    return value


def _count(field: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise LessonsError(f"field {field!r}: must be a whole number of pieces, not {_kind(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise LessonsError(f"field {field!r}: must be a whole number of pieces, not {value}")
    if value != int(value):
        raise LessonsError(f"field {field!r}: must be a whole number of pieces, not {value}")
    if value < 0:
        raise LessonsError(f"field {field!r}: cannot be negative ({value})")
    return int(value)


def _pieces(field: str, value: Any) -> Pieces:
    if not isinstance(value, dict):
        raise LessonsError(f"field {field!r}: must be an object such as {{\"tier_50\": 10}}, not {_kind(value)}")
    for key in value:
        if key not in TIER_KEYS:
            raise LessonsError(f"field {field!r}: unknown key {key!r}; expected {', '.join(TIER_KEYS)}")
    return Pieces(**{k: _count(f"{field}.{k}", v) for k, v in value.items() if v is not None})


def _amount(field: str, value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise LessonsError(f"field {field!r}: must be an amount in yuan, not {_kind(value)}")
    if not math.isfinite(value):
        raise LessonsError(f"field {field!r}: must be a finite amount in yuan, not {value}")
    if value < 0:
        raise LessonsError(f"field {field!r}: cannot be negative ({value})")
    return value
