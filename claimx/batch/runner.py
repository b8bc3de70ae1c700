"""``run_batch``: every article under some paths to one claims file, in parallel and resumably.

The run reads all inputs first (``claimx.reading.iter_inputs``), skips the
articles the store already holds for the same content and model version, sends
the rest to an engine (in this process for one worker, a pool of worker
processes for several, or a Dask cluster), and commits each finished article to
the store as it comes back. Only then is the output written, from the store,
sorted by ``doc_id`` and claim order, so a resumed run writes the same bytes as
an uninterrupted one. Failed articles are listed in the summary and in the
errors file beside the output; they never stop the others.

Example:
    >>> from pathlib import Path
    >>> # result = run_batch([Path("corpus/")], Path("out/claims.jsonl"), workers=2)
    >>> # print(format_summary(result)); raise SystemExit(result.exit_code)
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from claimx.batch.fingerprint import installation_fingerprint
from claimx.batch.memory import keep_heap_flat
from claimx.batch.progress import progress_bar
from claimx.batch.store import ClaimStore, store_errors, store_path_for
from claimx.batch.summary import BatchResult, errors_path_for, sorted_failures, write_errors_file
from claimx.batch.work import (
    ArticleOutcome,
    ArticleTask,
    ExtractorFactory,
    ExtractorLike,
    claim_from_record,
    default_extractor_factory,
    error_reason,
    iter_outcomes,
)
from claimx.errors import ClaimxError, UsageError
from claimx.resolve.embed import batch_vectors_path
from claimx.settings import Settings
from claimx.types import Article, Claim, ReadFailure

DEFAULT_MAX_BYTES = 20_000_000
"""Largest input file read (``--max-bytes``; as ``claimx.reading.DEFAULT_MAX_BYTES``)."""

DEFAULT_TIMEOUT = 300.0
"""Seconds one article may take in a worker process before it is reported as failed."""

Reader = Callable[..., Iterable[Article | ReadFailure]]
"""``iter_inputs(paths, *, max_bytes)`` of :mod:`claimx.reading` (tests may pass another)."""


class BatchInterrupted(Exception):
    """The run was stopped (Ctrl-C, SIGTERM); what finished is kept in the store."""


class Engine(Protocol):
    """Runs article tasks somewhere and yields their outcomes."""

    def start(self) -> None: ...

    def model_version(self) -> str: ...

    def outcomes(self, tasks: Sequence[ArticleTask]) -> Iterator[ArticleOutcome]: ...

    def close(self, *, graceful: bool = True) -> None: ...


class InProcessEngine:
    """One worker: the extractor runs in this process, articles stream through ``extract_many``."""

    def __init__(self, factory: ExtractorFactory, settings: Settings, *, batch_size: int = 16) -> None:
        self.factory, self.settings, self.batch_size = factory, settings, batch_size
        self._extractor: ExtractorLike | None = None

    def start(self) -> None:
        """Load the extractor (once)."""
        if self._extractor is None:
            keep_heap_flat()
            try:
                self._extractor = self.factory(self.settings)
            except ClaimxError:
                raise
            except Exception as exc:
                raise ClaimxError(f"cannot load the extractor: {error_reason(exc)}") from exc

    def model_version(self) -> str:
        """The loaded extractor's model version."""
        self.start()
        assert self._extractor is not None
        return self._extractor.model_version

    def outcomes(self, tasks: Sequence[ArticleTask]) -> Iterator[ArticleOutcome]:
        """The outcome of each task, one at a time as each article is done."""
        self.start()
        assert self._extractor is not None
        return iter_outcomes(self._extractor, tasks, batch_size=self.batch_size)

    def close(self, *, graceful: bool = True) -> None:
        """Drop the extractor."""
        self._extractor = None


@dataclass
class _Inputs:
    """What the read pass found: tasks in reading order, failures, duplicates."""

    tasks: list[ArticleTask] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)
    duplicates: list[ReadFailure] = field(default_factory=list)


def check_batch_args(  # noqa: C901 (one check per argument, each with its own one-line error)
    paths: Sequence[Path],
    out: Path,
    *,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Raise a :class:`UsageError` for arguments a batch cannot run with."""
    from claimx.output import fmt_for

    if not paths:
        raise UsageError("no input given (name at least one file or folder)")
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise UsageError(f"no such input: {p} (give a file or folder that exists)")
    fmt_for(out)
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder (give a file name ending in .jsonl, .csv or .parquet)")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers {workers} is not a number of processes (give 1 or more)")
    if max_bytes < 1:
        raise UsageError(f"--max-bytes {max_bytes} is not a size (give a number of bytes, e.g. 20000000)")
    if not timeout > 0:
        raise UsageError(f"--timeout {timeout} is not a time (give seconds, e.g. 300)")
    if engine not in ("local", "dask"):
        raise UsageError(f"unknown engine '{engine}' (use --engine local or --engine dask)")
    if engine == "dask" and not scheduler:
        raise UsageError("--engine dask needs --scheduler tcp://HOST:PORT (the address of a scheduler)")
    if engine == "local" and scheduler:
        raise UsageError("--scheduler is only used with --engine dask (add --engine dask)")


def run_batch(
    paths: Sequence[Path],
    out: Path,
    *,
    settings: Settings | None = None,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    chunk_size: int = 16,
    batch_size: int = 16,
    factory: ExtractorFactory = default_extractor_factory,
    reader: Reader | None = None,
    fresh: bool = False,
) -> BatchResult:
    """Extract the claims of every article under ``paths`` into ``out`` (format from its suffix).

    Args:
        workers: processes on this machine (default: the number of CPU cores); 1 runs in-process.
        engine: ``local`` or ``dask`` (then ``scheduler`` is the cluster's address).
        max_bytes: larger input files are failed, not read.
        progress: show the progress bar (None: when stderr is a terminal).
        timeout: seconds per article in a worker process before it is failed.
        factory: builds the extractor from ``settings`` (tests pass a fake).
        reader: replaces ``claimx.reading.iter_inputs`` (tests).
        fresh: delete the store first (``--fresh``): every article is redone.

    Raises:
        UsageError: unusable arguments. BatchInterrupted: Ctrl-C or SIGTERM (finished articles are kept).
    """
    started = time.monotonic()
    check_batch_args(
        paths, out, workers=workers, engine=engine, scheduler=scheduler, max_bytes=max_bytes, timeout=timeout
    )
    settings = settings if settings is not None else Settings.from_env()
    store_path, errors_path = store_path_for(out), errors_path_for(out)
    own_files = {
        p.resolve()
        for p in (
            out,
            errors_path,
            store_path,
            batch_vectors_path(out),
            *(Path(f"{store_path}{s}") for s in ("-wal", "-shm", ".lock")),
        )
    }
    with ClaimStore.open(store_path, fresh=fresh) as store, store_errors(store_path), _sigterm_as_interrupt():
        run_engine: Engine | None = None
        try:
            inputs = _read_inputs(paths, max_bytes, reader, own_files)
            run_engine = _make_engine(
                engine,
                scheduler=scheduler,
                factory=factory,
                settings=settings,
                workers=workers,
                n_tasks=len(inputs.tasks),
                chunk_size=chunk_size,
                batch_size=batch_size,
                timeout=timeout,
            )
            failures, duplicates = list(inputs.failures), list(inputs.duplicates)
            known = _known_model_version(factory, settings, store) if inputs.tasks else ("", None)
            version, fingerprint = known
            pending = _pending(store, inputs.tasks, version) if version is not None else inputs.tasks
            if pending:  # load the models only when something is left to do
                actual = run_engine.model_version()
                if fingerprint is not None:
                    store.set_meta(fingerprint, actual)
                if actual != version:
                    version, pending = actual, _pending(store, inputs.tasks, actual)
            assert version is not None
            remembered = store.failed_keys(version)
            failures += [_failure(t, remembered[t.key]) for t in inputs.tasks if t.key in remembered]
            processed = _process(
                run_engine, pending, store=store, version=version, progress=progress, failures=failures
            )
        except KeyboardInterrupt:
            if run_engine is not None:
                run_engine.close(graceful=False)
                run_engine = None
            raise BatchInterrupted(
                f"interrupted: {store.count_articles()} finished articles are kept in {store_path}; "
                "run the same command again to finish"
            ) from None
        finally:
            if run_engine is not None:
                run_engine.close()
        current: dict[str, set[str]] = {}
        for t in inputs.tasks:
            current.setdefault(t.article.doc_id, set()).add(t.content_hash)
        store.prune(current)
        with output_errors(out):
            n_claims = _write_output(store, inputs.tasks, out)
    failures_sorted = sorted_failures(failures)
    duplicates_sorted = sorted_failures(duplicates)
    with output_errors(errors_path):
        write_errors_file(errors_path, failures_sorted + duplicates_sorted)
    return BatchResult(
        out=out,
        errors_path=errors_path,
        store_path=store_path,
        articles=len(inputs.tasks),
        processed=processed,
        reused=len(inputs.tasks) - len(pending),
        claims=n_claims,
        failures=failures_sorted,
        duplicates=duplicates_sorted,
        seconds=time.monotonic() - started,
    )


def _known_model_version(
    factory: ExtractorFactory, settings: Settings, store: ClaimStore
) -> tuple[str | None, str | None]:
    """The model version, if it can be told without loading models; and the store key remembering it.

    A factory may tell it with a ``model_version_for(settings)`` attribute; for the
    real extractor the store remembers it per installation fingerprint.
    """
    probe = getattr(factory, "model_version_for", None)
    if callable(probe):
        return str(probe(settings)), None
    if factory is default_extractor_factory:
        key = f"model_version:{installation_fingerprint(settings)}"
        return store.meta(key), key
    return None, None


def _pending(store: ClaimStore, tasks: Sequence[ArticleTask], version: str) -> list[ArticleTask]:
    """The tasks the store holds no result for (claims or a remembered failure) under ``version``."""
    done, remembered = store.done_keys(version), store.failed_keys(version)
    return [t for t in tasks if t.key not in done and t.key not in remembered]


def _process(
    engine: Engine,
    pending: Sequence[ArticleTask],
    *,
    store: ClaimStore,
    version: str,
    progress: bool | None,
    failures: list[ReadFailure],
) -> int:
    """Run ``pending`` on ``engine``, committing each article as it comes back.

    Failures are appended to ``failures``; returns how many articles went through.
    """
    by_key = {t.key: t for t in pending}
    processed = 0
    with progress_bar(len(pending), enabled=progress) as bar:
        for outcome in engine.outcomes(pending) if pending else ():
            task = by_key[outcome.key]
            if outcome.records is not None:
                store.commit_article(
                    *task.key,
                    version,
                    task.article.path,
                    outcome.records,
                    vectors=outcome.vectors,
                    encoder=outcome.encoder,
                )
                processed += 1
            else:
                if not outcome.retry:
                    store.commit_failure(*task.key, version, task.article.path, outcome.error or "")
                failures.append(_failure(task, outcome.error or "failed"))
            bar.advance(claims=len(outcome.records or ()), failed=outcome.records is None)
    return processed


def _make_engine(
    engine: str,
    *,
    scheduler: str | None,
    factory: ExtractorFactory,
    settings: Settings,
    workers: int | None,
    n_tasks: int,
    chunk_size: int,
    batch_size: int,
    timeout: float,
) -> Engine:
    """The engine for this run: in-process for one worker, else a pool or the Dask cluster."""
    if engine == "dask":
        from claimx.batch.dask_engine import DaskEngine

        return DaskEngine(str(scheduler), factory, settings, chunk_size=chunk_size, batch_size=batch_size)
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        return InProcessEngine(factory, settings, batch_size=batch_size)
    from claimx.batch.pool import WorkerPool

    n_procs = max(1, min(workers, n_tasks))  # no idle worker loading models for nothing
    return WorkerPool(
        factory, settings, n_procs, chunk_size=chunk_size, timeout=timeout, batch_size=batch_size
    )


def _read_inputs(
    paths: Sequence[Path], max_bytes: int, reader: Reader | None, own_files: set[Path]
) -> _Inputs:
    """All articles under ``paths`` (but this run's own output files), with read failures."""
    if reader is None:
        from claimx.reading import iter_inputs as reader
    found = _Inputs()
    seen: set[tuple[str, str]] = set()
    for item in reader(list(paths), max_bytes=max_bytes):
        if item.path and _resolves_to(item.path, own_files):
            continue
        if isinstance(item, ReadFailure):
            (found.duplicates if item.kind == "duplicate" else found.failures).append(item)
            continue
        task = ArticleTask.of(item)
        if task.key in seen:  # an identical record under the same doc_id
            found.duplicates.append(
                ReadFailure(
                    item.doc_id, item.path or "", "identical duplicate of an earlier record", "duplicate"
                )
            )
            continue
        seen.add(task.key)
        found.tasks.append(task)
    return found


def _resolves_to(path: str, files: set[Path]) -> bool:
    try:
        return Path(path).resolve() in files
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _failure(task: ArticleTask, reason: str) -> ReadFailure:
    return ReadFailure(task.article.doc_id, task.article.path or "", reason, "error")


def _write_output(store: ClaimStore, tasks: Sequence[ArticleTask], out: Path) -> int:
    """Write the stored claims of this run's articles to ``out``, sorted by doc_id then claim order.

    The stored sentence vectors of those claims go to ``batch_vectors_path(out)`` for ``claimx resolve``.
    """
    from claimx.output import write_claims
    from claimx.resolve.embed import batch_vectors_path

    order = sorted(range(len(tasks)), key=lambda i: (tasks[i].article.doc_id, i))
    claims = [claim_from_record(r) for i in order for r in store.records(*tasks[i].key)]
    write_claims(claims, out)
    _write_vectors(store, claims, batch_vectors_path(out))
    return len(claims)


def _write_vectors(store: ClaimStore, claims: Sequence[Claim], path: Path) -> None:
    """Write the stored vectors of the claims' sentences to ``path`` (nothing when none is stored)."""
    import numpy as np

    from claimx.resolve.embed import sentence_key, write_vectors

    encoder, found = store.vectors({sentence_key(c.sentence) for c in claims})
    if found:
        write_vectors(path, {k: np.frombuffer(v, np.float32) for k, v in found.items()}, encoder)


@contextmanager
def output_errors(path: Path) -> Iterator[None]:
    """An output file that cannot be written (disk full, no permission) as one line saying what to do.

    >>> with output_errors(Path("c.jsonl")):  # doctest: +ELLIPSIS
    ...     raise OSError(28, "No space left on device")
    Traceback (most recent call last):
    ...
    claimx.errors.UsageError: cannot write c.jsonl: No space left on device (free some space ...)
    """
    try:
        yield
    except OSError as exc:
        raise UsageError(
            f"cannot write {path}: {exc.strerror or exc} (free some space or make it writable, "
            "then run the same command again: finished articles are kept)"
        ) from None


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While running, SIGTERM stops the run like Ctrl-C (cluster schedulers send it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
