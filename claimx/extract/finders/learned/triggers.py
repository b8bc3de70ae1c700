"""Which sentences the learned finder encodes: a cheap regex prefilter over trigger-like words.

Example:
    >>> pat = trigger_pattern(["air strike", "killed"])
    >>> [m.group(0) for m in pat.finditer("Air strikes killed two; shelling went on.")]
    ['Air strikes', 'killed', 'shelling']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SEED_TRIGGER_STEMS: tuple[str, ...] = (
    "abduct", "airstrike", "air strike", "air raid", "ambush", "arrest", "artillery", "assassinat", "assault",
    "attack", "barrel bomb", "battle", "behead", "blast", "blew up", "bomb", "captur", "casualt", "chemical",
    "clash", "combat", "dead", "death", "deploy", "destroy", "detain", "detention", "died", "die", "dying",
    "execut", "explo", "fight", "fire", "fired", "gas", "gunfire", "gunmen", "hit", "hostage", "imprison",
    "injur", "invad", "invasion", "jail", "kidnap", "kill", "liberat", "massacre", "missile", "mortar",
    "murder", "offensive", "overran", "overrun", "raid", "recaptur", "retak", "retook", "rocket", "sarin",
    "seiz", "shell", "shoot", "shot", "siege", "sniper", "storm", "strike", "struck", "target",
    "took control",
    "troops", "violence", "wound",
)  # fmt: skip
"""Word starts that make a sentence worth encoding (the finder's cheap prefilter)."""


def trigger_pattern(extra_words: Iterable[str] = ()) -> re.Pattern[str]:
    """A case-insensitive regex matching words that start with a seed stem or an ``extra_words`` entry."""
    stems = sorted(
        {s.lower() for s in (*SEED_TRIGGER_STEMS, *extra_words) if len(s) >= 3}, key=len, reverse=True
    )
    alternation = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in stems)
    return re.compile(rf"\b(?:{alternation})\w*", re.IGNORECASE)
