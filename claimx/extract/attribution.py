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
    near = [e for e in sent.ents if e.end <= verb.i and verb.i - e.end <= 10]
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


def find_speaker(trigger: Token, sent: SpacySpan) -> SpacySpan | None:  # noqa: C901 (attribution patterns tried in order; the order decides)
    """The phrase naming who asserts the action at ``trigger``, or None.

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
    return None


def is_pronoun(span: SpacySpan) -> bool:
    """True when a speaker phrase is only a pronoun ("he", "they")."""
    return len(span) == 1 and span[0].lower_ in SPEAKER_PRONOUNS
