"""Knowledge as data, injected: one object from Settings; the stages use the one they are given."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path
from typing import ClassVar

import pytest

from claimx.errors import UsageError
from claimx.knowledge import ACTORS_FILE, ADMIN1_FILE, PLACES_FILE, Cues, Knowledge
from claimx.normalize.actors import Actor, ActorNormalizer
from claimx.normalize.places import Gazetteer
from claimx.settings import Settings, package_data
from claimx.types import Claim, Place

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


def _tiny_pack(folder: Path) -> Path:
    folder.mkdir()
    for name in (ADMIN1_FILE, PLACES_FILE):
        shutil.copy(package_data(name), folder / name)
    table = {
        "force_nouns": ["officers"],
        "member_nouns": [],
        "actors": [{"name": "Oldtown police", "kind": "state_forces", "names": ["Oldtown Police"]}],
    }
    (folder / ACTORS_FILE).write_text(json.dumps(table), encoding="utf-8")
    return folder


def test_settings_choose_the_data_folder(tmp_path: Path) -> None:
    pack = _tiny_pack(tmp_path / "pack")
    settings = Settings.from_env({"CLAIMX_DATA": str(pack)})
    k = Knowledge.from_settings(settings)
    assert k.actors.canonical("Oldtown Police") == "Oldtown police"
    assert k.actors.canonical("Russian jets") is None, "the packaged table is not mixed in"
    assert Knowledge.from_settings(settings) is k, "built once per set of files"
    assert Knowledge.from_settings(Settings.from_env({})) is not k


def test_missing_data_file_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^no actors.json in the data folder .*\(CLAIMX_DATA\)$"):
        Knowledge.from_settings(Settings.from_env({"CLAIMX_DATA": str(tmp_path)}))


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


def test_knowledge_version_follows_its_files(tmp_path: Path) -> None:
    pack = _tiny_pack(tmp_path / "pack")
    paths = (pack / ACTORS_FILE, None, pack / ADMIN1_FILE, pack / PLACES_FILE)
    v1 = Knowledge.from_files(*paths).version
    assert len(v1) == 12 and Knowledge.from_files(*paths).version == v1
    (pack / ACTORS_FILE).write_text((pack / ACTORS_FILE).read_text().replace("Oldtown", "Newtown"))
    assert Knowledge.from_files(*paths).version != v1
    assert Knowledge.from_files(*paths, cues=Cues(frozenset({"Atlantis"}))).version not in {v1, ""}


def test_extractor_version_names_the_knowledge() -> None:
    from claimx.extract.builder import ClaimBuilder, Normalizers
    from claimx.extract.extractor import Extractor

    class Finder:
        name, version = "rules", "rules-1"

    builder = ClaimBuilder(Normalizers.from_knowledge(tiny()))
    plain = Extractor(nlp=None, finder=Finder(), builder=builder)  # type: ignore[arg-type]
    tagged = Extractor(nlp=None, finder=Finder(), builder=builder, knowledge_version="abc123")  # type: ignore[arg-type]
    assert tagged.model_version == plain.model_version + "/abc123"
