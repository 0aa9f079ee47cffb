"""Accessibility in real Voilà and JupyterLab: axe-core (WCAG 2.1 A/AA), phone widths, cut labels, keyboard.

axe-core comes from the npm registry (``.ci/run`` installs it into ``.ci/axe``; the ``axe_js`` fixture
does when it is missing) and is injected into the page. It checks only the lessons' own output:
the widgets, the rendered markdown and HTML outputs; what JupyterLab and Voilà draw around them is
listed in ``CHROME`` with the reason it is left out.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .surface import part, widget
from .test_notebooks import ERROR_SELECTOR, run_all

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out; `make test` runs it

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.relative_to(ROOT / "notebooks").as_posix() for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
WIDGET_HEAVY = [nb for nb in NOTEBOOKS if Path(nb).name[:2] in {"01", "02", "03", "05", "06"}]
AXE = ROOT / ".ci" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CJK = re.compile(r"[\u4e00-\u9fff]")

# What axe checks: the lessons' own output only.
LESSON_OUTPUT = [".pi-lesson-widget", ".jp-RenderedMarkdown", ".jp-RenderedHTML"]
# JupyterLab's and Voilà's own chrome inside that output, left out on purpose (not the course's to fix):
CHROME = [
    ".jp-InternalAnchorLink",  # the "¶" permalink JupyterLab and Voilà add to every markdown heading
    ".jp-collapseHeadingButton",  # JupyterLab's fold button beside markdown headings
    ".jp-MarkdownHeadingCollapsed",  # JupyterLab's "n cells hidden" button of a folded heading
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [390, 820]


@pytest.fixture(scope="session")
def axe_js() -> Path:
    """axe-core's ``axe.min.js``, installed from the npm registry when missing (never committed)."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail("npm is missing in CI: .ci/run must install nodejs and npm")
            pytest.skip("npm not installed (apt-get install -y npm): axe-core cannot be installed")
        subprocess.run(
            [npm, "install", "--prefix", str(AXE.parents[2]), "--no-audit", "--no-fund", "--silent", "axe-core"],
            check=True,
            timeout=300,
        )
    return AXE


def axe_violations(page, axe_js: Path) -> list[str]:
    """One line per failing node: rule id, target and the node's html."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_js))
    found = page.evaluate(
        """async ([include, exclude, tags]) => {
            const present = include.filter(s => document.querySelector(s));
            const result = await axe.run({include: present, exclude}, {runOnly: tags, resultTypes: ['violations']});
            return result.violations.flatMap(v => v.nodes.map(n => [v.id, n.target.join(' '), n.html.slice(0, 300)]));
        }""",
        [LESSON_OUTPUT, CHROME, WCAG],
    )
    return [f"{rule}: {target}\n    {html}" for rule, target, html in found]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_language_switch_is_page_wide(voila, page, lang):
    """A click on the switch of the first widget changes the last widget of the page too, without a reload."""
    notebook = next(nb for nb in NOTEBOOKS if nb.startswith(f"{lang}/01"))
    open_voila(page, voila, notebook)
    widgets = page.locator(".pi-lesson-widget")
    assert widgets.count() >= 2
    last = part(widgets.last, "title")
    other = "en" if lang == "zh" else "zh"
    expect(last).to_have_text(CJK) if lang == "zh" else expect(last).not_to_have_text(CJK)
    switch_language(page, other)
    expect(last).to_have_text(CJK) if other == "zh" else expect(last).not_to_have_text(CJK)
    pressed = part(widgets.last, "lang").locator("button[aria-pressed=true]")
    expect(pressed).to_have_text("简体中文" if other == "zh" else "English")


def switch_language(page, lang: str) -> None:
    """Press the first widget's language button; every widget of the page follows."""
    first = page.locator(".pi-lesson-widget").first
    part(first, "lang").locator("button", has_text="简体中文" if lang == "zh" else "English").click()
    title = part(first, "title")
    expect(title).to_have_text(CJK) if lang == "zh" else expect(title).not_to_have_text(CJK)
    page.wait_for_timeout(300)  # the other widgets redraw from the same message burst


def open_voila(page, voila: str, notebook: str) -> None:
    page.goto(f"{voila}/voila/render/{notebook}")
    page.locator(".pi-lesson-widget").first.wait_for()
    page.wait_for_timeout(500)
    assert page.locator(ERROR_SELECTOR).count() == 0


def check_axe(page, axe_js: Path, where: str) -> None:
    """axe on the page as it opened: each notebook is read in its own language (en/ or zh/), so both
    languages are covered without switching; the switch itself is tested in the language tests."""
    report = axe_violations(page, axe_js)
    print(f"{where}: {len(report)} axe violations")
    assert not report, f"{where}: {len(report)} axe violations\n" + "\n".join(report)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_axe_voila(voila, page, axe_js, notebook):
    open_voila(page, voila, notebook)
    check_axe(page, axe_js, f"voila {notebook}")


@pytest.mark.parametrize("notebook", WIDGET_HEAVY)
def test_axe_jupyterlab(lab, page, axe_js, notebook):
    run_all(page, f"{lab}/lab/tree/notebooks/{notebook}?reset")
    page.locator(".pi-lesson-widget").first.wait_for()
    check_axe(page, axe_js, f"jupyterlab {notebook}")


LAYOUT_PROBLEMS = """() => {
    const vw = window.innerWidth, out = [];
    const page = document.documentElement.scrollWidth;
    if (page > vw) out.push(`the page scrolls sideways: scrollWidth ${page} > ${vw}`);
    const name = el => (el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\\s+/).join('.') : el.tagName.toLowerCase());
    const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
        if (p.classList.contains('pi-lesson-widget')) return false;
        const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
    for (const el of document.querySelectorAll('.pi-lesson-widget, .pi-lesson-widget *')) {
        const r = el.getBoundingClientRect();
        if (!r.width || el.closest('.pi-aria') || scrolls(el)) continue;
        if (r.width > vw + 0.5 || r.right > vw + 0.5) out.push(
            `wider than the screen (${Math.round(r.left)}..${Math.round(r.right)} of ${vw}): `
            + `${name(el)} "${(el.textContent || '').trim().slice(0, 40)}"`);
    }
    const cut = '.pi-lesson-widget :is(button, label, .widget-label, .widget-radio-box label, '
        + '.widget-toggle-button, .widget-upload)';
    for (const el of document.querySelectorAll(cut)) {
        if (!el.getClientRects().length || el.closest('.pi-label-hidden > .widget-label, .pi-aria')) continue;
        if (el.scrollWidth > el.clientWidth + 1) out.push(
            `cut label (${el.scrollWidth} > ${el.clientWidth}): ${name(el)} "${el.textContent.trim().slice(0, 60)}"`);
    }
    for (const W of document.querySelectorAll('.pi-lesson-widget')) {  // a control cut at its widget's right edge
        const box = W.getBoundingClientRect();
        for (const el of W.querySelectorAll('input, select, textarea, button')) {
            if (!el.getClientRects().length || el.closest('.pi-aria') || scrolls(el)) continue;
            const r = el.getBoundingClientRect();
            if (r.right > box.right + 0.5) out.push(
                `past its widget's edge (${Math.round(r.right)} > ${Math.round(box.right)}): `
                + `${name(el)} "${(el.placeholder || el.textContent || '').trim().slice(0, 40)}"`);
        }
    }
    for (const cell of document.querySelectorAll('.jp-RenderedHTMLCommon :is(td, th), .pi-lesson-widget :is(td, th)')) {
        if (!cell.getClientRects().length) continue;  // a column squeezed to one or two characters a line
        const text = cell.textContent.trim(), range = document.createRange();
        range.selectNodeContents(cell);  // the text's own lines (the cell is as tall as its row)
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
        if (text.length >= 4 && lines >= 2 && text.length / lines < 3) out.push(
            `squeezed column (${lines} lines for ${text.length} characters): "${text.slice(0, 30)}"`);
    }
    const ctx = document.createElement('canvas').getContext('2d');
    for (const el of document.querySelectorAll('.pi-lesson-widget input[placeholder]')) {  // a cut placeholder
        if (!el.getClientRects().length || el.value || !el.placeholder) continue;
        const s = getComputedStyle(el);
        ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        if (ctx.measureText(el.placeholder).width > room + 1) out.push(`cut placeholder: "${el.placeholder}"`);
    }
    for (const el of document.querySelectorAll('.pi-lesson-widget select')) {  // a menu cuts its shown choice
        const option = el.options[el.selectedIndex];
        if (!option || !el.getClientRects().length) continue;
        const s = getComputedStyle(el);
        ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        // the arrow is in the padding
        const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        const need = ctx.measureText(option.text).width;
        if (need > room + 1) out.push(
            `cut menu choice (${Math.round(need)} > ${Math.round(room)}): "${option.text.slice(0, 60)}"`);
    }
    return out;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_phone_and_tablet_widths(voila, browser, notebook, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_voila(page, voila, notebook)
        problems = page.evaluate(LAYOUT_PROBLEMS)  # in the notebook's own language (en/ or zh/)
        assert not problems, f"{notebook} at {width} px:\n" + "\n".join(problems)
    finally:
        context.close()


FOCUS_SHOWN = """() => {
    const el = document.activeElement, s = getComputedStyle(el);
    return {inside: !!el.closest('.pi-lesson-widget'), tag: el.tagName.toLowerCase(), type: el.type || '',
            text: (el.textContent || el.value || '').trim().slice(0, 40), classes: el.className || '',
            ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
            outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`};
}"""


class Keyboard:
    """Keys pressed one at a time, counted; every focused control of a widget must show its focus."""

    def __init__(self, page):
        self.page, self.presses, self.unseen = page, 0, []

    def press(self, key: str) -> dict:
        self.page.keyboard.press(key)
        self.presses += 1
        focus = self.page.evaluate(FOCUS_SHOWN)
        if focus["inside"] and not focus["ring"]:
            self.unseen.append(
                f"{key} -> <{focus['tag']} class='{focus['classes']}'> {focus['text']!r}: outline {focus['outline']}"
            )
        return focus

    def tab_to(self, selector: str, back: bool = False, limit: int = 40) -> None:
        """Press Tab (Shift+Tab with ``back``) until the focused element matches ``selector``."""
        for _ in range(limit):
            self.press("Shift+Tab" if back else "Tab")
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{selector} not reached with {limit} presses of {'Shift+Tab' if back else 'Tab'}")


def test_keyboard_only_court_cases(voila, page):
    """Lesson 4 by keyboard alone: three cases, each chosen, predicted (tier, range), checked, feedback read."""
    notebook = next(nb for nb in NOTEBOOKS if Path(nb).name.startswith("04"))
    open_voila(page, voila, notebook)
    quiz = widget(page, "court-case-quiz")
    keys = Keyboard(page)
    menu = ".pi-widget-court-case-quiz .pi-court-case select"
    feedback, seen = part(quiz, "feedback"), []
    keys.tab_to(menu)
    for case in range(3):
        if case:  # back up to the case menu and take the next case
            keys.tab_to(menu, back=True)
            keys.press("ArrowDown")
            expect(feedback).to_be_empty()
        for radio_part in ("predict-tier", "predict-range"):
            keys.tab_to(f".pi-widget-court-case-quiz .pi-{radio_part} input[type=radio]")
            keys.press("ArrowDown")  # from "Choose…" to the first answer: arrows select, as in any radio group
        keys.tab_to(".pi-widget-court-case-quiz button.pi-check")
        keys.press("Enter")
        expect(part(quiz, "court-result")).to_be_visible()  # shown only once both predictions are made
        expect(feedback).not_to_be_empty()
        seen.append(feedback.inner_text())
    print(f"keyboard: {keys.presses} key presses for three court cases (choose, predict tier and range, check)")
    assert len(seen) == 3 and all(seen)
    assert not keys.unseen, "focus not visible:\n" + "\n".join(keys.unseen)
