"""One test suite every store passes (a new store joins ``STORES``), and Progress's guarantees over it:
merged saves of two tabs, Start fresh keeping the answers that count, identity, the recorder hook."""
import datetime as dt

import pytest

from lessons.classroom.progress import Progress, ProgressError
from lessons.classroom.progress_store import FileStore, MemoryStore, Store
from lessons.classroom.records import Learner
from lessons.classroom.settings import Classroom

CLOCK = lambda: dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.timezone.utc)  # noqa: E731
WANG, LI = Learner.of("王芳", "2024001"), Learner.of("Li Ming")


def rec(answers: dict, correct: dict | None = None, total: int = 3) -> dict:
    correct = {q: True for q in answers} if correct is None else correct
    return {"answers": answers, "correct": correct, "score": sum(correct.values()), "total": total}


@pytest.fixture(params=["file", "memory"])
def store(request, tmp_path) -> Store:
    return FileStore(tmp_path) if request.param == "file" else MemoryStore()


def tab(store: Store, who: Learner = WANG, **kwargs) -> Progress:
    """A Progress over ``store``, as one browser tab of ``who`` (two tabs: two objects over one store)."""
    return Progress(learner=who.name, student_id=who.student_id, store=store, clock=CLOCK, **kwargs)


# ---------------------------------------------------------------- the store interface itself

def test_a_learner_without_records_loads_nothing(store):
    assert store.load(WANG) == {} and store.learners() == []


def test_update_round_trip_and_listing(store):
    store.update(WANG, lambda r: {**r, "e1": {**rec({"q": "a"}), "updated": "2025-03-01T12:00:00+00:00"}})
    store.update(LI, lambda r: {**r, "e2": rec({"q": "b"})})
    assert store.load(WANG)["e1"]["answers"] == {"q": "a"} and store.load(LI)["e2"]["answers"] == {"q": "b"}
    assert {w.key for w in store.learners()} == {WANG.key, LI.key}


def test_load_gives_a_copy_not_the_stored_records(store):
    store.update(WANG, lambda r: {"e": rec({"q": "a"})})
    store.load(WANG)["e"]["answers"]["q"] = "changed"
    assert store.load(WANG)["e"]["answers"] == {"q": "a"}


def test_save_is_read_modify_write_of_one_exercise(store):
    store.update(WANG, lambda r: {"other": rec({"q": "x"})})
    seen = []
    store.save(WANG, "e", lambda old: seen.append(old) or rec({"q": "a"}))
    assert seen == [None] and set(store.load(WANG)) == {"other", "e"}


def test_save_and_reset_take_an_old_id_too(store):
    assert store.save(WANG, "lesson5.review", lambda old: rec({"q": "a"}))["answers"] == {"q": "a"}
    assert set(store.load(WANG)) == {"lesson6.review"}
    store.reset(WANG, "lesson5.review", keep_first=False)
    assert store.load(WANG) == {}


def test_old_exercise_ids_are_read_under_their_new_id(store):
    old = {"lesson5.review": rec({"l1.q01": "a"}), "lesson4.plan": rec({"leaked": ["phone"]}, {}, 0)}
    store.update(WANG, lambda r: old)
    assert set(store.load(WANG)) == {"lesson6.review", "lesson5.plan"}


def test_the_same_learner_is_found_by_number_whatever_name_is_typed(store):
    store.update(WANG, lambda r: {"e": rec({"q": "a"})})
    assert store.load(Learner.of("王 芳", "２０２４００１"))["e"]["answers"] == {"q": "a"}
    assert store.load(Learner.of("王芳", "2024002")) == {}


# ---------------------------------------------------------------- Progress over any store

def test_progress_round_trip(store):
    a = tab(store)
    a.save("lesson9.demo", rec({"q1": "a", "q2": ["x", "y"]}, {"q1": True, "q2": False}))
    saved = tab(store).exercise("lesson9.demo")
    assert saved["answers"] == {"q1": "a", "q2": ["x", "y"]} and saved["score"] == 1 and saved["total"] == 3
    assert saved["updated"] == "2025-03-01T12:00:00+00:00" and saved["first"] == {"q1": "a", "q2": ["x", "y"]}


def test_two_learners_never_see_each_others_records(store):
    tab(store, WANG).save("e", rec({"q": "wang"}))
    tab(store, LI).save("e", rec({"q": "li"}))
    tab(store, LI).reset()
    assert tab(store, WANG).exercise("e")["answers"] == {"q": "wang"}
    assert tab(store, LI).exercise("e")["answers"] == {}
    assert tab(store, Learner.of("王芳")).load() == {}  # the same name without the number is someone else


def test_two_progress_objects_of_one_learner_keep_each_others_exercises(store):
    tab(store).save("a", rec({"q": "1"}))
    tab(store).save("b", rec({"q": "2"}))
    assert set(tab(store).load()) == {"a", "b"}


def test_two_tabs_of_one_exercise_merge_per_question(store):
    one, two = tab(store), tab(store)
    assert one.exercise("e") is None and two.exercise("e") is None  # both tabs open the empty exercise
    one.save("e", rec({"q1": "a"}))
    two.save("e", rec({"q1": None, "q2": "b"}, {"q2": True}))  # tab two never touched q1
    one.save("e", rec({"q1": "a", "q3": "c"}))
    saved = tab(store).exercise("e")
    assert saved["answers"] == {"q1": "a", "q2": "b", "q3": "c"}
    assert saved["correct"] == {"q1": True, "q2": True, "q3": True} and saved["score"] == 3


def test_a_tab_that_clears_an_answer_clears_it(store):
    one = tab(store)
    one.exercise("e")
    one.save("e", rec({"q1": "a", "q2": "b"}))
    one.save("e", rec({"q2": "b"}))
    assert tab(store).exercise("e")["answers"] == {"q2": "b"}


def test_a_stale_tab_does_not_overwrite_a_newer_answer_it_did_not_change(store):
    tab(store).save("e", rec({"q1": "old"}))
    stale, fresh = tab(store), tab(store)
    stale.exercise("e"), fresh.exercise("e")
    fresh.save("e", rec({"q1": "new"}))
    stale.save("e", rec({"q1": "old", "q2": "b"}))  # still shows q1's old answer, changed only q2
    assert tab(store).exercise("e")["answers"] == {"q1": "new", "q2": "b"}


def test_start_fresh_keeps_the_first_answers_and_attempts(store):
    p = tab(store)
    p.exercise("e")
    p.save("e", rec({"q": "wrong"}, {"q": False}))
    p.reset("e")
    p.save("e", rec({"q": "right"}))
    saved = tab(store).exercise("e")
    assert saved["answers"] == {"q": "right"} and saved["first"] == {"q": "wrong"} and saved["attempts"] == {"q": 2}


def test_start_fresh_of_everything_keeps_them_too_unless_a_teacher_asks(store):
    p = tab(store)
    p.save("a", rec({"q": "wrong"}, {"q": False}))
    p.save("b", rec({"q": "x"}))
    p.reset()
    assert {e: r["first"] for e, r in p.load().items()} == {"a": {"q": "wrong"}, "b": {"q": "x"}}
    assert all(r["answers"] == {} and r["score"] == 0 for r in p.load().values())
    p.reset(keep_first=False)
    assert p.load() == {}


def test_start_fresh_of_an_unanswered_exercise_leaves_no_record(store):
    p = tab(store)
    p.save("e", rec({}, {}))
    p.reset("e")
    assert p.load() == {}


def test_start_fresh_in_one_tab_is_not_undone_by_the_other(store):
    one, two = tab(store), tab(store)
    one.exercise("e"), two.exercise("e")
    one.save("e", rec({"q1": "a", "q2": "b"}))
    two.exercise("e")
    one.reset("e")
    two.save("e", rec({"q1": "a", "q2": "b", "q3": "c"}))  # two still shows q1, q2
    assert tab(store).exercise("e")["answers"] == {"q3": "c"}


def test_an_answer_is_frozen_only_once_its_feedback_is_shown(store):
    p = tab(store)
    p.save("e", rec({"q1": "a", "q2": "b"}), shown=["q1"])
    p.save("e", rec({"q1": "a", "q2": "c"}), shown=["q1", "q2"])
    saved = p.exercise("e")
    assert saved["first"] == {"q1": "a", "q2": "c"} and saved["attempts"] == {"q1": 1, "q2": 1}


def test_old_ids_are_saved_under_the_new_id(store):
    p = tab(store)
    p.save("lesson5.review", rec({"l1.q01": "a"}))
    assert set(p.load()) == {"lesson6.review"} and p.exercise("lesson5.review")["answers"] == {"l1.q01": "a"}


@pytest.mark.parametrize("name, number", [("", None), ("x" * 61, None), ("a\x1b[2Jb", None),
                                          ("Wang", "20 24"), ("Wang", "a;b")])
def test_a_bad_identity_is_refused_and_changes_nothing(store, name, number):
    p = tab(store)
    p.save("e", rec({"q": "a"}))
    with pytest.raises(ProgressError):
        p.choose(name, student_id=number)
    assert p.identity == WANG.key and p.exercise("e")["answers"] == {"q": "a"}
    if name:  # an empty name in code means nobody yet
        with pytest.raises(ProgressError):
            Progress(learner=name, student_id=number, store=store)


def test_a_failed_save_keeps_the_identity_and_the_answers(store, monkeypatch):
    p = tab(store)

    def broken(who, change):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "update", broken)
    with pytest.raises(OSError):
        p.save("e", rec({"q": "a"}))
    assert p.identity == WANG.key and "e" in p.pending
    p.choose("王芳", student_id="2024001", remember=False)  # the same learner again: the unsaved answer stays theirs
    assert "e" in p.pending
    p.choose("Li Ming", remember=False)  # another learner: it is never written as theirs
    monkeypatch.undo()
    assert p.flush() and tab(store, LI).load() == {} and tab(store, WANG).load() == {}


def test_under_a_hub_the_identity_is_the_hub_user_and_a_typed_name_is_refused(store):
    room = Classroom(hub_user="2024001", learner_name="王芳")
    p = Progress(store=store, classroom=room, learner="Someone Else")
    assert (p.learner, p.student_id, p.identity) == ("王芳", "2024001", WANG.key)
    with pytest.raises(ProgressError) as err:
        p.choose("Mallory", student_id="2024002")
    assert err.value.reason == "hub" and p.identity == WANG.key
    odd = Progress(store=store, classroom=Classroom(hub_user="li@example.edu", learner_name="王芳"))
    assert odd.learner == "li@example.edu" and odd.student_id is None  # not a student number: the name is the identity


def test_the_recorder_gets_each_first_answer_once(store):
    calls = []

    class Recorder:
        def record_first(self, identity, exercise_id, answers):
            calls.append((identity, exercise_id, answers))

        def hand_in(self, identity, data):
            raise AssertionError("not handed in here")

    p = tab(store, recorder=Recorder())
    p.exercise("lesson5.review")
    p.save("lesson5.review", rec({"q1": "a", "q2": "b"}), shown=["q1"])
    p.save("lesson5.review", rec({"q1": "changed", "q2": "b"}), shown=["q1", "q2"])
    p.reset("lesson6.review")
    p.save("lesson6.review", rec({"q1": "again"}), shown=["q1"])
    assert calls == [(WANG.key, "lesson6.review", {"q1": "a"}), (WANG.key, "lesson6.review", {"q2": "b"})]


def test_a_failing_recorder_keeps_the_first_answers_to_send_again(store):
    calls, down = [], [True]

    class Recorder:
        def record_first(self, identity, exercise_id, answers):
            if down[0]:
                raise OSError(111, "Connection refused")
            calls.append((exercise_id, answers))

        def hand_in(self, identity, data):
            pass

    p = tab(store, recorder=Recorder())
    with pytest.raises(OSError):
        p.save("e", rec({"q": "a"}))
    assert p.exercise("e")["first"] == {"q": "a"} and p.unrecorded == [("e", {"q": "a"})]  # saved; not yet recorded
    with pytest.raises(OSError):
        p.flush()
    down[0] = False
    assert p.flush() and calls == [("e", {"q": "a"})] and p.unrecorded == []


# ---------------------------------------------------------------- the file store's own guarantees

def test_the_file_store_locks_each_save(tmp_path, monkeypatch):
    from lessons.classroom import progress_store

    locks = []
    real = progress_store.FileLock
    monkeypatch.setattr(progress_store, "FileLock", lambda path, timeout: locks.append(path) or real(path, timeout))
    tab(FileStore(tmp_path)).save("e", rec({"q": "a"}))
    assert len(locks) == 1 and locks[0].endswith(".lock")


def test_in_the_browser_the_file_store_saves_without_a_lock(tmp_path, monkeypatch):
    """JupyterLite (sys.platform "emscripten"): one kernel per tab; a lock file left by a reload would block saves."""
    from lessons.classroom import progress_store

    def no_lock(path, timeout):
        raise AssertionError("no file lock in the browser")

    monkeypatch.setattr(progress_store, "FileLock", no_lock)
    monkeypatch.setattr(progress_store.sys, "platform", "emscripten")
    p = tab(FileStore(tmp_path))
    p.save("e", rec({"q": "a"}))
    assert tab(FileStore(tmp_path)).exercise("e")["answers"] == {"q": "a"} and not list(tmp_path.rglob("*.lock"))


def test_a_progress_without_a_learner_lists_in_no_store(tmp_path):
    p = Progress(tmp_path, learner=None)
    assert p.path is None and p.file_name is None and p.load() == {} and FileStore(tmp_path).learners() == []


def test_a_progress_file_is_read_once_without_following_links_or_blocking(tmp_path):
    import os

    from lessons.classroom.records import read_bounded, read_progress_file

    elsewhere = tmp_path / "elsewhere"
    tab(FileStore(elsewhere)).save("e", rec({"q": "secret"}))
    target = FileStore(elsewhere).path(WANG)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert read_progress_file(target)[1] is None and read_progress_file(link) == (None, "not_a_file")
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    assert read_progress_file(fifo) == (None, "not_a_file")  # returns at once: a FIFO is never read
    assert read_bounded(target, limit=10) == "too_large" and isinstance(read_bounded(target), bytes)


def test_a_learner_file_swapped_for_a_link_is_moved_aside_not_followed(tmp_path):
    tab(FileStore(tmp_path / "other"), LI).save("e", rec({"q": "li"}))
    store = FileStore(tmp_path / "home")
    path = store.path(WANG)
    path.parent.mkdir(parents=True)
    path.symlink_to(FileStore(tmp_path / "other").path(LI))
    assert store.load(WANG) == {} and [m.reason for m in store.moved] == ["not_a_file"]
    assert FileStore(tmp_path / "other").load(LI)["e"]["answers"] == {"q": "li"}  # the link's target is untouched
