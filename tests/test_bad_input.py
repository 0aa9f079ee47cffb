"""Bad input never hurts: the generated corpus (tests/bad_input/make_corpus.py) on every entry point,
the cases that need a real process (FIFO, closed or interactive stdin, terminal encodings, byte
file names), and property-based tests with arbitrary JSON and arbitrary bytes."""
import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessons.cli.main import main
from lessons.widgets.upload_table import UploadClassifier
from tests.bad_input.make_corpus import NAME_CASES, build, classify_cases_files, settings_inputs, summary_inputs

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120  # seconds: a hang fails the test instead of blocking the suite


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def classifier(content):
    from lessons.classify.classifier import Classifier

    return Classifier(content)


@pytest.fixture(autouse=True)
def loaded_once(monkeypatch, content, classifier):
    """The commands load the course content on each run; here they reuse one load (same code after it)."""
    from lessons.cli import assess_command, summary_command

    from lessons.content import course

    real = course.load_content
    cached = lambda root=None: content if root is None else real(root)  # noqa: E731  (check --root still loads)
    monkeypatch.setattr(assess_command, "load_content", cached)
    monkeypatch.setattr(summary_command, "load_content", cached)
    monkeypatch.setattr(course, "load_content", cached)  # the dispatcher's, for --lang zh


def run_case(capsys, case):
    try:
        code = main([case.entry, *case.argv])
    except SystemExit as exc:  # argparse refuses some arguments itself (one line, exit 2)
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def problems(capsys, cases):
    """Each case that does not end as it should, with what it printed."""
    failed = []
    for case in cases:
        code, out, err = run_case(capsys, case)
        ok = (code == case.code and "Traceback" not in out + err and case.expect in (err if code == 2 else out)
              and not any(a in out + err for a in case.absent))
        if code == 2:
            ok = ok and out == "" and err.count("\n") == 1 and err.endswith("\n")
        if case.entry == "summary":  # bounded output (200,000 fake question ids once made a 58 MB page)
            ok = ok and len(out) < 200_000
        if not ok:
            failed.append(f"{case.name}: exit {code}, stdout {out[:200]!r}, stderr {err[:300]!r}")
    return failed


@pytest.mark.parametrize("entry", ["assess", "classify", "check", "generate", "summary"])
def test_corpus_on_each_command(capsys, corpus, entry):
    cases = [c for c in corpus if c.entry == entry]
    assert len(cases) >= 5
    assert problems(capsys, cases) == []


@pytest.mark.parametrize("entry", ["assess", "classify"])
def test_corpus_in_chinese(capsys, corpus, entry):
    """The same inputs with --lang zh: the same exit codes, one line, no traceback, nothing raw from outside."""
    cases = [replace(c, argv=(*c.argv, "--lang", "zh"), expect="", absent=c.absent) for c in corpus if c.entry == entry]
    assert problems(capsys, cases) == []
    code = main([entry, "/dev/null", "--lang", "zh"])
    assert code == 2 and "这是设备，不是文件" in capsys.readouterr().err


def test_corpus_on_the_upload_widget(content, tmp_path):
    widget = UploadClassifier(content, lang="en", remember_language=False)
    cases = classify_cases_files(tmp_path)
    assert len(cases) >= 20
    failed = []
    for case in cases:
        data = Path(case.argv[0]).read_bytes()
        widget.upload(data, Path(case.argv[0]).name)
        value, shown = widget.value, widget.read("result")
        if case.code == 2:
            ok = case.expect in value.get("error", "") and "Cannot read this file" in shown
        else:
            ok = value.get("error") == "" and value.get("rows", 0) >= 1
        if not ok or "Traceback" in shown:  # (HTML shows control characters inertly; markup is escaped)
            failed.append(f"{case.name}: {value!r:.300}")
    assert failed == []


def test_the_corpus_covers_each_kind(corpus):
    names = {c.name for c in corpus}
    for kind in (
        "gains_1e308", "pieces_10_pow_400", "pieces_5000_digits", "nested_100000_lists", "buyers_30000", "thai_digits",
        "arabic_indic_digits", "columns_10000", "max_mb_inf", "unclosed_quote", "duplicate_headers",
        "escape_in_header", "invalid_date", "huge_integer", "deep_nesting", "duplicate_key", "billion_laughs",
        "zh_placeholder_wrong", "comma_split_option", "comma_split_checkbox", "python_tag",
    ):
        assert kind in names
    if hasattr(os, "mkfifo"):
        assert {"fifo", "fifo_content_file", "fifo_target"} <= names
    for kind in (
        "deep_100000", "updated_number_and_text", "updated_9999", "score_1000000", "escape_in_name",
        "newline_forges_a_line", "escape_in_file_name", "control_in_student_id", "formula_name",
        "formula_minus_plus_at", "markup_in_name", "question_ids_200000", "huge_file", "not_utf8", "empty_file",
        "json_array", "folder_named_like_a_file", "symlink_loop", "missing_folder", "file_as_folder",
    ):
        assert any(c.entry == "summary" and c.name == kind for c in corpus), kind
    assert {c[0] for c in NAME_CASES} >= {"zwnj_persian", "zwj_emoji_sequence", "rlm_mark", "full_width_letters",
                                          "only_spaces", "chars_10000", "escape_character", "dot_dot_path",
                                          "absolute_path", "windows_path"}


# ------------------------------------------------------------------ cases that need a real process

def child(*args, env=None, **kwargs):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "lessons", *args], capture_output=True, timeout=TIMEOUT,
                          env=full_env, cwd=ROOT, **kwargs)


def one_line(proc):
    err = proc.stderr.decode("utf-8", "replace")
    return proc.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err and proc.stdout == b""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_never_blocks(tmp_path):
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    for command in ("assess", "classify"):
        proc = child(command, str(fifo))  # would block forever (no writer) if it were opened for reading
        assert one_line(proc) and b"FIFO" in proc.stderr


def test_dev_zero_is_refused_not_read():
    proc = child("assess", "/dev/zero")
    assert one_line(proc) and b"is a device" in proc.stderr
    proc = child("assess", "-", stdin=open("/dev/zero", "rb"))  # standard input is bounded too
    assert one_line(proc) and b"larger than the limit" in proc.stderr


def test_closed_standard_input():
    proc = subprocess.run(f'"{sys.executable}" -m lessons assess - 0<&-', shell=True, capture_output=True,
                          timeout=TIMEOUT, cwd=ROOT)
    assert one_line(proc) and b"standard input: is closed" in proc.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_standard_input_from_a_terminal_is_refused_not_waited_for():
    import pty

    leader, follower = pty.openpty()
    try:
        proc = child("assess", "-", stdin=follower)
    finally:
        os.close(follower)
        os.close(leader)
    assert one_line(proc) and b"is a terminal" in proc.stderr


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"},
                                 {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0",
                                  "PYTHONIOENCODING": ""}],
                         ids=["ascii", "latin-1", "C-locale"])
def test_terminals_that_cannot_show_chinese(tmp_path, env):
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"conduct": "sell_or_provide", "pieces": {"tier_50": 60}}), encoding="utf-8")
    for lang in ("en", "zh"):
        proc = child("assess", str(case), "--lang", lang, env=env)
        assert proc.returncode == 0 and b"Traceback" not in proc.stderr and proc.stdout
    proc = child("assess", str(case), "--json", "--lang", "zh", env=env)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"conduct": "偷"}', encoding="utf-8")
    proc = child("assess", str(bad), "--lang", "zh", env=env)
    assert one_line(proc)


@pytest.mark.skipif(sys.platform != "linux", reason="byte file names")
def test_file_names_that_are_not_utf8(tmp_path):
    folder = os.fsencode(tmp_path)
    name = folder + b"/\xff\xfecase.json"
    with open(name, "wb") as fh:
        fh.write(b'{"conduct": "obtain"}')
    proc = subprocess.run([os.fsencode(sys.executable), b"-m", b"lessons", b"assess", name, b"--json"],
                          capture_output=True, timeout=TIMEOUT, cwd=ROOT)
    assert proc.returncode == 0 and json.loads(proc.stdout)["tier"] == "none"
    proc = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"lessons", b"assess", name + b".missing"],
        capture_output=True,
        timeout=TIMEOUT,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert one_line(proc) and b"\\xff\\xfecase.json.missing: file not found" in proc.stderr
    table = folder + b"/\xe9t\xe9.csv"
    with open(table, "wb") as fh:
        fh.write(b"a,b\n1,2,3\n")
    proc = subprocess.run([os.fsencode(sys.executable), b"-m", b"lessons", b"classify", table],
                          capture_output=True, timeout=TIMEOUT, cwd=ROOT)
    assert one_line(proc) and b"\\xe9t\\xe9.csv: ragged rows" in proc.stderr


def test_broken_pipe_stays_quiet(tmp_path):
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"conduct": "sell_or_provide", "pieces_sold_to_each_buyer": [{"tier_50": 1}] * 3000}))
    proc = subprocess.run(f'"{sys.executable}" -m lessons assess "{case}" --json | head -c 10', shell=True,
                          capture_output=True, timeout=TIMEOUT, cwd=ROOT)
    assert proc.stdout == b'{\n "format' and b"Traceback" not in proc.stderr


# ------------------------------------------------------------------ property-based tests

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
    | st.sampled_from(["sell_or_provide", "obtain", "none", "criminal", "death", "tier_50"]),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(
        st.sampled_from(["conduct", "pieces", "tier_50", "tier_500", "tier_5000", "pieces_sold_to_each_buyer",
                         "illegal_gains_yuan", "business_profit_yuan", "consequences", "prior_record", "unit_crime",
                         "first_offender", "remorse"]) | st.text(max_size=10), inner, max_size=6),
    max_leaves=30)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.too_slow])


def ends_well(code, out, err):
    assert code in (0, 2), (code, err)
    assert "Traceback" not in out + err
    if code == 2:
        assert out == "" and err.count("\n") == 1 and "\x1b" not in err


@SETTINGS
@given(data=JSON, lang=st.sampled_from(["en", "zh"]))
def test_assess_on_arbitrary_json(capsys, tmp_path, data, lang):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data, allow_nan=True), encoding="utf-8")
    ends_well(main(["assess", str(path), "--json", "--lang", lang]), *capsys.readouterr())


@SETTINGS
@given(
    data=st.binary(max_size=600)
    | st.text(alphabet=st.sampled_from(list(',;\t|"\n\r 0123456789abc姓名手机号\x1b\ufeff๑١')), max_size=300).map(
        lambda t: t.encode("utf-8")
    )
)
def test_table_reader_on_arbitrary_bytes(capsys, tmp_path, data):
    path = tmp_path / "table.csv"
    path.write_bytes(data)
    ends_well(main(["classify", str(path), "--json"]), *capsys.readouterr())


DRIVER = textwrap.dedent("""
    import contextlib, io, json, sys
    from lessons.classify.classifier import Classifier
    from lessons.cli import assess_command, classify_command
    from lessons.cli.main import main
    from lessons.content.course import load_content
    content = load_content()
    classifier = Classifier(content)
    assess_command.load_content = lambda root=None: content  # one load for the batch
    results = []
    for command, path in json.loads(sys.stdin.read()):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([command, path, "--json"])
        results.append([code, err.getvalue()])
    print(json.dumps(results))
""")


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cases=st.lists(JSON, min_size=15, max_size=15), tables=st.lists(st.binary(max_size=2000), min_size=15, max_size=15)
)
def test_arbitrary_input_finishes_in_bounded_time(tmp_path, cases, tables):
    """A batch of arbitrary inputs in a real process, under a timeout: no hang, no traceback."""
    jobs = []
    for number, (case, table) in enumerate(zip(cases, tables, strict=True)):
        (tmp_path / f"{number}.json").write_text(json.dumps(case), encoding="utf-8")
        (tmp_path / f"{number}.csv").write_bytes(table)
        jobs += [["assess", str(tmp_path / f"{number}.json")], ["classify", str(tmp_path / f"{number}.csv")]]
    proc = subprocess.run([sys.executable, "-c", DRIVER], input=json.dumps(jobs), capture_output=True, text=True,
                          timeout=TIMEOUT, cwd=ROOT)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    for code, err in json.loads(proc.stdout):
        assert code in (0, 2) and (code == 0 or err.count("\n") == 1)


# ------------------------------------------------------------------ what content edits would orphan

def test_check_warns_when_an_edit_orphans_saved_answers(capsys, tmp_path):
    import shutil

    from lessons.classroom.progress import Progress
    from tests.bad_input.make_corpus import CONTENT

    answers = tmp_path / "answers"
    Progress(answers, learner="王芳").save("lesson5.review", {"answers": {"l2.q01": "tier_50", "l9.gone": "x"},
                                                              "correct": {"l2.q01": True, "l9.gone": False},
                                                              "score": 1, "total": 2})
    code = main(["check", "--answers", str(answers)])
    out, err = capsys.readouterr()
    assert (
        code == 0 and err == "" and "warning: lesson6.review question 'l9.gone' is answered in 1 learner file(s)" in out
    )
    assert "l2.q01" not in out
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    lesson2 = root / "questions" / "lesson2.yaml"
    text = lesson2.read_text(encoding="utf-8")
    lesson2.write_text(text[:text.index("- id: l2.q02")].replace("options: &tiers", "options:"), encoding="utf-8")
    code = main(["check", "--root", str(root), "--answers", str(answers)])
    out, _ = capsys.readouterr()
    assert code == 0 and "'l2.q01'" not in out and "'l9.gone'" in out
    lesson2.write_text("- id: l2.x\n" + text[text.index("  lesson: 2"):text.index("- id: l2.q02")], encoding="utf-8")
    code = main(["check", "--root", str(root), "--answers", str(answers)])
    out, _ = capsys.readouterr()
    assert code == 0 and "question 'l2.q01' is answered in 1 learner file(s) but is no longer in the content" in out


def test_question_ids_lists_the_content(content):
    from lessons.content.course import question_ids

    ids = question_ids()
    assert "l2.q01" in ids["questions"] and ids["selfcheck"][0] == "q01"
    from lessons.classroom.review import load_questions

    assert len(set(ids["questions"])) == len(ids["questions"]) == len(load_questions(content)) > 26


def test_upload_widget_says_why_when_classifying_fails(content, monkeypatch):
    widget = UploadClassifier(content, lang="zh", remember_language=False)

    def broken(self, frame):
        raise ValueError("a defect the readers did not catch")

    monkeypatch.setattr("lessons.classify.classifier.Classifier.frame", broken)
    widget.upload(b"a,b\n1,2\n", "x.csv")
    assert "ValueError" in widget.value["error"] and "无法对该文件进行分类" in widget.read("result")


def test_messages_in_the_users_language(capsys, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 50 + "]" * 50, encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text('a,b\n1,"2\n3,4\n', encoding="utf-8")
    expected = [(["assess", str(deep), "--lang", "zh"], "deep.json：嵌套层数过多；案件最多嵌套 8 层"),
                (["assess", str(tmp_path / "no.json"), "--lang", "zh"], "no.json：找不到该文件"),
                (["classify", "/dev/null", "--lang", "zh"], "null：这是设备，不是文件"),
                (["classify", str(table), "--lang", "zh"], "t.csv：第 2 行（文件第 2 行）的引号"),
                (["classify", str(table), "--max-mb=nan", "--lang", "zh"], "--max-mb 必须是正数"),
                (["assess", str(deep), "--lang", "en"], "deep.json: is nested too deeply")]
    for argv, message in expected:
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and message in err, (argv, err)


def test_a_text_the_code_cannot_fill_names_the_text(content):
    from lessons.content.errors import ContentError

    with pytest.raises(
        ContentError, match=r"text 'selfcheck.ask_category' \(zh\) cannot be filled in .*gives \{wrong\}"
    ):
        content.text("selfcheck.ask_category", "zh", wrong="x")


# ------------------------------------------------------------------ a removed question keeps its saved answers

def test_removing_a_question_keeps_the_learners_saved_answer(content, tmp_path):
    """Answer a question, remove it from the content, open the review again, answer another: the
    stored file still holds the removed question's answer (it was dropped on the next save before)."""
    import shutil

    from lessons.classroom.progress import Progress
    from lessons.classroom.review import QUESTIONS_DIR
    from lessons.widgets.review_quiz import Review

    def review(questions_dir=None):
        return Review(content, lang="en", progress=Progress(tmp_path / "home", learner="王芳"),
                      remember_language=False, questions_dir=questions_dir)

    first = review()
    gone = next(q for q in first.question_ids if q.startswith("l2."))
    first.go_to(gone)
    option = first.choices()[0][1]
    first.answer(gone, option)
    edited = tmp_path / "questions"
    shutil.copytree(QUESTIONS_DIR, edited)
    (edited / "lesson2.yaml").unlink()  # the teacher removes Lesson 2's questions
    again = review(edited)
    assert gone not in again.question_ids
    other = again.question_ids[0]
    again.go_to(other)
    again.answer(other, again.choices()[0][1])
    stored = Progress(tmp_path / "home", learner="王芳").exercise("lesson5.review")
    assert stored["answers"][gone] == option and other in stored["answers"]
    assert gone not in again.value["answers"]  # the widget shows only the questions it has


# ------------------------------------------------------------------ the class summary: function and widget

def test_summary_inputs_on_summarise_and_the_widget(content, tmp_path):
    """Each progress-file kind: summarise() finishes with the good file as a row and the bad entry
    listed (skipped with a reason, or flagged); the widget shows it with markup escaped, bounded."""
    from lessons.classroom.class_summary import summarise
    from lessons.classroom.grading import load_answer_keys
    from lessons.widgets.class_summary_view import ClassSummaryView

    keys = load_answer_keys(content)
    inputs = summary_inputs(tmp_path)
    assert len(inputs) >= 18
    view = ClassSummaryView(content, lang="en", remember_language=False, folder=tmp_path / "none")
    assert "There is no folder" in view.read("summary")
    failed = []
    for name, (folder, _text, _, _) in inputs.items():
        s = summarise(folder, keys=keys, due=None)
        listed = {k.file for k in s.skipped} | {r.file for r in s.learners if r.flags or r.file != "good.json"}
        view.load(folder)
        shown, page = view.read("summary"), view.html("summary")
        ok = ("good.json" in {r.file for r in s.learners} and listed and "Traceback" not in shown
              and "<script>" not in page and len(page) < 200_000 and "error" not in view.value)
        if not ok:
            failed.append(f"{name}: listed {listed}, shown {shown[:300]!r}")
    assert failed == []
    view.load(inputs["markup_in_name"][0])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view.html("summary")
    view.load(inputs["deep_100000"][0] / "deep.json")
    assert "is a file, not a folder" in view.value["error"] and "is a file, not a folder" in view.read("summary")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_among_progress_files_never_blocks(tmp_path):
    """Opened for reading, a FIFO without a writer blocks forever: the summary must skip it unopened."""
    folder = summary_inputs(tmp_path)["fifo"][0]
    for extra in ((), ("--json",), ("--csv",)):
        proc = child("summary", str(folder), *extra)
        assert proc.returncode == 0 and b"Traceback" not in proc.stderr
        assert (b"Li Qiang" if extra == ("--csv",) else b"fifo.json") in proc.stdout  # the CSV lists learners only


# ------------------------------------------------------------------ learner names and settings.json

@pytest.mark.parametrize("kind, name, reason, same_as", NAME_CASES, ids=[c[0] for c in NAME_CASES])
def test_learner_names(tmp_path, kind, name, reason, same_as):
    """Accepted names save inside the learner folder (NFKC finds the same learner); refused ones say why."""
    from lessons.classroom.progress import Progress, ProgressError

    record = {"answers": {"q01": "a"}, "correct": {"q01": False}, "score": 0, "total": 1}
    p = Progress(tmp_path, learner=None)
    if reason is not None:
        with pytest.raises(ProgressError) as caught:
            p.choose(name)
        assert caught.value.reason == reason and "\n" not in str(caught.value)
        assert not (tmp_path / "learners").exists()
        return
    p.choose(name)
    p.save("lesson1.selfcheck", record)
    assert p.path.parent == tmp_path / "learners" and p.path.resolve().parent == (tmp_path / "learners").resolve()
    assert [f.name for f in (tmp_path / "learners").iterdir() if not f.name.startswith(".")] == [p.path.name]
    assert Progress(tmp_path, learner=name).exercise("lesson1.selfcheck")["answers"] == {"q01": "a"}
    if same_as:
        assert Progress(tmp_path, learner=same_as).path == p.path


@pytest.mark.parametrize("kind", ["corrupt_json", "not_utf8", "json_array", "deep_json", "empty", "a_directory"])
def test_a_damaged_settings_json_is_kept_never_overwritten(tmp_path, kind):
    from lessons.classroom.progress import Progress, current_learner

    folder = settings_inputs(tmp_path)[kind]
    path = folder / "settings.json"
    before = path.read_bytes() if path.is_file() else None
    assert current_learner(folder) is None  # read as no settings, no error
    Progress(folder, learner=None).choose("Wang Fang")
    kept = folder / "settings.json.corrupt-1"
    assert current_learner(folder) == "Wang Fang"
    assert kept.is_dir() if before is None else kept.read_bytes() == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root can write a read-only folder, so there is nothing to refuse")
def test_an_unwritable_learner_folder_says_why(tmp_path, content):
    from lessons.classroom.progress import Progress
    from lessons.widgets.review_quiz import Review

    (tmp_path / "settings.json").write_text('{"language": "zh"}', encoding="utf-8")
    tmp_path.chmod(0o500)
    try:
        widget = Review(content, lang="en", progress=Progress(tmp_path, learner=None), remember_language=False)
        widget.enter_name("Wang Fang")
        assert "Permission denied" in widget.read("progress-notice")
        assert (tmp_path / "settings.json").read_text(encoding="utf-8") == '{"language": "zh"}'
    finally:
        tmp_path.chmod(0o700)
