"""One redraw per answer, and no settings file read per redraw (counts, not times)."""
from pathlib import Path

import pytest

from lessons.classroom.progress import Progress
from lessons.widgets.labelling import LabellingWidget
from lessons.widgets.review_quiz import Review
from lessons.widgets.selfcheck_quiz import SelfCheck


@pytest.fixture
def count(monkeypatch, tmp_path):
    """Counts of ``_render`` calls and ``settings.json`` reads while a test answers."""
    counts = {"render": 0, "settings": 0}
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    for cls in (SelfCheck, Review, LabellingWidget):
        def counted(self, _render=cls._render):
            counts["render"] += 1
            return _render(self)
        monkeypatch.setattr(cls, "_render", counted)
    read_text = Path.read_text

    def reading(path, *args, **kwargs):
        counts["settings"] += path.name == "settings.json"
        return read_text(path, *args, **kwargs)
    monkeypatch.setattr(Path, "read_text", reading)
    return counts


def progress(tmp_path):
    p = Progress(tmp_path, learner=None)
    p.choose("Redraw Counter")
    return p


def per_answer(counts, widget, answers):
    counts["render"] = counts["settings"] = 0
    for qid, answer in answers:
        widget.answer(qid, answer)
    return counts["render"] / len(answers), counts["settings"] / len(answers)


def test_selfcheck_one_redraw_per_answer(count, content, tmp_path):
    quiz = SelfCheck(content, lang="en", progress=progress(tmp_path))
    answers = [(q, quiz.choices(q)[1][1]) for q in quiz.question_ids[:5]]
    assert per_answer(count, quiz, answers) == (1, 0)


def test_review_one_redraw_per_checked_answer(count, content, tmp_path):
    r = Review(content, lang="en", progress=progress(tmp_path))
    answers = [(q.id, q.options[0].id if q.kind == "single" else [q.options[0].id] if q.kind == "multiple" else "5")
               for q in r.model.questions.values()][:6]
    assert per_answer(count, r, answers) == (1, 0)


def test_labelling_one_redraw_per_answer(count, content, tmp_path):
    widget = LabellingWidget(content, lang="en", progress=progress(tmp_path))
    answers = [(q, ["basic", "tier_5000"]) for q in widget.question_ids[:5]]
    assert per_answer(count, widget, answers) == (1, 0)


def test_a_language_remembered_elsewhere_is_still_followed(count, content, tmp_path):
    """The settings file is read again when it changes (another lesson switched the language)."""
    from lessons.classroom.store import set_preferred_language

    quiz = SelfCheck(content, lang="en", progress=progress(tmp_path))
    set_preferred_language("zh", tmp_path)
    quiz.go_to(quiz.question_ids[1])
    assert quiz.lang == "zh" and quiz.choices(quiz.question_ids[1])[0][0] == content.text("common.choose", "zh")
