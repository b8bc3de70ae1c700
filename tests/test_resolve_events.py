"""Event records: casualty range (low / best / high), place, date, type, contested; source view."""

from __future__ import annotations

from typing import Any

from claimx.resolve.events import VoiceToll, build_event, casualty_range, event_id
from claimx.resolve.features import claim_features
from claimx.resolve.sources import format_source_table, source_table
from claimx.types import Claim, Relation


def claim(cid: str, doc: str, source: str | None, **kw: Any) -> Claim:
    rec = {
        "claim_id": cid,
        "doc_id": doc,
        "source": source,
        "sentence": "s",
        "action": "hit",
        "action_type": "air_strike",
        "country": "Syria",
    }
    rec.update(kw)
    return Claim.from_record(rec)


def tolls(*pairs: tuple[int, str]) -> list[VoiceToll]:
    return [VoiceToll(v, outlet) for v, outlet in pairs]


def test_best_is_the_figure_most_outlets_state_ties_to_the_lowest() -> None:
    assert casualty_range(tolls((58, "a"), (58, "b"), (72, "c"), (100, "d"), (100, "d"))) == (58, 58, 100)
    assert casualty_range(tolls((100, "a"), (100, "b"), (58, "c"))) == (58, 100, 100)
    two_voices = [VoiceToll(33, "x", "Civil Defense"), VoiceToll(32, "x", "Osama Abu Zaid")]
    assert casualty_range(two_voices) == (32, 32, 33)
    assert casualty_range([]) == (None, None, None)


def test_best_counts_each_voices_latest_toll_and_the_range_every_toll() -> None:
    early = VoiceToll(14, "SOHR", None, "2016-07-27")
    late = VoiceToll(57, "SOHR", None, "2016-07-28")
    other = VoiceToll(48, "TRT", None, "2016-07-27")
    assert casualty_range([early, late]) == (14, 57, 57)
    assert casualty_range([early, late, other]) == (14, 48, 57)  # 57 and 48, one outlet each: the lowest


def test_multi_day_earlier_and_wounded_counts_and_other_months_are_not_the_events_toll() -> None:
    def c(cid: str, k: int, sentence: str) -> Claim:
        return claim(cid, f"d{cid}", f"o{cid}", killed=k, sentence=sentence, date_norm="2016-06-06")

    claims = [
        c("a", 28, "Air strikes killed 28 people in Manbij."),
        c("b", 190, "More than 190 were killed in 10 days of fighting and shelling."),
        c(
            "c",
            6,
            "Shells kill 6 people, including 2 children, in Aleppo the day before, updating a previous toll.",
        ),
        c("d", 40, "In May 2016 a bombing there killed 40."),
        c("e", 60, "Aerial bombardment kills and wounds 60 people in Manbij."),
    ]
    event = build_event([claim_features(n, x) for n, x in enumerate(claims)])
    assert (event.killed_low, event.killed_best, event.killed_high) == (28, 28, 28)


def test_event_fields_prefer_specific_values_and_ignore_denied_figures() -> None:
    claims = [
        claim("a", "d1", "sana", action_type="attack", location_norm="Syria", killed=0, negated=True),
        claim("b", "d2", "reuters", location_norm="Homs", admin1="Homs", date_norm="2015-09", killed=32),
        claim(
            "c",
            "d3",
            None,
            location_norm="Talbiseh",
            admin1="Homs",
            lat=34.84,
            lon=36.73,
            date_norm="2015-09-30",
            killed=33,
            actor_norm="Russia",
        ),
    ]
    rels = [Relation("a", "b", "contradicts", "negation", "r")]
    event = build_event([claim_features(n, c) for n, c in enumerate(claims)], rels)
    assert (event.killed_low, event.killed_best, event.killed_high) == (32, 32, 33)
    assert (event.location_norm, event.admin1, event.lat) == ("Talbiseh", "Homs", 34.84)
    assert event.date_norm == "2015-09-30" and event.action_type == "air_strike"
    assert event.sources == ("sana", "reuters") and event.doc_ids == ("d1", "d2", "d3")
    assert event.actors == ("Russia",) and event.contested
    assert event.event_id == event_id(["c", "b", "a"])


def test_source_view_counts_only_other_outlets() -> None:
    claims = [
        claim("a", "d1", "sana"),
        claim("b", "d2", "reuters"),
        claim("c", "d3", "reuters"),
        claim("d", "d4", "sana"),
    ]
    rels = [
        Relation("a", "b", "contradicts", "killed", "r"),
        Relation("b", "c", "corroborates", "event", "same outlet: ignored"),
        Relation("c", "d", "corroborates", "event", "r"),
    ]
    rows = {r.source: r for r in source_table(claims, rels)}
    assert (rows["sana"].contradicted, rows["sana"].corroborated, rows["sana"].shared_claims) == (1, 1, 2)
    assert rows["reuters"].contradicted_share == 0.5
    assert "reuters" in format_source_table(list(rows.values()))
