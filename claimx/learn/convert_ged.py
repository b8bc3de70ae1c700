"""UCDP GED headlines -> claimx labelled documents: weak labels for place, date, toll and sides.

Each clean headline (a news item citing one GED event alone, ``events_citing_item == 1``)
becomes one document with one action, ``partial_actions`` set (other events a headline
names are not annotated) and ``slots`` listing only what GED lets us label:

- the trigger: the most specific action word of :data:`claimx.extract.lexicon.LEXICON` in
  the headline (generic ``kill``/``target``/``hit`` only when nothing else is there); a
  headline without one is skipped;
- ``location``: the first place the gazetteer finds whose governorate is GED's (or whose
  name is GED's ``where_coordinates``); the slot is left out when none is found;
- ``date``: a date expression that resolves (against the publication date) to within a
  day of GED's dates; the slot is labelled empty when the headline has no date-like word,
  and left out when it has one that does not agree;
- ``killed``: a number written in digits inside GED's ``[low, high]``; empty when the
  headline states no number and no death word; left out otherwise;
- ``actor`` / ``target``: a named party (``regime forces``, ``ISIS``, ``SDF``, ``civilians``)
  on one of GED's two sides, before the trigger (actor) or after it (target); the slot is
  left out when the headline names none.

Documents of the fixed hold-out (:func:`claimx.ged.data.is_holdout`) get split ``test``,
never ``train``; one in eight of the others ``dev``; the rest ``train``.

Example:
    >>> from claimx.ged.data import GedEvent, GedItem
    >>> it = GedItem("1", 1, "SOHR", "2016-05-02", "Regime warplanes kill 5 civilians in Kafr Nabl", 1)
    >>> ev = GedEvent("1", "Government of Syria", "Civilians", 3, "Kafr Nabl town", 1,
    ...               "Idlib Governorate", "Idlib", "2016-05-02", "2016-05-02", 5, 5, 6, (it,))
    >>> doc = headline_doc(ev, it)
    >>> a = doc.actions[0]
    >>> a.text, a.type, a.killed, a.arg("location").text, a.arg("target").text
    ('kill', 'attack', 5, 'Kafr Nabl', 'civilians')
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from claimx.ged.data import GED_COUNTRIES, GedEvent, GedItem, clean_pairs, is_holdout, read_events
from claimx.learn.labelled import LabelledAction, LabelledArg, LabelledDoc

ORIGIN = "UCDP-GED"
GENERIC_TRIGGERS = frozenset({"kill", "target", "hit", "casualty", "attack", "operation"})
"""Lemmas used as the trigger only when the headline has no more specific action word."""

_IRREGULAR = {"shot": "shoot", "took": "take", "hit": "hit", "fought": "fight", "overran": "overrun"}
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")
_DATE_WORD_RE = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tonight|last night|this morning|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?|"
    r"\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?:,? \d{4})?|"
    r"\d{1,2}/\d{1,2}/\d{4})\b",
    re.IGNORECASE,
)
_DEATH_RE = re.compile(r"\b(?:kill\w*|dead|death\w*|die[sd]?|martyr\w*|casualt\w*|bodies)\b", re.IGNORECASE)
_VICTIM_RE = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:were |are |have been )?(?:killed|dead|died|wounded|injured|executed)\b",
    re.IGNORECASE,
)
"""Words after a party that make it the victim even before the trigger."""
_PARTY_RE = re.compile(
    r"\b(?:regime forces|regime|government forces|Syrian army|Russian (?:warplanes|jets|aircraft)|"
    r"Islamic State|ISIS|ISIL|(?-i:IS)|Daesh|SDF|Syrian Democratic Forces|YPG|rebels|rebel factions|factions|"
    r"Hay(?:y)?a(?:a)?t Tahrir al-Sham|HTS|Jaysh al-Islam|Ahrar al-Sham|Turkish (?:forces|army|soldiers)|"
    r"(?:international |US-led )?coalition|civilians|citizens|children|people)\b",
    re.IGNORECASE,
)


def _lemma_candidates(word: str) -> list[str]:
    w = word.lower()
    out = [w, _IRREGULAR.get(w, w)]
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
    ):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            out.append(w[: -len(suffix)] + repl)
    if w.endswith("ing"):
        out.append(w[:-3] + "e")
    return out


def find_triggers(text: str) -> list[tuple[int, int, str, bool]]:
    """``(start, end, action type, generic)`` for each lexicon trigger in ``text``, phrases first.

    >>> [(text[s:e], t) for text in ["Car bomb explosion kills 3"] for s, e, t, _ in find_triggers(text)]
    [('Car bomb', 'remote_explosive'), ('explosion', 'remote_explosive'), ('kills', 'attack')]
    """
    from claimx.extract.lexicon import LEXICON

    words = list(_WORD_RE.finditer(text))
    taken: set[int] = set()
    out = []
    for n in range(len(words)):
        for size in range(LEXICON.max_phrase_len, 1, -1):
            chunk = words[n : n + size]
            if len(chunk) == size and not taken & set(range(n, n + size)):
                kind = LEXICON.phrase_type(tuple(w.group().lower() for w in chunk))
                if kind is not None:
                    out.append((chunk[0].start(), chunk[-1].end(), kind, False))
                    taken.update(range(n, n + size))
    for n, w in enumerate(words):
        if n in taken:
            continue
        for lemma in _lemma_candidates(w.group()):
            hit = LEXICON.words.get(lemma) or LEXICON.words.get(f"{lemma}/NOUN")
            if hit is not None:
                out.append((w.start(), w.end(), hit[0], lemma in GENERIC_TRIGGERS))
                break
    return sorted(out)


def _where_name(where: str) -> str:
    return re.sub(
        r"\s+(?:village|town|city|suburb|area|district|neighbou?rhood|camp|farms?)$", "", where
    ).strip()


def _location(text: str, event: GedEvent) -> tuple[int, int] | None:
    from claimx.resolve.places import place_spans

    name = _where_name(event.where).lower()
    for s, e, place in place_spans(text, GED_COUNTRIES):
        if place.admin1 == event.governorate or (name and text[s:e].lower() == name):
            return s, e
    return None


def _date(text: str, item: GedItem, event: GedEvent) -> tuple[int, int] | bool | None:
    """The date span; None when the headline has no date word; False when its date disagrees."""
    from claimx.ged.check import in_day_window
    from claimx.normalize.dates import resolve_date

    m = _DATE_WORD_RE.search(text)
    if m is None:
        return None
    resolved = resolve_date(m.group(), item.published)
    return (m.start(), m.end()) if in_day_window(resolved, event.date_start, event.date_end) else False


def _killed(text: str, event: GedEvent) -> int | bool | None:
    """GED's toll as the headline writes it; None when it states no toll; False when unsure."""
    from claimx.ged.check import stated_numbers

    numbers = stated_numbers(text)
    inside = [n for n in numbers if event.low <= n <= event.high]
    if inside:
        return inside[0]
    return None if not numbers and not _DEATH_RE.search(text) else False


def _parties(text: str, event: GedEvent, trigger: tuple[int, int]) -> list[LabelledArg]:
    from claimx.ged.check import ged_sides
    from claimx.knowledge import Knowledge
    from claimx.resolve.sides import actor_side

    sides, args = ged_sides(event), {}
    k = Knowledge.from_settings()
    for m in _PARTY_RE.finditer(text):
        side = actor_side(m.group(), m.group(), k.actors, k.sides_for("Syria"))
        if side is None or side not in sides:
            continue
        victim = _VICTIM_RE.match(text, m.end()) is not None  # "104 ISIS militants killed in strikes"
        before, after = m.end() <= trigger[0], m.start() >= trigger[1]
        role = "target" if after or (before and victim) else "actor" if before else None
        if role is not None and role not in args:
            args[role] = LabelledArg(role, m.start(), m.end(), m.group())
    return list(args.values())


def _pick_trigger(text: str, near: int | None) -> tuple[int, int, str] | None:
    triggers = find_triggers(text)
    specific = [t for t in triggers if not t[3]] or triggers
    if not specific:
        return None
    best = min(specific, key=lambda t: abs(t[0] - near) if near is not None else t[0])
    return best[0], best[1], best[2]


def split_for(event_id: str) -> str:
    """``test`` for the hold-out; ``dev`` for one in eight of the rest; else ``train``."""
    if is_holdout(event_id):
        return "test"
    return "dev" if hashlib.sha256(f"dev:{event_id}".encode()).digest()[0] % 8 == 0 else "train"


def headline_doc(event: GedEvent, item: GedItem) -> LabelledDoc | None:
    """The labelled document of one clean headline, or None when it has no trigger word."""
    text = item.headline
    loc = _location(text, event)
    trig = _pick_trigger(text, loc[0] if loc else None)
    if trig is None:
        return None
    slots = ["action", "action_type"]
    args = []
    if loc is not None:
        slots.append("location")
        args.append(LabelledArg("location", loc[0], loc[1], text[loc[0] : loc[1]]))
    date = _date(text, item, event)
    if date is not False:
        slots.append("date")
        if date is not None:
            args.append(LabelledArg("date", date[0], date[1], text[date[0] : date[1]]))
    killed = _killed(text, event)
    if killed is not False:
        slots.append("killed")
    for arg in _parties(text, event, trig[:2]):
        slots.append(arg.role)
        args.append(arg)
    action = LabelledAction(
        start=trig[0],
        end=trig[1],
        text=text[trig[0] : trig[1]],
        type=trig[2],
        args=tuple(sorted(args, key=lambda a: a.start)),
        killed=killed if isinstance(killed, int) and not isinstance(killed, bool) else None,
    )
    return LabelledDoc(
        id=item.doc_id,
        text=text,
        actions=(action,),
        source=item.office,
        published=item.published,
        split=split_for(event.id),
        origin=ORIGIN,
        partial_actions=True,
        slots=tuple(slots),
    )


def convert_events(events: Iterable[GedEvent]) -> list[LabelledDoc]:
    """Labelled documents for every clean headline of ``events`` that has a trigger word."""
    return [d for e, i in clean_pairs(events) if (d := headline_doc(e, i)) is not None]


def convert_ged(path: Path) -> list[LabelledDoc]:
    """Labelled documents of a GED sources-long CSV (hold-out documents have split ``test``)."""
    return convert_events(read_events(path))
