"""Reading articles from files and cleaning web debris out of them.

``iter_inputs(paths)`` walks files and folders and yields raw
:class:`~claimx.types.Article` records and :class:`~claimx.types.ReadFailure` records;
``clean_article(article)`` returns the copy whose text the rest of claimx works on.

Example:
    >>> from claimx.types import Article
    >>> clean_article(Article(doc_id="x", text="**E**arlier today, jets struck Homs.")).text
    'Earlier today, jets struck Homs.'
"""

from claimx.normalize.dates import find_dateline, parse_date_value
from claimx.reading.clean import clean_article, clean_text, clean_title
from claimx.reading.discover import DEFAULT_MAX_BYTES, iter_inputs, read_file, read_text
from claimx.reading.formats import SUPPORTED_SUFFIXES

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "clean_article",
    "clean_text",
    "clean_title",
    "find_dateline",
    "iter_inputs",
    "parse_date_value",
    "read_file",
    "read_text",
]
