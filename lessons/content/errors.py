"""The one exception type learners may see, shown as a single line."""


class LessonsError(Exception):
    """A problem a learner or teacher can fix: bad content, bad input, a bad file.

    IPython calls ``_render_traceback_`` instead of printing a traceback, so a
    notebook shows just the message; the CLI prints it on stderr and exits 2.
    """

    def _render_traceback_(self):
        return [f"{type(self).__name__}: {self}"]


class ContentError(LessonsError):
    """A content file is missing, malformed or inconsistent."""
