"""Hand in from the static site: the browser sends the progress file to the class server's hand-in service.

On the site (``pi-lessons site --hand-in URL``) Python runs in the browser and has no hub token, so the
hand-in is the browser's: ``site_hand_in.js`` opens the service's sign-in window (the hub's login), takes
the token that window gives to pages of the site's origin only, and posts the file with it. Identity is
the hub's answer about that token, never the file's. The receipt (number, time, check code) is shown in
the page's language; the token stays in the page's memory.
"""
from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from lessons.content.course import Content

HERE = Path(__file__).parent
# What the service may answer with (lessons.server.handin_records.RecordError), said in the page's language.
REFUSALS = ("record_not_on_roster", "record_handin_too_large", "record_not_progress", "record_too_many")


class SiteHandIn(anywidget.AnyWidget):
    """A Hand in button for the site: sends ``file`` (the progress file's JSON text) to ``service``."""

    _esm = HERE / "site_hand_in.js"
    _css = HERE / "take_away.css"
    service = traitlets.Unicode("").tag(sync=True)
    file = traitlets.Unicode("").tag(sync=True)
    file_name = traitlets.Unicode("").tag(sync=True)
    texts = traitlets.Dict().tag(sync=True)

    def __init__(self, service: str):
        super().__init__(service=service)
        self.add_class("pi-take-away")

    def show(self, file: str, file_name: str, texts: dict[str, str]) -> None:
        """Offer ``file`` ("" hides the button); one message to the browser."""
        with self.hold_sync():
            self.file, self.file_name, self.texts = file, file_name, texts

    def __repr__(self) -> str:
        return "SiteHandIn()"


def site_texts(content: Content, lang: str) -> dict[str, str]:
    """The button's words in ``lang``; placeholders (``{time}``, ``{problem}``...) are filled in by the browser."""
    t = lambda key, **values: content.text(key, lang, **values)  # noqa: E731
    problems = {key: t(f"errors.{key}") for key in REFUSALS}
    return {
        "label": t("learner.hand_in"),
        "tip": t("learner.site_hand_in_tip"),
        "signing_in": t("learner.site_signing_in"),
        "sending": t("learner.site_sending"),
        "receipt": t("learner.receipt", time="{time}", file="{file}"),
        "check": t("learner.receipt_check"),
        "check_text": t("learner.receipt_check_text"),
        "failed": t("learner.cannot_hand_in", problem="{problem}"),
        "blocked": t("errors.site_popup_blocked"),
        "not_signed_in": t("errors.site_not_signed_in"),
        "unreachable": t("errors.class_service_unreachable"),
        "refused": t("errors.class_service_refused", status="{status}"),
        **{f"problem_{key}": text for key, text in problems.items()},
    }
