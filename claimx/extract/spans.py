"""Turning a head token into the minimal phrase that names an argument.

Example:
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> nlp = spacy.blank("en")
    >>> doc = Doc(nlp.vocab, words=["the", "Russian", "jets"], heads=[2, 2, 2], deps=["det", "amod", "ROOT"])
    >>> phrase(doc[2]).text
    'Russian jets'
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from claimx.types import Span

# left dependents kept in an argument phrase (determiners and numbers are left out)
_KEEP_LEFT = {"compound", "amod", "poss", "case", "nmod", "flat", "punct", "prt"}
MAX_ENT_TOKENS = 8
_NAME_DEPS = {"compound", "flat", "punct"}


def entity_of(tok: Token) -> SpacySpan | None:
    """The named entity ``tok`` is part of, or None."""
    if not tok.ent_type_:
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def phrase(head: Token) -> SpacySpan:
    """The minimal phrase around ``head``: its entity, or head plus kept left modifiers.

    Determiners, numbers, prepositional phrases, relative clauses and appositions are left out.
    """
    ent = entity_of(head)
    if ent is not None and len(ent) <= MAX_ENT_TOKENS:
        start, end = ent.start, ent.end
        while start < end and ent.doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        if start < end:
            return ent.doc[start:end]
    start = head.i
    for child in reversed(list(head.lefts)):  # nearest first
        if child.dep_ not in _KEEP_LEFT or (child.dep_ == "punct" and child.text != "-"):
            break
        start = min(t.i for t in child.subtree)
    # a possessive's subtree may start with a determiner ("the regime's")
    while start < head.i and (
        head.doc[start].dep_ in {"det", "nummod", "quantmod", "punct"} or head.doc[start].like_num
    ):
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _NAME_DEPS and child.i == end and child.text not in {",", "(", ")"}:
            end = child.i + 1
        else:
            break
    return head.doc[start:end]


def pobj_of(prep: Token, deps: frozenset[str] = frozenset({"pobj", "pcomp"})) -> Token | None:
    """The object of a preposition ("in" -> "Homs"), or None."""
    for child in prep.children:
        if child.dep_ in deps:
            return child
    return None


def to_span(sp: SpacySpan, label: str = "") -> Span:
    """A spaCy span as a claimx :class:`~claimx.types.Span` (character offsets)."""
    return Span(start=sp.start_char, end=sp.end_char, text=sp.text, label=label)


_QUANTITY_WORDS = frozenset(
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens",
        "scores", "hundreds", "thousands", "tens", "several", "many", "some", "others", "other", "all",
        "both", "each", "few", "more", "most", "the", "a", "an", "of", "and",
    }
)  # fmt: skip
_POINTING_WORDS = frozenset({"those", "these", "this", "that", "them", "themselves", "which", "whom"})
"""Words that only point at a party named elsewhere ("those", "them"): alone they name none."""
_NOT_PARTY_HEADS = frozenset(
    {"doorway", "door", "ground", "nature", "way", "fact", "time", "times", "kind", "sort", "use", "part"}
)
_MODIFIER_SUFFIXES = (
    "-backed", "-held", "-controlled", "-linked", "-allied", "-based", "-affiliated", "-run",
)  # fmt: skip


PLACE_NOUNS = frozenset(
    {"province", "city", "countryside", "town", "village", "district", "area", "governorate", "region",
     "neighbourhood", "neighborhood", "suburb", "outskirts", "camp", "airport", "base", "road", "highway"}
)  # fmt: skip
"""Nouns a place name may modify and stay the place: "Aleppo countryside", "Kabul airport"."""

FACILITY_NOUNS = frozenset(
    {"airbase", "hospital", "market", "mosque", "church", "school", "university", "prison", "square",
     "street", "stadium", "station", "bridge", "hotel", "port", "harbor", "harbour", "dam", "checkpoint",
     "mall", "bazaar", "palace", "cathedral", "temple", "synagogue", "county", "valley", "river"}
)  # fmt: skip
"""Capitalised heads that make a place name a facility *in* that place ("Aleppo University")."""


def in_longer_name(ent: SpacySpan) -> bool:
    """True when a place entity only begins a longer proper name: "the Manhattan Project", "the
    Paris Agreement", "the Washington Post" name no place, but "Aleppo International Airport" and
    "Homs Province" do (a place or facility word heads them).

    Example:
        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> words = ["the", "Manhattan", "Project", "and", "Kabul", "Airport"]
        >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[2, 2, 2, 2, 5, 2],
        ...           deps=["det", "compound", "ROOT", "cc", "compound", "conj"],
        ...           pos=["DET", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN"])
        >>> in_longer_name(doc[1:2]), in_longer_name(doc[4:5])
        (True, False)
    """
    head = ent.root.head
    return (
        ent.root.dep_ == "compound"
        and head.i >= ent.end
        and head.pos_ == "PROPN"
        and head.text[:1].isupper()
        and head.lower_ not in PLACE_NOUNS | FACILITY_NOUNS
        and head.lower_.rstrip("s") not in PLACE_NOUNS | FACILITY_NOUNS
    )


def names_party(text: str, *, known: bool = False) -> bool:
    """True when an actor or target text names someone or something that was hit or acted.

    Not a party: only numbers, quantity or pointing words ("two", "dozens", "others", "those"), a bare
    modifier cut from its noun ("Western-Backed", "Anti-ISIS", "pro-regime"), a lone plural
    nationality the actor table does not know (``known``: "Russians" is Russia, but "Syrians"
    names no side), or a word for where or how ("doorway", "ground").

    Example:
        >>> [names_party(t) for t in ("two", "Western-Backed", "Anti-ISIS", "Syrians", "doorway", "those")]
        [False, False, False, False, False, False]
        >>> [names_party(t) for t in ("civilians", "Western-backed rebels", "two children")]
        [True, True, True]
        >>> names_party("Russians", known=True)
        True
    """
    words = text.replace("’", "'").split()
    low = [w.lower().strip(".,;:'\"()") for w in words]
    if not low or all(w in _QUANTITY_WORDS or w in _POINTING_WORDS or w.isdigit() for w in low):
        return False
    if len(low) == 1:
        w = low[0]
        if w.startswith(("anti-", "pro-")) or w.endswith(_MODIFIER_SUFFIXES):
            return False
        if w in _NOT_PARTY_HEADS:
            return False
        if not known and words[0].istitle() and w.endswith(("ians", "ese", "is")):
            return False  # "Syrians", "Iranians" alone: no side is named
    return low[-1] not in _NOT_PARTY_HEADS
