"""Sentence embeddings: off switch, the on-disk cache, and (slow) the real MiniLM encoder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimx.errors import UsageError
from claimx.resolve import resolve_claims
from claimx.resolve.embed import SentenceEncoder, _key
from claimx.types import Claim


def test_disabled_encoder_gives_no_similarity_and_refuses_to_encode() -> None:
    enc = SentenceEncoder.disabled()
    assert enc.similarity("a", "b") is None
    with pytest.raises(UsageError):
        enc.encode(["a"])


def test_cache_file_round_trip_without_loading_a_model(tmp_path: Path) -> None:
    cache = tmp_path / "vectors.npz"
    first = SentenceEncoder(tmp_path / "no-model", cache)
    vec = np.zeros(384, np.float32)
    vec[0] = 1.0
    first._vectors[_key("Jets hit Homs.")] = vec
    first.save_cache()
    second = SentenceEncoder(tmp_path / "no-model", cache)  # a model load would fail: the cache must serve
    assert second.similarity("Jets hit Homs.", "Jets hit Homs.") == pytest.approx(1.0)
    assert second.encoded == 0


def test_sentences_are_encoded_in_one_order_under_any_hash_seed(under_hash_seeds) -> None:
    """Batches decide int8 vectors, so the order to encode must not follow set order (hash seed)."""
    code = (
        "import numpy as np; from claimx.resolve.embed import SentenceEncoder, _key\n"
        "seen = []\n"
        "def record(self, todo):\n"
        "    seen.extend(todo)\n"
        "    for t in todo: self._vectors[_key(t)] = np.ones(384, np.float32)\n"
        "SentenceEncoder._encode_new = record\n"
        "texts = [f'Jets hit town {c}.' for c in 'ABCDEFGH'] + ['Shelling on Daraa.']\n"
        "SentenceEncoder('no-model', None).encode(texts)\n"
        "print('|'.join(seen))"
    )
    orders = under_hash_seeds(code)
    expected = "|".join([f"Jets hit town {c}." for c in "ABCDEFGH"] + ["Shelling on Daraa."])
    assert orders == {expected}


@pytest.mark.slow
def test_minilm_similarity_links_paraphrases_across_outlets() -> None:
    enc = SentenceEncoder.from_settings()
    close = enc.similarity(
        "A suspected gas attack killed dozens in the rebel-held town of Khan Sheikhoun.",
        "Scores were killed by toxic gas in Khan Shaykhun, a town held by the opposition.",
    )
    far = enc.similarity(
        "A suspected gas attack killed dozens in the rebel-held town of Khan Sheikhoun.",
        "The central bank raised interest rates on Tuesday.",
    )
    assert close is not None and far is not None and close > far + 0.3

    def claim(cid: str, doc: str, sentence: str) -> Claim:
        return Claim.from_record(
            {
                "claim_id": cid,
                "doc_id": doc,
                "source": doc,
                "sentence": sentence,
                "action": "attack",
                "action_type": "air_strike",
                "date_norm": "2017-04-04",
                "location_norm": "Idlib",
                "admin1": "Idlib",
                "country": "Syria",
            }
        )

    pair = [
        claim("a", "d1", "Air strikes on a market in Idlib province killed 23 civilians."),
        claim("b", "d2", "Warplanes bombed a crowded market in Idlib province, killing dozens of civilians."),
    ]
    assert len(resolve_claims(pair).events) == 2  # slots alone: province and day are weak evidence
    assert len(resolve_claims(pair, enc).events) == 1  # the sentences say it is one strike


def test_bad_precision_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMX_PRECISION", "fp8")
    with pytest.raises(UsageError, match="CLAIMX_PRECISION='fp8' is not a precision"):
        SentenceEncoder(None)
