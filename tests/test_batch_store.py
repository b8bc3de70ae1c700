"""The batch store: one transaction per article, replace not add, remembered failures, locking."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimx.batch.store import ClaimStore, store_path_for
from claimx.errors import UsageError


def test_store_path_sits_beside_the_output(tmp_path: Path) -> None:
    assert store_path_for(tmp_path / "claims.csv") == tmp_path / "claims.csv.claimx.sqlite"


def test_committed_article_survives_reopening(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    with ClaimStore.open(db) as store:
        store.commit_article("a", "h1", "v1", "a.txt", ["r1", "r2"])
    with ClaimStore.open(db) as store:
        assert store.done_keys("v1") == {("a", "h1")}
        assert store.done_keys("v2") == set()
        assert store.records("a", "h1") == ["r1", "r2"]


def test_recommitting_replaces_the_claims(tmp_path: Path) -> None:
    with ClaimStore.open(tmp_path / "s.sqlite") as store:
        store.commit_article("a", "h1", "v1", None, ["r1", "r2", "r3"])
        store.commit_article("a", "h1", "v2", None, ["new"])
        assert store.records("a", "h1") == ["new"]
        assert store.done_keys("v2") == {("a", "h1")}
        assert store.count_articles() == 1


def test_failure_is_remembered_and_cleared_by_success(tmp_path: Path) -> None:
    with ClaimStore.open(tmp_path / "s.sqlite") as store:
        store.commit_failure("a", "h1", "v1", "a.txt", "ValueError: x")
        assert store.failed_keys("v1") == {("a", "h1"): "ValueError: x"}
        assert store.done_keys("v1") == set()
        store.commit_article("a", "h1", "v1", "a.txt", ["r"])
        assert store.failed_keys("v1") == {}


def test_prune_forgets_other_versions_of_current_articles_only(tmp_path: Path) -> None:
    with ClaimStore.open(tmp_path / "s.sqlite") as store:
        store.commit_article("a", "old", "v1", None, ["a-old"])
        store.commit_article("a", "new", "v1", None, ["a-new"])
        store.commit_article("b", "h", "v1", None, ["b"])
        removed = store.prune({"a": {"new"}})
        assert removed == 1
        assert store.done_keys("v1") == {("a", "new"), ("b", "h")}
        assert store.records("a", "old") == []


def test_rollback_leaves_no_half_article(tmp_path: Path) -> None:
    with ClaimStore.open(tmp_path / "s.sqlite") as store:
        with pytest.raises(sqlite3.ProgrammingError):
            store.commit_article("a", "h", "v1", None, ["ok", object()])  # type: ignore[list-item]
        assert store.records("a", "h") == []
        assert store.count_articles() == 0


def test_second_run_on_the_same_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    with ClaimStore.open(db), pytest.raises(UsageError, match="another claimx batch"), ClaimStore.open(db):
        pass


def test_unreadable_store_is_a_usage_error(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    db.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(UsageError, match="--fresh"), ClaimStore.open(db):
        pass
