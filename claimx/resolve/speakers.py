"""Who says it: one key per speaker, so a speaker is never set against itself.

A claim's *speaker* is the voice it quotes (``attributed_to``), else the outlet's own
voice. Names of one speaker are matched loosely within an event: case, leading
``the``, possessives and punctuation are ignored, a name whose words are all in
another's is the same speaker ("the Observatory", "Syrian Observatory for Human
Rights"), and so is an acronym of the other's capitalised words ("SOHR").

Example:
    >>> keys = speaker_keys(["Syrian Observatory for Human Rights", "the Observatory", "SOHR", "Putin"])
    >>> keys["SOHR"] == keys["the Observatory"] == keys["Syrian Observatory for Human Rights"]
    True
    >>> keys["Putin"] == keys["SOHR"]
    False
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_STOP = frozenset({"the", "a", "an", "of", "for", "and", "in", "on", "to", "said", "says", "s"})
_WORD_RE = re.compile(r"[a-z0-9]+")


def name_words(name: str) -> frozenset[str]:
    """The content words of a speaker's name, lower case.

    >>> sorted(name_words("the Syrian Observatory's director"))
    ['director', 'observatory', 'syrian']
    """
    return frozenset(w for w in _WORD_RE.findall(name.lower().replace("'s", "")) if w not in _STOP)


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][A-Za-z]+", name)).lower()


def same_speaker(a: str, b: str) -> bool:
    """Whether two names plausibly name one speaker (see module docstring).

    >>> same_speaker("activists", "local activists"), same_speaker("Russia", "US officials")
    (True, False)
    """
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return a.strip().lower() == b.strip().lower()
    if wa <= wb or wb <= wa:
        return True
    for short, long_ in ((a, b), (b, a)):
        token = short.strip().lower()
        if " " not in token and len(token) >= 2 and token == _acronym(long_):
            return True
    return False


def speaker_keys(names: Iterable[str]) -> dict[str, str]:
    """A key per name; names of one speaker share it (the longest such name)."""
    distinct = sorted(dict.fromkeys(n for n in names if n), key=lambda n: (-len(n), n))
    keys: dict[str, str] = {}
    for name in distinct:
        keys[name] = next((k for k in dict.fromkeys(keys.values()) if same_speaker(name, k)), name)
    return keys
