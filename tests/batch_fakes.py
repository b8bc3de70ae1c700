"""Test doubles for the batch tests: a fake extractor and a tiny ``.txt`` reader.

The fake makes one claim per sentence that contains ``killed``; an article whose
text contains ``FAIL`` raises, ``CRASH`` kills its process, ``HANG`` never ends,
``KILLME`` (with ``CLAIMX_FAKE_PIDDIR`` set) writes its process id to
``<dir>/<doc_id>.pid`` the first time and waits to be killed from outside, and goes
through normally once that file exists (so a retry succeeds).
``CLAIMX_FAKE_DELAY`` (seconds per article) and ``CLAIMX_FAKE_VERSION`` come from
the environment, so worker processes see them too. Lives in its own module so
that spawned workers and Dask workers can import it by name.

Example:
    >>> [c.action for c in FakeExtractor().extract(Article("a", "Two were killed. Calm."))]
    ['killed']
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from claimx.batch.work import VectorizingExtractor
from claimx.settings import Settings
from claimx.types import Article, Claim, ReadFailure

LOADS_FILE_ENV = "CLAIMX_FAKE_LOADS"
"""If set, each extractor load appends a line to this file (counts loads across processes)."""


class FakeExtractor:
    """Same methods as ``claimx.extract.Extractor``; claims from sentences with ``killed``."""

    def __init__(self, model_version: str = "fake-1", delay: float = 0.0) -> None:
        self.model_version = model_version
        self.delay = delay

    def extract(self, article: Article) -> list[Claim]:
        if "CRASH" in article.text:
            os._exit(3)
        if "HANG" in article.text:
            time.sleep(3600)
        if "KILLME" in article.text and _wait_to_be_killed(article.doc_id):
            time.sleep(120)
        if "FAIL" in article.text:
            raise ValueError(f"cannot parse {article.doc_id}")
        if self.delay:
            time.sleep(self.delay)
        claims = []
        for m in re.finditer(r"[^.]*killed[^.]*\.?", article.text):
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            action_start = article.text.index("killed", start)
            claims.append(make_claim(article, m.group().strip(), start, m.end(), action_start))
        return claims

    def extract_many(
        self, articles: Iterable[Article], *, batch_size: int = 16
    ) -> Iterator[tuple[Article, list[Claim] | Exception]]:
        for a in articles:
            try:
                yield a, self.extract(a)
            except Exception as exc:
                yield a, exc


PIDDIR_ENV = "CLAIMX_FAKE_PIDDIR"
"""Folder where a ``KILLME`` article announces the process that holds it."""


def _wait_to_be_killed(doc_id: str) -> bool:
    """First time: write this process's pid to ``<PIDDIR>/<doc_id>.pid`` and return True."""
    folder = os.environ.get(PIDDIR_ENV)
    if not folder:
        return False
    pidfile = Path(folder) / f"{doc_id}.pid"
    if pidfile.exists():
        return False
    tmp = pidfile.with_suffix(".tmp")
    tmp.write_text(str(os.getpid()), encoding="utf-8")
    tmp.replace(pidfile)
    return True


def fake_factory(settings: Settings) -> FakeExtractor:
    """Builds a :class:`FakeExtractor` (module level, so it can be pickled to workers)."""
    loads = os.environ.get(LOADS_FILE_ENV)
    if loads:
        with open(loads, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
    return FakeExtractor(
        model_version=os.environ.get("CLAIMX_FAKE_VERSION", "fake-1"),
        delay=float(os.environ.get("CLAIMX_FAKE_DELAY", "0")),
    )


def broken_factory(settings: Settings) -> FakeExtractor:
    """A factory whose models cannot be loaded."""
    raise RuntimeError("model files are corrupt")


def make_claim(article: Article, sentence: str, start: int, end: int, action_start: int) -> Claim:
    """A claim with only the fields the fake knows filled in."""
    return Claim(
        claim_id=f"{article.doc_id}#{action_start}",
        doc_id=article.doc_id,
        source=article.source,
        published=article.published,
        sentence=sentence,
        sent_start=start,
        sent_end=end,
        actor=None,
        actor_norm=None,
        action="killed",
        action_start=action_start,
        action_end=action_start + 6,
        action_type="attack",
        target=None,
        target_norm=None,
        location=None,
        location_norm=None,
        admin1=None,
        country=None,
        lat=None,
        lon=None,
        date=None,
        date_norm=None,
        attributed_to=None,
        negated=False,
        hedged=False,
        killed=None,
        injured=None,
        confidence=0.5,
    )


def text_reader(paths: Sequence[Path], *, max_bytes: int) -> Iterator[Article | ReadFailure]:
    """Reads ``*.txt`` files (doc_id = stem); non-UTF-8 and empty files are failures."""
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*.txt")))
    for f in files:
        data = f.read_bytes()
        if not data.strip():
            yield ReadFailure(f.stem, str(f), "empty file")
            continue
        try:
            yield Article(doc_id=f.stem, text=data.decode("utf-8"), path=str(f))
        except UnicodeDecodeError:
            yield ReadFailure(f.stem, str(f), "not UTF-8 text")


def write_articles(folder: Path, n: int, *, extra: dict[str, str] | None = None) -> list[Path]:
    """``n`` small articles ``a000.txt``... with 0-2 claims each, plus ``extra`` name -> text files."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text = f"Report {i}. " + " ".join(f"{k + 1} people were killed in town {i}." for k in range(i % 3))
        paths.append(folder / f"a{i:03d}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    for name, text in (extra or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return paths


def probing_factory(settings: Settings) -> FakeExtractor:
    """Like :func:`fake_factory`, and can tell its model version without loading (``model_version_for``)."""
    return fake_factory(settings)


def _fake_version(settings: Settings) -> str:
    return os.environ.get("CLAIMX_FAKE_VERSION", "fake-1")


probing_factory.model_version_for = _fake_version  # type: ignore[attr-defined]


FAKE_ENCODER_ENV = "CLAIMX_FAKE_ENCODER"
"""Folder name the fake vector source claims to be (its ``encoder_id`` is that of this path)."""


class FakeVectors:
    """A sentence vector source: a unit vector from the hash of each text; ``BROKEN`` texts raise."""

    def __init__(self, model_path: Path) -> None:
        from claimx.resolve.embed import SentenceEncoder

        self.encoder_id = SentenceEncoder(model_path).encoder_id  # as the resolver's in this environment
        self.calls = 0

    def vectors(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        from claimx.resolve.embed import sentence_key

        self.calls += 1
        if any("BROKEN" in t for t in texts):
            raise RuntimeError("encoder failed")
        return {sentence_key(t): fake_vector(t) for t in texts}


def fake_vector(text: str) -> np.ndarray:
    """The fake's vector of ``text`` (unit length, 384 dims)."""
    rng = np.random.default_rng(int.from_bytes(text.encode()[:8].ljust(8, b"\0"), "little"))
    vec = rng.standard_normal(384).astype(np.float32)
    return vec / np.linalg.norm(vec)


def vector_factory(settings: Settings) -> VectorizingExtractor:
    """:func:`fake_factory`'s extractor wrapped so its outcomes carry :class:`FakeVectors` vectors."""
    return VectorizingExtractor(fake_factory(settings), FakeVectors(Path(os.environ[FAKE_ENCODER_ENV])))


@contextmanager
def loopback_cluster(n_workers: int) -> Iterator[str]:
    """A Dask LocalCluster of ``n_workers`` one-thread worker processes on 127.0.0.1; yields its address."""
    import distributed

    with distributed.LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard": False},
    ) as cluster:
        yield cluster.scheduler_address
