"""Saved progress: one versioned JSON file per learner under ``lessons.classroom.store.home()``.

Layout (``home()`` is ``$PI_LESSONS_HOME``, else ``progress/`` in the checkout, git-ignored)::

    settings.json              {"language": "zh", "learner": "王芳"}
    learners/<safe-name>.json  {"format": "pi-lessons.progress.v1", "learner": "王芳",
                                "exercises": {EXERCISE_ID: {"answers", "correct", "score",
                                                            "total", "updated"}}}

Files are written atomically (``store.write_json``). A file that cannot be read, or that is not a
progress file of this learner, is never overwritten: it is renamed to ``<file>.corrupt-<n>`` and
the move is reported in ``Progress.moved``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lessons.content.errors import LessonsError
from lessons.classroom.store import home, read_json, write_json

FORMAT = "pi-lessons.progress.v1"
LEARNERS = "learners"
MAX_NAME = 60
RECORD_KEYS = ("answers", "correct", "score", "total")


class ProgressError(LessonsError):
    """A bad learner name or a progress record that does not follow the exercise protocol."""


@dataclass(frozen=True)
class Moved:
    """A progress file that was moved aside instead of being overwritten."""

    original: Path
    moved_to: Path
    reason: str  # one of READ_PROBLEMS


READ_PROBLEMS = ("unreadable", "not_json", "foreign", "other_learner")


def normalize_name(name: str) -> str:
    """A learner name as stored: NFC, single spaces, trimmed; raises ProgressError if unusable."""
    if not isinstance(name, str):
        raise ProgressError("a learner name must be text")
    clean = " ".join(unicodedata.normalize("NFC", name).split())
    if not clean:
        raise ProgressError("please enter a name")
    if len(clean) > MAX_NAME:
        raise ProgressError(f"a name can have at most {MAX_NAME} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in clean):
        raise ProgressError("a name cannot contain control characters")
    return clean


def name_key(name: str) -> str:
    """Names that differ only in case or spacing belong to the same learner."""
    return normalize_name(name).casefold()


def safe_file_name(name: str) -> str:
    """A file name for ``name``: readable letters and digits plus a hash that keeps names distinct.

    >>> safe_file_name("Wang Fang")
    'wang-fang-fd32a2ba'
    >>> safe_file_name("../王芳").startswith("王芳-")
    True
    """
    key = name_key(name)
    # Only letters and digits survive, so no path separators, dots or reserved characters.
    slug = re.sub(r"[^\w]+|_", "-", key).strip("-")[:32].strip("-") or "learner"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


def settings_path(folder: Path | None = None) -> Path:
    return (folder or home()) / "settings.json"


def current_learner(folder: Path | None = None) -> str | None:
    """The learner chosen last in this folder, or None."""
    settings = read_json(settings_path(folder))
    name = settings.get("learner") if isinstance(settings, dict) else None
    try:
        return normalize_name(name) if name else None
    except ProgressError:
        return None


def set_current_learner(name: str | None, folder: Path | None = None) -> None:
    """Remember ``name`` (None forgets it) next to the language in ``settings.json``."""
    path = settings_path(folder)
    settings = read_json(path)
    settings = settings if isinstance(settings, dict) else {}
    if name is None:
        settings.pop("learner", None)
    else:
        settings["learner"] = normalize_name(name)
    write_json(path, settings)


def check_record(value: dict) -> dict:
    """The saved part of an exercise ``value`` (see ``ExerciseWidget``); raises ProgressError."""
    if not isinstance(value, dict) or any(k not in value for k in RECORD_KEYS):
        raise ProgressError(f"an exercise result needs {', '.join(RECORD_KEYS)}")
    answers, correct, score, total = (value[k] for k in RECORD_KEYS)
    if not isinstance(answers, dict) or not isinstance(correct, dict):
        raise ProgressError("answers and correct must be mappings by question id")
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in (score, total)) or score > total:
        raise ProgressError("score and total must be whole numbers with score <= total")
    try:
        json.dumps(answers)
    except (TypeError, ValueError):
        raise ProgressError("answers must be plain JSON values") from None
    return {"answers": answers, "correct": {str(k): bool(v) for k, v in correct.items()}, "score": score, "total": total}


def read_progress_file(path: Path) -> tuple[dict | None, str | None]:
    """``(data, None)`` for a valid progress file, else ``(None, reason)`` with a READ_PROBLEMS code."""
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None, "unreadable"
    try:
        data = json.loads(raw)
    except ValueError:
        return None, "not_json"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None, "foreign"
    exercises, learner = data.get("exercises"), data.get("learner")
    if not isinstance(learner, str) or not isinstance(exercises, dict):
        return None, "foreign"
    try:
        normalize_name(learner)
        for record in exercises.values():
            check_record(record)
    except ProgressError:
        return None, "foreign"
    return data, None


def move_aside(path: Path) -> Path:
    """Rename ``path`` to the first free ``<name>.corrupt-<n>`` and return the new path."""
    n = 1
    while (target := path.with_name(f"{path.name}.corrupt-{n}")).exists():
        n += 1
    path.rename(target)
    return target


class Progress:
    """One learner's saved answers in ``folder`` (default: ``home()``).

    ``learner`` defaults to the current learner of the folder; None means nobody has entered a
    name yet, and then nothing is saved. ``clock`` gives the "updated" time (tests pass a fixed one).
    """

    def __init__(self, folder: Path | str | None = None, learner: str | None = ..., clock: Callable[[], dt.datetime] | None = None):
        self.folder = Path(folder) if folder is not None else home()
        if learner is ...:
            learner = current_learner(self.folder)
        self.learner = normalize_name(learner) if learner else None
        self.moved: list[Moved] = []
        self._clock = clock or (lambda: dt.datetime.now(dt.timezone.utc))

    @property
    def path(self) -> Path | None:
        if self.learner is None:
            return None
        return self.folder / LEARNERS / f"{safe_file_name(self.learner)}.json"

    def choose(self, name: str, remember: bool = True) -> None:
        """Switch to learner ``name``; ``remember`` makes them the folder's current learner."""
        self.learner = normalize_name(name)
        if remember:
            set_current_learner(self.learner, self.folder)

    def load(self) -> dict:
        """All saved exercise records of the learner (empty if none); moves a bad file aside."""
        path = self.path
        if path is None or not path.exists():
            return {}
        data, problem = read_progress_file(path)
        if problem is None and name_key(data["learner"]) != name_key(self.learner):
            problem = "other_learner"
        if problem is not None:
            self.moved.append(Moved(path, move_aside(path), problem))
            return {}
        return data["exercises"]

    def exercise(self, exercise_id: str) -> dict | None:
        """The saved record of one exercise, or None."""
        return self.load().get(exercise_id)

    def save(self, exercise_id: str, value: dict) -> None:
        """Save one exercise's answers (read-modify-write, so other lessons' records are kept)."""
        if self.learner is None:
            raise ProgressError("enter your name first, then your answers are saved")
        if not isinstance(exercise_id, str) or not exercise_id:
            raise ProgressError("an exercise needs an EXERCISE_ID to be saved")
        record = check_record(value)
        record["updated"] = self._clock().isoformat(timespec="seconds")
        exercises = self.load()
        exercises[exercise_id] = record
        self._write(exercises)

    def reset(self, exercise_id: str | None = None) -> None:
        """Start fresh: forget one exercise's answers, or (None) all of this learner's answers."""
        if self.learner is None:
            return
        exercises = self.load()
        if exercise_id is None:
            exercises = {}
        else:
            exercises.pop(exercise_id, None)
        self._write(exercises)

    def _write(self, exercises: dict) -> None:
        write_json(self.path, {"format": FORMAT, "learner": self.learner, "exercises": exercises})
