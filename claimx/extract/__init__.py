"""Claim extraction: spaCy parse, frame finders (rules or learned), claim building.

Names are imported on first use, so that importing a light submodule (the learned network's
``claimx.extract.finders.learned.align``, used by training) does not load spaCy.

Example:
    >>> from claimx.extract import Extractor
    >>> Extractor.__name__
    'Extractor'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimx.extract.extractor import Extractor
    from claimx.extract.finders.base import FrameFinder

__all__ = ["Extractor", "FrameFinder"]


def __getattr__(name: str) -> Any:
    """``Extractor`` and ``FrameFinder``, imported when first asked for."""
    if name == "Extractor":
        from claimx.extract.extractor import Extractor

        return Extractor
    if name == "FrameFinder":
        from claimx.extract.finders.base import FrameFinder

        return FrameFinder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
