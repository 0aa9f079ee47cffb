"""The fast paths give the results of the plain ones: large files read by pyarrow classify and count
as the csv module's read does, duplicates are found as pandas finds them, content loads are reused only
while the files are unchanged, and the static tables render as pandas rendered them."""
import html
import json
import os
import subprocess
from pathlib import Path
import sys

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from lessons.classify.classifier import PERSONAL, Classifier
from lessons.classify.counting import filled, classify_and_count, count_pieces, exact_duplicates
from lessons.classify.datasets import SPECS, generate
from lessons.classify.tables import read_table
from lessons.content.course import TIER_IDS, load_content
from lessons.widgets.clause_views import Table, categories_table, mapping_table

ROOT = Path(__file__).resolve().parent.parent


def reference_pieces(frame: pd.DataFrame, columns) -> tuple[dict, int]:
    """Pieces per tier and duplicates removed, the plain way: pandas' duplicated() and str.strip() per cell."""
    duplicated = frame.astype(object).duplicated().to_numpy()
    filled = {c.name: np.array([isinstance(v, str) and v.strip() != "" for v in frame[c.name]]) for c in columns}
    counted, pieces = np.zeros(len(frame), dtype=bool), {}
    for tier in TIER_IDS:
        holds = np.zeros(len(frame), dtype=bool)
        for c in columns:
            if c.status == PERSONAL and c.tier == tier:
                holds |= filled[c.name]
        pieces[tier] = int((holds & ~counted & ~duplicated).sum())
        counted |= holds
    return pieces, int(duplicated.sum())


@pytest.fixture(scope="module")
def leaks(tmp_path_factory, content):
    """The seeded sample tables, each with some rows repeated (as concatenated exports have) and a
    near-duplicate that differs in one cell only."""
    folder = tmp_path_factory.mktemp("samples")
    generate(folder, content=content)
    out = []
    for spec in SPECS:
        path = folder / spec.file
        frame = read_table(path, engine="python").frame
        rng = np.random.default_rng(7)
        repeated = frame.iloc[rng.integers(0, len(frame), 25)]
        near = frame.iloc[[0]].copy()
        near.iloc[0, -1] = str(near.iloc[0, -1]) + "x"
        leak = pd.concat([frame, repeated, near], ignore_index=True)
        target = folder / f"leak_{spec.file}"
        sep = "\t" if path.suffix == ".tsv" else ","
        leak.to_csv(target, index=False, sep=sep, encoding="utf-8")
        out.append(target)
    return out


def test_the_pyarrow_read_classifies_and_counts_as_the_csv_read(leaks, content):
    classifier = Classifier(content)
    for path in leaks:
        plain, fast = read_table(path, engine="python"), read_table(path, engine="pyarrow")
        assert list(fast.frame.columns) == list(plain.frame.columns), path.name
        assert fast.frame.astype(object).equals(plain.frame.astype(object)), path.name
        results = {}
        for label, table in (("plain", plain), ("fast", fast)):
            columns = classifier.frame(table.frame)
            p = count_pieces(table.frame, columns)
            results[label] = ([(c.name, c.status, c.info_type, c.tier, c.confidence) for c in columns],
                              p.pieces, p.duplicates_removed, p.without_personal_information)
            assert (p.pieces, p.duplicates_removed) == reference_pieces(table.frame, columns), (path.name, label)
        assert results["fast"] == results["plain"], path.name
        assert results["fast"][2] >= 1  # the repeated rows were found (the near-duplicate was not)


TEXT_DTYPES = [object, "string", "str", pd.ArrowDtype(pa.large_string())]


@pytest.mark.parametrize("dtype", TEXT_DTYPES)
def test_exact_duplicates_match_pandas_even_when_keys_collide(dtype):
    rng = np.random.default_rng(1)
    # Three columns with few values each: the keyed pass leaves many candidates, the full comparison decides.
    frame = pd.DataFrame({name: rng.choice(list("abc"), 5000) for name in ("x", "y", "z")} | {
        "w": [str(i % 2400) for i in range(5000)]}).astype(dtype)
    frame.iloc[::7, 1] = None  # a missing value equals only another missing value
    frame.iloc[::11, 2] = ""
    assert (exact_duplicates(frame) == frame.duplicated().to_numpy()).all()
    assert exact_duplicates(frame).sum() == 5000 - len(frame.drop_duplicates())


@pytest.mark.parametrize("dtype", TEXT_DTYPES)
def test_exact_duplicates_match_pandas_on_wide_tables_of_distinct_values(dtype):
    rng = np.random.default_rng(2)
    # 30 columns of near-unique values, rows repeated: the combined key of the candidates outgrows
    # 64 bits and is renumbered on the way; with a pool, the columns are coded side by side.
    base = pd.DataFrame({f"c{i}": [f"{i}-{v}" for v in rng.integers(0, 10**9, 3000)] for i in range(30)})
    frame = pd.concat([base, base.iloc[rng.integers(0, 3000, 400)]], ignore_index=True).astype(dtype)
    frame.iloc[3000, 29] = "changed"  # one repeat differs in its last cell only
    assert (exact_duplicates(frame) == frame.duplicated().to_numpy()).all()
    with ThreadPoolExecutor(3) as pool:
        assert (exact_duplicates(frame, pool=pool) == frame.duplicated().to_numpy()).all()


@pytest.mark.parametrize("dtype", TEXT_DTYPES)
def test_a_cell_of_spaces_is_blank_whichever_string_type_holds_it(dtype):
    values = ["a", " ", "", None, "\u3000", " x ", "\t\n", "\x1c", "\u2028", "京", "\xa0b\xa0"]
    got = filled(pd.Series(values, dtype=dtype)).tolist()
    assert got == [isinstance(v, str) and v.strip() != "" for v in values]


def test_classifying_and_counting_side_by_side_gives_the_results_of_one_after_the_other(leaks, content):
    classifier = Classifier(content)
    for path in leaks:
        frame = read_table(path, engine="pyarrow").frame
        columns, pieces = classify_and_count(frame, classifier)
        assert columns == classifier.frame(frame), path.name
        assert pieces == count_pieces(frame, columns), path.name
        assert sys.getswitchinterval() == pytest.approx(0.005)  # the interpreter's setting is given back


def test_a_content_load_is_reused_only_while_the_files_are_unchanged(tmp_path, content):
    import shutil

    root = tmp_path / "content"
    shutil.copytree(content.root, root)
    first = load_content(root)
    assert load_content(root) is first
    tiers = root / "tiers.yaml"
    tiers.write_text(tiers.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert load_content(root) is not first  # same content, other bytes: loaded again
    common = root / "ui" / "common.yaml"
    common.write_text(common.read_text(encoding="utf-8") + "perf_probe: {en: Probe, zh: 探针}\n", encoding="utf-8")
    assert load_content(root).text("common.perf_probe", "zh") == "探针"


def shown_html(obj) -> str:
    """The HTML a notebook shows for ``obj`` (IPython's display formatter)."""
    from IPython.core.formatters import format_display_data

    return format_display_data(obj)[0]["text/html"]


def _pandas_html(rows: list[dict]) -> str:
    frame = pd.DataFrame(rows).map(lambda v: html.escape(str(v), quote=False).replace("&lt;br&gt;", "<br>"))
    return frame.to_html(index=False, escape=False, border=0, classes="pi-table")


@pytest.mark.parametrize("lang", [None, "en", "zh"])
def test_static_tables_render_as_pandas_rendered_them(content, lang):
    for table in (categories_table(lang, content), mapping_table(lang, content)):
        assert shown_html(table) == _pandas_html(table.rows)


def test_table_cells_are_escaped_but_line_breaks_kept():
    shown = shown_html(Table([{"a<b": "<script>x</script>", "c": "one<br>two & three"}]))
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "a&lt;b" in shown
    assert "one<br>two &amp; three" in shown
    assert repr(Table(pd.DataFrame({"a": [1, 2]}))) == "<table: 2 rows x 1 columns>"


# Lesson 2 classifies tables and the teacher's summary builds its gradebook: they need pandas.
WITHOUT_PANDAS = [p for p in sorted((ROOT / "notebooks").rglob("*.ipynb"))
                  if not p.name.startswith("02-") and "teacher" not in p.parts and ".ipynb_checkpoints" not in p.parts]


@pytest.mark.parametrize("notebook", WITHOUT_PANDAS, ids=lambda p: p.relative_to(ROOT / "notebooks").as_posix())
def test_lessons_without_data_tables_do_not_load_pandas(notebook, tmp_path):
    """Running every code cell of a lesson that classifies no table keeps pandas and pyarrow out of its kernel."""
    code = ("import contextlib, io, json, sys\n"
            f"nb = json.load(open({str(notebook)!r}, encoding='utf-8'))\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    scope = {}\n"
            "    for cell in nb['cells']:\n"
            "        if cell['cell_type'] == 'code': exec(''.join(cell['source']), scope)\n"
            "print(json.dumps([m for m in ('pandas', 'pyarrow', 'numpy') if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=notebook.parent,
                         env={**os.environ, "PI_LESSONS_HOME": str(tmp_path)})
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
