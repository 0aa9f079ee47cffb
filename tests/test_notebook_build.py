"""The lesson notebooks in notebooks/en and notebooks/zh are built from source/: one source per lesson."""
import importlib.util
import re
import shutil
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("execute_notebooks", ROOT / "scripts" / "execute_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def source(*cells):
    nb = nbformat.v4.new_notebook()
    for kind, text, tags in cells:
        cell = (nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell)(text)
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    return nb


def test_built_notebooks_are_exactly_what_the_sources_make(build):
    assert len(build.sources()) >= 8
    assert build.differences() == []


def test_an_edited_or_stray_built_notebook_is_caught(build, tmp_path, monkeypatch):
    copy = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", copy)
    monkeypatch.setattr(build, "BUILT", copy)
    edited = copy / "zh" / "01-what-is-personal-information.ipynb"
    nb = nbformat.read(edited, as_version=4)
    nb.cells[1].source += " 改了一个字"
    nbformat.write(nb, edited)
    (copy / "en" / "07-extra.ipynb").write_text((copy / "en" / "06-review.ipynb").read_text("utf-8"), "utf-8")
    (copy / "en" / "06-review.ipynb").unlink()
    assert sorted(build.differences()) == [
        "notebooks/en/06-review.ipynb: missing", "notebooks/en/07-extra.ipynb: has no source",
        "notebooks/zh/01-what-is-personal-information.ipynb: differs from source/01-what-is-personal-information.ipynb"]


def test_each_language_keeps_the_shared_cells_and_its_own(build):
    nb = source(("markdown", "# Title", ["en"]), ("markdown", "# 标题\n\n**粗体**", ["zh"]),
                ("code", 'page = Page("en")', ["en"]), ("code", 'page = Page("zh")', ["zh"]),
                ("code", "Widget(page=page)", None), ("markdown", "Run All Cells", ["en", "lab-only"]))
    en, zh = build.build(nb, "teacher/x.ipynb", "en"), build.build(nb, "teacher/x.ipynb", "zh")
    assert [c.source for c in en.cells] == ['# Title\n\n[← Course list](../00-start-here.ipynb) · '
                                            '<span lang="zh-Hans">[阅读中文版](../../zh/teacher/x.ipynb)</span>',
                                            'page = Page("en")', "Widget(page=page)", "Run All Cells"]
    assert en.cells[-1].metadata["tags"] == ["en", "lab-only"] and "tags" not in en.cells[2].metadata
    assert [c.source for c in zh.cells] == [
        '<div lang="zh-Hans">\n\n# 标题\n\n**粗体**\n\n'
        "[← 课程目录](../00-start-here.ipynb) · "
        '<span lang="en">[English version](../../en/teacher/x.ipynb)</span>\n\n</div>',
        'page = Page("zh")',
        "Widget(page=page)",
    ]
    assert zh.metadata["pi_lessons"]["source"] == "source/teacher/x.ipynb"
    assert "edit that file" in en.metadata["pi_lessons"]["note"]


def test_sources_are_for_editing_and_builds_for_reading(build):
    for rel in build.sources():
        nb = nbformat.read(build.SOURCE / rel, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells), rel  # outputs live in the built notebooks only
        for cell in nb.cells:
            tags = cell.metadata.get("tags", [])
            assert len([t for t in tags if t in build.LANGUAGES]) <= 1, (rel, cell.source[:40])
            assert cell.cell_type == "code" or tags, (rel, "a markdown cell belongs to one language", cell.source[:40])
            assert "zh-Hans" not in cell.source  # the build adds it
        for lang in build.LANGUAGES:
            built = nbformat.read(build.BUILT / lang / rel, as_version=4)
            code = [c.source for c in built.cells if c.cell_type == "code"]
            assert code[0] == f'from lessons.widgets.page import Page\n\npage = Page("{lang}")', rel


WIDGETS = re.compile(r"\b(StartHere|Learner|CategoryExplorer|SelfCheck|LabellingWidget|ClassifierReveal|PieceCounter|"
                     r"UploadClassifier|AggregationWidget|StepperWidget|ScenarioBuilderWidget|CourtCaseQuiz|ActionPlan|"
                     r"Review|ClassSummaryView)\((.*?)\)$", re.M | re.S)
STATIC = re.compile(r"\b(clauses|categories_table|mapping_table)\((.*?)\)$", re.M | re.S)


def test_every_widget_shares_the_page_and_every_static_view_speaks_its_language(build):
    calls = 0
    for rel in build.sources():
        text = "\n".join(
            c.source for c in nbformat.read(build.SOURCE / rel, as_version=4).cells if c.cell_type == "code"
        )
        for name, args in WIDGETS.findall(text):
            calls += 1
            assert "page=page" in args, (rel, name)
        for name, args in STATIC.findall(text):
            calls += 1
            assert "page.lang" in args, (rel, name)
    assert calls >= 20


def test_the_start_page_links_the_lessons_of_the_language_shown(build):
    from lessons.widgets.page import Page
    from lessons.widgets.start_page import StartHere

    start = StartHere(page=Page("zh", remember=False))
    links = re.findall(r"href='([^']+)'", start.html("view"))
    assert links and all(link.startswith("../zh/") for link in links)
    for link in links:  # each one opens a built notebook, seen from notebooks/zh/00-start-here.ipynb
        assert (build.BUILT / "zh" / link).resolve().is_file(), link
    start.set_language("en")
    assert re.findall(r"href='([^']+)'", start.html("view")) == [link.replace("../zh/", "../en/") for link in links]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_has_a_title_in_its_language_and_a_way_back_to_the_course_list(build, lang):
    """Voilà shows ``metadata.title`` as the tab title and while the page loads; a lesson page links the start page."""
    han = re.compile(r"[\u4e00-\u9fff]")
    for rel in build.sources():
        nb = nbformat.read(ROOT / "notebooks" / lang / rel, as_version=4)
        title = nb.metadata.get("title", "")
        assert title and bool(han.search(title)) == (lang == "zh") and "ipynb" not in title, (rel, title)
        first = next(c.source for c in nb.cells if c.cell_type == "markdown")
        back = {"en": "[← Course list](", "zh": "[← 课程目录]("}[lang]
        if rel.endswith("00-start-here.ipynb"):
            assert back not in first
        else:
            target = first.split(back, 1)[1].split(")", 1)[0]
            assert (
                ROOT / "notebooks" / lang / Path(rel).parent / target
            ).resolve() == ROOT / "notebooks" / lang / "00-start-here.ipynb"
