"""Shared test fixtures: paths to ../shared, the JSON-Schema validator, the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = REPO / "corpus" / "seeds"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repo (CONTRACT.md, schema, data); tests needing it skip without it."""
    if not (SHARED / "schema" / "claimx.schema.json").is_file():
        pytest.skip("../shared is not beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def claim_validator(shared_dir: Path):
    """A jsonschema validator for one claim record (CONTRACT.md's schema, $defs/claim)."""
    import jsonschema

    schema = json.loads((shared_dir / "schema" / "claimx.schema.json").read_text())
    sub = {"$defs": schema["$defs"], "$ref": "#/$defs/claim"}
    return jsonschema.Draft202012Validator(sub)


@pytest.fixture(scope="session")
def schema_validator_for(shared_dir: Path):
    """A function giving a validator for a named record kind: claim, event or relation."""
    import jsonschema

    schema = json.loads((shared_dir / "schema" / "claimx.schema.json").read_text())

    def make(kind: str) -> jsonschema.Draft202012Validator:
        return jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"})

    return make


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """corpus/seeds: the five seed articles with their .meta.json sidecars."""
    return SEEDS


@pytest.fixture
def under_hash_seeds():
    """Run Python ``code`` in fresh interpreters under several ``PYTHONHASHSEED`` values; the set of
    what they print (one element when the output does not depend on string hashing)."""
    import os
    import subprocess
    import sys

    def run(code: str, seeds: range = range(6)) -> set[str]:
        return {
            subprocess.run(
                [sys.executable, "-c", code],
                env={**os.environ, "PYTHONHASHSEED": str(seed)},
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            for seed in seeds
        }

    return run
