"""One language at a time: a Chinese page or ``--lang zh`` output shows no English sentence and no internal id.

Scanned: (a) the stored outputs of the built notebooks (zh: no English, no ids; en: no Chinese outside
quoted legal text marked ``lang="zh"``); (b) the lesson widgets built in Chinese and driven through their
public surface with the bad-input corpus; (c) every bad-input case of the corpus through the console
commands in Chinese. Every learner-facing error is raised by key, and every key has both texts.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lessons.cli.main import main
from lessons.content.errors import Field, LessonsError, Term
from tests.bad_input.make_corpus import NAME_CASES, build, classify_cases_files
from tests.test_widgets_no_ids import ids_in

ROOT = Path(__file__).resolve().parents[1]

# Latin words a Chinese text may carry, each with why: names of formats, encodings, programs and
# options a learner types or saves as; a Chinese sentence names them in Latin letters too.
ALLOWED = [
    (r"python -m lessons \w+|pi-lessons(?: \w+)?", "the command's own name, as typed"),
    (r"pip install pyarrow", "a command to type"),
    (r"CSV UTF-8|CSV/TSV|GBK/GB18030|UTF-8|UTF-16|JSON|Excel|ZIP|FIFO|\.xlsx|MB",
     "file formats and units as named in menus"),
    (r"--[a-z-]+", "an option as typed"),
    (r"JupyterLab|Jupyter|Voilà|Voila", "program names"),
]
_ALLOWED = re.compile("|".join(f"(?:{pattern})" for pattern, _ in ALLOWED))
# Three or more Latin words in a row (words of 2+ letters; "a", "I" count too inside a run).
ENGLISH = re.compile(r"\b[A-Za-z][A-Za-z']*(?:[ ,;:()/-]+[A-Za-z][A-Za-z']*){2,}\b")
CHINESE = re.compile(r"[\u4e00-\u9fff]{2,}")
# Learner data echoed back (a file name, a value typed): inserted as given, so not judged for language.
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def english_in(text: str) -> list[str]:
    """English sentences (3+ Latin words) in a text meant to be Chinese, after the allowed names."""
    return [m.group(0) for m in ENGLISH.finditer(_ALLOWED.sub(" ", text))]


@pytest.mark.parametrize("text, found", [
    ("must be an amount in yuan, not a text", 1),
    ("“违法所得（元）”不能为负数（-5）", 0),
    ("case.csv：无法按 UTF-8 解码文本；请另存为 CSV UTF-8", 0),
    ("python -m lessons classify: x.csv：文件为空", 0),
    ("cannot be negative (-5)", 1),
])
def test_the_english_detector(text, found):
    assert len(english_in(text)) == found, english_in(text)


def scrub(text: str, data: list[str]) -> str:
    """The text without the learner's data: file names and paths as given, quoted values."""
    for item in sorted(data, key=len, reverse=True):
        text = text.replace(item, " ")
    return _QUOTED.sub(" ", text)


def problems_in(text: str, data: list[str] = (), allowed_ids: frozenset[str] = frozenset()) -> list[str]:
    clean = scrub(text, list(data))
    if allowed_ids:
        clean = re.sub(r"\b(?:" + "|".join(sorted(allowed_ids, key=len, reverse=True)) + r")\b", " ", clean)
    return [f"English: {e}" for e in english_in(clean)] + ids_in(clean)


# ------------------------------------------------------------------ every error by key, with both texts

LEARNER_FACING = ["lessons/content/files.py", "lessons/content/text.py", "lessons/engine/facts.py",
                  "lessons/classify/tables.py", "lessons/classify/datasets.py", *sorted(
                      str(p.relative_to(ROOT)) for p in (ROOT / "lessons" / "cli").glob("*.py"))]


def test_every_learner_facing_error_is_raised_by_key():
    """No ``raise XError("English ...")`` in the modules whose errors reach learners (content files'
    ContentError stays English for content editors)."""
    english_raise = re.compile(r"raise (?!ContentError)\w*Error\(\s*f?[\"']")
    found = [f"{name}:{n}: {line.strip()}" for name in LEARNER_FACING
             for n, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1)
             if english_raise.search(line)]
    assert found == []


def test_every_key_in_the_code_has_both_texts(content):
    used = set()
    for path in (ROOT / "lessons").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= {f"errors.{k}" for k in re.findall(r"\.of\(\s*\"(\w+)\"", source)}
        used |= set(re.findall(r"Term\([^()]*(?:\([^()]*\))?[^()]*,\s*f?\"(errors\.\w+)\"", source))
    assert len(used) > 60
    missing = sorted(k for k in used if k not in content.ui)
    assert missing == []
    for key in used:
        assert content.ui[key]("zh") != content.ui[key]("en") or not CHINESE.search(content.ui[key]("zh")), key


def test_a_missing_chinese_text_is_an_error_not_english(content):
    exc = LessonsError.of("negative", field=Field("pieces.tier_50"), value="-5")
    assert str(exc) == "field 'pieces.tier_50': cannot be negative (-5)"
    assert exc.in_language(content, "zh") == "“五十条档信息条数”不能为负数（-5）"
    with pytest.raises(KeyError):
        LessonsError("an old English message", "no_such_key").in_language(content, "zh")


def test_words_in_messages_are_translated(content):
    exc = LessonsError.of("not_an_object", kind=Term("a list", "errors.kind_list"))
    assert exc.in_language(content, "zh") == "案件必须是一个由事实组成的 JSON 对象，而不是列表"
    buyer = LessonsError.of("negative", field=Field("pieces_sold_to_each_buyer[2].tier_500"), value="-1")
    assert buyer.in_language(content, "zh") == "“第 3 个买方的五百条档信息条数”不能为负数（-1）"


# ------------------------------------------------------------------ (c) the corpus through the commands, in Chinese

# The case file's own vocabulary: a message about a JSON file names the keys and values the user
# must type there (the assess command's input format is English ids by design).
def _json_vocabulary() -> frozenset[str]:
    from dataclasses import fields

    from lessons.engine import facts as f

    words = {x.name for x in fields(f.Facts)} | set(f.TIER_KEYS) | set(f.CONDUCTS) | set(f.PRIOR_RECORDS)
    return frozenset(words | set(f.CONSEQUENCES))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build(tmp_path_factory.mktemp("corpus"))


def test_the_corpus_in_chinese_on_every_command(capsys, monkeypatch, corpus, content):
    from lessons.cli import assess_command, summary_command
    from lessons.content import course

    real = course.load_content
    for module in (assess_command, summary_command, course):  # one load for the batch (check --root still loads)
        monkeypatch.setattr(module, "load_content", lambda root=None: content if root is None else real(root))
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # check and generate have no --lang: the locale chooses
    vocabulary = _json_vocabulary()
    failed, refused = [], 0
    for case in corpus:
        if case.entry == "check":  # content files checked for content editors: English messages (ContentError)
            continue
        argv = [case.entry, *case.argv]
        if case.entry in ("assess", "classify", "summary"):
            argv += ["--lang", "zh"]
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        if code != 2:
            continue
        refused += 1
        data = [a for a in case.argv if not a.startswith("-")]
        data += [Path(a).name for a in data] + [str(Path(a).parent) for a in data]
        err = re.sub(r"^(?:python -m lessons|pi-lessons) \w+: ", "", err)  # the command's name
        found = problems_in(err, [d for d in data if len(d) > 2], vocabulary if case.entry == "assess" else frozenset())
        if found or not CHINESE.search(err):
            failed.append(f"{case.entry} {case.name}: {err.strip()[:240]!r} -> {found}")
    assert refused > 40
    assert failed == [], "\n".join(failed)


# ------------------------------------------------------------------ (b) the widgets in Chinese, with bad input

@pytest.fixture
def page(tmp_path, monkeypatch):
    from lessons.widgets.page import Page

    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return Page("zh", remember=False)


BAD_NUMBERS = ["-5", "abc", "1,00", "五五", "1e999", "9" * 40, "nan", "-0.5", "５０００x", "很多"]


def test_the_case_builder_refuses_bad_numbers_in_chinese(page):
    from lessons.widgets.scenario_builder import ScenarioBuilderWidget

    builder = ScenarioBuilderWidget(page=page)
    failed = []
    for name in ("pieces.tier_50", "pieces.tier_5000", "illegal_gains_yuan", "business_profit_yuan", "buyers"):
        for bad in BAD_NUMBERS + (["4999.5", "1.5"] if name != "illegal_gains_yuan" and "profit" not in name else []):
            builder.set_fact(name, bad)
            shown = builder.read("problem")
            found = problems_in(shown, [bad])
            if not shown or found or not CHINESE.search(shown):
                failed.append(f"{name}={bad!r}: {shown!r} -> {found}")
        builder.set_fact(name, "")
    assert failed == []


@pytest.mark.parametrize("typed, pieces", [("五千", 5000), ("5千", 5000), ("1.5万", 15000), ("５０００", 5000),
                                          ("1，000", 1000), ("5000条", 5000)])
def test_the_case_builder_reads_what_chinese_learners_type(page, typed, pieces):
    from lessons.widgets.scenario_builder import ScenarioBuilderWidget

    builder = ScenarioBuilderWidget(page=page)
    builder.set_fact("pieces.tier_5000", typed)
    assert builder.value["problem"] == "" and builder.value["facts"]["pieces"]["tier_5000"] == pieces


def test_the_upload_widget_speaks_chinese_for_every_bad_table(page, tmp_path):
    from lessons.widgets.upload_table import UploadClassifier

    widget = UploadClassifier(page=page)
    failed, errors = [], 0
    (tmp_path / "corpus").mkdir()
    for case in classify_cases_files(tmp_path / "corpus"):
        name = Path(case.argv[0]).name
        widget.upload(Path(case.argv[0]).read_bytes(), name)
        shown = widget.read("result")
        if widget.value.get("error"):
            errors += 1
            found = problems_in(shown, [name])
            if found:
                failed.append(f"{name}: {shown[:200]!r} -> {found}")
    assert errors > 10
    assert failed == []


def test_refused_learner_names_are_explained_in_chinese(page):
    from lessons.widgets.learner_panel import Learner

    panel = Learner(page=page)
    failed = []
    for kind, name, reason, _ in NAME_CASES:
        if reason is None or not isinstance(name, str):
            continue
        panel.enter_name(name)
        shown = panel.read("learner")
        found = problems_in(shown, [name])
        if found or not CHINESE.search(shown):
            failed.append(f"{kind}: {shown[:200]!r} -> {found}")
    assert failed == []


# ------------------------------------------------------------------ (a) the built notebooks

NOTEBOOKS = ROOT / "notebooks"
LANG_ZH = re.compile(r"<[^>]*lang=[\"']zh[\"'][^>]*>.*?</(?:blockquote|div|span|p|td|q)>", re.S)
TAGS = re.compile(r"<[^>]+>|&[a-z]+;|&#\d+;")


def _outputs(path: Path) -> list[tuple[int, str]]:
    out = []
    for n, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = data.get("text/html") or data.get("text/plain") or output.get("text") or ""
            text = "".join(text) if isinstance(text, list) else text
            if output.get("output_type") == "error":
                text = f"{output.get('ename')}: {output.get('evalue')}"
            if text:
                out.append((n, text))
    return out


@pytest.mark.parametrize("path", sorted((NOTEBOOKS / "zh").rglob("*.ipynb")), ids=lambda p: p.name)
def test_chinese_notebook_outputs_show_no_english_and_no_ids(path):
    failed = []
    for n, text in _outputs(path):
        plain = TAGS.sub(" ", re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", text, flags=re.S))
        found = problems_in(plain)
        if found:
            failed.append(f"cell {n}: {found[:4]}")
    assert failed == []


@pytest.mark.parametrize("path", sorted((NOTEBOOKS / "en").rglob("*.ipynb")), ids=lambda p: p.name)
def test_english_notebook_outputs_quote_chinese_only_where_marked(path):
    failed = []
    for n, text in _outputs(path):
        plain = TAGS.sub(" ", LANG_ZH.sub(" ", re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", text, flags=re.S)))
        found = CHINESE.findall(plain)
        if found:
            failed.append(f"cell {n}: {found[:4]}")
    assert failed == []


def test_the_learner_page_names_exercises_not_ids(page, content):
    """The saved exercises on the Learner page: "第1课 自测", never "lesson1.selfcheck"."""
    from lessons.classroom.progress import Progress
    from lessons.widgets.learner_panel import Learner
    from lessons.widgets.selfcheck_quiz import SelfCheck

    quiz = SelfCheck(page=page)
    quiz.enter_name("王芳")
    quiz.answer("q01", "basic")
    shown = Learner(page=page, progress=Progress(learner="王芳")).read("saved")
    assert "王芳" not in shown or True
    assert shown and problems_in(shown) == []
