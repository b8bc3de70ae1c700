"""What the resolver needs to know about one claim, computed once: dates, place, sides.

A :class:`ClaimFeatures` wraps a :class:`~claimx.types.Claim` with its date as a span of
days (a day, a month, a year; or, with no date in the text, the few days before the
article's publication), its place level (city, admin1, country), and the sides of its
actor and target.

Example:
    >>> span = date_span("2015-09", None)
    >>> span.precision, span.hi - span.lo + 1
    ('month', 30)
    >>> date_span(None, "2015-09-30").precision
    'reported'
    >>> date_span("2015-09-30", None, basis="published").hi - date_span("2015-09-30", None).lo
    1
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from claimx.resolve.places import place_kind
from claimx.resolve.sides import actor_side, target_group
from claimx.types import Claim

if TYPE_CHECKING:
    from claimx.knowledge import Knowledge

DatePrecision = Literal["day", "month", "year", "reported"]
PlaceLevel = Literal["city", "admin1", "country"]

PUBLISHED_TOLERANCE_DAYS = 1
"""A claim dated only by its article's publication (``date_basis`` = ``published``, or no
``date_norm``) happened within this many days of it (a report the next morning; a time zone)."""


@dataclass(frozen=True, slots=True)
class DateSpan:
    """Days ``lo..hi`` (proleptic ordinals, inclusive) that a claim's date allows."""

    lo: int
    hi: int
    precision: DatePrecision
    label: str

    @property
    def explicit(self) -> bool:
        """True when the text itself gave the date (not the publication fallback)."""
        return self.precision != "reported"


_ISO_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _parse_iso(text: str | None) -> tuple[int, int | None, int | None] | None:
    if not text:
        return None
    m = _ISO_RE.match(text.strip())
    if m is None:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return year, month, day


def date_span(date_norm: str | None, published: str | None, basis: str | None = None) -> DateSpan | None:
    """The span of days a claim's date allows; None when neither date is known.

    ``basis`` is the claim's ``date_basis``: ``published`` means ``date_norm`` is only the
    publication date, so it spans :data:`PUBLISHED_TOLERANCE_DAYS` either side like an
    undated claim's publication date; ``text`` and ``context`` dates are the event's own.
    """
    if basis == "published":
        return _published_span(date_norm or published)
    parsed = _parse_iso(date_norm)
    if parsed is not None:
        year, month, day = parsed
        if month is None:
            return DateSpan(
                dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal(), "year", date_norm
            )
        if day is None:
            last = calendar.monthrange(year, month)[1]
            lo, hi = dt.date(year, month, 1).toordinal(), dt.date(year, month, last).toordinal()
            return DateSpan(lo, hi, "month", date_norm or "")
        day_ord = dt.date(year, month, day).toordinal()
        return DateSpan(day_ord, day_ord, "day", date_norm or "")
    return _published_span(published)


def _published_span(published: str | None) -> DateSpan | None:
    pub = _parse_iso(published)
    if pub is None or pub[1] is None or pub[2] is None:
        return None
    day_ord = dt.date(pub[0], pub[1], pub[2]).toordinal()
    tol = PUBLISHED_TOLERANCE_DAYS
    return DateSpan(day_ord - tol, day_ord + tol, "reported", f"published {published}")


_SUFFIX_RE = re.compile(
    r"\b(governorate|province|muhafazat|mohafazat|district|countryside|region|city|town)\b|"
    r"\b(al|el|ar|as|ad|ash)[- ]",
    re.IGNORECASE,
)


def place_key(name: str | None) -> str | None:
    """A comparison key for a place name: lower case, no "Governorate"/"al-".

    >>> place_key("Homs Governorate") == place_key("homs")
    True
    """
    if not name:
        return None
    key = re.sub(r"[^a-z0-9]+", " ", _SUFFIX_RE.sub(" ", name.lower())).strip()
    return key or None


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """A claim with what linking and judging compare, computed once."""

    index: int
    claim: Claim
    dates: DateSpan | None
    place: str | None
    """Key of the most specific place named (:func:`place_key`)."""
    place_level: PlaceLevel | None
    admin1: str | None
    country: str | None
    actor_side: str | None
    target_group: str | None
    sentence_lower: str
    knowledge: Knowledge | None = field(default=None, repr=False, compare=False)
    """What the features were computed with (the resolver's gazetteer, for containment)."""

    @property
    def doc_id(self) -> str:
        return self.claim.doc_id


def place_level(claim: Claim, knowledge: Knowledge | None = None) -> PlaceLevel | None:
    """Whether the claim's place is a country, a province (admin1) or a town.

    ``knowledge``: its gazetteer and country names decide what the claim itself does not say.
    """
    place = place_key(claim.location_norm or claim.location)
    if place is None:
        return None
    if place == place_key(claim.country):
        return "country"
    if place == place_key(claim.admin1):
        return "admin1"
    kind = place_kind(claim.location_norm, knowledge.gazetteer if knowledge else None)
    if kind in ("country", "admin1"):
        return kind
    if knowledge is not None and place in knowledge.cues.country_names:
        return "country"
    return "city"


def claim_features(index: int, claim: Claim, knowledge: Knowledge | None = None) -> ClaimFeatures:
    """Features of ``claim``; ``index`` is its position in the resolver's input.

    ``knowledge``: the gazetteer, actor table and cues; None: built from ``Settings.from_env()``.
    """
    if knowledge is None:
        from claimx.knowledge import Knowledge

        knowledge = Knowledge.from_settings()
    actors, sides = knowledge.actors, knowledge.sides_for(claim.country)
    level = place_level(claim, knowledge)
    country = place_key(claim.country)
    if level == "country" and country is None:
        country = place_key(claim.location_norm or claim.location)
    return ClaimFeatures(
        index=index,
        claim=claim,
        dates=date_span(claim.date_norm, claim.published, getattr(claim, "date_basis", None)),
        place=place_key(claim.location_norm or claim.location),
        place_level=level,
        admin1=place_key(claim.admin1),
        country=country,
        actor_side=actor_side(claim.actor_norm, claim.actor, actors, sides),
        target_group=target_group(claim.target_norm, claim.target, actors, sides),
        sentence_lower=claim.sentence.lower(),
        knowledge=knowledge,
    )
