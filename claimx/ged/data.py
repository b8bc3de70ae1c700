"""Reading UCDP GED: events and the news items that cite them, and the fixed 20% hold-out.

GED's ``*_sources_long.csv`` has one row per cited news item with its event's gold fields;
:func:`read_events` groups those rows into :class:`GedEvent` records, each with its
:class:`GedItem` headlines. Only the columns claimx uses are kept.

The hold-out: an event is held out when the SHA-256 of its ``id`` (the decimal string),
read as an integer, is 0 modulo 5 (:func:`is_holdout`). That is 20% of events, stable
across releases and machines, and every item of one event falls on the same side.
Train and tune on the other 80% only.

Example:
    >>> is_holdout("214797"), split_of("214797")
    (False, 'train')
    >>> governorate_name("Ar Raqqah Governorate"), governorate_name("Hamah Governorate"), governorate_name("")
    ('Raqqa', 'Hama', None)
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimx.errors import UsageError

GED_COUNTRIES = frozenset({"Syria"})
"""The countries of the GED extract claimx reads (../shared/data/ucdp_ged: Syria 2016-17)."""
HOLDOUT_MODULUS = 5
"""One event in this many is held out (20%)."""

SOURCES_LONG = "ged_syria_2016_2017_sources_long.csv"
"""The file name :func:`find_sources_file` looks for in a folder."""

REQUIRED_COLUMNS: tuple[str, ...] = (
    "id",
    "source_index",
    "events_citing_item",
    "source_office",
    "source_date",
    "source_headline",
    "side_a",
    "side_b",
    "type_of_violence",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "date_start",
    "date_end",
    "low",
    "best",
    "high",
)

_GOVERNORATES: dict[str, str] = {
    "aleppo": "Aleppo",
    "rif dimashq": "Rif Dimashq",
    "ar raqqah": "Raqqa",
    "raqqa": "Raqqa",
    "deir ez zor": "Deir ez-Zor",
    "dayr az zawr": "Deir ez-Zor",
    "homs": "Homs",
    "idlib": "Idlib",
    "hamah": "Hama",
    "hama": "Hama",
    "daraa": "Daraa",
    "damascus": "Damascus",
    "al hasakah": "Hasakah",
    "hasakah": "Hasakah",
    "latakia": "Latakia",
    "quneitra": "Quneitra",
    "as suwayda": "Suwayda",
    "suwayda": "Suwayda",
    "tartus": "Tartus",
}
"""GED ``adm_1`` names (no "Governorate") to claimx's ``admin1`` names (the Syria pack's syria_admin1.tsv)."""


def governorate_name(adm_1: str | None) -> str | None:
    """claimx's ``admin1`` name for a GED ``adm_1`` value; None when empty or unknown."""
    if not adm_1:
        return None
    key = re.sub(r"[^a-z ]+", " ", adm_1.lower().replace("governorate", "")).split()
    return _GOVERNORATES.get(" ".join(key))


def is_holdout(event_id: str) -> bool:
    """Whether GED event ``event_id`` is in the fixed 20% hold-out (see module docstring)."""
    digest = hashlib.sha256(str(event_id).strip().encode("utf-8")).hexdigest()
    return int(digest, 16) % HOLDOUT_MODULUS == 0


def split_of(event_id: str) -> str:
    """``test`` for a held-out event, else ``train``."""
    return "test" if is_holdout(event_id) else "train"


@dataclass(frozen=True, slots=True)
class GedItem:
    """One news item cited by a GED event."""

    event_id: str
    index: int
    """``source_index``: the item's position in the event's source list (from 1)."""
    office: str | None
    published: str | None
    """``source_date`` as ISO ``YYYY-MM-DD`` when GED gives a valid one (some are a year off)."""
    headline: str
    events_citing: int
    """How many GED events cite this item; 1 means the headline is about this event alone."""

    @property
    def doc_id(self) -> str:
        """A document id for claimx: ``ged:<event id>:<source index>``."""
        return f"ged:{self.event_id}:{self.index}"


@dataclass(frozen=True, slots=True)
class GedEvent:
    """One GED event with its gold fields and cited items."""

    id: str
    side_a: str
    side_b: str
    type_of_violence: int
    where: str
    where_prec: int
    adm_1: str | None
    governorate: str | None
    """claimx's ``admin1`` name for ``adm_1`` (:func:`governorate_name`)."""
    date_start: str
    date_end: str
    low: int
    best: int
    high: int
    items: tuple[GedItem, ...]

    @property
    def clean_items(self) -> tuple[GedItem, ...]:
        """Items that cite this event alone (``events_citing_item == 1``), with a headline."""
        return tuple(i for i in self.items if i.events_citing == 1 and i.headline)

    @property
    def split(self) -> str:
        return split_of(self.id)


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _int(value: str, column: str, where: str) -> int:
    try:
        return int(float(value))
    except ValueError:
        raise UsageError(f"{where}: column {column} is not a number ({value!r})") from None


def find_sources_file(path: Path) -> Path:
    """The sources-long CSV at ``path`` (a file, or a folder holding :data:`SOURCES_LONG`)."""
    if path.is_dir():
        path = path / SOURCES_LONG
    if not path.is_file():
        raise UsageError(f"no GED sources file at {path} (give the *_sources_long.csv or its folder)")
    return path


def _item(row: dict[str, str], where: str) -> GedItem:
    published = (row.get("source_date") or "").strip()[:10]
    return GedItem(
        event_id=row["id"].strip(),
        index=_int(row["source_index"], "source_index", where),
        office=(row.get("source_office") or "").strip() or None,
        published=published if _ISO_DAY.match(published) else None,
        headline=" ".join((row.get("source_headline") or "").split()),
        events_citing=_int(row["events_citing_item"], "events_citing_item", where),
    )


def _event(rows: Sequence[dict[str, str]], items: Sequence[GedItem], where: str) -> GedEvent:
    r = rows[0]
    adm_1 = (r.get("adm_1") or "").strip() or None
    return GedEvent(
        id=r["id"].strip(),
        side_a=r["side_a"].strip(),
        side_b=r["side_b"].strip(),
        type_of_violence=_int(r["type_of_violence"], "type_of_violence", where),
        where=r["where_coordinates"].strip(),
        where_prec=_int(r["where_prec"], "where_prec", where),
        adm_1=adm_1,
        governorate=governorate_name(adm_1),
        date_start=r["date_start"].strip()[:10],
        date_end=r["date_end"].strip()[:10],
        low=_int(r["low"], "low", where),
        best=_int(r["best"], "best", where),
        high=_int(r["high"], "high", where),
        items=tuple(sorted(items, key=lambda i: i.index)),
    )


def read_events(path: Path, split: str | None = None) -> list[GedEvent]:
    """GED events of a sources-long CSV (or its folder), in file order; only ``split`` when given.

    A missing column or a non-numeric count gives a UsageError naming the file and line.
    """
    path = find_sources_file(path)
    rows_of: dict[str, list[tuple[int, dict[str, str]]]] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise UsageError(f"{path}: not a GED sources-long CSV (no column {missing[0]!r})")
        for n, row in enumerate(reader, 2):
            rows_of.setdefault(row["id"].strip(), []).append((n, row))
    events = []
    for event_id, rows in rows_of.items():
        if split is not None and split_of(event_id) != split:
            continue
        items = [_item(row, f"{path}:{n}") for n, row in rows]
        events.append(_event([row for _, row in rows], items, f"{path}:{rows[0][0]}"))
    return events


def clean_pairs(events: Iterable[GedEvent]) -> list[tuple[GedEvent, GedItem]]:
    """Every (event, item) pair whose item cites that event alone."""
    return [(e, i) for e in events for i in e.clean_items]


def sample_events(events: Sequence[GedEvent], limit: int | None) -> list[GedEvent]:
    """At most ``limit`` events, a stable sample (lowest hash of id first); all when ``limit`` is None.

    >>> evs = [GedEvent(str(k), "a", "b", 1, "x", 1, None, None, "2016-01-01", "2016-01-01", 1, 1, 1, ())
    ...        for k in range(10)]
    >>> ids = lambda es: sorted(e.id for e in es)
    >>> ids(sample_events(evs, 3)) == ids(sample_events(list(reversed(evs)), 3)), len(sample_events(evs, 3))
    (True, 3)
    """
    if limit is None or limit >= len(events):
        return list(events)
    ranked = sorted(events, key=lambda e: hashlib.sha256(f"sample:{e.id}".encode()).hexdigest())
    keep = {e.id for e in ranked[:limit]}
    return [e for e in events if e.id in keep]
