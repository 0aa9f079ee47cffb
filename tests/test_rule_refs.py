"""Rules are referred to by the rule functions themselves, not by their names written out as strings."""
import ast
import importlib
from pathlib import Path

from lessons.engine import administrative, rules, sentencing
from lessons.engine.assess import assess
from lessons.engine.facts import Facts

PACKAGE = Path(__file__).resolve().parents[1] / "lessons"
# Strings that are a rule's name by coincidence: Assessment fields and JSON keys, a threshold id, a range kind.
NOT_LOOKUPS = {"heavier_punishment", "leniency", "unit_fined", "fine_minimum", "criminal_detention"}


def _rules() -> list:
    modules = (rules, sentencing, administrative)
    return [v for m in modules for v in vars(m).values() if callable(v) and hasattr(v, "clause") and hasattr(v, "name")]


def test_every_rule_is_named_after_its_function():
    found = _rules()
    assert len(found) > 50
    assert all(r.name == r.__name__ for r in found)


def test_the_engine_sets_of_rules_hold_rule_functions():
    assess_module = importlib.import_module("lessons.engine.assess")  # the package exports the function
    for group in (rules.PARA2, rules.INSIDER_RULES, rules.ART5, rules.ART6, assess_module.OUTCOME_RULES,
                  administrative.DATED, administrative.PRIVACY, administrative.OLD_TEXTS):
        assert group and all(callable(r) and isinstance(r.name, str) for r in group), group


def test_a_step_is_found_by_its_rule_or_its_name():
    result = assess(Facts.from_dict({"conduct": "sell_or_provide", "pieces": {"tier_5000": 2500},
                                     "obtained_in_duties": True}))
    step = result.step(rules.item8_insider_half)
    assert step is not None and step is result.step("item8_insider_half") and step.holds
    assert step.of(rules.item8_insider_half) and step.of(*rules.INSIDER_RULES)
    assert not step.of(rules.item5_five_thousand_pieces)
    # Only the halved standard makes it serious, and the same fact makes the punishment heavier: a warning.
    assert result.tier == "serious" and result.heavier_punishment and "warn_insider_double_use" in result.warnings


def test_no_rule_is_looked_up_by_a_name_written_in_the_code():
    names = {r.name for r in _rules()}
    written = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names
                    and node.value not in NOT_LOOKUPS):
                written.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.value}")
    assert written == []
