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
import signal
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
from .hub_client import (KERNEL_ID, HubLearner, LoginFailed, RunningClass, VoilaPage, certificates, descendants,
                         learner_python, parent, run_class)
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


def _tools() -> tuple[str, tuple[str, str]]:
    if os.geteuid() != 0:
        pytest.skip("the class server makes Unix users: run as root")
    proxy, python = proxy_command(), learner_python(ROOT)
    if proxy is None or python is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("configurable-http-proxy or a Python every user can run is missing in CI")
        pytest.skip("configurable-http-proxy (see .ci/run) or a Python every user can run is missing")
    return proxy, python


@pytest.fixture(scope="module")
def class_server():
    proxy, python = _tools()
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
    for path in ("", "gradebook.csv", "missing", "check"):  # the kernel's token does not open them either
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


def review_item() -> tuple[str, str]:
    """Lesson 6's first counted single-choice question: its id and its right answer as the review names it,
    read from the content."""
    from lessons.classroom import review as rv
    from lessons.content.course import load_content

    q = next(q for q in rv.load_questions(load_content()) if q.scored and q.kind == "single")
    return q.id, q.option(str(q.answer)).text("en")


def test_a_teacher_releases_and_a_learners_lesson_6_shows_the_check_and_the_recorded_marking(class_server, two):
    """Runs last in this file: a release shows every learner's marking from then on."""
    _, (victim, client) = two
    qid, right = review_item()
    # The check as the service holds it, with a question of another version of the course among it.
    check = class_server.folder / "state" / "records" / "check.json"
    check.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    check.write_text(json.dumps({"questions": [f"lesson6.review/{qid}", "lesson6.review/not-in-this-course"]}))
    rendered = client.get(f"/user/{victim['username']}/voila/render/en/06-review.ipynb")
    assert rendered.status_code == 200 and "not-in-this-course" not in rendered.text  # never on the page
    page = VoilaPage(client, KERNEL_ID.search(rendered.text).group(1))
    assert "once your teacher releases" in page.text("pi-class-record", "class server")
    assert "1 of 1" in page.text("pi-progress", "of")  # the check first: its one known question
    hub_log = (class_server.folder.parent / "hub.log").read_text(errors="replace")
    assert "pi-lessons: the in-class check names 'lesson6.review/not-in-this-course'" in hub_log  # the server's log
    page.choose("pi-answer-single", right)
    page.click("pi-check")
    page.text("pi-feedback", "Your answer")
    teacher = class_server.teacher()
    summary = teacher.http.get(f"{class_server.url}/services/handin/", timeout=120)
    xsrf = summary.text.split("name='_xsrf' value='", 1)[1].split("'", 1)[0]
    released = teacher.http.post(f"{class_server.url}/services/handin/release", data={"_xsrf": xsrf}, timeout=120)
    assert released.status_code == 200 and "released" in released.text.lower(), released.status_code
    page.click("pi-ask-again")
    assert "1 of your 1 recorded first answers are right" in page.text("pi-class-record", "Recorded by")
    assert "Recorded by the class server" in page.text("pi-feedback", "Recorded by")
    page.close()
    assert class_server.gradebook()[victim["username"]]["lesson6.review"] == "1"  # what the page showed


# ------------------------------------------------------------------ stopping the class server

# The hub stops its services one after another with SIGINT, waiting up to 10 s for each before SIGTERM: it
# takes a few seconds (4-8 s here, more on a machine under heavy load); with SIGINT ignored it took 25-60 s.
STOP_SECONDS = 45


def _ignored_signals(pid: int) -> set[int]:
    for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            mask = int(line.split()[1], 16)
            return {number for number in range(1, 65) if mask >> (number - 1) & 1}
    return set()


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has stopped
    except OSError:
        return False


@pytest.fixture(scope="module")
def small_class():
    """A Chinese class of two, started as a script's background job starts it: with SIGINT ignored (the hub's
    services inherited that, and the hub stops them with SIGINT). The SIGTERM test stops it."""
    proxy, python = _tools()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # `pi-lessons class start ... &` in a script
    try:
        context = run_class(ROOT, proxy, python, 2, _free_port(), extra=("--lang", "zh"), log_name="small.log")
        running = context.__enter__()
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        yield running
    finally:
        context.__exit__(None, None, None)


def test_a_failed_login_is_explained_in_the_class_language(small_class):
    """Not the hub's English "Invalid username or password": what to check, in Chinese, for a wrong password
    and for a first login without a new password."""
    member = small_class.learners()[0]
    for password, new_password in (("wrong password", ""), (small_class.codes[member["username"]], "")):
        learner = HubLearner(small_class.url, member["username"])
        with pytest.raises(LoginFailed):
            learner.sign_in(password, new_password)
        page = learner.http.get(f"{small_class.url}/hub/login", timeout=60)  # the form again, to read it whole
        xsrf = page.text.split('name="_xsrf" value="', 1)[1].split('"', 1)[0]
        refused = learner.http.post(f"{small_class.url}/hub/login", timeout=60, data={
            "_xsrf": xsrf, "username": member["username"], "password": password, "new_password": new_password})
        assert refused.status_code == 403
        text = refused.content.decode("utf-8")  # the page says so in a meta tag; requests would guess latin-1
        assert "未能登录。请检查登录名和密码。" in text and "设置你自己的密码（至少8个字符）" in text
        assert "Invalid username" not in text


def test_the_hubs_own_pages_of_a_chinese_class_are_chinese(small_class):
    """Home, another learner's pages, a teacher's page, a missing page and the spawn-pending page: the class's
    templates, not JupyterHub's English ones (each in detail: tests/test_hub_pages.py)."""
    other, me = (m["username"] for m in small_class.learners())
    learner = HubLearner(small_class.url, me)
    home = learner.sign_in(small_class.codes[me], "a good password", next_url="/hub/home")
    page = lambda r: r.content.decode("utf-8")  # noqa: E731 (requests would guess latin-1)
    assert '<html lang="zh">' in page(home) and "打开课程" in page(home) and "Logout" not in page(home)
    for path, status, words in ((f"/hub/spawn-pending/{other}", 404, "找不到这个页面"),  # the hub hides others
                                (f"/user/{other}/voila/render/{START}", 404, "找不到这个页面"),
                                ("/hub/admin", 403, "没有权限"), ("/hub/nothing-here", 404, "找不到这个页面")):
        r = learner.http.get(f"{small_class.url}{path}", timeout=60)
        assert r.status_code == status and words in page(r) and other not in page(r), path
        assert "Not Found" not in page(r) and "Forbidden" not in page(r) and "No such user" not in page(r), path
    spawning = ThreadPoolExecutor(1).submit(
        requests.get, f"{small_class.url}/hub/spawn/{me}", cookies=learner.http.cookies, timeout=120)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # until the hub says the spawn is pending (before that: not running)
        r = learner.http.get(f"{small_class.url}/hub/spawn-pending/{me}", timeout=60, allow_redirects=False)
        if 'id="class-spawn"' in page(r) or r.status_code == 302:
            break
        time.sleep(0.1)
    assert r.status_code == 200 and "正在启动你的课程" in page(r) and "Your server is starting" not in page(r)
    spawning.result()


def test_sigterm_stops_the_class_server_its_services_and_learners_servers_in_seconds(small_class):
    """SIGTERM stops the hub, the proxy, the hand-in service, the culler and every learner's server."""
    running = small_class
    prepared = subprocess.run([sys.executable, "-m", "lessons", "class", "prepare", "--folder", str(running.folder)],
                              cwd=ROOT, env=running.env, capture_output=True, text=True, timeout=300)
    assert prepared.returncode == 0, prepared.stdout + prepared.stderr
    started = descendants(running.proc.pid)
    for part in ("configurable-http-proxy", "lessons.server.handin_service", "jupyterhub_idle_culler"):
        assert any(part in command for command in started.values()), (part, started)
    assert sum(LEARNER_SERVER in command for command in started.values()) == 2  # the two learners' servers
    deaf = {command: _ignored_signals(pid) & {signal.SIGINT, signal.SIGTERM} for pid, command in started.items()
            if parent(pid) == running.proc.pid}  # the hub's own children (kernels ignore SIGINT by design)
    assert {command: ignored for command, ignored in deaf.items() if ignored} == {}  # each stops when asked
    log_file = running.folder.parent / "small.log"
    asked = time.monotonic()
    os.killpg(running.proc.pid, signal.SIGTERM)
    try:
        running.proc.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        log = log_file.read_text(encoding="utf-8", errors="replace")
        pytest.fail(f"the class server still ran {STOP_SECONDS} s after SIGTERM:\n"
                    + log.partition("Received signal SIGTERM")[2][-3000:])
    print(f"the class server stopped {time.monotonic() - asked:.1f} s after SIGTERM")
    with pytest.raises(ProcessLookupError):
        os.killpg(running.proc.pid, 0)  # its process group is gone
    while any(map(_running, started)) and time.monotonic() < asked + STOP_SECONDS:
        time.sleep(0.2)  # a learner's kernel notices its server has gone within a few seconds
    assert [started[pid] for pid in started if _running(pid)] == []
    log = log_file.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log.partition("Received signal SIGTERM")[2]  # the services stopped quietly


# ------------------------------------------------------------------ HTTPS

def test_with_a_certificate_the_class_is_served_over_https_only(tmp_path):
    """`class start --cert --key` with a certificate from a test CA: the join link is https://, a learner whose
    browser trusts that CA logs in, answers over wss:// and hands in, the teacher downloads the gradebook;
    a client that does not trust the CA is refused and plain HTTP is not served on that port."""
    proxy, python = _tools()
    ca, cert, key = certificates(tmp_path / "tls")
    port = _free_port()
    tls = ("--cert", str(cert), "--key", str(key))
    with run_class(ROOT, proxy, python, 1, port, extra=tls, log_name="https.log", ca=ca) as running:
        url = f"https://127.0.0.1:{port}"
        printed = (running.folder.parent / "https.log").read_text(encoding="utf-8", errors="replace")
        assert f"Learners join at: {url}/" in printed and "plain HTTP" not in printed
        assert "browsers accept it only if the certificate names it" in printed  # no --url: the name matters
        with pytest.raises(requests.exceptions.SSLError):  # a browser that does not trust the CA
            requests.get(f"{url}/hub/login", timeout=30)
        with pytest.raises(requests.exceptions.ConnectionError):  # no plain HTTP on the class's port
            requests.get(f"http://127.0.0.1:{port}/hub/login", timeout=30)

        member = running.learners()[0]
        learner = HubLearner(url, member["username"])
        learner.http.verify, learner.http.trust_env = str(ca), False  # else REQUESTS_CA_BUNDLE would replace it
        signed_in = learner.sign_in(running.codes[member["username"]], "a learner's password over TLS")
        assert signed_in.status_code == 200 and signed_in.url.startswith(f"{url}/")  # redirects stay on https://
        hub_cookies = [c for c in learner.http.cookies if c.name.startswith("jupyterhub")]
        assert hub_cookies and all(c.secure for c in hub_cookies)  # never sent over plain HTTP
        page = learner.open(LESSON1)  # the kernel's websocket over wss://
        page.select("pi-question-select", INDEX)
        page.choose(f"pi-answer-{QID}", RIGHT)
        page.text("pi-feedback", "")
        page.close()
        start = learner.open(START)
        start.click("pi-hand-in")
        assert "SHA-256" in start.text("pi-receipt", "SHA-256")
        start.close()

        t = next(m for m in running.members if m["role"] == "teacher")
        teacher = HubLearner(url, t["username"])
        teacher.http.verify, teacher.http.trust_env = str(ca), False  # else REQUESTS_CA_BUNDLE would replace it
        teacher.sign_in(running.codes[t["username"]], "teacher pass over TLS", next_url="/hub/home")
        book = teacher.http.get(f"{url}/services/handin/gradebook.csv", timeout=120)
        assert book.status_code == 200 and book.url.startswith(url)
        rows = {r["login"]: r for r in csv.DictReader(io.StringIO(book.text.lstrip("\ufeff")))}
        assert (rows[member["username"]]["lesson1.selfcheck"], rows[member["username"]]["hand_ins"]) == ("1", "1")
