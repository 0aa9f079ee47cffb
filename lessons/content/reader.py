"""Read YAML content files into checked values, with one-line errors naming file, entry and field."""
from __future__ import annotations

import datetime as dt
import sysconfig
from pathlib import Path
from typing import Any, Iterable

import yaml

from lessons.content.errors import ContentError
from lessons.content.text import LANGUAGES, Text

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def shipped(name: str) -> Path:
    """The shipped folder ``name`` ("data" or "notebooks").

    An installed package holds it as ``lessons/<name>`` (pyproject.toml maps the top-level folders there);
    a source checkout, and so an editable install, has it beside the package folder.
    """
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


def source_checkout() -> Path | None:
    """The repository folder when running from a source checkout (or an editable install), else None."""
    root = PACKAGE_DIR.parent
    return root if DATA_DIR.parent == root and (root / "pyproject.toml").is_file() else None


def in_installation(path: Path | str) -> bool:
    """Whether ``path`` lies in the package folder or in site-packages, where pi-lessons never writes."""
    resolved = Path(path).resolve()
    folders = {PACKAGE_DIR, *(Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib"))}
    return any(resolved == f or f in resolved.parents for f in folders)


DATA_DIR = shipped("data")
CONTENT_DIR = DATA_DIR / "content"
NOTEBOOKS_DIR = shipped("notebooks")


def shown(path: Path) -> str:
    """A path as a teacher would name it: relative to the repository (or the installed package) when possible."""
    try:
        return str(path.resolve().relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file safely; any problem becomes a one-line ContentError."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"{shown(path)}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{shown(path)}: cannot read ({exc})") from None
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ContentError(f"{shown(path)}:{where} {problem}") from None


class Entry:
    """One mapping in a content file; its getters raise errors naming file, entry and field."""

    def __init__(self, data: Any, path: Path, label: str):
        self.path, self.label = path, label
        if not isinstance(data, dict):
            self.fail(None, "must be a mapping of fields")
        self.data = data

    def fail(self, field: str | None, problem: str):
        where = f"{shown(self.path)}: entry {self.label}"
        if field:
            where += f": field '{field}'"
        raise ContentError(f"{where}: {problem}")

    def raw(self, field: str, default: Any = ...) -> Any:
        if field not in self.data:
            if default is ...:
                self.fail(field, "is missing")
            return default
        return self.data[field]

    def str(self, field: str, default: Any = ...) -> str:
        value = self.raw(field, default)
        if value is default and default is not ...:
            return value
        if not isinstance(value, str) or not value.strip():
            self.fail(field, "must be a non-empty text")
        return value

    def choice(self, field: str, options: Iterable[str]) -> str:
        options = list(options)
        value = self.raw(field)
        if value not in options:
            self.fail(field, f"is {value!r}; expected one of {', '.join(map(str, options))}")
        return value

    def bool(self, field: str, default: Any = ...) -> bool:
        value = self.raw(field, default)
        if not isinstance(value, bool):
            self.fail(field, "must be true or false")
        return value

    def int(self, field: str, minimum: int = 0) -> int:
        value = self.raw(field)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.fail(field, f"must be a whole number >= {minimum}")
        return value

    def date(self, field: str) -> dt.date:
        value = self.raw(field)
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(field, f"is {value!r}; expected a date YYYY-MM-DD")

    def text(self, field: str, default: Any = ...) -> Text:
        value = self.raw(field, default)
        if value is None and default is None:
            return None
        if not isinstance(value, dict):
            self.fail(field, "must have an 'en' and a 'zh' text")
        extra = sorted(map(str, set(value) - set(LANGUAGES)))
        if extra:  # e.g. an unquoted comma in a {en: ..., zh: ...} line makes a stray key
            self.fail(field, f"has unexpected key(s) {', '.join(extra)}; quote texts that contain commas or colons")
        for lang in LANGUAGES:
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                self.fail(field, f"the '{lang}' text is missing or empty")
        return Text(en=value["en"].strip(), zh=value["zh"].strip())

    def texts(self, field: str) -> dict[str, tuple[str, ...]]:
        """A list of strings per language, e.g. examples."""
        value = self.raw(field)
        if not isinstance(value, dict):
            self.fail(field, "must have an 'en' and a 'zh' list")
        out = {}
        for lang in LANGUAGES:
            items = value.get(lang)
            if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
                self.fail(field, f"the '{lang}' list is missing or not a list of texts")
            out[lang] = tuple(items)
        return out


def entries(path: Path, key: str = "id") -> list[Entry]:
    """Read a file holding a list of mappings, each labelled by its ``key`` field."""
    data = read_yaml(path)
    if not isinstance(data, list) or not data:
        raise ContentError(f"{shown(path)}: expected a non-empty list of entries")
    out, seen = [], set()
    for number, item in enumerate(data, 1):
        label = f"#{number}"
        if isinstance(item, dict) and isinstance(item.get(key), str):
            label = f"'{item[key]}'"
        entry = Entry(item, path, label)
        ident = entry.str(key)
        if ident in seen:
            entry.fail(key, "is used by an earlier entry too")
        seen.add(ident)
        out.append(entry)
    return out
