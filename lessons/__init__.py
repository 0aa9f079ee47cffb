"""pi-lessons: interactive lessons on personal-information protection under Chinese law."""
from .content import Content, load_content
from .errors import ContentError, LessonsError
from .text import LANGUAGES, Text

__all__ = ["Content", "ContentError", "LANGUAGES", "LessonsError", "Text", "load_content"]
