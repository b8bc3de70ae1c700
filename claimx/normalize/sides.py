"""Side keywords: which side of a conflict a phrase names, read from the region packs' ``sides.json``.

Format (one file per pack; a pack's file is read before the world's)::

    {
      "rewrites":   [["\\\\bnon-ISIS\\\\b", " rebels "]],     # regex -> replacement, applied first
      "sides":      [["islamic_state", "islamic state|isis"], ...],  # tried in order
      "acronyms":   {"IS": "islamic_state"},                 # matched case-sensitively
      "kind_sides": {"rebel": "opposition"},                 # an actor-table kind's side
      "labels":     {"opposition": "rebels"}                 # words for a side in a reason sentence
    }

The side named first in a text wins (at one position: the earlier file's, then the earlier
entry's). Words like ``rebel-held`` and ``US-backed`` describe a place or a sponsor and are
dropped before matching. :mod:`claimx.resolve.sides` uses the table.

Example:
    >>> from claimx.knowledge import Knowledge
    >>> table = Knowledge.from_settings().sides
    >>> table.keyword_side("Russian jets"), table.keyword_side("Western-backed rebels")
    ('pro_government', 'opposition')
    >>> table.label("opposition"), table.keyword_side("the weather")
    ('rebels', None)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_DESCRIPTOR_RE = re.compile(
    r"\b[\w.]+-(?:held|controlled|besieged|run|backed|supported|allied|funded|trained|armed|led|made|built|"
    r"supplied|designed|manufactured|produced)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, eq=False)
class SideTable:
    """Side keywords of one or more packs (compare and hash by identity: resolver caches key on it)."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...] = ()
    acronyms: Mapping[str, str] = field(default_factory=dict)
    rewrites: tuple[tuple[re.Pattern[str], str], ...] = ()
    kind_sides: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    _acronym_re: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        found = "|".join(re.escape(a) for a in self.acronyms)
        object.__setattr__(self, "_acronym_re", re.compile(rf"\b({found})\b" if found else r"(?!x)x"))

    @classmethod
    def from_files(cls, paths: Sequence[Path]) -> SideTable:
        """Merge the files in order: patterns and rewrites add up, earlier keys win."""
        patterns: list[tuple[str, re.Pattern[str]]] = []
        rewrites: list[tuple[re.Pattern[str], str]] = []
        acronyms: dict[str, str] = {}
        kinds: dict[str, str] = {}
        labels: dict[str, str] = {}
        for path in paths:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            patterns += [(s, re.compile(rf"\b(?:{w})\b", re.IGNORECASE)) for s, w in data.get("sides", [])]
            rewrites += [(re.compile(p, re.IGNORECASE), r) for p, r in data.get("rewrites", [])]
            for found, table in ((data.get("acronyms", {}), acronyms), (data.get("kind_sides", {}), kinds)):
                for key, value in found.items():
                    table.setdefault(key, value)
            for key, value in data.get("labels", {}).items():
                labels.setdefault(key, value)
        return cls(tuple(patterns), acronyms, tuple(rewrites), kinds, labels)

    def keyword_side(self, text: str | None) -> str | None:
        """The side named first in ``text``, or None.

        >>> SideTable().keyword_side("rebels") is None
        True
        """
        if not text:
            return None
        text = _DESCRIPTOR_RE.sub(" ", text)
        for pattern, replacement in self.rewrites:
            text = pattern.sub(replacement, text)
        hits = [(m.start(), -1, self.acronyms[m.group(1)]) for m in self._acronym_re.finditer(text)]
        for rank, (side, pattern) in enumerate(self.patterns):
            m = pattern.search(text)
            if m is not None:
                hits.append((m.start(), rank, side))
        return min(hits)[2] if hits else None

    def kind_side(self, kind: str | None) -> str | None:
        """The side an actor-table kind names by itself (``rebel`` -> ``opposition`` in Syria)."""
        return self.kind_sides.get(kind) if kind else None

    def label(self, side: str | None, default: str | None = None) -> str | None:
        """Words for ``side`` in a sentence (``default`` when the packs give none)."""
        return self.labels.get(side or "", default)
