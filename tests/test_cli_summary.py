"""``python -m lessons summary DIR [--json]``: output, exit codes, one-line errors."""
import json
import subprocess
import sys

import pytest

from lessons.cli.main import main
from lessons.classroom.progress import FORMAT
from lessons.widgets.class_summary_view import EXAMPLE_DIR


def run(capsys, *args):
    code = main(["summary", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report_on_the_example(capsys):
    code, out, err = run(capsys, EXAMPLE_DIR)
    assert code == 0 and err == ""
    assert "Learners (8)" in out and "Lesson 6 review" in out and "Most-missed questions" in out
    assert "damaged-upload.json: damaged (not valid JSON)" in out
    assert "gradebook-export.json: not a pi-lessons progress file" in out


def test_text_report_in_chinese(capsys):
    code, out, _ = run(capsys, EXAMPLE_DIR, "--lang", "zh")
    assert code == 0 and "错误最多的题目" in out and "跳过的文件 (2)" in out


def test_json_report(capsys):
    code, out, _ = run(capsys, EXAMPLE_DIR, "--json")
    data = json.loads(out)
    assert code == 0 and data["format"] == "pi-lessons.class-summary.v1"
    assert len(data["learners"]) == 8 and len(data["skipped"]) == 2 and data["most_missed"]


def test_empty_folder_says_so(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path)
    assert code == 0 and "No progress files in" in out


def test_folder_with_only_bad_files(capsys, tmp_path):
    (tmp_path / "x.json").write_text(json.dumps({"format": FORMAT}), encoding="utf-8")
    code, out, _ = run(capsys, tmp_path)
    assert code == 0 and "No progress files" in out and "x.json: not a pi-lessons progress file" in out


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing", "no such folder"),
    (lambda p: (p / "a.json").write_text("{}") and p / "a.json", "is a file"),
])
def test_bad_arguments_exit_2_with_one_line(capsys, tmp_path, make, message):
    code, out, err = run(capsys, make(tmp_path))
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_missing_argument_exits_2_with_one_line():
    proc = subprocess.run([sys.executable, "-m", "lessons", "summary"], capture_output=True, text=True)
    assert (
        proc.returncode == 2
        and "DIR" in proc.stderr
        and proc.stderr.count("\n") == 1
        and "Traceback" not in proc.stderr
    )


def test_csv_export_is_utf8_with_bom(capfdbinary):
    code = main(["summary", str(EXAMPLE_DIR), "--csv"])
    out = capfdbinary.readouterr().out
    assert (
        code == 0 and out.startswith("\ufeffStudent,ID,SIS User ID".encode("utf-8")) and "王芳".encode("utf-8") in out
    )


def test_names_from_files_cannot_forge_report_lines(capsys, tmp_path):
    forged = "Mallory\n20 of 20 (100%)\x1b[2J"
    (tmp_path / "m.json").write_text(json.dumps({"format": FORMAT, "learner": "x", "exercises": {}}), encoding="utf-8")
    (tmp_path / f"{forged}.json").write_text("{", encoding="utf-8")
    code, out, _ = run(capsys, tmp_path)
    assert code == 0 and "\x1b" not in out and "\n20 of 20" not in out and "Mallory\\n20 of 20" in out


def test_a_bad_due_date_is_one_line(capsys, tmp_path):
    code, out, err = run(capsys, tmp_path, "--due", "2026-02-30")
    assert code == 2 and out == "" and err.count("\n") == 1 and "--due" in err
