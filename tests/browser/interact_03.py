"""Lesson 3 in the browser: choosing a preset in the scenario builder updates the verdict."""
import re

from playwright.sync_api import expect


def interact(page) -> None:
    verdict = page.locator(".pi-verdict").first
    # With every fact unknown the result is not settled: never "no crime" (issue 11).
    expect(verdict).to_contain_text(re.compile("Not settled|尚未确定"), timeout=60000)
    expect(verdict).not_to_contain_text(re.compile(r"\(no crime\)|（不构成犯罪）"))
    page.locator(".pi-scenario-preset select").first.select_option(label="The hospital insider")
    expect(verdict).to_contain_text("especially serious circumstances")
    expect(verdict).to_contain_text("36-84 months")
