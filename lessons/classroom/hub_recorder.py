"""Recording answers and hand-ins with the class server's hand-in service (``lessons.server.handin_service``).

On a class server every learner's kernel has ``JUPYTERHUB_API_TOKEN`` (their server's hub token) and
``PI_LESSONS_HANDIN_URL``; the service asks the hub whose token it is, so the ``identity`` passed here
is never sent. A first answer that cannot be delivered (the service restarting) is kept and sent
with the next one. Standard library only: kernels must not need more.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

URL_ENV = "PI_LESSONS_HANDIN_URL"
TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
LEARNER_NAME_ENV = "PI_LESSONS_LEARNER_NAME"  # the roster's name of the hub user, set by the class server
STUDENT_ID_ENV = "PI_LESSONS_STUDENT_ID"
TIMEOUT = 10


class RecorderError(OSError):
    """The service could not be reached or refused the request."""


@dataclass
class HubRecorder:
    url: str
    token: str
    unsent: list[tuple[str, dict]] = field(default_factory=list)
    last_receipt: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> "HubRecorder | None":
        url, token = os.environ.get(URL_ENV, "").strip(), os.environ.get(TOKEN_ENV, "").strip()
        return cls(url if url.endswith("/") else url + "/", token) if url and token else None

    def _post(self, path: str, body: bytes) -> dict:
        request = urllib.request.Request(
            self.url + path,
            data=body,
            method="POST",
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return json.loads(response.read() or b"{}")
        except (urllib.error.URLError, ValueError, OSError) as exc:
            raise RecorderError(f"the class server's hand-in service did not take it ({exc})") from None

    def record_first(self, identity: str, exercise_id: str, answers: dict[str, Any]) -> None:
        """Send the first answers of questions just answered; the service keeps only the first per question."""
        self.unsent.append((exercise_id, dict(answers)))
        while self.unsent:
            exercise, given = self.unsent[0]
            self._post("api/first", json.dumps({"exercise": exercise, "answers": given}).encode("utf-8"))
            self.unsent.pop(0)

    def hand_in(self, identity: str, data: dict | bytes) -> None:
        """Hand in the learner's progress (a dict, or its JSON bytes); the service's receipt (``number``,
        ``time`` by the service's clock, ``sha256``) is kept in ``last_receipt``."""
        raw = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.last_receipt = self._post("api/handin", raw)
