"""claimx: who did what to whom, where and when, and who says otherwise.

Turns news articles about armed conflict into checkable claims
(actor, action, target, location, date, attribution, casualties), links
claims from different sources to events and judges where they agree.

Example:
    >>> from claimx.types import Article
    >>> Article(doc_id="a", text="...").doc_id
    'a'
"""

__version__ = "0.1.0"
