"""Step through the engine's decisions clause by clause (Back / Next), ending with the penalty ranges."""
from __future__ import annotations

import ipywidgets as w

from lessons.engine import Assessment, Facts, Step, assess
from lessons.engine.report import comparison_line, fact_label, show_value, step_texts, text, verdict_lines
from lessons.widgets.base import LessonWidget
from lessons.widgets.controls import button, esc
from lessons.widgets.clause_views import clause_html

STATUS_COLOURS = {"met": "#1b5e20", "not_met": "#8a8a8a", "unknown": "#b26a00", "not_computed": "#5c6bc0"}


def step_html(content, step: Step, lang: str) -> str:
    """One step: clause, question, facts read, comparisons, outcome and note."""
    s = step_texts(content, step, lang)
    t = lambda key, **v: esc(text(content, key, lang, **v))  # noqa: E731
    colon = "：" if lang == "zh" else ": "
    inputs = "".join(f"<li>{esc(fact_label(content, k, lang))}{colon}<b>{esc(show_value(content, v, lang))}</b></li>"
                     for k, v in step.inputs.items()) or f"<li>{t('no_inputs')}</li>"
    rows = "".join(f"<li>{esc(comparison_line(content, c, lang))}</li>" for c in step.comparisons)
    badge = (f"<span class='pi-step-status' style='color:white;background:{STATUS_COLOURS[step.status]};"
             f"padding:1px 6px;border-radius:4px'>{t('label_' + step.status)}</span>")
    c = "：" if lang == "zh" else ":"
    parts = [clause_html(content, step.clause, lang),
             f"<p><b>{t('question')}{c}</b> {esc(s['question'])}</p>",
             f"<p><b>{t('inputs')}{c}</b></p><ul>{inputs}</ul>"]
    if rows:
        parts.append(f"<p><b>{t('comparison')}{c}</b></p><ul>{rows}</ul>")
    parts.append(f"<p><b>{t('outcome')}{c}</b> {badge} {esc(s['conclusion'])}</p>")
    if s["note"]:
        parts.append(f"<p><i>{t('note')}{c} {esc(s['note'])}</i></p>")
    return "".join(parts)


def result_html(content, a: Assessment, lang: str) -> str:
    """The final page: the verdict lines, open points and the scope of the engine."""
    items = "".join(f"<li>{esc(line)}</li>" for line in verdict_lines(a, content, lang))
    warnings = "".join(f"<li>{esc(text(content, w_, lang))}</li>" for w_ in a.warnings)
    html = f"<ul class='pi-verdict-lines'>{items}</ul>"
    if warnings:
        colon = "：" if lang == "zh" else ":"
        html += f"<p><b>{esc(text(content, 'verdict_warnings', lang))}{colon}</b></p><ul>{warnings}</ul>"
    return html + f"<p><small>{esc(text(content, 'verdict_scope', lang))}</small></p>"


class StepperWidget(LessonWidget):
    """Back / Next through an Assessment's steps; the last page shows the sentencing and fine ranges.

    Pass ``assessment`` (or ``facts`` to assess); ``show(assessment)`` replaces it and starts again.
    ``value`` holds ``{"index", "total", "clause", "status", "final"}``.

    Public surface: ``next()``, ``back()``, ``skip(on)`` (hide rules that do not hold), ``show(assessment)``;
    parts ``page`` and ``counter`` via ``read``/``html``; ``"back"``/``"next"`` in ``actions`` when possible.
    """

    TITLE_KEY = "stepper.title"

    def __init__(self, assessment: Assessment | None = None, facts: Facts | None = None, content=None,
                 lang=None, remember_language=True, page=None):
        super().__init__(content, lang, remember_language, page=page)
        self._assessment = assessment if assessment is not None else assess(facts or Facts())
        self._index = 0
        self._back = button("pi-stepper-back", icon="arrow-left")
        self._back.add_class("pi-back")
        self._next = button("pi-stepper-next", icon="arrow-right")
        self._next.add_class("pi-next")
        self._skip = w.Checkbox(value=False, indent=False)
        self._skip.add_class("pi-stepper-skip")
        self._counter = w.HTML()
        self._counter.add_class("pi-step-counter")
        self._counter.add_class("pi-counter")
        self._body = w.HTML()
        self._body.add_class("pi-step-body")
        self._body.add_class("pi-page")
        self._back.on_click(lambda _: self._move(-1))
        self._next.on_click(lambda _: self._move(1))
        self._skip.observe(self._on_skip, names="value")
        self._compose(w.HBox([self._back, self._counter, self._next, self._skip],
                             layout=w.Layout(align_items="center", flex_flow="row wrap")), self._body)

    def show(self, assessment: Assessment) -> None:
        """Step through another assessment, from its first step."""
        self._assessment, self._index = assessment, 0
        self._update()

    def next(self) -> None:
        """Press Next (an error on the last page, where the button is disabled)."""
        self._press("next")

    def back(self) -> None:
        """Press Back (an error on the first page, where the button is disabled)."""
        self._press("back")

    def skip(self, on: bool = True) -> None:
        """Tick (or untick) "skip rules that do not hold"; starts again from the first page."""
        self._skip.value = bool(on)

    def _pages(self) -> list[Step | None]:
        steps = [s for s in self._assessment.steps if not (self._skip.value and s.status == "not_met")]
        return [*steps, None]  # None: the final result page

    def _move(self, delta: int) -> None:
        self._index = min(max(self._index + delta, 0), len(self._pages()) - 1)
        self._update()

    def _on_skip(self, _change) -> None:
        self._index = 0
        self._update()

    def _render(self) -> None:
        pages = self._pages()
        self._index = min(self._index, len(pages) - 1)
        page, total = pages[self._index], len(pages)
        self._back.description, self._next.description = self._t("stepper.back"), self._t("stepper.next")
        self._back.tooltip, self._next.tooltip = self._t("stepper.back_tip"), self._t("stepper.next_tip")
        self._skip.description = self._t("stepper.skip")
        self._back.disabled, self._next.disabled = self._index == 0, self._index == total - 1
        # Counted in steps (the result page is not a step), the same words whether or not rules are skipped.
        steps, skipped = total - 1, len(self._assessment.steps) - (total - 1)
        note = self._t("stepper.skipped", n=skipped) if skipped else ""
        if page is None:
            self._counter.value = f"<b>{esc(self._t('stepper.result', steps=steps))}</b>{esc(note)}"
            self._body.value = result_html(self._content, self._assessment, self.lang)
        else:
            self._counter.value = esc(self._t("stepper.counter", index=self._index + 1, total=steps) + note)
            self._body.value = step_html(self._content, page, self.lang)
        self.value = {"index": self._index, "total": total, "final": page is None,
                      "clause": None if page is None else page.clause,
                      "status": None if page is None else page.status, "tier": self._assessment.tier,
                      "settled": self._assessment.settled}
