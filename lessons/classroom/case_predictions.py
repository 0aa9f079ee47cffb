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

from lessons.classroom.exercise_models import EMPTY, AnswerRefused, Exercise
from lessons.content.errors import LessonsError
from lessons.engine.court_cases import Comparison, CourtCase, compare, load_court_cases
from lessons.content.tier_ids import OUTCOME_TIERS as TIERS

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


class CasePredictions(Exercise):
    """The learner's predictions over the lesson's cases, an exercise model of ``exercise_models``.

    ``answers``: ``[tier, range]`` by case id; ``predict`` sets one, ``check`` marks and reveals it (its
    feedback is shown, so the prediction checked first is the one that counts). ``mark_case`` gives the
    mark of a case checked with its current prediction; ``mark(answers)`` is the shared marker.
    """

    def __init__(self, cases: dict[str, CourtCase] | None = None):
        super().__init__()
        self.cases = cases if cases is not None else load_court_cases()
        self._comparisons: dict[str, Comparison] = {}
        self._checked: dict[str, tuple[str, str]] = {}  # the prediction each checked case was checked with
        self.position = next(iter(self.cases), "")
        if self.cases:
            self.walk()

    @property
    def question_ids(self) -> list[str]:
        return list(self.cases)

    def comparison(self, case_id: str) -> Comparison:
        self._known(case_id)
        if case_id not in self._comparisons:
            self._comparisons[case_id] = compare(self.cases[case_id])
        return self._comparisons[case_id]

    def _known(self, case_id: str) -> None:
        if case_id not in self.cases:
            raise LessonsError(f"unknown case {case_id!r}; choose one of {', '.join(self.cases)}")

    def normalise(self, question_id: str, raw) -> list[str] | None:
        self._known(question_id)
        if raw in EMPTY:
            return None
        if not (isinstance(raw, (list, tuple)) and len(raw) == 2):
            raise AnswerRefused(f"{question_id}: a prediction is [tier, range], not {raw!r}")
        tier, range_ = raw
        if not tier and not range_:
            return None
        return [tier and _choice(tier, "tier"), range_ and _choice(range_, "range")]

    def is_correct(self, question_id: str, answer) -> bool:
        tier, range_ = answer
        cmp = self.comparison(question_id)
        expected, _ = expected_tier(cmp)
        return range_ in cmp.court_ranges and (expected is None or tier == expected)

    def prediction(self, case_id: str) -> tuple[str, str]:
        """The prediction shown for a case: ("", "") where none is made."""
        tier, range_ = self.answers.get(case_id) or ("", "")
        return tier, range_

    def predict(self, case_id: str, tier: str, range_: str) -> None:
        """Set a prediction ("" = not chosen yet). A changed prediction hides the answer until checked again."""
        self.answer(case_id, [tier, range_])
        if self._checked.get(case_id) not in (None, self.prediction(case_id)):
            del self._checked[case_id]

    def check(self, case_id: str) -> Mark | None:
        """Mark and reveal the case; None (nothing revealed) while the tier or the range is not chosen."""
        tier, range_ = self.prediction(case_id)
        if not tier or not range_:
            return None
        self._checked[case_id] = (tier, range_)
        self.show([case_id])
        return self.mark_case(case_id)

    def mark_case(self, case_id: str) -> Mark | None:
        """The mark of a checked case (None if it is not checked with its current prediction)."""
        if case_id not in self._checked:
            return None
        return self.mark_answer(case_id, self._checked[case_id])

    def mark_answer(self, case_id: str, answer) -> Mark | None:
        """The mark of any complete prediction ``[tier, range]`` for a case (e.g. the one a class server
        recorded); None for one that is not (any JSON a record holds)."""
        if not (isinstance(answer, (list, tuple)) and len(answer) == 2 and all(x in TIERS for x in answer)):
            return None
        tier, range_ = answer
        cmp = self.comparison(case_id)
        expected, basis = expected_tier(cmp)
        return Mark(case_id, tier, range_, expected, basis, cmp.court_ranges, cmp)

    @property
    def checked(self) -> list[str]:
        return [cid for cid in self.cases if cid in self._checked]

    def feedback_shown(self) -> list[str]:
        return self.checked

    def record(self) -> dict:
        """The exercise record: answers and marks of the checked cases, out of every case in the lesson."""
        marks = [m for m in (self.mark_case(cid) for cid in self.checked) if m is not None]
        return {"answers": {m.case_id: [m.tier, m.range_] for m in marks},
                "correct": {m.case_id: m.right for m in marks}, "score": sum(m.right for m in marks),
                "total": len(self.cases)}

    def restore(self, answers: dict, first: dict | None = None) -> None:
        """Saved predictions back as checked ones; unknown cases and malformed answers are skipped."""
        complete = {cid: a for cid, a in (answers or {}).items()
                    if isinstance(a, list) and len(a) == 2 and all(x in TIERS for x in a)}
        super().restore(complete, first)
        self._checked = {cid: (a[0], a[1]) for cid, a in self.answers.items()}
        self.show(list(self._checked))  # a saved prediction was checked: it counts (as the store recorded)
