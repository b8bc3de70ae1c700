"""The Extractor: cleaned article -> spaCy Doc -> frames -> claims.

It loads the spaCy pipeline once, and the learned frame finder from
``models/extractor`` unless rules-only is asked for (or no model is there).

Example:
    >>> from claimx.settings import Settings
    >>> ex = Extractor.load(Settings.from_env().with_overrides(rules_only=True))  # doctest: +SKIP
    >>> art = Article(doc_id="a", text="Russian jets bombed Talbiseh.")
    >>> [c.action_type for c in ex.extract(art)]  # doctest: +SKIP
    ['air_strike']
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from claimx.errors import ArticleError
from claimx.extract.builder import ClaimBuilder, Normalizers
from claimx.extract.finders import FrameFinder, load_finder
from claimx.knowledge import Knowledge
from claimx.settings import Settings
from claimx.types import Article, Claim, Frame

MAX_CHARS = 200_000
"""Articles longer than this (after cleaning) are cut here; a claim never spans the cut."""

_HASHED_PACKAGES = ("extract", "normalize", "reading", "data", "knowledge.py", "actions.py")
"""Packages (and modules) of claimx whose files decide what claims come out."""


@lru_cache(maxsize=1)
def _code_hash() -> str:
    """A short hash of the sources and data files that decide what claims come out."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha1()
    for pkg in _HASHED_PACKAGES:
        top = root / pkg
        for path in [top] if top.is_file() else sorted(top.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".tsv", ".json", ".toml", ".txt", ".csv"}:
                h.update(path.relative_to(root).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:12]


def _clean(article: Article) -> Article:
    from claimx.reading.clean import clean_article

    return clean_article(article)


class Extractor:
    """Extracts claims from articles with one spaCy pipeline and one frame finder."""

    def __init__(
        self, nlp: Language, finder: FrameFinder, builder: ClaimBuilder, knowledge_version: str = ""
    ) -> None:
        self.nlp = nlp
        self.finder = finder
        self.builder = builder
        self.knowledge_version = knowledge_version

    @classmethod
    def load(
        cls,
        settings: Settings | None = None,
        model_dir: Path | None = None,
        knowledge: Knowledge | None = None,
    ) -> Extractor:
        """The default extractor: spaCy + gazetteer ruler, learned models unless rules-only.

        ``model_dir``: use that learned model folder instead of ``models/extractor``;
        ``knowledge``: the gazetteer, actor table and cues (default: built from ``settings``).
        """
        from claimx.extract.nlp import load_nlp

        settings = settings or Settings.from_env()
        knowledge = knowledge or Knowledge.from_settings(settings)
        nlp = load_nlp(settings.spacy_model, knowledge)
        finder = load_finder(settings, knowledge, model_dir)
        return cls(nlp, finder, ClaimBuilder(Normalizers.from_knowledge(knowledge)), knowledge.version)

    @property
    def model_version(self) -> str:
        """Identifies what produced the claims (part of the batch store's key).

        It names the frame finder and hashes the code and data that shape claims
        (extraction rules, lexicon, normalisers, cleaning, gazetteer and actor
        tables, and the knowledge files in use), so an edit to any of them makes
        batch redo the articles.
        """
        import claimx

        version = f"claimx-{claimx.__version__}/{self.finder.name}-{self.finder.version}/{_code_hash()}"
        return f"{version}/{self.knowledge_version}" if self.knowledge_version else version

    # -- one article --------------------------------------------------------------------------
    def extract(self, article: Article, *, clean: bool = True) -> list[Claim]:
        """Claims of one article (cleaned first unless ``clean=False``)."""
        return [c for _, c in self.analyze(article, clean=clean)]

    def analyze(self, article: Article, *, clean: bool = True) -> list[tuple[Frame, Claim]]:
        """Each claim with the frame it was built from (for evaluation)."""
        art = _clean(article) if clean else article
        doc = self._parse([art])[0]
        frames = self.finder.find([doc])[0]
        return self.builder.build_pairs(art, doc, frames)

    # -- many articles ------------------------------------------------------------------------
    def extract_many(
        self, articles: Iterable[Article], *, batch_size: int = 16, clean: bool = True
    ) -> Iterator[tuple[Article, list[Claim] | Exception]]:
        """Claims of many articles, parsed in batches; a failing article yields its exception.

        Yields the (cleaned) article with its claims, in input order.
        """
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, clean)
                batch = []
        if batch:
            yield from self._run_batch(batch, clean)

    def _run_batch(
        self, batch: list[Article], clean: bool
    ) -> Iterator[tuple[Article, list[Claim] | Exception]]:
        ready: list[Article] = []
        failed: dict[int, Exception] = {}
        for i, art in enumerate(batch):
            try:
                cleaned = _clean(art) if clean else art
                if not cleaned.text.strip():
                    raise ArticleError("no text left after cleaning")
                ready.append(cleaned)
            except Exception as exc:  # one bad article never sinks the batch
                failed[i] = exc
                ready.append(art)
        ok_idx = [i for i in range(len(batch)) if i not in failed]
        try:
            docs = self._parse([ready[i] for i in ok_idx])
            frames = self.finder.find(docs)
            results: dict[int, list[Claim] | Exception] = {}
            for i, doc, fr in zip(ok_idx, docs, frames, strict=True):
                try:
                    results[i] = self.builder.build(ready[i], doc, fr)
                except Exception as exc:
                    results[i] = exc
        except Exception:
            # fall back to one at a time so only the culprit fails
            results = {}
            for i in ok_idx:
                try:
                    results[i] = self.extract(ready[i], clean=False)
                except Exception as exc:
                    results[i] = exc
        for i in range(len(batch)):
            yield ready[i], failed.get(i) or results[i]

    def _parse(self, articles: Sequence[Article]) -> list[Doc]:
        texts = [a.text[:MAX_CHARS] for a in articles]
        return list(self.nlp.pipe(texts, batch_size=16))
