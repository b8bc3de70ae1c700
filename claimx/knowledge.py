"""What claimx knows about the world, as one object built from :class:`~claimx.settings.Settings`.

:class:`Knowledge` holds the gazetteer, the actor table, the side keywords and the cue lists,
read from the region packs (:mod:`claimx.regions`: ``claimx/data/regions/<name>/``, more or
replacing ones in ``Settings.data_dir``, ``CLAIMX_DATA``). The extractor, its frame finders, the
claim builder and the resolver take it as an argument; nothing else loads knowledge.

``Settings.region`` (``--region``, ``CLAIMX_REGION``) chooses the packs: ``auto`` loads them
all and each article's countries pick the actor table and side keywords it is read with
(:meth:`Knowledge.actors_for`, :meth:`Knowledge.sides_for`: the packs covering those countries,
then world; an article naming no country gets every pack, in priority order); a pack's name
forces that pack (and world) for every article. The gazetteer always holds every pack's places.

Building is slow (the gazetteer indexes GeoNames), so :meth:`Knowledge.from_settings` builds
each set of packs once per process and returns the same object after that.

Example:
    >>> k = Knowledge.from_settings(Settings.from_env())
    >>> k.gazetteer.lookup("Talbiseh").admin1, k.actors.canonical("Russian jets")
    ('Homs', 'Russia')
    >>> k.in_region("Talbiseh"), k.in_region("Moscow")
    (True, False)
    >>> k.actors_for(frozenset({"Sudan"})).canonical("the army"), k.actors.canonical("the army")
    ('Sudanese Armed Forces', 'Syrian government')
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimx.normalize.actors import ActorNormalizer
from claimx.normalize.places import Gazetteer
from claimx.normalize.sides import SideTable
from claimx.regions import AUTO, RegionPack, choose_packs, covering, find_packs
from claimx.settings import Settings


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists that depend on the conflict covered.

    Attributes:
        region_countries: countries of the conflict region: a place a sentence merely
            mentions counts as the action's place only there (the rules' fallback).
        country_names: lower-case names the resolver reads as a country when the gazetteer
            does not say.
        actor_words: lower-case words the rules read as naming a party ("regime", "rebel").
    """

    region_countries: frozenset[str] = frozenset()
    country_names: frozenset[str] = frozenset()
    actor_words: frozenset[str] = frozenset()

    def key(self) -> str:
        """The cues as text that is the same in every process (sets sorted), for hashing.

        >>> Cues(frozenset({"Syria"}), frozenset({"iraq", "syria"})).key()
        '[["Syria"], ["iraq", "syria"], []]'
        """
        lists = (self.region_countries, self.country_names, self.actor_words)
        return json.dumps([sorted(words) for words in lists])

    @classmethod
    def from_packs(cls, packs: Sequence[RegionPack], names: Mapping[str, str]) -> Cues:
        """The packs' cues together; a region naming no ``region_countries`` gets its own countries
        (``names``: ISO code -> country name)."""
        region = frozenset().union(*(p.region_countries for p in packs))
        if not region:
            region = frozenset(names[c] for p in packs for c in p.countries if c in names)
        return cls(
            region,
            frozenset().union(*(p.country_names for p in packs)),
            frozenset().union(*(p.actor_words for p in packs)),
        )


@dataclass(frozen=True, eq=False)
class Knowledge:
    """The gazetteer, the actor table, the side keywords and the cue lists, passed to every stage
    that needs them.

    Two objects compare (and hash) by identity: a stage memoised on its knowledge keeps
    one entry per object. Built by hand (tests), it has no packs: every article gets ``actors``.
    """

    gazetteer: Gazetteer
    actors: ActorNormalizer
    cues: Cues = field(default_factory=Cues)
    version: str = ""
    """A short hash of the packs' files, the region and the cues ("" when built by hand); part of
    the extractor's ``model_version``, so batch redoes articles when the knowledge changes."""
    sides: SideTable = field(default_factory=SideTable)
    packs: tuple[RegionPack, ...] = ()
    """The packs loaded (priority order, world last); empty when built by hand."""
    region: str = AUTO
    country_codes: Mapping[str, str] = field(default_factory=dict, repr=False)
    """Country name (as claims write it) -> ISO code, to find the packs covering a country."""
    _chosen: dict[tuple[str, ...], _Chosen] = field(default_factory=dict, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Knowledge:
        """The knowledge of ``settings``' packs and region (default: the packaged packs, ``auto``),
        built once per process. An unknown region is a one-line :class:`~claimx.errors.UsageError`."""
        settings = settings or Settings.from_env()
        every = find_packs(settings.data_dir)
        packs = choose_packs(every, settings.region)
        key = (tuple((p.name, p.folder) for p in every), settings.region)
        with _LOCK:  # threads (dask workers) share one build
            if key not in _BUILT:
                _BUILT[key] = cls.from_packs(packs, region=settings.region, places_from=every)
            return _BUILT[key]

    @classmethod
    def from_packs(
        cls,
        packs: Sequence[RegionPack],
        *,
        region: str = AUTO,
        places_from: Sequence[RegionPack] | None = None,
    ) -> Knowledge:
        """Build from ``packs`` (priority order) for ``region`` (not memoised). The gazetteer reads
        the place files of ``places_from`` (default: ``packs``); GeoNames places down to 500
        inhabitants join lazily."""
        from claimx.normalize.minorplaces import cache_root, minor_places
        from claimx.normalize.placedata import country_names, load_entries

        places_from = tuple(places_from or packs)
        extra = [path for p in places_from for path in p.paths("places")]
        names = country_names(extra)
        cues = Cues.from_packs(packs, names)
        not_places = frozenset().union(*(p.not_places for p in places_from))
        h = hashlib.sha1(cues.key().encode() + region.encode())
        h.update(" ".join(sorted(not_places)).encode())
        for path in sorted({path for p in (*packs, *places_from) for _, path in p.files}):
            h.update(path.read_bytes())
        return cls(
            gazetteer=Gazetteer(
                load_entries(
                    admin1_path=_one(places_from, "governorates"),
                    extra_paths=extra,
                    world_admin1_path=_one(places_from, "admin1"),
                ),
                minor=minor_places(cache_root(), extra),
                not_places=not_places,
            ),
            actors=_actor_table(packs),
            cues=cues,
            version=h.hexdigest()[:12],
            sides=_side_table(packs),
            packs=tuple(packs),
            region=region,
            country_codes={name: code for code, name in names.items()},
        )

    def actors_for(self, countries: frozenset[str]) -> ActorNormalizer:
        """The actor table for an article about ``countries`` (names; see the module docstring)."""
        return self._choose(countries).actors

    def sides_for(self, country: str | None) -> SideTable:
        """The side keywords for a claim in ``country`` (every pack's when None)."""
        return self._choose(frozenset({country}) if country else frozenset()).sides

    def actor_words_for(self, countries: frozenset[str]) -> frozenset[str]:
        """The words the rules read as naming a party in an article about ``countries``."""
        return self._choose(countries).actor_words

    def actor_resolver(self, names: Sequence[str]) -> Callable[[str], str | None]:
        """``canonical`` of the actor table for an article whose place names are ``names``."""
        return self.actors_for(self.article_countries(names)).canonical

    def _choose(self, countries: frozenset[str]) -> _Chosen:
        """What the packs covering ``countries`` know (all packs: no country, or a forced region)."""
        packs = self.packs
        if self.region == AUTO and countries and packs:
            packs = covering(packs, frozenset(self.country_codes.get(c, c) for c in countries))
        key = tuple(p.name for p in packs)
        with _LOCK:
            if key not in self._chosen:
                same = len(packs) == len(self.packs)
                self._chosen[key] = _Chosen(
                    self.actors if same else _actor_table(packs),
                    self.sides if same else _side_table(packs),
                    frozenset().union(*(p.actor_words for p in packs)) if packs else self.cues.actor_words,
                )
            return self._chosen[key]

    def is_place(self, text: str) -> bool:
        """Whether ``text`` names a place the gazetteer knows."""
        return self.gazetteer.is_place(text)

    def article_countries(self, names: Sequence[str]) -> frozenset[str]:
        """The countries an article's place names point to (empty when none)."""
        return frozenset(self.gazetteer.article_countries(names))

    def in_countries(self, text: str, countries: frozenset[str]) -> bool:
        """Whether ``text`` names a place in ``countries`` (the region's when empty), small towns too."""
        region = countries or self.cues.region_countries
        place = self.gazetteer.lookup(text, context_countries=region)
        return place is not None and place.country in region

    def is_town(self, text: str) -> bool:
        """Whether ``text`` names a town, area or province (not a country) the gazetteer knows
        without context (Syria's region, and world cities and admin-1 names free of context).

        >>> k = Knowledge.from_settings()
        >>> k.is_town("Oklahoma City"), k.is_town("Homs"), k.is_town("Syria"), k.is_town("Bryant")
        (True, True, False, False)
        """
        place = self.gazetteer.lookup(text)
        return place is not None and place.kind != "country"

    def in_region(self, text: str) -> bool:
        """Whether ``text`` names a place in the conflict region (:attr:`Cues.region_countries`)."""
        place = self.gazetteer.lookup(text)
        return place is not None and place.country in self.cues.region_countries

    def is_actor(self, text: str) -> bool:
        """Whether ``text`` names an actor of the actor table."""
        return self.actors.canonical(text) is not None

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """entity_ruler patterns: the gazetteer's places first, then the actor table's names."""
        return [*self.gazetteer.patterns(), *self.actors.patterns()]


@dataclass(frozen=True, slots=True)
class _Chosen:
    """What one set of packs knows for an article or a claim."""

    actors: ActorNormalizer
    sides: SideTable
    actor_words: frozenset[str]


def _actor_table(packs: Sequence[RegionPack]) -> ActorNormalizer:
    """The packs' actor tables in order (earlier wins on shared aliases)."""
    return ActorNormalizer.from_files([path for p in packs for path in p.paths("actors")])


def _side_table(packs: Sequence[RegionPack]) -> SideTable:
    """The packs' side keywords in order."""
    return SideTable.from_files([path for p in packs for path in p.paths("sides")])


def _one(packs: Sequence[RegionPack], kind: str) -> Path | None:
    """The one file of ``kind`` among the packs (the first pack's that has one)."""
    return next((path for p in packs for path in p.paths(kind)), None)


_LOCK = threading.RLock()
_BUILT: dict[tuple[Any, ...], Knowledge] = {}
