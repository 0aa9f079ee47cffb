"""pi-lessons: interactive lessons on personal-information protection under Chinese law."""
from lessons.content.course import Content, load_content
from lessons.content.errors import ContentError, LessonsError
from lessons.content.text import LANGUAGES, Text

__all__ = ["Content", "ContentError", "LANGUAGES", "LessonsError", "Text", "load_content"]
