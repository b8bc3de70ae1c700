"""Helpers shared by the CLI command modules.

Example:
    >>> with user_errors():
    ...     pass
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from claimx.errors import ClaimxError, UsageError


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a :class:`UsageError` (or any ClaimxError) into one stderr line and exit 2."""
    try:
        yield
    except ClaimxError as exc:
        msg = str(exc).replace("\n", " ")
        print(f"claimx: error: {msg}", file=sys.stderr)
        raise typer.Exit(2) from None


def require_path(path: Path, what: str = "input") -> Path:
    """Raise a UsageError naming ``path`` when it does not exist."""
    if not path.exists():
        raise UsageError(f"no such {what}: {path} (give a file or folder that exists)")
    return path
