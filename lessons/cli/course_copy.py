"""Copy the shipped course (the lesson notebooks) into a learner's folder, then start a server on it.

The copy never loses a learner's work: a manifest in the course folder records, for each file as it was
copied, the sha256 of the file and of its cells' sources (outputs left out). A lesson the learner only ran
(outputs and autosave change the file, not its cells) is updated to a newer version; a lesson whose cells
the learner edited is kept as it is while nothing newer is shipped, and when a newer version comes the
learner's copy is kept beside it (``<name>.yours-<n>.ipynb``) and the new version takes its place. The
manifest is also the marker by which ``lessons.classroom.store.home()`` puts progress in ``<course>/progress``.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
import time
import webbrowser
from dataclasses import dataclass
from pathlib import Path

from lessons.classroom.store import COURSE_MARKER, HOME_ENV, Classroom, read_json, read_setting, write_json
from lessons.content.course import load_content
from lessons.content.errors import LessonsError, Term
from lessons.content.files import move_aside, write_atomic
from lessons.content.reader import NOTEBOOKS_DIR, in_installation
from lessons.content.text import LANGUAGES

DEFAULT_DIR = "pi-lessons-course"
VOILA_PORT = 8866  # Voilà's own default
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
FORMAT = "pi-lessons.course.v2"  # v1 recorded only each file's sha256; it is still read
ACTIONS = ("added", "updated", "unchanged", "yours", "moved", "kept")


@dataclass(frozen=True)
class Copied:
    """What happened to one course file: ``action`` is one of ACTIONS; ``file`` is relative, with '/'."""

    file: str
    action: str
    kept_as: str = ""  # "moved": where the learner's own copy now is


def course_files(source: Path = NOTEBOOKS_DIR) -> dict[str, Path]:
    """Every shipped notebook, by its path inside the course folder."""
    found = sorted(p for p in source.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return {p.relative_to(source).as_posix(): p for p in found}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cells_sha256(path: Path) -> str | None:
    """The sha256 of a notebook's cell types and sources, without outputs, counts, ids or metadata; None if unreadable.

    Running a lesson and JupyterLab's autosave change outputs only, so a run lesson keeps this fingerprint.
    """
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        sources = [
            [c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"]] for c in cells
        ]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    return hashlib.sha256(json.dumps(sources, ensure_ascii=False).encode("utf-8")).hexdigest()


def _recorded(entry) -> tuple[str | None, str | None]:
    """(file sha, cells sha) of a manifest entry; a v1 entry is the file sha alone."""
    if isinstance(entry, str):
        return entry, None
    if isinstance(entry, dict) and isinstance(entry.get("sha256"), str):
        cells = entry.get("cells")
        return entry["sha256"], cells if isinstance(cells, str) else None
    return None, None


def _decide(target: Path, new: str, new_cells: str | None, before: tuple[str | None, str | None]) -> str:
    """What to do with a course file the folder already has (see ACTIONS)."""
    if not target.is_file():
        return "kept"  # e.g. a folder of that name: not ours to touch
    current = sha256(target)
    if current == new:
        return "unchanged"
    before_sha, before_cells = before
    if current == before_sha:
        return "updated"  # untouched since it was copied
    cells = cells_sha256(target)
    if cells is not None and cells == new_cells:
        return "unchanged"  # the same lesson, only run: its outputs are the learner's
    if cells is not None and cells == before_cells:
        return "updated"  # only run: outputs are made again when it runs, nothing of the learner's is lost
    if before_sha == new:
        return "yours"  # the learner edited it and nothing newer was shipped
    return "moved"  # edited, and a newer version exists: keep the learner's beside it


def check_destination(dest: Path) -> Path:
    """The resolved course folder, or a one-line LessonsError if it cannot be one."""
    if dest.exists() and not dest.is_dir():
        raise LessonsError.of("course_is_file", folder=dest)
    resolved = dest.resolve()
    shipped = NOTEBOOKS_DIR.resolve()
    if in_installation(resolved) or resolved == shipped or shipped in resolved.parents:
        raise LessonsError.of("course_in_package", folder=dest)
    return resolved


def copy_course(dest: Path | str, source: Path = NOTEBOOKS_DIR) -> list[Copied]:
    """Copy the course into ``dest``; files the learner changed are kept, unchanged ones updated."""
    dest = Path(dest)
    files = course_files(source)
    if not files:
        raise LessonsError.of("course_empty", folder=source)
    marker = dest / COURSE_MARKER
    manifest = read_json(marker)
    recorded = manifest.get("files") if isinstance(manifest, dict) else None
    recorded = recorded if isinstance(recorded, dict) else {}
    done, now = [], {k: v for k, v in recorded.items() if _recorded(v)[0]}
    try:
        for name, shipped in files.items():
            target, new, new_cells = dest / name, sha256(shipped), cells_sha256(shipped)
            action = "added" if not target.exists() else _decide(target, new, new_cells, _recorded(recorded.get(name)))
            kept_as = ""
            if action == "moved":
                kept_as = _keep_beside(target).relative_to(dest).as_posix()
            if action in ("added", "updated", "moved"):
                _replace(shipped, target)
            if action != "kept" and action != "yours":
                now[name] = {"sha256": new, "cells": new_cells}
            done.append(Copied(name, action, kept_as))
        write_json(marker, {"format": FORMAT, "files": now})
    except OSError as exc:
        raise LessonsError.of("course_cannot_write", folder=dest,
                              problem=Term(str(exc.strerror or exc), "errors.os_problem")) from None
    return done


def _keep_beside(target: Path) -> Path:
    """Rename the learner's edited copy to the first free ``<name>.yours-<n>.ipynb`` and return it."""
    return move_aside(target, lambda n: f"{target.stem}.yours-{n}{target.suffix}")


def _replace(source: Path, target: Path) -> None:
    """Copy atomically: a half-written notebook must never replace a good one."""
    write_atomic(target, source.read_bytes())


def start_page(lang: str) -> str:
    """The start page of the course in ``lang``, relative to the course folder."""
    return f"{lang}/00-start-here.ipynb"


def start_language(folder: Path, fallback: str) -> str:
    """The language the learner last chose in this course (its settings), else ``fallback``."""
    progress = Path(os.environ[HOME_ENV]) if os.environ.get(HOME_ENV) else folder / "progress"
    lang = read_setting("language", progress)
    return lang if lang in LANGUAGES else fallback


def free_port(preferred: int) -> int:
    """``preferred`` if nothing listens there, else a free port the system chooses."""
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise LessonsError.of("no_free_port")


def server_command(server: str, folder: Path, port: int | None = None, lang: str = "en",
                   extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The command that starts JupyterLab on the start page in ``lang``, or Voilà on the folder, in this Python.

    ``extra``: Jupyter options passed on as given (``--ServerApp.ip=...``). JupyterLab refuses to run as root
    without ``--allow-root``, so it is added for root; Voilà opens no browser of its own (``run`` opens the start page).
    """
    if server == "lab":
        cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}", str(folder / start_page(lang))]
        if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
            cmd.append("--allow-root")
    else:
        cmd = [sys.executable, "-m", "voila", str(folder), *VOILA_OPTIONS, "--no-browser"]
    return cmd + ([f"--port={port}"] if port is not None else []) + list(extra)


def start_url(port: int, lang: str) -> str:
    """Where Voilà shows the start page in ``lang``."""
    return f"http://localhost:{port}/voila/render/{start_page(lang)}"


def open_when_up(url: str, port: int, timeout: float = 120) -> threading.Thread:
    """Open ``url`` in the browser once the server answers on ``port`` (in a thread; gives up after ``timeout``)."""
    def wait_then_open():
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    webbrowser.open(url)
                    return
            except OSError:
                time.sleep(0.3)

    thread = threading.Thread(target=wait_then_open, daemon=True)
    thread.start()
    return thread


def serve(cmd: list[str], cwd: Path) -> int:
    """Run the server until it stops; Ctrl-C goes to it too, and it decides (JupyterLab asks to confirm)."""
    if cmd[1] == "-m" and importlib.util.find_spec(cmd[2]) is None:  # JupyterLab and Voila are the `lab` extra
        raise LessonsError.of("server_missing", server=cmd[2])
    try:
        proc = subprocess.Popen(cmd, cwd=cwd)
    except OSError as exc:
        raise LessonsError.of("cannot_start", server=cmd[2],
                              problem=Term(str(exc.strerror or exc), "errors.os_problem")) from None
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:
            continue


def add_arguments(parser) -> None:
    """The arguments of ``lab`` and ``voila``; their help texts are in data/content/ui/cli.yaml."""
    parser.add_argument("folder", metavar="DIR", nargs="?", default=DEFAULT_DIR)
    parser.add_argument("--no-open", action="store_true")
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--lang", choices=LANGUAGES, default="en")


def run(args, server: str) -> int:
    """Copy the course into ``args.folder``, say what happened to each file, then start ``server`` on the start page."""
    content, lang = load_content(), args.lang
    if args.port is not None and not 0 < args.port < 65536:
        raise LessonsError.of("bad_port", port=args.port)
    folder = check_destination(Path(args.folder))
    for item in copy_course(folder):
        print(content.text(f"course.{item.action}", lang, file=item.file, kept=item.kept_as))
    print(content.text("course.ready", lang, folder=args.folder))
    if args.no_open:
        print(content.text("course.open_later", lang, command=server, folder=args.folder))
        return 0
    if server == "voila" and Classroom.from_env().shared:
        print(content.text("class_server.shared_warning", lang), file=sys.stderr)
    name = "JupyterLab" if server == "lab" else "Voilà"
    print(content.text("course.starting", lang, server=name), flush=True)
    start_lang, extra = start_language(folder, lang), list(getattr(args, "extra", []))
    port = args.port
    if server == "voila":
        port = port if port is not None else free_port(VOILA_PORT)
        url = start_url(port, start_lang)
        print(content.text("cli.open", lang, url=url), flush=True)
        if "--no-browser" not in extra:
            open_when_up(url, port)
    return serve(server_command(server, folder, port, start_lang, extra), cwd=folder)
