"""Read what a report is made from: a ``claimx resolve`` output folder, or a claims file alone.

A resolve folder holds ``events.jsonl`` and ``relations.jsonl``. The claims they
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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimx.errors import UsageError
from claimx.output import read_claims
from claimx.report.model import ReportInput
from claimx.types import Event, Relation

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
    events_path, relations_path = path / "events.jsonl", path / "relations.jsonl"
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
    events = tuple(event_from_record(rec, events_path, n) for n, rec in _jsonl(events_path))
    relations: tuple[Relation, ...] = ()
    if relations_path.is_file():
        relations = tuple(relation_from_record(rec, relations_path, n) for n, rec in _jsonl(relations_path))
    return ReportInput(
        claims=tuple(read_claims(claims_path)),
        events=events,
        relations=relations,
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


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}:{n}: not a JSON record ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise UsageError(f"{path}:{n}: not a JSON object")
            yield n, rec


def _opt_int(v: Any) -> int | None:
    return None if v is None or v == "" else int(v)


def _opt_float(v: Any) -> float | None:
    return None if v is None or v == "" else float(v)


def _strs(v: Any) -> tuple[str, ...]:
    return tuple(str(x) for x in v) if isinstance(v, list | tuple) else ()


def event_from_record(rec: dict[str, Any], path: Path | str = "events.jsonl", line: int = 0) -> Event:
    """An :class:`Event` from one line of ``events.jsonl``; missing optional fields become None.

    Example:
        >>> event_from_record({"event_id": "e1", "claim_ids": ["c1"], "action_type": "attack"}).claim_ids
        ('c1',)
    """
    try:
        return Event(
            event_id=str(rec["event_id"]),
            claim_ids=_strs(rec.get("claim_ids")),
            doc_ids=_strs(rec.get("doc_ids")),
            sources=tuple(None if s is None else str(s) for s in rec.get("sources") or ()),
            action_type=str(rec.get("action_type") or "other"),
            date_norm=rec.get("date_norm"),
            location_norm=rec.get("location_norm"),
            admin1=rec.get("admin1"),
            lat=_opt_float(rec.get("lat")),
            lon=_opt_float(rec.get("lon")),
            actors=_strs(rec.get("actors")),
            targets=_strs(rec.get("targets")),
            killed_low=_opt_int(rec.get("killed_low")),
            killed_best=_opt_int(rec.get("killed_best")),
            killed_high=_opt_int(rec.get("killed_high")),
            contested=bool(rec.get("contested", False)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"{path}:{line}: not an event record ({exc!r})") from None


def relation_from_record(
    rec: dict[str, Any], path: Path | str = "relations.jsonl", line: int = 0
) -> Relation:
    """A :class:`Relation` from one line of ``relations.jsonl``.

    Example:
        >>> relation_from_record({"claim_a": "a", "claim_b": "b", "relation": "contradicts",
        ...                       "slot": "killed", "reason": "33 vs 12"}).slot
        'killed'
    """
    try:
        return Relation(
            claim_a=str(rec["claim_a"]),
            claim_b=str(rec["claim_b"]),
            relation=rec["relation"],
            slot=rec.get("slot") or "event",
            reason=str(rec.get("reason") or ""),
        )
    except (KeyError, TypeError) as exc:
        raise UsageError(f"{path}:{line}: not a relation record ({exc!r})") from None
