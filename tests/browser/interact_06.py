"""Lesson 6 in the browser: answer the first review question and see explained feedback; it is a practice item
(the teaching categories are not law), so the feedback says so and the counted score stays 0."""
import re

from playwright.sync_api import expect

from .surface import part, press, widget

# Question 1 (l1.q01): a bank card number is "account information" (ipywidgets may render its space as &nbsp;).
ACCOUNT = re.compile(r"^\s*(Account\sinformation|账户信息)\s*$")


def interact(page) -> None:
    review = widget(page, "review")
    expect(part(review, "progress")).to_have_text(re.compile(r"^\s*1 of \d+\s*$"), timeout=60000)
    review.locator(".pi-answer-single label").filter(has_text=ACCOUNT).locator("input[type=radio]").check(timeout=60000)
    press(review, "check")
    feedback = part(review, "feedback")
    expect(feedback).to_contain_text(re.compile(r"Correct|正确"))
    expect(feedback).to_contain_text(re.compile(r"Interpretation Art\. 1|《解释》第一条"))
    expect(feedback).to_contain_text(re.compile(r"Practice: this item is not counted|练习题：本题不计分"))
    expect(part(review, "score")).to_contain_text(re.compile(r"score: 0 of \d+|答对 0 题"))
