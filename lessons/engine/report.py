"""Views of an Assessment in one language: JSON for ``assess --json``, text lines for the CLI and widgets.

Texts come from ``data/content/ui/engine.yaml``; clause texts from the content layer.
"""
from __future__ import annotations

import re
from typing import Any

from lessons.content.tier_ids import NO_CRIME
from lessons.content.course import Content
from lessons.engine.result import Assessment, Comparison, Step, _num

FORMAT = "pi-lessons.assess.v1"


def _has(content: Content, key: str) -> bool:
    return f"engine.{key}" in content.ui


def _fmt(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return value  # e.g. the parts of a range a step names; texts do not print them
    value = _num(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return value


def text(content: Content, key: str, lang: str, **values) -> str:
    return content.text(f"engine.{key}", lang, **{k: _date(_fmt(v), lang) for k, v in values.items()})


def _date(value: Any, lang: str) -> Any:
    """An ISO date as a Chinese sentence writes it (2026年1月1日); other values unchanged."""
    if lang == "zh" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        year, month, day = (int(x) for x in value.split("-"))
        return f"{year}年{month}月{day}日"
    return value


def fact_label(content: Content, name: str, lang: str) -> str:
    key = "fact_" + name.replace(".", "_")
    return text(content, key, lang) if _has(content, key) else name


def show_value(content: Content, value: Any, lang: str) -> str:
    if value is None:
        return text(content, "unknown", lang)
    if isinstance(value, bool):
        return text(content, "yes" if value else "no", lang)
    if isinstance(value, str):
        return text(content, f"value_{value}", lang) if _has(content, f"value_{value}") else value
    if isinstance(value, (list, tuple)):
        if not value:
            return text(content, "value_none", lang)
        return ", ".join(show_value(content, v, lang) if not isinstance(v, dict) else str(v) for v in value)
    return str(_fmt(value))


def comparison_line(content: Content, c: Comparison, lang: str) -> str:
    value = _fmt(c.value) if c.exact else text(content, "at_least", lang, value=c.value)
    result = text(content, f"label_{ {True: 'met', False: 'not_met', None: 'unknown'}[c.holds]}".replace(" ", ""), lang)
    return text(content, "compare_line", lang, fact=fact_label(content, c.fact, lang), value=value,
                threshold=_fmt(c.threshold), result=result)


def step_texts(content: Content, step: Step, lang: str) -> dict:
    """Question, conclusion and note of a step, plus its clause (citation, Chinese text, English rendering)."""
    variant = step.values.get("tier") or ("covered" if step.values.get("covered") else None)
    keys = [f"{step.rule}_{step.status}_{variant}", f"{step.rule}_{step.status}", f"status_{step.status}"]
    conclusion_key = next(k for k in keys if _has(content, k))
    p = content.provisions[step.clause]
    return {
        "question": text(content, f"{step.rule}_q", lang, **step.values),
        "conclusion": text(content, conclusion_key, lang, **step.values),
        "note": text(content, f"{step.rule}_note", lang, **step.values) if _has(content, f"{step.rule}_note") else None,
        "cite": p.cite(lang),
        "clause_text": {"zh": p.text.zh, "en": p.text.en},
        "verbatim": p.verbatim,
    }


def step_json(content: Content, step: Step, lang: str) -> dict:
    return {
        "clause": step.clause,
        "holds": step.holds,
        "status": step.status,
        "rule": step.rule,
        "tier": step.tier,
        **step_texts(content, step, lang),
        "inputs": {k: _json_value(v) for k, v in step.inputs.items()},
        "comparisons": [c.to_json() for c in step.comparisons],
        "unknown_facts": list(step.unknown),
    }


def _json_value(v):
    if isinstance(v, tuple):
        return list(v)
    return _num(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v


def to_json(a: Assessment, content: Content, lang: str = "en") -> dict:
    """The documented JSON result of ``python -m lessons assess --json``."""
    return {
        "format": FORMAT,
        "tier": a.tier,
        "regime": a.regime,
        "imprisonment_months": list(a.imprisonment_months) if a.imprisonment_months else None,
        "criminal_detention_months": list(a.criminal_detention_months) if a.criminal_detention_months else None,
        "settled": a.settled,
        "fine": {"required": a.fine_required, "sole_penalty_allowed": a.fine_sole_penalty_allowed,
                 "range_yuan": [_num(x) for x in a.fine_range_yuan] if a.fine_range_yuan else None,
                 # Interp. Art. 12 says "generally" (一般) 1-5 times the gains: a guideline, not a bound.
                 "guideline": a.fine_guideline},
        "heavier_punishment": a.heavier_punishment,
        "leniency": a.leniency,
        "probation_possible": a.probation_possible,
        "unit_fined": a.unit_fined,
        "related_offences": list(a.related_offences),
        "sentencing_factors": {"mitigating": list(a.mitigating), "aggravating": list(a.aggravating),
                               # half-open: from the first value to under the second (Art. 63, review E9)
                               "below_floor_range_months": list(a.below_floor_range_months)
                               if a.below_floor_range_months else None,
                               **({"below_floor_upper_excluded": True} if a.below_floor_range_months else {})},
        "administrative": [dict(x) for x in a.administrative],
        "conduct_date": a.conduct_date,
        "steps": [step_json(content, s, lang) for s in a.steps],
        "missing_facts": list(a.missing_facts),
        "warnings": [{"id": w, "text": text(content, w, lang)} for w in a.warnings],
    }


def verdict_lines(a: Assessment, content: Content, lang: str) -> list[str]:
    """The outcome in a few lines: tier, ranges, fine, heavier punishment, leniency, missing facts."""
    t = lambda key, **v: text(content, key, lang, **v)  # noqa: E731
    if a.settled:
        lines = [t("verdict_tier", tier=t(f"tier_{a.tier}"))]
    else:
        # Never "no crime" while unknown facts could still make the case serious.
        tier = t("tier_none_unsettled") if a.tier == NO_CRIME else t(f"tier_{a.tier}")
        lines = [t("verdict_tier_unsettled", tier=tier)]
    if a.imprisonment_months:
        lines.append(t("verdict_imprisonment", low=a.imprisonment_months[0], high=a.imprisonment_months[1]))
    if a.criminal_detention_months:
        lines.append(t("verdict_detention", low=a.criminal_detention_months[0], high=a.criminal_detention_months[1]))
    if a.fine_range_yuan:
        low, high = a.fine_range_yuan
        lines.append(t("verdict_fine", low=low, high=high) if high is not None else t("verdict_fine_open", low=low))
        lines.append(t("verdict_fine_sole") if a.fine_sole_penalty_allowed else t("verdict_fine_with_prison"))
    if a.heavier_punishment:
        lines.append(t("verdict_heavier"))
    if a.tier != NO_CRIME:
        lines.append(t("verdict_leniency", leniency=t(f"leniency_{a.leniency}")))
        lines.append(t("verdict_probation") if a.probation_possible else t("verdict_probation_recidivist"))
    if a.mitigating:
        sep = "、" if lang == "zh" else ", "
        lines.append(t("verdict_factors", factors=sep.join(fact_label(content, m, lang) for m in a.mitigating)))
    if a.below_floor_range_months:
        lines.append(t("verdict_below_floor", low=a.below_floor_range_months[0], high=a.below_floor_range_months[1]))
    if a.unit_fined:
        lines.append(t("verdict_unit"))
    if a.administrative:
        sep = "；" if lang == "zh" else "; "
        cites = sep.join(content.provisions[x["clause"]].cite(lang) for x in a.administrative)
        lines.append(t("verdict_admin", clauses=cites))
        if "conduct_date" in a.missing_facts:
            lines.append(t("verdict_admin_by_date"))
    if a.missing_facts:
        sep = "；" if lang == "zh" else "; "
        lines.append(t("verdict_missing", facts=sep.join(fact_label(content, m, lang) for m in a.missing_facts)))
    else:
        lines.append(t("verdict_no_missing"))
    return lines


def to_text(a: Assessment, content: Content, lang: str = "en") -> str:
    """A plain-text report: verdict, open points, then every step with its clause."""
    out, colon = verdict_lines(a, content, lang), "：" if lang == "zh" else ":"
    if a.warnings:
        out += ["", text(content, "verdict_warnings", lang) + colon] + [
            f"- {text(content, w, lang)}" for w in a.warnings
        ]
    out += ["", text(content, "verdict_steps", lang) + colon]
    for number, step in enumerate(a.steps, 1):
        s = step_texts(content, step, lang)
        out.append(f"{number:2}. [{text(content, 'label_' + step.status, lang)}] {s['cite']} — {s['question']}")
        out += [f"      {comparison_line(content, c, lang)}" for c in step.comparisons]
        out.append(f"      → {s['conclusion']}")
    out += ["", text(content, "verdict_scope", lang)]
    return "\n".join(out)
