"""The real pipeline (spaCy model + gazetteer) over the seed articles: slow, no download."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimx.types import CLAIM_FIELDS

GOLDEN = Path(__file__).parent / "golden"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor():
    from claimx.extract import Extractor
    from claimx.settings import Settings

    return Extractor.load(Settings.from_env().with_overrides(rules_only=True))


@pytest.fixture(scope="module")
def seed_claims(extractor, seeds_dir: Path):
    from claimx.reading import read_file

    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        (article,) = read_file(path)
        out[path.stem] = extractor.extract(article)
    return out


def test_every_seed_claim_validates(seed_claims, claim_validator) -> None:
    n = 0
    for claims in seed_claims.values():
        for c in claims:
            rec = c.to_record()
            assert list(rec) == list(CLAIM_FIELDS)
            errors = list(claim_validator.iter_errors(rec))
            assert not errors, (rec, errors[0].message)
            n += 1
    assert n >= 10


def test_talbiseh_strikes_with_33_dead(seed_claims) -> None:
    claims = seed_claims["001_5181122ce5a15aa8"]
    hit = [c for c in claims if c.killed == 33]
    assert hit, "Syrian Civil Defense's 33 dead must be found"
    c = hit[0]
    assert c.action_type == "air_strike" and c.actor_norm == "Russia"
    assert c.location_norm and c.admin1 == "Homs"
    assert c.attributed_to == "Syrian Civil Defense"
    assert c.source == "BuzzFeed News" and c.published == "2015-09-30"
    fsa = [c for c in claims if c.killed == 32]
    assert fsa and fsa[0].injured == 10 and "Osama Abu Zaid" in (fsa[0].attributed_to or "")


def test_tartus_jableh_bombings(seed_claims) -> None:
    claims = seed_claims["004_5f01a3c730e886de"]
    (c,) = [c for c in claims if c.killed == 154]
    assert c.action_type == "suicide_bomb" and c.actor_norm == "Islamic State"
    assert c.injured == 300 and c.date_norm == "2016-05-23"
    assert c.admin1 in {"Tartus", "Tartous"}


def test_seed_004_golden(seed_claims) -> None:
    """The claims of seed 004 equal the reviewed golden file (CLAIMX_UPDATE_GOLDEN=1 rewrites it)."""
    got = [c.to_record() for c in seed_claims["004_5f01a3c730e886de"]]
    path = GOLDEN / "004_5f01a3c730e886de.jsonl"
    if os.environ.get("CLAIMX_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in got))
    want = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
    assert got == want
