"""The facts of a case, as given: every fact is optional and ``None`` means unknown, never zero.

``Facts.from_dict`` checks the JSON input of ``python -m lessons assess`` and raises a one-line
``LessonsError`` naming the field for anything it cannot use.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, fields
from typing import Any

from lessons.content.errors import Field, LessonsError, Term
from lessons.content.numbers import NotANumber, parse_number
from lessons.content.tier_ids import TIER_IDS
from lessons.engine.fact_table import AMOUNT, BOOL, BUYERS, BY_NAME, CHOICE, CHOICES, DATE, NAMES, PIECES

# Dates a case may name: an ISO date (YYYY-MM-DD) inside this span; anything else is a typing error.
EARLIEST_DATE, LATEST_DATE = dt.date(1979, 1, 1), dt.date(2100, 12, 31)

# Bounds of the input, far above any real case, so that no number or list can make the work huge:
# a count of 10**400 pieces or 1e308 yuan is a typing error, and Fractions of such numbers are slow.
MAX_PIECES = 10**13
MAX_YUAN = 10**15
MAX_BUYERS = 100_000


@dataclass(frozen=True)
class Pieces:
    """Pieces of information per quantity tier (Interpretation Art. 5 para. 1 items 3-5); None = unknown."""

    tier_50: int | None = None
    tier_500: int | None = None
    tier_5000: int | None = None

    def get(self, tier: str) -> int | None:
        return getattr(self, tier)

    def to_dict(self) -> dict[str, int]:
        return {k: n for k in TIER_IDS if (n := self.get(k)) is not None}


@dataclass(frozen=True)
class Facts:
    """What is known about one case. Field names are the input keys of ``python -m lessons assess``: the facts
    of ``lessons.engine.fact_table`` in its order (written out here for readable, typed attributes)."""

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
    # The company was set up to commit crimes, or crime is its main activity: no unit crime (1999 Interp. Art. 2).
    unit_set_up_for_crime: bool | None = None
    # When the conduct took place (ISO date): which administrative texts were in force (APL 2021 Art. 37).
    conduct_date: dt.date | None = None

    def __post_init__(self):
        # Checked here too, so facts built in Python are as sound as parsed ones.
        if self.conduct_date is not None:
            object.__setattr__(self, "conduct_date", _date("conduct_date", self.conduct_date))
        if self.prior_record == "criminal" and self.first_offender is True:
            raise LessonsError.of("first_offender_criminal", field=Field("first_offender"),
                                  other=Term("prior_record", "engine.fact_prior_record"))
        if self.recidivist is True and self.first_offender is True:
            raise LessonsError.of("first_offender_recidivist", field=Field("first_offender"),
                                  other=Term("recidivist", "engine.fact_recidivist"))

    @classmethod
    def from_dict(cls, data: Any) -> "Facts":
        """Check and convert a JSON-like mapping; unknown keys and bad values raise one-line errors."""
        if not isinstance(data, dict):
            raise LessonsError.of("not_an_object", kind=_kind(data))
        for key in data:
            if key not in BY_NAME:
                raise LessonsError.of("unknown_key", name=_shown(key), keys=", ".join(NAMES))
        return cls(**{key: _parse(key, raw) for key, raw in data.items() if raw is not None})

    def to_dict(self) -> dict[str, Any]:
        """The known facts as JSON-ready values (unknown facts are left out)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            if isinstance(value, Pieces):
                value = value.to_dict()
            elif BY_NAME[f.name].kind == BUYERS:
                value = [p.to_dict() for p in value]
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            out[f.name] = value
        return out


def _parse(key: str, raw: Any) -> Any:
    """One fact's JSON value, checked by the kind its declaration gives (lessons.engine.fact_table)."""
    fact = BY_NAME[key]
    if fact.kind == CHOICE:
        return _choice(key, raw, fact.choices)
    if fact.kind == PIECES:
        return _pieces(key, raw)
    if fact.kind == BUYERS:
        if not isinstance(raw, list):
            raise LessonsError.of("not_a_buyer_list", field=Field(key), kind=_kind(raw))
        if len(raw) > MAX_BUYERS:
            raise LessonsError.of("too_many_buyers", field=Field(key), buyers=f"{len(raw):,}",
                                  limit=f"{MAX_BUYERS:,}")
        return tuple(_pieces(f"{key}[{i}]", item) for i, item in enumerate(raw))
    if fact.kind == CHOICES:
        if not isinstance(raw, list):
            raise LessonsError.of("not_a_list", field=Field(key), kind=_kind(raw))
        if len(raw) > 100:  # six kinds exist; repeats are harmless, thousands are not a real case
            raise LessonsError.of("too_many_items", field=Field(key), items=f"{len(raw):,}",
                                  kinds=len(fact.choices))
        chosen = [_choice(f"{key}[{i}]", item, fact.choices) for i, item in enumerate(raw)]
        return tuple(c for c in fact.choices if c in chosen)
    if fact.kind == AMOUNT:
        return _amount(key, raw)
    if fact.kind == DATE:
        return _date(key, raw)
    assert fact.kind == BOOL, fact
    if not isinstance(raw, bool):
        raise LessonsError.of("not_a_bool", field=Field(key), kind=_kind(raw))
    return raw


MAX_DEPTH = 8  # a case is at most object > list > object > number deep
MAX_DIGITS = 30  # longer integers are refused while parsing (Python refuses over 4,300 digits anyway)


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _TooLong(len(text.lstrip("-")))
    return int(text)


class _TooLong(ValueError):
    pass


def parse_case_json(raw: bytes | str) -> Any:
    """JSON text of a case as Python values; one-line LessonsError for bad, deep or huge input."""
    import json

    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LessonsError.of("not_utf8_json", byte=f"{exc.start:,}") from None
    if not raw.strip():
        raise LessonsError.of("empty_json")
    try:
        data = json.loads(raw, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise LessonsError.of("not_json", line=exc.lineno, column=exc.colno,
                              problem=Term(exc.msg, "errors.json_problem")) from None
    except _TooLong as exc:
        raise LessonsError.of("too_many_digits", digits=f"{exc.args[0]:,}", limit=MAX_DIGITS) from None
    except RecursionError:
        raise LessonsError.of("too_deep", limit=MAX_DEPTH) from None
    except (ValueError, OverflowError) as exc:
        raise LessonsError.of("not_json_value", problem=str(exc)[:80]) from None
    _check_depth(data)
    return data


def _check_depth(data: Any) -> None:
    """Refuse structures deeper than MAX_DEPTH (iteratively: a deep value must not exhaust the stack)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (list, dict)):
            if depth > MAX_DEPTH:
                raise LessonsError.of("too_deep", limit=MAX_DEPTH)
            stack.extend((v, depth + 1) for v in (value.values() if isinstance(value, dict) else value))


def _kind(value: Any) -> Term:
    names = {bool: ("true/false", "bool"), int: ("a number", "number"), float: ("a number", "number"),
             str: ("a text", "text"), list: ("a list", "list"), dict: ("an object", "object")}
    english, key = names.get(type(value), (type(value).__name__, "other"))
    return Term(english, f"errors.kind_{key}")


def _shown(value: Any, limit: int = 60) -> str:
    """A value from the input as a message shows it: quoted, shortened, control characters escaped."""
    if isinstance(value, (list, dict)):
        return _kind(value)  # never echo a whole structure (it may be huge or deeply nested)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**20:
        if abs(value) >= 10**4000:
            return Term("a number of over 4,000 digits", "errors.shown_huge")
        digits = f"{len(str(abs(value))):,}"
        return Term(f"a number of {digits} digits", "errors.shown_digits", digits=digits)
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def _choice(field: str, value: Any, options: tuple[str, ...]) -> str:
    if isinstance(value, (list, dict)) or value not in options:
        raise LessonsError.of("not_a_choice", field=Field(field), value=_shown(value), options=", ".join(options))
    return value


def _number(field: str, value: Any, what: Term, limit: int) -> None:
    """Shared checks of a count or amount: a JSON number, finite, not negative, not absurdly large."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise LessonsError.of("must_be", field=Field(field), what=what, kind=_kind(value))
    if isinstance(value, float) and not math.isfinite(value):
        raise LessonsError.of("must_be", field=Field(field), what=what, kind=str(value))
    if value < 0:
        raise LessonsError.of("negative", field=Field(field), value=_shown(value))
    if value > limit:
        raise LessonsError.of("too_large_number", field=Field(field), value=_shown(value), limit=f"{limit:,}")


def _count(field: str, value: Any) -> int:
    value = _typed(field, value)
    _number(field, value, Term("a whole number of pieces", "errors.what_count"), MAX_PIECES)
    if value != int(value):
        raise LessonsError.of("not_whole", field=Field(field), value=value)
    return int(value)


def _pieces(field: str, value: Any) -> Pieces:
    if not isinstance(value, dict):
        raise LessonsError.of("not_a_pieces_object", field=Field(field), kind=_kind(value))
    for key in value:
        if key not in TIER_IDS:
            raise LessonsError.of("unknown_tier_key", field=Field(field), name=_shown(key), keys=", ".join(TIER_IDS))
    return Pieces(**{k: _count(f"{field}.{k}", v) for k, v in value.items() if v is not None})


def _typed(field: str, value: Any) -> Any:
    """A count or amount typed as text (五千, 1.5万, "5,000元") as its number; other values as given."""
    if not isinstance(value, str):
        return value
    try:
        return parse_number(value)
    except NotANumber:
        raise LessonsError.of("not_a_number", field=Field(field), value=_shown(value)) from None


def _amount(field: str, value: Any) -> float | int:
    value = _typed(field, value)
    if isinstance(value, float) and not math.isfinite(value):
        raise LessonsError.of("not_finite", field=Field(field), value=value)
    _number(field, value, Term("an amount in yuan", "errors.what_amount"), MAX_YUAN)
    return value


def _date(field: str, value: Any) -> dt.date:
    """An ISO date such as "2026-01-01" (a date object is accepted from Python callers)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    else:
        try:
            if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise LessonsError.of("not_a_date", field=Field(field), value=_shown(value)) from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise LessonsError.of("date_out_of_range", field=Field(field), value=_shown(str(day)),
                              low=str(EARLIEST_DATE), high=str(LATEST_DATE))
    return day
