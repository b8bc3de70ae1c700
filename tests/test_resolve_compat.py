"""Slot compatibility: action types, dates within precision, places with containment and distance."""

from __future__ import annotations

from typing import Any

import pytest

from claimx.knowledge import Knowledge
from claimx.resolve.compat import (
    compare_actors,
    compare_dates,
    compare_figures,
    compare_places,
    compare_targets,
    compare_types,
    figures_agree,
)
from claimx.resolve.features import claim_features, date_span, place_key
from claimx.resolve.sides import actor_side, groups_clash, target_group
from claimx.types import Claim


def feat(**kw: Any):
    rec = {
        "claim_id": "c",
        "doc_id": "d",
        "sentence": kw.pop("sentence", "Jets struck."),
        "action": "struck",
        "action_type": "air_strike",
        "country": "Syria",
    }
    rec.update(kw)
    return claim_features(0, Claim.from_record(rec))


TALBISEH = {"location_norm": "Talbiseh", "admin1": "Homs", "lat": 34.84, "lon": 36.73}
HOMS_PROVINCE = {"location_norm": "Homs", "admin1": "Homs", "lat": 34.73, "lon": 36.71}
PALMYRA = {"location_norm": "Palmyra", "admin1": "Homs", "lat": 34.56, "lon": 38.27}
RASTAN = {"location_norm": "Rastan", "admin1": "Homs", "lat": 34.93, "lon": 36.73}
IDLIB_TOWN = {"location_norm": "Khan Sheikhoun", "admin1": "Idlib", "lat": 35.44, "lon": 36.65}


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [
        ("air_strike", "air_strike", "match"),
        ("air_strike", "attack", "compatible"),
        ("chemical_weapon", "air_strike", "compatible"),
        ("air_strike", "suicide_bomb", "incompatible"),
        ("arrest", "shelling", "incompatible"),
    ],
)
def test_action_types(a: str, b: str, status: str) -> None:
    assert compare_types(a, b).status == status


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [
        ("2015-09-30", "2015-09-30", "match"),
        ("2015-09-30", "2015-10-01", "compatible"),  # one day: still agree
        ("2015-09-30", "2015-10-02", "clash"),  # explicit days apart: a disputed date
        ("2015-09-30", "2015-10-20", "incompatible"),
        ("2015-09", "2015-09-17", "compatible"),  # a day inside the month
        ("2015-08", "2015-09-17", "incompatible"),
        ("2015", "2015-09-17", "compatible"),
    ],
)
def test_dates_within_precision(a: str, b: str, status: str) -> None:
    assert compare_dates(date_span(a, None), date_span(b, None)).status == status


def test_undated_claim_uses_publication_window_and_unknown_is_compatible() -> None:
    reported = date_span(None, "2017-04-05")
    assert reported is not None and reported.precision == "reported"
    assert compare_dates(reported, date_span("2017-04-04", None)).possible
    assert not compare_dates(reported, date_span("2017-03-20", None)).possible
    assert compare_dates(None, date_span("2017-04-04", None)).status == "unknown"


def test_place_containment_town_in_province_and_country() -> None:
    town = feat(**TALBISEH)
    assert compare_places(town, feat(**HOMS_PROVINCE)).status == "compatible"
    syria = feat(location_norm="Syria", admin1=None, country="Syria")
    assert syria.place_level == "country"
    assert compare_places(syria, town).status == "compatible"


def test_place_distance_near_far_and_other_province() -> None:
    assert compare_places(feat(**TALBISEH), feat(**RASTAN)).status == "compatible"  # ~10 km
    assert compare_places(feat(**TALBISEH), feat(**PALMYRA)).status == "clash"  # same province, 140 km
    assert compare_places(feat(**TALBISEH), feat(**IDLIB_TOWN)).status == "incompatible"
    assert compare_places(feat(**TALBISEH), feat()).status == "unknown"


def test_place_spelling_variants_and_named_in_sentence() -> None:
    a = feat(location_norm="Khan Shaykhun", admin1="Idlib")
    b = feat(location_norm="Khan Sheikhoun", admin1="Idlib")
    assert compare_places(a, b).status == "match"
    multi = feat(location_norm="Hama", admin1="Hama", sentence="Strikes hit Homs, Latakia and Hama.")
    assert compare_places(multi, feat(**HOMS_PROVINCE)).possible
    assert place_key("Idlib Governorate") == place_key("idlib")


def test_sides_and_target_groups() -> None:
    k = Knowledge.from_settings()
    actors, sides = k.actors, k.sides_for("Syria")
    assert actor_side("Russia", None, actors, sides) == "pro_government"
    assert actor_side(None, "Syrian regime jets", actors, sides) == "pro_government"
    assert target_group("Islamic State", None, actors, sides) == "islamic_state"
    assert target_group(None, "Western-backed rebels", actors, sides) == "opposition"
    assert target_group(None, "rebel-held Talbiseh", actors, sides) is None
    assert target_group(None, "Syria-Turkey border", actors, sides) is None, "a place, not the Turkish side"
    assert target_group(None, "Turkish troops", actors, sides) == "turkey"
    state_media = "armed opposition (per Syrian state media)"
    assert actor_side(state_media, "terrorists", actors, sides) == "armed_unspecified"
    assert actor_side("Syrian Civil Defense", "the White Helmets", actors, sides) is None  # rescuers: no side
    assert groups_clash("islamic_state", "opposition")
    assert groups_clash("civilians", "opposition")
    assert not groups_clash("armed_unspecified", "islamic_state")
    assert not groups_clash(None, "civilians")


def test_actor_and_target_comparisons() -> None:
    gov = feat(actor_norm="Syrian government", actor="government jets")
    russia = feat(actor_norm="Russia", actor="Russian jets")
    rebels = feat(actor_norm="rebels", actor="rebel fighters")
    assert compare_actors(gov, russia).status == "compatible"
    assert compare_actors(gov, rebels).status == "clash"
    isis = feat(target_norm="Islamic State", target="ISIS militants")
    fsa = feat(target="Western-backed rebels")
    assert compare_targets(isis, fsa).status == "clash"
    assert compare_targets(isis, feat(target="terrorist positions")).status == "compatible"


def test_figures_tolerance() -> None:
    assert not figures_agree(33, 32)
    assert not figures_agree(58, 100)
    assert figures_agree(1400, 1429)
    assert compare_figures(58, 58).status == "match"
    assert compare_figures(33, 32).status == "clash"
    assert compare_figures(None, 5).status == "unknown"
