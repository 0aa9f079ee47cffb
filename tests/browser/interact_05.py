"""Lesson 5 in the browser: ticking "money transferred" adds the emergency stop-payment step first."""
import re

from playwright.sync_api import expect

from .surface import part, widget

STOP_PAYMENT = re.compile("emergency stop-payment|紧急止付")


def interact(page) -> None:
    planner = widget(page, "action-plan")
    plan = part(planner, "plan")
    expect(plan).to_contain_text(re.compile("110"), timeout=60000)
    expect(plan).not_to_contain_text(STOP_PAYMENT)
    part(planner, "event-money_transferred").locator("input[type=checkbox]").check()  # tick("money_transferred")
    expect(plan.locator("li").first).to_contain_text(STOP_PAYMENT)
