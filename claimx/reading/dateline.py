"""Publication dates: datelines near the top of an article, and date values of records.

:func:`find_dateline` looks for the date an outlet prints under (or before) the
headline: ``Sep 30, 2015``, ``February 23, 2016``, FA-KES's ``Wed 05 Apr 2017``,
``Fri 07 Apr 2017 at 0914``, ``18 November 2016``, ``Tuesday 02 August 2016 19:11``,
``July 19 2014``, ``24.08.2013``, ``2015-09-30``. Only the top of the text is searched
(:data:`DATELINE_WINDOW` characters), and a date that reads as part of a sentence
(``on May 23, 2016``) is not a dateline.

:func:`parse_date_value` turns a record's ``published``/``date`` value into ISO
(``4/5/2017`` is read month first, as in FA-KES, unless the first number is over 12).

Example:
    >>> find_dateline("Title\\n\\nSep 30, 2015\\n\\nEarlier today ...")
    '2015-09-30'
    >>> find_dateline("Fri 07 Apr 2017 at 0914 Homs governor says ...")
    '2017-04-07'
    >>> parse_date_value("4/5/2017")
    '2017-04-05'
"""

from __future__ import annotations

import re
from datetime import date

DATELINE_WINDOW = 400
"""How many characters from the top of the raw text are searched for a dateline."""

MIN_YEAR, MAX_YEAR = 1990, 2035

_MONTHS: dict[str, int] = {}
for _n, _name in enumerate(
    (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ),
    start=1,
):
    _MONTHS[_name] = _n
    _MONTHS[_name[:3]] = _n
_MONTHS["sept"] = 9

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # Sep 30, 2015 / February 23, 2016 / July 19 2014 / Fri Sep 27 2013
        rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
        # Wed 05 Apr 2017 / 18 November 2016 / Tuesday 02 August 2016 19:11
        rf"\b{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}\b",
        # 2015-09-30
        r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)\b",
        # 24.08.2013 (day first, as European outlets print it)
        r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d.]\d)",
        # Apr 232017 (day and year run together, as in FA-KES's Jordan Times rows)
        rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?P<year>20[0-3]\d)\b",
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


def _to_iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    try:
        year = int(groups["year"])
        day = int(groups["day"])
        month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["mon"].lower().rstrip(".")]
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
    for pattern in _PATTERNS:
        for m in pattern.finditer(head):
            before = head[: m.start()]
            at_line_start = _LINE_LEAD.search(before) is not None
            if not at_line_start and _SENTENCE_LEAD.search(before):
                continue
            iso = _to_iso(m)
            if iso is not None and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
            break  # the first acceptable match of each pattern is enough
    return best[1] if best else None


_NUMERIC = re.compile(r"^\s*(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4})\s*$")
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
    try:
        if m := _ISO_PREFIX.match(s):
            return date(int(m["year"]), int(m["m"]), int(m["d"])).isoformat()
        if m := _NUMERIC.match(s):
            a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
            month, day = (b, a) if a > 12 else (a, b)
            return date(year, month, day).isoformat()
        if m := _YEAR_MONTH.match(s):
            year = int(m["year"])
            if not MIN_YEAR <= year <= MAX_YEAR:
                return None
            if m["m"]:
                month = int(m["m"])
                return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
            return f"{year:04d}"
    except ValueError:
        return None
    for pattern in _PATTERNS:
        if (m := pattern.search(s)) and (iso := _to_iso(m)):
            return iso
    return None


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
    for pattern in _PATTERNS:
        m = pattern.match(text, pos)
        if m and _to_iso(m):
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
