"""The shipped sample tables: reproducible, realistic, valid check digits, and keys that agree with the content."""
import pandas as pd
import pytest

from lessons.classify import validators as v
from lessons.classify.datasets import DATASET_IDS, KEYS_FILE, SAMPLES_DIR, SPECS, generate, load_keys, load_sample
from lessons.content.errors import ContentError
from lessons.classify.tables import read_table


@pytest.fixture(scope="module")
def keys(content):
    return load_keys(content=content)


@pytest.fixture(scope="module")
def tables():
    return {d: load_sample(d) for d in DATASET_IDS}


def test_regenerating_gives_byte_identical_files(tmp_path, content):
    written = generate(tmp_path, content=content)
    assert len(written) == len(SPECS) + 1
    for path in written:
        assert path.read_bytes() == (SAMPLES_DIR / path.name).read_bytes(), path.name


def test_another_seed_gives_other_data(tmp_path, content):
    generate(tmp_path, seed=1, content=content)
    assert (tmp_path / "shop_orders.csv").read_bytes() != (SAMPLES_DIR / "shop_orders.csv").read_bytes()


def test_at_least_six_tables_of_100_to_500_rows_under_one_megabyte(keys, tables):
    assert len(keys) >= 6 and set(keys) == set(DATASET_IDS)
    for d, table in tables.items():
        assert 100 <= len(table.frame) <= 500, d
        assert keys[d].rows == len(table.frame)
        assert list(table.frame.columns) == list(keys[d].columns)
    assert sum(p.stat().st_size for p in SAMPLES_DIR.iterdir()) < 1_000_000


def test_encodings_and_delimiters_vary_as_in_real_exports(keys, tables):
    assert {t.encoding for t in tables.values()} == {"utf-8", "utf-8-sig", "gb18030"}
    assert "\t" in {t.delimiter for t in tables.values()}
    assert (SAMPLES_DIR / "shop_orders.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    raw = (SAMPLES_DIR / "hotel_checkins.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.decode("gbk").startswith("序号,入住人")


def test_some_headers_are_meaningless(tables):
    assert {"col1", "col2", "col3", "col4"} <= set(tables["app_telemetry"].frame.columns)


def test_formats_vary_plus86_spaces_lower_x_full_width_blanks(tables):
    phones = pd.concat(
        [
            tables[d].frame[c]
            for d, c in [("shop_orders", "手机号"), ("hotel_checkins", "手机"), ("loan_applications", "mobile")]
        ]
    )
    assert phones.str.startswith("+86").any() and phones.str.contains(" ").any()
    assert phones.str.contains("[０-９]", regex=True).any() and (phones == "").any()
    ids = pd.concat(
        [
            tables[d].frame[c]
            for d, c in [("hotel_checkins", "证件号码"), ("clinic_visits", "身份证号"), ("loan_applications", "id_no")]
        ]
    )
    assert ids.str.endswith("x").any() and ids.str.contains(" ").any() and ids.str.contains("[０-９]", regex=True).any()
    assert (tables["loan_applications"].frame["bank_card"].str.contains(" ")).any()


@pytest.mark.parametrize("dataset, column, detector", [
    ("hotel_checkins", "证件号码", v.resident_id), ("clinic_visits", "身份证号", v.resident_id),
    ("loan_applications", "id_no", v.resident_id), ("loan_applications", "bank_card", v.bank_card),
    ("app_telemetry", "col1", v.imei), ("shop_orders", "商家统一社会信用代码", v.uscc),
    ("loan_applications", "单位统一社会信用代码", v.uscc),
])
def test_every_identifier_has_a_valid_check_digit(tables, dataset, column, detector):
    values = tables[dataset].frame[column]
    values = values[values != ""]
    assert len(values) > 50 and all(detector(values))


def test_duplicates_in_key_are_exact_copies(keys, tables):
    for d, table in tables.items():
        assert int(table.frame.duplicated().sum()) == keys[d].duplicates > 0


def test_keys_agree_with_info_types(keys, content):
    for key in keys.values():
        for column, type_id in key.columns.items():
            assert type_id is None or type_id in content.info_types, (key.id, column)
    assert sum(t is None for k in keys.values() for t in k.columns.values()) >= 3  # not-personal columns exist


def test_a_wrong_key_file_is_a_one_line_error(tmp_path, content):
    text = (
        (SAMPLES_DIR / KEYS_FILE)
        .read_text(encoding="utf-8")
        .replace('"category": "basic", "tier": "tier_5000"}', '"category": "device", "tier": "tier_5000"}', 1)
    )
    bad = tmp_path / KEYS_FILE
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match="category/tier disagree") as exc:
        load_keys(bad, content)
    assert "\n" not in str(exc.value)
    original = (SAMPLES_DIR / KEYS_FILE).read_text(encoding="utf-8")
    bad.write_text(original.replace('"info_type": "imei"', '"info_type": "imei_number"'), encoding="utf-8")
    with pytest.raises(ContentError, match="unknown information type 'imei_number'"):
        load_keys(bad, content)


def test_unknown_sample_is_a_clear_error():
    from lessons.content.errors import LessonsError

    with pytest.raises(LessonsError, match="unknown sample table 'nope'"):
        load_sample("nope")


def test_both_readers_agree_on_every_sample(tables):
    for d, table in tables.items():
        if table.encoding == "gb18030":
            continue  # pyarrow reads UTF-8 only; the csv module reads GBK
        other = read_table(SAMPLES_DIR / SPECS[DATASET_IDS.index(d)].file, engine="pyarrow")
        assert list(other.frame.columns) == list(table.frame.columns)
        assert other.frame.astype(object).values.tolist() == table.frame.values.tolist()
