"""Casualty figures as stated: exact, a lower bound ("at least 30"), approximate or an upper bound.

A claim's ``killed`` is a number; its sentence says how to read it. Two figures
*agree* when both can be true of one event: equal figures (tolls of 100 or more
within :data:`FIGURE_REL_TOLERANCE`), a lower bound and any figure at or above it
("at least 30" and 33), an approximation and a figure within
:data:`APPROX_REL_TOLERANCE` ("nearly 1,300" and 1,250), an upper bound and any
figure at or below it.

Example:
    >>> s = "Jets struck Douma, killing at least 30 people."
    >>> f = stated_figure(30, s)
    >>> f.bound, f.label
    ('at_least', 'at least 30')
    >>> f.agrees(Figure(33)), f.agrees(Figure(28))
    (True, False)
    >>> Figure(33).agrees(Figure(32))
    False
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Literal

Bound = Literal["exact", "at_least", "about", "up_to"]

FIGURE_REL_TOLERANCE = 0.03
"""Casualty figures of 100 or more that differ by at most 3% agree (rounded tolls: 1,400 vs 1,429).
Below 100 any difference counts: 33 versus 32 is a contradiction."""
APPROX_REL_TOLERANCE = 0.1
"""An approximate figure ("about 300", "nearly 1,300") agrees with figures within 10% of it."""

_QUALIFIERS: tuple[tuple[Bound, str], ...] = (
    ("at_least", r"at least|more than|over|upwards of|no fewer than|no less than|in excess of|a minimum of"),
    ("about", r"about|around|nearly|almost|some|roughly|approximately|an estimated|close to|around"),
    ("up_to", r"up to|as many as|fewer than|less than|at most"),
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_QUALIFIER_RES = tuple((bound, re.compile(rf"\b(?:{words})\s+$")) for bound, words in _QUALIFIERS)
_PART_RE = re.compile(r"\b(?:including|among them|of them|among whom|among)\s+(?:at least\s+)?$")
_NUM_RE = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b|\b[a-z]+(?:-[a-z]+)?\b", re.IGNORECASE)


@functools.lru_cache(maxsize=16384)
def _numbers(sentence: str) -> tuple[tuple[int, int, int], ...]:
    """``(value, start, end)`` of each number the sentence writes, in digits or words (memoised: the
    resolver asks about one sentence's figures many times)."""
    found = ((_value(m.group(0)), m.start(), m.end()) for m in _NUM_RE.finditer(sentence))
    return tuple((v, a, b) for v, a, b in found if v is not None)


def _value(token: str) -> int | None:
    t = token.lower().replace(",", "")
    if t.isdigit():
        return int(t)
    parts = t.split("-")
    if all(p in _NUMBER_WORDS for p in parts):
        return sum(_NUMBER_WORDS[p] for p in parts)
    return None


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty figure with how it was stated."""

    value: int
    bound: Bound = "exact"

    @property
    def label(self) -> str:
        """The figure in words: ``33``, ``at least 30``, ``about 300``, ``up to 50``."""
        prefix = {"exact": "", "at_least": "at least ", "about": "about ", "up_to": "up to "}[self.bound]
        return f"{prefix}{self.value}"

    def span(self) -> tuple[float, float]:
        """The counts this figure allows, as a closed interval."""
        v = self.value
        if self.bound == "at_least":
            return v, float("inf")
        if self.bound == "up_to":
            return 0, v
        tol = APPROX_REL_TOLERANCE if self.bound == "about" else (FIGURE_REL_TOLERANCE if v >= 100 else 0.0)
        return v * (1 - tol), v * (1 + tol)

    def agrees(self, other: Figure) -> bool:
        """Whether both figures can be true of one event (see module docstring)."""
        (a_lo, a_hi), (b_lo, b_hi) = self.span(), other.span()
        if self.bound == other.bound == "exact":
            return exact_figures_agree(self.value, other.value)
        return a_lo <= b_hi and b_lo <= a_hi


def exact_figures_agree(a: int, b: int) -> bool:
    """Whether two exact figures agree within :data:`FIGURE_REL_TOLERANCE` (33 vs 32 do not)."""
    if a == b:
        return True
    big = max(a, b)
    return big >= 100 and abs(a - b) <= FIGURE_REL_TOLERANCE * big


def stated_figure(value: int, sentence: str) -> Figure:
    """``value`` as the sentence states it: the qualifier just before the number, if any."""
    for v, start, _ in _numbers(sentence):
        if v != value:
            continue
        before = sentence[max(0, start - 24) : start].lower()
        for bound, pattern in _QUALIFIER_RES:
            if pattern.search(before):
                return Figure(value, bound)
        return Figure(value)
    return Figure(value)


def is_part(value: int, sentence: str) -> bool:
    """Whether the sentence gives ``value`` as a part of a larger toll ("130 killed, including 67 children").

    >>> is_part(67, "Over 130 people including 67 children were killed."), is_part(130, "Over 130 killed.")
    (True, False)
    """
    for v, start, _ in _numbers(sentence):
        if v == value:
            before = sentence[max(0, start - 30) : start].lower()
            if _PART_RE.search(before):
                return True
    return False


_SUBGROUP_RE = re.compile(
    r"^\s+(?:\w+\s+)?(?:children|child|women|kids|girls|boys|babies|infants|medics|doctors|nurses|rescuers|"
    r"journalists|volunteers)\b",
    re.IGNORECASE,
)
_SUPERSEDED_RE = re.compile(
    r"\b(?:previous|earlier|initial|preliminary|former)\s+(?:death\s+)?(?:toll|figure|count|tally|report)|"
    r"\bearlier,?\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:source|monitor|observatory|agency|ministry|group)\w*\s+"
    r"(?:had\s+)?(?:said|reported|put)|\bupdating\b",
    re.IGNORECASE,
)


def counts_subgroup(value: int, sentence: str) -> bool:
    """Whether ``value`` counts a group among the dead ("two women were killed", "11 children").

    >>> counts_subgroup(2, "Two women were killed."), counts_subgroup(33, "33 civilians were killed.")
    (True, False)
    """
    return any(v == value and _SUBGROUP_RE.match(sentence[end:]) for v, _, end in _numbers(sentence))


def superseded(sentence: str) -> bool:
    """Whether the sentence gives an earlier figure that a later one replaced.

    >>> superseded("The previous death toll was 20."), superseded("Earlier the source said 7 were killed.")
    (True, True)
    >>> superseded("Jets killed 33 people earlier today.")
    False
    """
    return bool(_SUPERSEDED_RE.search(sentence))


_N = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|few|\d+)"
_CUMULATIVE_RE = re.compile(
    rf"\b(?:over|in|during|for|within)\s+(?:the\s+)?(?:past|last|previous)?\s*{_N}\s+(?:days|weeks|months)\b|"
    r"\b(?:over|in|during|within)\s+(?:the\s+)?(?:past|last|previous)?\s*(?:48|72|96)\s+hours\b|"
    rf"\b{_N}\s+(?:days|weeks|months)\s+of\b|\bso far\b|\bthis (?:week|month|year)\b|"
    r"\bbrought (?:to|the (?:total|toll|number))\b|\bin total\b|\bsince the (?:start|beginning)\b",
    re.IGNORECASE,
)


def cumulative(sentence: str) -> bool:
    """Whether the sentence gives a toll over several days, not one event's ("over the past two days").

    >>> cumulative("Air strikes killed nearly 50 people over the past two days.")
    True
    >>> cumulative("Seven days of airstrikes had left more than 75 civilians dead.")
    True
    >>> cumulative("At least 79 citizens were killed during the 48 hours of strikes.")
    True
    >>> cumulative("Jets killed 33 people on Wednesday.")
    False
    """
    return bool(_CUMULATIVE_RE.search(sentence))


_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
_MONTH_RE = re.compile(rf"\b({'|'.join(_MONTHS)})\b")
_YEAR_RE = re.compile(
    r"\b(?:in|of|since|during|from)\s+(?:(?:early|mid|late)[- ])?(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b"
)
NEAR_DAYS = 3
"""A month named within this many days of the event's day is its own ("on June 30" for a July 1 event)."""


def _months_and_years(date: str) -> tuple[set[int] | None, set[int]] | None:
    """The months (None: any) and years an ISO date (day, month or year) allows, days near it included."""
    if len(date) < 4 or not date[:4].isdigit():
        return None
    if len(date) >= 10:
        try:
            day = dt.date.fromisoformat(date[:10])
        except ValueError:
            return None
        near = [day + dt.timedelta(days=k) for k in range(-NEAR_DAYS, NEAR_DAYS + 1)]
        return {d.month for d in near}, {d.year for d in near}
    if len(date) >= 7 and date[5:7].isdigit():
        return {int(date[5:7])}, {int(date[:4])}
    return None, {int(date[:4])}


def names_other_time(sentence: str, date: str | None) -> bool:
    """Whether the sentence places its figure in another month or year than the event's ISO ``date``
    ("a mid-August suicide attack that killed at least 32" in an October event).

    >>> names_other_time("IS claimed a mid-August attack that killed at least 32.", "2016-10-06")
    True
    >>> names_other_time("The blast on October 6 killed 29.", "2016-10-06")
    False
    >>> names_other_time("Gas killed 1,400 people in August 2013.", "2017-04-04")
    True
    """
    allowed = _months_and_years(date) if date else None
    if allowed is None:
        return False
    months, years = allowed
    if any(int(m.group(1)) not in years for m in _YEAR_RE.finditer(sentence)):
        return True
    return months is not None and any(
        _MONTHS.index(m.group(1)) + 1 not in months for m in _MONTH_RE.finditer(sentence)
    )


_HURT_WORDS = r"(?:injur\w*|wound\w*|hurt)"
_KILLED_WORDS = r"(?:kill\w*|dead|died|martyr\w*)"


def with_injured(value: int, sentence: str) -> bool:
    """Whether the sentence gives ``value`` as the dead and injured together ("175 killed, injured",
    "kills and wounds 60 people"): not a death toll.

    >>> with_injured(60, "Aerial bombardment kills and wounds 60 people.")
    True
    >>> with_injured(175, "175 Nusra Terrorists Killed Injured in Castello Road.")
    True
    >>> with_injured(32, "The raids killed 32 and wounded a further 10.")
    False
    """
    for v, start, end in _numbers(sentence):
        if v != value:
            continue
        after = sentence[end : end + 50]
        before = sentence[max(0, start - 40) : start]
        if re.match(
            rf"^(?:\s+[\w-]+){{0,3}}?\s+{_KILLED_WORDS}\s*(?:,|and|or|/)?\s*{_HURT_WORDS}\b", after, re.I
        ):
            return True
        if re.search(rf"\b{_KILLED_WORDS}\s+(?:and|or)\s+{_HURT_WORDS}\s+(?:[\w-]+\s+)?$", before, re.I):
            return True
    return False


@functools.lru_cache(maxsize=16384)
def not_the_toll(value: int, sentence: str) -> bool:
    """Whether the sentence gives ``value`` as something other than a voice's current toll for one event:
    a part of a larger toll, an earlier (superseded) figure, a toll over several days, or the dead
    and injured together.

    >>> not_the_toll(67, "Over 130 people including 67 children were killed.")
    True
    >>> not_the_toll(33, "Jets killed 33 people.")
    False
    """
    return (
        is_part(value, sentence)
        or superseded(sentence)
        or cumulative(sentence)
        or with_injured(value, sentence)
    )


@functools.lru_cache(maxsize=16384)
def is_event_toll(value: int, sentence: str, event_date: str | None = None) -> bool:
    """Whether the sentence gives ``value`` as a toll for the event dated ``event_date``: not a part
    or an earlier or multi-day count (:func:`not_the_toll`), and not placed in another month or year
    (:func:`names_other_time`). One rule for the event's casualty range and its disputes.

    >>> is_event_toll(29, "The blast killed 29 people.", "2016-10-06")
    True
    >>> is_event_toll(190, "More than 190 were killed in 10 days of fighting.", "2016-06-06")
    False
    """
    return not (not_the_toll(value, sentence) or names_other_time(sentence, event_date))
