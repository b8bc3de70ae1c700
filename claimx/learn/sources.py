"""Reading labelled documents from any supported file: claimx labelled JSONL, RAMS, Label Studio, doccano.

The format is recognised from the file's first record: ``doc_key`` + ``sentences`` is RAMS; a JSON
list (or object) with ``annotations``/``data`` is a Label Studio export; a JSONL record with
``start_offset`` entities, ``label`` triples or a ``relations`` list is doccano; a record with
``id``, ``text`` and ``actions`` is claimx's own format; a CSV whose header has ``events_citing_item``
is UCDP GED's sources-long file (:mod:`claimx.learn.convert_ged`).

Example:
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "g.jsonl"
    >>> _ = p.write_text('{"id": "a", "text": "Jets hit Homs.", "actions": []}\\n')
    >>> detect_format(p), [d.id for d in load_documents(p)]
    ('labelled', ['a'])
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from claimx.errors import UsageError
from claimx.learn.labelled import LabelledDoc, load_labelled

FORMATS: tuple[str, ...] = ("labelled", "rams", "labelstudio", "doccano", "ged")


def _first_record(path: Path) -> object:
    with path.open(encoding="utf-8") as fh:
        head = fh.read(1)
        fh.seek(0)
        if head == "[":
            return json.loads(fh.read())
        for line in fh:
            if line.strip():
                return json.loads(line)
    return None


def _format_of_record(rec: dict) -> str | None:
    """The format a first record looks like, or None.

    >>> _format_of_record({"doc_key": "k", "sentences": []}), _format_of_record({"id": "a", "text": "x"})
    ('rams', 'labelled')
    """
    if "doc_key" in rec and "sentences" in rec:
        return "rams"
    if "annotations" in rec or ("data" in rec and isinstance(rec["data"], dict)):
        return "labelstudio"
    ents = rec.get("entities") or []
    if (
        (ents and isinstance(ents[0], dict) and "start_offset" in ents[0])
        or isinstance(rec.get("label"), list)
        or isinstance(rec.get("relations"), list)
    ):
        return "doccano"
    if "text" in rec and "id" in rec:
        return "labelled"
    return None


def detect_format(path: Path) -> str:
    """One of :data:`FORMATS` for ``path``, or a UsageError saying what was expected."""
    if not path.is_file():
        raise UsageError(
            f"no such file: {path} (give a labelled .jsonl, RAMS .jsonlines or annotation export)"
        )
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            if "events_citing_item" in fh.readline():
                return "ged"
    try:
        rec = _first_record(path)
    except (json.JSONDecodeError, UnicodeDecodeError):
        rec = None
    if isinstance(rec, list):
        rec = rec[0] if rec else {}
    found = _format_of_record(rec) if isinstance(rec, dict) else None
    if found is not None:
        return found
    raise UsageError(
        f"cannot tell the format of {path} (give claimx labelled JSONL, RAMS .jsonlines, "
        "a Label Studio JSON export, doccano JSONL or a UCDP GED sources-long CSV)"
    )


def load_documents(path: Path, split: str | None = None, include_other: bool = False) -> list[LabelledDoc]:
    """Labelled documents of a file in any supported format, optionally only one ``split``.

    ``include_other`` keeps RAMS's non-conflict events as ``other`` actions (dropped by default).
    """
    fmt = detect_format(path)
    if fmt == "labelled":
        return load_labelled(path, split=split)
    if fmt == "rams":
        from claimx.learn.convert_rams import convert_rams

        docs = convert_rams(path, include_other=include_other)
    elif fmt == "ged":
        from claimx.learn.convert_ged import convert_ged

        docs = convert_ged(path)
    elif fmt == "labelstudio":
        from claimx.learn.convert_labelstudio import convert_labelstudio

        docs = convert_labelstudio(path)
    else:
        from claimx.learn.convert_labelstudio import convert_doccano

        docs = convert_doccano(path)
    return [d for d in docs if split is None or d.split == split]


def load_many(paths: Sequence[Path], split: str | None = None) -> list[LabelledDoc]:
    """Documents of several files; documents with no split count as ``train`` when ``split='train'``."""
    docs: list[LabelledDoc] = []
    for p in paths:
        docs.extend(
            d
            for d in load_documents(p)
            if split is None or d.split == split or (d.split is None and split == "train")
        )
    seen: set[str] = set()
    for d in docs:
        if d.id in seen:
            raise UsageError(
                f"document id {d.id!r} occurs twice in {', '.join(map(str, paths))} (ids must be unique)"
            )
        seen.add(d.id)
    return docs
