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
    name = part(quiz, "learner-name").locator("input")
    if name.is_visible():  # a hand-in needs a learner: the name entered above is the whole page's
        name.fill("Test Learner")
        press(quiz, "learner-save")
    expect(part(essay, "learner")).to_contain_text(re.compile(r"\S"), timeout=60000)
    expect(part(essay, "learner-name").locator("input")).to_be_hidden()
    expect(part(essay, "writing-rubric")).to_contain_text(re.compile(r"12"))
    box = part(essay, "writing-answer").locator("textarea")
    if box.is_enabled():  # not yet handed in by this learner (the JupyterLab and Voila runs share one home)
        expect(part(essay, "model-answer")).to_be_hidden()
        box.fill("共同犯罪" * 300)
        press(essay, "hand-in")
    expect(box).to_have_value("共同犯罪" * 300)  # kept, and shown again on a page opened later
    expect(part(essay, "model-answer")).to_contain_text(re.compile(r"Model answer|参考答案"))
    expect(part(essay, "writing-answer").locator("textarea")).to_be_disabled()
