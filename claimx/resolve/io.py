"""Writing and reading resolver output: ``events``, ``relations`` and ``sources``.

``DIR/events.jsonl`` and ``DIR/relations.jsonl`` are always written (CONTRACT.md);
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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claimx.errors import UsageError
from claimx.types import Event, Relation

EXTRA_FORMATS: tuple[str, ...] = ("csv", "parquet")
EVENT_FIELDS: tuple[str, ...] = tuple(Event.__dataclass_fields__)
RELATION_FIELDS: tuple[str, ...] = tuple(Relation.__dataclass_fields__)


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
    formats: Sequence[str] = (),
    source_records: Sequence[dict[str, Any]] | None = None,
    source_fields: Sequence[str] | None = None,
) -> list[Path]:
    """Write ``events`` and ``relations`` (JSONL, plus each of ``formats``) and the source view."""
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
    if source_records is not None:
        written.append(write_records(source_records, out_dir / "sources.csv", source_fields))
    return written


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise UsageError(f"no such file: {path} (run `claimx resolve CLAIMS --out {path.parent}` first)")
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise UsageError(f"{path}:{n}: not a JSON record ({exc.msg})") from None
    return out


def read_relations(path: Path) -> list[Relation]:
    """Relations from a ``relations.jsonl`` file."""
    try:
        return [Relation(**{k: rec[k] for k in RELATION_FIELDS}) for rec in _read_jsonl(path)]
    except KeyError as exc:
        raise UsageError(f"{path} is not a relations file: missing field {exc}") from None


def read_events(path: Path) -> list[Event]:
    """Events from an ``events.jsonl`` file."""
    out = []
    for rec in _read_jsonl(path):
        try:
            values = {k: rec[k] for k in EVENT_FIELDS}
        except KeyError as exc:
            raise UsageError(f"{path} is not an events file: missing field {exc}") from None
        for k in ("claim_ids", "doc_ids", "sources", "actors", "targets"):
            values[k] = tuple(values[k])
        out.append(Event(**values))
    return out


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
