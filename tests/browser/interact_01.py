"""Lesson 1 in the browser: the self-check shows one question; after its options the keyboard reaches Next."""
import re

from playwright.sync_api import expect

from .surface import part, widget


def interact(page) -> None:
    quiz = widget(page, "self-check")
    progress = part(quiz, "progress")
    expect(progress).to_have_text(re.compile(r"^\s*1 of 14\s*$"), timeout=60000)
    expect(quiz.locator(".pi-question")).to_have_count(1)  # one card, not a wall of 14 menus
    menu = part(quiz, "answer").locator("select")
    menu.select_option(index=1)  # answer(...)
    expect(part(quiz, "feedback")).to_contain_text(re.compile(r"Correct|Not quite"))
    menu.focus()
    page.keyboard.press("Tab")  # Back is disabled on the first card: the next stop is Next
    expect(quiz.locator("button.pi-next")).to_be_focused()
    page.keyboard.press("Enter")
    expect(progress).to_have_text(re.compile(r"^\s*2 of 14\s*$"))
    expect(part(quiz, "feedback")).to_have_text("")
