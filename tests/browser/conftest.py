"""Real servers and a real browser for the notebook tests.

JupyterLab (``--allow-root`` so CI can run as root) and Voilà start on free local ports; Playwright
drives Debian's Chromium through ``executable_path`` (Playwright cannot download browsers here).
Without Chromium these tests skip with a reason, except in CI (``CI=true``), where that is a failure.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from lessons.cli.course_copy import VOILA_OPTIONS  # as `pi-lessons voila` serves the course

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def voila_options(cull_seconds: int | None = None) -> list[str]:
    """VOILA_OPTIONS, with a shorter wait before a closed page's kernel is culled (Voilà takes each option once)."""
    if cull_seconds is None:
        return list(VOILA_OPTIONS)
    kept = [
        o
        for o in VOILA_OPTIONS
        if not o.startswith(("--MappingKernelManager.cull_idle_timeout=", "--MappingKernelManager.cull_interval="))
    ]
    return [*kept, f"--MappingKernelManager.cull_idle_timeout={cull_seconds}", "--MappingKernelManager.cull_interval=1"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"server did not answer {url} within {timeout} s:\n{log.read_text()[-3000:]}")


def _processes() -> dict[int, tuple[int, str]]:
    """Every process of this machine as pid -> (parent pid, command line), read from /proc (Linux)."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:  # the process ended meanwhile
                continue
            out[int(entry.name)] = (int(stat[stat.rindex(")") + 2:].split()[1]), cmdline)
    return out


def _start_time(pid: int) -> int:
    try:
        return int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[19])
    except OSError:
        return 0


def kernel_pids(server: "Server") -> list[int]:
    """The pids of the live kernels that ``server`` started, oldest first.

    An ended kernel left as a zombie is not live.
    """
    procs, found, todo = _processes(), [], [server.proc.pid]
    while todo:
        parent = todo.pop()
        children = [pid for pid, (ppid, _) in procs.items() if ppid == parent]
        found += [pid for pid in children if "ipykernel" in procs[pid][1]]
        todo += children
    return sorted(found, key=_start_time)


class Server:
    def __init__(self, args: list[str], url: str, env: dict, workdir: Path):
        self.url = url
        self.log = workdir / f"{Path(args[0]).name}.log"
        self._fh = self.log.open("w")
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self._fh, stderr=subprocess.STDOUT)
        try:
            _wait_http(url, self.proc, self.log)
        except Exception:
            self.stop()
            raise

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._fh.close()


@pytest.fixture(scope="session")
def chromium():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip("Chromium not installed (apt-get install -y chromium); browser tests skipped")
    return path


@pytest.fixture(scope="session")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="pi-lessons-browser-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def server_env(workdir):
    env = dict(os.environ)
    env["PI_LESSONS_HOME"] = str(workdir / "home")
    env["JUPYTER_CONFIG_DIR"] = str(workdir / "jupyter-config")
    env["JUPYTER_RUNTIME_DIR"] = str(workdir / "jupyter-runtime")
    # No news or update toasts over the notebook (the machine has no network anyway).
    settings = workdir / "lab-user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    return env


@pytest.fixture(scope="session")
def lab(chromium, workdir, server_env):
    port = _free_port()
    args = [str(BIN / "jupyter"), "lab", "--no-browser", "--allow-root", f"--ServerApp.port={port}",
            "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0", "--IdentityProvider.token=",
            "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True", f"--ServerApp.root_dir={ROOT}",
            f"--LabApp.user_settings_dir={workdir / 'lab-user-settings'}",
            f"--LabApp.workspaces_dir={workdir / 'lab-workspaces'}"]
    server = Server(args, f"http://127.0.0.1:{port}/lab", server_env, workdir)
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(scope="session")
def voila(chromium, workdir, server_env):
    port = _free_port()
    args = [str(BIN / "voila"), "notebooks", "--no-browser", f"--Voila.port={port}", "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0", "--show_tracebacks=True", *VOILA_OPTIONS]
    server = Server(args, f"http://127.0.0.1:{port}/", server_env, workdir)
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the whole session: its sync API runs an event loop, and a second one cannot start."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright, chromium):
    b = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()
