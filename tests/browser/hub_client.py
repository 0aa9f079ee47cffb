"""A light learner for the class-server tests and benchmark: the hub's login form over HTTP, then Voilà's
kernel websocket and the Jupyter widget comm protocol, as the browser's widget manager speaks them.

No browser: one learner costs a few MB in the test process, so forty fit on a small CI machine. A
widget is found by its CSS class (``_dom_classes``), as the browser tests find it; a change is a comm
``update`` (what a browser sends when a dropdown changes), a click is the ``click`` custom message.
"""

from __future__ import annotations

import json
import re
import time
import uuid

import requests
import websocket

KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')


class LoginFailed(AssertionError):
    pass


class HubLearner:
    def __init__(self, base: str, login: str):
        self.base, self.login = base.rstrip("/"), login
        self.http = requests.Session()

    def sign_in(self, password: str, new_password: str = "", timeout: float = 300) -> requests.Response:
        """Post the hub's login form; wait until the learner's server answers (it may have to start)."""
        page = self.http.get(f"{self.base}/hub/login", timeout=60)
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
        r = self.http.post(
            f"{self.base}/hub/login?next=",
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
        self.ws = websocket.create_connection(
            f"{ws_base}/user/{learner.login}/api/kernels/{kernel}/channels?session_id={self.session}",
            header=[f"Cookie: {cookies}"],
            timeout=timeout,
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
