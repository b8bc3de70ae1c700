"""MiniLM sentence embeddings for the resolver, loaded lazily and cached.

Mean pooling over the last hidden states (masked), then L2 normalisation, as the
all-MiniLM-L6-v2 sentence-transformers model defines it; the cosine similarity of two
sentences is then their dot product. torch and transformers are imported only when the
first sentence is encoded. Each distinct sentence is encoded once per encoder; an
optional cache file (NumPy ``.npz``, no pickles; vectors keyed by the SHA-1 of the sentence and
stamped with :func:`encoder_id`) keeps vectors between runs. ``claimx batch`` writes such a file
beside its output (:func:`batch_vectors_path`) with the vectors of its claims' sentences, and
``claimx resolve`` reads it, so a resolve right after a batch encodes nothing.

Example:
    >>> enc = SentenceEncoder.disabled()
    >>> enc.similarity("Jets hit Homs.", "Homs was bombed.") is None
    True
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claimx.errors import UsageError
from claimx.precision import apply_precision, choose_precision, cpu_has_bf16, requested_precision

BATCH_SIZE = 64
MAX_TOKENS = 64
"""Claim sentences are short (90% under 50 tokens); longer ones are cut (the model allows 256)."""


def sentence_key(text: str) -> str:
    """The cache key of a sentence: SHA-1 of its UTF-8 text (hex).

    >>> sentence_key("Jets hit Homs.")[:12]
    'e35209d45013'
    """
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


_key = sentence_key


def batch_vectors_path(claims: Path) -> Path:
    """Where ``claimx batch`` keeps the sentence vectors of the claims file ``claims``.

    >>> batch_vectors_path(Path("out/claims.parquet")).as_posix()
    'out/claims.parquet.vectors.npz'
    """
    return claims.with_name(claims.name + ".vectors.npz")


_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


def encoder_id(model_path: Path | None, precision: str = "fp32") -> str:
    """A short id of the encoder, precision and pooling that made a vector (others' caches are ignored).

    It hashes the encoder folder's ``config.json`` and the sizes of its weight files (not its
    path, so a cluster's workers with the encoder elsewhere agree), the precision, the pooling
    and the token limit.

    >>> encoder_id(None) == encoder_id(None) != encoder_id(None, "bf16"), len(encoder_id(Path("/x")))
    (True, 16)
    """
    h = hashlib.sha1(f"mean-pool-l2|{MAX_TOKENS}|{precision}|".encode())
    config = None if model_path is None else Path(model_path) / "config.json"
    if config is not None and config.is_file():
        h.update(config.read_bytes())
        for name in _WEIGHT_FILES:
            if (Path(model_path) / name).is_file():
                h.update(f"|{name}:{(Path(model_path) / name).stat().st_size}".encode())
    else:
        h.update(str(model_path).encode())
    return h.hexdigest()[:16]


def sentence_precision(requested: str) -> str:
    """The sentence encoder's precision for a requested one: ``auto`` is int8 on every CPU.

    Sentence vectors only weigh in on undecided links, and int8 (torch dynamic quantisation of
    the linear layers) links FA-KES exactly as fp32 and bf16 do (link P/R/F1 0.981 / 0.877 /
    0.926 with each, cold resolve of the round-2 claims) at 2.6x fp32's speed on an AVX2 CPU.
    A forced ``fp32`` or ``bf16`` is kept (``CLAIMX_PRECISION``).

    >>> sentence_precision("auto"), sentence_precision("fp32")
    ('int8', 'fp32')
    """
    return "int8" if requested == "auto" else choose_precision(requested, bf16_faster=cpu_has_bf16())


SHARING_PRECISIONS = ("fp32", "int8")
"""Precisions whose model keeps (int8: in its embeddings) the float32 tensors of the folder as they are,
so they can be shared with another encoder; a bf16 cast would change the shared tensors in place."""


class SentenceEncoder:
    """Sentence vectors from the MiniLM encoder folder, with an in-memory cache.

    Use :meth:`from_settings` for the configured encoder, :meth:`disabled` for none
    (every similarity is then None and linking uses the slots alone).
    """

    def __init__(
        self,
        model_path: Path | None,
        cache_path: Path | None = None,
        threads: int | None = None,
        precision: str | None = None,
    ):
        self.model_path = model_path
        self.cache_path = cache_path
        self.threads = threads
        self.precision = sentence_precision(precision or requested_precision())
        """``fp32``, ``bf16`` or ``int8`` (:func:`sentence_precision`); part of :attr:`encoder_id`."""
        self._vectors: dict[str, np.ndarray] = {}
        self._model = None
        self._tokenizer = None
        self._loaded_cache = False
        self._encoder_id: str | None = None
        self.encoded = 0
        """How many sentences went through the model (not from the cache)."""
        self.share: Any = None
        """A loaded encoder of the same folder (the frame finder's) whose equal float32 tensors this one
        reuses instead of holding copies (:func:`claimx.encoder.load_bert`); set before the first encode."""

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

        from claimx.encoder import load_bert, load_tokenizer

        path = self.model_path
        if path is None or not Path(path).is_dir():
            raise UsageError(f"no sentence encoder at {path} (set CLAIMX_ENCODER or use --no-embeddings)")
        if self.threads:
            torch.set_num_threads(self.threads)
        self._tokenizer = load_tokenizer(Path(path))
        share = self.share if self.precision in SHARING_PRECISIONS else None
        self._model = apply_precision(load_bert(Path(path), share=share), self.precision)

    @property
    def encoder_id(self) -> str:
        """:func:`encoder_id` of this encoder's model folder."""
        if self._encoder_id is None:
            self._encoder_id = encoder_id(self.model_path, self.precision)
        return self._encoder_id

    def _load_cache(self) -> None:
        if self._loaded_cache:
            return
        self._loaded_cache = True
        if self.cache_path is not None and self.cache_path.is_file():
            for key, vec in read_vectors(self.cache_path, self.encoder_id).items():
                self._vectors.setdefault(key, vec)

    def save_cache(self) -> None:
        """Write the cache file (when one was given and something was encoded since it was read)."""
        if self.cache_path is None or not self._vectors:
            return
        if self.encoded == 0 and self.cache_path.is_file():
            return
        write_vectors(self.cache_path, self._vectors, self.encoder_id)

    def vectors(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """``{sentence_key(text): unit vector}`` for the distinct ``texts`` (for batch workers)."""
        matrix = self.encode(list(dict.fromkeys(texts)))
        return {_key(t): row for t, row in zip(dict.fromkeys(texts), matrix, strict=True)}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length vectors, one row per text (shape ``len(texts) x 384``)."""
        if not self.enabled:
            raise UsageError("sentence embeddings are turned off (drop --no-embeddings to use them)")
        self._load_cache()
        # by length, then text: the same batches, and so the same int8 vectors, on every run
        todo = sorted({t for t in texts if _key(t) not in self._vectors}, key=lambda t: (len(t), t))
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
                for text, vec in zip(batch, pooled.float().numpy(), strict=True):
                    self._vectors[_key(text)] = vec
        self.encoded += len(texts)

    def similarity(self, a: str, b: str) -> float | None:
        """Cosine similarity of two sentences, or None when the encoder is off."""
        if not self.enabled:
            return None
        va, vb = self.encode([a, b])
        return float(np.dot(va, vb))


def read_vectors(path: Path, encoder: str) -> dict[str, np.ndarray]:
    """The vectors of a cache file made with ``encoder`` (:func:`encoder_id`); ``{}`` for another's.

    A file without an encoder stamp (older claimx) is trusted. An unreadable file is a one-line error.
    """
    try:
        with np.load(path, allow_pickle=False) as data:
            if "encoder" in data.files and str(data["encoder"]) != encoder:
                return {}
            keys, vectors = data["keys"], data["vectors"]
            return {str(k): v for k, v in zip(keys, vectors, strict=True)}
    except (OSError, ValueError, KeyError) as exc:
        raise UsageError(f"cannot read the embedding cache {path} ({exc}); delete it") from None


def write_vectors(path: Path, vectors: Mapping[str, np.ndarray], encoder: str) -> None:
    """Write ``{sentence key: vector}`` to ``path`` (``.npz``) atomically, stamped with ``encoder``.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "v.npz"
    >>> write_vectors(p, {"k": np.ones(2, np.float32)}, "e1")
    >>> read_vectors(p, "e1")["k"].tolist(), read_vectors(p, "e2")
    ([1.0, 1.0], {})
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = np.array(list(vectors), dtype=str)
    matrix = (
        np.stack(list(vectors.values())).astype(np.float32) if vectors else np.zeros((0, 384), np.float32)
    )
    tmp = path.with_name(path.name + ".tmp.npz")
    np.savez(tmp, keys=keys, vectors=matrix, encoder=np.array(encoder))
    tmp.replace(path)
