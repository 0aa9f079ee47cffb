"""Lesson 4 in the browser: predict Guiding Case 192, reveal, and see the engine beside the court."""
import re

from playwright.sync_api import expect

from .surface import part, press, widget


def interact(page) -> None:
    quiz = widget(page, "court-case-quiz")
    # Options: (choose), no crime, serious, especially serious: the court found "especially serious".
    part(quiz, "predict-tier").locator("input[type=radio]").nth(3).check(timeout=60000)
    part(quiz, "predict-range").locator("input[type=radio]").nth(3).check()
    press(quiz, "check")
    expect(part(quiz, "feedback")).to_contain_text(re.compile(r"matches the engine|一致"))
    expect(part(quiz, "court-result")).to_contain_text(re.compile(r"沪0120刑初828号"))
