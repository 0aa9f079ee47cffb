"""The exercise registry: ids match lessons, every widget and answer key uses it, and every old
shape of a saved file still loads (renamed on reading, migrated on the next save)."""
import json
import shutil
from pathlib import Path

import pytest

from lessons.classroom import exercises as ex
from lessons.classroom.class_summary import exercise_name, summarise
from lessons.classroom.progress import FORMAT, Progress, read_progress_file
from lessons.classroom.progress_store import FileStore
from lessons.classroom.records import Learner
from lessons.content.reader import DATA_DIR

EXAMPLE_DIR = DATA_DIR / "examples" / "class-progress"
RECORD = {"answers": {"q": "a"}, "correct": {"q": True}, "score": 1, "total": 1}


def lesson_titles() -> dict[int, str]:
    """Lesson number -> English title, from the course's lesson list."""
    import yaml

    entries = yaml.safe_load((DATA_DIR / "content" / "lessons.yaml").read_text(encoding="utf-8"))
    return {int(entry["id"]): entry["title"]["en"] for entry in entries}


def test_ids_name_their_lesson_and_old_ids_are_never_current():
    lessons = set(lesson_titles())
    ids = [e.id for e in ex.EXERCISES]
    aliases = [a for e in ex.EXERCISES for a in e.aliases]
    assert len(set(ids + aliases)) == len(ids) + len(aliases)
    for e in ex.EXERCISES:
        assert e.id.startswith(f"lesson{e.lesson}.") and e.title.en and e.title.zh
        assert e.lesson in lessons
    assert ex.canonical("lesson5.review") == "lesson6.review" and ex.canonical("lesson4.plan") == "lesson5.plan"
    assert ex.canonical("toy.one") == "toy.one" and ex.find("toy.one") is None


def test_the_lessons_file_places_the_plan_in_lesson_5_and_the_review_in_lesson_6():
    titles = lesson_titles()
    assert "leak" in titles[ex.find("lesson5.plan").lesson].lower()
    assert titles[ex.find("lesson6.review").lesson] == "Review"


def test_every_exercise_widget_saves_under_a_registry_id():
    from lessons.classroom.writing import load_writing_task
    from lessons.widgets.court_case_quiz import CourtCaseQuiz
    from lessons.widgets.labelling import LabellingWidget
    from lessons.widgets.plan_checklist import ActionPlan
    from lessons.widgets.review_quiz import Review
    from lessons.widgets.scenario_builder import ScenarioBuilderWidget
    from lessons.widgets.selfcheck_quiz import SelfCheck

    widgets = (SelfCheck, LabellingWidget, ScenarioBuilderWidget, CourtCaseQuiz, ActionPlan, Review)
    saved = [w.EXERCISE_ID for w in widgets] + [load_writing_task().id]  # the writing task takes its data's id
    assert sorted(saved) == sorted(e.id for e in ex.EXERCISES)


def test_the_answer_keys_and_the_gradebook_use_the_registry(content):
    from lessons.classroom.grading import load_answer_keys

    assert set(load_answer_keys(content).exercises) == set(ex.scored_ids())
    assert exercise_name("lesson6.review", "zh") == "第6课 复习"
    assert exercise_name("lesson5.review", "en") == "Lesson 6 review"


def test_the_example_class_files_load_under_the_current_ids():
    files = sorted(EXAMPLE_DIR.glob("id-*.json"))
    assert files
    for path in files:
        data, problem = read_progress_file(path)
        assert problem is None and set(data["exercises"]) <= {e.id for e in ex.EXERCISES}
    assert summarise(EXAMPLE_DIR, due=None).exercises == ["lesson6.review"]


def old_file(folder: Path, who: Learner, exercises: dict) -> Path:
    path = folder / "learners" / f"{who.file_stem}.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(who.document(exercises)), encoding="utf-8")
    return path


@pytest.mark.parametrize("shape", [
    {"lesson5.review": RECORD},                                         # before Lesson 4 was inserted
    {"lesson4.plan": {**RECORD, "correct": {}, "score": 0, "total": 0}},
    {"lesson5.review": {**RECORD, "first": {"q": "a"}, "attempts": {"q": 1}, "updated": "2025-03-01T12:00:00+00:00"}},
    {"lesson5.review": RECORD, "lesson1.selfcheck": RECORD},
])
def test_each_old_shape_loads_and_is_migrated_on_the_next_save(tmp_path, shape):
    who = Learner.of("王芳", "2024001")
    path = old_file(tmp_path, who, shape)
    p = Progress(tmp_path, learner=who.name, student_id=who.student_id)
    loaded = p.load()
    assert set(loaded) == {ex.canonical(e) for e in shape}
    for old, record in shape.items():
        assert loaded[ex.canonical(old)]["answers"] == record["answers"]
        assert p.exercise(old)["answers"] == record["answers"]  # the old id finds it too
    assert json.loads(path.read_text(encoding="utf-8"))["exercises"].keys() == shape.keys()  # reading never writes
    p.save("lesson9.other", RECORD)
    written = json.loads(path.read_text(encoding="utf-8"))["exercises"]
    assert set(written) == {ex.canonical(e) for e in shape} | {"lesson9.other"}
    assert not p.moved


def test_a_record_under_the_new_id_wins_over_one_under_the_old_id(tmp_path):
    who = Learner.of("Li Ming")
    old_file(tmp_path, who, {"lesson5.review": {**RECORD, "answers": {"q": "old"}}, "lesson6.review": RECORD})
    assert FileStore(tmp_path).load(who)["lesson6.review"]["answers"] == {"q": "a"}


def test_an_old_hand_in_is_graded_under_the_new_id(tmp_path):
    shutil.copy(next(EXAMPLE_DIR.glob("id-*.json")), tmp_path / "handed-in.json")
    data = json.loads((tmp_path / "handed-in.json").read_text(encoding="utf-8"))
    # The old id, whatever the example holds (it is regenerated under the current id some day).
    data["exercises"] = {"lesson5.review": next(iter(data["exercises"].values()))}
    (tmp_path / "handed-in.json").write_text(json.dumps({**data, "format": FORMAT}), encoding="utf-8")
    [row] = summarise(tmp_path, due=None).learners
    assert list(row.scores) == ["lesson6.review"] and row.scores["lesson6.review"][0] > 0
