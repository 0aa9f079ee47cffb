"""Lesson 6 in the browser: answer the first review question and see explained, scored feedback."""
import re

from playwright.sync_api import expect


def interact(page) -> None:
    # Question 1 (l1.q01): a bank card number is "account information", the third option.
    page.locator(".pi-answer-single input[type=radio]").nth(2).check(timeout=60000)
    page.locator("button.pi-check").first.click()
    feedback = page.locator(".pi-feedback").first
    expect(feedback).to_contain_text(re.compile(r"Correct|正确"))
    expect(feedback).to_contain_text(re.compile(r"Interpretation Art\. 1|《解释》第一条"))
    expect(page.locator(".pi-score").first).to_contain_text(re.compile(r"1 of|答对 1 题"))
