"""Recording answers and hand-ins with the class server's hand-in service (``lessons.server.handin_service``).

On a class server every learner's kernel has ``JUPYTERHUB_API_TOKEN`` (their server's hub token) and
``PI_LESSONS_HANDIN_URL``; the service asks the hub whose token it is, so the ``identity`` passed here
is never sent. A first answer that cannot be delivered (the service restarting) is kept and sent
with the next one. ``mine()`` and ``check()`` read what the service tells the learner (their released
marking, the in-class check): bounded reads with a short timeout, failures as a ``ServiceError`` by key.
Standard library only: kernels must not need more.
"""

from __future__ import annotations

import http.client
import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from lessons.content.errors import LessonsError

URL_ENV = "PI_LESSONS_HANDIN_URL"
TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
LEARNER_NAME_ENV = "PI_LESSONS_LEARNER_NAME"  # the roster's name of the hub user, set by the class server
STUDENT_ID_ENV = "PI_LESSONS_STUDENT_ID"
TIMEOUT = 10
READ_TIMEOUT = 4  # a page asks while it opens: an unreachable service must not hold it up long
MAX_REPLY = 1 << 20  # a learner's whole record is about 20 KB; a reply larger than this is not the service's
MAX_CHECK = 1000  # question ids in an in-class check (the service keeps at most as many)


class RecorderError(OSError):
    """The service could not be reached or refused the request."""


class ServiceError(LessonsError):
    """What a learner's page is told when the service cannot be asked (its texts: ``errors.class_service_*``)."""


def _json_reply(response) -> dict:
    """A reply's JSON object, read with a bound (never more than ``MAX_REPLY`` bytes)."""
    raw = response.read(MAX_REPLY + 1)
    if len(raw) > MAX_REPLY:
        raise ServiceError.of("class_service_bad_reply")
    try:
        data = json.loads(raw or b"{}")
    except (ValueError, RecursionError):
        raise ServiceError.of("class_service_bad_reply") from None
    if not isinstance(data, dict):
        raise ServiceError.of("class_service_bad_reply")
    return data


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

    def _get(self, path: str) -> dict:
        """GET ``path`` of the service: its JSON object; a refusal's JSON body (``{"error": ...}``) under
        ``"refused"`` with the status; ServiceError when it cannot be asked or answers nonsense."""
        request = urllib.request.Request(
            self.url + path, headers={"Authorization": f"token {self.token}", "Accept": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=READ_TIMEOUT) as response:
                return _json_reply(response)
        except urllib.error.HTTPError as exc:
            with exc:
                try:
                    body = _json_reply(exc)
                except (ServiceError, OSError, http.client.HTTPException):
                    body = {}
            return {"refused": exc.code, **body}
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException):
            raise ServiceError.of("class_service_unreachable") from None

    def mine(self) -> dict:
        """The learner's own record as the service marked it, once released: ``{"released": True,
        "exercises": {EXERCISE: {"first": ..., "correct": ..., ...}}}``; before: ``{"released": False,
        "due": ISO time or None}``. ServiceError when the service cannot be asked or refuses."""
        reply = self._get("api/mine")
        if reply.get("refused") == 403 and reply.get("error") == "not_released":
            due = reply.get("due")
            return {"released": False, "due": due if isinstance(due, str) else None}
        if "refused" in reply:
            raise ServiceError.of("class_service_refused", status=reply["refused"])
        exercises = reply.get("exercises")
        if not isinstance(exercises, dict):
            raise ServiceError.of("class_service_bad_reply")
        return {"released": True, "exercises": exercises}

    def check(self) -> list[str]:
        """The question ids (``"EXERCISE/QUESTION"``) of the teacher's in-class check, in the teacher's order."""
        reply = self._get("api/check")
        if "refused" in reply:
            raise ServiceError.of("class_service_refused", status=reply["refused"])
        questions = reply.get("questions")
        if not isinstance(questions, list):
            raise ServiceError.of("class_service_bad_reply")
        return [q for q in questions[:MAX_CHECK] if isinstance(q, str)]

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
