"""Claim extraction: spaCy parse, frame finders (rules or learned), claim building.

Example:
    >>> from claimx.extract import Extractor
    >>> Extractor.__name__
    'Extractor'
"""

from claimx.extract.extractor import Extractor, FrameFinder

__all__ = ["Extractor", "FrameFinder"]
