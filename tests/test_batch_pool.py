"""The local worker pool: same claims as in-process, models loaded once per worker, crashes and hangs."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_fakes import LOADS_FILE_ENV, broken_factory, fake_factory, text_reader, write_articles

from claimx.batch import run_batch
from claimx.errors import ClaimxError
from claimx.output import read_claims


def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads = tmp_path / "loads.txt"
    monkeypatch.setenv(LOADS_FILE_ENV, str(loads))
    write_articles(tmp_path / "in", 40)
    kw = {"factory": fake_factory, "reader": text_reader, "progress": False}
    run_batch([tmp_path / "in"], tmp_path / "one.jsonl", workers=1, **kw)  # type: ignore[arg-type]
    two = run_batch([tmp_path / "in"], tmp_path / "two.jsonl", workers=2, **kw)  # type: ignore[arg-type]
    assert (two.processed, two.exit_code) == (40, 0)
    assert (tmp_path / "two.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()
    assert len(loads.read_text().splitlines()) == 1 + 2  # once in-process, once per worker


def test_crashing_and_hanging_articles_fail_alone(tmp_path: Path) -> None:
    write_articles(
        tmp_path / "in", 10, extra={"crash.txt": "CRASH. One was killed.", "hang.txt": "HANG killed."}
    )
    out = tmp_path / "claims.jsonl"
    result = run_batch(
        [tmp_path / "in"],
        out,
        workers=2,
        timeout=1.0,
        factory=fake_factory,
        reader=text_reader,
        progress=False,
    )
    reasons = {f.doc_id: f.reason for f in result.failures}
    assert set(reasons) == {"crash", "hang"}
    assert "died (exit code 3)" in reasons["crash"]
    assert "timed out" in reasons["hang"]
    assert result.exit_code == 1 and result.processed == 10
    assert len(read_claims(out)) == sum(
        p.read_text().count("killed") for p in (tmp_path / "in").glob("a*.txt")
    )


def test_models_that_cannot_load_stop_the_run_with_one_message(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 4)
    with pytest.raises(ClaimxError, match="model files are corrupt"):
        run_batch(
            [tmp_path / "in"],
            tmp_path / "c.jsonl",
            workers=2,
            factory=broken_factory,
            reader=text_reader,
            progress=False,
        )


def test_keep_heap_flat_fixes_glibc_mmap_threshold_unless_the_user_chose(monkeypatch) -> None:
    import sys

    from claimx.batch.memory import keep_heap_flat

    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "131072")
    assert keep_heap_flat() is False  # the user's choice stands
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_")
    assert keep_heap_flat() is sys.platform.startswith("linux")  # glibc on the CI's Linux
