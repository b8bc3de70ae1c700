"""The outlet of an article, from its own text, when the record does not name it.

Looks (in the raw text, before page furniture is removed) for what web pages and
wire copy say about themselves: a ``Source: X`` line, an author box's
affiliation ("... is a visiting fellow at The Washington Institute"), a
copyright line ("Copyright © 2018 TRT World"), or a speaker who "told BuzzFeed
News" in a story by that outlet.

Example:
    >>> find_outlet("Jamil Al-Saleh told BuzzFeed News there were no ISIS units.")
    'BuzzFeed News'
    >>> find_outlet("Text.\\n\\nSource: ISW\\n")
    'Institute for the Study of War'
"""

from __future__ import annotations

import re
from collections import Counter

_ACRONYMS = {
    "ISW": "Institute for the Study of War",
    "AFP": "Agence France-Presse",
    "AP": "Associated Press",
    "SANA": "SANA",
    "BBC": "BBC",
}
_NAME = r"(?:The |the )?[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,4}"
_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^\s*Source:\s*({_NAME})\s*$", re.M),
    re.compile(rf"\bis an? (?:\w+ )?(?:fellow|scholar|editor|columnist) (?:at|with) ({_NAME})", re.M),
    re.compile(r"\btold ((?:[A-Z][\w]+ )?[A-Z][\w]+ News)\b"),
    re.compile(r"(?:Copyright|©)\s*(?:©\s*)?(?:\d{4}\s+)?([A-Z][\w]+(?: [A-Z][\w]+)?)\b"),
)


def _canonical(name: str) -> str:
    name = name.strip().rstrip(".")
    if name.lower().startswith("the "):
        name = "The " + name[4:] if name.split()[1:2] == ["Washington"] else name[4:]
    return _ACRONYMS.get(name, name)


def find_outlet(raw_text: str) -> str | None:
    """The outlet the text names as its own, or None when it names none."""
    votes: Counter[str] = Counter()
    for rank, pat in enumerate(_PATTERNS):
        for m in pat.finditer(raw_text):
            name = _canonical(m.group(1))
            if 2 <= len(name) <= 60 and not name.lower().startswith(("all rights", "reserved")):
                votes[name] += len(_PATTERNS) - rank
    if not votes:
        return None
    return votes.most_common(1)[0][0]
