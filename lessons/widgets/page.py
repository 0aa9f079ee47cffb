"""A notebook page: the one language every widget on it shows, switched page-wide and remembered.

A lesson notebook makes one ``Page`` in its first code cell and hands it to every widget
(``SelfCheck(page=page)``); a click on any widget's language switch sets ``page.lang``, and every
widget of the page redraws at once. The choice is remembered in the learner's settings, and a page
that sees the remembered choice change (another lesson switched) follows it on its next render.
"""
from __future__ import annotations

import traitlets

from lessons.classroom.hub_recorder import HubRecorder
from lessons.classroom.progress import Progress, Recorder
from lessons.classroom.settings import Classroom
from lessons.classroom.store import home, preferred_language, set_preferred_language
from lessons.content.course import Content, load_content
from lessons.content.text import LANGUAGES, check_language


class Page(traitlets.HasTraits):
    """The language (``lang``) and course content shared by the widgets of one notebook page.

    ``lang``: the page's first language (a per-language notebook passes its own); None starts in the
    remembered choice. ``remember``: write switches to the learner's settings (never on a shared server,
    where the settings folder is not one learner's). ``classroom``: the classroom settings, read from the
    environment here (the page is where a notebook reads them) unless given; widgets take them from the page.
    ``recorder``: given to every ``Progress`` the page makes (see ``lessons.classroom.progress``).
    """

    lang = traitlets.Enum(LANGUAGES, default_value="en")
    # Counts the names entered on this page: every exercise of the page saves as that learner from then on.
    signed_in = traitlets.Int(0)

    def __init__(self, lang: str | None = None, content: Content | None = None, remember: bool = True,
                 classroom: Classroom | None = None, recorder: Recorder | None = None):
        super().__init__()
        self.content = content if content is not None else load_content()
        self.classroom = classroom if classroom is not None else Classroom.from_env()  # the one read of the settings
        # on a class server, first answers and hand-ins also go to its hand-in service (identity from the hub)
        self.recorder = recorder if recorder is not None else HubRecorder.from_env()
        self.remember = remember and not self.classroom.shared
        self.problem: OSError | None = None  # the last failure to remember the choice (the switch still works)
        self._folder = home()
        self._stamp: tuple | None = None  # the settings file's (mtime, size) when last read: unchanged, not read again
        self._seen = self._remembered()
        self.lang = check_language(lang) if lang is not None else self._seen
        self._progress: Progress | None = None

    def progress(self) -> Progress:
        """The current learner's progress with this page's settings, one for every exercise of the page: a name
        entered in one exercise's strip is the learner of all of them (a page can hold two, as Lesson 4 does)."""
        if self._progress is None:
            self._progress = Progress(classroom=self.classroom, recorder=self.recorder)
        return self._progress

    def switch(self, lang: str) -> None:
        """Show every widget of the page in ``lang`` and remember the choice."""
        check_language(lang)
        if self.remember and lang != self._seen:  # remembered first, so the redraw can report a failure
            try:
                set_preferred_language(lang, self._folder)
                self._seen, self._stamp = lang, self._file_stamp()
                self.problem = None
            except OSError as exc:
                self.problem = exc
        self.lang = lang

    def follow(self) -> None:
        """Adopt a choice another page remembered since this page last looked (called before a render)."""
        if self.remember and self._file_stamp() == self._stamp:
            return  # every render asks: the file is read again only when it has changed
        remembered = self._remembered()
        if remembered != self._seen:
            self._seen = remembered
            self.lang = remembered

    def _remembered(self) -> str:
        """The learner's remembered choice; without one (not remembering, or unreadable) the page's own."""
        if self.remember:
            try:
                self._stamp = self._file_stamp()
                return preferred_language(self._folder)
            except OSError:
                pass
        return self.lang if self.trait_has_value("lang") else "en"

    def _file_stamp(self) -> tuple | None:
        try:
            info = (self._folder / "settings.json").stat()
        except OSError:
            return None
        return (info.st_ino, info.st_mtime_ns, info.st_size)  # a save replaces the file: a new inode
