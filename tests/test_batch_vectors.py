"""Batch keeps the resolver's sentence vectors, so a resolve right after it encodes nothing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from batch_fakes import FAKE_ENCODER_ENV, FakeExtractor, FakeVectors, fake_vector, text_reader, vector_factory

from claimx.batch import run_batch
from claimx.batch.work import ArticleTask, VectorizingExtractor, run_chunk
from claimx.output import read_claims
from claimx.resolve import resolve_claims
from claimx.resolve.embed import SentenceEncoder, batch_vectors_path, read_vectors, sentence_key
from claimx.types import Article


@pytest.fixture
def encoder_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "no-such-encoder"  # loading a model from here would fail: vectors must serve
    monkeypatch.setenv(FAKE_ENCODER_ENV, str(folder))
    return folder


def _articles(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text("Jets killed 5 in Homs. Calm followed.", encoding="utf-8")
    (folder / "b.txt").write_text("Shelling killed 4 in Homs. Later 2 were killed in Hama.", encoding="utf-8")
    (folder / "c.txt").write_text("Nothing happened.", encoding="utf-8")


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_writes_the_vectors_of_its_claims_beside_the_output(
    tmp_path: Path, encoder_dir: Path, workers: int
) -> None:
    _articles(tmp_path / "in")
    out = tmp_path / "claims.jsonl"
    run_batch(
        [tmp_path / "in"], out, workers=workers, factory=vector_factory, reader=text_reader, progress=False
    )
    sentences = {c.sentence for c in read_claims(out)}
    enc = SentenceEncoder(encoder_dir)
    stored = read_vectors(batch_vectors_path(out), enc.encoder_id)
    assert set(stored) == {sentence_key(s) for s in sentences} and len(stored) == 3
    for s in sentences:
        assert np.allclose(stored[sentence_key(s)], fake_vector(s))


def test_resolve_after_batch_encodes_nothing_and_rerun_rewrites_the_vectors(
    tmp_path: Path, encoder_dir: Path
) -> None:
    _articles(tmp_path / "in")
    out = tmp_path / "claims.jsonl"
    kw = {"workers": 1, "factory": vector_factory, "reader": text_reader, "progress": False}
    run_batch([tmp_path / "in"], out, **kw)
    batch_vectors_path(out).unlink()
    assert run_batch([tmp_path / "in"], out, **kw).reused == 3  # nothing redone, vectors from the store
    enc = SentenceEncoder(encoder_dir, batch_vectors_path(out))
    resolve_claims(read_claims(out), enc)
    assert enc.encoded == 0
    a, b = (f"{n} killed {k} in Homs." for n, k in (("Jets", 5), ("Shelling", 4)))
    assert enc.similarity(a, b) == pytest.approx(float(fake_vector(a) @ fake_vector(b)), abs=1e-6)


def test_vectors_of_another_encoder_are_not_used(tmp_path: Path, encoder_dir: Path) -> None:
    _articles(tmp_path / "in")
    out = tmp_path / "claims.jsonl"
    run_batch([tmp_path / "in"], out, workers=1, factory=vector_factory, reader=text_reader, progress=False)
    assert read_vectors(batch_vectors_path(out), SentenceEncoder(tmp_path / "other").encoder_id) == {}


def test_a_failing_encoder_never_fails_an_article(tmp_path: Path, encoder_dir: Path) -> None:
    extractor = VectorizingExtractor(FakeExtractor(), FakeVectors(encoder_dir))
    tasks = [
        ArticleTask.of(Article("a", "BROKEN: 3 were killed.")),
        ArticleTask.of(Article("b", "2 were killed.")),
    ]
    outcomes = run_chunk(extractor, tasks, batch_size=1)
    assert [o.ok for o in outcomes] == [True, True]
    assert [len(o.vectors) for o in outcomes] == [0, 1]
    assert outcomes[1].encoder == extractor.encoder.encoder_id


def test_vectors_of_another_precision_are_not_used(tmp_path: Path, encoder_dir: Path) -> None:
    _articles(tmp_path / "in")
    out = tmp_path / "claims.jsonl"
    run_batch([tmp_path / "in"], out, workers=1, factory=vector_factory, reader=text_reader, progress=False)
    here = SentenceEncoder(encoder_dir).precision
    other = "int8" if here != "int8" else "fp32"
    other_id = SentenceEncoder(encoder_dir, precision=other).encoder_id
    assert read_vectors(batch_vectors_path(out), other_id) == {}
