"""MiniLM sentence embeddings for the resolver, loaded lazily and cached.

Mean pooling over the last hidden states (masked), then L2 normalisation, as the
all-MiniLM-L6-v2 sentence-transformers model defines it; the cosine similarity of two
sentences is then their dot product. torch and transformers are imported only when the
first sentence is encoded. Each distinct sentence is encoded once per encoder; an
optional cache file (NumPy ``.npz``, no pickles) keeps vectors between runs.

Example:
    >>> enc = SentenceEncoder.disabled()
    >>> enc.similarity("Jets hit Homs.", "Homs was bombed.") is None
    True
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimx.errors import UsageError

BATCH_SIZE = 64
MAX_TOKENS = 64
"""Claim sentences are short (90% under 50 tokens); longer ones are cut (the model allows 256)."""


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class SentenceEncoder:
    """Sentence vectors from the MiniLM encoder folder, with an in-memory cache.

    Use :meth:`from_settings` for the configured encoder, :meth:`disabled` for none
    (every similarity is then None and linking uses the slots alone).
    """

    def __init__(self, model_path: Path | None, cache_path: Path | None = None, threads: int | None = None):
        self.model_path = model_path
        self.cache_path = cache_path
        self.threads = threads
        self._vectors: dict[str, np.ndarray] = {}
        self._model = None
        self._tokenizer = None
        self._loaded_cache = False
        self.encoded = 0
        """How many sentences went through the model (not from the cache)."""

    @classmethod
    def disabled(cls) -> SentenceEncoder:
        """An encoder that encodes nothing."""
        return cls(None)

    @classmethod
    def from_settings(cls, settings=None, cache_path: Path | None = None) -> SentenceEncoder:
        """The encoder at ``Settings.resolved_encoder_path()``."""
        from claimx.settings import Settings

        settings = settings or Settings.from_env()
        return cls(settings.resolved_encoder_path(), cache_path)

    @property
    def enabled(self) -> bool:
        return self.model_path is not None

    def _load(self) -> None:
        if self._model is not None:
            return
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()

        path = self.model_path
        if path is None or not Path(path).is_dir():
            raise UsageError(f"no sentence encoder at {path} (set CLAIMX_ENCODER or use --no-embeddings)")
        if self.threads:
            torch.set_num_threads(self.threads)
        self._tokenizer = AutoTokenizer.from_pretrained(str(path))
        self._model = AutoModel.from_pretrained(str(path)).eval()

    def _load_cache(self) -> None:
        if self._loaded_cache:
            return
        self._loaded_cache = True
        if self.cache_path is not None and self.cache_path.is_file():
            with np.load(self.cache_path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
                self._vectors.update({str(k): v for k, v in zip(keys, vectors, strict=True)})

    def save_cache(self) -> None:
        """Write the cache file (when one was given)."""
        if self.cache_path is None or not self._vectors:
            return
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors), dtype=str)
        vectors = np.stack(list(self._vectors.values())).astype(np.float32)
        tmp = self.cache_path.with_name(self.cache_path.name + ".tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors)
        tmp.replace(self.cache_path)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length vectors, one row per text (shape ``len(texts) x 384``)."""
        if not self.enabled:
            raise UsageError("sentence embeddings are turned off (drop --no-embeddings to use them)")
        self._load_cache()
        todo = sorted({t for t in texts if _key(t) not in self._vectors}, key=len)
        if todo:
            self._encode_new(todo)
        return np.stack([self._vectors[_key(t)] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def _encode_new(self, texts: list[str]) -> None:
        import torch

        self._load()
        assert self._model is not None and self._tokenizer is not None
        with torch.inference_mode():
            for start in range(0, len(texts), BATCH_SIZE):
                batch = texts[start : start + BATCH_SIZE]
                enc = self._tokenizer(
                    batch, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
                )
                hidden = self._model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                for text, vec in zip(batch, pooled.numpy().astype(np.float32), strict=True):
                    self._vectors[_key(text)] = vec
        self.encoded += len(texts)

    def similarity(self, a: str, b: str) -> float | None:
        """Cosine similarity of two sentences, or None when the encoder is off."""
        if not self.enabled:
            return None
        va, vb = self.encode([a, b])
        return float(np.dot(va, vb))
