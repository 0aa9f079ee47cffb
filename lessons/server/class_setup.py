"""Setting up a class folder: the read-only course copy, a Unix user per member, login codes and slips,
the join link's QR code, and the hub's configuration (``lessons.server.hub_config``).

Layout of the class folder (root's; 0711 so learners reach only the course)::

    course/     the lesson notebooks, read-only for everyone but root (0755 / 0644)
    jupyter/    learners' jupyter_server settings (read-only)
    state/      0700: roster.json, accounts.json, records/, hub database, jupyterhub_config.py,
                config.yaml (Kubernetes), slips.html, codes.csv, join.svg/png, users.json
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import pwd
import secrets
import shutil
import socket
import subprocess
from pathlib import Path

from lessons.content.course import Content
from lessons.content.errors import LessonsError
from lessons.content.reader import NOTEBOOKS_DIR
from lessons.server.accounts import MAX_FAILURES, MIN_PASSWORD, Accounts
from lessons.server.hub_config import ClassSetup, hub_config, single_user_config, z2jh_config
from lessons.server.hub_pages import write_hub_pages, write_learner_pages
from lessons.server.roster import Member, roster_json

USERS_FILE = "users.json"  # the Unix users this class created (only these are ever removed)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lan_address() -> str:
    """This machine's address on the room's network (no packet is sent), or 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def make_folders(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o711)
    (folder / "state").mkdir(exist_ok=True)
    os.chmod(folder / "state", 0o700)


def copy_course(target: Path, source: Path = NOTEBOOKS_DIR) -> None:
    """A fresh read-only copy of the shipped notebooks (learners' work is in their homes, not here)."""
    if target.exists():
        shutil.rmtree(target)
    # Without the teacher's notebooks: a class's teachers' pages are the hand-in service's, behind the hub's login.
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "teacher"))
    for path in [target, *target.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


def write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(path, 0o600)


def created_users(state: Path) -> list[str]:
    try:
        return list(json.loads((state / USERS_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return []


def ensure_users(members: list[Member], state: Path, homes: Path | None = None) -> list[str]:
    """A Unix user (no login shell, home 0700) for every member; a name that exists but was not made
    for this class is refused, since it may be someone's real account."""
    ours = set(created_users(state))
    for m in members:
        try:
            entry = pwd.getpwnam(m.username)
        except KeyError:
            entry = None
        if entry is not None and m.username not in ours:
            raise LessonsError.of("class_user_exists", user=m.username)
        if entry is None:
            home = str((homes or Path("/home")) / m.username)
            cmd = [
                "useradd",
                "--create-home",
                "--home-dir",
                home,
                "--shell",
                "/usr/sbin/nologin",
                "--comment",
                "pi-lessons learner",
                "--user-group",
                m.username,
            ]
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                raise LessonsError.of("class_useradd_failed", user=m.username, output=done.stderr.strip())
            ours.add(m.username)
            (state / USERS_FILE).write_text(json.dumps(sorted(ours)), encoding="utf-8")
            entry = pwd.getpwnam(m.username)
        os.chmod(entry.pw_dir, 0o700)  # no learner reads another's home (and their progress in it)
    return sorted(ours)


def remove_users(state: Path) -> list[str]:
    """Remove the Unix users (and homes) this class created; returns their names."""
    removed = []
    for user in created_users(state):
        if subprocess.run(["userdel", "--remove", user], capture_output=True).returncode in (0, 6):  # 6: no such user
            removed.append(user)
    (state / USERS_FILE).write_text(json.dumps(sorted(set(created_users(state)) - set(removed))), encoding="utf-8")
    return removed


def slips(content: Content, lang: str, url: str, members: list[Member], codes: dict[str, str], title: str) -> str:
    """A printable page of login slips (cut along the lines), in the class's language."""
    t = lambda key, **v: html.escape(content.text(f"class_server.{key}", lang, **v))  # noqa: E731
    cards = "".join(
        f"<div class='slip'><p><strong>{t('slip_name', name=m.name)}</strong></p><p>{t('slip_join', url=url)}</p>"
        f"<p>{t('slip_login', login=m.username)}</p><p class='code'>{t('slip_code', code=codes[m.username])}</p>"
        f"<p><small>{t('slip_note')}</small></p></div>"
        for m in members
        if m.username in codes
    )
    return (
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{t('slips_title', title=title)}</title>"
        "<style>body{font-family:sans-serif}.slip{border:1px dashed #555;padding:.5rem 1rem;margin:.3rem;"
        "display:inline-block;width:20rem;break-inside:avoid}.code{font-family:monospace;font-size:1.3rem}</style>"
        f"</head><body><h1>{t('slips_title', title=title)}</h1>{cards}</body></html>"
    )


def codes_csv(members: list[Member], codes: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["login", "student_id", "name", "code"])
    for m in members:
        if m.username in codes:
            writer.writerow([m.username, m.student_id, m.name, codes[m.username]])
    return "\ufeff" + out.getvalue()


def qr_files(url: str, state: Path) -> tuple[str, Path]:
    """The join link as a QR code: text for the terminal, and an SVG and a PNG for the projector."""
    import segno

    code = segno.make(url, error="m")
    code.save(str(state / "join.svg"), scale=10)
    code.save(str(state / "join.png"), scale=10)
    text = io.StringIO()
    code.terminal(out=text, compact=True)
    return text.getvalue(), state / "join.svg"


def login_template(content: Content, lang: str) -> str:
    """The hub's login page with the first-login field, in the class's language."""
    t = lambda key, **v: html.escape(content.text(f"class_server.{key}", lang, **v))  # noqa: E731
    return (
        '{% extends "templates/login.html" %}\n{% block login_container %}\n'
        '<form action="{{ authenticator_login_url }}" method="post" role="form" class="m-auto" style="max-width:28rem">'
        f"<h1>{t('login_title')}</h1>"
        # the hub's own words ("Invalid username or password") are English: the class's language instead
        '{% if login_error %}<p class="login_error" role="alert">'
        f'{t("login_failed", length=MIN_PASSWORD, tries=MAX_FAILURES)}</p>{{% endif %}}'
        '<input type="hidden" name="_xsrf" value="{{ xsrf }}"/>'
        f"<p>{t('login_help')}</p>"
        f'<label for="username_input">{t("login_name")}</label>'
        '<input id="username_input" type="text" autocapitalize="off" autocorrect="off" autocomplete="username" '
        'class="form-control" name="username" value="{{ username }}" autofocus="autofocus" required/>'
        f'<label for="password_input">{t("login_password")}</label>'
        '<input id="password_input" type="password" class="form-control" autocomplete="current-password" '
        'name="password" required/>'
        f'<label for="new_password_input">{t("login_new_password")}</label>'
        '<input id="new_password_input" type="password" class="form-control" autocomplete="new-password" '
        'name="new_password" minlength="8"/>'
        '<button type="submit" id="login_submit" class="btn btn-primary form-control mt-3">'
        f'{t("login_button")}</button>'
        "</form>\n{% endblock login_container %}\n"
    )


def write_hub_templates(folder: Path, content: Content, lang: str) -> Path:
    """The hub's own pages in the class's language, with the login page's first-login field, into ``folder``
    (``c.JupyterHub.template_paths``; also called by the Kubernetes hub's configuration when it starts)."""
    write_hub_pages(folder, content, lang)
    (folder / "login.html").write_text(login_template(content, lang), encoding="utf-8")
    return folder


def write_class(
    setup: ClassSetup, content: Content, url: str, reissue: frozenset[str] | set[str] = frozenset(), title: str = ""
) -> dict[str, str]:
    """Write the course copy, settings, secrets, slips and configuration; returns the new codes."""
    make_folders(setup.folder)
    state = setup.state
    copy_course(setup.course)
    setup.jupyter_config.mkdir(exist_ok=True)
    os.chmod(setup.jupyter_config, 0o755)
    (setup.jupyter_config / "jupyter_server_config.json").write_text(json.dumps(single_user_config(setup), indent=1))
    os.chmod(setup.jupyter_config / "jupyter_server_config.json", 0o644)
    (setup.jupyter_config / "migrated").touch(mode=0o644)  # else jupyter_core tries to write it there, and fails
    write_learner_pages(setup.jupyter_data, content, setup.lang)
    for path in [setup.jupyter_data, *setup.jupyter_data.rglob("*")]:  # every learner's server reads them
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    write_private(state / "roster.json", json.dumps(roster_json(list(setup.members)), ensure_ascii=False, indent=1))
    codes = Accounts(state / "accounts.json").issue([m.username for m in setup.members], set(reissue))
    if codes:
        members = list(setup.members)
        write_private(state / "slips.html", slips(content, setup.lang, url, members, codes, title or setup.folder.name))
        write_private(state / "codes.csv", codes_csv(members, codes))
    write_hub_templates(state / "templates", content, setup.lang)
    token_file = state / "preparer_token"
    if not token_file.exists():
        write_private(token_file, secrets.token_hex(32))
    write_private(state / "jupyterhub_config.py", hub_config(setup, token_file))
    write_private(state / "config.yaml", z2jh_config(setup))
    return codes
