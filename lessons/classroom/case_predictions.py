"""Lesson 4's predictions on published cases: the learner's tier and range per case, marked against the court.

The model holds the predictions and which cases the learner has checked; the widget only shows them.
A prediction counts once checked (the answer is revealed then), and the record follows the exercise
protocol of ``lessons.classroom.progress`` (``answers``, ``correct``, ``score``, ``total``), saved as
``EXERCISE_ID``.

What a tier is marked against (``Mark.basis``): the tier the court stated; where the published text
states none, the engine's reading of the published facts; where the engine cannot reach a tier on
them, the one range the sentence fits; and not at all where the court convicted under another
article. The range is marked against the ranges the court's sentence fits (Art. 99: 36 months fits both).
"""
from __future__ import annotations

from dataclasses import dataclass

from lessons.content.errors import LessonsError
from lessons.engine.court_cases import Comparison, CourtCase, compare, load_court_cases
from lessons.engine.result import TIERS

EXERCISE_ID = "lesson4.cases"
BASES = ("court", "engine", "sentence", "other_article")


@dataclass(frozen=True)
class Mark:
    """One checked prediction: what the learner chose, what it is marked against, and whether it was right."""

    case_id: str
    tier: str
    range_: str
    expected_tier: str | None     # None where the tier is not marked (another article)
    basis: str                    # one of BASES
    court_ranges: tuple[str, ...]
    comparison: Comparison

    @property
    def tier_right(self) -> bool | None:
        return None if self.expected_tier is None else self.tier == self.expected_tier

    @property
    def range_right(self) -> bool:
        return self.range_ in self.court_ranges

    @property
    def right(self) -> bool:
        return self.range_right and self.tier_right is not False


def expected_tier(cmp: Comparison) -> tuple[str | None, str]:
    """The tier a prediction is marked against, and on what basis (see the module docstring)."""
    case = cmp.case
    if case.charge != "art_253_1":
        return None, "other_article"
    if case.court.tier is not None:
        return case.court.tier, "court"
    if "facts_missing" not in cmp.reasons:
        return cmp.engine.tier, "engine"
    if len(cmp.court_ranges) == 1:
        return cmp.court_ranges[0], "sentence"
    return None, "other_article"  # pragma: no cover - no lesson case lacks both; kept total


def _choice(value: str, what: str) -> str:
    if value not in TIERS:
        raise LessonsError(f"{what} {value!r}; choose one of {', '.join(TIERS)}")
    return value


class CasePredictions:
    """The learner's predictions over the lesson's cases. ``predict`` sets, ``check`` marks and reveals."""

    def __init__(self, cases: dict[str, CourtCase] | None = None):
        self.cases = cases if cases is not None else load_court_cases()
        self._comparisons: dict[str, Comparison] = {}
        self._predictions: dict[str, tuple[str, str]] = {}
        self._checked: dict[str, tuple[str, str]] = {}  # the prediction each checked case was checked with

    def comparison(self, case_id: str) -> Comparison:
        self._known(case_id)
        if case_id not in self._comparisons:
            self._comparisons[case_id] = compare(self.cases[case_id])
        return self._comparisons[case_id]

    def _known(self, case_id: str) -> None:
        if case_id not in self.cases:
            raise LessonsError(f"unknown case {case_id!r}; choose one of {', '.join(self.cases)}")

    def prediction(self, case_id: str) -> tuple[str, str]:
        """The prediction shown for a case: ("", "") where none is made."""
        return self._predictions.get(case_id, ("", ""))

    def predict(self, case_id: str, tier: str, range_: str) -> None:
        """Set a prediction ("" = not chosen yet). A changed prediction hides the answer until checked again."""
        self._known(case_id)
        value = (tier and _choice(tier, "tier"), range_ and _choice(range_, "range"))
        self._predictions[case_id] = value
        if self._checked.get(case_id) not in (None, value):
            del self._checked[case_id]

    def check(self, case_id: str) -> Mark | None:
        """Mark and reveal the case; None (nothing revealed) while the tier or the range is not chosen."""
        tier, range_ = self.prediction(case_id)
        if not tier or not range_:
            return None
        self._checked[case_id] = (tier, range_)
        return self.mark(case_id)

    def mark(self, case_id: str) -> Mark | None:
        """The mark of a checked case (None if it is not checked with its current prediction)."""
        if case_id not in self._checked:
            return None
        tier, range_ = self._checked[case_id]
        cmp = self.comparison(case_id)
        expected, basis = expected_tier(cmp)
        return Mark(case_id, tier, range_, expected, basis, cmp.court_ranges, cmp)

    @property
    def checked(self) -> list[str]:
        return [cid for cid in self.cases if cid in self._checked]

    def record(self) -> dict:
        """The exercise record: answers and marks of the checked cases, out of every case in the lesson."""
        marks = [m for m in (self.mark(cid) for cid in self.checked) if m is not None]
        return {"exercise": EXERCISE_ID, "answers": {m.case_id: [m.tier, m.range_] for m in marks},
                "correct": {m.case_id: m.right for m in marks}, "score": sum(m.right for m in marks),
                "total": len(self.cases)}

    def restore(self, answers: dict) -> None:
        """Put saved answers back as checked predictions; unknown cases and malformed answers are skipped."""
        self._predictions.clear()
        self._checked.clear()
        for cid, answer in answers.items():
            if cid in self.cases and isinstance(answer, list) and len(answer) == 2 and all(a in TIERS for a in answer):
                self._predictions[cid] = self._checked[cid] = (answer[0], answer[1])


def answer_key(content) -> list:
    """Lesson 4's predictions as ``grading.KeyQuestion``s, one per case, for the class summary to mark again
    (the hook: ``"lesson4.cases": answer_key(content)`` in ``grading.load_answer_keys``)."""
    from lessons.classroom.grading import KeyQuestion
    from lessons.engine.report import text as engine_text

    model = CasePredictions()
    concept = content.ui["court_cases.key_concept"]

    def question(case_id: str) -> KeyQuestion:
        def correct(answer) -> bool:
            try:
                fresh = CasePredictions(model.cases)
                fresh.restore({case_id: answer})
                mark = fresh.mark(case_id)
            except (TypeError, ValueError, LessonsError):
                return False
            return bool(mark and mark.right)

        def label(answer, lang: str) -> str:
            if not (isinstance(answer, list) and len(answer) == 2 and all(a in TIERS for a in answer)):
                return str(answer)
            sep = " / " if lang == "en" else "／"
            return engine_text(content, f"tier_{answer[0]}", lang) + sep + content.text(
                f"court_cases.range_{answer[1]}", lang)

        return KeyQuestion(EXERCISE_ID, case_id, model.cases[case_id].title, concept, correct, label)

    return [question(cid) for cid in model.cases]
