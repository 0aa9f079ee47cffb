"""Read YAML content files into checked values, with one-line errors naming file, entry and field."""
from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import json
import sysconfig
from pathlib import Path
from typing import Any, Iterable, NoReturn, overload

import yaml

from lessons.content.errors import ContentError, LessonsError
from lessons.content.files import read_bytes, terminal_safe
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
# The shipped YAML files already parsed and checked, as JSON named by the hash of the YAML's bytes. Only the
# browser site's wheel has this folder (the site build writes it): the browser's PyYAML is pure Python and
# slow, its JSON parser is not. A file whose bytes changed has another hash, so a stale JSON is never used.
PARSED_DIR = PACKAGE_DIR / "parsed"


def parsed_name(data: bytes) -> str:
    """The file name, in PARSED_DIR, of the JSON form of the YAML file whose bytes are ``data``."""
    return hashlib.sha256(data).hexdigest() + ".json"


def shown(path: Path) -> str:
    """A path as a teacher would name it: relative to the repository (or the installed package) when possible."""
    try:
        return str(path.resolve().relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)


MAX_YAML_BYTES = 5_000_000  # the largest content file is well under 100 KB
MAX_YAML_DEPTH = 32         # content is a few levels deep; deep nesting is an accident or an attack
MAX_YAML_ALIASES = 50       # the content uses a handful of anchors (shared option lists)
MAX_YAML_NODES = 200_000    # values after expanding aliases: a "billion laughs" file is refused early
MAX_YAML_DIGITS = 18        # whole numbers in content are counts and thresholds, not 5,000-digit strings


class _Refused(yaml.constructor.ConstructorError):
    """A YAML file that parses but that content files must not contain."""


if getattr(yaml, "__with_libyaml__", False):
    import yaml.cyaml  # only with libyaml: a pure-Python PyYAML (as in the browser) has no yaml._yaml

    class _SafeLoader(
        yaml.composer.Composer,
        yaml.cyaml.CParser,  # type: ignore[name-defined]  # types-PyYAML's cyaml stub does not re-export it
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """yaml.SafeLoader with libyaml's scanner and parser (written in C, several times faster) but
        PyYAML's own composer, where StrictLoader's checks hook in."""

        def __init__(self, stream):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    # the same loader interface; mypy types only the first of two definitions chosen at import time
    _SafeLoader = yaml.SafeLoader  # type: ignore[misc, assignment]


class StrictLoader(_SafeLoader):
    """SafeLoader (no ``!!python`` tags) that also refuses what a teacher's edit can break silently:
    duplicate keys, invalid dates, huge numbers, deep nesting, aliases that expand without limit, and a
    flow mapping such as ``{en: Harassment (calls, messages), zh: ...}`` that an unquoted comma split."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._nodes = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise _Refused(None, None, f"more than {MAX_YAML_ALIASES} aliases (*name); write the values out",
                               self.peek_event().start_mark)
        self._depth += 1
        self._nodes += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise _Refused(
                    None, None, f"nested more than {MAX_YAML_DEPTH} levels deep", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_document(self):
        node = super().compose_document()
        if self._aliases:
            _check_expansion(node)
        elif self._nodes > MAX_YAML_NODES:  # without aliases nothing expands: the count is the size
            raise _Refused(None, None, f"has more than {MAX_YAML_NODES:,} values", node.start_mark)
        return node

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            first: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = (key_node.tag, key_node.value)
                if key in first:
                    raise _Refused(None, None, f"duplicate key '{key_node.value}' (first on line {first[key] + 1}); "
                                   "the later one would silently replace it", key_node.start_mark)
                first[key] = key_node.start_mark.line
                if (node.flow_style and isinstance(value_node, yaml.ScalarNode) and value_node.value == ""
                        and value_node.tag == "tag:yaml.org,2002:null"):
                    raise _Refused(None, None, f"'{key_node.value}' has no value: an unquoted comma probably split a "
                                   "text in this {...} line; put the text in quotes", key_node.start_mark)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node):
        digits = sum(ch.isdigit() for ch in str(node.value))
        if digits > MAX_YAML_DIGITS:
            raise _Refused(None, None, f"a number of {digits:,} digits; at most {MAX_YAML_DIGITS} are accepted",
                           node.start_mark)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node):
        value = super().construct_yaml_float(node)
        if value != value or value in (float("inf"), float("-inf")):
            raise _Refused(None, None, f"{str(node.value)[:40]!r} is not a usable number", node.start_mark)
        return value

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise _Refused(
                None, None, f"{str(node.value)[:40]!r} is not a real date (YYYY-MM-DD)", node.start_mark
            ) from None


StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
StrictLoader.add_constructor("tag:yaml.org,2002:float", StrictLoader.construct_yaml_float)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)


def _check_expansion(root) -> None:
    """Count the values of a document with aliases expanded (iteratively; shared nodes counted once
    per use), refusing self-references and documents that expand beyond MAX_YAML_NODES."""
    def children(node):
        if isinstance(node, yaml.SequenceNode):
            return node.value
        if isinstance(node, yaml.MappingNode):
            return [n for pair in node.value for n in pair]
        return ()

    if root is None:
        return
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(k)] for k in children(node))
            if sizes[key] > MAX_YAML_NODES:
                raise _Refused(None, None, f"expands to more than {MAX_YAML_NODES:,} values through aliases (*name)",
                               node.start_mark)
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise _Refused(None, None, "an alias (*name) refers to the value that contains it", node.start_mark)
        on_path.add(key)
        stack.append((node, True))
        stack.extend((k, False) for k in children(node) if id(k) not in sizes)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file safely; any problem becomes a one-line ContentError naming file and line."""
    try:
        data = read_bytes(path, MAX_YAML_BYTES, shown(path), not_found="file_not_found")
    except LessonsError as exc:
        raise ContentError(str(exc)) from None
    ready = PARSED_DIR / parsed_name(data)
    if ready.is_file():
        return json.loads(ready.read_bytes())
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(f"{shown(path)}: cannot read (not UTF-8 text at byte {exc.start:,})") from None
    try:
        return yaml.load(raw, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        if "maximum nesting depth" in problem:  # libyaml's own limit (1,000) can come before ours
            problem = f"nested more than {MAX_YAML_DEPTH} levels deep"
        problem = terminal_safe(problem, 200)
        raise ContentError(f"{shown(path)}:{where} {problem}") from None
    except RecursionError:  # pragma: no cover - MAX_YAML_DEPTH stops nesting first
        raise ContentError(f"{shown(path)}: nested too deeply") from None


class Entry:
    """One mapping in a content file; its getters raise errors naming file, entry and field."""

    def __init__(self, data: Any, path: Path, label: str):
        self.path, self.label = path, label
        if not isinstance(data, dict):
            self.fail(None, "must be a mapping of fields")
        self.data = data

    def fail(self, field: str | None, problem: str) -> NoReturn:
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

    def choice(self, field: builtins.str, options: Iterable[builtins.str]) -> builtins.str:
        options = list(options)
        value = self.raw(field)
        if value not in options:
            self.fail(field, f"is {value!r}; expected one of {', '.join(map(str, options))}")
        return value

    def bool(self, field: builtins.str, default: Any = ...) -> bool:
        value = self.raw(field, default)
        if not isinstance(value, bool):
            self.fail(field, "must be true or false")
        return value

    def int(self, field: builtins.str, minimum: int = 0) -> int:
        value = self.raw(field)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.fail(field, f"must be a whole number >= {minimum}")
        return value

    def date(self, field: builtins.str) -> dt.date:
        value = self.raw(field)
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(field, f"is {value!r}; expected a date YYYY-MM-DD")

    @overload
    def text(self, field: builtins.str) -> Text: ...
    @overload
    def text(self, field: builtins.str, default: None) -> Text | None: ...
    def text(self, field: builtins.str, default: Any = ...) -> Text | None:
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

    def texts(self, field: builtins.str) -> dict[builtins.str, tuple[builtins.str, ...]]:
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
