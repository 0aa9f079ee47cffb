"""Preparing a class before the lesson: start every learner's server through the hub's REST API, a few
at a time, so that learners arriving together do not each wait for a server to start."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def _call(api: str, token: str, method: str, path: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{api}{path}",
        method=method,
        headers={"Authorization": f"token {token}"},
        data=b"" if method == "POST" else None,
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            return response.status, json.loads(body) if body else {}
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def start_servers(api: str, token: str, users: list[str], parallel: int = 4, timeout: float = 600) -> dict[str, bool]:
    """Start the servers of ``users`` (``api`` is the hub's ``.../hub/api``); True for each that is ready."""

    def one(user: str) -> bool:
        status, _ = _call(api, token, "POST", f"/users/{user}/server")
        if status not in (201, 202, 400):  # 400: already running
            return False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, model = _call(api, token, "GET", f"/users/{user}")
            server = (model.get("servers") or {}).get("", {})
            if server.get("ready"):
                return True
            if status != 200 or not server.get("pending") and not server:
                return False
            time.sleep(1)
        return False

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        return dict(zip(users, pool.map(one, users), strict=True))
