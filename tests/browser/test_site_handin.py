"""Hand in from the static site to a class server: two origins, a real JupyterHub, headless Chromium.

The site is built with ``--hand-in`` (the service's address) and served on one port of 127.0.0.1; the class
server runs with ``--site-origin`` on another (another origin to the browser), and a third port serves a page
of a stranger. A learner answers on the site, presses Hand in, signs in to the hub in the window that opens,
and the teacher's gradebook counts the hand-in for that learner, as self-reported. A stranger's page gets no
token and cannot post; a file naming someone else is recorded as the sender's. Marked ``slow``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
from playwright.sync_api import expect

from lessons.cli.site_command import CACHE_ENV, build

from .conftest import ROOT, Server, _free_port
from .hub_client import HubLearner, LoginFailed, run_class
from .test_class_server import _tools
from . import test_accessibility as a11y
from .test_site import CJK, FIRST_LOAD, TOO_WIDE, answer_a_counted_question, axe_report, open_lesson

pytestmark = pytest.mark.slow
axe_js = a11y.axe_js  # axe-core from the npm registry (a fixture)
LESSON1 = "01-what-is-personal-information"
START = "00-start-here"
STRANGER_PAGE = """<!doctype html><html lang="en"><title>A stranger's page</title><body><script>
window.received = [];
window.addEventListener("message", event => window.received.push(event.data));
</script></body></html>"""


@pytest.fixture(scope="module")
def origins(chromium, workdir):
    proxy, python = _tools()
    site_port, hub_port, stranger_port = _free_port(), _free_port(), _free_port()
    ns = SimpleNamespace(site=f"http://127.0.0.1:{site_port}", hub=f"http://127.0.0.1:{hub_port}",
                         stranger=f"http://127.0.0.1:{stranger_port}")
    ns.service = f"{ns.hub}/services/handin/"
    out = workdir / "site-hand-in"
    build(out, Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "pi-lessons" / "site"), hand_in=ns.service)
    (workdir / "stranger").mkdir()
    (workdir / "stranger" / "index.html").write_text(STRANGER_PAGE, encoding="utf-8")
    servers = [Server([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory",
                       str(folder)], f"http://127.0.0.1:{port}/index.html", dict(os.environ), workdir)
               for port, folder in ((site_port, out), (stranger_port, workdir / "stranger"))]
    try:
        with run_class(ROOT, proxy, python, 4, hub_port, extra=["--site-origin", ns.site],
                       log_name="hub-site.log") as running:
            ns.running = running
            ns.learners = [m for m in running.members if m["role"] != "teacher"]
            yield ns
    finally:
        for server in servers:
            server.stop()


def gradebook(ns) -> dict[str, dict]:
    teacher = next(m for m in ns.running.members if m["role"] == "teacher")
    client = HubLearner(ns.hub, teacher["username"])
    try:
        client.sign_in(ns.running.codes[teacher["username"]], "teacher pass 1", next_url="/hub/home")
    except LoginFailed:  # signed in before: the code is spent, the password set
        client.sign_in("teacher pass 1", next_url="/hub/home")
    r = client.http.get(f"{ns.service}gradebook.csv", timeout=120)
    assert r.status_code == 200
    return {row["login"]: row for row in csv.DictReader(io.StringIO(r.text.lstrip("\ufeff")))}


def wait_closed(window, opener, timeout_s: float = 120) -> None:
    """Wait until ``window`` closed itself (it may have before a wait for its close event began)."""
    for _ in range(int(timeout_s * 4)):
        if window.is_closed():
            return
        opener.wait_for_timeout(250)  # lets Playwright deliver the window's events meanwhile
    raise AssertionError(f"the window stayed open at {window.url}")


def local_only(context) -> None:
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:")
                  else route.abort())


def site_token(ns, member: dict, password: str) -> tuple[HubLearner, str]:
    """A learner signed in to the hub, and the token the sign-in window hands to the site's pages."""
    client = HubLearner(ns.hub, member["username"])
    client.sign_in(ns.running.codes[member["username"]], password, next_url="/hub/home")
    r = client.http.get(f"{ns.service}site-login", timeout=60)  # through the hub's OAuth, as the window goes
    assert r.status_code == 200 and r.headers["X-Frame-Options"] == "DENY"
    message = re.search(r"postMessage\((\{.*?\}), (\"[^\"]+\")\)", r.text)
    assert message and json.loads(message.group(2)) == ns.site  # addressed to the site's origin only
    return client, json.loads(message.group(1))["token"]


def first_login(page, ns, member: dict, password: str) -> None:
    """The hub's login form, the first time: the slip's code, then a new password."""
    page.locator("#username_input").fill(member["username"])
    page.locator("#password_input").fill(ns.running.codes[member["username"]])
    page.locator("#new_password_input").fill(password)
    page.locator("#login_submit").click()


def answered_on_the_site(browser, site: str, lang: str, width: int):
    """A browser of 127.0.0.1 only in which a learner answered on Lesson 1 and opened the start page."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    local_only(context)
    page = context.new_page()
    page.set_default_timeout(FIRST_LOAD)
    open_lesson(page, site, f"{lang}/{LESSON1}")
    answer_a_counted_question(page, lang)
    open_lesson(page, site, f"{lang}/{START}")
    return context, page


def test_a_learner_hands_in_from_the_site_and_the_teacher_counts_it(origins, browser):
    learner = origins.learners[0]
    context, page = answered_on_the_site(browser, origins.site, "en", 1280)
    try:
        button = page.locator("button.pi-site-hand-in")
        expect(button).to_have_text("Hand in")
        with context.expect_page() as opened:
            button.click()
        window = opened.value  # the class server's sign-in window: the hub's login, first time with the code
        first_login(window, origins, learner, "site pass 1")
        wait_closed(window, page)  # it gave the page the token, and the page closed it
        receipt = page.locator(".pi-site-receipt")
        expect(receipt).to_contain_text("Handed in at", timeout=60_000)
        expect(receipt).to_contain_text("Check code (SHA-256)")
        first = receipt.text_content()
        before = len(context.pages)
        button.click()  # again: the page kept the token, no window this time
        expect(receipt).not_to_have_text(first, timeout=60_000)
        expect(receipt).to_contain_text("Handed in at")
        assert len(context.pages) == before
    finally:
        context.close()
    row = gradebook(origins)[learner["username"]]
    assert row["hand_ins"] == "2"
    assert int(row["self_reported_total"]) > 0  # the site's file, which the learner controls, is self-reported
    assert row["lesson1.selfcheck"] == "0"  # first answers are recorded only from the class server's own kernels


def test_a_page_of_another_origin_gets_no_token_and_cannot_post(origins, browser):
    learner = origins.learners[1]
    context = browser.new_context()
    local_only(context)
    page = context.new_page()
    try:
        # The learner is signed in to the hub in this browser: the window opens without a login form.
        login = context.new_page()
        login.goto(f"{origins.hub}/hub/login?next=%2Fhub%2Fhome")  # signed in, no server started
        first_login(login, origins, learner, "stranger 1")
        login.wait_for_url("**/hub/home")
        login.close()
        page.goto(f"{origins.stranger}/index.html")
        with context.expect_page() as opened:
            page.evaluate("service => window.open(service + 'site-login', 'w', 'popup')", origins.service)
        window = opened.value
        wait_closed(window, page)  # it ran: it addressed the token to the site's origin only
        assert page.evaluate("window.received") == []
        posted = page.evaluate("""service => fetch(service + 'api/handin', {method: 'POST', body: '{}',
            headers: {Authorization: 'token x', 'Content-Type': 'application/json'}})
            .then(() => 'sent', () => 'refused')""", origins.service)
        assert posted == "refused"  # the browser's preflight is answered for the site's origin only
    finally:
        context.close()


def test_the_service_answers_the_sites_origin_only_and_records_the_sender(origins):
    api = f"{origins.service}api/handin"
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    allowed = requests.options(api, headers={"Origin": origins.site, **preflight}, timeout=30)
    assert allowed.status_code == 204 and allowed.headers["Access-Control-Allow-Origin"] == origins.site
    refused = requests.options(api, headers={"Origin": origins.stranger, **preflight}, timeout=30)
    assert refused.status_code == 403 and "Access-Control-Allow-Origin" not in refused.headers

    victim, cheater = origins.learners[0], origins.learners[2]
    client, token = site_token(origins, cheater, "cheater 1")
    # A token handed to the window in its address is not passed on (only the window's own login's token is).
    assert client.http.get(f"{origins.service}site-login", params={"token": token}, timeout=30).status_code == 403
    before = gradebook(origins)[victim["username"]]["hand_ins"]
    forged = {"learner": victim["name"], "student_id": victim["student_id"], "exercises": {}}
    r = requests.post(api, data=json.dumps(forged), timeout=30,
                      headers={"Authorization": f"token {token}", "Origin": origins.site})
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == origins.site
    book = gradebook(origins)
    assert book[cheater["username"]]["hand_ins"] == "1"  # recorded as the sender's, whatever the file says
    assert book[victim["username"]]["hand_ins"] == before
    bad = requests.post(api, data=b"not json", timeout=30,
                        headers={"Authorization": f"token {token}", "Origin": origins.site})
    assert bad.status_code == 400 and bad.json()["key"] == "record_not_progress"
    assert bad.headers["Access-Control-Allow-Origin"] == origins.site  # the page can read why, in its language


def test_on_a_chinese_page_the_hand_in_speaks_chinese_passes_axe_and_fits_a_phone(origins, browser, axe_js):
    learner = origins.learners[3]
    context, page = answered_on_the_site(browser, origins.site, "zh", 390)
    try:
        button = page.locator("button.pi-site-hand-in")
        expect(button).to_have_text("提交")
        with context.expect_page() as opened:
            button.click()
        window = opened.value
        expect(page.locator(".pi-site-receipt")).to_contain_text("请在打开的窗口中登录")
        window.close()  # the learner closes the window without signing in
        receipt = page.locator(".pi-site-receipt")
        expect(receipt).to_contain_text("登录前登录窗口已被关闭", timeout=30_000)
        with context.expect_page() as opened:
            button.click()
        window = opened.value
        first_login(window, origins, learner, "site pass 2")
        wait_closed(window, page)
        expect(receipt).to_contain_text("已于", timeout=60_000)
        file_name = page.locator(".pi-download a.pi-download-link").get_attribute("download")  # the learner's own
        shown = receipt.inner_text().replace(file_name, "").replace("SHA-256", "")
        assert CJK.search(shown) and not re.search(r"[A-Za-z]{3,}", shown), shown
        assert axe_report(page, axe_js, [".pi-lesson-widget"]) == []
        assert page.evaluate(TOO_WIDE, ".pi-site-hand-in, .pi-site-receipt") == []
    finally:
        context.close()
    assert gradebook(origins)[learner["username"]]["hand_ins"] == "1"
