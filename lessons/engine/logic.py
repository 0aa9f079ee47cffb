"""Three-valued logic for facts that may be unknown: True, False or None (unknown).

A ``Tri`` carries the names of the unknown facts that keep it open, so every rule can say which
missing facts could still change its answer.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


def _union(*groups: tuple[str, ...]) -> tuple[str, ...]:
    # dict keeps first-seen order and looks up in O(1): linear in the names (a list was quadratic).
    return tuple(dict.fromkeys(name for group in groups for name in group))


@dataclass(frozen=True)
class Tri:
    """A truth value that may be unknown (``value is None``), with the unknown facts behind it."""

    value: bool | None
    unknown: tuple[str, ...] = ()

    @classmethod
    def fact(cls, name: str, value: bool | None) -> "Tri":
        return cls(value, (name,) if value is None else ())

    def __and__(self, other: "Tri") -> "Tri":
        if self.value is False or other.value is False:
            return FALSE
        if self.value and other.value:
            return TRUE
        return Tri(None, _union(self.unknown, other.unknown))

    def __or__(self, other: "Tri") -> "Tri":
        if self.value or other.value:
            return TRUE
        if self.value is False and other.value is False:
            return FALSE
        return Tri(None, _union(self.unknown, other.unknown))

    def __invert__(self) -> "Tri":
        return self if self.value is None else Tri(not self.value)


TRUE, FALSE = Tri(True), Tri(False)


def any_of(*items: Tri) -> Tri:
    out = FALSE
    for item in items:
        out = out | item
    return out


@dataclass(frozen=True)
class Amount:
    """A counted quantity: a known lower bound plus the unknown facts that could still add to it."""

    low: Fraction | int | float
    unknown: tuple[str, ...] = ()

    def at_least(self, threshold) -> Tri:
        """Art. 99: "以上" includes the number itself, so the test is >=."""
        if self.low >= threshold:
            return TRUE
        return Tri(None, self.unknown) if self.unknown else FALSE

    def __add__(self, other: "Amount") -> "Amount":
        return Amount(self.low + other.low, _union(self.unknown, other.unknown))

    def scaled(self, factor) -> "Amount":
        return Amount(self.low * factor, self.unknown)

    @property
    def exact(self) -> bool:
        return not self.unknown


def larger(a: Amount, b: Amount) -> Amount:
    """The larger of two counts, when either may still grow."""
    return Amount(max(a.low, b.low), _union(a.unknown, b.unknown))


union = _union
