"""Answer keys of every scored exercise (``lessons.classroom.exercises``), for scores a teacher can use as grades.

The class summary never trusts a stored score or "correct" flag: it marks the stored answers
again with each exercise model's marker (``lessons.classroom.exercise_models``), the very one the
live widgets call (Lesson 1 self-check, Lesson 2 labelling, Lesson 6 review). Per question the key
also gives its text in both languages and the clause or concept it tests.
"""
from __future__ import annotations

import json
from functools import partial
from dataclasses import dataclass, field
from typing import Any, Callable

from lessons.content.course import Content
from lessons.content.text import LANGUAGES, Text
from lessons.classroom import review as rv
from lessons.classroom import selfcheck as sc
from lessons.classroom.case_predictions import EXERCISE_ID as CASES
from lessons.classroom.case_predictions import CasePredictions
from lessons.classroom.exercise_models import Exercise, LabellingModel, ReviewModel, SelfCheckModel

NONE = "none"  # the labelling answer "not personal information"
ART1 = "INT2017.a1.p1"  # Lesson 2: what personal information is


@dataclass(frozen=True)
class KeyQuestion:
    """One marked question: its text, what it tests, how an answer is marked and shown."""

    exercise: str
    id: str
    text: Text
    concept: Text
    correct: Callable[[Any], bool]
    label: Callable[[Any, str], str]


def _both(make: Callable[[str], str]) -> Text:
    return Text(**{lang: make(lang) for lang in LANGUAGES})


def _safe(fn, default):
    """Marking must survive any JSON a file holds: a value of the wrong shape is just wrong."""
    def run(*args):
        try:
            return fn(*args)
        except (KeyError, TypeError, ValueError, AttributeError, StopIteration, RuntimeError, rv.AnswerError):
            return default(*args) if callable(default) else default
    return run


def _raw(answer, _lang=None) -> str:
    return answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)


def _cite(content: Content, clause_ids) -> Text:
    cites = [content.provisions[c].cite for c in clause_ids if c in content.provisions]
    return _both(lambda lang: "; ".join(c(lang) for c in cites))


def _marker(model: Exercise, qid: str) -> Callable[[Any], bool]:
    """One question's marking, by the exercise model's own marker."""
    return lambda answer: model.mark({qid: answer}).correct.get(qid, False)


def _ask(content: Content, ask: str, name: Callable[[str], str], lang: str) -> str:
    return content.text(f"selfcheck.ask_{ask}", lang, name=name(lang))


def _selfcheck(content: Content, model: SelfCheckModel) -> list[KeyQuestion]:
    out = []
    for item in (i for i in model.items.values() if i.scored):  # practice items are not graded
        name = content.info_types[item.info_type].name
        clause = sc.explanation_clause(item, content)
        concept = (_cite(content, [clause]) if clause
                   else Text(en="teaching categories (not law)", zh="教学分类（非法律规定）"))
        out.append(KeyQuestion(
            "lesson1.selfcheck", item.id,
            _both(partial(_ask, content, item.ask, name)), concept,
            _marker(model, item.id),
            _safe(lambda answer, lang, i=item: sc.choice_label(i, answer, content, lang), _raw)))
    return out


def _labelling(content: Content, model: LabellingModel) -> list[KeyQuestion]:
    def label(answer, lang):
        cat, tier = answer
        cat_name = content.text("common.no", lang) if cat == NONE else content.categories[cat].name(lang)
        tier_name = "–" if tier == NONE else content.tiers[tier].name(lang)
        return f"{cat_name} / {tier_name}"

    out = []
    for dataset, key in model.keys.items():
        for column, type_id in key.columns.items():
            t = content.info_types.get(type_id) if type_id else None
            concept = _cite(content, [content.tiers[t.tier].clause] if t else [ART1])
            out.append(KeyQuestion(
                "lesson2.labelling", f"{dataset}/{column}",
                Text(en=f"{content.text(f'datasets.{dataset}_title', 'en')}: column “{column}”",
                     zh=f"{content.text(f'datasets.{dataset}_title', 'zh')}：列“{column}”"), concept,
                _marker(model, f"{dataset}/{column}"),
                _safe(label, _raw)))
    return out


def _review(content: Content, model: ReviewModel) -> list[KeyQuestion]:
    def label(q: rv.Question, answer, lang):
        if q.kind == "numeric":
            return _raw(answer)
        chosen = [answer] if q.kind == "single" else list(answer)
        return "; ".join([q.option(str(c)).text(lang) for c in chosen])

    return [KeyQuestion("lesson6.review", q.id, q.prompt, _cite(content, q.clauses), _marker(model, q.id),
                        _safe(lambda answer, lang, q=q: label(q, answer, lang), _raw))
            for q in model.questions.values() if q.scored]


@dataclass(frozen=True)
class AnswerKeys:
    """Every scored exercise's questions, by exercise id and question id."""

    exercises: dict[str, dict[str, KeyQuestion]]
    models: dict[str, Exercise] = field(default_factory=dict)  # the marker of each exercise, where there is one

    def total(self, exercise: str) -> int:
        return len(self.exercises.get(exercise, {}))

    def practice(self, exercise: str) -> frozenset[str]:
        """The exercise's practice items (``scored: false``): a learner may answer them, but they are not in the key."""
        model = self.models.get(exercise)
        return model.practice_ids if model is not None else frozenset()

    def number(self, exercise: str, qid: str) -> int:
        """A question's place as the learner sees it (1 = the first): practice items keep their places."""
        model = self.models.get(exercise)
        ids = model.question_ids if model is not None else []
        return (ids if qid in ids else list(self.exercises[exercise])).index(qid) + 1

    @property
    def course_total(self) -> int:
        return sum(len(q) for q in self.exercises.values())

    def mark(self, exercise: str, answers: dict) -> dict[str, bool]:
        """Correct by question id for the answered questions of the key (other ids are ignored)."""
        key = self.exercises.get(exercise, {})
        given = {qid: a for qid, a in answers.items() if qid in key and a not in (None, "", [])}
        if exercise in self.models:
            return self.models[exercise].mark(given).correct
        return {qid: bool(key[qid].correct(a)) for qid, a in given.items()}


def _cases(content: Content, model: CasePredictions) -> list[KeyQuestion]:
    """Lesson 4's predictions, one per case: tier and range right (as ``CasePredictions`` marks them)."""
    from lessons.engine.report import text as engine_text

    def label(answer, lang: str) -> str:
        tier, range_ = answer
        sep = " / " if lang == "en" else "／"
        return engine_text(content, f"tier_{tier}", lang) + sep + content.text(f"court_cases.range_{range_}", lang)

    concept = content.ui["court_cases.key_concept"]
    return [KeyQuestion(CASES, cid, case.title, concept, _marker(model, cid), _safe(label, _raw))
            for cid, case in model.cases.items()]


def exercise_models(content: Content) -> dict[str, Exercise]:
    """A fresh model of every scored exercise (each holds its answer key)."""
    return {"lesson1.selfcheck": SelfCheckModel(content), "lesson2.labelling": LabellingModel(content),
            CASES: CasePredictions(), "lesson6.review": ReviewModel(content)}


def load_answer_keys(content: Content, models: dict[str, Exercise] | None = None) -> AnswerKeys:
    models = models if models is not None else exercise_models(content)
    groups = {"lesson1.selfcheck": _selfcheck(content, models["lesson1.selfcheck"]),  # type: ignore[arg-type]
              "lesson2.labelling": _labelling(content, models["lesson2.labelling"]),  # type: ignore[arg-type]
              CASES: _cases(content, models[CASES]),  # type: ignore[arg-type]
              "lesson6.review": _review(content, models["lesson6.review"])}  # type: ignore[arg-type]
    return AnswerKeys({e: {q.id: q for q in qs} for e, qs in groups.items()}, models)
