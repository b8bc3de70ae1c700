"""Knowledge as data, injected: one object from Settings; the stages use the one they are given."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import ClassVar

import pytest

from claimx.errors import UsageError
from claimx.knowledge import Cues, Knowledge
from claimx.normalize.actors import Actor, ActorNormalizer
from claimx.normalize.places import Gazetteer
from claimx.regions import read_pack
from claimx.settings import Settings
from claimx.types import Article, Claim, Place

ROOT = Path(__file__).resolve().parent.parent / "claimx"


class TinyGazetteer:
    """Knows two places of an imaginary country."""

    PLACES: ClassVar[dict[str, Place]] = {
        "Oldtown": Place("Oldtown", "North", "Atlantis", 1.0, 2.0, "city"),
        "North": Place("North", "North", "Atlantis", 1.0, 2.0, "admin1"),
    }

    def lookup(
        self, name: str, *, context_admin1: str | None = None, context_countries: object = None
    ) -> Place | None:
        return self.PLACES.get(name)

    def is_place(self, text: str) -> bool:
        return text in self.PLACES

    def article_countries(self, names: list[str]) -> frozenset[str]:
        return frozenset(p.country for n in names if (p := self.PLACES.get(n)) and p.country)

    def resolver(self, names: list[str]):
        return self.lookup

    def contains(self, outer: Place, inner: Place) -> bool:
        return outer.kind == "admin1" and inner.admin1 == outer.admin1

    def patterns(self) -> list[dict]:
        return [{"label": "GPE", "pattern": name, "id": name} for name in self.PLACES]


def tiny_actors() -> ActorNormalizer:
    police = Actor(name="Oldtown police", kind="state_forces", names=("Oldtown Police Department",))
    return ActorNormalizer([police], force=["officers"], member=[], instrument=[])


def tiny() -> Knowledge:
    return Knowledge(TinyGazetteer(), tiny_actors(), Cues(frozenset({"Atlantis"}), frozenset({"atlantis"})))  # type: ignore[arg-type]


def test_knowledge_answers_from_its_own_tables() -> None:
    k = tiny()
    assert k.is_place("Oldtown") and not k.is_place("Homs")
    assert k.in_region("Oldtown")
    assert k.is_actor("the Oldtown Police Department") and not k.is_actor("Russian jets")
    assert {"label": "GPE", "pattern": "Oldtown", "id": "Oldtown"} in k.ruler_patterns()


def test_rules_take_places_from_the_knowledge_given() -> None:
    from claimx.extract.finders.rules import RuleFrameFinder

    finder = RuleFrameFinder.from_knowledge(tiny())
    assert finder._is_place("Oldtown") and not finder._is_place("Homs")


def test_builder_normalises_with_the_knowledge_given() -> None:
    from claimx.extract.builder import Normalizers

    norm = Normalizers.from_knowledge(tiny())
    assert norm.place("Oldtown") == TinyGazetteer.PLACES["Oldtown"] and norm.place("Homs") is None
    assert norm.actor("Oldtown Police Department") == "Oldtown police"


def _claim(location_norm: str, **kw: object) -> Claim:
    rec = {
        "claim_id": "c", "doc_id": "d", "source": None, "published": None, "sentence": "s",
        "sent_start": 0, "sent_end": 1, "action": "hit", "action_start": 0, "action_end": 3,
        "action_type": "attack", "location": location_norm, "location_norm": location_norm, **kw,
    }  # fmt: skip
    return Claim.from_record(rec)


def test_resolver_reads_places_with_the_knowledge_given() -> None:
    from claimx.resolve.compat import compare_places
    from claimx.resolve.features import claim_features

    k = tiny()
    north, town = claim_features(0, _claim("North"), k), claim_features(1, _claim("Oldtown"), k)
    assert (north.place_level, town.place_level) == ("admin1", "city")
    assert claim_features(0, _claim("Atlantis"), k).place_level == "country"  # from the cues
    assert compare_places(north, town).status == "compatible"  # the tiny gazetteer's containment


def _tiny_pack(root: Path, name: str = "atlantis", countries: str = '["NZ"]') -> Path:
    """A region pack with one actor table, in ``root/name`` (New Zealand stands in for Atlantis)."""
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "pack.toml").write_text(
        f'name = "{name}"\ncountries = {countries}\npriority = 5\n[files]\nactors = "actors.json"\n'
        '[cues]\ncountry_names = ["atlantis"]\n',
        encoding="utf-8",
    )
    table = {
        "force_nouns": ["officers"],
        "actors": [{"name": "Oldtown police", "kind": "state_forces", "names": ["Oldtown Police"]}],
    }
    (folder / "actors.json").write_text(json.dumps(table), encoding="utf-8")
    return folder


def test_a_pack_from_the_data_folder_is_used(tmp_path: Path) -> None:
    """Adding a region is one folder: its actors are used for articles in its countries, or forced."""
    _tiny_pack(tmp_path / "packs")
    auto = Knowledge.from_settings(Settings.from_env({"CLAIMX_DATA": str(tmp_path / "packs")}))
    assert [p.name for p in auto.packs][:2] == ["atlantis", "syria"]
    assert auto.actors_for(frozenset({"New Zealand"})).canonical("Oldtown Police") == "Oldtown police"
    assert auto.actors_for(frozenset({"Syria"})).canonical("Oldtown Police") == "police", "the world's"
    assert "atlantis" in auto.cues.country_names
    env = {"CLAIMX_DATA": str(tmp_path / "packs"), "CLAIMX_REGION": "atlantis"}
    forced = Knowledge.from_settings(Settings.from_env(env))
    assert [p.name for p in forced.packs] == ["atlantis", "world"]
    assert forced.actors_for(frozenset({"Syria"})).canonical("Oldtown Police") == "Oldtown police"
    assert forced.actors.canonical("the regime") is None, "Syria's table is not loaded"
    assert forced.actors.canonical("Russian jets") == "Russia", "the world pack always is"
    assert forced.gazetteer.lookup("Talbiseh") is not None, "every pack's places"
    assert Knowledge.from_settings(Settings.from_env(dict(env))) is forced, "built once per set of packs"
    assert forced.version != auto.version


@pytest.mark.slow
def test_a_pack_from_the_data_folder_extracts(tmp_path: Path) -> None:
    """The tiny pack's actor reaches a claim (rules-only extractor on the real spaCy model)."""
    from claimx.extract.extractor import Extractor

    _tiny_pack(tmp_path / "packs")
    env = {"CLAIMX_DATA": str(tmp_path / "packs"), "CLAIMX_RULES_ONLY": "1", "CLAIMX_REGION": "atlantis"}
    claims = Extractor.load(Settings.from_env(env)).extract(
        Article(doc_id="a", text="The Oldtown Police shot two men in Auckland on Monday.")
    )
    assert [c.actor_norm for c in claims] == ["Oldtown police"]


def test_unknown_region_is_one_clear_line() -> None:
    with pytest.raises(UsageError, match=r"^unknown region 'mars' \(known: auto, syria, .*world\)$"):
        Knowledge.from_settings(Settings.from_env({"CLAIMX_REGION": "mars"}))


def test_data_folder_without_packs_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(
        UsageError, match=r"^no region pack \(pack.toml\) in the data folder .*\(CLAIMX_DATA\)$"
    ):
        Knowledge.from_settings(Settings.from_env({"CLAIMX_DATA": str(tmp_path)}))


def test_bad_pack_file_is_one_clear_line(tmp_path: Path) -> None:
    folder = _tiny_pack(tmp_path)
    (folder / "pack.toml").write_text(
        'name = "atlantis"\n[files]\nactors = "missing.json"\n', encoding="utf-8"
    )
    with pytest.raises(UsageError, match=r"^region pack .*pack.toml: no file missing.json$"):
        read_pack(folder)


def test_each_article_gets_the_packs_of_its_countries() -> None:
    k = Knowledge.from_settings(Settings.from_env({}))
    assert k.actors_for(frozenset({"Sudan"})).canonical("RSF fighters") == "Rapid Support Forces"
    assert k.actors_for(frozenset({"Syria"})).canonical("RSF fighters") is None
    assert k.actors_for(frozenset({"Yemen"})).canonical("the army") == "Yemeni government"
    assert k.actors_for(frozenset({"Syria"})).canonical("the army") == "Syrian government"
    assert k.actors_for(frozenset({"France"})).canonical("rebels") is None, (
        "no pack covers France: world only"
    )
    assert k.actors_for(frozenset({"France"})).canonical("ISIS") == "Islamic State"
    assert k.actors_for(frozenset()).canonical("rebels") == "Syrian rebels", "no country: every pack"
    assert k.actors_for(frozenset({"Ukraine"})).canonical("Russian occupiers") == "Russia"
    assert {"rsf", "army"} <= k.actor_words_for(frozenset({"Sudan"})), "the pack's words and the world's"
    assert "regime" not in k.actor_words_for(frozenset({"Sudan"}))
    assert "regime" in k.actor_words_for(frozenset({"Syria"})) and "rsf" not in k.actor_words_for(
        frozenset({"Syria"})
    )


def test_sides_come_from_the_packs() -> None:
    from claimx.resolve.sides import actor_side, side_label

    k = Knowledge.from_settings(Settings.from_env({}))
    assert actor_side("Rapid Support Forces", "RSF", k.actors, k.sides_for("Sudan")) == "rsf"
    assert actor_side("Houthis", None, k.actors, k.sides_for("Yemen")) == "houthi"
    assert actor_side("Russia", None, k.actors, k.sides_for("Ukraine")) == "russia"
    assert actor_side("Russia", None, k.actors, k.sides_for("Syria")) == "pro_government"
    assert actor_side(None, "gunmen", k.actors, k.sides_for("Sudan")) == "armed_unspecified", "world's words"
    assert side_label("rsf", k.sides) == "the RSF side"


def test_no_knowledge_singletons() -> None:
    """No module keeps or reaches for a default gazetteer or actor table (``X.default()``)."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "default"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in {"Gazetteer", "ActorNormalizer", "Normalizers"}
            ):
                offenders.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    assert offenders == []
    assert not hasattr(Gazetteer, "default") and not hasattr(ActorNormalizer, "default")


def test_extractor_version_names_the_knowledge() -> None:
    from claimx.extract.builder import ClaimBuilder, Normalizers
    from claimx.extract.extractor import Extractor

    class Finder:
        name, version = "rules", "rules-1"

    builder = ClaimBuilder(Normalizers.from_knowledge(tiny()))
    plain = Extractor(nlp=None, finder=Finder(), builder=builder)  # type: ignore[arg-type]
    tagged = Extractor(nlp=None, finder=Finder(), builder=builder, knowledge_version="abc123")  # type: ignore[arg-type]
    assert tagged.model_version == plain.model_version + "/abc123"


def test_a_packs_not_places_are_never_looked_up_as_places(tmp_path: Path) -> None:
    """The ``not_places`` cue is data: a pack adds words the gazetteer must not read as places."""
    plain = Knowledge.from_settings(Settings.from_env({}))
    assert plain.gazetteer.lookup("Talbiseh") is not None
    assert plain.gazetteer.lookup("Assad") is None, "the Syria pack's cue"
    folder = _tiny_pack(tmp_path / "packs")
    toml = (folder / "pack.toml").read_text(encoding="utf-8")
    (folder / "pack.toml").write_text(toml + 'not_places = ["talbiseh"]\n', encoding="utf-8")
    k = Knowledge.from_settings(Settings.from_env({"CLAIMX_DATA": str(tmp_path / "packs")}))
    assert k.gazetteer.lookup("Talbiseh") is None
    assert k.version != plain.version, "batch redoes articles when the cue changes"
