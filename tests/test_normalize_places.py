"""Gazetteer: variants, negatives, governorate vs city, containment, distance, patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimx.knowledge import Knowledge
from claimx.normalize.keys import plain_key, skeleton_key, sound_key
from claimx.normalize.placedata import SYRIA_ADMIN1, load_entries, packaged
from claimx.normalize.places import Gazetteer
from claimx.types import Place


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Knowledge.from_settings().gazetteer


def test_keys_fold_transliterations() -> None:
    assert plain_key("Deir ez-Zor") == plain_key("Deir al-Zor") == "deir zor"
    assert sound_key("Talbiseh") == sound_key("Tallbīsah") == sound_key("Talbisa")
    assert skeleton_key("Khan Shaykhun") == skeleton_key("Khan Sheikhoun")
    assert sound_key("Homs") != sound_key("Hama")


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("Talbiseh", "Talbiseh"),
        ("Talbisah", "Talbiseh"),
        ("Talbisa", "Talbiseh"),
        ("Tallbisah", "Talbiseh"),
        ("Tallbīsah", "Talbiseh"),
        ("Deir ez-Zor", "Deir ez-Zor"),
        ("Deir Ezzor", "Deir ez-Zor"),
        ("Deir al-Zor", "Deir ez-Zor"),
        ("Deir al-Zour", "Deir ez-Zor"),
        ("Mehardeh", "Mehardeh"),
        ("Maharda", "Mehardeh"),
        ("Jableh", "Jableh"),
        ("Jablah", "Jableh"),
        ("Palmyra", "Palmyra"),
        ("Tadmur", "Palmyra"),
        ("Kobani", "Kobani"),
        ("Ayn al-Arab", "Kobani"),
        ("Khan Shaykhun", "Khan Sheikhoun"),
        ("Hmeimim", "Hmeimim Air Base"),
        ("T4", "Tiyas Air Base"),
        ("Tiyas airfield", "Tiyas Air Base"),
        ("Shayrat airbase", "Shayrat Air Base"),
        ("Waar", "Waer"),
        ("Lattakia", "Latakia"),
        ("Al-Ladhiqiyah", "Latakia"),
        ("Hamah", "Hama"),
        ("Hasakeh", "Hasakah"),
        ("Ar-Raqqah", "Raqqa"),
        ("Idleb", "Idlib"),
        ("Deraa", "Daraa"),
        ("Dar'a", "Daraa"),
        ("Tartous", "Tartus"),
        ("Sweida", "Suwayda"),
        ("Kafranbel", "Kafr Nabl"),
        ("Jisr al-Shughur", "Jisr al-Shughour"),
        ("Maaret al-Numan", "Maarat al-Numan"),
        ("Abu Kamal", "Bukamal"),
        ("Tell Abyad", "Tal Abyad"),
    ],
)
def test_variants_resolve_to_one_place(gaz: Gazetteer, surface: str, name: str) -> None:
    place = gaz.lookup(surface)
    assert place is not None, surface
    assert place.name == name


@pytest.mark.parametrize(
    ("name", "admin1"),
    [
        ("Zaafaraneh", "Homs"), ("Jabal al-Akrad", "Latakia"), ("Salma", "Latakia"), ("Waer", "Homs"),
        ("Khanasser", "Aleppo"), ("Eastern Ghouta", "Rif Dimashq"), ("Douma", "Rif Dimashq"),
        ("Daraya", "Rif Dimashq"), ("Khan Sheikhoun", "Idlib"), ("al-Karnak camp", "Tartus"),
        ("al-Shaar", "Aleppo"), ("Bustan al-Qasr", "Aleppo"), ("Sukkari", "Aleppo"),
        ("Madaya", "Rif Dimashq"), ("Zabadani", "Rif Dimashq"), ("Rastan", "Homs"), ("Al-Bab", "Aleppo"),
        ("Afrin", "Aleppo"), ("Manbij", "Aleppo"), ("Tabqa", "Raqqa"), ("Azaz", "Aleppo"),
        ("Saraqeb", "Idlib"), ("Ariha", "Idlib"), ("Jobar", "Damascus"), ("Harasta", "Rif Dimashq"),
        ("Yarmouk", "Damascus"), ("Qusayr", "Homs"), ("Deir Hafer", "Aleppo"), ("Bukamal", "Deir ez-Zor"),
        ("Mayadin", "Deir ez-Zor"), ("Hajin", "Deir ez-Zor"), ("Qamishli", "Hasakah"),
        ("Tal Abyad", "Raqqa"), ("Talbiseh", "Homs"),
    ],
)  # fmt: skip
def test_news_places_have_governorate_and_point(gaz: Gazetteer, name: str, admin1: str) -> None:
    place = gaz.lookup(name)
    assert place is not None, name
    assert (place.admin1, place.country) == (admin1, "Syria")
    assert isinstance(place.lat, float)
    assert isinstance(place.lon, float)


@pytest.mark.parametrize(
    "text",
    ["Assad", "Putin", "the", "Obama", "Lavrov", "Nusra", "Islamic State", "rebels", "the ceasefire", "us",
     "But", "Some", "Media", "Such", "Homes", "War", "Water", "Than", "Share", "Grenade", "Seen", "Monday",
     "hospital", "Syrian", ""],
)  # fmt: skip
def test_words_and_person_names_are_not_places(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) is None


def test_countries_resolve_to_countries(gaz: Gazetteer) -> None:
    russia = gaz.lookup("Russia")
    assert russia is not None
    assert (russia.kind, russia.country) == ("country", "Russia")
    assert gaz.lookup("US").name == gaz.lookup("U.S.").name == "United States"
    assert gaz.lookup("Turkey").kind == "country"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Hama", "Hama", "city"),
        ("Homs province", "Homs Governorate", "admin1"),
        ("Aleppo city", "Aleppo", "city"),
        ("Idlib province", "Idlib Governorate", "admin1"),
        ("the city of Homs", "Homs", "city"),
        ("Homs countryside", "Homs Governorate", "admin1"),
        ("northern Aleppo", "Aleppo Governorate", "admin1"),
        ("southern Syria", "Syria", "country"),
        ("the outskirts of Homs", "Homs", "city"),
        ("Damascus countryside", "Rif Dimashq Governorate", "admin1"),
        ("Rural Damascus", "Rif Dimashq Governorate", "admin1"),
        ("Damascus", "Damascus", "city"),
        ("the rebel-held town of Talbiseh", "Talbiseh", "city"),
        ("Talbiseh, Homs", "Talbiseh", "city"),
        ("a village near Hama", "Hama", "city"),
        ("Aleppo's countryside", "Aleppo Governorate", "admin1"),
        ("Syria's Idlib province", "Idlib Governorate", "admin1"),
        ("Hama and Homs", "Hama", "city"),
    ],
)
def test_governorate_or_city_by_wording(gaz: Gazetteer, text: str, name: str, kind: str) -> None:
    place = gaz.lookup(text)
    assert place is not None, text
    assert (place.name, place.kind) == (name, kind)


def test_context_admin1_picks_the_same_named_place(gaz: Gazetteer) -> None:
    assert gaz.lookup("Suran", context_admin1="Aleppo").admin1 == "Aleppo"
    assert gaz.lookup("Suran", context_admin1="Hama").admin1 == "Hama"
    assert gaz.lookup("Suran", context_admin1="Hama province").admin1 == "Hama"


def test_syria_first(gaz: Gazetteer) -> None:
    assert gaz.lookup("Izra").country == "Syria"  # also a town in Jordan
    assert gaz.lookup("Tripoli").country == "Lebanon"  # a neighbour before Libya


def test_containment(gaz: Gazetteer) -> None:
    syria, homs_gov = gaz.lookup("Syria"), gaz.lookup("Homs province")
    talbiseh, homs = gaz.lookup("Talbiseh"), gaz.lookup("Homs")
    assert gaz.contains(syria, homs_gov)
    assert gaz.contains(homs_gov, talbiseh)
    assert gaz.contains(syria, talbiseh)
    assert not gaz.contains(homs, talbiseh)
    assert not gaz.contains(talbiseh, homs_gov)
    assert not gaz.contains(gaz.lookup("Aleppo province"), talbiseh)
    assert not gaz.contains(gaz.lookup("Turkey"), talbiseh)
    assert gaz.contains(gaz.lookup("Aleppo"), gaz.lookup("al-Shaar"))
    assert gaz.contains(gaz.lookup("Eastern Ghouta"), gaz.lookup("Douma"))
    assert gaz.contains(gaz.lookup("Rif Dimashq"), gaz.lookup("Douma"))
    assert gaz.contains(talbiseh, talbiseh)


def test_distance(gaz: Gazetteer) -> None:
    near = gaz.distance_km(gaz.lookup("Homs"), gaz.lookup("Talbiseh"))
    far = gaz.distance_km(gaz.lookup("Damascus"), gaz.lookup("Aleppo"))
    assert near is not None
    assert 10 < near < 16
    assert far is not None
    assert 280 < far < 340
    nowhere = Place("Nowhere", None, None, None, None)
    assert gaz.distance_km(nowhere, gaz.lookup("Homs")) is None


def test_patterns_cover_variants_with_canonical_ids(gaz: Gazetteer) -> None:
    pats = gaz.patterns()
    by_surface = {(_surface(p), p["label"]): p["id"] for p in pats}
    assert by_surface[("Talbisah", "GPE")] == "Talbiseh"
    assert by_surface[("Jabal al-Akrad", "LOC")] == "Jabal al-Akrad"
    assert by_surface[("Eastern Ghouta", "LOC")] == "Eastern Ghouta"
    assert by_surface[("Homs province", "GPE")] == "Homs Governorate"
    assert by_surface[("Homs", "GPE")] == "Homs"
    assert by_surface[("Al-Bab", "GPE")] == "al-Bab"
    assert {p["label"] for p in pats} == {"GPE", "LOC"}
    assert by_surface[("US", "GPE")] == "United States"
    assert {"ORTH": "US"} in next(p["pattern"] for p in pats if _surface(p) == "US")  # case-sensitive
    assert not {"Assad", "Putin", "the", "Of", "Can"} & {_surface(p) for p in pats}
    for p in pats:  # every pattern reads back as the place it names
        assert gaz.lookup(_surface(p)).name == p["id"], p


def _surface(pattern: dict) -> str:
    if isinstance(pattern["pattern"], str):
        return pattern["pattern"]
    return " ".join(t.get("ORTH") or t["LOWER"] for t in pattern["pattern"])


def test_extra_table_format(tmp_path: Path) -> None:
    extra = tmp_path / "extra.tsv"
    header = "name\tkind\tadmin1\tcountry\tlat\tlon\tgeonameid\tparent\tprecision\tvariants\talternates\n"
    row = "Qaryat Test\tcity\tHoms\tSY\t34.5\t36.5\t\tHoms\tapprox\tQaryet Testeh|Test village\t\n"
    extra.write_text("# comment\n" + header + row, encoding="utf-8")
    gaz = Gazetteer(load_entries(packaged(SYRIA_ADMIN1), [extra]))
    place = gaz.lookup("Qaryet Testeh")
    assert place is not None
    assert (place.name, place.admin1, place.lat) == ("Qaryat Test", "Homs", 34.5)
    assert gaz.parent(place) == gaz.lookup("Homs")
    extra.write_text(header + row.replace("\tHoms\tSY", "\tNowhere\tSY"), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown governorate"):
        load_entries(packaged(SYRIA_ADMIN1), [extra])


def test_terrain_words_and_article_prefixed_variants() -> None:
    from claimx.knowledge import Knowledge

    gaz = Knowledge.from_settings().gazetteer
    assert gaz.lookup("Latakia Mountains").admin1 == "Latakia"
    assert gaz.lookup("Palmyra desert").admin1 == "Homs"
    assert gaz.lookup("Hama countrysides").name == "Hama Governorate"
    assert gaz.lookup("al-Qameshly").name == gaz.lookup("Qameshly").name == "Qamishli"


@pytest.mark.parametrize(
    ("name", "canonical"), [("Menbej", "Manbij"), ("Sokhna", "Sukhnah"), ("al-Bokamal", "Bukamal")]
)
def test_monitor_spellings(name: str, canonical: str) -> None:
    from claimx.knowledge import Knowledge

    assert Knowledge.from_settings().gazetteer.lookup(name).name == canonical
