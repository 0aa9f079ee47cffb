"""A benchmark's figures, written to its page in docs/benchmarks/ by the run that measured them.

Figures are never copied by hand: a script collects its headline figures with ``row`` while it prints; a run
that collected figures and succeeded (not a helper process) writes them as a table, with the command, the date,
the machine and the full output.
"""
from __future__ import annotations

import io
import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks"


class _Tee(io.TextIOBase):
    """Everything printed goes to the terminal as before and is kept for the page."""

    def __init__(self, terminal):
        self.terminal, self.kept = terminal, io.StringIO()

    def write(self, text: str) -> int:
        self.kept.write(text)
        return self.terminal.write(text)

    def flush(self) -> None:
        self.terminal.flush()


class BenchPage:
    """``PAGE = BenchPage(__file__, "Title", "what it measures")``; ``PAGE.row(...)`` in main; ``with PAGE: main()``."""

    def __init__(self, script: str, title: str, about: str):
        self.name, self.title, self.about = Path(script).stem, title, about
        self.rows: list[tuple[str, str, str]] = []

    def row(self, figure: str, value: str, baseline: str = "") -> None:
        self.rows.append((figure, value, baseline))

    def __enter__(self) -> BenchPage:
        self._tee = _Tee(sys.stdout)
        sys.stdout = self._tee
        return self

    def __exit__(self, kind, error, trace) -> None:
        sys.stdout = self._tee.terminal
        if self.rows and (kind is None or (kind is SystemExit and error.code in (0, None))):
            path = self.write(self._tee.kept.getvalue())
            print(f"figures written to {path.relative_to(DOCS.parent.parent)}")

    def write(self, output: str) -> Path:
        command = " ".join(["python", f"benchmarks/{self.name}.py", *sys.argv[1:]])
        when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        machine += f"Python {platform.python_version()}"
        cell = lambda text: text.replace("|", "\\|")  # noqa: E731 - one use, a table cell
        table = ["| figure | this run | baseline in the same run |", "| --- | --- | --- |",
                 *(f"| {cell(f)} | {cell(v)} | {cell(b)} |" for f, v, b in self.rows)]
        page = [f"# {self.title}", "", self.about, "",
                f"Written by `{command}` on {when} ({machine}). Run it again to update this page.", "",
                *table, "", "Full output of that run:", "", "```text", output.rstrip(), "```", ""]
        DOCS.mkdir(parents=True, exist_ok=True)
        path = DOCS / f"{self.name}.md"
        path.write_text("\n".join(page), encoding="utf-8")
        return path

