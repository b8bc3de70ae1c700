"""Reports a person can read: the HTML report of a resolve output, and one article's claims as HTML.

Example (``sample_*``: the test sample, tests/report_sample.py):
    >>> page = render_report(build_report(sample_input()))
    >>> page.startswith("<!doctype html>")
    True
"""

from claimx.report.article import render_article
from claimx.report.build import build_report
from claimx.report.html import render_report
from claimx.report.load import load_report_input

__all__ = ["build_report", "load_report_input", "render_article", "render_report"]
