"""Actor normalisation: alias groups, adjective + military noun, negatives, kinds, patterns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimx.knowledge import Knowledge
from claimx.normalize.actors import KINDS, ActorNormalizer


@pytest.fixture(scope="module")
def actors() -> ActorNormalizer:
    return Knowledge.from_settings().actors


ALIAS_GROUPS: dict[str, list[str]] = {
    "Russia": [
        "Russia", "Moscow", "the Kremlin", "Russian jets", "Russian warplanes", "Russian planes",
        "Russian aircraft", "Russian bombers", "the Russian air force", "Russian military", "Russian forces",
        "Russian troops", "Russian Defense Ministry", "Putin", "Russia's",
    ],
    "Islamic State": [
        "ISIS", "IS", "ISIL", "Daesh", "the Islamic State of Iraq and Al-Sham", '"Islamic State" group',
        "Islamic State", "the Islamic State", "Isis", "IS militants", "ISIS fighters",
        "members of the Islamic State",
    ],
    "Jabhat al-Nusra": [
        "al-Nusra Front", "Nusra", "JN", "Jabhat Fateh al-Sham", "al Nusra", "Jabhat al-Nusra",
    ],
    "Free Syrian Army": ["Free Syrian Army", "FSA", "Southern Front", "FSA rebels"],
    "Syrian government": [
        "the Assad regime", "the regime", "the Syrian army", "regime forces", "government forces",
        "Syrian Arab Army", "SAA", "Assad's helicopters", "Syrian warplanes", "Syrian jets",
        "Syrian helicopters", "pro-government forces", "Tiger Forces", "Damascus", "Assad",
        "Syrian government warplanes", "regime helicopters", "Syrian army helicopters",
        "a Syrian security source",
    ],
    "United States": ["U.S.", "US", "Washington", "American jets", "the Pentagon", "US warplanes"],
    "US-led coalition": [
        "the coalition", "the international coalition", "U.S.-led coalition", "coalition jets",
    ],
    "Turkey": ["Turkey", "Turkish army", "Turkish jets", "Turkish artillery", "Ankara", "Erdogan"],
    "Iran": ["Iran", "Tehran", "Iranian forces"],
    "Hezbollah": ["Hezbollah", "Hizbollah", "Hezbollah fighters"],
    "Israel": ["Israel", "Israeli jets", "the IDF"],
    "Ahrar al-Sham": ["Ahrar al-Sham", "Ahrar ash-Sham"],
    "Jaish al-Fatah": ["Jaish al-Fatah", "Army of Conquest", "the Army of Conquest"],
    "Jaish al-Islam": ["Jaish al-Islam", "Army of Islam"],
    "Tajamu al-Izza": ["Tajamu al-Izza", "Jaish al-Izza"],
    "Kurdish forces (YPG/SDF)": [
        "YPG", "SDF", "Kurdish forces", "Syrian Democratic Forces", "Kurdish fighters",
    ],
    "Syrian rebels": ["rebels", "opposition fighters", "armed groups", "militants", "US-backed rebels"],
    "armed opposition (per Syrian state media)": ["terrorists", "armed terrorist groups"],
    "civilians": [
        "civilians", "residents", "children", "people", "families", "women", "at least 33 civilians",
        "a family", "the Syrian people",
    ],
    "Syrian Civil Defense": ["Syrian Civil Defense", "White Helmets", "the White Helmets", "Civil Defence"],
    "Syrian Observatory for Human Rights": [
        "Syrian Observatory for Human Rights", "SOHR", "the Observatory",
    ],
    "SANA": ["SANA", "the Syrian Arab News Agency"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("canonical", "text"), [(name, text) for name, texts in ALIAS_GROUPS.items() for text in texts]
)
def test_alias_groups(actors: ActorNormalizer, canonical: str, text: str) -> None:
    assert actors.canonical(text) == canonical


@pytest.mark.parametrize(
    "text",
    ["the ceasefire", "hospital", "Aleppo", "the town", "is", "us", "un", "Syrian fighters", "the strikes",
     "air strikes", "the war", "Syrian", "", "Alawites"],
)  # fmt: skip
def test_not_actors(actors: ActorNormalizer, text: str) -> None:
    assert actors.canonical(text) is None


def test_kinds_tell_groups_apart(actors: ActorNormalizer) -> None:
    assert actors.kind("Islamic State") == "jihadist"
    assert actors.kind("Syrian rebels") == "rebel"
    assert actors.kind("civilians") == "civilians"
    assert actors.kind("Russia") == "state"
    assert actors.kind("US-led coalition") == "state_forces"
    assert actors.kind("Kurdish forces (YPG/SDF)") == "kurdish"
    assert actors.kind("Hezbollah") == "militia"
    assert actors.kind("Syrian Civil Defense") == "humanitarian"
    assert actors.kind("SANA") == "media"
    assert actors.kind("United Nations") == "international"
    assert actors.kind("no such actor") is None
    assert {a.kind for a in actors.actors} <= set(KINDS)


def test_first_of_coordinated_actors(actors: ActorNormalizer) -> None:
    assert actors.canonical("Syrian and Russian jets") == "Syrian government"
    assert actors.canonical("Russian-backed government forces") == "Syrian government"


def test_patterns(actors: ActorNormalizer) -> None:
    pats = actors.patterns()
    got = {(p["label"], _surface(p)): p["id"] for p in pats}
    assert got[("NORP", "Russian jets")] == "Russia"
    assert got[("NORP", "Turkish artillery")] == "Turkey"
    assert got[("ORG", "ISIS")] == "Islamic State"
    assert got[("ORG", "Syrian Arab Army")] == "Syrian government"
    assert got[("ORG", "regime helicopters")] == "Syrian government"
    assert got[("GPE", "Russia")] == "Russia"
    assert got[("ORG", "IS")] == "Islamic State"
    assert [{"ORTH": "IS"}, {"LOWER": "fighters"}] in [p["pattern"] for p in pats]  # never "is fighters"
    surfaces = {_surface(p) for p in pats}
    assert not {"Moscow", "Damascus", "Putin", "civilians", "rebels"} & surfaces
    for p in pats:  # every pattern normalises to its own id
        assert actors.canonical(_surface(p)) == p["id"], p


def _surface(pattern: dict) -> str:
    if isinstance(pattern["pattern"], str):
        return pattern["pattern"]
    return " ".join(t.get("ORTH") or t["LOWER"] for t in pattern["pattern"])


def test_user_table(tmp_path: Path) -> None:
    table = {
        "force_nouns": ["jets"],
        "member_nouns": ["fighters"],
        "actors": [
            {
                "name": "Ruritania",
                "kind": "state",
                "names": ["Ruritanian Army"],
                "adjectives": ["Ruritanian"],
            },
            {"name": "Red Brigade", "kind": "militia", "names": ["Red Brigade", "RB"]},
        ],
    }
    path = tmp_path / "actors.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    norm = ActorNormalizer.from_file(path)
    assert norm.canonical("Ruritanian jets") == "Ruritania"
    assert norm.canonical("RB fighters") == "Red Brigade"
    assert norm.canonical("rb") is None
    assert norm.canonical("Russian jets") is None
    table["actors"][0]["kind"] = "empire"
    path.write_text(json.dumps(table), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        ActorNormalizer.from_file(path)
