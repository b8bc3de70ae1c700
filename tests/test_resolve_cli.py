"""`claimx resolve` and `claimx evaluate relations`: files written, schema, formats, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
from typer.testing import CliRunner

from claimx.cli import app
from claimx.output import write_claims
from claimx.resolve.evaluate import GoldPair, score_relations
from claimx.types import Claim, Relation

runner = CliRunner()


def claim(cid: str, doc: str, source: str, **kw: Any) -> Claim:
    rec = {
        "claim_id": cid,
        "doc_id": doc,
        "source": source,
        "sentence": f"Jets struck Talbiseh ({cid}).",
        "action": "struck",
        "action_type": "air_strike",
        "location_norm": "Talbiseh",
        "admin1": "Homs",
        "country": "Syria",
        "lat": 34.84,
        "lon": 36.73,
        "date_norm": "2015-09-30",
    }
    rec.update(kw)
    return Claim.from_record(rec)


CLAIMS = [
    claim("a", "d1", "BuzzFeed News", killed=33, target="civilians"),
    claim("b", "d2", "The Washington Institute", killed=32, target="civilians"),
    claim("c", "d3", "sana", action_type="statement"),
    claim("d", "d4", "trt", location_norm="Douma", admin1="Rif Dimashq", lat=33.57, lon=36.40),
]


def test_resolve_writes_contract_files_valid_against_the_schema(tmp_path: Path, schema_validator_for) -> None:
    src = write_claims(CLAIMS, tmp_path / "claims.csv")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["resolve", str(src), "--out", str(out), "--no-embeddings", "--format", "parquet", "--sources"]
    )
    assert result.exit_code == 0, result.output
    events = [json.loads(x) for x in (out / "events.jsonl").read_text().splitlines()]
    relations = [json.loads(x) for x in (out / "relations.jsonl").read_text().splitlines()]
    for rec in events:
        schema_validator_for("event").validate(rec)
    for rec in relations:
        schema_validator_for("relation").validate(rec)
    assert sorted(len(e["claim_ids"]) for e in events) == [1, 2]
    assert [(r["relation"], r["slot"]) for r in relations] == [("contradicts", "killed")]
    assert len(pd.read_parquet(out / "events.parquet")) == len(events)
    assert (out / "sources.csv").is_file() and "BuzzFeed News" in result.stdout


def test_resolve_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["resolve", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "o")])
    assert missing.exit_code == 2 and "no such claims file" in missing.output
    src = write_claims(CLAIMS, tmp_path / "claims.jsonl")
    bad = runner.invoke(app, ["resolve", str(src), "--out", str(tmp_path / "o"), "--format", "xml"])
    assert bad.exit_code == 2 and "unknown --format 'xml'" in bad.output and "Traceback" not in bad.output


def test_evaluate_relations_from_resolved_folder(tmp_path: Path) -> None:
    src = write_claims(CLAIMS, tmp_path / "claims.jsonl")
    out = tmp_path / "out"
    assert runner.invoke(app, ["resolve", str(src), "--out", str(out), "--no-embeddings"]).exit_code == 0
    gold = tmp_path / "gold.jsonl"
    rows = [
        {
            "incident": "t",
            "doc_a": "d1",
            "doc_b": "d2",
            "same_event": True,
            "relation": "contradicts",
            "slots": ["killed"],
        },
        {"incident": "t", "doc_a": "x:d1", "doc_b": "d4", "same_event": False},
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = runner.invoke(
        app, ["evaluate", "relations", str(gold), "--claims", str(src), "--resolved", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert (scores["link_precision"], scores["link_recall"], scores["slot_accuracy"]) == (1.0, 1.0, 1.0)


def test_scores_count_misses_wrong_slots_and_false_links() -> None:
    gold = [
        GoldPair("i", "a", "b", True, "contradicts", ("actor",), ""),
        GoldPair("i", "a", "c", True, "corroborates", ("event",), ""),
        GoldPair("i", "b", "c", False, None, (), ""),
    ]
    docs = {"1": "a", "2": "b", "3": "c"}
    rels = [
        Relation("1", "2", "contradicts", "killed", "r"),
        Relation("1", "3", "corroborates", "event", "r"),
    ]
    s = score_relations(gold, docs, [("1", "2", "3")], rels)
    assert (s.link_tp, s.link_fp, s.link_fn) == (2, 1, 0)
    assert s.kind_accuracy == 1.0 and s.slot_accuracy == 0.5
    assert s.confusion == {"contradicts -> contradicts": 1, "corroborates -> corroborates": 1}


def test_resolve_leaves_a_pointer_the_report_follows(tmp_path: Path) -> None:
    src = write_claims(CLAIMS, tmp_path / "claims.jsonl")
    out = tmp_path / "resolved"
    assert runner.invoke(app, ["resolve", str(src), "--out", str(out), "--no-embeddings"]).exit_code == 0
    assert json.loads((out / "run.json").read_text())["claims"] == str(src.resolve())
    report = runner.invoke(app, ["report", str(out), "--out", str(tmp_path / "r.html")])
    assert report.exit_code == 0, report.output
    assert "BuzzFeed News" in (tmp_path / "r.html").read_text()


def test_resolve_disputes_are_printed_written_and_valid(tmp_path: Path, schema_validator_for) -> None:
    src = write_claims(CLAIMS, tmp_path / "claims.jsonl")
    out = tmp_path / "out"
    result = runner.invoke(app, ["resolve", str(src), "--out", str(out), "--no-embeddings", "--disputes"])
    assert result.exit_code == 0, result.output
    disputes = [json.loads(x) for x in (out / "disputes.jsonl").read_text().splitlines()]
    assert [d["slot"] for d in disputes] == ["killed"]
    for rec in disputes:
        schema_validator_for("dispute").validate(rec)
    events = [json.loads(x) for x in (out / "events.jsonl").read_text().splitlines()]
    assert [e["disputes"] for e in events if e["contested"]] == [["killed"]]
    assert "- 33: BuzzFeed News" in result.stdout and "- 32: The Washington Institute" in result.stdout


def test_resolve_refuses_bad_claims_files(tmp_path: Path) -> None:
    src = write_claims(CLAIMS, tmp_path / "claims.parquet")
    truncated = tmp_path / "cut.parquet"
    truncated.write_bytes(src.read_bytes()[: src.stat().st_size // 2])
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("claim_id,doc_id,sentence,action,action_type,killed\na,d,s,hit,air_strike,many\n")
    for path in (truncated, empty, wrong):
        result = runner.invoke(app, ["resolve", str(path), "--out", str(tmp_path / "o"), "--no-embeddings"])
        assert result.exit_code == 2, (path, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0] and "Traceback" not in result.output


def test_evaluate_disputes_scores_against_incident_gold(tmp_path: Path) -> None:
    src = write_claims(CLAIMS, tmp_path / "claims.jsonl")
    out = tmp_path / "out"
    assert runner.invoke(app, ["resolve", str(src), "--out", str(out), "--no-embeddings"]).exit_code == 0
    gold = tmp_path / "gold.jsonl"
    rec = {
        "incident": "t",
        "docs": ["d1", "d2"],
        "disputes": [
            {
                "slot": "killed",
                "positions": [{"value": "33", "docs": ["d1"]}, {"value": "32", "docs": ["d2"]}],
            },
            {"slot": "actor", "positions": [{"value": "x", "docs": ["d1"]}, {"value": "y", "docs": ["d2"]}]},
        ],
    }
    gold.write_text(json.dumps(rec) + "\n")
    result = runner.invoke(
        app, ["evaluate", "disputes", str(gold), "--claims", str(src), "--resolved", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert (scores["precision"], scores["recall"]) == (1.0, 0.5)
    assert any("missed" in e and "actor" in e for e in scores["errors"])
