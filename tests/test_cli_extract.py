"""`claimx extract` and the CLI's error behaviour, through typer's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app

runner = CliRunner()


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for cmd in ("extract", "batch", "resolve", "evaluate"):
        assert cmd in result.output


def test_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.output and "Traceback" not in result.output


def test_unknown_format_is_exit_2(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Jets bombed Homs.")
    result = runner.invoke(app, ["extract", str(f), "--format", "xml"])
    assert result.exit_code == 2 and "unknown format 'xml'" in result.output


def test_bad_published_date_is_exit_2(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Jets bombed Homs.")
    result = runner.invoke(app, ["extract", str(f), "--published", "someday"])
    assert result.exit_code == 2 and "--published" in result.output


def test_python_dash_m_unknown_option_one_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "claimx", "extract", "--bogus"], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("claimx: error:"), proc.stderr


@pytest.mark.slow
def test_extract_jsonl_with_published_and_source(tmp_path: Path, claim_validator) -> None:
    f = tmp_path / "story.txt"
    f.write_text(
        "Syrian government helicopters dropped barrel bombs on Daraya on Wednesday, killing 12 civilians, "
        "the Syrian Observatory for Human Rights said.\n"
    )
    result = runner.invoke(
        app,
        [
            "extract",
            str(f),
            "--format",
            "jsonl",
            "--published",
            "2016-02-25",
            "--source",
            "Test Wire",
            "--rules-only",
        ],
    )
    assert result.exit_code == 0, result.output
    recs = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert recs, result.output
    for r in recs:
        assert not list(claim_validator.iter_errors(r))
    r = recs[0]
    assert r["source"] == "Test Wire" and r["published"] == "2016-02-25"
    assert r["action_type"] == "air_strike" and r["killed"] == 12
    assert r["date_norm"] == "2016-02-24" and r["location_norm"] and r["admin1"]
    assert r["actor_norm"] == "Syrian government"
    assert "Syrian Observatory" in r["attributed_to"]
    table = runner.invoke(app, ["extract", str(f), "--published", "2016-02-25", "--rules-only"])
    assert table.exit_code == 0 and "air_strike" in table.stdout and "claim(s)" in table.stdout
