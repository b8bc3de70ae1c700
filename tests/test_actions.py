"""One action-type table (claimx/actions.py): every set derives from it, nothing else lists the types."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from claimx.actions import (
    ACTION_NOUNS,
    ACTION_TYPES,
    ACTIONS,
    EVENT_ACTION_TYPES,
    GENERIC_ACTION_TYPE,
    RELATED_TYPE_PAIRS,
    VIOLENT_ACTION_TYPES,
    action,
)

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def test_names_are_unique_and_derived_sets_agree() -> None:
    assert len(set(ACTION_TYPES)) == len(ACTIONS)
    assert VIOLENT_ACTION_TYPES <= EVENT_ACTION_TYPES <= set(ACTION_TYPES)
    assert {"statement", "other"}.isdisjoint(EVENT_ACTION_TYPES)
    assert GENERIC_ACTION_TYPE in VIOLENT_ACTION_TYPES
    assert set(ACTION_NOUNS) == set(ACTION_TYPES)
    for pair in RELATED_TYPE_PAIRS:
        assert len(pair) == 2 and pair <= set(ACTION_TYPES), pair
    for a in ACTIONS:
        assert a.description and a.noun, a.name


def test_unknown_type_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown action type 'bombing'; use one of air_strike"):
        action("bombing")


def test_lexicon_and_converters_use_known_types() -> None:
    from claimx.extract.lexicon import _REFINERS, LEXICON
    from claimx.learn.convert_rams import EVENT_TYPES

    assert {t for t, _ in LEXICON.words.values()} <= set(ACTION_TYPES)
    assert set(LEXICON.phrases.values()) <= set(ACTION_TYPES)
    assert {t for _, t in _REFINERS} <= set(ACTION_TYPES)
    assert {t for _, t in EVENT_TYPES if t is not None} <= set(ACTION_TYPES)


@pytest.mark.skipif(not (SHARED / "CONTRACT.md").is_file(), reason="no ../shared/CONTRACT.md")
def test_table_is_the_contract() -> None:
    row = next(
        line for line in (SHARED / "CONTRACT.md").read_text().splitlines() if line.startswith("| action_type")
    )
    assert tuple(re.findall(r"`(\w+)`", row)) == ACTION_TYPES


@pytest.mark.skipif(not (SHARED / "schema/claimx.schema.json").is_file(), reason="no shared schema")
def test_table_is_the_schema_enum() -> None:
    text = (SHARED / "schema/claimx.schema.json").read_text()
    enums = [e for e in _enums(json.loads(text)) if "air_strike" in e]
    assert enums, "the schema has no action_type enum"
    for e in enums:
        assert tuple(e) == ACTION_TYPES


def _enums(node: object) -> list[list[str]]:
    if isinstance(node, dict):
        out = [node["enum"]] if isinstance(node.get("enum"), list) else []
        return out + [e for v in node.values() for e in _enums(v)]
    if isinstance(node, list):
        return [e for v in node for e in _enums(v)]
    return []


def test_docs_list_every_type_in_order() -> None:
    text = (REPO / "docs/LABELLED_FORMAT.md").read_text()
    listed = [t for t in re.findall(r"`(\w+)`", text) if t in ACTION_TYPES]
    first = listed.index("air_strike")
    assert tuple(listed[first : first + len(ACTION_TYPES)]) == ACTION_TYPES


def _literal_type_lists(path: Path) -> list[int]:
    """Line numbers of tuple/list/set literals (or dict keys) that are mostly action types, four or more.

    (A lexicon whose lemmas happen to include "attack" and "arrest" is not a list of types.)
    """
    names = set(ACTION_TYPES)
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        elts: list[ast.expr | None] = []
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            elts = list(node.elts)
        elif isinstance(node, ast.Dict):
            elts = list(node.keys)
        found = {e.value for e in elts if isinstance(e, ast.Constant) and e.value in names}
        if len(found) >= 4 and 2 * len(found) >= len(elts):
            lines.append(node.lineno)
    return lines


def test_no_other_module_lists_the_types() -> None:
    offenders = {
        str(p.relative_to(REPO)): lines
        for p in sorted((REPO / "claimx").rglob("*.py"))
        if p.name != "actions.py" and (lines := _literal_type_lists(p))
    }
    assert offenders == {}, f"action types listed outside claimx/actions.py: {offenders}"
