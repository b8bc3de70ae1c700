"""The source view: per outlet, how often other outlets corroborate or contradict its claims.

A claim counts as *corroborated* when at least one claim of another outlet corroborates
it, *contradicted* when at least one contradicts it (it can be both). Shares are taken
over the outlet's *shared* claims: those in events that two or more outlets report (a
claim nobody else reports can be neither). Relations inside one outlet do not count.

Example:
    >>> from claimx.types import Claim, Dispute, Relation
    >>> def c(i, src): return Claim.from_record({"claim_id": i, "doc_id": i, "source": src,
    ...     "sentence": "s", "action": "hit", "action_type": "air_strike"})
    >>> rel = Relation("a", "b", "contradicts", "killed", "r")
    >>> rows = source_table([c("a", "sana"), c("b", "reuters")], [rel])
    >>> [(r.source, r.contradicted, r.contradicted_share) for r in rows]
    [('reuters', 1, 1.0), ('sana', 1, 1.0)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from claimx.types import Claim, Dispute, Relation

NO_SOURCE = "(no source)"


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One outlet's line of the source view."""

    source: str
    documents: int
    event_claims: int
    shared_claims: int
    corroborated: int
    contradicted: int
    corroborated_share: float | None
    contradicted_share: float | None

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


SOURCE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(SourceRow))


def outlet(c: Claim) -> str:
    """The outlet a claim speaks for: its source, else its own document."""
    return c.source or f"doc:{c.doc_id}"


def disputed_claims(claims: Sequence[Claim], disputes: Sequence[Dispute]) -> set[str]:
    """Claims that a position held by another outlet contradicts (every claim of a position counts).

    >>> from claimx.types import Position
    >>> def c(i, src): return Claim.from_record({"claim_id": i, "doc_id": i, "source": src,
    ...     "sentence": "s", "action": "hit", "action_type": "air_strike"})
    >>> d = Dispute("e", "killed", (Position("33", ("a",), (None,), ("1", "2"), "s"),
    ...                             Position("32", ("b",), (None,), ("3",), "t")), "r")
    >>> sorted(disputed_claims([c("1", "a"), c("2", "a"), c("3", "b")], [d]))
    ['1', '2', '3']
    """
    by_id = {c.claim_id: c for c in claims}
    out: set[str] = set()
    for d in disputes:
        outlets = [{outlet(by_id[i]) for i in p.claim_ids if i in by_id} for p in d.positions]
        for n, p in enumerate(d.positions):
            others = set().union(*(o for m, o in enumerate(outlets) if m != n))
            out.update(i for i in p.claim_ids if i in by_id and others - {outlet(by_id[i])})
    return out


def source_table(
    claims: Sequence[Claim],
    relations: Sequence[Relation],
    shared_claim_ids: set[str] | None = None,
    disputes: Sequence[Dispute] = (),
) -> list[SourceRow]:
    """Rows for every outlet, most shared claims first.

    ``shared_claim_ids``: claims in multi-outlet events; by default, those with any
    relation to another outlet. ``disputes``: every claim of a position that another
    outlet's position contradicts counts as contradicted (relations name only one claim
    per position).
    """
    by_id = {c.claim_id: c for c in claims}
    corroborated: set[str] = set()
    contradicted: set[str] = disputed_claims(claims, disputes)
    related: set[str] = set(contradicted)
    for r in relations:
        a, b = by_id.get(r.claim_a), by_id.get(r.claim_b)
        if a is None or b is None or outlet(a) == outlet(b):
            continue
        related.update((a.claim_id, b.claim_id))
        (contradicted if r.relation == "contradicts" else corroborated).update((a.claim_id, b.claim_id))
    shared = related if shared_claim_ids is None else shared_claim_ids | related
    docs: dict[str, set[str]] = defaultdict(set)
    members: dict[str, list[str]] = defaultdict(list)
    for c in claims:
        name = c.source or NO_SOURCE
        docs[name].add(c.doc_id)
        members[name].append(c.claim_id)
    rows = []
    for name, ids in members.items():
        n_shared = sum(1 for i in ids if i in shared)
        n_corr = sum(1 for i in ids if i in corroborated)
        n_contra = sum(1 for i in ids if i in contradicted)
        rows.append(
            SourceRow(
                source=name,
                documents=len(docs[name]),
                event_claims=len(ids),
                shared_claims=n_shared,
                corroborated=n_corr,
                contradicted=n_contra,
                corroborated_share=round(n_corr / n_shared, 3) if n_shared else None,
                contradicted_share=round(n_contra / n_shared, 3) if n_shared else None,
            )
        )
    return sorted(rows, key=lambda r: (-r.shared_claims, r.source))


def format_source_table(rows: Sequence[SourceRow]) -> str:
    """A fixed-width table of the source view for a terminal."""
    if not rows:
        return "no event claims\n"
    head = (
        f"{'source':<22}{'docs':>6}{'claims':>8}{'shared':>8}{'corrob':>8}{'contra':>8}"
        f"{'corr%':>7}{'contra%':>9}"
    )
    lines = [head, "-" * len(head)]

    def pct(v: float | None) -> str:
        return "-" if v is None else f"{100 * v:.0f}"

    for r in rows:
        lines.append(
            f"{r.source[:21]:<22}{r.documents:>6}{r.event_claims:>8}{r.shared_claims:>8}{r.corroborated:>8}"
            f"{r.contradicted:>8}{pct(r.corroborated_share):>7}{pct(r.contradicted_share):>9}"
        )
    return "\n".join(lines) + "\n"
