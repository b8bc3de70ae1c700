"""Claim writers and readers: every format round-trips; errors are one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimx.errors import UsageError
from claimx.output import fmt_for, format_table, read_claims, write_claims
from claimx.types import CLAIM_FIELDS, Claim


def make_claim(i: int, **kw: object) -> Claim:
    base = dict(
        claim_id=f"c-{i}", doc_id="d", source="X", published="2015-09-30", sentence="Jets bombed Homs.",
        sent_start=0, sent_end=17, actor="Jets", actor_norm=None, action="bombed", action_start=5,
        action_end=11, action_type="air_strike", target=None, target_norm=None, location="Homs",
        location_norm="Homs", admin1="Homs", country="Syria", lat=34.73, lon=36.71, date=None,
        date_norm=None, attributed_to=None, negated=False, hedged=True, killed=None, injured=3,
        confidence=0.7,
    )  # fmt: skip
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    claims = [
        make_claim(1),
        make_claim(2, killed=33, injured=None, lat=None, lon=None, negated=True, hedged=False),
        make_claim(3, date_norm="2015-09", date_basis="published"),
    ]
    path = write_claims(claims, tmp_path / f"out{suffix}")
    assert read_claims(path) == claims
    assert not list(tmp_path.glob(".*tmp*")), "no temporary file may be left behind"


def test_csv_and_parquet_columns_are_the_contract_fields(tmp_path: Path) -> None:
    import pandas as pd

    write_claims([make_claim(1)], tmp_path / "a.parquet")
    assert list(pd.read_parquet(tmp_path / "a.parquet").columns) == list(CLAIM_FIELDS)
    write_claims([make_claim(1)], tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_text().splitlines()[0] == ",".join(CLAIM_FIELDS)


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"unknown output format '\.xlsx'"):
        fmt_for(tmp_path / "x.xlsx")
    with pytest.raises(UsageError, match="no such claims file"):
        read_claims(tmp_path / "none.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"claim_id": "a"}\nnot json\n')
    with pytest.raises(UsageError, match=r"bad.jsonl:2"):
        read_claims(bad)


def test_table_shows_flags_and_count() -> None:
    text = format_table([make_claim(1, negated=True)])
    assert "air_strike" in text and "NH" in text and "1 claim(s)" in text
    assert format_table([]) == "no claims found\n"


def test_date_basis_is_a_column_and_older_files_without_it_still_load(tmp_path: Path) -> None:
    import pandas as pd

    path = write_claims([make_claim(1, date_norm="2015-09-30", date_basis="context")], tmp_path / "a.csv")
    assert "date_basis" in path.read_text().splitlines()[0].split(",")
    old = pd.read_csv(path).drop(columns=["date_basis"])
    old.to_csv(tmp_path / "old.csv", index=False)
    (claim,) = read_claims(tmp_path / "old.csv")
    assert claim.date_norm == "2015-09-30" and claim.date_basis is None
