"""A learner's own results page: counted score and practice per scored exercise, to keep and print.

The scores are the class summary's (``class_summary.summarise``): each saved exercise's first
answers marked by ``AnswerKeys.mark``, the marker the gradebook uses; answers given after the
feedback was shown are practice and do not count. A test checks the two agree on the same file.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from lessons.classroom import printable
from lessons.classroom.exercises import title
from lessons.classroom.grading import AnswerKeys
from lessons.content.course import Content
from lessons.content.text import check_language


@dataclass(frozen=True)
class ExerciseResult:
    exercise: str
    counted: int | None  # None: not started
    total: int
    practice: int


def results(saved: dict, keys: AnswerKeys, retries_count: bool = False) -> list[ExerciseResult]:
    """Every scored exercise of the course, in course order, as the class summary counts the learner's
    saved records (``retries_count``: the latest answers count, as the classroom setting says)."""
    out = []
    for exercise, questions in keys.exercises.items():
        record = saved.get(exercise)
        if not isinstance(record, dict):
            out.append(ExerciseResult(exercise, None, keys.total(exercise), 0))
            continue
        answers = record.get("answers", {})
        marked = keys.mark(exercise, answers if retries_count else {**answers, **record.get("first", {})})
        practice = sum(n - 1 for q, n in record.get("attempts", {}).items() if n > 1 and q in questions)
        out.append(ExerciseResult(exercise, sum(marked.values()), keys.total(exercise), practice))
    return out


def to_html(rows: list[ExerciseResult], learner: str, content: Content, lang: str, retries_count: bool = False) -> str:
    """The results as a standalone page in ``lang`` (``printable.page``)."""
    check_language(lang)
    e = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    t = lambda key, **v: e(content.text(f"learner.{key}", lang, **v))  # noqa: E731
    head = "".join(f"<th scope='col'>{t(k)}</th>" for k in ("results_exercise", "results_counted", "results_practice"))
    body = []
    for r in rows:
        score = t("results_not_started") if r.counted is None else t("results_score", score=r.counted, total=r.total)
        body.append(f"<tr><th scope='row'>{e(title(r.exercise, lang))}</th><td class='pi-number'>{score}</td>"
                    f"<td class='pi-number'>{t('results_practice_count', n=r.practice)}</td></tr>")
    counted = sum(r.counted or 0 for r in rows)
    body.append(f"<tr><th scope='row'>{t('results_total')}</th><td class='pi-number'>"
                f"{t('results_score', score=counted, total=sum(r.total for r in rows))}</td>"
                f"<td class='pi-number'>{t('results_practice_count', n=sum(r.practice for r in rows))}</td></tr>")
    page = (f"<h1>{t('results_title')}</h1><p>{e(content.text('common.course_title', lang))}<br>"
            f"{t('results_learner', name=learner)}</p><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
            f"<p><small>{t('results_why_latest' if retries_count else 'results_why')}</small></p>")
    return printable.page(content.text("learner.results_title", lang), page, lang)
