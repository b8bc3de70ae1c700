"""``claimx evaluate ged``: claimx checked against UCDP GED headlines (the 20% hold-out by default).

Each clean headline (an item citing one event alone) is one document, dated by its
``source_date`` when GED gives one. The extractor's claims are scored against the
event's gold (:func:`score_headlines`); then all claims are resolved and the documents'
clustering is scored against GED's ``id`` (:func:`score_linking`), and each multi-source
event's casualty range against UCDP's ``best`` (:func:`casualty_check`).

What counts as right, per headline (its claims in text order; conflict actions only):

- governorate: the first claim that has an ``admin1`` names GED's governorate
  (headlines whose event has an ``adm_1``; no ``admin1`` at all is wrong);
- date: the first claim with a day ``date_norm`` is within a day of GED's
  ``[date_start, date_end]``; *effective date* also lets an undated claim take its
  publication date (what the resolver does: ``date_basis`` = ``published``);
- toll: over headlines stating GED's toll in digits (some number in the headline lies
  in ``[low, high]``), the share where a claim's ``killed`` is such a number; and
  over headlines where claimx gives a ``killed``, the share of those in ``[low, high]``;
- sides: over headlines whose first claim with a known actor side (not "armed
  unspecified") exists, the share whose side is one of GED's ``side_a`` / ``side_b``.

Example:
    >>> in_day_window("2016-01-02", "2016-01-01", "2016-01-01")
    True
    >>> in_day_window("2016-01-04", "2016-01-01", "2016-01-02")
    False
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimx.ged.data import GedEvent, GedItem, clean_pairs
from claimx.types import Article, Claim

if TYPE_CHECKING:
    from claimx.normalize.actors import ActorNormalizer
    from claimx.normalize.sides import SideTable

Extract = Callable[[Sequence[Article]], list[list[Claim]]]
"""Claims of each article (the extractor, batched)."""


def headline_article(item: GedItem) -> Article:
    """The document claimx reads for one headline."""
    return Article(doc_id=item.doc_id, text=item.headline, published=item.published, source=item.office)


def _day(text: str | None) -> dt.date | None:
    if not text or len(text) < 10:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def in_day_window(date: str | None, start: str, end: str, tolerance: int = 1) -> bool:
    """Whether ISO day ``date`` lies within ``tolerance`` days of ``[start, end]``."""
    d, s, e = _day(date), _day(start), _day(end) or _day(start)
    if d is None or s is None or e is None:
        return False
    return s - dt.timedelta(days=tolerance) <= d <= e + dt.timedelta(days=tolerance)


_NUMBER_RE = re.compile(
    r"(?<![\w/.:-])\d{1,4}(?![\d/.:])(?!\s*(?:st|nd|rd|th)\b)(?![A-Za-z])"
    r"(?!\s*(?:-\s*)?(?:hours?|days?|weeks?|months?|years?|km|kilomet\w*|miles?|villages?|sq)\b)"
)


def stated_numbers(text: str) -> list[int]:
    """Integers written in digits: not parts of dates, times, codes ("T4", "S688"), ordinals
    ("4th"), durations or distances ("24 hours", "8 km"), or counts of villages.

    >>> stated_numbers("May 8th 2017: (S688) 5 killed in 24 hours near T4, 3 dead")
    [5, 3]
    """
    return [int(m.group()) for m in _NUMBER_RE.finditer(text.replace(",", ""))]


def ged_sides(event: GedEvent) -> frozenset[str]:
    """claimx's side names for GED's two parties (``Civilians`` -> ``civilians``)."""
    from claimx.resolve.sides import actor_side

    out = set()
    for party in (event.side_a, event.side_b):
        for raw in party.split(","):
            name = raw.strip()
            side = "civilians" if name == "Civilians" else actor_side(name, name, _actors(), _sides())
            if side:
                out.add(side)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Rate:
    """``right`` of ``total``."""

    right: int
    total: int

    @property
    def share(self) -> float | None:
        return round(self.right / self.total, 4) if self.total else None

    def __str__(self) -> str:
        return f"{self.share:.1%} ({self.right}/{self.total})" if self.total else "- (0)"


@dataclass(frozen=True, slots=True)
class HeadlineScores:
    """Per-headline accuracy (see module docstring for what counts as right)."""

    headlines: int
    with_claims: int
    governorate: Rate
    date: Rate
    date_effective: Rate
    toll_digits: Rate
    toll_stated: Rate
    actor_side: Rate

    def to_record(self) -> dict[str, Any]:
        rec = asdict(self)
        for v in rec.values():
            if isinstance(v, dict):
                v["share"] = Rate(**v).share
        return rec

    def to_text(self) -> str:
        return (
            f"headlines {self.headlines}, with a conflict claim {self.with_claims}\n"
            f"governorate right        {self.governorate}\n"
            f"date within a day        {self.date}   (publication date for undated: {self.date_effective})\n"
            f"toll in digits recovered {self.toll_digits}\n"
            f"killed given in [low,high] {self.toll_stated}\n"
            f"actor side in GED sides  {self.actor_side}\n"
        )


def _conflict(claims: Iterable[Claim]) -> list[Claim]:
    from claimx.resolve.pipeline import EVENT_ACTION_TYPES

    return sorted((c for c in claims if c.action_type in EVENT_ACTION_TYPES), key=lambda c: c.action_start)


def _actors() -> ActorNormalizer:
    """The actor table of the knowledge in use (``Settings.from_env()``; built once per process)."""
    from claimx.knowledge import Knowledge

    return Knowledge.from_settings().actors


def _sides() -> SideTable:
    """The side keywords for Syria (GED's events here are Syria's) of the knowledge in use."""
    from claimx.knowledge import Knowledge

    return Knowledge.from_settings().sides_for("Syria")


def _first(claims: Sequence[Claim], value: Callable[[Claim], Any]) -> Any:
    return next((v for c in claims if (v := value(c)) is not None), None)


def _effective_date(c: Claim) -> str | None:
    if c.date_norm and len(c.date_norm) >= 10:
        return c.date_norm
    return c.published if not c.date_norm else None


def _known_side(c: Claim) -> str | None:
    from claimx.resolve.sides import AMBIGUOUS_ARMED, actor_side

    side = actor_side(c.actor_norm, c.actor, _actors(), _sides())
    return None if side in (None, AMBIGUOUS_ARMED) else side


def score_headlines(
    pairs: Sequence[tuple[GedEvent, GedItem]], claims_of: Mapping[str, Sequence[Claim]]
) -> HeadlineScores:
    """Score each headline's claims (``claims_of[item.doc_id]``) against its event."""
    gov, date, eff, digits, stated, side = ([0, 0] for _ in range(6))
    with_claims = 0
    for event, item in pairs:
        claims = _conflict(claims_of.get(item.doc_id, ()))
        with_claims += bool(claims)
        if event.governorate:
            gov[1] += 1
            gov[0] += _first(claims, lambda c: c.admin1) == event.governorate
        day = _first(claims, lambda c: c.date_norm if c.date_norm and len(c.date_norm) >= 10 else None)
        date[0] += in_day_window(day, event.date_start, event.date_end)
        eff[0] += in_day_window(_first(claims, _effective_date), event.date_start, event.date_end)
        date[1] += 1
        eff[1] += 1
        tolls = {n for n in stated_numbers(item.headline) if event.low <= n <= event.high}
        killed = {c.killed for c in claims if c.killed is not None and not c.negated}
        if tolls:
            digits[1] += 1
            digits[0] += bool(tolls & killed)
        if killed:
            stated[1] += 1
            stated[0] += any(event.low <= k <= event.high for k in killed)
        s = _first(claims, _known_side)
        if s is not None:
            side[1] += 1
            side[0] += s in ged_sides(event)
    return HeadlineScores(
        headlines=len(pairs),
        with_claims=with_claims,
        governorate=Rate(*gov),
        date=Rate(*date),
        date_effective=Rate(*eff),
        toll_digits=Rate(*digits),
        toll_stated=Rate(*stated),
        actor_side=Rate(*side),
    )


def extract_pairs(pairs: Sequence[tuple[GedEvent, GedItem]], extract: Extract) -> dict[str, list[Claim]]:
    """Claims of each headline, keyed by doc id."""
    arts = [headline_article(i) for _, i in pairs]
    return {a.doc_id: list(cs) for a, cs in zip(arts, extract(arts), strict=True)}


def link_gold(events: Iterable[GedEvent], multi_only: bool = False) -> dict[str, str]:
    """Gold ``doc_id -> GED id`` over clean headlines (only events with 2+ of them when ``multi_only``)."""
    return {
        i.doc_id: e.id for e in events for i in e.clean_items if not multi_only or len(e.clean_items) >= 2
    }


HEADLINES_FILE = "ged_headlines.jsonl"


def write_link_task(events: Sequence[GedEvent], out_dir: Path) -> tuple[Path, Path, Path]:
    """Write the headlines as articles for ``claimx batch`` and their gold for ``claimx evaluate links``.

    Files: ``ged_headlines.jsonl`` (one article a line: id ``<GED id>-<source index>``, text,
    published, source), ``ged_gold_links.jsonl`` (every clean headline) and
    ``ged_gold_links_multi.jsonl`` (headlines of events with two or more); gold doc ids are
    the ones ``claimx batch`` gives (``ged_headlines:<id>``).
    """
    import json

    out_dir.mkdir(parents=True, exist_ok=True)
    docs, gold_all, gold_multi = (
        out_dir / HEADLINES_FILE,
        out_dir / "ged_gold_links.jsonl",
        out_dir / "ged_gold_links_multi.jsonl",
    )
    stem = docs.stem
    with (
        docs.open("w", encoding="utf-8") as fd,
        gold_all.open("w", encoding="utf-8") as fa,
        gold_multi.open("w", encoding="utf-8") as fm,
    ):
        for e in events:
            for i in e.clean_items:
                rid = f"{e.id}-{i.index}"
                rec = {"id": rid, "text": i.headline, "published": i.published, "source": i.office}
                fd.write(json.dumps(rec, ensure_ascii=False) + "\n")
                line = json.dumps({"doc_id": f"{stem}:{rid}", "event": e.id}) + "\n"
                fa.write(line)
                if len(e.clean_items) >= 2:
                    fm.write(line)
    return docs, gold_all, gold_multi


@dataclass(frozen=True, slots=True)
class CasualtyCheck:
    """claimx's casualty range on GED multi-source events against UCDP's ``best``."""

    events: int
    with_range: int
    contains_best: Rate
    median_abs_error: float | None

    def to_record(self) -> dict[str, Any]:
        rec = asdict(self)
        rec["contains_best"]["share"] = self.contains_best.share
        return rec

    def to_text(self) -> str:
        med = "-" if self.median_abs_error is None else f"{self.median_abs_error:g}"
        return (
            f"multi-source events {self.events}, with a claimx casualty range {self.with_range}\n"
            f"[killed_low, killed_high] contains UCDP best {self.contains_best}; "
            f"median |killed_best - best| {med}\n"
        )


def casualty_check(
    events: Sequence[GedEvent], claim_docs: Mapping[str, str], event_claims: Sequence[Any]
) -> CasualtyCheck:
    """For each GED event with 2+ clean headlines: the claimx event holding claims of most of its
    headlines (ties: more claims), and whether its ``[killed_low, killed_high]`` holds UCDP's ``best``.

    ``event_claims`` are claimx events (``claim_ids``, ``killed_low``, ``killed_best``, ``killed_high``).
    """
    docs_of = [
        ({claim_docs[c] for c in e.claim_ids if c in claim_docs}, len(e.claim_ids), e) for e in event_claims
    ]
    by_doc: dict[str, list[int]] = {}
    for n, (docs, _, _) in enumerate(docs_of):
        for d in docs:
            by_doc.setdefault(d, []).append(n)
    multi = [e for e in events if len(e.clean_items) >= 2]
    hits = total = 0
    errors = []
    for g in multi:
        mine = {i.doc_id for i in g.clean_items}
        cands = {n for d in mine for n in by_doc.get(d, ())}
        if not cands:
            continue
        best_n = max(cands, key=lambda n: (len(docs_of[n][0] & mine), docs_of[n][1], -n))
        ev = docs_of[best_n][2]
        if ev.killed_low is None or ev.killed_high is None:
            continue
        total += 1
        hits += ev.killed_low <= g.best <= ev.killed_high
        if ev.killed_best is not None:
            errors.append(abs(ev.killed_best - g.best))
    return CasualtyCheck(
        events=len(multi),
        with_range=total,
        contains_best=Rate(hits, total),
        median_abs_error=float(statistics.median(errors)) if errors else None,
    )


@dataclass(frozen=True, slots=True)
class GedReport:
    """Everything ``claimx evaluate ged`` reports for one extractor."""

    name: str
    split: str
    events: int
    headlines: HeadlineScores
    links: Any | None
    """:class:`claimx.resolve.evaluate.LinkScores` over all clean headlines of the events."""
    links_multi: Any | None
    """The same over the headlines of multi-source events only."""
    casualties: CasualtyCheck | None

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "split": self.split,
            "events": self.events,
            "headlines": self.headlines.to_record(),
            "links": None if self.links is None else self.links.to_record(),
            "links_multi": None if self.links_multi is None else self.links_multi.to_record(),
            "casualties": None if self.casualties is None else self.casualties.to_record(),
        }

    def to_text(self) -> str:
        out = [f"{self.name}: GED {self.split} part, {self.events} events\n", self.headlines.to_text()]
        if self.links is not None:
            out += ["linking, all clean headlines:\n", self.links.to_text()]
        if self.links_multi is not None:
            out += ["linking, multi-source events only:\n", self.links_multi.to_text()]
        if self.casualties is not None:
            out.append(self.casualties.to_text())
        return "".join(out)


def extractor_extract(rules_only: bool, model_dir: Path | None = None) -> tuple[Extract, str]:
    """The extractor as a batched :data:`Extract`, and its name."""
    from claimx.extract import Extractor
    from claimx.settings import Settings

    settings = Settings.from_env().with_overrides(rules_only=rules_only or None)
    extractor = Extractor.load(settings, model_dir=model_dir)

    def extract(arts: Sequence[Article]) -> list[list[Claim]]:
        return [r if isinstance(r, list) else [] for _, r in extractor.extract_many(arts, batch_size=64)]

    return extract, f"{extractor.finder.name} ({extractor.finder.version})"


def run_check(
    events: Sequence[GedEvent],
    extract: Extract,
    name: str,
    split: str = "test",
    links: bool = True,
    encoder: Any | None = None,
) -> GedReport:
    """Extract the clean headlines of ``events`` (read with :func:`read_events`), score everything."""
    from claimx.resolve import resolve_claims
    from claimx.resolve.evaluate import doc_partition, score_links

    pairs = clean_pairs(events)
    claims_of = extract_pairs(pairs, extract)
    heads = score_headlines(pairs, claims_of)
    link_all = link_multi = cas = None
    if links:
        claims = [c for cs in claims_of.values() for c in cs]
        res = resolve_claims(claims, encoder)
        claim_docs = {c.claim_id: c.doc_id for c in claims}
        part = doc_partition(claim_docs, [e.claim_ids for e in res.events])
        link_all = score_links(link_gold(events), part)
        link_multi = score_links(link_gold(events, multi_only=True), part)
        cas = casualty_check(events, claim_docs, res.events)
    return GedReport(name, split, len(events), heads, link_all, link_multi, cas)
