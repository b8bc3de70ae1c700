"""Compile the world gold set (``corpus/gold/world/src/*.toml``) against the RAMS texts.

The RAMS texts are not committed (their licence is not stated): the authoring files hold only
annotations keyed by RAMS ``doc_key``; this script reads the texts from the shared RAMS file,
detokenised exactly as claimx's RAMS converter does (so offsets agree with
``claimx evaluate extraction ... --split test``), places every span by its words (the Syria
set's rules: ``occurrence`` / ``near``, word boundaries, see ``scripts/build_gold.py``) and
writes one labelled JSONL file (ignored by git) for ``claimx evaluate geo``.

Authoring entry (one ``[[article]]`` table per article)::

    [[article]]
    doc_key = "nw_RC57bd4a53..."       # a RAMS document of the held-out test split
    kind = "air_strike"                 # main incident kind, for the README only
    note = "..."                        # optional: decisions particular to the article
    actions = [
      {trigger = "air strikes", type = "air_strike", actor = "Russian", location = "Aleppo"},
    ]
    [article.places]                    # every location text -> its gold geocode
    "Aleppo" = {name = "Aleppo", admin1 = "Aleppo", country = "SY"}
    [article.actors]                    # optional: actor text -> canonical actor (actor_norm)
    "Russian" = "Russia"

Geocodes: ``name`` is the canonical place name, ``admin1`` the first-level division
(province, state, oblast; ``""`` for a country), ``country`` an ISO 3166-1 alpha-2 code.
``name`` and ``admin1`` may list accepted spellings separated by ``|`` (the first is the
canonical one). In the JSONL a location argument carries ``"geo": {"name", "admin1",
"country"}`` and an actor argument ``"norm"``; the labelled-data loader ignores both.

Usage::

    .venv/bin/python scripts/build_world_gold.py     # writes corpus/gold/world/world.jsonl

Example:
    >>> geo_record({"name": "Aleppo", "admin1": "Aleppo", "country": "sy"}, "x")
    {'name': 'Aleppo', 'admin1': 'Aleppo', 'country': 'SY'}
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomllib  # Python >= 3.11; this authoring tool is not part of the claimx package

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_gold import GoldBuildError, check_action, compile_action, iter_entries

from claimx.learn.convert_rams import rams_doc, rams_split

REPO = Path(__file__).resolve().parents[1]
WORLD_DIR = REPO / "corpus" / "gold" / "world"
DEFAULT_RAMS = REPO.parent / "shared" / "data" / "rams" / "dev.jsonlines"
ARTICLE_KEYS = {"doc_key", "kind", "note", "actions", "places", "actors"}
GEO_KEYS = {"name", "admin1", "country"}
SPLIT_FILE = WORLD_DIR / "split.tsv"
HALVES = ("dev", "test")


def world_half(doc_key: str) -> str:
    """The half of the world set a RAMS document is in: ``dev`` (looked at) or ``test``.

    Fixed by SHA-1 of the key, the RAMS test split's own bucket (0 or 1 of 10): bucket 0 is the
    dev half, whose errors may be read while developing; bucket 1 the test half, only scored.

    >>> world_half("nw_RC02e22af70bf5b1f7d64233d00f50bcfe48ad0667268a511908aee5b2")
    'dev'
    >>> world_half("nw_RC092ffb50b5cd03f20814ee07057f03cda0f325d02428ed7c282dcacf")
    'test'
    """
    return HALVES[int(hashlib.sha1(doc_key.encode("utf-8")).hexdigest(), 16) % 10 % 2]


@dataclass(frozen=True, slots=True)
class WorldSpec:
    """One ``[[article]]`` entry of a world authoring file."""

    doc_key: str
    kind: str
    actions: tuple[dict[str, Any], ...]
    places: dict[str, dict[str, str]]
    actors: dict[str, str]
    origin_file: str


def load_world_specs(src_dir: Path) -> list[WorldSpec]:
    """Every ``[[article]]`` of every ``*.toml`` under ``src_dir``, in file order."""
    return [
        WorldSpec(
            doc_key=str(entry["doc_key"]),
            kind=str(entry.get("kind", "")),
            actions=tuple(entry.get("actions", [])),
            places=dict(entry.get("places", {})),
            actors={str(k): str(v) for k, v in entry.get("actors", {}).items()},
            origin_file=name,
        )
        for name, entry in iter_entries(src_dir, ARTICLE_KEYS)
    ]


def geo_record(value: Any, where: str) -> dict[str, str]:
    """A checked gold geocode ``{name, admin1, country}`` (country upper-cased ISO2)."""
    if not isinstance(value, dict) or set(value) != GEO_KEYS:
        raise GoldBuildError(f"{where}: a place needs exactly {sorted(GEO_KEYS)}, got {value!r}")
    country = str(value["country"]).upper()
    if len(country) != 2 or not country.isalpha():
        raise GoldBuildError(f"{where}: country must be an ISO 3166-1 alpha-2 code, got {country!r}")
    if not str(value["name"]).strip():
        raise GoldBuildError(f"{where}: empty place name")
    return {"name": str(value["name"]), "admin1": str(value["admin1"]), "country": country}


def load_rams_texts(path: Path, keys: set[str]) -> dict[str, dict[str, Any]]:
    """The wanted RAMS documents by ``doc_key``: detokenised text and source url."""
    found: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            obj = json.loads(line)
            if obj["doc_key"] in keys:
                doc = rams_doc(obj, include_other=True)
                found[obj["doc_key"]] = {"text": doc.text, "source": doc.source}
    return found


def _annotate_args(action: dict[str, Any], spec: WorldSpec, where: str, used: set[str]) -> None:
    """Attach ``geo`` to location args and ``norm`` to actor args, from the article tables."""
    for arg in action["args"]:
        if arg["role"] == "location":
            if arg["text"] not in spec.places:
                raise GoldBuildError(f"{where}: location {arg['text']!r} has no entry in [article.places]")
            arg["geo"] = geo_record(spec.places[arg["text"]], f"{where} place {arg['text']!r}")
            used.add(f"place:{arg['text']}")
        elif arg["role"] == "actor" and arg["text"] in spec.actors:
            arg["norm"] = spec.actors[arg["text"]]
            used.add(f"actor:{arg['text']}")


def build_world_documents(specs: list[WorldSpec], texts: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold documents (labelled-format dicts plus geo/norm), sorted by id; raises on any problem."""
    docs: list[dict[str, Any]] = []
    seen: set[str] = set()
    for spec in specs:
        where = f"{spec.origin_file} {spec.doc_key[:16]}"
        if spec.doc_key in seen:
            raise GoldBuildError(f"{where}: article listed twice")
        seen.add(spec.doc_key)
        if rams_split(spec.doc_key) != "test":
            raise GoldBuildError(f"{where}: not in the RAMS held-out test split (pick test documents only)")
        if spec.doc_key not in texts:
            raise GoldBuildError(f"{where}: no such doc_key in the RAMS file")
        text = texts[spec.doc_key]["text"]
        actions, used = [], set()
        for i, action_spec in enumerate(spec.actions, 1):
            action = compile_action(text, action_spec, f"{where} action {i}")
            check_action(action, f"{where} action {i}")
            _annotate_args(action, spec, f"{where} action {i}", used)
            actions.append(action)
        unused = {f"place:{k}" for k in spec.places} | {f"actor:{k}" for k in spec.actors}
        if unused - used:
            raise GoldBuildError(f"{where}: table entries used by no argument: {sorted(unused - used)}")
        if max(Counter((a["start"], a["end"]) for a in actions).values(), default=1) > 1:
            raise GoldBuildError(f"{where}: two actions share a trigger span")
        actions.sort(key=lambda a: (a["start"], a["end"]))
        docs.append(
            {
                "id": f"rams:{spec.doc_key}",
                "text": text,
                "source": texts[spec.doc_key]["source"],
                "published": None,
                "split": "test",
                "origin": "RAMS",
                "actions": actions,
            }
        )
    return sorted(docs, key=lambda d: d["id"])


def print_world_counts(docs: list[dict[str, Any]]) -> None:
    """Docs, actions, arguments, geocoded locations and countries, as README-ready lines."""
    acts = [a for d in docs for a in d["actions"]]
    roles = Counter(g["role"] for a in acts for g in a["args"])
    geos = [g["geo"] for a in acts for g in a["args"] if "geo" in g]
    norms = sum("norm" in g for a in acts for g in a["args"])
    countries = Counter(g["country"] for g in geos)
    print(f"docs {len(docs)}  actions {len(acts)}  args {dict(sorted(roles.items()))}")
    print(f"locations {len(geos)} (with admin1 {sum(bool(g['admin1']) for g in geos)})  actor_norm {norms}")
    print("location countries", dict(countries.most_common()))
    print("types", dict(Counter(a["type"] for a in acts).most_common()))


def main(argv: list[str] | None = None) -> int:
    """Build the world gold JSONL from the authoring files and the RAMS texts; exit 1 on any problem."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rams", type=Path, default=DEFAULT_RAMS, help="RAMS dev.jsonlines")
    parser.add_argument("--src", type=Path, default=WORLD_DIR / "src", help="folder of authoring *.toml")
    parser.add_argument(
        "--out", type=Path, default=WORLD_DIR / "world.jsonl", help="output JSONL (ignored by git)"
    )
    opts = parser.parse_args(argv)
    if not opts.rams.is_file():
        print(f"no RAMS file at {opts.rams} (pass --rams PATH)", file=sys.stderr)
        return 2
    try:
        specs = load_world_specs(opts.src)
        docs = build_world_documents(specs, load_rams_texts(opts.rams, {s.doc_key for s in specs}))
    except (GoldBuildError, KeyError, tomllib.TOMLDecodeError) as exc:
        print(f"build_world_gold: {exc}", file=sys.stderr)
        return 1
    write_jsonl(opts.out, docs)
    SPLIT_FILE.write_text(split_lines(docs), encoding="utf-8")
    print_world_counts(docs)
    print(f"wrote {opts.out}")
    for half in HALVES:
        part = [d for d in docs if world_half(d["id"].removeprefix("rams:")) == half]
        write_jsonl(opts.out.with_name(f"{opts.out.stem}_{half}.jsonl"), part)
        print(f"{half} half: ", end="")
        print_world_counts(part)
    return 0


def write_jsonl(path: Path, docs: list[dict[str, Any]]) -> None:
    """Write ``docs`` one JSON object a line (creating the folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")


def split_lines(docs: list[dict[str, Any]]) -> str:
    """The split file's text: ``doc_key<TAB>half`` per document, sorted by key."""
    keys = sorted(d["id"].removeprefix("rams:") for d in docs)
    return "".join(f"{k}\t{world_half(k)}\n" for k in keys)


if __name__ == "__main__":
    sys.exit(main())
