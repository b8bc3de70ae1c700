"""pytest setup shared by the tests and the doctests of ``claimx/`` (collected with ``--doctest-modules``).

The report's doctests use the hand-made sample of ``tests/report_sample.py`` (kept out of the
package); this file puts its names into every doctest's namespace.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent / "tests"


@pytest.fixture(autouse=True)
def _report_sample_in_doctests(doctest_namespace: dict) -> None:
    """``sample_input``, ``sample_article``, ``sample_claims`` for the report's doctests."""
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    import report_sample

    for name in ("sample_input", "sample_article", "sample_claims"):
        doctest_namespace[name] = getattr(report_sample, name)
