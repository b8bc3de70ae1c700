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
FUTURE_LEMMAS = frozenset(
    {"plan", "prepare", "threaten", "vow", "intend", "promise", "pledge", "expect", "fear", "aim", "seek"}
)
"""Verbs that make the action they govern a plan, threat or fear, not a report ("threatened an offensive")."""
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
    """True when the action at ``trigger`` is only alleged, uncertain, future or hypothetical.

    Hedged: a hedge word or verb governs it ("allegedly", "appeared to"), a modal ("will",
    "could", "would": "if the truce fails, jets would strike"), a plan or threat ("prepared
    an offensive", "threatened to bomb"), or an infinitive of intent ("to kill civilians").
    """
    for tok in _clause_tokens(trigger):
        if tok.lemma_.lower() in HEDGE_LEMMAS or tok.lower_ in HEDGE_WORDS:
            return True
        if tok.i != trigger.i and tok.lemma_.lower() in FUTURE_LEMMAS:
            return True
        for c in tok.children:
            if c.lower_ in HEDGE_WORDS or (c.dep_ == "aux" and c.lower_ in MODALS):
                return True
    if trigger.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return True  # "to kill civilians": an intent, not a report that it happened
    window = sent.doc[max(sent.start, trigger.i - 3) : min(sent.end, trigger.i + 2)]
    return any(t.lower_ in HEDGE_WORDS for t in window)


BACKGROUND_LEMMAS = frozenset(
    {"war", "conflict", "violence", "campaign", "intervention", "crisis", "involvement"}
)
"""Words that usually name a whole war or campaign (background), not one event."""


def is_background(
    trigger: Token | None, *, has_args: bool, has_figures: bool, dated: bool, placed: bool, in_context: bool
) -> bool:
    """True when a mention is background, to be dropped rather than made a claim.

    The rule (README, "Claim precision"): a mention is background when it names nothing
    checkable: no argument, no casualty figure and no date or place of its own or from its
    context; or when its trigger names a whole war or campaign (:data:`BACKGROUND_LEMMAS`:
    "Russia's campaign", "the war") with no casualty figure, no date of its own and no place
    more precise than a country. ``trigger`` is the one-word trigger, or None for a longer
    one ("air operations" names an event).

    Example:
        >>> import spacy
        >>> tok = spacy.blank("en")("the war")[1]
        >>> is_background(tok, has_args=True, has_figures=False, dated=False, placed=False, in_context=True)
        True
    """
    if not has_args and not has_figures and not dated and not placed and not in_context:
        return True
    if trigger is None:
        return False
    lemma = (trigger.lemma_ or trigger.lower_).lower()
    if lemma not in BACKGROUND_LEMMAS and trigger.lower_.rstrip("s") not in BACKGROUND_LEMMAS:
        return False
    return not (has_figures or dated or placed)


CUMULATIVE = re.compile(
    r"\bsince (?:the (?:start|beginning|outbreak|onset)\b|(?:the|its|this|\w+'?s) "
    r"(?:(?:civil |\w+-year )?(?:war|conflict|uprising|crisis|revolution|unrest))\b|"
    r"(?:(?:early|mid-?|late) )?(?:(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december) )?(?:19|20)\d\d\b)"
    r"|\b(?:war|conflict|uprising|crisis)\b\W+(?:\w+\W+){0,4}?(?:has|have|had) (?:killed|claimed|left)",
    re.I,
)
"""A war's running toll: "since the conflict began", "since March 2011", "the war has killed"."""
TOLL_LEMMAS = frozenset({"kill", "die", "death", "casualty", "loss", "toll"})
WAR_TOLL = 10_000
"""A death toll this high is a war's or a campaign's, not one event's."""


def is_cumulative(trigger: Token, sent: SpacySpan, killed: int | None) -> bool:
    """True when a death mention is a running war toll (G2 of the gold guidelines: background).

    Either the toll is :data:`WAR_TOLL` or more, or the trigger is a death word and the sentence
    counts since the war began ("More than 320000 people have been killed since the conflict
    began", "with hundreds of civilians killed since the breakdown of a ceasefire" is not).

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("Many have been killed since the war began.")
        >>> doc[3].lemma_ = "kill"
        >>> is_cumulative(doc[3], doc[:], None)
        True
        >>> is_cumulative(doc[3], doc[:3], 12)
        False
    """
    if killed is not None and killed >= WAR_TOLL:
        return True
    lemma = (trigger.lemma_ or trigger.lower_).lower()
    return lemma in TOLL_LEMMAS and bool(CUMULATIVE.search(sent.text))
