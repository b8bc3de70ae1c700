"""Off-topic paragraph filter: adverts and promos pasted into an article's body.

A paragraph is judged by how much of its vocabulary the rest of the article shares
(lexical overlap of content words) together with advert cues: a teaser ending in
``Read More``, finance and investment vocabulary (fund, investors, inflation ...),
shopping/subscription calls. Both are needed: a paragraph with new words but no cue
(a quote, a new place) is kept, and so is an on-topic paragraph that mentions
markets. A headline-like line right before a dropped advert (``After A Tough Year,
Odey Asset Management Finishes 2021 On A High``) goes with it when it shares the
advert's words rather than the article's.

Example:
    >>> paras = ["Russian jets struck rebel areas near Homs, activists said.",
    ...          "Russia's strikes near Homs hit rebel positions, the activists said.",
    ...          "Fund Manager Beats The Market",
    ...          "The fund manager has warned investors about inflation and hedge fund returns in his "
    ...          "flagship portfolio for years Read More",
    ...          "Rebels said Russian jets also struck positions near Hama."]
    >>> sorted(offtopic_paragraphs(paras))
    [2, 3]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

MIN_PARAGRAPHS = 4
"""Articles with fewer paragraphs are not filtered (too little context to judge)."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[a-z][a-z'-]{2,}")

STOPWORDS: frozenset[str] = _words(
    """the and for that with was were are has have had not but its it's his her their they them this
    these those from into onto over under after before about than then there here which who whom whose
    what when where why how all any each few more most other some such only own same too very can will
    just should now also would could may might must been being did does doing one two three our out off
    while during against between through again further once both said says say told according since
    until per via upon within without across along among around because though although yet still
    even ever much many made make makes like well back down up new year years day days time first
    last"""
)

FINANCE_TERMS: frozenset[str] = _words(
    """fund funds investor investors investing investment investments inflation hedge portfolio portfolios
    stock stocks equities equity shares shareholder shareholders dividend dividends earnings revenue
    revenues profit profits bitcoin crypto cryptocurrency etf etfs returns valuation ipo bonds bond
    yields trading trader traders wealth billionaire quarterly asset assets manager managers prices
    market markets nasdaq dow ftse s&p firm's hedge-fund interest rates mortgage insurance retail
    brokerage tax savings pension"""
)

_AD_TAIL = re.compile(
    r"(?:read more|continue reading|learn more|find out more|sign up|subscribe(?: now)?|shop now|buy now"
    r"|click here|get started|download now)\s*[.»>→…]*$",
    re.IGNORECASE,
)
_AD_WORDS = re.compile(r"\b(?:sponsored|advertisement|partner content)\b", re.IGNORECASE)


def content_tokens(text: str) -> set[str]:
    """Lower-case content words of ``text`` (stopwords and words under 3 letters dropped)."""
    return {t.strip("'-") for t in _TOKEN.findall(text.lower())} - STOPWORDS - {""}


def _is_headline(paragraph: str) -> bool:
    words = paragraph.split()
    return 2 <= len(words) <= 16 and paragraph.rstrip()[-1:] not in ".!?:;\"'"


def _overlap(tokens: set[str], rest: Counter[str]) -> float:
    if not tokens:
        return 1.0
    return sum(1 for t in tokens if rest[t] > 0) / len(tokens)


def advert_score(paragraph: str, rest: Counter[str]) -> float:
    """How advert-like ``paragraph`` is given the token counts of the rest of the article.

    Above 1.0 means "drop": a low overlap with the rest of the article combined with
    advert cues. Example: ``advert_score("Fund returns beat inflation Read More", Counter())``
    is high; a paragraph whose words recur in ``rest`` scores near 0.
    """
    tokens = content_tokens(paragraph)
    if len(tokens) < 5:
        return 0.0
    overlap = _overlap(tokens, rest)
    finance = len(tokens & FINANCE_TERMS)
    cues = 0.0
    if _AD_TAIL.search(paragraph.rstrip()):
        cues += 1.0
    if _AD_WORDS.search(paragraph):
        cues += 0.5
    cues += min(finance, 6) * 0.25
    novelty = max(0.0, 0.6 - overlap) / 0.6  # 0 when 60%+ of its words recur, 1 when none do
    return cues * (0.4 + 1.6 * novelty)


def offtopic_paragraphs(paragraphs: Sequence[str]) -> set[int]:
    """Indices of ``paragraphs`` that are adverts or promos unrelated to the article."""
    if len(paragraphs) < MIN_PARAGRAPHS:
        return set()
    token_sets = [content_tokens(p) for p in paragraphs]
    total: Counter[str] = Counter()
    for toks in token_sets:
        total.update(toks)
    dropped: set[int] = set()
    for i, para in enumerate(paragraphs):
        rest = total - Counter(token_sets[i])
        if advert_score(para, rest) > 1.0:
            dropped.add(i)
    for i in sorted(dropped):
        j = i - 1
        if j <= 0 or j in dropped or not _is_headline(paragraphs[j]):
            continue
        others = total - Counter(token_sets[j]) - Counter(token_sets[i])
        shares_ad = bool(token_sets[j] & token_sets[i] - set(others))
        if shares_ad or _overlap(token_sets[j], others) < 0.3:
            dropped.add(j)
    return dropped
