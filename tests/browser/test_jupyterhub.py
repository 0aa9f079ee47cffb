"""The course on a real JupyterHub: dummy authenticator, local-process spawner, localhost.

Three students log in (their hub user name is their student number) in three browser contexts,
open Lesson 1 in Voilà (inside their own single-user server), answer without typing a name (the
hub's user is the learner), and hand in from the start page; the teacher's summary over the
hand-in folder then shows three learners with recomputed scores. Needs PyPI ``jupyterhub`` (test
extras) and npm's ``configurable-http-proxy`` (``.ci/run`` installs it into ``.ci/chp``).
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lessons.classroom.class_summary import summarise

from .conftest import BIN, ROOT, Server, _free_port
from .surface import widget
from .test_progress import counted_item, go_to

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out; `make test` runs it

STUDENTS = (("Alice", "2024101", True), ("Bob", "2024102", False), ("Carol", "2024103", True))  # right or not


def proxy_command() -> str | None:
    for candidate in (
        os.environ.get("CONFIGURABLE_HTTP_PROXY"),
        ROOT / ".ci" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy",
        shutil.which("configurable-http-proxy"),
    ):
        if candidate and Path(candidate).exists():
            return str(candidate)
    return None


@pytest.fixture(scope="module")
def hub(chromium, workdir, server_env):
    proxy = proxy_command()
    if proxy is None or not (BIN / "jupyterhub").exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("jupyterhub or configurable-http-proxy missing in CI: .ci/run must install them")
        pytest.skip("jupyterhub / configurable-http-proxy not installed (see .ci/run)")
    folder = workdir / "hub"
    handin, homes = folder / "handin", folder / "homes"
    handin.mkdir(parents=True)
    homes.mkdir()
    port, hub_port, api_port = _free_port(), _free_port(), _free_port()
    config = folder / "jupyterhub_config.py"
    config.write_text(f"""
c = get_config()  # noqa
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "simple"
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{folder / 'hub.sqlite'}"
c.JupyterHub.cookie_secret_file = "{folder / 'cookie_secret'}"
c.JupyterHub.pid_file = "{folder / 'hub.pid'}"
c.Spawner.cmd = [{str(BIN / 'jupyterhub-singleuser')!r}]
c.Spawner.args = ["--allow-root"]
c.Spawner.notebook_dir = {str(ROOT / 'notebooks')!r}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.SimpleLocalProcessSpawner.home_dir_template = "{homes}/{{username}}"
c.Spawner.environment = {{
    "PI_LESSONS_HANDIN": {str(handin)!r},
    # each student's own learner folder, as on a real hub where every user has a home
    "PI_LESSONS_HOME": lambda spawner: "{homes}/" + spawner.user.name + "/.pi-lessons",
    # the display name a class server sets beside JUPYTERHUB_USER (which the hub sets itself)
    "PI_LESSONS_LEARNER_NAME": lambda spawner: {dict((n, name) for name, n, _ in STUDENTS)!r}[spawner.user.name],
    "JUPYTER_CONFIG_DIR": {server_env['JUPYTER_CONFIG_DIR']!r},
}}
""", encoding="utf-8")
    env = {k: v for k, v in server_env.items() if k not in ("PI_LESSONS_HOME", "PI_LESSONS_SHARED")}
    started = time.monotonic()
    args = [str(BIN / "jupyterhub"), "-f", str(config)]
    server = Server(args, f"http://127.0.0.1:{port}/hub/login", {**env, "PATH": f"{BIN}:{env.get('PATH', '')}"}, folder)
    print(f"hub answered after {time.monotonic() - started:.1f} s")
    yield f"http://127.0.0.1:{port}", handin
    server.stop()


def _student(browser, hub_url: str, name: str, number: str, right: bool) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        page.goto(f"{hub_url}/hub/login")
        page.locator("#username_input").fill(number)
        page.locator("#password_input").fill("any")
        page.locator("#login_submit").click()
        page.wait_for_url(f"**/user/{number}/**")
        page.goto(f"{hub_url}/user/{number}/voila/render/en/01-what-is-personal-information.ipynb")
        quiz = widget(page, "self-check")
        expect(quiz.locator(".pi-learner")).to_contain_text(f"{name} (")  # signed in by the hub, nothing typed
        expect(quiz.locator(".pi-learner")).to_contain_text(number)
        expect(quiz.locator(".pi-learner-name input")).to_be_hidden()
        index, qid, right_answer, wrong_answer, _ = counted_item()  # q01-q06 are practice: never graded
        go_to(quiz, index)
        quiz.locator(f".pi-answer-{qid} select").select_option(label=right_answer if right else wrong_answer)
        expect(quiz.locator(".pi-feedback").first).not_to_be_empty()
        page.goto(f"{hub_url}/user/{number}/voila/render/en/00-start-here.ipynb")
        page.locator(".pi-hand-in").click()
        expect(page.locator(".pi-receipt")).to_contain_text("SHA-256")
        assert page.locator(".pi-download-link").get_attribute("download").startswith(f"id-{number}-")
    finally:
        context.close()


def test_three_students_hand_in_on_a_real_jupyterhub(hub, browser):
    hub_url, handin = hub
    for name, number, right in STUDENTS:
        _student(browser, hub_url, name, number, right)
    summary = summarise(handin)
    rows = {r.student_id: r for r in summary.learners}
    assert sorted(rows) == [n for _, n, _ in STUDENTS] and summary.skipped == ()
    assert {n: r.learner for n, r in rows.items()} == {n: name for name, n, _ in STUDENTS}
    assert {n: r.scores["lesson1.selfcheck"][0] for n, r in rows.items()} == {"2024101": 1, "2024102": 0, "2024103": 1}
    assert all(r.handed_in for r in rows.values())
