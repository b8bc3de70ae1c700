"""The report's offline map as inline SVG, and where a place falls on it.

Two views (:func:`choose_map`): Syria's governorates when every place of the report is in
Syria, else the world's country outlines zoomed to the report's countries.

Boundaries are bundled: ``assets/syria_admin1.json``, Natural Earth's 1:10m admin-1 polygons
(public domain) simplified by ``scripts/build_syria_geo.py``; ``assets/world_countries.json``,
Natural Earth's 1:110m countries (public domain, as shipped by geopandas 0.x) simplified by
``scripts/build_world_geo.py``. The projection is equirectangular, scaled by the cosine of the
middle latitude, which is close enough at a country's or a region's size.

Example:
    >>> x, y = SYRIA_MAP.project(36.2, 37.15)  # Aleppo
    >>> 0 < x < SYRIA_MAP.width and 0 < y < SYRIA_MAP.height
    True
    >>> view = choose_map([("Sudan", 13.6, 25.3), ("Chad", 13.8, 20.8)])
    >>> view.kind, view.point(15.6, 32.5, None) is not None, view.point(33.5, 36.3, None)
    ('world', True, None)
"""

from __future__ import annotations

import html
import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

ASSET = "syria_admin1.json"
WORLD_ASSET = "world_countries.json"


@dataclass(frozen=True, slots=True)
class Governorate:
    """One governorate (admin-1 area): display name, other names, label point and rings of (lon, lat)."""

    name: str
    aliases: tuple[str, ...]
    label: tuple[float, float]
    rings: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True, slots=True)
class MapProjection:
    """Lon/lat bounds of the map and its size in SVG units."""

    west: float
    east: float
    south: float
    north: float
    width: float = 600.0

    @property
    def _kx(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def scale(self) -> float:
        """SVG units per degree of latitude."""
        return self.width / ((self.east - self.west) * self._kx)

    @property
    def height(self) -> float:
        """Height of the map in SVG units."""
        return round((self.north - self.south) * self.scale, 1)

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        """(x, y) in SVG units for a latitude and longitude."""
        x = (lon - self.west) * self._kx * self.scale
        y = (self.north - lat) * self.scale
        return round(x, 1), round(y, 1)

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point lies inside the map's bounds."""
        return self.south <= lat <= self.north and self.west <= lon <= self.east


SYRIA_MAP = MapProjection(west=35.3, east=42.7, south=32.1, north=37.5)
"""Syria with a margin (the report's one map)."""

CREDIT = "Boundaries: Natural Earth (public domain), simplified"


@lru_cache(maxsize=1)
def governorates() -> tuple[Governorate, ...]:
    """The bundled governorates of Syria."""
    text = resources.files("claimx.report").joinpath("assets").joinpath(ASSET).read_text(encoding="utf-8")
    out = []
    for g in json.loads(text)["governorates"]:
        out.append(
            Governorate(
                name=g["name"],
                aliases=tuple(g["aliases"]),
                label=(g["label"][0], g["label"][1]),
                rings=tuple(tuple((p[0], p[1]) for p in ring) for ring in g["rings"]),
            )
        )
    return tuple(out)


_EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "Rif Dimashq": ("Rural Damascus", "Damascus Countryside", "Reef Damascus", "Rif Dimashq Governorate"),
    "Deir ez-Zor": ("Deir ez Zor", "Deir Ezzor", "Deir al-Zor", "Deir Ezzor", "Dayr az Zawr"),
    "As-Suwayda": ("Sweida", "Suwayda", "As Suwayda"),
    "Hasakah": ("Hasakeh", "Hassakeh", "Al-Hasakah", "Al Hasakah"),
    "Daraa": ("Deraa", "Dara'a", "Dar'a"),
    "Lattakia": ("Latakia",),
    "Tartus": ("Tartous",),
    "Raqqa": ("Raqqah", "Ar-Raqqah", "Ar Raqqah"),
}


def _key(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\b(governorate|province|muhafazat|mohafazat)\b", " ", s)
    s = re.sub(r"^(al|ar|as|ad|ad|el|an)[\s-]+", "", s.strip())
    return re.sub(r"[^a-z0-9]", "", s)


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, Governorate]:
    index: dict[str, Governorate] = {}
    for g in governorates():
        for name in (g.name, *g.aliases, *_EXTRA_ALIASES.get(g.name, ())):
            index.setdefault(_key(name), g)
    return index


def find_governorate(name: str | None) -> Governorate | None:
    """The governorate a name (``Aleppo``, ``Halab``, ``Rif Dimashq Governorate``) refers to, or None.

    Example:
        >>> find_governorate("Deir ez-Zor Governorate").name
        'Deir ez-Zor'
    """
    if not name:
        return None
    return _alias_index().get(_key(name))


def place_point(
    lat: float | None, lon: float | None, admin1: str | None, projection: MapProjection = SYRIA_MAP
) -> tuple[float, float] | None:
    """Map position of a place: its coordinates, else its governorate's label point, else None.

    Places outside the map's bounds give None.
    """
    if lat is not None and lon is not None and not (math.isnan(lat) or math.isnan(lon)):
        return projection.project(lat, lon) if projection.contains(lat, lon) else None
    g = find_governorate(admin1)
    if g is None:
        return None
    return projection.project(g.label[1], g.label[0])


def _ring_path(ring: tuple[tuple[float, float], ...], projection: MapProjection) -> str:
    pts = [projection.project(lat, lon) for lon, lat in ring]
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z"


def base_map_svg(projection: MapProjection = SYRIA_MAP, svg_id: str = "map") -> str:  # Syria's view
    """An inline ``<svg>`` of the governorates with their names and an empty ``<g class="dots">``.

    All text in it is escaped; the report's script adds the event dots.
    """
    parts = [
        f'<svg id="{html.escape(svg_id)}" class="map-svg" viewBox="0 0 {projection.width:g} '
        f'{projection.height:g}" role="img" aria-label="Map of Syria\'s governorates with event places">'
    ]
    for g in governorates():
        d = "".join(_ring_path(r, projection) for r in g.rings)
        parts.append(
            f'<path class="gov" fill-rule="evenodd" d="{d}"><title>{html.escape(g.name)}</title></path>'
        )
    for g in governorates():
        if g.name in {"UNDOF zone", "Damascus", "Quneitra"}:
            continue  # too small to label
        x, y = projection.project(g.label[1], g.label[0])
        parts.append(f'<text class="gov-label" x="{x:g}" y="{y:g}">{html.escape(g.name)}</text>')
    parts.append('<g class="dots"></g></svg>')
    return "".join(parts)


# ---------------------------------------------------------------- the world view


@dataclass(frozen=True, slots=True)
class Country:
    """One country outline: claimx's name for it, other names, rings of (lon, lat), main ring's box."""

    name: str
    aliases: tuple[str, ...]
    rings: tuple[tuple[tuple[float, float], ...], ...]
    box: tuple[float, float, float, float]
    """(west, south, east, north) of its largest ring (the mainland: not Alaska, not Guiana)."""


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """The bundled country outlines."""
    text = (
        resources.files("claimx.report").joinpath("assets").joinpath(WORLD_ASSET).read_text(encoding="utf-8")
    )
    out = []
    for c in json.loads(text)["countries"]:
        rings = tuple(tuple((p[0], p[1]) for p in ring) for ring in c["rings"])
        main = max(rings, key=len)
        lons, lats = [p[0] for p in main], [p[1] for p in main]
        out.append(
            Country(
                c["name"], tuple(c.get("aliases", ())), rings, (min(lons), min(lats), max(lons), max(lats))
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def _country_index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for c in countries():
        for name in (c.name, *c.aliases):
            index.setdefault(_key(name), c)
    return index


def find_country(name: str | None) -> Country | None:
    """The outline of a country named as claims name it (``United States``, ``Syria``), or None.

    >>> find_country("United States").name, find_country("Atlantis")
    ('United States', None)
    """
    return _country_index().get(_key(name)) if name else None


WORLD_BOX = (-170.0, -56.0, 180.0, 78.0)
"""The whole inhabited world (west, south, east, north): the view when no country is known."""


def _fit(west: float, south: float, east: float, north: float) -> MapProjection:
    """A projection of the box with a margin, at least 6 degrees across, between 0.5:1 and 1:1 high."""
    pad = max(east - west, north - south) * 0.08 + 1.0
    west, east, south, north = west - pad, east + pad, max(south - pad, -80.0), min(north + pad, 84.0)
    mid, kx = (south + north) / 2, math.cos(math.radians((south + north) / 2))
    wide, high = (east - west) * kx, north - south
    if high < wide / 2:  # too flat: taller
        south, north = mid - wide / 4, mid + wide / 4
    elif high > wide:  # too tall: wider
        extra = (high / kx - (east - west)) / 2
        west, east = west - extra, east + extra
    return MapProjection(
        west=round(west, 2), east=round(east, 2), south=round(south, 2), north=round(north, 2)
    )


@dataclass(frozen=True, slots=True)
class MapView:
    """The report's map: Syria's governorates, or world outlines zoomed to ``countries``."""

    kind: Literal["syria", "world"]
    projection: MapProjection
    countries: tuple[str, ...] = ()
    """The report's countries (labelled on the world view)."""

    def point(self, lat: float | None, lon: float | None, admin1: str | None) -> tuple[float, float] | None:
        """Map position of a place (None when it is off the map or has no point)."""
        if self.kind == "syria":
            return place_point(lat, lon, admin1, self.projection)
        if lat is None or lon is None or math.isnan(lat) or math.isnan(lon):
            return None
        return self.projection.project(lat, lon) if self.projection.contains(lat, lon) else None

    def svg(self, svg_id: str = "map") -> str:
        """The inline ``<svg>`` with an empty ``<g class="dots">`` for the report's script."""
        if self.kind == "syria":
            return base_map_svg(self.projection, svg_id)
        return world_map_svg(self.projection, self.countries, svg_id)


SYRIA_VIEW = MapView("syria", SYRIA_MAP, ("Syria",))


def choose_map(places: Iterable[tuple[str | None, float | None, float | None]]) -> MapView:
    """The view for places given as (country, lat, lon): Syria's when all are in Syria, else the
    world zoomed to their countries' mainland outlines and their points."""
    names, boxes = set(), []
    for country, lat, lon in places:
        if country:
            names.add(country)
        if lat is not None and lon is not None and not (math.isnan(lat) or math.isnan(lon)):
            boxes.append((lon, lat, lon, lat))
    if names == {"Syria"}:
        return SYRIA_VIEW
    boxes += [c.box for n in names if (c := find_country(n)) is not None]
    if not boxes:
        return MapView("world", _fit(*WORLD_BOX), ())
    box = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return MapView("world", _fit(*box), tuple(sorted(names)))


def _overlaps(box: tuple[float, float, float, float], p: MapProjection) -> bool:
    return box[0] <= p.east and box[2] >= p.west and box[1] <= p.north and box[3] >= p.south


def world_map_svg(projection: MapProjection, labelled: Iterable[str] = (), svg_id: str = "map") -> str:
    """An inline ``<svg>`` of the country outlines in view, the ``labelled`` ones named."""
    parts = [
        f'<svg id="{html.escape(svg_id)}" class="map-svg" viewBox="0 0 {projection.width:g} '
        f'{projection.height:g}" role="img" aria-label="Map of the countries with event places">'
    ]
    wanted = {c.name for n in labelled if (c := find_country(n)) is not None}
    shown = [c for c in countries() if any(_overlaps(_ring_box(r), projection) for r in c.rings)]
    for c in shown:
        d = "".join(_ring_path(r, projection) for r in c.rings if _overlaps(_ring_box(r), projection))
        cls = "gov country-on" if c.name in wanted else "gov"
        parts.append(
            f'<path class="{cls}" fill-rule="evenodd" d="{d}"><title>{html.escape(c.name)}</title></path>'
        )
    for c in shown:
        lat, lon = (c.box[1] + c.box[3]) / 2, (c.box[0] + c.box[2]) / 2
        if c.name in wanted and projection.contains(lat, lon):
            x, y = projection.project(lat, lon)
            parts.append(f'<text class="gov-label" x="{x:g}" y="{y:g}">{html.escape(c.name)}</text>')
    parts.append('<g class="dots"></g></svg>')
    return "".join(parts)


def _ring_box(ring: tuple[tuple[float, float], ...]) -> tuple[float, float, float, float]:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)
