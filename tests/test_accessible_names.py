"""Every control of every lesson widget has an accessible name in the shown language (headless).

The contract of ``lessons/widgets/base.py``: a control's ``description`` is its name (ipywidgets links a
``<label for>`` to it); ``pi-label-hidden`` keeps it for screen readers when the visible label is elsewhere.
Each widget also carries one ARIA child (``lessons.widgets.aria.Aria``) whose ``lang`` follows the page.
"""
from __future__ import annotations

import ipywidgets as w
import pytest

from lessons.widgets.aggregation_gauge import AggregationWidget
from lessons.widgets.aria import Aria
from lessons.widgets.category_explorer import CategoryExplorer
from lessons.widgets.class_summary_view import ClassSummaryView
from lessons.widgets.classifier_reveal import ClassifierReveal, PieceCounter
from lessons.widgets.court_case_quiz import CourtCaseQuiz
from lessons.widgets.labelling import LabellingWidget
from lessons.widgets.learner_panel import Learner
from lessons.widgets.page import Page
from lessons.widgets.start_page import StartHere
from lessons.widgets.stepper import StepperWidget
from lessons.widgets.upload_table import UploadClassifier
from lessons.widgets.selfcheck_quiz import SelfCheck
from lessons.widgets.review_quiz import Review
from lessons.widgets.scenario_builder import ScenarioBuilderWidget
from lessons.widgets.plan_checklist import ActionPlan

CONTROLS = (w.Dropdown, w.Text, w.Textarea, w.Checkbox, w.RadioButtons, w.ToggleButtons, w.Select, w.FileUpload,
            w.BoundedIntText, w.IntText)
WIDGETS = [AggregationWidget, CategoryExplorer, ClassSummaryView, ClassifierReveal, PieceCounter, CourtCaseQuiz,
           LabellingWidget, Learner, StartHere, StepperWidget, UploadClassifier, SelfCheck, Review,
           ScenarioBuilderWidget, ActionPlan]


def descendants(widget, shown_only: bool = False):
    """The widget and everything below it, through the public ``children`` of ipywidgets boxes."""
    if shown_only and getattr(widget, "layout", None) is not None and widget.layout.display == "none":
        return
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child, shown_only)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("cls", WIDGETS, ids=lambda c: c.__name__)
def test_every_control_is_named_in_the_shown_language(cls, lang, content):
    widget = cls(content=content, page=Page("en", content, remember=False))
    widget.set_language(lang)
    unnamed = [
        type(c).__name__
        for c in descendants(widget, shown_only=True)
        if isinstance(c, CONTROLS) and not str(c.description).strip()
    ]
    assert not unnamed, f"{cls.__name__} ({lang}): controls without a description: {unnamed}"
    names = " ".join(c.description for c in descendants(widget) if isinstance(c, CONTROLS))
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in names), names


def test_the_aria_child_follows_the_page_language(content):
    page = Page("en", content, remember=False)
    explorer, stepper = CategoryExplorer(content=content, page=page), StepperWidget(content=content, page=page)
    arias = [c for widget in (explorer, stepper) for c in descendants(widget) if isinstance(c, Aria)]
    assert len(arias) == 2 and {a.lang for a in arias} == {"en"}
    stepper.set_language("zh")  # a click in one widget: every widget of the page follows
    assert {a.lang for a in arias} == {"zh"}


def test_a_hidden_label_is_not_read_as_shown_text(content):
    learner = Learner(content=content, page=Page("en", content, remember=False))
    assert "Your name" not in learner.read("learner-name")  # the placeholder shows it; the label is for screen readers
    assert "Language" not in learner.read("lang") and "English" in learner.read("lang")
