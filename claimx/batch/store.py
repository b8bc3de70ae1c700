"""The batch store: finished articles and their claims in SQLite, one transaction per article.

Every article that went through is committed, with its claims, in a single
transaction keyed by ``(doc_id, content_hash)`` and stamped with the extractor's
``model_version``; the output file is then written from the store. A run that is
killed loses no committed article, and the next run with the same command
reuses every article whose content and model version are unchanged.
Articles that failed inside the extractor are remembered in ``failures`` (so an
unchanged bad article is not redone); crashes and timeouts are not.

The store lives beside the output: ``claims.jsonl`` -> ``claims.jsonl.claimx.sqlite``
(SQLite in WAL mode adds ``-wal``/``-shm`` files while it is open).

Example:
    >>> import tempfile, pathlib
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "c.sqlite"
    >>> with ClaimStore.open(db) as store:
    ...     store.commit_article("a", "h1", "v1", "a.txt", ['{"claim_id": "c1"}'])
    ...     store.done_keys("v1"), store.records("a", "h1")
    ({('a', 'h1')}, ['{"claim_id": "c1"}'])
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from claimx.errors import UsageError

SCHEMA_VERSION = "2"
"""2: claim records carry ``date_basis``. A version-1 store is upgraded by forgetting its
articles (their records lack the field), so the next run redoes them."""
_UPGRADABLE = frozenset({"1"})

RECOVER_HINT = "run the same command with --fresh to start afresh, or delete that file"
"""How to recover from a store that cannot be used, for error messages."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    doc_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    model_version TEXT NOT NULL,
    path TEXT,
    n_claims INTEGER NOT NULL,
    updated REAL NOT NULL,
    PRIMARY KEY (doc_id, content_hash)
);
CREATE TABLE IF NOT EXISTS claims (
    doc_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    seq INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (doc_id, content_hash, seq)
);
CREATE TABLE IF NOT EXISTS failures (
    doc_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    model_version TEXT NOT NULL,
    path TEXT,
    reason TEXT NOT NULL,
    updated REAL NOT NULL,
    PRIMARY KEY (doc_id, content_hash)
);
CREATE TABLE IF NOT EXISTS vectors (
    encoder TEXT NOT NULL,
    key TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (encoder, key)
);
"""


def store_path_for(out: Path) -> Path:
    """Where the store of a batch writing ``out`` lives: ``<OUT name>.claimx.sqlite`` beside it.

    >>> store_path_for(Path("runs/claims.csv")).as_posix()
    'runs/claims.csv.claimx.sqlite'
    """
    return out.with_name(out.name + ".claimx.sqlite")


class ClaimStore:
    """A SQLite store of finished articles; use :meth:`open` (a context manager)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, lock: IO[bytes] | None) -> None:
        self._conn = conn
        self.path = path
        self._lock = lock

    @classmethod
    @contextmanager
    def open(cls, path: Path, *, fresh: bool = False) -> Iterator[ClaimStore]:
        """Open (creating if needed) the store at ``path``, holding it for this run alone.

        ``fresh`` deletes an existing store first (under the lock), for ``--fresh``.
        A damaged store is never opened as if empty: it raises a :class:`UsageError`
        that says how to recover.
        """
        _ensure_folder(path.parent)
        lock = take_lock(path)
        try:
            if fresh:
                _delete_store_files(path)
            _check_not_truncated(path)
            conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
        except sqlite3.Error as exc:
            _release_lock(lock)
            raise UsageError(f"cannot open the batch store {path}: {exc} ({RECOVER_HINT})") from None
        except BaseException:
            _release_lock(lock)
            raise
        store = cls(conn, path, lock)
        try:
            with store_errors(path):
                store._init()
            yield store
        finally:
            conn.close()
            _release_lock(lock)

    def _init(self) -> None:
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")  # a committed article survives power loss
        existed = self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if existed:
            check = self._conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {check}")
        self._conn.executescript(_SCHEMA)
        row = self._conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is None:
            self._conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif row[0] in _UPGRADABLE:
            with self._transaction() as cur:
                for table in ("claims", "articles", "failures"):
                    cur.execute(f"DELETE FROM {table}")
                cur.execute("UPDATE meta SET value=? WHERE key='schema'", (SCHEMA_VERSION,))
        elif row[0] != SCHEMA_VERSION:
            raise UsageError(f"the batch store {self.path} is from another claimx version ({RECOVER_HINT})")

    def done_keys(self, model_version: str) -> set[tuple[str, str]]:
        """``(doc_id, content_hash)`` of every article finished with ``model_version``."""
        rows = self._conn.execute(
            "SELECT doc_id, content_hash FROM articles WHERE model_version=?", (model_version,)
        )
        return {(d, h) for d, h in rows}

    def failed_keys(self, model_version: str) -> dict[tuple[str, str], str]:
        """Remembered extraction failures with ``model_version``: key -> reason."""
        rows = self._conn.execute(
            "SELECT doc_id, content_hash, reason FROM failures WHERE model_version=?", (model_version,)
        )
        return {(d, h): r for d, h, r in rows}

    def commit_article(
        self,
        doc_id: str,
        content_hash: str,
        model_version: str,
        path: str | None,
        records: Sequence[str],
        *,
        vectors: Sequence[tuple[str, bytes]] = (),
        encoder: str = "",
    ) -> None:
        """Store one finished article and its claim records, replacing any earlier version, atomically.

        ``vectors``: ``(sentence key, float32 bytes)`` of its sentences made by ``encoder``, kept for
        ``claimx resolve`` (:meth:`vectors`).
        """
        with self._transaction() as cur:
            cur.executemany(
                "INSERT OR IGNORE INTO vectors VALUES (?, ?, ?)", [(encoder, k, v) for k, v in vectors]
            )
            key = (doc_id, content_hash)
            cur.execute("DELETE FROM claims WHERE doc_id=? AND content_hash=?", key)
            cur.execute("DELETE FROM failures WHERE doc_id=? AND content_hash=?", key)
            cur.executemany(
                "INSERT INTO claims VALUES (?, ?, ?, ?)",
                [(doc_id, content_hash, seq, rec) for seq, rec in enumerate(records)],
            )
            cur.execute(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?)",
                (doc_id, content_hash, model_version, path, len(records), time.time()),
            )

    def commit_failure(
        self, doc_id: str, content_hash: str, model_version: str, path: str | None, reason: str
    ) -> None:
        """Remember that an article failed in the extractor (so an unchanged one is not redone)."""
        with self._transaction() as cur:
            key = (doc_id, content_hash)
            cur.execute("DELETE FROM claims WHERE doc_id=? AND content_hash=?", key)
            cur.execute("DELETE FROM articles WHERE doc_id=? AND content_hash=?", key)
            cur.execute(
                "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?, ?)",
                (doc_id, content_hash, model_version, path, reason, time.time()),
            )

    def records(self, doc_id: str, content_hash: str) -> list[str]:
        """The claim records of one stored article, in claim order."""
        rows = self._conn.execute(
            "SELECT record FROM claims WHERE doc_id=? AND content_hash=? ORDER BY seq", (doc_id, content_hash)
        )
        return [r for (r,) in rows]

    def vectors(self, keys: set[str]) -> tuple[str, dict[str, bytes]]:
        """Stored vectors of the sentence ``keys``, from the encoder with most: ``(encoder, {key: bytes})``.

        >>> import tempfile, pathlib
        >>> with ClaimStore.open(pathlib.Path(tempfile.mkdtemp()) / "c.sqlite") as store:
        ...     store.commit_article("a", "h", "v", None, [], vectors=[("k1", b"1234")], encoder="e")
        ...     store.vectors({"k1", "k2"})
        ('e', {'k1': b'1234'})
        """
        by_encoder: dict[str, dict[str, bytes]] = {}
        for enc, key, vec in self._conn.execute("SELECT encoder, key, vector FROM vectors"):
            if key in keys:
                by_encoder.setdefault(enc, {})[key] = vec
        if not by_encoder:
            return "", {}
        return max(by_encoder.items(), key=lambda kv: len(kv[1]))

    def prune(self, current: Mapping[str, set[str]]) -> int:
        """Forget other versions of the articles in ``current`` (doc_id -> hashes read this run).

        An article whose content changed is thereby replaced, not added to.
        Returns the number of article versions removed.
        """
        removed = 0
        with self._transaction() as cur:
            for table in ("articles", "failures"):
                stale = [
                    (d, h)
                    for d, h in cur.execute(f"SELECT doc_id, content_hash FROM {table}")
                    if d in current and h not in current[d]
                ]
                cur.executemany(f"DELETE FROM {table} WHERE doc_id=? AND content_hash=?", stale)
                cur.executemany("DELETE FROM claims WHERE doc_id=? AND content_hash=?", stale)
                removed += len(stale) if table == "articles" else 0
        return removed

    def meta(self, key: str) -> str | None:
        """A remembered value (such as the model version of an installation fingerprint), or None."""
        row = self._conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Remember ``value`` under ``key``."""
        with self._transaction() as cur:
            cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def count_articles(self) -> int:
        """How many finished articles the store holds."""
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        cur = self._conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")


def lock_path_for(store: Path) -> Path:
    """The lock file of a store: ``<store>.lock``.

    >>> lock_path_for(Path("out/c.jsonl.claimx.sqlite")).name
    'c.jsonl.claimx.sqlite.lock'
    """
    return store.with_name(store.name + ".lock")


def take_lock(path: Path) -> IO[bytes] | None:
    """An exclusive lock on ``<store>.lock`` so two runs never write one store at once.

    The lock is ``flock``: the kernel drops it when its process ends, even by
    ``kill -9``, so a lock left by a killed run never blocks the next one. The
    holder writes its pid, start time and command line into the file, so a
    refused run can name it.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: SQLite's own locking still keeps the store consistent
        return None
    lock = lock_path_for(path)
    try:
        fh = open(lock, "a+b")  # noqa: SIM115  (held for the run)
    except OSError as exc:
        raise UsageError(
            f"cannot write the lock file {lock}: {exc.strerror} (choose another --out)"
        ) from None
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.seek(0)
        holder = fh.read().decode("utf-8", "replace").strip() or "unknown process"
        fh.close()
        raise UsageError(
            f"another claimx batch is writing this output: {holder} holds the lock {lock} "
            "(wait for it to finish, or give another --out)"
        ) from None
    fh.seek(0)
    fh.truncate()
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    fh.write(f"pid {os.getpid()} since {started}: {' '.join(sys.argv)[:200]}\n".encode())
    fh.flush()
    return fh


def _release_lock(lock: IO[bytes] | None) -> None:
    if lock is not None:
        with contextlib.suppress(OSError):
            lock.seek(0)
            lock.truncate()
        lock.close()


def _ensure_folder(folder: Path) -> None:
    """Create the output folder, or say in one line why it cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            f"cannot create the output folder {folder}: {exc.strerror} (choose another --out)"
        ) from None
    if not os.access(folder, os.W_OK):
        raise UsageError(f"the output folder {folder} is not writable (choose another --out)")


def _delete_store_files(path: Path) -> None:
    for p in (path, *(Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal"))):
        p.unlink(missing_ok=True)


def _check_not_truncated(path: Path) -> None:
    """An existing store of 0 bytes with no write-ahead log was cut off: refuse, never start empty."""
    if path.exists() and path.stat().st_size == 0 and not Path(f"{path}-wal").exists():
        raise UsageError(f"the batch store {path} is empty (0 bytes): it was truncated ({RECOVER_HINT})")


@contextmanager
def store_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's errors on the store into one line saying what to do.

    A full disk or an unwritable folder keeps what is committed: the same command
    finishes once there is room. A damaged file needs ``--fresh``.
    """
    try:
        yield
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if isinstance(exc, sqlite3.OperationalError) and any(w in text for w in _WRITE_FAILURES):
            raise UsageError(
                f"cannot write the batch store {path}: {text} (free some space or make it writable, "
                "then run the same command again: finished articles are kept)"
            ) from None
        raise UsageError(f"the batch store {path} is damaged: {text} ({RECOVER_HINT})") from None


_WRITE_FAILURES = ("disk is full", "disk I/O error", "readonly database", "unable to open", "locked")
