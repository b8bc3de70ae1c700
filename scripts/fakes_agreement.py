"""How often claimx's violent claims agree with FA-KES's own incident labels.

For each FA-KES article: the most common governorate (admin1) and the most common
day (date_norm) among its violent claims, compared with FA-KES's `location` and
`date` columns.

Usage:
    python scripts/fakes_agreement.py CLAIMS [--fakes ../shared/data/fakes/FA-KES-Dataset.csv]
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from datetime import datetime
from pathlib import Path

from claimx.actions import VIOLENT_ACTION_TYPES
from claimx.knowledge import Knowledge
from claimx.normalize.places import Gazetteer
from claimx.output import read_claims
from claimx.settings import Settings


def _fakes_admin1(gaz: Gazetteer, name: str) -> str | None:
    place = gaz.lookup(f"{name} governorate") or gaz.lookup(name)
    return place.admin1 if place else None


def main() -> None:
    """Print the agreement counts."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("claims", type=Path)
    ap.add_argument(
        "--fakes",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared/data/fakes/FA-KES-Dataset.csv",
    )
    args = ap.parse_args()
    gaz = Knowledge.from_settings(Settings.from_env()).gazetteer
    rows = {r["unit_id"]: r for r in csv.DictReader(args.fakes.open(encoding="utf-8"))}
    by_doc: dict[str, list] = {}
    for c in read_claims(args.claims):
        if c.action_type in VIOLENT_ACTION_TYPES:
            by_doc.setdefault(c.doc_id.split(":", 1)[1].split("~")[0], []).append(c)
    n = len(rows)
    with_claims = loc_ok = date_ok = both_ok = loc_any = date_any = 0
    for uid, row in rows.items():
        claims = by_doc.get(uid, [])
        if not claims:
            continue
        with_claims += 1
        want_admin1 = _fakes_admin1(gaz, row["location"])
        want_date = datetime.strptime(row["date"], "%m/%d/%Y").date().isoformat()
        syrian = [c for c in claims if c.country in (None, "Syria")]  # governorates only
        admins = Counter(c.admin1 for c in syrian if c.admin1)
        days = Counter(c.date_norm for c in claims if c.date_norm and len(c.date_norm) == 10)
        got_admin1 = admins.most_common(1)[0][0] if admins else None
        got_date = days.most_common(1)[0][0] if days else None
        loc_hit = got_admin1 is not None and got_admin1 == want_admin1
        date_hit = got_date == want_date
        loc_ok += loc_hit
        date_ok += date_hit
        both_ok += loc_hit and date_hit
        loc_any += want_admin1 in admins
        date_any += want_date in days
    print(f"FA-KES rows: {n}; articles with violent claims: {with_claims}")
    print(f"most common governorate == FA-KES location: {loc_ok} ({loc_ok / n:.1%} of rows)")
    print(f"most common day == FA-KES date:            {date_ok} ({date_ok / n:.1%} of rows)")
    print(f"both:                                       {both_ok} ({both_ok / n:.1%} of rows)")
    print(
        f"FA-KES location among the claims' governorates: {loc_any}; "
        f"FA-KES date among the claims' days: {date_any}"
    )


if __name__ == "__main__":
    main()
