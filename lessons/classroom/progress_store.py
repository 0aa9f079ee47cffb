"""Where learners' exercise records are kept: the ``Store`` interface and its file and memory stores.

A store holds, per learner (``records.Learner``), their exercise records by exercise id. A new
store (a class server's, the browser's) is one class implementing three methods:

- ``load(who) -> {exercise_id: record}``: the learner's records, old exercise ids already renamed
  (``exercises.resolve``); ``{}`` when there are none;
- ``update(who, change) -> records``: read the records, apply ``change(records) -> records`` and
  write the result, with no other writer of this learner in between (a lock, a transaction, or a
  retry on conflict: ``change`` may be called again);
- ``learners() -> [Learner]``: everyone with records.

``save`` (one exercise, read-modify-write) and ``reset`` (Start fresh) are built on ``update``.
The learner-facing object on top is ``lessons.classroom.progress.Progress``.

``FileStore`` (one JSON file per learner, ``<folder>/learners/<file stem>.json``) keeps the
course's file guarantees: a file lock around every read-modify-write (skipped in the browser,
where JupyterLite runs one kernel per tab and a stale lock file would survive a reload), atomic
writes, reads bounded in size and depth, and a file that is not this learner's progress moved
aside to ``<file>.corrupt-<n>`` (listed in ``moved``), never overwritten.
"""
from __future__ import annotations

import contextlib
import copy
import sys
import threading
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Callable, ContextManager

try:
    from filelock import FileLock, Timeout
except ImportError:  # the browser's kernel (Pyodide) has no filelock: no lock there (see FileStore._lock)
    FileLock, Timeout = None, TimeoutError  # type: ignore[assignment,misc]

from lessons.classroom.exercises import canonical, resolve
from lessons.classroom.records import Learner, Moved, ProgressError, cleared, move_aside, read_progress_file
from lessons.classroom import store

Records = dict[str, dict]
LEARNERS = "learners"
LOCK_TIMEOUT = 20  # seconds; a save takes milliseconds, so only a stuck process holds the lock this long


class Store(ABC):
    """A place for learners' exercise records (see the module docstring)."""

    @abstractmethod
    def load(self, who: Learner) -> Records:
        """The learner's records by exercise id ({} if none)."""

    @abstractmethod
    def update(self, who: Learner, change: Callable[[Records], Records]) -> Records:
        """Apply ``change`` to the learner's records atomically; the records written."""

    @abstractmethod
    def learners(self) -> list[Learner]:
        """Every learner with records, in a stable order."""

    def save(self, who: Learner, exercise_id: str, merge: Callable[[dict | None], dict]) -> dict:
        """Replace one exercise's record by ``merge(stored record or None)``; the record written."""
        exercise_id = canonical(exercise_id)
        return self.update(who, lambda records: {**records, exercise_id: merge(records.get(exercise_id))})[exercise_id]

    def reset(self, who: Learner, exercise_id: str | None = None, keep_first: bool = True) -> None:
        """Forget one exercise's answers (None: all); the first answers and attempts stay unless
        ``keep_first`` is False (a teacher's reset), since later answers are practice."""
        exercise_id = canonical(exercise_id) if exercise_id is not None else None

        def change(records: Records) -> Records:
            out = dict(records)
            for e in list(records) if exercise_id is None else [exercise_id]:
                kept = cleared(records[e]) if keep_first and e in records else None
                if kept is None:
                    out.pop(e, None)
                else:
                    out[e] = kept
            return out
        self.update(who, change)


class MemoryStore(Store):
    """Records in memory (tests; one object shared by two ``Progress`` objects is two tabs of one kernel)."""

    def __init__(self) -> None:
        self._data: dict[str, tuple[Learner, Records]] = {}
        self._lock = threading.Lock()
        self.moved: list[Moved] = []  # nothing is ever moved aside here

    def load(self, who: Learner) -> Records:
        return copy.deepcopy(self._data.get(who.key, (who, {}))[1])

    def update(self, who: Learner, change: Callable[[Records], Records]) -> Records:
        with self._lock:
            records = resolve(change(self.load(who)))
            self._data[who.key] = (who, copy.deepcopy(records))
        return records

    def learners(self) -> list[Learner]:
        return sorted((who for who, _ in self._data.values()), key=lambda w: w.key)


class FileStore(Store):
    """One progress file per learner under ``folder/learners`` (see the module docstring)."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        self.moved: list[Moved] = []

    def path(self, who: Learner) -> Path:
        return self.folder / LEARNERS / f"{who.file_stem}.json"

    def load(self, who: Learner) -> Records:
        path = self.path(who)
        if not path.exists():
            return {}
        data, problem = read_progress_file(path)
        if data is not None and Learner(data["learner"], data.get("student_id")).key != who.key:
            problem = "other_learner"
        if data is None or problem is not None:
            self.moved.append(Moved(path, move_aside(path), problem or "unreadable"))
            return {}
        return data["exercises"]

    def update(self, who: Learner, change: Callable[[Records], Records]) -> Records:
        path = self.path(who)
        try:
            with self._lock(path):
                records = resolve(change(self.load(who)))
                store.write_json(path, who.document(records))
        except Timeout:
            raise ProgressError.of("busy", reason="busy") from None
        return records

    def learners(self) -> list[Learner]:
        found: dict[str, Learner] = {}
        for path in sorted((self.folder / LEARNERS).glob("*.json")):
            data, _ = read_progress_file(path)
            if data is not None:
                who = Learner(data["learner"], data.get("student_id"))
                found.setdefault(who.key, who)
        return sorted(found.values(), key=lambda w: w.key)

    def _lock(self, path: Path) -> ContextManager:
        path.parent.mkdir(parents=True, exist_ok=True)
        if sys.platform == "emscripten":  # JupyterLite: one kernel per tab, and a lock file would outlive a reload
            return contextlib.nullcontext()
        return FileLock(str(path.with_name(f".{path.name}.lock")), timeout=LOCK_TIMEOUT)

