"""HTML views of classifier results and piece counts, shared by the Lesson 2 widgets."""
from __future__ import annotations

from typing import TYPE_CHECKING

from lessons.classify.classifier import UNSURE, ColumnResult
from lessons.content.course import Content
from lessons.classify.pieces import (
    DUPLICATES_CLAUSE,
    Pieces,
    especially_serious_clause,
    serious_clause,
    tier_thresholds,
)
from lessons.widgets.controls import esc
from lessons.widgets.clause_views import clause_html

if TYPE_CHECKING:  # the browser's kernel has no pandas: tables there are PlainFrames (lessons.classify.plain)
    import pandas as pd

_TABLE = "border-collapse:collapse;font-size:90%"
_CELL = "border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top"


def _t(content: Content, lang: str, key: str, **values) -> str:
    return content.text(f"classify.{key}", lang, **values)


def type_label(content: Content, lang: str, info_type: str | None, unsure: bool = False) -> tuple[str, str, str]:
    """(type, category, tier) names of an information type, or 'not personal' / 'unsure' and dashes."""
    if info_type is None:
        return (_t(content, lang, "unsure" if unsure else "not_personal"), "–", "–")
    t = content.info_types[info_type]
    return t.name(lang), content.categories[t.category].name(lang), content.tiers[t.tier].name(lang)


def sample_table(frame: pd.DataFrame, rows: int = 5) -> str:
    """The first rows of a table (a DataFrame or a PlainFrame) as HTML."""
    head = "".join(f"<th style='{_CELL}'>{esc(c)}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td style='{_CELL}'>{esc(v)}</td>" for v in row) + "</tr>"
                   for row in frame.head(rows).itertuples(index=False))
    return f"<div style='overflow-x:auto'><table style='{_TABLE}'><tr>{head}</tr>{body}</table></div>"


def columns_table(content: Content, lang: str, columns: list[ColumnResult], key: dict | None = None) -> str:
    """The classifier's answer per column with its evidence; with ``key``, a comparison column."""
    heads = ["col_column", "col_type", "col_category", "col_tier", "col_confidence", "col_evidence"] + (
        ["col_key"] if key else []
    )
    out = ["<tr>" + "".join(f"<th style='{_CELL}'>{esc(_t(content, lang, h))}</th>" for h in heads) + "</tr>"]
    for c in columns:
        names = type_label(content, lang, c.info_type, c.status == UNSURE)
        evidence = "".join(f"<li>{esc(e)}</li>" for e in c.evidence_text(content, lang))
        cells = [
            f"<b>{esc(c.name)}</b>",
            *map(esc, names),
            f"{c.confidence:.2f}",
            f"<ul style='margin:0;padding-left:1.2em'>{evidence}</ul>",
        ]
        if key:
            expected = key.get(c.name)
            if expected == c.info_type and c.status != UNSURE:
                cells.append(f"<span style='color:#1b7f3b'>✓ {esc(_t(content, lang, 'agrees'))}</span>")
            else:
                wrong = _t(content, lang, "disagrees", answer=type_label(content, lang, expected)[0])
                cells.append(f"<span style='color:#b3261e'>✗ {esc(wrong)}</span>")
        out.append("<tr>" + "".join(f"<td style='{_CELL}'>{cell}</td>" for cell in cells) + "</tr>")
    return f"<div style='overflow-x:auto'><table style='{_TABLE}'>{''.join(out)}</table></div>"


def pieces_html(content: Content, lang: str, pieces: Pieces) -> str:
    """Counts per tier against the thresholds, the proportional score and the clauses behind them."""
    counted = sum(pieces.pieces.values())
    line = _t(content, lang, "rows_line", rows=pieces.rows, duplicates=pieces.duplicates_removed, counted=counted)
    parts = [f"<p>{esc(line)}</p>"]
    if pieces.without_personal_information:
        parts.append(f"<p>{esc(_t(content, lang, 'no_pi_line', n=pieces.without_personal_information))}</p>")
    heads = ["col_tier", "col_threshold", "col_pieces", "col_share"]
    rows = ["<tr>" + "".join(f"<th style='{_CELL}'>{esc(_t(content, lang, h))}</th>" for h in heads) + "</tr>"]
    thresholds = tier_thresholds()
    for tier in content.tiers.values():
        n = pieces.pieces[tier.id]
        rows.append(
            f"<tr><td style='{_CELL}'>{esc(tier.name(lang))}</td><td style='{_CELL}'>{thresholds[tier.id]:,}</td>"
            f"<td style='{_CELL}'>{n:,}</td><td style='{_CELL}'>{n / thresholds[tier.id]:.4g}</td></tr>"
        )
    score = f"{pieces.proportional_score:g}"
    rows.append(
        f"<tr><th style='{_CELL}' colspan='3'>{esc(_t(content, lang, 'total_score'))}</th>"
        f"<th style='{_CELL}'>{score}</th></tr>"
    )
    parts.append(f"<table class='pi-pieces-table' style='{_TABLE}'>{''.join(rows)}</table>")
    parts.append(f"<p class='pi-verdict'><b>{esc(_t(content, lang, 'verdict_' + pieces.level, score=score))}</b></p>")
    parts.append(f"<p>{esc(_t(content, lang, 'score_explained'))}</p>")
    parts.append(clause_html(content, serious_clause(), lang))
    parts.append(clause_html(content, especially_serious_clause(), lang))
    parts.append(f"<p>{esc(_t(content, lang, 'duplicates_explained'))}</p>")
    parts.append(clause_html(content, DUPLICATES_CLAUSE, lang))
    facts = pieces.engine_input()  # shown as the engine's facts in words, not as JSON (a law student reads it)
    items = [f"{content.text('engine.fact_conduct', lang)}: {content.text('engine.value_' + facts['conduct'], lang)}"]
    items += [f"{content.text('engine.fact_pieces_' + tier, lang)}: {n:,}" for tier, n in facts["pieces"].items()]
    listed = "".join(f"<li>{esc(item.replace(': ', '：') if lang == 'zh' else item)}</li>" for item in items)
    parts.append(f"<p>{esc(_t(content, lang, 'engine_note'))}</p><ul class='pi-engine-input'>{listed}</ul>")
    return "".join(parts)
