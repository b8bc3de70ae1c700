"""Killed with SIGKILL midway and run again: the output equals an uninterrupted run's, byte for byte."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from batch_fakes import fake_factory, text_reader, write_articles

from claimx.batch import BatchInterrupted, run_batch
from claimx.batch.store import store_path_for
from claimx.output import read_claims

TESTS = Path(__file__).resolve().parent

_SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from batch_fakes import fake_factory, text_reader
from claimx.batch import run_batch, format_summary
r = run_batch([Path({inp!r})], Path({out!r}), workers={workers}, factory=fake_factory, reader=text_reader,
              progress=False, chunk_size=2)
print(format_summary(r), file=sys.stderr)
sys.exit(r.exit_code)
"""


def _batch_process(inp: Path, out: Path, workers: int, delay: float) -> subprocess.Popen[bytes]:
    code = _SCRIPT.format(tests=str(TESTS), inp=str(inp), out=str(out), workers=workers)
    env = {**os.environ, "CLAIMX_FAKE_DELAY": str(delay)}
    return subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE)


def _stored(out: Path) -> int:
    try:
        with sqlite3.connect(f"file:{store_path_for(out)}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _kill_when_stored(proc: subprocess.Popen[bytes], out: Path, at_least: int) -> tuple[int, list[int]]:
    deadline = time.monotonic() + 30
    while _stored(out) < at_least:
        assert proc.poll() is None, "the batch finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    children = [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return _stored(out), children


@pytest.mark.parametrize("workers", [1, 2])
def test_kill_9_midway_then_rerun_equals_uninterrupted_run(tmp_path: Path, workers: int) -> None:
    inp = tmp_path / "in"
    write_articles(inp, 60)
    reference = tmp_path / "ref" / "claims.jsonl"
    run_batch([inp], reference, workers=1, factory=fake_factory, reader=text_reader, progress=False)

    out = tmp_path / "run" / "claims.jsonl"
    proc = _batch_process(inp, out, workers, delay=0.03)
    saved, children = _kill_when_stored(proc, out, at_least=10)
    assert proc.returncode == -signal.SIGKILL
    assert 10 <= saved < 60
    assert not out.exists()

    result = run_batch([inp], out, workers=workers, factory=fake_factory, reader=text_reader, progress=False)
    assert result.exit_code == 0
    assert result.reused >= saved and result.processed + result.reused == 60
    assert out.read_bytes() == reference.read_bytes()
    claims = read_claims(out)
    assert len({c.claim_id for c in claims}) == len(claims)
    deadline = time.monotonic() + 5  # orphaned workers notice their parent is gone and exit
    while any(psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE for p in children):
        assert time.monotonic() < deadline, "worker processes outlived the killed batch"
        time.sleep(0.1)


def test_ctrl_c_keeps_finished_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_articles(tmp_path / "in", 20)
    calls = {"n": 0}
    real = fake_factory(None)  # type: ignore[arg-type]

    class Interrupting:
        model_version = real.model_version

        def extract_many(self, articles, *, batch_size=16):  # type: ignore[no-untyped-def]
            for a in articles:
                calls["n"] += 1
                if calls["n"] == 8:
                    raise KeyboardInterrupt
                yield a, real.extract(a)

        extract = real.extract

    out = tmp_path / "claims.jsonl"
    with pytest.raises(BatchInterrupted, match="7 finished articles are kept"):
        run_batch([tmp_path / "in"], out, workers=1, factory=lambda s: Interrupting(), reader=text_reader)
    again = run_batch(
        [tmp_path / "in"], out, workers=1, factory=fake_factory, reader=text_reader, progress=False
    )
    assert (again.reused, again.processed) == (7, 13)
