"""Region packs: what claimx knows about one conflict, as one folder of data files.

A pack is a folder with a ``pack.toml``::

    name = "ukraine"                 # the folder's name, what --region takes
    description = "..."
    countries = ["UA", "RU"]          # ISO 3166 alpha-2 codes the pack covers ([] for world)
    priority = 20                    # packs are read in this order (lower first); world is last

    [files]                          # every file is optional
    actors = "actors.json"           # actor table(s): a name or a list (claimx/normalize/actors.py)
    sides = "sides.json"             # side keywords for the resolver (claimx/normalize/sides.py)
    places = "places.tsv"            # curated places (format: the Syria pack's places_extra.tsv)
    governorates = "admin1.tsv"      # Syria's governorate table (one pack at most)
    admin1 = "world_admin1.tsv"      # GeoNames admin-1 names (the world pack)

    [cues]
    region_countries = ["Syria"]     # where a merely mentioned place is the action's (no country named)
    country_names = ["syria"]        # lower-case names the resolver reads as countries
    actor_words = ["regime"]         # lower-case words the rules read as naming a party
    not_places = ["assad", "duma"]   # words never looked up as places (names, sects, "city")

The packaged packs live in ``claimx/data/regions/<name>/`` (found with ``importlib.resources``);
``Settings.data_dir`` (``CLAIMX_DATA``) names a folder of more packs (or one pack), whose packs
replace packaged ones of the same name. ``world`` is the default and always loaded.

Example:
    >>> packs = find_packs()
    >>> [p.name for p in packs][-1], "syria" in known_regions(packs)
    ('world', True)
    >>> [p.name for p in choose_packs(packs, "ukraine")]
    ['ukraine', 'world']
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from claimx.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PACK_FILE = "pack.toml"
WORLD = "world"
"""The default pack: any country, always loaded (last)."""
AUTO = "auto"
"""``--region auto``: each article's countries choose the packs."""
FILE_KINDS = ("actors", "sides", "places", "governorates", "admin1")
"""What a pack's ``[files]`` may name."""


@dataclass(frozen=True, slots=True)
class RegionPack:
    """One region pack, read from its ``pack.toml``.

    Attributes:
        name: the pack's name (``--region NAME``).
        description: one line for people.
        countries: ISO alpha-2 codes of the countries it covers (empty for ``world``).
        priority: read order, lower first.
        folder: where its files are.
        files: ``(kind, path)`` pairs, kinds from :data:`FILE_KINDS`, in the order given.
        region_countries: country names where a merely mentioned place is the action's.
        country_names: lower-case names the resolver reads as countries.
        actor_words: lower-case words the rules read as naming a party ("regime", "rebel").
        not_places: plain keys (``keys.plain_key``) never looked up as places ("assad", "city").
    """

    name: str
    description: str
    countries: frozenset[str]
    priority: int
    folder: Path
    files: tuple[tuple[str, Path], ...] = ()
    region_countries: frozenset[str] = frozenset()
    country_names: frozenset[str] = frozenset()
    actor_words: frozenset[str] = frozenset()
    not_places: frozenset[str] = frozenset()

    def paths(self, kind: str) -> list[Path]:
        """The pack's files of one kind, in order (empty when it has none)."""
        return [path for k, path in self.files if k == kind]


def read_pack(folder: Path) -> RegionPack:
    """The pack in ``folder``; a bad or incomplete ``pack.toml`` is a one-line :class:`UsageError`.

    >>> read_pack(packaged_root() / "syria").countries >= {"SY"}
    True
    """
    path = Path(folder) / PACK_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read region pack {path}: {exc}") from None
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise UsageError(f"region pack {path} has no name")
    cues = data.get("cues", {})
    return RegionPack(
        name=name,
        description=str(data.get("description", "")),
        countries=frozenset(str(c).upper() for c in data.get("countries", [])),
        priority=int(data.get("priority", 100)),
        folder=Path(folder),
        files=_files(path, data.get("files", {})),
        region_countries=frozenset(cues.get("region_countries", [])),
        country_names=frozenset(str(n).lower() for n in cues.get("country_names", [])),
        actor_words=frozenset(str(n).lower() for n in cues.get("actor_words", [])),
        not_places=frozenset(str(n).lower() for n in cues.get("not_places", [])),
    )


def _files(toml: Path, table: dict[str, Any]) -> tuple[tuple[str, Path], ...]:
    """The ``[files]`` table as ``(kind, path)`` pairs; unknown kinds and missing files are errors."""
    out = []
    for kind, names in table.items():
        if kind not in FILE_KINDS:
            known = ", ".join(FILE_KINDS)
            raise UsageError(f"region pack {toml}: unknown file kind {kind!r} (known: {known})")
        for name in [names] if isinstance(names, str) else names:
            path = toml.parent / name
            if not path.is_file():
                raise UsageError(f"region pack {toml}: no file {name}")
            out.append((kind, path))
    return tuple(out)


def packaged_root() -> Path:
    """The folder of the packaged packs, ``claimx/data/regions``."""
    return Path(str(resources.files("claimx.data").joinpath("regions")))


def _packs_in(root: Path) -> list[RegionPack]:
    """The pack ``root`` is, or the packs of its sub-folders."""
    if (root / PACK_FILE).is_file():
        return [read_pack(root)]
    return [read_pack(sub) for sub in sorted(root.iterdir()) if (sub / PACK_FILE).is_file()]


def find_packs(override: Path | None = None) -> tuple[RegionPack, ...]:
    """The packaged packs, with those of ``override`` (``CLAIMX_DATA``) added or replacing, by priority.

    >>> [p.name for p in find_packs()][:1]
    ['syria']
    """
    packs = {p.name: p for p in _packs_in(packaged_root())}
    if override is not None:
        extra = _packs_in(Path(override)) if Path(override).is_dir() else []
        if not extra:
            raise UsageError(f"no region pack ({PACK_FILE}) in the data folder {override} (CLAIMX_DATA)")
        packs.update({p.name: p for p in extra})
    if WORLD not in packs:
        raise UsageError(f"no {WORLD!r} region pack among {', '.join(sorted(packs))}")
    return tuple(sorted(packs.values(), key=lambda p: (p.name == WORLD, p.priority, p.name)))


def known_regions(packs: tuple[RegionPack, ...]) -> list[str]:
    """What ``--region`` takes: ``auto`` and the packs' names."""
    return [AUTO, *(p.name for p in packs)]


def choose_packs(packs: tuple[RegionPack, ...], region: str) -> tuple[RegionPack, ...]:
    """The packs a ``--region`` loads: ``auto`` all (each article then picks), a name that one and world.

    An unknown name is a one-line :class:`UsageError` listing the known ones.

    >>> choose_packs(find_packs(), "atlantis")
    Traceback (most recent call last):
    ...
    claimx.errors.UsageError: unknown region 'atlantis' (known: auto, syria, ukraine, sudan, yemen, world)
    """
    if region == AUTO:
        return packs
    chosen = tuple(p for p in packs if p.name in (region, WORLD))
    if not any(p.name == region for p in chosen):
        raise UsageError(f"unknown region {region!r} (known: {', '.join(known_regions(packs))})")
    return chosen


def check_region(region: str, data_dir: Path | None = None) -> None:
    """Raise a one-line :class:`UsageError` listing the known regions unless ``region`` is one.

    >>> check_region("sudan"), check_region("auto")
    (None, None)
    """
    choose_packs(find_packs(data_dir), region)


def covering(packs: tuple[RegionPack, ...], codes: frozenset[str]) -> tuple[RegionPack, ...]:
    """The packs covering any of the ISO codes ``codes``, then world.

    >>> [p.name for p in covering(find_packs(), frozenset({"SD"}))]
    ['sudan', 'world']
    """
    return tuple(p for p in packs if p.name == WORLD or p.countries & codes)
