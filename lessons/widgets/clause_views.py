"""Static views for lesson notebooks: quoted clauses and taxonomy tables, rendered from the content.

These return objects with an HTML form (for JupyterLab and Voilà) and a short, stable text form,
so stored notebook outputs stay deterministic. With ``lang`` they speak one language (a quoted
clause keeps the controlling Chinese beside the English rendering); without it, both side by side.
"""
from __future__ import annotations

import html

from lessons.content.course import CATEGORY_IDS, Content, load_content
from lessons.content.tier_ids import TIER_IDS


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


class Clauses:
    """One or more statute clauses: citation, verbatim Chinese text and English rendering."""

    def __init__(self, ids: tuple[str, ...], content: Content, lang: str | None = None):
        missing = [i for i in ids if i not in content.provisions]
        if missing:
            from lessons.content.errors import LessonsError

            raise LessonsError(f"unknown clause id(s): {', '.join(missing)}")
        self._provisions = [content.provisions[i] for i in ids]
        self._content, self._lang = content, lang

    def __repr__(self) -> str:
        if self._lang:
            return "\n".join(p.cite(self._lang) for p in self._provisions)
        return "\n".join(f"{p.cite.en} / {p.cite.zh}" for p in self._provisions)

    def _repr_html_(self) -> str:
        single = single_copy_ids(self._content)
        if self._lang:
            boxes = [clause_html(self._content, p.id, self._lang) for p in self._provisions]
            # The single-copy label goes inside the clause's box, before its closing </div>.
            return "".join(box[:-len("</div>")] + single_copy_html(self._content, self._lang) + "</div>"
                           if p.id in single else box for p, box in zip(self._provisions, boxes, strict=True))
        rows = []
        for p in self._provisions:
            label = "" if p.verbatim else (f" <small>{_esc(self._content.text('clause_labels.summary', 'en'))} "
                                           f"{_esc(self._content.text('clause_labels.summary', 'zh'))}</small>")
            if p.id in single:
                label = f" <small>{_esc(self._content.text('clause_labels.single_copy', 'en'))} / " \
                        f"{_esc(self._content.text('clause_labels.single_copy', 'zh'))}</small>"
            rows.append(
                "<div class='pi-clause' style='margin:0 0 1em 0'>"
                f"<b>{_esc(p.cite.zh)} · {_esc(p.cite.en)}</b>{label}"
                f"<blockquote lang='zh' style='margin:.3em 0'>{_esc(p.text.zh)}</blockquote>"
                f"<blockquote style='margin:.3em 0;color:#444'>{_esc(p.text.en)}</blockquote></div>"
            )
        note = (f"<small>{_esc(self._content.text('clause_labels.unofficial_rendering', 'en'))} "
                f"{_esc(self._content.text('clause_labels.unofficial_rendering', 'zh'))}</small>")
        return "".join(rows) + note


def clause_html(content: Content, clause_id: str, lang: str) -> str:
    """A quoted clause in one language: its citation, the controlling Chinese text, a summary's label and, in
    English, the rendering with the note that the Chinese controls."""
    p = content.provisions[clause_id]
    zh = f'<blockquote class="pi-clause-zh" lang="zh">{_esc(p.text.zh)}</blockquote>'
    if not p.verbatim:
        zh += f"<small>{_esc(content.text('clause_labels.summary', lang))}</small>"
    if lang == "zh":
        return f"<div class='pi-clause'><b>{_esc(p.cite.zh)}</b>{zh}</div>"
    en = f'<blockquote class="pi-clause-en">{_esc(p.text.en)}</blockquote>'
    return (f"<div class='pi-clause'><b>{_esc(p.cite.en)}</b>{zh}{en}"
            f"<small>{_esc(content.text('clause_labels.unofficial_rendering', lang))}</small></div>")


def single_copy_ids(content: Content) -> frozenset[str]:
    """Clauses quoted word for word from a single copy (``single_copy: true`` in the provisions files), e.g.
    Guiding Cases 193-195: verbatim, but read in one copy of the SPC's page only."""
    from lessons.content.reader import entries

    return frozenset(e.str("id") for path in sorted((content.root / "provisions").glob("*.yaml"))
                     for e in entries(path) if e.bool("single_copy", False))


def single_copy_html(content: Content, lang: str) -> str:
    """The label under a single-copy clause: "（依最高人民法院网站单一文本）"."""
    return f"<small class='pi-single-copy'>{_esc(content.text('clause_labels.single_copy', lang))}</small>"


def clauses(*ids: str, lang: str | None = None, content: Content | None = None) -> Clauses:
    """Quote clauses by id, e.g. ``clauses("PIPL.a4.p1", lang="en")``."""
    return Clauses(ids, content or load_content(), lang)


def categories_table(lang: str | None = None, content: Content | None = None) -> Table:
    """The six teaching categories with their definitions, in ``lang`` (None: both languages)."""
    c = content or load_content()
    cats = [c.categories[i] for i in CATEGORY_IDS]
    if lang:
        head = c.text("tables.category", lang), c.text("tables.definition", lang)
        return Table([{head[0]: cat.name(lang), head[1]: cat.definition(lang)} for cat in cats])
    rows = [{"Category 类别": f"{cat.name.en}<br>{cat.name.zh}",
             "Definition": cat.definition.en, "定义": cat.definition.zh}
            for cat in cats]
    return Table(rows)


def mapping_table(lang: str | None = None, content: Content | None = None) -> Table:
    """Every information type with its teaching category, legal tier and PIPL Art. 28 status."""
    c = content or load_content()
    if lang:
        t_ = lambda key: c.text(f"tables.{key}", lang)  # noqa: E731 - a short local alias
        return Table(
            [
                {
                    t_("category"): c.categories[cid].name(lang),
                    t_("information_type"): t.name(lang),
                    t_("tier"): c.tiers[t.tier].name(lang),
                    t_("pipl_sensitive"): t_("yes" if t.pipl_sensitive else "no"),
                    t_("law_open"): t_("yes") if t.open else "",
                }
                for cid in CATEGORY_IDS
                for t in sorted(c.types_in(cid), key=lambda t: (TIER_IDS.index(t.tier), t.id))
            ]
        )
    rows = []
    for cid in CATEGORY_IDS:
        for t in sorted(c.types_in(cid), key=lambda t: (TIER_IDS.index(t.tier), t.id)):
            tier = c.tiers[t.tier]
            rows.append({
                "Category 类别": f"{c.categories[cid].name.en}<br>{c.categories[cid].name.zh}",
                "Information type 信息类型": f"{t.name.en}<br>{t.name.zh}",
                "Tier 档次": f"{tier.name.en}<br>{tier.name.zh}",
                "PIPL Art. 28 sensitive 敏感": "yes 是" if t.pipl_sensitive else "no 否",
                "Law open? 有争议": "yes 是" if t.open else "",
            })
    return Table(rows)


class Table:
    """Rows (a list of dicts, or a DataFrame) shown as an HTML table whose cells may contain line breaks.

    Cells are escaped; only ``<br>`` line breaks pass through. Plain HTML, so lessons that show
    these tables do not load pandas.
    """

    def __init__(self, rows):
        if hasattr(rows, "to_dict"):  # a DataFrame, e.g. scenario_table()
            rows = rows.to_dict("records")
        self.rows = [dict(r) for r in rows]
        self.columns = list(dict.fromkeys(k for r in self.rows for k in r))

    def __repr__(self) -> str:
        return f"<table: {len(self.rows)} rows x {len(self.columns)} columns>"

    def _repr_html_(self) -> str:
        # The layout of pandas' DataFrame.to_html(index=False, border=0, classes="pi-table"), which this replaced.
        head = "".join(f"      <th>{_cell(c)}</th>\n" for c in self.columns)
        body = "".join(
            "    <tr>\n" + "".join(f"      <td>{_cell(r.get(c, ''))}</td>\n" for c in self.columns) + "    </tr>\n"
            for r in self.rows
        )
        return ('<table class="dataframe pi-table">\n  <thead>\n    <tr style="text-align: right;">\n'
                f"{head}    </tr>\n  </thead>\n  <tbody>\n{body}  </tbody>\n</table>")


def _cell(value) -> str:
    # Escape the content first, then allow only our own <br> line breaks through.
    return _esc(str(value)).replace("&lt;br&gt;", "<br>")
