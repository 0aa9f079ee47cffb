"""``pi-lessons lab [DIR]``: copy the course into DIR and open JupyterLab on its start page."""
from __future__ import annotations

from lessons.cli import course_copy

HELP = "copy the course into DIR (default ./pi-lessons-course), keeping your changes, and open JupyterLab"


def add_arguments(parser) -> None:
    course_copy.add_arguments(parser, "JupyterLab")


def run(args) -> int:
    return course_copy.run(args, "lab")
