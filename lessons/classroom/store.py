"""Where a learner's files live, their settings (``settings.json``), and safe (atomic, bounded) JSON I/O."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from lessons.content.files import write_atomic
from lessons.content.reader import source_checkout
from lessons.content.text import LANGUAGES
from lessons.classroom.settings import HOME_ENV, Classroom, parse_time  # noqa: F401 (Classroom, parse_time: old import path)

COURSE_MARKER = ".pi-lessons-course.json"  # written by `pi-lessons lab`/`voila` into the copied course
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


def dump_json(data) -> str:
    """JSON text as the course writes it (so a download holds exactly the bytes of a saved file)."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def write_json(path: Path, data, folder_mode: int = 0o777) -> None:
    """Write JSON (as ``dump_json``) atomically (``files.write_atomic``)."""
    write_atomic(path, dump_json(data), folder_mode)


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
