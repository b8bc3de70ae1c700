"""Print a short digest of a claims file (and of a resolve output): what claimx found.

Usage:
    python scripts/summarize.py out/claims.parquet [--resolved out/resolved] [--per-doc 6]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from claimx.actions import VIOLENT_ACTION_TYPES
from claimx.output import read_claims
from claimx.types import Claim


def _line(c: Claim) -> str:
    who = c.actor_norm or c.actor or "?"
    what = c.target_norm or c.target or ""
    where = c.location_norm or c.location or ""
    if c.admin1 and c.admin1 != where:
        where += f" ({c.admin1})"
    bits = [f"{who} -{c.action_type}-> {what}".rstrip(), f"@ {where}" if where else "", c.date_norm or ""]
    if c.killed is not None:
        bits.append(f"killed={c.killed}")
    if c.injured is not None:
        bits.append(f"injured={c.injured}")
    if c.attributed_to:
        bits.append(f"says {c.attributed_to}")
    flags = ("NEGATED " if c.negated else "") + ("hedged" if c.hedged else "")
    return "  ".join(b for b in bits if b) + (f"  [{flags.strip()}]" if flags else "")


def main() -> None:
    """Print per-article violent claims and totals; with --resolved, multi-source events."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("claims", type=Path)
    ap.add_argument("--resolved", type=Path, default=None)
    ap.add_argument("--per-doc", type=int, default=6, help="claims shown per article")
    args = ap.parse_args()
    claims = read_claims(args.claims)
    by_doc: dict[str, list[Claim]] = {}
    for c in claims:
        by_doc.setdefault(c.doc_id, []).append(c)
    print(f"\n{len(claims)} claims from {len(by_doc)} articles\n")
    for doc_id, cs in sorted(by_doc.items()):
        violent = [c for c in cs if c.action_type in VIOLENT_ACTION_TYPES]
        head = f"{doc_id}  [{cs[0].source or 'unknown outlet'}, {cs[0].published or 'undated'}]"
        print(f"{head}: {len(cs)} claims, {len(violent)} violent")
        ranked = sorted(violent or cs, key=lambda c: -c.confidence)[: args.per_doc]
        for c in sorted(ranked, key=lambda c: c.action_start):
            print("   ", _line(c))
    types = Counter(c.action_type for c in claims)
    print("\naction types:", ", ".join(f"{k} {v}" for k, v in types.most_common()))
    actors = Counter(c.actor_norm for c in claims if c.actor_norm)
    print("actors:", ", ".join(f"{k} {v}" for k, v in actors.most_common(8)))
    places = Counter(c.location_norm for c in claims if c.location_norm)
    print("places:", ", ".join(f"{k} {v}" for k, v in places.most_common(8)))
    if args.resolved and (args.resolved / "events.jsonl").is_file():
        events = [
            json.loads(x) for x in (args.resolved / "events.jsonl").read_text().splitlines() if x.strip()
        ]
        multi = [e for e in events if len({s for s in e["sources"] if s}) >= 2]
        rels = []
        if (args.resolved / "relations.jsonl").is_file():
            rels = [json.loads(x) for x in (args.resolved / "relations.jsonl").read_text().splitlines() if x]
        contra = [r for r in rels if r["relation"] == "contradicts"]
        print(f"\n{len(events)} events, {len(multi)} reported by 2+ outlets, {len(contra)} contradictions")
        for r in contra[:10]:
            print(f"   contradicts on {r['slot']}: {r['reason']}")
    print()


if __name__ == "__main__":
    main()
