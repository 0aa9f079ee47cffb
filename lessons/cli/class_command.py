"""``pi-lessons class start|prepare|remove-users``: a class server on JupyterHub on this machine.

``start`` sets up the class folder from a roster (see ``lessons.server.class_setup``), prints the join
link and its QR code, and runs the hub until Ctrl-C. ``prepare`` starts every learner's server before
the lesson. ``remove-users`` removes the Unix users the class created (at the end of the course).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from pathlib import Path

from lessons.content.course import load_content
from lessons.content.errors import LessonsError
from lessons.content.reader import source_checkout
from lessons.content.text import LANGUAGES

HELP = "run a class server (JupyterHub with logins from a roster, one account per learner, a hand-in service)"


def add_arguments(parser) -> None:
    """The actions and options; every help text shown, in English and Chinese, is ``class.ACTION[.OPTION]`` in
    ui/cli.yaml (lessons.cli.main puts them in)."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(parser))
    start = sub.add_parser("start", help="set up the class folder from a roster and run the class server")
    start.add_argument("--folder", required=True, type=Path)
    start.add_argument("--roster", type=Path)
    start.add_argument("--ip", default="0.0.0.0")
    start.add_argument("--port", type=int, default=8000)
    start.add_argument("--url")
    start.add_argument("--cert", type=Path)
    start.add_argument("--key", type=Path)
    start.add_argument("--lang", choices=LANGUAGES, default="en")
    start.add_argument("--allow-lab", action="store_true")
    start.add_argument("--due")
    start.add_argument("--user-prefix", default="pl")
    start.add_argument("--homes", type=Path)
    start.add_argument("--reissue", action="append", default=[], metavar="LOGIN")
    start.add_argument("--cull-minutes", type=int, default=60)
    start.add_argument("--python")
    start.add_argument("--proxy")
    start.add_argument("--site-origin")
    start.add_argument("--setup-only", action="store_true")
    prepare = sub.add_parser("prepare", help="start every learner's server now")
    prepare.add_argument("--folder", required=True, type=Path)
    prepare.add_argument("--parallel", type=int, default=4)
    prepare.add_argument("--users", nargs="+", metavar="LOGIN")
    remove = sub.add_parser("remove-users", help="remove the Unix users this class created")
    remove.add_argument("--folder", required=True, type=Path)


def _proxy(given: str | None) -> str:
    repo = source_checkout()
    for candidate in (
        given,
        os.environ.get("CONFIGURABLE_HTTP_PROXY"),
        shutil.which("configurable-http-proxy"),
        repo and str(repo / ".ci" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"),
    ):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise LessonsError.of("class_no_proxy")


def _learner_python(given: str | None) -> str:
    """The interpreter learners' servers run; refused if a learner's account could not run it (a
    Python under root's home, e.g. pyenv's, is not reachable once the server runs as the learner)."""
    path = Path(given or sys.executable).absolute()
    if not path.exists():
        raise LessonsError.of("class_no_python", path=path)
    for part in sorted({*path.parents, *path.resolve().parents, path.resolve()}):
        if part.exists() and not part.stat().st_mode & 0o001:
            raise LessonsError.of("class_python_closed", path=path, part=part)
    return str(path)


def check_certificate(cert: Path, key: Path) -> None:
    """Refuse a certificate and key that do not load together (not PEM, a key of another certificate, a key
    with a passphrase): the hub's proxy would fail after the set-up, with a traceback."""
    import ssl

    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key, password=lambda: b"")
    except (ssl.SSLError, OSError, ValueError):
        raise LessonsError.of("class_bad_cert", cert=cert, private_key=key) from None


def _start(args) -> int:
    from lessons.classroom.settings import web_origin
    from lessons.classroom.store import parse_time
    from lessons.server.class_setup import ensure_users, free_port, lan_address, qr_files, write_class
    from lessons.server.hub_config import ClassSetup
    from lessons.server.roster import members_from_json, read_roster

    content, lang = load_content(), args.lang
    t = lambda key, **v: content.text(f"class_server.{key}", lang, **v)  # noqa: E731
    if os.geteuid() != 0:
        raise LessonsError.of("class_need_root")
    if not 0 < args.port < 65536:
        raise LessonsError.of("bad_port", port=args.port)
    if bool(args.cert) != bool(args.key):
        raise LessonsError.of("class_cert_and_key")
    for path in (args.cert, args.key):
        if path is not None and not path.is_file():
            raise LessonsError.of("class_no_file", path=path)
    if args.cert:
        check_certificate(args.cert, args.key)
    if args.due and parse_time(args.due) is None:
        raise LessonsError.of("class_bad_due", due=args.due)
    site_origin = None
    if args.site_origin is not None:
        site_origin = web_origin(args.site_origin)
        if site_origin is None:
            raise LessonsError.of("class_bad_site_origin", origin=args.site_origin)
    folder = args.folder.resolve()
    if args.roster is not None:
        members = read_roster(args.roster, args.user_prefix)
    else:
        try:
            members = members_from_json(json.loads((folder / "state" / "roster.json").read_text(encoding="utf-8")))
        except (OSError, ValueError):
            raise LessonsError.of("class_no_class", folder=folder) from None
    scheme = "https" if args.cert else "http"
    host = lan_address() if args.ip in ("0.0.0.0", "") else args.ip
    url = args.url or f"{scheme}://{host}:{args.port}/"
    setup = ClassSetup(
        folder,
        tuple(members),
        args.ip,
        args.port,
        free_port(),
        free_port(),
        free_port(),
        _proxy(args.proxy),
        lang,
        args.cert and args.cert.resolve(),
        args.key and args.key.resolve(),
        args.allow_lab,
        args.due,
        args.cull_minutes * 60,
        args.homes and args.homes.resolve(),
        learner_python=_learner_python(args.python),
        site_origin=site_origin,
    )
    codes = write_class(setup, content, url, set(args.reissue))
    users = ensure_users(members, setup.state, setup.homes)
    (setup.state / "class.json").write_text(
        json.dumps({"hub_api": f"http://127.0.0.1:{setup.hub_port}/hub/api", "url": url, "lang": lang}),
        encoding="utf-8",
    )
    print(t("cli_folder", folder=folder))
    print(t("cli_users", count=len(users)))
    if codes:
        print(t("cli_slips", count=len(codes), file=setup.state / "slips.html", csv=setup.state / "codes.csv"))
    text, image = qr_files(url, setup.state)
    print(text)
    print(t("cli_qr", file=image))
    print(t("cli_join", url=url))
    print(t("cli_teacher_pages", url=url.rstrip("/") + "/services/handin/"))
    if not args.cert:
        print(t("cli_http_warning"), file=sys.stderr)
    elif not args.url:  # browsers check the link's host against the names in the certificate
        print(t("cli_cert_url", host=host, port=args.port), file=sys.stderr)
    sys.stdout.flush()
    if args.setup_only:
        return 0
    hub = Path(sys.executable).parent / "jupyterhub"
    os.chdir(setup.state)
    # A background job of a script (`pi-lessons class start ... &`) starts with SIGINT ignored, and the hub's
    # services inherited that: the hub stops a service with SIGINT, so SIGTERM to the hub waited about 20 s
    # per service ("Cleaning up services") before it gave up on them. The hub handles both signals itself.
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.SIG_DFL)
    # The hub takes this process's place, so stopping it (Ctrl-C, SIGTERM) stops every learner's server too.
    os.execv(str(hub), [str(hub), "-f", str(setup.state / "jupyterhub_config.py")])
    return 0  # pragma: no cover - execv does not return


def _prepare(args) -> int:
    from lessons.server.prepare import start_servers
    from lessons.server.roster import members_from_json

    state = args.folder.resolve() / "state"
    try:
        info = json.loads((state / "class.json").read_text(encoding="utf-8"))
        token = (state / "preparer_token").read_text(encoding="utf-8").strip()
        members = members_from_json(json.loads((state / "roster.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        raise LessonsError.of("class_not_set_up", folder=args.folder) from None
    learners = [m.username for m in members if not m.teacher and (not args.users or m.username in args.users)]
    ready = start_servers(info["hub_api"], token, learners, parallel=max(1, args.parallel))
    content = load_content()
    lang = info.get("lang") if info.get("lang") in LANGUAGES else "en"  # the class's language, as `start` printed
    print(content.text("class_server.cli_prepared", lang, ready=sum(ready.values()), count=len(learners)))
    return 0 if all(ready.values()) else 1


def _remove(args) -> int:
    from lessons.server.class_setup import remove_users

    removed = remove_users(args.folder.resolve() / "state")
    print("\n".join(removed))
    return 0


def run(args) -> int:
    return {"start": _start, "prepare": _prepare, "remove-users": _remove}[args.action](args)
