"""Negation and hedging of a claim.

*Negated*: the claim is denied ("reports of civilian casualties were an
information attack", "denied carrying out strikes", "did not target").
*Hedged*: the claim is only alleged or uncertain ("purported to show",
"appeared to", "allegedly", "suspected", "may have", future or hypothetical).

Example:
    >>> sorted(HEDGE_WORDS)[:3]
    ['alleged', 'allegedly', 'apparent']
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

HEDGE_WORDS = frozenset(
    {
        "allegedly", "alleged", "apparent", "apparently", "reportedly", "suspected", "purported",
        "purportedly", "unconfirmed", "possibly", "possible", "likely", "unverified", "rumoured",
        "rumored", "presumably", "seemingly", "claimed",
    }
)  # fmt: skip
HEDGE_LEMMAS = frozenset({"purport", "appear", "seem", "allege", "suspect", "claim"})
MODALS = frozenset({"may", "might", "could", "would", "will", "should", "can"})
DENIAL_LEMMAS = frozenset({"deny", "refute", "reject", "dismiss", "debunk"})
DISINFO = re.compile(
    r"\b(information attack|fake|fabricat\w*|lies|baseless|false (?:reports?|claims?|news)|"
    r"propaganda|staged|hoax|untrue|groundless|no evidence)\b",
    re.I,
)
NEGATORS = frozenset({"not", "n't", "never", "no"})


def _clause_tokens(trigger: Token) -> list[Token]:
    """The trigger and its heads up to the clause's verb (and that verb's ancestors up to 4 hops)."""
    out = [trigger]
    tok = trigger
    for _ in range(4):
        if tok.head == tok:
            break
        tok = tok.head
        out.append(tok)
    return out


def is_negated(trigger: Token, sent: SpacySpan) -> bool:
    """True when the action at ``trigger`` is denied in ``sent``."""
    for tok in _clause_tokens(trigger):
        if any(c.dep_ == "neg" or c.lower_ in {"never"} for c in tok.children):
            return True
        if tok.lemma_.lower() in DENIAL_LEMMAS:
            return True
    if any(c.lower_ == "no" and c.dep_ == "det" for c in trigger.children):
        return True
    # "reports of civilian casualties were an 'information attack'"
    return bool(DISINFO.search(sent.text)) and any(
        t.lemma_.lower() in {"report", "claim", "allegation", "news", "casualty"} for t in sent
    )


def is_hedged(trigger: Token, sent: SpacySpan) -> bool:
    """True when the action at ``trigger`` is only alleged, uncertain, future or hypothetical."""
    for tok in _clause_tokens(trigger):
        if tok.lemma_.lower() in HEDGE_LEMMAS or tok.lower_ in HEDGE_WORDS:
            return True
        for c in tok.children:
            if c.lower_ in HEDGE_WORDS or (c.dep_ == "aux" and c.lower_ in MODALS):
                return True
    if trigger.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return True  # "to kill civilians": an intent, not a report that it happened
    window = sent.doc[max(sent.start, trigger.i - 3) : min(sent.end, trigger.i + 2)]
    return any(t.lower_ in HEDGE_WORDS for t in window)
