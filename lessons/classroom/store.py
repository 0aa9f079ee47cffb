"""Where a learner's files live, and safe (atomic) JSON reads and writes."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from lessons.content.reader import source_checkout
from lessons.content.text import LANGUAGES

HOME_ENV = "PI_LESSONS_HOME"
COURSE_MARKER = ".pi-lessons-course.json"  # written by `pi-lessons lab`/`voila` into the copied course


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


def read_json(path: Path):
    """The parsed JSON of ``path``, or None if it does not exist or cannot be parsed."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def preferred_language(folder: Path | None = None) -> str:
    """The language the learner chose last ('en' until they choose)."""
    settings = read_json((folder or home()) / "settings.json")
    lang = settings.get("language") if isinstance(settings, dict) else None
    return lang if lang in LANGUAGES else "en"


def set_preferred_language(lang: str, folder: Path | None = None) -> None:
    path = (folder or home()) / "settings.json"
    settings = read_json(path)
    settings = settings if isinstance(settings, dict) else {}
    settings["language"] = lang
    write_json(path, settings)
