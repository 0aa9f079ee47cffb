"""``python -m lessons classify`` and ``generate``: the JSON contract, the readable table, and every bad input."""
import json
import subprocess
import sys

import pytest

from lessons.classify import tables
from lessons.cli.main import main
from lessons.classify.datasets import DATASET_IDS, SAMPLES_DIR, SPECS, load_keys
from lessons.classify.tables import TableError, read_table, read_table_bytes

SAMPLE_FILES = {s.id: SAMPLES_DIR / s.file for s in SPECS}


def run(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("dataset", DATASET_IDS)
def test_json_contract_on_every_sample(capsys, content, dataset):
    code, out, err = run(capsys, "classify", SAMPLE_FILES[dataset], "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["rows", "duplicates_removed", "columns", "pieces", "proportional_score"]
    key = load_keys(content=content)[dataset]
    assert data["rows"] == key.rows and data["duplicates_removed"] == key.duplicates
    assert isinstance(data["proportional_score"], float)
    assert set(data["pieces"]) == {"tier_50", "tier_500", "tier_5000"} and all(
        isinstance(n, int) for n in data["pieces"].values()
    )
    expected = sum(data["pieces"][t] / int(t.split("_")[1]) for t in data["pieces"])
    assert data["proportional_score"] == pytest.approx(expected)
    for col in data["columns"]:
        assert list(col) == ["name", "info_type", "category", "tier", "confidence", "evidence"]
        assert col["info_type"] == key.columns[col["name"]]
        if col["info_type"] is None:
            assert col["category"] is None and col["tier"] is None
        assert isinstance(col["confidence"], float) and 0 <= col["confidence"] <= 1
        assert col["evidence"] and all(isinstance(e, str) for e in col["evidence"])


def test_readable_table_in_both_languages(capsys):
    code, out, _ = run(capsys, "classify", SAMPLE_FILES["app_telemetry"])
    assert code == 0
    assert "col1" in out and "IMEI (device identifier)" in out and "50-piece tier: 279" in out
    assert "Exact duplicate records removed: 3" in out and "5.6142" in out
    code, out, _ = run(capsys, "classify", SAMPLE_FILES["hotel_checkins"], "--lang", "zh")
    assert code == 0 and "身份证号码" in out and "gb18030" in out and "五百条档: 260" in out


def write(path, data: bytes):
    path.write_bytes(data)
    return path


BAD_INPUTS = {
    "missing": (None, "no such file"),
    "folder": (None, "is a folder"),
    "empty": (b"", "the file is empty"),
    "blank_lines": (b"\n\n  \n", "header) is blank"),
    "header_only": ("姓名,手机号\n".encode(), "has a header but no data rows"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    "xlsx": (b"PK\x03\x04\x14\x00\x06\x00", "Excel (.xlsx)"),
    "utf16": ("姓名,手机号\n王芳,13812345678\n".encode("utf-16"), "UTF-16"),
    "undecodable": (b"name,phone\n\x80\xff\x80,1\n", "cannot decode"),
    "ragged_long": (b"a,b\n1,2\n3,4,5\n", "ragged rows: row 3 has 3 fields, the header has 2"),
    "ragged_short": (b"a,b,c\n1,2,3\n4,5\n", "ragged rows: row 3 has 2 fields, the header has 3"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_on_stderr_and_exit_2(capsys, tmp_path, case):
    data, message = BAD_INPUTS[case]
    path = tmp_path / f"{case}.csv"
    if case == "folder":
        path.mkdir()
    elif data is not None:
        write(path, data)
    code, out, err = run(capsys, "classify", path, "--json")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_over_the_size_limit(capsys, tmp_path):
    path = write(tmp_path / "big.csv", b"a,b\n" + b"1,2\n" * 1000)
    code, _, err = run(capsys, "classify", path, "--max-mb", "0.001")
    assert code == 2 and "the limit is 0.001 MB" in err and err.count("\n") == 1
    code, _, err = run(capsys, "classify", path, "--max-mb", "-1")
    assert code == 2 and "--max-mb must be a positive number" in err


def test_a_bad_byte_after_the_sniffed_head_is_still_reported(monkeypatch, tmp_path):
    monkeypatch.setattr(tables, "SNIFF_BYTES", 12)
    path = write(tmp_path / "late.csv", "姓名,手机号\n王芳,13812345678\n".encode() + b"\xff\xfe,1\n")
    with pytest.raises(TableError, match="cannot decode byte .* as UTF-8"):
        read_table(path)


def test_pyarrow_engine_gives_the_same_messages(tmp_path):
    pytest.importorskip("pyarrow")
    with pytest.raises(TableError, match="ragged rows"):
        read_table(write(tmp_path / "r.csv", b"a,b,c\n1,2,3\n4,5\n"), engine="pyarrow")
    with pytest.raises(TableError, match="header but no data rows"):
        read_table(write(tmp_path / "h.csv", b"a,b,c\n"), engine="pyarrow")
    with pytest.raises(TableError, match="cannot decode"):
        read_table(write(tmp_path / "u.csv", b"a,b\n1,2\n" * 10 + b"\xff\xfe,1\n"), engine="pyarrow")


def test_encodings_and_delimiters_are_detected(tmp_path):
    text = "姓名\t手机号\n王芳\t13812345678\n"
    for encoding, expected in (
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
    ):
        t = read_table(write(tmp_path / f"{encoding}.tsv", text.encode(encoding)))
        assert (t.encoding, t.delimiter, list(t.frame.columns)) == (expected, "\t", ["姓名", "手机号"])
        assert t.frame.iloc[0].tolist() == ["王芳", "13812345678"]
    t = read_table(write(tmp_path / "semi.csv", b"a;b\n1;2\n"))
    assert t.delimiter == ";"


def test_values_stay_text_and_headers_are_cleaned(tmp_path):
    t = read_table(write(tmp_path / "x.csv", b" id ,,id\n007,,x\n"))
    assert list(t.frame.columns) == ["id", "col2", "id.1"] and len(t.notes) == 1
    assert t.frame.iloc[0].tolist() == ["007", "", "x"]  # leading zeros kept, blanks stay blank


def test_upload_bytes_use_the_same_reader_and_messages():
    with pytest.raises(TableError, match="^up.csv: ragged rows"):
        read_table_bytes(b"a,b\n1\n", "up.csv")
    with pytest.raises(TableError, match="^up.csv: the file is empty"):
        read_table_bytes(b"", "up.csv")
    with pytest.raises(TableError, match="limit is 0.00001 MB"):
        read_table_bytes(b"a\n1\n" * 100, "up.csv", max_bytes=10)
    assert len(read_table_bytes(SAMPLE_FILES["shop_orders"].read_bytes(), "s.csv").frame) == 306


def test_no_traceback_from_a_real_process(tmp_path):
    path = write(tmp_path / "bad.csv", b"\x80\xff\x80")
    proc = subprocess.run([sys.executable, "-m", "lessons", "classify", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().count("\n") == 0 and "cannot decode" in proc.stderr


def test_unknown_option_is_one_line(capsys):
    assert main(["classify", "x.csv", "--colour"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_generate_check_and_write(capsys, tmp_path):
    code, out, _ = run(capsys, "generate", "--check")
    assert code == 0 and "identical" in out
    code, out, _ = run(capsys, "generate", "--out", tmp_path)
    assert code == 0 and (tmp_path / "keys.yaml").exists() and out.count("wrote") == len(SPECS) + 1
    (tmp_path / "shop_orders.csv").write_bytes(b"changed")
    code, out, _ = run(capsys, "generate", "--check", "--out", tmp_path)
    assert code == 1 and "shop_orders.csv" in out
    file = write(tmp_path / "afile", b"x")
    code, _, err = run(capsys, "generate", "--out", file)
    assert code == 2 and "is a file" in err


def test_reading_works_without_pyarrow(monkeypatch, tmp_path):
    import sys as _sys

    monkeypatch.setitem(_sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    monkeypatch.setattr(tables, "PYARROW_FROM_BYTES", 10)  # a "large" file would use pyarrow if it could
    t = read_table(write(tmp_path / "x.csv", "姓名,手机号\n王芳,13812345678\n".encode()))
    assert t.frame.iloc[0].tolist() == ["王芳", "13812345678"]
    with pytest.raises(TableError, match="needs pyarrow: pip install pyarrow"):
        read_table(tmp_path / "x.csv", engine="pyarrow")
