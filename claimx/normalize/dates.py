"""Date phrases -> ISO dates, resolved against the article's publication date.

:func:`resolve_date` returns ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when the text is no
more precise, or None when the phrase cannot be pinned ("recent weeks", "days ago", "the
1980s"). A rule layer handles the phrases news uses most; anything else goes to dateparser
(``RELATIVE_BASE`` = published, ``PREFER_DATES_FROM='past'``), whose answer is cut to the
precision the text itself shows. Without a publication date only absolute dates resolve.

Rules, with ``published`` = P:

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
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

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
