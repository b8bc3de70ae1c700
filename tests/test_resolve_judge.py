"""Judgement of linked pairs: each kind of contradiction, corroboration, and what is not judged."""

from __future__ import annotations

from typing import Any

from claimx.resolve.judge import judge_pair
from claimx.types import Claim


def claim(cid: str, doc: str, source: str | None = "Outlet", **kw: Any) -> Claim:
    rec = {
        "claim_id": cid,
        "doc_id": doc,
        "source": source,
        "sentence": kw.pop("sentence", f"Claim {cid}."),
        "action": kw.pop("action", "strikes"),
        "action_type": kw.pop("action_type", "air_strike"),
        "location_norm": "Homs",
        "admin1": "Homs",
        "country": "Syria",
        "date_norm": "2015-09-30",
    }
    rec.update(kw)
    return Claim.from_record(rec)


def test_casualty_figures_33_vs_32_contradict_and_reason_names_both() -> None:
    a = claim(
        "a", "001", "BuzzFeed News", killed=33, target="civilians", attributed_to="Syrian Civil Defense"
    )
    b = claim("b", "001", "BuzzFeed News", killed=32, target="civilians", attributed_to="Osama Abu Zaid")
    rel = judge_pair(a, b)
    assert rel is not None and (rel.relation, rel.slot) == ("contradicts", "killed")
    for words in ("33", "32", "Syrian Civil Defense", "Osama Abu Zaid", "BuzzFeed News", "001"):
        assert words in rel.reason


def test_casualty_figures_within_tolerance_corroborate() -> None:
    rel = judge_pair(claim("a", "d1", "reuters", killed=1400), claim("b", "d2", "arabiya", killed=1429))
    assert rel is not None and rel.relation == "corroborates" and rel.slot == "event"
    assert "reuters" in rel.reason and "arabiya" in rel.reason


def test_target_islamic_state_vs_rebels() -> None:
    putin = claim(
        "a",
        "001",
        "BuzzFeed News",
        target="ISIS militants",
        target_norm="Islamic State",
        actor_norm="Russia",
        attributed_to="Putin",
    )
    wi = claim("b", "000", "The Washington Institute", target="rebel areas", actor_norm="Russia")
    rel = judge_pair(putin, wi)
    assert rel is not None and (rel.relation, rel.slot) == ("contradicts", "target")
    assert "Islamic State" in rel.reason and "rebel areas" in rel.reason


def test_target_clash_suppresses_casualty_contradiction() -> None:
    a = claim("a", "d1", killed=48, target="ISIL terrorists")
    b = claim("b", "d2", killed=5, target="Syrian rebels")
    rel = judge_pair(a, b)
    assert rel is not None and rel.slot == "target" and "killed" not in rel.reason


def test_perpetrator_government_vs_rebels() -> None:
    a = claim(
        "a",
        "d1",
        "etilaf",
        actor="regime warplanes",
        actor_norm="Syrian government",
        action_type="chemical_weapon",
    )
    b = claim(
        "b", "d2", "sputnik", actor="rebel groups", actor_norm="Syrian rebels", action_type="chemical_weapon"
    )
    rel = judge_pair(a, b)
    assert rel is not None and (rel.relation, rel.slot) == ("contradicts", "actor")
    assert "Syrian government" in rel.reason and "rebels" in rel.reason


def test_denial_against_assertion() -> None:
    a = claim(
        "a",
        "d1",
        "sana",
        negated=True,
        attributed_to="a Syrian military source",
        sentence="A Syrian military source strongly denied the army had used any such weapons.",
    )
    b = claim("b", "d2", "reuters")
    rel = judge_pair(a, b)
    assert rel is not None and (rel.relation, rel.slot) == ("contradicts", "negation")
    assert rel.reason.startswith("a Syrian military source, in sana")


def test_clashing_dates_and_places() -> None:
    rel = judge_pair(claim("a", "d1", date_norm="2016-07-10"), claim("b", "d2", date_norm="2016-07-12"))
    assert rel is not None and rel.slot == "date" and "2016-07-10" in rel.reason
    here = {"location_norm": "Talbiseh", "lat": 34.84, "lon": 36.73}
    there = {"location_norm": "Palmyra", "lat": 34.56, "lon": 38.27}
    rel = judge_pair(claim("a", "d1", **here), claim("b", "d2", **there))
    assert rel is not None and rel.slot == "location" and "Palmyra" in rel.reason


def test_injured_figures() -> None:
    rel = judge_pair(claim("a", "d1", injured=10), claim("b", "d2", injured=400))
    assert rel is not None and rel.slot == "injured"


def test_same_article_same_voice_is_not_judged_and_never_corroborates_itself() -> None:
    assert judge_pair(claim("a", "d1", killed=3), claim("b", "d1", killed=4)) is None
    assert judge_pair(claim("a", "d1", attributed_to="X"), claim("b", "d1", attributed_to="Y")) is None
    assert judge_pair(claim("a", "d1", killed=3, attributed_to="X"), claim("b", "d1", killed=4)) is not None


def test_first_difference_wins_and_the_rest_are_named() -> None:
    a = claim("a", "d1", actor="Russian jets", actor_norm="Russia", killed=3)
    b = claim("b", "d2", actor="coalition jets", actor_norm="US-led coalition", killed=9)
    rel = judge_pair(a, b)
    assert rel is not None and rel.slot == "actor" and "also differ on killed" in rel.reason


def test_a_denial_is_about_its_target_or_actor() -> None:
    not_isis = claim("a", "d1", "WI", negated=True, target="ISIS", target_norm="Islamic State")
    isis = claim("b", "d2", "BF", target="ISIS militants", target_norm="Islamic State", attributed_to="Putin")
    rebels = claim("c", "d2", "BF", target="Western-backed rebels")
    rel = judge_pair(not_isis, isis)
    assert rel is not None and (rel.relation, rel.slot) == ("contradicts", "negation")
    assert judge_pair(not_isis, rebels) is None  # "not ISIS" agrees with "rebels": no dispute
    no_casualties = claim(
        "z", "d3", "sana", negated=True, target="civilian casualties", attributed_to="Zakharova"
    )
    rel = judge_pair(no_casualties, claim("k", "d4", "BF", killed=33))
    assert rel is not None and rel.slot == "negation"
    russia_denies = claim("r", "d5", "tass", negated=True, actor="Russia", actor_norm="Russia")
    assert (
        judge_pair(
            russia_denies, claim("g", "d6", "trt", actor="regime jets", actor_norm="Syrian government")
        )
        is None
    )


def test_bare_negation_needs_words_of_denial_and_two_denials_of_different_things_are_not_judged() -> None:
    vague = claim(
        "v", "d1", "WI", negated=True, sentence="The source did not specify the points that were struck."
    )
    denial = claim(
        "s", "d2", "reuters", negated=True, sentence="State TV said there was no truth to the reports."
    )
    attack = claim("a", "d3", "trt", killed=58)
    assert judge_pair(vague, attack) is None
    rel = judge_pair(denial, attack)
    assert rel is not None and rel.slot == "negation" and "no truth" in rel.reason
    not_isis = claim("n", "d4", "WI", negated=True, target_norm="Islamic State", target="ISIS")
    no_civilians = claim("z", "d5", "BF", negated=True, target="civilian casualties")
    assert judge_pair(not_isis, no_civilians) is None
    rel = judge_pair(
        denial, claim("s2", "d6", "arabiya", negated=True, sentence="Damascus denied the reports.")
    )
    assert rel is not None and rel.relation == "corroborates"


def test_across_articles_only_headline_tolls_are_compared() -> None:
    from claimx.resolve.features import claim_features
    from claimx.resolve.judge import judge_event

    parts = [claim("a", "d1", "alaraby", killed=21), claim("b", "d1", "alaraby", killed=15)]
    other = [claim("c", "d2", "ahram", killed=21)]
    rels = judge_event([claim_features(n, c) for n, c in enumerate(parts + other)])
    assert {(r.claim_a, r.claim_b, r.relation) for r in rels} == {
        ("a", "c", "corroborates"),
        ("b", "c", "corroborates"),
    }
    rival = [claim("d", "d3", "trt", killed=100)]
    rels = judge_event([claim_features(n, c) for n, c in enumerate(parts + rival)])
    assert {(r.claim_a, r.claim_b, r.slot) for r in rels if r.relation == "contradicts"} == {
        ("a", "d", "killed")
    }
