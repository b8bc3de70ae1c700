"""The seed disputes on hand-made claims shaped like the extractor's (seeds 000 and 001, 30 Sep 2015)."""

from __future__ import annotations

from typing import Any

import pytest

from claimx.resolve import resolve_claims
from claimx.types import Claim, Relation

WI = {"doc_id": "000_330ec8892475598d", "source": "The Washington Institute", "published": "2015-09-30"}
BF = {"doc_id": "001_5181122ce5a15aa8", "source": "BuzzFeed News", "published": "2015-09-30"}
HOMS = {"location_norm": "Homs", "admin1": "Homs", "country": "Syria", "lat": 34.72, "lon": 36.73}
SYRIA = {"location_norm": "Syria", "country": "Syria", "lat": 35.0, "lon": 38.5}


def claim(cid: str, doc: dict[str, str], sentence: str, **kw: Any) -> Claim:
    rec = {
        "claim_id": cid,
        "sentence": sentence,
        "action": "strikes",
        "action_type": "air_strike",
        "actor": "Russian",
        "actor_norm": "Russia",
        **doc,
        **kw,
    }
    return Claim.from_record(rec)


CLAIMS = [
    claim(
        "w1",
        WI,
        "The Russian and Syrian planes have conducted several raids today against terrorist "
        "positions in Hama, Homs, and Latakia.",
        target="terrorist positions",
        location_norm="Hama",
        admin1="Hama",
        country="Syria",
        date_norm="2015-09-30",
        attributed_to="a Syrian security source",
    ),
    claim(
        "w2",
        WI,
        "The first wave of Russian airstrikes seemed to focus on rebel areas.",
        target="rebel areas",
        hedged=True,
        **SYRIA,
    ),
    claim(
        "b1",
        BF,
        "Putin said the country had begun a campaign of airstrikes in Syria targeting ISIS militants.",
        target="ISIS militants",
        target_norm="Islamic State",
        attributed_to="Putin",
        date_norm="2015-09-30",
        **SYRIA,
    ),
    claim(
        "b2",
        BF,
        "Opposition sources appeared to show that it was targeting Western-backed rebels instead.",
        target="Western-backed rebels",
        hedged=True,
        attributed_to="opposition sources",
        **SYRIA,
    ),
    claim(
        "b3",
        BF,
        "The first wave of airstrikes hit the provinces of Homs, Latakia, and Hama on Wednesday.",
        actor=None,
        actor_norm=None,
        date_norm="2015-09-30",
        attributed_to="AFP",
        **HOMS,
    ),
    claim(
        "b4",
        BF,
        "Syrian Civil Defense counted at least 33 civilians killed in Russian air strikes in Talbiseh.",
        killed=33,
        target="civilians",
        location_norm="Talbiseh",
        admin1="Homs",
        country="Syria",
        lat=34.84,
        lon=36.73,
        attributed_to="Syrian Civil Defense",
    ),
    claim(
        "b5",
        BF,
        "The raids in Homs killed 32 civilians and wounded a further 10.",
        action="raids",
        actor=None,
        actor_norm=None,
        killed=32,
        injured=10,
        target="civilians",
        attributed_to="Osama Abu Zaid",
        **HOMS,
    ),
]


def relation(rels: tuple[Relation, ...], a: str, b: str) -> Relation | None:
    return next((r for r in rels if {r.claim_a, r.claim_b} == {a, b}), None)


def dispute(res, slot: str, claim_id: str):
    held = (d for d in res.disputes if any(claim_id in p.claim_ids for p in d.positions))
    return next(d for d in held if d.slot == slot)


def test_islamic_state_or_other_rebels_is_a_target_dispute() -> None:
    res = resolve_claims(CLAIMS)
    d = dispute(res, "target", "b1")
    held = {cid: p.value for p in d.positions for cid in p.claim_ids}
    assert "Islamic State" in held["b1"] and held["w2"] == held["b2"] != held["b1"]
    assert "Putin" in d.reason and "The Washington Institute" in d.reason
    rels = [r for r in res.relations if r.relation == "contradicts" and r.slot == "target"]
    assert len(rels) == len(d.positions) - 1 == 1  # one contradiction per pair of positions


def test_33_versus_32_killed() -> None:
    res = resolve_claims(CLAIMS)
    d = dispute(res, "killed", "b4")
    assert [p.value for p in d.positions] in (["at least 33", "32"], ["32", "at least 33"])
    assert "Syrian Civil Defense" in d.reason and "Osama Abu Zaid" in d.reason
    rel = relation(res.relations, "b4", "b5")
    assert rel is not None and (rel.relation, rel.slot) == ("contradicts", "killed")
    event = next(e for e in res.events if "b4" in e.claim_ids)
    assert (event.killed_low, event.killed_high, event.contested) == (32, 33, True)
    assert "killed" in event.disputes


def test_civilians_and_rebel_areas_agree() -> None:
    res = resolve_claims(CLAIMS)
    for d in res.disputes:
        values = " ".join(p.value for p in d.positions)
        assert not ("civilians" in values and "rebel" in values), d.reason


def test_strikes_both_outlets_report_corroborate() -> None:
    res = resolve_claims(CLAIMS)
    rel = relation(res.relations, "w1", "b3")
    assert rel is not None and (rel.relation, rel.slot) == ("corroborates", "event")
    assert "The Washington Institute" in rel.reason and "BuzzFeed News" in rel.reason


@pytest.mark.slow
def test_seed_disputes_with_the_real_extractor(seeds_dir) -> None:
    """The acceptance disputes on claims the real extractor gives for seeds 000 and 001."""
    from claimx.extract import Extractor
    from claimx.reading import read_file
    from claimx.types import Article

    articles = [
        a for p in sorted(seeds_dir.glob("00[01]_*.txt")) for a in read_file(p) if isinstance(a, Article)
    ]
    extractor = Extractor.load()
    claims = [c for a in articles for c in extractor.extract(a)]
    res = resolve_claims(claims)
    by_id = {c.claim_id: c for c in claims}

    def found(kind: str, slot: str, test) -> list[Relation]:
        return [
            r
            for r in res.relations
            if (r.relation, r.slot) == (kind, slot) and test(by_id[r.claim_a], by_id[r.claim_b])
        ]

    def groups(c: Claim) -> str:
        return (c.target_norm or c.target or "").lower()

    slots = {d.slot: " | ".join(p.value for p in d.positions) for d in res.disputes}
    target = slots.get("target", "")
    assert "Islamic State" in target and ("rebel" in target.lower() or "not Islamic State" in target), slots
    assert "33" in slots.get("killed", "") and "32" in slots["killed"], slots
    assert found(
        "corroborates",
        "event",
        lambda a, b: {a.source, b.source} == {"The Washington Institute", "BuzzFeed News"},
    )
