"""Which side an actor is on, and what kind of target a claim names.

Perpetrator and target disputes are judged on these coarse groups, not on the
exact names: "Russia" and "the Syrian army" are one side (``pro_government``);
"Islamic State" and "Jabhat al-Nusra" are not (``islamic_state`` versus
``opposition``). The group comes from the :class:`claimx.normalize.actors.ActorNormalizer`
given (the resolver's knowledge), else from keywords over the canonical name and the
surface text.

Example:
    >>> from claimx.knowledge import Knowledge
    >>> actors = Knowledge.from_settings().actors
    >>> actor_side("Russia", "Russian jets", actors)
    'pro_government'
    >>> target_group("Islamic State", None, actors), target_group(None, "Western-backed rebels", actors)
    ('islamic_state', 'opposition')
    >>> actor_side("Wagner Group", None, actors), actor_side("Wagner Group", None, None)  # table, keywords
    ('pro_government', None)
    >>> groups_clash("islamic_state", "armed_unspecified")
    False
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimx.normalize.actors import ActorNormalizer

AMBIGUOUS_ARMED = "armed_unspecified"
"""``terrorists``, ``militants``: the words both sides use for any armed enemy."""

_SIDE_WORDS: tuple[tuple[str, str], ...] = (
    ("islamic_state", r"islamic state|isis|isil|daesh|da'esh"),
    ("kurdish", r"kurd\w*|ypg|ypj|sdf|syrian democratic forces|pkk|pyd|peshmerga"),
    (
        "opposition",
        r"rebel\w*|opposition|insurgent\w*|free syrian army|nusra|al-nusra|fateh al-sham|tahrir al-sham|"
        r"ahrar\w*|jaish\w*|army of conquest|faylaq|southern front|tajamu\w*|al[- ]qaeda|jihadist\w*|"
        r"islamist\w*|syrian (?:national )?coalition",
    ),
    (
        "us_coalition",
        r"u\.s\.(?:-led)?|united states|american|pentagon|us-led|coalition|nato|france|french|"
        r"britain|british",
    ),
    ("turkey", r"turk\w*|ankara"),
    ("israel", r"israel\w*"),
    (
        "pro_government",
        r"russia\w*|moscow|kremlin|assad\w*|regime|government|pro-government|loyalist\w*|army|"
        r"air ?force|iran\w*|hezbollah|hizbollah|tiger forces|shabiha|national defen[cs]e forces|damascus|"
        r"syrian (?:forces|troops|military|aircraft|jets|warplanes|helicopters|state)",
    ),
    (AMBIGUOUS_ARMED, r"terrorist\w*|militant\w*|gunmen|fighters|armed groups?|extremists?"),
    (
        "civilians",
        r"civilians?|children|child|women|residents|people|families|villagers|hospitals?|schools?|"
        r"market\w*|homes?|houses?|bakery|mosques?|refugees?|displaced|patients|aid convoy|clinic",
    ),
)
_SIDE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (side, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for side, words in _SIDE_WORDS
)
"""Keyword patterns, tried in order (``Free Syrian Army`` is opposition before ``army`` is
pro-government; ``US-backed rebels`` are rebels)."""

_ACRONYMS: dict[str, str] = {
    "IS": "islamic_state",
    "ISIS": "islamic_state",
    "ISIL": "islamic_state",
    "FSA": "opposition",
    "HTS": "opposition",
    "SDF": "kurdish",
    "YPG": "kurdish",
    "PKK": "kurdish",
    "US": "us_coalition",
    "UK": "us_coalition",
    "IDF": "israel",
    "SAA": "pro_government",
    "NDF": "pro_government",
}
"""Upper-case acronyms matched case-sensitively (``IS`` the group, not ``is`` the verb)."""
_ACRONYM_RE = re.compile(r"\b(" + "|".join(_ACRONYMS) + r")\b")
_DESCRIPTOR_RE = re.compile(
    r"\b[\w.]+-(?:held|controlled|besieged|run|backed|supported|allied|funded|trained|armed|led|made|built|"
    r"supplied|designed|manufactured|produced)\b",
    re.IGNORECASE,
)
_NOT_IS_RE = re.compile(r"\b(?:non-|not\s+)(?:ISIS|ISIL|IS|Islamic State|Daesh)\b", re.IGNORECASE)

_KIND_TO_SIDE: dict[str, str] = {
    "jihadist": "opposition",
    "rebel": "opposition",
    "kurdish": "kurdish",
    "militia": "pro_government",
    "civilians": "civilians",
}
"""ActorNormalizer kinds that name a side by themselves (``state`` and
``state_forces`` need the name: Russia and the United States are both states)."""

_STATE_MEDIA_RE = re.compile(r"\bper .*state media\b", re.IGNORECASE)
"""The alias table's name for "terrorists" in state media: ``armed opposition (per Syrian state media)``."""

_NON_COMBATANT_KINDS = frozenset({"humanitarian", "media", "international"})


def _kind(canonical: str | None, normalizer: ActorNormalizer | None) -> str | None:
    if not canonical:
        return None
    if normalizer is None:
        return None
    try:
        return normalizer.kind(canonical)
    except Exception:
        return None


def _keyword_side(text: str | None) -> str | None:
    """The side named first in ``text``.

    Descriptors are dropped first: ``rebel-held`` describes a place, ``US-backed``
    a sponsor and ``Russian-made`` a weapon's maker, not the group itself; ``non-ISIS
    groups`` are rebels.

    >>> _keyword_side("Russian-made missiles"), _keyword_side("US-backed rebels")
    (None, 'opposition')
    """
    if not text:
        return None
    text = _NOT_IS_RE.sub(" rebels ", _DESCRIPTOR_RE.sub(" ", text))
    hits = [(m.start(), -1, _ACRONYMS[m.group(1)]) for m in _ACRONYM_RE.finditer(text)]
    for rank, (side, pattern) in enumerate(_SIDE_PATTERNS):
        m = pattern.search(text)
        if m is not None:
            hits.append((m.start(), rank, side))
    return min(hits)[2] if hits else None


@lru_cache(maxsize=4096)
def actor_side(canonical: str | None, surface: str | None, actors: ActorNormalizer | None) -> str | None:
    """The side of the perpetrator named ``canonical`` (or written ``surface``), or None.

    Sides: ``pro_government``, ``opposition``, ``islamic_state``, ``kurdish``,
    ``us_coalition``, ``turkey``, ``israel``, ``civilians``, ``armed_unspecified``.
    Humanitarian, media and international bodies have no side (None). Bare
    "terrorists" / "militants" stay ``armed_unspecified`` whatever the alias table
    guesses: both sides call any armed enemy that. ``actors``: the actor table
    (:class:`~claimx.normalize.actors.ActorNormalizer`, the resolver's knowledge) whose kinds
    decide; None: keywords only.
    """
    written = _keyword_side(surface)
    if written == AMBIGUOUS_ARMED or (canonical and _STATE_MEDIA_RE.search(canonical)):
        return AMBIGUOUS_ARMED
    kind = _kind(canonical, actors)
    if kind in _NON_COMBATANT_KINDS:
        return None
    side = _keyword_side(canonical)
    if side is None and kind in _KIND_TO_SIDE:
        side = _KIND_TO_SIDE[kind]
    if side is None and kind is None:
        side = written
    return side


@lru_cache(maxsize=4096)
def target_group(canonical: str | None, surface: str | None, actors: ActorNormalizer | None) -> str | None:
    """The kind of target: ``islamic_state``, ``opposition``, ``civilians``, ``pro_government``, ...

    The surface text is read too ("rebel-held Talbiseh" names no target group;
    "Western-backed rebels" does), the canonical name first.
    """
    return actor_side(canonical, None, actors) or _keyword_side(surface)


def groups_clash(a: str | None, b: str | None) -> bool:
    """Whether two groups cannot both be right about one event.

    Unknown (None) never clashes; ``armed_unspecified`` ("terrorists") clashes only
    with ``civilians``.
    """
    if a is None or b is None or a == b:
        return False
    if AMBIGUOUS_ARMED in (a, b):
        return "civilians" in (a, b)
    return True


NEUTRAL_TARGETS = frozenset({"civilians", AMBIGUOUS_ARMED})
"""Target kinds that agree with any other: civilians die beside fighters in one strike, and
"terrorists" is what each side calls any armed enemy."""


def targets_clash(a: str | None, b: str | None) -> bool:
    """Whether two targets cannot both have been hit by one attack.

    Civilians and fighters can ("hit civilians" and "hit rebel areas" agree); two
    combatant sides cannot be what one strike was aimed at (Islamic State vs rebels).

    >>> targets_clash("civilians", "opposition"), targets_clash("islamic_state", "opposition")
    (False, True)
    """
    if a in NEUTRAL_TARGETS or b in NEUTRAL_TARGETS:
        return False
    return groups_clash(a, b)


SIDE_LABELS: dict[str, str] = {
    "pro_government": "the government side",
    "opposition": "rebels",
    "islamic_state": "Islamic State",
    "kurdish": "Kurdish forces",
    "us_coalition": "the US-led coalition",
    "turkey": "Turkey",
    "israel": "Israel",
    "civilians": "civilians",
    AMBIGUOUS_ARMED: "armed groups",
}
"""Words for a group in a reason sentence."""
