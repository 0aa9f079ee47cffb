"""``pi-lessons COMMAND`` or ``python -m lessons COMMAND``: each command lives in ``lessons/cli/<name>_command.py``.

A command module defines ``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``; one that
starts a Jupyter server sets ``PASSTHROUGH = True`` and gets the options it does not know in ``args.extra``.
Help is shown in the language of ``--lang``, else of the environment (``LANG=zh_CN.UTF-8``), from
``data/content/ui/cli.yaml``. Bad input never shows a traceback: one line on stderr and exit code 2.
"""
from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from pathlib import Path

from lessons.content.errors import LessonsError
from lessons.content.files import terminal_safe
from lessons.content.text import LANGUAGES

COMMANDS = ("check", "generate", "classify", "assess", "summary", "lab", "voila", "site", "class")
# argparse's own error messages, in the words of ui/cli.yaml (argparse has no language switch of its own).
ARGPARSE_ERRORS = (
    (re.compile(r"unrecognized arguments: (?P<value>.*)"), "error_unrecognized"),
    (re.compile(r"the following arguments are required: (?P<value>.*)"), "error_required"),
    (
        re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)"),
        "error_choice",
    ),
    (re.compile(r"argument (?P<arg>\S+): invalid \w+ value: (?P<value>.*)"), "error_value"),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), "error_one_value"),
    (re.compile(r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)"), "error_command"),
)


class _Parser(argparse.ArgumentParser):
    lang = "en"

    def error(self, message):  # one line, not argparse's usage block, in the help's language
        space = "" if self.lang == "zh" else " "
        self.exit(2, f"{self.prog}: {_argparse_error(message, self.lang)}{space}{_text('cli.see_help', self.lang)}\n")


def _argparse_error(message: str, lang: str) -> str:
    if lang == "en":
        return message
    try:
        from lessons.content.course import load_content

        content = load_content()
        for pattern, key in ARGPARSE_ERRORS:
            if found := pattern.fullmatch(message):
                return content.text(f"cli.{key}", lang, **found.groupdict())
        return content.text("cli.error_other", lang)
    except LessonsError:
        return message


def help_language(words: list[str]) -> str:
    """``--lang`` if given, else the environment's language (zh for any zh_* locale), else en."""
    for i, word in enumerate(words):
        value = (
            word.split("=", 1)[1]
            if word.startswith("--lang=")
            else words[i + 1]
            if word == "--lang" and i + 1 < len(words)
            else None
        )
        if value in LANGUAGES:
            return value
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        if os.environ.get(name):
            return "zh" if os.environ[name].lower().startswith("zh") else "en"
    return "en"


def _in_language(parser: argparse.ArgumentParser, command: str | None, lang: str) -> None:
    """Every help text of ``parser`` (a command's, when ``command``; an action's, ``class.start``) from
    ui/cli.yaml in ``lang``."""
    from lessons.content.course import load_content

    content = load_content()
    prefix = content.text("cli.usage", lang) + ("" if lang == "zh" else " ")
    titles = [content.text(f"cli.{key}", lang) for key in ("positionals", "options")]

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix_=None):
            super().add_usage(usage, actions, groups, prefix)

        def format_help(self):  # argparse ends a section title with ":"; Chinese takes the full-width colon
            text = super().format_help()
            for title in titles if lang == "zh" else ():
                text = text.replace(f"\n{title}:\n", f"\n{title}：\n")
            return text

    parser.formatter_class = Formatter
    parser._positionals.title = content.text("cli.positionals", lang)
    parser._optionals.title = content.text("cli.options", lang)
    if command:
        parser.description = content.text(f"cli.{command}", lang)
        if "." not in command and getattr(_module(command), "PASSTHROUGH", False):
            parser.epilog = content.text("cli.passthrough", lang)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = content.text("cli.help", lang)
        elif isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = content.text(f"cli.{command}.{choice.dest}" if command else f"cli.{choice.dest}", lang)
            for name, action_parser in action.choices.items() if command else ():
                _in_language(action_parser, f"{command}.{name}", lang)  # a command's actions (class start, ...)
        elif command:
            action.help = content.text(f"cli.{command}.{action.dest}", lang)


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


def _text(key: str, lang: str) -> str:
    from lessons.content.course import load_content

    return load_content().text(key, lang)


def _error_in_language(exc: LessonsError, lang: str) -> str:
    """The message in the command's --lang (its text in ui/errors.yaml; tests check every key has both)."""
    if lang == "en" or exc.key is None:
        return str(exc)
    try:
        from lessons.content.course import load_content

        return exc.in_language(load_content(), lang)
    except (LessonsError, KeyError):  # broken or edited content: the English message still says what is wrong
        return str(exc)


def lang_after_command(words: list[str]) -> list[str]:
    """``--lang zh summary ...`` read as ``summary ... --lang zh``: the language is each command's option, and
    people put it first too."""
    n = 1 if words and words[0].startswith("--lang=") else 2 if words[:1] == ["--lang"] else 0
    return [*words[n:], *words[:n]] if n and len(words) > n else words


def main(argv: list[str] | None = None) -> int:
    prog = "pi-lessons" if Path(sys.argv[0]).stem == "pi-lessons" else "python -m lessons"  # the console script
    words = lang_after_command(sys.argv[1:] if argv is None else argv)
    lang = help_language(words)
    _Parser.lang = lang
    parser = _Parser(prog=prog)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    available = {}
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
        command_parser = sub.add_parser(name, help=module.HELP)
        module.add_arguments(command_parser)
        _in_language(command_parser, name, lang)
    _in_language(parser, None, lang)
    parser.description = _text("cli.description", lang)
    try:  # argparse exits for --help (0) and bad words (2): the exit code is returned, as for every other outcome
        args, extra = parser.parse_known_args(words)
        if args.command is None:
            parser.print_help(sys.stderr)
            return 2
        if extra and not (
            getattr(available[args.command], "PASSTHROUGH", False) and all(e.startswith("--") for e in extra)
        ):
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 2
    args.extra = extra
    _tolerant_output()
    try:
        return available[args.command].run(args)
    except LessonsError as exc:
        print(
            f"{parser.prog} {args.command}: {terminal_safe(_error_in_language(exc, getattr(args, 'lang', lang)))}",
            file=sys.stderr,
        )
        return 2
    except (RecursionError, MemoryError):  # a last guard: every reader bounds depth and size first
        print(f"{parser.prog} {args.command}: {_text('cli.too_large', lang)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `... --json | head`: the reader left; not an error of ours
        sys.stderr.close()
        return 0
