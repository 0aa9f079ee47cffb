"""Generate the bad-input corpus: files a hostile or careless user could give each entry point.

``build(folder)`` writes every case into ``folder`` and returns them; the tests run each one and
check the outcome. Run ``python -m tests.bad_input.make_corpus OUT`` to write the files and look.

A case is (entry, name, argv, code, expect): ``entry`` is the command ("assess", "classify", "check",
"generate", "summary"), ``argv`` the command line after it, ``code`` the exit code (0, 1 or 2) and ``expect`` a
text the output (stderr for 2, stdout otherwise) must contain. The upload widget gets the bytes of
every classify case that is a plain file (``classify_cases_files``); ``summary_inputs`` (folders of
progress files, also given to ``summarise`` and the summary widget), ``NAME_CASES`` (learner names)
and ``settings_inputs`` (damaged ``settings.json``) feed the classroom tests.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

CONTENT = Path(__file__).resolve().parents[2] / "data" / "content"
ESC = "\x1b[2J\x1b[31m"  # clear the screen, then red


@dataclass(frozen=True)
class Case:
    entry: str
    name: str
    argv: tuple[str, ...]
    code: int
    expect: str
    absent: tuple[str, ...] = field(default=())  # texts that must not appear in the output


def _write(folder: Path, name: str, data: bytes | str) -> str:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def _sparse(folder: Path, name: str, size: int, head: bytes = b"a,b\n") -> str:
    """A file that claims ``size`` bytes without using the disk."""
    path = folder / name
    with path.open("wb") as fh:
        fh.write(head)
        fh.truncate(size)
    return str(path)


def _fifo(folder: Path, name: str) -> str | None:
    if not hasattr(os, "mkfifo"):
        return None
    path = folder / name
    os.mkfifo(path)
    return str(path)


def assess_cases(folder: Path) -> list[Case]:
    d = folder / "assess"
    d.mkdir()
    out: list[Case] = []

    def case(name, text, code, expect, *extra, absent=()):
        path = _write(d, name + ".json", text)
        out.append(Case("assess", name, (path, *extra), code, expect, tuple(absent)))

    case("gains_1e308", '{"illegal_gains_yuan": 1e308}', 2, "the largest accepted is")
    case("gains_minus_1e308", '{"illegal_gains_yuan": -1e308}', 2, "cannot be negative")
    case("gains_1e400_is_inf", '{"illegal_gains_yuan": 1e400}', 2, "must be a finite amount")
    case("profit_10_pow_20", '{"business_profit_yuan": %d}' % 10**20, 2, "the largest accepted is")
    case("pieces_31_digits", '{"pieces": {"tier_50": %d}}' % 10**30, 2, "numbers of more than 30 digits are refused")
    case("pieces_10_pow_400", '{"pieces": {"tier_50": %d}}' % 10**400, 2, "has a number of 401 digits")
    case("pieces_5000_digits", '{"pieces": {"tier_500": %s}}' % ("7" * 5000), 2, "has a number of 5,000 digits")
    case("pieces_float_1e300", '{"pieces": {"tier_50": 1e300}}', 2, "the largest accepted is")
    case("buyer_1e20", '{"conduct": "sell_or_provide", "pieces_sold_to_each_buyer": [{"tier_50": 1e20}]}', 2,
         "the largest accepted is")
    case("nested_1000_lists", "[" * 1000 + "]" * 1000, 2, "nested too deeply")
    case("nested_100000_lists", "[" * 100_000 + "]" * 100_000, 2, "nested too deeply")
    case("nested_objects_in_field", '{"pieces": ' + '{"tier_50": ' * 200 + "1" + "}" * 201, 2, "nested too deeply")
    case("nested_consequences", '{"consequences": [[[[[[[[[["death"]]]]]]]]]]}', 2, "nested too deeply")
    case("list_as_choice", '{"conduct": [["sell_or_provide"]]}', 2, "is a list; expected one of")
    case("long_text_choice", json.dumps({"conduct": "x" * 100_000}), 2, "expected one of", absent=("x" * 100,))
    case("escape_in_value", json.dumps({"conduct": ESC + "steal"}), 2, "\\x1b[2J", absent=("\x1b",))
    case("newline_forges_a_line", json.dumps({"prior_record": "none'\nMallory 20/20 (100%)"}), 2, "\\nMallory",
         absent=("\nMallory",))
    case("escape_in_key", json.dumps({ESC + "colour": 1}), 2, "unknown key", absent=("\x1b",))
    case("bidi_override_in_key", json.dumps({"\u202edeen": 1}), 2, "\\u202e", absent=("\u202e",))
    many = [{"tier_50": 1} for _ in range(30_000)]
    case("buyers_30000", json.dumps({"conduct": "sell_or_provide", "pieces_sold_to_each_buyer": many}), 0,
         "especially_serious", "--json")
    case("buyers_100001", json.dumps({"pieces_sold_to_each_buyer": [{}] * 100_001}), 2, "at most 100,000 are accepted")
    case("consequences_10000", json.dumps({"consequences": ["death"] * 10_000}), 2, "there are only 6 kinds")
    case("empty_file", "", 2, "not valid JSON")
    case("only_spaces", "  \n\t ", 2, "not valid JSON")
    case("bom_then_json", "\ufeff" + json.dumps({"conduct": "obtain"}), 0, '"tier": "none"', "--json")
    case("not_utf8", b'{"conduct": "\xff\xfe"}', 2, "cannot read")
    case("binary_junk", bytes(range(256)) * 4, 2, "cannot read")
    case("nul_bytes", b"\x00" * 1000, 2, "not valid JSON")
    case("json_string", '"sell_or_provide"', 2, "must be a JSON object of facts, not a text")
    case("json_number", "1e999999", 2, "must be a JSON object of facts")
    case("trailing_garbage", '{"conduct": "obtain"} {}', 2, "not valid JSON")
    case("nan_count", '{"pieces": {"tier_5000": NaN}}', 2, "not nan")
    case("lone_surrogate", '{"conduct": "\\ud800"}', 2, "expected one of", absent=("Traceback",))
    big = _sparse(d, "sparse_30mb.json", 30_000_000, b"{")
    out.append(Case("assess", "sparse_30mb", (big,), 2, "is larger than 20 MB"))
    out.append(Case("assess", "folder", (str(d),), 2, "is a folder"))
    out.append(Case("assess", "missing", (str(d / "nope.json"),), 2, "file not found"))
    out.append(Case("assess", "dev_zero", ("/dev/zero",), 2, "is a device, not a file"))
    out.append(Case("assess", "dev_null", ("/dev/null",), 2, "is a device, not a file"))
    fifo = _fifo(d, "fifo.json")
    if fifo:
        out.append(Case("assess", "fifo", (fifo,), 2, "is a FIFO"))
    if os.path.exists("/proc/self/status"):  # claims 0 bytes, has text: read, bounded, then refused as JSON
        out.append(Case("assess", "proc_file", ("/proc/self/status",), 2, "not valid JSON"))
    return out


def classify_cases(folder: Path) -> list[Case]:
    d = folder / "classify"
    d.mkdir()
    out: list[Case] = []

    def case(name, data, code, expect, *extra, absent=()):
        path = _write(d, name + ".csv", data)
        out.append(Case("classify", name, (path, *extra), code, expect, tuple(absent)))

    case("thai_digits", "phone,note\n" + "๑" * 16 + ",x\n" + "๒" * 18 + ",y\n", 0, '"rows": 2', "--json")
    case("arabic_indic_digits", "card,note\n" + "١" * 16 + ",x\n" + "۱" * 15 + ",y\n", 0, '"rows": 2', "--json")
    case("devanagari_digits_id", "身份证\n" + "१" * 18 + "\n", 0, '"rows": 1', "--json")
    wide = ",".join(f"c{i}" for i in range(10_000))
    case(
        "columns_10000",
        wide + "\n" + ",".join("1" * 10_000) + "\n",
        2,
        "the header has 10,000 columns; the limit is 200",
    )
    case(
        "columns_201",
        ",".join(f"c{i}" for i in range(201)) + "\n" + ",".join(["1"] * 201) + "\n",
        2,
        "the limit is 200",
    )
    case("unclosed_quote", 'name,phone\n王芳,"13812345678\n李强,13912345678\n张伟,13712345678\n', 2, "never closed")
    case("unclosed_quote_first_row", 'name,"phone\n王芳,13812345678\n', 2, "never closed")
    case("stray_quotes_merge_rows", 'name,phone,city\n王芳,"13812345678,北京\n李强,13912345678,上海\n张伟",x\n', 0,
         "a quoted cell spans 3 lines that look like separate rows")
    case("closed_multiline_cell", 'name,address\n王芳,"北京市\n朝阳区"\n李强,上海市\n', 0, '"rows": 2', "--json")
    case("duplicate_headers", "phone,phone,phone.1,phone\n13812345678,13912345678,1,2\n", 0,
         "the header 'phone' is repeated; read as 'phone.2'")
    case("duplicate_headers_json", "a,a\n1,2\n", 0, '"name": "a.1"', "--json")
    case("escape_in_header", f"{ESC}name,phone\n王芳,13812345678\n", 0, "\\x1b[31mname", absent=("\x1b",))
    case(
        "newline_in_header",
        '"name\nMallory 20/20",phone\n王芳,13812345678\n',
        0,
        "name\\nMallory",
        absent=("\nMallory",),
    )
    case("escape_in_header_json", f"{ESC}name,phone\n王芳,13812345678\n", 0, "\\u001b[2J", "--json", absent=("\x1b",))
    case("c1_control_json", "\x9bname,phone\n王芳,13812345678\n", 0, "\\u009bname", "--json", absent=("\x9b",))
    case("escape_in_cell", f"name,phone\n{ESC}王芳,13812345678\n", 0, '"rows": 1', "--json", absent=("\x1b",))
    case("empty", b"", 2, "the file is empty")
    case("bom_only", b"\xef\xbb\xbf", 2, "blank")
    case("nul_bytes", b"a,b\n\x00\x00,1\n", 2, "binary")
    case("utf16", "a,b\n1,2\n".encode("utf-16"), 2, "UTF-16")
    case("xlsx", b"PK\x03\x04" + b"\x00" * 100, 2, "Excel")
    case("lone_cr_rows", b"a,b\r1,2\r3,4\r", 0, "", "--json")
    case("ragged", "a,b\n1,2,3\n", 2, "ragged rows")
    case("only_delimiters", ",,,\n,,,\n", 2, "")
    case("huge_cell", "a\n" + "x" * 2_000_000 + "\n", 2, "a cell is longer than")
    for mb in ("inf", "-inf", "nan", "-1", "0", "1e300"):
        out.append(Case("classify", f"max_mb_{mb}", (str(d / "thai_digits.csv"), f"--max-mb={mb}"), 2, "--max-mb"))
    out.append(Case("classify", "sparse_over_limit", (_sparse(d, "sparse.csv", 3_000_000), "--max-mb", "1"), 2,
                    "the limit is 1 MB"))
    out.append(Case("classify", "dev_zero", ("/dev/zero",), 2, "is a device, not a file"))
    out.append(Case("classify", "dev_null", ("/dev/null",), 2, "is a device, not a file"))
    out.append(Case("classify", "folder", (str(d),), 2, "is a folder"))
    out.append(Case("classify", "missing", (str(d / "nope.csv"),), 2, "no such file"))
    fifo = _fifo(d, "fifo.csv")
    if fifo:
        out.append(Case("classify", "fifo", (fifo,), 2, "is a FIFO"))
    return out


def classify_cases_files(folder: Path) -> list[Case]:
    """The classify cases that are plain files of their own: the bytes the upload widget is given."""
    cases = [c for c in classify_cases(folder) if len(c.argv) == 1 or c.argv[1] == "--json"]
    return [c for c in cases if os.path.isfile(c.argv[0]) and os.path.getsize(c.argv[0]) < 10_000_000]


# --------------------------------------------------------------------------- content (check)

def _content_copy(folder: Path, name: str) -> Path:
    root = folder / "check" / name
    shutil.copytree(CONTENT, root)
    return root


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{rel}: cannot find {old!r} to change")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check_cases(folder: Path) -> list[Case]:
    (folder / "check").mkdir()
    out: list[Case] = []

    def case(name, rel, old, new, expect, code=2):
        root = _content_copy(folder, name)
        if rel is not None:
            if old is None:
                (root / rel).write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
            else:
                _edit(root, rel, old, new)
        out.append(Case("check", name, ("--root", str(root)), code, expect))
        return root

    prov = "provisions/criminal_law.yaml"
    case("invalid_date", prov, "in_force: '2015-11-01'", "in_force: 2015-02-30", "is not a real date")
    case("invalid_date_quoted", prov, "in_force: '2015-11-01'", "in_force: '2015-02-30'", "expected a date YYYY-MM-DD")
    case("huge_integer", "thresholds.yaml", "value: 50\n", "value: " + "9" * 5000 + "\n", "a number of 5,000 digits")
    case(
        "integer_10_pow_30",
        "thresholds.yaml",
        "value: 5000\n  unit: yuan",
        "value: " + str(10**30) + "\n  unit: yuan",
        "a number of 31 digits",
    )
    case("float_overflow", "thresholds.yaml", "value: 50\n", "value: 1.0e+400\n", "is not a usable number")
    case("deep_nesting", "ui/common.yaml", None, "a: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 32 levels")
    case("deep_block_nesting", "ui/common.yaml", None,
         "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v: 1\n", "nested more than 32 levels")
    case("duplicate_key", "ui/common.yaml", None, "ok: {en: OK, zh: 好}\nok: {en: Fine, zh: 行}\n",
         "line 2 duplicate key 'ok' (first on line 1)")
    laughs = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]']
    laughs += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    case("billion_laughs", "ui/common.yaml", None, "\n".join(laughs) + "\n", "aliases")
    small = ['a0: &a0 [' + ", ".join(["lol"] * 200) + "]"] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 5) + "]"
                                                            for i in range(1, 8)]
    case("alias_expansion", "ui/common.yaml", None, "\n".join(small) + "\n", "expands to more than 200,000 values")
    case("recursive_alias", "ui/common.yaml", None, "a: &a [x, *a]\n", "refers to the value that contains it")
    case("python_tag", "ui/common.yaml", None, "a: !!python/object/apply:os.system [echo hi]\n",
         "could not determine a constructor")
    case(
        "zh_placeholder_wrong",
        "ui/selfcheck.yaml",
        "zh: “{name}”属于哪一个教学类别？",
        "zh: “{名称}”属于哪一个教学类别？",
        "only in en: {name}; only in zh: {名称}",
    )
    case("zh_placeholder_missing", "ui/selfcheck.yaml", "zh: “{name}”属于哪一个教学类别？", "zh: 属于哪一个教学类别？",
         "only in en: {name}; only in zh: none")
    case("unbalanced_brace", "ui/selfcheck.yaml", "zh: “{name}”属于哪一个教学类别？", "zh: “{name”属于哪一个教学类别？",
         "literal brace")
    case(
        "comma_split_option",
        "questions/lesson2.yaml",
        'en: "5,000-piece tier (item 5)"',
        "en: 5,000-piece tier (item 5)",
        "'000-piece tier (item 5)' has no value",
    )
    case(
        "bare_number_option",
        "questions/lesson2.yaml",
        'en: "5,000-piece tier (item 5)"',
        "en: 5000",
        "must be a text, not 5000",
    )
    case("comma_split_checkbox", "leak_plan.yaml", 'en: "Harassment (calls, messages, visits)"',
         "en: Harassment (calls, messages, visits)", "'messages' has no value")
    case("not_utf8", "ui/common.yaml", None, b"a: {en: \xff, zh: x}\n", "cannot read")
    case("nul_in_yaml", "ui/common.yaml", None, b"a: {en: x\x00, zh: x}\n", "ui/common.yaml")
    case("sparse_huge", None, None, None, "the limit is 5 MB")
    _sparse(folder / "check" / "sparse_huge" / "ui", "common.yaml", 6_000_000, b"a: 1\n")
    case("empty_ui_file", "ui/common.yaml", None, "", "expected a mapping of text keys")
    root = case("fifo_content_file", None, None, None, "is a FIFO")
    if hasattr(os, "mkfifo"):
        (root / "ui" / "common.yaml").unlink()
        os.mkfifo(root / "ui" / "common.yaml")
    else:
        out.pop()
    return out


def generate_cases(folder: Path) -> list[Case]:
    d = folder / "generate"
    d.mkdir()
    a_file = _write(d, "a_file", "x")
    out = [
        Case("generate", "out_is_a_file", ("--out", a_file), 2, "is a file, not a folder"),
        Case("generate", "out_under_a_file", ("--out", os.path.join(a_file, "sub")), 2, "cannot write"),
        Case("generate", "seed_5000_digits", ("--out", str(d / "s"), "--seed", "9" * 5000), 2, "invalid int value"),
        Case("generate", "seed_text", ("--out", str(d / "s"), "--seed", "abc"), 2, "invalid int value"),
        Case("generate", "check_missing_folder", ("--out", str(d / "missing"), "--check"), 1, "differs"),
    ]
    if hasattr(os, "mkfifo"):
        target = d / "with_fifo"
        target.mkdir()
        os.mkfifo(target / "keys.yaml")
        out.append(Case("generate", "fifo_target", ("--out", str(target)), 2, "is not a regular file"))
    return out


# --------------------------------------------------------------------------- progress files (summary)

PROGRESS = "pi-lessons.progress.v1"


def progress(learner: str = "Wang Fang", student_id: str | None = None, **exercises) -> dict:
    """A progress file's data; ``exercises`` maps an exercise id to fields of its record."""
    data = {"format": PROGRESS, "learner": learner,
            "exercises": {e.replace("__", "."): {"answers": {}, "correct": {}, "score": 0, "total": 0, **fields}
                          for e, fields in exercises.items()}}
    if student_id is not None:
        data["student_id"] = student_id
    return data


def summary_inputs(folder: Path) -> dict[str, tuple[Path, str, str, str]]:
    """One folder per kind, each holding a good file plus the bad entry: name -> (folder, what the
    text report shows, what --json shows, what --csv shows)."""
    root = folder / "summary"
    root.mkdir()
    out = {}

    def case(name, entry, data, text, as_json, as_csv=""):
        d = root / name
        d.mkdir()
        (d / "good.json").write_text(json.dumps(progress("Li Qiang")), encoding="utf-8")
        if data is not None:
            _write(d, entry, data if isinstance(data, bytes) else json.dumps(data))
        out[name] = (d, text, as_json, as_csv)
        return d

    case("deep_100000", "deep.json", b"[" * 100_000 + b"]" * 100_000, "deep.json: damaged (not valid JSON)",
         '"reason": "not_json"')
    case("updated_number_and_text", "mixed.json",
         progress("Zhang Wei", lesson5__review={"updated": 5}, lesson1__selfcheck={"updated": "2026-01-01"}),
         "a date in the file is not valid", '"bad_date"')
    case("updated_9999", "future.json", progress("Zhang Wei", lesson5__review={"updated": "9999-12-31"}),
         "Zhang Wei", '"future_date"')
    case("score_1000000", "big.json", progress("Zhang Wei", lesson5__review={"score": 10**6, "total": 10**6}),
         "Zhang Wei", '"score_mismatch"', "Zhang Wei")
    case("escape_in_name", "esc.json", progress(ESC + "Mallory"), "esc.json: not a pi-lessons progress file",
         '"reason": "foreign"')
    case("newline_forges_a_line", "nl.json", progress("x\nMallory 20/20 (100%)"), r"x\nMallory 20/20 (100%)",
         r'"learner": "x\nMallory')  # the name is kept (a line break is spacing), shown escaped
    case("escape_in_file_name", ESC + "\nMallory 20-20 (100%).json", b"",
         r"\x1b[2J\x1b[31m\nMallory 20-20 (100%).json: damaged", r'"file": "\u001b[2J\u001b[31m\nMallory')
    case("control_in_student_id", "id.json", progress("Zhang Wei", "20\x1b[2J"), "id.json: not a pi-lessons",
         '"reason": "foreign"')
    case("formula_name", "f.json", progress('=HYPERLINK("http://example.invalid","x")'), "=HYPERLINK",
         '"learner": "=HYPERLINK', "'=HYPERLINK")
    case("formula_minus_plus_at", "g.json", progress("-2+3", lesson5__review={}), "-2+3", '"learner": "-2+3"', "'-2+3")
    case("markup_in_name", "m.json", progress("<script>alert(1)</script>"), "<script>", '"<script>', "<script>")
    case("question_ids_200000", "fake.json",
         progress("Zhang Wei", lesson5__review={"answers": {f"x{i}": 1 for i in range(200_000)}}),
         "fake.json: not a pi-lessons progress file", '"reason": "foreign"')
    d = case("huge_file", "huge.json", None, "huge.json: too large to be a progress file", '"reason": "too_large"')
    _sparse(d, "huge.json", 6_000_000, b"{")
    case("not_utf8", "bytes.json", b'{"format": "\xff\xfe"}', "bytes.json: cannot be read", '"reason": "unreadable"')
    case("empty_file", "empty.json", b"", "empty.json: damaged", '"reason": "not_json"')
    case("json_array", "array.json", [progress()], "array.json: not a pi-lessons progress file", '"reason": "foreign"')
    d = case("folder_named_like_a_file", "x", None, "Learners (2)", '"file": "w.json/inner.json"')
    (d / "w.json").mkdir()
    (d / "w.json" / "inner.json").write_text(json.dumps(progress("Zhou Min")), encoding="utf-8")
    if hasattr(os, "mkfifo"):
        d = case("fifo", "x", None, "fifo.json: not a regular file", '"reason": "not_a_file"')
        os.mkfifo(d / "fifo.json")
    if hasattr(os, "symlink"):
        d = case("symlink_loop", "x", None, "loop.json: cannot be read", '"reason": "unreadable"')
        os.symlink("loop.json", d / "loop.json")
        os.symlink(".", d / "here")  # a link to its own folder: not followed
    for d, *_ in out.values():
        (d / "x").unlink(missing_ok=True)
    return out


def summary_cases(folder: Path) -> list[Case]:
    """Each summary input as the text report, --json and --csv; plus bad folder arguments."""
    out = []
    for name, (d, text, as_json, as_csv) in summary_inputs(folder).items():
        raw = ("\x1b", "\nMallory")
        out.append(Case("summary", name, (str(d),), 0, text, raw))
        out.append(Case("summary", name + "_json", (str(d), "--json"), 0, as_json))
        out.append(Case("summary", name + "_csv", (str(d), "--csv"), 0, as_csv or "Li Qiang",
                        raw + ("\n=", "\n-", ",=", ",-")))
    missing = folder / "summary" / "missing"
    out.append(Case("summary", "missing_folder", (str(missing),), 2, "no such folder"))
    out.append(Case("summary", "file_as_folder", (str(folder / "summary" / "deep_100000" / "deep.json"),), 2,
                    "is a file, not a folder"))
    out.append(Case("summary", "bad_due", (str(folder / "summary" / "fifo"), "--due", ESC), 2, "not a date",
                    ("\x1b",)))
    return out


# --------------------------------------------------------------------------- learner names and settings

# (kind, name typed, None if accepted or the ProgressError reason, a name that must find the same learner)
NAME_CASES = [
    ("zwnj_persian", "نام\u200cخانوادگی", None, None),
    ("zwj_emoji_sequence", "Wang 👨\u200d👩\u200d👧", None, None),
    ("rlm_mark", "\u200fسارا", None, None),
    ("full_width_letters", "ＷＡＮＧ　Ｆａｎｇ", None, "Wang Fang"),
    ("only_spaces", " \u3000\t ", "name_empty", None),
    ("chars_10000", "王" * 10_000, "name_too_long", None),
    ("escape_character", ESC + "Mallory", "name_bad_char", None),
    ("nul_character", "Wang\x00Fang", "name_bad_char", None),
    ("bidi_override", "\u202eWang", "name_bad_char", None),
    ("newline_is_spacing", "Wang\nFang", None, "Wang Fang"),
    ("dot_dot_path", "../../x", None, None),
    ("absolute_path", "/etc/passwd", None, None),
    ("windows_path", "C:\\x", None, None),
    ("nul_device", "NUL", None, None),
]


def settings_inputs(folder: Path) -> dict[str, Path]:
    """Learner folders whose settings.json is damaged: kind -> folder."""
    root = folder / "settings"
    out = {}
    for kind, data in (("corrupt_json", b'{"language": "zh",'), ("not_utf8", b"\xff\xfe{}"), ("json_array", b"[]"),
                       ("deep_json", b"[" * 100_000), ("empty", b"")):
        out[kind] = root / kind
        out[kind].mkdir(parents=True)
        (out[kind] / "settings.json").write_bytes(data)
    out["a_directory"] = root / "a_directory"
    (out["a_directory"] / "settings.json").mkdir(parents=True)
    return out


def build(folder: Path | str) -> list[Case]:
    """Write the whole corpus under ``folder`` (which must be empty) and return its cases."""
    folder = Path(folder)
    return (assess_cases(folder) + classify_cases(folder) + check_cases(folder) + generate_cases(folder)
            + summary_cases(folder))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m tests.bad_input.make_corpus EMPTY_FOLDER")
    cases = build(Path(sys.argv[1]))
    for c in cases:
        print(f"{c.entry:9} {c.name:30} exit {c.code}  expects {c.expect!r}")
    print(f"{len(cases)} cases")
