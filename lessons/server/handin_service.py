"""The hand-in service: a JupyterHub service (``/services/handin/``) that records answers and hand-ins.

Run by the hub as a managed service (``python -m lessons.server.handin_service``). Learners' kernels
post with their server's hub token (``lessons.classroom.hub_recorder``); the hub says whose token it
is, so identity never comes from the request body. Teachers' pages need the teacher scope
(``TEACHER_SCOPE``, held by the ``teachers`` group's role): everyone else gets 403.

Environment: ``PI_LESSONS_CLASS_STATE`` (the class's state folder: roster.json and records/),
``PI_LESSONS_CLASS_LANG`` (en or zh), ``PI_LESSONS_DUE`` (optional due time),
``PI_LESSONS_SITE_ORIGIN`` (optional: the static site whose pages may hand in, see ``SiteLogin``), and
JupyterHub's own ``JUPYTERHUB_*`` variables.
"""

from __future__ import annotations

import asyncio
import csv
import html
import io
import json
import os
import secrets
import signal
from pathlib import Path

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import web

from lessons.classroom.class_summary import ClassSummary, bar_chart_svg, csv_safe, exercise_name
from lessons.classroom.grading import load_answer_keys
from lessons.classroom.settings import web_origin
from lessons.classroom.store import Classroom
from lessons.content.course import Content, load_content
from lessons.server.handin_records import RecordError, Records
from lessons.server.roster import members_from_json

TEACHER_SCOPE = "custom:pi-lessons:teach"
MAX_BODY = 300_000
SITE_ORIGIN_ENV = "PI_LESSONS_SITE_ORIGIN"
TOKEN_MESSAGE = "pi-lessons-token"  # the type of the message a site's page waits for (lessons/widgets/site_hand_in.js)


def e(text) -> str:
    return html.escape(str(text), quote=True)


class Base(HubOAuthenticated, web.RequestHandler):
    def initialize(self, records: Records, content: Content, lang: str, classroom: Classroom):
        self.records, self.content, self.lang, self.classroom = records, content, lang, classroom

    def t(self, key: str, **values) -> str:
        return self.content.text(f"class_server.{key}", self.lang, **values)

    @property
    def login(self) -> str:
        user = self.current_user
        if not user:
            raise web.HTTPError(403)
        return user["name"]

    def is_teacher(self) -> bool:
        user = self.current_user
        return bool(user) and TEACHER_SCOPE in set(user.get("scopes", ()))

    def write_error(self, status_code, **kwargs):
        self.set_header(
            "Content-Type", "application/json" if "/api/" in self.request.path else "text/html; charset=utf-8"
        )
        if "/api/" in self.request.path:
            self.finish(json.dumps({"status": status_code}))
        else:
            message = self.t("teachers_only") if status_code == 403 else str(status_code)
            self.finish(
                f"<!doctype html><html lang='{self.lang}'><title>{status_code}</title><p>{e(message)}</p></html>"
            )


class Api(Base):
    """Learners' posts: only with a hub token in the Authorization header (no cookie, so no CSRF)."""

    def prepare(self):
        if not self.request.headers.get("Authorization", "").lower().startswith(("token ", "bearer ")):
            raise web.HTTPError(403)
        if len(self.request.body or b"") > MAX_BODY:
            raise web.HTTPError(413)
        if not self.current_user:
            raise web.HTTPError(403)

    def body(self) -> dict:
        try:
            data = json.loads(self.request.body or b"{}")
        except ValueError:
            raise web.HTTPError(400) from None
        if not isinstance(data, dict):
            raise web.HTTPError(400)
        return data

    def refuse(self, exc: RecordError):
        self.set_status(400)
        self.finish({"error": str(exc), "key": exc.key})  # the key: a client says it in its page's language


class FirstAnswers(Api):
    def post(self):
        data = self.body()
        try:
            kept = self.records.record_first(self.login, data.get("exercise"), data.get("answers"))
        except RecordError as exc:
            return self.refuse(exc)
        self.finish({"kept": kept})


class HandInApi(Api):
    """A hand-in; also from the pages of the class's static site (``SITE_ORIGIN_ENV``), which may call it
    across origins (CORS) with the token ``SiteLogin`` gave them, never with cookies."""

    def set_default_headers(self):
        origin = self.application.settings.get("site_origin")
        if origin and self.request.headers.get("Origin") == origin:
            self.set_header("Access-Control-Allow-Origin", origin)  # also on errors: the page reads the key
        self.set_header("Vary", "Origin")

    def prepare(self):
        if self.request.method != "OPTIONS":
            super().prepare()

    def options(self):
        """The browser's preflight: answered for the site's origin only (no credentials: the token is a header)."""
        origin = self.application.settings.get("site_origin")
        if not origin or self.request.headers.get("Origin") != origin:
            raise web.HTTPError(403)
        self.set_header("Access-Control-Allow-Methods", "POST")
        self.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type")
        self.set_header("Access-Control-Max-Age", "600")
        self.set_status(204)
        self.finish()

    def post(self):
        try:
            receipt = self.records.hand_in(self.login, self.request.body or b"")
        except RecordError as exc:
            return self.refuse(exc)
        self.finish({"number": receipt.number, "time": receipt.time, "sha256": receipt.sha256})


class Mine(Api):
    """A learner's own recorded answers with the marking, once released."""

    def get(self):
        due = self.classroom.due
        if not self.records.released(due):
            self.set_status(403)  # the due time lets the learner's page say when marking will be shown
            return self.finish({"error": "not_released", "due": due.isoformat() if due else None})
        member = self.records.members.get(self.login)
        if member is None:
            raise web.HTTPError(403)
        self.finish({"exercises": self.records.learner_file(member)["exercises"]})


class SiteLogin(Base):
    """The window a page of the class's static site opens to hand in: the hub's login (OAuth), then the token
    the hub issued to this service for the learner (scoped to this service) goes to the page that opened the
    window, with ``postMessage`` addressed to the site's origin only, so no page of another origin receives it.
    Without a site origin configured there is no such window (404)."""

    @web.authenticated
    def get(self):
        origin = self.application.settings.get("site_origin")
        if self.get_argument("token", "") or "Authorization" in self.request.headers:
            raise web.HTTPError(403)  # only the token of the hub's login in this window, never one handed to it
        token = self.hub_auth.get_token(self)  # now the one the OAuth login stored in this service's cookie
        if not origin or not token:
            raise web.HTTPError(404)
        message = json.dumps({"type": TOKEN_MESSAGE, "token": token}).replace("<", "\\u003c")
        nonce = secrets.token_urlsafe(16)
        self.set_header("Cache-Control", "no-store")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Content-Security-Policy",
                        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
                        "frame-ancestors 'none'")
        self.set_header("X-Frame-Options", "DENY")
        title = e(self.t("site_login_title"))
        self.finish(
            f"<!doctype html><html lang='{self.lang}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{title}</title></head>"
            f"<body style='font-family:sans-serif;margin:1rem'><main><h1>{title}</h1>"
            f"<p>{e(self.t('site_login_done', name=self.login))}</p></main><script nonce='{nonce}'>"
            # the opener closes this window once it has the token; it also closes itself a moment later
            f"if (window.opener) {{ window.opener.postMessage({message}, {json.dumps(origin)}); "
            "setTimeout(() => window.close(), 1000); }"
            "</script></body></html>"
        )


class CheckApi(Api):
    def get(self):
        self.finish({"questions": self.records.check()})


class Teacher(Base):
    """A teacher's page: login through the hub (OAuth), then 403 unless the teacher scope is held."""

    def prepare(self):
        if self.current_user and not self.is_teacher():
            raise web.HTTPError(403)

    def page(self, title: str, body: str) -> None:
        nav = " · ".join(
            f"<a href='{e(self.url(p))}'>{e(self.t(k))}</a>"
            for p, k in (
                ("", "nav_summary"),
                ("gradebook.csv", "nav_gradebook"),
                ("missing", "nav_missing"),
                ("projector", "nav_projector"),
                ("check", "nav_check"),
            )
        )
        self.finish(
            f"<!doctype html><html lang='{self.lang}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{e(title)}</title>"
            "<style>body{font-family:sans-serif;margin:1rem;max-width:70rem}td,th{padding:.2rem .5rem;"
            "border-bottom:1px solid #ccc;text-align:left}a{color:#0b57d0}</style></head><body>"
            f"<nav>{nav}</nav><main><h1>{e(title)}</h1>{body}</main></body></html>"
        )

    def url(self, path: str) -> str:
        return url_path_join(os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/"), path)

    def summaries(self) -> tuple[ClassSummary, ClassSummary]:
        due = self.classroom.due
        return self.records.summary(due), self.records.summary(due, self_reported=True)


class Summary(Teacher):
    @web.authenticated
    def get(self):
        recorded, reported = self.summaries()
        by_login = {r.file.removesuffix(".json"): r for r in recorded.learners}
        self_score = {r.file.removesuffix(".json"): r.score for r in reported.learners}
        rows = []
        for m in self.records.members.values():
            if m.teacher:
                continue
            row, handins = by_login.get(m.username), self.records.handins(m.username)
            late = f" ({e(self.t('late'))})" if row and "late" in row.flags else ""
            rows.append(
                f"<tr><td>{e(m.name)}</td><td>{e(m.student_id)}</td>"
                f"<td>{row.score if row else 0} / {recorded.learners[0].total if recorded.learners else ''}</td>"
                f"<td>{self_score.get(m.username, '')}</td><td>{e(row.handed_in or '') if row else ''}{late}</td>"
                f"<td>{len(handins)}</td></tr>"
            )
        head = "".join(
            f"<th>{e(self.t(k))}</th>"
            for k in ("col_name", "col_number", "col_score", "col_self", "col_handed_in", "col_handins")
        )
        due = self.classroom.due
        state = (
            self.t("released")
            if self.records.released(due)
            else (
                f"<form method='post' action='{e(self.url('release'))}'><input type='hidden' name='_xsrf' "
                f"value='{e(self.xsrf_token.decode())}'><button>{e(self.t('release'))}</button></form>"
            )
        )
        self.page(
            self.t("summary_title"),
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table><p>{state}</p>",
        )


class Gradebook(Teacher):
    """CSV with ids that do not change with the language, a points-possible row, and self-reported totals."""

    @web.authenticated
    def get(self):
        recorded, reported = self.summaries()
        by_login = {r.file.removesuffix(".json"): r for r in recorded.learners}
        self_score = {r.file.removesuffix(".json"): r.score for r in reported.learners}
        exercises = sorted(self.records.keys.exercises)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(
            ["login", "student_id", "name", *exercises, "total", "handed_in", "late", "hand_ins", "self_reported_total"]
        )
        writer.writerow(
            [
                "points_possible",
                "",
                "",
                *(self.records.keys.total(x) for x in exercises),
                self.records.keys.course_total,
                "",
                "",
                "",
                "",
            ]
        )
        for m in self.records.members.values():
            if m.teacher:
                continue
            row = by_login.get(m.username)
            scores = [row.scores[x][0] if row and x in row.scores else 0 for x in exercises]
            writer.writerow(
                [
                    m.username,
                    csv_safe(m.student_id),
                    csv_safe(m.name),
                    *scores,
                    sum(scores),
                    (row.handed_in or "") if row else "",
                    int(bool(row and "late" in row.flags)),
                    len(self.records.handins(m.username)),
                    self_score.get(m.username, ""),
                ]
            )
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", "attachment; filename=gradebook.csv")
        self.finish("\ufeff" + out.getvalue())


class Missing(Teacher):
    @web.authenticated
    def get(self):
        missing = [m for m in self.records.members.values() if not m.teacher and not self.records.handins(m.username)]
        body = (
            ("<ul>" + "".join(f"<li>{e(m.name)} ({e(m.student_id)})</li>" for m in missing) + "</ul>")
            if missing
            else f"<p>{e(self.t('all_handed_in'))}</p>"
        )
        self.page(self.t("not_handed_in"), body)


class Projector(Teacher):
    """Correct rates by question for the room's screen: no names, no numbers."""

    @web.authenticated
    def get(self):
        recorded, _ = self.summaries()
        bars = [(f"{exercise_name(q.exercise, self.lang)} Q{q.number}", q.rate) for q in recorded.questions]
        title = self.t("projector_title", count=len(recorded.learners))
        self.page(title, bar_chart_svg(bars, title))


class Check(Teacher):
    @web.authenticated
    def get(self, saved: str = ""):
        chosen = set(self.records.check())
        items = []
        for exercise, questions in sorted(self.records.keys.exercises.items()):
            for n, (qid, q) in enumerate(questions.items(), start=1):
                ident = f"{exercise}/{qid}"
                items.append(
                    f"<li><label><input type='checkbox' name='q' value='{e(ident)}'"
                    f"{' checked' if ident in chosen else ''}> {e(exercise_name(exercise, self.lang))} "
                    f"Q{n}: {e(q.text(self.lang))}</label></li>"
                )
        self.page(
            self.t("check_title"),
            f"{saved}<form method='post'><input type='hidden' name='_xsrf' "
            f"value='{e(self.xsrf_token.decode())}'><ul>{''.join(items)}</ul>"
            f"<button>{e(self.t('check_save'))}</button></form>",
        )

    @web.authenticated
    def post(self):
        chosen = self.records.set_check(self.get_arguments("q")[:1000])
        self.get(f"<p role='status'>{e(self.t('check_saved', count=len(chosen)))}</p>")


class Release(Teacher):
    @web.authenticated
    def post(self):
        self.records.release()
        self.redirect(self.url(""))


def make_app(state: Path, lang: str, prefix: str, site_origin: str | None = None) -> web.Application:
    content = load_content()
    roster = json.loads((state / "roster.json").read_text(encoding="utf-8"))
    records = Records(state / "records", load_answer_keys(content), members_from_json(roster))
    # The class's settings (its due time) are read once, when the service starts.
    args = {"records": records, "content": content, "lang": lang, "classroom": Classroom.from_env()}
    routes = [
        ("oauth_callback", HubOAuthCallbackHandler, {}),
        ("api/first", FirstAnswers, args),
        ("api/handin", HandInApi, args),
        ("api/mine", Mine, args),
        ("api/check", CheckApi, args),
        ("site-login", SiteLogin, args),
        ("", Summary, args),
        ("gradebook.csv", Gradebook, args),
        ("missing", Missing, args),
        ("projector", Projector, args),
        ("check", Check, args),
        ("release", Release, args),
    ]
    return web.Application(
        [(url_path_join(prefix, p), h, a) for p, h, a in routes],
        cookie_secret=secrets.token_bytes(32),
        max_body_size=MAX_BODY,
        site_origin=web_origin(site_origin),
    )


def main() -> None:
    from urllib.parse import urlparse

    state = Path(os.environ["PI_LESSONS_CLASS_STATE"])
    lang = os.environ.get("PI_LESSONS_CLASS_LANG", "en")
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/handin/")
    app = make_app(state, lang, prefix, os.environ.get(SITE_ORIGIN_ENV))
    asyncio.run(_serve(app, url.port or 80, url.hostname or "127.0.0.1"))


async def _serve(app: web.Application, port: int, host: str) -> None:
    app.listen(port, host)
    stopped = asyncio.Event()
    for stop in (signal.SIGINT, signal.SIGTERM):  # the hub stops its services with SIGINT: stop at once, quietly
        asyncio.get_running_loop().add_signal_handler(stop, stopped.set)
    await stopped.wait()


if __name__ == "__main__":
    main()
