"""A class's Voilà server ends the kernels of closed pages and keeps those of open ones (VOILA_OPTIONS).

Voilà 0.5's own request to end a kernel when its tab closes is refused by the server (no XSRF token), so
the course's Voilà options cull kernels that have no page connected; here with a timeout of seconds.
"""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from .conftest import BIN, Server, _free_port, kernel_pids, voila_options
from .test_accessibility import CJK, part

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out; `make test` runs it

CULL = 5  # seconds of idleness before a kernel without a page is ended (the course uses 600)
NOTEBOOK = "en/01-what-is-personal-information.ipynb"


@pytest.fixture(scope="module")
def culling_voila(chromium, workdir, server_env):
    port = _free_port()
    args = [str(BIN / "voila"), "notebooks", "--no-browser", f"--Voila.port={port}", "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0", *voila_options(cull_seconds=CULL)]
    server = Server(args, f"http://127.0.0.1:{port}/", server_env, workdir)
    yield server
    server.stop()


def _within(seconds: float, condition) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_an_open_page_keeps_its_kernel_and_a_closed_page_frees_it(culling_voila, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{culling_voila.url}voila/render/{NOTEBOOK}")
    first = page.locator(".pi-lesson-widget").first
    first.wait_for()
    kernels = kernel_pids(culling_voila)
    assert len(kernels) == 1, kernels
    page.wait_for_timeout(3 * CULL * 1000)  # idle for longer than the timeout, with the page open
    assert kernel_pids(culling_voila) == kernels
    part(first, "lang").locator("button", has_text="简体中文").click()  # the kernel still answers
    expect(part(first, "title")).to_have_text(CJK)
    page.close(run_before_unload=True)
    context.close()
    assert _within(10 * CULL, lambda: not kernel_pids(culling_voila)), f"still running: {kernel_pids(culling_voila)}"
