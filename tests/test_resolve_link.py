"""Blocking and linking: cross-outlet events, what must stay apart, no chaining through vague claims."""

from __future__ import annotations

from typing import Any

from claimx.resolve import resolve_claims
from claimx.resolve.blocking import candidate_pairs
from claimx.resolve.features import claim_features
from claimx.resolve.link import group_within_documents, link_claims
from claimx.types import Claim

KHAN = {"location_norm": "Khan Sheikhoun", "admin1": "Idlib", "country": "Syria", "lat": 35.44, "lon": 36.65}
IDLIB = {"location_norm": "Idlib", "admin1": "Idlib", "country": "Syria", "lat": 35.93, "lon": 36.63}
MAARAT = {
    "location_norm": "Maarat al-Numan",
    "admin1": "Idlib",
    "country": "Syria",
    "lat": 35.64,
    "lon": 36.68,
}
DOUMA = {"location_norm": "Douma", "admin1": "Rif Dimashq", "country": "Syria", "lat": 33.57, "lon": 36.40}
SYRIA = {"location_norm": "Syria", "admin1": None, "country": "Syria"}


def claim(cid: str, doc: str, source: str | None = None, **kw: Any) -> Claim:
    rec = {
        "claim_id": cid,
        "doc_id": doc,
        "source": source or f"outlet-{doc}",
        "sentence": kw.pop("sentence", f"Claim {cid}."),
        "action": "attack",
        "action_type": kw.pop("action_type", "chemical_weapon"),
        "date_norm": kw.pop("date_norm", "2017-04-04"),
        "published": "2017-04-04",
    }
    rec.update(kw)
    return Claim.from_record(rec)


def groups(claims: list[Claim]) -> list[set[str]]:
    res = resolve_claims(claims)
    return sorted((set(e.claim_ids) for e in res.events), key=sorted)


def test_same_incident_across_outlets_links_into_one_event() -> None:
    claims = [
        claim("a", "d1", "asharqalawsat", killed=58, **KHAN),
        claim("b", "d2", "etilaf", killed=100, **KHAN),
        claim("c", "d3", "ahram", killed=58, action_type="air_strike", **IDLIB),
        claim("d", "d4", "alaraby", killed=72, action_type="air_strike", date_norm="2017-04-05", **KHAN),
    ]
    res = resolve_claims(claims)
    assert len(res.events) == 1
    event = res.events[0]
    assert (event.killed_low, event.killed_best, event.killed_high) == (58, 58, 100)
    assert (
        event.contested and event.location_norm == "Khan Sheikhoun" and event.action_type == "chemical_weapon"
    )
    assert res.stats.multi_outlet_events == 1


def test_different_places_dates_and_kinds_stay_apart() -> None:
    claims = [
        claim("a", "d1", killed=58, **KHAN),
        claim("b", "d2", killed=19, action_type="air_strike", **DOUMA),  # other province, same day
        claim("c", "d3", killed=58, date_norm="2017-05-20", **KHAN),  # weeks later
        claim("d", "d4", killed=58, action_type="suicide_bomb", **KHAN),  # other kind of action
        claim("e", "d5", killed=7, action_type="air_strike", **MAARAT),  # other town, same province
    ]
    assert groups(claims) == [{"a"}, {"b"}, {"c"}, {"d"}, {"e"}]


def test_vague_claim_does_not_chain_two_towns() -> None:
    claims = [
        claim("k1", "d1", killed=58, **KHAN),
        claim("k2", "d2", killed=58, **KHAN),
        claim("m1", "d3", killed=7, **MAARAT),
        claim("m2", "d4", killed=7, **MAARAT),
        claim("v", "d5", killed=58, **IDLIB),  # "in Idlib province": fits either town
    ]
    found = groups(claims)
    assert {"k1", "k2"} <= next(g for g in found if "k1" in g)
    assert not any({"k1", "m1"} <= g for g in found)


def test_statements_do_not_form_events() -> None:
    res = resolve_claims([claim("s", "d1", action_type="statement", **KHAN), claim("a", "d2", **KHAN)])
    assert [e.claim_ids for e in res.events] == [("a",)]


def test_blocking_pairs_only_nearby_dates_and_compatible_provinces() -> None:
    claims = [
        claim("a", "d1", **KHAN),
        claim("b", "d2", **DOUMA),
        claim("c", "d3", date_norm="2017-04-06", **IDLIB),
        claim("d", "d4", date_norm="2017-06-01", **KHAN),
        claim("e", "d5", **SYRIA),  # no province: may be about either
    ]
    feats = [claim_features(n, c) for n, c in enumerate(claims)]
    assert candidate_pairs(feats) == [(0, 2), (0, 4), (1, 4), (2, 4)]


def test_same_article_claims_join_but_weak_cross_article_pairs_do_not() -> None:
    claims = [
        claim("a", "d1", action_type="air_strike", target="civilians", **DOUMA),
        claim("b", "d1", action_type="air_strike", target="civilians", location_norm="Douma"),
        claim("c", "d2", action_type="air_strike", location_norm=None),  # same day, nothing else shared
    ]
    feats = [claim_features(n, c) for n, c in enumerate(claims)]
    assert group_within_documents(feats) == [[0, 1], [2]]
    assert link_claims(feats).groups == [[0, 1], [2]]


def test_an_article_spreads_one_event_over_sentences_and_mentions_link_on_the_whole() -> None:
    claims = [
        # article 1: place in the lead, toll later, no place or date repeated
        claim("a1", "d1", action_type="air_strike", **KHAN),
        claim("a2", "d1", action_type="air_strike", killed=58, date_norm=None),
        # article 2: the same toll and day, the province only
        claim("b1", "d2", action_type="chemical_weapon", killed=58, **IDLIB),
    ]
    feats = [claim_features(n, c) for n, c in enumerate(claims)]
    assert [e.claim_ids for e in resolve_claims(claims).events] == [("a1", "a2", "b1")]
    assert link_claims(feats).mentions[0].figures == frozenset({58})


def test_within_an_article_two_days_or_two_accounts_in_one_voice_are_two_events() -> None:
    claims = [
        claim(
            "pilot", "d1", action_type="attack", target="an air force pilot", date_norm="2016-07-01", **KHAN
        ),
        claim("shelling", "d1", action_type="shelling", target="civilians", date_norm="2016-07-02", **KHAN),
        claim("downed", "d1", action_type="attack", target="government aircraft", date_norm=None, **KHAN),
        claim(
            "toll", "d1", action_type="shelling", killed=31, target="people", date_norm="2016-07-02", **KHAN
        ),
        claim("war", "d1", action_type="attack", killed=280000, date_norm=None, **KHAN),
    ]
    found = groups(claims)
    assert {"shelling", "toll"} in found and {"pilot"} in found
    assert not any("downed" in g and "shelling" in g for g in found)
    assert not any("war" in g for g in found)  # a war-wide tally is no event
