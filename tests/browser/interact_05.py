"""Lesson 5 in the browser: ticking "money transferred" adds the emergency stop-payment step first."""
import re

from playwright.sync_api import expect

STOP_PAYMENT = re.compile("emergency stop-payment|紧急止付")


def interact(page) -> None:
    plan = page.locator(".pi-plan").first
    expect(plan).to_contain_text(re.compile("110"), timeout=60000)
    expect(plan).not_to_contain_text(STOP_PAYMENT)
    page.locator(".pi-event-money_transferred input[type=checkbox]").first.check()
    expect(plan.locator("li").first).to_contain_text(STOP_PAYMENT)
