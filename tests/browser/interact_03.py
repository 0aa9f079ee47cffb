"""Lesson 3 in the browser: choosing a preset in the scenario builder updates the verdict."""
import re

from playwright.sync_api import expect

from .surface import part, widget


def interact(page) -> None:
    builder = widget(page, "scenario-builder")
    verdict = part(builder, "verdict")
    expect(verdict).to_contain_text(re.compile("not serious|未达情节严重"), timeout=60000)
    part(builder, "scenario-preset").locator("select").select_option(label="The hospital insider")  # choose()
    expect(verdict).to_contain_text("especially serious circumstances")
    expect(verdict).to_contain_text("36-84 months")
