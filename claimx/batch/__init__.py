"""Batch extraction at scale: parallel, resumable, robust against bad input.

``run_batch`` reads every article under the given paths, runs the extractor on
the ones the store does not already hold (in this process, in a pool of worker
processes, or on a Dask cluster), commits each finished article to a SQLite store
beside the output, and writes the output and an errors file from it.

Example:
    >>> from pathlib import Path
    >>> store_path_for(Path("claims.jsonl")).name, errors_path_for(Path("claims.jsonl")).name
    ('claims.jsonl.claimx.sqlite', 'claims.errors.jsonl')
"""

from claimx.batch.runner import DEFAULT_MAX_BYTES, BatchInterrupted, check_batch_args, run_batch
from claimx.batch.store import ClaimStore, store_path_for
from claimx.batch.summary import BatchResult, errors_path_for, format_summary

__all__ = [
    "DEFAULT_MAX_BYTES",
    "BatchInterrupted",
    "BatchResult",
    "ClaimStore",
    "check_batch_args",
    "errors_path_for",
    "format_summary",
    "run_batch",
    "store_path_for",
]
