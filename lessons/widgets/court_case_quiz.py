"""Lesson 4: read a published case, predict the tier and the range, then see the engine step by step and the court."""
from __future__ import annotations

import ipywidgets as w

from lessons.classroom.case_predictions import EXERCISE_ID, CasePredictions, Mark
from lessons.content.sentence_terms import sentence_text
from lessons.engine.court_cases import comparison_table
from lessons.engine.report import text as engine_text
from lessons.content.tier_ids import OUTCOME_TIERS as TIERS
from lessons.widgets.base import ExerciseWidget
from lessons.widgets.class_record_panel import InClassCheck, recorded_html
from lessons.widgets.controls import button, esc, set_options, set_shown
from lessons.widgets.clause_views import Table
from lessons.widgets.stepper import StepperWidget, result_html

UNSET = ""


class CourtCaseQuiz(InClassCheck, ExerciseWidget):
    """Cases from ``data/content/court_cases.yaml``: facts, a prediction, then engine and court side by side.

    Public surface: ``choose(case_id)``, ``predict(tier, range_)``, ``check()``, ``feedback()`` (the
    revealed texts) and ``value``, the exercise record (``answers`` {case: [tier, range]}, ``correct``,
    ``score``, ``total``) plus ``case``, ``prediction``, ``revealed``, ``tier_right``, ``range_right``,
    ``agree`` and ``reasons`` of the case shown. The tier and range choices are ``"none"``, ``"serious"``
    or ``"especially_serious"``. Checked predictions are saved as ``lesson4.cases``; nothing of the answer
    (engine, court, table row) is shown for a case before its prediction is checked. Parts:
    ``court-case``, ``court-facts``, ``predict-tier``, ``predict-range``, ``feedback``, ``court-result``,
    ``case-table``.

    On a class server, as in the Lesson 6 review (``review_quiz.Review``): ``class_record``, part
    ``class-record``; once released, a case's feedback starts with the prediction the server recorded
    first and its marking, and a case not checked on this page shows the answer for that recorded
    prediction (``value["revealed"]``: the answer is shown, either way); with an in-class check, the case
    menu lists the check's cases in the teacher's order (``choose_view("check")``, the first view) or all
    of them (``choose_view("all")``); ``shown_ids``; ``ask_class_server()`` asks again. Off a class server
    none of this shows.
    """

    TITLE_KEY = "court_cases.title"
    EXERCISE_ID = EXERCISE_ID
    model: CasePredictions

    def __init__(self, case: str | None = None, content=None, lang=None, remember_language=True, progress=None,
                 page=None):
        super().__init__(content, lang, remember_language, progress=progress, page=page)
        self.model = CasePredictions()
        self._open_class_record()
        self.model.walk(self.shown_ids)
        first = self.model.position
        self._case = w.Dropdown(options=[(cid, cid) for cid in self.model.cases], value=first,
                                layout=w.Layout(width="44em", max_width="100%"))
        self._case.add_class("pi-court-case")
        self._facts = w.HTML()
        self._facts.add_class("pi-court-facts")
        self._tier = w.RadioButtons(options=[("", UNSET)], value=UNSET)
        self._tier.add_class("pi-predict-tier")
        self._range = w.RadioButtons(options=[("", UNSET)], value=UNSET)
        self._range.add_class("pi-predict-range")
        self._reveal = button("pi-check")
        self._feedback = w.HTML()
        self._feedback.add_class("pi-feedback")
        self._stepper = StepperWidget(content=self._content, page=self._page)
        # One title and language switch, this widget's: the nested stepper's header is left out of the page.
        self._stepper.children = tuple(self._stepper.children[1:])
        self._court = w.HTML()
        self._court.add_class("pi-court-result")
        self._table = w.HTML()
        self._table.add_class("pi-case-table")
        self._asked = False  # the learner pressed check on the case shown
        self._showing = False  # the controls are being set from the model, not by the learner
        self._shown: dict = {}  # the shown case's part of ``value``
        self._case.observe(self._on_case, names="value")
        for control in (self._tier, self._range):
            control.observe(self._on_prediction, names="value")
        self._reveal.on_click(lambda _: self.check())
        self._compose(self._class_panel.box, self._case, self._facts, self._tier, self._range, self._reveal,
                      self._feedback, self._stepper, self._court, self._table)
        if case is not None:
            self.choose(case)

    # -- public surface ------------------------------------------------------------------------------
    def choose(self, case_id: str) -> None:
        """Show another case, with the prediction made for it (revealed if it was checked); a case outside
        the in-class check shows all cases."""
        self.model.comparison(case_id)  # a one-line LessonsError for an unknown case
        if case_id not in self.shown_ids:
            self.class_record.view = "all"
            self._update()  # the menu now lists every case
        self._case.value = case_id  # _on_case shows it and redraws

    def choose_view(self, view: str) -> None:
        """List the in-class check's cases (``"check"``) or all cases (``"all"``), as the switch does."""
        self._switch_view(view)

    def _switch_view(self, view: str) -> None:
        self.class_record.choose(view)
        self._update()  # the render walks the listed cases: the case shown stays if it is one of them

    def predict(self, tier: str, range_: str) -> None:
        self._tier.value, self._range.value = tier, range_

    def check(self) -> None:
        """Mark and reveal (only once both a tier and a range are chosen); the mark is saved."""
        self._asked = True
        self.model.check(self.model.position)
        self._update()

    def feedback(self) -> str:
        return self._feedback.value

    def restore(self, answers: dict) -> None:
        self.model.restore(answers)
        self._show_prediction()
        self._update()

    # -- events --------------------------------------------------------------------------------------
    # Relabelling the controls inside _render() fires these observers too: only a learner's change counts.
    def _on_case(self, _change) -> None:
        if self._rendering:
            return
        self.model.walk(self.shown_ids)
        self.model.go_to(self._case.value)
        self._asked = False
        self._show_prediction()
        self._update()

    def _on_prediction(self, _change) -> None:
        if self._rendering or self._showing:
            return
        self._asked = False
        self.model.predict(self.model.position, self._tier.value, self._range.value)
        self._update()

    def _show_prediction(self) -> None:
        self._showing = True
        try:
            self._tier.value, self._range.value = self.model.prediction(self.model.position)
        finally:
            self._showing = False

    # -- drawing -------------------------------------------------------------------------------------
    def _render(self) -> None:
        c, lang, t = self._content, self.lang, self._t
        cases = self.model.cases
        before = self.model.position
        self.model.walk(self.shown_ids)  # the view changed: the menu's first case, with its own prediction
        set_options(self._case, [(cases[cid].title(lang), cid) for cid in self.model.order])
        self._case.value = self.model.position
        if self.model.position != before:
            self._asked = False
            self._show_prediction()
        self._case.description = t("court_cases.choose_case")
        self._class_panel.render(t, self._error_text, len(cases))
        case = cases[self.model.position]
        self._facts.value = self._facts_html(case)
        choose = (t("common.choose"), UNSET)
        set_options(self._tier, [choose] + [(engine_text(c, f"tier_{x}", lang), x) for x in TIERS])
        set_options(self._range, [choose] + [(t(f"court_cases.range_{x}"), x) for x in TIERS])
        self._show_prediction()  # the case's saved prediction, once its options exist (a page just opened)
        self._tier.description, self._range.description = t("court_cases.predict_tier"), t("court_cases.predict_range")
        self._reveal.description = t("court_cases.reveal")
        mark = self.model.mark_case(case.id)
        self._table.value = self._table_html()
        base = {"case": case.id, "prediction": {"tier": self._tier.value, "range": self._range.value}}
        recorded, recorded_mark = self._recorded(case.id)
        if mark is None and recorded_mark is None:
            asked = f"<p>{esc(t('court_cases.need_prediction'))}</p>" if self._asked else ""
            self._feedback.value = recorded + asked
            set_shown(self._stepper, False)
            set_shown(self._court, False)
            self._court.value = ""
            self._shown = {**base, "revealed": False, "tier_right": None, "range_right": None, "agree": None,
                           "reasons": []}
            return
        mark = mark or recorded_mark  # this page's checked prediction, else the one the server recorded
        assert mark is not None
        self._feedback.value = recorded + "".join(f"<p>{esc(line)}</p>" for line in self._mark_lines(mark))
        set_shown(self._stepper, True)
        set_shown(self._court, True)
        self._stepper.show(mark.comparison.engine)
        self._court.value = self._court_html(mark)
        self._shown = {**base, "revealed": True, "tier_right": mark.tier_right, "range_right": mark.range_right,
                       "agree": mark.comparison.agree, "reasons": list(mark.comparison.reasons)}

    def _extra_value(self) -> dict:
        """What the shown case adds to ``value`` besides the exercise record (read by tests and the browser)."""
        return dict(self._shown)

    def _recorded(self, case_id: str) -> tuple[str, Mark | None]:
        """Once released: the class server's record of the case, and the mark of the recorded prediction
        where this page has not checked the case (its answer is shown for it); ``("", None)`` before."""
        record = self.class_record
        if case_id not in record.answers:
            return recorded_html(self._t, self.lang, record, case_id, ""), None
        given = record.answers[case_id]
        mark = self.model.mark_answer(case_id, given)
        shown = self._prediction_label(mark) if mark is not None else self._t("class_record.unreadable")
        line = recorded_html(self._t, self.lang, record, case_id, shown)
        return line, (mark if self.model.mark_case(case_id) is None else None)

    def _prediction_label(self, mark: Mark) -> str:
        sep = " / " if self.lang == "en" else "／"
        return self._tier_name(mark.tier) + sep + self._t(f"court_cases.range_{mark.range_}")

    def _facts_html(self, case) -> str:
        lang, t = self.lang, self._t
        note = t("court_cases.facts_verbatim_note" if case.facts_verbatim else "court_cases.facts_summary_note")
        quote = f"<blockquote lang='zh'>{esc(case.facts_text.zh)}</blockquote>"
        if lang == "en":
            quote += f"<blockquote>{esc(case.facts_text.en)}</blockquote>"
        doubt = (f"<p><b>{esc(t('court_cases.doubt_heading'))}</b>{esc(self._sep())}"
                 f"{esc(case.doubt(lang))}</p>") if case.doubt else ""
        return (f"<p><b>{esc(t('court_cases.facts_heading'))}</b></p>{quote}<p><small>{esc(note)}</small></p>"
                f"<p><b>{esc(t('court_cases.counting_heading'))}</b></p><p>{esc(case.counting(lang))}</p>"
                f"<p><small><b>{esc(t('court_cases.source_heading'))}</b>{esc(self._sep())}"
                f"{esc(case.source(lang))}<br><b>{esc(t('court_cases.label_heading'))}</b>"
                f"{esc(self._sep())}{esc(t('court_cases.label_' + case.label))}</small></p>{doubt}")

    def _sep(self) -> str:
        return self._t("court_cases.separator") + (" " if self.lang == "en" else "")

    def _tier_name(self, tier: str) -> str:
        return engine_text(self._content, f"tier_{tier}", self.lang)

    def _ranges(self, ranges) -> str:
        t = self._t
        return (", " if self.lang == "en" else "、").join(t(f"court_cases.range_{r}") for r in ranges)

    def _mark_lines(self, mark: Mark) -> list[str]:
        t, court = self._t, mark.comparison.case.court
        if mark.expected_tier is None:
            lines = [t("court_cases.tier_other_article")]
        else:
            verdict = "right" if mark.tier_right else "wrong"
            lines = [t(f"court_cases.tier_{verdict}_{mark.basis}", tier=self._tier_name(mark.expected_tier))]
        sentence = sentence_text(court.sentence_months, self.lang, court.suspended_months)
        if mark.range_right:
            lines.append(t("court_cases.range_right", sentence=sentence))
        else:
            lines.append(t("court_cases.range_wrong", sentence=sentence, ranges=self._ranges(mark.court_ranges)))
        return lines

    def _court_html(self, mark: Mark) -> str:
        c, lang, t = self._content, self.lang, self._t
        cmp = mark.comparison
        case, court = cmp.case, cmp.case.court
        date = court.date and (court.date if lang == "en" else _zh_date(court.date))
        where = [x for x in ((court.court(lang) if court.court else None), date, court.judgment) if x]
        sentence = sentence_text(court.sentence_months, lang, court.suspended_months)
        if case.charge != "art_253_1":
            sentence = t(f"court_cases.charge_{case.charge}") + self._sep() + sentence
        items = [t("court_cases.court_sentence", sentence=sentence, ranges=self._ranges(cmp.court_ranges))]
        if court.fine_yuan is not None:
            items.append(t("court_cases.court_fine", fine=f"{court.fine_yuan:,}"))
        if cmp.fine_multiple is not None:
            items.append(t("court_cases.fine_multiple", multiple=f"{cmp.fine_multiple:g}"))
        court_list = "".join(f"<li>{esc(x)}</li>" for x in items)
        quote = f"<blockquote lang='zh'>{esc(court.text.zh)}</blockquote>"
        if lang == "en":
            quote += f"<blockquote>{esc(court.text.en)}</blockquote>"
        agree = t("court_cases.agree_yes") if cmp.agree else t("court_cases.agree_no")
        reasons = "".join(f"<li>{esc(t('court_cases.reason_' + r))}</li>" for r in cmp.reasons)
        why = (f"<p><b>{esc(t('court_cases.why_heading'))}</b></p><p>{esc(case.lesson.why(lang))}</p>"
               if case.lesson.why else "")
        heading = esc(t("court_cases.court_heading"))
        if where:
            heading += f" ({esc(', '.join(where))})" if lang == "en" else f"（{esc('，'.join(where))}）"
        return (f"<p><b>{esc(t('court_cases.engine_heading'))}</b></p>{result_html(c, cmp.engine, lang)}"
                f"<p><b>{heading}</b></p><ul>{court_list}</ul>"
                f"<p><small>{esc(t('court_cases.court_quote_note'))}</small></p>{quote}"
                f"<p><b>{esc(t('court_cases.compare_heading'))}</b>{esc(self._sep())}{esc(agree)}</p>"
                f"<ul class='pi-court-reasons'>{reasons}</ul>{why}")

    def _table_html(self) -> str:
        t = self._t
        checked = self.model.checked
        note = t("court_cases.progress_note", done=len(checked), total=len(self.model.cases),
                 right=self.model.record()["score"])
        head = f"<p><b>{esc(t('court_cases.table_heading'))}</b></p><p>{esc(note)}</p>"
        if not checked:
            return head + f"<p>{esc(t('court_cases.table_empty'))}</p>"
        rows = comparison_table(self.model.cases, self.lang, self._content, only=set(checked))
        return head + Table(rows)._repr_html_()


def _zh_date(iso: str) -> str:
    """2021-08-23 as Chinese writes it: 2021年8月23日."""
    year, month, day = iso.split("-")
    return f"{year}年{int(month)}月{int(day)}日"
