"""The browser's path for Lesson 2 (no numpy, no pandas): PlainFrame tables give exactly the pandas path's
column types, confidences, evidence, duplicates and pieces on every shipped sample."""
import subprocess
import sys

import numpy as np
import pytest

from lessons.classify import classifier
from lessons.classify.classifier import Classifier
from lessons.classify.counting import count_pieces, exact_duplicates
from lessons.classify.datasets import DATASET_IDS, SAMPLES_DIR, SPECS
from lessons.classify.frames import PlainFrame
from lessons.classify.plain import count_plain, count_table, duplicates
from lessons.classify.tables import read_table, read_table_bytes


def plain(frame) -> PlainFrame:
    return PlainFrame([str(c) for c in frame.columns], frame.astype(object).values.tolist())


@pytest.fixture(scope="module")
def shared_classifier():
    return Classifier()


@pytest.mark.parametrize("dataset", DATASET_IDS)
def test_every_sample_gives_the_pandas_paths_results(dataset, shared_classifier):
    spec = next(s for s in SPECS if s.id == dataset)
    frame = read_table(SAMPLES_DIR / spec.file, engine="python").frame
    table = plain(frame)
    columns = shared_classifier.frame(frame)
    assert shared_classifier.frame(table) == columns  # types, tiers, confidences, evidence, pass rates
    assert duplicates(table) == exact_duplicates(frame).tolist()
    pieces = count_pieces(frame, columns)
    assert count_plain(table, columns) == pieces
    assert count_table(table, columns) == pieces == count_table(frame, columns)  # one interface, either table


def test_the_samples_have_duplicates_so_the_comparison_checks_them():
    found = sum(sum(duplicates(plain(read_table(SAMPLES_DIR / s.file).frame))) for s in SPECS)
    assert found > 0


def test_a_large_column_is_sampled_at_numpys_positions(shared_classifier):
    """The sample taken from a long column (20 blocks, then evenly thinned) is the one numpy's linspace picked."""
    for stop, num in [(1, 2), (7, 3), (1000, 20), (97_531, 20), (2_999, 1000), (123_457, 1000), (0, 20)]:
        assert classifier.spaced(stop, num) == np.linspace(0, stop, num).astype(np.int64).tolist()
    values = [f"1{i:010d}" for i in range(50_000)]
    frame = PlainFrame(["phone"], [[v] for v in values])
    import pandas as pd

    assert shared_classifier.frame(frame) == shared_classifier.frame(pd.DataFrame({"phone": values}, dtype=object))


def test_blank_cells_and_spaces_count_as_the_pandas_path_counts(shared_classifier):
    data = "姓名,手机号,备注\n王芳,13800138000,\n ,13800138001, \n王芳,13800138000,\n李伟,\u3000,x\n".encode()
    frame = read_table_bytes(data, "t.csv").frame
    columns = shared_classifier.frame(frame)
    assert count_plain(plain(frame), columns) == count_pieces(frame, columns)


def test_without_pandas_tables_are_plain_and_lesson_2_widgets_work():
    """In a Python where numpy and pandas cannot be imported (as in the browser), Lesson 2's widgets read,
    classify and count tables, and uploads have the smaller limit."""
    code = """
import sys
sys.modules["pandas"] = sys.modules["numpy"] = sys.modules["pyarrow"] = None
from lessons.widgets.classifier_reveal import ClassifierReveal, PieceCounter
from lessons.widgets.upload_table import UploadClassifier, upload_limit
from lessons.widgets.labelling import LabellingWidget
from lessons.classify.plain import PLAIN_MAX_BYTES
reveal, counter, upload = ClassifierReveal(lang="zh"), PieceCounter(lang="en"), UploadClassifier(lang="en")
reveal.reveal(); counter.reveal()
upload.upload("name,mobile\\n王芳,13800138000\\n王芳,13800138000\\n".encode(), "t.csv")
LabellingWidget(lang="en")
assert reveal.value["shown"] and counter.value["rows"] > 0, (reveal.value, counter.value)
assert upload.value["rows"] == 2 and upload.value["error"] == "", upload.value
assert upload_limit() == PLAIN_MAX_BYTES
print(counter.value["pieces"])
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "tier_" in done.stdout
