"""``pi-lessons COMMAND`` or ``python -m lessons COMMAND``: each command lives in ``lessons/cli/<name>_command.py``.

A command module defines ``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``.
Bad input never shows a traceback: one line on stderr and exit code 2.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from lessons.content.errors import LessonsError
from lessons.content.files import terminal_safe

COMMANDS = ("check", "generate", "classify", "assess", "summary", "lab", "voila", "site")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage block
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def _module(name: str):
    return importlib.import_module(f"lessons.cli.{name}_command")


def _tolerant_output() -> None:
    """A terminal that cannot show some characters (ASCII, latin-1) gets ``\\u4e2d`` escapes, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        # "strict", or "surrogateescape" (what Python uses under LANG=C): both raise on Chinese text.
        if hasattr(stream, "reconfigure") and getattr(stream, "errors", None) in (None, "strict", "surrogateescape"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError, TypeError):  # pragma: no cover - a stream that cannot be changed
                pass


def _in_language(exc: LessonsError, lang: str) -> str:
    """The message in the command's --lang where ui/errors.yaml has it (English otherwise)."""
    if lang == "en" or exc.key is None:
        return str(exc)
    try:
        from lessons.content.course import load_content

        return exc.in_language(load_content(), lang)
    except LessonsError:  # the content itself is broken: the English message still says what is wrong
        return str(exc)


def main(argv: list[str] | None = None) -> int:
    prog = "pi-lessons" if Path(sys.argv[0]).stem == "pi-lessons" else "python -m lessons"  # the console script
    parser = _Parser(prog=prog, description="pi-lessons command-line tools")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    available = {}
    words = sys.argv[1:] if argv is None else argv
    chosen = next((w for w in words if not w.startswith("-")), None)
    # A command that runs needs only its own module (each costs imports); help and errors list them all.
    for name in [chosen] if chosen in COMMANDS else COMMANDS:
        try:
            module = _module(name)
        except ModuleNotFoundError as exc:
            if exc.name != f"lessons.cli.{name}_command":
                raise
            continue
        available[name] = module
        module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.HELP))
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    _tolerant_output()
    try:
        return available[args.command].run(args)
    except LessonsError as exc:
        print(f"{parser.prog} {args.command}: {terminal_safe(_in_language(exc, getattr(args, 'lang', 'en')))}", file=sys.stderr)
        return 2
    except (RecursionError, MemoryError):  # a last guard: every reader bounds depth and size first
        print(f"{parser.prog} {args.command}: the input is too large or nested too deeply", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `... --json | head`: the reader left; not an error of ours
        sys.stderr.close()
        return 0
