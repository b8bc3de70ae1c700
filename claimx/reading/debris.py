"""Patterns that recognise web debris: page furniture, credits, bylines, bios, wire tails.

The predicates here judge one line or one paragraph; :mod:`claimx.reading.clean`
decides what to do with the blocks around them.

Example:
    >>> is_debris_line("View this video on YouTube"), is_debris_line("Russian jets struck Homs.")
    (True, False)
    >>> is_cut_marker("REGIONS & COUNTRIES"), is_image_credit("WikiImages / Pixabay")
    (True, True)
"""

from __future__ import annotations

import re
import unicodedata

_DEBRIS_LINES = re.compile(
    r"^(?:"
    r"view this (?:video|image|photo|post|tweet) on (?:youtube|facebook|twitter|instagram)"
    r"|via (?:youtube|facebook|twitter|instagram|getty images)"
    r"|facebook: ?video\.php"
    r"|skip to (?:footer|content|main content|navigation)"
    r"|(?:last )?updated(?: on| at)?:?"
    r"|no posts to display"
    r"|view (?:full page|gallery|comments)\s*[→»>]*"
    r"|brief analysis|policy analysis|articles & testimony|analysis|opinion|op-ed|commentary|interview"
    r"|advertisement|sponsored(?: content)?|story continues below(?: advertisement)?"
    r"|share(?: this(?: article| story| post)?)?(?: on (?:facebook|twitter))?|print|email|tweet|comments?"
    r"|(?:loading|watch)(?: video)?\.*|embed|listen to this article"
    r"|photo(?:s|graph)?|image|video|getty images|afp|reuters|ap photo"
    r"|(?:follow|like) us on (?:facebook|twitter|instagram|telegram)"
    r"|sign up for (?:our|the) newsletter|subscribe(?: now)?|read more|continue reading"
    r"|source: ?[\w .&/+-]{1,40}"
    r"|\(?source: ?[\w .&/+-]{1,40}\)?"
    r")\.?$",
    re.IGNORECASE,
)

_CUT_MARKERS = re.compile(
    r"^(?:recommended|topics|regions & countries|related(?: articles| stories| posts| content| coverage)?"
    r"|read next|more from [\w .'&-]{1,40}|more stories|you may also like|you might also like"
    r"|most (?:popular|read|viewed)|trending(?: now)?|latest (?:news|stories)|also read"
    r"|about the authors?|about the writers?|comments?|leave a (?:comment|reply)|popular posts"
    r"|tags|filed under)\s*:?$",
    re.IGNORECASE,
)

_EMBED_MARKERS = re.compile(
    r"^(?:view full page|continue reading|read the full (?:story|article|post)|read more)\s*[→»>.]*$",
    re.IGNORECASE,
)

_PHOTO_AGENCIES = (
    r"pixabay|unsplash|pexels|flickr|wikimedia(?: commons)?|wikipedia|shutterstock|getty(?: images)?"
    r"|afp|reuters|ap|associated press|anadolu(?: agency)?|epa|sana|handout|creative commons|cc by[\w .-]*"
    r"|public domain|youtube|twitter|facebook|screenshot|screengrab|file photo"
)
_IMAGE_CREDIT = re.compile(
    rf"^(?:(?:photo|image|picture|credit|photo credit|image credit|source)s?\s*:\s*.{{1,80}}"
    rf"|\(?(?:photo|image|picture) (?:by|courtesy of|credit)\b.{{1,80}}"
    rf"|[\w .'&-]{{1,60}}\s*/\s*(?:{_PHOTO_AGENCIES})(?:\s*/\s*[\w .'&-]{{1,40}})?\.?\)?)$",
    re.IGNORECASE,
)
_CAPTION_PIPE_CREDIT = re.compile(r"^.{10,400}[^.!?\"']\s+\|\s+(?:[A-Z][\w.'&-]*[\s-]?){1,5}$")

_BYLINE = re.compile(
    r"^(?:by|written by|words by|reporting by)\s+[A-Z][\w.'-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'-]*){0,9}$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^(?:[A-Z][\w'-]+\.? ){1,3}[A-Z][\w'-]+$")
_PROMO = re.compile(
    r"\b(?:can be found|is available|are available|read (?:it|more|the rest)|click|tap|subscribe) here\.?$"
    r"|^(?:click|tap) here\b",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"^(?:Dr\.? )?[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,4},? (?:is|was|an?|the|serves as)\b.{0,300}?"
    r"\b(?:fellow|professor|director|editor|analyst|correspondent|researcher|journalist|author|writer"
    r"|reporter|lecturer|scholar|columnist|contributor|founder|ceo|chair|expert|specialist|student)s?\b",
)
_SPEECH = re.compile(r"\b(?:said|says|told|tells|stated|according to|added)\b")

_LEAD_LABEL = re.compile(
    r"^(?:(?:live updates?|live blog|update|breaking(?: news)?|editor'?s note)\s*:\s+"
    r"|\((?:updated?|edited)\b[^()]{0,30}\)\s*)",
    re.IGNORECASE,
)

_WIRE_TAILS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE | re.DOTALL)
    for p in (
        r"\s*Our Standards:\s*The Thomson Reuters Trust Principles\.?\s*$",
        r"(?<=[.!?\"'])\s*(?:Additional )?(?:Reporting|Writing|Editing) by [^.!?]{3,200}$",
        r"(?:\s*\.{3})?(?:\s+\d+)*(?:\s+Tags\b.{0,400}?)?\s*Community standards\s*Discussion.*$",
        r"\s+Source:? (?:TRT ?World|Reuters|AFP|AP|agencies)[\w ,&]*$",
        r"\s*Follow Follow Copyright\b.*$",
        r"(?<=[.!?\"'])\s*(?:-{1,2}|—)\s*(?:Reuters|AFP|AP|SANA|NNA|Xinhua)\s*$",
        r"(?<=[.!?\"'])\s*\((?:Source: )?[^().!?]{2,60}\)\s*(?:Twitter)?\s*$",
        r"(?<=[.!?\"'])\s+(?-i:[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})$",
        r"\s*\(With (?:AFP|Reuters|AP)(?: and (?:AFP|Reuters|AP))?\)\s*$",
        r"\s*Last Update:.{0,80}$",
        r"\s*This article is an edited translation (?:from|of) (?:our|the original) Arabic(?: edition)?\.?"
        r"(?:\s*Also)?\s*$",
        r"(?<=[.!?\"'])\s*(?-i:[A-Z][\w.-]*(?: [\w.-]+){0,2}(?: ?/ ?[A-Z][\w.-]*(?: [\w.-]+){0,2})+)\s*$",
        r"(?<=[.!?\"'])\s+\d{1,4}$",
        r"(?<=[.!?\"'])\s*(?:Asharq Al-Awsat(?: English)?\s+)*Asharq Al-Awsat is the worlds premier.*$",
        r"(?<=[.!?\"'])\s*(?:[A-Z][\w'-]* ){0,4}Launched in London in 1978.*$",
    )
)
_ANY_WIRE_TAIL = re.compile("|".join(f"(?:{p.pattern})" for p in _WIRE_TAILS), re.IGNORECASE | re.DOTALL)
"""All wire tails in one pattern (each runs to the end of the text, so the leftmost match wins)."""
TAIL_WINDOW = 900
"""Wire tails are looked for in the last this many characters of a paragraph."""
_GLUED_FURNITURE = re.compile(r"\s*Get short URL(?: \d+)*\s*", re.IGNORECASE)


def _squash(line: str) -> str:
    return " ".join(line.split())


def is_debris_line(line: str) -> bool:
    """True for a whole line of page furniture (video embeds, share buttons, labels, credits)."""
    s = _squash(line)
    return bool(s) and (
        _DEBRIS_LINES.match(s) is not None or is_image_credit(s) or is_symbols_only(s) or is_path_only(s)
    )


def is_cut_marker(line: str) -> bool:
    """True for a heading after which a page holds only furniture (``RECOMMENDED``, ``TOPICS``)."""
    return _CUT_MARKERS.match(_squash(line)) is not None


def is_author_box_heading(line: str) -> bool:
    """True for ``ABOUT THE AUTHOR(S)`` and its kin."""
    return re.match(r"^about the (?:authors?|writers?|contributors?)\s*:?$", _squash(line), re.I) is not None


def is_embed_marker(line: str) -> bool:
    """True for the footer of an embedded card (``View full page →``, ``Continue reading``)."""
    return _EMBED_MARKERS.match(_squash(line)) is not None


def is_image_credit(line: str) -> bool:
    """True for a photo credit or caption line (``WikiImages / Pixabay``, ``... | Al-Masdar News``)."""
    s = _squash(line)
    if _IMAGE_CREDIT.match(s):
        return True
    return _CAPTION_PIPE_CREDIT.match(s) is not None


def is_byline(line: str) -> bool:
    """True for ``by Author Name`` lines (no sentence punctuation)."""
    return _BYLINE.match(_squash(line)) is not None


def is_signature(paragraph: str) -> bool:
    """True for a bare name such as ``James Miller`` (2-4 capitalised words, no punctuation)."""
    return _SIGNATURE.match(_squash(paragraph)) is not None


def is_promo(paragraph: str) -> bool:
    """True for a short pointer to other content (``... can be found here.``)."""
    s = _squash(paragraph)
    return len(s.split()) <= 25 and _PROMO.search(s) is not None


def is_bio(paragraph: str) -> bool:
    """True for an author bio sentence (``X, an associate professor ..., is a fellow at ...``)."""
    s = _squash(paragraph)
    return len(s.split()) <= 80 and _BIO.match(s) is not None and _SPEECH.search(s) is None


def is_symbols_only(line: str) -> bool:
    """True for a line of ornaments and punctuation only (``◆``, ``❖``, ``* * *``)."""
    s = line.strip()
    return bool(s) and all(unicodedata.category(c)[0] in "SPZ" or c in "*_-=" for c in s)


def is_path_only(line: str) -> bool:
    """True for a bare site path or URL left from a link (``(/policy-analysis/syria)``)."""
    return re.match(r"^\(?(?:https?://\S+|/[\w/.#?=&%-]+)\)?$", line.strip()) is not None


def strip_lead_label(paragraph: str) -> str:
    """Drop a leading ``Live Updates:``-style label."""
    return _LEAD_LABEL.sub("", paragraph, count=1)


def strip_wire_tails(text: str) -> str:
    """Remove wire-service and site furniture glued to the end of a paragraph.

    Example:
        >>> strip_wire_tails("Ten people were killed. - REUTERS")
        'Ten people were killed.'
    """
    text = _GLUED_FURNITURE.sub(" ", text)
    cut = text.find(" ", max(0, len(text) - TAIL_WINDOW)) if len(text) > TAIL_WINDOW else 0
    head, text = text[: max(cut, 0)], text[max(cut, 0) :]
    for _ in range(6):
        m = _ANY_WIRE_TAIL.search(text)
        if m is None:
            break
        text = text[: m.start()].rstrip()
    return head + text
