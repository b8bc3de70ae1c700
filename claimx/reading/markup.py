"""Character and markdown normalisation: the first steps of cleaning.

:func:`normalize_characters` makes the characters plain (line ends, mojibake via
``ftfy`` when installed, U+FFFD replacement characters, typographic quotes -> ASCII,
odd spaces, invisible characters); :func:`markdown_line` strips markdown from one
line (links keep their text, ``[\\(/path\\)](#)`` debris, images, headings, emphasis
such as ``**E**arlier``, escapes, bullets, trailing ornaments such as ``◆``).

Example:
    >>> normalize_characters("Russia\\u2019s \\ufffd\\ufffdwar")
    "Russia's war"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
class Line:
    """One line with its markdown removed, and what the markdown said about it."""

    text: str
    heading: bool = False
    italic: bool = False
    rule: bool = False
    embed: bool = False


def markdown_line(raw: str) -> Line:
    """One raw line without markdown: links keep their text, link-only debris and ornaments go.

    Example:
        >>> markdown_line("**E**arlier, [jets](/tags/jets) struck *Homs* \\u25c6").text
        'Earlier, jets struck Homs'
    """
    s = raw.strip()
    if not s:
        return Line("")
    if _RULE.match(s):
        return Line("", rule=True)
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
    return Line(" ".join(s.split()), heading=heading, italic=italic)
