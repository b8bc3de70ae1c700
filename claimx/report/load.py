"""Read what a report is made from: a ``claimx resolve`` output folder, or a claims file alone.

A resolve folder holds ``events.jsonl``, ``relations.jsonl`` and ``disputes.jsonl``, read by
:func:`claimx.resolve.io.read_resolution` (the one reader of resolver records). The claims they
refer to are found, in this order: the ``claims`` argument (``--claims FILE``);
a pointer the resolver leaves in the folder (``run.json`` or ``manifest.json``
with a ``"claims"`` path, or ``claims_path.txt``); a ``claims.jsonl`` /
``claims.csv`` / ``claims.parquet`` copy in the folder.

Example:
    >>> from pathlib import Path
    >>> find_claims_file(Path("no/such/folder")) is None
    True
"""

from __future__ import annotations

import json
from pathlib import Path

from claimx.errors import UsageError
from claimx.output import read_claims
from claimx.report.model import ReportInput
from claimx.resolve.io import read_resolution

POINTER_FILES: tuple[str, ...] = ("run.json", "manifest.json")
CLAIMS_COPIES: tuple[str, ...] = ("claims.jsonl", "claims.csv", "claims.parquet")


def load_report_input(path: Path, claims: Path | None = None) -> ReportInput:
    """Read a resolve output folder (with its claims) or a claims file alone.

    Raises:
        UsageError: the path does not exist, a file is malformed, or the claims of
            a resolve folder cannot be found.
    """
    if not path.exists():
        raise UsageError(
            f"no such report input: {path} (give a claims file or a `claimx resolve` output folder)"
        )
    if path.is_file():
        if claims is not None:
            raise UsageError(f"--claims is only for a resolve output folder, and {path} is a file")
        found = read_claims(path)
        return ReportInput(claims=tuple(found), origin=f"claims file {path.name}")
    events_path = path / "events.jsonl"
    if not events_path.is_file():
        raise UsageError(
            f"{path} has no events.jsonl (give a `claimx resolve` output folder, or a claims file)"
        )
    claims_path = claims if claims is not None else find_claims_file(path)
    if claims_path is None:
        raise UsageError(
            f"cannot find the claims behind {path} (pass --claims FILE, the file given to `claimx resolve`)"
        )
    if not claims_path.is_file():
        raise UsageError(f"no such claims file: {claims_path} (pass --claims FILE)")
    resolved = read_resolution(path)
    return ReportInput(
        claims=tuple(read_claims(claims_path)),
        events=resolved.events,
        relations=resolved.relations,
        disputes=resolved.disputes,
        has_events=True,
        origin=f"resolve output {path.name} with claims {claims_path.name}",
    )


def find_claims_file(folder: Path) -> Path | None:
    """The claims file a resolve folder points to or holds, or None."""
    for name in POINTER_FILES:
        pointer = folder / name
        if pointer.is_file():
            try:
                meta = json.loads(pointer.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                continue
            value = meta.get("claims") if isinstance(meta, dict) else None
            if isinstance(value, dict):
                value = value.get("path")
            if isinstance(value, str) and value:
                return _relative_to(folder, value)
    txt = folder / "claims_path.txt"
    if txt.is_file():
        value = txt.read_text(encoding="utf-8").strip()
        if value:
            return _relative_to(folder, value)
    for name in CLAIMS_COPIES:
        if (folder / name).is_file():
            return folder / name
    return None


def _relative_to(folder: Path, value: str) -> Path:
    p = Path(value).expanduser()
    return p if p.is_absolute() else folder / p
