"""The facts of a case are declared once (lessons.engine.fact_table): the Facts fields, the parser, the labels
and the case builder's controls follow the declaration."""
from dataclasses import fields

import pytest

from lessons.content.course import load_content
from lessons.content.errors import LessonsError
from lessons.content.tier_ids import TIER_IDS
from lessons.engine import fact_table
from lessons.engine.fact_table import AMOUNT, BOOL, CHOICE, CHOICES, FACTS, GROUPS, KINDS, NAMES, label_keys
from lessons.engine.facts import Facts


def test_facts_fields_are_the_declared_facts_in_order():
    assert tuple(f.name for f in fields(Facts)) == NAMES


def test_every_fact_has_a_known_kind_and_group_and_choices_only_where_it_chooses():
    for fact in FACTS:
        assert fact.kind in KINDS and fact.group in GROUPS, fact
        assert bool(fact.choices) == (fact.kind in (CHOICE, CHOICES)), fact


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.name)
def test_every_declared_fact_has_an_english_and_a_chinese_label(fact):
    ui = load_content().ui
    for key in label_keys(fact):
        assert key in ui, key
        assert ui[key].en.strip() and ui[key].zh.strip(), key


def test_the_label_keys_of_pieces_are_one_per_tier():
    assert label_keys(fact_table.BY_NAME["pieces"]) == tuple(f"engine.fact_pieces_{t}" for t in TIER_IDS)


@pytest.mark.parametrize("fact", [f for f in FACTS if f.kind == BOOL], ids=lambda f: f.name)
def test_a_yes_no_fact_is_parsed_as_true_or_false_only(fact):
    assert getattr(Facts.from_dict({fact.name: False}), fact.name) is False
    with pytest.raises(LessonsError, match=fact.name):
        Facts.from_dict({fact.name: "yes"})


@pytest.mark.parametrize("fact", [f for f in FACTS if f.kind in (CHOICE, CHOICES)], ids=lambda f: f.name)
def test_a_choice_fact_takes_its_declared_choices_and_nothing_else(fact):
    for choice in fact.choices:
        value = [choice] if fact.kind == CHOICES else choice
        parsed = getattr(Facts.from_dict({fact.name: value}), fact.name)
        assert parsed == ((choice,) if fact.kind == CHOICES else choice)
    with pytest.raises(LessonsError, match=fact.name):
        Facts.from_dict({fact.name: ["no_such_choice"] if fact.kind == CHOICES else "no_such_choice"})


def test_an_unknown_key_is_refused_with_the_declared_keys_in_order():
    with pytest.raises(LessonsError) as caught:
        Facts.from_dict({"no_such_fact": True})
    assert ", ".join(NAMES) in str(caught.value)


def test_the_groups_the_engine_reads_are_the_declared_ones():
    assert fact_table.AMOUNTS == tuple(f.name for f in FACTS if f.kind == AMOUNT)
    flags = (fact_table.FLAGS + fact_table.UNIT_FLAGS + fact_table.SENTENCING_FLAGS + fact_table.JUDGED_FLAGS
             + fact_table.ADMIN_FLAGS)
    assert sorted(flags) == sorted(f.name for f in FACTS if f.kind == BOOL)


def test_the_case_builder_offers_every_declared_fact_but_those_it_keeps():
    from lessons.classroom import case_builder as builder

    view = pytest.importorskip("lessons.widgets.scenario_builder")
    controls = [name for names in view.SECTIONS.values() for name in names]
    assert sorted(controls) == sorted({*builder.NUMBERS, *builder.CHOICES}), "every control sits in one part"
    # A control is a fact, a tier of the pieces, or the number of buyers (pieces_sold_to_each_buyer).
    offered = {"pieces" if n.startswith("pieces.") else "pieces_sold_to_each_buyer" if n == "buyers" else n
               for n in controls}
    assert offered <= set(NAMES)
    assert offered.isdisjoint(builder.KEPT)
    assert offered | set(builder.KEPT) == set(NAMES)
    assert {n[len("pieces."):] for n in controls if n.startswith("pieces.")} == set(TIER_IDS)


def test_the_case_builder_menus_hold_the_declared_choices():
    from lessons.classroom.case_builder import CHOICES as MENUS

    assert set(MENUS) == {f.name for f in FACTS if f.kind in (CHOICE, CHOICES)} | {
        f.name for f in FACTS if f.kind == BOOL and f.name not in ("unit_set_up_for_crime",)}
    for fact in FACTS:
        if fact.name in MENUS:
            expected = {CHOICE: fact.choices, CHOICES: ("none", *fact.choices), BOOL: ("yes", "no")}[fact.kind]
            assert MENUS[fact.name] == expected, fact.name


def test_the_choices_and_facts_the_rules_name_are_declared():
    import importlib

    from lessons.engine import administrative, case, rules, sentencing

    assess_module = importlib.import_module("lessons.engine.assess")  # the package exports the function
    named = (case.PROVIDING_CONDUCTS, administrative.SELLS, administrative.OBTAINS, assess_module.OBTAINS_FIRST)
    for conducts in named:
        assert set(conducts) <= set(fact_table.CONDUCTS), conducts
    # Para. 2 items 1 and 2 between them name every consequence, each once.
    assert sorted(rules.GRAVE_HARM + rules.LOSS_OR_IMPACT) == sorted(fact_table.CONSEQUENCES)
    for names in (sentencing.EFFECTS, sentencing.FACTORS, sentencing.BELOW_FLOOR):
        assert set(names) <= set(fact_table.SENTENCING_FLAGS), names


def _cases():
    from lessons.engine.court_cases import load_court_cases
    from lessons.engine.scenarios import load_scenarios

    yield from (s.facts for s in load_scenarios().values())
    yield from (c.facts for c in load_court_cases().values())
    yield Facts()
    yield Facts.from_dict({"conduct": "buy_for_business", "pieces": {"tier_50": 10, "tier_5000": 9000},
                           "pieces_sold_to_each_buyer": [{"tier_50": 5}, {"tier_500": None}], "unit_crime": True,
                           "harassing_messages": True, "spread_privacy": True, "surrender": True})


def test_every_fact_a_step_reads_is_declared_and_labelled():
    from lessons.engine.assess import assess

    ui = load_content().ui
    read, unlabelled = set(), set()
    for facts in _cases():
        result = assess(facts)
        for step in result.steps:
            names = {*step.inputs, *step.unknown, *(c.fact for c in step.comparisons)}
            read |= {n.split(".")[0].split("[")[0] for n in names}
            unlabelled |= {n for n in names if "[" not in n and f"engine.fact_{n.replace('.', '_')}" not in ui}
        read |= {n.split(".")[0].split("[")[0] for n in result.missing_facts}
    # Besides the facts: the tier a sentencing step starts from, pieces as counted, the proportional sum.
    assert read - {"tier", "count", "sold_to_all_buyers", "score"} <= set(NAMES)
    assert read & set(NAMES) and unlabelled == set()
