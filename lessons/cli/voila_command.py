"""``pi-lessons voila [DIR]``: copy the course into DIR and serve it as code-free Voilà apps."""
from __future__ import annotations

from lessons.cli import course_copy

HELP = "copy the course into DIR (default ./pi-lessons-course), keeping your changes, and serve it with Voilà"


PASSTHROUGH = True  # Jupyter options it does not know go to the server


def add_arguments(parser) -> None:
    course_copy.add_arguments(parser)


def run(args) -> int:
    return course_copy.run(args, "voila")
