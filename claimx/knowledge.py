"""What claimx knows about the world, as one object built from :class:`~claimx.settings.Settings`.

:class:`Knowledge` holds the gazetteer, the actor table and the cue lists (which countries are
the conflict region, which names the resolver reads as countries). The extractor, its frame
finders, the claim builder and the resolver take it as an argument; nothing else loads
knowledge. The files come from ``Settings.data_dir`` (``CLAIMX_DATA``), by default the
packaged ``claimx/data``: ``actors.json``, ``actors_world.json``, ``syria_admin1.tsv``,
``places_extra.tsv``, ``world_admin1.tsv``.
Region packs belong here: a pack is another set of these files and cues.

Building is slow (the gazetteer indexes GeoNames), so :meth:`Knowledge.from_settings` builds
each set of files once per process and returns the same object after that.

Example:
    >>> k = Knowledge.from_settings(Settings.from_env())
    >>> k.gazetteer.lookup("Talbiseh").admin1, k.actors.canonical("Russian jets")
    ('Homs', 'Russia')
    >>> k.in_region("Talbiseh"), k.in_region("Moscow")
    (True, False)
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimx.normalize.actors import ActorNormalizer
from claimx.normalize.places import Gazetteer
from claimx.settings import Settings, package_data

ACTORS_FILE = "actors.json"
WORLD_ACTORS_FILE = "actors_world.json"
ADMIN1_FILE = "syria_admin1.tsv"
PLACES_FILE = "places_extra.tsv"
WORLD_ADMIN1_FILE = "world_admin1.tsv"
FILES = (ACTORS_FILE, WORLD_ACTORS_FILE, ADMIN1_FILE, PLACES_FILE, WORLD_ADMIN1_FILE)
"""The knowledge files, in :meth:`Knowledge.from_files`'s argument order."""

OPTIONAL_FILES = frozenset({WORLD_ACTORS_FILE, WORLD_ADMIN1_FILE})
"""Files a data folder (``CLAIMX_DATA``) may leave out: then the world's actors are not known and
admin-1 names outside Syria come from the packaged table."""


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists that depend on the conflict covered.

    Attributes:
        region_countries: countries of the conflict region: a place a sentence merely
            mentions counts as the action's place only there (the rules' fallback).
        country_names: lower-case names the resolver reads as a country when the gazetteer
            does not say.
    """

    region_countries: frozenset[str] = frozenset({"Syria"})
    country_names: frozenset[str] = frozenset({"syria", "iraq", "turkey", "lebanon", "jordan", "israel"})


@dataclass(frozen=True, eq=False)
class Knowledge:
    """The gazetteer, the actor table and the cue lists, passed to every stage that needs them.

    Two objects compare (and hash) by identity: a stage memoised on its knowledge keeps
    one entry per object.
    """

    gazetteer: Gazetteer
    actors: ActorNormalizer
    cues: Cues = field(default_factory=Cues)
    version: str = ""
    """A short hash of the files and cues it was built from ("" when built by hand); part of the
    extractor's ``model_version``, so batch redoes articles when the knowledge changes."""

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Knowledge:
        """The knowledge in ``settings.data_dir`` (default: the packaged data), built once per process."""
        settings = settings or Settings.from_env()
        paths = tuple(_data_file(settings.data_dir, name, optional=name in OPTIONAL_FILES) for name in FILES)
        with _LOCK:  # threads (dask workers) share one build
            if paths not in _BUILT:
                _BUILT[paths] = cls.from_files(*paths)
            return _BUILT[paths]

    @classmethod
    def from_files(
        cls,
        actors: Path,
        world_actors: Path | None,
        admin1: Path,
        places: Path,
        world_admin1: Path | None = None,
        cues: Cues | None = None,
    ) -> Knowledge:
        """Build from the actor tables, the governorate table, the extra places and the world's
        admin-1 names (not memoised). GeoNames places down to 500 inhabitants join lazily."""
        from claimx.normalize.minorplaces import cache_root, minor_places
        from claimx.normalize.placedata import load_entries

        cues = cues or Cues()
        h = hashlib.sha1(repr(cues).encode())
        files = [f for f in (actors, world_actors, admin1, places, world_admin1) if f is not None]
        for path in files:
            h.update(path.read_bytes())
        tables = [actors] if world_actors is None else [actors, world_actors]
        return cls(
            gazetteer=Gazetteer(
                load_entries(admin1_path=admin1, extra_path=places, world_admin1_path=world_admin1),
                minor=minor_places(cache_root()),
            ),
            actors=ActorNormalizer.from_files(tables),
            cues=cues,
            version=h.hexdigest()[:12],
        )

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


def _data_file(data_dir: Path | None, name: str, *, optional: bool = False) -> Path | None:
    """``name`` in ``data_dir`` when given (it must be there unless ``optional``), else the packaged file."""
    if data_dir is None:
        return package_data(name)
    path = Path(data_dir) / name
    if not path.is_file() and optional:
        return None
    if not path.is_file():
        from claimx.errors import UsageError

        raise UsageError(f"no {name} in the data folder {data_dir} (CLAIMX_DATA)")
    return path


_LOCK = threading.Lock()
_BUILT: dict[tuple[Path | None, ...], Knowledge] = {}
