"""`claimx train`, `claimx evaluate extraction`, `claimx convert`: arguments and errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from claimx.cli import app

runner = CliRunner()

RAMS_LINE = {
    "doc_key": "nw_x",
    "sentences": [["Rebels", "shelled", "Aleppo", "."]],
    "evt_triggers": [[1, 1, [["conflict.attack.n/a", 1.0]]]],
    "gold_evt_links": [[[1, 1], [0, 0], "evt1arg01attacker"], [[1, 1], [2, 2], "evt1arg03place"]],
}


def test_commands_are_registered() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "train" in result.output and "convert" in result.output
    result = runner.invoke(app, ["evaluate", "--help"])
    assert result.exit_code == 0 and "extraction" in result.output


def test_convert_rams_to_labelled_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "rams.jsonlines"
    src.write_text(json.dumps(RAMS_LINE) + "\n", encoding="utf-8")
    out = tmp_path / "labelled.jsonl"
    result = runner.invoke(app, ["convert", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (doc,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert doc["text"] == "Rebels shelled Aleppo."
    assert [(a["role"], a["text"]) for a in doc["actions"][0]["args"]] == [
        ("actor", "Rebels"),
        ("location", "Aleppo"),
    ]


def test_evaluate_model_and_rules_only_together_is_exit_2(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "Jets hit Homs.", "actions": []}) + "\n")
    result = runner.invoke(
        app, ["evaluate", "extraction", str(gold), "--rules-only", "--model", str(tmp_path)]
    )
    assert result.exit_code == 2 and "either --model or --rules-only" in result.output


def test_evaluate_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "extraction", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "no such file" in result.output and "Traceback" not in result.output
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "Jets hit Homs.", "actions": [], "split": "dev"}) + "\n")
    result = runner.invoke(app, ["evaluate", "extraction", str(gold), "--split", "test"])
    assert result.exit_code == 2 and "no documents of split test" in result.output
    result = runner.invoke(app, ["evaluate", "extraction", str(gold), "--split", "validation"])
    assert result.exit_code == 2 and "unknown split" in result.output


def test_train_errors_are_exit_2(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "Jets hit Homs.", "actions": [], "split": "test"}) + "\n")
    result = runner.invoke(app, ["train", str(gold), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "no training documents" in result.output
    result = runner.invoke(app, ["train", str(gold), "--out", str(tmp_path / "m"), "--epochs", "0"])
    assert result.exit_code == 2 and "epochs must be >= 1" in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "a", "text": "Jets hit Homs.", "actions": [{"start": 5, "end": 99, "type": "attack"}]}\n'
    )
    result = runner.invoke(app, ["train", str(bad), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "bad.jsonl:1:" in result.output
