"""What every frame finder provides: a name, a version and ``find(docs) -> frames per doc``.

Example:
    >>> class NoFrames:
    ...     name, version = "none", "0"
    ...     def find(self, docs):
    ...         return [[] for _ in docs]
    >>> finder: FrameFinder = NoFrames()
    >>> finder.find(["a doc", "another"])
    [[], []]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc

from claimx.types import Frame


class FrameFinder(Protocol):
    """What the rules and the learned models both provide."""

    name: str
    version: str

    def find(self, docs: Sequence[Doc]) -> list[list[Frame]]:
        """Frames of each doc; must not change the docs."""
        ...
