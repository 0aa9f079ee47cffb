"""What the lessons' markdown shows a reader: no literal emphasis marks left unrendered."""
import json
import re
from pathlib import Path

import mistune
import pytest

NOTEBOOKS = sorted(p for p in (Path(__file__).resolve().parents[1] / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)


def shown_text(markdown: str) -> str:
    """The rendered text of a markdown cell, code and tags removed."""
    html = mistune.html(markdown)
    html = re.sub(r"<(code|pre)>.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


def test_a_literal_mark_is_caught():
    # CommonMark does not open bold before full-width punctuation that follows a CJK character.
    assert "**" in shown_text("分类器回答**“无法确定”**，而不是猜测。")
    assert "**" not in shown_text("分类器回答“**无法确定**”，而不是猜测。")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_literal_emphasis_marks_in_rendered_markdown(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    bad = [f"cell {i}: {line.strip()[:80]}" for i, c in enumerate(cells) if c["cell_type"] == "markdown"
           for line in shown_text("".join(c["source"])).splitlines() if "**" in line or "__" in line]
    assert bad == []


def test_one_register_of_chinese():
    """The course addresses the learner as 你 throughout (quoted statutes and cases keep their own words)."""
    root = Path(__file__).resolve().parents[1]
    content = [p for p in (root / "data" / "content").rglob("*.yaml")
               if "provisions" not in p.parts and p.name != "court_cases.yaml"]
    assert len(content) > 20
    polite = [p.relative_to(root).as_posix() for p in content + NOTEBOOKS if "您" in p.read_text(encoding="utf-8")]
    assert polite == []
