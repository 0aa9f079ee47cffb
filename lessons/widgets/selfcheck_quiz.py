"""Lesson 1 self-check: which category, which tier, sensitive or not? One question at a time, instant feedback."""
from __future__ import annotations

import ipywidgets as w

from lessons.classroom import selfcheck as sc
from lessons.classroom.exercise_models import SelfCheckModel
from lessons.content.course import Content
from lessons.content.errors import LessonsError
from lessons.widgets.base import ExerciseWidget
from lessons.widgets.controls import esc, plain_text, set_options
from lessons.widgets.clause_views import clause_html
from lessons.widgets.cards import Deck
from lessons.widgets.class_record_panel import InClassCheck, recorded_html

UNANSWERED = ""


class SelfCheck(InClassCheck, ExerciseWidget):
    """At least twelve questions generated from the taxonomy, one card at a time; answers are scored and saved.

    Public surface: ``question_ids``, ``current``, ``go_to(id)``, ``next()``, ``back()``, ``question(id)``,
    ``choices(id)``, ``answer(id, choice)`` (shows that question; feedback is instant), ``chosen(id)``,
    ``feedback(id)``; parts ``intro``, ``progress`` ("3 of 14"), ``question-select`` and ``score`` via ``read``.

    On a class server, as in the Lesson 6 review (``review_quiz.Review``): ``class_record``, part
    ``class-record``, each question's recorded answer in its feedback once released, ``choose("check")``
    / ``choose("all")`` and ``shown_ids`` with an in-class check, ``ask_class_server()``.
    """

    TITLE_KEY = "selfcheck.title"
    EXERCISE_ID = "lesson1.selfcheck"
    model: SelfCheckModel

    def __init__(self, content: Content | None = None, lang: str | None = None, **kwargs):
        super().__init__(content, lang, **kwargs)
        self.model = SelfCheckModel(self._content)
        self._items = list(self.model.items.values())
        self._open_class_record()
        self._intro = w.HTML()
        self._intro.add_class("pi-intro")
        self._score = w.HTML()
        self._score.add_class("pi-score")
        # One card, redrawn for the question shown (one set of widget models, not one per question).
        self._prompt, self._feedback_part = w.HTML(), w.HTML()
        self._answer = w.Dropdown(options=[("", UNANSWERED)], layout=w.Layout(width="auto", max_width="100%"))
        self._answer.add_class("pi-answer")
        self._answer.add_class("pi-label-hidden")  # the question above is its visible label
        self._prompt.add_class("pi-question")
        self._feedback_part.add_class("pi-feedback")
        self._answer.observe(lambda change: self._act(self.current, change["new"]), names="value")
        self._card_id = ""  # the question whose CSS names the card's controls carry (pi-answer-<id>)
        self._card = w.VBox([self._prompt, self._answer, self._feedback_part])
        self._card.add_class("pi-card")
        self._deck = Deck(self._moved, "question", menu_css="pi-question-select")
        self._compose(self._intro, self._class_panel.box, self._card, self._deck.box, self._score)

    def _act(self, question_id: str, choice: str) -> None:
        if not self._rendering:  # the render putting the model's answer into the menu is no learner's act
            self._reach(question_id)
            self.model.go_to(question_id)
            self.model.answer(question_id, choice)
            self._update()

    # -- public surface ------------------------------------------------------------------------
    @property
    def question_ids(self) -> list[str]:
        return [item.id for item in self._items]

    @property
    def current(self) -> str:
        """The id of the question shown."""
        return self.model.position

    def choose(self, view: str) -> None:
        """Show the in-class check's questions (``"check"``) or all questions (``"all"``), as the switch does."""
        self._switch_view(view)

    def go_to(self, question_id: str) -> None:
        """Show a question (as picking it in the question menu does; one outside the check shows all)."""
        self._item(question_id)
        self._reach(question_id)
        self.model.go_to(question_id)
        self._update()

    def next(self) -> None:
        """Press Next (an error on the last question, where it is disabled)."""
        self._press("next")

    def back(self) -> None:
        """Press Back (an error on the first question, where it is disabled)."""
        self._press("back")

    def _item(self, question_id: str) -> sc.Item:
        if question_id not in self.model.items:
            raise KeyError(f"no question {question_id!r}; questions: {', '.join(self.model.items)}")
        return self.model.items[question_id]

    def question(self, question_id: str) -> str:
        """The question as the learner reads it."""
        return plain_text(self._prompt_html(self._item(question_id)))

    def choices(self, question_id: str) -> list[tuple[str, str]]:
        """The answer menu: ``(label, choice)`` pairs (the first is "choose", choice ``""``)."""
        return self._menu(self._item(question_id))

    def answer(self, question_id: str, choice: str) -> None:
        """Show the question and pick ``choice`` (a choice id, ``""`` to clear) in its menu."""
        if choice not in {v for _, v in self.choices(question_id)}:
            raise ValueError(f"{question_id}: {choice!r} is not one of the choices")
        self._act(question_id, choice)  # shows the question and answers it: one redraw

    def chosen(self, question_id: str) -> str:
        """The choice now picked in the question's menu (``""``: none)."""
        self._item(question_id)
        return self.model.answers.get(question_id, UNANSWERED)

    def feedback(self, question_id: str) -> str:
        """Plain text of the feedback shown under the question (``""`` before an answer)."""
        return plain_text(self._feedback_html(self._item(question_id)))

    # -- what a card shows (the one card draws the question shown; the public surface reads any) --
    def _ask(self, item: sc.Item) -> str:
        return self._t('selfcheck.ask_' + item.ask, name=self._content.info_types[item.info_type].name(self.lang))

    def _prompt_html(self, item: sc.Item) -> str:
        number = self._items.index(item) + 1
        return f"<p><b>{number}.</b> {esc(self._ask(item))}</p>"

    def _menu(self, item: sc.Item) -> list[tuple[str, str]]:
        c, lang = self._content, self.lang
        return ([(self._t("common.choose"), UNANSWERED)]
                + [(sc.choice_label(item, ch, c, lang), ch) for ch in sc.choices(item)])

    def _feedback_html(self, item: sc.Item) -> str:
        marks = self.model.latest.correct
        local = self._feedback(item, marks[item.id]) if item.id in marks else ""
        return self._recorded(item, local) + local

    def _render(self) -> None:
        m = self.model
        self._intro.value = f"<p>{esc(self._t('selfcheck.intro'))}</p>"
        m.walk(self.shown_ids)  # the in-class check, newly set or changed, is walked from its first question
        self._deck.index = m.index
        self._deck.render(self._t, [f"{n}. {self._t('cards.answered' if i in m.answers else 'cards.open')}"
                                    for n, i in enumerate(m.order, 1)])
        self._class_panel.render(self._t, self._error_text, len(self._items))
        self._render_card(m.items[self.current])
        self._score.value = self._score_html(m.counted, m.latest, len(m.practised))

    def _render_card(self, item: sc.Item) -> None:
        """Draw ``item`` into the card (inside the render: the menu's new value is no learner's answer)."""
        if self._card_id != item.id:  # the browser tests find a question's controls by these names
            for part, css in ((self._answer, "pi-answer-"), (self._feedback_part, "pi-feedback-")):
                if self._card_id:
                    part.remove_class(css + self._card_id)
                part.add_class(css + item.id)
            self._card_id = item.id
        self._prompt.value = self._prompt_html(item)
        self._answer.description = self._ask(item)  # its accessible name: the question, in the learner's language
        set_options(self._answer, self._menu(item))
        self._answer.value = self.model.answers.get(item.id, UNANSWERED)
        self._feedback_part.value = self._feedback_html(item)

    def _recorded(self, item: sc.Item, local: str) -> str:
        """Once released: the class server's record of the question (and the explanation, if this page has
        none of its own); no solution for a question the learner never answered."""
        record = self.class_record
        if item.id not in record.answers:
            return recorded_html(self._t, self.lang, record, item.id, "")
        try:
            given = sc.choice_label(item, record.answers[item.id], self._content, self.lang)
        except (KeyError, LessonsError, TypeError):
            given = self._t("class_record.unreadable")
        line = recorded_html(self._t, self.lang, record, item.id, given)
        return line if local else line + self._feedback(item, record.correct.get(item.id, False))

    def _feedback(self, item: sc.Item, ok: bool) -> str:
        c, lang = self._content, self.lang
        t = c.info_types[item.info_type]
        verdict = self._t("common.correct" if ok else "common.incorrect")
        colour = "#1b7f3b" if ok else "#b3261e"
        answer = sc.choice_label(item, sc.solution(item, c), c, lang)
        if item.ask == "category":
            category = c.categories[t.category]
            why = self._t("selfcheck.category_reason", category=category.name(lang),
                          definition=category.definition(lang))
        elif item.ask == "sensitive":
            # PIPL sensitivity is its own test (Art. 28), not the Interpretation's quantity tiers.
            why = self._t("selfcheck.sensitive_reason_" + ("yes" if t.pipl_sensitive else "no"), name=t.name(lang))
        else:
            why = t.reason(lang)
        stop = "。" if lang == "zh" else "."  # one punctuation style per language
        parts = [f"<span style='color:{colour}'><b>{esc(verdict)}{stop}</b></span> "
                 f"{esc(self._t('selfcheck.answer_is', answer=answer))} {esc(why)}"]
        if not item.scored:  # shown and explained, but the model never counts it
            parts.append(f"<p class='pi-practice'><i>{esc(self._t('selfcheck.practice_note'))}</i></p>")
        clause = sc.explanation_clause(item, c)
        if clause:
            parts.append(clause_html(c, clause, lang))
        if t.open is not None:
            parts.append(f"<p class='pi-open'><i>{esc(t.open(lang))}</i></p>")
        return "".join(parts)
