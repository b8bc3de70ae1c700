"""Assemble the report page: one self-contained HTML file that makes no request of any kind.

Article text never becomes markup. The view model goes into a
``<script type="application/json">`` block (``<``, ``>`` and ``&`` written as
``\\u003c`` ... so nothing can close the block), and the bundled script draws it
with ``textContent`` only. A Content-Security-Policy allows nothing but the
page's own inline script and style (by hash) and ``data:`` images.

Example (``sample_*``: the test sample, tests/report_sample.py):
    >>> from claimx.report.build import build_report
    >>> page = render_report(build_report(sample_input()))
    >>> "<script>window.__pwned" in page
    False
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from claimx.report.build import outlet_of
from claimx.report.geo import CREDIT
from claimx.report.model import ClaimView, EventView, RelationView, ReportData
from claimx.types import Dispute

_CLAIM_FIELDS: tuple[str, ...] = (
    "actor",
    "actor_norm",
    "action",
    "action_type",
    "target",
    "target_norm",
    "location",
    "location_norm",
    "admin1",
    "country",
    "date",
    "date_norm",
    "attributed_to",
    "killed",
    "injured",
)


@lru_cache(maxsize=8)
def asset(name: str) -> str:
    """The text of a bundled asset (``report.css``, ``report.js``, ...)."""
    return resources.files("claimx.report").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def json_for_script(value: Any) -> str:
    """JSON that is safe inside a ``<script type="application/json">`` block.

    Example:
        >>> json_for_script({"s": "</script><b>&"})
        '{"s":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


def csp_hash(text: str) -> str:
    """The CSP source expression (``'sha256-...'``) allowing exactly this inline script or style."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _claim_payload(view: ClaimView, outlet_index: dict[str, int], point: tuple[float, float] | None) -> dict:
    c = view.claim
    fields = {k: getattr(c, k) for k in _CLAIM_FIELDS if getattr(c, k) not in (None, "")}
    out: dict[str, Any] = {
        "id": c.claim_id,
        "doc": c.doc_id,
        "o": outlet_index[outlet_of(c)],
        "s": c.sentence,
        "m": [[m.start, m.end, m.role] for m in view.marks],
        "f": fields,
        "conf": round(c.confidence, 3),
    }
    if c.published:
        out["pub"] = c.published
    if c.negated:
        out["neg"] = 1
    if c.hedged:
        out["hed"] = 1
    if view.event_index is not None:
        out["e"] = view.event_index
    if view.disputed_slots:
        out["ds"] = list(view.disputed_slots)
    if point:
        out["pt"] = list(point)
    return out


MAX_CONTRADICTIONS_SHOWN = 200
"""Contradicting pairs an event carries into the page (each slot first); the rest are only counted."""
MAX_CORROBORATIONS_SHOWN = 3


def _shown_relations(view: EventView) -> list[RelationView]:
    contra = [r for r in view.relations if r.relation == "contradicts"]
    seen: set[str] = set()
    first, rest = [], []
    for r in contra:
        (rest if r.slot in seen else first).append(r)
        seen.add(r.slot)
    corro = [r for r in view.relations if r.relation == "corroborates"]
    return (first + rest)[:MAX_CONTRADICTIONS_SHOWN] + corro[:MAX_CORROBORATIONS_SHOWN]


def _dispute_payload(d: Dispute) -> list:
    """``[slot, reason, positions]``, each position ``[value, holders, evidence, hedged]``."""
    positions = []
    for p in d.positions:
        holders = [
            f"{who} in {src or 'an unnamed outlet'}" if who else (src or "an unnamed outlet")
            for src, who in zip(p.sources, p.speakers, strict=False)
        ]
        positions.append([p.value, holders, p.evidence, 1 if p.hedged else 0])
    return [d.slot, d.reason, positions]


def _event_payload(view: EventView) -> dict:
    ev = view.event
    out: dict[str, Any] = {
        "id": ev.event_id,
        "t": ev.action_type,
        "st": view.status,
        "c": list(view.claim_indices),
        "o": list(view.outlets),
        "r": [[r.claim_a, r.claim_b, r.relation, r.slot, r.reason] for r in _shown_relations(view)],
        "nr": [
            sum(r.relation == "contradicts" for r in view.relations),
            sum(r.relation == "corroborates" for r in view.relations),
        ],
    }
    optional = {
        "dp": [_dispute_payload(d) for d in view.disputes] or None,
        "d": ev.date_norm,
        "pl": view.place,
        "a1": ev.admin1 if ev.admin1 != view.place else None,
        "pt": list(view.point) if view.point else None,
        "ds": list(view.disputed_slots) or None,
        "act": list(ev.actors) or None,
        "tgt": list(ev.targets) or None,
        "k": [ev.killed_low, ev.killed_best, ev.killed_high] if ev.killed_best is not None else None,
    }
    out.update({k: v for k, v in optional.items() if v is not None})
    return out


def report_payload(data: ReportData) -> dict[str, Any]:
    """The view model as the plain JSON the page's script reads."""
    outlet_names = sorted({outlet_of(v.claim) for v in data.claims})
    outlet_index = {name: i for i, name in enumerate(outlet_names)}
    return {
        "meta": {
            "title": data.title,
            "origin": data.origin,
            "hasEvents": data.has_events,
            "notes": list(data.notes),
            "map": {"w": data.map_view.projection.width, "h": data.map_view.projection.height},
        },
        "outlets": outlet_names,
        "claims": [
            _claim_payload(v, outlet_index, p) for v, p in zip(data.claims, data.claim_points, strict=True)
        ],
        "events": [_event_payload(e) for e in data.events],
        "table": [
            [r.outlet, r.claims, r.articles, r.events, r.shared_events, r.corroborates, r.contradicts]
            for r in data.outlets
        ],
        "pairs": [[p.outlet_a, p.outlet_b, p.corroborates, p.contradicts] for p in data.pairs],
    }


_FILTERS = """<form id="filters" class="filters" role="search" autocomplete="off">
<label class="f-q">Search<input id="f-q" type="search"
 placeholder="words in sentences, names, places"></label>
<label>Outlet<select id="f-outlet"><option value="">all outlets</option></select></label>
<label>Place<input id="f-place" type="text" list="place-list" placeholder="any place"></label>
<datalist id="place-list"></datalist>
<label>From<input id="f-from" type="date"></label>
<label>To<input id="f-to" type="date"></label>
<label>Action<select id="f-type"><option value="">all actions</option></select></label>
<button id="f-reset" type="reset">Clear</button>
</form>"""


def _dot_legend(has_events: bool) -> str:
    if has_events:
        return "Dot area: number of events; red core: the disputed ones."
    return "Dot area: number of claims."


def render_report(data: ReportData) -> str:
    """The whole report as one self-contained HTML page."""
    css, js = asset("report.css"), asset("report.js")
    csp = (
        f"default-src 'none'; script-src {csp_hash(js)}; style-src {csp_hash(css)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    title = html.escape(data.title)
    origin = html.escape(data.origin)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header class="top">
<div class="brand"><h1>{title}</h1><p class="origin">{origin}</p></div>
<div id="stats" class="stats" aria-live="polite"></div>
</header>
{_FILTERS}
<main class="layout">
<section class="lists">
<nav id="tabs" class="tabs" role="tablist"></nav>
<div id="panel" class="panel" role="tabpanel"></div>
</section>
<aside class="side">
<figure class="card"><figcaption>Where <span id="map-note" class="note"></span></figcaption>
{data.map_view.svg()}
<p class="credit">{html.escape(CREDIT)}. {_dot_legend(data.has_events)}</p>
</figure>
<figure class="card"><figcaption>When <span id="time-note" class="note"></span></figcaption>
<svg id="timeline" class="timeline" viewBox="0 0 600 170" role="img" aria-label="Events per month"></svg>
<p class="credit">Click a month to keep only it; Clear to see all.</p>
</figure>
</aside>
</main>
<noscript><p class="noscript">The report's views need JavaScript, which runs offline from this file.</p>
</noscript>
<script type="application/json" id="claimx-data">{json_for_script(report_payload(data))}</script>
<script>{js}</script>
</body>
</html>
"""
