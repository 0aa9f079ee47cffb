"""Lesson 3 widgets, headless: stepper, scenario builder and aggregation picture, in both languages."""
import pytest

from lessons.content.course import load_content
from lessons.engine import Facts, assess
from lessons.engine.scenarios import load_scenarios
from lessons.content.errors import LessonsError
from lessons.engine.report import comparison_line, fact_label, show_value, verdict_lines
from lessons.engine.report import text as engine_text
from lessons.widgets.aggregation_gauge import AggregationWidget
from lessons.widgets.controls import esc, plain_text
from lessons.widgets.scenario_builder import ScenarioBuilderWidget
from lessons.widgets.stepper import StepperWidget


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture(scope="module")
def scenarios():
    return load_scenarios()


def t(content, key, lang="en", **values):
    """A course text as the page shows it: the tests follow the wording instead of copying it."""
    return plain_text(content.text(key, lang, **values))


def lead(content, key, lang="en", **values):
    """A text's words before its one open value ``problem``."""
    return t(content, key, lang, **values, problem="\0").split("\0")[0]


def shows_verdict(content, shown: str, assessment, lang="en") -> bool:
    """The page shows every line of the engine's verdict (in the report's words, whatever they are)."""
    lines = verdict_lines(assessment, content, lang)
    return bool(lines) and all(plain_text(line) in shown for line in lines)


def buttons(widget):
    found, todo = [], [widget]
    while todo:
        item = todo.pop()
        todo += list(getattr(item, "children", ()))
        if type(item).__name__ == "Button":
            found.append(item)
    return found


# -- stepper --------------------------------------------------------------------------------------

def test_stepper_walks_every_step_then_the_result(content, scenarios):
    result = assess(scenarios["bank_clerk"].facts)
    s = StepperWidget(result, content=content, lang="en", remember_language=False)
    assert s.value["index"] == 0 and s.value["clause"] == result.steps[0].clause
    assert "back" not in s.actions and "next" in s.actions
    seen = [s.value["clause"]]
    for _ in range(len(result.steps)):
        s.next()
        seen.append(s.value["clause"])
    assert seen[:-1] == [st.clause for st in result.steps] and s.value["final"]
    assert "next" not in s.actions
    assert result.fine_range_yuan == (2000, 10000) and result.imprisonment_months == (6, 36)
    assert shows_verdict(content, s.read("page"), result)
    with pytest.raises(ValueError, match="not available"):
        s.next()  # Next is disabled on the last page
    assert s.value["final"]
    s.back()
    assert s.value["index"] == len(result.steps) - 1


def test_stepper_page_shows_clause_inputs_comparison_outcome(content, scenarios):
    result = assess(scenarios["bank_clerk"].facts)
    s = StepperWidget(result, content=content, lang="en", remember_language=False)
    target = [st.rule for st in result.steps].index("item8_insider_half")
    for _ in range(target):
        s.next()
    step = result.steps[target]
    body = s.html("page")
    assert esc(content.provisions[step.clause].text.zh) in body  # verbatim Chinese
    assert esc(content.provisions[step.clause].text.en) in body
    assert esc(content.text("clause_labels.unofficial_rendering", "en")) in body  # the note under a rendering
    lines = [esc(comparison_line(content, c, "en")) for c in step.comparisons]
    assert lines and all(line in body for line in lines) and step.status == "met"
    label = esc(fact_label(content, "obtained_in_duties", "en"))
    assert f"{label}: <b>{esc(show_value(content, True, 'en'))}</b>" in body
    assert esc(engine_text(content, "outcome", "en")) in body and esc(engine_text(content, "label_met", "en")) in body
    s.set_language("zh")
    assert all(plain_text(comparison_line(content, c, "zh")) in s.read("page") for c in step.comparisons)
    assert s.read("counter") == t(content, "stepper.counter", "zh", index=target + 1, total=len(result.steps))
    assert s.html("title") == f"<h3>{t(content, 'stepper.title', 'zh')}</h3>"


def test_stepper_skip_rules_that_do_not_hold(content, scenarios):
    result = assess(scenarios["location_tracker"].facts)
    s = StepperWidget(result, content=content, lang="en", remember_language=False)
    full = s.value["total"]
    s.skip(True)
    assert s.value["total"] == full - sum(st.status == "not_met" for st in result.steps)
    assert s.value["index"] == 0


def test_stepper_show_resets(content, scenarios):
    s = StepperWidget(facts=scenarios["bank_clerk"].facts, content=content, lang="en", remember_language=False)
    s.next()
    s.show(assess(scenarios["three_year_line"].facts))
    assert s.value["index"] == 0 and s.value["tier"] == "especially_serious"


def test_every_button_is_labelled(content):
    for widget in (StepperWidget(content=content, lang="zh", remember_language=False),
                   ScenarioBuilderWidget(content=content, lang="zh", remember_language=False)):
        for b in buttons(widget):
            assert b.description or b.tooltip


# -- scenario builder -----------------------------------------------------------------------------

def test_builder_shows_the_models_verdict_as_facts_change(content):
    """The tiers themselves: tests/test_models_builder.py; here the verdict and the stepper follow the model."""
    b = ScenarioBuilderWidget(content=content, lang="en", remember_language=False)
    assert b.value["facts"] == {} and shows_verdict(content, b.read("verdict"), b.model.assessment())
    assert b.model.assessment().missing_facts  # the verdict names the missing facts too
    b.choose("hospital_insider")
    assert b.chosen("preset") == "hospital_insider" == b.model.answers["preset"]
    assert b.value["tier"] == b.model.assessment().tier == "especially_serious"
    assert b.stepper.value["index"] == 0 and b.stepper.value["tier"] == "especially_serious"
    assert shows_verdict(content, b.read("verdict"), b.model.assessment())
    b.set_fact("obtained_in_duties", "no")
    b.set_fact("pieces.tier_500", "400")
    b.set_fact("illegal_gains_yuan", "4,999")
    assert b.model.answers["illegal_gains_yuan"] == "4,999" and b.chosen("illegal_gains_yuan") == "4,999"
    assert b.value["tier"] == b.model.assessment().tier == b.stepper.value["tier"] == "none"
    assert b.value["facts"] == b.model.facts().to_dict()
    assert shows_verdict(content, b.read("verdict"), b.model.assessment())


def test_builder_bad_input_one_line_in_both_languages(content):
    b = ScenarioBuilderWidget(content=content, lang="en", remember_language=False)
    b.set_fact("pieces.tier_5000", "lots")
    assert b.value["problem"] and "\n" not in b.value["problem"]
    label = {lang: fact_label(content, "pieces.tier_5000", lang) for lang in ("en", "zh")}
    problem = t(content, "errors.not_a_number", field=label["en"], value="'lots'")
    assert t(content, "scenario_builder.problem", problem=problem) in b.read("problem") and b.html("verdict") == ""
    b.set_language("zh")
    problem = t(content, "errors.not_a_number", "zh", field=label["zh"], value="'lots'")
    assert t(content, "scenario_builder.problem", "zh", problem=problem) in b.read("problem")
    b.set_fact("pieces.tier_5000", "-4")
    problem = t(content, "errors.negative", "zh", field=label["zh"], value=-4)
    assert t(content, "scenario_builder.problem", "zh", problem=problem) in b.read("problem")  # was English
    b.set_fact("pieces.tier_5000", "五千")
    assert b.value["problem"] == "" and b.value["facts"]["pieces"]["tier_5000"] == 5000
    b.set_fact("pieces.tier_5000", "6000")
    assert b.html("problem") == "" and b.value["problem"] == ""
    b.set_fact("buyers", "2.5")
    bad_buyers = t(content, "scenario_builder.bad_buyers", "zh")
    assert t(content, "scenario_builder.problem", "zh", problem=bad_buyers) in b.read("problem")


def test_builder_starts_from_lesson2_counts(content):
    b = ScenarioBuilderWidget(pieces={"tier_50": 12, "tier_500": 40, "tier_5000": 6100}, content=content, lang="zh",
                              remember_language=False)
    assert b.value["facts"]["pieces"] == {"tier_50": 12, "tier_500": 40, "tier_5000": 6100}
    assert b.value["tier"] == "serious" and shows_verdict(content, b.read("verdict"), assess(Facts.from_dict(
        b.value["facts"])), "zh")
    with pytest.raises(LessonsError, match="pieces.tier_50"):
        ScenarioBuilderWidget(pieces={"tier_50": -1}, content=content, lang="en", remember_language=False)
    with pytest.raises(LessonsError, match="unknown scenario"):
        ScenarioBuilderWidget(scenario="nope", content=content, lang="en", remember_language=False)


def test_builder_language_switch_keeps_facts_and_relabels(content, scenarios):
    b = ScenarioBuilderWidget(scenario="first_offender", content=content, lang="en", remember_language=False)
    before = b.value
    b.set_language("zh")
    assert b.value == before and b.chosen("conduct") == "obtain_and_sell"
    shown = dict((choice, label) for label, choice in b.choices("conduct"))["obtain_and_sell"]
    assert b.read("fact-conduct") == f"{fact_label(content, 'conduct', 'zh')} {shown}" and shown != "obtain_and_sell"
    assert (scenarios["first_offender"].title("zh"), "first_offender") in b.choices("preset")
    assert shows_verdict(content, b.read("verdict"), assess(scenarios["first_offender"].facts), "zh")
    assert b.stepper.lang == "zh"


# -- aggregation ----------------------------------------------------------------------------------

def test_aggregation_picture_and_tiers(content):
    a = AggregationWidget(pieces={"tier_50": 30, "tier_500": 200, "tier_5000": 1000}, content=content, lang="en",
                          remember_language=False)
    assert a.value["score"] == 1.2 and a.value["tier"] == "serious"
    assert "<svg" in a.html("picture")
    assert t(content, "aggregation.line_1") in a.read("picture") and t(content, "aggregation.line_10") in a.read(
        "picture")
    assert t(content, "aggregation.formula", sums="30/50 + 200/500 + 1,000/5,000", score="1.20") in a.read("result")
    a.set_fact("pieces.tier_5000", 900)
    assert a.value["score"] == 1.18
    a.set_fact("pieces.tier_50", 0)
    a.set_fact("pieces.tier_500", 0)
    a.set_fact("pieces.tier_5000", 4999)
    assert a.value["tier"] == "none"
    a.set_fact("obtained_in_duties", True)
    assert a.value["score"] == 1.9996 and a.value["tier"] == "serious" and "/2,500" in a.read("result")
    a.set_fact("pieces.tier_5000", 25000)
    assert a.value["score"] == 10 and a.value["tier"] == "especially_serious" and "▶" not in a.read("picture")
    a.set_fact("pieces.tier_5000", 40000)
    assert "▶" in a.read("picture")  # beyond the drawn scale
    a.set_language("zh")
    assert t(content, "aggregation.line_1", "zh") in a.read("picture")
    tier = engine_text(content, "tier_especially_serious", "zh")
    assert t(content, "aggregation.verdict", "zh", tier=tier) in a.read("result")


def test_builder_keeps_preset_on_language_switch():
    from lessons.widgets.scenario_builder import ScenarioBuilderWidget

    b = ScenarioBuilderWidget(scenario="gains_unknown", lang="en", remember_language=False)
    b.set_language("zh")
    assert b.chosen("preset") == "gains_unknown" and b.read("story") != ""


def test_builder_case_survives_a_restart(tmp_path):
    from lessons.classroom.progress import Progress
    from lessons.widgets.scenario_builder import ScenarioBuilderWidget

    first = ScenarioBuilderWidget(lang="en", remember_language=False, progress=Progress(tmp_path, learner="Li Lei"))
    first.choose("gains_unknown")
    first.set_fact("illegal_gains_yuan", "6000")
    again = ScenarioBuilderWidget(lang="en", remember_language=False, progress=Progress(tmp_path, learner="Li Lei"))
    assert again.chosen("preset") == "gains_unknown" and again.chosen("illegal_gains_yuan") == "6000"
    assert again.value["tier"] == first.value["tier"] == "serious"


