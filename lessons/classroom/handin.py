"""Hand-in: a learner copies their progress into the class's hand-in folder and gets a receipt.

The hand-in folder is the classroom setting ``Classroom.handin`` (see ``lessons.classroom.settings``; a folder
every learner can write to, like nbgrader's exchange), taken from ``Progress.classroom``. The copy
is the learner's progress document plus ``"handed_in"`` (the time), written atomically as
``<hand-in folder>/<learner file name>``; the receipt gives the time and the SHA-256 of exactly
the bytes written. A ``Progress.recorder`` (a class server) receives the hand-in too, and then no
folder is needed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lessons.content.errors import LessonsError
from lessons.classroom.progress import Progress
from lessons.classroom.settings import Classroom
from lessons.classroom.store import dump_json


@dataclass(frozen=True)
class Receipt:
    file: Path
    time: str
    sha256: str


def progress_bytes(progress: Progress) -> bytes:
    """The learner's progress document as bytes (pending saves are written first); LessonsError if nothing is saved."""
    if progress.learner is None:
        raise LessonsError.of("name_first")
    progress.flush()
    data = progress.document()
    if not data["exercises"]:
        raise LessonsError.of("nothing_saved")
    return dump_json(data).encode("utf-8")


def hand_in(progress: Progress, folder: Path | str | None = None, clock: Callable[[], dt.datetime] | None = None,
            classroom: Classroom | None = None) -> Receipt:
    """Copy the learner's progress into ``folder`` (default: the hand-in folder of ``classroom``,
    by default ``progress.classroom``) and give it to ``progress.recorder`` if there is one."""
    who = progress.who
    if who is None:
        raise LessonsError.of("name_first")
    room = classroom if classroom is not None else progress.classroom
    target_dir = Path(folder) if folder is not None else room.handin
    if target_dir is None and progress.recorder is None:
        raise LessonsError.of("no_handin_folder")
    if target_dir is not None and not target_dir.is_dir():
        raise LessonsError.of("handin_folder_missing", folder=target_dir)
    data = json.loads(progress_bytes(progress).decode("utf-8"))
    when = (clock or (lambda: dt.datetime.now(dt.timezone.utc)))().isoformat(timespec="seconds")
    data["handed_in"] = when
    raw = dump_json(data).encode("utf-8")
    target = (target_dir or Path()) / f"{who.file_stem}.json"
    if progress.recorder is not None:
        progress.recorder.hand_in(who.key, data)
    if target_dir is None:
        return Receipt(target, when, hashlib.sha256(raw).hexdigest())
    fd, tmp = tempfile.mkstemp(dir=target_dir, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # the teacher reads hand-ins of every learner
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Receipt(target, when, hashlib.sha256(raw).hexdigest())
