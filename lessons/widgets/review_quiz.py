"""Lesson 5 review: one question at a time, checked answers with explained feedback, scores per lesson."""
from __future__ import annotations

import ipywidgets as w

from lessons.classroom import review as rv
from lessons.classroom.exercise_models import AnswerRefused, ReviewModel
from lessons.content.course import Content
from lessons.content.text import in_parentheses
from lessons.widgets.base import ExerciseWidget
from lessons.widgets.controls import button, esc, plain_text, set_shown
from lessons.widgets.clause_views import clause_html
from lessons.widgets.cards import Deck
from lessons.widgets.class_record_panel import InClassCheck, recorded_html

MAX_OPTIONS = 8


class Review(InClassCheck, ExerciseWidget):
    """The review: pick a question, answer, press Check; feedback and scores appear after answering.

    ``value["answers"]`` holds checked answers only (an option id, a sorted list of ids, or a
    number); the solution of a question is never shown before it has been answered.

    Public surface: ``question_ids``, ``current``, ``go_to(id)``, ``next()``, ``back()``,
    ``answer(id, answer, check=True)``, ``check()``, and for the question shown ``chosen()``,
    ``feedback()``, ``choices()`` (an id other than ``current`` is an error: ``go_to`` it first);
    parts ``question``, ``feedback``, ``progress`` ("3 of 24"), ``question-select`` and ``score`` via
    ``read``/``html``.

    On a class server (the page's recorder can ask the hand-in service) ``class_record`` holds what the
    service says (``lessons.classroom.class_record``): part ``class-record`` says when the marking will
    be shown, or, once released, how the recorded first answers were marked, and each question's
    feedback shows its recorded answer; with an in-class check, ``choose("check")`` (the first view)
    and ``choose("all")`` switch between the check's questions and all (``shown_ids``), and
    ``ask_class_server()`` asks again. Off a class server none of this shows.
    """

    TITLE_KEY = "review.title"
    EXERCISE_ID = "lesson6.review"
    model: ReviewModel

    def __init__(self, content: Content | None = None, lang: str | None = None, questions_dir=None, **kwargs):
        super().__init__(content, lang, **kwargs)
        self.model = ReviewModel(self._content, rv.load_questions(self._content, questions_dir))
        self._questions = list(self.model.questions.values())
        self._answer_problem = ""
        self._draft: dict[str, object] = {}  # what the controls hold before Check, by question
        self._deck = Deck(self._moved, "question", menu_css="pi-question-select")
        self._intro = w.HTML()
        self._prompt = w.HTML()
        self._prompt.add_class("pi-question")
        self._single = w.RadioButtons(options=[], value=None, layout=w.Layout(width="auto", max_width="100%"))
        self._single.add_class("pi-answer-single")
        self._single.add_class("pi-answer")
        self._single.add_class("pi-label-hidden")  # the question above is its visible label
        self._boxes = [w.Checkbox(indent=False, layout=w.Layout(width="auto")) for _ in range(MAX_OPTIONS)]
        for box in self._boxes:
            box.add_class("pi-answer-option")
            box.add_class("pi-answer")
        self._multiple = w.VBox(self._boxes)
        self._numeric = w.Text(layout=w.Layout(width="14em", max_width="100%"))
        self._numeric.add_class("pi-answer-number")
        self._numeric.add_class("pi-answer")
        self._numeric.add_class("pi-label-hidden")
        self._check = button("pi-check", button_style="primary", icon="check")
        self._feedback = w.HTML()
        self._feedback.add_class("pi-feedback")
        self._scores = w.HTML()
        self._scores.add_class("pi-score")
        self._open_class_record()
        self._check.on_click(self._on_check)
        for control in (self._single, self._numeric, *self._boxes):
            control.observe(self._edited, names="value")  # live "you changed your answer" hint
        # One card, then the row that moves between cards: the keyboard meets the question first.
        card = w.VBox([self._prompt, self._single, self._multiple, self._numeric, self._check, self._feedback])
        card.add_class("pi-card")
        self._compose(self._intro, self._class_panel.box, card, self._deck.box, self._scores)

    def restore(self, answers: dict) -> None:
        self._draft, self._answer_problem = {}, ""
        super().restore(answers)

    # -- public helpers for notebooks and tests -------------------------------------------
    @property
    def question_ids(self) -> list[str]:
        return [q.id for q in self._questions]

    @property
    def current(self) -> str:
        """The id of the question shown."""
        return self.model.position

    def choose(self, view: str) -> None:
        """Show the in-class check's questions (``"check"``) or all questions (``"all"``), as the switch does."""
        self._switch_view(view)

    def go_to(self, question_id: str) -> None:
        """Show a question (as picking it in the question menu does; one outside the check shows all)."""
        if question_id not in self.question_ids:
            raise KeyError(f"no question {question_id!r}")
        self._reach(question_id)
        self.model.go_to(question_id)
        self._answer_problem = ""
        self._update()

    def next(self) -> None:
        """Press Next (an error on the last question, where it is disabled)."""
        self._press("next")

    def back(self) -> None:
        """Press Previous (an error on the first question, where it is disabled)."""
        self._press("back")

    def check(self) -> None:
        """Press Check for the question shown."""
        self._press("check")

    def _shown_question(self, question_id: str | None) -> rv.Question:
        if question_id is not None and question_id != self._current.id:
            raise ValueError(f"{question_id} is not the question shown ({self._current.id}); go_to() it first")
        return self._current

    def choices(self, question_id: str | None = None) -> list[tuple[str, str]]:
        """The ``(label, id)`` options of the question shown (none for a number question)."""
        q = self._shown_question(question_id)
        return [(o.text(self.lang), o.id) for o in q.options] if q.kind != "numeric" else []

    def chosen(self, question_id: str | None = None):
        """What the controls of the question shown hold now (checked or not): an id, a list of ids, or text."""
        q = self._shown_question(question_id)
        return self._draft.get(q.id, self._shown_answer(q))

    def feedback(self, question_id: str | None = None) -> str:
        """Plain text of the feedback shown for the question shown (``""`` before it is checked)."""
        self._shown_question(question_id)
        return plain_text(self._feedback.value)

    def answer(self, question_id: str, answer, check: bool = True) -> None:
        """Answer a question as the controls would (option id, list of ids, or number/text) and check it.

        ``check=False`` only changes the controls, as a learner does before pressing Check.
        """
        if question_id not in self.question_ids:
            raise KeyError(f"no question {question_id!r}")
        q = self.model.questions[question_id]
        self._reach(question_id)
        self.model.go_to(question_id)
        self._answer_problem = ""
        self._draft[q.id] = (answer if q.kind == "single" else sorted(set(answer)) if q.kind == "multiple"
                             else str(answer))
        if check:
            self._check_current()  # one redraw for going there, answering and checking
        else:
            self._update()

    # -- events ---------------------------------------------------------------------------
    @property
    def _current(self) -> rv.Question:
        return self.model.questions[self.model.position]

    def _left_card(self) -> None:
        self._answer_problem = ""  # a refused answer is the card's, not the next one's

    def _on_check(self, _button) -> None:
        self._check_current()

    def _check_current(self) -> None:
        q = self._current
        try:
            self.model.check(q.id, self._draft.get(q.id, self._shown_answer(q)))
            self._draft.pop(q.id, None)
            self._answer_problem = ""
        except AnswerRefused as refused:
            self._answer_problem = self._t(f"review.{refused.reason}")
        self._update()

    def _edited(self, _change) -> None:
        """The learner changed a control (not yet checked): kept as a draft of the question shown."""
        if self._rendering:
            return
        q = self._current
        if q.kind == "single":
            draft = self._single.value
        elif q.kind == "multiple":
            draft = [o.id for box, o in zip(self._boxes, q.options, strict=False) if box.value]
        else:
            draft = self._numeric.value
        self._draft[q.id] = draft
        self._update()

    def _shown_answer(self, q: rv.Question):
        """The checked answer as the controls show it (nothing checked: empty controls)."""
        saved = self.model.answers.get(q.id)
        if q.kind == "single":
            return saved
        if q.kind == "multiple":
            return list(saved or [])
        return "" if saved is None else self._shown(q, saved)

    def _control_value(self, q: rv.Question):
        return self._draft.get(q.id, self._shown_answer(q))

    # -- the one render path --------------------------------------------------------------
    def _render(self) -> None:
        self.model.walk(self.shown_ids)  # the in-class check, newly set or changed, is walked from its first question
        shown = [self.model.questions[i] for i in self.model.order]
        q, lang, total, m = self._current, self.lang, len(shown), self.model
        self._deck.index = m.index
        self._intro.value = f"<p>{esc(self._t('review.intro'))}</p>"
        self._class_panel.render(self._t, self._error_text, len(self._questions))
        self._deck.render(self._t, [f"{n}. {self._t('review.lesson', n=x.lesson)} · {self._status(x)}"
                                    for n, x in enumerate(shown, 1)])
        self._check.description = self._t("common.check")
        self._check.tooltip = self._t("review.check_tip")
        kind_hint = self._t(f"review.kind_{q.kind}")
        unit = esc(in_parentheses(q.unit(lang), lang)) if q.unit is not None else ""
        self._prompt.value = (f"<p><small>{esc(self._t('review.question_of', n=m.index + 1, total=total))} · "
                              f"{esc(self._t('review.lesson', n=q.lesson))}</small></p>"
                              f"<p><b>{esc(q.prompt(lang))}</b></p><p><i>{esc(kind_hint)}{unit}</i></p>")
        set_shown(self._single, q.kind == "single")
        set_shown(self._multiple, q.kind == "multiple")
        set_shown(self._numeric, q.kind == "numeric")
        self._numeric.placeholder = self._t("review.number_placeholder")
        self._single.description = self._numeric.description = q.prompt(lang)  # their accessible name
        held = self._control_value(q)
        labels = [(o.text(lang), o.id) for o in q.options] if q.kind == "single" else []
        if list(self._single.options) != labels:
            self._single.options = labels
        self._single.value = held if q.kind == "single" and held in {o.id for o in q.options} else None
        for n, box in enumerate(self._boxes):
            set_shown(box, q.kind == "multiple" and n < len(q.options))
            box.description = q.options[n].text(lang) if q.kind == "multiple" and n < len(q.options) else ""
            box.value = q.kind == "multiple" and n < len(q.options) and q.options[n].id in (held or ())
        self._numeric.value = str(held or "") if q.kind == "numeric" else ""
        self._feedback.value = self._feedback_html(q)
        self._scores.value = self._scores_html(m.counted) + self._score_html(m.counted, m.latest, len(m.practised))

    def _status(self, q: rv.Question) -> str:
        if q.id not in self.model.answers:
            return self._t("review.status_open")
        return self._t("review.status_right" if self.model.latest.correct.get(q.id) else "review.status_wrong")

    def _shown(self, q: rv.Question, answer) -> str:
        if q.kind == "numeric":
            return f"{answer:g}" if isinstance(answer, float) else str(answer)
        ids = [answer] if isinstance(answer, str) else list(answer)
        return ("；" if self.lang == "zh" else "; ").join(q.option(i).text(self.lang) for i in ids)

    def _feedback_html(self, q: rv.Question) -> str:
        if self._answer_problem:
            return f"<p style='color:#b3261e'>{esc(self._answer_problem)}</p>"
        return self._recorded_html(q) + self._local_feedback_html(q)

    def _recorded_html(self, q: rv.Question) -> str:
        """Once released: the answer the class server recorded and its marking (and, if this page has no
        answer of its own, the explanation); no right answer for a question the learner never answered."""
        record = self.class_record
        if q.id not in record.answers:
            return recorded_html(self._t, self.lang, record, q.id, "")
        try:
            given = self._shown(q, rv.normalise(q, record.answers[q.id]))
        except (rv.AnswerError, KeyError, StopIteration, TypeError, ValueError):
            given = self._t("class_record.unreadable")
        parts = [recorded_html(self._t, self.lang, record, q.id, given)]
        if q.id not in self.model.answers:  # the page's own feedback below says the rest otherwise
            parts += [f"<p>{esc(self._t('review.right_answer', answer=self._shown(q, q.answer)))}</p>",
                      f"<p>{esc(q.feedback(self.lang))}</p>",
                      *(clause_html(self._content, cid, self.lang) for cid in q.clauses)]
        return "".join(parts)

    def _local_feedback_html(self, q: rv.Question) -> str:
        if q.id not in self.model.answers:
            return ""  # no solution before an answer
        given = self.model.answers[q.id]
        ok = self.model.latest.correct.get(q.id, False)
        changed = not self._safe_control(q) or rv.normalise(q, self._control_value(q)) != given
        verdict = self._t("common.correct" if ok else "common.incorrect")
        colour = "#1b7f3b" if ok else "#b3261e"
        stop = "。" if self.lang == "zh" else "."
        parts = [f"<p><span style='color:{colour}'><b>{esc(verdict)}{stop}</b></span> "
                 f"{esc(self._t('review.your_answer', answer=self._shown(q, given)))} "
                 f"{esc(self._t('review.right_answer', answer=self._shown(q, q.answer)))}</p>",
                 f"<p>{esc(q.feedback(self.lang))}</p>"]
        if not ok and q.kind != "numeric":
            # Per-option explanations of the wrong choices (questions may give one for each option).
            chosen = [given] if isinstance(given, str) else list(given)
            right = [q.answer] if isinstance(q.answer, str) else list(q.answer) if isinstance(q.answer, tuple) else []
            whys = [why for why in (q.option(i).why for i in chosen if i not in right) if why is not None]
            parts[1:1] = [f"<p class='pi-why'>{esc(why(self.lang))}</p>" for why in whys]
        if not q.scored:  # shown and explained, but the model never counts it
            parts.insert(1, f"<p class='pi-practice'><i>{esc(self._t('review.practice_note'))}</i></p>")
        if changed:
            parts.insert(0, f"<p><i>{esc(self._t('review.changed'))}</i></p>")
        parts += [clause_html(self._content, cid, self.lang) for cid in q.clauses]
        return "".join(parts)

    def _safe_control(self, q: rv.Question) -> bool:
        try:
            rv.normalise(q, self._control_value(q))
            return True
        except rv.AnswerError:
            return False

    def _scores_html(self, counted) -> str:
        """The counted score per lesson of the course."""
        rows = "".join(
            f"<tr><td>{esc(self._t('review.lesson', n=lesson))}</td>"
            f"<td>{esc(self._t('review.lesson_score', right=right, answered=answered, total=n))}</td></tr>"
            for lesson, (right, answered, n) in self.model.lesson_scores(counted).items())
        return f"<h4>{esc(self._t('review.scores'))}</h4><table class='pi-lesson-scores'>{rows}</table>"
