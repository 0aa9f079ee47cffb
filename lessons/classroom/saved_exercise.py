"""An exercise model bound to the learner's saved progress: read back, saved when changed, started fresh.

The one place where an exercise meets the store, so a view only calls it and a test drives it with no
widget: ``read()`` when the exercise opens, ``save(record)`` after each act (writes only what changed),
``signed_in()`` after the learner enters a name, ``start_fresh()`` for the learner's "Start fresh".
"""
from __future__ import annotations

from lessons.classroom.exercise_models import Exercise


class SavedExercise:
    """``model``'s answers kept under ``exercise_id`` in ``progress`` (a ``lessons.classroom.progress.Progress``)."""

    def __init__(self, model: Exercise, progress, exercise_id: str):
        self.model = model
        self.progress = progress
        self.exercise_id = exercise_id
        self.kept: dict = {}  # saved answers the model no longer takes (e.g. a removed question): saved again
        self._stored: tuple | None = None  # (answers, shown, marks) as last read or written

    def snapshot(self) -> tuple:
        """What a save writes: answers, shown feedback and their marks (a corrected key is saved too)."""
        return (dict(self.model.answers), tuple(self.model.feedback_shown() or ()), self.model.latest.correct)

    @property
    def changed(self) -> bool:
        """Whether the model holds something the store has not seen from this exercise."""
        return self.snapshot() != self._stored

    def read(self) -> None:
        """The learner's saved answers (and the counted first ones) into the model; none without a learner.

        An unreadable store (OSError) leaves the exercise empty and is raised for the caller to show.
        """
        record = None
        try:
            if self.progress.learner is not None:
                record = self.progress.exercise(self.exercise_id)
        finally:
            answers = dict(record["answers"]) if record else {}
            self.model.restore(answers, record.get("first", {}) if record else {})
            self.kept = {q: a for q, a in answers.items() if q not in self.model.answers}
            self._stored = self.snapshot()

    def save(self, record: dict | None = None) -> bool:
        """Write ``record`` (default: the model's) if the answers, shown feedback or marks changed; True if
        written. Without a learner nothing is written. A failed write (LessonsError, OSError) is raised;
        the record then waits in ``progress.pending`` for the next save."""
        if self.progress.learner is None or not self.exercise_id or not self.changed:
            return False
        value = record if record is not None else self.model.record()
        if self.kept:
            value = {**value, "answers": {**self.kept, **value["answers"]}}
        try:
            self.progress.save(self.exercise_id, value, shown=self.model.feedback_shown())
        finally:
            self._stored = self.snapshot()
        return True

    def signed_in(self) -> None:
        """After a name is entered: work done before it is kept (saved under the name by the next save);
        with nothing done yet, the learner's saved work comes back."""
        if self.model.answers:
            self.kept, self._stored = {}, None
        else:
            self.read()

    def start_fresh(self) -> None:
        """Forget this exercise's answers in the store; what it still records (the counted first answers)
        comes back into the model."""
        try:
            self.progress.reset(self.exercise_id)
        finally:
            self.read()
