"""Dates, in one place: phrases, datelines, record values, and the date of a claim.

Every date claimx handles is an ISO string whose length says its precision:
``YYYY-MM-DD`` (day), ``YYYY-MM`` (month) or ``YYYY`` (year). :class:`DateValue` carries
one with its precision and, for a claim, its basis:

* :func:`resolve_date` / :func:`resolve`: a date phrase of the text ("Wednesday", "last
  April", "May 23, 2016") resolved against the publication date;
* :func:`find_dateline`, :func:`date_prefix_end`, :func:`is_date_only`: the date an outlet
  prints under its headline (reading and cleaning);
* :func:`parse_date_value`: a record's ``published``/``date`` field (day, month or year
  precision, as the record gives it); :func:`parse_published`: a publication day, or None;
* :func:`claim_date`: the date of a claim with its basis: ``text`` (its own words),
  ``context`` (a date given earlier in its paragraph or in the lead), ``published`` (no date
  given: the publication date, as monitors code undated reports).

Phrase rules, with ``published`` = P. :func:`resolve_date` returns ``YYYY-MM-DD``, or
``YYYY-MM`` / ``YYYY`` when the text is no more precise, or None when the phrase cannot be
pinned ("recent weeks", "days ago", "the 1980s"). A rule layer handles the phrases news uses
most; anything else goes to dateparser (``RELATIVE_BASE`` = published,
``PREFER_DATES_FROM='past'``), whose answer is cut to the precision the text itself shows.
Without a publication date only absolute dates resolve.

* ``today``, ``earlier today``, ``this morning``, ``tonight`` -> P; ``yesterday``,
  ``last night`` -> P - 1; ``N days ago`` -> P - N;
* a weekday (``Wednesday``, ``on Monday``, ``Wednesday afternoon``) -> the latest such day on
  or before P (P itself when P is that weekday); ``last Wednesday`` -> strictly before P;
* ``May 23``, ``Sept. 30``, ``23 May`` -> that day in P's year, or the year before when that
  would fall after P; with a year (``30 September 2015``, ``9/30/2015`` in US order) as given;
* ``April`` / ``in April`` -> the latest April up to P's month; ``last April`` -> the latest
  April before P's month (P = Sep 2015 -> 2015-04, P = Feb 2016 -> 2015-04);
* ``this month`` / ``last month`` -> ``YYYY-MM``; ``this year`` / ``last year`` -> ``YYYY``;
  ``September 2015`` -> ``2015-09``; ``2015``, ``early 2015``, ``mid-2015`` -> ``2015``.

Example:
    >>> resolve_date("Wednesday", "2015-09-30"), resolve_date("last April", "2016-02-23")
    ('2015-09-30', '2015-04')
    >>> resolve_date("yesterday", None), parse_published("Sep 30, 2015")
    (None, '2015-09-30')
    >>> claim_date(None, "2015-09-29", "2015-09-30")
    DateValue(iso='2015-09-29', precision='day', basis='context')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

Precision = Literal["day", "month", "year"]
DateBasis = Literal["text", "context", "published"]
DATE_BASES: tuple[str, ...] = ("text", "context", "published")
"""The values of a claim's ``date_basis`` (CONTRACT.md), most specific first."""


@dataclass(frozen=True, slots=True)
class DateValue:
    """An ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), its precision and where it came from.

    Example:
        >>> DateValue.of("2015-09", "published")
        DateValue(iso='2015-09', precision='month', basis='published')
        >>> DateValue.of("Sep 2015") is None
        True
    """

    iso: str
    precision: Precision
    basis: DateBasis | None = None

    @classmethod
    def of(cls, iso: str | None, basis: DateBasis | None = None) -> DateValue | None:
        """The value of an ISO string of any precision, or None when ``iso`` is not one."""
        if not iso:
            return None
        m = _ISO_ANY.match(iso)
        if m is None:
            return None
        precision: Precision = "day" if m["d"] else "month" if m["m"] else "year"
        return cls(iso, precision, basis)

    @property
    def day(self) -> str | None:
        """The ISO day when the precision is a day, else None."""
        return self.iso if self.precision == "day" else None


_ISO_ANY = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


def claim_date(own: str | None, context: str | None, published: str | None) -> DateValue | None:
    """The date of a claim with its basis: its own words, else its context, else publication.

    ``own`` is the date resolved from the claim's sentence, ``context`` the date given earlier
    in its paragraph or the lead, ``published`` the article's date (any precision); each an
    ISO string or None. None only when none of the three is known.

    Example:
        >>> claim_date("2015-09-28", "2015-09-29", "2015-09-30").basis
        'text'
        >>> claim_date(None, None, "2015-09")
        DateValue(iso='2015-09', precision='month', basis='published')
        >>> claim_date(None, None, None) is None
        True
    """
    for iso, basis in ((own, "text"), (context, "context"), (published, "published")):
        value = DateValue.of(iso, basis)  # type: ignore[arg-type]
        if value is not None:
            return value
    return None


def published_day(published: str | None) -> str | None:
    """The publication date when it is a full day (a claim's ``published``), else None.

    Example:
        >>> published_day("2015-09-30"), published_day("2015-09")
        ('2015-09-30', None)
    """
    value = DateValue.of(published)
    return value.day if value else None


# -- phrases --------------------------------------------------------------------------------
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:r(?:s)?)?|fri|sat(?:ur)?|sun)(?:day)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|noon|midday|dawn|overnight))?"

_TODAY = re.compile(
    r"^(?:earlier |later |early |late )?(?:today|this (?:morning|afternoon|evening)|tonight)$"
)
_YESTERDAY = re.compile(r"^(?:early |late )?(?:yesterday" + _PART_OF_DAY + r"|last night|yesterday)$")
_DAY_BEFORE = re.compile(r"^the day before yesterday$")
_AGO = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten) (?P<unit>day|week)s? ago$"
)
_WEEKDAY_RX = re.compile(
    r"^(?:(?P<mod>last|this|past|next|early|late|on)\s+)*(?P<wd>" + WEEKDAY + r")" + _PART_OF_DAY + r"$"
)
_MONTH_DAY = re.compile(r"^(?P<month>" + MONTH + r")\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?$")
_DAY_MONTH = re.compile(r"^" + _DAY + r"\s+(?:of\s+)?(?P<month>" + MONTH + r")(?:,?\s+" + _YEAR + r")?$")
_MONTH_YEAR = re.compile(r"^(?P<month>" + MONTH + r"),?\s+(?:of\s+)?" + _YEAR + r"$")
_REL_MONTH = re.compile(r"^(?:(?P<mod>last|this|past|next)\s+)?(?P<month>" + MONTH + r")$")
_YEAR_ONLY = re.compile(r"^" + _YEAR + r"$")
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})$")
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?:[t\s].*)?$")
_RELATIVE_PERIOD = re.compile(
    r"^(?:earlier |later )?(?P<mod>this|last|past|previous|next) (?P<unit>month|year|week|weekend)$"
)
_MONTH_REL_YEAR = re.compile(r"^(?P<month>" + MONTH + r"),?\s+(?:of\s+)?(?P<mod>this|last|next) year$")
_COUNT = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several|many|\d+|each|every|just a|the)"
)
_DURATION = re.compile(  # lengths and habits, not dates: "two days", "a week", "daily", "Saturdays"
    r"^(?:(?:more|less|fewer) than |nearly |almost |about |over |its |the |next |past |first |second |third |"
    r"fourth |fifth |sixth |tenth |consecutive |entire |whole |" + _COUNT + r" )*"
    r"(?:days?|weeks?|months?|years?|quarters?|decades?|hours?|nights?|weekends?|year old)"
    r"(?: in a row| old| long)?$|^(?:daily|weekly|monthly|yearly|annually|nightly)$|^" + WEEKDAY + r"s$"
)
_VAGUE = re.compile(
    r"\b(?:recent|recently|ago|past few|coming|soon|decades?|century|centuries|era|lately|"
    r"previously|future|weeks|months|years|once|sometimes|period|times)\b|\d0'?s\b"
)
_LEADING = re.compile(  # longer alternatives first: the regex takes the first that matches
    r"^(?:(?:the )?(?:night|morning|evening|afternoon|end|beginning|start|middle|first days?|month) of|"
    r"(?:spring|summer|autumn|fall|winter)(?: of)?|"
    r"early on|late on|as of|on|in|at|during|since|from|by|until|till|through|around|about|of|the|"
    r"early|late|mid|earlier|later)\s+"
)


def _iso(d: date) -> str:
    return d.isoformat()


def _month_number(word: str) -> int:
    return _MONTHS[word.rstrip(".")[:3]]


def _to_date(published: str | None) -> date | None:
    iso = parse_published(published) if published else None
    return date.fromisoformat(iso) if iso else None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _clean(text: str) -> str:
    t = text.strip().lower().replace("’", "'").replace(",", ", ")
    t = re.sub(r"\s+", " ", re.sub(r"[()\[\]\"]", " ", t)).strip(" .,;:")
    t = re.sub(r"^(" + WEEKDAY + r"),?\s+(?=\d|" + MONTH + r")", "", t)  # "Wednesday, Sept. 30"
    return t.replace(" ,", ",").replace("-", " ") if not _ISO.match(t) else t


def resolve_date(text: str, published: str | None) -> str | None:
    """ISO date (or ``YYYY-MM`` / ``YYYY``) that ``text`` denotes, or None.

    Example:
        >>> resolve_date("on May 23", "2016-05-24"), resolve_date("September 2015", None)
        ('2016-05-23', '2015-09')
    """
    return _resolve(text, parse_published(published) if published else None)


@lru_cache(maxsize=16384)
def _resolve(text: str, published: str | None) -> str | None:
    pub = date.fromisoformat(published) if published else None
    t = _clean(text)
    for _ in range(4):
        found = _rules(t, pub)
        if found is not None:
            return found or None
        stripped = _LEADING.sub("", t, count=1)
        if stripped == t:
            break
        t = stripped
    words = t.split()
    for cut in (1, 2):  # trailing words the entity caught: "August 2016 airstrikes", "March 2011. AFP"
        if len(words) > cut:
            found = _rules(" ".join(words[:-cut]).strip(" .,;:"), pub)
            if found is not None:
                return found or None
    return _with_dateparser(t, published)


def _rules(t: str, pub: date | None) -> str | None:  # noqa: C901, PLR0912 (date patterns tried in order; the order decides)
    """The rule layer: an ISO string, ``""`` for "cannot be pinned", None for "not mine"."""
    if _TODAY.match(t):
        return _iso(pub) if pub else ""
    if _YESTERDAY.match(t):
        return _iso(pub - timedelta(days=1)) if pub else ""
    if _DAY_BEFORE.match(t):
        return _iso(pub - timedelta(days=2)) if pub else ""
    if t == "tomorrow":
        return _iso(pub + timedelta(days=1)) if pub else ""
    if m := _AGO.match(t):
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"]]
        return _iso(pub - timedelta(days=n * (7 if m["unit"] == "week" else 1))) if pub else ""
    if m := _WEEKDAY_RX.match(t):
        return _weekday(m["wd"], m["mod"], pub)
    if m := _MONTH_DAY.match(t) or _DAY_MONTH.match(t):
        return _day_of_year(_month_number(m["month"]), int(m["day"]), m["year"], pub)
    if m := _MONTH_YEAR.match(t):
        return f"{int(m['year']):04d}-{_month_number(m['month']):02d}"
    if m := _YEAR_ONLY.match(t):
        return m["year"]
    if m := _REL_MONTH.match(t):
        return _month(_month_number(m["month"]), m["mod"], pub)
    if m := _NUMERIC.match(t):
        return _numeric(int(m["a"]), int(m["b"]), m["y"])
    if m := _ISO.match(t):
        if m["d"] is None:
            return f"{int(m['y']):04d}-{int(m['m']):02d}" if 1 <= int(m["m"]) <= 12 else ""
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return _iso(d) if d else ""
    if m := _RELATIVE_PERIOD.match(t):
        return _period(m["mod"], m["unit"], pub)
    if m := _MONTH_REL_YEAR.match(t):  # "June last year"
        step = {"this": 0, "next": 1}.get(m["mod"], -1)
        return f"{pub.year + step:04d}-{_month_number(m['month']):02d}" if pub else ""
    if _DURATION.match(t):
        return ""
    if _VAGUE.search(t):
        return ""
    return None


def _weekday(word: str, mod: str | None, pub: date | None) -> str:
    if pub is None:
        return ""
    wd = _WEEKDAYS[word[:3]]
    if mod == "next":
        return _iso(pub + timedelta(days=(wd - pub.weekday()) % 7 or 7))
    delta = (pub.weekday() - wd) % 7
    if mod in {"last", "past"} and delta == 0:
        delta = 7
    return _iso(pub - timedelta(days=delta))


def _day_of_year(month: int, day: int, year: str | None, pub: date | None) -> str:
    if year is not None:
        d = _safe_date(int(year), month, day)
        return _iso(d) if d else ""
    if pub is None:
        return ""
    d = _safe_date(pub.year, month, day)
    if d is not None and d > pub:
        d = _safe_date(pub.year - 1, month, day)
    return _iso(d) if d else ""


def _month(month: int, mod: str | None, pub: date | None) -> str:
    if pub is None:
        return ""
    if mod == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif mod in {"last", "past"}:
        year = pub.year if month < pub.month else pub.year - 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return f"{year:04d}-{month:02d}"


def _period(mod: str, unit: str, pub: date | None) -> str:
    if pub is None:
        return ""
    if mod == "past":  # a rolling window ending on P: pinned only when it stays in one month
        start = pub - timedelta(days={"week": 6, "weekend": 2, "month": 30, "year": 365}[unit])
        return f"{pub.year:04d}-{pub.month:02d}" if (start.year, start.month) == (pub.year, pub.month) else ""
    step = {"this": 0, "next": 1}.get(mod, -1)
    if unit == "year":
        return f"{pub.year + step:04d}"
    if unit == "month":
        y, m = divmod(pub.year * 12 + pub.month - 1 + step, 12)
        return f"{y:04d}-{m + 1:02d}"
    start = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)  # Monday of that week
    if unit == "weekend":
        start = start + timedelta(days=5) if step >= 0 else pub - timedelta(days=(pub.weekday() - 5) % 7 or 7)
        end = start + timedelta(days=1)
    else:
        end = min(start + timedelta(days=6), pub) if step == 0 else start + timedelta(days=6)
    return f"{start.year:04d}-{start.month:02d}" if (start.year, start.month) == (end.year, end.month) else ""


def _numeric(a: int, b: int, y: str) -> str:
    year = int(y) + (2000 if len(y) == 2 else 0)
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first number cannot be a month
    d = _safe_date(year, month, day)
    return _iso(d) if d else ""


def _precision(t: str) -> str:
    """How precise a phrase is: ``day``, ``month`` or ``year``."""
    has_month = re.search(r"\b" + MONTH + r"(?![a-z])", t) is not None
    if re.search(r"\b" + WEEKDAY + r"\b|\b(?:yesterday|today|tonight|ago)\b", t) or re.search(
        r"(?<![\d:])\b(?:[12]?\d|3[01])(?:st|nd|rd|th)?\b(?![\d:])", re.sub(r"\b(?:19|20)\d\d\b", "", t)
    ):
        return "day"
    return "month" if has_month else "year"


def _with_dateparser(t: str, published: str | None) -> str | None:
    if not re.search(r"\b(?:" + MONTH + r"|" + WEEKDAY + r"|yesterday|today|ago)|\d[./-]\d", t):
        return None  # bare numbers ("55", "0914") are not dates
    if published is None and not re.search(r"\b(?:19|20)\d\d\b", t):
        return None  # relative or year-less: needs a publication date
    import dateparser  # lazy: most phrases never get here

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    settings["DATE_ORDER"] = "MDY"
    if published:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(published)
    parsed = dateparser.parse(t, settings=settings, languages=["en"])
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return None
    if published and parsed.date() > date.fromisoformat(published) + timedelta(days=1):
        return None  # dateparser's guess landed after publication: not trusted
    precision = _precision(t)
    if precision == "day":
        return parsed.date().isoformat()
    return f"{parsed.year:04d}-{parsed.month:02d}" if precision == "month" else f"{parsed.year:04d}"


@lru_cache(maxsize=4096)
def parse_published(value: str | None) -> str | None:
    """A publication date (ISO, ``M/D/YYYY``, ``Sep 30, 2015``, ...) as ``YYYY-MM-DD``, or None.

    Example:
        >>> parse_published("9/30/2015"), parse_published("2015-09-30T08:00:00Z"), parse_published("soon")
        ('2015-09-30', '2015-09-30', None)
    """
    if not value or not value.strip():
        return None
    t = _clean(value)
    if m := _ISO.match(t):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"] or 0)) if m["d"] else None
        return _iso(d) if d else None
    if m := _NUMERIC.match(t):
        return _numeric(int(m["a"]), int(m["b"]), m["y"]) or None
    m = _MONTH_DAY.match(t) or _DAY_MONTH.match(t)
    if m and m["year"]:
        return _day_of_year(_month_number(m["month"]), int(m["day"]), m["year"], None) or None
    if not re.search(r"\b(?:19|20)\d\d\b", t):
        return None
    import dateparser

    parsed = dateparser.parse(
        value, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "MDY"}
    )
    return parsed.date().isoformat() if parsed else None


# -- datelines and record values -------------------------------------------------------------
DATELINE_WINDOW = 400
"""How many characters from the top of the raw text are searched for a dateline."""

MIN_YEAR, MAX_YEAR = 1990, 2035

_DL_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DL_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DL_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DL_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_DATELINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # Sep 30, 2015 / February 23, 2016 / July 19 2014 / Fri Sep 27 2013
        rf"\b{_DL_WEEKDAY}{_DL_MONTH}\s+{_DL_DAY},?\s+{_DL_YEAR}\b",
        # Wed 05 Apr 2017 / 18 November 2016 / Tuesday 02 August 2016 19:11
        rf"\b{_DL_WEEKDAY}{_DL_DAY}\s+{_DL_MONTH},?\s+{_DL_YEAR}\b",
        # 2015-09-30
        r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)\b",
        # 24.08.2013 (day first, as European outlets print it)
        r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d.]\d)",
        # Apr 232017 (day and year run together, as in FA-KES's Jordan Times rows)
        rf"\b{_DL_MONTH}\s+(?P<day>[0-3]?\d)(?P<year>20[0-3]\d)\b",
    )
)

_SENTENCE_LEAD = re.compile(
    r"\b(?:on|in|since|until|till|from|by|of|before|after|between|and|to|through|during|last|next|as|at)\s+$",
    re.IGNORECASE,
)
_LINE_LEAD = re.compile(
    r"(?:^|\n)[ \t#*_>]*(?:(?:posted|published|updated|last updated|first published|date)"
    r"(?:\s+(?:on|at))?:?\s*)?$",
    re.IGNORECASE,
)


def _dateline_iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    try:
        year = int(groups["year"])
        day = int(groups["day"])
        month = int(groups["mnum"]) if groups.get("mnum") else _month_number(groups["mon"].lower())
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        return date(year, month, day).isoformat()
    except (KeyError, TypeError, ValueError):
        return None


def find_dateline(text: str, *, window: int = DATELINE_WINDOW) -> str | None:
    """The ISO date printed near the top of ``text`` as a dateline, or None.

    A date counts when it starts a line (after optional ``Posted on``/``Published``
    /``Last updated at``), or stands elsewhere in the first ``window`` characters
    without a preposition before it (``... Aleppo city 6 October 2016 SANA``); a
    date inside a sentence (``on May 23, 2016``) does not.

    Example:
        >>> find_dateline("# Title\\n\\nby Someone\\n\\nMay 24, 2016\\n\\nText.")
        '2016-05-24'
        >>> find_dateline("On May 23, 2016, IS perpetrated bombings.") is None
        True
    """
    head = text[:window]
    best: tuple[int, str] | None = None
    for pattern in _DATELINES:
        for m in pattern.finditer(head):
            before = head[: m.start()]
            at_line_start = _LINE_LEAD.search(before) is not None
            if not at_line_start and _SENTENCE_LEAD.search(before):
                continue
            iso = _dateline_iso(m)
            if iso is not None and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
            break  # the first acceptable match of each pattern is enough
    return best[1] if best else None


_DL_NUMERIC = re.compile(r"^\s*(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4})\s*$")
_ISO_PREFIX = re.compile(r"^\s*(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:$|[T\s])")
_YEAR_MONTH = re.compile(r"^\s*(?P<year>\d{4})(?:-(?P<m>\d{1,2}))?\s*$")


def parse_date_value(value: object) -> str | None:
    """A record's date value as ISO ``YYYY-MM-DD`` (or ``YYYY-MM``/``YYYY``), else None.

    Accepts ISO dates and timestamps (``2015-09-30T12:00:00Z``), ``M/D/YYYY``
    (month first, as FA-KES writes it; day first when the first number is over 12),
    and the written forms :func:`find_dateline` knows (``Sep 30, 2015``).

    Example:
        >>> parse_date_value("2015-09-30T10:00:00Z"), parse_date_value("30/9/2015")
        ('2015-09-30', '2015-09-30')
        >>> parse_date_value("sometime") is None
        True
    """
    if value is None or isinstance(value, bool):
        return None
    s = str(value).strip()
    if not s:
        return None
    if _ISO_PREFIX.match(s) or _DL_NUMERIC.match(s) or _YEAR_MONTH.match(s):
        return _numeric_value(s)
    for pattern in _DATELINES:
        if (m := pattern.search(s)) and (iso := _dateline_iso(m)):
            return iso
    return None


def _numeric_value(s: str) -> str | None:
    """``2015-09-30...``, ``9/30/2015`` (day first when the first number is over 12), ``2015-09``."""
    try:
        if m := _ISO_PREFIX.match(s):
            return date(int(m["year"]), int(m["m"]), int(m["d"])).isoformat()
        if m := _DL_NUMERIC.match(s):
            a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
            month, day = (b, a) if a > 12 else (a, b)
            return date(year, month, day).isoformat()
    except ValueError:
        return None
    m = _YEAR_MONTH.match(s)
    if m is None or not MIN_YEAR <= int(m["year"]) <= MAX_YEAR:
        return None
    if m["m"]:
        month = int(m["m"])
        return f"{int(m['year']):04d}-{month:02d}" if 1 <= month <= 12 else None
    return f"{int(m['year']):04d}"


_LABEL = re.compile(
    r"(?:(?:AFP|Reuters|AP|SANA|Sputnik|TASS)\s+)?"
    r"(?:(?:posted|published|first published|updated|last updated|date of publication|date)"
    r"(?:\s+(?:on|at))?\s*:?\s*)?",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?:,?\s*(?:at\s*\d{1,2}[:.]?\d{2}|\d{1,2}[:.]\d{2})(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:GMT|UTC|EST|EDT|CET|CEST|BST|EET|EEST|AST|KSA)\)?)?)?",
    re.IGNORECASE,
)


def date_prefix_end(text: str) -> int | None:
    """End offset of a dateline at the very start of ``text`` (label, date, time), else None.

    Example:
        >>> s = "Fri 07 Apr 2017 at 0914 Homs governor says"
        >>> s[date_prefix_end(s):]
        ' Homs governor says'
    """
    start = _LABEL.match(text)
    pos = start.end() if start else 0
    for pattern in _DATELINES:
        m = pattern.match(text, pos)
        if m and _dateline_iso(m):
            t = _TIME.match(text, m.end())
            return t.end() if t else m.end()
    return None


def is_date_only(line: str) -> bool:
    """True when ``line`` holds nothing but a dateline (``Feb 23, 2016 22:25 (GMT)``).

    Example:
        >>> is_date_only("Feb 23, 2016 22:25 (GMT)"), is_date_only("May 24, 2016 was hot.")
        (True, False)
    """
    s = line.strip()
    end = date_prefix_end(s)
    return end is not None and not s[end:].strip(" .,;|-")
