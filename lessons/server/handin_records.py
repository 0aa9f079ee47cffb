"""What the hand-in service keeps: each learner's first answers and every hand-in, stamped by the server.

Layout under the class's state folder (mode 0700, readable by the service and the teacher only)::

    records/firsts/<login>.json         {EXERCISE: {QUESTION: {"answer": A, "time": T}}}
    records/handins/<login>/<n>.json    {"time": T, "sha256": H, "data": {...}}   (every hand-in, never replaced)
    records/check.json                  {"questions": ["EXERCISE/QUESTION", ...]}
    records/released.json               {"time": T}

A record is filed under the login the hub vouched for; nothing in a request names whose it is. The
first answer to a question is kept for good (a later one, or a Start fresh, is practice). Marking is
``lessons.classroom.class_summary.summarise`` over progress files built from these records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lessons.classroom.class_summary import ClassSummary, summarise
from lessons.classroom.grading import AnswerKeys
from lessons.classroom.records import FORMAT as PROGRESS_FORMAT
from lessons.classroom.records import MAX_QUESTIONS
from lessons.classroom.store import parse_json_text, write_json
from lessons.server.roster import Member

MAX_ANSWER_BYTES = 8_192
MAX_HANDIN_BYTES = 1 << 18  # a whole course's progress file is about 20 KB
MAX_HANDINS = 200  # per learner: a class hands in a few times; a script handing in forever stops here
EXERCISE_ID = re.compile(r"[a-z0-9_.\-]{1,64}")


class RecordError(ValueError):
    """A request the service refuses (400), with a short reason."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _write(path: Path, data) -> None:
    write_json(path, data, folder_mode=0o700)  # only the service (and so the teachers' pages) reads them


def _read(path: Path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


@dataclass(frozen=True)
class HandIn:
    number: int
    time: str
    sha256: str


class Records:
    """The service's store. ``clock`` is the only source of times (tests pass a fixed one)."""

    def __init__(
        self, folder: Path | str, keys: AnswerKeys, members: list[Member], clock: Callable[[], dt.datetime] = _now
    ):
        self.folder = Path(folder)
        self.keys = keys
        self.members = {m.username: m for m in members}
        self.clock = clock

    def _stamp(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def firsts(self, user: str) -> dict:
        return _read(self.folder / "firsts" / f"{user}.json", {})

    def record_first(self, user: str, exercise, answers) -> list[str]:
        """Keep the answers of questions ``user`` had not answered before; returns the question ids kept."""
        if user not in self.members:
            raise RecordError("not on the roster")
        if not isinstance(exercise, str) or exercise not in self.keys.exercises:
            raise RecordError("unknown exercise")
        if not isinstance(answers, dict) or len(answers) > MAX_QUESTIONS:
            raise RecordError("answers must be a mapping by question id")
        key = self.keys.exercises[exercise]
        stored = self.firsts(user)
        mine = stored.setdefault(exercise, {})
        kept, when = [], self._stamp()
        for qid, answer in answers.items():
            if qid not in key or qid in mine or answer in (None, "", []):
                continue
            if len(json.dumps(answer, ensure_ascii=False)) > MAX_ANSWER_BYTES:
                raise RecordError("answer too large")
            mine[qid] = {"answer": answer, "time": when}
            kept.append(qid)
        if kept:
            _write(self.folder / "firsts" / f"{user}.json", stored)
        return kept

    def handins(self, user: str) -> list[dict]:
        folder = self.folder / "handins" / user
        found = sorted(folder.glob("*.json")) if folder.is_dir() else []
        return [_read(p, {}) for p in found]

    def hand_in(self, user: str, raw: bytes) -> HandIn:
        """File a hand-in (the learner's progress file, as sent) under ``user`` with the server's time."""
        if user not in self.members:
            raise RecordError("not on the roster")
        if len(raw) > MAX_HANDIN_BYTES:
            raise RecordError("hand-in too large")
        try:
            data = parse_json_text(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise RecordError("a hand-in is a progress file (JSON)") from None
        if not isinstance(data, dict):
            raise RecordError("a hand-in is a progress file (JSON)")
        folder = self.folder / "handins" / user
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        number = len(list(folder.glob("*.json"))) + 1
        if number > MAX_HANDINS:
            raise RecordError("too many hand-ins")
        when = self._stamp()
        digest = hashlib.sha256(raw).hexdigest()
        _write(folder / f"{number:04d}.json", {"time": when, "sha256": digest, "data": data})
        return HandIn(number, when, digest)

    def check(self) -> list[str]:
        return _read(self.folder / "check.json", {}).get("questions", [])

    def set_check(self, questions: list[str]) -> list[str]:
        known = {f"{e}/{q}" for e, qs in self.keys.exercises.items() for q in qs}
        chosen = [q for q in questions if q in known]
        _write(self.folder / "check.json", {"questions": chosen, "time": self._stamp()})
        return chosen

    def released(self, due: dt.datetime | None) -> bool:
        """Answers and feedback are shown to learners after the due time, or once the teacher released them."""
        return (self.folder / "released.json").exists() or (due is not None and self.clock() > due)

    def release(self) -> None:
        _write(self.folder / "released.json", {"time": self._stamp()})

    def learner_file(self, member: Member) -> dict:
        """The learner's progress file as the server saw it: recorded first answers, server hand-in time."""
        exercises = {}
        for exercise, answers in self.firsts(member.username).items():
            if exercise not in self.keys.exercises:
                continue
            given = {q: a["answer"] for q, a in answers.items()}
            marked = self.keys.mark(exercise, given)
            exercises[exercise] = {
                "answers": given,
                "first": given,
                "correct": marked,
                "score": sum(marked.values()),
                "total": self.keys.total(exercise),
                "attempts": {q: 1 for q in given},
                "updated": max((a["time"] for a in answers.values()), default=None),
            }
        data: dict = {
            "format": PROGRESS_FORMAT,
            "learner": member.name,
            "student_id": member.student_id,
            "exercises": exercises,
        }
        handins = self.handins(member.username)
        if handins:
            data["handed_in"] = handins[-1].get("time")
        return data

    def summary(self, due: dt.datetime | None, self_reported: bool = False) -> ClassSummary:
        """The class marked by the course's marker: recorded answers, or (``self_reported``) the latest
        hand-in files as the learners sent them, under the roster's names."""
        with tempfile.TemporaryDirectory(prefix="pi-lessons-marking-") as tmp:
            for member in self.members.values():
                if member.teacher:
                    continue
                if self_reported:
                    handins = self.handins(member.username)
                    if not handins or not isinstance(handins[-1].get("data"), dict):
                        continue
                    data = {
                        **handins[-1]["data"],
                        "learner": member.name,
                        "student_id": member.student_id,
                        "handed_in": handins[-1].get("time"),
                    }
                else:
                    data = self.learner_file(member)
                    if not data["exercises"] and "handed_in" not in data:
                        continue
                (Path(tmp) / f"{member.username}.json").write_text(
                    json.dumps(data, ensure_ascii=False), encoding="utf-8"
                )
            return summarise(tmp, self.keys, due=due, retries_count=False, now=self.clock)
