"""Lesson 3 in the browser: choosing a preset in the scenario builder updates the verdict; the facts come in parts."""
import re

from playwright.sync_api import expect

from .surface import part, press, widget


def interact(page) -> None:
    builder = widget(page, "scenario-builder")
    verdict = part(builder, "verdict")
    # With every fact unknown the result is not settled: never "no crime" (issue 11).
    expect(verdict).to_contain_text(re.compile("Not settled|尚未确定"), timeout=60000)
    expect(verdict).not_to_contain_text(re.compile(r"\(no crime\)|（不构成犯罪）"))
    part(builder, "scenario-preset").locator("select").select_option(label="The hospital insider")  # choose()
    expect(verdict).to_contain_text("especially serious circumstances")
    expect(verdict).to_contain_text("36-84 months")
    progress = part(builder, "progress")
    expect(progress).to_have_text(re.compile(r"^\s*Part 1 of 4\s*$"))
    press(builder, "section-next")  # next()
    expect(progress).to_have_text(re.compile(r"^\s*Part 2 of 4\s*$"))
    expect(part(builder, "fact-conduct")).to_be_hidden()
    expect(verdict).to_contain_text("especially serious circumstances")  # moving between parts changes no fact
