"""The resolver's view of the gazetteer: a place's kind, containment and distance.

Uses the :class:`claimx.normalize.places.Gazetteer` it is given (the resolver's
:class:`claimx.knowledge.Knowledge`), and otherwise only what a claim carries itself
(``admin1``, ``country``, ``lat``/``lon``), so the resolver works on claim files alone.

Example:
    >>> round(haversine_km(34.77, 36.72, 34.73, 36.71), 1)  # Talbiseh to Homs
    4.5
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimx.normalize.places import Gazetteer
    from claimx.types import Place

EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=8192)
def _lookup(name: str, gazetteer: Gazetteer | None) -> Place | None:
    if gazetteer is None:
        return None
    try:
        return gazetteer.lookup(name)
    except Exception:
        return None


def place_kind(name: str | None, gazetteer: Gazetteer | None) -> str | None:
    """``country``, ``admin1``, ``city`` or ``area`` for a name ``gazetteer`` knows, else None."""
    if not name:
        return None
    place = _lookup(name, gazetteer)
    return None if place is None else place.kind


@lru_cache(maxsize=8192)
def gazetteer_contains(outer: str, inner: str, gazetteer: Gazetteer | None) -> bool | None:
    """Whether place ``outer`` contains place ``inner`` by ``gazetteer``; None when unknown."""
    a, b = _lookup(outer, gazetteer), _lookup(inner, gazetteer)
    if gazetteer is None or a is None or b is None:
        return None
    try:
        return bool(gazetteer.contains(a, b))
    except Exception:
        return None
