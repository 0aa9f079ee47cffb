"""Bounded, non-blocking file reading, atomic writing and terminal-safe text, shared by every reader and command.

A reader must never wait on a FIFO or a device, nor read without limit: the file type is checked on
an open descriptor (opened non-blocking, so opening a FIFO returns at once) before anything is read,
and at most ``max_bytes + 1`` bytes are ever read, whatever the file claims its size is.
"""
from __future__ import annotations

import math
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from lessons.content.errors import LessonsError, Term

# Characters that move the cursor, clear the screen or reorder text in a terminal. ZWNJ, ZWJ and the
# RLM/LRM marks stay: they are part of how people write names and do not hide or forge anything.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = set("\u2028\u2029\x85")


def terminal_safe(text: object, limit: int | None = None) -> str:
    """``text`` with control characters shown escaped (``\\x1b``, ``\\n``, ``\\u202e``).

    Text from outside (file names, CSV headers, values from a case file) goes through this before
    it reaches a terminal, so it cannot clear the screen or forge a line. Lone surrogates (bytes of a
    file name that is not UTF-8) are shown as ``\\xNN``. ``limit`` shortens long text with "...".
    """
    text = str(text)
    if limit is not None and len(text) > limit:
        text = text[:limit] + "..."
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: one undecodable byte of a file name
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif ch in _BIDI_CONTROLS or ch in _LINE_BREAKS:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def json_safe(dumped: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the characters that
    ``terminal_safe`` escapes written as ``\\uXXXX``: still the same JSON, harmless in a terminal."""
    if dumped.isascii() and dumped.isprintable():
        return dumped
    bad = _BIDI_CONTROLS | _LINE_BREAKS
    return "".join(f"\\u{ord(ch):04x}" if (0x7F <= ord(ch) <= 0x9F or ch in bad or 0xD800 <= ord(ch) <= 0xDFFF) else ch
                   for ch in dumped)


def check_max_bytes(max_bytes: float, option: str = "--max-mb", scale: float = 1e6) -> int:
    """A size limit given by a user (in MB by default) as whole bytes; LessonsError if it is not usable."""
    if (
        isinstance(max_bytes, bool)
        or not isinstance(max_bytes, (int, float))
        or not math.isfinite(max_bytes)
        or max_bytes <= 0
    ):
        raise LessonsError.of("max_mb", option=option, value=max_bytes)
    if max_bytes * scale > 1e12:
        raise LessonsError.of("max_mb_too_large", option=option, value=max_bytes, limit=f"{1e12 / scale:g}")
    return max(1, int(max_bytes * scale))


def megabytes(size: int) -> str:
    """A byte count as a short number of MB for messages: "100", "0.001"."""
    return f"{size / 1e6:.0f}" if size >= 1e6 else f"{size / 1e6:.6f}".rstrip("0").rstrip(".")


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is: the key of its text in ui/errors.yaml."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is_folder"
    if stat.S_ISFIFO(mode):
        return "is_fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is_device"
    if stat.S_ISSOCK(mode):
        return "is_socket"
    return "not_regular"


def _os_problem(exc: BaseException) -> Term:
    """The system's reason (English, from the OS) as words: the page's language says only that reading failed."""
    return Term(terminal_safe(getattr(exc, "strerror", None) or exc), "errors.os_problem")


def read_bytes(path: Path | str, max_bytes: int, label: str | None = None, too_large: str = "too_large",
               not_found: str = "no_such_file", head: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``max_bytes``; one-line LessonsError for anything else.

    ``label`` names the file in messages (default: the path as given); ``too_large`` and ``not_found``
    are the keys of the messages for those two cases (ui/errors.yaml). With ``head``, only the
    first ``head`` bytes are returned (the type and size checks are the same).
    """
    label = terminal_safe(label if label is not None else path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise LessonsError.of(not_found, file=label) from None
    except IsADirectoryError:
        raise LessonsError.of("is_folder", file=label) from None
    except PermissionError:
        raise LessonsError.of("permission", file=label) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        raise LessonsError.of("cannot_open", file=label, problem=_os_problem(exc)) from None
    try:
        info = os.fstat(fd)
        problem = _kind(info.st_mode)
        if problem:
            raise LessonsError.of(problem, file=label)
        if info.st_size > max_bytes:
            if too_large == "too_large":  # the size is known: say it
                raise LessonsError.of("too_large_size", file=label, size=f"{info.st_size / 1e6:.1f}",
                                      limit=megabytes(max_bytes))
            raise LessonsError.of(too_large, file=label, limit=megabytes(max_bytes))
        chunks, total = [], 0
        if head is not None:
            max_bytes = min(max_bytes, head)
        while total <= max_bytes:  # st_size can lie (/proc files say 0): never read past the limit
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes and head is not None:
            return b"".join(chunks)[:head]
        if total > max_bytes:
            raise LessonsError.of(too_large, file=label, limit=megabytes(max_bytes))
        return b"".join(chunks)
    except BlockingIOError:
        raise LessonsError.of("would_block", file=label) from None
    except OSError as exc:
        raise LessonsError.of("cannot_read", file=label, problem=_os_problem(exc)) from None
    finally:
        os.close(fd)


def read_stdin(max_bytes: int) -> bytes:
    """Standard input, at most ``max_bytes``; refuses a closed input and an interactive terminal."""
    stream = sys.stdin
    if stream is None or getattr(stream, "closed", False):
        raise LessonsError.of("stdin_closed")
    try:
        if stream.isatty():
            raise LessonsError.of("stdin_terminal")
    except (OSError, ValueError, AttributeError):
        raise LessonsError.of("stdin_unreadable") from None
    try:
        buffer = getattr(stream, "buffer", None)
        data = buffer.read(max_bytes + 1) if buffer is not None else stream.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        raise LessonsError.of("stdin_cannot_read", problem=_os_problem(exc)) from None
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if len(data) > max_bytes:
        raise LessonsError.of("stdin_too_large", limit=megabytes(max_bytes))
    return data



def write_atomic(path: Path, data: bytes | str, folder_mode: int = 0o777) -> None:
    """Write ``data`` (str as UTF-8) to a temporary file beside ``path``, then rename it over ``path``:
    a reader sees the old file or the new one, never half of one. A missing folder is made with
    ``folder_mode``; the file is the temporary file's (owner only)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=folder_mode)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def move_aside(path: Path, name: Callable[[int], str]) -> Path:
    """Rename ``path`` to the first free ``name(n)`` beside it (n = 1, 2, ...) and return the new path."""
    n = 1
    while (target := path.with_name(name(n))).exists():
        n += 1
    path.rename(target)
    return target
