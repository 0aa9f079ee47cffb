"""Lesson 4's case-analysis writing task: write, hand in, then see the model answer; the teacher marks it."""
from __future__ import annotations

import ipywidgets as w

from lessons.classroom.writing import Essay, EssayExercise, load_writing_task
from lessons.widgets.base import ExerciseWidget
from lessons.widgets.controls import button, esc, hide_label, set_shown
from lessons.widgets.clause_views import clauses
from lessons.widgets.take_away import local_time


class WritingTask(ExerciseWidget):
    """The task of ``data/content/writing_gc194.yaml``: prompt, clauses, rubric, a text box and "Hand in".

    Public surface: ``write(text)``, ``hand_in()``, ``value`` (the exercise record: ``answers`` =
    {"text", "handed_in"} once handed in, plus ``problem``, the key of what stops a hand-in, and
    ``model_answer_shown``). The model answer appears only after hand-in. Parts: ``writing-prompt``,
    ``writing-rubric``, ``writing-answer``, ``writing-status``, ``model-answer``.
    """

    TITLE_KEY = "writing_task.title"  # replaced by the task's own title in _render
    model: EssayExercise

    def __init__(self, content=None, lang=None, remember_language=True, progress=None, page=None, task=None):
        super().__init__(content, lang, remember_language, progress=progress, page=page)
        self.task = task if task is not None else load_writing_task()
        self.EXERCISE_ID = self.task.id
        self.model = EssayExercise(self.task)
        self._prompt = w.HTML()
        self._prompt.add_class("pi-writing-prompt")
        self._rubric = w.HTML()
        self._rubric.add_class("pi-writing-rubric")
        # Sent when the learner leaves the box, not per keystroke: each change of value is a save.
        self._answer = hide_label(w.Textarea(continuous_update=False,
                                             layout=w.Layout(width="100%", max_width="60em", height="18em")))
        self._answer.add_class("pi-writing-answer")
        self._status = w.HTML()
        self._status.add_class("pi-writing-status")
        self._hand_in = button("pi-hand-in", button_style="primary")
        self._model = w.HTML()
        self._model.add_class("pi-model-answer")
        self._answer.observe(self._on_text, names="value")
        self._hand_in.on_click(lambda _: self.hand_in())
        self._compose(self._prompt, self._rubric, self._answer, self._status, self._hand_in, self._model)

    # -- public surface ------------------------------------------------------------------------------
    @property
    def essay(self) -> Essay:
        return self.model.essay

    def write(self, text: str) -> None:
        self._answer.value = text

    def hand_in(self) -> None:
        """Hand in once the text is long enough and a name is entered (without one nothing could be kept); the
        model answer is shown from then on."""
        if self._progress.learner is not None:
            self.essay.hand_in(self.lang)
            self.model.sync()
        self._update()

    def restore(self, answers: dict) -> None:
        self.model.restore(answers)
        self._answer.value = self.essay.text
        self._update()

    # -- events and drawing --------------------------------------------------------------------------
    def _on_text(self, change) -> None:
        if self._rendering or self.essay.handed_in is not None:
            return
        self.essay.write(change["new"])
        self.model.sync()
        self._update()

    def _when(self) -> str:
        """The hand-in time as a ``<time>`` the browser shows in the learner's zone."""
        return local_time(str(self.essay.handed_in), self._t("writing_task.time_utc"))

    def _render(self) -> None:
        t, lang, task = self._t, self.lang, self.task
        self._title.value = f"<h3>{esc(task.title(lang))}</h3>"  # the task's own title, not TITLE_KEY's
        boxes = clauses(*task.clauses, lang=lang, content=self._content)._repr_html_()
        self._prompt.value = f"<p><b>{esc(task.title(lang))}</b></p><p>{esc(task.prompt(lang))}</p>{boxes}"
        items = "".join(f"<li>{esc(c.text(lang))}</li>" for c in task.criteria)
        self._rubric.value = (f"<p><b>{esc(t('writing_task.rubric_heading'))}</b></p><ul>{items}</ul>"
                              f"<p>{esc(t('writing_task.rubric_total', total=task.total))}</p>")
        if self._answer.value != self.essay.text:  # saved work, read when the page opened or a name was entered
            self._answer.value = self.essay.text
        self._answer.description = t("writing_task.answer_label")
        self._answer.placeholder = t("writing_task.answer_label")
        self._hand_in.description = t("writing_task.hand_in")
        done = self.essay.handed_in is not None
        self._answer.disabled = self._hand_in.disabled = done
        problem = self.essay.problem(lang)
        if done:
            status = t("writing_task.handed_in", when="\0")  # the <time> goes in after escaping
        elif problem is not None and self.essay.text.strip():
            status = t(f"writing_task.{problem[0]}", **problem[1])
        else:
            status = t("writing_task.count", n=len(self.essay.text.strip()))
        if not done and self._progress.learner is None:
            status += (" " if lang == "en" else "") + t("writing_task.need_name")
        self._status.value = f"<p>{esc(status)}</p>".replace("\0", self._when() if done else "")
        set_shown(self._model, done)
        self._model.value = (f"<p><b>{esc(t('writing_task.model_heading'))}</b></p>"
                             f"<p>{esc(task.model_answer(lang))}</p>"
                             f"<p><small>{esc(t('writing_task.model_note'))}</small></p>") if done else ""
        self._extra = {"problem": problem[0] if problem else None, "model_answer_shown": done}

    def _extra_value(self) -> dict:
        return dict(getattr(self, "_extra", {}))
