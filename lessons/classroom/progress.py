"""Saved progress: one versioned JSON file per learner under ``lessons.classroom.store.home()``.

Layout (``home()`` is ``$PI_LESSONS_HOME``, else ``progress/`` in the checkout, git-ignored)::

    settings.json              {"language": "zh", "learner": "王芳", "student_id": "2024001"}
    learners/<safe-name>.json  {"format": "pi-lessons.progress.v1", "learner": "王芳",
                                "student_id": "2024001",            (optional)
                                "exercises": {EXERCISE_ID: {"answers", "correct", "score", "total",
                                                            "updated", "first", "attempts"}}}

A learner is a name plus an optional student number (学号); with a number, the number is the
identity (two 张伟 with different numbers are two learners). ``first`` keeps, per question, the
answer given when its feedback was first shown (the one that counts for a grade) and
``attempts`` how many different answers were given since.

Saves are read-modify-write under a file lock (``filelock``), so any number of kernels of one
learner never lose a record; files are written atomically (``store.write_json``). A file that
cannot be read, or that is not a progress file of this learner, is never overwritten: it is renamed
to ``<file>.corrupt-<n>`` and the move is reported in ``Progress.moved``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, ContextManager

try:
    from filelock import FileLock, Timeout
except ImportError:  # the browser's kernel (Pyodide): saves take no lock there (see _lock), and filelock is not installed
    FileLock, Timeout = None, TimeoutError  # type: ignore[assignment,misc]

from lessons.content.errors import LessonsError
from lessons.classroom.store import Classroom, MAX_JSON_BYTES, home, parse_json_text, read_setting, write_json, write_settings

FORMAT = "pi-lessons.progress.v1"
LEARNERS = "learners"
MAX_NAME = 60
MAX_STUDENT_ID = 32
MAX_QUESTIONS = 2000  # per exercise; the largest exercise has about 60 questions
MAX_EXERCISES = 1000  # the course has five exercises
RECORD_KEYS = ("answers", "correct", "score", "total")
LOCK_TIMEOUT = 20  # seconds; a save takes milliseconds, so only a stuck process holds the lock this long
# Format characters people's names need: ZWNJ/ZWJ (Persian, emoji sequences), LRM/RLM/ALM, emoji tags.
NAME_FORMAT_CHARS = {"\u200c", "\u200d", "\u200e", "\u200f", "\u061c", *map(chr, range(0xE0020, 0xE0080))}


class ProgressError(LessonsError):
    """A bad learner name or a progress record that does not follow the exercise protocol.

    ``reason`` names the problem for the learner's message (``name_empty``, ``name_too_long``,
    ``name_bad_char``, ``id_bad``, ``busy``, or ``record``).
    """

    def __init__(self, message: str, reason: str = "record"):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Moved:
    """A progress file that was moved aside instead of being overwritten."""

    original: Path
    moved_to: Path
    reason: str  # one of READ_PROBLEMS


READ_PROBLEMS = ("unreadable", "not_json", "foreign", "other_learner", "too_large", "not_a_file")


def _length(text: str) -> int:
    """Characters as a reader counts them: combining marks, joiners and emoji modifiers add none."""
    return sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf", "Sk"))


def normalize_name(name: str) -> str:
    """A learner name as stored: NFC, single spaces, trimmed; raises ProgressError if unusable."""
    if not isinstance(name, str):
        raise ProgressError("a learner name must be text", "name_empty")
    clean = " ".join(unicodedata.normalize("NFC", name[:1000]).split())
    if not clean:
        raise ProgressError("please enter a name", "name_empty")
    if _length(clean) > MAX_NAME or len(clean) > 4 * MAX_NAME:
        raise ProgressError(f"a name can have at most {MAX_NAME} characters", "name_too_long")
    for ch in clean:
        if unicodedata.category(ch).startswith("C") and ch not in NAME_FORMAT_CHARS:
            raise ProgressError(f"a name cannot contain the invisible character U+{ord(ch):04X}", "name_bad_char")
    return clean


def name_key(name: str) -> str:
    """Names that differ only in case, spacing or width (ＷＡＮＧ vs Wang, NFKC) are the same learner."""
    return " ".join(unicodedata.normalize("NFKC", normalize_name(name)).split()).casefold()


def normalize_student_id(number) -> str | None:
    """A student number (学号) as stored (NFKC, trimmed) or None if empty; ProgressError if unusable."""
    if number is None:
        return None
    if not isinstance(number, str):
        raise ProgressError("a student number must be text", "id_bad")
    clean = unicodedata.normalize("NFKC", number[:200]).strip()
    if not clean:
        return None
    if len(clean) > MAX_STUDENT_ID or not re.fullmatch(r"[\w.\-/]+", clean):
        raise ProgressError(f"a student number has 1 to {MAX_STUDENT_ID} letters, digits, '-', '.' or '/'", "id_bad")
    return clean


def identity_key(name: str, student_id: str | None = None) -> str:
    """Who a file belongs to: the student number when there is one, else the name."""
    number = normalize_student_id(student_id)
    return f"id:{number.casefold()}" if number else f"name:{name_key(name)}"


def safe_file_name(name: str, student_id: str | None = None) -> str:
    """A file name for a learner: readable letters and digits plus a hash that keeps learners distinct.

    >>> safe_file_name("Wang Fang")
    'wang-fang-fd32a2ba'
    >>> safe_file_name("../王芳").startswith("王芳-")
    True
    >>> safe_file_name("张伟", "2024001") != safe_file_name("张伟", "2024002")
    True
    """
    number = normalize_student_id(student_id)
    key = name_key(name)
    # Only letters and digits survive, so no path separators, dots or reserved characters.
    slug = re.sub(r"[^\w]+|_", "-", key).strip("-")[:32].strip("-") or "learner"
    if number is None:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
        return f"{slug}-{digest}"
    digest = hashlib.sha256(identity_key(name, number).encode("utf-8")).hexdigest()[:8]
    id_slug = re.sub(r"[^\w]+|_", "-", number.casefold()).strip("-")[:24].strip("-") or "id"
    return f"id-{id_slug}-{digest}"  # the number alone: a learner who retypes their name keeps their file


def settings_path(folder: Path | None = None) -> Path:
    return (folder or home()) / "settings.json"


def current_learner(folder: Path | None = None) -> str | None:
    """The learner chosen last in this folder, or None (always None on a shared server)."""
    if Classroom.from_env().shared:
        return None
    name = read_setting("learner", folder)
    try:
        return normalize_name(name) if name else None
    except ProgressError:
        return None


def current_student_id(folder: Path | None = None) -> str | None:
    if Classroom.from_env().shared:
        return None
    try:
        return normalize_student_id(read_setting("student_id", folder))
    except ProgressError:
        return None


def set_current_learner(name: str | None, folder: Path | None = None, student_id: str | None = None) -> None:
    """Remember ``name`` (None forgets it) and the student number next to the language in ``settings.json``."""
    if name is None:
        write_settings({"learner": None, "student_id": None}, folder)
    else:
        write_settings({"learner": normalize_name(name), "student_id": normalize_student_id(student_id)}, folder)


def _count(n) -> bool:
    return isinstance(n, int) and not isinstance(n, bool) and n >= 0


def check_record(value: dict) -> dict:
    """The saved part of an exercise ``value`` (see ``ExerciseWidget``); raises ProgressError."""
    if not isinstance(value, dict) or any(k not in value for k in RECORD_KEYS):
        raise ProgressError(f"an exercise result needs {', '.join(RECORD_KEYS)}")
    answers, correct, score, total = (value[k] for k in RECORD_KEYS)
    if not isinstance(answers, dict) or not isinstance(correct, dict):
        raise ProgressError("answers and correct must be mappings by question id")
    if len(answers) > MAX_QUESTIONS or len(correct) > MAX_QUESTIONS:
        raise ProgressError(f"an exercise has at most {MAX_QUESTIONS} questions")
    if not all(_count(n) for n in (score, total)) or score > total:
        raise ProgressError("score and total must be whole numbers with score <= total")
    try:
        json.dumps(answers)
    except (TypeError, ValueError):
        raise ProgressError("answers must be plain JSON values") from None
    return {"answers": answers, "correct": {str(k): bool(v) for k, v in correct.items()}, "score": score, "total": total}


def _check_stored(record) -> None:
    """A record as read from a file: the protocol part plus optional first/attempts/updated of the right shape."""
    check_record(record)
    first, attempts = record.get("first", {}), record.get("attempts", {})
    if not isinstance(first, dict) or not isinstance(attempts, dict) or len(first) > MAX_QUESTIONS or len(attempts) > MAX_QUESTIONS:
        raise ProgressError("first and attempts must be mappings by question id")
    if not all(_count(n) for n in attempts.values()):
        raise ProgressError("attempts must be whole numbers")


def read_progress_file(path: Path) -> tuple[dict | None, str | None]:
    """``(data, None)`` for a valid progress file, else ``(None, reason)`` with a READ_PROBLEMS code.

    Never reads more than ``MAX_JSON_BYTES`` and never parses deeper than a progress file is.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end: never opened
            return None, "not_a_file"
        if info.st_size > MAX_JSON_BYTES:
            return None, "too_large"
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None, "unreadable"
    try:
        data = parse_json_text(raw)
    except (ValueError, RecursionError):
        return None, "not_json"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None, "foreign"
    exercises, learner = data.get("exercises"), data.get("learner")
    if not isinstance(learner, str) or not isinstance(exercises, dict) or len(exercises) > MAX_EXERCISES:
        return None, "foreign"
    try:
        normalize_name(learner)
        normalize_student_id(data.get("student_id"))
        for record in exercises.values():
            _check_stored(record)
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


def _track_attempts(old: dict | None, record: dict, shown) -> None:
    """Fill ``first`` and ``attempts`` of a new record from the stored one.

    A question's first answer is frozen once its feedback has been shown (``shown``; by default
    every answered question, as the self-check shows feedback at once); a different answer after
    that is practice and counts one more attempt.
    """
    old = old or {}
    first, attempts = dict(old.get("first", {})), dict(old.get("attempts", {}))
    before = old.get("answers", {})
    shown = set(record["answers"]) if shown is None else {str(q) for q in shown}
    for qid, answer in record["answers"].items():
        if qid not in shown or answer in (None, "", []):
            continue
        if qid not in first:
            first[qid], attempts[qid] = answer, 1
        elif answer != before.get(qid):
            attempts[qid] = attempts.get(qid, 1) + 1
    record["first"], record["attempts"] = first, attempts


class Progress:
    """One learner's saved answers in ``folder`` (default: ``home()``).

    ``learner`` defaults to the current learner of the folder, except on a shared server
    (``Classroom.shared``), where every page starts with nobody; None means nobody has entered a
    name yet, and then nothing is saved. ``clock`` gives the "updated" time (tests pass a fixed one).
    A save that fails is kept in ``pending`` and written with the next save that succeeds.
    """

    def __init__(self, folder: Path | str | None = None, learner: str | None = ..., clock: Callable[[], dt.datetime] | None = None,
                 student_id: str | None = ...):
        self.folder = Path(folder) if folder is not None else home()
        if learner is ...:
            learner = current_learner(self.folder)
            if student_id is ...:
                student_id = current_student_id(self.folder) if learner else None
        self.learner = normalize_name(learner) if learner else None
        self.student_id = normalize_student_id(student_id) if self.learner and student_id is not ... else None
        self.moved: list[Moved] = []
        self.pending: dict[str, dict] = {}
        self._clock = clock or (lambda: dt.datetime.now(dt.timezone.utc))

    @property
    def path(self) -> Path | None:
        if self.learner is None:
            return None
        return self.folder / LEARNERS / f"{safe_file_name(self.learner, self.student_id)}.json"

    @property
    def identity(self) -> str | None:
        return identity_key(self.learner, self.student_id) if self.learner else None

    def choose(self, name: str, remember: bool = True, student_id: str | None = None) -> None:
        """Switch to learner ``name`` (and student number); ``remember`` makes them the folder's current
        learner, except on a shared server, where nothing folder-wide is written."""
        learner, number = normalize_name(name), normalize_student_id(student_id)
        if remember and not Classroom.from_env().shared:
            set_current_learner(learner, self.folder, number)
        self.learner, self.student_id, self.pending = learner, number, {}

    def _lock(self) -> ContextManager:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if sys.platform == "emscripten":  # JupyterLite: one kernel per tab, and a lock file would outlive a reload
            return contextlib.nullcontext()
        return FileLock(str(self.path.with_name(f".{self.path.name}.lock")), timeout=LOCK_TIMEOUT)

    def _read(self) -> dict:
        path = self.path
        if path is None or not path.exists():
            return {}
        data, problem = read_progress_file(path)
        if problem is None and identity_key(data["learner"], data.get("student_id")) != self.identity:
            problem = "other_learner"
        if problem is not None:
            self.moved.append(Moved(path, move_aside(path), problem))
            return {}
        return data["exercises"]

    def load(self) -> dict:
        """All saved exercise records of the learner (empty if none); moves a bad file aside."""
        return self._read()

    def exercise(self, exercise_id: str) -> dict | None:
        """The saved record of one exercise, or None."""
        return self.load().get(exercise_id)

    def save(self, exercise_id: str, value: dict, shown=None) -> None:
        """Save one exercise's answers (under the lock, so other kernels' records are kept).

        ``shown``: the question ids whose feedback has been shown (None: every answered one).
        If writing fails (read-only folder, full disk, lock busy) the record stays in ``pending``
        and the error is raised; the next successful save writes it too.
        """
        if self.learner is None:
            raise ProgressError("enter your name first, then your answers are saved")
        if not isinstance(exercise_id, str) or not exercise_id:
            raise ProgressError("an exercise needs an EXERCISE_ID to be saved")
        record = check_record(value)
        record["updated"] = self._clock().isoformat(timespec="seconds")
        self.pending[exercise_id] = (record, shown)
        self._commit()

    def _commit(self) -> None:
        try:
            with self._lock():
                exercises = self._read()
                for exercise_id, (record, shown) in self.pending.items():
                    _track_attempts(exercises.get(exercise_id), record, shown)
                    exercises[exercise_id] = record
                self._write(exercises)
        except Timeout:
            raise ProgressError("another window is still saving; your answers are kept here and saved next time", "busy") from None
        self.pending = {}

    def flush(self) -> bool:
        """Write pending saves now; True if nothing is left pending."""
        if self.pending and self.learner is not None:
            self._commit()
        return not self.pending

    def reset(self, exercise_id: str | None = None) -> None:
        """Start fresh: forget one exercise's answers, or (None) all of this learner's answers."""
        if self.learner is None:
            return
        with self._lock():
            exercises = self._read()
            if exercise_id is None:
                exercises, self.pending = {}, {}
            else:
                exercises.pop(exercise_id, None)
                self.pending.pop(exercise_id, None)
            self._write(exercises)

    def _write(self, exercises: dict) -> None:
        data = {"format": FORMAT, "learner": self.learner, "exercises": exercises}
        if self.student_id:
            data["student_id"] = self.student_id
        write_json(self.path, data)
