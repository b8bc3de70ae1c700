"""A pool of worker processes on this machine, each loading the extractor once.

Workers are started with the ``spawn`` method (torch and ``fork`` do not mix) and
talk to the main process over one pipe each, so the main process always knows
which articles each worker holds. A worker that crashes or runs past its time
is killed and replaced; the articles it held are retried one by one, an article
whose worker died while holding it alone is retried once more in a fresh worker, and
only an article that brings a worker down twice (or times out) is reported as failed. When the
main process dies (even by ``kill -9``) its workers see the pipe close and exit.

Example:
    >>> from claimx.batch.work import default_extractor_factory
    >>> from claimx.settings import Settings
    >>> pool = WorkerPool(default_extractor_factory, Settings.from_env(), workers=2)
    >>> # pool.start(); pool.model_version(); list(pool.outcomes(tasks)); pool.close()
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from claimx.batch.memory import keep_heap_flat
from claimx.batch.work import ArticleOutcome, ArticleTask, ExtractorFactory, error_reason, failed, run_chunk
from claimx.errors import ClaimxError, UsageError
from claimx.settings import Settings

MAX_LOAD_CRASHES = 3
"""Workers that may die while loading models before the run gives up."""

MAX_ARTICLE_RETRIES = 1
"""Times an article whose worker died while holding it alone is tried again (timeouts are not)."""


def _worker_main(conn: Connection, factory: ExtractorFactory, settings: Settings, threads: int) -> None:
    """Body of a worker process: load the extractor once, then run chunks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's business
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(var, str(threads))
    keep_heap_flat()
    try:
        extractor = factory(settings)
    except BaseException as exc:
        conn.send(("load_error", error_reason(exc), isinstance(exc, UsageError)))
        return
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)
    conn.send(("ready", extractor.model_version))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):  # the main process is gone
            return
        if msg is None:
            return
        task_id, tasks, batch_size = msg
        conn.send(("done", task_id, run_chunk(extractor, tasks, batch_size=batch_size)))


def _exit_with_parent(parent_pid: int) -> None:
    """Watchdog thread of a worker: exit at once when the main process is gone (even mid-article)."""
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(0)


@dataclass(eq=False)
class _Worker:
    proc: BaseProcess
    conn: Connection
    ready: bool = False
    task_id: int | None = None
    chunk: list[ArticleTask] = field(default_factory=list)
    deadline: float = math.inf


class WorkerPool:
    """``workers`` processes running :func:`~claimx.batch.work.run_chunk` on chunks of articles.

    Args:
        factory: builds the extractor in each worker (a module-level function).
        settings: passed to ``factory``.
        workers: number of processes.
        chunk_size: most articles sent to a worker at a time (fewer when there are few articles).
        timeout: seconds an article may take (a chunk gets ``timeout * len(chunk)``).
        batch_size: passed to ``extract_many``.
    """

    def __init__(
        self,
        factory: ExtractorFactory,
        settings: Settings,
        workers: int,
        *,
        chunk_size: int = 16,
        timeout: float = 120.0,
        batch_size: int = 16,
    ) -> None:
        self.factory, self.settings, self.n_workers = factory, settings, max(1, workers)
        self.chunk_size, self.timeout, self.batch_size = max(1, chunk_size), timeout, batch_size
        self._ctx = multiprocessing.get_context("spawn")
        self._threads = max(1, (os.cpu_count() or 1) // self.n_workers)
        self._workers: list[_Worker] = []
        self._version: str | None = None
        self._load_crashes = 0
        self._deaths: dict[tuple[str, str], int] = {}
        self._next_task = 0
        self._queue: deque[list[ArticleTask]] = deque()
        self._done: deque[ArticleOutcome] = deque()

    def start(self) -> None:
        """Start the worker processes (they load their models in the background)."""
        while len(self._workers) < self.n_workers:
            self._spawn()

    def model_version(self) -> str:
        """The extractor's model version, waiting for the first worker to finish loading."""
        self.start()
        while self._version is None:
            self._poll(1.0)
        return self._version

    def outcomes(self, tasks: Sequence[ArticleTask]) -> Iterator[ArticleOutcome]:
        """Run ``tasks``; yields one outcome per task as results come back (any order)."""
        self.model_version()
        size = max(1, min(self.chunk_size, math.ceil(len(tasks) / (4 * self.n_workers))))  # several each
        for i in range(0, len(tasks), size):
            self._queue.append(list(tasks[i : i + size]))
        while self._queue or self._done or any(w.task_id is not None for w in self._workers):
            while self._done:
                yield self._done.popleft()
            self._dispatch()
            self._poll(0.5)

    def close(self, *, graceful: bool = True) -> None:
        """Stop the workers: ask them to finish (``graceful``) or kill them at once."""
        for w in self._workers:
            if graceful and w.proc.is_alive():
                with contextlib.suppress(OSError):
                    w.conn.send(None)
        deadline = time.monotonic() + (5.0 if graceful else 0.0)
        for w in self._workers:
            w.proc.join(max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join(5.0)
            w.conn.close()
        self._workers.clear()

    def _spawn(self) -> None:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(
            target=_worker_main,
            args=(child, self.factory, self.settings, self._threads),
            name="claimx-batch-worker",
            daemon=True,
        )
        proc.start()
        child.close()
        self._workers.append(_Worker(proc, parent))

    def _dispatch(self) -> None:
        for w in self._workers:
            if w.ready and w.task_id is None and self._queue:
                chunk = self._queue.popleft()
                self._next_task += 1
                w.task_id, w.chunk = self._next_task, chunk
                w.deadline = time.monotonic() + self.timeout * len(chunk)
                try:
                    w.conn.send((w.task_id, chunk, self.batch_size))
                except OSError:
                    self._lost(w, "its worker process died")

    def _poll(self, timeout: float) -> None:
        now = time.monotonic()
        soonest = min((w.deadline for w in self._workers), default=math.inf)
        waitables: list[Any] = [w.conn for w in self._workers] + [w.proc.sentinel for w in self._workers]
        for obj in wait(waitables, timeout=max(0.0, min(timeout, soonest - now))):
            w = next((w for w in self._workers if obj is w.conn or obj == w.proc.sentinel), None)
            if w is not None:
                self._receive(w)
        for w in list(self._workers):
            if w.task_id is not None and time.monotonic() > w.deadline:
                w.proc.kill()
                w.proc.join(5.0)
                self._lost(w, f"timed out after {self.timeout * len(w.chunk):g} s")

    def _receive(self, w: _Worker) -> None:
        try:
            while w.conn.poll():
                self._handle(w, w.conn.recv())
        except (EOFError, OSError):
            pass
        if not w.proc.is_alive() and w in self._workers:
            w.proc.join()
            self._lost(w, f"its worker process died (exit code {w.proc.exitcode})")

    def _handle(self, w: _Worker, msg: tuple[Any, ...]) -> None:
        kind = msg[0]
        if kind == "ready":
            w.ready = True
            self._version = self._version or msg[1]
        elif kind == "load_error":
            self.close(graceful=False)
            if msg[2]:
                raise UsageError(msg[1])
            raise ClaimxError(f"cannot load the extractor in a worker process: {msg[1]}")
        elif kind == "done" and msg[1] == w.task_id:
            self._done.extend(msg[2])
            w.task_id, w.chunk, w.deadline = None, [], math.inf

    def _lost_alone(self, task: ArticleTask, why: str, *, timed_out: bool) -> None:
        """A worker holding only ``task`` died: retry it once in a fresh worker (a process killed
        from outside, say by the OOM killer, may go through next time), then fail it."""
        deaths = self._deaths.get(task.key, 0) + 1
        self._deaths[task.key] = deaths
        if timed_out or deaths > MAX_ARTICLE_RETRIES:
            self._done.append(failed(task, f"worker crashed or hung on this article: {why}", retry=True))
        else:
            self._queue.appendleft([task])

    def _lost(self, w: _Worker, why: str) -> None:
        """``w`` died or was killed: retry its articles one by one, fail a lone one, replace it."""
        self._workers.remove(w)
        w.conn.close()
        if not w.ready:
            self._load_crashes += 1
            if self._load_crashes > MAX_LOAD_CRASHES:
                self.close(graceful=False)
                raise ClaimxError(f"worker processes keep dying while loading models ({why})")
        if len(w.chunk) == 1:
            self._lost_alone(w.chunk[0], why, timed_out=why.startswith("timed out"))
        else:
            self._queue.extendleft([t] for t in reversed(w.chunk))
        self._spawn()
