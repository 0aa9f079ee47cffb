"""A take-away page: one standalone HTML file a learner downloads, opens on any device and prints.

The page carries its language (``lang``), fits a phone (viewport, long citations wrap) and prints
on A4 with nothing hidden and nothing to press: it has no buttons, scripts or links out.
"""
from __future__ import annotations

import html

from lessons.content.text import check_language

HTML_LANG = {"en": "en", "zh": "zh-CN"}

CSS = """
:root{color-scheme:light}
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","PingFang SC",
 "Microsoft YaHei",sans-serif;
 font-size:1rem;line-height:1.6;color:#1a1a1a;background:#fff;max-width:46em;margin:0 auto;padding:1em 1.25em;
 overflow-wrap:anywhere}
h1{font-size:1.5em;line-height:1.3;margin:.5em 0}
h2{font-size:1.2em;margin:1.5em 0 .5em;padding-bottom:.2em;border-bottom:1px solid #888}
ol,ul{padding-left:1.5em}
li{margin:.5em 0}
small{font-size:.9em;color:#333}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #888;padding:.35em .5em;text-align:left;vertical-align:top}
td.pi-number{text-align:right;white-space:nowrap}
@page{size:A4;margin:16mm 15mm}
@media print{
 body{max-width:none;margin:0;padding:0;font-size:11pt;color:#000}
 small{color:#000}
 h1,h2{break-after:avoid}
 li,tr{break-inside:avoid}
}
"""


def page(title: str, body: str, lang: str) -> str:
    """A standalone page: ``title`` (plain text, escaped here) over ``body`` (markup, already escaped)."""
    check_language(lang)
    return (f"<!DOCTYPE html>\n<html lang='{HTML_LANG[lang]}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{html.escape(title, quote=True)}</title><style>{CSS}</style></head>"
            f"<body>{body}</body></html>\n")
