"""What the lessons' markdown shows a reader: one language per notebook, no literal emphasis marks left unrendered."""
import json
import re
from pathlib import Path

import mistune
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for lang in ("en", "zh") for p in (ROOT / "notebooks" / lang).rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")


def shown_text(markdown: str) -> str:
    """The rendered text of a markdown cell, code and tags removed."""
    html = mistune.html(markdown)
    html = re.sub(r"<(code|pre)>.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


def markdown_of(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def chinese_share(text: str) -> float:
    """Chinese characters among the letters and characters of ``text`` (0 when it has none)."""
    cjk, latin = len(CJK.findall(text)), len(LATIN.findall(text))
    return cjk / (cjk + latin) if cjk + latin else 0.0


def paragraphs(path: Path) -> list[str]:
    """The rendered text blocks (paragraphs, headings, list items, table cells) of a notebook's markdown."""
    blocks = [b for cell in markdown_of(path) for b in re.split(r"</(?:p|h\d|li|td|th)>", mistune.html(cell))]
    return [text for b in blocks if (text := shown_text(b).strip())]


def rel(path: Path) -> str:
    return path.relative_to(ROOT / "notebooks").as_posix()


def test_both_languages_have_the_same_lessons():
    en = {rel(p)[3:] for p in NOTEBOOKS if rel(p).startswith("en/")}
    assert len(en) >= 8 and en == {rel(p)[3:] for p in NOTEBOOKS if rel(p).startswith("zh/")}


def test_a_literal_mark_is_caught():
    # CommonMark does not open bold before full-width punctuation that follows a CJK character.
    assert "**" in shown_text("分类器回答**“无法确定”**，而不是猜测。")
    assert "**" not in shown_text("分类器回答“**无法确定**”，而不是猜测。")


def test_the_language_measures_tell_the_languages_apart():
    assert chinese_share("Article 253-1 (情节严重) sets two tiers.") < 0.3
    assert chinese_share("侵犯公民个人信息罪规定在《刑法》第二百五十三条之一（JupyterLab）。") > 0.6
    assert paragraphs(ROOT / "notebooks" / "zh" / "00-start-here.ipynb")  # the zh wrapper keeps its paragraphs


@pytest.mark.parametrize("path", NOTEBOOKS, ids=rel)
def test_no_literal_emphasis_marks_in_rendered_markdown(path):
    bad = [f"{line.strip()[:80]}" for cell in markdown_of(path)
           for line in shown_text(cell).splitlines() if "**" in line or "__" in line]
    assert bad == []


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if rel(p).startswith("en/")], ids=rel)
def test_an_english_notebook_has_no_chinese_paragraph(path):
    """Quoted terms (情节严重, a header like 联系电话, the link 阅读中文版) are fine; a Chinese paragraph is not."""
    chinese = [p[:80] for p in paragraphs(path) if chinese_share(p) > 0.3 and len(CJK.findall(p)) > 8]
    assert chinese == []
    assert chinese_share(" ".join(paragraphs(path))) < 0.03


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if rel(p).startswith("zh/")], ids=rel)
def test_a_chinese_notebook_is_chinese(path):
    english = [p[:80] for p in paragraphs(path) if chinese_share(p) < 0.3 and len(LATIN.findall(p)) > 40]
    assert english == []
    assert chinese_share(" ".join(paragraphs(path))) > 0.7
    assert all(cell.startswith('<div lang="zh-Hans">\n\n') for cell in markdown_of(path))  # read aloud as Chinese


def test_one_register_of_chinese():
    """The course addresses the learner as 你 throughout (quoted statutes and cases keep their own words)."""
    content = [p for p in (ROOT / "data" / "content").rglob("*.yaml")
               if "provisions" not in p.parts and p.name != "court_cases.yaml"]
    assert len(content) > 20
    sources = sorted((ROOT / "source").rglob("*.ipynb"))
    assert sources
    polite = [
        p.relative_to(ROOT).as_posix() for p in content + NOTEBOOKS + sources if "您" in p.read_text(encoding="utf-8")
    ]
    assert polite == []
