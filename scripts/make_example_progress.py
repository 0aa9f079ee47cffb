"""Generate the example class folder ``data/examples/class-progress/`` (seeded, fictional learners).

Eight fictional learners (fictional student numbers 2025001-2025008, one learner without a
number) answer the Lesson 6 review with different accuracy and hand in; one hand-in is after the
example due date. Two extra files show what the class summary skips: a damaged file and a file
that is not a progress file. Re-run after editing the review questions:
``python scripts/make_example_progress.py``.
"""
from __future__ import annotations

import datetime as dt
import random
import sys

from lessons.content.course import load_content
from lessons.classroom.progress import FORMAT, safe_file_name
from lessons.content.reader import DATA_DIR
from lessons.classroom.exercise_models import ReviewModel
from lessons.classroom.review import load_questions
from lessons.classroom.store import write_json

OUT = DATA_DIR / "examples" / "class-progress"
SEED = 20250301
EXERCISE = "lesson6.review"
DUE = "2025-03-06T00:00:00+00:00"  # the example's due date (README, teacher notebook): one hand-in is late
# Fictional names (no real people); skill = chance of a right answer, reach = share answered.
LEARNERS = [("王芳", 0.9, 1.0), ("李明", 0.75, 1.0), ("Zhang Wei", 0.6, 0.9), ("陈静", 0.8, 1.0),
            ("Liu Yang", 0.5, 0.7), ("赵磊", 0.65, 1.0), ("孙丽", 0.95, 1.0), ("Zhou Jie", 0.4, 0.6)]


def wrong_answer(q, rng: random.Random):
    if q.kind == "numeric":
        return int(q.answer * rng.choice([0.5, 2, 10])) or 1
    ids = [o.id for o in q.options]
    if q.kind == "single":
        return rng.choice([i for i in ids if i != q.answer])
    right = set(q.answer)
    chosen = set(right)
    chosen.symmetric_difference_update({rng.choice(ids)})  # one option too many or too few
    return sorted(chosen) or [next(i for i in ids if i not in right)]


def right_answer(q):
    if q.kind == "numeric":
        return int(q.answer) if float(q.answer).is_integer() else q.answer
    return list(q.answer) if q.kind == "multiple" else q.answer


def main() -> int:
    rng = random.Random(SEED)
    content = load_content()
    questions = load_questions(content)
    marker = ReviewModel(content, questions)  # the one marker the widget and the class summary use
    # Harder questions (later in each lesson, and multiple choice) are missed more often.
    difficulty = {q.id: 0.15 * (q.kind == "multiple") + 0.05 * (n % 4) for n, q in enumerate(questions)}
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    start = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.timezone.utc)
    for n, (name, skill, reach) in enumerate(LEARNERS):
        answers = {}
        for q in questions:
            if rng.random() > reach:
                continue
            ok = rng.random() < max(0.05, skill - difficulty[q.id])
            answers[q.id] = right_answer(q) if ok else wrong_answer(q, rng)
        result = marker.mark(answers)
        correct, score = result.correct, result.score
        when = start + dt.timedelta(days=n % 3, minutes=rng.randrange(600))
        record = {
            "answers": answers,
            "correct": correct,
            "score": score,
            "total": result.total,
            "updated": when.isoformat(timespec="seconds"),
            "first": dict(answers),
            "attempts": {q: 1 for q in answers},
        }
        # one learner (Liu Yang) hands in after the due date
        late = dt.datetime.fromisoformat(DUE) + dt.timedelta(hours=2)
        handed_in = late if n == 4 else when + dt.timedelta(hours=1)
        number = None if name == "Zhou Jie" else f"2025{n + 1:03d}"  # fictional; one learner gave none
        data = {"format": FORMAT, "learner": name, "exercises": {EXERCISE: record},
                "handed_in": handed_in.isoformat(timespec="seconds")}
        if number:
            data["student_id"] = number
        write_json(OUT / f"{safe_file_name(name, number)}.json", data)
    # Two files the summary must list as skipped, not crash on:
    (OUT / "damaged-upload.json").write_text('{"format": "pi-lessons.progress.v1", "learner": "赵', encoding="utf-8")
    write_json(OUT / "gradebook-export.json", {"format": "some-other-tool.v2", "rows": []})
    print(f"wrote {len(LEARNERS)} learners and 2 files to skip into {OUT.relative_to(DATA_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
