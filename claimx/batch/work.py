"""Units of batch work: the article task, its outcome, and the function every engine runs.

A task is an :class:`~claimx.types.Article` with the hash of its content; the
outcome holds the article's claims as JSON records (what the store keeps and
the output is written from) or the one-line reason it failed, and, when the
extractor is a :class:`VectorizingExtractor`, the resolver's sentence vectors of
its event claims (so ``claimx resolve`` after the batch encodes nothing). The same
:func:`run_chunk` runs in-process, in a local worker process and on a Dask worker.

Example:
    >>> from claimx.types import Article
    >>> t = ArticleTask.of(Article(doc_id="a", text="Jets struck Talbiseh."))
    >>> t.key == ("a", content_hash(t.article))
    True
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from claimx.batch.memory import keep_heap_flat
from claimx.settings import Settings
from claimx.types import Article, Claim


class ExtractorLike(Protocol):
    """What batch needs of :class:`claimx.extract.Extractor` (tests pass a fake)."""

    model_version: str

    def extract(self, article: Article) -> list[Claim]: ...

    def extract_many(
        self, articles: Iterable[Article], *, batch_size: int = 16
    ) -> Iterator[tuple[Article, list[Claim] | Exception]]: ...


class VectorSource(Protocol):
    """What batch needs of :class:`claimx.resolve.embed.SentenceEncoder` (tests pass a fake)."""

    @property
    def encoder_id(self) -> str: ...

    def vectors(self, texts: Sequence[str]) -> Mapping[str, Any]: ...


@dataclass(frozen=True, slots=True)
class VectorizingExtractor:
    """An extractor whose outcomes also carry the resolver's vectors of their event-claim sentences.

    >>> class Fake:
    ...     model_version = "v1"
    >>> VectorizingExtractor(Fake(), None).model_version  # type: ignore[arg-type]
    'v1'
    """

    inner: ExtractorLike
    encoder: VectorSource

    @property
    def model_version(self) -> str:
        """The inner extractor's (vectors do not change claims)."""
        return self.inner.model_version

    def extract(self, article: Article) -> list[Claim]:
        """As the inner extractor."""
        return self.inner.extract(article)

    def extract_many(
        self, articles: Iterable[Article], *, batch_size: int = 16
    ) -> Iterator[tuple[Article, list[Claim] | Exception]]:
        """As the inner extractor."""
        return self.inner.extract_many(articles, batch_size=batch_size)


ExtractorFactory = Callable[[Settings], ExtractorLike]
"""Builds an extractor from settings; must be a module-level function (it is pickled to workers)."""


def default_extractor_factory(settings: Settings) -> ExtractorLike:
    """The real extractor: ``claimx.extract.Extractor.load(settings)``.

    With learned models it is wrapped in a :class:`VectorizingExtractor` whose encoder is the
    resolver's (loaded on first use, reusing the tensors it has in common with the frame finder's
    encoder); ``--rules-only`` loads no encoder and keeps no vectors.
    """
    from claimx.extract import Extractor

    extractor = Extractor.load(settings)
    if extractor.finder.name == "rules":
        return extractor
    from claimx.resolve.embed import SentenceEncoder

    encoder = SentenceEncoder.from_settings(settings)
    encoder.share = finder_encoder(extractor.finder)
    return VectorizingExtractor(extractor, encoder)


def finder_encoder(finder: Any) -> Any:
    """The torch encoder a frame finder runs (the learned one's, also inside a hybrid), else None.

    >>> finder_encoder(object()) is None
    True
    """
    inner = getattr(finder, "learned", finder)
    net = getattr(inner, "net", None)
    return getattr(net, "encoder", None)


def content_hash(article: Article) -> str:
    """SHA-256 of everything in an article that can change its claims (not its path).

    >>> content_hash(Article("a", "x")) == content_hash(Article("a", "x", path="/elsewhere"))
    True
    """
    fields = [article.text, article.title, article.published, article.source, article.url, article.fmt]
    blob = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    return hashlib.sha256(blob).hexdigest()


@dataclass(frozen=True, slots=True)
class ArticleTask:
    """One article to extract, keyed in the store by ``(doc_id, content_hash)``."""

    article: Article
    content_hash: str

    @classmethod
    def of(cls, article: Article) -> ArticleTask:
        """The task for ``article``, hashing its content."""
        return cls(article=article, content_hash=content_hash(article))

    @property
    def key(self) -> tuple[str, str]:
        """``(doc_id, content_hash)``: the store key (with the model version)."""
        return (self.article.doc_id, self.content_hash)


@dataclass(frozen=True, slots=True)
class ArticleOutcome:
    """The result of one task: claim records (JSON text, in claim order) or a failure reason.

    ``retry`` marks failures that say nothing about the article itself (its worker
    crashed or timed out): they are reported but not remembered by the store, so
    the next run tries the article again.
    """

    doc_id: str
    content_hash: str
    records: tuple[str, ...] | None
    error: str | None = None
    retry: bool = False
    vectors: tuple[tuple[str, bytes], ...] = ()
    """``(sentence key, float32 bytes)`` of its event claims' sentences (:class:`VectorizingExtractor`)."""
    encoder: str = ""
    """The :func:`~claimx.resolve.embed.encoder_id` of ``vectors``."""

    @property
    def ok(self) -> bool:
        """True when the article went through (possibly with no claims)."""
        return self.error is None

    @property
    def key(self) -> tuple[str, str]:
        """``(doc_id, content_hash)``."""
        return (self.doc_id, self.content_hash)


def claim_record(claim: Claim) -> str:
    """A claim as the JSON text the store keeps; :func:`claim_from_record` reverses it exactly."""
    return json.dumps(claim.to_record(), ensure_ascii=False)


def claim_from_record(record: str) -> Claim:
    """The claim a stored JSON record holds (field for field, no type coercion)."""
    values: dict[str, Any] = json.loads(record)
    return Claim(**values)


def error_reason(exc: BaseException) -> str:
    """A one-line reason for an exception: ``ValueError: bad date``."""
    text = str(exc).strip().splitlines()
    msg = f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
    return msg[:500]


def failed(task: ArticleTask, reason: str, *, retry: bool = False) -> ArticleOutcome:
    """The failure outcome of ``task``."""
    return ArticleOutcome(task.article.doc_id, task.content_hash, None, reason, retry)


def run_chunk(
    extractor: ExtractorLike, tasks: Sequence[ArticleTask], *, batch_size: int = 16
) -> list[ArticleOutcome]:
    """The outcomes of ``tasks``, extracted in one batch (see :func:`iter_outcomes`)."""
    return list(iter_outcomes(extractor, tasks, batch_size=batch_size))


def iter_outcomes(
    extractor: ExtractorLike, tasks: Sequence[ArticleTask], *, batch_size: int = 16
) -> Iterator[ArticleOutcome]:
    """Extract ``tasks`` through ``extract_many``, yielding each outcome as soon as it is ready.

    One bad article never fails the others: its exception becomes its outcome.
    Should ``extract_many`` itself raise or skip an article (it should not), the
    articles it did not deliver are redone one by one with ``extract``.
    """
    pairs = _claims_and_outcomes(extractor, tasks, batch_size=batch_size)
    if isinstance(extractor, VectorizingExtractor):
        yield from with_vectors(pairs, extractor.encoder, group=batch_size)
    else:
        yield from (outcome for outcome, _ in pairs)


def _claims_and_outcomes(
    extractor: ExtractorLike, tasks: Sequence[ArticleTask], *, batch_size: int
) -> Iterator[tuple[ArticleOutcome, Sequence[Claim]]]:
    """Each outcome with the claims it was made from (none for a failure)."""
    index = {id(t.article): i for i, t in enumerate(tasks)}
    delivered: set[int] = set()
    try:
        results = extractor.extract_many([t.article for t in tasks], batch_size=batch_size)
        for n, (article, result) in enumerate(results):
            i = index.get(id(article), n)  # the input article comes back; else rely on order
            if i < len(tasks) and i not in delivered:
                delivered.add(i)
                yield _outcome(tasks[i], result)
    except Exception:
        pass
    for i, task in enumerate(tasks):
        if i not in delivered:
            yield _extract_one(extractor, task)


def _extract_one(extractor: ExtractorLike, task: ArticleTask) -> tuple[ArticleOutcome, Sequence[Claim]]:
    try:
        return _outcome(task, extractor.extract(task.article))
    except Exception as exc:
        return failed(task, error_reason(exc)), ()


def _outcome(
    task: ArticleTask, result: Sequence[Claim] | BaseException
) -> tuple[ArticleOutcome, Sequence[Claim]]:
    if isinstance(result, BaseException):
        return failed(task, error_reason(result)), ()
    try:
        records = tuple(claim_record(c) for c in result)
    except Exception as exc:
        return failed(task, f"cannot serialise claims: {error_reason(exc)}"), ()
    return ArticleOutcome(task.article.doc_id, task.content_hash, records), result


def with_vectors(
    pairs: Iterable[tuple[ArticleOutcome, Sequence[Claim]]], encoder: VectorSource, *, group: int = 16
) -> Iterator[ArticleOutcome]:
    """The outcomes with the vectors of their event claims' sentences, encoded ``group`` articles at a time.

    Should encoding fail, the outcomes go on without vectors (``claimx resolve`` encodes them then).
    """
    buffer: list[tuple[ArticleOutcome, list[str]]] = []
    for outcome, claims in pairs:
        buffer.append((outcome, _event_sentences(claims)))
        if len(buffer) >= group:
            yield from _attach_vectors(buffer, encoder)
            buffer = []
    yield from _attach_vectors(buffer, encoder)


def _event_sentences(claims: Sequence[Claim]) -> list[str]:
    from claimx.resolve.pipeline import event_claims

    return list(dict.fromkeys(c.sentence for c in event_claims(claims)))


def _attach_vectors(
    buffer: Sequence[tuple[ArticleOutcome, list[str]]], encoder: VectorSource
) -> Iterator[ArticleOutcome]:
    import numpy as np

    from claimx.resolve.embed import sentence_key

    try:
        found = encoder.vectors([t for _, texts in buffer for t in texts])
        name = encoder.encoder_id
    except Exception:
        found, name = {}, ""
    for outcome, texts in buffer:
        keys = dict.fromkeys(sentence_key(t) for t in texts)
        items = tuple((k, np.asarray(found[k], np.float32).tobytes()) for k in keys if k in found)
        yield replace(outcome, vectors=items, encoder=name) if items else outcome


_CACHE_LOCK = threading.Lock()
_EXTRACTORS: dict[tuple[Any, Settings], tuple[ExtractorLike, threading.Lock]] = {}


def cached_extractor(factory: ExtractorFactory, settings: Settings) -> tuple[ExtractorLike, threading.Lock]:
    """The extractor of this process for ``(factory, settings)``, loaded on first use.

    Returns it with a lock to hold while using it (a Dask worker may run tasks in
    several threads; spaCy pipelines are not promised to be thread-safe).
    """
    key = (factory, settings)
    with _CACHE_LOCK:
        if key not in _EXTRACTORS:
            keep_heap_flat()  # a Dask worker too runs many articles
            _EXTRACTORS[key] = (factory(settings), threading.Lock())
        return _EXTRACTORS[key]
