"""Which side an actor is on, and what kind of target a claim names.

Perpetrator and target disputes are judged on these coarse groups, not on the
exact names: "Russia" and "the Syrian army" are one side (``pro_government``);
"Islamic State" and "Jabhat al-Nusra" are not (``islamic_state`` versus
``opposition``). The sides and their keywords are data: each region pack's ``sides.json``
(:class:`claimx.normalize.sides.SideTable`; the resolver takes the one of the claim's
country, :meth:`claimx.knowledge.Knowledge.sides_for`). The group comes from the actor
table's kinds and the keywords over the canonical name and the surface text.

Example:
    >>> from claimx.knowledge import Knowledge
    >>> k = Knowledge.from_settings()
    >>> actors, syria = k.actors, k.sides_for("Syria")
    >>> actor_side("Russia", "Russian jets", actors, syria)
    'pro_government'
    >>> target_group("Islamic State", None, actors, syria)
    'islamic_state'
    >>> target_group(None, "Western-backed rebels", actors, syria)
    'opposition'
    >>> ukraine = k.sides_for("Ukraine")
    >>> actor_side("Wagner Group", None, actors, syria), actor_side("Wagner Group", None, actors, ukraine)
    ('pro_government', 'russia')
    >>> groups_clash("islamic_state", "armed_unspecified")
    False
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimx.normalize.actors import ActorNormalizer
    from claimx.normalize.sides import SideTable

AMBIGUOUS_ARMED = "armed_unspecified"
"""``terrorists``, ``militants``: the words both sides use for any armed enemy (world pack)."""

_STATE_MEDIA_RE = re.compile(r"\bper .*state media\b", re.IGNORECASE)
"""The alias table's name for "terrorists" in state media: ``armed opposition (per Syrian state media)``."""

_NON_COMBATANT_KINDS = frozenset({"humanitarian", "media", "international"})


def _kind(canonical: str | None, normalizer: ActorNormalizer | None) -> str | None:
    if not canonical or normalizer is None:
        return None
    return normalizer.kind(canonical)


@lru_cache(maxsize=4096)
def actor_side(
    canonical: str | None, surface: str | None, actors: ActorNormalizer | None, sides: SideTable
) -> str | None:
    """The side of the perpetrator named ``canonical`` (or written ``surface``), or None.

    Sides are the packs' (``sides``): Syria's ``pro_government``, ``opposition``,
    ``islamic_state``, ``kurdish``, ``us_coalition``, ``turkey``, ``israel``; the world's
    ``civilians`` and ``armed_unspecified``. Humanitarian, media and international bodies
    have no side (None). Bare "terrorists" / "militants" stay ``armed_unspecified`` whatever
    the alias table guesses: both sides call any armed enemy that. ``actors``: the actor table
    whose kinds decide (None: keywords only).
    """
    written = sides.keyword_side(surface)
    if written == AMBIGUOUS_ARMED or (canonical and _STATE_MEDIA_RE.search(canonical)):
        return AMBIGUOUS_ARMED
    kind = _kind(canonical, actors)
    if kind in _NON_COMBATANT_KINDS:
        return None
    side = sides.keyword_side(canonical)
    if side is None:
        side = sides.kind_side(kind)
    if side is None and kind is None:
        side = written
    return side


@lru_cache(maxsize=4096)
def target_group(
    canonical: str | None, surface: str | None, actors: ActorNormalizer | None, sides: SideTable
) -> str | None:
    """The kind of target: ``islamic_state``, ``opposition``, ``civilians``, ``pro_government``, ...

    The surface text is read too ("rebel-held Talbiseh" names no target group;
    "Western-backed rebels" does), the canonical name first.
    """
    return actor_side(canonical, None, actors, sides) or sides.keyword_side(surface)


def side_label(side: str | None, sides: SideTable | None, default: str | None = None) -> str | None:
    """Words for ``side`` in a reason sentence (the packs' labels; ``default``, else the side's
    own name, when they give none)."""
    found = sides.label(side) if sides is not None else None
    return found or (default if default is not None else side)


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
