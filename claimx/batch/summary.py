"""What a batch run did: its result record, the summary a person reads, and the errors file.

The errors file sits beside the output, ``<OUT stem>.errors.jsonl``
(``claims.jsonl`` -> ``claims.errors.jsonl``): one JSON object a line,
``{"doc_id", "path", "reason", "kind"}``, for every article that failed
(``kind: "error"``) or was skipped as an identical duplicate (``kind: "duplicate"``).
It is rewritten by every completed run, empty when nothing failed.

Example:
    >>> errors_path_for(Path("out/claims.parquet")).as_posix()
    'out/claims.errors.jsonl'
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from claimx.types import ReadFailure

SHOWN_FAILURES = 20
"""Failures listed one by one in the summary; the rest are counted (all are in the errors file)."""


def errors_path_for(out: Path) -> Path:
    """The errors file of a batch writing ``out``: ``<OUT stem>.errors.jsonl`` beside it."""
    return out.with_name(out.stem + ".errors.jsonl")


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The outcome of a completed batch run.

    ``articles`` counts the articles read (duplicates excluded); each of them was
    ``processed`` now, ``reused`` from the store, or failed. ``failures`` holds the
    lost articles (unreadable or failed in extraction), ``duplicates`` the
    identical records skipped on purpose.
    """

    out: Path
    errors_path: Path
    store_path: Path
    articles: int
    processed: int
    reused: int
    claims: int
    failures: tuple[ReadFailure, ...]
    duplicates: tuple[ReadFailure, ...]
    seconds: float

    @property
    def exit_code(self) -> int:
        """0 when every article went through, 1 when some failed (duplicates do not count)."""
        return 1 if self.failures else 0

    @property
    def articles_per_second(self) -> float:
        """Articles processed (not reused) per second of the run."""
        return self.processed / self.seconds if self.seconds > 0 else 0.0


def format_summary(result: BatchResult, *, shown: int = SHOWN_FAILURES) -> str:
    """The end-of-run summary for stderr: counts, time, and the failures with their reasons.

    >>> r = BatchResult(Path("c.jsonl"), Path("c.errors.jsonl"), Path("s"), 3, 2, 0, 5,
    ...                 (ReadFailure("x", "x.bin", "binary file"),), (), 2.0)
    >>> print(format_summary(r).splitlines()[0][:60])
    claimx batch: 3 articles read, 2 processed, 0 reused from st
    """
    r = result
    lines = [
        f"claimx batch: {r.articles} articles read, {r.processed} processed, {r.reused} reused from store, "
        f"{r.claims} claims, {len(r.failures)} failed, {len(r.duplicates)} duplicates skipped "
        f"in {r.seconds:.1f} s" + (f" ({r.articles_per_second:.1f} articles/s)" if r.processed else "")
    ]
    for title, items in (("failed", r.failures), ("duplicates skipped", r.duplicates)):
        if not items:
            continue
        lines.append(f"{title}:")
        lines += [f"  {_where(f)}: {f.reason}" for f in items[:shown]]
        if len(items) > shown:
            lines.append(f"  and {len(items) - shown} more; see {r.errors_path}")
    lines.append(
        f"wrote {r.claims} claims to {r.out}" + (f"; errors in {r.errors_path}" if r.failures else "")
    )
    return "\n".join(lines) + "\n"


def _where(failure: ReadFailure) -> str:
    if failure.path and failure.doc_id and failure.doc_id not in failure.path:
        return f"{failure.doc_id} ({failure.path})"
    return failure.path or failure.doc_id


def sorted_failures(failures: Iterable[ReadFailure]) -> tuple[ReadFailure, ...]:
    """Failures in a stable order (doc_id, path, reason), so reruns list them alike."""
    return tuple(sorted(failures, key=lambda f: (f.doc_id, f.path, f.reason)))


def write_errors_file(path: Path, failures: Iterable[ReadFailure]) -> Path:
    """Write ``failures`` as JSON Lines to ``path``, atomically (written beside it, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("w", encoding="utf-8", errors="backslashreplace") as fh:  # odd file names
            for f in failures:
                rec = {"doc_id": f.doc_id, "path": f.path, "reason": f.reason, "kind": f.kind}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
