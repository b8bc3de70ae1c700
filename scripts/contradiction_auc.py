"""How an article's share of contradicted claims relates to FA-KES's credible / fake label.

For every FA-KES article: the share of its event claims (claims in resolver events) that
another outlet contradicts (a ``contradicts`` relation with a claim of a different
source). The ROC AUC of that share for telling *fake* articles (FA-KES ``labels`` = 0)
from credible ones (1) is computed by ranks (Mann-Whitney U, ties as half), over all
articles and over those with a claim in an event that two or more outlets report.
An AUC of 0.5 means the share says nothing about the label.

Usage:
    python scripts/contradiction_auc.py --claims /tmp/fakes_claims.jsonl --resolved /tmp/fakes_resolved \
        --fakes /work/shared/data/fakes/FA-KES-Dataset.csv

Example:
    >>> rank_auc([0.9, 0.8, 0.3], [0.2, 0.0])
    1.0
    >>> rank_auc([0.5], [0.5])
    0.5
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path


def rank_auc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    """P(score of a random positive > a random negative), ties counting half; None if a side is empty."""
    if not positives or not negatives:
        return None
    scored = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum = 0.0
    i = 0
    while i < len(scored):
        j = i
        while j < len(scored) and scored[j][0] == scored[i][0]:
            j += 1
        mid_rank = (i + 1 + j) / 2  # average of ranks i+1 .. j
        rank_sum += mid_rank * sum(label for _, label in scored[i:j])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def read_labels(path: Path) -> dict[str, int]:
    """FA-KES ``unit_id`` -> label (1 credible, 0 fake)."""
    with path.open(encoding="latin-1", newline="") as fh:
        return {row["unit_id"]: int(row["labels"]) for row in csv.DictReader(fh)}


def article_shares(claims_path: Path, resolved: Path) -> tuple[dict[str, float], set[str]]:
    """Per doc_id: share of event claims contradicted by another outlet; and docs in multi-outlet events."""
    from claimx.output import read_claims
    from claimx.resolve.io import read_events, read_relations

    claims = {c.claim_id: c for c in read_claims(claims_path)}
    events = read_events(resolved / "events.jsonl")
    relations = read_relations(resolved / "relations.jsonl")
    contradicted: set[str] = set()
    for r in relations:
        a, b = claims.get(r.claim_a), claims.get(r.claim_b)
        if r.relation == "contradicts" and a and b and (a.source or a.doc_id) != (b.source or b.doc_id):
            contradicted.update((a.claim_id, b.claim_id))
    per_doc: dict[str, list[str]] = defaultdict(list)
    shared_docs: set[str] = set()
    for e in events:
        for cid in e.claim_ids:
            if cid in claims:
                per_doc[claims[cid].doc_id].append(cid)
        if len(set(e.sources)) >= 2:
            shared_docs.update(e.doc_ids)
    shares = {doc: sum(c in contradicted for c in ids) / len(ids) for doc, ids in per_doc.items()}
    for c in claims.values():
        shares.setdefault(c.doc_id, 0.0)
    return shares, shared_docs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--claims", type=Path, required=True, help="claims file from `claimx batch` over FA-KES"
    )
    parser.add_argument("--resolved", type=Path, required=True, help="folder written by `claimx resolve`")
    parser.add_argument("--fakes", type=Path, default=Path("/work/shared/data/fakes/FA-KES-Dataset.csv"))
    args = parser.parse_args(argv)
    labels = read_labels(args.fakes)
    shares, shared_docs = article_shares(args.claims, args.resolved)
    report = {}
    for name, docs in (
        ("all articles with claims", set(shares)),
        ("articles in multi-outlet events", shared_docs),
    ):
        fake = [shares[d] for d in docs if labels.get(d.rsplit(":", 1)[-1]) == 0]
        credible = [shares[d] for d in docs if labels.get(d.rsplit(":", 1)[-1]) == 1]
        report[name] = {
            "fake": len(fake),
            "credible": len(credible),
            "mean_share_fake": round(sum(fake) / len(fake), 4) if fake else None,
            "mean_share_credible": round(sum(credible) / len(credible), 4) if credible else None,
            "auc_fake_vs_credible": None if (auc := rank_auc(fake, credible)) is None else round(auc, 4),
        }
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
