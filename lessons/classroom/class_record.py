"""What a class server's hand-in service tells one exercise of a learner's page (no ipywidgets).

Two things, both read from the service (``HubRecorder.mine()`` and ``check()``), never from the
learner's own file:

- **the released marking**: once the teacher has released answers (or the due time has passed, as the
  service decides), the learner's recorded first answers with the service's marking, the very answers
  the teacher's gradebook counts; before that, the due time the service gave, if any;
- **the in-class check**: the question ids the teacher chose, in the teacher's order; ids this exercise
  does not know (another version of the course) are left out and noted in the server's log for the
  teacher, never shown to learners.

Off a class server (no recorder, or one that cannot read) the record's ``state`` stays ``"off"`` and
nothing is asked.
"""
from __future__ import annotations

import os
import sys
from typing import Any, Callable

import traitlets

from lessons.classroom.hub_recorder import ServiceError
from lessons.content.errors import LessonsError

STATES = ("off", "waiting", "released", "unreachable")
VIEWS = ("check", "all")


def note_for_teacher(message: str) -> None:
    """A line in the learner's server's log (which the class server's operator reads), never on the page.

    In a kernel, ``sys.stderr`` and even file descriptor 2 are forwarded to the page; the kernel's stream
    hands out the server's own stderr as its ``fileno()``. Elsewhere that is file descriptor 2 itself."""
    line = f"pi-lessons: {message}\n".encode("utf-8", "replace")
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # a stream without one (io.UnsupportedOperation)
        fd = 2
    try:
        os.write(fd, line)
    except OSError:
        pass  # no log to write to: the note is lost, the page is unaffected


class ClassRecord(traitlets.HasTraits):
    """The service's word on one exercise for the signed-in learner.

    ``state``: ``off`` (no class server), ``waiting`` (not released yet; ``due`` is the service's due
    time or ""), ``released`` (``answers`` and ``correct``: the recorded first answers and their marking
    by question id, as the service sent them) or ``unreachable`` (``problem`` says why, by key).
    ``check``: this exercise's questions in the teacher's in-class check; ``view``: ``check`` (those
    only, the first view when there is a check) or ``all``.
    """

    state = traitlets.Enum(STATES, default_value="off")
    due = traitlets.Unicode(help="The due time (ISO 8601) the service gave while waiting, or ''.")
    answers = traitlets.Dict(help="The recorded first answers by question id (released only).")
    correct = traitlets.Dict(help="The service's marking of the recorded answers by question id (released only).")
    check = traitlets.List(traitlets.Unicode(), help="This exercise's questions in the in-class check, in order.")
    view = traitlets.Enum(VIEWS, default_value="all")

    def __init__(self, recorder: Any, exercise_id: str, question_ids: list[str],
                 log: Callable[[str], None] = note_for_teacher):
        super().__init__()
        # A recorder that only records (a test's, or an older one) cannot tell: the page works as off a server.
        reads = callable(getattr(recorder, "mine", None)) and callable(getattr(recorder, "check", None))
        self.recorder = recorder if reads else None
        self.exercise_id = exercise_id
        self.question_ids = list(question_ids)
        self.problem: LessonsError | None = None
        self._log = log
        self._logged: set[str] = set()  # each unknown id is noted once, not at every refresh

    @property
    def on_class_server(self) -> bool:
        return self.recorder is not None

    def refresh(self) -> None:
        """Ask the service again (the page opening, or the learner's button): never raises for the service."""
        if self.recorder is None:
            return
        try:
            mine = self.recorder.mine()
            check = self.recorder.check()
        except LessonsError as exc:
            self.problem, self.state = exc, "unreachable"
            return
        except (OSError, ValueError):  # a recorder of another kind failing in its own words: said by key here
            self.problem, self.state = ServiceError.of("class_service_unreachable"), "unreachable"
            return
        self.problem = None
        with self.hold_trait_notifications():
            self._take_marking(mine)
            had_check = bool(self.check)
            self.check = self._take_check(check)
            if not self.check:
                self.view = "all"
            elif not had_check:
                self.view = "check"  # a check newly set becomes the first view

    def _take_marking(self, mine: dict) -> None:
        if not mine.get("released"):
            self.state, self.answers, self.correct = "waiting", {}, {}
            due = mine.get("due")
            self.due = due if isinstance(due, str) else ""
            return
        record = mine.get("exercises", {}).get(self.exercise_id)
        record = record if isinstance(record, dict) else {}
        given = record.get("first", record.get("answers", {}))
        marked = record.get("correct", {})
        known = set(self.question_ids)
        given = given if isinstance(given, dict) else {}
        marked = marked if isinstance(marked, dict) else {}
        self.answers = {q: a for q, a in given.items() if q in known}
        self.correct = {q: marked.get(q) is True for q in self.answers}
        self.state, self.due = "released", ""

    def _take_check(self, ids: list[str]) -> list[str]:
        prefix = f"{self.exercise_id}/"
        known = set(self.question_ids)
        chosen = []
        for ident in ids:
            if not ident.startswith(prefix):
                continue  # another exercise's question: that exercise shows it
            qid = ident[len(prefix):]
            if qid in known:
                if qid not in chosen:
                    chosen.append(qid)
            elif ident not in self._logged:
                self._logged.add(ident)
                self._log(f"the in-class check names {ident!r}, which this course's {self.exercise_id} does not "
                          "have (another version of the course?): left out of the learners' check")
        return chosen

    # -- what a view shows -----------------------------------------------------------------------
    @property
    def released(self) -> bool:
        return self.state == "released"

    @property
    def score(self) -> int:
        """Right recorded answers (the service's marking)."""
        return sum(self.correct.values())

    def shown_ids(self) -> list[str]:
        """The questions of the current view: the check's, in the teacher's order, or all of them."""
        return list(self.check) if self.view == "check" and self.check else list(self.question_ids)

    def choose(self, view: str) -> None:
        """Show the in-class check (``"check"``) or every question (``"all"``)."""
        if view not in VIEWS:
            raise ValueError(f"view {view!r}: use one of {', '.join(VIEWS)}")
        if view == "check" and not self.check:
            raise ValueError("there is no in-class check")
        self.view = view
