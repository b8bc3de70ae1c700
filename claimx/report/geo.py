"""The report's offline map: Syria's governorates as inline SVG, and where a place falls on it.

Boundaries are bundled in ``assets/syria_admin1.json``: Natural Earth's 1:10m
admin-1 polygons (public domain), simplified by ``scripts/build_syria_geo.py``.
The projection is equirectangular, scaled by the cosine of the middle latitude,
which is close enough at Syria's size.

Example:
    >>> x, y = SYRIA_MAP.project(36.2, 37.15)  # Aleppo
    >>> 0 < x < SYRIA_MAP.width and 0 < y < SYRIA_MAP.height
    True
"""

from __future__ import annotations

import html
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

ASSET = "syria_admin1.json"


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


def base_map_svg(projection: MapProjection = SYRIA_MAP, svg_id: str = "map") -> str:
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
