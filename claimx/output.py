"""Writing and reading claim files (JSONL, CSV, Parquet) and the terminal table.

The suffix of the path picks the format. CSV and Parquet have the claim
fields as columns, in contract order.

Example:
    >>> from pathlib import Path
    >>> fmt_for(Path("claims.parquet"))
    'parquet'
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from claimx.errors import UsageError
from claimx.types import CLAIM_FIELDS, Claim

FORMATS: dict[str, str] = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}


def fmt_for(path: Path, role: str = "output") -> str:
    """The claims-file format named by ``path``'s suffix, or a UsageError naming ``role``."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"unknown {role} format '{path.suffix or path.name}' for {path} (use .jsonl, .csv or .parquet)"
        )
    return fmt


def claims_to_records(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """Claims as plain dicts in contract field order."""
    return [c.to_record() for c in claims]


def claims_to_frame(claims: Iterable[Claim]):  # -> pandas.DataFrame
    """Claims as a DataFrame whose columns are the contract's fields."""
    import pandas as pd

    df = pd.DataFrame(claims_to_records(claims), columns=list(CLAIM_FIELDS))
    for col in ("killed", "injured"):
        df[col] = df[col].astype("Int64")
    for col in ("lat", "lon", "confidence"):
        df[col] = df[col].astype("float64")
    return df


def _atomic_target(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def write_claims(claims: Sequence[Claim], path: Path) -> Path:
    """Write claims to ``path`` in the format its suffix names, atomically.

    The file is written beside ``path`` and renamed over it, so a reader never
    sees half a file.
    """
    fmt = fmt_for(path)
    tmp = _atomic_target(path)
    try:
        if fmt == "jsonl":
            with tmp.open("w", encoding="utf-8") as fh:
                for c in claims:
                    fh.write(json.dumps(c.to_record(), ensure_ascii=False) + "\n")
        elif fmt == "csv":
            tmp.write_text(claims_to_csv(claims), encoding="utf-8")
        else:
            claims_to_frame(claims).to_parquet(tmp, index=False)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def claims_to_csv(claims: Iterable[Claim]) -> str:
    """Claims as CSV text with a header row of the contract's fields."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(CLAIM_FIELDS), lineterminator="\n")
    writer.writeheader()
    for c in claims:
        writer.writerow({k: ("" if v is None else v) for k, v in c.to_record().items()})
    return buf.getvalue()


def claims_to_jsonl(claims: Iterable[Claim]) -> str:
    """Claims as JSON Lines text."""
    return "".join(json.dumps(c.to_record(), ensure_ascii=False) + "\n" for c in claims)


def read_claims(path: Path) -> list[Claim]:
    """Read a claims file written by ``claimx batch`` (any of its formats)."""
    if not path.is_file():
        raise UsageError(f"no such claims file: {path} (run `claimx batch ... --out {path.name}` first)")
    fmt = fmt_for(path, "input")
    try:
        if fmt == "jsonl":
            out = []
            with path.open(encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        try:
                            out.append(Claim.from_record(json.loads(line)))
                        except json.JSONDecodeError as exc:
                            raise UsageError(f"{path}:{n}: not a JSON claim record ({exc.msg})") from None
            return out
        if fmt == "parquet":  # pyarrow alone: pandas costs a second to import and convert
            import pyarrow.parquet as pq

            table = pq.read_table(path)
            columns, rows = table.column_names, table.to_pylist()
        else:
            import pandas as pd

            df = pd.read_csv(path, dtype=str, keep_default_na=False)
            columns, rows = list(df.columns), df.to_dict(orient="records")
    except UsageError:
        raise
    except Exception as exc:  # pandas/pyarrow raise many types for broken files
        raise UsageError(f"cannot read claims from {path}: {exc}".splitlines()[0]) from None
    missing = [f for f in ("claim_id", "doc_id", "action") if f not in columns]
    if missing:
        raise UsageError(f"{path} is not a claims file: missing column(s) {', '.join(missing)}")
    return [Claim.from_record(_denan(r)) for r in rows]


def _denan(rec: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in rec.items():
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out[k] = None
        elif hasattr(v, "item") and not isinstance(v, (str, bytes)):
            out[k] = v.item()  # numpy scalar
        else:
            out[k] = v
    return out


_TABLE_COLS: tuple[tuple[str, str, int], ...] = (
    ("actor_norm", "actor", 16),
    ("action", "action", 14),
    ("action_type", "type", 12),
    ("target", "target", 22),
    ("location_norm", "place", 14),
    ("admin1", "admin1", 12),
    ("date_norm", "date", 10),
    ("attributed_to", "says who", 18),
    ("killed", "killed", 6),
    ("injured", "inj", 4),
    ("flags", "flags", 5),
)


def _cell(c: Claim, key: str) -> str:
    if key == "flags":
        return ("N" if c.negated else "") + ("H" if c.hedged else "")
    if key == "actor_norm":
        v = c.actor_norm or c.actor
    elif key == "location_norm":
        v = c.location_norm or c.location
    else:
        v = getattr(c, key)
    return "" if v is None else str(v)


def format_table(claims: Sequence[Claim]) -> str:
    """A fixed-width table for a person at a terminal, one claim a row.

    Flags: N = negated, H = hedged.
    """
    if not claims:
        return "no claims found\n"
    head = "  ".join(title.ljust(w) for _, title, w in _TABLE_COLS)
    lines = [head, "-" * len(head)]
    for c in claims:
        cells = []
        for key, _, w in _TABLE_COLS:
            s = _cell(c, key).replace("\n", " ")
            cells.append((s[: w - 1] + "…" if len(s) > w else s).ljust(w))
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + f"\n{len(claims)} claim(s)\n"
