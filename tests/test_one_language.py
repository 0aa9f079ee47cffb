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
# A Chinese sentence on an English page: 8+ Chinese characters in a row (a name such as 王芳 or a term
# glossed in brackets, "criminal detention (拘役)", is not one).
CHINESE_SENTENCE = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff，、；：“”]{7,}")
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


# Chinese punctuation in a Chinese sentence: "正确." or "(已知 0 项，共 6 项)" mixes the styles.
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][.,;:?!](?![0-9A-Za-z])|\([^()\n]*[\u4e00-\u9fff][^()\n]*\)")


def problems_in(text: str, data: list[str] = (), allowed_ids: frozenset[str] = frozenset()) -> list[str]:
    clean = scrub(text, list(data))
    if allowed_ids:
        clean = re.sub(r"\b(?:" + "|".join(sorted(allowed_ids, key=len, reverse=True)) + r")\b", " ", clean)
    return ([f"English: {e}" for e in english_in(clean)] + ids_in(clean)
            + [f"half-width punctuation: {m.group(0)}"
               for m in HALF_WIDTH.finditer(re.sub("\x02.*?\x03", " ", clean, flags=re.S))])


# ------------------------------------------------------------------ every error by key, with both texts

# The modules whose errors reach a learner or a teacher. Not here: content/reader.py and course.py (ContentError,
# for content editors), classroom/records.py's record-protocol checks and the widgets' ValueError/KeyError
# (a notebook author's misuse in code, never a learner's act).
LEARNER_FACING = ["lessons/content/files.py", "lessons/content/text.py", "lessons/engine/facts.py",
                  "lessons/classify/tables.py", "lessons/classify/datasets.py", "lessons/classroom/handin.py",
                  "lessons/classroom/review.py", "lessons/classroom/writing.py", "lessons/classroom/action_plan.py",
                  "lessons/classroom/class_summary.py", "lessons/classroom/progress_store.py",
                  "lessons/classroom/exercise_models.py", "lessons/widgets/upload_table.py", *sorted(
                      str(p.relative_to(ROOT)) for p in (ROOT / "lessons" / "cli").glob("*.py"))]


def test_every_learner_facing_error_is_raised_by_key():
    """No ``raise XError("English ...")`` in the modules whose errors reach learners (content files'
    ContentError stays English for content editors)."""
    english_raise = re.compile(r"raise (?!ContentError|KeyError|ValueError)\w*Error\(\s*f?[\"']")
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
    from lessons.content.tier_ids import TIER_IDS
    from lessons.engine import fact_table as f

    words = set(f.NAMES) | set(TIER_IDS) | set(f.CONDUCTS) | set(f.PRIOR_RECORDS)
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
    """(cell number, text) of each stored output a reader of the page sees. Left out: code cells tagged
    lab-only, which show Python to the computing student (a result's repr, a rule's source) and are
    hidden in the app view."""
    out = []
    for n, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        if "lab-only" in cell.get("metadata", {}).get("tags", []):
            continue
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
        found = problems_in(plain(text))
        if found:
            failed.append(f"cell {n}: {found[:4]}")
    assert failed == []


@pytest.mark.parametrize("path", sorted((NOTEBOOKS / "en").rglob("*.ipynb")), ids=lambda p: p.name)
def test_english_notebook_outputs_quote_chinese_only_where_marked(path):
    failed = []
    for n, text in _outputs(path):
        found = CHINESE_SENTENCE.findall(plain(LANG_ZH.sub(" ", text)))
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


# ------------------------------------------------------------------ (b) every lesson widget in Chinese, driven

def shown_text(widget) -> str:
    """Everything a learner sees of a widget: HTML and labels, control names, options, placeholders and
    tooltips of the children shown (public ipywidgets traits only)."""
    out = []
    layout = getattr(widget, "layout", None)
    if layout is not None and getattr(layout, "display", None) == "none":
        return ""
    for trait in ("value", "description", "placeholder", "tooltip"):
        value = getattr(widget, trait, None)
        if isinstance(value, str) and (trait != "value" or type(widget).__name__ in ("HTML", "HTMLMath", "Label")):
            out.append(plain(value))
    options = getattr(widget, "options", None)
    if options and type(widget).__name__ not in ("FileUpload",):
        out += [str(o[0] if isinstance(o, tuple) else o) for o in options]
    out += [shown_text(child) for child in getattr(widget, "children", ())]
    return "\n".join(t for t in out if t)


QUOTE = re.compile(r"<blockquote[^>]*>(.*?)</blockquote>|<table[^>]*>(.*?)</table>", re.S)


def plain(html: str) -> str:
    """The text of some HTML; quotations (statutes, court texts, verbatim with their own punctuation) and
    tables (a leak's cells are data as written) marked by \x02...\x03: the punctuation check leaves them."""
    html = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return TAGS.sub(" ", QUOTE.sub(lambda m: "\x02" + (m.group(1) or m.group(2) or "") + "\x03", html))


def lesson_widgets(page):
    """The widgets of the lessons, as the lesson notebooks create them."""
    from lessons.engine.scenarios import load_scenarios
    from lessons.widgets.aggregation_gauge import AggregationWidget
    from lessons.widgets.category_explorer import CategoryExplorer
    from lessons.widgets.classifier_reveal import ClassifierReveal, PieceCounter
    from lessons.widgets.court_case_quiz import CourtCaseQuiz
    from lessons.widgets.labelling import LabellingWidget
    from lessons.widgets.learner_panel import Learner
    from lessons.widgets.plan_checklist import ActionPlan
    from lessons.widgets.review_quiz import Review
    from lessons.widgets.scenario_builder import ScenarioBuilderWidget
    from lessons.widgets.selfcheck_quiz import SelfCheck
    from lessons.widgets.start_page import StartHere
    from lessons.widgets.stepper import StepperWidget
    from lessons.widgets.upload_table import UploadClassifier

    return [StartHere(page=page), Learner(page=page), CategoryExplorer(page=page), SelfCheck(page=page),
            LabellingWidget(page=page), ClassifierReveal(page=page), PieceCounter(page=page),
            UploadClassifier(page=page),
            AggregationWidget(pieces={"tier_50": 30, "tier_500": 200, "tier_5000": 1000}, page=page),
            StepperWidget(facts=load_scenarios()["hospital_insider"].facts, page=page),
            ScenarioBuilderWidget(page=page),
            CourtCaseQuiz(page=page), ActionPlan(page=page), Review(page=page)]


def test_every_lesson_widget_speaks_only_chinese(page):
    failed = []
    for widget in lesson_widgets(page):
        found = problems_in(shown_text(widget))
        if found:
            failed.append(f"{type(widget).__name__}: {sorted(set(found))[:8]}")
    assert failed == [], "\n".join(failed)


def _drive(widget):
    """Each reachable state of a lesson widget through its public surface: (what was done, the widget)."""
    from lessons.classify.datasets import DATASET_IDS
    from lessons.content.course import CATEGORY_IDS
    from lessons.engine.result import TIERS

    kind = type(widget).__name__
    yield "built", widget
    if kind == "SelfCheck":
        for q in widget.question_ids:
            for _, choice in widget.choices(q)[:2]:
                widget.answer(q, choice)
                yield f"answer {q}={choice}", widget
    elif kind == "LabellingWidget":
        for dataset in DATASET_IDS:
            widget.choose(dataset)
            for q in [q for q in widget.question_ids if q.startswith(dataset + "/")][:3]:
                options = widget.choices(q)
                widget.answer(q, [next(iter(v))[1] for v in options.values()])
            widget.check()
            yield f"checked {dataset}", widget
    elif kind == "ClassifierReveal":
        for dataset in DATASET_IDS:
            widget.choose(dataset)
            widget.reveal()
            yield f"revealed {dataset}", widget
    elif kind == "CategoryExplorer":
        for category in CATEGORY_IDS:
            widget.choose(category)
            yield f"category {category}", widget
        for _, info_type in widget.choices("info_type"):
            if not info_type:
                continue
            widget.select(info_type)
            yield f"type {info_type}", widget
    elif kind == "StepperWidget":
        while "next" in widget.actions:
            widget.next()
            yield f"step {widget.value.get('index')}", widget
        widget.skip(True)
        yield "skipping", widget
    elif kind == "ScenarioBuilderWidget":
        from lessons.engine.scenarios import load_scenarios

        for sid in load_scenarios():
            widget.choose(sid)
            yield f"preset {sid}", widget
            while "next" in widget.stepper.actions:
                widget.stepper.next()
            yield f"preset {sid}, last step", widget
    elif kind == "CourtCaseQuiz":
        from lessons.engine.court_cases import load_court_cases

        for case_id in load_court_cases():
            widget.choose(case_id)
            yield f"case {case_id}", widget
            widget.predict(TIERS[1], "")
            try:
                widget.check()
            except Exception:  # noqa: BLE001 - a prediction the widget refuses still leaves a state to read
                pass
            yield f"case {case_id} checked", widget
    elif kind == "ActionPlan":
        for group in ("leaked", "events"):
            for _, option in widget.choices(group):
                widget.tick(option)
        yield "every option ticked", widget
    elif kind == "Review":
        for q in widget.question_ids:
            widget.go_to(q)
            choices = widget.choices(q)
            widget.answer(q, choices[0][1] if choices else "五千")
            yield f"answered {q}", widget
            if not choices:
                widget.answer(q, "很多")
                yield f"answered {q} with a word", widget
    elif kind == "AggregationWidget":
        for name, value in (("pieces.tier_50", 5000), ("obtained_in_duties", True)):
            widget.set_fact(name, value)
            yield f"{name}={value}", widget


def _sample_data() -> list[str]:
    """The synthetic leaked tables' own column names and cells: data the lessons show as it is (a leak's
    headers are often English, e.g. ``subscriber_name``), not words of the page."""
    from lessons.classify.datasets import DATASET_IDS, load_sample

    data: set[str] = set()
    for dataset in DATASET_IDS:
        frame = load_sample(dataset).frame
        data.update(str(c) for c in frame.columns if len(str(c)) > 2)
        data.update(v for column in frame.columns for v in frame[column] if isinstance(v, str) and len(v) > 5)
    return sorted(data)


def test_every_reachable_state_speaks_only_chinese(page):
    failed, data = [], _sample_data()
    for widget in lesson_widgets(page):
        seen = set()
        for done, state in _drive(widget):
            found = [f for f in problems_in(shown_text(state), data) if f not in seen]
            seen.update(found)
            if found:
                failed.append(f"{type(widget).__name__} after {done}: {found[:6]}")
    assert failed == [], "\n".join(failed)


def test_each_lesson_states_the_same_time_in_both_languages_and_the_list():
    """A lesson's own page, in each language, gives the time the course list gives (it said 25 and 30)."""
    from lessons.content.syllabus import load_lessons

    for lesson in load_lessons():
        cells = json.loads((ROOT / "source" / lesson.file).read_text(encoding="utf-8"))["cells"]
        text = {lang: "".join("".join(c["source"]) for c in cells if lang in c["metadata"].get("tags", []))
                for lang in ("en", "zh")}
        en = re.search(r"about (\d+) minutes", text["en"])
        zh = re.search(r"约\s?(\d+)\s?分钟", text["zh"])
        assert en and zh and int(en.group(1)) == int(zh.group(1)) == lesson.minutes, lesson.file


def test_the_class_summary_explains_every_damaged_folder_in_chinese(content, tmp_path):
    """The teacher's page in Chinese on each progress-folder case of the corpus (skipped files, bad records)."""
    from lessons.widgets.class_summary_view import ClassSummaryView
    from tests.bad_input.make_corpus import summary_inputs

    view = ClassSummaryView(content, lang="zh", remember_language=False, folder=tmp_path / "none")
    assert CHINESE.search(view.read("summary")) and problems_in(view.read("summary"), [str(tmp_path)]) == []
    failed = []
    for name, (folder, *_) in summary_inputs(tmp_path).items():
        view.load(folder)
        found = problems_in(view.read("summary"), [str(tmp_path)])  # the folder typed is data
        if found:
            failed.append(f"{name}: {found[:5]}")
    assert failed == [], "\n".join(failed)
