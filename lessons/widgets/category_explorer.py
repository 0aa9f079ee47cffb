"""Lesson 1: explore the six teaching categories and the information types filed under them."""
from __future__ import annotations

import ipywidgets as w

from lessons.content.course import CATEGORY_IDS, Content
from lessons.content.text import colon
from lessons.widgets.base import LessonWidget
from lessons.widgets.controls import esc, set_options
from lessons.widgets.clause_views import clause_html

WHOLE = ""  # the "category as a whole" choice of the type dropdown


class CategoryExplorer(LessonWidget):
    """Pick a category or an information type; see its definition, tier (quoted) and PIPL status.

    Public surface: ``choose(category)``, ``select(info_type)``, ``choices("category" | "info_type")``;
    part ``view`` via ``read``/``html``.
    """

    TITLE_KEY = "explorer.title"

    def __init__(self, content: Content | None = None, lang: str | None = None, **kwargs):
        super().__init__(content, lang, **kwargs)
        label = {"description_width": "initial"}  # the label's own width: "Information type" must not be cut
        self._category = w.Dropdown(value="basic", options=[(c, c) for c in CATEGORY_IDS], style=label)
        self._type = w.Dropdown(options=[("", WHOLE)], value=WHOLE, style=label)
        self._view = w.HTML()
        for control in (self._category, self._type):
            control.add_class("pi-explorer-select")
            control.observe(lambda _: self._update(), names="value")
        self._category.add_class("pi-explorer-category")
        self._type.add_class("pi-explorer-type")
        self._view.add_class("pi-explorer-view")
        self._view.add_class("pi-view")
        self._compose(w.HBox([self._category, self._type]), self._view)

    def select(self, info_type: str) -> None:
        """Show one information type (and its category)."""
        self._category.value = self._content.info_types[info_type].category
        self._type.value = info_type

    def choose(self, category: str) -> None:
        """Show a category as a whole."""
        if category not in CATEGORY_IDS:
            raise ValueError(f"unknown category {category!r}; choose one of {', '.join(CATEGORY_IDS)}")
        self._category.value = category

    def choices(self, menu: str) -> list[tuple[str, str]]:
        """The ``(label, id)`` pairs of the ``"category"`` or ``"info_type"`` menu."""
        return list({"category": self._category, "info_type": self._type}[menu].options)

    def _render(self) -> None:
        c, lang = self._content, self.lang
        self._category.description = self._t("explorer.category")
        self._type.description = self._t("explorer.info_type")
        set_options(self._category, [(c.categories[i].name(lang), i) for i in CATEGORY_IDS])
        category = c.categories[self._category.value]
        types = c.types_in(category.id)
        set_options(self._type, [(self._t("explorer.whole_category"), WHOLE)] + [(t.name(lang), t.id) for t in types])
        if self._type.value == WHOLE:
            self._view.value = self._category_html(category, types)
            self.value = {"category": category.id, "info_type": None}
        else:
            t = c.info_types[self._type.value]
            self._view.value = self._type_html(t)
            self.value = {"category": t.category, "info_type": t.id, "tier": t.tier, "pipl_sensitive": t.pipl_sensitive}

    def _category_html(self, category, types) -> str:
        lang = self.lang
        examples = "、".join(category.examples[lang]) if lang == "zh" else ", ".join(category.examples[lang])
        listed = "".join(f"<li>{esc(t.name(lang))} — {esc(self._content.tiers[t.tier].name(lang))}</li>" for t in types)
        return (
            f"<h4>{esc(category.name(lang))}</h4>"
            f"<p><b>{esc(self._t('explorer.definition'))}{colon(lang)}</b>{esc(category.definition(lang))}</p>"
            f"<p><b>{esc(self._t('explorer.examples'))}{colon(lang)}</b>{esc(examples)}</p>"
            f"<p>{esc(self._t('explorer.types_here'))}</p><ul>{listed}</ul>"
            f"<p class='pi-note'><i>{esc(self._t('explorer.taxonomy_note'))}</i></p>"
        )

    def _type_html(self, t) -> str:
        c, lang = self._content, self.lang
        tier = c.tiers[t.tier]
        sensitive = self._t("explorer.sensitive_yes" if t.pipl_sensitive else "explorer.sensitive_no")
        parts = [
            f"<h4>{esc(t.name(lang))}</h4>",
            f"<p>{esc(self._t('explorer.category_of', category=c.categories[t.category].name(lang)))}</p>",
            f"<p class='pi-tier'><b>{esc(self._t('explorer.tier', tier=tier.name(lang)))}</b> — "
            f"{esc(tier.summary(lang))}</p>",
            f"<p><b>{esc(self._t('explorer.why'))}{colon(lang)}</b>{esc(t.reason(lang))}</p>",
            clause_html(c, tier.clause, lang),
            f"<p class='pi-sensitive'>{esc(sensitive)}</p>",
        ]
        if t.pipl_sensitive:
            parts.append(clause_html(c, "PIPL.a28.p1", lang))
        if t.open is not None:
            label = esc(self._t("explorer.open") + colon(lang))
            parts.append(f"<p class='pi-open'><b>{label}</b>{esc(t.open(lang))}</p>")
        return "".join(parts)
