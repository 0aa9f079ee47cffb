"""Lesson 1 widgets, driven headless: set values, read what they show, in both languages."""
import pytest

from lessons.classroom import selfcheck as sc
from lessons.widgets.controls import plain_text
from lessons.widgets.category_explorer import CategoryExplorer
from lessons.widgets.selfcheck_quiz import SelfCheck
from lessons.widgets.start_page import StartHere


@pytest.fixture
def explorer(content):
    return CategoryExplorer(content, lang="en", remember_language=False)


def t(content, key, lang="en", **values):
    """A course text as the page shows it: the tests follow the wording instead of copying it."""
    return plain_text(content.text(key, lang, **values))


def test_explorer_starts_on_basic_category(explorer, content):
    assert explorer.value == {"category": "basic", "info_type": None}
    basic = content.categories["basic"]
    view = explorer.read("view")
    assert basic.name("en") in view and basic.examples["en"] and all(e in view for e in basic.examples["en"])


def test_explorer_shows_tier_clause_and_pipl(explorer, content):
    explorer.select("location_track")
    assert explorer.value["tier"] == "tier_50" and explorer.value["pipl_sensitive"] is True
    html = explorer.read("view")
    clause = content.provisions[content.tiers["tier_50"].clause]
    assert clause.id == "INT2017.a5.p1.i3" and plain_text(clause.text.zh) in html  # the verbatim clause
    assert clause.cite("en") in html
    assert content.provisions["PIPL.a28.p1"].cite("en") in html and t(content, "explorer.sensitive_yes") in html


def test_explorer_shows_open_question(explorer, content):
    explorer.select("account_password")
    assert content.info_types["account_password"].open is not None
    assert t(content, "explorer.open") in explorer.read("view")


def test_explorer_switches_language_and_keeps_selection(explorer, content):
    explorer.select("bank_card")
    explorer.set_language("zh")
    card = content.info_types["bank_card"]
    assert explorer.value["info_type"] == "bank_card"
    assert card.name("zh") in explorer.read("view")
    assert content.provisions[content.tiers[card.tier].clause].cite("zh") in explorer.read("view")
    assert card.name("en") not in explorer.read("view")
    title = t(content, "explorer.title", "zh")
    assert explorer.html("title") == f"<h3>{title}</h3>" and explorer.title == title
    assert (content.categories["account"].name("zh"), "account") in explorer.choices("category")


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


def test_selfcheck_in_chinese(quiz, content):
    first = quiz.model.items["q01"]  # a practice item (the teaching categories)
    answer(quiz, "q01", sc.solution(first, content))
    counted = next(i for i in quiz.model.items.values() if i.scored)
    answer(quiz, counted.id, sc.solution(counted, quiz.model.content))
    quiz.set_language("zh")
    name = content.info_types[first.info_type].name("zh")
    assert t(content, f"selfcheck.ask_{first.ask}", "zh", name=name) in quiz.question("q01")
    assert t(content, "common.correct", "zh") in quiz.feedback("q01")
    right = sc.solution(first, content)
    assert quiz.chosen("q01") == right and (content.categories[right].name("zh"), right) in quiz.choices("q01")
    total = sum(i.scored for i in quiz.model.items.values())
    assert t(content, "common.score_counted", "zh", correct=1, total=total) in quiz.read("score")
    assert quiz.model.counted.score == 1


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
    assert t(content, "start.open_list", n=6) in start.read("view")
    assert "What counts" not in start.read("view")
    start.set_language("zh")
    assert "../zh/00-start-here.ipynb" in start.html("view")
    assert t(content, "start.open_list", "zh", n=6) in start.read("view")


def test_language_choice_is_remembered(content, tmp_path, monkeypatch):
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    StartHere(content, lang="en").lang = "zh"
    assert CategoryExplorer(content).lang == "zh"
