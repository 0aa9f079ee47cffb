"""Lesson 1 widgets, driven headless: set values, read what they show, in both languages."""
import pytest

from lessons.classroom import selfcheck as sc
from lessons.widgets.base import plain_text
from lessons.widgets.category_explorer import CategoryExplorer
from lessons.widgets.selfcheck_quiz import SelfCheck
from lessons.widgets.start_page import StartHere


@pytest.fixture
def explorer(content):
    return CategoryExplorer(content, lang="en", remember_language=False)


def test_explorer_starts_on_basic_category(explorer):
    assert explorer.value == {"category": "basic", "info_type": None}
    assert "Basic information" in explorer.read("view") and "resident ID number" in explorer.read("view")


def test_explorer_shows_tier_clause_and_pipl(explorer):
    explorer.select("location_track")
    assert explorer.value["tier"] == "tier_50" and explorer.value["pipl_sensitive"] is True
    html = explorer.read("view")
    assert "行踪轨迹信息、通信内容、征信信息、财产信息五十条以上的" in html  # the verbatim clause
    assert "2017 Interpretation Art. 5 para. 1 item 3" in html
    assert "PIPL Art. 28" in html and "named as sensitive" in html


def test_explorer_shows_open_question(explorer):
    explorer.select("account_password")
    assert "Where the law is open" in explorer.read("view")


def test_explorer_switches_language_and_keeps_selection(explorer):
    explorer.select("bank_card")
    explorer.set_language("zh")
    assert explorer.value["info_type"] == "bank_card"
    assert "银行卡号" in explorer.read("view") and "第五条第一款第（四）项" in explorer.read("view")
    assert "Bank card" not in explorer.read("view")
    assert explorer.html("title") == "<h3>个人信息类别浏览</h3>" and explorer.title == "个人信息类别浏览"
    assert ("账户信息", "account") in explorer.choices("category")


def test_explorer_category_change_resets_type(explorer):
    explorer.select("imei")
    explorer.choose("private")
    assert explorer.value == {"category": "private", "info_type": None}


@pytest.fixture
def quiz(content):
    return SelfCheck(content, lang="en", remember_language=False)


def answer(quiz, qid, value):
    quiz.answer(qid, value)
    return quiz.feedback(qid)


def test_selfcheck_feedback_explains_and_cites(quiz, content):
    """Right and wrong answers taken from the taxonomy: the test follows the content, not a copy of it."""
    tiers = [item for item in quiz.model.items.values() if item.ask == "tier"][:2]
    right, other = (sc.solution(item, content) for item in tiers)
    wrong = next(c for c in sc.choices(tiers[1]) if c != other)
    feedback = answer(quiz, tiers[0].id, right)
    clause = content.provisions[content.tiers[right].clause]
    assert plain_text(content.text("common.correct", "en")) in feedback and clause.cite("en") in feedback
    feedback = answer(quiz, tiers[1].id, wrong)
    assert plain_text(content.text("common.incorrect", "en")) in feedback
    assert content.tiers[other].name("en") in feedback
    assert quiz.value["score"] == 1 and quiz.value["correct"] == {tiers[0].id: True, tiers[1].id: False}


def test_selfcheck_shows_the_counted_score_and_the_practice(quiz, content):
    item = next(i for i in quiz.model.items.values() if i.scored)
    right = sc.solution(item, content)
    answer(quiz, item.id, next(c for c in sc.choices(item) if c != right))
    answer(quiz, item.id, right)  # the feedback was shown: this answer is practice
    total = sum(i.scored for i in quiz.model.items.values())
    score = quiz.read("score")
    assert plain_text(content.text("common.score_counted", "en", correct=0, total=total)) in score
    assert plain_text(content.text("common.score_practice", "en", n=1, correct=1, total=total)) in score
    quiz.set_language("zh")
    assert plain_text(content.text("common.score_why", "zh")) in quiz.read("score")
    assert quiz.feedback(item.id).startswith(plain_text(content.text("common.correct", "zh")) + "。")


def test_selfcheck_nothing_revealed_before_answering(quiz, content):
    assert len(quiz.question_ids) == 14 and all(quiz.feedback(q) == "" for q in quiz.question_ids)
    total = sum(i.scored for i in quiz.model.items.values())
    assert quiz.model.counted.score == 0 and quiz.model.counted.total == total
    assert plain_text(content.text("common.score_counted", "en", correct=0, total=total)) in quiz.read("score")


def test_selfcheck_in_chinese(quiz):
    answer(quiz, "q01", "basic")  # a practice item (the teaching categories)
    counted = next(i for i in quiz.model.items.values() if i.scored)
    answer(quiz, counted.id, sc.solution(counted, quiz.model.content))
    quiz.set_language("zh")
    assert "属于哪一个教学类别" in quiz.question("q01") and "正确" in quiz.feedback("q01")
    assert quiz.chosen("q01") == "basic" and ("基本信息", "basic") in quiz.choices("q01")
    total = sum(i.scored for i in quiz.model.items.values())
    assert f"{total} 题中答对 1 题" in quiz.read("score") and quiz.model.counted.score == 1


def test_selfcheck_practice_item_says_it_is_not_counted(quiz, content):
    """The teaching categories are not law (review row I6): their items are explained, say so, and never count."""
    practice = next(i for i in quiz.model.items.values() if not i.scored)
    counted = next(i for i in quiz.model.items.values() if i.scored)
    for item in (practice, counted):
        answer(quiz, item.id, sc.solution(item, content))
    note = content.text("selfcheck.practice_note", "en")
    assert note in quiz.feedback(practice.id) and note not in quiz.feedback(counted.id)
    assert quiz.value["score"] == quiz.model.counted.score == 1
    quiz.set_language("zh")
    assert content.text("selfcheck.practice_note", "zh") in quiz.feedback(practice.id)
    assert note not in quiz.feedback(practice.id)


def test_start_page_links_the_course_list_of_the_language_shown(content):
    """The lessons are listed once, in the page's text (readable without a kernel); the widget links
    the start page of the language the learner switched to."""
    start = StartHere(content, lang="en", remember_language=False)
    assert "../en/00-start-here.ipynb" in start.html("view")
    assert "course list in English (6 lessons)" in start.read("view")
    assert "What counts" not in start.read("view")
    start.set_language("zh")
    assert "../zh/00-start-here.ipynb" in start.html("view") and "打开中文版课程列表（共 6 课）" in start.read("view")


def test_language_choice_is_remembered(content, tmp_path, monkeypatch):
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    StartHere(content, lang="en").lang = "zh"
    assert CategoryExplorer(content).lang == "zh"
