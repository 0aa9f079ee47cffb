"""The one exception type learners may see, shown as a single line."""


class LessonsError(Exception):
    """A problem a learner or teacher can fix: bad content, bad input, a bad file.

    IPython calls ``_render_traceback_`` instead of printing a traceback, so a
    notebook shows just the message; the CLI prints it on stderr and exits 2.
    """

    def __init__(self, message: str = "", key: str | None = None, /, **values):  # positional: {key} may be a value
        super().__init__(message)
        self.key = key        # a text in ui/errors.yaml that says the same in every language
        self.values = values  # what fills its {placeholders}

    def in_language(self, content, lang: str) -> str:
        """The message in ``lang`` when it has a text in ui/errors.yaml, else the English one."""
        if self.key is None or lang == "en":
            return str(self)
        try:  # formatted here, not with content.text: a value may be called "key" or "lang"
            return content.ui[f"errors.{self.key}"](lang).format(**self.values)
        except (KeyError, IndexError, ValueError, TypeError, AttributeError):
            return str(self)

    def _render_traceback_(self):
        return [f"{type(self).__name__}: {self}"]


class ContentError(LessonsError):
    """A content file is missing, malformed or inconsistent."""
