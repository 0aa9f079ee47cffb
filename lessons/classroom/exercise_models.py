"""Exercise models: each exercise's declared state, its validation and its one marker (no ipywidgets).

A model holds what the learner did (``answers``, the questions whose feedback or solution was
``shown``, the ``first`` answers that count, the ``position`` shown and the ``order`` of the cards walked,
with ``next``/``back``/``go_to``); views only render it and the
class summary marks stored answers with the same ``mark(answers) -> Result``. A question's first
answer is frozen when its feedback is first shown; answers after that are practice.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import traitlets

from lessons.classroom import review as rv
from lessons.classroom.action_plan import Plan, build_plan
from lessons.classroom import selfcheck as sc
from lessons.content.course import Content
from lessons.content.errors import Field, LessonsError
from lessons.content.numbers import NotANumber, parse_number
from lessons.engine.fact_table import CHOICES, named
from lessons.engine.facts import MAX_BUYERS

NONE = "none"  # the labelling answer "not personal information" (category and tier)
EMPTY: tuple[Any, ...] = (None, "", [], ())

LISTS = named(kind=CHOICES)  # facts whose value is a list of choices


class AnswerRefused(LessonsError):
    """An answer the exercise does not accept; ``reason`` is the key of the learner's message."""

    def __init__(self, message: str, reason: str = "no_answer"):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Result:
    """Marked answers: ``correct`` by question id (answered questions only) out of ``total`` questions.

    ``practice``: questions marked for the learner's feedback but counted neither in ``score`` nor ``total``.
    """

    correct: dict[str, bool]
    total: int
    practice: frozenset[str] = frozenset()

    @property
    def score(self) -> int:
        return sum(ok for q, ok in self.correct.items() if q not in self.practice)

    def within(self, question_ids) -> Result:
        """The result for some of the questions (e.g. one table of Lesson 2)."""
        ids = list(question_ids)
        return Result({q: ok for q, ok in self.correct.items() if q in ids},
                      len([q for q in ids if q not in self.practice]), self.practice)


class Exercise(traitlets.HasTraits):
    """Declared state shared by every exercise; subclasses say what a question and a right answer are."""

    SCORED: ClassVar[bool] = True
    FEEDBACK_AT_ONCE: ClassVar[bool] = False  # True: answering shows the feedback (the answer counts at once)

    answers = traitlets.Dict(help="The learner's current answer by question id (plain JSON values).")
    shown = traitlets.List(traitlets.Unicode(), help="Question ids whose feedback or solution has been shown.")
    first = traitlets.Dict(help="The counted answer by question id: the one given when its feedback was first shown.")
    position = traitlets.Unicode(help="The question (or part) shown.")
    order = traitlets.List(traitlets.Unicode(), help="The questions whose cards are walked, in order (see ``walk``).")

    @property
    def question_ids(self) -> list[str]:
        raise NotImplementedError

    @property
    def practice_ids(self) -> frozenset[str]:
        """Questions asked for practice only (``scored: false`` in the content): never counted."""
        return frozenset()

    def normalise(self, question_id: str, raw: Any) -> Any:
        """A valid answer (None: no answer), or AnswerRefused; questions not in the exercise: KeyError."""
        raise NotImplementedError

    def is_correct(self, question_id: str, answer: Any) -> bool:
        raise NotImplementedError

    # -- the one marker ----------------------------------------------------------------------
    def mark(self, answers: dict) -> Result:
        """Mark answers (any JSON a file holds: a value of the wrong shape is just wrong; unknown ids are ignored)."""
        known = set(self.question_ids)
        correct = {}
        for qid, answer in answers.items():
            if qid in known and answer not in EMPTY:
                try:
                    correct[qid] = bool(self.is_correct(qid, answer))
                except (KeyError, TypeError, ValueError, AttributeError, StopIteration, LessonsError):
                    correct[qid] = False
        practice = self.practice_ids
        return Result(correct, len(known - practice) if self.SCORED else 0, practice)

    def counted_answers(self) -> dict:
        """The answers that count: the first where feedback was shown, else the current one."""
        return {**self.answers, **self.first}

    @property
    def counted(self) -> Result:
        return self.mark(self.counted_answers())

    @property
    def latest(self) -> Result:
        """The current answers marked: practice shows here once it differs from ``counted``."""
        return self.mark(self.answers)

    @property
    def practised(self) -> list[str]:
        """Counted questions answered again (differently) after their feedback was shown (practice items: never)."""
        return [q for q, a in self.first.items()
                if q in self.answers and self.answers[q] != a and q not in self.practice_ids]

    # -- cards: one question shown at a time ------------------------------------------------
    @property
    def card_ids(self) -> list[str]:
        """What a card can show: a question (the case builder's cards are parts of its facts)."""
        return self.question_ids

    def all_cards(self) -> list[str]:
        """The cards walked when no in-class check narrows them: every one."""
        return self.card_ids

    def walk(self, ids: list[str] | None = None) -> None:
        """Walk these cards in this order (None: ``all_cards()``; an in-class check: the teacher's ids).

        The card shown stays when it is among them, else the first is shown; an unknown id is a KeyError.
        """
        ids = list(self.all_cards() if ids is None else ids)
        known = set(self.card_ids)
        unknown = [q for q in ids if q not in known]
        if unknown or not ids:
            raise KeyError(f"no cards to walk: unknown {unknown!r}" if unknown else "no cards to walk")
        if ids != self.order:
            self.order = ids
        if self.position not in ids:
            self._place(ids[0])

    def _place(self, question_id: str) -> None:
        self.position = question_id

    @property
    def index(self) -> int:
        """Where the card shown is in the walk (0: the first)."""
        return self.order.index(self.position)

    @property
    def at_first(self) -> bool:
        return self.index == 0

    @property
    def at_last(self) -> bool:
        return self.index == len(self.order) - 1

    def go_to(self, question_id: str) -> None:
        """Show a question's card; one outside the walk (an in-class check) is reached by walking them all."""
        if question_id not in self.card_ids:
            raise KeyError(f"no card {question_id!r}")
        self._place(question_id)
        if question_id not in self.order:
            self.walk()

    def next(self) -> None:
        """Show the next card (no wrapping: a ValueError on the last)."""
        if self.at_last:
            raise ValueError(f"{self.position} is the last card: no next one")
        self._place(self.order[self.index + 1])

    def back(self) -> None:
        """Show the card before (no wrapping: a ValueError on the first)."""
        if self.at_first:
            raise ValueError(f"{self.position} is the first card: none before it")
        self._place(self.order[self.index - 1])

    # -- acts ---------------------------------------------------------------------------------
    def answer(self, question_id: str, raw: Any) -> None:
        """Give (or, with an empty value, clear) the answer to a question."""
        if question_id not in self.question_ids:
            raise KeyError(f"no question {question_id!r}")
        value = self.normalise(question_id, raw)
        answers = {q: a for q, a in self.answers.items() if q != question_id}
        if value is not None:
            answers[question_id] = value
        with self.hold_trait_notifications():
            self.answers = answers
            if self.FEEDBACK_AT_ONCE:
                self.show([question_id])
            else:
                self._freeze()

    def show(self, question_ids) -> None:
        """The feedback (or solution) of these questions is shown: their answers now count."""
        shown = list(dict.fromkeys([*self.shown, *question_ids]))
        if shown != self.shown:
            self.shown = shown
        self._freeze()

    def _freeze(self) -> None:
        new = {q: self.answers[q] for q in self.shown if q in self.answers and q not in self.first}
        if new:
            self.first = {**self.first, **new}

    def restore(self, answers: dict, first: dict | None = None) -> None:
        """Saved answers back (those that no longer fit the exercise are dropped); ``first`` as recorded."""
        kept = {}
        for qid, raw in (answers or {}).items():
            try:
                value = self.normalise(qid, raw)
            except (KeyError, LessonsError, TypeError, ValueError):
                continue
            if value is not None:
                kept[qid] = value
        with self.hold_trait_notifications():
            self.answers = kept
            self.first = {q: a for q, a in (first or {}).items() if q in self.question_ids}
            self.shown = sorted(self.first) if not self.FEEDBACK_AT_ONCE else sorted({*self.first, *kept})
            self._freeze()  # as the store does on the next save: an answer whose feedback was seen counts

    def feedback_shown(self) -> list[str] | None:
        """Question ids whose feedback or solution the learner has seen, as the store records them
        (None: every answered one, the feedback coming with the answer)."""
        return None if self.FEEDBACK_AT_ONCE else list(self.shown)

    def record(self) -> dict:
        """The exercise protocol's saved part: answers, their marks (latest answers), score, total."""
        result = self.latest
        return {"answers": dict(self.answers), "correct": result.correct, "score": result.score, "total": result.total}


class SelfCheckModel(Exercise):
    """Lesson 1: which category, tier, sensitive or not; feedback appears with the answer."""

    FEEDBACK_AT_ONCE = True

    def __init__(self, content: Content, items: list[sc.Item] | None = None):
        super().__init__()
        self.content = content
        self.items = {item.id: item for item in (items if items is not None else sc.load_items(content))}
        self.position = next(iter(self.items), "")
        if self.items:
            self.walk()

    @property
    def question_ids(self) -> list[str]:
        return list(self.items)

    @property
    def practice_ids(self) -> frozenset[str]:
        return frozenset(i for i, item in self.items.items() if not item.scored)

    def normalise(self, question_id: str, raw: Any) -> str | None:
        item = self.items[question_id]
        if raw in EMPTY:
            return None
        if raw not in sc.choices(item):
            raise AnswerRefused(f"{question_id}: {raw!r} is not one of the choices")
        return str(raw)

    def is_correct(self, question_id: str, answer: Any) -> bool:
        return answer == sc.solution(self.items[question_id], self.content)


class LabellingModel(Exercise):
    """Lesson 2: ``[category, tier]`` per ``"<table>/<column>"``; a table's feedback shows after its Check."""

    table = traitlets.Unicode(help="The table shown.")

    def __init__(self, content: Content, keys: dict | None = None):
        from lessons.classify.datasets import load_keys

        super().__init__()
        self.content = content
        self.keys = keys if keys is not None else load_keys(content=content)
        self._categories = {"", NONE, *content.categories}
        self._tiers = {"", NONE, *content.tiers}
        self.table = next(iter(self.keys))
        self.position = self.question_ids_of(self.table)[0]
        self.walk()

    @property
    def tables(self) -> list[str]:
        return list(self.keys)

    def all_cards(self) -> list[str]:
        """Without an in-class check the cards are the shown table's columns."""
        return self.question_ids_of(self.table)

    def _place(self, question_id: str) -> None:
        self.table = question_id.partition("/")[0]  # a column is shown with its table
        self.position = question_id

    def choose_table(self, table: str) -> None:
        """Show another table, walked whole from its first column."""
        if table not in self.keys:
            raise KeyError(f"no table {table!r}")
        self.table = table
        self.walk()
        self._place(self.order[0])

    def question_ids_of(self, table: str) -> list[str]:
        return [f"{table}/{column}" for column in self.keys[table].columns]

    @property
    def question_ids(self) -> list[str]:
        return [q for table in self.keys for q in self.question_ids_of(table)]

    def checked(self, table: str) -> bool:
        """Whether the table's feedback is shown (its Check was pressed)."""
        return any(q in self.shown for q in self.question_ids_of(table))

    def check(self, table: str) -> None:
        self.show(self.question_ids_of(table))

    def solution(self, question_id: str) -> list[str]:
        table, _, column = question_id.partition("/")
        type_id = self.keys[table].columns[column]
        if type_id is None:
            return [NONE, NONE]
        t = self.content.info_types[type_id]
        return [t.category, t.tier]

    def normalise(self, question_id: str, raw: Any) -> list[str] | None:
        table, _, column = question_id.partition("/")
        if table not in self.keys or column not in self.keys[table].columns:
            raise KeyError(question_id)
        if raw in EMPTY:
            return None
        if not isinstance(raw, (list, tuple)) or len(raw) != 2:
            raise AnswerRefused(f"{question_id}: an answer is [category, tier]")
        category, tier = (str(a) for a in raw)
        if category not in self._categories or tier not in self._tiers:
            raise AnswerRefused(f"{question_id}: unknown category or tier in {list(raw)!r}")
        return None if (category, tier) == ("", "") else [category, tier]

    def is_correct(self, question_id: str, answer: Any) -> bool:
        return isinstance(answer, list) and list(answer) == self.solution(question_id)

    def restore(self, answers: dict, first: dict | None = None) -> None:
        # A table's feedback shows again only after its Check: the counted answers are kept meanwhile.
        super().restore(answers, first)
        self.shown = []


class ReviewModel(Exercise):
    """Lesson 6 review: an answer is kept when checked; its feedback and solution show then."""

    FEEDBACK_AT_ONCE = True

    def __init__(self, content: Content, questions: list[rv.Question] | None = None):
        super().__init__()
        self.content = content
        self.questions = {q.id: q for q in (questions if questions is not None else rv.load_questions(content))}
        self.position = next(iter(self.questions), "")
        if self.questions:
            self.walk()

    @property
    def question_ids(self) -> list[str]:
        return list(self.questions)

    @property
    def practice_ids(self) -> frozenset[str]:
        return frozenset(i for i, q in self.questions.items() if not q.scored)

    def normalise(self, question_id: str, raw: Any):
        q = self.questions[question_id]
        try:
            return rv.normalise(q, raw)
        except rv.AnswerError:
            reason = "not_a_number" if q.kind == "numeric" else "no_answer"
            raise AnswerRefused(f"{question_id}: {raw!r}", reason) from None

    def is_correct(self, question_id: str, answer: Any) -> bool:
        q = self.questions[question_id]
        return rv.is_correct(q, rv.normalise(q, answer))

    def check(self, question_id: str, raw: Any) -> None:
        """Press Check with this answer: refused (AnswerRefused) when empty or unreadable."""
        if self.normalise(question_id, raw) is None:
            raise AnswerRefused(f"{question_id}: no answer", "no_answer")
        self.answer(question_id, raw)

    def lesson_scores(self, result: Result) -> dict[int, tuple[int, int, int]]:
        """Per lesson of the course: ``(right, answered, questions)``."""
        return rv.lesson_scores(list(self.questions.values()), result.correct)


class BuilderModel(Exercise):
    """Lesson 3's case builder (unscored): the facts as typed, by fact name, plus the ``preset`` case.

    ``fact_names`` maps a fact to its menu values, or to None for a number box (any text, read by
    ``facts_dict``); yes/no menus hold ``"yes"``/``"no"`` and ``consequences`` one value or ``"none"``.
    """

    SCORED = False

    def __init__(self, fact_names: dict[str, tuple[str, ...] | None], presets):
        super().__init__()
        self.fact_names = fact_names
        self.presets = presets

    def facts_dict(self) -> dict:
        """The facts as JSON-like input (numbers still as typed where unreadable, so ``Facts.from_dict``
        names the bad one); AnswerRefused (``bad_buyers``) for a number of buyers that is not a count."""
        data: dict = {}
        pieces = {}
        for name, allowed in self.fact_names.items():
            given = self.answers.get(name, "")
            if given == "":
                continue
            if allowed is None:
                raw = given.strip()
                if raw == "":
                    continue
                try:  # 5000, 5,000, 五千, 1.5万, ５０００ (one parser: lessons/content/numbers.py)
                    value: Any = parse_number(raw)
                except NotANumber:
                    value = raw  # Facts.from_dict names the fact and says it is not a number
                if name.startswith("pieces."):
                    pieces[name[7:]] = value
                else:
                    data[name] = value
            elif set(allowed) == {"yes", "no"}:
                data[name] = given == "yes"
            elif name in LISTS:  # a list fact (consequences) offered as one menu: "none" is the empty list
                data[name] = [] if given == "none" else [given]
            else:
                data[name] = given
        if pieces:
            data["pieces"] = pieces
        buyers = data.pop("buyers", None)
        if buyers is not None:
            if isinstance(buyers, bool) or not isinstance(buyers, int) or buyers < 0:
                raise AnswerRefused(f"buyers: {buyers!r} is not a count", "bad_buyers")
            if buyers > MAX_BUYERS:  # a list of that many buyers would fill the memory
                raise LessonsError.of("too_many_buyers", field=Field("pieces_sold_to_each_buyer"), buyers=f"{buyers:,}",
                                      limit=f"{MAX_BUYERS:,}")
            if buyers:
                data["pieces_sold_to_each_buyer"] = [dict(pieces) for _ in range(buyers)]
        return data

    @property
    def question_ids(self) -> list[str]:
        return ["preset", *self.fact_names]

    def normalise(self, question_id: str, raw: Any) -> str | None:
        if question_id == "preset":
            allowed: Any = self.presets
        elif question_id in self.fact_names:
            allowed = self.fact_names[question_id]
        else:
            raise KeyError(question_id)
        if raw in EMPTY:
            return None
        if not isinstance(raw, str) or (allowed is not None and raw not in allowed):
            raise AnswerRefused(f"{question_id}: {raw!r} is not one of the choices")
        return raw

    def is_correct(self, question_id: str, answer: Any) -> bool:
        return False

    def set_all(self, values: dict) -> None:
        """Replace every fact at once (a preset case or saved work); values that do not fit are dropped."""
        self.restore(values)


class PlanModel(Exercise):
    """Lesson 5's action plan (unscored): the ticked ``leaked`` and ``events`` options."""

    SCORED = False

    def __init__(self, guide):
        super().__init__()
        self.guide = guide
        self.options = {"leaked": [c.id for c in guide.leaked], "events": [c.id for c in guide.events]}

    @property
    def question_ids(self) -> list[str]:
        return list(self.options)

    def normalise(self, question_id: str, raw: Any) -> list[str] | None:
        known = self.options[question_id]
        if raw in EMPTY:
            return None
        if not isinstance(raw, (list, tuple)) or any(r not in known for r in raw):
            raise AnswerRefused(f"{question_id}: unknown option(s) in {raw!r}")
        return [o for o in known if o in raw]

    def is_correct(self, question_id: str, answer: Any) -> bool:
        return False

    def ticked(self, group: str) -> list[str]:
        return list(self.answers.get(group, []))

    def tick(self, option: str, on: bool = True) -> None:
        """Tick (or untick) one option of either group; KeyError for an option the guide does not offer."""
        group = next((g for g, known in self.options.items() if option in known), None)
        if group is None:
            raise KeyError(option)
        ticked = set(self.ticked(group)) - {option} | ({option} if on else set())
        self.answer(group, sorted(ticked))

    def plan(self) -> Plan:
        """The steps the ticks call for."""
        return build_plan(self.guide, self.ticked("leaked"), self.ticked("events"))
