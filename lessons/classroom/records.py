"""A learner's identity and the saved progress format, shared by every store.

A progress document (``FORMAT``) is ``{"format", "learner", "student_id" (optional),
"exercises": {EXERCISE_ID: record}}``; a record is ``{"answers", "correct", "score", "total",
"updated", "first", "attempts"}`` (``first``: per question the answer given when its feedback
was first shown, the one that counts for a grade; ``attempts``: how many different answers since).
Old exercise ids are renamed on reading (``lessons.classroom.exercises``).
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lessons.content import files
from lessons.content.errors import LessonsError, english
from lessons.classroom.exercises import resolve
from lessons.classroom.store import MAX_JSON_BYTES, parse_json_text

FORMAT = "pi-lessons.progress.v1"
MAX_NAME = 60
MAX_STUDENT_ID = 32
MAX_QUESTIONS = 2000  # per exercise; the largest exercise has about 60 questions
MAX_EXERCISES = 1000  # the course has five exercises
RECORD_KEYS = ("answers", "correct", "score", "total")
# Format characters people's names need: ZWNJ/ZWJ (Persian, emoji sequences), LRM/RLM/ALM, emoji tags.
NAME_FORMAT_CHARS = {"\u200c", "\u200d", "\u200e", "\u200f", "\u061c", *map(chr, range(0xE0020, 0xE0080))}


class ProgressError(LessonsError):
    """A bad learner name or a progress record that does not follow the exercise protocol.

    ``reason`` names the problem for the learner's message (``name_empty``, ``name_too_long``,
    ``name_bad_char``, ``id_bad``, ``busy``, or ``record``).
    """

    def __init__(self, message: str, reason: str = "record", key: str | None = None, **values):
        super().__init__(message, key, **values)
        self.reason = reason

    @classmethod
    def of(cls, key: str, /, reason: str = "record", **values) -> "ProgressError":
        """The error whose texts are ``errors.<key>``; ``reason`` as for the constructor."""
        return cls(english(key, **values), reason, key, **values)


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
        raise ProgressError.of("name_not_text", reason="name_empty")
    clean = " ".join(unicodedata.normalize("NFC", name[:1000]).split())
    if not clean:
        raise ProgressError.of("name_empty", reason="name_empty")
    if _length(clean) > MAX_NAME or len(clean) > 4 * MAX_NAME:
        raise ProgressError.of("name_too_long", reason="name_too_long", limit=MAX_NAME)
    for ch in clean:
        if unicodedata.category(ch).startswith("C") and ch not in NAME_FORMAT_CHARS:
            raise ProgressError.of("name_bad_char", reason="name_bad_char", char=f"U+{ord(ch):04X}")
    return clean


def name_key(name: str) -> str:
    """Names that differ only in case, spacing or width (ＷＡＮＧ vs Wang, NFKC) are the same learner."""
    return " ".join(unicodedata.normalize("NFKC", normalize_name(name)).split()).casefold()


def normalize_student_id(number) -> str | None:
    """A student number (学号) as stored (NFKC, trimmed) or None if empty; ProgressError if unusable."""
    if number is None:
        return None
    if not isinstance(number, str):
        raise ProgressError.of("id_not_text", reason="id_bad")
    clean = unicodedata.normalize("NFKC", number[:200]).strip()
    if not clean:
        return None
    if len(clean) > MAX_STUDENT_ID or not re.fullmatch(r"[\w.\-/]+", clean):
        raise ProgressError.of("id_bad", reason="id_bad", limit=MAX_STUDENT_ID)
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
    return {"answers": answers, "correct": {str(k): bool(v) for k, v in correct.items()}, "score": score,
            "total": total}


def check_stored(record) -> None:
    """A record as read from a file: the protocol part plus optional first/attempts/updated of the right shape."""
    check_record(record)
    first, attempts = record.get("first", {}), record.get("attempts", {})
    if (not isinstance(first, dict) or not isinstance(attempts, dict)
            or len(first) > MAX_QUESTIONS or len(attempts) > MAX_QUESTIONS):
        raise ProgressError("first and attempts must be mappings by question id")
    if not all(_count(n) for n in attempts.values()):
        raise ProgressError("attempts must be whole numbers")


def read_bounded(path: Path, limit: int = MAX_JSON_BYTES) -> bytes | str:
    """The bytes of the regular file ``path`` (at most ``limit``), or a READ_PROBLEMS code."""
    # In the browser (JupyterLite's drive) a file opened with flags other than read-only (O_NOFOLLOW aside) is
    # written back when closed, which would undo another tab's save made meanwhile; no FIFO exists there.
    nonblock = 0 if sys.platform == "emscripten" else getattr(os, "O_NONBLOCK", 0)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | nonblock
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        # A link to a file is refused, never followed; a broken or looping link cannot be read at all.
        link_to_file = exc.errno in (errno.ELOOP, errno.EMLINK) and path.is_symlink() and path.exists()
        return "not_a_file" if link_to_file else "unreadable"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end: never read
            return "not_a_file"
        if info.st_size > limit:
            return "too_large"
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # grew after the check
                return "too_large"
        return b"".join(chunks)
    except OSError:
        return "unreadable"
    finally:
        os.close(fd)


def read_progress_file(path: Path) -> tuple[dict | None, str | None]:
    """``(data, None)`` for a valid progress file, else ``(None, reason)`` with a READ_PROBLEMS code.

    Opened once, without following a link and without blocking, and the opened file checked (so a
    file swapped for a link, a FIFO or a device between a check and the read is never read); never
    reads more than ``MAX_JSON_BYTES`` and never parses deeper than a progress file is.
    """
    raw_bytes = read_bounded(path)
    if isinstance(raw_bytes, str):
        return None, raw_bytes
    try:
        raw = raw_bytes.decode("utf-8")
    except UnicodeDecodeError:
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
            check_stored(record)
    except ProgressError:
        return None, "foreign"
    return {**data, "exercises": resolve(exercises)}, None


def move_aside(path: Path) -> Path:
    """Rename ``path`` to the first free ``<name>.corrupt-<n>`` and return the new path."""
    return files.move_aside(path, lambda n: f"{path.name}.corrupt-{n}")


@dataclass(frozen=True)
class Learner:
    """Who a record belongs to: a name plus an optional student number (the identity when given)."""

    name: str
    student_id: str | None = None

    @classmethod
    def of(cls, name: str, student_id: str | None = None) -> "Learner":
        """A learner from typed or configured text; ProgressError if the name or number is unusable."""
        return cls(normalize_name(name), normalize_student_id(student_id))

    @property
    def key(self) -> str:
        return identity_key(self.name, self.student_id)

    @property
    def file_stem(self) -> str:
        return safe_file_name(self.name, self.student_id)

    def document(self, exercises: dict) -> dict:
        """The progress document of this learner holding ``exercises``."""
        data = {"format": FORMAT, "learner": self.name, "exercises": exercises}
        if self.student_id:
            data["student_id"] = self.student_id
        return data


EMPTY: tuple = (None, "", [])  # answers that are no answer


def _same(a, b) -> bool:
    """Two answers are the same JSON value (an empty answer is the same as none)."""
    if a in EMPTY or b in EMPTY:
        return a in EMPTY and b in EMPTY
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def merge_record(old: dict | None, record: dict, base: dict | None, shown=None) -> tuple[dict, dict]:
    """The stored record ``old`` with this window's ``record`` merged in, and the first answers it froze.

    ``base``: the answers this window last read or wrote; only questions it changed since are
    written, so another window's answers to other questions are kept. A question's first answer
    is frozen once its feedback has been shown (``shown``: question ids; None: every answered
    one, as when feedback appears at once); a changed answer after that counts one more attempt.
    """
    old, base = old or {}, base or {}
    mine, stored = record["answers"], dict(old.get("answers", {}))
    changed = {q for q in (*mine, *base) if not _same(mine.get(q), base.get(q))}
    answers, correct = dict(stored), dict(old.get("correct", {}))
    for q in changed:
        if q in mine:
            answers[q] = mine[q]
        else:
            answers.pop(q, None)
            correct.pop(q, None)
    for q, ok in record["correct"].items():  # this window's marking holds where its answer stands
        if q in changed or _same(answers.get(q), mine.get(q)):
            correct[q] = ok
    for q in changed - set(record["correct"]):
        correct.pop(q, None)
    score, total = record["score"], record["total"]
    if score == sum(record["correct"].values()):  # a score that counts the correct flags is counted again
        score = min(total, sum(1 for q, ok in correct.items() if ok and q in answers))
    first, attempts = dict(old.get("first", {})), dict(old.get("attempts", {}))
    shown_ids = {q for q, a in mine.items() if a not in EMPTY} if shown is None else {str(q) for q in shown}
    frozen = {}
    for q, answer in mine.items():
        if q not in shown_ids or answer in EMPTY or not _same(answers.get(q), answer):
            continue  # not shown yet, empty, or another window's answer stands
        if q not in first:
            first[q] = frozen[q] = answer
            attempts[q] = 1
        elif q in changed and not _same(answer, stored.get(q)):
            attempts[q] = attempts.get(q, 1) + 1
    merged = {"answers": answers, "correct": correct, "score": score, "total": total,
              "first": first, "attempts": attempts}
    if "updated" in record:
        merged["updated"] = record["updated"]
    return merged, frozen


def cleared(record: dict) -> dict | None:
    """A record after Start fresh: no answers, but the first answers and attempts kept (None if it had none)."""
    if not record.get("first") and not record.get("attempts"):
        return None
    out = {"answers": {}, "correct": {}, "score": 0, "total": record["total"],
           "first": record.get("first", {}), "attempts": record.get("attempts", {})}
    if "updated" in record:
        out["updated"] = record["updated"]
    return out
