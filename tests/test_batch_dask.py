"""--engine dask against a Dask cluster started on loopback by the test: same claims as a local run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_fakes import fake_factory, loopback_cluster, text_reader, write_articles

from claimx.batch import dask_engine, run_batch
from claimx.errors import UsageError


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A one-worker LocalCluster (a separate worker process) listening on 127.0.0.1."""
    pytest.importorskip("distributed")
    with loopback_cluster(1) as address:
        yield address


def test_dask_run_writes_the_same_bytes_as_a_local_run(tmp_path: Path, scheduler: str) -> None:
    write_articles(tmp_path / "in", 30, extra={"bad.txt": "FAIL. Six were killed."})
    kw = {"factory": fake_factory, "reader": text_reader, "progress": False}
    local = run_batch([tmp_path / "in"], tmp_path / "local.jsonl", workers=1, **kw)  # type: ignore[arg-type]
    remote = run_batch(
        [tmp_path / "in"],
        tmp_path / "dask.jsonl",
        engine="dask",
        scheduler=scheduler,
        chunk_size=4,
        **kw,  # type: ignore[arg-type]
    )
    assert (remote.processed, remote.exit_code) == (30, 1)
    assert [f.reason for f in remote.failures] == [f.reason for f in local.failures]
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    again = run_batch([tmp_path / "in"], tmp_path / "dask.jsonl", engine="dask", scheduler=scheduler, **kw)  # type: ignore[arg-type]
    assert (again.processed, again.reused) == (0, 31)


def test_unreachable_scheduler_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 1.0)
    write_articles(tmp_path / "in", 2)
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        run_batch(
            [tmp_path / "in"],
            tmp_path / "c.jsonl",
            engine="dask",
            scheduler="tcp://127.0.0.1:9",
            factory=fake_factory,
            reader=text_reader,
        )
