"""Published cases (Guiding Cases 192-195) through the engine: loading, the ranges a sentence fits, reasons for
differences, and that every case keeps to what the legal reference gives."""
import dataclasses
import re
from pathlib import Path

import pytest

from lessons.content.errors import ContentError
from lessons.content.reader import CONTENT_DIR
from lessons.engine.court_cases import REASONS, compare, court_ranges, load_court_cases
from lessons.content.thresholds import load_thresholds

TH = load_thresholds()
CASES = load_court_cases()
LEGAL_2026 = Path(__file__).resolve().parents[2] / "shared" / "reference" / "legal-2026.md"


def test_guiding_cases_192_to_195_are_all_there():
    assert {c.case for c in CASES.values()} == {192, 193, 194, 195}
    assert len(CASES) >= 9
    for c in CASES.values():
        assert c.title.en and c.title.zh and c.story.en and c.story.zh and c.source.en and c.source.zh
        assert c.counting.en and c.counting.zh and c.court.text.en and c.court.text.zh


@pytest.mark.skipif(not LEGAL_2026.exists(), reason="shared legal reference not available")
def test_names_and_judgments_are_as_the_reference_gives_them():
    reference = re.sub(r"\s+", "", LEGAL_2026.read_text(encoding="utf-8"))
    for c in CASES.values():
        for name in re.split(r"[、（）]", c.defendant.replace("（各）", "")):
            if name:
                assert name in reference, (c.id, name)
        ascii_form = c.court.judgment.replace("（", "(").replace("）", ")")
        assert c.court.judgment in reference or ascii_form in reference, c.id


@pytest.mark.parametrize("months,expected", [(6, ("serious",)), (35, ("serious",)), (36, ("serious", "especially_serious")),
                                             (37, ("especially_serious",)), (84, ("especially_serious",)), (85, ())])
def test_the_ranges_a_sentence_fits(months, expected):
    assert court_ranges(months, TH) == expected


def test_every_comparison_agrees_or_says_why():
    for c in CASES.values():
        cmp = compare(c)
        assert set(cmp.reasons) <= set(REASONS) and cmp.reasons
        assert ("agree" in cmp.reasons) is (cmp.tier_agrees and cmp.range_agrees and not set(cmp.reasons) - {
            "agree", "tier_not_stated", "gains_unknown"})
        # the engine gives ranges, never the court's sentence
        assert cmp.engine.imprisonment_months is None or cmp.engine.imprisonment_months[0] < cmp.engine.imprisonment_months[1]


def test_known_outcomes():
    zhu = compare(CASES["gc193_zhu"])  # 39 months: only the 3-7 year range fits
    assert zhu.court_ranges == ("especially_serious",) and zhu.engine.tier == "especially_serious" and zhu.range_agrees
    qu = compare(CASES["gc195_qu"])   # insider: heavier punishment, fine 1.62x the gains
    assert qu.engine.heavier_punishment and qu.engine.tier == "serious" and qu.fine_multiple == 1.62
    li = compare(CASES["gc192_li"])   # 36 months suspended: the floor of especially serious, probation possible
    assert li.engine.tier == "especially_serious" and 36 in range(li.engine.imprisonment_months[0], 37)
    assert li.engine.probation_possible and "gains_unknown" in li.reasons


def test_below_the_floor_is_mitigation_or_unexplained():
    zhu = CASES["gc193_zhu"]
    below = dataclasses.replace(zhu, court=dataclasses.replace(zhu.court, sentence_months=22))
    assert "below_floor_unexplained" in compare(below).reasons and not compare(below).range_agrees
    surrendered = dataclasses.replace(below, facts=dataclasses.replace(below.facts, surrender=True))
    assert "mitigation_given" in compare(surrendered).reasons


def test_fine_outside_the_guideline_is_named():
    fan = CASES["gc194_fan"]
    low = dataclasses.replace(fan, court=dataclasses.replace(fan.court, fine_yuan=5000))
    high = dataclasses.replace(fan, court=dataclasses.replace(fan.court, fine_yuan=100000))
    assert "fine_below_guideline" in compare(low).reasons and "fine_above_guideline" in compare(high).reasons


def test_bad_case_file_names_entry_and_field(tmp_path):
    path = tmp_path / "court_cases.yaml"
    text = (CONTENT_DIR / "court_cases.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("tier: especially_serious", "tier: very_serious", 1), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_court_cases(path)
    assert "gc192_li" in str(exc.value) and "'court'" in str(exc.value) and "\n" not in str(exc.value)
    path.write_text(text.replace("conduct: obtain_and_sell", "conduct: steal", 1), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_court_cases(path)
    assert "'facts'" in str(exc.value) and "steal" in str(exc.value)
