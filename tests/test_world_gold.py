"""The world gold set (corpus/gold/world): its build from the RAMS texts, and its rules.

The RAMS texts are read-only shared data, never committed: tests that need them skip where
``../shared/data/rams/dev.jsonlines`` is absent.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from claimx.learn.convert_rams import rams_split
from claimx.learn.labelled import LabelledDoc

REPO = Path(__file__).resolve().parents[1]
RAMS = REPO.parent / "shared" / "data" / "rams" / "dev.jsonlines"


def load_script(name: str) -> ModuleType:
    """A script under scripts/ as a module (they need tomllib, Python >= 3.11)."""
    pytest.importorskip("tomllib")
    sys.path.insert(0, str(REPO / "scripts"))
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def world_docs() -> list[dict]:
    if not RAMS.is_file():
        pytest.skip("RAMS shared data not present")
    build = load_script("build_world_gold")
    specs = build.load_world_specs(REPO / "corpus" / "gold" / "world" / "src")
    texts = build.load_rams_texts(RAMS, {s.doc_key for s in specs})
    return build.build_world_documents(specs, texts)


def test_world_set_is_big_held_out_and_geocoded(world_docs: list[dict]) -> None:
    assert len(world_docs) >= 30
    countries = {
        g["geo"]["country"] for d in world_docs for a in d["actions"] for g in a["args"] if "geo" in g
    }
    assert len(countries) >= 3 and countries - {"SY", "IQ", "TR", "YE", "LB", "JO", "IL", "PS", "IR"}
    for doc in world_docs:
        assert rams_split(doc["id"].removeprefix("rams:")) == "test"
        parsed = LabelledDoc.from_json(doc)  # offsets and texts agree
        assert parsed.actions
        for action in doc["actions"]:
            for arg in action["args"]:
                assert (arg["role"] == "location") == ("geo" in arg)


def test_build_refuses_unknown_places_and_training_documents() -> None:
    build = load_script("build_world_gold")
    text = "Jets struck Homs on Monday."
    train_key = next(f"k{i}" for i in range(100) if rams_split(f"k{i}") == "train")
    test_key = next(f"k{i}" for i in range(100) if rams_split(f"k{i}") == "test")
    action = {"trigger": "struck", "type": "air_strike", "location": "Homs"}

    def spec(key: str, places: dict) -> object:
        return build.WorldSpec(key, "air_strike", (action,), places, {}, "t.toml")

    texts = {k: {"text": text, "source": None} for k in (train_key, test_key)}
    with pytest.raises(build.GoldBuildError, match="held-out"):
        build.build_world_documents([spec(train_key, {})], texts)
    with pytest.raises(build.GoldBuildError, match="no entry"):
        build.build_world_documents([spec(test_key, {})], texts)
    geo = {"name": "Homs", "admin1": "Homs", "country": "sy"}
    (doc,) = build.build_world_documents([spec(test_key, {"Homs": geo})], texts)
    assert doc["actions"][0]["args"][0]["geo"]["country"] == "SY"


def test_world_halves_are_fixed_by_hash_and_match_the_split_file(world_docs: list[dict]) -> None:
    build = load_script("build_world_gold")
    halves = {d["id"]: build.world_half(d["id"].removeprefix("rams:")) for d in world_docs}
    assert set(halves.values()) == {"dev", "test"}
    assert build.SPLIT_FILE.read_text(encoding="utf-8") == build.split_lines(world_docs)
