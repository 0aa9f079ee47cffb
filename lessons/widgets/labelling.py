"""Lesson 2 exercise: label each column of a leaked table with a category and a tier, one column at a time."""
from __future__ import annotations

import ipywidgets as w

from lessons.classify.datasets import DATASET_IDS, load_sample
from lessons.classroom.exercise_models import LabellingModel
from lessons.content.course import Content
from lessons.content.text import colon
from lessons.widgets.base import ExerciseWidget
from lessons.widgets.controls import button, esc, plain_text, set_options
from lessons.widgets.clause_views import clause_html
from lessons.widgets.cards import Deck
from lessons.widgets.class_record_panel import InClassCheck, recorded_html
from lessons.widgets.classify_html import sample_table

NONE = "none"  # the answer "not personal information" (category and tier)
ART1 = "INT2017.a1.p1"  # what personal information is


def question_id(dataset: str, column: str) -> str:
    return f"{dataset}/{column}"


class LabellingWidget(InClassCheck, ExerciseWidget):
    """Pick a table, label its columns one card at a time, check: explained feedback per column and a score.

    ``value["answers"]`` maps ``"<table>/<column>"`` to ``[category, tier]`` (``"none"`` for not
    personal, ``""`` not chosen yet) for every table the learner has worked on; ``total`` counts
    the columns of all tables. Feedback for a table appears only after its Check click; the score
    shown is the table's (its counted first answers, and practice beside them).

    Public surface: ``choose(table)``, ``question_ids``, ``current``, ``go_to(id)`` (its table and column),
    ``next()``/``back()`` (the cards: columns of the shown table), ``choices(id)``, ``answer(id, [category, tier])``
    (goes to the id's table and column), ``chosen(id)``, ``check()`` (this table), ``feedback(id)``; parts
    ``sample``, ``progress`` ("Column 3 of 7"), ``column-select`` and ``score`` via ``read``.

    On a class server, as in the Lesson 6 review (``review_quiz.Review``): ``class_record``, part
    ``class-record``; once released, each column's feedback starts with the answer the server recorded
    first and its marking (with the explanation where the table is not checked on this page); with an
    in-class check, ``choose_view("check")`` (the first view) walks the check's columns in the teacher's
    order, across tables, and ``choose_view("all")`` the shown table's; ``shown_ids`` are the columns the
    cards walk now; ``ask_class_server()`` asks again. Off a class server none of this shows.
    """

    TITLE_KEY = "labelling.title"
    EXERCISE_ID = "lesson2.labelling"
    model: LabellingModel

    def __init__(self, content: Content | None = None, lang: str | None = None, dataset: str = DATASET_IDS[0],
                 **kwargs):
        super().__init__(content, lang, **kwargs)
        self.model = LabellingModel(self._content)
        self.model.choose_table(dataset if dataset in DATASET_IDS else DATASET_IDS[0])
        self._keys = self.model.keys
        self._open_class_record()
        self._samples: dict[str, str] = {}
        self._intro = w.HTML()
        self._intro.add_class("pi-intro")
        self._dataset = w.Dropdown(options=[(d, d) for d in DATASET_IDS], value=self.model.table,
                                   style={"description_width": "initial"},
                                   layout=w.Layout(width="auto", max_width="100%"))
        self._dataset.add_class("pi-dataset")
        self._about = w.HTML()
        self._sample = w.HTML()
        self._sample.add_class("pi-sample")
        self._deck = Deck(self._moved, "column", menu_css="pi-column-select")
        self._check = button("pi-check", icon="check", button_style="primary")
        # One card, redrawn for the column shown (one set of widget models, not one per column).
        self._label, self._feedback_part = w.HTML(), w.HTML()
        self._label.add_class("pi-question")
        menu = dict(style={"description_width": "initial"}, layout=w.Layout(width="auto", max_width="100%"))
        self._category = w.Dropdown(options=[("", "")], **menu)
        self._tier = w.Dropdown(options=[("", "")], **menu)
        self._category.add_class("pi-label-category")
        self._tier.add_class("pi-label-tier")
        self._category.add_class("pi-answer")
        self._tier.add_class("pi-answer")
        self._feedback_part.add_class("pi-feedback")
        self._category.observe(lambda ch: self._on_choice(self.current, 0, ch["new"]), names="value")
        self._tier.observe(lambda ch: self._on_choice(self.current, 1, ch["new"]), names="value")
        # The card: the column, its two menus, Check, then the feedback right under them.
        menus = w.HBox([self._category, self._tier], layout=w.Layout(flex_flow="row wrap", align_items="center"))
        self._card = w.VBox([self._label, menus, self._check, self._feedback_part])
        self._card.add_class("pi-card")
        self._score = w.HTML()
        self._score.add_class("pi-score")
        self._dataset.observe(self._on_dataset, names="value")
        self._check.on_click(self._on_check)
        self._compose(self._intro, self._class_panel.box, self._dataset, self._about, self._sample, self._card,
                      self._deck.box, self._score)

    # ---------------------------------------------------------------- state

    def _columns(self, dataset: str) -> list[str]:
        return list(self._keys[dataset].columns)

    def _on_choice(self, qid: str, part: int, value: str) -> None:
        if self._rendering:  # the render putting the model's answer into the menus is no learner's act
            return
        answer = self.chosen(qid)
        answer[part] = value
        self.model.answer(qid, answer)
        self._update()

    def _on_dataset(self, change) -> None:
        if not self._rendering:
            self.class_record.view = "all"  # a table picked is walked whole
            self._show_table(change["new"])
            self._update()

    def _show_table(self, dataset: str) -> None:
        self.model.choose_table(dataset)  # a new table starts at its first column

    def _switch_view(self, view: str) -> None:
        if view == "check":
            super()._switch_view(view)  # from the check's first column
        else:  # the shown table's columns: the column shown stays
            self.class_record.choose(view)
            self.model.walk(self.shown_ids)
            self._update()

    def _on_check(self, _button) -> None:
        self.model.check(self.model.table)
        self._update()

    # ---------------------------------------------------------------- public surface

    def choose(self, dataset: str) -> None:
        """Show another table (its answers are kept), as the table menu does (all its columns)."""
        if dataset not in DATASET_IDS:
            raise ValueError(f"unknown table {dataset!r}; choose one of {', '.join(DATASET_IDS)}")
        if dataset != self.model.table:
            self.class_record.view = "all"
            self._show_table(dataset)
            self._update()

    def choose_view(self, view: str) -> None:
        """Walk the in-class check's columns (``"check"``) or the shown table's (``"all"``), as the switch does."""
        self._switch_view(view)

    @property
    def shown_ids(self) -> list[str]:
        """The columns the cards walk now: the in-class check's (teacher's order, any table) or the shown table's."""
        record = self.class_record
        return record.shown_ids() if record.view == "check" and record.check else self.model.question_ids_of(
            self.model.table)

    @property
    def question_ids(self) -> list[str]:
        """Every column of every table, as ``"<table>/<column>"``."""
        return [question_id(d, col) for d in DATASET_IDS for col in self._columns(d)]

    @property
    def current(self) -> str:
        """The id of the column shown."""
        return self.model.position

    def go_to(self, qid: str) -> None:
        """Show a column (and its table)."""
        if qid not in self.question_ids:
            raise KeyError(f"no question {qid!r}")
        self._reach(qid)
        self.model.go_to(qid)
        self._update()

    def next(self) -> None:
        """Press Next (an error on the last card, where it is disabled)."""
        self._press("next")

    def back(self) -> None:
        """Press Back (an error on the first card, where it is disabled)."""
        self._press("back")

    def _shown_column(self, qid: str) -> tuple[str, str]:
        dataset, _, column = qid.partition("/")
        if qid not in self.question_ids:
            raise KeyError(f"no question {qid!r}")
        if dataset != self.model.table:
            raise ValueError(f"{qid}: its table is not shown; choose({dataset!r}) first")
        return dataset, column

    def choices(self, qid: str) -> dict[str, list[tuple[str, str]]]:
        """The two menus of a column of the shown table: ``{"category": [(label, id)], "tier": [...]}``."""
        self._shown_column(qid)
        return self._menus()

    def answer(self, qid: str, answer) -> None:
        """Label a column ``[category, tier]`` (``"none"``: not personal; ``""``: not chosen), showing its card."""
        category, tier = answer
        if qid not in self.question_ids:
            raise KeyError(f"no question {qid!r}")
        self._reach(qid)
        self.model.go_to(qid)
        self.model.answer(qid, [category, tier])  # refused if not a category and a tier
        self._update()  # one redraw: the card shown and the answer in its menus

    def chosen(self, qid: str) -> list[str]:
        """``[category, tier]`` as now picked for a column (``""``: not chosen)."""
        return list(self.model.answers.get(qid, ["", ""]))

    def check(self) -> None:
        """Press Check: feedback and the score for the shown table."""
        self._press("check")

    def feedback(self, qid: str) -> str:
        """Plain text of the feedback under a column of the shown table (``""`` before Check)."""
        return plain_text(self._feedback_html(*self._shown_column(qid)))

    # ---------------------------------------------------------------- view

    def _menus(self) -> dict[str, list[tuple[str, str]]]:
        """The options of a column's two menus (the same for every column), in the page's language."""
        c, lang = self._content, self.lang
        choose = (self._t("common.choose"), "")
        return {"category": [choose, *((cat.name(lang), cat.id) for cat in c.categories.values()),
                             (self._t("labelling.not_personal"), NONE)],
                "tier": [choose, *((t.name(lang), t.id) for t in c.tiers.values()),
                         (self._t("labelling.no_tier"), NONE)]}

    def _feedback_html(self, dataset: str, column: str) -> str:
        """What the card shows under a column's menus: the server's record, and the feedback after Check."""
        m, qid = self.model, question_id(dataset, column)
        local = self._feedback(dataset, column, m.answers.get(qid)) if m.checked(dataset) else ""
        return self._recorded(dataset, column, local) + local

    def _feedback(self, dataset: str, column: str, answer: list[str] | None, verdict: bool = True) -> str:
        """The verdict on an answer and the explanation (only the explanation under the class server's
        record, which gives its own verdict)."""
        c, lang = self._content, self.lang
        if answer is None:
            return f"<i>{esc(self._t('labelling.unanswered'))}</i>"
        parts = []
        if verdict:
            ok = self.model.is_correct(question_id(dataset, column), answer)
            colour = "#1b7f3b" if ok else "#b3261e"
            said = self._t("common.correct" if ok else "common.incorrect")
            parts.append(f"<span style='color:{colour}'><b>{'✓' if ok else '✗'} {esc(said)}</b></span> ")
        type_id = self._keys[dataset].columns[column]
        if type_id is None:
            parts.append(esc(self._t("labelling.answer_not_personal")))
            parts.append(clause_html(c, ART1, lang))
        else:
            t = c.info_types[type_id]
            tier = c.tiers[t.tier]
            category = c.categories[t.category].name(lang)
            parts.append(
                esc(self._t("labelling.answer_is", type=t.name(lang), category=category, tier=tier.name(lang)))
            )
            parts.append(f" {esc(t.reason(lang))}")
            parts.append(clause_html(c, tier.clause, lang))
            if t.open is not None:
                parts.append(f"<p class='pi-open'><i>{esc(t.open(lang))}</i></p>")
        return "".join(parts)

    def _render(self) -> None:
        m = self.model
        dataset = m.table
        self._intro.value = f"<p>{esc(self._t('labelling.intro'))}</p>"
        set_options(self._dataset, [(self._t(f"datasets.{d}_title"), d) for d in DATASET_IDS])
        self._dataset.description = self._t("classify.dataset")
        self._check.description = self._t("labelling.check")
        self._check.tooltip = self._t("labelling.check_tip")

        m.walk(self.shown_ids)  # a check newly set: its first column (and table)
        shown, dataset = m.order, m.table
        self._dataset.value = dataset
        self._about.value = f"<p><i>{esc(self._t(f'datasets.{dataset}_about'))}</i></p>"
        if dataset not in self._samples:
            self._samples[dataset] = sample_table(load_sample(dataset).frame)
        self._sample.value = f"<p>{esc(self._t('labelling.sample'))}</p>{self._samples[dataset]}"
        here = m.question_ids_of(dataset)
        marks, checked = [], m.checked(dataset)
        self._render_card(dataset, self.current.partition("/")[2])
        across = shown != here  # the check's columns may come from several tables: each card names its table
        for qid in shown:
            table, _, column = qid.partition("/")
            where = f"{self._t(f'datasets.{table}_title')}{colon(self.lang)}" if across else ""
            marks.append(f"{where}{column} · {self._t('cards.answered' if qid in m.answers else 'cards.open')}")
        self._deck.index = m.index
        self._deck.render(self._t, marks)
        self._class_panel.render(self._t, self._error_text, len(self.model.question_ids))
        if checked:
            counted, latest = m.counted.within(here), m.latest.within(here)
            headline = self._t("labelling.table_score", correct=counted.score, total=counted.total)
            self._score.value = self._score_html(counted, latest, len(set(m.practised) & set(here)), headline)
        else:
            self._score.value = f"<i>{esc(self._t('labelling.unchecked'))}</i>"

    def _render_card(self, dataset: str, column: str) -> None:
        """Draw a column of the shown table into the card (inside the render: the menus' new values are no
        learner's answer)."""
        menus = self._menus()
        self._category.description, self._tier.description = self._t("labelling.category"), self._t("labelling.tier")
        set_options(self._category, menus["category"])
        set_options(self._tier, menus["tier"])
        self._category.value, self._tier.value = self.chosen(question_id(dataset, column))
        self._label.value = f"<p>{esc(self._t('labelling.column') + colon(self.lang))}<b>{esc(column)}</b></p>"
        self._feedback_part.value = self._feedback_html(dataset, column)

    def _recorded(self, dataset: str, column: str, local: str) -> str:
        """Once released: the class server's record of the column (and the explanation, if this page shows
        none of its own); no solution for a column the server recorded no answer to."""
        record, qid = self.class_record, question_id(dataset, column)
        if qid not in record.answers:
            return recorded_html(self._t, self.lang, record, qid, "")
        try:
            given = self._answer_label(record.answers[qid])
        except (KeyError, TypeError, ValueError):
            given = self._t("class_record.unreadable")
        line = recorded_html(self._t, self.lang, record, qid, given)
        return line if local else line + f"<div>{self._feedback(dataset, column, [], verdict=False)}</div>"

    def _answer_label(self, answer) -> str:
        """``[category, tier]`` as the menus name them ("—" for a part not chosen)."""
        c, lang = self._content, self.lang
        category, tier = answer
        cat = ("—" if category == "" else self._t("labelling.not_personal") if category == NONE
               else c.categories[category].name(lang))
        tie = "—" if tier == "" else self._t("labelling.no_tier") if tier == NONE else c.tiers[tier].name(lang)
        return f"{cat}{' / ' if lang == 'en' else '／'}{tie}"
