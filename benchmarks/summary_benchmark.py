"""Benchmark: the class summary (and its widget) must grow linearly with the number of progress files.

Run by hand (not a test):  .venv/bin/python benchmarks/summary_benchmark.py [--files 5000]

Writes N and 4N synthetic progress files (fictional learners, seeded answers to the Lesson 5 review)
into temporary folders, then times ``summarise`` and the teacher's widget on each and prints the
ratio of the 4N time to the N time: about 4 means linear; 16 would mean quadratic.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lessons.classroom.class_summary import summarise  # noqa: E402
from lessons.classroom.grading import load_answer_keys  # noqa: E402
from lessons.classroom.progress import FORMAT  # noqa: E402
from lessons.content.course import load_content  # noqa: E402
from bench_page import BenchPage  # noqa: E402

PAGE = BenchPage(__file__, 'Class summary: linear in the number of files',
                 "The class summary and its widget on N and 4N synthetic progress files: "
                 "a ratio of about 4 means linear.")


def make(folder: Path, n: int, keys, seed: int = 7) -> None:
    rng = random.Random(seed)
    review = keys.exercises["lesson6.review"]
    options = ["a", "b", "c", "d"]
    for i in range(n):
        answers = {qid: rng.choice(options) for qid in review if rng.random() < 0.8}
        record = {
            "answers": answers,
            "correct": {},
            "score": 0,
            "total": len(review),
            "updated": "2025-03-01T10:00:00+00:00",
        }
        data = {
            "format": FORMAT,
            "learner": f"Learner {i}",
            "student_id": f"S{i:06d}",
            "exercises": {"lesson6.review": record},
        }
        (folder / f"s{i:06d}.json").write_text(json.dumps(data), encoding="utf-8")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    args = parser.parse_args()
    content = load_content()
    keys = load_answer_keys(content)
    from lessons.widgets.class_summary_view import ClassSummaryView

    results = {}
    for n in (args.files, 4 * args.files):
        with tempfile.TemporaryDirectory() as tmp:
            make(Path(tmp), n, keys)
            results[n] = (timed(lambda: summarise(tmp, keys)),
                          timed(lambda: ClassSummaryView(content, lang="en", folder=tmp, remember_language=False)))
        print(f"{n:>7} files: summarise {results[n][0]:.2f} s, widget {results[n][1]:.2f} s")
        PAGE.row(f"{n:,} files: summarise / widget", f"{results[n][0]:.2f} s / {results[n][1]:.2f} s")
    small, large = results[args.files], results[4 * args.files]
    print(f"ratio 4N/N: summarise {large[0] / small[0]:.1f}, widget {large[1] / small[1]:.1f} (linear: about 4)")
    PAGE.row("ratio 4N/N: summarise / widget", f"{large[0] / small[0]:.1f} / {large[1] / small[1]:.1f}",
             "linear: about 4")
    return 0


if __name__ == "__main__":
    with PAGE:
        sys.exit(main())
