"""Build the report's view model from claims, events and relations.

Example (``sample_*``: the test sample, tests/report_sample.py):
    >>> data = build_report(sample_input())
    >>> data.events[0].status, data.events[0].disputed_slots
    ('contested', ('killed', 'negation'))
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from claimx.report.geo import MapView, choose_map
from claimx.report.marks import claim_marks
from claimx.report.model import (
    ClaimView,
    EventStatus,
    EventView,
    OutletPair,
    OutletRow,
    RelationView,
    ReportData,
    ReportInput,
)
from claimx.types import Claim, Dispute, Event

UNKNOWN_OUTLET = "(unknown outlet)"
_STATUS_ORDER: dict[str, int] = {"contested": 0, "corroborated": 1, "single": 2}


def outlet_of(claim: Claim) -> str:
    """The outlet a claim comes from, or ``(unknown outlet)``."""
    return claim.source.strip() if claim.source and claim.source.strip() else UNKNOWN_OUTLET


def build_report(inp: ReportInput, title: str | None = None) -> ReportData:  # noqa: C901 (assembles the view model in one pass over events and claims)
    """The view model of a report: claims with marks, events with status and disputes, outlet tables."""
    notes: list[str] = []
    index: dict[str, int] = {}
    for i, c in enumerate(inp.claims):
        index.setdefault(c.claim_id, i)
    if len(index) < len(inp.claims):
        notes.append(f"{len(inp.claims) - len(index)} claim(s) share an id with an earlier one")

    event_claims: list[tuple[int, ...]] = []
    event_of: dict[int, int] = {}
    missing = 0
    for e_i, ev in enumerate(inp.events):
        members = []
        for cid in ev.claim_ids:
            c_i = index.get(cid)
            if c_i is None:
                missing += 1
                continue
            members.append(c_i)
            event_of.setdefault(c_i, e_i)
        event_claims.append(tuple(members))
    if missing:
        notes.append(f"{missing} claim id(s) named by events are not in the claims file")

    rel_by_event, slots_of_claim, relation_views = _relations_by_event(inp, index, event_of)
    disputes_of: dict[str, list[Dispute]] = defaultdict(list)
    for d in inp.disputes:
        disputes_of[d.event_id].append(d)
        for p in d.positions:
            for cid in p.claim_ids:
                if cid in index:
                    slots_of_claim[index[cid]].add(d.slot)
    view = choose_map((c.country, c.lat, c.lon) for c in inp.claims)
    events = [
        _event_view(
            ev, event_claims[e_i], rel_by_event.get(e_i, []), inp.claims, disputes_of[ev.event_id], view
        )
        for e_i, ev in enumerate(inp.events)
    ]
    order = sorted(range(len(events)), key=lambda i: _event_sort_key(events[i]))
    new_pos = {old: new for new, old in enumerate(order)}
    events = [events[i] for i in order]

    claims = tuple(
        ClaimView(
            claim=c,
            marks=claim_marks(c),
            event_index=new_pos[event_of[i]] if i in event_of else None,
            disputed_slots=tuple(sorted(slots_of_claim.get(i, ()))),
        )
        for i, c in enumerate(inp.claims)
    )
    rows, pairs = outlet_tables(inp.claims, [ev.claim_indices for ev in events], relation_views)
    return ReportData(
        title=title or ("claimx report" if inp.has_events else "claimx claims report"),
        origin=inp.origin,
        has_events=inp.has_events,
        claims=claims,
        events=tuple(events),
        outlets=rows,
        pairs=pairs,
        claim_points=tuple(
            None if _country_level(c.location_norm, {c.country}) else view.point(c.lat, c.lon, c.admin1)
            for c in inp.claims
        ),
        notes=tuple(notes),
        map_view=view,
    )


def _relations_by_event(
    inp: ReportInput, index: dict[str, int], event_of: dict[int, int]
) -> tuple[dict[int, list[RelationView]], dict[int, set[str]], list[RelationView]]:
    """Relation views grouped by event, the contradicted slots of each claim, and all views."""
    rel_by_event: dict[int, list[RelationView]] = defaultdict(list)
    slots_of_claim: dict[int, set[str]] = defaultdict(set)
    relation_views: list[RelationView] = []
    for rel in inp.relations:
        a, b = index.get(rel.claim_a), index.get(rel.claim_b)
        if a is None or b is None:
            continue
        view = RelationView(a, b, rel.relation, rel.slot, rel.reason)
        relation_views.append(view)
        e_i = event_of.get(a, event_of.get(b))
        if e_i is not None:
            rel_by_event[e_i].append(view)
        if rel.relation == "contradicts":
            slots_of_claim[a].add(rel.slot)
            slots_of_claim[b].add(rel.slot)
    return rel_by_event, slots_of_claim, relation_views


def _country_level(place: str | None, countries: set[str | None]) -> bool:
    """Whether a place is a whole country (``Syria``): too coarse to draw as a point on the map."""
    return bool(place) and place in countries


def _event_view(
    ev: Event,
    members: tuple[int, ...],
    rels: list[RelationView],
    claims: tuple[Claim, ...],
    disputes: Sequence[Dispute],
    view: MapView,
) -> EventView:
    outlets = sorted({outlet_of(claims[i]) for i in members}) or sorted(
        {s for s in ev.sources if s} or {UNKNOWN_OUTLET}
    )
    disputed = tuple(
        sorted(
            {d.slot for d in disputes}
            | set(ev.disputes)
            | {r.slot for r in rels if r.relation == "contradicts"}
        )
    )
    status: EventStatus
    if ev.contested or disputed:
        status = "contested"
    elif len(outlets) > 1 or any(r.relation == "corroborates" for r in rels):
        status = "corroborated"
    else:
        status = "single"
    return EventView(
        event=ev,
        status=status,
        claim_indices=members,
        relations=tuple(rels),
        disputed_slots=disputed,
        outlets=tuple(outlets),
        place=ev.location_norm or ev.admin1,
        point=None
        if _country_level(ev.location_norm, {claims[i].country for i in members} | {"Syria"})
        else view.point(ev.lat, ev.lon, ev.admin1),
        disputes=tuple(disputes),
    )


def _event_sort_key(ev: EventView) -> tuple[int, int, int, int, str, str]:
    contradictions = sum(r.relation == "contradicts" for r in ev.relations)
    return (
        _STATUS_ORDER[ev.status],
        -len(ev.outlets),
        -contradictions,
        -len(ev.claim_indices),
        ev.event.date_norm or "",
        ev.event.event_id,
    )


def outlet_tables(
    claims: tuple[Claim, ...], events: list[tuple[int, ...]], relations: list[RelationView]
) -> tuple[tuple[OutletRow, ...], tuple[OutletPair, ...]]:
    """Per-outlet counts and agreement, and the outlet-by-outlet pairs, from claims, events and relations.

    Agreement counts only pairs judged between two different outlets.
    """
    n_claims: Counter[str] = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        name = outlet_of(c)
        n_claims[name] += 1
        docs[name].add(c.doc_id)
    n_events: Counter[str] = Counter()
    n_shared: Counter[str] = Counter()
    for members in events:
        names = {outlet_of(claims[i]) for i in members}
        for name in names:
            n_events[name] += 1
            if len(names) > 1:
                n_shared[name] += 1
    corr: Counter[str] = Counter()
    contra: Counter[str] = Counter()
    pair_counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in relations:
        a, b = outlet_of(claims[r.claim_a]), outlet_of(claims[r.claim_b])
        key = (a, b) if a <= b else (b, a)
        pair_counts[key][0 if r.relation == "corroborates" else 1] += 1
        if a == b:
            continue
        target = corr if r.relation == "corroborates" else contra
        target[a] += 1
        target[b] += 1
    rows = tuple(
        OutletRow(
            outlet=name,
            claims=n_claims[name],
            articles=len(docs[name]),
            events=n_events[name],
            shared_events=n_shared[name],
            corroborates=corr[name],
            contradicts=contra[name],
        )
        for name in sorted(n_claims, key=lambda n: (-n_claims[n], n))
    )
    pairs = tuple(OutletPair(a, b, v[0], v[1]) for (a, b), v in sorted(pair_counts.items()))
    return rows, pairs
