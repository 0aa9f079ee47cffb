"""The summary cannot be hung or exhausted by a learner's file: one bounded, non-blocking read of the
opened file, never through a link (issue: a FIFO hangs it, /dev/zero grows it, links leave the folder)."""

import json
import os
import threading

from lessons.classroom.class_summary import summarise
from lessons.classroom.records import FORMAT, read_progress_file
from lessons.classroom.store import MAX_JSON_BYTES


def progress_file(path, learner="Victim", number="2024001"):
    path.write_text(
        json.dumps({"format": FORMAT, "learner": learner, "student_id": number, "exercises": {}}), encoding="utf-8"
    )
    return path


def summarise_within(folder, seconds=20):
    """The summary of ``folder``, or an AssertionError if it does not finish (a FIFO would block forever)."""
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("s", summarise(folder)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert "s" in result, "the summary hung"
    return result["s"]


def test_a_fifo_is_skipped_without_blocking(tmp_path):
    folder = tmp_path / "handin"
    folder.mkdir()
    os.mkfifo(folder / "fifo.json")
    progress_file(folder / "real.json", "Real")
    s = summarise_within(folder)
    assert [r.learner for r in s.learners] == ["Real"]
    assert [(k.file, k.reason) for k in s.skipped] == [("fifo.json", "not_a_file")]


def test_a_link_to_dev_zero_is_not_read(tmp_path):
    folder = tmp_path / "handin"
    folder.mkdir()
    (folder / "zero.json").symlink_to("/dev/zero")
    s = summarise_within(folder)
    assert [(k.file, k.reason) for k in s.skipped] == [("zero.json", "not_a_file")]


def test_a_link_out_of_the_folder_is_not_followed(tmp_path):
    """A classmate's file elsewhere, linked in, is not counted (before: it was read and counted)."""
    folder, elsewhere = tmp_path / "handin", tmp_path / "private"
    folder.mkdir()
    elsewhere.mkdir()
    (folder / "stolen.json").symlink_to(progress_file(elsewhere / "victim.json"))
    s = summarise_within(folder)
    assert s.learners == () and [(k.file, k.reason) for k in s.skipped] == [("stolen.json", "not_a_file")]


def test_a_file_over_the_bound_is_not_read(tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(MAX_JSON_BYTES + 1)
    assert read_progress_file(big) == (None, "too_large")
    assert read_progress_file(progress_file(tmp_path / "ok.json"))[1] is None
