"""A small hand-made resolve output (claims, events, relations), hostile text included.

Used by the report's tests and as a demo (``python tests/report_sample.py OUT.html``).
One article holds ``<script>`` and ``<img onerror=...>`` in its text, names and outlet,
so a page that renders it must show them as characters and run nothing.

Example:
    >>> inp = sample_input()
    >>> len(inp.claims), len(inp.events), inp.has_events
    (7, 4, True)
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path
from typing import Any

from claimx.report.model import ReportInput
from claimx.types import Article, Claim, Event, Relation

HOSTILE_SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=window.__pwned=1>"

HOSTILE_TEXT = (
    f"Gunmen {HOSTILE_SCRIPT} attacked a checkpoint in Idlib on Monday. "
    f"The group {HOSTILE_IMG} shelled the village of Kafr Nabl, killing 4 people."
)


def make_claim(
    claim_id: str, doc_id: str, source: str | None, sentence: str, action: str, **slots: Any
) -> Claim:
    """A claim whose sentence starts at ``sent_start`` (default 0) and whose action offsets are found.

    Example:
        >>> make_claim("c", "d", "x", "Jets struck Homs.", "struck").action_start
        5
    """
    sent_start = int(slots.pop("sent_start", 0))
    pos = sentence.index(action)
    rec: dict[str, Any] = {
        "claim_id": claim_id,
        "doc_id": doc_id,
        "source": source,
        "published": slots.pop("published", None),
        "sentence": sentence,
        "sent_start": sent_start,
        "sent_end": sent_start + len(sentence),
        "action": action,
        "action_start": sent_start + pos,
        "action_end": sent_start + pos + len(action),
        "action_type": slots.pop("action_type", "attack"),
        "negated": slots.pop("negated", False),
        "hedged": slots.pop("hedged", False),
        "confidence": slots.pop("confidence", 0.8),
    }
    rec.update(slots)
    return Claim.from_record(rec)


def sample_claims() -> list[Claim]:
    """Seven claims from five outlets: a disputed strike, a corroborated shelling, hostile text."""
    douma = {"location": "Douma", "location_norm": "Douma", "admin1": "Rif Dimashq", "country": "Syria"}
    douma |= {"lat": 33.57, "lon": 36.4, "date_norm": "2018-04-07", "action_type": "air_strike"}
    aleppo = {"location": "Aleppo", "location_norm": "Aleppo", "admin1": "Aleppo", "country": "Syria"}
    aleppo |= {"lat": 36.2, "lon": 37.16, "date_norm": "2016-09-21", "action_type": "shelling"}
    idlib = {"location": "Idlib", "location_norm": "Idlib", "admin1": "Idlib", "country": "Syria"}
    idlib |= {"lat": 35.93, "lon": 36.63, "date_norm": "2017-03-06"}
    s1 = "Syrian jets struck Douma on Saturday, killing at least 33 civilians, rescuers said."
    s2 = "The army denied that its aircraft struck Douma, calling the reports fabricated."
    s3 = "Warplanes struck Douma on Saturday, killing 12 people."
    s4 = "Rebels shelled western Aleppo on Wednesday, killing 5 civilians."
    s5 = "Insurgents shelled Aleppo's western districts, killing 5 people."
    hostile_sent, hostile_sent2 = HOSTILE_TEXT.split(". ", 1)
    hostile_sent += "."
    return [
        make_claim(
            "c1",
            "reuters-1",
            "reuters",
            s1,
            "struck",
            actor="Syrian jets",
            actor_norm="Syria",
            target="civilians",
            date="Saturday",
            killed=33,
            attributed_to="rescuers",
            published="2018-04-08",
            **douma,
        ),
        make_claim(
            "c2",
            "sana-1",
            "sana",
            s2,
            "struck",
            actor="its aircraft",
            actor_norm="Syria",
            negated=True,
            published="2018-04-08",
            **douma,
        ),
        make_claim(
            "c3",
            "alaraby-1",
            "alaraby",
            s3,
            "struck",
            actor="Warplanes",
            date="Saturday",
            target="people",
            killed=12,
            published="2018-04-09",
            **douma,
        ),
        make_claim(
            "c4",
            "reuters-2",
            "reuters",
            s4,
            "shelled",
            actor="Rebels",
            target="western Aleppo",
            date="Wednesday",
            killed=5,
            published="2016-09-22",
            **aleppo,
        ),
        make_claim(
            "c5",
            "ahram-1",
            "ahram",
            s5,
            "shelled",
            actor="Insurgents",
            target="western districts",
            killed=5,
            published="2016-09-22",
            **aleppo,
        ),
        make_claim(
            "c6",
            "evil-1",
            HOSTILE_IMG,
            hostile_sent,
            "attacked",
            actor=f"Gunmen {HOSTILE_SCRIPT}",
            target="a checkpoint",
            date="Monday",
            published="2017-03-07",
            **idlib,
        ),
        make_claim(
            "c7",
            "evil-1",
            HOSTILE_IMG,
            hostile_sent2,
            "shelled",
            actor=f"The group {HOSTILE_IMG}",
            target="the village of Kafr Nabl",
            location="Kafr Nabl",
            killed=4,
            sent_start=len(hostile_sent) + 1,
            published="2017-03-07",
            action_type="shelling",
            admin1="Idlib",
            country="Syria",
        ),
    ]


def sample_events() -> list[Event]:
    """Four events over the sample claims: contested, corroborated, and two single-source ones."""
    base: dict[str, Any] = {"killed_low": None, "killed_best": None, "killed_high": None}
    return [
        Event(
            "e1",
            ("c1", "c2", "c3"),
            ("reuters-1", "sana-1", "alaraby-1"),
            ("reuters", "sana", "alaraby"),
            "air_strike",
            "2018-04-07",
            "Douma",
            "Rif Dimashq",
            33.57,
            36.4,
            ("Syria",),
            ("civilians",),
            12,
            33,
            33,
            True,
        ),
        Event(
            "e2",
            ("c4", "c5"),
            ("reuters-2", "ahram-1"),
            ("reuters", "ahram"),
            "shelling",
            "2016-09-21",
            "Aleppo",
            "Aleppo",
            36.2,
            37.16,
            ("Rebels",),
            ("western Aleppo",),
            5,
            5,
            5,
            False,
        ),
        Event(
            "e3",
            ("c6",),
            ("evil-1",),
            (HOSTILE_IMG,),
            "attack",
            "2017-03-06",
            "Idlib",
            "Idlib",
            35.93,
            36.63,
            (f"Gunmen {HOSTILE_SCRIPT}",),
            ("a checkpoint",),
            contested=False,
            **base,
        ),
        Event(
            "e4",
            ("c7",),
            ("evil-1",),
            (HOSTILE_IMG,),
            "shelling",
            None,
            f"Kafr Nabl {HOSTILE_SCRIPT}",
            "Idlib",
            None,
            None,
            (),
            (),
            4,
            4,
            4,
            False,
        ),
    ]


def sample_relations() -> list[Relation]:
    """Relations over the sample claims: the Douma strike's death toll and denial are disputed."""
    return [
        Relation("c1", "c3", "contradicts", "killed", "reuters says 33 were killed, alaraby says 12"),
        Relation(
            "c1",
            "c2",
            "contradicts",
            "negation",
            f"sana denies the strike that reuters reports {HOSTILE_SCRIPT}",
        ),
        Relation(
            "c4",
            "c5",
            "corroborates",
            "event",
            "reuters and ahram both report 5 killed by shelling in Aleppo",
        ),
    ]


def sample_input() -> ReportInput:
    """The sample as a report input with events."""
    return ReportInput(
        claims=tuple(sample_claims()),
        events=tuple(sample_events()),
        relations=tuple(sample_relations()),
        has_events=True,
        origin="claimx sample data",
    )


def sample_article() -> tuple[Article, list[Claim]]:
    """The hostile article (cleaned text) and its two claims."""
    claims = [c for c in sample_claims() if c.doc_id == "evil-1"]
    title = f"Attack in Idlib {HOSTILE_SCRIPT}"
    return Article(doc_id="evil-1", text=HOSTILE_TEXT, title=title, source=HOSTILE_IMG), claims


_OUTLETS = (
    "ahram",
    "manar",
    "alalam",
    "alaraby",
    "dailysabah",
    "sana",
    "sputnik",
    "etilaf",
    "trt",
    "reuters",
)
_PLACES = (
    ("Aleppo", "Aleppo", 36.2, 37.16),
    ("Douma", "Rif Dimashq", 33.57, 36.4),
    ("Idlib", "Idlib", 35.93, 36.63),
    ("Deir ez-Zor", "Deir ez-Zor", 35.34, 40.14),
    ("Raqqa", "Raqqa", 35.95, 39.01),
    ("Homs", "Homs", 34.73, 36.72),
    ("Hama", "Hama", 35.13, 36.76),
    ("Daraa", "Daraa", 32.62, 36.1),
    ("Qamishli", "Hasakah", 37.05, 41.23),
    ("Khan Shaykhun", "Idlib", 35.44, 36.65),
)
_ACTIONS = (
    ("struck", "air_strike"),
    ("shelled", "shelling"),
    ("attacked", "attack"),
    ("seized", "territory_seized"),
)


def synthetic_input(n_claims: int = 5000, seed: int = 7) -> ReportInput:
    """A FA-KES-sized made-up resolve output (for timing and browser checks), the same for the same seed.

    Example:
        >>> len(synthetic_input(40).claims)
        40
    """
    import random

    rng = random.Random(seed)
    claims: list[Claim] = []
    events: list[Event] = []
    relations: list[Relation] = []
    while len(claims) < n_claims:
        e_n = len(events)
        place, admin1, lat, lon = rng.choice(_PLACES)
        verb, action_type = rng.choice(_ACTIONS)
        day = f"{rng.randint(2011, 2018)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        size = min(rng.choice((1, 1, 1, 2, 2, 3, 4, 6)), n_claims - len(claims))
        members = []
        for k in range(size):
            killed = rng.choice((None, 3, 5, 12, 33))
            sentence = f"Fighters {verb} positions in {place} on {day}" + (
                f", killing {killed} people." if killed else "."
            )
            cid = f"s{e_n}-{k}"
            claims.append(
                make_claim(
                    cid,
                    f"doc{e_n}-{k}",
                    rng.choice(_OUTLETS),
                    sentence,
                    verb,
                    actor="Fighters",
                    target="positions",
                    location=place,
                    location_norm=place,
                    admin1=admin1,
                    country="Syria",
                    lat=lat,
                    lon=lon,
                    date=day,
                    date_norm=day,
                    killed=killed,
                    action_type=action_type,
                    published=day,
                )
            )
            members.append(claims[-1])
        contested = False
        for a, b in itertools.pairwise(members):
            differ = a.killed is not None and b.killed is not None and a.killed != b.killed
            contested |= differ
            relations.append(
                Relation(
                    a.claim_id,
                    b.claim_id,
                    "contradicts" if differ else "corroborates",
                    "killed" if differ else "event",
                    f"{a.source} says {a.killed}, {b.source} says {b.killed}",
                )
            )
        events.append(
            Event(
                f"ev{e_n}",
                tuple(c.claim_id for c in members),
                tuple(c.doc_id for c in members),
                tuple(c.source for c in members),
                action_type,
                day,
                place,
                admin1,
                lat,
                lon,
                ("Fighters",),
                ("positions",),
                None,
                None,
                None,
                contested,
            )
        )
    return ReportInput(
        tuple(claims), tuple(events), tuple(relations), True, f"synthetic data ({n_claims} claims)"
    )


if __name__ == "__main__":  # pragma: no cover - a demo
    from claimx.report.build import build_report
    from claimx.report.html import render_report

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "sample_report.html")
    out.write_text(render_report(build_report(sample_input())), encoding="utf-8")
    print(out)
