"""Slot by slot: can two claims be about the same event, and how strongly do they agree?

Each comparison gives a :class:`SlotMatch` with a status and a score that linking adds up:

- ``match``: both state the same value (positive evidence);
- ``compatible``: consistent but weak evidence (Talbiseh lies in Homs governorate; a day
  inside a month; the same side under different names);
- ``unknown``: one side is silent (null slot = unknown = compatible, score 0);
- ``clash``: both state values that differ, yet the claims may still describe one event
  (the dispute the judge reports);
- ``incompatible``: cannot be one event (other province, other week, air strike versus
  suicide bombing).

Example:
    >>> compare_types("air_strike", "chemical_weapon").status
    'compatible'
    >>> compare_types("air_strike", "suicide_bomb").status
    'incompatible'
    >>> figures_agree(33, 32), figures_agree(1400, 1429)
    (False, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from claimx.actions import GENERIC_ACTION_TYPE, RELATED_TYPE_PAIRS, TYPE_MATCH_WEIGHTS
from claimx.resolve.features import ClaimFeatures, DateSpan
from claimx.resolve.figures import exact_figures_agree
from claimx.resolve.places import gazetteer_contains, haversine_km
from claimx.resolve.sides import groups_clash, targets_clash

Status = Literal["match", "compatible", "unknown", "clash", "incompatible"]

DAY_TOLERANCE = 1
"""Explicit day dates this many days apart still agree (reports cross midnight and time zones)."""
DATE_WINDOW_DAYS = 3
"""Explicit day dates up to this far apart may be one event with a disputed date; beyond, two events."""
NEAR_KM = 15.0
"""Towns this close are one scene (Talbiseh and Homs, Douma and Harasta)."""
FAR_KM = 40.0
"""Towns further apart than this are different places, even in one province."""

_TYPE_PAIRS: frozenset[frozenset[str]] = RELATED_TYPE_PAIRS
_GENERIC_TYPE = GENERIC_ACTION_TYPE


@dataclass(frozen=True, slots=True)
class SlotMatch:
    """The outcome of comparing one slot of two claims."""

    status: Status
    score: float = 0.0

    @property
    def possible(self) -> bool:
        """False when the slot rules out one event."""
        return self.status != "incompatible"


UNKNOWN = SlotMatch("unknown", 0.0)
INCOMPATIBLE = SlotMatch("incompatible", 0.0)


TYPE_MATCH_SCORE: Mapping[str, float] = TYPE_MATCH_WEIGHTS
"""Rare actions weigh more when both claims name them: two gas attacks reported for one day in one
country are almost surely one attack; two air strikes are not. Other types score 1.0."""


def compare_types(a: str, b: str) -> SlotMatch:
    """Action types: the same, a generic ``attack``, or a known overlap (gas by air strike)."""
    if a == b:
        return SlotMatch("match", TYPE_MATCH_SCORE.get(a, 1.0))
    if _GENERIC_TYPE in (a, b):
        return SlotMatch("compatible", 0.5)
    if frozenset((a, b)) in _TYPE_PAIRS:
        return SlotMatch("compatible", 0.5)
    return INCOMPATIBLE


def day_gap(a: DateSpan, b: DateSpan) -> int:
    """Days between two spans (0 when they overlap)."""
    return max(0, max(a.lo, b.lo) - min(a.hi, b.hi))


def compare_dates(a: DateSpan | None, b: DateSpan | None) -> SlotMatch:
    """Dates within their precision: a day against a day, a day inside a month, publication windows."""
    if a is None or b is None:
        return UNKNOWN
    gap = day_gap(a, b)
    if a.precision == "day" and b.precision == "day":
        if gap == 0:
            return SlotMatch("match", 1.0)
        if gap <= DAY_TOLERANCE:
            return SlotMatch("compatible", 0.5)
        if gap <= DATE_WINDOW_DAYS:
            return SlotMatch("clash", -1.5)
        return INCOMPATIBLE
    if gap <= DAY_TOLERANCE:
        # A month or a publication window holding the other's date: consistent, weak evidence.
        return SlotMatch("compatible", 0.0 if "year" in (a.precision, b.precision) else 0.25)
    return INCOMPATIBLE


def _mentions(f: ClaimFeatures, place: str | None) -> bool:
    return place is not None and len(place) >= 4 and place in f.sentence_lower


def _contains(outer: ClaimFeatures, inner: ClaimFeatures) -> bool | None:
    """Whether ``outer``'s place (an admin1 or country) holds ``inner``'s; None when nobody knows."""
    if outer.place_level == "country":
        if inner.country is None:
            return None
        return inner.country in (outer.place, outer.country)
    if outer.place_level == "admin1":
        if inner.admin1 is not None:
            return inner.admin1 == outer.place
        gazetteer = inner.knowledge.gazetteer if inner.knowledge else None
        return gazetteer_contains(outer.claim.location_norm or "", inner.claim.location_norm or "", gazetteer)
    return None


def _distance(a: ClaimFeatures, b: ClaimFeatures) -> float | None:
    ca, cb = a.claim, b.claim
    if ca.lat is None or ca.lon is None or cb.lat is None or cb.lon is None:
        return None
    return haversine_km(ca.lat, ca.lon, cb.lat, cb.lon)


def compare_places(a: ClaimFeatures, b: ClaimFeatures) -> SlotMatch:  # noqa: C901, PLR0912 (a ladder of place evidence, strongest first; the order is the rule)
    """Places: the same, one inside the other, near each other, or apart."""
    if a.place is None or b.place is None:
        return UNKNOWN
    if a.country is not None and b.country is not None and a.country != b.country:
        return INCOMPATIBLE
    if a.place == b.place:
        return SlotMatch("match", {"city": 2.0, "admin1": 0.5}.get(a.place_level or "", 0.1))
    if _mentions(a, b.place) or _mentions(b, a.place):
        # "hit Homs, Latakia and Hama" names the other claim's place too
        return SlotMatch("compatible", 0.5)
    if _mentions(a, b.admin1) or _mentions(b, a.admin1):
        return SlotMatch("compatible", 0.25)
    for outer, inner in ((a, b), (b, a)):
        if outer.place_level in ("country", "admin1") and _LEVEL_RANK[outer.place_level] < _LEVEL_RANK.get(
            inner.place_level or "", 9
        ):
            inside = _contains(outer, inner)
            if inside is True:
                return SlotMatch("compatible", 0.25 if outer.place_level == "admin1" else 0.0)
            if inside is None and outer.place_level == "country":
                return SlotMatch("compatible", 0.0)
    km = _distance(a, b)
    if km is not None and km <= NEAR_KM:
        return SlotMatch("compatible", 1.0 if a.place_level == b.place_level == "city" else 0.25)
    if a.place_level == b.place_level == "city" and same_name_spelled_differently(a.place, b.place):
        return SlotMatch("match", 1.2)
    if km is not None and km <= FAR_KM:
        return SlotMatch("compatible", 0.0)
    same_admin1 = a.admin1 is not None and a.admin1 == b.admin1
    unknown_admin1 = a.admin1 is None or b.admin1 is None
    if a.place_level == b.place_level == "city" and (same_admin1 or (unknown_admin1 and km is None)):
        return SlotMatch("clash", -1.5)
    return INCOMPATIBLE


_LEVEL_RANK = {"country": 0, "admin1": 1, "city": 2}


def _skeleton(name: str) -> str:
    """Consonants only, doubles collapsed, q as k: transliterations of one Arabic name agree."""
    out = []
    for ch in name.replace("q", "k"):
        if ch.isalnum() and ch not in "aeiouyhw" and (not out or out[-1] != ch):
            out.append(ch)
    return "".join(out)


def same_name_spelled_differently(a: str, b: str) -> bool:
    """Khan Shaykhun / Khan Sheikhoun, Talbiseh / Talbisah, Douma / Duma.

    >>> same_name_spelled_differently("khan shaykhun", "khan sheikhoun")
    True
    >>> same_name_spelled_differently("homs", "hama")
    False
    """
    if fuzz.ratio(a, b) >= 85:
        return True
    skeleton = _skeleton(a)
    return len(skeleton) >= 3 and skeleton == _skeleton(b)


def compare_actors(a: ClaimFeatures, b: ClaimFeatures) -> SlotMatch:
    """Perpetrators: the same name, the same side, or opposing sides."""
    na, nb = a.claim.actor_norm, b.claim.actor_norm
    if na and nb and na.lower() == nb.lower():
        return SlotMatch("match", 0.75)
    if a.actor_side is None or b.actor_side is None:
        return UNKNOWN
    if a.actor_side == b.actor_side:
        return SlotMatch("compatible", 0.25)
    if groups_clash(a.actor_side, b.actor_side):
        return SlotMatch("clash", -0.5)
    return UNKNOWN


def compare_targets(a: ClaimFeatures, b: ClaimFeatures) -> SlotMatch:
    """Targets: the same name, the same kind, or different kinds (Islamic State vs rebels vs civilians)."""
    na, nb = a.claim.target_norm, b.claim.target_norm
    if na and nb and na.lower() == nb.lower():
        return SlotMatch("match", 0.5)
    if a.target_group is None or b.target_group is None:
        return UNKNOWN
    if a.target_group == b.target_group:
        return SlotMatch("compatible", 0.25)
    if targets_clash(a.target_group, b.target_group):
        return SlotMatch("clash", -0.25)
    return SlotMatch("compatible", 0.0)


def figures_agree(a: int, b: int) -> bool:
    """Whether two exact casualty figures agree within :data:`FIGURE_REL_TOLERANCE`."""
    return exact_figures_agree(a, b)


def compare_figures(a: int | None, b: int | None) -> SlotMatch:
    """Casualty figures: equal is strong evidence of one event; very different, weak evidence against."""
    if a is None or b is None:
        return UNKNOWN
    if figures_agree(a, b):
        return SlotMatch("match", 1.5 if a == b else 1.0)
    low, high = sorted((a, b))
    return SlotMatch("clash", -0.5 if high > 3 * max(low, 1) else 0.0)
