"""Scoring the resolver against labelled article pairs (``corpus/gold/relations/``).

Gold is JSONL, one article pair a line, keyed by ``doc_id`` (not claim ids, which change
with the extractor)::

    {"incident": "2017-04-04 Khan Sheikhoun", "doc_a": "FA-KES-Dataset:1918150030",
     "doc_b": "FA-KES-Dataset:1926479178", "same_event": true,
     "relation": "contradicts", "slots": ["killed"], "note": "58 vs 100 killed"}

``relation`` and ``slots`` are given for same-event pairs only (``corroborates`` pairs
take ``slots: ["event"]``). A gold doc id missing from the claims is matched on its part
after the last ``:`` (the FA-KES ``unit_id``), so a differently named copy of the CSV
still scores.

- Linking: the pair is predicted *same event* when some event holds claims of both
  articles; precision, recall and F1 over the labelled pairs.
- Judgement, over gold same-event pairs: the predicted kind is ``contradicts`` when any
  relation between the two articles' claims contradicts (its slots are the predicted
  slots), else ``corroborates`` when any corroborates, else none. *Kind accuracy*:
  the kind is right; *slot accuracy*: the kind is right and, for contradictions, a
  gold slot is among the predicted slots. Both are given over all gold same-event pairs
  and over those the resolver linked.

Example:
    >>> g = [GoldPair("x", "a", "b", True, "contradicts", ("killed",), "")]
    >>> rel = [Relation("1", "2", "contradicts", "killed", "r")]
    >>> s = score_relations(g, {"1": "a", "2": "b"}, [("1", "2")], rel)
    >>> s.link_f1, s.slot_accuracy
    (1.0, 1.0)
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from claimx.errors import UsageError
from claimx.types import Relation

RELATION_KINDS = ("corroborates", "contradicts")
SLOTS = ("event", "actor", "target", "location", "date", "killed", "injured", "negation")


@dataclass(frozen=True, slots=True)
class GoldPair:
    """One labelled article pair."""

    incident: str
    doc_a: str
    doc_b: str
    same_event: bool
    relation: str | None
    slots: tuple[str, ...]
    note: str


def read_gold(path: Path) -> list[GoldPair]:
    """Gold pairs from a JSONL file, or every ``*.jsonl`` file of a folder."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not path.exists() or not files:
        raise UsageError(f"no gold relations at {path} (give a .jsonl file or a folder of them)")
    out = []
    for file in files:
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise UsageError(f"{file}:{n}: not a JSON gold pair ({exc.msg})") from None
                out.append(_gold_pair(rec, f"{file}:{n}"))
    return out


def _gold_pair(rec: dict[str, Any], where: str) -> GoldPair:
    try:
        same = bool(rec["same_event"])
        relation = rec.get("relation") if same else None
        slots = tuple(rec.get("slots") or (["event"] if relation == "corroborates" else []))
        pair = GoldPair(
            str(rec.get("incident", "")),
            str(rec["doc_a"]),
            str(rec["doc_b"]),
            same,
            relation,
            slots,
            str(rec.get("note", "")),
        )
    except KeyError as exc:
        raise UsageError(f"{where}: gold pair without {exc} (see corpus/gold/relations/README.md)") from None
    if same and relation not in RELATION_KINDS:
        raise UsageError(
            f"{where}: relation must be one of {', '.join(RELATION_KINDS)} for a same-event pair"
        )
    bad = [s for s in slots if s not in SLOTS]
    if bad:
        raise UsageError(f"{where}: unknown slot {bad[0]!r} (use {', '.join(SLOTS)})")
    return pair


@dataclass(frozen=True, slots=True)
class RelationScores:
    """Linking and judgement scores (see module docstring)."""

    pairs: int
    gold_same: int
    missing_docs: tuple[str, ...]
    link_tp: int
    link_fp: int
    link_fn: int
    link_precision: float | None
    link_recall: float | None
    link_f1: float | None
    kind_accuracy: float | None
    slot_accuracy: float | None
    kind_accuracy_linked: float | None
    slot_accuracy_linked: float | None
    confusion: dict[str, int] = field(default_factory=dict)
    errors: tuple[str, ...] = ()

    def to_record(self) -> dict[str, Any]:
        return asdict(self)

    def to_text(self) -> str:
        """A short report for a terminal."""

        f = score_text

        lines = [
            f"gold pairs: {self.pairs} ({self.gold_same} same-event)"
            + (f"; {len(self.missing_docs)} doc(s) without claims" if self.missing_docs else ""),
            f"linking   P {f(self.link_precision)}  R {f(self.link_recall)}  F1 {f(self.link_f1)}"
            f"  (tp {self.link_tp}, fp {self.link_fp}, fn {self.link_fn})",
            f"judgement kind accuracy {f(self.kind_accuracy)}  slot accuracy {f(self.slot_accuracy)}"
            f"  (on linked pairs: {f(self.kind_accuracy_linked)} / {f(self.slot_accuracy_linked)})",
            "confusion (gold -> predicted): "
            + ", ".join(f"{k}: {v}" for k, v in sorted(self.confusion.items())),
        ]
        lines += [f"  {e}" for e in self.errors]
        return "\n".join(lines) + "\n"


def ratio(num: int, den: int) -> float | None:
    """``num / den`` to four places, None when there is nothing to divide by.

    >>> ratio(7, 8), ratio(0, 0)
    (0.875, None)
    """
    return round(num / den, 4) if den else None


def score_text(v: float | None) -> str:
    """A score for a terminal report: three places, ``-`` when undefined.

    >>> score_text(0.87504), score_text(None)
    ('0.875', '-')
    """
    return "-" if v is None else f"{v:.3f}"


def _resolve_doc(doc: str, known: set[str], by_suffix: Mapping[str, str]) -> str | None:
    if doc in known:
        return doc
    return by_suffix.get(doc.rsplit(":", 1)[-1])


def score_relations(  # noqa: C901 (one pass over the gold pairs tallying link and judgement counts)
    gold: Sequence[GoldPair],
    claim_docs: Mapping[str, str],
    event_claims: Iterable[Sequence[str]],
    relations: Sequence[Relation],
) -> RelationScores:
    """Score resolver output against gold pairs.

    ``claim_docs`` maps claim id to doc id; ``event_claims`` gives each event's claim ids.
    """
    known = set(claim_docs.values())
    by_suffix = {d.rsplit(":", 1)[-1]: d for d in known}
    together: set[frozenset[str]] = set()
    for ids in event_claims:
        docs = sorted({claim_docs[c] for c in ids if c in claim_docs})
        together.update(frozenset((x, y)) for n, x in enumerate(docs) for y in docs[n + 1 :])
    between: dict[frozenset[str], list[Relation]] = defaultdict(list)
    for r in relations:
        da, db = claim_docs.get(r.claim_a), claim_docs.get(r.claim_b)
        if da and db and da != db:
            between[frozenset((da, db))].append(r)
    tp = fp = fn = 0
    kind_ok = slot_ok = kind_ok_linked = slot_ok_linked = linked_same = 0
    confusion: Counter[str] = Counter()
    missing: set[str] = set()
    errors = []
    for g in gold:
        da, db = _resolve_doc(g.doc_a, known, by_suffix), _resolve_doc(g.doc_b, known, by_suffix)
        missing.update(d for d, r in ((g.doc_a, da), (g.doc_b, db)) if r is None)
        key = frozenset((da, db)) if da and db else None
        predicted_same = key is not None and key in together
        if g.same_event and predicted_same:
            tp += 1
        elif g.same_event:
            fn += 1
        elif predicted_same:
            fp += 1
            errors.append(f"linked, gold says different events: {g.doc_a} / {g.doc_b} ({g.incident})")
        if not g.same_event:
            continue
        rels = between.get(key, []) if key is not None else []
        contra = {r.slot for r in rels if r.relation == "contradicts"}
        kind = "contradicts" if contra else "corroborates" if rels else "none"
        confusion[f"{g.relation} -> {kind}"] += 1
        k_ok = kind == g.relation
        s_ok = k_ok and (g.relation == "corroborates" or bool(contra & set(g.slots)))
        kind_ok += k_ok
        slot_ok += s_ok
        if predicted_same:
            linked_same += 1
            kind_ok_linked += k_ok
            slot_ok_linked += s_ok
        if not s_ok:
            got = f"{kind} {sorted(contra)}" if contra else kind
            errors.append(
                f"gold {g.relation} {list(g.slots)}, got {got}: {g.doc_a} / {g.doc_b} ({g.incident})"
            )
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision and recall else None
    n_same = sum(g.same_event for g in gold)
    return RelationScores(
        pairs=len(gold),
        gold_same=n_same,
        missing_docs=tuple(sorted(missing)),
        link_tp=tp,
        link_fp=fp,
        link_fn=fn,
        link_precision=precision,
        link_recall=recall,
        link_f1=f1 if f1 is not None else (0.0 if tp + fp + fn else None),
        kind_accuracy=ratio(kind_ok, n_same),
        slot_accuracy=ratio(slot_ok, n_same),
        kind_accuracy_linked=ratio(kind_ok_linked, linked_same),
        slot_accuracy_linked=ratio(slot_ok_linked, linked_same),
        confusion=dict(confusion),
        errors=tuple(errors),
    )


# -- linking against any gold that maps documents to events ------------------------------------


def read_link_gold(path: Path) -> dict[str, str]:
    """Gold ``doc_id -> event id`` from JSONL (``{"doc_id": ..., "event": ...}`` a line) or CSV.

    A CSV needs the columns ``doc_id`` and ``event``.
    """
    import csv

    if not path.is_file():
        raise UsageError(f"no link gold at {path} (give a .jsonl or .csv mapping doc_id to event)")
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        if path.suffix.lower() == ".csv":
            rows: Iterable[tuple[int, Any]] = enumerate(csv.DictReader(fh), 2)
        else:
            rows = ((n, _json_line(line, path, n)) for n, line in enumerate(fh, 1) if line.strip())
        for n, rec in rows:
            doc, event = (rec or {}).get("doc_id"), (rec or {}).get("event")
            if doc in (None, "") or event in (None, ""):
                raise UsageError(f"{path}:{n}: a link gold record needs doc_id and event")
            out[str(doc)] = str(event)
    if not out:
        raise UsageError(f"{path}: no link gold records")
    return out


def _json_line(line: str, path: Path, n: int) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}:{n}: not a JSON link gold record ({exc.msg})") from None


def doc_partition(claim_docs: Mapping[str, str], event_claims: Iterable[Sequence[str]]) -> dict[str, str]:
    """Documents grouped as the resolver linked them: connected components of "some event holds both".

    Returns ``doc_id -> cluster label`` (the component's smallest doc id) for every doc with claims.

    >>> doc_partition({"1": "a", "2": "b", "3": "c"}, [("1", "2"), ("3",)])
    {'a': 'a', 'b': 'a', 'c': 'c'}
    """
    parent = {d: d for d in sorted(set(claim_docs.values()))}

    def find(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for ids in event_claims:
        docs = [claim_docs[c] for c in ids if c in claim_docs]
        for d in docs[1:]:
            ra, rb = find(docs[0]), find(d)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {d: find(d) for d in parent}


@dataclass(frozen=True, slots=True)
class LinkScores:
    """Pair and B-cubed scores of a document clustering against gold events."""

    docs: int
    gold_events: int
    predicted_clusters: int
    missing_docs: int
    """Gold documents with no claims (each counted as its own cluster)."""
    pair_tp: int
    pair_fp: int
    pair_fn: int
    pair_precision: float | None
    pair_recall: float | None
    pair_f1: float | None
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float

    def to_record(self) -> dict[str, Any]:
        return asdict(self)

    def to_text(self) -> str:
        """A short report for a terminal."""

        f = score_text

        return (
            f"documents: {self.docs} in {self.gold_events} gold events, {self.predicted_clusters} predicted"
            f" clusters ({self.missing_docs} docs without claims)\n"
            f"pairs     P {f(self.pair_precision)}  R {f(self.pair_recall)}  F1 {f(self.pair_f1)}"
            f"  (tp {self.pair_tp}, fp {self.pair_fp}, fn {self.pair_fn})\n"
            f"B-cubed   P {f(self.bcubed_precision)}  R {f(self.bcubed_recall)}  F1 {f(self.bcubed_f1)}\n"
        )


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def score_links(gold: Mapping[str, str], predicted: Mapping[str, str]) -> LinkScores:
    """Score ``predicted`` (doc -> cluster) against ``gold`` (doc -> event) over the gold documents.

    Pairs: two documents are a gold pair when they share a gold event, a predicted pair when
    they share a cluster. B-cubed: per document, precision is the share of its predicted
    cluster in its gold event, recall the share of its gold event in its predicted cluster,
    averaged over documents. Gold documents missing from ``predicted`` are singletons.

    >>> s = score_links({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "x"})
    >>> s.pair_precision, s.pair_recall, round(s.bcubed_precision, 3)
    (0.3333, 1.0, 0.556)
    """
    docs = sorted(gold)
    pred = {d: predicted.get(d, f"\x00single:{d}") for d in docs}
    gold_members: dict[str, set[str]] = defaultdict(set)
    pred_members: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        gold_members[gold[d]].add(d)
        pred_members[pred[d]].add(d)
    both: Counter[tuple[str, str]] = Counter((gold[d], pred[d]) for d in docs)
    tp = sum(n * (n - 1) // 2 for n in both.values())
    gold_pairs = sum(len(m) * (len(m) - 1) // 2 for m in gold_members.values())
    pred_pairs = sum(len(m) * (len(m) - 1) // 2 for m in pred_members.values())
    precision, recall = ratio(tp, pred_pairs), ratio(tp, gold_pairs)
    bp = sum(both[(gold[d], pred[d])] / len(pred_members[pred[d]]) for d in docs) / max(len(docs), 1)
    br = sum(both[(gold[d], pred[d])] / len(gold_members[gold[d]]) for d in docs) / max(len(docs), 1)
    return LinkScores(
        docs=len(docs),
        gold_events=len(gold_members),
        predicted_clusters=len(pred_members),
        missing_docs=sum(1 for d in docs if d not in predicted),
        pair_tp=tp,
        pair_fp=pred_pairs - tp,
        pair_fn=gold_pairs - tp,
        pair_precision=precision,
        pair_recall=recall,
        pair_f1=_f1(precision or 0.0, recall or 0.0) if pred_pairs or gold_pairs else None,
        bcubed_precision=round(bp, 4),
        bcubed_recall=round(br, 4),
        bcubed_f1=_f1(round(bp, 4), round(br, 4)) or 0.0,
    )
