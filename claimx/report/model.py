"""The report's view model: frozen records built from claims, events and relations.

:func:`claimx.report.build.build_report` turns a :class:`ReportInput` into a
:class:`ReportData`; :mod:`claimx.report.html` turns that into one HTML page.

Example:
    >>> Mark(0, 6, "actor").role
    'actor'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from claimx.report.geo import SYRIA_VIEW, MapView
from claimx.types import Claim, Dispute, Event, Relation

MarkRole = Literal["action", "actor", "target", "location", "date", "killed", "injured"]
EventStatus = Literal["contested", "corroborated", "single"]


@dataclass(frozen=True, slots=True)
class ReportInput:
    """What a report is made from: claims, and the resolver's events and relations when there are any."""

    claims: tuple[Claim, ...]
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    has_events: bool = False
    origin: str = ""
    """Where the records came from, in words, for the page's header."""
    disputes: tuple[Dispute, ...] = ()
    """The resolver's disputes (``disputes.jsonl``), shown as positions side by side."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted span ``[start, end)`` of a claim's sentence, with the role it plays."""

    start: int
    end: int
    role: MarkRole


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One claim with its sentence marks, the event it belongs to and the slots disputed for it."""

    claim: Claim
    marks: tuple[Mark, ...]
    event_index: int | None = None
    disputed_slots: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RelationView:
    """A relation between two claims, by their index in :attr:`ReportData.claims`."""

    claim_a: int
    claim_b: int
    relation: str
    slot: str
    reason: str


@dataclass(frozen=True, slots=True)
class EventView:
    """One event: its status, where it lies on the map and which of its slots are disputed."""

    event: Event
    status: EventStatus
    claim_indices: tuple[int, ...]
    relations: tuple[RelationView, ...]
    disputed_slots: tuple[str, ...]
    outlets: tuple[str, ...]
    place: str | None
    point: tuple[float, float] | None
    """(x, y) on the bundled map, or None when the event has no place on it."""
    disputes: tuple[Dispute, ...] = ()
    """Its disputes, each shown as positions side by side with who holds each."""


@dataclass(frozen=True, slots=True)
class OutletRow:
    """One outlet's line of the agreement table."""

    outlet: str
    claims: int
    articles: int
    events: int
    shared_events: int
    """Events that another outlet also reported."""
    corroborates: int
    contradicts: int

    @property
    def agreement(self) -> float | None:
        """Share of this outlet's judged cross-outlet pairs that corroborate; None when none were judged."""
        judged = self.corroborates + self.contradicts
        return self.corroborates / judged if judged else None


@dataclass(frozen=True, slots=True)
class OutletPair:
    """How often two outlets' claims corroborate or contradict each other (``outlet_a <= outlet_b``)."""

    outlet_a: str
    outlet_b: str
    corroborates: int
    contradicts: int


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the page shows, ready to be serialised."""

    title: str
    origin: str
    has_events: bool
    claims: tuple[ClaimView, ...]
    events: tuple[EventView, ...]
    outlets: tuple[OutletRow, ...]
    pairs: tuple[OutletPair, ...]
    claim_points: tuple[tuple[float, float] | None, ...]
    """Map position of each claim (same order as ``claims``), used when there are no events."""
    notes: tuple[str, ...] = ()
    """Things the reader should know about the input (claims missing from events, ...)."""
    map_view: MapView = SYRIA_VIEW
    """The map the points are on (:func:`claimx.report.geo.choose_map`)."""
