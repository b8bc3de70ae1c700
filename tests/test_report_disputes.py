"""The report shows each dispute as positions side by side, with who holds each."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app
from claimx.output import write_claims
from claimx.types import Claim

runner = CliRunner()
JS = Path(__file__).resolve().parents[1] / "claimx" / "report" / "assets" / "report.js"


def claim(
    cid: str, doc: str, source: str, killed: int, who: str | None = None, hedged: bool = False
) -> Claim:
    return Claim.from_record(
        {
            "claim_id": cid,
            "doc_id": doc,
            "source": source,
            "sentence": f"Jets struck Talbiseh, killing {killed} people.",
            "action": "struck",
            "action_type": "air_strike",
            "location_norm": "Talbiseh",
            "admin1": "Homs",
            "country": "Syria",
            "date_norm": "2015-09-30",
            "killed": killed,
            "attributed_to": who,
            "hedged": hedged,
        }
    )


def test_report_carries_positions_and_holders(tmp_path: Path) -> None:
    claims = [
        claim("a", "d1", "BuzzFeed News", 33, "Syrian Civil Defense"),
        claim("b", "d2", "Reuters", 33),
        claim("c", "d3", "SANA", 12, hedged=True),
    ]
    src = write_claims(claims, tmp_path / "claims.jsonl")
    out = tmp_path / "resolved"
    assert runner.invoke(app, ["resolve", str(src), "--out", str(out), "--no-embeddings"]).exit_code == 0
    html = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(out), "--out", str(html)])
    assert result.exit_code == 0, result.output
    m = re.search(r'<script type="application/json" id="claimx-data">(.*?)</script>', html.read_text(), re.S)
    assert m
    event = next(e for e in json.loads(m.group(1))["events"] if e.get("dp"))
    assert event["st"] == "contested"
    ((slot, reason, positions),) = event["dp"]
    assert slot == "killed" and "33" in reason and "12" in reason
    held = {p[0]: (p[1], p[3]) for p in positions}
    assert held["33"] == (["Syrian Civil Defense in BuzzFeed News", "Reuters"], 0)
    assert held["12"] == (["SANA"], 1)  # hedged: shown as alleged


@pytest.mark.skipif(shutil.which("node") is None, reason="no node to check the script's syntax")
def test_report_script_parses() -> None:
    assert subprocess.run(["node", "--check", str(JS)], capture_output=True).returncode == 0
