"""Matching keys for transliterated Arabic names (shared by the gazetteer and actor table).

Three keys of decreasing strictness are built from one surface string:

* :func:`plain_key` - case-folded, diacritics and apostrophes removed, hyphens and dots
  turned into spaces, Arabic article tokens (``al-``, ``el-``, ``ad-``, ``as-``, ``ash-``...)
  removed: ``"Deir ez-Zor"`` -> ``"deir zor"``, ``"Al-Bab"`` -> ``"bab"``.
* :func:`sound_key` - :func:`plain_key` with the usual English/French transliteration
  variants folded: ``ou``/``oo`` -> ``u``, ``ee``/``ei``/``ey``/``ay``/``ai`` -> ``i``,
  ``q`` -> ``k``, ``dj`` -> ``j``, ``ch`` -> ``sh``, doubled letters collapsed and a final
  ``-eh``/``-ah``/``-a``/``-e``/``-h`` dropped: Talbiseh, Talbisah, Talbisa and Tallbisah all
  give ``"talbis"``.
* :func:`skeleton_key` - the consonants of :func:`sound_key` (first letter kept):
  ``"talbis"`` -> ``"tlbs"``; only used together with a fuzzy score.

Example:
    >>> plain_key("Deir ez-Zor"), sound_key("Tallbīsah"), sound_key("Talbiseh")
    ('deir zor', 'talbis', 'talbis')
    >>> skeleton_key("Khan Shaykhun") == skeleton_key("Khan Sheikhoun")
    True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ARTICLES: frozenset[str] = frozenset(
    {"al", "el", "il", "ad", "ed", "as", "es", "ash", "esh", "at", "et", "az", "ez", "ar", "er"}
    | {"an", "en", "ath", "adh", "ech", "ej", "aj", "eth", "edh", "ul"}
)
"""Arabic definite-article tokens dropped from place keys (``al-``, ``ad-``, ``ash-``...)."""

_GLUED_ARTICLE = re.compile(r"^(?:a|e)([dnrstz])\1(?=[a-z]{2})")  # "ezzor" -> "zor", "assur" -> "sur"
_APOSTROPHES = re.compile(r"['‘’`´ʿʾʼ\u02bb\u02bc\u2032]")
_NON_WORD = re.compile(r"[^0-9a-z ]+")
_SPACES = re.compile(r"\s+")
_SOUND_RULES: tuple[tuple[str, str], ...] = (
    ("dj", "j"),
    ("dzh", "j"),
    ("dsch", "j"),
    ("ch", "sh"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "i"),
    ("ey", "i"),
    ("ay", "i"),
    ("ai", "i"),
    ("ie", "i"),
    ("aa", "a"),
    ("q", "k"),
    ("ph", "f"),
)
_DOUBLES = re.compile(r"([a-z])\1+")
_FINAL_VOWEL = re.compile(r"(?:eh|ah|ih|a|e|h)$")
_VOWELS = re.compile(r"[aeiouy]")


def fold(text: str) -> str:
    """Text without diacritics or apostrophes, case kept: ``"Ḩamāh"`` -> ``"Hamah"``.

    Example:
        >>> fold("Ma‘arrat an Nu‘mān")
        'Maarrat an Numan'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", stripped)


@lru_cache(maxsize=65536)
def plain_key(text: str) -> str:
    """Case-folded, accent-free, article-free key (see the module docstring).

    Example:
        >>> plain_key("Jisr al-Shughour"), plain_key("the")
        ('jisr shughour', 'the')
    """
    s = fold(text).casefold().replace("-", " ").replace(".", " ").replace("_", " ")
    s = _SPACES.sub(" ", _NON_WORD.sub(" ", s)).strip()
    tokens = s.split(" ") if s else []
    kept: list[str] = []
    for i, tok in enumerate(tokens):
        if tok in ARTICLES and i < len(tokens) - 1:
            continue
        glued = i > 0 and tokens[i - 1] not in ARTICLES
        kept.append(_GLUED_ARTICLE.sub(r"\1", tok) if glued else tok)
    return " ".join(kept)


def _sound_token(tok: str) -> str:
    for old, new in _SOUND_RULES:
        tok = tok.replace(old, new)
    tok = _DOUBLES.sub(r"\1", tok)
    if len(tok) > 3:
        tok = _FINAL_VOWEL.sub("", tok)
    return tok


@lru_cache(maxsize=65536)
def sound_key(text: str) -> str:
    """:func:`plain_key` with transliteration variants folded (see the module docstring).

    Example:
        >>> sound_key("Deir al-Zour") == sound_key("Dayr az Zur")
        True
    """
    return " ".join(_sound_token(t) for t in plain_key(text).split(" ") if t)


def skeleton_key(text: str) -> str:
    """Consonant skeleton of :func:`sound_key` (vowels dropped except a leading one).

    Example:
        >>> skeleton_key("Idleb") == skeleton_key("Idlib")
        True
    """
    out = []
    for tok in sound_key(text).split(" "):
        if tok:
            out.append(tok[0] + _VOWELS.sub("", tok[1:]))
    return " ".join(out)


_SHOUTED = re.compile(r"^[A-Z]{2,4}$")
_TOKENS = re.compile(r"\w+|[^\w\s]")


def ruler_pattern(label: str, surface: str, ent_id: str) -> dict:
    """An entity_ruler pattern for ``surface`` that stays case-sensitive where it must.

    A phrase (string) pattern normally; but when the phrase starts with a bare capital
    acronym (``IS``, ``US``, ``WHO``) a token pattern whose first token must match exactly,
    so that a ruler configured with ``phrase_matcher_attr="LOWER"`` never tags "is", "us"
    or "who".

    Example:
        >>> ruler_pattern("ORG", "IS fighters", "Islamic State")["pattern"]
        [{'ORTH': 'IS'}, {'LOWER': 'fighters'}]
        >>> ruler_pattern("GPE", "Talbiseh", "Talbiseh")["pattern"]
        'Talbiseh'
    """
    tokens = _TOKENS.findall(surface)
    simple = re.fullmatch(r"[A-Za-z0-9 -]+", surface) is not None  # tokenised here as spaCy does
    if not tokens or not simple or not _SHOUTED.match(tokens[0]):
        return {"label": label, "pattern": surface, "id": ent_id}
    pattern = [{"ORTH": tokens[0]}] + [{"LOWER": t.lower()} for t in tokens[1:]]
    return {"label": label, "pattern": pattern, "id": ent_id}
