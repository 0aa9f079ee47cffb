"""The course content: tiers, teaching categories, information types, statute clauses and UI texts.

Everything is read from ``data/content`` (YAML, both languages) and checked on load.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import stat
import string
from dataclasses import dataclass, field
from pathlib import Path

from lessons.content.errors import ContentError
from lessons.content.reader import CONTENT_DIR, MAX_YAML_BYTES, Entry, entries, read_yaml, shown
from lessons.content.text import Text
from lessons.content.thresholds import load_thresholds
from lessons.content.tier_ids import TIER_IDS

CATEGORY_IDS = ("basic", "device", "account", "private", "social_relationship", "network_behavior")


@dataclass(frozen=True)
class Provision:
    """One statute clause (paragraph or item): verbatim Chinese plus an English rendering.

    ``verbatim`` is False where the reference gives only a summary of the clause; views then
    label the text as a summary instead of presenting it as a quotation.
    """

    id: str
    cite: Text
    in_force: dt.date
    text: Text
    verbatim: bool = True


@dataclass(frozen=True)
class Tier:
    id: str
    threshold: int
    clause: str
    name: Text
    summary: Text


@dataclass(frozen=True)
class Category:
    id: str
    name: Text
    definition: Text
    examples: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class InfoType:
    id: str
    category: str
    tier: str
    pipl_sensitive: bool
    name: Text
    reason: Text
    open: Text | None = None


@dataclass(frozen=True)
class Content:
    """All content, looked up by id."""

    root: Path
    tiers: dict[str, Tier]
    categories: dict[str, Category]
    info_types: dict[str, InfoType]
    provisions: dict[str, Provision]
    ui: dict[str, Text] = field(repr=False)

    def text(self, key: str, lang: str, **values) -> str:
        """A UI text in ``lang``; ``values`` fill ``{placeholders}``."""
        try:
            template = self.ui[key](lang)
        except KeyError:
            raise ContentError(f"{shown(self.root / 'ui')}: no text with key '{key}'") from None
        if not values:
            return template
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            # A placeholder the code does not fill (e.g. a typo in the Chinese text): name the text.
            given = ", ".join("{" + v + "}" for v in sorted(values)) or "none"
            raise ContentError(f"{shown(self.root / 'ui')}: text '{key}' ({lang}) cannot be filled in "
                               f"({type(exc).__name__}: {exc}); the code gives {given}") from None

    def types_in(self, category: str) -> list[InfoType]:
        return [t for t in self.info_types.values() if t.category == category]


def _provisions(folder: Path) -> dict[str, Provision]:
    out: dict[str, Provision] = {}
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise ContentError(f"{shown(folder)}: no provision files found")
    for path in files:
        for e in entries(path):
            pid = e.str("id")
            if pid in out:
                e.fail("id", "is also defined in another provisions file")
            out[pid] = Provision(pid, e.text("cite"), e.date("in_force"), e.text("text"), e.bool("verbatim", True))
    return out


def _ui(folder: Path) -> dict[str, Text]:
    """UI texts: ``ui/<widget>.yaml`` maps keys to {en, zh}; keys become ``<widget>.<key>``."""
    out: dict[str, Text] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = read_yaml(path)
        if not isinstance(data, dict):
            raise ContentError(f"{shown(path)}: expected a mapping of text keys")
        for key, value in data.items():
            if not isinstance(key, str):  # YAML 1.1 reads bare yes/no/on/off keys as booleans
                raise ContentError(f"{shown(path)}: key {key!r} must be text (put it in quotes)")
            entry = Entry({"text": value}, path, f"'{key}'")
            text = entry.text("text")
            names = {
                lang: placeholders(
                    text(lang), lambda problem, lang=lang, entry=entry: entry.fail(f"text: {lang}", problem)
                )
                for lang in ("en", "zh")
            }
            if names["en"] != names["zh"]:
                def only(a: str, b: str, names: dict[str, set[str]] = names) -> str:
                    return ", ".join("{" + n + "}" for n in sorted(names[a] - names[b])) or "none"
                entry.fail("text", f"the 'en' and 'zh' texts must use the same {{placeholders}}; only in en: "
                           f"{only('en', 'zh')}; only in zh: {only('zh', 'en')}")
            out[f"{path.stem}.{key}"] = text
    return out


def placeholders(template: str, fail) -> set[str]:
    """The ``{names}`` a UI text expects; ``fail(problem)`` is called for a text ``str.format`` cannot use."""
    try:
        fields = [f for _, f, spec, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        fail(f"{exc} (write {{{{ and }}}} for a literal brace)")
    names = set()
    for f in fields:
        name = f.split(".")[0].split("[")[0]
        if not name.isidentifier():
            fail(f"has the placeholder {{{f}}}; placeholders are names such as {{n}} (write {{{{ for a literal brace)")
        names.add(name)
    return names


def load_content(root: Path | str | None = None) -> Content:
    """Load and check all content; raises ContentError with one line on any problem.

    A kernel calls this once per widget: while the files' bytes stay the same, the checked content
    of the last load is reused (content is read-only), so a notebook loads it once, and an edit
    to any file is still seen by the next call.
    """
    root = Path(root) if root is not None else CONTENT_DIR
    key = _fingerprint(root)
    last = _LAST_LOADED.get(root)
    if key is not None and last is not None and last[0] == key:
        return last[1]
    content = _load(root)
    if key is not None:
        _LAST_LOADED.clear()  # one course is loaded at a time; tests with many roots do not pile up
        _LAST_LOADED[root] = (key, content)
    return content


_LAST_LOADED: dict[Path, tuple[bytes, Content]] = {}


def _fingerprint(root: Path) -> bytes | None:
    """A hash of the names and bytes of every YAML file under ``root``; None when one is not a regular
    file of a sensible size (the full load then reports it)."""
    digest = hashlib.blake2b(digest_size=16)
    try:
        for path in sorted(root.rglob("*.yaml")):
            st = path.stat()
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_YAML_BYTES:
                return None
            digest.update(f"{path.relative_to(root)}\0{st.st_size}\0".encode("utf-8", "surrogateescape"))
            digest.update(path.read_bytes())
    except OSError:
        return None
    return digest.digest()


def _load(root: Path) -> Content:
    provisions = _provisions(root / "provisions")

    def clause(e: Entry, name: str) -> str:
        pid = e.str(name)
        if pid not in provisions:
            e.fail(name, f"names clause '{pid}', which is not in provisions/")
        return pid

    def clause_id(pid: str, tid: str) -> str:
        if pid not in provisions:
            raise ContentError(f"{shown(root / 'thresholds.yaml')}: entry '{tid}': field 'clause': "
                               f"names clause '{pid}', which is not in provisions/")
        return pid

    thresholds = load_thresholds(root / "thresholds.yaml")
    tiers = {}
    for e in entries(root / "tiers.yaml"):
        tid = e.choice("id", TIER_IDS)
        number = thresholds[tid]  # the number and its clause live once, in thresholds.yaml
        tiers[tid] = Tier(tid, number.value, clause_id(number.clause, tid), e.text("name"), e.text("summary"))
    if set(tiers) != set(TIER_IDS):
        raise ContentError(f"{shown(root / 'tiers.yaml')}: must define {', '.join(TIER_IDS)}")

    categories = {}
    for e in entries(root / "categories.yaml"):
        cid = e.choice("id", CATEGORY_IDS)
        categories[cid] = Category(cid, e.text("name"), e.text("definition"), e.texts("examples"))
    if set(categories) != set(CATEGORY_IDS):
        raise ContentError(f"{shown(root / 'categories.yaml')}: must define {', '.join(CATEGORY_IDS)}")

    info_types = {}
    for e in entries(root / "info_types.yaml"):
        info_types[e.str("id")] = InfoType(
            id=e.str("id"),
            category=e.choice("category", CATEGORY_IDS),
            tier=e.choice("tier", TIER_IDS),
            pipl_sensitive=e.bool("pipl_sensitive"),
            name=e.text("name"),
            reason=e.text("reason"),
            open=e.text("open", None),
        )
    return Content(root, tiers, categories, info_types, provisions, _ui(root / "ui"))


def question_ids(root: Path | str | None = None) -> dict[str, tuple[str, ...]]:
    """The ids of the questions the content defines, by source: ``"questions"`` (the review
    questions, ``questions/*.yaml``) and ``"selfcheck"`` (``selfcheck.yaml``), in file order.

    Saved answers are keyed by these ids; ``check`` uses this list to warn before an edit orphans
    learners' answers. Only the ids are read (a file that cannot be read raises ContentError).
    """
    root = Path(root) if root is not None else CONTENT_DIR
    review = [e.str("id") for path in sorted((root / "questions").glob("*.yaml")) for e in entries(path)]
    return {"questions": tuple(review), "selfcheck": tuple(e.str("id") for e in entries(root / "selfcheck.yaml"))}
