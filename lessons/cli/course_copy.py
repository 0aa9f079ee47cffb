"""Copy the shipped course (the lesson notebooks) into a learner's folder, then start a server on it.

The copy never overwrites a learner's work: a manifest in the course folder records the sha256 of each
file as it was copied, so a file still equal to that may be updated to a newer version, and a file the
learner changed is kept. The manifest is also the marker by which ``lessons.classroom.store.home()``
puts progress in ``<course>/progress``.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lessons.classroom.store import COURSE_MARKER, HOME_ENV, read_json, read_setting, write_json
from lessons.content.course import load_content
from lessons.content.errors import LessonsError
from lessons.content.reader import NOTEBOOKS_DIR, in_installation
from lessons.content.text import LANGUAGES

DEFAULT_DIR = "pi-lessons-course"
START_PAGE = "en/00-start-here.ipynb"  # each language has its own copy of the course: en/ and zh/
# Voilà (the code-free app) leaves out the cells of JupyterLab-only instructions ("Run All Cells", make voila),
# and ends the kernels of closed tabs: Voilà 0.5 asks for that itself when a tab closes, but the server refuses
# the request (403, no XSRF token: voila-dashboards/voila#1458), so without culling every closed or reloaded
# page keeps its kernel (60-150 MB) until the server stops. A kernel with its page still open is never culled.
VOILA_OPTIONS = (
    "--TagRemovePreprocessor.remove_cell_tags=lab-only",
    "--MappingKernelManager.cull_idle_timeout=600",
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_connected=False",
)
FORMAT = "pi-lessons.course.v1"
ACTIONS = ("added", "updated", "unchanged", "yours", "kept")


@dataclass(frozen=True)
class Copied:
    """What happened to one course file: ``action`` is one of ACTIONS; ``file`` is relative, with '/'."""

    file: str
    action: str


def course_files(source: Path = NOTEBOOKS_DIR) -> dict[str, Path]:
    """Every shipped notebook, by its path inside the course folder."""
    found = sorted(p for p in source.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return {p.relative_to(source).as_posix(): p for p in found}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_destination(dest: Path) -> Path:
    """The resolved course folder, or a one-line LessonsError if it cannot be one."""
    if dest.exists() and not dest.is_dir():
        raise LessonsError(f"{dest}: is a file, not a folder")
    resolved = dest.resolve()
    shipped = NOTEBOOKS_DIR.resolve()
    if in_installation(resolved) or resolved == shipped or shipped in resolved.parents:
        raise LessonsError(f"{dest}: is the shipped course or inside the installed package; choose another folder")
    return resolved


def copy_course(dest: Path | str, source: Path = NOTEBOOKS_DIR) -> list[Copied]:
    """Copy the course into ``dest``; files the learner changed are kept, unchanged ones updated."""
    dest = Path(dest)
    files = course_files(source)
    if not files:
        raise LessonsError(f"{source}: no lesson notebooks found (is the package installed completely?)")
    marker = dest / COURSE_MARKER
    manifest = read_json(marker)
    recorded = manifest.get("files") if isinstance(manifest, dict) else None
    recorded = {k: v for k, v in recorded.items() if isinstance(v, str)} if isinstance(recorded, dict) else {}
    done, now = [], dict(recorded)
    try:
        for name, shipped in files.items():
            target, new = dest / name, sha256(shipped)
            if not target.exists():
                action = "added"
            elif not target.is_file():
                action = "kept"  # e.g. a folder of that name: not ours to touch
            else:
                current, before = sha256(target), recorded.get(name)
                if current == new:
                    action = "unchanged"
                elif current == before:
                    action = "updated"
                else:  # the learner's own version: "yours" if nothing newer was shipped since the copy
                    action = "yours" if before == new else "kept"
            if action in ("added", "updated"):
                _replace(shipped, target)
            if action not in ("yours", "kept"):
                now[name] = new
            done.append(Copied(name, action))
        write_json(marker, {"format": FORMAT, "files": now})
    except OSError as exc:
        raise LessonsError(f"{dest}: cannot write the course there ({exc.strerror or exc})") from None
    return done


def _replace(source: Path, target: Path) -> None:
    """Copy atomically: a half-written notebook must never replace a good one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def start_page(lang: str) -> str:
    """The start page of the course in ``lang``, relative to the course folder."""
    return f"{lang}/00-start-here.ipynb"


def start_language(folder: Path, fallback: str) -> str:
    """The language the learner last chose in this course (its settings), else ``fallback``."""
    progress = Path(os.environ[HOME_ENV]) if os.environ.get(HOME_ENV) else folder / "progress"
    lang = read_setting("language", progress)
    return lang if lang in LANGUAGES else fallback


def server_command(server: str, folder: Path, port: int | None = None, lang: str = "en") -> list[str]:
    """The command that starts JupyterLab on the start page in ``lang``, or Voilà on the folder, in this Python."""
    if server == "lab":
        cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}", str(folder / start_page(lang))]
    else:
        cmd = [sys.executable, "-m", "voila", str(folder), *VOILA_OPTIONS]
    return cmd + ([f"--port={port}"] if port is not None else [])


def serve(cmd: list[str], cwd: Path) -> int:
    """Run the server until it stops; Ctrl-C goes to it too, and it decides (JupyterLab asks to confirm)."""
    if cmd[1] == "-m" and importlib.util.find_spec(cmd[2]) is None:  # JupyterLab and Voila are the `lab` extra
        raise LessonsError(f'{cmd[2]} is not installed: pip install "pi-lessons[lab]"', "server_missing", server=cmd[2])
    try:
        proc = subprocess.Popen(cmd, cwd=cwd)
    except OSError as exc:
        raise LessonsError(f"cannot start {cmd[2]} ({exc.strerror or exc})") from None
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:
            continue


def add_arguments(parser, what: str) -> None:
    parser.add_argument("folder", metavar="DIR", nargs="?", default=DEFAULT_DIR,
                        help=f"the course folder (default: ./{DEFAULT_DIR}); made if missing, your changed files are kept")
    parser.add_argument("--no-open", action="store_true", help=f"copy the course only; do not start {what}")
    parser.add_argument("--port", type=int, default=None, help=f"port for {what} (default: its own)")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the messages, and of the start page until "
                        "you choose one in the course (default: en)")


def run(args, server: str) -> int:
    """Copy the course into ``args.folder``, say what happened to each file, then start ``server``."""
    content, lang = load_content(), args.lang
    if args.port is not None and not 0 < args.port < 65536:
        raise LessonsError(f"--port {args.port}: must be between 1 and 65535")
    folder = check_destination(Path(args.folder))
    for item in copy_course(folder):
        print(content.text(f"course.{item.action}", lang, file=item.file))
    print(content.text("course.ready", lang, folder=args.folder))
    if args.no_open:
        print(content.text("course.open_later", lang, command=server, folder=args.folder))
        return 0
    name = "JupyterLab" if server == "lab" else "Voilà"
    print(content.text("course.starting", lang, server=name), flush=True)
    return serve(server_command(server, folder, args.port, start_language(folder, lang)), cwd=folder)
