"""Redraws and settings-file reads per answer in the scored exercise widgets (counts, not times).

    PYTHONPATH=$PWD python benchmarks/widget_redraws.py

Each widget answers five questions through its public ``answer(...)``; the script counts the calls
of the widget's ``_render`` and the reads of ``settings.json`` and prints them per answer.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def main() -> None:
    os.environ["PI_LESSONS_HOME"] = tempfile.mkdtemp(prefix="pi-redraws-")
    from lessons.classroom.progress import Progress
    from lessons.content.course import load_content
    from lessons.widgets.labelling import LabellingWidget
    from lessons.widgets.review_quiz import Review
    from lessons.widgets.selfcheck_quiz import SelfCheck

    counts = {"render": 0, "settings": 0}
    for cls in (SelfCheck, Review, LabellingWidget):
        def counted(self, _render=cls._render):
            counts["render"] += 1
            return _render(self)
        cls._render = counted  # type: ignore[method-assign]
    read_text, read_bytes = Path.read_text, Path.read_bytes

    def reading(path, *args, **kwargs):
        counts["settings"] += path.name == "settings.json"
        return read_text(path, *args, **kwargs)

    def reading_bytes(path):
        counts["settings"] += path.name == "settings.json"
        return read_bytes(path)
    Path.read_text, Path.read_bytes = reading, reading_bytes  # type: ignore[method-assign,assignment]

    content = load_content()
    progress = Progress(os.environ["PI_LESSONS_HOME"], learner=None)
    progress.choose("Redraw Counter")
    quiz = SelfCheck(content, lang="en", progress=progress)
    review = Review(content, lang="en", progress=progress)
    labelling = LabellingWidget(content, lang="en", progress=progress)
    questions = [q for q in review._questions][:5]
    cases: dict[str, tuple] = {
        "Lesson 1 self-check": (quiz, [(q, quiz.choices(q)[1][1]) for q in quiz.question_ids[:5]]),
        "Lesson 6 review (answer and Check)": (review, [
            (q.id, q.options[0].id if q.kind == "single" else [q.options[0].id] if q.kind == "multiple" else "5")
            for q in questions]),
        "Lesson 2 labelling": (labelling, [(q, ["basic", "tier_5000"]) for q in labelling.question_ids[:5]]),
    }
    print(f"{'exercise':40} {'redraws/answer':>15} {'settings reads/answer':>22}")
    for name, (widget, answers) in cases.items():
        counts["render"] = counts["settings"] = 0
        for qid, answer in answers:
            widget.answer(qid, answer)
        print(f"{name:40} {counts['render'] / len(answers):>15.1f} {counts['settings'] / len(answers):>22.1f}")


if __name__ == "__main__":
    main()
