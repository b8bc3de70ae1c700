"""`claimx evaluate links` scoring, the publication-date span and place filling in linking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ged_fixtures import write_sources_long
from typer.testing import CliRunner

from claimx.errors import UsageError
from claimx.knowledge import Knowledge
from claimx.resolve.evaluate import doc_partition, read_link_gold, score_links
from claimx.resolve.features import claim_features, date_span
from claimx.resolve.link import link_claims, with_named_place
from claimx.resolve.mentions import build_mention
from claimx.types import Claim


def test_pair_and_bcubed_scores_by_hand() -> None:
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    s = score_links(gold, pred)
    # gold pairs ab ac bc; predicted ab cd; right: ab
    assert (s.pair_tp, s.pair_fp, s.pair_fn) == (1, 1, 2)
    assert s.pair_precision == 0.5 and s.pair_recall == pytest.approx(0.3333, abs=1e-4)
    # B-cubed precision: a 1, b 1, c 1/2, d 1/2 -> 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 -> 0.6667
    assert s.bcubed_precision == 0.75 and s.bcubed_recall == pytest.approx(0.6667, abs=1e-4)


def test_missing_docs_are_singletons_and_perfect_is_one() -> None:
    gold = {"a": "1", "b": "1"}
    assert score_links(gold, {}).pair_recall == 0.0 and score_links(gold, {}).missing_docs == 2
    perfect = score_links(gold, {"a": "z", "b": "z"})
    assert perfect.pair_f1 == 1.0 and perfect.bcubed_f1 == 1.0


def test_doc_partition_chains_events_sharing_a_document() -> None:
    part = doc_partition({"1": "a", "2": "b", "3": "b", "4": "c", "5": "d"}, [("1", "2"), ("3", "4"), ("5",)])
    assert part["a"] == part["b"] == part["c"] != part["d"]


def test_read_link_gold_formats_and_errors(tmp_path: Path) -> None:
    j = tmp_path / "g.jsonl"
    j.write_text('{"doc_id": "a", "event": 1}\n\n{"doc_id": "b", "event": "1"}\n', encoding="utf-8")
    assert read_link_gold(j) == {"a": "1", "b": "1"}
    c = tmp_path / "g.csv"
    c.write_text("doc_id,event\na,1\nb,2\n", encoding="utf-8")
    assert read_link_gold(c) == {"a": "1", "b": "2"}
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "a"}\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad\.jsonl:1: a link gold record needs doc_id and event"):
        read_link_gold(bad)
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{oops\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"broken\.jsonl:1: not a JSON"):
        read_link_gold(broken)


def test_published_dates_span_a_day_either_side() -> None:
    undated = date_span(None, "2016-05-02")
    basis = date_span("2016-05-02", "2016-05-02", basis="published")
    text = date_span("2016-05-02", "2016-05-02", basis="text")
    assert undated == basis and undated.precision == "reported"
    assert undated.hi - undated.lo == 2 and text.precision == "day" and text.lo == undated.lo + 1


def _c(cid: str, doc: str, sentence: str, **kw) -> Claim:
    rec = {
        "claim_id": cid,
        "doc_id": doc,
        "source": doc,
        "sentence": sentence,
        "action": "raid",
        "action_type": "air_strike",
        "published": "2017-03-22",
    }
    return Claim.from_record({**rec, **kw})


def test_mention_without_place_takes_one_from_its_sentence() -> None:
    f = claim_features(0, _c("a", "d1", "Warplanes raid Tabqa and kill 20 civilians"))
    m = with_named_place(build_mention(0, [f]), Knowledge.from_settings())
    assert m.summary.claim.admin1 == "Raqqa" and m.summary.place is not None
    placed = claim_features(1, _c("b", "d2", "Warplanes raid Tabqa", location_norm="Homs", admin1="Homs"))
    assert (
        with_named_place(build_mention(1, [placed]), Knowledge.from_settings()).summary.claim.admin1 == "Homs"
    )


def test_a_mention_placed_only_in_its_country_takes_a_town_of_that_country() -> None:
    """Not only Syria: a claim in Ukraine whose place is the country takes the Ukrainian town named."""
    k = Knowledge.from_settings()
    sentence = "Russian shelling of Kharkiv killed 3 people in Ukraine"
    f = claim_features(0, _c("a", "d1", sentence, location_norm="Ukraine", country="Ukraine"))
    assert with_named_place(build_mention(0, [f]), k).summary.claim.location_norm == "Kharkiv"
    unknown = claim_features(1, _c("b", "d2", sentence))
    assert with_named_place(build_mention(1, [unknown]), k).summary.claim.location_norm is None, (
        "no country given: the region packs' countries only (Syria)"
    )


def test_two_undated_headlines_of_one_town_link() -> None:
    claims = [
        _c("a", "d1", "Coalition warplanes raid Tabqa and kill 20 civilians", killed=20),
        _c("b", "d2", "20 civilians killed in a coalition raid on Tabqa", killed=20, published="2017-03-23"),
        _c("c", "d3", "Warplanes raid Jisr al-Shughur", published="2017-03-22"),
    ]
    groups = link_claims([claim_features(n, c) for n, c in enumerate(claims)]).groups
    assert [0, 1] in groups and [2] in groups


def test_evaluate_links_cli(tmp_path: Path) -> None:
    from claimx.cli import app

    claims = tmp_path / "claims.jsonl"
    claims.write_text(
        "".join(
            json.dumps(c.to_record()) + "\n"
            for c in (
                _c("a", "d1", "Coalition warplanes raid Tabqa and kill 20 civilians", killed=20),
                _c("b", "d2", "20 civilians killed in a coalition raid on Tabqa", killed=20),
            )
        ),
        encoding="utf-8",
    )
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc_id": "d1", "event": "e"}\n{"doc_id": "d2", "event": "e"}\n', encoding="utf-8")
    res = CliRunner().invoke(
        app, ["evaluate", "links", str(gold), "--claims", str(claims), "--no-embeddings"]
    )
    assert res.exit_code == 0, res.output
    assert "P 1.000  R 1.000  F1 1.000" in res.output
    res = CliRunner().invoke(
        app, ["evaluate", "links", str(tmp_path / "none.jsonl"), "--claims", str(claims)]
    )
    assert res.exit_code == 2


def test_evaluate_ged_cli_rules_only(tmp_path: Path) -> None:
    from claimx.cli import app

    csv_path = write_sources_long(tmp_path / "ged_sources_long.csv")
    args = ["evaluate", "ged", str(csv_path), "--rules-only", "--no-embeddings", "--split", "train", "--json"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    rec = json.loads(res.output)
    assert rec["split"] == "train" and rec["headlines"]["headlines"] >= 1
    bad = CliRunner().invoke(app, ["evaluate", "ged", str(csv_path), "--split", "dev"])
    assert bad.exit_code == 2
    args = ["evaluate", "ged", str(csv_path), "--rules-only", "--no-links", "--part", "tune", "--json"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["split"] == "train"


def test_evaluate_ged_write_then_batch_ids_match_gold(tmp_path: Path) -> None:
    from claimx.cli import app
    from claimx.reading import iter_inputs

    csv_path = write_sources_long(tmp_path / "ged_sources_long.csv")
    out = tmp_path / "task"
    res = CliRunner().invoke(app, ["evaluate", "ged", str(csv_path), "--split", "train", "--write", str(out)])
    assert res.exit_code == 0, res.output
    gold = read_link_gold(out / "ged_gold_links.jsonl")
    docs = {a.doc_id for a in iter_inputs([out / "ged_headlines.jsonl"])}
    assert set(gold) == docs
