"""Published cases through the engine: the lesson's case list, what it says about each case against what the
engine gives, Guiding Case 194's joint crime, loading errors, and that every case keeps to the references."""
import dataclasses
import os
import re
from pathlib import Path

import pytest

from lessons.content.errors import ContentError
from lessons.content.reader import CONTENT_DIR
from lessons.content.thresholds import load_thresholds
from lessons.engine.court_cases import (LABELS, REASONS, compare, court_ranges, lesson_mismatches, load_court_cases,
                                        published_cases)

TH = load_thresholds()
CASES = load_court_cases()
REFERENCE = Path(os.environ.get("PI_LESSONS_REFERENCE") or Path(__file__).resolve().parents[2] / "shared/reference")
CASES_MD, LEGAL_2026 = REFERENCE / "cases.md", REFERENCE / "legal-2026.md"
# cases.md entries the lesson must not use: outcome UNVERIFIED, spam-site copies, no facts or per-person sentence
EXCLUDED = {"SPP2022-1", "NEWS-YZH", "NEWS-LA-CIVIL", "NEWS-BJ-KH"}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_at_least_sixteen_published_cases_with_the_four_guiding_cases():
    published = published_cases(CASES)
    assert {"GC192", "GC193", "GC194", "GC195"} <= set(published)
    assert len(published) >= 16 and len(set(published) - {"GC192", "GC193", "GC194", "GC195"}) >= 12
    assert not set(published) & EXCLUDED
    for c in CASES.values():
        assert c.label in LABELS
        assert c.title.en and c.title.zh and c.source.en and c.source.zh and c.facts_text.en and c.facts_text.zh
        assert c.counting.en and c.counting.zh and c.court.text.en and c.court.text.zh


def test_what_the_lesson_says_is_what_the_engine_gives():
    """The lesson can never claim agreement (or a reason) the engine does not give."""
    assert lesson_mismatches(CASES) == []
    for c in CASES.values():
        cmp = compare(c)
        assert set(cmp.reasons) <= set(REASONS) and cmp.reasons
        assert cmp.agree is c.lesson.agree
        if not cmp.agree:
            assert c.lesson.why is not None and c.lesson.why.en and c.lesson.why.zh


def test_a_lesson_claiming_agreement_the_engine_does_not_give_is_caught():
    fan = CASES["gc194_fan"]
    claimed = dataclasses.replace(fan, lesson=dataclasses.replace(fan.lesson, agree=True, reasons=("agree",)))
    assert lesson_mismatches({"gc194_fan": claimed}) == [
        "gc194_fan: the lesson says agree=True ['agree'], the engine gives agree=False "
        "['joint_crime', 'below_floor_unexplained']"]


def test_every_difference_is_explained():
    differing = {cid: compare(c).reasons for cid, c in CASES.items() if not compare(c).agree}
    assert differing  # the lesson shows differences, not only agreement
    explained = {"mitigation_given", "below_floor_unexplained", "information_kind", "counting_choice",
                 "facts_missing", "other_article"}
    for cid, reasons in differing.items():
        assert set(reasons) & explained, cid


def test_guiding_case_194_co_defendants_answer_for_the_joint_offence():
    """C1: the joint offence's tier for every participant; the lower sentences are mitigation, not a lower tier."""
    gc194 = [c for c in CASES.values() if c.case == "GC194"]
    assert len(gc194) == 3 and all(c.joint for c in gc194)
    assert {c.facts.illegal_gains_yuan for c in gc194} == {200000}  # the joint offence's gains, not each share
    for c in gc194:
        cmp = compare(c)
        assert cmp.engine.tier == "especially_serious" and c.court.tier == "especially_serious"
        assert "joint_crime" in cmp.reasons
    for cid in ("gc194_xiong_changlin", "gc194_fan"):
        cmp = compare(CASES[cid])
        assert not cmp.agree and cmp.tier_agrees and not cmp.range_agrees
        assert "below_floor_unexplained" in cmp.reasons
        why = CASES[cid].lesson.why
        assert "27" in why.en and "第二十七条第二款" in why.zh and "第六十三条" in why.zh
    assert compare(CASES["gc194_xiong_changheng"]).agree


def test_an_own_share_of_the_gains_would_give_the_old_wrong_tier():
    """The old data entered each person's own gains (29,000 yuan): a "serious" tier the court never found."""
    lin = CASES["gc194_xiong_changlin"]
    own = dataclasses.replace(lin, facts=dataclasses.replace(lin.facts, illegal_gains_yuan=29000))
    assert compare(own).engine.tier == "serious" and compare(lin).engine.tier == "especially_serious"


def test_fines_are_compared_with_the_defendants_own_gains():
    assert compare(CASES["gc194_fan"]).fine_multiple == round(30000 / 14500, 2)


def test_guiding_case_192_does_not_rest_on_pipl_article_70():
    """C2: the 2021-08-23 judgment came before the PIPL (in force 2021-11-01)."""
    li = CASES["gc192_li"]
    assert "第七十条" not in li.court.text.zh and "(PIPL Art. 70)" not in li.court.text.en
    assert "today PIPL Art. 70 would give the procuratorate standing" in li.court.text.en


def test_doubtful_cases_say_what_is_doubtful():
    assert CASES["maimai_chen"].doubt and "5,000" in CASES["maimai_chen"].doubt.en
    assert CASES["cz_peng"].doubt and CASES["cz_peng"].facts.illegal_gains_yuan is None  # gains not used
    assert CASES["spp_j140_ke"].label == "CONFLICT" and CASES["spp_j140_ke"].court.suspended_months is None
    assert CASES["hd_doxxing"].charge == "art_287_1" and "other_article" in compare(CASES["hd_doxxing"]).reasons


@pytest.mark.skipif(not CASES_MD.exists(), reason="shared reference not available")
def test_chinese_quotations_and_names_are_in_the_references():
    reference = squeeze(CASES_MD.read_text(encoding="utf-8") + LEGAL_2026.read_text(encoding="utf-8"))
    for c in CASES.values():
        quoted = [c.court.text.zh] + ([c.facts_text.zh] if c.facts_verbatim else [])
        for text in quoted:
            for sentence in re.split(r"(?<=。)", text):
                assert squeeze(sentence) in reference, (c.id, sentence[:40])
        for name in re.split(r"[、（）]", c.defendant.replace("（各）", "")):
            if name:
                assert name in reference, (c.id, name)
        if c.court.judgment:
            ascii_form = c.court.judgment.replace("（", "(").replace("）", ")")
            assert c.court.judgment in reference or ascii_form in reference, c.id


@pytest.mark.parametrize("months,expected", [(6, ("serious",)), (35, ("serious",)),
                                             (36, ("serious", "especially_serious")), (37, ("especially_serious",)),
                                             (84, ("especially_serious",)), (85, ())])
def test_the_ranges_a_sentence_fits(months, expected):
    assert court_ranges(months, TH) == expected


def test_below_the_floor_is_mitigation_or_unexplained():
    yp = compare(CASES["yp_wu"])  # surrender: a ground for mitigation the facts give
    assert "mitigation_given" in yp.reasons and not yp.agree
    no_surrender = dataclasses.replace(CASES["yp_wu"], facts=dataclasses.replace(CASES["yp_wu"].facts, surrender=None))
    assert "below_floor_unexplained" in compare(no_surrender).reasons


def test_fine_outside_the_guideline_is_named():
    assert "fine_above_guideline" in compare(CASES["lu038_chen"]).reasons  # about 33 times the gains
    assert "fine_below_guideline" in compare(CASES["fz_chen"]).reasons     # about 0.23 times
    assert "no_gains" in compare(CASES["yp_wu"]).reasons


@pytest.mark.parametrize("old,new,field", [
    ("tier: especially_serious", "tier: very_serious", "'court.tier'"),
    ("label: VERIFIED-2SRC", "label: UNVERIFIED", "'label'"),
    ("reasons: [agree, gains_unknown]", "reasons: [agree, vibes]", "'lesson.reasons'"),
    ("conduct: obtain_and_sell", "conduct: steal", "'facts'"),
    ("sentence_months: 36", "sentence_months: thirty-six", "'court.sentence_months'"),
])
def test_bad_case_file_names_file_entry_and_field(tmp_path, old, new, field):
    path = tmp_path / "court_cases.yaml"
    text = (CONTENT_DIR / "court_cases.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_court_cases(path)
    message = str(exc.value)
    assert "court_cases.yaml" in message and "gc192_li" in message and field in message and "\n" not in message


def test_a_differing_case_without_a_why_is_refused(tmp_path):
    text = (CONTENT_DIR / "court_cases.yaml").read_text(encoding="utf-8")
    start = text.index("- id: yp_wu")
    cut = text[start:].index("    why:")
    end = text[start:].index("- id: ", 5)
    path = tmp_path / "court_cases.yaml"
    path.write_text(text[:start] + text[start:start + cut] + text[start + end:], encoding="utf-8")
    with pytest.raises(ContentError, match=r"entry 'yp_wu': field 'lesson.why': is missing"):
        load_court_cases(path)


def test_the_lesson_summary_on_fines_is_what_the_cases_give():
    """Lesson 4's summary: fines "from about a quarter of the gains to more than thirty times"."""
    multiples = [m for m in (compare(c).fine_multiple for c in CASES.values()) if m is not None]
    assert 0.2 <= min(multiples) < 0.3 and max(multiples) > 30


def test_the_documented_count_of_agreements_is_the_engines():
    """docs/lesson4-real-cases.md states how many defendants agree; it must stay true."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "lesson4-real-cases.md").read_text(encoding="utf-8")
    agree = sum(compare(c).agree for c in CASES.values())
    assert f"{agree} of {len(CASES)} defendants agree" in doc and f"{len(CASES) - agree} differ" in doc


def test_the_lesson_text_counts_the_cases_it_has():
    source = (Path(__file__).resolve().parents[1] / "source" / "04-court-cases.ipynb").read_text(encoding="utf-8")
    published = published_cases(CASES)
    assert f"本课共有{len(published)}个公开案例、{len(CASES)}名被告人" in source
    assert f"另外{len(published) - 4}个公开案例" in source and f"with {len(CASES)} defendants" in source
    assert "第35批指导性案例" in source and "35th batch of guiding cases" in source  # C5
    assert "对个人认定较低的情节" not in source  # C1: the old summary's per-person lower tier
