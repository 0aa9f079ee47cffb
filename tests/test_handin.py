"""Hand-in and download: the receipt matches the copied bytes, the summary reads the hand-in time."""
import base64
import datetime as dt
import hashlib
import json
import re

import pytest

from lessons.content.errors import LessonsError
from lessons.classroom.class_summary import summarise
from lessons.classroom.handin import hand_in, progress_bytes
from lessons.classroom.progress import Progress
from lessons.classroom.settings import Classroom

CLOCK = lambda: dt.datetime(2025, 3, 2, 9, 30, tzinfo=dt.timezone.utc)  # noqa: E731
RECORD = {"answers": {"l1.q05": "no"}, "correct": {"l1.q05": True}, "score": 1, "total": 26}


def test_hand_in_copies_the_file_with_a_receipt(tmp_path):
    p = Progress(tmp_path / "home", learner="王芳", student_id="2024007")
    p.save("lesson6.review", RECORD)
    (tmp_path / "handin").mkdir()
    receipt = hand_in(p, tmp_path / "handin", clock=CLOCK)
    raw = receipt.file.read_bytes()
    assert receipt.file.parent == tmp_path / "handin" and receipt.time == "2025-03-02T09:30:00+00:00"
    assert hashlib.sha256(raw).hexdigest() == receipt.sha256
    assert json.loads(raw)["handed_in"] == receipt.time
    assert json.loads(raw)["exercises"]["lesson6.review"]["answers"] == RECORD["answers"]
    [row] = summarise(tmp_path / "handin", due=dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc)).learners
    assert row.handed_in == receipt.time and "late" in row.flags and row.student_id == "2024007"


def test_hand_in_problems_are_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("PI_LESSONS_HANDIN", str(tmp_path))  # never read here: the settings come with the Progress
    p = Progress(tmp_path, learner="Li Ming")
    with pytest.raises(LessonsError, match="nothing saved yet"):
        progress_bytes(p)
    p.save("lesson6.review", RECORD)
    with pytest.raises(LessonsError, match="no hand-in folder"):
        hand_in(p)
    with pytest.raises(LessonsError, match="hand-in folder is missing"):
        hand_in(p, tmp_path / "missing")


def test_hand_in_goes_to_the_folder_of_the_classroom_settings(tmp_path):
    (tmp_path / "handin").mkdir()
    p = Progress(tmp_path / "home", learner="Li Ming", classroom=Classroom(handin=tmp_path / "handin"))
    p.save("lesson6.review", RECORD)
    assert hand_in(p, clock=CLOCK).file == tmp_path / "handin" / p.file_name


def test_a_recorder_receives_the_hand_in_and_no_folder_is_needed(tmp_path):
    class Recorder:
        def __init__(self):
            self.calls = []

        def record_first(self, identity, exercise_id, answers):
            self.calls.append(("first", identity, exercise_id, answers))

        def hand_in(self, identity, data):
            self.calls.append(("hand_in", identity, data))

    rec = Recorder()
    p = Progress(tmp_path, learner="Li Ming", student_id="2024009", recorder=rec)
    p.save("lesson6.review", RECORD)
    receipt = hand_in(p, clock=CLOCK)
    kind, identity, data = rec.calls[-1]
    assert (kind, identity) == ("hand_in", "id:2024009") and data["handed_in"] == receipt.time
    assert data["exercises"]["lesson6.review"]["answers"] == RECORD["answers"] and not list(tmp_path.glob("*.json"))


def test_learner_page_offers_download_and_hand_in(tmp_path, content):
    from lessons.widgets.learner_panel import Learner

    (tmp_path / "handin").mkdir()
    p = Progress(tmp_path / "home", learner="Zhou Jie", classroom=Classroom(handin=tmp_path / "handin"))
    lw = Learner(content, lang="zh", progress=p, remember_language=False)
    assert lw.html("download") == "" and "hand-in" not in lw.actions  # nothing saved yet
    p.save("lesson6.review", RECORD)
    lw.refresh()
    link = re.search(r"href='data:application/json;base64,([^']+)'", lw.html("download"))
    assert link and base64.b64decode(link.group(1)) == p.path.read_bytes() and "下载我的进度" in lw.read("download")
    lw.hand_in()
    assert "已于" in lw.read("receipt") and "SHA-256" in lw.read("receipt")
    digest = re.search(r"<code>([0-9a-f]{64})</code>", lw.html("receipt")).group(1)
    assert hashlib.sha256((tmp_path / "handin" / p.path.name).read_bytes()).hexdigest() == digest


# -- handing in from the static site (the browser's part runs in tests/browser/test_site_handin.py) -----------------
@pytest.mark.parametrize("given, kept", [
    ("https://hub.example.org/services/handin", "https://hub.example.org/services/handin/"),
    ("http://127.0.0.1:8000/services/handin/", "http://127.0.0.1:8000/services/handin/"),
    ("http://hub.example.org/services/handin/", None),  # a token must not cross a network unencrypted
    ("javascript:alert(1)", None), ("https://hub.example.org/?next=x", None), ("https://me:pw@hub/", None),
    ("https://hub.example.org:99999/", None), ("", None), ("https://" + "a" * 3000, None),
])
def test_only_an_https_or_local_service_address_is_taken(given, kept):
    from lessons.classroom.settings import SITE_HANDIN_ENV, service_url

    assert service_url(given) == kept
    assert Classroom.from_env({SITE_HANDIN_ENV: given}).site_handin == kept


@pytest.mark.parametrize("given, kept", [
    ("https://course.example.org", "https://course.example.org"),
    ("https://course.example.org:8443/", "https://course.example.org:8443"),
    ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"), ("https://course.example.org/lessons/", None),
    ("http://course.example.org", None),
])
def test_a_site_origin_is_an_address_without_a_path(given, kept):
    from lessons.classroom.settings import web_origin

    assert web_origin(given) == kept


def test_on_the_site_with_a_class_server_the_browser_hands_in_the_progress_file(tmp_path, content):
    from lessons.widgets.learner_panel import Learner

    site = Classroom(site_handin="https://hub.example.org/services/handin/")
    p = Progress(tmp_path / "home", learner="王芳", classroom=site)
    lw = Learner(content, lang="zh", progress=p, remember_language=False)
    sender = lw.site_hand_in
    assert sender is not None and sender.service == site.site_handin and sender.file == ""  # nothing saved yet
    p.save("lesson6.review", RECORD)
    lw.refresh()
    assert sender.file.encode("utf-8") == p.path.read_bytes() and sender.file_name == p.path.name
    assert "hand-in" not in lw.actions  # no Python button: Python in the browser has no hub token
    assert sender.texts["label"] == "提交" and "{time}" in sender.texts["receipt"]
    words = re.sub(r"\{\w+\}|SHA-256|HTTP|JSON", "", " ".join(sender.texts.values()))
    assert not re.search(r"[A-Za-z]{2,}", words), words  # a Chinese page shows no English
    assert set(sender.texts) >= {f"problem_{key}" for key in ("record_not_progress", "record_too_many")}
    off = Learner(content, lang="en", progress=Progress(tmp_path / "two", learner="Li"), remember_language=False)
    assert off.site_hand_in is None  # elsewhere no such widget (nor its messages)


def test_site_build_puts_the_service_in_the_browsers_settings_and_refuses_a_bad_one(tmp_path, capsys, monkeypatch):
    from lessons.cli.main import main
    from lessons.cli.site_command import KERNEL_SETTINGS, _write_config
    from lessons.classroom.settings import SITE_HANDIN_ENV

    _write_config(tmp_path, tmp_path / "out", ["pi-lessons"], "https://hub.example.org/services/handin/")
    env = json.loads((tmp_path / "jupyter-lite.json").read_text())["jupyter-config-data"]["litePluginSettings"][
        KERNEL_SETTINGS]["loadPyodideOptions"]["env"]
    assert env[SITE_HANDIN_ENV] == "https://hub.example.org/services/handin/"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # the command's messages follow the environment's language
    assert main(["site", str(tmp_path / "site"), "--hand-in", "http://hub.example.org/"]) != 0
    err = capsys.readouterr().err
    assert "不是提交服务的地址" in err and "Traceback" not in err and not (tmp_path / "site").exists()
