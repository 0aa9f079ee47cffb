"""The content layer: complete, bilingual, consistent with the legal reference."""
import importlib.util
import re
import shutil

import pytest

from lessons.content.course import CATEGORY_IDS, TIER_IDS, load_content
from lessons.content.errors import ContentError
from lessons.content.reader import CONTENT_DIR

_spec = importlib.util.spec_from_file_location(
    "fingerprint_clauses", CONTENT_DIR.parents[1] / "scripts" / "fingerprint_clauses.py"
)
fingerprints = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fingerprints)

REQUIRED_CLAUSES = (
    [f"CL.253-1.p{n}" for n in range(1, 5)]
    + [f"INT2017.a{n}.p1" for n in range(1, 14)]
    + [f"INT2017.a5.p1.i{n}" for n in range(1, 11)]
    + [f"INT2017.a5.p2.i{n}" for n in range(1, 5)]
    + [f"INT2017.a6.p1.i{n}" for n in range(1, 4)]
    + ["INT2017.a3.p2", "INT2017.a6.p2", "INT2017.a11.p2", "INT2017.a11.p3"]
    + ["PIPL.a4.p1", "PIPL.a4.p2", "PIPL.a28.p1", "PIPL.a28.p2", "CC.a1034.p1", "CC.a1034.p2", "CC.a1034.p3"]
    # 2026: the tiers around the crime, sentencing factors, renumbered CSL, Guiding Cases
    + ["PSAPL2025.a56.p1", "PSAPL2025.a56.p2", "PSAPL2025.a50.p1.i5", "PSAPL2025.a50.p1.i6", "PSAPL2025.a141.p3",
       "CSL2025.a46", "CSL2025.a71.p2", "NDSMR.a11.p2", "PIPL.a52.p1", "PIPL.a54", "PIPL.a64.p1", "PIPL.a66.p1",
       "PIPL.a66.p2", "PIPL.a69.p1", "PIPL.a70.p1", "PIPL.a71", "CL.27.p2", "CL.65.p1", "CL.67.p1", "CL.67.p3",
       "CL.68.p1", "CL.74", "GC192", "GC193", "GC194.p1", "GC194.p2", "GC195"]
)
REQUIRED_TYPES = ["name", "resident_id", "mobile_number", "email", "address", "occupation_employer", "income",
                  "marital_status", "religion", "health_record", "imei", "mac_address", "device_details",
                  "ip_address", "location_track", "bank_card", "online_banking_account", "payment_account",
                  "social_account", "email_account", "account_password", "address_book", "call_record",
                  "message_content", "photo_video", "friend_relationship", "family_member", "browsing_record",
                  "online_activity", "hotel_stay", "transaction_record", "credit_record", "property"]


def test_six_categories_and_three_tiers(content):
    assert tuple(content.categories) == CATEGORY_IDS
    assert [content.tiers[t].threshold for t in TIER_IDS] == [50, 500, 5000]
    assert [content.tiers[t].clause for t in TIER_IDS] == ["INT2017.a5.p1.i3", "INT2017.a5.p1.i4", "INT2017.a5.p1.i5"]


@pytest.mark.parametrize("clause", REQUIRED_CLAUSES)
def test_required_clause_exists(content, clause):
    assert clause in content.provisions


@pytest.mark.parametrize("info_type", REQUIRED_TYPES)
def test_required_information_type(content, info_type):
    t = content.info_types[info_type]
    assert t.category in CATEGORY_IDS and t.tier in TIER_IDS


def test_every_category_has_types(content):
    for cid in CATEGORY_IDS:
        assert content.types_in(cid), cid


def test_open_questions_are_flagged(content):
    # The issue names these as points where the law is open: the content must say so.
    for tid in ("bank_card", "account_password"):
        assert content.info_types[tid].open is not None


def test_pipl_sensitive_types_match_article_28(content):
    sensitive = {t.id for t in content.info_types.values() if t.pipl_sensitive}
    assert {"religion", "health_record", "location_track", "bank_card", "payment_account", "biometric"} <= sensitive
    assert not {"name", "mobile_number", "mac_address"} & sensitive


def test_location_is_whereabouts_tier(content):
    # The lesson's example: a device's precise location is whereabouts information (item 3).
    t = content.info_types["location_track"]
    assert (t.category, t.tier) == ("device", "tier_50")


def test_verbatim_clauses_match_their_checked_fingerprints(content):
    """Runs in any clone: a verbatim clause edited since it was checked against the reference fails here."""
    stored = fingerprints.read_fingerprints()
    verbatim = {p.id: p.text.zh for p in content.provisions.values() if p.verbatim}
    assert verbatim, "no verbatim clauses loaded"
    assert sorted(stored) == sorted(verbatim), "run scripts/fingerprint_clauses.py beside the legal reference"
    for cid, text in verbatim.items():
        assert fingerprints.fingerprint(text) == stored[cid], f"{cid}: text changed since it was checked"


def test_a_changed_clause_breaks_its_fingerprint(content):
    p = next(p for p in content.provisions.values() if p.verbatim)
    assert fingerprints.fingerprint(p.text.zh + "。") != fingerprints.read_fingerprints()[p.id]
    assert fingerprints.fingerprint(p.text.zh.replace("，", "\n，")) == fingerprints.read_fingerprints()[p.id]


@pytest.mark.skipif(fingerprints.reference_text() is None, reason="the legal reference is not beside this checkout; "
                    "the fingerprint test above still checks every verbatim clause")
def test_verbatim_chinese_text_is_in_the_legal_reference(content):
    reference = fingerprints.reference_text()
    for p in content.provisions.values():
        if p.verbatim:
            assert fingerprints.squeeze(p.text.zh) in reference, p.id


def test_2026_clauses_carry_their_in_force_dates(content):
    import datetime as dt
    assert content.provisions["PSAPL2025.a56.p1"].in_force == dt.date(2026, 1, 1)
    assert content.provisions["CSL2025.a46"].in_force == dt.date(2026, 1, 1)
    assert "[2016 text Art. 44]" in content.provisions["CSL2025.a46"].cite.en  # the old number learners meet
    assert content.provisions["NDSMR.a11.p2"].in_force == dt.date(2025, 1, 1)
    # Guiding Cases 192 (VERIFIED-2SRC) and 193 (one copy): both verbatim; 193's single copy is labelled in the view
    assert content.provisions["GC192"].verbatim and content.provisions["GC193"].verbatim
    assert not content.provisions["CL.27.p2"].verbatim  # not in the references: a summary


def test_every_text_is_bilingual(content):
    for t in content.info_types.values():
        assert t.name.en and t.name.zh and t.reason.en and t.reason.zh
    for key, text in content.ui.items():
        en, zh = (re.sub(r"{\w+}", "", s) for s in (text.en, text.zh))
        # A Chinese text must contain Chinese unless the English one has no words either.
        assert re.search(r"[\u4e00-\u9fff]", zh) or not re.search(r"[A-Za-z]{4}", en), key


def test_placeholders_match_between_languages(content):
    for key, text in content.ui.items():
        assert set(re.findall(r"{(\w+)}", text.en)) == set(re.findall(r"{(\w+)}", text.zh)), key


@pytest.fixture
def broken(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    return root


def one_line(exc) -> str:
    message = str(exc.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_bad_tier_names_file_entry_and_field(broken):
    path = broken / "info_types.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("tier: tier_5000", "tier: tier_6000", 1), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_content(broken)
    message = one_line(exc)
    assert "info_types.yaml" in message and "'name'" in message and "'tier'" in message and "tier_6000" in message


def test_missing_chinese_text_is_named(broken):
    path = broken / "categories.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "name: {en: Device information, zh: 设备信息}", "name: {en: Device information}"
        ),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as exc:
        load_content(broken)
    message = one_line(exc)
    assert "categories.yaml" in message and "'device'" in message and "'name'" in message and "'zh'" in message


def test_invalid_yaml_names_file_and_line(broken):
    (broken / "tiers.yaml").write_text("- id: tier_50\n  threshold: [50\n", encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_content(broken)
    assert "tiers.yaml" in one_line(exc) and "line" in str(exc.value)


def test_unknown_clause_reference_is_named(broken):
    path = broken / "thresholds.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("clause: INT2017.a5.p1.i3\n", "clause: INT2017.a5.p1.i33\n"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as exc:
        load_content(broken)
    assert "INT2017.a5.p1.i33" in one_line(exc) and "'clause'" in str(exc.value) and "thresholds.yaml" in str(exc.value)


def test_duplicate_id_is_named(broken):
    path = broken / "info_types.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n- {id: name, category: basic, tier: tier_5000, pipl_sensitive: false, "
        "name: {en: a, zh: 甲}, reason: {en: a, zh: 甲}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as exc:
        load_content(broken)
    assert "'name'" in one_line(exc) and "earlier entry" in str(exc.value)


def test_notebook_shows_one_line_not_a_traceback():
    # IPython renders exceptions with _render_traceback_ instead of a traceback.
    assert ContentError("x.yaml: entry 'a': field 'b': is missing")._render_traceback_() == [
        "ContentError: x.yaml: entry 'a': field 'b': is missing"]


def test_unquoted_comma_in_flow_text_is_named(broken):
    # `{en: A, b, zh: ...}` parses as a stray key "b" and would silently cut the English text.
    path = broken / "info_types.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: {en: Name, zh: 姓名}", "name: {en: Name, given, zh: 姓名}"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as exc:
        load_content(broken)
    assert "info_types.yaml: line 9 'given' has no value" in one_line(exc) and "quotes" in str(exc.value)
