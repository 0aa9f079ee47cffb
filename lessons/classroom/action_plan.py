"""Lesson 4: a personal action plan for when one's information leaks, from ``data/content/leak_plan.yaml``.

``build_plan(guide, leaked, events)`` picks the matching steps in a fixed order (section, then file
order); each step cites its basis clause ids or is marked as practical advice. The plan exports to
a standalone HTML page the learner downloads and prints (``to_html``, ``file_name``) and to Markdown.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from lessons.classroom import printable
from lessons.content.course import Content
from lessons.content.errors import ContentError, LessonsError
from lessons.content.reader import CONTENT_DIR, Entry, read_yaml, shown
from lessons.content.text import Text, check_language

GUIDE_FILE = CONTENT_DIR / "leak_plan.yaml"


@dataclass(frozen=True)
class Choice:
    id: str
    label: Text


@dataclass(frozen=True)
class Step:
    id: str
    section: str
    title: Text
    detail: Text
    basis: tuple[str, ...]
    practical: bool
    note: Text | None
    when_events: frozenset[str]
    when_leaked: frozenset[str]

    def applies(self, leaked: set[str], events: set[str]) -> bool:
        if not self.when_events and not self.when_leaked:
            return True
        return bool(self.when_events & events or self.when_leaked & leaked)


@dataclass(frozen=True)
class Guide:
    """The options a learner ticks and the steps a plan is made of."""

    leaked: tuple[Choice, ...]
    events: tuple[Choice, ...]
    sections: tuple[Choice, ...]
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Plan:
    leaked: tuple[str, ...]
    events: tuple[str, ...]
    steps: tuple[Step, ...]


def _choices(data: dict, name: str, path: Path) -> tuple[Choice, ...]:
    raw = data.get(name)
    if not isinstance(raw, list) or not raw:
        raise ContentError(f"{shown(path)}: '{name}' must be a non-empty list")
    out = []
    for number, item in enumerate(raw, 1):
        e = Entry(item, path, f"{name} #{number}")
        out.append(Choice(e.str("id"), Entry({"t": {"en": e.raw("en"), "zh": e.raw("zh")}}, path, e.label).text("t")))
    if len({c.id for c in out}) != len(out):
        raise ContentError(f"{shown(path)}: '{name}' has repeated ids")
    return tuple(out)


def load_guide(content: Content, path: Path | str | None = None) -> Guide:
    """Read and check the plan guide; ContentError (one line) on any problem."""
    path = Path(path) if path is not None else GUIDE_FILE
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{shown(path)}: expected a mapping with leaked, events, sections and steps")
    leaked, events, sections = (_choices(data, n, path) for n in ("leaked", "events", "sections"))
    ids = {"leaked": {c.id for c in leaked}, "events": {c.id for c in events}}
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise ContentError(f"{shown(path)}: 'steps' must be a non-empty list")
    steps, seen = [], set()
    for number, item in enumerate(raw_steps, 1):
        label = f"'{item['id']}'" if isinstance(item, dict) and isinstance(item.get("id"), str) else f"#{number}"
        e = Entry(item, path, label)
        if e.str("id") in seen:
            e.fail("id", "is used by an earlier step too")
        seen.add(e.str("id"))
        when = e.raw("when", {}) or {}
        if not isinstance(when, dict) or set(when) - set(ids):
            e.fail("when", "may only list 'events' and 'leaked'")
        for kind, listed in when.items():
            if not isinstance(listed, list) or any(i not in ids[kind] for i in listed):
                e.fail("when", f"'{kind}' must list ids from '{kind}'")
        basis = e.raw("basis", [])
        practical = e.bool("practical", False)
        if not isinstance(basis, list) or any(b not in content.provisions for b in basis):
            e.fail("basis", "must list clause ids that exist in provisions/")
        if not basis and not practical:
            e.fail("basis", "is empty: cite a clause, or mark the step 'practical: true'")
        steps.append(Step(e.str("id"), e.choice("section", [s.id for s in sections]), e.text("title"),
                          e.text("detail"), tuple(basis), practical, e.text("note", None),
                          frozenset(when.get("events", ())), frozenset(when.get("leaked", ()))))
    order = {s.id: n for n, s in enumerate(sections)}
    steps.sort(key=lambda s: order[s.section])  # stable: file order within a section
    return Guide(leaked, events, sections, tuple(steps))


def build_plan(guide: Guide, leaked=(), events=()) -> Plan:
    """The ordered steps for what leaked and what has happened; unknown ids raise LessonsError."""
    leaked, events = set(leaked), set(events)
    for name, given, known in (("leaked", leaked, guide.leaked), ("events", events, guide.events)):
        unknown = given - {c.id for c in known}
        if unknown:
            raise LessonsError.of("unknown_plan_options", what=name, options=", ".join(sorted(unknown)))
    in_order = lambda chosen, known: tuple(c.id for c in known if c.id in chosen)  # noqa: E731
    steps = tuple(s for s in guide.steps if s.applies(leaked, events))
    return Plan(in_order(leaked, guide.leaked), in_order(events, guide.events), steps)


def cited(plan: Plan) -> list[str]:
    """Every clause id the plan cites, in order of first use."""
    return list(dict.fromkeys(b for s in plan.steps for b in s.basis))


def _label(choices: tuple[Choice, ...], ids, lang: str) -> str:
    names = {c.id: c.label(lang) for c in choices}
    return ("、" if lang == "zh" else ", ").join(names[i] for i in ids)


def _basis(step: Step, content: Content, lang: str) -> str:
    parts = [content.provisions[b].cite(lang) for b in step.basis]
    if step.practical:
        parts.append(content.text("plan.practical", lang))
    return ("；" if lang == "zh" else "; ").join(parts)


def to_markdown(plan: Plan, guide: Guide, content: Content, lang: str) -> str:
    """The plan as Markdown: numbered steps under their sections, then the cited clauses."""
    check_language(lang)
    t = lambda key, **v: content.text(f"plan.{key}", lang, **v)  # noqa: E731
    lines = [f"# {t('export_title')}", "", f"_{t('disclaimer')}_", ""]
    lines.append(f"- **{t('leaked_heading')}** {_label(guide.leaked, plan.leaked, lang) or t('none_ticked')}")
    lines.append(f"- **{t('events_heading')}** {_label(guide.events, plan.events, lang) or t('none_ticked')}")
    for section, numbered in by_section(plan, guide):
        lines += ["", f"## {section.label(lang)}", ""]
        for number, s in numbered:
            lines.append(f"{number}. **{s.title(lang)}** {s.detail(lang)}")
            lines.append(f"   - {t('basis')} {_basis(s, content, lang)}")
            if s.note is not None:
                lines.append(f"   - {t('note')} {s.note(lang)}")
    lines += ["", f"## {t('sources')}", ""]
    for cid in cited(plan):
        p = content.provisions[cid]
        summary = "" if p.verbatim else f" {t('summary_mark')}"
        lines.append(f"- **{p.cite(lang)}**{summary} {p.text.zh}")
        if lang == "en":
            lines.append(f"  - _{p.text.en}_")
    if lang == "en":
        lines += ["", t("chinese_controls")]
    return "\n".join(lines) + "\n"


def by_section(plan: Plan, guide: Guide) -> list[tuple[Choice, list[tuple[int, Step]]]]:
    """The plan's steps grouped by section in guide order, numbered 1, 2, ... across sections."""
    out, number = [], 0
    for section in guide.sections:
        steps = [s for s in plan.steps if s.section == section.id]
        if steps:
            out.append((section, [(number + i, s) for i, s in enumerate(steps, 1)]))
            number += len(steps)
    return out


def to_html(plan: Plan, guide: Guide, content: Content, lang: str) -> str:
    """The plan as a standalone page to keep and print (``printable.page``): no buttons, no server path."""
    check_language(lang)
    e = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    t = lambda key, **v: e(content.text(f"plan.{key}", lang, **v))  # noqa: E731
    body = [f"<h1>{t('export_title')}</h1>", f"<p><i>{t('disclaimer')}</i></p><ul>",
            f"<li><b>{t('leaked_heading')}</b> {e(_label(guide.leaked, plan.leaked, lang)) or t('none_ticked')}</li>",
            f"<li><b>{t('events_heading')}</b> {e(_label(guide.events, plan.events, lang)) or t('none_ticked')}</li>"
            "</ul>"]
    for section, numbered in by_section(plan, guide):
        body.append(f"<h2>{e(section.label(lang))}</h2><ol start='{numbered[0][0]}'>")
        for _number, s in numbered:
            note = f"<br><small>{t('note')} {e(s.note(lang))}</small>" if s.note is not None else ""
            body.append(f"<li><b>{e(s.title(lang))}</b><br>{e(s.detail(lang))}"
                        f"<br><small>{t('basis')} {e(_basis(s, content, lang))}</small>{note}</li>")
        body.append("</ol>")
    body.append(f"<h2>{t('sources')}</h2><ul>")
    for cid in cited(plan):
        p = content.provisions[cid]
        marked = p.text.zh.startswith("（摘要") and lang == "zh"  # the text says so itself: not twice
        summary = "" if p.verbatim or marked else f" {t('summary_mark')}"
        en = f"<br><i>{e(p.text.en)}</i>" if lang == "en" else ""
        body.append(f"<li><b>{e(p.cite(lang))}</b>{summary} <span lang='zh'>{e(p.text.zh)}</span>{en}</li>")
    body.append("</ul>")
    if lang == "en":
        body.append(f"<p><small>{t('chinese_controls')}</small></p>")
    return printable.page(content.text("plan.export_title", lang), "".join(body), lang)


def file_name(content: Content, lang: str) -> str:
    """The downloaded plan's file name, readable in the learner's language."""
    return content.text("plan.file_name", lang)

