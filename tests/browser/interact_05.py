"""Lesson 5 in the browser: ticking "money transferred" adds the emergency stop-payment step first; on a
phone the checkboxes stand in one column with their full labels."""
import re

from playwright.sync_api import expect

from .surface import part, widget

STOP_PAYMENT = re.compile("emergency stop-payment|紧急止付")


def interact(page) -> None:
    planner = widget(page, "action-plan")
    plan = part(planner, "plan")
    expect(plan).to_contain_text(re.compile("110"), timeout=60000)
    money = part(planner, "event-money_transferred").locator("input[type=checkbox]")
    if not money.is_checked():  # an earlier run of the session saved it (the JupyterLab and Voila runs share a home)
        expect(plan).not_to_contain_text(STOP_PAYMENT)
        money.check()  # tick("money_transferred")
    expect(plan.locator("li").first).to_contain_text(STOP_PAYMENT)
    page.set_viewport_size({"width": 390, "height": 844})
    boxes = planner.locator(".pi-leaked")
    first, second = boxes.nth(0).bounding_box(), boxes.nth(1).bounding_box()
    assert abs(first["x"] - second["x"]) < 1 and second["y"] > first["y"], "one column at 390 px"
    assert first["x"] + first["width"] <= 390, "nothing wider than the phone"
