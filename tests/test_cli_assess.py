"""``python -m lessons assess``: the JSON contract, both languages, and every kind of bad input."""
import json
import subprocess
import sys

import pytest

from lessons.cli.main import main

CASE = {"conduct": "sell_or_provide", "pieces": {"tier_50": 30, "tier_500": 0, "tier_5000": 0},
        "illegal_gains_yuan": 2000, "obtained_in_duties": True, "whereabouts_used_for_crime": False,
        "knew_recipient_would_commit_crime": False, "prior_record": "none", "consequences": [],
        "unit_crime": False, "first_offender": True, "returned_all_gains": False, "remorse": False,
        "irreversibly_anonymised": False}


def run(capsys, *args):
    code = main(["assess", *args])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, text, name="case.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_json_contract(tmp_path, capsys):
    code, out, err = run(capsys, write(tmp_path, json.dumps(CASE)), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    for key in ("tier", "imprisonment_months", "criminal_detention_months", "fine", "heavier_punishment", "leniency",
                "probation_possible", "related_offences", "steps", "missing_facts"):
        assert key in data
    assert data["tier"] == "serious"
    assert data["imprisonment_months"] == [6, 36] and data["criminal_detention_months"] == [1, 6]
    assert data["fine"] == {"required": True, "sole_penalty_allowed": True, "range_yuan": [2000, 10000],
                            "guideline": True}
    assert data["settled"] is True and data["administrative"] == []
    assert data["sentencing_factors"] == {"mitigating": [], "aggravating": [], "below_floor_range_months": None}
    assert data["heavier_punishment"] is True and data["leniency"] == "none" and data["probation_possible"] is True
    assert data["related_offences"] == [] and data["missing_facts"] == []
    step = next(s for s in data["steps"] if s["clause"] == "INT2017.a5.p1.i8")
    assert step["holds"] is True and step["clause_text"]["zh"].startswith("将在履行职责")
    assert {"question", "inputs", "comparisons", "status"} <= set(step)
    assert any(s["holds"] is False for s in data["steps"])  # rules tried and not met are included


def test_text_output_in_chinese_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO(json.dumps(CASE)))
    code, out, _ = run(capsys, "-", "--lang", "zh")
    assert code == 0 and "情节：情节严重" in out and "《解释》第五条第一款第（八）项" in out


def test_unknown_facts_listed(tmp_path, capsys):
    code, out, _ = run(capsys, write(tmp_path, '{"conduct": "obtain", "pieces": {"tier_50": 49}}'), "--json")
    data = json.loads(out)
    assert code == 0 and data["tier"] == "none" and "illegal_gains_yuan" in data["missing_facts"]
    # Unknown facts could still make it serious: not settled, and the headline never says "no crime".
    assert data["settled"] is False
    assert (
        data["administrative"][0]["clause"] == "PSAPL2025.a56.p2" and data["administrative"][0]["status"] == "unknown"
    )


BAD = [
    ('{"conduct": "obtain", "colour": "red"}', "unknown key 'colour'"),
    ('{"pieces": {"tier_50": -1}}', "field 'pieces.tier_50': cannot be negative"),
    ('{"pieces": {"tier_50": "many"}}', "field 'pieces.tier_50': 'many' is not a number"),
    ('{"pieces": {"tier_50": "4999.5"}}', "field 'pieces.tier_50': must be a whole number of pieces, not 4999.5"),
    ('{"pieces": {"tier_50": "-5"}}', "field 'pieces.tier_50': cannot be negative (-5)"),
    ('{"pieces": {"tier_50": 2.5}}', "field 'pieces.tier_50': must be a whole number"),
    ('{"pieces": {"tier_50": NaN}}', "field 'pieces.tier_50': must be a whole number of pieces, not nan"),
    ('{"pieces": {"tier_50": true}}', "field 'pieces.tier_50': must be a whole number of pieces, not true/false"),
    ('{"pieces": {"tier_7": 1}}', "field 'pieces': unknown key 'tier_7'"),
    ('{"pieces": [1, 2]}', "field 'pieces': must be an object"),
    ('{"illegal_gains_yuan": NaN}', "field 'illegal_gains_yuan': must be a finite amount"),
    ('{"illegal_gains_yuan": Infinity}', "field 'illegal_gains_yuan': must be a finite amount"),
    ('{"illegal_gains_yuan": -5}', "field 'illegal_gains_yuan': cannot be negative"),
    ('{"business_profit_yuan": "fifty"}', "field 'business_profit_yuan': 'fifty' is not a number"),
    ('{"conduct": "steal"}', "field 'conduct': is 'steal'; expected one of"),
    ('{"prior_record": true}', "field 'prior_record': is True; expected one of"),
    ('{"consequences": "death"}', "field 'consequences': must be a list"),
    ('{"consequences": ["bad_luck"]}', "field 'consequences[0]': is 'bad_luck'"),
    ('{"unit_crime": "yes"}', "field 'unit_crime': must be true, false or null, not a text"),
    ('{"remorse": 1}', "field 'remorse': must be true, false or null, not a number"),
    ('{"pieces_sold_to_each_buyer": {"tier_50": 1}}', "field 'pieces_sold_to_each_buyer': must be a list"),
    (
        '{"pieces_sold_to_each_buyer": [{"tier_50": -2}]}',
        "field 'pieces_sold_to_each_buyer[0].tier_50': cannot be negative",
    ),
    ('{"prior_record": "criminal", "first_offender": true}', "field 'first_offender': cannot be true"),
    ("[1, 2]", "the case must be a JSON object of facts, not a list"),
    ('{"conduct": "obtain",}', "not valid JSON (line 1 column"),
    ("", "not valid JSON"),
]


@pytest.mark.parametrize("text,message", BAD, ids=[m for _, m in BAD])
def test_bad_input_is_one_line_exit_2(tmp_path, capsys, text, message):
    path = write(tmp_path, text)
    code, out, err = run(capsys, path, "--json")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and err.startswith(f"python -m lessons assess: {path}: ")


def test_missing_file_and_folder(tmp_path, capsys):
    code, _, err = run(capsys, str(tmp_path / "nope.json"))
    assert code == 2 and err.strip().endswith("nope.json: file not found")
    code, _, err = run(capsys, str(tmp_path))
    assert code == 2 and "is a folder" in err and err.count("\n") == 1


def test_not_utf8(tmp_path, capsys):
    path = tmp_path / "case.json"
    path.write_bytes(b'{"conduct": "\xff"}')
    code, _, err = run(capsys, str(path))
    assert code == 2 and "cannot read" in err and err.count("\n") == 1


def test_bad_language_is_an_argparse_one_liner(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "lessons", "assess", write(tmp_path, "{}"), "--lang", "fr"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "invalid choice" in proc.stderr


def test_subprocess_stdin_round_trip():
    proc = subprocess.run([sys.executable, "-m", "lessons", "assess", "-", "--json"], input=json.dumps(CASE),
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0 and json.loads(proc.stdout)["tier"] == "serious"
