"""The class server as a class meets it: `pi-lessons class start` with a roster, forty learners, a teacher,
and the attacks of a learner who wants to cheat.

Runs as root (the command makes a Unix user per learner; they are removed afterwards). Forty learners log
in with their one-time codes, open Lesson 1, answer and hand in: three in Chromium, the rest through the
light client of ``hub_client`` (the hub's login form, Voilà's kernel websocket, the widget protocol). The
teacher then downloads the gradebook: every learner's answer is theirs. Marked ``slow``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

from .conftest import ROOT, _free_port
from .test_progress import counted_item, go_to
from .surface import widget
from .hub_client import HubLearner, LoginFailed, RunningClass, learner_python, run_class
from .test_jupyterhub import proxy_command
from lessons.server.hub_config import LEARNER_SERVER

pytestmark = pytest.mark.slow
LEARNERS = 40
IN_BROWSER = 3
INDEX, QID, RIGHT, WRONG, _ = counted_item()  # Lesson 1's first counted item (q01-q06 are practice)
LESSON1 = "en/01-what-is-personal-information.ipynb"
START = "en/00-start-here.ipynb"


def as_user(user: str, command: str) -> subprocess.CompletedProcess:
    return subprocess.run(["su", "-s", "/bin/sh", user, "-c", command], capture_output=True, text=True, timeout=60)


def server_token(user: str) -> str:
    """The hub token of ``user``'s running server, as their kernels have it (read from /proc as root)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid != _uid(user) or LEARNER_SERVER.encode() not in (entry / "cmdline").read_bytes():
                continue
            env = dict(v.split("=", 1) for v in (entry / "environ").read_bytes().decode().split("\0") if "=" in v)
        except OSError:
            continue
        return env["JUPYTERHUB_API_TOKEN"]
    raise AssertionError(f"no running server of {user}")


def _uid(user: str) -> int:
    import pwd

    return pwd.getpwnam(user).pw_uid


class ClassServer:
    def __init__(self, running: RunningClass):
        self.running = running
        self.url, self.folder, self.homes = running.url, running.folder, running.homes
        self.members, self.codes = running.members, running.codes
        self._teacher_signed_in = False

    def learners(self) -> list[dict]:
        return self.running.learners()

    def teacher(self) -> HubLearner:
        """The teacher, signed in (the first time with the code from the slip, then with the password)."""
        t = next(m for m in self.members if m["role"] == "teacher")
        client = HubLearner(self.url, t["username"])
        if not self._teacher_signed_in:
            client.sign_in(self.codes[t["username"]], "teacher pass 1", next_url="/hub/home")
            self._teacher_signed_in = True
        else:
            client.sign_in("teacher pass 1", next_url="/hub/home")
        return client

    def gradebook(self) -> dict[str, dict]:
        r = self.teacher().http.get(f"{self.url}/services/handin/gradebook.csv", timeout=120)
        assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(r.text.lstrip("\ufeff"))))
        return {row["login"]: row for row in rows}


@pytest.fixture(scope="module")
def class_server():
    if os.geteuid() != 0:
        pytest.skip("the class server makes Unix users: run as root")
    proxy, python = proxy_command(), learner_python(ROOT)
    if proxy is None or python is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("configurable-http-proxy or a Python every user can run is missing in CI")
        pytest.skip("configurable-http-proxy (see .ci/run) or a Python every user can run is missing")
    started = time.monotonic()
    with run_class(ROOT, proxy, python, LEARNERS + 3, _free_port()) as running:
        print(f"class server answered after {time.monotonic() - started:.1f} s")
        yield ClassServer(running)


def light_learner(server: ClassServer, member: dict, answer: str) -> str:
    """Log in with the code, answer Lesson 1's first question, hand in; returns the receipt."""
    learner = HubLearner(server.url, member["username"])
    learner.sign_in(server.codes[member["username"]], f"pass {member['username']}")
    page = learner.open(LESSON1)
    page.select("pi-question-select", INDEX)
    page.choose(f"pi-answer-{QID}", answer)
    page.text("pi-feedback", "")
    page.close()
    start = learner.open(START)
    assert member["name"] in start.text("pi-learner", "")  # who is signed in comes from the hub's roster
    start.click("pi-hand-in")
    receipt = start.text("pi-receipt", "SHA-256")
    start.close()
    return receipt


def browser_learner(browser, server: ClassServer, member: dict, answer: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(240_000)
    try:
        page.goto(f"{server.url}/hub/login")
        page.locator("#username_input").fill(member["username"])
        page.locator("#password_input").fill(server.codes[member["username"]])
        page.locator("#new_password_input").fill(f"pass {member['username']}")
        page.locator("#login_submit").click()
        page.wait_for_url(f"**/user/{member['username']}/voila/**")
        page.goto(f"{server.url}/user/{member['username']}/voila/render/{LESSON1}")
        quiz = widget(page, "self-check")
        go_to(quiz, INDEX)
        quiz.locator(f".pi-answer-{QID} select").select_option(label=answer)
        expect(quiz.locator(".pi-feedback").first).not_to_be_empty()
        page.goto(f"{server.url}/user/{member['username']}/voila/render/{START}")
        expect(page.locator(".pi-learner").first).to_contain_text(member["name"])
        page.locator(".pi-hand-in").click()
        expect(page.locator(".pi-receipt")).to_contain_text("SHA-256")
    finally:
        context.close()


def test_forty_learners_log_in_answer_and_hand_in_and_the_gradebook_is_theirs(class_server, browser):
    learners = class_server.learners()[:LEARNERS]
    answers = {m["username"]: RIGHT if n % 3 else WRONG for n, m in enumerate(learners)}
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=10) as pool:
        light = {
            m["username"]: pool.submit(light_learner, class_server, m, answers[m["username"]])
            for m in learners[IN_BROWSER:]
        }
        for m in learners[:IN_BROWSER]:  # Playwright's sync API stays on this thread
            browser_learner(browser, class_server, m, answers[m["username"]])
        receipts = {user: future.result() for user, future in light.items()}
    print(f"{LEARNERS} learners logged in, answered and handed in within {time.monotonic() - started:.0f} s")
    assert all("SHA-256" in r for r in receipts.values())
    book = class_server.gradebook()
    from lessons.classroom.grading import load_answer_keys
    from lessons.content.course import load_content

    assert book["points_possible"]["total"] == str(load_answer_keys(load_content()).course_total)
    lost = [m["username"] for m in learners if not book[m["username"]]["handed_in"]]
    crossed = [
        m["username"]
        for m in learners
        if book[m["username"]]["lesson1.selfcheck"] != ("1" if answers[m["username"]] == RIGHT else "0")
        or book[m["username"]]["student_id"] != m["student_id"]
        or book[m["username"]]["hand_ins"] != "1"
    ]
    assert (lost, crossed) == ([], [])
    for m in learners:  # each learner's progress is in their own home, closed to everyone else
        home = class_server.homes / m["username"]
        assert os.stat(home).st_uid == _uid(m["username"]) and os.stat(home).st_mode & 0o777 == 0o700


@pytest.fixture(scope="module")
def two(class_server):
    """Two signed-in learners (a cheater and a victim) whose servers are running."""
    cheater, victim = class_server.learners()[LEARNERS : LEARNERS + 2]
    out = []
    for m in (cheater, victim):
        client = HubLearner(class_server.url, m["username"])
        client.sign_in(class_server.codes[m["username"]], "a good password")
        page = client.get(f"/user/{m['username']}/voila/render/{START}")  # waits until the server is up
        assert page.status_code == 200, page.url
        out.append((m, client))
    return out


def test_a_learner_gets_no_teachers_page_and_no_other_learners_server(class_server, two):
    (cheater, client), (victim, _) = two
    for path in ("", "gradebook.csv", "missing", "projector", "check"):
        r = client.http.get(f"{class_server.url}/services/handin/{path}", timeout=60)
        assert r.status_code == 403 and "Learner" not in r.text, path
    token = server_token(cheater["username"])
    for path in ("", "gradebook.csv", "api/mine"):  # the kernel's token does not open them either
        r = requests.get(
            f"{class_server.url}/services/handin/{path}", headers={"Authorization": f"token {token}"}, timeout=60
        )
        assert r.status_code == 403, path
    for path in (f"/user/{victim['username']}/voila/render/{START}", f"/user/{victim['username']}/api/contents"):
        r = client.http.get(f"{class_server.url}{path}", timeout=60)
        assert r.status_code in (403, 404) and victim["name"] not in r.text, path
    for path in ("lab", "tree", "terminals/1"):  # code-free: no JupyterLab, notebook UI or terminal for learners
        r = client.get(f"/user/{cheater['username']}/{path}", timeout=120)
        assert r.status_code == 404 and r.url.endswith(path), (path, r.status_code, r.url)
    r = requests.post(
        f"{class_server.url}/hub/api/users/{victim['username']}/server",
        headers={"Authorization": f"token {token}"},
        timeout=60,
    )
    assert r.status_code == 403


def test_a_learners_account_cannot_read_or_write_another_learners_or_the_teachers_files(class_server, two):
    (cheater, _), (victim, _) = two
    me, home = cheater["username"], class_server.homes / victim["username"]
    state = class_server.folder / "state"
    for command in (
        f"ls {home}",
        f"cat {home}/.pi-lessons/learners/*.json",
        f"touch {home}/x",
        f"cat {state}/accounts.json",
        f"ls {state}/records",
        f"mkdir -p {state}/records/handins/{victim['username']}",
        f"touch {class_server.folder}/course/en/x.ipynb",
        f"ls {class_server.folder}",
    ):
        done = as_user(me, command)
        assert done.returncode != 0, command
    assert as_user(me, f"ls {class_server.folder}/course/en").returncode == 0  # the course itself is readable


def test_a_forged_or_backdated_hand_in_counts_for_nobody_else(class_server, two):
    (cheater, _), (victim, _) = two
    token = server_token(cheater["username"])
    forged = {
        "format": "pi-lessons.progress.v1",
        "learner": victim["name"],
        "student_id": victim["student_id"],
        "handed_in": "2020-01-01T00:00:00+00:00",
        "exercises": {
            "lesson1.selfcheck": {
                "answers": {"q01": "basic"},
                "first": {"q01": "basic"},
                "correct": {"q01": True},
                "score": 1,
                "total": 14,
            }
        },
    }
    before = time.time()
    r = requests.post(
        f"{class_server.url}/services/handin/api/handin",
        data=json.dumps(forged),
        headers={"Authorization": f"token {token}"},
        timeout=60,
    )
    assert r.status_code == 200 and r.json()["time"] > "2026"
    assert (
        requests.post(f"{class_server.url}/services/handin/api/handin", data=json.dumps(forged), timeout=60).status_code
        == 403
    )  # no token: nobody
    r = requests.post(
        f"{class_server.url}/services/handin/api/first",
        timeout=60,
        json={"exercise": "lesson1.selfcheck", "answers": {"q01": "basic"}, "login": victim["username"]},
        headers={"Authorization": f"token {token}"},
    )
    assert r.status_code == 200
    book = class_server.gradebook()
    assert book[victim["username"]]["handed_in"] == "" and book[victim["username"]]["lesson1.selfcheck"] == "0"
    mine = book[cheater["username"]]
    assert mine["handed_in"] >= time.strftime("%Y-%m-%dT%H:%M", time.gmtime(before - 60))  # the server's time
    assert mine["hand_ins"] == "1"  # filed under the sender, whatever the file claims


def test_guessing_a_password_locks_the_name_for_a_while(class_server):
    target = class_server.learners()[LEARNERS + 2]
    guesser = HubLearner(class_server.url, target["username"])
    for _ in range(5):
        with pytest.raises(LoginFailed):
            guesser.sign_in("wrong guess")
    with pytest.raises(LoginFailed):  # now even the right code is refused
        guesser.sign_in(class_server.codes[target["username"]], "a good password")


def test_prepare_starts_learners_servers_through_the_hub_api(class_server):
    chosen = [m["username"] for m in class_server.learners()[LEARNERS + 2:LEARNERS + 3]]
    done = subprocess.run([sys.executable, "-m", "lessons", "class", "prepare", "--folder", str(class_server.folder),
                           "--users", *chosen], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "1 of 1" in done.stdout, done.stdout + done.stderr
    assert server_token(chosen[0])  # the learner's server runs, as the learner
