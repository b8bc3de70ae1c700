"""Web-debris cleaning: raw article text in, the article's own prose out.

The cleaned text is what every claim offset refers to. It keeps the article's
paragraphs (one blank line between them, single spaces inside) and every real
sentence, and drops what a web page wraps around them:

* markdown: link markup ``[text](/path)`` -> ``text``, link-only debris
  (``[\\(/policy-analysis/...\\)](#)``, bare paths), headings, emphasis (``**E**arlier``),
  escapes, rules, ornaments (``◆``, ``❖``);
* page furniture lines: bylines, datelines, ``Also available in`` and its language
  line, ``Brief Analysis``, video embeds (``View this video on YouTube``, ``Via
  YouTube``, ``Facebook: video.php``), ``Skip to footer``, ``Updated on``, ``No posts
  to display``, image credits and captions (``WikiImages / Pixabay``, ``... | Al-Masdar
  News``), promo pointers (``... can be found here.``);
* blocks: author boxes (``ABOUT THE AUTHORS`` through the bio), embedded cards
  (headline + teaser + ``View full page →``), everything from ``RECOMMENDED``/``TOPICS``
  /``REGIONS & COUNTRIES`` to the end, a title repeated further down, author bios in
  italics, a bare author signature at the end, off-topic adverts
  (:mod:`claimx.reading.offtopic`);
* characters: mojibake (``ftfy`` when installed), U+FFFD replacement characters,
  typographic quotes -> ASCII quotes, odd spaces and zero-width characters;
* wire furniture glued into one-paragraph texts (FA-KES): a leading dateline
  (``Wed 05 Apr 2017``), ``- REUTERS``, ``Our Standards: ...``, Sputnik's comment
  footer and the like (:func:`claimx.reading.debris.strip_wire_tails`).

Hard-wrapped lines are joined with a space; a paragraph cut by a dangling
``--`` or an opening quote is joined to the next one.

Example:
    >>> clean_text("# Title\\n\\nby [A B](/x)\\n\\n**E**arlier, [jets](/j) struck Homs.\\n\\nSkip to footer")
    'Title\\n\\nEarlier, jets struck Homs.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claimx.reading import debris
from claimx.reading.dateline import date_prefix_end, find_dateline, is_date_only
from claimx.reading.markup import Line, markdown_line, normalize_characters
from claimx.reading.offtopic import offtopic_paragraphs
from claimx.reading.outlet import find_outlet
from claimx.types import Article

CUT_MIN_WORDS = 60
"""A ``RECOMMENDED``-style heading ends the article only after this many words of text."""

_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +([,.;:!?])(?=\s|$)")
_WIRE_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z'.-]+(?:[ ,]+[A-Z][A-Za-z'.-]+){0,3},?\s*)?"
    r"\((?:AFP|Reuters|AP|SANA|Xinhua|UPI|Sputnik|TASS|AA|Anadolu(?: Agency)?|dpa|IANS)\)"
    r"\s*[-–—:]+\s*"
    r"|^(?:[A-Z][\w'-]*\s+){0,3}SANA\s*[-–—:,]?\s*(?=[A-Z])"
)


@dataclass(frozen=True, slots=True)
class _Block:
    """One paragraph on its way through the cleaner."""

    text: str
    italic: bool = False
    embed: bool = False


def _continues(prev: str, nxt: str) -> bool:
    """True when ``nxt`` continues the sentence of ``prev`` (a hard-wrapped line)."""
    if not prev or not nxt or prev[-1] in ".!?:;\"')]":
        return False
    last_word = prev.rsplit(maxsplit=1)[-1].lower()
    return nxt[0].islower() or nxt[0].isdigit() or prev[-1] in ",-" or last_word in _GLUE_WORDS


_GLUE_WORDS = frozenset(
    {"the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from"}
)


def _word_count(lines: list[Line]) -> int:
    return sum(len(x.text.split()) for x in lines)


def _lines_to_blocks(text: str) -> list[_Block]:  # noqa: C901 (a line-by-line state machine; its two states stay in one place)
    """Markdown lines -> paragraphs, dropping furniture lines and furniture blocks."""
    kept: list[Line] = []
    skip_language_line = False
    in_author_box = False
    for raw in text.split("\n"):
        line = markdown_line(raw)
        s = line.text
        if not s:
            kept.append(line)  # blank or rule: a paragraph break
            continue
        if in_author_box:
            if debris.is_signature(s) or debris.is_bio(s) or debris.is_path_only(s):
                continue
            in_author_box = False
        if skip_language_line:
            skip_language_line = False
            if len(s.split()) <= 6 and s[-1] not in ".!?":
                continue
        is_box = debris.is_author_box_heading(s)
        if is_box or debris.is_cut_marker(s):
            if (is_box or line.heading or s.isupper()) and _word_count(kept) >= CUT_MIN_WORDS:
                break  # a late furniture heading: the rest of the page is furniture
            in_author_box = is_box
            continue
        if re.match(r"^also available in:?$", s, re.IGNORECASE):
            skip_language_line = True
            continue
        if debris.is_embed_marker(s):
            kept.append(Line(s, embed=True))
            continue
        if debris.is_debris_line(s) or debris.is_byline(s) or is_date_only(s) or debris.is_promo(s):
            continue
        kept.append(line)
    return _group(kept)


def _join_lines(lines: list[str]) -> str:
    """Hard-wrapped lines joined by a space; a line ending in ``word-`` joins the next directly."""
    out = lines[0]
    for line in lines[1:]:
        glue = "" if re.search(r"[^\W\d_]-$", out) else " "
        out = f"{out}{glue}{line}"
    return out


def _group(lines: list[Line]) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[str] = []
    italic = True

    def flush() -> None:
        nonlocal current, italic
        if current:
            blocks.append(_Block(_join_lines(current), italic=italic))
        current, italic = [], True

    for line in lines:
        if line.embed:
            flush()
            blocks.append(_Block("", embed=True))
        elif not line.text or line.heading:
            flush()
            if line.heading:
                blocks.append(_Block(line.text))
        elif current and not _continues(current[-1], line.text):
            flush()
            current, italic = [line.text], line.italic
        else:
            current.append(line.text)
            italic = italic and line.italic
    flush()
    return blocks


def _norm_key(s: str) -> str:
    return re.sub(r"[\W_]+", " ", s.lower()).strip()


def _drop_blocks(blocks: list[_Block]) -> list[str]:
    """Block-level furniture: cards, repeated title, bios, signature; then adverts."""
    out: list[_Block] = []
    for block in blocks:
        if block.embed:
            # An embedded card: headline + teaser + marker. Drop the teaser and the
            # headline only when the headline is there (else just the marker).
            if len(out) >= 3 and _is_headline(out[-2].text):
                del out[-2:]
            continue
        out.append(block)
    if out:
        title, title_key = out[0].text, _norm_key(out[0].text)
        out = [out[0]] + [
            b for b in out[1:] if len(b.text) > 2 * len(title) + 20 or _norm_key(b.text) != title_key
        ]
    out = [b for b in out if not (b.italic and debris.is_bio(b.text))]
    while len(out) > 1 and (debris.is_signature(out[-1].text) or debris.is_bio(out[-1].text)):
        out.pop()
    texts = [b.text for b in out]
    adverts = offtopic_paragraphs(texts)
    return [t for i, t in enumerate(texts) if i not in adverts]


def _is_headline(s: str) -> bool:
    words = s.split()
    return 2 <= len(words) <= 16 and s[-1] not in ".!?:;,\"'"


def _join_dangling(paragraphs: list[str]) -> list[str]:
    """Join a paragraph cut by a dangling ``--``/``—`` or an opening quote to the next one."""
    out: list[str] = []
    for p in paragraphs:
        if out and re.search(r"\s(?:--|—|–)$", out[-1]):
            out[-1] = f"{out[-1]} {p}"
        elif out and re.search(r'\s"$', out[-1]):
            out[-1] = f"{out[-1]}{p}"
        else:
            out.append(p)
    return out


def strip_leads(paragraph: str) -> str:
    """Drop a leading dateline (``Wed 05 Apr 2017``), wire dateline (``BEIRUT (Reuters) -``) or label.

    Example:
        >>> strip_leads("Sun 16 Apr 2017 Death toll rises.")
        'Death toll rises.'
    """
    for _ in range(3):
        before = paragraph
        end = date_prefix_end(paragraph)
        if end is not None and len(paragraph[end:].split()) >= 3:
            paragraph = paragraph[end:].lstrip(" ,.:-–—")
        paragraph = _WIRE_DATELINE.sub("", paragraph, count=1)
        paragraph = debris.strip_lead_label(paragraph)
        if paragraph == before:
            break
    return paragraph


def _balance_brackets(p: str) -> str:
    """Remove ``[`` and ``]`` that have no partner (left from broken links)."""
    if "[" not in p and "]" not in p:
        return p
    chars = list(p)
    stack: list[int] = []
    for i, c in enumerate(chars):
        if c == "[":
            stack.append(i)
        elif c == "]":
            if stack:
                stack.pop()
            else:
                chars[i] = ""
    for i in stack:
        chars[i] = ""
    return "".join(chars)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")


def _drop_repeated_sentences(p: str) -> str:
    """Drop a sentence that repeats the one right before it (a standfirst pasted twice)."""
    sentences = _SENTENCE_END.split(p)
    if len(sentences) < 2:
        return p
    kept = [sentences[0]]
    for s in sentences[1:]:
        if s != kept[-1] or len(s.split()) < 5:
            kept.append(s)
    return " ".join(kept) if len(kept) < len(sentences) else p


def _finish(p: str) -> str:
    p = _balance_brackets(p).replace("()", "").replace("[]", "")
    p = " ".join(p.split())
    return _drop_repeated_sentences(_SPACE_BEFORE_PUNCT.sub(r"\1", p))


def clean_text(text: str) -> str:
    """The article's own prose from raw web text (see the module docstring for what goes).

    Example:
        >>> clean_text("Wed 05 Apr 2017 Jets struck Idlib , killing 70. - REUTERS")
        'Jets struck Idlib, killing 70.'
    """
    blocks = _lines_to_blocks(normalize_characters(text))
    paragraphs = _join_dangling(_drop_blocks(blocks))
    paragraphs = [strip_leads(p) if i < 2 else p for i, p in enumerate(paragraphs)]
    if paragraphs:
        paragraphs[-1] = debris.strip_wire_tails(paragraphs[-1])
    paragraphs = [_finish(p) for p in paragraphs]
    return "\n\n".join(p for p in paragraphs if p)


_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


def clean_title(title: str) -> str:
    """A record's title without markup, site suffix (``| Jordan Times``) or ``title:`` label.

    Example:
        >>> clean_title("title: Strike kills 15 near Raqqa | Jordan Times")
        'Strike kills 15 near Raqqa'
    """
    t = markdown_line(normalize_characters(title).replace("\n", " ")).text
    t = re.sub(r"^title:\s*", "", t, flags=re.IGNORECASE)
    t = _SITE_SUFFIX.sub("", t) if " | " in t else t
    return t.strip()


_WORD = re.compile(r"\w+")


def _find_words(text: str, words: list[str]) -> tuple[int, int] | None:
    """Span of the first run of ``words`` (lower-case) in ``text``, punctuation between them aside."""
    matches = list(_WORD.finditer(text))
    n = len(words)
    for i in range(len(matches) - n + 1):
        if all(matches[i + k].group(0).lower() == words[k] for k in range(n)):
            return matches[i].start(), matches[i + n - 1].end()
    return None


def _split_title(text: str, title: str | None) -> str:
    """Put a title that opens the first paragraph in its own paragraph (FA-KES rows).

    Whatever stands before the title there (a byline such as ``by Asharq Al-Awsat
    English``) goes when it is short and holds no sentence end.
    """
    if not title or not text:
        return text
    first, sep, rest = text.partition("\n\n")
    title_words = _WORD.findall(title.lower())
    if len(title_words) < 3:
        return text
    found = _find_words(first[:600], title_words)
    if found is None:
        return text
    start, end = found
    if first[end : end + 1] == ".":
        end += 1
    prefix, after = first[:start], first[end:].strip()
    if len(prefix.split()) > 15 or re.search(r"[.!?]\s", prefix) or len(after.split()) < 5:
        return text
    head = first[start:end].strip()
    after = _finish(strip_leads(after))
    return "\n\n".join(x for x in (head, after, rest) if x) if sep else f"{head}\n\n{after}"


def clean_article(article: Article) -> Article:
    """A copy of ``article`` with cleaned ``text``, a title, and a publication date where known.

    ``published`` stays the record's value when it has one, else it is the dateline
    found near the top of the raw text (:func:`claimx.reading.dateline.find_dateline`).
    A missing title becomes the first line of the cleaned text. The cleaned text is
    empty when the whole text was page furniture: callers should treat that article
    as failed ("no article text left after cleaning").

    Example:
        >>> a = Article(doc_id="x", text="Russian jets hit Homs\\n\\nSep 30, 2015\\n\\nJets struck Homs.")
        >>> c = clean_article(a)
        >>> c.text, c.title, c.published
        ('Russian jets hit Homs\\n\\nJets struck Homs.', 'Russian jets hit Homs', '2015-09-30')
    """
    raw = normalize_characters(article.text)
    published = article.published or find_dateline(raw)
    source = article.source or find_outlet(raw)
    title = clean_title(article.title) if article.title else None
    text = _split_title(clean_text(raw), title)
    if not title and text:
        first = text.split("\n\n", 1)[0]
        title = first if len(first) <= 200 else first[:200].rsplit(" ", 1)[0] + " ..."
    return replace(article, text=text, title=title or None, published=published, source=source)
