"""The page-wide language switch: one click switches every widget of a page, and other pages follow."""
from __future__ import annotations

import pytest

from lessons.content.errors import LessonsError
from lessons.widgets.category_explorer import CategoryExplorer
from lessons.widgets.page import Page
from lessons.widgets.selfcheck_quiz import SelfCheck
from lessons.widgets.start_page import StartHere


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    monkeypatch.delenv("PI_LESSONS_SHARED", raising=False)
    return tmp_path


def test_a_switch_in_one_widget_switches_every_widget_of_the_page(content, home):
    page = Page("en", content)
    start, explorer, quiz = StartHere(page=page), CategoryExplorer(page=page), SelfCheck(page=page)
    assert "Self-check" in quiz.title
    start.set_language("zh")
    assert (page.lang, explorer.lang, quiz.lang) == ("zh", "zh", "zh")
    assert "自测" in quiz.title and "自测" not in SelfCheck(content, lang="en", remember_language=False).title
    assert explorer.title == CategoryExplorer(content, lang="zh", remember_language=False).title


def test_another_page_follows_the_remembered_choice_on_its_next_render(content, home):
    first, second = Page("en", content), Page("en", content)
    a, b = StartHere(page=first), SelfCheck(page=second)
    a.set_language("zh")
    assert b.lang == "en"  # nothing redraws by itself in another kernel
    q = b.question_ids[0]
    b.answer(q, b.choices(q)[1][1])  # the learner's next act redraws the widget
    assert b.lang == "zh" and "自测" in b.title

def test_a_per_language_notebook_starts_in_its_own_language(content, home):
    Page("en", content).switch("zh")  # remembered: zh
    assert Page("en", content).lang == "en"  # the English notebook still opens in English
    assert Page(None, content).lang == "zh"  # a page without its own language starts in the remembered one


def test_a_shared_server_never_writes_one_learners_choice_for_all(content, home, monkeypatch):
    monkeypatch.setenv("PI_LESSONS_SHARED", "1")
    page = Page("en", content)
    page.switch("zh")
    assert page.lang == "zh"
    assert not (home / "settings.json").exists()


def test_an_unknown_language_is_a_clear_error(content, home):
    with pytest.raises(LessonsError, match="unknown language"):
        Page("fr", content)
    with pytest.raises(LessonsError, match="unknown language"):
        Page("en", content).switch("de")
