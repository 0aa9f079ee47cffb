"""The teacher's class summary: score table, correct rate per question, most-missed, chart, skipped files."""
from __future__ import annotations

import urllib.parse
from pathlib import Path

import ipywidgets as w

from lessons.content.course import Content
from lessons.content.errors import LessonsError, shown_error
from lessons.content.reader import DATA_DIR
from lessons.classroom.class_summary import ClassSummary, QuestionStat, bar_chart_svg, exercise_name, summarise, to_csv
from lessons.widgets.base import LessonWidget
from lessons.widgets.controls import button, esc, set_shown

EXAMPLE_DIR = DATA_DIR / "examples" / "class-progress"


def _pct(right: int, total: int) -> str:
    return f"{round(100 * right / total)}%" if total else "–"


class ClassSummaryView(LessonWidget):
    """Load a folder of collected progress files and show the summary (default: the shipped example).

    ``value`` = the summary's JSON form (``ClassSummary.to_dict()``), or ``{"error": message}``.
    Public surface: ``load(folder)`` (type a folder and press Load), ``summary``; part ``summary``
    via ``read``/``html``.
    """

    TITLE_KEY = "class_summary.title"

    def __init__(
        self, content: Content | None = None, lang: str | None = None, folder: Path | str | None = None, **kwargs
    ):
        super().__init__(content, lang, **kwargs)
        self._folder = w.Text(
            value=str(folder if folder is not None else EXAMPLE_DIR),
            style={"description_width": "initial"},
            layout=w.Layout(width="100%", max_width="40em"),
        )
        self._folder.add_class("pi-summary-folder")
        self._load = button("pi-summary-load", icon="folder-open")
        self._load.on_click(lambda _: self._reload())
        self._intro, self._report = w.HTML(), w.HTML()
        self._report.add_class("pi-summary")
        self._summary: ClassSummary | None = None
        self._error = ""
        self._read()
        self._compose(
            self._intro,
            w.HBox([self._folder, self._load], layout=w.Layout(align_items="center", flex_flow="row wrap")),
            self._report,
        )

    @property
    def summary(self) -> ClassSummary | None:
        return self._summary

    def load(self, folder: Path | str) -> None:
        """Type a folder into the box and press Load."""
        self._folder.value = str(folder)
        self._press("summary-load")

    def _read(self) -> None:
        if self._page.classroom.shared:  # no logins: anyone could read every learner's work through this page
            self._summary, self._error = None, "shared"
            set_shown(self._folder, False)
            set_shown(self._load, False)
            return
        folder = Path(self._folder.value.strip())
        problem = "no_folder" if not folder.exists() else None if folder.is_dir() else "not_folder"
        try:
            self._summary, self._error = (
                (summarise(folder, classroom=self._page.classroom), "") if problem is None else (None, problem)
            )
        except (LessonsError, OSError) as exc:
            self._summary, self._error = None, shown_error(exc, self._content, self.lang)

    def _reload(self) -> None:
        self._read()
        self._update()

    def _render(self) -> None:
        self._intro.value = f"<p>{esc(self._t('class_summary.intro'))}</p>"
        self._folder.description = self._t("class_summary.folder")  # the box's visible label and accessible name
        self._load.description = self._t("class_summary.load")
        self._load.tooltip = self._t("class_summary.load_tip")
        if self._summary is None:
            message = self._error
            if message in ("no_folder", "not_folder", "shared"):
                message = self._t(f"class_summary.{message}", folder=self._folder.value.strip())
            self._report.value = f"<p style='color:#b3261e'>{esc(message)}</p>"
            self.value = {"error": message}
            return
        self._report.value = self._html(self._summary)
        self.value = self._summary.to_dict()

    def _number(self, q: QuestionStat) -> str:
        """Where a question sits, in words: "Lesson 1 self-check Q3" (ids are for the CSV and JSON)."""
        return f"{exercise_name(q.exercise, self.lang)} {self._t('class_summary.question_number', n=q.number)}"

    def _html(self, s: ClassSummary) -> str:
        lang = self.lang
        t = lambda key, **v: esc(self._t(f"class_summary.{key}", **v))  # noqa: E731
        out = []
        if s.due:
            out.append(f"<p>{t('due', due=s.due)}</p>")
        out.append(f"<p><small>{t('retries_latest' if s.retries_count else 'retries_first')}</small></p>")
        if s.empty:
            out.append(f"<p>{t('empty', folder=s.folder)}</p>")
        else:
            head = "".join(f"<th>{esc(exercise_name(e, lang))}</th>" for e in s.exercises)
            rows = []
            for r in s.learners:
                cells = "".join(
                    f"<td>{r.scores[e][0]}/{r.scores[e][1]}</td>" if e in r.scores else "<td>–</td>"
                    for e in s.exercises
                )
                notes = [t(f"flag_{f}") for f in r.flags] + ([t("practice", n=r.practice)] if r.practice else [])
                css = " class='pi-flagged'" if r.flags else ""
                rows.append(f"<tr{css}><td>{esc(r.student_id or '–')}</td><td>{esc(r.learner)}</td>{cells}"
                            f"<td><b>{r.score}/{r.total}</b> ({_pct(r.score, r.total)})</td>"
                            f"<td>{esc(r.last_activity or '–')}</td><td>{esc(r.handed_in or '–')}</td>"
                            f"<td>{'<br>'.join(notes) or '–'}</td></tr>")
            out.append(f"<h4>{t('learners')} ({len(s.learners)})</h4><table class='pi-summary-learners'>"
                       f"<tr><th>{t('student_id')}</th><th>{t('learner')}</th>{head}<th>{t('total')}</th>"
                       f"<th>{t('last_activity')}</th><th>{t('handed_in')}</th><th>{t('flags')}</th></tr>{''.join(rows)}</table>")
            csv_uri = "data:text/csv;charset=utf-8," + urllib.parse.quote(to_csv(s, lang))
            out.append(
                f"<p><a class='pi-summary-csv' download='gradebook.csv' href='{csv_uri}'>{t('download_csv')}</a></p>"
            )
            if s.questions:
                missed = "".join(f"<li><b>{esc(self._number(q))}</b> {esc(q.title(lang))}: {q.correct}/{q.answered} "
                                 f"({_pct(q.correct, q.answered)})</li>" for q in s.most_missed())
                out.append(f"<h4>{t('most_missed')}</h4><ol class='pi-summary-missed'>{missed}</ol>")
                bars = [(_short(self._number(q)), q.rate) for q in sorted(s.questions, key=lambda q: (q.rate, q.id))]
                out.append(f"<h4>{t('chart')}</h4>{bar_chart_svg(bars, self._t('class_summary.chart'))}")
                question_rows = "".join(
                    f"<tr><td><b>{esc(self._number(q))}</b><br>{esc(q.title(lang))}</td><td>{q.answered}</td>"
                    f"<td>{q.correct}/{q.answered} "
                    f"({_pct(q.correct, q.answered)})</td>"
                    f"<td>{esc(q.wrong_answer(lang)) if q.wrong_answer else '–'}</td>"
                    f"<td>{esc(q.concept(lang)) if q.concept else '–'}</td></tr>"
                    for q in s.questions
                )
                out.append(f"<details><summary>{t('questions')}</summary><table class='pi-summary-questions'>"
                           f"<tr><th>{t('question')}</th><th>{t('answered')}</th><th>{t('correct_rate')}</th>"
                           f"<th>{t('most_wrong')}</th><th>{t('concept')}</th></tr>{question_rows}</table></details>")
            else:
                out.append(f"<p>{t('no_answers')}</p>")
        if s.skipped:
            items = "".join(f"<li>{esc(k.file)}: {t('skip_' + k.reason)}</li>" for k in s.skipped)
            out.append(f"<h4>{t('skipped')} ({len(s.skipped)})</h4><ul class='pi-summary-skipped'>{items}</ul>")
        return "".join(out)


def _short(text: str, n: int = 28) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
