"""The classifier: 100 % on the shipped tables, honest "unsure" / "not personal", evidence, header synonyms."""
import pandas as pd
import pytest

from lessons.classify.classifier import NOT_PERSONAL_STATUS, PERSONAL, UNSURE, Classifier, classify
from lessons.classify.datasets import DATASET_IDS, SAMPLES_DIR, load_keys, load_sample
from lessons.content.errors import ContentError
from lessons.classify.headers import load_headers, normalise, tokens


@pytest.fixture(scope="module")
def classifier(content):
    return Classifier(content)


def column(classifier, name, values):
    return classifier.column(name, pd.Series(values, dtype=object))


@pytest.mark.parametrize("dataset", DATASET_IDS)
def test_every_shipped_column_matches_its_key(classifier, content, dataset):
    key = load_keys(content=content)[dataset]
    results = classifier.frame(load_sample(dataset).frame)
    assert [r.name for r in results] == list(key.columns)
    for r in results:
        assert r.status != UNSURE, r
        assert r.info_type == key.columns[r.name], (r.name, r.info_type, r.evidence_text(content))
        t = content.info_types.get(r.info_type)
        assert (r.category, r.tier) == ((t.category, t.tier) if t else (None, None))
        assert 0 < r.confidence <= 1 and r.evidence


def test_meaningless_headers_are_classified_from_values(classifier, content):
    results = {r.name: r for r in classifier.frame(load_sample("app_telemetry").frame)}
    assert [results[c].info_type for c in ("col1", "col2", "col3", "col4")] == [
        "imei",
        "mac_address",
        "ip_address",
        "location_track",
    ]
    imei = results["col1"].evidence_text(content)
    assert any("Luhn" in e and "cannot tell them apart" in e for e in imei)  # the pattern-alone warning
    assert results["col1"].rates["luhn"] == 1.0


def test_values_alone_would_mislead_the_header_gives_context(classifier, content):
    r = {x.name: x for x in classifier.frame(load_sample("telecom_records").frame)}["other_party"]
    assert r.info_type == "call_record" and r.rates["mobile"] == 1.0
    assert any("would suggest Mobile phone number" in e for e in r.evidence_text(content))


def test_a_shared_header_is_decided_by_the_values(classifier):
    assert column(classifier, "联系电话", ["010-62345678", "(021)55556666"]).info_type == "landline_number"
    assert column(classifier, "联系电话", ["13812345678", "+86 139 1234 5678"]).info_type == "mobile_number"


def test_value_detectors_without_a_header(classifier):
    assert column(classifier, "col9", ["11010519491231002X", "11010519491231002x"]).info_type == "resident_id"
    assert column(classifier, "x", ["li.ming@163.com", "wang@qq.com"]).info_type == "email"
    assert column(classifier, "字段7", ["京A12345", "沪B54321"]).info_type == "licence_plate"


def test_unknown_columns_are_unsure_never_guessed(classifier, content):
    for values in (
        ["17", "23", "5"],
        ["2023-01-01", "2023-02-01"],
        ["明天见，好的。", "我到了，你在哪？"],
        ["abc", "def"],
    ):
        r = column(classifier, "col5", values)
        assert (r.status, r.info_type, r.category, r.tier, r.confidence) == (UNSURE, None, None, None, 0.0)
        assert "unsure" in r.evidence_text(content)[-1]


def test_header_and_values_that_disagree_are_unsure(classifier, content):
    r = column(classifier, "手机号", ["11010519491231002X", "11010519491231002x"])
    assert r.status == UNSURE and r.info_type is None
    assert "disagree" in r.evidence_text(content)[-1]


def test_not_personal_from_header_or_organisation_code(classifier, content):
    assert column(classifier, "序号", ["1", "2", "3"]).status == NOT_PERSONAL_STATUS
    r = column(classifier, "col2", ["91350100M000100Y43"])
    assert r.status == NOT_PERSONAL_STATUS and r.info_type is None
    assert any("organisations" in e for e in r.evidence_text(content))
    assert column(classifier, "姓名", ["", None, "  "]).status == NOT_PERSONAL_STATUS  # empty column


def test_too_few_matching_values_are_not_enough(classifier):
    r = column(classifier, "col1", ["13812345678", "hello", "world", "foo", "bar"])
    assert r.status == UNSURE


def test_evidence_exists_in_both_languages(classifier, content):
    for r in classifier.frame(load_sample("loan_applications").frame):
        en, zh = r.evidence_text(content, "en"), r.evidence_text(content, "zh")
        assert len(en) == len(zh) > 0 and en != zh


def test_pandas_string_dtype_gives_the_same_answer(classifier):
    frame = load_sample("clinic_visits").frame
    a = [(r.info_type, r.confidence) for r in classifier.frame(frame)]
    b = [(r.info_type, r.confidence) for r in classifier.frame(frame.astype("string"))]
    assert a == b


def test_classify_accepts_a_path_or_a_frame(content):
    by_path = classify(SAMPLES_DIR / "social_profiles.csv", content)
    by_frame = classify(load_sample("social_profiles").frame, content)
    assert [r.info_type for r in by_path] == [r.info_type for r in by_frame]
    assert all(r.status == PERSONAL for r in by_path)


def test_header_matching_rules(content):
    h = load_headers(content)
    assert normalise("Phone_Number") == "phonenumber" and tokens("homeAddress") == ("home", "address")
    assert h.match("IP地址").type_ids == ("ip_address",)  # longest synonym wins over 地址
    assert h.match("收货人手机").type_ids == ("mobile_number",)
    assert h.match("username") is None  # English synonyms match whole words only
    assert h.match("real_name").exact and not h.match("customer_real_name").exact
    assert set(h.match("联系电话").type_ids) == {"mobile_number", "landline_number"}


def test_bad_headers_file_is_a_one_line_error(tmp_path, content):
    bad = tmp_path / "headers.yaml"
    bad.write_text("- id: nonsense\n  en: [x]\n  zh: [甲]\n", encoding="utf-8")
    with pytest.raises(ContentError, match="field 'id'"):
        load_headers(content, bad)
    bad.write_text("- id: name\n  en: [name]\n  zh: [姓名]\n  values: [telepathy]\n", encoding="utf-8")
    with pytest.raises(ContentError, match="field 'values'"):
        load_headers(content, bad)
    bad.write_text("- id: name\n  en: []\n  zh: [姓名]\n", encoding="utf-8")
    with pytest.raises(ContentError, match="field 'en'"):
        load_headers(content, bad)


def test_every_info_type_has_header_synonyms(content):
    h = load_headers(content)
    assert set(content.info_types) <= {s.type_id for s in h.synonyms}
