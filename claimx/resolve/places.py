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
import re
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


_NAME_RE = re.compile(
    r"\b(?:(?:al|el|ar|as|ash|ad|an|az|at)[-\s])?[A-Z][\w'’-]*"
    r"(?:\s+(?:(?:al|el|ar|as|ash|ad|an|az|at)[-\s])?[A-Z][\w'’-]*){0,3}"
)
"""Runs of capitalised words (with Arabic articles): candidate place names in a sentence."""

MAX_NAME_WORDS = 4


@lru_cache(maxsize=8192)
def place_spans(
    text: str, countries: frozenset[str], gazetteer: Gazetteer | None = None
) -> tuple[tuple[int, int, Place], ...]:
    """``(start, end, place)`` for each town or admin-1 area of ``countries`` the gazetteer finds
    in ``text``.

    Runs of capitalised words are looked up longest first (at most :data:`MAX_NAME_WORDS`
    words); countries are left out.

    ``gazetteer``: default, the one of ``Knowledge.from_settings()``.

    >>> [(s, e, p.admin1) for s, e, p in place_spans("Jets raid Tabqa", frozenset({"Syria"}))]
    [(10, 15, 'Raqqa')]
    >>> [p.name for _, _, p in place_spans("Shelling hit Kharkiv", frozenset({"Ukraine"}))]
    ['Kharkiv']
    """
    if gazetteer is None:
        from claimx.knowledge import Knowledge

        gazetteer = Knowledge.from_settings().gazetteer
    found = []
    for m in _NAME_RE.finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        k = 0
        while k < len(words):
            for end in range(min(len(words), k + MAX_NAME_WORDS), k, -1):
                a, b = m.start() + words[k].start(), m.start() + words[end - 1].end()
                place = _lookup(text[a:b], gazetteer)
                if place is not None and place.kind != "country" and (place.country or "") in countries:
                    found.append((a, b, place))
                    k = end
                    break
            else:
                k += 1
    return tuple(found)


def places_named(
    text: str, countries: frozenset[str], gazetteer: Gazetteer | None = None
) -> tuple[Place, ...]:
    """Towns and admin-1 areas of ``countries`` the gazetteer finds in ``text``, in text order.

    Used when a claim's own place slot is empty (a headline whose place the extractor did not
    attach): the first such place the sentence names. Countries are left out.

    >>> [p.name for p in places_named("Jets raid Tabqa and kill 20", frozenset({"Syria"}))]
    ['Tabqa']
    """
    return tuple(p for _, _, p in place_spans(text, countries, gazetteer))
