"""Faults a long unattended batch meets: killed workers, a lost scheduler, two runs on one output,
a broken store, nowhere to write, and standard input for ``claimx extract -``.

Every test here fails without the behaviour it names: a killed process is killed for real
(SIGKILL from outside), the store is really truncated, the disk really fills (RLIMIT_FSIZE).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from batch_fakes import PIDDIR_ENV, fake_factory, loopback_cluster, text_reader, write_articles

from claimx.batch import run_batch
from claimx.batch.store import ClaimStore, lock_path_for, store_path_for, take_lock
from claimx.errors import UsageError

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
KW = {"factory": fake_factory, "reader": text_reader, "progress": False}


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), str(REPO), env.get("PYTHONPATH", "")])
    env.update(extra)
    return env


def _kill_when_announced(piddir: Path, doc_id: str, timeout: float = 60.0) -> threading.Thread:
    """A thread that SIGKILLs the process that announces it holds ``doc_id`` (see batch_fakes)."""

    def watch() -> None:
        pidfile = piddir / f"{doc_id}.pid"
        deadline = time.monotonic() + timeout
        while not pidfile.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        if pidfile.exists():
            os.kill(int(pidfile.read_text()), signal.SIGKILL)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def _local_reference(folder: Path, out: Path) -> bytes:
    run_batch([folder], out, workers=1, **KW)  # type: ignore[arg-type]
    return out.read_bytes()


# 1. A local worker process killed from outside, mid-article -------------------------------------


def test_local_worker_killed_mid_article_only_its_article_is_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_articles(tmp_path / "in", 12, extra={"k.txt": "KILLME. Nine were killed in Homs."})
    expected = _local_reference(tmp_path / "in", tmp_path / "ref.jsonl")
    piddir = tmp_path / "pids"
    piddir.mkdir()
    monkeypatch.setenv(PIDDIR_ENV, str(piddir))
    monkeypatch.setenv("CLAIMX_FAKE_DELAY", "0.05")
    killer = _kill_when_announced(piddir, "k")
    result = run_batch([tmp_path / "in"], tmp_path / "c.jsonl", workers=2, chunk_size=3, **KW)  # type: ignore[arg-type]
    killer.join(5)
    assert (piddir / "k.pid").exists(), "the KILLME article never reached a worker"
    assert (result.processed, result.exit_code, result.failures) == (13, 0, ())
    assert (tmp_path / "c.jsonl").read_bytes() == expected


# 2. Dask: a worker killed while it holds articles; the scheduler going away -----------------------


@pytest.fixture()
def two_worker_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Two Dask worker processes on 127.0.0.1 that see ``CLAIMX_FAKE_PIDDIR`` = tmp_path/pids."""
    pytest.importorskip("distributed")
    (tmp_path / "pids").mkdir()
    monkeypatch.setenv(PIDDIR_ENV, str(tmp_path / "pids"))
    with loopback_cluster(2) as address:
        yield address


def test_dask_worker_killed_mid_batch_gives_the_same_claims(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_worker_cluster: str
) -> None:
    write_articles(tmp_path / "in", 16, extra={"k.txt": "KILLME. Nine were killed in Homs."})
    piddir = tmp_path / "pids"
    monkeypatch.delenv(PIDDIR_ENV)
    expected = _local_reference(tmp_path / "in", tmp_path / "ref.jsonl")
    killer = _kill_when_announced(piddir, "k")
    result = run_batch(
        [tmp_path / "in"],
        tmp_path / "d.jsonl",
        engine="dask",
        scheduler=two_worker_cluster,
        chunk_size=2,
        **KW,
    )  # type: ignore[arg-type]
    killer.join(5)
    assert (piddir / "k.pid").exists(), "the KILLME article never reached a worker"
    assert (result.processed, result.exit_code) == (17, 0)
    assert (tmp_path / "d.jsonl").read_bytes() == expected


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_cluster(port: int, tmp: Path) -> list[subprocess.Popen[bytes]]:
    """A scheduler and one worker as separate processes on 127.0.0.1:port, ready to use."""
    pytest.importorskip("distributed")
    bindir = Path(sys.executable).parent
    dask = shutil.which("dask", path=str(bindir)) or shutil.which("dask")
    if dask is None:
        pytest.skip("the dask command is not installed")
    addr = f"tcp://127.0.0.1:{port}"
    log = (tmp / f"cluster-{port}-{time.monotonic_ns()}.log").open("wb")
    common = {"env": _env(), "stdout": log, "stderr": log, "cwd": tmp}
    sched = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **common
    )
    worker = subprocess.Popen(
        [dask, "worker", addr, "--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--no-nanny"], **common
    )
    from distributed import Client

    with Client(addr, timeout=30) as client:
        client.wait_for_workers(1, timeout=30)
    return [worker, sched]


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in procs:
        if p.poll() is None:
            p.kill()
        p.wait(10)


def test_scheduler_gone_mid_run_is_one_line_and_a_rerun_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimx.batch import dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 5.0)
    write_articles(tmp_path / "in", 40)
    expected = _local_reference(tmp_path / "in", tmp_path / "ref.jsonl")
    port = _free_port()
    procs = _start_cluster(port, tmp_path)
    out = tmp_path / "d.jsonl"
    try:
        monkeypatch.setenv("CLAIMX_FAKE_DELAY", "0.25")
        store = store_path_for(out)

        def kill_scheduler_after_some_work() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                time.sleep(0.2)
                if _stored_articles(store) >= 4:
                    break
            _stop([procs[1]])

        threading.Thread(target=kill_scheduler_after_some_work, daemon=True).start()
        started = time.monotonic()
        with pytest.raises(UsageError) as info:
            run_batch(
                [tmp_path / "in"], out, engine="dask", scheduler=f"tcp://127.0.0.1:{port}", chunk_size=1, **KW
            )  # type: ignore[arg-type]
        assert time.monotonic() - started < 90
        message = str(info.value)
        assert "\n" not in message and "scheduler" in message and "run the same command again" in message
        kept = _stored_articles(store)
        assert 4 <= kept < 40, kept
    finally:
        _stop(procs)
    monkeypatch.setenv("CLAIMX_FAKE_DELAY", "0")
    procs = _start_cluster(port, tmp_path)
    try:
        again = run_batch([tmp_path / "in"], out, engine="dask", scheduler=f"tcp://127.0.0.1:{port}", **KW)  # type: ignore[arg-type]
    finally:
        _stop(procs)
    assert (again.reused, again.processed, again.exit_code) == (kept, 40 - kept, 0)
    assert out.read_bytes() == expected


def _stored_articles(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


# 3. Two runs on one output ----------------------------------------------------------------------


def test_second_run_on_the_same_output_is_refused_naming_the_lock_and_the_run(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    out = tmp_path / "c.jsonl"
    holder = take_lock(store_path_for(out))  # another run holds the store
    try:
        with pytest.raises(UsageError) as info:
            run_batch([tmp_path / "in"], out, workers=1, **KW)  # type: ignore[arg-type]
    finally:
        assert holder is not None
        holder.close()
    message = str(info.value)
    assert str(lock_path_for(store_path_for(out))) in message
    assert f"pid {os.getpid()}" in message
    assert not out.exists()


def test_lock_of_a_killed_run_does_not_block_the_next(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    out = tmp_path / "c.jsonl"
    code = (
        "import sys, time; from pathlib import Path; from claimx.batch.store import take_lock; "
        "held = take_lock(Path(sys.argv[1])); print('locked', flush=True); time.sleep(120)"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(store_path_for(out))], env=_env(), stdout=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"locked"
    with pytest.raises(UsageError, match=f"pid {proc.pid}"):
        run_batch([tmp_path / "in"], out, workers=1, **KW)  # type: ignore[arg-type]
    proc.kill()  # kill -9 the holder: the kernel drops its lock
    proc.wait(10)
    result = run_batch([tmp_path / "in"], out, workers=1, **KW)  # type: ignore[arg-type]
    assert (result.processed, result.exit_code) == (3, 0)


def test_two_cli_runs_at_once_one_refuses_in_one_line(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    out = tmp_path / "c.jsonl"
    holder = take_lock(store_path_for(out))
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "claimx", "batch", str(tmp_path / "in"), "--out", str(out), "-w", "1"],
            env=_env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        assert holder is not None
        holder.close()
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "another claimx batch" in lines[0] and "Traceback" not in proc.stderr


# 4. A broken store --------------------------------------------------------------------------------


def _finished_store(tmp_path: Path, n: int = 60) -> tuple[Path, Path]:
    write_articles(tmp_path / "in", n)
    out = tmp_path / "c.jsonl"
    run_batch([tmp_path / "in"], out, workers=1, **KW)  # type: ignore[arg-type]
    return out, store_path_for(out)


def _truncate_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _zero(path: Path) -> None:
    os.truncate(path, 0)


def _scribble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096 : 4096 + 2048] = b"\xa5" * 2048  # the second page onwards: tables' pages
    data[:16] = b"not sqlite here!"
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_truncate_half, _zero, _scribble], ids=["truncated", "zeroed", "corrupt"])
def test_broken_store_is_one_line_with_the_way_out_never_a_fresh_start(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    out, store = _finished_store(tmp_path)
    expected = out.read_bytes()
    damage(store)
    damaged = store.read_bytes()
    with pytest.raises(UsageError) as info:
        run_batch([tmp_path / "in"], out, workers=1, **KW)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message and "--fresh" in message and str(store) in message
    assert store.read_bytes() == damaged  # not overwritten, not started from empty
    result = run_batch([tmp_path / "in"], out, workers=1, fresh=True, **KW)  # type: ignore[arg-type]
    assert (result.processed, result.reused, result.exit_code) == (60, 0, 0)
    assert out.read_bytes() == expected


def test_broken_store_from_the_cli_exits_2_without_traceback(tmp_path: Path) -> None:
    out, store = _finished_store(tmp_path)
    _truncate_half(store)
    proc = subprocess.run(
        [sys.executable, "-m", "claimx", "batch", str(tmp_path / "in"), "--out", str(out), "-w", "1"],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "--fresh" in proc.stderr and "Traceback" not in proc.stderr


# 5. Nowhere to write ------------------------------------------------------------------------------


_RUN = (
    "import sys; from pathlib import Path; from batch_fakes import fake_factory, text_reader; "
    "from claimx.batch import run_batch; from claimx.errors import ClaimxError\n"
    "try:\n"
    "    r = run_batch([Path(sys.argv[1])], Path(sys.argv[2]), workers=1, factory=fake_factory,"
    " reader=text_reader, progress=False)\n"
    "except ClaimxError as e:\n"
    "    print('claimx: error:', e, file=sys.stderr); sys.exit(2)\n"
    "sys.exit(r.exit_code)\n"
)


def _limited_fsize(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_disk_full_keeps_the_store_and_the_same_command_completes(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 300, extra={"long.txt": "Nine were killed. " * 400})
    expected = _local_reference(tmp_path / "in", tmp_path / "ref.jsonl")
    out = tmp_path / "run" / "c.jsonl"
    args = [sys.executable, "-c", _RUN, str(tmp_path / "in"), str(out)]
    full = subprocess.run(
        args, env=_env(), capture_output=True, text=True, timeout=120, preexec_fn=_limited_fsize(48_000)
    )
    assert full.returncode == 2, full.stderr
    assert full.stderr.count("\n") == 1 and "Traceback" not in full.stderr
    assert "run the same command again" in full.stderr
    store = store_path_for(out)
    with ClaimStore.open(store) as opened:  # intact: opens and passes SQLite's integrity check
        assert opened.count_articles() < 301
    done = subprocess.run(args, env=_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == expected


def _without_root_override() -> list[str]:
    """Root ignores folder permissions: run the command without CAP_DAC_OVERRIDE then (setpriv)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: folder permissions cannot be enforced")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]


def test_unwritable_output_folder_is_one_line(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        proc = subprocess.run(
            [
                *_without_root_override(),
                sys.executable,
                "-c",
                _RUN,
                str(tmp_path / "in"),
                str(locked / "c.jsonl"),
            ],
            env=_env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        locked.chmod(0o755)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "not writable" in proc.stderr and str(locked) in proc.stderr
    assert list(locked.iterdir()) == []


# 6. claimx extract - reads standard input ---------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "extra", "doc_id"),
    [
        ("Jets struck Talbiseh on Monday, killing five people.", [], "stdin"),
        ('{"id": "x1", "text": "Jets struck Talbiseh, killing five people."}', [], "stdin"),
        ('id,text\nx1,"Jets struck Talbiseh, killing five people."\n', [], "stdin:x1"),
        (
            "<html><body><p>Jets struck Talbiseh, killing five people.</p></body></html>",
            ["--input-format", "html"],
            "stdin",
        ),
    ],
    ids=["txt", "json", "csv", "html-forced"],
)
def test_extract_reads_standard_input(data: str, extra: list[str], doc_id: str) -> None:
    import json

    proc = subprocess.run(
        [sys.executable, "-m", "claimx", "extract", "-", "--format", "jsonl", "--rules-only", *extra],
        env=_env(),
        input=data,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    claims = [json.loads(line) for line in proc.stdout.splitlines()]
    assert claims and {c["doc_id"] for c in claims} == {doc_id}
    assert any("Talbiseh" in (c["location"] or "") for c in claims)


def test_extract_from_empty_standard_input_is_one_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "claimx", "extract", "-", "--rules-only"],
        env=_env(),
        input="",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == "claimx: error: cannot read standard input: empty file"
