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
from claimx.reading.offtopic import offtopic_paragraphs
from claimx.types import Article

CUT_MIN_WORDS = 60
"""A ``RECOMMENDED``-style heading ends the article only after this many words of text."""

_QUOTES = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032"} | {
    ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"
}
_SPACES = {
    ord(c): " "
    for c in "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
}
_INVISIBLE = {ord(c): None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"}
_CHAR_MAP = _QUOTES | _SPACES | _INVISIBLE
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MOJIBAKE_HINT = re.compile(
    "[\u00c2\u00c3\u00e2]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)

_RULE = re.compile(r"^(?:[-*_=]\s*){3,}$")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_ESCAPED_PATH = re.compile(r"\s*\\\((?:/|https?://)[^)]*?\\\)")
_PAREN_PATH = re.compile(r"\s*\((?:/[\w/.#?=&%-]*|https?://[^)\s]+)\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'])")
_BOLD = re.compile(r"\*\*|(?<!\w)__|__(?!\w)")
_ITALIC = re.compile(r"(?<![\w*])[*_](?=[^\s*_])(.+?)(?<=[^\s*_])[*_](?![\w*])")
_ITALIC_LINE = re.compile(r"^\*[^*].*[^*]\*$|^_[^_].*[^_]_$")
_TRAILING_ORNAMENT = re.compile(r"[\s\u2190-\u21ff\u25a0-\u27bf\u2b00-\u2bff]+$")
_BULLET = re.compile(r"^(?:[-+•*]\s+|>\s?)")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +([,.;:!?])(?=\s|$)")
_WIRE_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z'.-]+(?:[ ,]+[A-Z][A-Za-z'.-]+){0,3},?\s*)?\((?:AFP|Reuters|AP|SANA|Xinhua|UPI)\)"
    r"\s*[-–—:]+\s*"
    r"|^(?:[A-Z][\w'-]*\s+){0,3}SANA\s*[-–—:,]?\s*(?=[A-Z])"
)


def normalize_characters(text: str) -> str:
    """Line ends, mojibake, U+FFFD, quotes, spaces and invisible characters made plain.

    Example:
        >>> normalize_characters("Syria\\ufffd_s \\u201cwar\\u201d \\ufffd\\ufffdnow")
        'Syria\\'s "war" now'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MOJIBAKE_HINT.search(text):
        text = _fix_mojibake(text)
    if "\ufffd" in text:
        text = re.sub(r"(?<=\w)\ufffd+_?(?=(?:s|t|re|ll|ve|d|m)\b)", "'", text)
        text = re.sub(r"(?<= )\ufffd+_?(?= )", "-", text)
        text = re.sub(r"\ufffd+_?", "", text)
    text = text.translate(_CHAR_MAP)
    return _CONTROL.sub("", text)


def _fix_mojibake(text: str) -> str:
    try:
        import ftfy
    except ImportError:  # optional: without ftfy, mojibake stays as it is
        return text
    return ftfy.fix_encoding(text)


@dataclass(frozen=True, slots=True)
class _Block:
    """One paragraph on its way through the cleaner."""

    text: str
    italic: bool = False
    embed: bool = False


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    heading: bool = False
    italic: bool = False
    rule: bool = False
    embed: bool = False


def _markdown_line(raw: str) -> _Line:
    s = raw.strip()
    if not s:
        return _Line("")
    if _RULE.match(s):
        return _Line("", rule=True)
    heading = False
    if m := _HEADING.match(s):
        s, heading = m.group(1), True
    s = _BULLET.sub("", s)
    s = _IMAGE.sub("", s)
    s = _LINK.sub(lambda m: m.group(1), s)
    s = _ESCAPED_PATH.sub("", s)
    s = _ESCAPE.sub(r"\1", s)
    s = _PAREN_PATH.sub("", s)
    s = _TRAILING_ORNAMENT.sub("", s)
    italic = _ITALIC_LINE.match(s) is not None
    s = _BOLD.sub("", s)
    s = _ITALIC.sub(r"\1", s)
    return _Line(" ".join(s.split()), heading=heading, italic=italic)


def _continues(prev: str, nxt: str) -> bool:
    """True when ``nxt`` continues the sentence of ``prev`` (a hard-wrapped line)."""
    if not prev or not nxt or prev[-1] in ".!?:;\"')]":
        return False
    last_word = prev.rsplit(maxsplit=1)[-1].lower()
    return nxt[0].islower() or nxt[0].isdigit() or prev[-1] in ",-" or last_word in _GLUE_WORDS


_GLUE_WORDS = frozenset(
    {"the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from"}
)


def _word_count(lines: list[_Line]) -> int:
    return sum(len(x.text.split()) for x in lines)


def _lines_to_blocks(text: str) -> list[_Block]:
    """Markdown lines -> paragraphs, dropping furniture lines and furniture blocks."""
    kept: list[_Line] = []
    skip_language_line = False
    in_author_box = False
    for raw in text.split("\n"):
        line = _markdown_line(raw)
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
            kept.append(_Line(s, embed=True))
            continue
        if debris.is_debris_line(s) or debris.is_byline(s) or is_date_only(s) or debris.is_promo(s):
            continue
        kept.append(line)
    return _group(kept)


def _group(lines: list[_Line]) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[str] = []
    italic = True

    def flush() -> None:
        nonlocal current, italic
        if current:
            blocks.append(_Block(" ".join(current), italic=italic))
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
        title_key = _norm_key(out[0].text)
        out = [out[0]] + [b for b in out[1:] if _norm_key(b.text) != title_key]
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


def _finish(p: str) -> str:
    p = _balance_brackets(p).replace("()", "").replace("[]", "")
    p = " ".join(p.split())
    return _SPACE_BEFORE_PUNCT.sub(r"\1", p)


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
    t = _markdown_line(normalize_characters(title).replace("\n", " ")).text
    t = re.sub(r"^title:\s*", "", t, flags=re.IGNORECASE)
    t = _SITE_SUFFIX.sub("", t) if " | " in t else t
    return t.strip()


def _split_title(text: str, title: str | None) -> str:
    """Put a title that opens the first paragraph in its own paragraph (FA-KES rows).

    Whatever stands before the title there (a byline such as ``by Asharq Al-Awsat
    English``) goes when it is short and holds no sentence end.
    """
    if not title or not text:
        return text
    first, sep, rest = text.partition("\n\n")
    words = title.split()
    if len(words) < 3:
        return text
    pattern = re.compile(r"\W*".join(re.escape(w) for w in words) + r"\.?", re.IGNORECASE)
    m = pattern.search(first, 0, 400)
    if m is None:
        return text
    prefix, after = first[: m.start()], first[m.end() :].strip()
    if len(prefix.split()) > 15 or re.search(r"[.!?]\s", prefix) or len(after.split()) < 5:
        return text
    head = m.group(0).strip()
    after = _finish(strip_leads(after))
    return "\n\n".join(x for x in (head, after, rest) if x) if sep else f"{head}\n\n{after}"


def clean_article(article: Article) -> Article:
    """A copy of ``article`` with cleaned ``text``, a title, and a publication date where known.

    ``published`` stays the record's value when it has one, else it is the dateline
    found near the top of the raw text (:func:`claimx.reading.dateline.find_dateline`).
    A missing title becomes the first line of the cleaned text.

    Example:
        >>> a = Article(doc_id="x", text="Russian jets hit Homs\\n\\nSep 30, 2015\\n\\nJets struck Homs.")
        >>> c = clean_article(a)
        >>> c.text, c.title, c.published
        ('Russian jets hit Homs\\n\\nJets struck Homs.', 'Russian jets hit Homs', '2015-09-30')
    """
    raw = normalize_characters(article.text)
    published = article.published or find_dateline(raw)
    title = clean_title(article.title) if article.title else None
    text = _split_title(clean_text(raw), title)
    if not title and text:
        first = text.split("\n\n", 1)[0]
        title = first if len(first) <= 200 else first[:200].rsplit(" ", 1)[0] + " ..."
    return replace(article, text=text, title=title or None, published=published)
