"""Canonical actor names: "Russian jets", "Moscow", "the Kremlin" -> ``"Russia"``.

The tables live in the region packs (``claimx/data/regions/<name>/actors.json``, named by each
pack's ``pack.toml``) so users can extend them. Format::

    {
      "force_nouns":      ["jets", "warplanes", "troops", ...],  # may follow a state adjective
      "member_nouns":     ["fighters", "militants", ...],        # may follow a group's name
      "instrument_nouns": ["airstrikes", "shelling", ...],       # may follow either; never patterned
      "actors": [
        {"name": "Russia",              # canonical name written as actor_norm / target_norm
         "kind": "state",               # see KINDS
         "note": "...",                 # optional
         "names": ["Kremlin", ...],     # proper names: matched, and entity_ruler ORG patterns
         "generic": ["Putin", ...],     # common phrases and persons: matched only
         "places": ["Moscow", ...],     # place names standing for the actor: matched only
         "adjectives": ["Russian"]}     # + a noun above: "Russian jets" (NORP/ORG patterns)
      ]
    }

Matching ignores case, determiners and quantifiers (``the``, ``at least 33``, ``members
of``), possessives, dots and hyphens, and singular/plural; acronyms of up to three capitals
(``IS``, ``US``, ``SAA``) only match in capitals, so ``"is"`` and ``"us"`` are not actors.
``"X-backed Y"`` is Y. Decisions worth knowing: YPG, YPJ, SDF, PYD and Asayish are one
actor, ``"Kurdish forces (YPG/SDF)"``; ``"terrorists"`` (the Syrian and Russian state label)
is ``"armed opposition (per Syrian state media)"``, kept apart from ``"Syrian rebels"``
(rebels, militants, armed groups, gunmen); unnamed jihadists are ``"jihadist groups"``,
not the Islamic State; Jabhat Fateh al-Sham is Jabhat al-Nusra, Hayat Tahrir al-Sham is its
own actor; Damascus, Assad and "the regime" are ``"Syrian government"``.

Built by :class:`claimx.knowledge.Knowledge` (from ``Settings``), which callers pass around.

Example:
    >>> from claimx.knowledge import Knowledge
    >>> norm = Knowledge.from_settings().actors
    >>> norm.canonical("Russian jets"), norm.canonical("the Kremlin"), norm.canonical("Daesh")
    ('Russia', 'Russia', 'Islamic State')
    >>> norm.kind("Islamic State"), norm.canonical("the ceasefire")
    ('jihadist', None)
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from claimx.normalize.keys import ruler_pattern

KINDS: tuple[str, ...] = (
    "state",
    "state_forces",
    "jihadist",
    "rebel",
    "kurdish",
    "militia",
    "civilians",
    "humanitarian",
    "media",
    "international",
)
"""Actor kinds: what the resolver uses to tell the Islamic State, other rebels and civilians apart."""

_STATE_KINDS = frozenset({"state", "state_forces"})
_QUANTIFIER = re.compile(
    r"^(?:the|a|an|some|several|many|numerous|other|at least|more than|less than|fewer than|up to|"
    r"as many as|nearly|almost|about|around|roughly|over|dozens of|hundreds of|thousands of|scores of|"
    r"a number of|a group of|groups of|members of|fighters (?:from|of)|militants (?:from|of)|"
    r"elements of|units of|forces of|troops of|jets of|warplanes of|\d[\d,.]*|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozens|scores|"
    r"hundreds|thousands)\s+",
    re.I,
)
_DROPPABLE = frozenset(
    word
    for line in (
        "armed moderate unidentified unknown suspected alleged local hardline radical innocent",
        "unarmed displaced wounded injured dead young elderly besieged trapped fellow syrian",
        "foreign sunni",
    )
    for word in line.split()
)
_BACKED = re.compile(
    r"^.*?\b(?:backed|led|allied|supported|funded|trained|affiliated|linked|aligned|sponsored|loyal)\s+"
)
_PARENS = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")
_ACRONYM = re.compile(r"^[A-Z]{1,3}$")
_TITLES = frozenset(
    word
    for line in (
        "spokesman spokeswoman spokesperson official commander minister president ambassador envoy",
        "chief head leader director",
    )
    for word in line.split()
)  # "Russian Defence Ministry spokesman Igor Konashenkov": the ministry speaks
_CONJ = re.compile(r"\s+(?:and|or|&)\s+")


def _strip_quantifiers(text: str) -> str:
    """``text`` without its leading quantifiers and determiners ("at least 33", "members of the")."""
    while True:
        stripped = _QUANTIFIER.sub("", text, count=1)
        if stripped == text:
            return text
        text = stripped


def _case_key(text: str) -> str:
    """Case-kept key: dots dropped, hyphens and punctuation to spaces, possessives off."""
    s = unicodedata.normalize("NFKC", text).replace("’", "'")
    s = _POSSESSIVE.sub("", s).replace(".", "").replace("'", "")
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def _key(text: str) -> str:
    """Case-folded matching key. ``"U.S.-led coalition"`` -> ``"us led coalition"``."""
    s = unicodedata.normalize("NFKD", _case_key(text))
    return "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()


def _plural_forms(key: str) -> list[str]:
    if key.endswith("ies"):
        return [key, key[:-3] + "y"]
    return [key, key[:-1]] if key.endswith("s") else [key, key + "s"]


@dataclass(frozen=True, slots=True)
class Actor:
    """One row of the actor table."""

    name: str
    kind: str
    names: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    note: str = ""
    patterned: bool = True


class ActorNormalizer:
    """Maps actor phrases to canonical names and kinds (see the module docstring).

    Example:
        >>> from claimx.knowledge import Knowledge
        >>> Knowledge.from_settings().actors.canonical("Syrian government warplanes")
        'Syrian government'
    """

    def __init__(
        self, actors: list[Actor], force: list[str], member: list[str], instrument: list[str]
    ) -> None:
        self.actors = actors
        self._kind = {a.name: a.kind for a in actors}
        self._alias: dict[str, str] = {}
        self._alias_acronym: dict[str, str] = {}
        self._adjective: dict[str, str] = {}
        self._adjective_acronym: dict[str, str] = {}
        self._force = frozenset(_key(n) for n in [*force, *instrument])
        self._all_nouns = self._force | {_key(n) for n in member}
        self._force_list = list(force)
        self._member_list = list(member)
        for actor in actors:
            if actor.kind not in KINDS:
                raise ValueError(f"actors.json: unknown kind {actor.kind!r} for {actor.name!r}")
            for alias in (actor.name, *actor.names, *actor.generic, *actor.places):
                self._add(alias, actor.name, self._alias, self._alias_acronym)
            for adj in actor.adjectives:
                self._add(adj, actor.name, self._adjective, self._adjective_acronym)
        self._cache: dict[str, str | None] = {}

    @staticmethod
    def _add(alias: str, name: str, table: dict[str, str], acronyms: dict[str, str]) -> None:
        case_key = _case_key(alias)
        if _ACRONYM.match(case_key):
            acronyms.setdefault(case_key, name)
        else:
            table.setdefault(_key(alias), name)

    @classmethod
    def from_file(cls, path: Path) -> ActorNormalizer:
        """Load a table in the format of the module docstring."""
        return cls.from_files([path])

    @classmethod
    def from_files(cls, paths: list[Path]) -> ActorNormalizer:
        """Load several tables; earlier files win on shared aliases, noun lists add up.

        A file may say ``"patterned": false`` (its actors get no entity_ruler patterns). A row
        named like an earlier file's adds its aliases to that actor (whose kind and note stay).

        Example:
            >>> from claimx.regions import packaged_root
            >>> world = packaged_root() / "world"
            >>> files = [world / "actors_global.json", world / "actors_world.json"]
            >>> table = ActorNormalizer.from_files(files)
            >>> table.canonical("Nigerian army"), table.canonical("Russian jets")
            ('Nigeria', 'Russia')
        """
        actors: dict[str, Actor] = {}
        nouns: dict[str, list[str]] = {"force_nouns": [], "member_nouns": [], "instrument_nouns": []}
        for path in paths:
            data = json.loads(path.read_text(encoding="utf-8"))
            for row in data["actors"]:
                actor = _actor(row, data.get("patterned", True))
                actors[actor.name] = _merged(actors[actor.name], actor) if actor.name in actors else actor
            for key, found in nouns.items():
                found += [n for n in data.get(key, []) if n not in found]
        force, member, instrument = nouns.values()
        return cls(list(actors.values()), force, member, instrument)

    # ------------------------------------------------------------- matching
    def kind(self, canonical: str) -> str | None:
        """The kind of a canonical actor name (one of :data:`KINDS`), or None.

        Example:
            >>> from claimx.knowledge import Knowledge
            >>> Knowledge.from_settings().actors.kind("civilians")
            'civilians'
        """
        return self._kind.get(canonical)

    def canonical(self, text: str) -> str | None:
        """The canonical actor a phrase names, or None when it names no known actor.

        Example:
            >>> from claimx.knowledge import Knowledge
            >>> n = Knowledge.from_settings().actors
            >>> n.canonical("regime helicopters"), n.canonical("at least 33 civilians")
            ('Syrian government', 'civilians')
        """
        if text in self._cache:
            return self._cache[text]
        found = self._canonical(text, 0)
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[text] = found
        return found

    def _canonical(self, text: str, depth: int) -> str | None:
        text = _strip_quantifiers(_PARENS.sub("", text).strip(" \t\n,.;:!?\"'"))
        if not text or depth > 3:
            return None
        words = _case_key(text).split()
        found = self._phrase(words)
        if found is not None:
            return found
        parts = _CONJ.split(text)
        if len(parts) > 1:  # "Syrian and Russian jets": the first actor named
            found = self._first_of(parts, depth)
            if found is not None:
                return found
        backed = _BACKED.sub("", _key(text))
        if backed != _key(text) and backed:  # "Russian-backed government forces" -> government forces
            return self._canonical(backed, depth + 1)
        return self._after_modifiers(words)

    def _first_of(self, parts: list[str], depth: int) -> str | None:
        """The first actor of conjoined parts ("Syrian and Russian jets": the last noun counts for all)."""
        tail = _case_key(parts[-1]).split()[1:]
        for part in parts:
            found = self._canonical(part, depth + 1) or self._phrase(_case_key(part).split() + tail)
            if found is not None:
                return found
        return None

    def _after_modifiers(self, words: list[str]) -> str | None:
        """The actor after leading modifiers: "moderate rebels", "Aleppo residents", "Lebanese civilians"."""
        for cut in range(1, len(words)):
            found = self._phrase(words[cut:])
            if found is None:
                continue
            if self._kind[found] == "civilians" or all(self._droppable(w) for w in words[:cut]):
                return found
            return None
        return None

    def _droppable(self, word: str) -> bool:
        """A leading modifier that does not change who the actor is (not itself an actor word)."""
        if word.casefold() in _DROPPABLE:
            return True
        known = self._lookup([word], self._adjective, self._adjective_acronym) or self._lookup(
            [word], self._alias, self._alias_acronym
        )
        return word[:1].isupper() and known is None  # a place name: "Douma residents"

    def _phrase(self, words: list[str]) -> str | None:
        """Alias, or alias/adjective followed by force/member nouns."""
        if not words:
            return None
        found = self._lookup(words, self._alias, self._alias_acronym)
        if found is not None:
            return found
        for k in range(len(words) - 1, 0, -1):
            head, tail = words[:k], " ".join(words[k:]).casefold()
            titled = words[k].casefold() in _TITLES and all(w[:1].isupper() for w in words[k + 1 :])
            if not (titled or self._is_nouns(tail, self._all_nouns)):
                continue
            adjective = self._lookup(head, self._adjective, self._adjective_acronym)
            if adjective is not None:
                if self._kind[adjective] in _STATE_KINDS and not (
                    titled or self._is_nouns(tail, self._force)
                ):
                    continue  # "Syrian fighters" is not the Syrian government
                return adjective
            found = self._lookup(head, self._alias, self._alias_acronym)
            if found is not None:
                return found
        return None

    @staticmethod
    def _lookup(words: list[str], table: dict[str, str], acronyms: dict[str, str]) -> str | None:
        case_key = " ".join(words)
        if case_key in acronyms:
            return acronyms[case_key]
        folded = unicodedata.normalize("NFKD", case_key)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
        for key in _plural_forms(folded):
            if key in table:
                return table[key]
        return None

    @staticmethod
    def _is_nouns(tail: str, nouns: frozenset[str]) -> bool:
        """True when ``tail`` is one or two nouns from ``nouns`` ("army helicopters")."""
        if any(form in nouns for form in _plural_forms(tail)):
            return True
        toks = tail.split()
        return any(
            " ".join(toks[:i]) in nouns and any(f in nouns for f in _plural_forms(" ".join(toks[i:])))
            for i in range(1, len(toks))
        )

    # ------------------------------------------------------------- patterns
    def patterns(self) -> list[dict]:
        """entity_ruler patterns with ``id`` = canonical name.

        ``ORG`` for proper names of groups, forces and bodies (``ISIS``, ``Syrian Arab Army``,
        ``the Kremlin``); ``NORP`` for nationality + force noun (``Russian jets``); ``ORG``
        for other adjective phrases (``regime helicopters``); ``GPE`` for a state's own name
        (``Russia``). Place names standing for actors (``Moscow``, ``Damascus``) are left to
        the gazetteer's patterns, and persons to the NER model.

        Example:
            >>> from claimx.knowledge import Knowledge
            >>> pats = Knowledge.from_settings().actors.patterns()
            >>> {"label": "NORP", "pattern": "Russian jets", "id": "Russia"} in pats
            True
        """
        out: dict[tuple[str, str], dict] = {}

        def add(label: str, surface: str, name: str) -> None:
            for form in dict.fromkeys([surface, surface[:1].upper() + surface[1:]]):
                out.setdefault((form, label), ruler_pattern(label, form, name))

        member_nouns = ["fighters", "forces", "militants", "militia", "militias", "troops", "units", "group"]
        for actor in self.actors:
            if not actor.patterned:
                continue
            for name in actor.names:
                add("ORG", name, actor.name)
            if actor.kind == "state" and actor.name in actor.places:
                add("GPE", actor.name, actor.name)
            nouns = self._force_list if actor.kind in _STATE_KINDS else member_nouns
            for adj in actor.adjectives:
                if adj in actor.places:  # "Moscow jets": matched, not worth a pattern
                    continue
                label = "NORP" if adj[:1].isupper() and actor.kind in _STATE_KINDS else "ORG"
                for noun in nouns:
                    add(label, f"{adj} {noun}", actor.name)
        return list(out.values())


def _actor(row: dict, patterned: bool) -> Actor:
    """One actor-table row as an :class:`Actor`."""
    return Actor(
        name=row["name"],
        kind=row["kind"],
        names=tuple(row.get("names", ())),
        generic=tuple(row.get("generic", ())),
        places=tuple(row.get("places", ())),
        adjectives=tuple(row.get("adjectives", ())),
        note=row.get("note", ""),
        patterned=patterned,
    )


def _merged(first: Actor, later: Actor) -> Actor:
    """``first`` with the aliases of a later row of the same name added after its own."""
    return replace(
        first,
        names=tuple(dict.fromkeys((*first.names, *later.names))),
        generic=tuple(dict.fromkeys((*first.generic, *later.generic))),
        places=tuple(dict.fromkeys((*first.places, *later.places))),
        adjectives=tuple(dict.fromkeys((*first.adjectives, *later.adjectives))),
    )
