"""Typed, frozen records passed between claimx stages.

The flow is ``Article -> (spaCy Doc) -> Frame -> Claim -> Event / Relation``.
Records are turned into dicts or DataFrames only at the edges (output writers,
reports), with :func:`Claim.to_record` and friends.

Example:
    >>> a = Article(doc_id="x", text="Russian jets struck Talbiseh.")
    >>> a.doc_id, a.source
    ('x', None)
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

from claimx.actions import ACTION_TYPES, VIOLENT_ACTION_TYPES  # noqa: F401 (re-exported; home: claimx.actions)

ROLES: tuple[str, ...] = ("actor", "target", "location", "date")
"""Argument roles an action can have."""

Role = Literal["actor", "target", "location", "date"]


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from disk, before or after cleaning.

    ``text`` is the raw text as read; :func:`claimx.reading.clean_article`
    returns a copy whose ``text`` is the cleaned text that all claim offsets
    refer to.
    """

    doc_id: str
    text: str
    title: str | None = None
    published: str | None = None
    """ISO date: ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when the record is no more precise
    (:class:`claimx.normalize.dates.DateValue` tells which); a claim's ``published`` is only a day."""
    source: str | None = None
    url: str | None = None
    path: str | None = None  # file the article came from
    fmt: str = "txt"  # txt, md, html, json, jsonl, csv


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be read or processed, with a one-line reason."""

    doc_id: str
    path: str
    reason: str
    kind: Literal["error", "duplicate"] = "error"
    """``error``: the article is lost and batch exits 1; ``duplicate``: an identical
    record already read under the same doc_id, skipped on purpose (listed, exit 0)."""


@dataclass(frozen=True, slots=True)
class Span:
    """A character span ``[start, end)`` of the cleaned article text."""

    start: int
    end: int
    text: str
    label: str = ""

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share a character.

        >>> jets = Span(0, 4, "Jets")
        >>> jets.overlaps(Span(3, 9, "s bomb")), jets.overlaps(Span(4, 9, " bomb"))
        (True, False)
        """
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Frame:
    """An action with its arguments, as found by the rules or a learned model.

    Offsets are character offsets into the cleaned article text. ``args`` maps
    a role (``actor``, ``target``, ``location``, ``date``) to a span.
    """

    action: Span
    action_type: str
    sent_start: int
    sent_end: int
    args: dict[str, Span] = field(default_factory=dict)
    score: float = 1.0
    backend: str = "rules"

    def arg(self, role: str) -> Span | None:
        """The span filling ``role``, or None."""
        return self.args.get(role)


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry (GeoNames, CC BY 4.0)."""

    name: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    kind: Literal["country", "admin1", "city", "area"] = "city"
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One extracted claim: the record of CONTRACT.md "Claim record", field for field."""

    claim_id: str
    doc_id: str
    source: str | None
    published: str | None
    sentence: str
    sent_start: int
    sent_end: int
    actor: str | None
    actor_norm: str | None
    action: str
    action_start: int
    action_end: int
    action_type: str
    target: str | None
    target_norm: str | None
    location: str | None
    location_norm: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    date: str | None
    date_norm: str | None
    attributed_to: str | None
    negated: bool
    hedged: bool
    killed: int | None
    injured: int | None
    confidence: float
    date_basis: str | None = None
    """``text``, ``context`` or ``published``: where ``date_norm`` comes from (None: no date known).
    Last, with a default, so records and code written before the field still load."""

    def to_record(self) -> dict[str, Any]:
        """The claim as a plain dict in the contract's field order (``date_basis`` last)."""
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Claim:
        """Build a claim from a dict (a JSONL line, a CSV or Parquet row).

        Missing optional values (NaN, empty strings in CSV) become None.
        """
        values: dict[str, Any] = {}
        for f in fields(cls):
            v = record.get(f.name)
            values[f.name] = _clean_value(f.name, v)
        return cls(**values)


CLAIM_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Claim))
"""Claim record field names in contract order (the columns of CSV and Parquet output)."""

_INT_FIELDS = {"sent_start", "sent_end", "action_start", "action_end"}
_NINT_FIELDS = {"killed", "injured"}
_FLOAT_FIELDS = {"lat", "lon"}
_BOOL_FIELDS = {"negated", "hedged"}


def _is_missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return isinstance(v, str) and v == ""


def _clean_value(name: str, v: Any) -> Any:
    if name in _BOOL_FIELDS:
        if isinstance(v, str):
            return v.strip().lower() in {"true", "1", "yes"}
        return bool(v) if not _is_missing(v) else False
    if _is_missing(v):
        if name in _INT_FIELDS:
            return 0
        if name == "confidence":
            return 0.0
        if name in {"claim_id", "doc_id", "sentence", "action", "action_type"}:
            return ""
        return None
    if name in _INT_FIELDS or name in _NINT_FIELDS:
        return int(float(v))
    if name in _FLOAT_FIELDS or name == "confidence":
        return float(v)
    return str(v) if not isinstance(v, str) else v


@dataclass(frozen=True, slots=True)
class Event:
    """A real-world event that claims from one or more sources were linked to."""

    event_id: str
    claim_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]
    sources: tuple[str | None, ...]
    action_type: str
    date_norm: str | None
    location_norm: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    killed_low: int | None
    killed_best: int | None
    killed_high: int | None
    contested: bool
    disputes: tuple[str, ...] = ()
    """The slots on which its sources disagree (one :class:`Dispute` each); empty when none."""

    def to_record(self) -> dict[str, Any]:
        """The event as a plain dict (tuples become lists); its fields are flat, so no ``asdict``
        (which deep-copies every value: a third of a second for FA-KES's 2,164 events)."""
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v for f in fields(self)}


RelationKind = Literal["corroborates", "contradicts"]
RelationSlot = Literal["event", "actor", "target", "location", "date", "killed", "injured", "negation"]


@dataclass(frozen=True, slots=True)
class Relation:
    """A judgement on a pair of claims about the same event."""

    claim_a: str
    claim_b: str
    relation: RelationKind
    slot: RelationSlot
    reason: str

    def to_record(self) -> dict[str, Any]:
        """The relation as a plain dict (flat fields: no :func:`~dataclasses.asdict` deep copy).

        >>> Relation("a", "b", "corroborates", "event", "same place").to_record()["slot"]
        'event'
        """
        return {
            "claim_a": self.claim_a,
            "claim_b": self.claim_b,
            "relation": self.relation,
            "slot": self.slot,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Position:
    """One side of a :class:`Dispute`: a value and everyone who holds it.

    Its holders run in parallel: ``sources[i]`` is the outlet in which ``speakers[i]``
    (``attributed_to``; None for the outlet's own voice) holds it;
    ``evidence`` one sentence that states the value, ``hedged`` True when every claim
    behind the position is only alleged ("appeared to", "purported").
    """

    value: str
    sources: tuple[str | None, ...]
    speakers: tuple[str | None, ...]
    claim_ids: tuple[str, ...]
    evidence: str
    hedged: bool = False

    def to_record(self) -> dict[str, Any]:
        """The position as a plain dict (tuples become lists)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


@dataclass(frozen=True, slots=True)
class Dispute:
    """A slot of one event on which sources disagree, with two or more positions."""

    event_id: str
    slot: RelationSlot
    positions: tuple[Position, ...]
    reason: str

    def to_record(self) -> dict[str, Any]:
        """The dispute as a plain dict, the shape of ``disputes.jsonl`` (CONTRACT.md)."""
        return {
            "event_id": self.event_id,
            "slot": self.slot,
            "positions": [p.to_record() for p in self.positions],
            "reason": self.reason,
        }
