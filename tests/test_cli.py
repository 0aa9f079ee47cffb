"""The command-line frame: one line on stderr and exit 2 for bad input."""
import re
import subprocess
import sys


def run(*args):
    return subprocess.run([sys.executable, "-m", "lessons", *args], capture_output=True, text=True)


def test_check_reports_content():
    out = run("check")
    assert out.returncode == 0 and "content OK: 6 categories, 3 tiers" in out.stdout


def test_unknown_command_is_one_line():
    out = run("no-such-command")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_bad_content_folder_is_one_line(tmp_path):
    out = run("check", "--root", str(tmp_path))
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "no provision files" in out.stderr


def test_no_command_shows_help():
    out = run()
    assert out.returncode == 2 and "COMMAND" in out.stderr


def test_the_language_may_come_before_the_command(tmp_path, capsys):
    from lessons.cli.main import main

    missing = str(tmp_path / "nowhere")
    for words in (["--lang", "zh", "summary", missing], ["--lang=zh", "summary", missing]):
        assert main(words) == 2
        err = capsys.readouterr().err
        assert err.startswith("pi-lessons summary:") or err.startswith("python -m lessons summary:"), err
        assert "找不到" in err and not re.search(r"[A-Za-z]{4,}", err.split(":", 1)[1].replace(missing, "")), err
