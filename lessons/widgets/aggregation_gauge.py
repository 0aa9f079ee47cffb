"""The picture of proportional aggregation (Interpretation Art. 5 para. 1 item 6): a bar against the
1x ("serious") and 10x ("especially serious") lines, drawn as inline SVG."""
from __future__ import annotations

import ipywidgets as w

from lessons.engine import Facts, Pieces, assess
from lessons.engine.case import proportional_parts
from lessons.content.thresholds import load_thresholds
from lessons.content.tier_ids import TIER_IDS
from lessons.engine.report import text
from lessons.widgets.base import LessonWidget
from lessons.widgets.controls import esc

COLOURS = dict(zip(TIER_IDS, ("#c62828", "#ef6c00", "#1565c0"), strict=True))
SCALE_MAX, WIDTH, LEFT = 12, 560, 10


def aggregation_svg(parts: dict, labels: dict, title: str, marks: tuple) -> str:
    """A stacked bar of the per-tier shares on a 0-12 scale.

    Lines stand at ``marks`` ("serious", "especially serious").
    """
    x = lambda v: LEFT + min(float(v), SCALE_MAX) / SCALE_MAX * WIDTH  # noqa: E731
    bars, start = [], 0
    for tier in TIER_IDS:
        share = parts[tier]
        if share and start < SCALE_MAX:
            bars.append(f"<rect x='{x(start):.1f}' y='28' width='{x(start + share) - x(start):.1f}' height='26' "
                        f"fill='{COLOURS[tier]}'><title>{esc(labels[tier])}</title></rect>")
        start += share
    lines = "".join(
        f"<line x1='{x(v):.1f}' y1='18' x2='{x(v):.1f}' y2='64' "
        "stroke='black' stroke-width='2' stroke-dasharray='4 2'/>"
        f"<text x='{x(v) + 3:.1f}' y='14' font-size='12'>{esc(labels[key])}</text>"
        for v, key in zip(marks, ("line_1", "line_10"), strict=True)
    )
    ticks = "".join(
        f"<text x='{x(v):.1f}' y='80' font-size='10' text-anchor='middle'>{v}</text>"
        for v in range(0, SCALE_MAX + 1, 2)
    )
    more = (f"<text x='{LEFT + WIDTH - 4}' y='46' font-size='14' text-anchor='end' fill='white'>▶</text>"
            if start > SCALE_MAX else "")
    return (
        f"<svg class='pi-agg-svg' role='img' aria-label='{esc(title)}' width='{WIDTH + 2 * LEFT + 60}' height='88' "
        f"viewBox='0 0 {WIDTH + 2 * LEFT + 60} 88' "  # scales down on a narrow screen instead of running off it
        f"xmlns='http://www.w3.org/2000/svg'><title>{esc(title)}</title>"
        f"<rect x='{LEFT}' y='28' width='{WIDTH}' height='26' fill='#eeeeee'/>{''.join(bars)}{lines}{ticks}{more}</svg>"
    )


class AggregationWidget(LessonWidget):
    """Set piece counts per tier (and insider status) and watch the proportional sum against 1 and 10.

    ``value`` holds ``{"pieces", "insider", "score", "tier"}``; the tier is the engine's, from these
    quantities alone.

    Public surface: ``set_fact(name, value)`` with the engine's fact names (``"pieces.tier_50"`` ...,
    ``"obtained_in_duties"``); parts ``picture`` and ``result`` via ``read``/``html``.
    """

    TITLE_KEY = "aggregation.title"

    def __init__(self, pieces: dict | None = None, insider: bool = False, content=None, lang=None,
                 remember_language=True, page=None):
        super().__init__(content, lang, remember_language, page=page)
        start = Facts.from_dict({"pieces": pieces or {}}).pieces or Pieces()
        self._counts = {t: w.BoundedIntText(value=start.get(t) or 0, min=0, max=10**9, step=10,
                                            layout=w.Layout(width="20em"), style={"description_width": "11em"})
                        for t in TIER_IDS}
        for tier, box in self._counts.items():
            box.add_class(f"pi-agg-{tier.replace('_', '-')}")
            box.observe(lambda _c: self._update(), names="value")
        self._insider = w.Checkbox(value=bool(insider), indent=False)
        self._insider.add_class("pi-agg-insider")
        self._insider.observe(lambda _c: self._update(), names="value")
        self._picture = w.HTML()
        self._picture.add_class("pi-agg-picture")
        self._picture.add_class("pi-picture")
        self._result = w.HTML()
        self._result.add_class("pi-agg-result")
        self._result.add_class("pi-result")
        self._compose(w.VBox(list(self._counts.values())), self._insider, self._picture, self._result)

    def set_fact(self, name: str, value) -> None:
        """Type a piece count (``"pieces.<tier>"``) or tick ``"obtained_in_duties"`` (the insider box)."""
        if name == "obtained_in_duties":
            self._insider.value = bool(value)
        elif name.startswith("pieces.") and name[7:] in self._counts:
            self._counts[name[7:]].value = int(value)
        else:
            raise KeyError(
                f"no fact {name!r} here; facts: {', '.join(f'pieces.{t}' for t in self._counts)}, obtained_in_duties"
            )

    def _render(self) -> None:
        for tier, box in self._counts.items():
            box.description = self._t(f"aggregation.{tier}")
        self._insider.description = self._t("aggregation.insider")
        pieces = Pieces(**{t: box.value for t, box in self._counts.items()})
        insider = self._insider.value
        parts = proportional_parts(pieces, insider)
        score = sum(parts.values())
        labels = {t: self._t("aggregation.share", tier=self._t(f"aggregation.{t}"), share=f"{float(parts[t]):.2f}")
                  for t in TIER_IDS}
        labels.update(line_1=self._t("aggregation.line_1"), line_10=self._t("aggregation.line_10"))
        self._picture.value = aggregation_svg(
            parts, labels, self._t("aggregation.svg_title", score=f"{float(score):.2f}"), self._marks()
        )
        facts = Facts(conduct="sell_or_provide", pieces=pieces, illegal_gains_yuan=0, obtained_in_duties=insider,
                      whereabouts_used_for_crime=False, knew_recipient_would_commit_crime=False, prior_record="none",
                      consequences=(), irreversibly_anonymised=False)
        tier = assess(facts).tier
        sums = " + ".join(f"{box.value:,}/{self._denominator(t)}" for t, box in self._counts.items())
        lines = [self._t("aggregation.formula", sums=sums, score=f"{float(score):.2f}"),
                 self._t("aggregation.verdict", tier=text(self._content, f"tier_{tier}", self.lang)),
                 self._t("aggregation.halves" if insider else "aggregation.no_gains")]
        self._result.value = "".join(f"<p>{esc(line)}</p>" for line in lines)
        self.value = {"pieces": pieces.to_dict(), "insider": insider, "score": round(float(score), 4), "tier": tier}

    @staticmethod
    def _marks() -> tuple[int, int]:
        """Where the sum makes "serious" and "especially serious" (Interp. Art. 5 para. 1 item 6, para. 2 item 3)."""
        th = load_thresholds()
        serious = th.value("proportional_sum")
        return serious, serious * th.value("especially_serious_multiplier")

    def _denominator(self, tier: str) -> str:
        th = load_thresholds()
        n = th.value(tier)
        return f"{n // th.value('insider_divisor'):,}" if self._insider.value else f"{n:,}"
