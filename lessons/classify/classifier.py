"""Which information type each column of a table holds, and why.

Two sources of evidence: the header (synonyms from ``headers.yaml``) and the values (the detectors
of :mod:`lessons.classify.validators`, with check digits where the format has one). The type gives the
teaching category and the tier (Interp. Art. 5 para. 1 items 3-5) from ``info_types.yaml``.
A column that neither source places is reported as "unsure", one whose header or values show it
does not describe a natural person as "not personal"; nothing is guessed silently.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lessons.classify import validators
from lessons.classify.headers import NOT_PERSONAL, HeaderSynonyms, load_headers
from lessons.classify.tables import read_table
from lessons.content.course import Content, load_content
from lessons.content.text import listing

if TYPE_CHECKING:  # pandas only where a DataFrame comes in: the browser's kernel has none (lessons.classify.plain)
    import pandas as pd

PERSONAL, NOT_PERSONAL_STATUS, UNSURE = "personal", "not_personal", "unsure"
SAMPLE = 1000  # values examined per column: enough for stable pass rates, fast on a million rows
STRONG = 0.8  # share of values a detector must accept to speak for the column

# Value kinds that identify an information type on their own (used when the header says nothing).
KIND_TYPES = {
    "resident_id": "resident_id", "bank_card": "bank_card", "imei": "imei", "mac": "mac_address",
    "ip_address": "ip_address", "email": "email", "mobile": "mobile_number", "landline": "landline_number",
    "plate": "licence_plate", "coordinates": "location_track", "gender": "gender",
    "chinese_name": "name", "address": "address",
}
# Kinds specific enough that a header naming something else is a contradiction, not a detail.
IDENTIFYING = set(KIND_TYPES) - {"gender"} | {"uscc"}


@dataclass(frozen=True)
class Evidence:
    """One reason, as a UI text key (``classify.<key>``) and the values filling it."""

    key: str
    values: dict = field(default_factory=dict)

    def text(self, content: Content, lang: str) -> str:
        values = dict(self.values)
        for name in ("kind", "other"):
            if name in values:
                values[name] = content.text(f"classify.kind_{values[name]}", lang)
        if "type" in values:
            values["type"] = content.info_types[values["type"]].name(lang)
        if "types" in values:
            values["types"] = listing((content.info_types[t].name(lang) for t in values["types"]), lang)
        for name in ("rate", "checksum"):
            if name in values:
                values[name] = f"{values[name]:.0%}"
        return content.text(f"classify.{self.key}", lang, **values)


@dataclass(frozen=True)
class ColumnResult:
    name: str
    status: str  # PERSONAL, NOT_PERSONAL_STATUS or UNSURE
    info_type: str | None
    category: str | None
    tier: str | None
    confidence: float
    evidence: tuple[Evidence, ...]
    rates: dict[str, float]

    def evidence_text(self, content: Content, lang: str = "en") -> list[str]:
        return [e.text(content, lang) for e in self.evidence]

    def to_json(self, content: Content) -> dict:
        return {"name": self.name, "info_type": self.info_type, "category": self.category, "tier": self.tier,
                "confidence": self.confidence, "evidence": self.evidence_text(content, "en")}


def spaced(stop: int, num: int) -> list[int]:
    """``numpy.linspace(0, stop, num).astype(int)`` in plain Python, to the same integers: ``num`` evenly
    spaced positions from 0 to ``stop``, both included (each step computed as numpy does, in doubles)."""
    step = stop / (num - 1)
    return [int(i * step) for i in range(num - 1)] + [stop]


def _sample(column, size: int = SAMPLE) -> list[str]:
    """Up to ``size`` non-blank values from 20 evenly spaced blocks of the column (deterministic).

    ``column`` is a pandas Series or a list (a PlainFrame's column). Contiguous blocks are cheap slices of Arrow-backed
    columns, where picking scattered rows is not.
    """
    def rows(start: int, stop: int) -> list:
        return column.iloc[start:stop].tolist() if hasattr(column, "iloc") else list(column[start:stop])

    n, blocks = len(column), 20
    if n > 2 * size:
        width = 2 * size // blocks
        picked = [v for a in spaced(n - width, blocks) for v in rows(a, a + width)]
    else:
        picked = rows(0, n)
    values = [v for v in validators.text(picked) if v != ""]
    if len(values) > size:
        values = [values[i] for i in spaced(len(values) - 1, size)]
    return values


def _best_kind(rates: dict[str, float]) -> tuple[str | None, float]:
    """The kind explaining most values; among equals the most specific (detector order)."""
    if not rates:
        return None, 0.0
    kind = max(rates, key=lambda k: (rates[k], -list(validators.DETECTORS).index(k)))
    return kind, rates[kind]


class Classifier:
    """Classifies the columns of tables; build once, reuse for many tables."""

    def __init__(self, content: Content | None = None, headers: HeaderSynonyms | None = None):
        self.content = content or load_content()
        self.headers = headers or load_headers(self.content)

    def _result(self, name, status, type_id, confidence, evidence, rates) -> ColumnResult:
        t = self.content.info_types.get(type_id) if type_id else None
        category, tier = (t.category, t.tier) if t else (None, None)
        return ColumnResult(name, status, type_id, category, tier, round(float(confidence), 2), tuple(evidence), rates)

    def column(self, name: str, values) -> ColumnResult:
        """Classify one column from its header and (a sample of) its values (a Series or a list)."""
        sample = _sample(values)
        rates = validators.pass_rates(sample, normalised=True) if len(sample) else {}
        kind, rate = _best_kind(rates)
        strong = kind if rate >= STRONG else None
        evidence = []
        if strong:
            evidence.append(Evidence("value_pattern", {"kind": strong, "rate": rate, "n": len(sample)}))
            if strong in validators.CHECKSUM:
                evidence.append(Evidence("checksum", {"kind": strong, "checksum": rate}))
            if strong in ("imei", "bank_card", "luhn"):
                evidence.append(Evidence("luhn_note"))
        for other, other_rate in rates.items():
            if other not in (strong, "luhn") and other_rate >= 0.5 and other in IDENTIFYING:
                evidence.append(Evidence("also_fits", {"other": other, "rate": other_rate}))

        if not len(sample):
            return self._result(name, NOT_PERSONAL_STATUS, None, 1.0, [Evidence("empty_column")], rates)

        match = self.headers.match(name)
        if match:
            how = "header_exact" if match.exact else "header_partial"
            header_ev = Evidence(how, {"header": name, "synonym": match.synonym})
            personal = [t for t in match.type_ids if t != NOT_PERSONAL]
            if NOT_PERSONAL in match.type_ids and not personal:
                fits = not strong or strong in self.headers.values.get(NOT_PERSONAL, ()) or strong not in IDENTIFYING
                if fits:
                    return self._result(name, NOT_PERSONAL_STATUS, None, 0.9 if match.exact else 0.75,
                                        [header_ev, Evidence("not_personal_header"), *evidence], rates)
                return self._result(
                    name, UNSURE, None, 0.0, [header_ev, *evidence, Evidence("conflict", {"kind": strong})], rates
                )

            def support(type_id: str) -> float:
                return max((rates.get(k, 0.0) for k in self.headers.values.get(type_id, ())), default=0.0)

            best = max(personal, key=support)  # ties keep the order of headers.yaml
            fitting = self.headers.values.get(best, ())
            if strong in IDENTIFYING and strong not in fitting:
                return self._result(
                    name, UNSURE, None, 0.0, [header_ev, *evidence, Evidence("conflict", {"kind": strong})], rates
                )
            if len(personal) > 1:
                header_ev = Evidence("header_several", {"header": name, "synonym": match.synonym, "types": personal})
            if strong in KIND_TYPES and KIND_TYPES[strong] != best:
                evidence.append(Evidence("context", {"type": KIND_TYPES[strong]}))
            s = support(best)
            base = 0.9 if match.exact else 0.75
            confidence = base + 0.1 * s if s >= STRONG else base - (0.1 if fitting else 0.0)
            return self._result(name, PERSONAL, best, confidence, [header_ev, *evidence], rates)

        if strong in KIND_TYPES:
            factor = (
                0.9
                if strong in validators.CHECKSUM
                else 0.8
                if strong not in ("chinese_name", "address", "gender")
                else 0.7
            )
            return self._result(
                name, PERSONAL, KIND_TYPES[strong], factor * rate, [Evidence("no_header"), *evidence], rates
            )
        if strong == "uscc":
            return self._result(
                name,
                NOT_PERSONAL_STATUS,
                None,
                0.8 * rate,
                [Evidence("no_header"), *evidence, Evidence("organisation_code")],
                rates,
            )
        why = Evidence("unsure_kind", {"kind": strong}) if strong else Evidence("unsure_nothing")
        return self._result(name, UNSURE, None, 0.0, [Evidence("no_header"), *evidence, why], rates)

    def frame(self, frame) -> list[ColumnResult]:
        """Classify every column of a pandas DataFrame or a PlainFrame."""
        return [self.column(str(name), frame.iloc[:, i]) for i, name in enumerate(frame.columns)]


def classify(source: pd.DataFrame | Path | str, content: Content | None = None) -> list[ColumnResult]:
    """Classify every column of a DataFrame (or PlainFrame) or of a CSV/TSV file."""
    frame = read_table(source).frame if isinstance(source, (Path, str)) else source
    return Classifier(content).frame(frame)
