"""``claimx batch`` on the command line: unusable arguments, the summary, the real extractor end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.batch import BatchResult, format_summary
from claimx.cli import app
from claimx.output import read_claims
from claimx.types import ReadFailure


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{tmp}/missing", "--out", "{tmp}/c.jsonl"], "no such input"),
        (["{tmp}", "--out", "{tmp}/c.xlsx"], "unknown output format"),
        (["{tmp}", "--out", "{tmp}/c.jsonl", "--engine", "dask"], "needs --scheduler"),
        (["{tmp}", "--out", "{tmp}/c.jsonl", "--workers", "0"], "--workers 0"),
        (["{tmp}", "--out", "{tmp}/c.jsonl", "--models", "{tmp}/nomodels"], "no such models folder"),
        (["{tmp}", "--out", "{tmp}/c.jsonl", "--max-bytes", "0"], "--max-bytes 0"),
    ],
)
def test_unusable_arguments_exit_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["batch", *(a.format(tmp=tmp_path) for a in args)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimx: error:") and message in lines[0]
    assert not (tmp_path / "c.jsonl.claimx.sqlite").exists()


def test_summary_lists_twenty_failures_then_points_to_the_errors_file() -> None:
    failures = tuple(ReadFailure(f"d{i:02d}", f"in/d{i:02d}.txt", f"reason {i}") for i in range(25))
    dup = (ReadFailure("x", "in/x.csv", "duplicate of row 1", "duplicate"),)
    r = BatchResult(Path("c.jsonl"), Path("c.errors.jsonl"), Path("s"), 30, 5, 0, 9, failures, dup, 2.0)
    text = format_summary(r)
    assert (
        "30 articles read, 5 processed, 0 reused from store, 9 claims, 25 failed, 1 duplicates skipped"
        in text
    )
    assert "in/d19.txt: reason 19" in text and "d20" not in text
    assert "and 5 more; see c.errors.jsonl" in text
    assert "in/x.csv: duplicate of row 1" in text
    assert r.exit_code == 1


@pytest.mark.slow
def test_real_extractor_two_workers_then_rerun_reuses_all(tmp_path: Path, seeds_dir: Path) -> None:
    out = tmp_path / "claims.jsonl"
    cmd = [sys.executable, "-m", "claimx", "batch", str(seeds_dir), "--out", str(out), "--rules-only"]
    first = subprocess.run([*cmd, "--workers", "2"], check=False, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    claims = read_claims(out)
    assert claims and {c.doc_id for c in claims} <= {p.stem for p in seeds_dir.glob("*.txt")}
    body = out.read_bytes()
    again = subprocess.run([*cmd, "--workers", "1"], check=False, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "0 processed" in again.stderr and out.read_bytes() == body
    assert (tmp_path / "claims.errors.jsonl").read_text() == ""
    assert all(json.loads(line)["doc_id"] for line in body.decode().splitlines())
