"""The static site's own pages: a start page per language linking every lesson, and the changes made to each
lesson page of the code-free view (its language, a message while Python starts, no other host)."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from lessons.content.course import Content, load_content
from lessons.content.syllabus import load_lessons
from lessons.content.text import LANGUAGES

START = "00-start-here.ipynb"
LOADING_ID = "pi-loading"
_STYLE = ("body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;"
          "color:#1a1a1a}a{color:#0b57d0}.pi-lessons li{margin-bottom:1rem}"
          ".pi-lesson{font-size:1.15rem;font-weight:600}.pi-code{font-size:.9rem;margin:0}")
# Shown until the first widget appears; after 20 s it adds that the first visit downloads Python.
_LOADING_SCRIPT = """(function () {
  var box = document.getElementById(%(id)s), start = Date.now(), told = false;
  var timer = setInterval(function () {
    var seconds = Math.round((Date.now() - start) / 1000);
    box.querySelector('.pi-loading-time').textContent = seconds + ' s';
    if (seconds >= 20 && !told) { told = true; box.querySelector('.pi-loading-text').textContent += ' ' + %(slow)s; }
    if (document.querySelector('.jupyter-widgets')) { clearInterval(timer); box.remove(); }
  }, 500);
})();"""
_LOADING_STYLE = ("position:fixed;top:0;left:0;right:0;z-index:1000;background:#fff8e1;border-bottom:1px solid #c9a227;"
                  "padding:.6rem 1rem;font:1rem system-ui,sans-serif;color:#1a1a1a")


def html_lang(lang: str) -> str:
    return "zh-CN" if lang == "zh" else lang


def _t(content: Content, lang: str, key: str) -> str:
    return html.escape(content.text(f"site.{key}", lang))


def _page(lang: str, title: str, body: str, head: str = "") -> str:
    return (f"<!doctype html><html lang='{html_lang(lang)}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{title}</title>"
            f"<style>{_STYLE}</style>{head}</head><body><main>{body}</main></body></html>")


def start_page(lang: str, content: Content | None = None) -> str:
    """Every lesson of one language: the code-free view (the link a learner follows) and, below, with the code."""
    content = content or load_content()
    rows = []
    for lesson in [None, *load_lessons()]:
        file = START if lesson is None else lesson.file
        title = _t(content, lang, "start_title") if lesson is None else html.escape(lesson.title(lang))
        summary = "" if lesson is None else f"<p>{html.escape(lesson.summary(lang))}</p>"
        app = f"voici/render/{lang}/{file.removesuffix('.ipynb')}.html"
        code = f"lab/index.html?path={lang}/{file}"
        rows.append(f"<li><a class='pi-lesson' href='{app}'>{title}</a>{summary}"
                    f"<p class='pi-code'><a href='{code}'>{_t(content, lang, 'with_code')}</a></p></li>")
    other = next(lg for lg in LANGUAGES if lg != lang)
    switch = f"<a href='{other}.html' lang='{html_lang(other)}'>{_t(content, other, 'other_language')}</a>"
    body = (f"<h1>{_t(content, lang, 'title')}</h1><p>{_t(content, lang, 'intro')}</p>"
            f"<ol class='pi-lessons'>{''.join(rows)}</ol><p>{_t(content, lang, 'saved')}</p><p>{switch}</p>")
    return _page(lang, _t(content, lang, "title"), body)


def front_door(content: Content | None = None) -> str:
    """The site's index.html: the start page of each language, each link in its own language."""
    content = content or load_content()
    links = "".join(f"<p lang='{html_lang(lang)}'><a href='{lang}.html'>{_t(content, lang, 'title')}</a></p>"
                    for lang in LANGUAGES)
    # JupyterLab's pages read the configuration of every index.html above them: this page replaces JupyterLite's
    # root page (which only redirected to JupyterLab), so it keeps its (empty) configuration and root marker.
    root = '<script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">{}</script>'
    return _page("en", "pi-lessons", links, head=root)


def patch_lesson_page(path: Path, lang: str, content: Content | None = None) -> None:
    """A lesson page of the code-free view, made ready for the site (in place)."""
    content = content or load_content()
    text = path.read_text(encoding="utf-8")
    # Voici 0.9 leaves the kernel's settings relative to the site's root: make them relative to this page.
    for folder in ("static/pyodide/", "extensions/"):
        text = text.replace(f'"./{folder}', f'"../../../{folder}')
    # Voila's template links Font Awesome from a CDN; its app bundles the same styles, and the site asks no other host.
    text = re.sub(r"<link[^>]*href=\"https?://[^\"]*\"[^>]*>", "", text)
    # Links between lessons name their notebooks: in the code-free view they open the other lesson's page.
    text = re.sub(r'href="((?:\.\./(?:en|zh)/)?[\w.-]+)\.ipynb"', r'href="\1.html"', text)
    # Voila's template says lang="en" on every page: a Chinese page says it is Chinese (screen readers, fonts).
    text = re.sub(r"<html\b[^>]*>", lambda m: re.sub(r"\s+lang=(\"[^\"]*\"|'[^']*')", "", m.group(0))
                  .replace("<html", f'<html lang="{html_lang(lang)}"', 1), text, count=1)
    slow = json.dumps(content.text("site.loading_slow", lang))
    script = _LOADING_SCRIPT % {"id": json.dumps(LOADING_ID), "slow": slow}
    banner = (f"<div id='{LOADING_ID}' role='status' aria-live='polite' style='{_LOADING_STYLE}'>"
              f"<span class='pi-loading-text'>{_t(content, lang, 'loading')}</span> "
              # the seconds are for the eye: a screen reader would announce every tick of a live region
              f"<span class='pi-loading-time' aria-hidden='true'></span></div><script>{script}</script>")
    text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, text, count=1)
    path.write_text(text, encoding="utf-8")
