"""Checks of the committed Syria gold set (corpus/gold/syria/*.jsonl) and of its build script.

The committed files are validated on their own (offsets, roles, types, splits, coverage,
no seed article); where the FA-KES csv is present (../shared/data/fakes/) the texts are
also compared with it and ``scripts/build_gold.py --check`` must find the files fresh.

Example:
    .venv/bin/pytest tests/test_gold_set.py -q
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from claimx.actions import ACTION_TYPES
from claimx.types import ROLES

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "corpus" / "gold" / "syria"
SEEDS = REPO / "corpus" / "seeds"
FAKES = REPO.parent / "shared" / "data" / "fakes" / "FA-KES-Dataset.csv"
SPLITS = ("train", "dev", "test", "test2")
GOLD_TYPES = set(ACTION_TYPES) - {"statement", "other"}
DOC_KEYS = {"id", "text", "source", "published", "split", "origin", "actions"}
SPAN_KEYS = {"start", "end", "text"}
ACTION_KEYS = SPAN_KEYS | {"type", "args", "attributed_to", "killed", "injured", "negated", "hedged"}
OUTLETS = {
    "sana", "sputnik", "tass", "manar", "alalam", "etilaf", "reuters", "alaraby",
    "ahram", "dailysabah", "trt", "arabiya", "asharqalawsat", "jordantimes", "nna",
}  # fmt: skip


def load_split(split: str) -> list[dict[str, Any]]:
    """The documents of one committed split file."""
    path = GOLD / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    """All committed gold documents, split field as written."""
    return [doc for split in SPLITS for doc in load_split(split)]


def span_problems(text: str, span: dict[str, Any], where: str) -> list[str]:
    """Why a ``{start, end, text}`` span does not fit ``text`` (empty when it does)."""
    start, end = span.get("start"), span.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"{where}: bad offsets {start}-{end}"]
    if text[start:end] != span.get("text"):
        return [f"{where}: text[{start}:{end}]={text[start:end]!r} != {span.get('text')!r}"]
    if span["text"] != span["text"].strip():
        return [f"{where}: span {span['text']!r} has outer whitespace"]
    return []


def document_problems(doc: dict[str, Any]) -> list[str]:
    """Every format or guideline violation of one gold document."""
    where = doc.get("id", "?")
    problems = [] if set(doc) == DOC_KEYS else [f"{where}: keys {sorted(set(doc) ^ DOC_KEYS)}"]
    text = doc.get("text", "")
    if "\r" in text or "\ufffd" in text:
        problems.append(f"{where}: text keeps CR or U+FFFD")
    if doc.get("origin") != "FA-KES" or doc.get("source") not in OUTLETS:
        problems.append(f"{where}: origin/source {doc.get('origin')}/{doc.get('source')}")
    try:
        date.fromisoformat(doc.get("published") or "")
    except ValueError:
        problems.append(f"{where}: published {doc.get('published')!r} is not ISO")
    if not doc.get("actions"):
        problems.append(f"{where}: no actions")
    for i, action in enumerate(doc.get("actions", [])):
        problems += action_problems(text, action, f"{where} action {i}")
    return problems


def action_problems(text: str, action: dict[str, Any], where: str) -> list[str]:
    """Format violations of one action: keys, spans, roles, type, casualties, flags."""
    if set(action) != ACTION_KEYS:
        return [f"{where}: keys {sorted(set(action) ^ ACTION_KEYS)}"]
    problems = span_problems(text, action, where)
    if action["type"] not in GOLD_TYPES:
        problems.append(f"{where}: type {action['type']!r}")
    roles = [arg.get("role") for arg in action["args"]]
    if any(role not in ROLES for role in roles) or len(roles) != len(set(roles)):
        problems.append(f"{where}: roles {roles}")
    for arg in action["args"]:
        problems += span_problems(text, arg, f"{where} {arg.get('role')}")
        if arg.get("start", 0) < action["end"] and action["start"] < arg.get("end", 0):
            problems.append(f"{where}: {arg.get('role')} overlaps the trigger")
    if action["attributed_to"] is not None:
        problems += span_problems(text, action["attributed_to"], f"{where} attributed_to")
    for key in ("killed", "injured"):
        value = action[key]
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            problems.append(f"{where}: {key}={value!r}")
    if not (isinstance(action["negated"], bool) and isinstance(action["hedged"], bool)):
        problems.append(f"{where}: negated/hedged must be booleans")
    return problems


def test_every_document_is_well_formed(docs: list[dict[str, Any]]) -> None:
    problems = [p for doc in docs for p in document_problems(doc)]
    assert not problems, "\n".join(problems[:20])


def test_validator_catches_a_shifted_offset(docs: list[dict[str, Any]]) -> None:
    broken = json.loads(json.dumps(docs[0]))
    broken["actions"][0]["start"] += 1
    assert document_problems(broken)


def test_splits_are_disjoint_and_match_their_files() -> None:
    seen: Counter[str] = Counter()
    for split in SPLITS:
        for doc in load_split(split):
            assert doc["split"] == split, doc["id"]
            seen[doc["id"]] += 1
    assert seen and max(seen.values()) == 1


def test_coverage_of_articles_outlets_labels_and_splits(docs: list[dict[str, Any]]) -> None:
    assert len(docs) >= 60
    assert len({doc["source"] for doc in docs}) >= 10
    per_split = Counter(doc["split"] for doc in docs)
    assert all(per_split[split] >= 10 for split in SPLITS), per_split
    types = {action["type"] for doc in docs for action in doc["actions"]}
    assert {"air_strike", "shelling", "remote_explosive", "suicide_bomb", "chemical_weapon"} <= types


def test_no_seed_article_is_in_the_gold_set(docs: list[dict[str, Any]]) -> None:
    def shingles(text: str) -> set[str]:
        words = re.findall(r"\w+", text.lower())
        return {" ".join(words[i : i + 12]) for i in range(len(words) - 11)}

    seeds = list(SEEDS.glob("*.txt"))
    assert seeds, "corpus/seeds/ is empty"
    seed_stems = {path.stem for path in seeds}
    seed_text = set().union(*(shingles(path.read_text(encoding="utf-8")) for path in seeds))
    for doc in docs:
        assert doc["id"].split(":", 1)[1] not in seed_stems
        assert not shingles(doc["text"]) & seed_text, doc["id"]


@pytest.fixture(scope="module")
def fakes_rows() -> dict[str, list[dict[str, str]]]:
    """FA-KES rows by unit_id (skips when the shared csv is absent)."""
    if not FAKES.is_file():
        pytest.skip("FA-KES csv not present at ../shared/data/fakes/")
    rows: dict[str, list[dict[str, str]]] = {}
    with FAKES.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.setdefault(row["unit_id"], []).append(row)
    return rows


def test_texts_and_fields_come_from_fakes(docs: list[dict[str, Any]], fakes_rows: dict) -> None:
    for doc in docs:
        rows = fakes_rows.get(doc["id"].removeprefix("fakes:"), [])
        assert len(rows) == 1, f"{doc['id']}: {len(rows)} FA-KES rows (duplicates are skipped)"
        row = rows[0]
        assert doc["text"] == row["article_content"].replace("\r\n", "\n").replace("\ufffd", "")
        assert doc["source"] == row["source"]
        month, day, year = (int(part) for part in row["date"].split("/"))
        assert doc["published"] == date(year, month, day).isoformat()


def load_build_script() -> ModuleType:
    """scripts/build_gold.py as a module (it needs tomllib, Python >= 3.11)."""
    pytest.importorskip("tomllib")
    if "build_gold" not in sys.modules:
        spec = importlib.util.spec_from_file_location("build_gold", REPO / "scripts" / "build_gold.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["build_gold"] = module  # dataclasses look their module up while the file runs
        spec.loader.exec_module(module)
    return sys.modules["build_gold"]


def test_committed_files_are_what_the_build_script_writes(fakes_rows: dict) -> None:
    build_gold = load_build_script()
    assert build_gold.main(["--check", "--fakes", str(FAKES)]) == 0


def test_span_placement_respects_words_hints_and_fails_loudly() -> None:
    build_gold = load_build_script()
    text = "ISIS shelled Aleppo. Later IS shelled Aleppo again."
    assert build_gold.find_all(text, "IS") == [27]
    assert build_gold.place(text, "shelled", "t", occurrence=2) == (30, 37)
    assert build_gold.place(text, "Aleppo", "t", anchor=(30, 37)) == (38, 44)
    assert build_gold.place(text, "shelled", "t", near="Later") == (30, 37)
    with pytest.raises(build_gold.GoldBuildError):
        build_gold.place(text, "shelled", "t")  # ambiguous without a hint
    with pytest.raises(build_gold.GoldBuildError):
        build_gold.place(text, "bombed", "t")


def test_compiled_action_carries_offsets_and_flags() -> None:
    build_gold = load_build_script()
    text = "Russian jets reportedly bombed Talbiseh on Tuesday, killing 33 civilians."
    spec = {"trigger": "bombed", "type": "air_strike", "actor": "Russian jets", "target": "civilians",
            "location": "Talbiseh", "date": "Tuesday", "killed": 33, "hedged": True}  # fmt: skip
    action = build_gold.compile_action(text, spec, "t")
    assert (action["start"], action["end"]) == (24, 30)
    assert {arg["role"]: arg["text"] for arg in action["args"]} == {
        "actor": "Russian jets", "target": "civilians", "location": "Talbiseh", "date": "Tuesday",
    }  # fmt: skip
    assert (action["killed"], action["hedged"], action["negated"]) == (33, True, False)
    with pytest.raises(build_gold.GoldBuildError):
        build_gold.compile_action(text, {**spec, "type": "statement"}, "t")


def test_splits_are_stratified_and_deterministic() -> None:
    build_gold = load_build_script()
    articles = [(f"{outlet}{i}", outlet) for outlet in "abcdefghijk" for i in range(6)]
    first = build_gold.assign_splits(articles)
    assert first == build_gold.assign_splits(list(reversed(articles)))
    counts = Counter(first.values())
    assert (counts["test"], counts["dev"]) == (round(66 * 14 / 66), round(66 * 12 / 66))
    for outlet in "abcdefghijk":
        assert {first[f"{outlet}{i}"] for i in range(6)} >= {"train", "test"}
    outlets = "abcdefghijklmno"  # 15 outlets of 3: each keeps a test article (15 > round(45 * 14 / 66))
    small = build_gold.assign_splits([(f"{outlet}{i}", outlet) for outlet in outlets for i in range(3)])
    assert all("test" in {small[f"{outlet}{i}"] for i in range(3)} for outlet in outlets)


def test_round1_splits_stay_frozen(docs: list[dict[str, Any]]) -> None:
    build_gold = load_build_script()
    frozen = build_gold.load_frozen_splits()
    split_of = {doc["id"].split(":", 1)[1]: doc["split"] for doc in docs}
    assert len(frozen) == 68 and all(split_of.get(uid) == split for uid, split in frozen.items())
    test = {uid for uid, split in split_of.items() if split == "test"}
    assert test == {uid for uid, split in frozen.items() if split == "test"} and len(test) == 15


def test_round2_splits_stay_frozen(docs: list[dict[str, Any]]) -> None:
    build_gold = load_build_script()
    frozen = build_gold.load_frozen_splits(build_gold.FROZEN_SPLITS_ROUND2)
    split_of = {doc["id"].split(":", 1)[1]: doc["split"] for doc in docs}
    assert len(frozen) == 186 and all(split_of.get(uid) == split for uid, split in frozen.items())
    assert sum(1 for split in frozen.values() if split == "test2") == 41
