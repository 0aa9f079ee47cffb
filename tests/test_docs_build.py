"""The documentation site builds (`make docs`) and holds every page: the docs, the benchmark pages and every
lesson in both languages, rendered from the notebooks' stored outputs."""

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SITE = DOCS / "_build" / "html"


@pytest.fixture(scope="module")
def site() -> Path:
    if shutil.which("npm") is None and not (ROOT / ".ci" / "myst" / "node_modules").is_dir():
        if os.environ.get("CI"):
            pytest.fail("make docs needs node and npm; .ci/run installs them")
        pytest.skip("make docs needs node and npm (Debian: apt-get install nodejs npm)")
    run = subprocess.run(["make", "-s", "docs"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    return SITE


def notebooks(lang: str) -> list[Path]:
    return sorted(p for p in (ROOT / "notebooks" / lang).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def page_of_notebook(site: Path, lang: str, notebook: Path) -> Path:
    relative = notebook.relative_to(ROOT / "notebooks" / lang).with_suffix("")
    return site / f"{lang}-{'-'.join(relative.parts)}.html"


def test_every_docs_page_is_built(site: Path) -> None:
    sources = sorted(DOCS.glob("*.md")) + sorted((DOCS / "benchmarks").glob("*.md"))
    assert sources
    for source in sources:
        relative = source.relative_to(DOCS).with_suffix("")
        page = site / f"{'-'.join(relative.parts)}.html"
        assert page.is_file(), f"{source.relative_to(ROOT)} has no page in the site"
        assert f'data-source="{source.relative_to(DOCS).as_posix()}"' in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_lesson_is_a_page_in_its_language(site: Path, lang: str) -> None:
    lessons = notebooks(lang)
    assert len(lessons) >= 8, "the lessons and the teacher's page"
    for notebook in lessons:
        page = page_of_notebook(site, lang, notebook)
        assert page.is_file(), f"{notebook.relative_to(ROOT)} has no page in the site"
        text = page.read_text(encoding="utf-8")
        assert f'<html lang="{"en" if lang == "en" else "zh-Hans"}">' in text
        first = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
        assert first and first.group(1).strip(), f"{page.name} has no title"
        headings = [line.lstrip("# ").strip() for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
                    if cell["cell_type"] == "markdown" for line in "".join(cell["source"]).splitlines()
                    if line.startswith("# ")]
        assert html.unescape(first.group(1).strip()) in headings, "the page's title is the lesson's own heading"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_pages_show_stored_outputs_not_code(site: Path, lang: str) -> None:
    """A page reads like the code-free app: the stored outputs, no code cells, no JupyterLab-only cells."""
    notebook = ROOT / "notebooks" / lang / "01-what-is-personal-information.ipynb"
    text = page_of_notebook(site, lang, notebook).read_text(encoding="utf-8")
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    outputs = [o["data"]["text/html"] for c in cells if c["cell_type"] == "code"
               for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert outputs, "Lesson 1 stores HTML outputs"
    first_output = "".join(outputs[0])
    clause = re.search(r"<b>([^<]+)</b>", first_output)
    assert clause and clause.group(1) in text, "a stored output of Lesson 1 is on its page"
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    assert not any(html.escape(line) in text for source in code for line in source.splitlines()
                   if len(line) > 20), "code cells are left out"
    lab_only = ["".join(c["source"]) for c in cells if "lab-only" in c.get("metadata", {}).get("tags", [])]
    assert lab_only, "Lesson 1 has a JupyterLab-only cell"
    for source in lab_only:
        plain = re.split(r"[*`\[<]", max(source.splitlines(), key=len).lstrip("#>- "))[0]
        assert len(plain) >= 10 and html.escape(plain) not in text, "cells tagged lab-only are left out"


def test_chinese_pages_list_only_chinese_pages(site: Path) -> None:
    text = page_of_notebook(site, "zh", ROOT / "notebooks" / "zh" / "00-start-here.ipynb").read_text("utf-8")
    nav = re.search(r"<nav[^>]*>(.*?)</nav>", text, re.S)
    assert nav is not None
    assert 'href="zh-01-what-is-personal-information.html"' in nav.group(1)
    assert "Lesson 1" not in nav.group(1) and 'href="en-' not in nav.group(1)


def test_links_between_pages_resolve(site: Path) -> None:
    for page in site.glob("*.html"):
        for target in re.findall(r'href="([^"#:]+\.html)', page.read_text(encoding="utf-8")):
            assert (site / target).is_file(), f"{page.name} links {target}, which is not in the site"
