"""One article as a self-contained HTML page, its claims marked in the text (in the spirit of displaCy).

Every piece of the article (title, text, names) is escaped; the page has no
script and a Content-Security-Policy that lets nothing load.

Example (``sample_*``: the test sample, tests/report_sample.py):
    >>> page = render_article(*sample_article())
    >>> "&lt;script&gt;" in page and "<script>" not in page
    True
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from claimx.report.html import asset, csp_hash
from claimx.report.marks import claim_marks
from claimx.types import Article, Claim

ROLE_LABELS: dict[str, str] = {
    "action": "action",
    "actor": "actor",
    "target": "target",
    "location": "place",
    "date": "date",
    "killed": "killed",
    "injured": "injured",
}


@dataclass(frozen=True, slots=True)
class ArticleMark:
    """A marked span of the article text and the claims (1-based numbers) it belongs to."""

    start: int
    end: int
    role: str
    claims: tuple[int, ...]


def sentence_offset(text: str, claim: Claim) -> int | None:
    """Where the claim's sentence starts in ``text``: its ``sent_start`` when the text agrees, else found."""
    if claim.sentence and text[claim.sent_start : claim.sent_start + len(claim.sentence)] == claim.sentence:
        return claim.sent_start
    pos = text.find(claim.sentence) if claim.sentence else -1
    return pos if pos >= 0 else None


def article_marks(text: str, claims: Sequence[Claim]) -> list[ArticleMark]:
    """Non-overlapping marks over the article text; a span shared by several claims is marked once.

    Example (``sample_*``: the test sample, tests/report_sample.py):
        >>> art, cs = sample_article()
        >>> [m.role for m in article_marks(art.text, cs)][:2]
        ['actor', 'action']
    """
    found: dict[tuple[int, int, str], list[int]] = {}
    for n, claim in enumerate(claims, 1):
        base = sentence_offset(text, claim)
        if base is None:
            continue
        for m in claim_marks(claim):
            found.setdefault((base + m.start, base + m.end, m.role), []).append(n)
    accepted: list[ArticleMark] = []
    for (start, end, role), numbers in sorted(found.items(), key=lambda kv: (kv[0][0], kv[0][0] - kv[0][1])):
        if accepted and start < accepted[-1].end:
            continue  # overlaps a longer or earlier mark
        accepted.append(ArticleMark(start, end, role, tuple(numbers)))
    return accepted


def _marked_text(text: str, marks: list[ArticleMark]) -> str:
    out, pos = [], 0
    for m in marks:
        out.append(html.escape(text[pos : m.start]))
        nums = ",".join(str(n) for n in m.claims)
        out.append(
            f'<mark class="ent m-{m.role}" title="claim {nums}">{html.escape(text[m.start : m.end])}'
            f'<span class="ent-label">{ROLE_LABELS.get(m.role, m.role)}<sup>{nums}</sup></span></mark>'
        )
        pos = m.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _cell(value: object, norm: object = None) -> str:
    if value is None or value == "":
        return "<td></td>"
    text = html.escape(str(value))
    if norm is not None and norm != value:
        text += f' <span class="norm">→ {html.escape(str(norm))}</span>'
    return f"<td>{text}</td>"


def _claims_table(claims: Sequence[Claim]) -> str:
    if not claims:
        return '<p class="none">No claims were found in this article.</p>'
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "#",
            "actor",
            "action",
            "target",
            "place",
            "date",
            "says who",
            "killed",
            "injured",
            "flags",
            "conf.",
        )
    )
    rows = []
    for n, c in enumerate(claims, 1):
        seen = {c.location}
        place_parts = []
        for x in (c.location_norm, c.admin1):
            if x and x not in seen:
                place_parts.append(x)
                seen.add(x)
        place = ", ".join(place_parts) or None
        flags = " ".join(f for f, on in (("denied", c.negated), ("hedged", c.hedged)) if on)
        action_type = c.action_type.replace("_", " ")
        rows.append(
            f"<tr><td>{n}</td>{_cell(c.actor, c.actor_norm)}{_cell(c.action, action_type)}"
            f"{_cell(c.target, c.target_norm)}{_cell(c.location, place)}{_cell(c.date, c.date_norm)}"
            f"{_cell(c.attributed_to)}{_cell(c.killed)}{_cell(c.injured)}{_cell(flags)}"
            f"{_cell(f'{c.confidence:.2f}')}</tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_article(article: Article, claims: Sequence[Claim]) -> str:
    """A self-contained HTML page of one cleaned article with its claims marked, and a claims table.

    ``article.text`` must be the cleaned text the claims' offsets refer to; a claim
    whose sentence is not found there is listed in the table but not marked.
    """
    css = asset("article.css")
    csp = f"default-src 'none'; style-src {csp_hash(css)}; img-src data:; base-uri 'none'; form-action 'none'"
    title = article.title or article.doc_id
    meta = " · ".join(
        html.escape(x) for x in (article.doc_id, article.source, article.published, article.url) if x
    )
    legend = "".join(
        f'<mark class="ent m-{role}">{label}</mark>'
        for role, label in ROLE_LABELS.items()
        if role != "injured"
    )
    marks = article_marks(article.text, claims)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{html.escape(title)}</title>
<style>{css}</style>
</head>
<body>
<main>
<h1>{html.escape(title)}</h1>
<p class="meta">{meta} · {len(claims)} claim(s)</p>
<div class="legend">{legend}</div>
<div class="text">{_marked_text(article.text, marks)}</div>
<h2>Claims</h2>
{_claims_table(claims)}
</main>
</body>
</html>
"""
