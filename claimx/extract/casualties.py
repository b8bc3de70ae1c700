"""Casualty figures stated in a sentence: killed and injured counts.

``at least 33 civilians killed`` gives 33; ``killing 154 people and wounding
more than 300`` gives 154 killed and 300 injured; ``the death toll rose to 112``
and ``toll rises to 35`` give 112 and 35 (an update: the new toll); number words count
(``nine`` -> 9, ``twenty-one`` -> 21); one victim named in the singular counts as 1 (``a man
was shot and killed``, ``kills a person``). Vague quantities ("dozens", "scores",
"others") give no number. Headline style works too: ``kills 5``, ``2 killed``. Executions are
deaths (``executes 2 persons``, ``4 people executed``), so are ``martyrs``, ``bodies`` and ``the
death of 7``; ``claims the lives of 11``; a long victim phrase before ``were killed`` counts. ``N
casualties`` give no number (they include the wounded), nor do ``N killed and wounded`` or ``N
martyrs and wounded`` (one total).

Example:
    >>> [(c.kind, c.count) for c in find_casualties("The raids killed 32 and wounded a further 10.")]
    [('killed', 32), ('injured', 10)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a dozen": 12, "a hundred": 100, "hundred": 100,
}  # fmt: skip
_NUM_WORD = "|".join(sorted((re.escape(w) for w in _UNITS), key=len, reverse=True))
NUM = rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_NUM_WORD})(?:[- ](?:{_NUM_WORD}))?)"
QUAL = (
    r"(?:(?:at least|more than|over|some|about|around|nearly|almost|up to|a further|another|an estimated|"
    r"a total of|as many as|no fewer than|roughly|approximately)\s+)?"
)
_KILL = (
    r"(?:killed|dead|died|dies|die|slain|massacred|perished|lost (?:their|his|her) li(?:ves|fe)|martyred|"
    r"(?:shot|stabbed|beaten|burned) to death|shot dead|executed|beheaded|crucified)"
)
_HOW = r"(?:(?:shot|stabbed|attacked|wounded|hit|struck)\s+and\s+)?"  # "shot and killed"
_KILLING = (
    r"(?:killing|killed|kills|kill|leaving|left|(?:claimed|claiming|claims|claim) the lives of|martyring|"
    r"execut(?:es|ed|ing)|execute|behead(?:s|ed|ing)?|crucif(?:ies|ied|ying)|(?:the )?deaths? of)"
)
_HURT = r"(?:wounded|injured|hurt|were wounded|were injured)"
_HURTING = r"(?:wounding|injuring|wounded|injured|injures|wounds|wound|injure)"
_NOUNS = r"(?:\s+(?!(?:and|or|but|were|was|killed|wounded|injured|in|of)\b)[A-Za-z'-]+){0,3}?"
_PERSON = (
    r"(?:man|woman|child|boy|girl|baby|person|civilian|soldier|fighter|policeman|police officer|officer|"
    r"resident|journalist|teenager|member|worker|student|doctor|nurse|commander|leader|militant|"
    r"rebel|gunman|guard|pilot|farmer|shepherd|driver|youth|citizen|victim|cadre|activist|elder|"
    r"toddler|infant|mother|father|son|daughter|wife|husband)"
)
ONE = rf"(?P<one>\b(?:an?|one)\s+(?:[A-Za-z-]+\s+){{0,2}}?{_PERSON})\b"
"""One victim named in the singular: ``a man``, ``an elderly woman``, ``one civilian``."""
_GAP = r"(?:\s+(?!(?:and|or|but|who|which|that)\b)[A-Za-z'-]+){0,4}?"
_NOT_BOTH = r"(?!\s+(?:or|and)\s+(?:wounded|injured|hurt|injuries))"  # "15 killed or wounded": one total
_NOT_AFTER_KILL = r"(?<!\bkills and )(?<!\bkilled and )(?<!\bkilled or )"  # "kills and wounds 5"
_BE = r"(?:(?:were|have been|had been|has been|was|are|is)\s+)?"
_LONG_SUBJECT = (
    r"(?:[\s,]+(?!(?:were|was|have|has|had|are|is|killed|wounded|injured|after|before|since|when|while|as|"
    r"days?|hours?|weeks?|months?|years?)\b|\d)[\w'’“”\"-]+){0,12}?"
)
"""A longer victim phrase ending in a passive "were killed" ("5 members of the regime forces and
militiamen loyal to them were killed", "17 civilians, including children, were killed")."""
_OF_GAP = (
    r"(?:(?!(?:were|was|and|or|killed|wounded|injured|after|since)\b)(?![\w-]+(?:ed|ing)\b)"
    r"[\w'’-]+\s+){0,5}?"
)
"""The rest of "13 members *of Iran's elite force* killed": no verb, no second clause."""
_RISE = r"(?:rises?|rose|risen|raised?|raises|climbs?|climbed|reach(?:es|ed)?)"
_TOLL_NOUNS = r"(?:casualties|victims|dead|number)"
_WERE = r"(?:were|have been|had been)"
_DEAD_NOUNS = r"(?:dead|deaths|fatalities|martyrs|bodies)"

_PATTERNS: tuple[tuple[Literal["killed", "injured"], re.Pattern[str]], ...] = (
    ("killed", re.compile(rf"\b{QUAL}{NUM}{_NOUNS}\s+{_BE}{_HOW}{_KILL}\b{_NOT_BOTH}", re.I)),
    ("killed", re.compile(rf"{ONE}{_GAP}\s+{_BE}{_HOW}{_KILL}\b", re.I)),
    ("killed", re.compile(rf"\b{_KILLING}\s+{QUAL}{NUM}\b(?!\s*(?:%|percent|km|kilomet|miles|years))", re.I)),
    ("killed", re.compile(rf"\b{_KILLING}\s+{ONE}", re.I)),
    (
        "killed",
        re.compile(
            rf"\b(?:death|casualty|civilian)?\s*toll\b[^.;]{{0,120}}?\b(?:to|of|at|reached|hit)\s+{QUAL}{NUM}\b",
            re.I,
        ),
    ),
    ("killed", re.compile(rf"\b{QUAL}{NUM}\s+{_DEAD_NOUNS}\b{_NOT_BOTH}", re.I)),
    ("killed", re.compile(rf"\b{QUAL}{NUM}{_LONG_SUBJECT},?\s+{_WERE}\s+{_HOW}{_KILL}\b{_NOT_BOTH}", re.I)),
    (
        "killed",
        re.compile(rf"\b{QUAL}{NUM}\s+[A-Za-z-]+\s+(?:of|from)\s+{_OF_GAP}\s*{_KILL}\b{_NOT_BOTH}", re.I),
    ),
    ("killed", re.compile(rf"\b{_RISE}\s+to\s+{QUAL}{NUM}\s+the\s+(?:number|toll|death toll)\b", re.I)),
    ("killed", re.compile(rf"\b{_TOLL_NOUNS}\b[^.;]{{0,80}}?\b{_RISE}\s+to\s+{QUAL}{NUM}\b", re.I)),
    ("injured", re.compile(rf"\b{QUAL}{NUM}{_NOUNS}\s+{_BE}{_HURT}\b", re.I)),
    ("injured", re.compile(rf"{ONE}{_GAP}\s+{_BE}{_HURT}\b", re.I)),
    (
        "injured",
        re.compile(rf"{_NOT_AFTER_KILL}\b{_HURTING}\s+{QUAL}{NUM}\b(?!\s*(?:%|percent|km|years))", re.I),
    ),
    ("injured", re.compile(rf"\b{_HURTING}\s+{ONE}", re.I)),
    ("injured", re.compile(rf"\b{QUAL}{NUM}\s+(?:injuries|wounded|injured)\b", re.I)),
)


@dataclass(frozen=True, slots=True)
class Casualty:
    """A casualty figure with the character range of the phrase stating it."""

    kind: Literal["killed", "injured"]
    count: int
    start: int
    end: int


def parse_number(text: str) -> int | None:
    """``"1,500"`` -> 1500, ``"thirty-two"`` -> 32, ``"a dozen"`` -> 12; else None.

    >>> parse_number("twenty-one"), parse_number("2,500"), parse_number("dozens")
    (21, 2500, None)
    """
    t = text.strip().lower().replace(",", "")
    if t.isdigit():
        return int(t)
    total = 0
    for part in re.split(r"[- ]+(?!dozen|hundred)", t):
        if part in _UNITS:
            total += _UNITS[part]
        elif part.endswith("hundred") and part.split()[0] in _UNITS:
            total = (total or 1) * 100
        else:
            return None
    return total or None


def find_casualties(sentence: str) -> list[Casualty]:
    """Every killed/injured figure in ``sentence``, in text order, without overlaps."""
    found: list[Casualty] = []
    for kind, pat in _PATTERNS:
        for m in pat.finditer(sentence):
            groups = m.groupdict()
            n = 1 if groups.get("one") else parse_number(groups["num"])
            if n is None or (groups.get("num") and 1900 <= n <= 2100 and "," not in groups["num"]):
                continue  # a year, not a count
            if any(c.kind == kind and c.start < m.end() and m.start() < c.end for c in found):
                continue
            found.append(Casualty(kind, n, m.start(), m.end()))
    return sorted(found, key=lambda c: c.start)
