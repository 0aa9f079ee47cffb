"""Column-header synonyms (``data/content/headers.yaml``) and matching a header against them."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lessons.content.course import Content
from lessons.content.reader import CONTENT_DIR, entries
from lessons.classify.validators import DETECTORS

NOT_PERSONAL = "not_personal"
_SEPARATORS = re.compile(r"[\s_\-.:/()\[\]（）【】]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def normalise(header: str) -> str:
    """Fold full-width characters and case and drop separators: 'Phone_Number' -> 'phonenumber'."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", str(header)).lower())


def tokens(header: str) -> tuple[str, ...]:
    """English words of a header: 'homeAddress', 'home_address' -> ('home', 'address')."""
    text = _CAMEL.sub(" ", unicodedata.normalize("NFKC", str(header)))
    return tuple(t for t in re.split(r"[^a-z0-9]+", text.lower()) if t)


@dataclass(frozen=True)
class Synonym:
    type_id: str  # an information type id, or NOT_PERSONAL
    text: str
    norm: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class HeaderMatch:
    """The types a header names: ``exact`` if the whole header is a synonym, else the longest one inside it."""

    type_ids: tuple[str, ...]
    synonym: str
    exact: bool


class HeaderSynonyms:
    """All synonyms, and which value kinds fit each type."""

    def __init__(self, synonyms: list[Synonym], values: dict[str, tuple[str, ...]]):
        self.synonyms = synonyms
        self.values = values

    def match(self, header: str) -> HeaderMatch | None:
        norm, words = normalise(header), tokens(header)
        best: tuple[tuple[bool, int], list[Synonym]] = ((False, 0), [])
        for syn in self.synonyms:
            if norm == syn.norm:
                score = (True, len(syn.norm))
            elif syn.norm.isascii():
                n = len(syn.words)
                if not any(words[i:i + n] == syn.words for i in range(len(words) - n + 1)):
                    continue
                score = (False, len(syn.norm))
            elif syn.norm in norm:
                score = (False, len(syn.norm))
            else:
                continue
            if score > best[0]:
                best = (score, [syn])
            elif score == best[0]:
                best[1].append(syn)
        if not best[1]:
            return None
        type_ids = tuple(dict.fromkeys(s.type_id for s in best[1]))
        return HeaderMatch(type_ids, best[1][0].text, best[0][0])


def load_headers(content: Content, path: Path | str | None = None) -> HeaderSynonyms:
    """Read and check headers.yaml: known type ids, both languages, known value kinds."""
    path = Path(path) if path else CONTENT_DIR / "headers.yaml"
    synonyms, values = [], {}
    for e in entries(path):
        type_id = e.choice("id", [*content.info_types, NOT_PERSONAL])
        for lang in ("en", "zh"):
            words = e.raw(lang)
            if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
                e.fail(lang, "must be a non-empty list of header words")
            for word in words:
                if not normalise(word):
                    e.fail(lang, f"{word!r} has no letters")
                synonyms.append(Synonym(type_id, word, normalise(word), tokens(word)))
        kinds = e.raw("values", [])
        if not isinstance(kinds, list) or any(k not in DETECTORS for k in kinds):
            e.fail("values", f"must list value kinds from: {', '.join(DETECTORS)}")
        values[type_id] = tuple(kinds)
    return HeaderSynonyms(synonyms, values)
