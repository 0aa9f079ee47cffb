"""Lesson 4: read a published case, predict the tier and the range, then see the engine step by step and the court."""
from __future__ import annotations

import ipywidgets as w

from lessons.engine.court_cases import compare, load_court_cases
from lessons.engine.report import text as engine_text
from lessons.engine.result import TIERS
from lessons.widgets.base import LessonWidget, button, esc, set_options
from lessons.widgets.stepper import StepperWidget, result_html

UNSET = ""


class CourtCaseQuiz(LessonWidget):
    """Cases from ``data/content/court_cases.yaml``: facts, a prediction, then engine and court side by side.

    Public surface: ``choose(case_id)``, ``predict(tier, range_)``, ``check()``, ``feedback()`` (the
    revealed texts) and ``value`` = ``{"case", "prediction", "revealed", "engine_tier", "court_months",
    "tier_right", "range_right", "agree", "reasons"}``. The tier and range choices are ``"none"``,
    ``"serious"`` or ``"especially_serious"``. Unscored: nothing is saved. It has parts ``court-facts``,
    ``predict-tier``, ``predict-range``, ``feedback`` and ``court-result`` (what ``read(part)`` reads).
    """

    TITLE_KEY = "court_cases.title"

    def __init__(self, case: str | None = None, content=None, lang=None, remember_language=True, page=None):
        super().__init__(content, lang, remember_language, page=page)
        self._cases = load_court_cases()
        first = next(iter(self._cases))
        self._case = w.Dropdown(options=[(cid, cid) for cid in self._cases], value=first, layout=w.Layout(width="44em"))
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
        self._revealed = False
        self._case.observe(self._on_case, names="value")
        for control in (self._tier, self._range):
            control.observe(self._on_prediction, names="value")
        self._reveal.on_click(lambda _: self.check())
        self._compose(self._case, self._facts, self._tier, self._range, self._reveal, self._feedback,
                      self._stepper, self._court)
        if case is not None:
            self.choose(case)

    # -- public surface ------------------------------------------------------------------------------
    def choose(self, case_id: str) -> None:
        """Show another case; the prediction and the reveal start afresh."""
        if case_id not in self._cases:
            from lessons.content.errors import LessonsError
            raise LessonsError(f"unknown case {case_id!r}; choose one of {', '.join(self._cases)}")
        self._case.value = case_id  # _on_case resets and redraws

    def predict(self, tier: str, range_: str) -> None:
        self._tier.value, self._range.value = tier, range_

    def check(self) -> None:
        """Reveal the engine's reading and the court's result (only once a prediction is made)."""
        self._revealed = True
        self._update()

    def feedback(self) -> str:
        return self._feedback.value

    # -- events --------------------------------------------------------------------------------------
    # Relabelling the controls inside _render() fires these observers too: only a learner's change resets.
    def _on_case(self, _change) -> None:
        if self._rendering:
            return
        self._revealed = False
        self._tier.value = self._range.value = UNSET
        self._update()

    def _on_prediction(self, _change) -> None:
        if self._rendering:
            return
        self._revealed = False
        self._update()

    # -- drawing -------------------------------------------------------------------------------------
    def _render(self) -> None:
        c, lang, t = self._content, self.lang, self._t
        set_options(self._case, [(case.title(lang), cid) for cid, case in self._cases.items()])
        self._case.description = t("court_cases.choose_case")
        case = self._cases[self._case.value]
        self._facts.value = (f"<p><b>{esc(t('court_cases.facts_heading'))}</b></p><p>{esc(case.story(lang))}</p>"
                             f"<p><b>{esc(t('court_cases.counting_heading'))}</b></p><p>{esc(case.counting(lang))}</p>"
                             f"<p><small>{esc(t('court_cases.source_heading'))}: {esc(case.source(lang))}</small></p>")
        choose = (t("common.choose"), UNSET)
        set_options(self._tier, [choose] + [(engine_text(c, f"tier_{x}", lang), x) for x in TIERS])
        set_options(self._range, [choose] + [(t(f"court_cases.range_{x}"), x) for x in TIERS])
        self._tier.description, self._range.description = t("court_cases.predict_tier"), t("court_cases.predict_range")
        self._reveal.description = t("court_cases.reveal")
        cmp = compare(case)
        prediction = {"tier": self._tier.value, "range": self._range.value}
        ready = self._revealed and UNSET not in prediction.values()
        base = {"case": case.id, "prediction": prediction, "revealed": ready}
        if not ready:
            self._feedback.value = (f"<p>{esc(t('court_cases.need_prediction'))}</p>"
                                    if self._revealed else "")
            self._stepper.layout.display = self._court.layout.display = "none"
            self.value = {**base, "engine_tier": None, "court_months": None, "tier_right": None,
                          "range_right": None, "agree": None, "reasons": []}
            return
        a = cmp.engine
        tier_right = prediction["tier"] == a.tier
        range_right = prediction["range"] in cmp.court_ranges
        lines = [t("court_cases.your_tier_right") if tier_right
                 else t("court_cases.your_tier_wrong", tier=engine_text(c, f"tier_{a.tier}", lang)),
                 t("court_cases.your_range_right") if range_right
                 else t("court_cases.your_range_wrong", months=case.court.sentence_months)]
        self._feedback.value = "".join(f"<p>{esc(line)}</p>" for line in lines)
        self._stepper.layout.display = self._court.layout.display = None
        self._stepper.show(a)
        self._court.value = self._court_html(case, cmp)
        self.value = {**base, "engine_tier": a.tier, "court_months": case.court.sentence_months,
                      "tier_right": tier_right, "range_right": range_right,
                      "agree": cmp.tier_agrees and cmp.range_agrees, "reasons": list(cmp.reasons)}

    def _court_html(self, case, cmp) -> str:
        c, lang, t = self._content, self.lang, self._t
        court = case.court
        sep = "、" if lang == "zh" else ", "
        ranges = sep.join(engine_text(c, f"tier_{r}", lang) for r in cmp.court_ranges)
        months = t("court_cases.court_months", months=court.sentence_months, ranges=ranges)
        if court.suspended_months:
            months += ("，" if lang == "zh" else ", ") + t("court_cases.court_suspended", months=court.suspended_months)
        items = [months, t("court_cases.court_fine", fine=f"{court.fine_yuan:,}")]
        if cmp.fine_multiple is not None:
            items.append(t("court_cases.fine_multiple", multiple=f"{cmp.fine_multiple:g}"))
        court_list = "".join(f"<li>{esc(x)}</li>" for x in items)
        agree = t("court_cases.agree_yes") if cmp.tier_agrees and cmp.range_agrees else t("court_cases.agree_no")
        reasons = "".join(f"<li>{esc(t('court_cases.reason_' + r))}</li>" for r in cmp.reasons)
        return (f"<p><b>{esc(t('court_cases.engine_heading'))}</b></p>{result_html(c, cmp.engine, lang)}"
                f"<p><b>{esc(t('court_cases.court_heading'))}</b> ({esc(court.court(lang))}, {esc(court.date)}, "
                f"{esc(court.judgment)})</p><ul>{court_list}</ul><p>{esc(court.text(lang))}</p>"
                f"<p><b>{esc(t('court_cases.compare_heading'))}</b>: {esc(agree)}</p><ul class='pi-court-reasons'>{reasons}</ul>")
