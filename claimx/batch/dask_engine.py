"""Spread a batch over an existing Dask cluster (``--engine dask --scheduler tcp://HOST:PORT``).

Chunks of articles are submitted to the cluster; each Dask worker process loads
the extractor once (cached in the process, see
:func:`claimx.batch.work.cached_extractor`) and runs the same
:func:`~claimx.batch.work.run_chunk` as a local run, so the claims are the same.
Results come back to this process, which commits them to the store as they
arrive. A chunk whose task fails (its worker died) is retried one article at a
time; an article that fails alone is reported as failed. Every worker needs
claimx installed (same version) and, for full models, the same ``models/``
folder (``CLAIMX_MODELS`` or ``--models``) at the same path.

Example:
    >>> engine = DaskEngine("tcp://127.0.0.1:8786", default_extractor_factory, Settings.from_env())
    >>> # engine.start(); engine.model_version(); list(engine.outcomes(tasks)); engine.close()
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from claimx.batch.work import (
    ArticleOutcome,
    ArticleTask,
    ExtractorFactory,
    cached_extractor,
    default_extractor_factory,
    error_reason,
    failed,
    run_chunk,
)
from claimx.errors import ClaimxError, UsageError
from claimx.settings import Settings

__all__ = ["DaskEngine", "default_extractor_factory"]

CONNECT_TIMEOUT = 20.0
"""Seconds to wait for the scheduler to answer, then for its first worker, and for a lost one to return."""

POLL_SECONDS = 0.05
"""How often a waiting run checks that the scheduler is still there."""


def dask_model_version(factory: ExtractorFactory, settings: Settings) -> str:
    """Runs on a Dask worker: load (once) the extractor and return its model version."""
    extractor, _ = cached_extractor(factory, settings)
    return extractor.model_version


def dask_run_chunk(
    factory: ExtractorFactory, settings: Settings, tasks: list[ArticleTask], batch_size: int
) -> list[ArticleOutcome]:
    """Runs on a Dask worker: the outcomes of ``tasks`` with this process's extractor."""
    extractor, lock = cached_extractor(factory, settings)
    with lock:
        return run_chunk(extractor, tasks, batch_size=batch_size)


class DaskEngine:
    """Runs article chunks on the Dask cluster whose scheduler is at ``scheduler``."""

    def __init__(
        self,
        scheduler: str,
        factory: ExtractorFactory,
        settings: Settings,
        *,
        chunk_size: int = 16,
        batch_size: int = 16,
        connect_timeout: float | None = None,
    ) -> None:
        self.scheduler, self.factory, self.settings = scheduler, factory, settings
        self.chunk_size, self.batch_size = max(1, chunk_size), batch_size
        self.connect_timeout = CONNECT_TIMEOUT if connect_timeout is None else connect_timeout
        self._client: Any = None
        self._version: str | None = None

    def start(self) -> None:
        """Connect to the scheduler and wait for at least one worker."""
        if self._client is not None:
            return
        from distributed import Client

        try:
            self._client = Client(self.scheduler, timeout=self.connect_timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(
                f"cannot reach the Dask scheduler at {self.scheduler}: {error_reason(exc)} "
                "(start one with `dask scheduler`, or check --scheduler)"
            ) from None
        try:
            self._client.wait_for_workers(1, timeout=self.connect_timeout)
        except (TimeoutError, OSError):
            raise UsageError(
                f"the Dask scheduler at {self.scheduler} has no workers "
                f"(start some with `dask worker {self.scheduler} --nthreads 1`)"
            ) from None

    def model_version(self) -> str:
        """The extractor's model version, as loaded by a worker."""
        self.start()
        if self._version is None:
            fut = self._client.submit(dask_model_version, self.factory, self.settings, pure=False)
            try:
                self._version = str(fut.result())
            except Exception as exc:
                msg = f"cannot load the extractor on a Dask worker: {error_reason(exc)}"
                raise (UsageError(msg) if isinstance(exc, UsageError) else ClaimxError(msg)) from None
        return self._version

    def outcomes(self, tasks: Sequence[ArticleTask]) -> Iterator[ArticleOutcome]:
        """Run ``tasks`` on the cluster; yields one outcome per task as chunks finish.

        A chunk whose worker died is retried article by article (Dask itself first
        reschedules it on another worker). If the scheduler goes away, a
        :class:`UsageError` says so once the client gives up reconnecting; what
        finished is already committed by the caller.
        """
        self.model_version()
        threads = max(1, sum(self._client.nthreads().values()))
        size = max(1, min(self.chunk_size, math.ceil(len(tasks) / (4 * threads))))  # several chunks each
        queue: deque[list[ArticleTask]] = deque(list(tasks[i : i + size]) for i in range(0, len(tasks), size))
        window = max(4, 2 * threads)
        chunks: dict[Any, list[ArticleTask]] = {}

        def submit() -> None:
            while queue and len(chunks) < window:
                chunk = queue.popleft()
                fut = self._client.submit(
                    dask_run_chunk, self.factory, self.settings, chunk, self.batch_size, pure=False
                )
                chunks[fut] = chunk

        submit()
        while chunks:
            for fut in self._finished(list(chunks)):
                yield from self._collect(fut, chunks.pop(fut), queue)
            submit()

    def _finished(self, futures: list[Any]) -> list[Any]:
        """Wait for at least one of ``futures``; raise if the scheduler is gone meanwhile."""
        lost_since: float | None = None
        while True:
            done = [f for f in futures if f.done()]
            if self._client.status != "running":
                lost_since = lost_since or time.monotonic()
                if self._client.status == "closed" or time.monotonic() - lost_since > self.connect_timeout:
                    raise self._scheduler_lost()
            elif done:
                return done
            else:
                lost_since = None
            time.sleep(POLL_SECONDS)

    def _collect(
        self, fut: Any, chunk: list[ArticleTask], queue: deque[list[ArticleTask]]
    ) -> list[ArticleOutcome]:
        """The outcomes of a finished chunk; a failed chunk goes back to ``queue`` article by article."""
        if fut.status == "cancelled":
            raise self._scheduler_lost()
        try:
            return list(fut.result())
        except Exception as exc:
            if len(chunk) > 1:
                queue.extendleft([t] for t in reversed(chunk))
                return []
            return [failed(chunk[0], f"failed on the Dask cluster: {error_reason(exc)}", retry=True)]
        finally:
            fut.release()

    def _scheduler_lost(self) -> UsageError:
        return UsageError(
            f"lost the Dask scheduler at {self.scheduler} (status {self._client.status}); finished articles "
            "are kept in the store: start the scheduler again, then run the same command again"
        )

    def close(self, *, graceful: bool = True) -> None:
        """Disconnect from the cluster (the cluster itself keeps running)."""
        if self._client is not None:
            self._client.close(timeout=10 if graceful else 2)
            self._client = None
