"""The class server's parts without a hub: roster, login secrets, the hand-in service's records, configuration.

The hub itself, learners' Unix users and the attacks over HTTP are in tests/browser/test_class_server.py.
"""

import asyncio
import concurrent.futures
import datetime as dt
import json
import os
import re
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from lessons.classroom.grading import load_answer_keys
from lessons.cli.main import main
from lessons.content.course import load_content
from lessons.content.errors import LessonsError
from lessons.server import handin_service
from lessons.server.accounts import Accounts, Throttle, normal_code
from lessons.server.hub_config import TEACHER_SCOPE, ClassSetup, hub_config, z2jh_config
from lessons.server.handin_records import RecordError, Records
from lessons.server.roster import Member, parse_roster, username_for
from lessons.server.roster_auth import RosterAuthenticator

ROSTER = "student_id,name,role\nT-01,Teacher Li,teacher\n2024001,王芳,\n2024-002,Bob Zhang,learner\n"


@pytest.fixture(scope="module")
def keys():
    return load_answer_keys(load_content())


def test_logins_come_from_student_numbers_and_cannot_collide():
    members = parse_roster(ROSTER)
    assert [(m.username, m.role) for m in members] == [
        ("plt01", "teacher"),
        ("pl2024001", "learner"),
        ("pl2024002", "learner"),
    ]
    assert username_for("ＡＢ-12/3", "cls") == "clsab123"
    with pytest.raises(LessonsError, match="rows 2 and 3") as same:
        parse_roster("student_id,name\n2024-001,A\n2024001,B\n")
    assert same.value.key == "roster_same_login"  # by key: a Chinese command line says it in Chinese
    chinese = parse_roster("学号,姓名,角色\nT-02,李老师,教师\n2024003,张三,学生\n")
    assert [(m.username, m.role) for m in chinese] == [("plt02", "teacher"), ("pl2024003", "learner")]
    for bad in ("name\nA\n", "student_id,name\n,A\n", "student_id,name,role\n1,A,admin\n", "student_id,name\n../-,A\n"):
        with pytest.raises(LessonsError):
            parse_roster(bad)
    with pytest.raises(LessonsError):
        username_for("1", "Root")


def test_a_code_works_once_and_becomes_a_chosen_password(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json")
    codes = accounts.issue(["pl1", "pl2"])
    stored = (tmp_path / "accounts.json").read_text()
    assert codes["pl1"] not in stored and "pbkdf2$" in stored  # only hashes are kept
    assert stat.S_IMODE(os.stat(tmp_path / "accounts.json").st_mode) == 0o600
    assert accounts.login("pl1", codes["pl1"]) == "choose_password"
    assert accounts.login("pl1", codes["pl1"], "short") == "short_password"
    assert accounts.login("pl1", codes["pl1"].lower().replace("-", " "), "my secret 1") == "ok"
    assert accounts.login("pl1", codes["pl1"], "another one") == "wrong"  # the code is spent
    assert accounts.login("pl1", "my secret 1") == "ok"
    assert accounts.login("pl1", codes["pl2"]) == "wrong" and accounts.login("nobody", "x") == "wrong"
    assert accounts.issue(["pl1", "pl2"]) == {}  # nothing new: slips are printed once
    again = accounts.issue(["pl1"], {"pl1"})  # a forgotten password: a new code, the old password gone
    assert accounts.login("pl1", "my secret 1") == "wrong" and accounts.login("pl1", again["pl1"], "new secret") == "ok"
    assert normal_code("abcd efgh") == "ABCD-EFGH"


def test_failed_logins_make_the_name_wait():
    throttle = Throttle(limit=3, wait=60)
    for t in range(3):
        assert not throttle.blocked("user:a", now=t)
        throttle.failed("user:a", now=t)
    assert throttle.blocked("user:a", now=10) and not throttle.blocked("user:b", now=10)
    assert not throttle.blocked("user:a", now=100)


def run_in_own_loop(coroutine):
    """Run in a thread of its own: a browser test's Playwright may keep an event loop running in this one."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_the_authenticator_checks_the_roster_and_locks_out_guessing(tmp_path):
    accounts = Accounts(tmp_path / "accounts.json")
    code = accounts.issue(["pl1"])["pl1"]
    auth = RosterAuthenticator(accounts_file=str(tmp_path / "accounts.json"), allowed_users={"pl1"})
    handler = SimpleNamespace(request=SimpleNamespace(remote_ip="10.0.0.5"))

    def login(**data):
        return run_in_own_loop(auth.authenticate(handler, data))

    assert login(username="pl1", password=code, new_password="chosen pass") == "pl1"
    for _ in range(5):
        assert login(username="pl1", password="guess") is None
    assert login(username="pl1", password="chosen pass") is None  # locked out for a while, even when right
    assert login(username="pl9", password="x") is None


def records(tmp_path, keys, now):
    members = [
        Member("pl1", "2024001", "王芳"),
        Member("pl2", "2024002", "Bob Zhang"),
        Member("plt", "T1", "Li", "teacher"),
    ]
    return Records(tmp_path / "records", keys, members, clock=lambda: now[0])


def test_the_first_answer_counts_and_the_server_stamps_the_time(tmp_path, keys):
    now = [dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone.utc)]
    r = records(tmp_path, keys, now)
    candidates = ("basic", "device", "account", "private", "social", "network", "yes", "no", "sensitive", True, False)
    q1, right_answer = next((q, a) for q, k in keys.exercises["lesson1.selfcheck"].items() for a in candidates
                            if k.correct(a))
    key = keys.exercises["lesson1.selfcheck"][q1]
    group = ("yes", "no") if right_answer in ("yes", "no") else ("basic", "device", "account", "private", "social")
    wrong_answer = next(a for a in group if not key.correct(a))
    assert r.record_first("pl1", "lesson1.selfcheck", {q1: wrong_answer, "not-a-question": "x"}) == [q1]
    now[0] += dt.timedelta(minutes=5)
    assert r.record_first("pl1", "lesson1.selfcheck", {q1: right_answer}) == []  # after Start fresh: practice
    assert r.record_first("pl2", "lesson1.selfcheck", {q1: right_answer}) == [q1]
    for bad in (("nobody", "lesson1.selfcheck", {}), ("pl1", "lesson9.x", {}), ("pl1", "lesson1.selfcheck", [1])):
        with pytest.raises(RecordError):
            r.record_first(*bad)
    summary = {row.student_id: row for row in r.summary(due=None).learners}
    assert (
        summary["2024001"].scores["lesson1.selfcheck"][0] == 0
        and summary["2024002"].scores["lesson1.selfcheck"][0] == 1
    )
    assert r.firsts("pl1")["lesson1.selfcheck"][q1]["time"] == "2026-12-01T10:00:00+00:00"


def test_a_forged_or_backdated_hand_in_counts_only_for_its_sender_at_the_server_time(tmp_path, keys):
    now = [dt.datetime(2026, 12, 20, 12, tzinfo=dt.timezone.utc)]
    r = records(tmp_path, keys, now)
    forged = {
        "format": "pi-lessons.progress.v1",
        "learner": "Bob Zhang",
        "student_id": "2024002",
        "handed_in": "2026-12-01T00:00:00+00:00",
        "exercises": {},
    }
    r.hand_in("pl1", b"{}")
    receipt = r.hand_in("pl1", json.dumps(forged).encode())
    assert (receipt.number, receipt.time) == (2, "2026-12-20T12:00:00+00:00")
    assert [h["time"] for h in r.handins("pl1")] == [receipt.time] * 2 and r.handins("pl2") == []  # history kept
    due = dt.datetime(2026, 12, 15, tzinfo=dt.timezone.utc)
    rows = {row.student_id: row for row in r.summary(due).learners}
    assert list(rows) == ["2024001"] and "late" in rows["2024001"].flags  # late by the server's clock
    reported = {row.student_id: row for row in r.summary(due, self_reported=True).learners}
    assert list(reported) == ["2024001"] and reported["2024001"].learner == "王芳"  # the roster's name, not the body's
    for bad in (b"not json", b"[1]", b"x" * 2_000_000):
        with pytest.raises(RecordError):
            r.hand_in("pl2", bad)
    with pytest.raises(RecordError):
        r.hand_in("stranger", b"{}")


def test_answers_are_released_after_the_due_time_or_by_the_teacher(tmp_path, keys):
    now = [dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)]
    r = records(tmp_path, keys, now)
    due = dt.datetime(2026, 12, 2, tzinfo=dt.timezone.utc)
    assert not r.released(due) and not r.released(None)
    now[0] = dt.datetime(2026, 12, 3, tzinfo=dt.timezone.utc)
    assert r.released(due)
    r.release()
    assert r.released(None)
    question = f"lesson1.selfcheck/{next(iter(keys.exercises['lesson1.selfcheck']))}"
    assert r.set_check([question, "made/up"]) == [question] and r.check() == [question]


def setup_for(tmp_path, **kw):
    members = tuple(parse_roster(ROSTER))
    return ClassSetup(tmp_path / "class", members, "0.0.0.0", 8000, 8081, 8001, 8002, "/usr/bin/chp", **kw)


def test_the_hub_configuration_is_code_only_from_repr(tmp_path):
    evil = "x'); import os; os.system('id') #"
    setup = setup_for(tmp_path)
    setup = ClassSetup(**{**setup.__dict__, "members": setup.members + (Member("pl9", "9", evil),)})
    text = hub_config(setup, tmp_path / "token")
    compile(text, "jupyterhub_config.py", "exec")
    assert "os.system('id')" not in text.replace(repr(evil), "") and json.dumps(evil, ensure_ascii=False) in text
    assert TEACHER_SCOPE == handin_service.TEACHER_SCOPE
    assert "'groups': ['teachers']" in text and "access:services!service=handin" in text
    assert "jupyterhub_idle_culler" in text and "/voila/render/en/00-start-here.ipynb" in text


def test_the_kubernetes_values_carry_the_same_authenticator_roles_and_culling(tmp_path):
    values = yaml.safe_load(z2jh_config(setup_for(tmp_path, lang="zh", cull_seconds=1800)))
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"].endswith("RosterAuthenticator")
    assert TEACHER_SCOPE in values["hub"]["loadRoles"]["teacher"]["scopes"]
    assert values["cull"] == {"enabled": True, "timeout": 1800, "every": 300}
    assert values["singleuser"]["defaultUrl"] == "/voila/render/zh/00-start-here.ipynb"
    assert sorted(values["hub"]["config"]["Authenticator"]["allowed_users"]) == ["pl2024001", "pl2024002", "plt01"]


def _helm_merge(defaults: dict, values: dict) -> dict:
    """Helm's merge of a values file into the chart's defaults: maps merge key by key, anything else replaces."""
    out = dict(defaults)
    for key, value in values.items():
        both = isinstance(value, dict) and isinstance(defaults.get(key), dict)
        out[key] = _helm_merge(defaults[key], value) if both else value
    return out


def test_the_kubernetes_values_pass_the_charts_own_schema(tmp_path):
    """What `helm install` checks before it touches a cluster (tests/z2jh: the chart's schema and defaults)."""
    import jsonschema

    chart = Path(__file__).parent / "z2jh"
    schema = json.loads((chart / "values.schema.json").read_text(encoding="utf-8"))
    defaults = yaml.safe_load((chart / "values.yaml").read_text(encoding="utf-8"))
    values = yaml.safe_load(z2jh_config(setup_for(tmp_path, lang="zh", cull_seconds=1800)))
    check = jsonschema.Draft7Validator(schema)
    assert [e.message for e in check.iter_errors(_helm_merge(defaults, values))] == []
    values["singleuser"]["memory"]["limt"] = "1G"  # a typo in a key: the chart's schema refuses it
    assert any("limt" in e.message for e in check.iter_errors(_helm_merge(defaults, values)))


def test_the_command_refuses_bad_options_in_one_line(tmp_path, capsys):
    from lessons.cli.main import main

    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert main(["class", "start", "--folder", str(tmp_path / "c"), "--roster", str(roster), "--due", "soon"]) == 2
    assert "--due" in capsys.readouterr().err
    assert (
        main(["class", "start", "--folder", str(tmp_path / "c"), "--roster", str(roster), "--cert", str(roster)]) == 2
    )
    assert not (tmp_path / "c").exists()
    assert main(["class", "start", "--folder", str(tmp_path / "c")]) == 2  # no roster the first time
    assert "--roster" in capsys.readouterr().err
    assert Path(tmp_path / "c").exists() is False


class FakeRecorder:
    """What the hand-in service would receive from a learner's kernel (identity is the hub's, never sent)."""

    def __init__(self, fail: bool = False):
        self.firsts, self.handins, self.fail = [], [], fail

    def record_first(self, identity, exercise_id, answers):
        if self.fail:
            raise OSError("the service is restarting")
        self.firsts.append((exercise_id, answers))

    def hand_in(self, identity, data):
        self.handins.append(data if isinstance(data, dict) else json.loads(data))
        return {"number": 1, "time": "2026-12-01T10:00:00+00:00", "sha256": "ab" * 32}


def test_a_learners_first_answers_and_hand_in_go_to_the_recorder(tmp_path):
    from lessons.classroom.handin import hand_in
    from lessons.classroom.progress import Progress

    recorder = FakeRecorder()
    p = Progress(tmp_path, "王芳", student_id="2024001", recorder=recorder)
    value = {"answers": {"q01": "basic"}, "correct": {"q01": True}, "score": 1, "total": 14}
    p.save("lesson1.selfcheck", value)
    p.save("lesson1.selfcheck", {**value, "answers": {"q01": "device"}, "correct": {"q01": False}, "score": 0})
    assert recorder.firsts == [("lesson1.selfcheck", {"q01": "basic"})]  # a changed answer is practice
    hand_in(p)
    assert recorder.handins[0]["learner"] == "王芳"


def test_on_a_class_server_every_page_records_with_the_hub_token_and_the_learner_is_the_hubs(tmp_path, monkeypatch):
    from lessons.classroom.hub_recorder import HubRecorder
    from lessons.widgets.page import Page

    assert Page(lang="en").recorder is None or os.environ.get("PI_LESSONS_HANDIN_URL")  # no class server: none
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    monkeypatch.setenv("PI_LESSONS_HANDIN_URL", "http://127.0.0.1:9/services/handin")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "t")
    monkeypatch.setenv("JUPYTERHUB_USER", "pl2024001")
    monkeypatch.setenv("PI_LESSONS_LEARNER_NAME", "王芳")
    progress = Page(lang="en").progress()
    assert isinstance(progress.recorder, HubRecorder) and progress.recorder.url.endswith("/services/handin/")
    assert progress.learner == "王芳"


@pytest.mark.parametrize("action", ["start", "prepare", "remove-users"])
def test_the_help_of_every_class_action_is_chinese_with_lang_zh(action, capsys):
    """`class ACTION --help --lang zh`: every line Chinese (options, metavariables and program names aside),
    every option explained."""
    assert main(["class", action, "--help", "--lang", "zh"]) == 0
    text = re.sub(r"-\n\s+", "-", capsys.readouterr().out)  # a path argparse wrapped at its hyphen
    usage, _, options = text.partition("选项：")
    assert usage.startswith("用法：") and options
    explained = re.findall(r"^  (-[-\w]+(?:, --\w+)?)(?: [A-Z_]+(?: \[[A-Z_ .]+\])?)?\s+\S", options, re.M)
    listed = re.findall(r"^  (-[-\w]+(?:, --\w+)?)", options, re.M)
    assert explained == listed and len(listed) >= 2  # an option without help has nothing after it on its line
    prose = re.sub(
        r"--?[\w.-]+|\{[\w,]+\}|\b[A-Z_]{2,}\b|python -m lessons|pi-lessons|\b(class|start|prepare|remove-users)\b|"
        r"\b(CSV|PEM|TLS|ISO 8601|Voilà|JupyterLab|JupyterHub|Unix|Python|configurable-http-proxy|npm|en|zh|pl)\b|"
        r"docs/[\w./-]+|/home|https?://",  # an address's scheme is no prose
        "",
        options,
    )
    assert not re.search(r"[A-Za-z]{3,}", prose), prose


def test_class_start_refuses_a_certificate_and_a_key_that_do_not_load_together(tmp_path, capsys, monkeypatch):
    """Before anything is set up, in the command's language: the hub's proxy would fail later, with a traceback."""
    from lessons.cli import class_command
    from tests.browser.hub_client import certificates

    monkeypatch.setattr(class_command.os, "geteuid", lambda: 0)
    _, cert, other_key = certificates(tmp_path / "mismatched", other_key=True)
    _, good_cert, good_key = certificates(tmp_path / "good")
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    for given_cert, given_key in ((cert, other_key), (roster, good_key), (good_cert, roster)):
        argv = ["class", "start", "--lang", "zh", "--folder", str(tmp_path / "class"), "--roster", str(roster),
                "--cert", str(given_cert), "--key", str(given_key),
                "--python", str(tmp_path / "no-python")]  # unchecked, the set-up would still stop before users
        assert main(argv) == 2
        assert "不是一对匹配的 PEM 证书和不带密码的私钥" in capsys.readouterr().err
    assert not (tmp_path / "class").exists()
    class_command.check_certificate(good_cert, good_key)  # a certificate with its own key is taken


def test_prepare_reports_in_the_class_language(tmp_path, monkeypatch, capsys):
    from lessons.server import prepare
    from lessons.server.roster import roster_json

    state = tmp_path / "state"
    state.mkdir()
    (state / "class.json").write_text(json.dumps({"hub_api": "http://127.0.0.1:9/hub/api", "url": "", "lang": "zh"}))
    (state / "preparer_token").write_text("token")
    (state / "roster.json").write_text(json.dumps(roster_json(parse_roster(ROSTER))))
    asked = []
    monkeypatch.setattr(prepare, "start_servers", lambda api, token, users, parallel: asked.append(users) or {
        user: user.endswith("1") for user in users})
    assert main(["class", "prepare", "--folder", str(tmp_path)]) == 1  # one server did not start
    assert asked == [["pl2024001", "pl2024002"]]  # learners only, not the teacher
    assert capsys.readouterr().out.strip() == "2 名学生中已有 1 人的服务器在运行"


def test_the_sites_origin_reaches_the_hand_in_service_and_a_bad_one_is_refused(tmp_path, capsys, monkeypatch):
    """`class start --site-origin`: the only pages besides the hub's own that may hand in (docs/site.md)."""
    from lessons.cli import class_command
    from lessons.cli.main import main

    text = hub_config(setup_for(tmp_path, site_origin="https://course.example.org"), tmp_path / "token")
    assert "'PI_LESSONS_SITE_ORIGIN': 'https://course.example.org'" in text
    assert "PI_LESSONS_SITE_ORIGIN" not in hub_config(setup_for(tmp_path), tmp_path / "token")
    monkeypatch.setattr(class_command.os, "geteuid", lambda: 0)
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    for origin in ("http://course.example.org", "https://course.example.org/lessons/", "course.example.org"):
        argv = ["class", "start", "--lang", "zh", "--folder", str(tmp_path / "c"), "--roster", str(roster),
                "--site-origin", origin]
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert f"{origin} 不是网站地址" in err and "Traceback" not in err
    assert not (tmp_path / "c").exists()


def test_the_kubernetes_hub_writes_the_login_page_and_hub_pages_in_the_class_language(tmp_path, monkeypatch):
    """The first login needs the login page's new-password field: the Kubernetes hub writes it when it starts."""
    from traitlets.config import Config

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    extra = yaml.safe_load(z2jh_config(setup_for(tmp_path, lang="zh")))["hub"]["extraConfig"]["pi-lessons"]
    c = Config()
    exec(compile(extra, "extraConfig", "exec"), {"c": c})  # as the chart's hub runs it
    [folder] = c.JupyterHub.template_paths
    login = (Path(folder) / "login.html").read_text(encoding="utf-8")
    assert 'name="new_password"' in login and "登录" in login and Path(folder).parent == tmp_path
    assert (Path(folder) / "error.html").exists() and c.Spawner.server_token_scopes
