"""Where a learner's files live, the course's classroom settings, and safe (atomic) JSON reads and writes."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lessons.content.reader import source_checkout
from lessons.content.text import LANGUAGES

HOME_ENV = "PI_LESSONS_HOME"
COURSE_MARKER = ".pi-lessons-course.json"  # written by `pi-lessons lab`/`voila` into the copied course
SHARED_ENV = "PI_LESSONS_SHARED"  # "1": one server serves several learners, every page asks who is learning
HANDIN_ENV = "PI_LESSONS_HANDIN"  # a folder learners hand in to (e.g. a shared folder on a JupyterHub)
DUE_ENV = "PI_LESSONS_DUE"  # an optional due date/time (ISO 8601); later hand-ins are marked late
RETRIES_ENV = "PI_LESSONS_RETRIES_COUNT"  # "1": the latest answer counts, not the first
MAX_JSON_BYTES = 5_000_000  # a progress file of a whole course is about 20 KB
MAX_DEPTH = 20  # progress files are 4 levels deep; deeper nesting is refused before parsing


def home() -> Path:
    """The learner's folder, the first of:

    ``$PI_LESSONS_HOME``; ``progress/`` in the course folder that ``pi-lessons lab`` copied (found by its
    marker file in the working directory, where a notebook's kernel runs, or a folder above it);
    ``progress/`` in a source checkout; else ``~/.pi-lessons``. Never inside an installed package.
    """
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV])
    cwd = Path.cwd()
    for folder in (cwd, *cwd.parents):
        if (folder / COURSE_MARKER).is_file():
            return folder / "progress"
    repo = source_checkout()
    if repo is not None:
        return repo / "progress"
    return Path.home() / ".pi-lessons"


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def parse_time(value) -> dt.datetime | None:
    """An ISO date or date-time as an aware UTC datetime (dates are midnight UTC); None if not one."""
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)).astimezone(dt.timezone.utc)


@dataclass(frozen=True)
class Classroom:
    """How the course runs for a class (environment variables, so a hub admin sets them once for all).

    ``shared``: several learners use one server, so nothing falls back to a folder-wide learner;
    ``handin``: the hand-in folder or None; ``due``: the due time or None; ``retries_count``: the
    latest answer counts instead of the first one.
    """

    shared: bool = False
    handin: Path | None = None
    due: dt.datetime | None = None
    retries_count: bool = False

    @classmethod
    def from_env(cls) -> "Classroom":
        handin = os.environ.get(HANDIN_ENV, "").strip()
        return cls(shared=_flag(SHARED_ENV), handin=Path(handin) if handin else None,
                   due=parse_time(os.environ.get(DUE_ENV, "").strip()), retries_count=_flag(RETRIES_ENV))


def write_json(path: Path, data) -> None:
    """Write JSON atomically: a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def too_deep(raw: str, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON text nests deeper than ``limit`` (checked before parsing: deep nesting crashes json)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", raw))  # regex work runs in C; only brackets are left
    depth = 0
    for ch in brackets:
        depth += 1 if ch in "[{" else -1
        if depth > limit:
            return True
    return False


def parse_json_text(raw: str):
    """Parsed JSON, or raises ValueError for invalid, too deep or too large text."""
    if len(raw) > MAX_JSON_BYTES:
        raise ValueError("too large")
    if too_deep(raw):
        raise ValueError("too deep")
    return json.loads(raw)


def read_json(path: Path):
    """The parsed JSON of ``path``, or None if it does not exist or cannot be parsed."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_JSON_BYTES:
            return None
        return parse_json_text(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None


def _settings(path: Path) -> dict:
    """The settings in ``path``; a damaged file is moved aside to ``.corrupt-N`` (bytes kept) first."""
    if not path.exists():
        return {}
    settings = read_json(path)
    if isinstance(settings, dict):
        return settings
    n = 1
    while (target := path.with_name(f"{path.name}.corrupt-{n}")).exists():
        n += 1
    path.rename(target)
    return {}


def read_setting(key: str, folder: Path | None = None):
    settings = read_json((folder or home()) / "settings.json")
    return settings.get(key) if isinstance(settings, dict) else None


def write_settings(values: dict, folder: Path | None = None) -> None:
    """Update keys of ``settings.json`` (None removes a key); OSError if the folder cannot be written."""
    path = (folder or home()) / "settings.json"
    settings = _settings(path)
    for key, value in values.items():
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = value
    write_json(path, settings)


def preferred_language(folder: Path | None = None) -> str:
    """The language the learner chose last ('en' until they choose)."""
    lang = read_setting("language", folder)
    return lang if lang in LANGUAGES else "en"


def set_preferred_language(lang: str, folder: Path | None = None) -> None:
    write_settings({"language": lang}, folder)
