"""Per-format readers: decoded file text -> Articles (raw, not cleaned) or ReadFailures.

* ``.txt`` / ``.md``: one article; title = the first non-empty line without markdown ``#``.
* ``.html`` / ``.htm``: one article; main text by trafilatura (``favor_precision``), its
  title/date/url/site name filling title/published/url/source when present.
* ``.json`` / ``.jsonl`` / ``.csv``: see :mod:`claimx.reading.records`.

Example:
    >>> from pathlib import Path
    >>> [a] = parse_text_file(Path("x.md"), "# Jets hit Homs\\n\\nRussian jets struck Homs.")
    >>> a.doc_id, a.title, a.fmt
    ('x', 'Jets hit Homs', 'md')
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from claimx.normalize.dates import parse_date_value
from claimx.reading.clean import clean_title
from claimx.reading.records import parse_csv, parse_json, parse_jsonl
from claimx.types import Article, ReadFailure

MIN_HTML_WORDS = 5
"""A page whose main text has fewer words than this has no article (navigation only)."""

Parser = Callable[[Path, str], list[Article | ReadFailure]]

MAX_TITLE_CHARS = 250
"""A first line longer than this is prose, not a title: the title is then left empty."""


def first_line_title(text: str) -> str | None:
    """The first non-empty line as a title (markdown ``#``, links and emphasis removed).

    Example:
        >>> first_line_title("\\n\\n# Initial Russian Strikes [in Syria](/x)\\n\\nText")
        'Initial Russian Strikes in Syria'
    """
    for line in text.splitlines():
        if line.strip():
            title = clean_title(line)
            return title if title and len(title) <= MAX_TITLE_CHARS else None
    return None


def parse_text_file(path: Path, text: str) -> list[Article | ReadFailure]:
    """A ``.txt`` or ``.md`` file: one article, raw text as read."""
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    return [Article(doc_id=path.stem, text=text, title=first_line_title(text), path=str(path), fmt=fmt)]


def parse_html(path: Path, text: str) -> list[Article | ReadFailure]:
    """An ``.html``/``.htm`` page: its main text and metadata, or a failure when it has none."""
    import trafilatura  # lazy: importing trafilatura costs ~0.3 s

    doc = None
    try:
        for precision in (True, False):  # precision first; recall when precision finds nothing
            doc = trafilatura.bare_extraction(
                text,
                favor_precision=precision,
                favor_recall=not precision,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
            if doc is not None and len((doc.text or "").split()) >= MIN_HTML_WORDS:
                break
    except Exception as exc:  # lxml/trafilatura raise many types on broken markup
        return [ReadFailure(path.stem, str(path), f"could not parse the HTML ({type(exc).__name__}: {exc})")]
    body = (doc.text or "").strip() if doc is not None else ""
    if len(body.split()) < MIN_HTML_WORDS:
        reason = "no article text found in the HTML (the page holds only navigation, scripts or boilerplate)"
        return [ReadFailure(path.stem, str(path), reason)]
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    title = clean_title(doc.title) if doc.title else None
    if title and paragraphs and paragraphs[0].strip().lower() != title.lower():
        paragraphs.insert(0, title)  # the headline heads the text, as in .txt articles
    return [
        Article(
            doc_id=path.stem,
            text="\n\n".join(paragraphs),
            title=title or None,
            published=parse_date_value(doc.date),
            source=(doc.sitename or "").strip() or None,
            url=(doc.url or "").strip() or None,
            path=str(path),
            fmt="html",
        )
    ]


PARSERS: dict[str, Parser] = {
    ".txt": parse_text_file,
    ".md": parse_text_file,
    ".html": parse_html,
    ".htm": parse_html,
    ".json": parse_json,
    ".jsonl": parse_jsonl,
    ".csv": parse_csv,
}
"""Parser by lower-case file suffix."""

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(PARSERS)
ONE_ARTICLE_FORMATS = frozenset({"txt", "md", "html", "json"})
