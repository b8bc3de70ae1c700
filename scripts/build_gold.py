"""Compile the Syria gold set's authoring files into JSONL with character offsets.

The authoring files (``corpus/gold/syria/src/<outlet>.toml``) name every span by its
words, never by offsets; this script finds those words in the FA-KES article text,
fails loudly on any string it cannot place, validates the result and writes
``train.jsonl`` / ``dev.jsonl`` / ``test.jsonl`` / ``test2.jsonl`` (format: docs/LABELLED_FORMAT.md).

Authoring entry (one ``[[article]]`` table per article)::

    [[article]]
    unit_id = "1914947530"
    kind = "chemical_weapon"          # main incident kind, for the README only
    actions = [
      {trigger = "chemical attack", type = "chemical_weapon", location = "Syria",
       attributed_to = "the World Health Organization", hedged = true},
    ]

Span placement: a trigger string must occur once in the text, or carry ``occurrence``
(1-based) or ``near`` (a string that occurs once; the trigger occurrence nearest to
it is taken). An argument string (``actor``, ``target``, ``location``, ``date``,
``attributed_to``) is placed at the occurrence nearest to the trigger unless it is
given as ``{text = "...", occurrence = N}`` or ``{text = "...", near = "..."}``.
Matches respect word boundaries (``IS`` never matches inside ``ISIS``).

Usage::

    .venv/bin/python scripts/build_gold.py            # write corpus/gold/syria/*.jsonl
    .venv/bin/python scripts/build_gold.py --check    # fail if the JSONL files are stale
    .venv/bin/python scripts/build_gold.py --articles # also print the README's article table

Example:
    >>> find_all("ISIS and IS", "IS")
    [9]
    >>> iso_date("4/5/2017")
    '2017-04-05'
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import tomllib  # Python >= 3.11; this authoring tool is not part of the claimx package

from claimx.actions import ACTION_TYPES as ALL_ACTION_TYPES
from claimx.types import ROLES

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "corpus" / "gold" / "syria"
DEFAULT_FAKES = REPO.parent / "shared" / "data" / "fakes" / "FA-KES-Dataset.csv"
SEEDS_DIR = REPO / "corpus" / "seeds"

ACTION_TYPES: tuple[str, ...] = tuple(t for t in ALL_ACTION_TYPES if t not in {"statement", "other"})
"""claimx's action types that the gold set annotates (``statement`` and ``other`` are not annotated)."""

SPLITS = ("train", "dev", "test", "test2")
SPLIT_SHARES = {"test": 14 / 66, "dev": 12 / 66}
"""Round 1's shares per held-out split (40 / 12 / 14 of 66); kept for the doctest and the record."""

NEW_SPLIT_SHARES = {"test2": 0.22, "dev": 0.12}
"""Shares for articles added after round 1: a second held-out test split, dev, the rest train."""

FROZEN_SPLITS = GOLD_DIR / "splits_round1.tsv"
FROZEN_SPLITS_ROUND2 = GOLD_DIR / "splits_round2.tsv"
"""The 186 round-2 articles and their splits: ``test2`` stays the same 41 articles."""
"""The 68 round-1 articles and their splits: ``test`` stays the frozen 15-article comparable."""

ACTION_KEYS = {
    "trigger",
    "occurrence",
    "near",
    "type",
    "attributed_to",
    "killed",
    "injured",
    "negated",
    "hedged",
}
ACTION_KEYS |= set(ROLES)
ARTICLE_KEYS = {"unit_id", "kind", "note", "actions"}


class GoldBuildError(Exception):
    """An authoring entry cannot be compiled (message names the article and the string)."""


@dataclass(frozen=True, slots=True)
class FakesRow:
    """One FA-KES row, with the text as the gold set stores it."""

    unit_id: str
    text: str
    source: str
    published: str
    label: str


@dataclass(frozen=True, slots=True)
class ArticleSpec:
    """One ``[[article]]`` entry of an authoring file."""

    unit_id: str
    kind: str
    actions: tuple[dict[str, Any], ...]
    origin_file: str


def normalise_text(raw: str) -> str:
    """The gold text of an FA-KES article: CRLF -> LF, U+FFFD removed.

    >>> normalise_text("a\\r\\nb\\ufffd")
    'a\\nb'
    """
    return raw.replace("\r\n", "\n").replace("\ufffd", "")


def iso_date(mdy: str) -> str:
    """FA-KES's ``M/D/YYYY`` as ISO ``YYYY-MM-DD``."""
    month, day, year = (int(p) for p in mdy.strip().split("/"))
    return date(year, month, day).isoformat()


def load_fakes(path: Path) -> tuple[dict[str, FakesRow], set[str]]:
    """Rows by unit_id, and the unit_ids that occur more than once (never usable)."""
    counts: Counter[str] = Counter()
    rows: dict[str, FakesRow] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            uid = rec["unit_id"].strip()
            counts[uid] += 1
            rows[uid] = FakesRow(
                unit_id=uid,
                text=normalise_text(rec["article_content"]),
                source=rec["source"].strip(),
                published=iso_date(rec["date"]),
                label=rec["labels"].strip(),
            )
    return rows, {uid for uid, n in counts.items() if n > 1}


def iter_entries(src_dir: Path, keys: set[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(file name, entry)`` for every ``[[article]]`` of every ``*.toml`` under ``src_dir``, in file
    order; an entry with a key outside ``keys`` stops the build."""
    for path in sorted(src_dir.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for entry in data.get("article", []):
            unknown = set(entry) - keys
            if unknown:
                raise GoldBuildError(f"{path.name}: unknown article keys {sorted(unknown)}")
            yield path.name, entry


def load_specs(src_dir: Path) -> list[ArticleSpec]:
    """Every ``[[article]]`` of every ``*.toml`` under ``src_dir``, in file order."""
    return [
        ArticleSpec(
            unit_id=str(entry["unit_id"]),
            kind=str(entry.get("kind", "")),
            actions=tuple(entry.get("actions", [])),
            origin_file=name,
        )
        for name, entry in iter_entries(src_dir, ARTICLE_KEYS)
    ]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def find_all(text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``text`` that do not cut a word at either end."""
    if not needle:
        return []
    starts: list[int] = []
    pos = text.find(needle)
    while pos != -1:
        end = pos + len(needle)
        left_ok = not _is_word_char(needle[0]) or pos == 0 or not _is_word_char(text[pos - 1])
        right_ok = not _is_word_char(needle[-1]) or end == len(text) or not _is_word_char(text[end])
        if left_ok and right_ok:
            starts.append(pos)
        pos = text.find(needle, pos + 1)
    return starts


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _unique(text: str, needle: str, where: str) -> tuple[int, int]:
    hits = find_all(text, needle)
    if len(hits) != 1:
        raise GoldBuildError(f"{where}: {needle!r} occurs {len(hits)} times (need exactly one)")
    return hits[0], hits[0] + len(needle)


def place(
    text: str,
    needle: str,
    where: str,
    *,
    occurrence: int | None = None,
    near: str | None = None,
    anchor: tuple[int, int] | None = None,
) -> tuple[int, int]:
    """Offsets of ``needle``: the given occurrence, the one nearest ``near``/``anchor``, or the only one.

    >>> place("a b a", "a", "x", anchor=(3, 4))
    (4, 5)
    """
    hits = find_all(text, needle)
    if not hits:
        raise GoldBuildError(f"{where}: {needle!r} not found in the text")
    if occurrence is not None:
        if not 1 <= occurrence <= len(hits):
            raise GoldBuildError(f"{where}: {needle!r} has {len(hits)} occurrences, not {occurrence}")
        start = hits[occurrence - 1]
        return start, start + len(needle)
    if near is not None:
        anchor = _unique(text, near, f"{where} (near)")
    if anchor is None:
        if len(hits) > 1:
            raise GoldBuildError(f"{where}: {needle!r} occurs {len(hits)} times; give occurrence or near")
        return hits[0], hits[0] + len(needle)
    target = anchor
    start = min(hits, key=lambda s: (_gap((s, s + len(needle)), target), s))
    return start, start + len(needle)


def _span(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def _arg_span(text: str, value: Any, where: str, trigger: tuple[int, int]) -> tuple[int, int]:
    if isinstance(value, str):
        return place(text, value, where, anchor=trigger)
    if isinstance(value, dict) and set(value) <= {"text", "occurrence", "near"} and "text" in value:
        occurrence, near = value.get("occurrence"), value.get("near")
        return place(text, value["text"], where, occurrence=occurrence, near=near, anchor=trigger)
    raise GoldBuildError(f"{where}: argument must be a string or {{text, occurrence|near}}, got {value!r}")


def compile_action(text: str, spec: dict[str, Any], where: str) -> dict[str, Any]:
    """One gold action (offsets, args, attribution, casualties, flags) from its authoring entry."""
    unknown = set(spec) - ACTION_KEYS
    if unknown:
        raise GoldBuildError(f"{where}: unknown keys {sorted(unknown)}")
    if spec.get("type") not in ACTION_TYPES:
        raise GoldBuildError(f"{where}: type {spec.get('type')!r} is not one of {ACTION_TYPES}")
    where = f"{where} trigger {spec['trigger']!r}"
    trig = place(text, spec["trigger"], where, occurrence=spec.get("occurrence"), near=spec.get("near"))
    args = []
    for role in ROLES:
        if role in spec:
            start, end = _arg_span(text, spec[role], f"{where} {role}", trig)
            args.append({"role": role, **_span(text, start, end)})
    attributed = None
    if spec.get("attributed_to") is not None:
        start, end = _arg_span(text, spec["attributed_to"], f"{where} attributed_to", trig)
        attributed = _span(text, start, end)
    for key in ("killed", "injured"):
        if spec.get(key) is not None and (not isinstance(spec[key], int) or spec[key] < 0):
            raise GoldBuildError(f"{where}: {key} must be a non-negative integer")
    for key in ("negated", "hedged"):
        if not isinstance(spec.get(key, False), bool):
            raise GoldBuildError(f"{where}: {key} must be true or false")
    return {
        **_span(text, *trig),
        "type": spec["type"],
        "args": args,
        "attributed_to": attributed,
        "killed": spec.get("killed"),
        "injured": spec.get("injured"),
        "negated": spec.get("negated", False),
        "hedged": spec.get("hedged", False),
    }


def check_action(action: dict[str, Any], where: str) -> None:
    """Raise when an action's spans overlap each other (trigger vs args, args vs args)."""
    spans = [("trigger", action["start"], action["end"])]
    spans += [(a["role"], a["start"], a["end"]) for a in action["args"]]
    for i, (name_a, sa, ea) in enumerate(spans):
        for name_b, sb, eb in spans[i + 1 :]:
            if sa < eb and sb < ea:
                raise GoldBuildError(f"{where}: {name_a} and {name_b} overlap ({action['text']!r})")


def assign_splits(articles: list[tuple[str, str]], shares: dict[str, float] | None = None) -> dict[str, str]:
    """Split by article, stratified by outlet, deterministic.

    Per outlet the held-out quotas are ``n * share`` rounded by largest remainder
    (Hamilton) so that the totals over all outlets are ``round(N * share)``; ties go to
    the outlet that sorts first. Every outlet with at least 3 articles gets at least one
    article of the first held-out split (its total grows when that needs more). Inside
    an outlet, articles are ordered by ``sha256("claimx-gold-syria:" + unit_id)``: the
    first ones go to the first held-out split, then the next, the rest to train.

    >>> sorted(assign_splits([("a", "x"), ("b", "x"), ("c", "x"), ("d", "y"), ("e", "y")]).values())
    ['dev', 'test', 'train', 'train', 'train']
    """
    shares = SPLIT_SHARES if shares is None else shares
    first = next(iter(shares))
    by_outlet: dict[str, list[str]] = {}
    for uid, outlet in articles:
        by_outlet.setdefault(outlet, []).append(uid)
    total = len(articles)
    quotas: dict[str, dict[str, int]] = {outlet: {} for outlet in by_outlet}
    for split, share in shares.items():
        exact = {outlet: len(uids) * share for outlet, uids in by_outlet.items()}
        for outlet, value in exact.items():
            floor = 1 if split == first and len(by_outlet[outlet]) >= 3 else 0
            quotas[outlet][split] = max(floor, int(value))
        left = round(total * share) - sum(quotas[o][split] for o in by_outlet)
        ranked = sorted(by_outlet, key=lambda o: (quotas[o][split] - exact[o], o))
        for outlet in ranked[: max(0, left)]:
            quotas[outlet][split] += 1
    splits: dict[str, str] = {}
    for outlet, uids in sorted(by_outlet.items()):
        ordered = sorted(uids, key=lambda u: hashlib.sha256(f"claimx-gold-syria:{u}".encode()).hexdigest())
        bounds, upto = [], 0
        for split in shares:
            upto += quotas[outlet][split]
            bounds.append((upto, split))
        for i, uid in enumerate(ordered):
            splits[uid] = next((split for bound, split in bounds if i < bound), "train")
    return splits


def load_frozen_splits(path: Path = FROZEN_SPLITS) -> dict[str, str]:
    """unit_id -> split of the round-1 articles (``#`` comments and the header skipped)."""
    if not path.is_file():
        return {}
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return {r[0]: r[1] for r in rows if len(r) == 2 and not r[0].startswith("#") and r[0] != "unit_id"}


def split_documents(docs: list[dict[str, Any]], frozen: dict[str, str]) -> dict[str, str]:
    """Round-1 articles keep their split; later ones are split with ``NEW_SPLIT_SHARES``."""
    uids = [(d["id"].split(":", 1)[1], d["source"]) for d in docs]
    fresh = assign_splits([(u, o) for u, o in uids if u not in frozen], NEW_SPLIT_SHARES)
    return {u: frozen.get(u) or fresh[u] for u, _ in uids}


def _shingles(text: str, size: int = 12) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def seed_shingles(seeds_dir: Path = SEEDS_DIR) -> set[str]:
    """12-word shingles of the five seed articles (no gold text may share one)."""
    found: set[str] = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        found |= _shingles(path.read_text(encoding="utf-8"))
    return found


def build_documents(specs: list[ArticleSpec], rows: dict[str, FakesRow], duplicated: set[str]) -> list[dict]:
    """Gold documents (dicts in the labelled format), sorted by id; raises on any problem."""
    seen: set[str] = set()
    seeds = seed_shingles()
    docs: list[dict[str, Any]] = []
    for spec in specs:
        where = f"{spec.origin_file} {spec.unit_id}"
        if spec.unit_id in seen:
            raise GoldBuildError(f"{where}: article listed twice")
        if spec.unit_id in duplicated:
            raise GoldBuildError(f"{where}: unit_id occurs more than once in FA-KES (skip it)")
        if spec.unit_id not in rows:
            raise GoldBuildError(f"{where}: no such unit_id in FA-KES")
        seen.add(spec.unit_id)
        row = rows[spec.unit_id]
        if spec.origin_file != f"{row.source}.toml":
            raise GoldBuildError(f"{where}: outlet is {row.source}, put it in {row.source}.toml")
        if _shingles(row.text) & seeds:
            raise GoldBuildError(f"{where}: shares text with a seed article")
        actions = []
        for i, action_spec in enumerate(spec.actions, 1):
            action = compile_action(row.text, action_spec, f"{where} action {i}")
            check_action(action, f"{where} action {i}")
            actions.append(action)
        triggers = Counter((a["start"], a["end"]) for a in actions)
        if triggers and max(triggers.values()) > 1:
            raise GoldBuildError(f"{where}: two actions share a trigger span")
        actions.sort(key=lambda a: (a["start"], a["end"]))
        docs.append(
            {
                "id": f"fakes:{row.unit_id}",
                "text": row.text,
                "source": row.source,
                "published": row.published,
                "split": "",
                "origin": "FA-KES",
                "actions": actions,
            }
        )
    frozen = {**load_frozen_splits(), **load_frozen_splits(FROZEN_SPLITS_ROUND2)}
    splits = split_documents(docs, frozen)
    for doc in docs:
        doc["split"] = splits[doc["id"].split(":", 1)[1]]
    return sorted(docs, key=lambda d: d["id"])


def render_split(docs: list[dict[str, Any]], split: str) -> str:
    """The JSONL text of one split (one document a line, UTF-8, stable key order)."""
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs if d["split"] == split)


def main(argv: list[str] | None = None) -> int:
    """Build (or ``--check``) the gold JSONL; print counts; exit 1 on any problem."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fakes", type=Path, default=DEFAULT_FAKES, help="FA-KES-Dataset.csv")
    parser.add_argument("--src", type=Path, default=GOLD_DIR / "src", help="folder of authoring *.toml")
    parser.add_argument("--out", type=Path, default=GOLD_DIR, help="folder for train/dev/test/test2.jsonl")
    parser.add_argument("--check", action="store_true", help="compare with the files instead of writing")
    parser.add_argument("--articles", action="store_true", help="also print the README's article table")
    opts = parser.parse_args(argv)
    if not opts.fakes.is_file():
        print(f"no FA-KES csv at {opts.fakes} (pass --fakes PATH)", file=sys.stderr)
        return 2
    try:
        rows, duplicated = load_fakes(opts.fakes)
        docs = build_documents(load_specs(opts.src), rows, duplicated)
    except (GoldBuildError, KeyError, tomllib.TOMLDecodeError) as exc:
        print(f"build_gold: {exc}", file=sys.stderr)
        return 1
    stale = []
    opts.out.mkdir(parents=True, exist_ok=True)
    for split in SPLITS:
        path = opts.out / f"{split}.jsonl"
        content = render_split(docs, split)
        if opts.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != content:
                stale.append(path.name)
        else:
            path.write_text(content, encoding="utf-8")
    labels = {u: r.label for u, r in rows.items()}
    kinds = {spec.unit_id: spec.kind for spec in load_specs(opts.src)}
    print_counts(docs, labels, kinds)
    if opts.articles:
        print_articles(docs, labels, kinds)
    if stale:
        print(f"stale: {', '.join(stale)} (run scripts/build_gold.py)", file=sys.stderr)
        return 1
    return 0


COUNT_COLUMNS = ("actions", *ROLES, "attributed_to", "killed", "injured", "negated", "hedged")
"""Columns of the README count tables after ``docs`` and ``credible/fake``."""


def count_row(docs: list[dict[str, Any]], labels: dict[str, str]) -> str:
    """One README table row's cells: docs, credible/fake, actions, per-role args, set slots.

    >>> doc = {"id": "fakes:1", "actions": [{"args": [{"role": "actor"}], "attributed_to": None,
    ...        "killed": 3, "injured": None, "negated": False, "hedged": True}]}
    >>> count_row([doc], {"1": "1"})
    '1 | 1/0 | 1 | 1 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 1'
    """
    acts = [act for d in docs for act in d["actions"]]
    per: Counter[str] = Counter(a["role"] for act in acts for a in act["args"])
    per["actions"] = len(acts)
    per["attributed_to"] = sum(act["attributed_to"] is not None for act in acts)
    for key in ("killed", "injured"):
        per[key] = sum(act[key] is not None for act in acts)
    for key in ("negated", "hedged"):
        per[key] = sum(bool(act[key]) for act in acts)
    credible = sum(labels.get(d["id"].split(":", 1)[1]) == "1" for d in docs)
    cells = [str(len(docs)), f"{credible}/{len(docs) - credible}", *(str(per[c]) for c in COUNT_COLUMNS)]
    return " | ".join(cells)


def print_counts(
    docs: list[dict[str, Any]], labels: dict[str, str] | None = None, kinds: dict[str, str] | None = None
) -> None:
    """README-ready count tables: per split (and round), per outlet, per type, main incident kinds.

    ``labels`` maps unit_id to the FA-KES label (``1`` credible), ``kinds`` to the entry's ``kind``.
    """
    labels, kinds = labels or {}, kinds or {}
    frozen = load_frozen_splits()
    head = "| docs | credible/fake | " + " | ".join(COUNT_COLUMNS) + " |"
    rule = "|---" * (3 + len(COUNT_COLUMNS)) + "|"
    print(f"| split {head}\n{rule}")
    groups = [(split, [d for d in docs if d["split"] == split]) for split in SPLITS]
    groups.append(("all", docs))
    groups.append(("round 1", [d for d in docs if d["id"].split(":", 1)[1] in frozen]))
    groups.append(("round 2", [d for d in docs if d["id"].split(":", 1)[1] not in frozen]))
    for name, part in groups:
        print(f"| {name} | {count_row(part, labels)} |")
    print(f"\n| outlet ({'/'.join(SPLITS)}) {head}\n{rule}")
    for outlet in sorted({d["source"] for d in docs}):
        part = [d for d in docs if d["source"] == outlet]
        per_split = "/".join(str(sum(d["split"] == split for d in part)) for split in SPLITS)
        print(f"| {outlet} ({per_split}) | {count_row(part, labels)} |")
    types = Counter(act["type"] for d in docs for act in d["actions"])
    print("\n| type | actions |\n|---|---|")
    for name, n in types.most_common():
        print(f"| {name} | {n} |")
    main_kinds = Counter(kinds.get(d["id"].split(":", 1)[1], "") for d in docs)
    print("\nMain incident kinds: " + ", ".join(f"{k} {n}" for k, n in main_kinds.most_common()))


def print_articles(docs: list[dict[str, Any]], labels: dict[str, str], kinds: dict[str, str]) -> None:
    """The README's article table: id, outlet, label, FA-KES date, split, main incident, actions."""
    print("| id | outlet | label | FA-KES date | split | main incident | actions |")
    print("|---|---|---|---|---|---|---|")
    for d in sorted(docs, key=lambda d: (d["source"], d["id"])):
        uid = d["id"].split(":", 1)[1]
        label = {"1": "credible", "0": "fake"}.get(labels.get(uid, ""), "?")
        cells = (
            d["id"],
            d["source"],
            label,
            d["published"],
            d["split"],
            kinds.get(uid, ""),
            len(d["actions"]),
        )
        print("| " + " | ".join(str(c) for c in cells) + " |")


if __name__ == "__main__":
    sys.exit(main())
