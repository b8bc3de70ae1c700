"""The progress bar of a batch run: articles done, articles per second, time left.

Drawn by tqdm on stderr. By default it is shown only when stderr is a terminal
(so logs and pipes stay clean); ``enabled=True`` forces it, ``False`` hides it.

Example:
    >>> with progress_bar(3, enabled=False) as bar:
    ...     bar.advance(claims=2, failed=False)
    >>> bar.done, bar.claims
    (1, 2)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Progress:
    """Counts finished articles and drives the bar (a no-op when hidden)."""

    def __init__(self, total: int, enabled: bool, stream: TextIO) -> None:
        self.total, self.done, self.claims, self.failed = total, 0, 0, 0
        self._bar = None
        if enabled and total > 0:
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                unit="article",
                desc="claimx batch",
                file=stream,
                dynamic_ncols=True,
                mininterval=0.5,
                smoothing=0.1,
            )

    def advance(self, *, claims: int, failed: bool) -> None:
        """One more article finished, with ``claims`` claims (or it ``failed``)."""
        self.done += 1
        self.claims += claims
        self.failed += int(failed)
        if self._bar is not None:
            self._bar.set_postfix(claims=self.claims, failed=self.failed, refresh=False)
            self._bar.update(1)

    def close(self) -> None:
        """Remove the bar from the terminal's last line."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


@contextmanager
def progress_bar(
    total: int, *, enabled: bool | None = None, stream: TextIO | None = None
) -> Iterator[Progress]:
    """A :class:`Progress` for ``total`` articles; shown on a terminal unless ``enabled`` says otherwise."""
    stream = stream if stream is not None else sys.stderr
    if enabled is None:
        enabled = bool(getattr(stream, "isatty", lambda: False)())
    bar = Progress(total, enabled, stream)
    try:
        yield bar
    finally:
        bar.close()
