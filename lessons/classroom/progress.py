"""A learner's progress: ``Progress``, the object every exercise saves through, over a store.

``Progress`` knows who is learning (a typed name and student number, or under JupyterHub the
hub's user, never typed) and saves each exercise's record into a ``progress_store.Store``
(default: the ``FileStore`` of the learner's folder, ``store.home()``)::

    settings.json              {"language": "zh", "learner": "王芳", "student_id": "2024001"}
    learners/<file stem>.json  {"format": "pi-lessons.progress.v1", "learner": "王芳", "student_id": "2024001",
                                "exercises": {EXERCISE_ID: {"answers", "correct", "score", "total",
                                                            "updated", "first", "attempts"}}}

A learner is a name plus an optional student number (学号); with a number, the number is the
identity (two 张伟 with different numbers are two learners). Record format and identity rules:
``lessons.classroom.records``.

Saves merge: each ``Progress`` (a browser tab) writes only the questions it changed since it
last read the exercise, so two tabs of one exercise keep each other's answers. A save that fails
stays in ``pending`` and is written with the next save. **Start fresh** clears answers but keeps
each question's first answer and attempt count (the answer that counts for a grade).

Recorder hook: ``Progress(recorder=...)`` takes any object with

    record_first(identity: str, exercise_id: str, answers: dict[str, Any]) -> None
    hand_in(identity: str, data: dict) -> None

``record_first`` is called after a save with the first answers that save froze (so a class
server can record them as they are given); ``hand_in`` by ``handin.hand_in`` with the learner's
progress document. ``identity`` is ``Progress.identity`` (e.g. ``"id:2024001"``). A recorder that
raises keeps the unsent answers in ``unrecorded``; the next save or ``flush`` sends them again.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import EllipsisType
from typing import Any, Callable, Protocol

from lessons.classroom.exercises import canonical
from lessons.classroom.progress_store import FileStore, Store
from lessons.classroom.records import (  # noqa: F401 (re-exported: the names callers import from here)
    FORMAT, MAX_NAME, MAX_STUDENT_ID, READ_PROBLEMS, Learner, Moved, ProgressError, check_record, identity_key,
    merge_record, move_aside, name_key, normalize_name, normalize_student_id, read_progress_file, safe_file_name)
from lessons.classroom.settings import Classroom
from lessons.classroom.store import dump_json, home, read_setting, write_settings


class Recorder(Protocol):
    """Receives first answers and hand-ins as they happen (a class server's service); see the module docstring."""

    def record_first(self, identity: str, exercise_id: str, answers: dict[str, Any]) -> None: ...

    def hand_in(self, identity: str, data: dict) -> None: ...


def settings_path(folder: Path | None = None) -> Path:
    return (folder or home()) / "settings.json"


def current_learner(folder: Path | None = None, shared: bool = False) -> str | None:
    """The learner chosen last in this folder, or None (always None on a shared server)."""
    if shared:
        return None
    name = read_setting("learner", folder)
    try:
        return normalize_name(name) if name else None
    except ProgressError:
        return None


def current_student_id(folder: Path | None = None, shared: bool = False) -> str | None:
    if shared:
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


def hub_learner(classroom: Classroom) -> Learner | None:
    """The learner JupyterHub authenticated (None without a hub): the hub user is the student
    number, shown with the class server's display name; a user name that is no student number
    is the identity by itself."""
    if not classroom.hub_user:
        return None
    try:
        return Learner.of(classroom.learner_name or classroom.hub_user, classroom.hub_user)
    except ProgressError:
        return Learner.of(classroom.hub_user)


class Progress:
    """One learner's saved answers.

    ``folder``: where the file store and the remembered learner (``settings.json``) live (default
    ``home()``); ``store``: another store (then ``folder`` only holds the remembered learner, and
    None remembers nothing). ``classroom``: the settings (default: none of them). ``learner`` and
    ``student_id`` default to the folder's remembered learner, except on a shared server, where
    every page starts with nobody, and under a hub, where the hub's user is the learner whatever
    is passed. None means nobody has entered a name yet, and then nothing is saved. ``clock``
    gives the "updated" time (tests pass a fixed one); ``recorder``: see the module docstring.
    """

    def __init__(self, folder: Path | str | None = None, learner: str | None | EllipsisType = ...,
                 clock: Callable[[], dt.datetime] | None = None, student_id: str | None | EllipsisType = ..., *,
                 store: Store | None = None, classroom: Classroom | None = None, recorder: Recorder | None = None):
        self.classroom = classroom if classroom is not None else Classroom()
        if store is None:
            self.folder: Path | None = Path(folder) if folder is not None else home()
            store = FileStore(self.folder)
        else:
            self.folder = Path(folder) if folder is not None else None
        self.store = store
        self.recorder = recorder
        hub = hub_learner(self.classroom)
        if hub is None and learner is ...:
            learner = current_learner(self.folder, self.classroom.shared) if self.folder else None
            if student_id is ...:
                student_id = current_student_id(self.folder, self.classroom.shared) if learner else None
        if hub is not None:
            self.who: Learner | None = hub
        elif learner and not isinstance(learner, EllipsisType):
            self.who = Learner.of(learner, None if isinstance(student_id, EllipsisType) else student_id)
        else:
            self.who = None
        self.pending: dict[str, tuple[dict, Any]] = {}  # exercise id -> (record, shown) not yet written
        self.unrecorded: list[tuple[str, dict]] = []  # first answers the recorder has not taken yet
        self._base: dict[str, dict] = {}  # exercise id -> the answers this object last read or wrote
        self._clock = clock or (lambda: dt.datetime.now(dt.timezone.utc))

    @property
    def learner(self) -> str | None:
        return self.who.name if self.who else None

    @property
    def student_id(self) -> str | None:
        return self.who.student_id if self.who else None

    @property
    def identity(self) -> str | None:
        return self.who.key if self.who else None

    @property
    def path(self) -> Path | None:
        """The learner's file in a file store (None without a learner or for other stores)."""
        return self.store.path(self.who) if self.who and isinstance(self.store, FileStore) else None

    @property
    def file_name(self) -> str | None:
        """The name a download or hand-in of this learner's progress gets."""
        return f"{self.who.file_stem}.json" if self.who else None

    @property
    def moved(self) -> list[Moved]:
        """Files the store moved aside instead of overwriting (file store only)."""
        return getattr(self.store, "moved", [])

    def choose(self, name: str, remember: bool = True, student_id: str | None = None) -> None:
        """Switch to learner ``name`` (and student number); ``remember`` makes them the folder's current
        learner, except on a shared server, where nothing folder-wide is written. Under a hub the
        identity is the hub's and a typed one is refused. On any error nothing changes."""
        if self.classroom.hub_user:
            raise ProgressError.of("signed_in", reason="hub")
        who = Learner.of(name, student_id)
        if remember and not self.classroom.shared and self.folder is not None:
            set_current_learner(who.name, self.folder, who.student_id)
        if who.key != self.identity:  # another learner: this one's unsaved work is not theirs
            self.pending, self.unrecorded, self._base = {}, [], {}
        self.who = who

    def load(self) -> dict:
        """All saved exercise records of the learner (empty if none); a file store moves a bad file aside."""
        return self.store.load(self.who) if self.who else {}

    def exercise(self, exercise_id: str) -> dict | None:
        """The saved record of one exercise (an old id finds it too), or None; later saves of this
        object change only what differs from what this returned."""
        exercise_id = canonical(exercise_id)
        record = self.load().get(exercise_id)
        self._base[exercise_id] = dict(record["answers"]) if record else {}
        return record

    def document(self) -> dict:
        """The learner's progress document (format, learner, student number, exercises)."""
        return self._signed_in().document(self.load())

    def _signed_in(self) -> Learner:
        if self.who is None:
            raise ProgressError.of("name_first_saved")
        return self.who

    def document_text(self) -> str:
        """The document as JSON text, byte for byte as a file store writes it."""
        return dump_json(self.document())

    def save(self, exercise_id: str, value: dict, shown=None) -> None:
        """Save one exercise's answers, merged with what other windows saved meanwhile.

        ``shown``: the question ids whose feedback has been shown (None: every answered one).
        If writing fails (read-only folder, full disk, lock busy) the record stays in ``pending``
        and the error is raised; the next successful save writes it too.
        """
        self._signed_in()
        if not isinstance(exercise_id, str) or not exercise_id:
            raise ProgressError("an exercise needs an EXERCISE_ID to be saved")
        record = check_record(value)
        record["updated"] = self._clock().isoformat(timespec="seconds")
        self.pending[canonical(exercise_id)] = (record, shown)
        self._commit()

    def _commit(self) -> None:
        who = self._signed_in()
        frozen: dict[str, dict] = {}
        pending = dict(self.pending)

        def change(records: dict) -> dict:
            frozen.clear()
            out = dict(records)
            for exercise_id, (record, shown) in pending.items():
                out[exercise_id], frozen[exercise_id] = merge_record(records.get(exercise_id), record,
                                                                     self._base.get(exercise_id), shown)
            return out

        self.store.update(who, change)
        for exercise_id, (record, _) in pending.items():
            self._base[exercise_id] = dict(record["answers"])
        self.pending = {}
        self.unrecorded += [(e, answers) for e, answers in frozen.items() if answers]
        self._send()

    def _send(self) -> None:
        while self.recorder is not None and self.unrecorded:
            exercise_id, answers = self.unrecorded[0]
            self.recorder.record_first(self._signed_in().key, exercise_id, answers)
            self.unrecorded.pop(0)

    def flush(self) -> bool:
        """Write pending saves (and send unrecorded first answers) now; True if nothing is left."""
        if self.who is not None:
            if self.pending:
                self._commit()
            self._send()
        return not self.pending and not self.unrecorded

    def reset(self, exercise_id: str | None = None, keep_first: bool = True) -> None:
        """Start fresh: forget one exercise's answers, or (None) all of this learner's answers.

        The first answers and attempts stay (later answers are practice); ``keep_first=False`` is
        for a teacher's tools only.
        """
        if self.who is None:
            return
        exercise_id = canonical(exercise_id) if exercise_id is not None else None
        self.store.reset(self.who, exercise_id, keep_first)
        if exercise_id is None:
            self.pending, self._base = {}, {}
        else:
            self.pending.pop(exercise_id, None)
            self._base[exercise_id] = {}
