"""Counting pieces: one record per row in its most sensitive tier, exact duplicates removed, proportional score."""
import pandas as pd
import pytest

from lessons.classify.classifier import Classifier
from lessons.classify import counting
from lessons.classify.counting import Pieces, count_pieces, exact_duplicates
from lessons.classify.datasets import load_sample


@pytest.fixture(scope="module")
def classifier(content):
    return Classifier(content)


def pieces_of(classifier, frame):
    return count_pieces(frame, classifier.frame(frame))


def test_a_record_counts_once_in_its_most_sensitive_tier(classifier):
    frame = pd.DataFrame({
        "姓名": ["王芳", "李强", "张伟", "刘洋"],                      # tier_5000
        "通话记录": ["", "13812345678", "13912345678", ""],           # tier_500 (call records)
        "短信内容": ["", "", "明天见，别迟到！", ""],                   # tier_50 (communication content)
    }, dtype=object)
    p = pieces_of(classifier, frame)
    assert p.pieces == {"tier_50": 1, "tier_500": 1, "tier_5000": 2}
    assert (p.rows, p.duplicates_removed, p.without_personal_information) == (4, 0, 0)


def test_exact_duplicates_are_removed_and_reported(classifier):
    frame = pd.DataFrame(
        {
            "姓名": ["王芳", "王芳", "王芳", "李强"],
            "手机号": ["13812345678", "13812345678", "13812345679", "13812345678"],
        }
    )
    p = pieces_of(classifier, frame)
    assert p.duplicates_removed == 1 and p.pieces["tier_5000"] == 3


def test_blank_records_and_unsure_columns_are_not_counted(classifier):
    frame = pd.DataFrame({"姓名": ["王芳", " ", None], "col9": ["17", "18", "19"]}, dtype=object)
    p = pieces_of(classifier, frame)
    assert p.pieces == {"tier_50": 0, "tier_500": 0, "tier_5000": 1} and p.without_personal_information == 2


def test_duplicate_detection_is_exact_even_if_the_key_columns_say_nothing(monkeypatch):
    frame = pd.DataFrame({"a": ["x", "y", "x", "z"], "b": ["1", "2", "1", "3"], "same": ["k"] * 4})
    monkeypatch.setattr(counting, "_varied_columns", lambda frame, count: [2])  # every row shares the key
    assert exact_duplicates(frame).tolist() == [False, False, True, False]


def test_the_row_comparison_renumbers_its_key_before_it_overflows(monkeypatch):
    real = counting._codes
    # as if each column held 4 billion values
    monkeypatch.setattr(counting, "_codes", lambda values: (real(values)[0], 2**32))
    monkeypatch.setattr(counting, "_varied_columns", lambda frame, count: [2])
    frame = pd.DataFrame({"a": ["x", "y", "x", "y"], "b": ["1"] * 4, "c": ["k"] * 4})
    # Without renumbering, column a's code would be shifted out of 64 bits and rows 0 and 1 would look equal.
    assert exact_duplicates(frame).tolist() == [False, False, True, True]


@pytest.mark.parametrize("pieces, score, level", [
    ({"tier_50": 49, "tier_500": 0, "tier_5000": 0}, 0.98, "below"),
    ({"tier_50": 50, "tier_500": 0, "tier_5000": 0}, 1.0, "serious"),
    ({"tier_50": 25, "tier_500": 250, "tier_5000": 0}, 1.0, "serious"),      # item 6: shares add up
    ({"tier_50": 24, "tier_500": 200, "tier_5000": 500}, 0.98, "below"),
    ({"tier_50": 0, "tier_500": 4999, "tier_5000": 0}, 9.998, "serious"),
    ({"tier_50": 0, "tier_500": 0, "tier_5000": 50000}, 10.0, "especially_serious"),  # para. 2 item 3: ten times
])
def test_proportional_score_and_marks(pieces, score, level):
    p = Pieces(rows=0, duplicates_removed=0, pieces=pieces, without_personal_information=0)
    assert p.proportional_score == pytest.approx(score) and p.level == level


def test_engine_input_shape(classifier):
    p = pieces_of(classifier, load_sample("telecom_records").frame)
    assert p.engine_input() == {
        "conduct": "sell_or_provide",
        "pieces": {"tier_50": 128, "tier_500": 272, "tier_5000": 0},
    }
    assert p.proportional_score == pytest.approx(128 / 50 + 272 / 500)
    assert p.duplicates_removed == 5


def test_counts_of_the_shipped_tables_add_up(classifier):
    for dataset in ("shop_orders", "app_telemetry", "loan_applications"):
        frame = load_sample(dataset).frame
        p = pieces_of(classifier, frame)
        assert sum(p.pieces.values()) + p.without_personal_information + p.duplicates_removed == len(frame)
