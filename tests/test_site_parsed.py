"""The site's speed-ups at build time: the course's YAML content shipped already parsed (as JSON named by the
hash of the YAML's bytes, so a stale one is never used), and every wheel's modules compiled to bytecode for
Pyodide's Python 3.12 (by Pyodide itself, run in Node.js). The timings: benchmarks/site_benchmark.py."""
import base64
import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from lessons.cli import site_assets
from lessons.content import reader
from lessons.content.reader import DATA_DIR, parsed_name, read_yaml


def test_the_reader_takes_the_json_form_only_for_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "PARSED_DIR", tmp_path / "parsed")
    (tmp_path / "parsed").mkdir()
    path = tmp_path / "texts.yaml"
    path.write_text("greeting: {en: Hello, zh: 你好}\n", encoding="utf-8")
    # A JSON form that differs from the YAML shows which one was read.
    (tmp_path / "parsed" / parsed_name(path.read_bytes())).write_text('{"greeting": "from json"}')
    assert read_yaml(path) == {"greeting": "from json"}
    path.write_text("greeting: {en: Hi, zh: 你好}\n", encoding="utf-8")  # edited: its JSON form is stale
    assert read_yaml(path) == {"greeting": {"en": "Hi", "zh": "你好"}}


def wheel_of(folder: Path, files: dict[str, bytes]) -> Path:
    wheel = folder / "pi_lessons-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
        z.writestr("pi_lessons-1.0.dist-info/RECORD", "")
    return wheel


def record_of(wheel: Path) -> dict[str, str]:
    with zipfile.ZipFile(wheel) as z:
        text = z.read("pi_lessons-1.0.dist-info/RECORD").decode()
    return {line.split(",")[0]: line.split(",")[1] for line in text.splitlines()}


def test_the_build_adds_the_json_form_of_each_yaml_file_it_can_hold_exactly(tmp_path):
    good = "- {id: a, text: {en: A, zh: 甲}, count: 3, share: 0.5, open: null, single: true}\n".encode()
    wheel = wheel_of(tmp_path, {"lessons/data/content/good.yaml": good,
                                "lessons/data/content/dated.yaml": b"- {id: a, in_force: 2021-11-01}\n",
                                "lessons/data/content/broken.yaml": b"a: 1\na: 2\n",
                                "lessons/data/content/numbers.yaml": b"1: one\n"})
    assert site_assets.parsed_content(wheel) == 1
    name = f"lessons/parsed/{parsed_name(good)}"
    with zipfile.ZipFile(wheel) as z:
        assert [n for n in z.namelist() if n.startswith("lessons/parsed/")] == [name]
        data = z.read(name)
    assert json.loads(data) == [
        {"id": "a", "text": {"en": "A", "zh": "甲"}, "count": 3, "share": 0.5, "open": None, "single": True}]
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    assert record_of(wheel)[name] == f"sha256={digest}"


def test_every_shipped_yaml_file_gets_its_json_form(tmp_path):
    """A value JSON cannot hold (a date, a number as a key) would make the browser parse that file with its slow
    pure-Python YAML again: quote it in the YAML instead."""
    files = {f"lessons/data/{p.relative_to(DATA_DIR).as_posix()}": p.read_bytes() for p in DATA_DIR.rglob("*.yaml")}
    assert len(files) > 40
    assert site_assets.parsed_content(wheel_of(tmp_path, files)) == len(files)


def pyodide_cache() -> Path:
    return Path(os.environ.get("PI_LESSONS_SITE_CACHE") or Path.home() / ".cache" / "pi-lessons" / "site")


@pytest.mark.skipif(not shutil.which("node") or not shutil.which("npm"), reason="needs Node.js and npm")
def test_wheels_get_bytecode_for_pyodides_python_beside_their_sources(tmp_path):
    core = site_assets.pyodide_core(pyodide_cache())
    source = b"X = 1\n"
    wheel = wheel_of(tmp_path, {"m/__init__.py": source, "m/bad.py": b"def (:\n", "m/data.txt": b"x"})
    [out] = site_assets.compiled_wheels(tmp_path / "cache", core, [wheel], tmp_path / "out")
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        pyc = z.read("m/__pycache__/__init__.cpython-312.pyc")
    assert {"m/__init__.py", "m/bad.py", "m/data.txt"} <= names and "m/__pycache__/bad.cpython-312.pyc" not in names
    assert pyc[:4] == (3531).to_bytes(2, "little") + b"\r\n"  # CPython 3.12's bytecode, whatever runs this test
    assert int.from_bytes(pyc[4:8], "little") == 0b01  # hash-based and unchecked: any file time is fine
    assert "m/__pycache__/__init__.cpython-312.pyc" in record_of(out)
    # Compiled once: the second build takes it from the cache, byte for byte.
    [again] = site_assets.compiled_wheels(tmp_path / "cache", core, [wheel], tmp_path / "again")
    assert again.read_bytes() == out.read_bytes()
    # Another build keeps only its own wheels in the cache (the course's wheel differs at every build).
    (tmp_path / "next").mkdir()
    other = wheel_of(tmp_path / "next", {"n/__init__.py": b"Y = 2\n"})
    site_assets.compiled_wheels(tmp_path / "cache", core, [other], tmp_path / "other")
    [cached] = (tmp_path / "cache").rglob("*.whl")
    with zipfile.ZipFile(cached) as z:
        assert "n/__pycache__/__init__.cpython-312.pyc" in z.namelist()
