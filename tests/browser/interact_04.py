"""Lesson 4 in the browser: predict Guiding Case 192, reveal, and see the engine beside the court."""
import re

from playwright.sync_api import expect


def interact(page) -> None:
    quiz = page.locator(".pi-lesson-widget").filter(has=page.locator(".pi-predict-tier")).first
    # Options: (choose), no crime, serious, especially serious: the court found "especially serious".
    quiz.locator(".pi-predict-tier input[type=radio]").nth(3).check(timeout=60000)
    quiz.locator(".pi-predict-range input[type=radio]").nth(3).check()
    quiz.locator("button.pi-check").click()
    expect(quiz.locator(".pi-feedback")).to_contain_text(re.compile(r"matches the engine|一致"))
    expect(quiz.locator(".pi-court-result")).to_contain_text(re.compile(r"沪0120刑初828号"))
