"""Take-away pages: the action plan and a learner's results as standalone pages to download and print,
in the page's language, with no server path; local times as <time> elements (shown by the browser)."""
import re

import pytest

from lessons.classroom import action_plan as pl
from lessons.classroom import printable
from lessons.classroom import results_page as rp
from lessons.classroom.exercises import title
from lessons.classroom.grading import load_answer_keys
from lessons.content.course import load_content
from lessons.widgets.take_away import download_link, local_time

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture(scope="module")
def guide(content):
    return pl.load_guide(content)


def visible_text(page: str) -> str:
    from lessons.widgets.controls import plain_text

    return plain_text(page)


@pytest.mark.parametrize("lang, html_lang", [("en", "en"), ("zh", "zh-CN")])
def test_plan_page_is_printable_in_its_language(guide, content, lang, html_lang):
    plan = pl.build_plan(guide, ["phone"], ["money_transferred"])
    page = pl.to_html(plan, guide, content, lang)
    assert f"<html lang='{html_lang}'>" in page and "name='viewport'" in page
    assert "@media print" in page and "@page{size:A4" in page
    print_css = page[page.index("@media print"):page.index("</style>")]
    assert "display:none" not in print_css and "visibility" not in print_css, "print hides nothing of the plan"
    assert "<button" not in page and "<script" not in page and "<a " not in page
    text = visible_text(page)
    for step in plan.steps:
        assert step.title(lang) in text
    assert content.text("plan.export_title", lang) in text
    if lang == "zh":  # the Chinese page: Chinese sentences only (clause citations included)
        assert not re.search(r"\b(Step|Basis|Note|Clauses|English)\b", text)
    else:
        assert "Basis:" in text


def test_plan_file_name_is_readable_in_each_language(content):
    assert pl.file_name(content, "zh") == "我的行动方案.html"
    assert pl.file_name(content, "en") == "my-action-plan.html"


def test_pages_carry_no_server_path(guide, content, tmp_path, monkeypatch):
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path / "course-home"))
    plan = pl.build_plan(guide, ["phone"], [])
    keys = load_answer_keys(content)
    pages = [pl.to_html(plan, guide, content, lang) for lang in ("en", "zh")]
    pages += [rp.to_html(rp.results({}, keys), "王芳", content, lang) for lang in ("en", "zh")]
    for page in pages:
        assert "course-home" not in page and str(tmp_path) not in page and "plans/" not in page


def test_printable_page_escapes_its_title():
    page = printable.page("<b>x</b>", "<p>body</p>", "zh")
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in page and "<p>body</p>" in page


def test_results_agree_with_the_class_summary(content, tmp_path):
    """The learner's page shows exactly what the teacher's gradebook counts: first answers, practice apart."""
    import datetime as dt

    from lessons.classroom.class_summary import summarise
    from lessons.classroom.progress import Progress

    keys = load_answer_keys(content)
    questions = list(keys.exercises["lesson1.selfcheck"])
    from lessons.classroom import selfcheck as sc

    item = next(i for i in sc.load_items(content) if i.id == questions[0])
    right = sc.solution(item, content)
    wrong = next(c for c in sc.choices(item) if c != right)
    p = Progress(tmp_path, learner="Li Lei")
    record = lambda a: {"answers": {questions[0]: a}, "correct": {questions[0]: a == right},  # noqa: E731
                        "score": int(a == right), "total": keys.total("lesson1.selfcheck")}
    p.save("lesson1.selfcheck", record(wrong))  # first answer wrong: it counts
    p.save("lesson1.selfcheck", record(right))  # then right: practice
    rows = {r.exercise: r for r in rp.results(p.load(), keys)}
    [row] = summarise(p.path.parent, keys, due=None, now=lambda: dt.datetime.now(dt.timezone.utc)).learners
    assert (rows["lesson1.selfcheck"].counted, rows["lesson1.selfcheck"].total) == row.scores["lesson1.selfcheck"]
    assert rows["lesson1.selfcheck"].counted == 0 and rows["lesson1.selfcheck"].practice == row.practice == 1
    assert rows["lesson2.labelling"].counted is None  # not started: shown as such, not as 0
    [latest] = summarise(p.path.parent, keys, due=None, retries_count=True).learners  # a class counting retries
    again = {r.exercise: r for r in rp.results(p.load(), keys, retries_count=True)}
    assert again["lesson1.selfcheck"].counted == latest.scores["lesson1.selfcheck"][0] == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_results_page_in_its_language(content, lang):
    keys = load_answer_keys(content)
    rows = rp.results({}, keys)
    page = rp.to_html(rows, "王芳 <script>", content, lang)
    text = visible_text(page)
    assert content.text("learner.results_title", lang) in text and "王芳 <script>" in text
    assert "<script" not in page and "@media print" in page
    for r in rows:
        assert title(r.exercise, lang) in text and r.exercise not in text, "titles, never ids"
    assert bool(HAN.search(text.replace("王芳", ""))) == (lang == "zh")


def test_download_link_carries_the_page():
    import base64

    link = download_link("<p>计划</p>", "我的行动方案.html", "下载 <我的> 方案", "pi-x")
    data = re.search(r"href='data:text/html;charset=utf-8;base64,([^']+)'", link).group(1)
    assert base64.b64decode(data).decode("utf-8") == "<p>计划</p>"
    assert "download='我的行动方案.html'" in link and "下载 &lt;我的&gt; 方案" in link


def test_local_time_keeps_utc_for_the_browser_to_convert():
    shown = local_time("2026-12-07T03:50:00+00:00", "{time} UTC")
    assert "datetime='2026-12-07T03:50:00+00:00'" in shown and "class='pi-local-time'" in shown
    assert ">2026-12-07 03:50 UTC</time>" in shown
    assert "datetime='2026-12-06T19:50:00+00:00'" in local_time("2026-12-07T03:50:00+08:00", "{time} UTC")


# -- the start page (learner_panel.Learner) ------------------------------------------------------------

def results_link(panel) -> tuple[str, str]:
    import base64
    import html

    link = re.search(r"<a class='pi-results-link' download='([^']+)'[^>]* "
                     r"href='data:text/html;charset=utf-8;base64,([^']+)'", panel.html("download"))
    assert link, panel.html("download")
    return html.unescape(link.group(1)), base64.b64decode(link.group(2)).decode("utf-8")


@pytest.mark.parametrize("lang, html_lang", [("en", "en"), ("zh", "zh-CN")])
def test_start_page_gives_the_results_page_and_no_server_path(content, tmp_path, monkeypatch, lang, html_lang):
    from lessons.classroom.progress import Progress
    from lessons.widgets.learner_panel import Learner

    home = tmp_path / "server-home"
    monkeypatch.setenv("PI_LESSONS_HOME", str(home))
    monkeypatch.delenv("PI_LESSONS_HANDIN", raising=False)
    keys = load_answer_keys(content)
    qid = list(keys.exercises["lesson1.selfcheck"])[0]
    p = Progress(learner="王芳")
    p.save("lesson1.selfcheck", {"answers": {qid: "basic"}, "correct": {}, "score": 0, "total": 14})
    panel = Learner(content, lang=lang, progress=p, remember_language=False)
    shown = "".join(panel.html(part) for part in ("intro", "saved", "download", "learner", "receipt"))
    assert str(home) not in shown and str(tmp_path) not in shown
    assert content.text("learner.where", lang) in panel.read("intro")
    name, page = results_link(panel)
    assert name == content.text("learner.results_file", lang) and (name, page) == panel.results_page
    assert f"<html lang='{html_lang}'>" in page and "@media print" in page and "王芳" in page
    [row] = [r for r in rp.results(p.load(), keys) if r.exercise == "lesson1.selfcheck"]
    assert content.text("learner.results_score", lang, score=row.counted, total=row.total) in visible_text(page)
    assert content.text("learner.download_results", lang) in panel.read("download")
    assert content.text("learner.download", lang) in panel.read("download"), "the progress file stays"


def test_receipt_time_is_left_to_the_browser_and_the_hash_is_tucked_away(content, tmp_path):
    import hashlib

    from lessons.classroom.progress import Progress
    from lessons.widgets.learner_panel import Learner

    from lessons.classroom.settings import Classroom

    (tmp_path / "handin").mkdir()
    p = Progress(tmp_path / "home", learner="Zhou Jie", classroom=Classroom(handin=tmp_path / "handin"))
    p.save("lesson1.selfcheck", {"answers": {}, "correct": {}, "score": 0, "total": 14})
    panel = Learner(content, lang="zh", progress=p, remember_language=False)
    panel.hand_in()
    receipt = panel.html("receipt")
    when = re.search(r"<time class='pi-local-time' datetime='([^']+)'>", receipt)
    assert when and when.group(1).endswith("+00:00"), receipt  # UTC kept for the browser, shown in its zone
    first_line = receipt[:receipt.index("</p>")]
    assert "SHA-256" not in first_line and re.search(r"<details><summary>供老师核对</summary>", receipt)
    handed = next((tmp_path / "handin").iterdir()).read_bytes()
    assert hashlib.sha256(handed).hexdigest() in receipt
