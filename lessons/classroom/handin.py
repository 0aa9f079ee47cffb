"""Hand-in: a learner copies their progress file into the class's hand-in folder and gets a receipt.

The hand-in folder is configured once for the class (``PI_LESSONS_HANDIN``; on a JupyterHub a
folder every learner can write to, like nbgrader's exchange). The copy is the learner's file plus
``"handed_in"`` (the time), written atomically as ``<hand-in folder>/<learner file name>``; the
receipt gives the time and the SHA-256 of exactly the bytes written.
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
from lessons.classroom.progress import Progress, read_progress_file
from lessons.classroom.store import Classroom


@dataclass(frozen=True)
class Receipt:
    file: Path
    time: str
    sha256: str


def progress_bytes(progress: Progress) -> bytes:
    """The learner's saved file as bytes (pending saves are written first); LessonsError if none yet."""
    if progress.learner is None:
        raise LessonsError("enter your name first")
    progress.flush()
    path = progress.path
    data, problem = read_progress_file(path) if path.exists() else (None, "missing")
    if data is None:
        raise LessonsError("nothing saved yet: answer a question first")
    return path.read_bytes()


def hand_in(progress: Progress, folder: Path | str | None = None, clock: Callable[[], dt.datetime] | None = None) -> Receipt:
    """Copy the learner's file into ``folder`` (default: the configured hand-in folder); on a class server,
    send it to the hand-in service, which stamps the time itself."""
    recorder = getattr(progress, "recorder", None)
    if folder is None and recorder is not None:
        raw = progress_bytes(progress)
        try:
            receipt = recorder.hand_in(progress.identity, raw)
        except OSError as exc:
            raise LessonsError(str(exc)) from None
        return Receipt(progress.path or Path(), str(receipt.get("time")), str(receipt.get("sha256")))
    target_dir = Path(folder) if folder is not None else Classroom.from_env().handin
    if target_dir is None:
        raise LessonsError("this course has no hand-in folder: use Download my progress and send the file")
    if not target_dir.is_dir():
        raise LessonsError(f"the hand-in folder {target_dir} does not exist")
    data = json.loads(progress_bytes(progress).decode("utf-8"))
    when = (clock or (lambda: dt.datetime.now(dt.timezone.utc)))().isoformat(timespec="seconds")
    data["handed_in"] = when
    raw = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    target = target_dir / progress.path.name
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
