"""Marking claims in text: the sentence marks of the report and the one-article page."""

from __future__ import annotations

import dataclasses
import itertools
import re

from report_sample import HOSTILE_IMG, HOSTILE_SCRIPT, make_claim, sample_article

from claimx.report import render_article
from claimx.report.article import article_marks
from claimx.report.marks import claim_marks, find_number, find_span
from claimx.types import Article


def test_find_span_prefers_exact_case_and_skips_taken_ground() -> None:
    s = "Aleppo said the aleppo office in Aleppo was hit."
    assert find_span(s, "Aleppo", []) == (0, 6)
    assert find_span(s, "Aleppo", [(0, 6)]) == (33, 39)
    assert find_span(s, "ALEPPO", [(0, 6), (33, 39)]) == (16, 22)
    assert find_span(s, "Homs", []) is None
    assert find_span("The coalition said it struck.", "it", []) == (19, 21)  # not inside "coalition"


def test_find_number_matches_whole_figures_only() -> None:
    s = "In 2013, 133 people died; officials said 33, then 1,200."
    assert s[slice(*find_number(s, 33, []))] == "33"
    assert find_number(s, 33, [])[0] == s.index(" 33,") + 1
    assert s[slice(*find_number(s, 1200, []))] == "1,200"
    assert find_number(s, 13, []) is None


def test_claim_marks_use_action_offsets_then_surface_text() -> None:
    claim = make_claim(
        "c",
        "d",
        "x",
        "Jets struck Homs and struck Hama.",
        "struck",
        actor="Jets",
        location="Hama",
        sent_start=100,
    )
    claim = dataclasses.replace(claim, action_start=100 + 21, action_end=100 + 27)  # the second "struck"
    marks = {m.role: (m.start, m.end) for m in claim_marks(claim)}
    assert marks == {"action": (21, 27), "actor": (0, 4), "location": (28, 32)}
    broken = dataclasses.replace(claim, action_start=5000, action_end=5006)  # offsets from elsewhere
    assert {m.role: m.start for m in claim_marks(broken)}["action"] == 5


def test_article_marks_share_spans_and_find_moved_sentences() -> None:
    article, claims = sample_article()
    marks = article_marks(article.text, claims)
    spans = [(m.start, m.end) for m in marks]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert {article.text[m.start : m.end] for m in marks} >= {"attacked", "shelled", "Idlib", "4"}
    moved = Article(doc_id=article.doc_id, text="Header line.\n" + article.text)
    assert len(article_marks(moved.text, claims)) == len(marks)


def test_article_page_escapes_everything_and_lists_claims() -> None:
    article, claims = sample_article()
    page = render_article(article, claims)
    assert HOSTILE_SCRIPT not in page and HOSTILE_IMG not in page
    assert "&lt;script&gt;window.__pwned" in page
    assert "<script" not in page  # the page has no script at all
    assert re.search(r"default-src 'none'", page.replace("&#x27;", "'"))
    assert page.count("<tr>") == 1 + len(claims)
    assert page.count('<mark class="ent m-action" title=') == 2
    empty = render_article(Article(doc_id="x", text="Nothing happened."), [])
    assert "No claims were found" in empty
