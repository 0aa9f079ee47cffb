"""Lesson 2 in the browser: the labelling shows one column per card; the classifier's answer appears only
after the click, and agrees with the key."""
import re

from playwright.sync_api import expect

from .surface import part, press, widget

AGREES = re.compile(r"on 7 of 7 columns|一致的有7列")


def interact(page) -> None:
    labelling = widget(page, "labelling")
    progress = part(labelling, "progress")
    expect(progress).to_have_text(re.compile(r"^\s*Column 1 of 7\s*$"), timeout=60000)
    press(labelling, "next")
    expect(progress).to_have_text(re.compile(r"^\s*Column 2 of 7\s*$"))
    reveal = widget(page, "classifier-reveal")
    result = part(reveal, "result")
    expect(result).to_be_visible(timeout=60000)
    expect(result).not_to_contain_text("收货地址")  # nothing revealed before the click
    press(reveal, "reveal")
    expect(result).to_contain_text(AGREES)
    expect(result).to_contain_text("收货地址")
