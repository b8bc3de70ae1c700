"""The HTML report's content, read back from the page: views, disputes, escaping, offline-ness."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from report_sample import (
    HOSTILE_IMG,
    HOSTILE_SCRIPT,
    sample_claims,
    sample_events,
    sample_input,
    sample_relations,
    synthetic_input,
)
from typer.testing import CliRunner

from claimx.cli import app
from claimx.output import write_claims
from claimx.report import build_report, load_report_input, render_report
from claimx.report.html import csp_hash, json_for_script


def _payload(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="claimx-data">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def page() -> str:
    return render_report(build_report(sample_input()))


def test_disputed_events_come_first_with_their_slots(page: str) -> None:
    data = _payload(page)
    statuses = [e["st"] for e in data["events"]]
    assert statuses[0] == "contested"
    assert statuses == sorted(statuses, key=["contested", "corroborated", "single"].index)
    first = data["events"][0]
    assert first["id"] == "e1"
    assert first["ds"] == ["killed", "negation"]
    assert sorted(first["o"]) == ["alaraby", "reuters", "sana"]
    reasons = [r[4] for r in first["r"]]
    assert "reuters says 33 were killed, alaraby says 12" in reasons


def test_claims_carry_marks_and_their_disputed_slots(page: str) -> None:
    data = _payload(page)
    by_id = {c["id"]: c for c in data["claims"]}
    c1 = by_id["c1"]
    marked = {role: c1["s"][s:e] for s, e, role in c1["m"]}
    assert marked == {
        "actor": "Syrian jets",
        "action": "struck",
        "location": "Douma",
        "date": "Saturday",
        "killed": "33",
        "target": "civilians",
    }
    assert c1["ds"] == ["killed", "negation"]
    assert "ds" not in by_id["c4"]  # corroborated claims have nothing disputed
    assert data["outlets"][c1["o"]] == "reuters"


def test_outlet_table_counts_cross_outlet_judgements(page: str) -> None:
    rows = {r[0]: r for r in _payload(page)["table"]}
    # outlet, claims, articles, events, shared events, corroborates, contradicts
    assert rows["reuters"] == ["reuters", 2, 2, 2, 2, 1, 2]
    assert rows["sana"][5:] == [0, 1]
    assert rows[HOSTILE_IMG][4] == 0


def test_article_text_never_becomes_markup(page: str) -> None:
    assert HOSTILE_SCRIPT not in page
    assert HOSTILE_IMG not in page
    assert not re.search(r"<img\b|<[^>]*\bonerror", page)  # no tag of the article's survives
    assert page.count("<script") == 2  # the data block and the page's own script
    data = _payload(page)  # ... yet the text is all there, as characters
    assert any(HOSTILE_SCRIPT in c["s"] for c in data["claims"])
    assert HOSTILE_IMG in data["outlets"]


def test_json_block_cannot_be_closed_from_inside() -> None:
    text = json_for_script({"s": "</script><script>alert(1)</script><!-- &amp; \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["s"].startswith("</script>")


def test_page_is_offline_and_locked_by_its_csp(page: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    csp = csp.replace("&#x27;", "'")
    assert "default-src 'none'" in csp and "img-src data:" in csp
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert f"script-src {csp_hash(script)}" in csp
    assert f"style-src {csp_hash(style)}" in csp
    for attr in re.findall(r'\b(?:src|href|action|srcset)="([^"]*)"', page):
        assert attr.startswith("data:"), attr
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)


def test_claims_file_alone_gives_claims_without_event_views(tmp_path: Path) -> None:
    path = write_claims(sample_claims(), tmp_path / "claims.jsonl")
    data = _payload(render_report(build_report(load_report_input(path))))
    assert data["meta"]["hasEvents"] is False
    assert data["events"] == []
    assert len(data["claims"]) == 7
    assert all("pt" in c for c in data["claims"])  # c7 has only a governorate: placed at its label point


def _resolve_dir(tmp_path: Path, pointer: bool) -> Path:
    out = tmp_path / "resolved"
    out.mkdir()
    claims = write_claims(sample_claims(), tmp_path / "claims.csv")
    (out / "events.jsonl").write_text("".join(json.dumps(e.to_record()) + "\n" for e in sample_events()))
    (out / "relations.jsonl").write_text(
        "".join(json.dumps(r.to_record()) + "\n" for r in sample_relations())
    )
    if pointer:
        (out / "run.json").write_text(json.dumps({"claims": str(claims)}))
    return out


def test_resolve_folder_finds_its_claims_through_a_pointer(tmp_path: Path) -> None:
    inp = load_report_input(_resolve_dir(tmp_path, pointer=True))
    assert inp.has_events and len(inp.events) == 4 and len(inp.relations) == 3 and len(inp.claims) == 7


def test_cli_writes_report_and_rejects_bad_input(tmp_path: Path) -> None:
    folder = _resolve_dir(tmp_path, pointer=False)
    runner = CliRunner()
    missing = runner.invoke(app, ["report", str(folder), "--out", str(tmp_path / "r.html")])
    assert missing.exit_code == 2
    assert "--claims" in missing.output
    ok = runner.invoke(
        app,
        ["report", str(folder), "--claims", str(tmp_path / "claims.csv"), "--out", str(tmp_path / "r.html")],
    )
    assert ok.exit_code == 0, ok.output
    assert _payload((tmp_path / "r.html").read_text(encoding="utf-8"))["events"][0]["st"] == "contested"
    nothing = runner.invoke(app, ["report", str(tmp_path / "nope"), "--out", str(tmp_path / "x.html")])
    assert nothing.exit_code == 2
    (folder / "events.jsonl").write_text("{not json\n")
    broken = runner.invoke(
        app,
        ["report", str(folder), "--claims", str(tmp_path / "claims.csv"), "--out", str(tmp_path / "b.html")],
    )
    assert broken.exit_code == 2 and "events.jsonl:1" in broken.output


def test_fakes_sized_report_stays_small_and_lazy() -> None:
    data = build_report(synthetic_input(5000))
    page = render_report(data)
    assert len(page) < 6_000_000
    payload = _payload(page)
    assert len(payload["claims"]) == 5000
    # the page ships data, not pre-built DOM: no per-claim markup in the HTML itself
    assert page.count("<blockquote") == 0 and page.count('class="event') == 0
