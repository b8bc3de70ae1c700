"""Who asserts a claim: ``X said``, ``according to X``, ``X told``, ``X reported``, ``citing X``.

The speaker is found from the trigger upwards through the parse: the subject
of the first reporting verb that governs the trigger, else ``according to X``
anywhere in the sentence, else a reporting verb at the sentence root
(", AFP reported"). Pronoun speakers ("he said") are resolved to the last named
speaker of the preceding sentences.

Example:
    >>> "say" in REPORT_VERBS
    True
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from claimx.extract.spans import phrase, pobj_of
from claimx.types import Span

REPORT_VERBS = frozenset(
    {
        "say", "tell", "report", "claim", "state", "announce", "confirm", "deny", "accuse", "allege",
        "count", "document", "estimate", "add", "note", "insist", "believe", "warn", "declare",
        "write", "post", "publish", "assert", "acknowledge", "admit", "blame", "record", "quote",
        "cite", "explain", "argue", "stress", "purport",
    }
)  # fmt: skip
SPEECH_VERBS = frozenset({"say", "tell", "report", "add", "confirm", "announce", "state"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_NOT_SPEAKERS = frozenset({"video", "videos", "footage", "images", "image", "photos", "which", "that", "who"})


def _speaker_of(verb: Token) -> SpacySpan | None:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}]
    for child in subjects:
        if child.dep_ == "nsubj" and child.lower_ not in _NOT_SPEAKERS:
            return phrase(child)
    if subjects:
        return None  # "video ... purported to show": no person asserts it
    if verb.dep_ == "xcomp" and verb.head.pos_ in {"VERB", "AUX"}:
        return _speaker_of(verb.head)  # "sources appeared to show"
    # a subject the parser lost: ", Osama Abu Zaid, a spokesman for the FSA, told ..."
    if verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    sent = verb.sent
    said = {t.i for c in verb.children if c.dep_ in {"ccomp", "xcomp"} for t in c.subtree}
    near = [  # a name inside what is said speaks only right before the verb or as an apposition
        e
        for e in sent.ents
        if e.end <= verb.i
        and verb.i - e.end <= 10
        and (e.root.i not in said or e.end == verb.i or e.root.dep_ == "appos")
    ]
    for label in ("PERSON", "ORG"):
        for ent in near:
            if ent.label_ == label:
                return ent
    return None


def sentence_speaker(sent: SpacySpan) -> SpacySpan | None:
    """The named speaker of a reported-speech sentence ("X said", "X told Y"), or None."""
    root = sent.root
    if root.lemma_.lower() in REPORT_VERBS:
        sp = _speaker_of(root)
        if sp is not None and not is_pronoun(sp):
            return sp
    return None


def _according_to(sent: SpacySpan) -> SpacySpan | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor(1).lower_ == "to":
            for prep in (tok.nbor(1), *tok.children):
                obj = pobj_of(prep, frozenset({"pobj"}))
                if obj is not None:
                    return phrase(obj)
    return None


def find_speaker(trigger: Token, sent: SpacySpan, trailing: bool = True) -> SpacySpan | None:  # noqa: C901 (attribution patterns tried in order; the order decides)
    """The phrase naming who asserts the action at ``trigger``, or None.

    ``trailing``: also read a closing reporting clause by word order (:func:`trailing_speaker`).

    >>> find_speaker.__name__
    'find_speaker'
    """
    tok = trigger
    hops = 0
    while tok.head != tok and hops < 8:
        child, tok = tok, tok.head
        hops += 1
        if tok.lemma_.lower() in REPORT_VERBS and tok.pos_ in {"VERB", "AUX"}:
            # the trigger must be in what is said, not in who says it
            if child.dep_ in {"nsubj", "nsubjpass"}:
                continue
            speaker = _speaker_of(tok)
            if speaker is not None and not (speaker.start <= trigger.i < speaker.end):
                return speaker
    acc = _according_to(sent)
    if acc is not None and not (acc.start <= trigger.i < acc.end):
        return acc
    root = sent.root
    if root.lemma_.lower() in REPORT_VERBS and root.i != trigger.i:
        speaker = _speaker_of(root)
        if speaker is not None and not (speaker.start <= trigger.i < speaker.end):
            return speaker
    # parenthetical reporting clause: ", AFP reported, citing ..."
    for tok in sent:
        if tok.dep_ in {"parataxis", "advcl"} and tok.lemma_.lower() in REPORT_VERBS and tok.i > trigger.i:
            speaker = _speaker_of(tok)
            if speaker is not None:
                return speaker
    return trailing_speaker(trigger, sent) if trailing else None


TAIL_TOKENS = 8
"""A reporting verb this close to the sentence's end closes it ("... a monitoring group said on Sunday.")."""
TAIL_VERBS = REPORT_VERBS | {"reveal"}
"""Verbs of a closing reporting clause ("... the source revealed")."""


def trailing_speaker(trigger: Token, sent: SpacySpan) -> SpacySpan | None:
    """The speaker of a reporting clause that ends the sentence, read from word order alone.

    FA-KES texts lost their commas, so the parse often misses "... killing 12 a monitoring group
    said" or "... destroyed 14 vehicles the Observatory added". The clause is a reporting verb
    among the last :data:`TAIL_TOKENS` words, after the trigger; its speaker the noun phrase
    right before it ("a military source said"), else right after it ("said the source");
    "citing X" after it names the more direct source.

    Example:
        >>> trailing_speaker.__name__
        'trailing_speaker'
    """
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words:
        return None
    last = words[-1].i
    chunks = list(sent.noun_chunks)
    for verb in (t for t in sent if t.i > trigger.i and last - t.i < TAIL_TOKENS):
        if verb.lemma_.lower() not in TAIL_VERBS or verb.pos_ not in {"VERB", "AUX"}:
            continue
        cited = next((c for c in chunks if c.start > verb.i and c.doc[c.start - 1].lower_ == "citing"), None)
        before = next((c for c in chunks if c.end == verb.i and c.start > trigger.i), None)
        if before is not None and is_pronoun(before):
            before = _relative_head(before, chunks)
        after = next((c for c in chunks if c.start == verb.i + 1), None)
        closing = after if after is not None and after.end > last else None  # "... said the source."
        found = cited or closing or before or after
        if found is not None and found[0].lower_ not in _NOT_SPEAKERS:
            return _named_apposition(found)
    return None


def _relative_head(pronoun: SpacySpan, chunks: list[SpacySpan]) -> SpacySpan | None:
    """ "the aid group that supports it said": the phrase the relative clause hangs on, not "it"."""
    doc = pronoun.doc
    for i in range(pronoun.start - 2, max(pronoun.start - 4, -1), -1):  # "which he said": he speaks
        if doc[i].lower_ in {"that", "which", "who"}:
            return next((c for c in chunks if c.end == i), None)
    return pronoun


def _named_apposition(chunk: SpacySpan) -> SpacySpan:
    """A name right before a descriptive phrase: "Shuhud al-Hussein a member of ..." -> the name."""
    doc = chunk.doc
    if chunk[0].lower_ in {"a", "an"} and chunk.start > 0:
        for ent in doc.ents:
            if ent.end == chunk.start and ent.label_ in {"PERSON", "ORG"}:
                return ent
    return chunk


def is_pronoun(span: SpacySpan) -> bool:
    """True when a speaker phrase is only a pronoun ("he", "they")."""
    return len(span) == 1 and span[0].lower_ in SPEAKER_PRONOUNS


def same_speaker(trigger: Token, arg: Span, sent: SpacySpan) -> bool:
    """False when an argument lies in what another speaker says than the trigger's speaker.

    "Moscow claims Russian jets are targeting ISIS, but Syrian activists post video showing
    attacks": ``ISIS`` is Moscow's word, ``attacks`` the activists'; neither ``ISIS`` nor the
    activists themselves are arguments of ``attacks``. Both speakers must be known to differ.
    The speaker is never the actor or target (on the Syria dev split a speaker given as actor,
    "the Kremlin said its strikes ...", was wrong more often than right).

    Example:
        >>> same_speaker.__name__
        'same_speaker'
    """
    sp = sent.doc.char_span(arg.start, arg.end, alignment_mode="expand")
    if sp is None or not (sent.start <= sp.root.i < sent.end):
        return True
    mine = find_speaker(trigger, sent, trailing=False)
    if mine is None:
        return True
    if mine.start <= sp.root.i < mine.end:
        return False  # the one who says it is not who acts or is hit
    theirs = find_speaker(sp.root, sent, trailing=False)
    return theirs is None or (theirs.start, theirs.end) == (mine.start, mine.end)
