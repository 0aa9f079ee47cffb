"""Lesson 4 in the browser: the answer hidden, predict Guiding Case 192, check, see the engine beside the court and
the table row; then the writing task's model answer stays hidden until the essay is handed in."""
import re

from playwright.sync_api import expect

from .surface import part, press, widget


def interact(page) -> None:
    quiz = widget(page, "court-case-quiz")
    expect(part(quiz, "case-table")).not_to_contain_text(re.compile(r"沪0120|Fengxian|奉贤"), timeout=60000)
    # Options: (choose), no crime, serious, especially serious: the court found "especially serious".
    part(quiz, "predict-tier").locator("input[type=radio]").nth(3).check(timeout=60000)
    part(quiz, "predict-range").locator("input[type=radio]").nth(3).check()
    press(quiz, "check")
    expect(part(quiz, "feedback")).to_contain_text(re.compile(r"Your tier was right|你的情节判断正确"))
    expect(part(quiz, "court-result")).to_contain_text(re.compile(r"沪0120刑初828号"))
    expect(part(quiz, "case-table")).to_contain_text(re.compile(r"Guiding Case 192|指导案例192号"))
    essay = widget(page, "writing-task")
    expect(part(essay, "writing-rubric")).to_contain_text(re.compile(r"12"))
    expect(part(essay, "model-answer")).to_be_hidden()
    part(essay, "writing-answer").locator("textarea").fill("共同犯罪" * 300)
    press(essay, "hand-in")
    expect(part(essay, "model-answer")).to_contain_text(re.compile(r"Model answer|参考答案"))
    expect(part(essay, "writing-answer").locator("textarea")).to_be_disabled()
