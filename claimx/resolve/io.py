"""Writing and reading resolver output: ``events``, ``relations``, ``disputes`` and ``sources``.

The one reader of resolver records (the report and ``claimx evaluate`` use it; claims
files are read by :func:`claimx.output.read_claims`).
``DIR/events.jsonl``, ``DIR/relations.jsonl`` and ``DIR/disputes.jsonl`` are always written (CONTRACT.md);
``.csv`` and ``.parquet`` copies on request (list fields as JSON text in CSV, as list
columns in Parquet); ``DIR/sources.csv`` holds the source view. Every file is written
beside its name and renamed over it, so a reader never sees half a file.

Example:
    >>> import tempfile
    >>> from claimx.types import Relation
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = write_records([Relation("a", "b", "corroborates", "event", "both say so").to_record()],
    ...                   d / "relations.jsonl")
    >>> read_relations(d / "relations.jsonl")[0].slot
    'event'
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimx.errors import UsageError
from claimx.types import ACTION_TYPES, Claim, Dispute, Event, Position, Relation

EXTRA_FORMATS: tuple[str, ...] = ("csv", "parquet")
EVENT_FIELDS: tuple[str, ...] = tuple(Event.__dataclass_fields__)
RELATION_FIELDS: tuple[str, ...] = tuple(Relation.__dataclass_fields__)
DISPUTE_FIELDS: tuple[str, ...] = tuple(Dispute.__dataclass_fields__)


def _replace_atomically(path: Path, write) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def write_records(
    records: Sequence[dict[str, Any]], path: Path, columns: Sequence[str] | None = None
) -> Path:
    """Write dicts to ``path`` in the format its suffix names (``.jsonl``, ``.csv``, ``.parquet``)."""
    suffix = path.suffix.lower()
    cols = list(columns or (records[0].keys() if records else []))

    def write(tmp: Path) -> None:
        if suffix == ".jsonl":
            with tmp.open("w", encoding="utf-8") as fh:
                for rec in records:
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif suffix == ".csv":
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
            writer.writeheader()
            for rec in records:
                writer.writerow({k: _csv_cell(rec.get(k)) for k in cols})
            tmp.write_text(buf.getvalue(), encoding="utf-8")
        elif suffix == ".parquet":
            import pandas as pd

            pd.DataFrame(list(records), columns=cols).to_parquet(tmp, index=False)
        else:
            raise UsageError(f"unknown output format '{suffix}' for {path} (use .jsonl, .csv or .parquet)")

    return _replace_atomically(path, write)


def _csv_cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return json.dumps(list(v), ensure_ascii=False)
    return v


def write_resolution(
    events: Sequence[Event],
    relations: Sequence[Relation],
    out_dir: Path,
    *,
    disputes: Sequence[Dispute] = (),
    formats: Sequence[str] = (),
    source_records: Sequence[dict[str, Any]] | None = None,
    source_fields: Sequence[str] | None = None,
) -> list[Path]:
    """Write ``events`` and ``relations`` (JSONL, plus each of ``formats``), ``disputes.jsonl`` and the
    source view."""
    unknown = [f for f in formats if f not in EXTRA_FORMATS]
    if unknown:
        raise UsageError(f"unknown format {unknown[0]!r} (use csv or parquet; jsonl is always written)")
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir} is a file (give a folder for events.jsonl and relations.jsonl)")
    ev = [e.to_record() for e in events]
    rel = [r.to_record() for r in relations]
    written = []
    for fmt in ("jsonl", *dict.fromkeys(formats)):
        written.append(write_records(ev, out_dir / f"events.{fmt}", EVENT_FIELDS))
        written.append(write_records(rel, out_dir / f"relations.{fmt}", RELATION_FIELDS))
    dis = [d.to_record() for d in disputes]
    written.append(write_records(dis, out_dir / "disputes.jsonl", DISPUTE_FIELDS))
    if source_records is not None:
        written.append(write_records(source_records, out_dir / "sources.csv", source_fields))
    return written


def read_jsonl(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(where, record)`` for each JSON object line of ``path`` (``where`` is ``path:line``).

    Raises:
        UsageError: no such file, a line that is not JSON, or not a JSON object.
    """
    if not path.is_file():
        raise UsageError(f"no such file: {path} (run `claimx resolve CLAIMS --out {path.parent}` first)")
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
            yield f"{path}:{n}", rec


def _opt_int(v: Any) -> int | None:
    return None if v is None or v == "" else int(v)


def _opt_float(v: Any) -> float | None:
    return None if v is None or v == "" else float(v)


def _strs(v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if not isinstance(v, list | tuple):
        raise TypeError(f"expected a list, got {type(v).__name__}")
    return tuple(str(x) for x in v)


def _nstrs(v: Any) -> tuple[str | None, ...]:
    return tuple(None if x is None else str(x) for x in (v or ()))


def event_from_record(rec: dict[str, Any], where: str = "events.jsonl") -> Event:
    """An :class:`Event` from one record of ``events.jsonl``; optional fields may be missing.

    >>> event_from_record({"event_id": "e1", "claim_ids": ["c1"], "action_type": "attack"}).claim_ids
    ('c1',)
    """
    try:
        return Event(
            event_id=str(rec["event_id"]),
            claim_ids=_strs(rec["claim_ids"]),
            doc_ids=_strs(rec.get("doc_ids")),
            sources=_nstrs(rec.get("sources")),
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
            disputes=_strs(rec.get("disputes")),
        )
    except KeyError as exc:
        raise UsageError(f"{where}: not an event record: missing field {exc}") from None
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{where}: not an event record ({exc})") from None


def relation_from_record(rec: dict[str, Any], where: str = "relations.jsonl") -> Relation:
    """A :class:`Relation` from one record of ``relations.jsonl``.

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
    except KeyError as exc:
        raise UsageError(f"{where}: not a relation record: missing field {exc}") from None


def dispute_from_record(rec: dict[str, Any], where: str = "disputes.jsonl") -> Dispute:
    """A :class:`Dispute` from one record of ``disputes.jsonl``.

    >>> d = dispute_from_record({"event_id": "e", "slot": "killed", "reason": "r", "positions": [
    ...     {"value": "33", "sources": ["a"], "speakers": [None], "claim_ids": ["c1"], "evidence": "s"},
    ...     {"value": "32", "sources": ["b"], "speakers": ["x"], "claim_ids": ["c2"], "evidence": "t"}]})
    >>> [p.value for p in d.positions]
    ['33', '32']
    """
    try:
        positions = tuple(
            Position(
                value=str(p["value"]),
                sources=_nstrs(p.get("sources")),
                speakers=_nstrs(p.get("speakers")),
                claim_ids=_strs(p["claim_ids"]),
                evidence=str(p.get("evidence") or ""),
                hedged=bool(p.get("hedged", False)),
            )
            for p in rec["positions"]
        )
        return Dispute(str(rec["event_id"]), rec["slot"], positions, str(rec.get("reason") or ""))
    except KeyError as exc:
        raise UsageError(f"{where}: not a dispute record: missing field {exc}") from None
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{where}: not a dispute record ({exc})") from None


def read_events(path: Path) -> list[Event]:
    """Events from an ``events.jsonl`` file."""
    return [event_from_record(rec, where) for where, rec in read_jsonl(path)]


def read_relations(path: Path) -> list[Relation]:
    """Relations from a ``relations.jsonl`` file."""
    return [relation_from_record(rec, where) for where, rec in read_jsonl(path)]


def read_disputes(path: Path) -> list[Dispute]:
    """Disputes from a ``disputes.jsonl`` file."""
    return [dispute_from_record(rec, where) for where, rec in read_jsonl(path)]


@dataclass(frozen=True, slots=True)
class ResolvedRecords:
    """What ``claimx resolve`` wrote to a folder (relations and disputes empty when absent)."""

    events: tuple[Event, ...]
    relations: tuple[Relation, ...]
    disputes: tuple[Dispute, ...]


def read_resolution(out_dir: Path) -> ResolvedRecords:
    """Events, relations and disputes of a ``claimx resolve`` output folder.

    Raises:
        UsageError: the folder has no ``events.jsonl``, or a file is malformed.
    """
    events_path = out_dir / "events.jsonl"
    if not events_path.is_file():
        raise UsageError(f"{out_dir} has no events.jsonl (give a `claimx resolve` output folder)")
    rel, dis = out_dir / "relations.jsonl", out_dir / "disputes.jsonl"
    return ResolvedRecords(
        events=tuple(read_events(events_path)),
        relations=tuple(read_relations(rel)) if rel.is_file() else (),
        disputes=tuple(read_disputes(dis)) if dis.is_file() else (),
    )


REQUIRED_TEXT: tuple[str, ...] = ("claim_id", "doc_id", "sentence", "action", "action_type")
"""Claim fields that must be present and non-empty for the resolver."""


def read_claims_checked(path: Path) -> list[Claim]:
    """Claims of a batch file, checked for the resolver: bad input is a one-line UsageError.

    Refused: no such file, a file that cannot be read (truncated Parquet, broken JSON),
    no claims at all, a field of the wrong type, a record missing a required field, an
    unknown ``action_type``.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "c.jsonl"
    >>> _ = p.write_text("")
    >>> try:
    ...     read_claims_checked(p)
    ... except UsageError as exc:
    ...     print(str(exc).split(" (")[0].endswith("c.jsonl holds no claims"))
    True
    """
    from claimx.output import read_claims

    try:
        claims = read_claims(path)
    except (ValueError, TypeError, AttributeError) as exc:
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"{path} is not a usable claims file: a field has the wrong type ({msg})") from None
    if not claims:
        raise UsageError(f"{path} holds no claims (empty file; run `claimx batch ... --out {path.name}`)")
    for n, c in enumerate(claims, 1):
        missing = [k for k in REQUIRED_TEXT if not getattr(c, k)]
        if missing:
            raise UsageError(f"{path}: record {n} lacks {', '.join(missing)} (not a claims file from batch?)")
        if c.action_type not in ACTION_TYPES:
            raise UsageError(f"{path}: record {n} has an unknown action_type {c.action_type!r}")
    return claims


def write_run_manifest(out_dir: Path, claims_path: Path) -> Path:
    """Write ``DIR/run.json`` naming the claims file, so ``claimx report DIR`` finds it.

    >>> import tempfile, json
    >>> d = Path(tempfile.mkdtemp())
    >>> json.loads(write_run_manifest(d, Path("claims.jsonl")).read_text())["claims"].endswith("claims.jsonl")
    True
    """
    import json

    path = out_dir / "run.json"
    out_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"claims": str(claims_path.resolve())}, indent=1) + "\n", encoding="utf-8")
    return path
