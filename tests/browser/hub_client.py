"""A light learner for the class-server tests and benchmark: the hub's login form over HTTP, then Voilà's
kernel websocket and the Jupyter widget comm protocol, as the browser's widget manager speaks them.

No browser: one learner costs a few MB in the test process, so forty fit on a small CI machine. A
widget is found by its CSS class (``_dom_classes``), as the browser tests find it; a change is a comm
``update`` (what a browser sends when a dropdown changes), a click is the ``click`` custom message.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import shutil
import signal
import socket
import ssl
import string
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests
import websocket

KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')


class LoginFailed(AssertionError):
    pass


class HubLearner:
    def __init__(self, base: str, login: str):
        self.base, self.login = base.rstrip("/"), login
        self.http = requests.Session()

    def sign_in(self, password: str, new_password: str = "", timeout: float = 300,
                next_url: str = "") -> requests.Response:
        """Post the hub's login form; the hub then starts the learner's server, unless ``next_url`` leads
        elsewhere (e.g. ``/hub/home``)."""
        page = self.http.get(f"{self.base}/hub/login", timeout=60)
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
        r = self.http.post(
            f"{self.base}/hub/login",
            params={"next": next_url},
            timeout=timeout,
            data={"_xsrf": xsrf, "username": self.login, "password": password, "new_password": new_password},
        )
        if r.status_code == 403 or "/hub/login" in r.url:
            raise LoginFailed(f"{self.login}: login refused ({r.status_code})")
        return r

    def get(self, path: str, timeout: float = 300, **kw) -> requests.Response:
        """GET a page of the hub or the learner's server, waiting out the spawn-pending page."""
        deadline = time.monotonic() + timeout
        while True:
            r = self.http.get(f"{self.base}{path}", timeout=timeout, **kw)
            if "spawn-pending" not in r.url or time.monotonic() > deadline:
                return r
            time.sleep(1)

    def arrive(self, password: str, notebook: str, timeout: float = 300) -> "VoilaPage":
        """Log in through a lesson's link: the hub starts the learner's server if it is not running (or
        goes straight on if it was prepared), then Voilà renders the lesson."""
        target = f"/user/{self.login}/voila/render/{notebook}"
        r = self.sign_in(password, timeout=timeout,
                         next_url=f"/hub/spawn/{self.login}?next={urllib.parse.quote(target)}")
        deadline = time.monotonic() + timeout
        while "spawn-pending" in r.url and time.monotonic() < deadline:
            time.sleep(1)
            r = self.http.get(f"{self.base}{target}", timeout=timeout)
        match = KERNEL_ID.search(r.text)
        if not match:
            raise AssertionError(f"{self.login}: no kernel in the page of {notebook} ({r.status_code} {r.url})")
        return VoilaPage(self, match.group(1), timeout)

    def open(self, notebook: str, timeout: float = 300) -> "VoilaPage":
        r = self.get(f"/user/{self.login}/voila/render/{notebook}", timeout=timeout)
        r.raise_for_status()
        match = KERNEL_ID.search(r.text)
        if not match:
            raise AssertionError(f"{self.login}: no kernel in the page of {notebook}")
        return VoilaPage(self, match.group(1), timeout)


class VoilaPage:
    """A rendered Voilà page's kernel, seen through the widget protocol."""

    def __init__(self, learner: HubLearner, kernel: str, timeout: float = 300):
        self.learner, self.kernel, self.timeout = learner, kernel, timeout
        ws_base = learner.base.replace("http", "ws", 1)
        cookies = "; ".join(f"{c.name}={c.value}" for c in learner.http.cookies)
        self.session = uuid.uuid4().hex
        verify = learner.http.verify  # over HTTPS: the CA the learner's HTTP session trusts, for wss:// too
        self.ws = websocket.create_connection(
            f"{ws_base}/user/{learner.login}/api/kernels/{kernel}/channels?session_id={self.session}",
            header=[f"Cookie: {cookies}"],
            timeout=timeout,
            sslopt={"ca_certs": verify} if isinstance(verify, str) else None,
        )
        self.states: dict[str, dict] = {}
        self._control = uuid.uuid4().hex
        self._send(
            "comm_open",
            {"comm_id": self._control, "target_name": "jupyter.widget.control", "data": {}},
            {"version": "1.0.0"},
        )
        self._send("comm_msg", {"comm_id": self._control, "data": {"method": "request_states"}})
        self._wait(lambda: self.states, "the widget states")

    def _send(self, msg_type: str, content: dict, metadata: dict | None = None) -> None:
        header = {
            "msg_id": uuid.uuid4().hex,
            "msg_type": msg_type,
            "session": self.session,
            "username": "",
            "version": "5.3",
            "date": "",
        }
        self.ws.send(
            json.dumps(
                {
                    "header": header,
                    "parent_header": {},
                    "metadata": metadata or {},
                    "content": content,
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )

    def _pump(self, seconds: float) -> None:
        """Apply the kernel's widget messages that arrive within ``seconds``."""
        self.ws.settimeout(seconds)
        try:
            while True:
                raw = self.ws.recv()
                if isinstance(raw, bytes):  # a message with binary buffers: no widget of the course sends one
                    continue
                msg = json.loads(raw)
                content = msg.get("content", {})
                kind = msg.get("msg_type") or msg.get("header", {}).get("msg_type")
                data = content.get("data", {})
                if kind == "comm_msg" and data.get("method") == "update_states":
                    for model, body in data.get("states", {}).items():
                        self.states[model] = dict(body.get("state", {}))
                elif kind == "comm_msg" and data.get("method") in ("update", "echo_update"):
                    self.states.setdefault(content["comm_id"], {}).update(data.get("state", {}))
                elif kind == "comm_open":
                    self.states[content["comm_id"]] = dict(data.get("state", {}))
                self.ws.settimeout(0.2)
        except (websocket.WebSocketTimeoutException, TimeoutError):
            pass

    def _wait(self, ready, what: str):
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            self._pump(0.5)
            found = ready()
            if found:
                return found
        raise AssertionError(f"{self.learner.login}: {what} did not arrive within {self.timeout} s")

    def find(self, css: str) -> list[str]:
        return [m for m, s in self.states.items() if css in (s.get("_dom_classes") or [])]

    def one(self, css: str) -> str:
        return self._wait(lambda: (self.find(css) or [None])[0], f"a widget .{css}")

    def choose(self, css: str, label: str) -> None:
        """Pick ``label`` in the dropdown with class ``css``, as a browser's dropdown does."""
        model = self.one(css)
        index = list(self.states[model]["_options_labels"]).index(label)
        self._send(
            "comm_msg", {"comm_id": model, "data": {"method": "update", "state": {"index": index}, "buffer_paths": []}}
        )

    def select(self, css: str, index: int) -> None:
        """Pick the ``index``-th option of the dropdown with class ``css``."""
        model = self.one(css)
        self._send("comm_msg", {"comm_id": model, "data": {"method": "update", "state": {"index": index},
                                                            "buffer_paths": []}})

    def click(self, css: str) -> None:
        model = self.one(css)
        self._send("comm_msg", {"comm_id": model, "data": {"method": "custom", "content": {"event": "click"}}})

    def text(self, css: str, contains: str = "") -> str:
        """The value of the (first) widget with class ``css`` once it contains ``contains``."""

        def got():
            for model in self.find(css):
                value = str(self.states[model].get("value", ""))
                if value and contains in value:
                    return value
            return None

        return self._wait(got, f".{css} containing {contains!r}")

    def close(self) -> None:
        self.ws.close()


# -- a class server for tests and the benchmark ------------------------------------------------------------


@dataclass
class RunningClass:
    url: str
    folder: Path  # the class folder (course/, state/)
    homes: Path
    members: list[dict]
    codes: dict[str, str]
    proc: subprocess.Popen
    env: dict = field(repr=False, default_factory=dict)

    def learners(self) -> list[dict]:
        return [m for m in self.members if m["role"] == "learner"]

    def users(self) -> list[str]:
        state = self.folder / "state"
        return json.loads((state / "users.json").read_text()) if (state / "users.json").exists() else []


def parent(pid: int) -> int:
    try:
        return int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def descendants(pid: int) -> dict[int, str]:
    """Every process started under ``pid`` (services and learners' servers run in sessions of their own)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            children.setdefault(parent(int(entry.name)), []).append(int(entry.name))
    found, todo = {}, list(children.get(pid, []))
    while todo:
        child = todo.pop()
        try:
            found[child] = (Path("/proc") / str(child) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        todo += children.get(child, [])
    return found


def certificates(folder: Path, other_key: bool = False) -> tuple[Path, Path, Path]:
    """A test certificate authority and a server certificate it signed for 127.0.0.1 and localhost, made with
    openssl: ``(ca, cert, key)``, PEM, valid for a day. ``other_key``: the key of another certificate."""
    if shutil.which("openssl") is None:
        import pytest

        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("openssl is missing in CI (Debian: apt-get install openssl)")
        pytest.skip("openssl is not installed (Debian: apt-get install openssl)")
    folder.mkdir(parents=True, exist_ok=True)
    ca, ca_key, cert, key, csr = (folder / n for n in ("ca.pem", "ca.key", "server.pem", "server.key", "server.csr"))

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(ca_key), "-out", str(ca), "-days", "1",
            "-subj", "/CN=pi-lessons test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(csr), "-subj", "/CN=localhost")
    (folder / "server.ext").write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
        "authorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n",
        encoding="utf-8",
    )
    openssl("x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial", "-out",
            str(cert), "-days", "1", "-extfile", str(folder / "server.ext"))
    if other_key:
        openssl("genpkey", "-algorithm", "RSA", "-out", str(key))
    os.chmod(key, 0o600)
    return ca, cert, key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_proxy(root: Path) -> str | None:
    """npm's configurable-http-proxy: $CONFIGURABLE_HTTP_PROXY, .ci/chp (where .ci/run installs it), or PATH."""
    for candidate in (os.environ.get("CONFIGURABLE_HTTP_PROXY"),
                      root / ".ci" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy",
                      shutil.which("configurable-http-proxy")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    return None


def learner_python(root: Path) -> tuple[str, str] | None:
    """An interpreter of this Python's version every Unix user can run, and the PYTHONPATH that gives it
    this environment's packages (a Python under root's home, e.g. pyenv's, is closed to learners)."""
    paths = os.pathsep.join([str(root), sysconfig.get_paths()["purelib"]])
    for candidate in (sys.executable, "/usr/bin/python3"):
        path = Path(candidate)
        if not path.exists():
            continue
        parts = {*path.absolute().parents, *path.resolve().parents, path.resolve()}
        if all(p.stat().st_mode & 0o001 for p in parts):
            version = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[:2])"],
                                     capture_output=True, text=True).stdout.strip()
            if version == str(tuple(sys.version_info[:2])):
                return candidate, paths
    return None


@contextmanager
def run_class(root: Path, proxy: str, python: tuple[str, str], learners: int, port: int, extra=(), log_name="hub.log",
              ca: Path | None = None):
    """``pi-lessons class start`` (the documented command) with a roster of ``learners`` and one teacher, on
    127.0.0.1; stopped, its learners' processes ended and its Unix users removed on exit. With ``ca`` (the
    certificate authority of the ``--cert`` in ``extra``), over HTTPS."""
    folder = Path(tempfile.mkdtemp(prefix="pi-class-", dir="/tmp"))
    os.chmod(folder, 0o711)
    prefix = "t" + "".join(random.choices(string.ascii_lowercase, k=4))
    roster = folder / "roster.csv"
    lines = ["student_id,name,role", "T-001,Teacher Li,teacher"]
    lines += [f"2026{n:03d},Learner {n:02d} 学生,learner" for n in range(1, learners + 1)]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": python[1]}
    for name in ("PI_LESSONS_HOME", "PI_LESSONS_SHARED", "PI_LESSONS_HANDIN"):
        env.pop(name, None)
    (folder / "homes").mkdir()
    command = [sys.executable, "-m", "lessons", "class", "start", "--folder", str(folder / "class"), "--roster",
               str(roster), "--ip", "127.0.0.1", "--port", str(port), "--homes", str(folder / "homes"),
               "--user-prefix", prefix, "--python", python[0], "--proxy", proxy, *extra]
    log = (folder / log_name).open("w")
    proc = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    state = folder / "class" / "state"
    running = None
    try:
        url = f"{'https' if ca else 'http'}://127.0.0.1:{port}"
        tls = ssl.create_default_context(cafile=str(ca)) if ca else None
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}/hub/login", timeout=5, context=tls) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((folder / log_name).read_text()[-3000:])
            time.sleep(0.5)
        members = json.loads((state / "roster.json").read_text(encoding="utf-8"))
        codes = {row["login"]: row["code"] for row in csv.DictReader(
            io.StringIO((state / "codes.csv").read_text(encoding="utf-8-sig")))}
        running = RunningClass(url, folder / "class", folder / "homes", members, codes, proc, env)
        yield running
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:  # stopped already (a test may stop the hub itself): the users still go
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a hub that does not stop, and what it started: its proxy and services
            stray = descendants(proc.pid)  # run in sessions of their own, out of reach of its process group
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            for pid in stray:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        users = json.loads((state / "users.json").read_text()) if (state / "users.json").exists() else []
        for user in users:  # learners' servers and kernels run in sessions of their own
            subprocess.run(["pkill", "-KILL", "-u", user], capture_output=True)
        time.sleep(1)
        subprocess.run([sys.executable, "-m", "lessons", "class", "remove-users", "--folder", str(folder / "class")],
                       cwd=root, env=env, capture_output=True)
        log.close()
        left = [u for u in users if subprocess.run(["id", u], capture_output=True).returncode == 0]
        shutil.rmtree(folder, ignore_errors=True)
        if left:
            raise AssertionError(f"Unix users left behind: {left}")
