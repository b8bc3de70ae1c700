"""Multi-article files: JSON (an object, or an array of objects), JSON Lines and CSV.

An article object (a JSON object, a JSONL line, a CSV row) has ``text`` and may have
``id``, ``title``, ``published``, ``source``, ``url``. FA-KES's columns work as they
are: ``unit_id`` -> id, ``article_title`` -> title, ``article_content`` -> text, and
``date`` (``M/D/YYYY``) -> published when there is no ``published`` column. Keys are
matched case-insensitively; other keys are ignored.

``doc_id`` rules (CONTRACT.md "Inputs"):

* a ``.json`` file holding one object is a one-article file: ``doc_id`` = the stem;
* a record of a multi-article file: ``STEM:ID``, ID being its id, else its 1-based
  record number (CSV data row, JSONL line, JSON array element);
* an ID seen before in the same file: with the same text (whitespace aside) the
  record is skipped as ``ReadFailure(kind="duplicate", reason="duplicate of record
  <n>, skipped")``; with different text it is kept as ``STEM:ID~N``, N being its
  1-based occurrence of that ID (the second distinct ``7`` is ``STEM:7~2``).

Broken input never raises: invalid JSON, a bad JSONL line (the good lines still give
articles), a CSV quote that never closes (the rows before it still give articles,
then one failure), a record without text: each is a :class:`ReadFailure`.

Example:
    >>> from pathlib import Path
    >>> out = parse_jsonl(Path("a.jsonl"), '{"id": 7, "text": "Jets hit Homs."}\\nnot json\\n')
    >>> [(type(x).__name__, x.doc_id) for x in out]
    [('Article', 'a:7'), ('ReadFailure', 'a:2')]
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimx.normalize.dates import parse_date_value
from claimx.types import Article, ReadFailure

TEXT_KEYS = ("text", "article_content", "content", "body", "article", "full_text")
TITLE_KEYS = ("title", "article_title", "headline")
ID_KEYS = ("id", "unit_id", "doc_id", "article_id")
PUBLISHED_KEYS = ("published", "published_at", "publish_date", "date_published", "pubdate", "date")
SOURCE_KEYS = ("source", "outlet", "publisher", "site_name")
URL_KEYS = ("url", "link", "href")
LIST_KEYS = ("articles", "records", "items", "data")
"""Keys of a JSON object that may hold an array of article objects instead of one article."""

CSV_FIELD_LIMIT = 2**31 - 1


def _pick(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = record.get(k)
        if v is not None and not (isinstance(v, str) and not v.strip()):
            return v
    return None


def _as_str(v: Any) -> str | None:
    if v is None or isinstance(v, (dict, list)):
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    s = str(v).strip()
    return s or None


def _text_key(text: str) -> str:
    return " ".join(text.split())


@dataclass
class RecordIds:
    """Hands out doc_ids for the records of one file and spots duplicate IDs.

    Example:
        >>> ids = RecordIds("f")
        >>> ids.assign("7", 1, "a"), ids.assign("7", 2, "a"), ids.assign("7", 3, "b")
        ('f:7', 1, 'f:7~3')
    """

    stem: str
    seen: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    occurrences: dict[str, int] = field(default_factory=dict)

    def assign(self, rid: str, record_no: int, text: str) -> str | int:
        """The record's doc_id, or the number of the earlier identical record."""
        occurrence = self.occurrences[rid] = self.occurrences.get(rid, 0) + 1
        key = _text_key(text)
        earlier = self.seen.setdefault(rid, [])
        for n, k in earlier:
            if k == key:
                return n
        earlier.append((record_no, key))
        return f"{self.stem}:{rid}" if occurrence == 1 else f"{self.stem}:{rid}~{occurrence}"


def record_to_article(
    record: Mapping[str, Any], *, path: Path, fmt: str, record_no: int | None, ids: RecordIds | None
) -> Article | ReadFailure:
    """One article object -> Article (or ReadFailure); ``record_no`` None means a one-article file."""
    rec = {str(k).strip().lower(): v for k, v in record.items()}
    stem = path.stem
    rid = _as_str(_pick(rec, ID_KEYS))
    label = f"{stem}:{rid or record_no}" if record_no is not None else stem
    where = f"record {record_no}" if record_no is not None else "the article object"
    text = _pick(rec, TEXT_KEYS)
    if text is None:
        return ReadFailure(label, str(path), f"{where} has no text (give it a 'text' field)")
    if not isinstance(text, str):
        return ReadFailure(label, str(path), f"{where}: text is a {type(text).__name__}, not a string")
    if record_no is None:
        doc_id = stem
    else:
        assigned = (ids or RecordIds(stem)).assign(rid or str(record_no), record_no, text)
        if isinstance(assigned, int):
            return ReadFailure(label, str(path), f"duplicate of record {assigned}, skipped", kind="duplicate")
        doc_id = assigned
    return Article(
        doc_id=doc_id,
        text=text,
        title=_as_str(_pick(rec, TITLE_KEYS)),
        published=parse_date_value(_pick(rec, PUBLISHED_KEYS)),
        source=_as_str(_pick(rec, SOURCE_KEYS)),
        url=_as_str(_pick(rec, URL_KEYS)),
        path=str(path),
        fmt=fmt,
    )


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} at line {exc.lineno} column {exc.colno}"


def parse_json(path: Path, text: str) -> list[Article | ReadFailure]:
    """A ``.json`` file: one article object, or an array of them (also under ``articles``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [ReadFailure(path.stem, str(path), f"not valid JSON: {_json_error(exc)} (fix the file)")]
    if isinstance(data, dict):
        listed = next((data[k] for k in LIST_KEYS if isinstance(data.get(k), list)), None)
        if listed is None or _pick(data, TEXT_KEYS) is not None:
            return [record_to_article(data, path=path, fmt="json", record_no=None, ids=None)]
        data = listed
    if not isinstance(data, list):
        return [
            ReadFailure(path.stem, str(path), f"JSON holds a {type(data).__name__}, not an article object")
        ]
    ids = RecordIds(path.stem)
    out: list[Article | ReadFailure] = []
    for n, item in enumerate(data, start=1):
        if isinstance(item, dict):
            out.append(record_to_article(item, path=path, fmt="json", record_no=n, ids=ids))
        else:
            out.append(ReadFailure(f"{path.stem}:{n}", str(path), f"record {n} is not a JSON object"))
    if not out:
        out.append(ReadFailure(path.stem, str(path), "JSON array holds no article objects"))
    return out


def parse_jsonl(path: Path, text: str) -> list[Article | ReadFailure]:
    """A ``.jsonl`` file: one article object a line; blank lines are skipped."""
    ids = RecordIds(path.stem)
    out: list[Article | ReadFailure] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"line {n}: not valid JSON ({exc.msg} at column {exc.colno}), line skipped"
            out.append(ReadFailure(f"{path.stem}:{n}", str(path), reason))
            continue
        if not isinstance(item, dict):
            reason = f"line {n}: a JSON {type(item).__name__}, not an article object"
            out.append(ReadFailure(f"{path.stem}:{n}", str(path), reason))
            continue
        out.append(record_to_article(item, path=path, fmt="jsonl", record_no=n, ids=ids))
    return out


def parse_csv(path: Path, text: str) -> list[Article | ReadFailure]:
    """A ``.csv`` file with a header row: one article a row (see the module docstring)."""
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    out: list[Article | ReadFailure] = []
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        return [ReadFailure(path.stem, str(path), f"no CSV header row ({str(exc) or 'nothing to read'})")]
    if not any(k in header for k in TEXT_KEYS):
        found = ", ".join(header[:12]) or "nothing"
        reason = f"no text column in the CSV header (name one text or article_content; found {found})"
        return [ReadFailure(path.stem, str(path), reason)]
    ids = RecordIds(path.stem)
    row_no = 0
    last_line = reader.line_num
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                row_no += 1
                record = dict(zip(header, row, strict=False))
                out.append(record_to_article(record, path=path, fmt="csv", record_no=row_no, ids=ids))
            last_line = reader.line_num
    except csv.Error as exc:
        start = last_line + 1
        if "unexpected end of data" in str(exc):
            reason = (
                f"row {row_no + 1}: a quoted field opened on line {start} never closes; "
                "the rest of the file was skipped (close the quote)"
            )
        else:
            reason = (
                f"row {row_no + 1} (line {start}): malformed CSV ({exc}); the rest of the file was skipped"
            )
        out.append(ReadFailure(f"{path.stem}:{row_no + 1}", str(path), reason))
    return out
