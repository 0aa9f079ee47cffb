"""The one exception type learners may see, shown as a single line in the page's language.

A learner-facing error is raised by key: ``LessonsError.of("negative", field=Field("pieces.tier_50"),
value="-5")``. Its texts (``en`` and ``zh``, punctuation inside) live in ``data/content/ui/errors.yaml``;
``str(exc)`` is the English text, so logs and tracebacks read the same everywhere. Parameters that
are learner data (a file name, a value typed) are inserted as given; parameters that are words are
``Term`` or ``Field`` values, themselves texts translated in the page's language.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any


class Term(str):
    """A parameter that is words: English as the string itself, other languages from a UI text key."""

    key: str
    values: dict[str, Any]

    def __new__(cls, english: str, key: str, **values: Any) -> "Term":
        term = super().__new__(cls, english)
        term.key, term.values = key, values
        return term

    def shown(self, content, lang: str) -> str:
        return str(self) if lang == "en" else content.text(self.key, lang, **self.values)


_PATH = re.compile(r"(?P<name>\w+)(?:\[(?P<index>\d+)\])?(?:\.(?P<sub>\w+))?")


class Field(str):
    """A fact's input name (``pieces.tier_50``, ``consequences[2]``): the JSON key in ``str(exc)`` (what the
    JSON file says: "field 'pieces.tier_50'"), the fact's name on a page in either language."""

    path: str

    def __new__(cls, path: str) -> "Field":
        field = super().__new__(cls, f"field {path!r}")
        field.path = path
        return field

    def shown(self, content, lang: str) -> str:
        match = _PATH.fullmatch(self.path)
        if not match:
            return content.text("errors.field_unnamed", lang)
        name, index, sub = match["name"], match["index"], match["sub"]
        if sub is not None and f"engine.fact_pieces_{sub}" in content.ui:
            label = content.text(f"engine.fact_pieces_{sub}", lang)
        else:
            label = content.text(f"engine.fact_{name}", lang) if f"engine.fact_{name}" in content.ui else \
                content.text("errors.field_unnamed", lang)
        if index is None:
            return label
        if sub is not None:  # pieces_sold_to_each_buyer[3].tier_50: that buyer's pieces in that tier
            return content.text("errors.field_buyer", lang, field=label, n=int(index) + 1)
        return content.text("errors.field_item", lang, field=label, n=int(index) + 1)


@functools.cache
def _catalogue() -> dict[str, dict[str, str]]:
    """The error texts of the shipped content, read once (for ``str(exc)``, which has no content at hand)."""
    import yaml  # not through reader.py, which raises these errors (no import cycle); the same shipped file

    package = Path(__file__).resolve().parents[1]
    data_dir = package / "data" if (package / "data").is_dir() else package.parent / "data"
    data = yaml.load((data_dir / "content" / "ui" / "errors.yaml").read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data if isinstance(data, dict) else {}


def english(key: str, **values: Any) -> str:
    """The English text of error ``key`` filled with ``values`` as given."""
    try:
        return _catalogue()[key]["en"].format(**values)
    except (KeyError, IndexError, ValueError, TypeError) as exc:  # a defect: say which key, never hide the error
        return f"[errors.{key}: {type(exc).__name__} {exc}] {values}"


class LessonsError(Exception):
    """A problem a learner or teacher can fix: bad content, bad input, a bad file.

    IPython calls ``_render_traceback_`` instead of printing a traceback, so a
    notebook shows just the message; the CLI prints it on stderr and exits 2.
    """

    def __init__(self, message: str = "", key: str | None = None, /, **values):  # positional: {key} may be a value
        super().__init__(message)
        self.key = key        # a text in ui/errors.yaml that says the same in every language
        self.values = values  # what fills its {placeholders}

    @classmethod
    def of(cls, key: str, /, **values: Any) -> "LessonsError":
        """The error whose texts are ``errors.<key>``, English as its message."""
        return cls(english(key, **values), key, **values)

    def in_language(self, content, lang: str) -> str:
        """The message for a page in ``lang``, words in that language (a fact's name, not its JSON key).

        A keyed error never falls back to English: a missing text raises KeyError (a test finds it)."""
        if self.key is None:
            return str(self)
        values = {name: value.shown(content, lang) if isinstance(value, (Term, Field)) else
                  value.in_language(content, lang) if isinstance(value, LessonsError) else value
                  for name, value in self.values.items()}
        # formatted here, not with content.text: a value may be called "key" or "lang"
        return content.ui[f"errors.{self.key}"](lang).format(**values)

    def _render_traceback_(self):
        return [f"{type(self).__name__}: {self}"]


def shown_error(exc: BaseException, content, lang: str) -> str:
    """What a page in ``lang`` says about ``exc``: a LessonsError in that language; an OSError by its
    error code (the system's own words are English), e.g. "无法访问该文件（系统错误 EACCES）"."""
    if isinstance(exc, LessonsError):
        return exc.in_language(content, lang)
    if isinstance(exc, OSError):
        import errno

        english_text = f"{exc.strerror} ({exc.filename})" if exc.strerror and exc.filename else str(exc.strerror or exc)
        code = errno.errorcode.get(exc.errno or 0, "")
        problem = Term(english_text, "errors.os_code", code=code)
        return LessonsError.of("os_error", problem=problem).in_language(content, lang)
    return str(exc)


class ContentError(LessonsError):
    """A content file is missing, malformed or inconsistent (for content editors: English, with its key if any)."""
