"""The classroom settings: every environment variable the course reads, read once into ``Classroom``.

Read at the edge (a CLI command, a notebook's ``Page``) with ``Classroom.from_env()`` and passed
down; nothing below reads the environment. The variables (a hub admin sets them once for all):

``PI_LESSONS_HOME``           the learner's folder (read by ``store.home()``)
``PI_LESSONS_SHARED``         "1": one server serves several learners; no folder-wide learner
``PI_LESSONS_HANDIN``         the hand-in folder
``PI_LESSONS_DUE``            the due date/time (ISO 8601); later hand-ins are marked late
``PI_LESSONS_RETRIES_COUNT``  "1": the latest answer counts, not the first
``JUPYTERHUB_USER``           set by JupyterHub: the authenticated user, who is then the learner
``PI_LESSONS_LEARNER_NAME``   the learner's display name, set by the class server next to the user
``PI_LESSONS_SITE_HANDIN``    on the static site: the class server's hand-in service, where "Hand in" sends
                              the progress file from the browser (set by ``pi-lessons site --hand-in``)
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

HOME_ENV = "PI_LESSONS_HOME"
SHARED_ENV = "PI_LESSONS_SHARED"
HANDIN_ENV = "PI_LESSONS_HANDIN"
DUE_ENV = "PI_LESSONS_DUE"
RETRIES_ENV = "PI_LESSONS_RETRIES_COUNT"
HUB_USER_ENV = "JUPYTERHUB_USER"
LEARNER_NAME_ENV = "PI_LESSONS_LEARNER_NAME"
SITE_HANDIN_ENV = "PI_LESSONS_SITE_HANDIN"
MAX_URL = 2048


def service_url(value) -> str | None:
    """A hand-in service's address as the browser needs it (``https://host[:port]/path/``), or None: HTTPS,
    or plain HTTP on this machine only (a token must not cross a network unencrypted)."""
    if not isinstance(value, str) or len(value) > MAX_URL:
        return None
    try:
        url = urlsplit(value.strip())
        url.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        return None
    local = url.hostname in ("127.0.0.1", "localhost", "::1")
    if not url.hostname or url.query or url.fragment or url.username or url.password:
        return None
    if url.scheme != "https" and not (url.scheme == "http" and local):
        return None
    return url.geturl().rstrip("/") + "/"


def web_origin(value) -> str | None:
    """A web page's origin (``https://host[:port]``, no path), under the rules of ``service_url``, or None."""
    url = service_url(value)
    if url is None:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.path == "/" else None


def parse_time(value) -> dt.datetime | None:
    """An ISO date or date-time as an aware UTC datetime (dates are midnight UTC); None if not one."""
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)).astimezone(dt.timezone.utc)


def _flag(environ: Mapping[str, str], name: str) -> bool:
    return environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _text(environ: Mapping[str, str], name: str) -> str | None:
    return environ.get(name, "").strip() or None


@dataclass(frozen=True)
class Classroom:
    """How the course runs for a class.

    ``shared``: several learners use one server, so nothing falls back to a folder-wide learner;
    ``handin``: the hand-in folder or None; ``due``: the due time or None; ``retries_count``: the
    latest answer counts instead of the first one; ``hub_user``: the JupyterHub user (then the
    learner's identity comes from the hub and is never typed); ``learner_name``: their display name;
    ``site_handin``: on the static site, the class server's hand-in service (``service_url``) or None.
    """

    shared: bool = False
    handin: Path | None = None
    due: dt.datetime | None = None
    retries_count: bool = False
    hub_user: str | None = None
    learner_name: str | None = None
    site_handin: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Classroom":
        """The settings from ``environ`` (default: ``os.environ``); the one place that reads them."""
        env = os.environ if environ is None else environ
        handin = _text(env, HANDIN_ENV)
        return cls(shared=_flag(env, SHARED_ENV), handin=Path(handin) if handin else None,
                   due=parse_time(_text(env, DUE_ENV)), retries_count=_flag(env, RETRIES_ENV),
                   hub_user=_text(env, HUB_USER_ENV), learner_name=_text(env, LEARNER_NAME_ENV),
                   site_handin=service_url(_text(env, SITE_HANDIN_ENV)))
