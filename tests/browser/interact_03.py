"""Lesson 3 in the browser: choosing a preset in the scenario builder updates the verdict."""
import re

from playwright.sync_api import expect


def interact(page) -> None:
    verdict = page.locator(".pi-verdict").first
    expect(verdict).to_contain_text(re.compile("not serious|未达情节严重"), timeout=60000)
    page.locator(".pi-scenario-preset select").first.select_option(label="The hospital insider")
    expect(verdict).to_contain_text("especially serious circumstances")
    expect(verdict).to_contain_text("36-84 months")
