"""The tier vocabularies are declared once (lessons.content.tier_ids); everything else derives from it."""
import ast
import re
from dataclasses import fields
from pathlib import Path

from lessons.classify.pieces import Pieces as TablePieces
from lessons.content.course import load_content
from lessons.content.thresholds import load_thresholds
from lessons.content.tier_ids import CRIME_TIERS, OUTCOME_TIERS, TIER_IDS, rank
from lessons.engine.facts import Pieces

PACKAGE = Path(__file__).resolve().parents[1] / "lessons"
DECLARATION = PACKAGE / "content" / "tier_ids.py"
TIER_LITERAL = re.compile(r"^tier_(50|500|5000)$")
OUTCOME_LITERAL = re.compile(r"^(serious|especially_serious)$")


def _code_literals(pattern: re.Pattern) -> list[str]:
    """String constants in lessons' code (not docstrings) matching ``pattern``, as ``path:line``."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == DECLARATION:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and pattern.match(node.value)):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return found


def test_no_quantity_tier_id_is_written_outside_the_declaration():
    assert _code_literals(TIER_LITERAL) == []


def test_no_outcome_tier_is_written_outside_the_declaration():
    assert _code_literals(OUTCOME_LITERAL) == []


def test_pieces_fields_are_the_declared_tiers_in_order():
    assert tuple(f.name for f in fields(Pieces)) == TIER_IDS


def test_content_and_thresholds_define_exactly_the_declared_tiers():
    assert tuple(load_content().tiers) == TIER_IDS
    th = load_thresholds()
    assert [th.value(t) for t in TIER_IDS] == [50, 500, 5000]


def test_outcome_tiers_rank_lightest_first():
    assert [rank(t) for t in OUTCOME_TIERS] == [0, 1, 2]
    assert CRIME_TIERS == OUTCOME_TIERS[1:]


def test_table_levels_use_the_declared_outcome_tiers():
    levels = {TablePieces(rows=n, duplicates_removed=0, pieces=dict.fromkeys(TIER_IDS, n),
                              without_personal_information=0).level
              for n in (0, 50, 5000)}
    assert levels - {"below"} <= set(CRIME_TIERS)
