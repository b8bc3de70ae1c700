"""From frames to claims: attribution, casualties, negation, hedging, normalisation.

Both the rules and the learned models produce :class:`~claimx.types.Frame`
objects; this module turns them into contract :class:`~claimx.types.Claim`
records the same way, so the two paths differ only in what they find.

Cross-sentence context: a violent claim whose sentence states no date or place
takes them from the nearest earlier claim of the same paragraph (else the
article's lead claim), with lower confidence, the way a reader does.

Example:
    >>> claim_id("doc", 10, 18, "air_strike") == claim_id("doc", 10, 18, "air_strike")
    True
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimx.actions import VIOLENT_ACTION_TYPES
from claimx.extract.attribution import find_speaker, is_pronoun, sentence_speaker
from claimx.extract.casualties import Casualty, find_casualties
from claimx.extract.modality import is_hedged, is_negated
from claimx.knowledge import Knowledge
from claimx.types import Article, Claim, Frame, Place, Span


def claim_id(doc_id: str, start: int, end: int, action_type: str) -> str:
    """A stable id: the same document, action offsets and type give the same id."""
    h = hashlib.sha1(f"{doc_id}\x1f{start}\x1f{end}\x1f{action_type}".encode()).hexdigest()[:16]
    return f"c-{h}"


@dataclass(frozen=True)
class Normalizers:
    """The normalisation functions a claim builder uses (swappable in tests)."""

    place: Callable[[str], Place | None]
    actor: Callable[[str], str | None]
    date: Callable[[str, str | None], str | None]
    place_in: Callable[[Sequence[str]], Callable[[str], Place | None]] | None = None
    """Optional: a place lookup bound to an article's place names (its country context)."""

    @classmethod
    def from_knowledge(cls, knowledge: Knowledge) -> Normalizers:
        """The knowledge's gazetteer and actor table, and the date resolver of :mod:`claimx.normalize`."""
        from claimx.normalize.dates import resolve_date

        return cls(
            place=knowledge.gazetteer.lookup,
            actor=knowledge.actors.canonical,
            date=resolve_date,
            place_in=knowledge.gazetteer.resolver,
        )


@dataclass(frozen=True, slots=True)
class _Context:
    """Date/place of a claim that later sentences may inherit."""

    date: str | None
    date_norm: str | None
    location: str | None
    place: Place | None
    para_start: int


class ClaimBuilder:
    """Builds claims from the frames of one document.

    >>> ClaimBuilder.__name__
    'ClaimBuilder'
    """

    def __init__(self, normalizers: Normalizers) -> None:
        self.norm = normalizers

    def build(self, article: Article, doc: Doc, frames: Sequence[Frame]) -> list[Claim]:  # noqa: C901, PLR0912, PLR0915 (one pass over the frames: the date and place context it carries from claim to claim is local state)
        """Claims of ``article`` (cleaned; ``doc`` is its parse) from ``frames``, in text order."""
        claims: list[Claim] = []
        lead: _Context | None = None
        last: _Context | None = None
        casualty_cache: dict[int, list[Casualty]] = {}
        frames = sorted(frames, key=lambda f: (f.action.start, f.action.end))
        named_before: list[tuple[int, str]] = []  # (sentence start, speaker) over the whole doc
        for s in doc.sents:
            sp = sentence_speaker(s)
            if sp is not None:
                named_before.append((s.start_char, sp.text))
        place_of = self.norm.place
        if self.norm.place_in is not None:  # "Charleston" in an article about South Carolina
            place_of = self.norm.place_in([e.text for e in doc.ents if e.label_ in ("GPE", "LOC")])
        sent_frames: dict[int, list[Frame]] = {}
        for f in frames:
            sent_frames.setdefault(f.sent_start, []).append(f)
        for f in frames:
            sent = doc.char_span(f.sent_start, f.sent_end, alignment_mode="expand")
            trig_span = doc.char_span(f.action.start, f.action.end, alignment_mode="expand")
            if sent is None or trig_span is None:
                continue
            trigger = trig_span.root
            speaker_sp = find_speaker(trigger, sent)
            attributed: str | None = None
            if speaker_sp is not None:
                if is_pronoun(speaker_sp):
                    earlier = [name for start, name in named_before if start < f.sent_start]
                    attributed = earlier[-1] if earlier else speaker_sp.text
                else:
                    attributed = speaker_sp.text
            # casualties: the figures nearest this trigger among the sentence's frames
            if f.sent_start not in casualty_cache:
                casualty_cache[f.sent_start] = find_casualties(sent.text)
            killed, injured = self._casualties_for(
                doc, f, sent_frames[f.sent_start], casualty_cache[f.sent_start], sent.start_char
            )
            actor = f.arg("actor")
            target = f.arg("target")
            loc = f.arg("location")
            date = f.arg("date")
            actor_norm = self.norm.actor(actor.text) if actor else None
            if actor is not None and actor_norm is None and attributed and _self_reference(actor.text):
                actor_norm = self.norm.actor(attributed)  # "Putin said the country had begun ..."
            target_norm = self.norm.actor(target.text) if target else None
            place = place_of(loc.text) if loc else None
            if loc is not None and place is None:  # "Ataturk airport": the sentence's nearest known town
                loc, place = _known_place_nearby(sent, f, place_of) or (loc, None)
            date_text = date.text if date else None
            date_norm = self.norm.date(date_text, article.published) if date_text else None
            conf = f.score
            para_start = _paragraph_start(article.text, f.sent_start)
            violent = f.action_type in VIOLENT_ACTION_TYPES
            same_para = last if last is not None and last.para_start == para_start else None
            location_text = loc.text if loc else None
            if violent:
                date_from = same_para or lead
                if date_norm is None and date_from is not None and date_from.date_norm is not None:
                    date_text, date_norm = date_from.date, date_from.date_norm
                    conf -= 0.05
                if place is None and location_text is None and same_para is not None and same_para.place:
                    location_text, place = same_para.location, same_para.place
                    conf -= 0.05
            if not f.args and killed is None and injured is None and not (date_norm or place):
                continue  # a bare mention with no context says nothing checkable
            negated = is_negated(trigger, sent)
            hedged = is_hedged(trigger, sent)
            if hedged:
                conf -= 0.1
            s_text = sent.text.rstrip()
            lead_ws = len(s_text) - len(s_text.lstrip())
            claim = Claim(
                claim_id=claim_id(article.doc_id, f.action.start, f.action.end, f.action_type),
                doc_id=article.doc_id,
                source=article.source,
                published=article.published,
                sentence=s_text.lstrip(),
                sent_start=sent.start_char + lead_ws,
                sent_end=sent.start_char + len(s_text),
                actor=actor.text if actor else None,
                actor_norm=actor_norm,
                action=f.action.text,
                action_start=f.action.start,
                action_end=f.action.end,
                action_type=f.action_type,
                target=target.text if target else None,
                target_norm=target_norm,
                location=location_text,
                location_norm=place.name if place else None,
                admin1=place.admin1 if place else None,
                country=place.country if place else None,
                lat=place.lat if place else None,
                lon=place.lon if place else None,
                date=date_text,
                date_norm=date_norm,
                attributed_to=attributed,
                negated=negated,
                hedged=hedged,
                killed=killed,
                injured=injured,
                confidence=round(min(1.0, max(0.05, conf)), 3),
            )
            claims.append(claim)
            if violent and (claim.date_norm or claim.location_norm):
                ctx = _Context(claim.date, claim.date_norm, claim.location, place, para_start)
                last = ctx
                if lead is None and claim.date_norm and claim.location_norm:
                    lead = ctx
        return _dedupe(claims)

    @staticmethod
    def _casualties_for(
        doc: Doc, frame: Frame, siblings: Sequence[Frame], found: Sequence[Casualty], offset: int
    ) -> tuple[int | None, int | None]:
        """The figures whose phrase is closest to this frame's trigger in the parse tree."""
        killed = injured = None
        for c in found:
            phrase = doc.char_span(offset + c.start, offset + c.end, alignment_mode="expand")
            if phrase is None:
                continue
            anchor = next((t for t in phrase if t.lemma_.lower() in _CASUALTY_LEMMAS), phrase.root)

            def cost(s: Frame, anchor: Token = anchor, c: Casualty = c) -> tuple[int, int]:
                trig = doc.char_span(s.action.start, s.action.end, alignment_mode="expand")
                if trig is None:
                    return (99, 99)
                return (_tree_distance(anchor, trig.root), _distance(s, offset + c.start, offset + c.end))

            if min(siblings, key=cost) is not frame:
                continue
            if c.kind == "killed" and killed is None:
                killed = c.count
            elif c.kind == "injured" and injured is None:
                injured = c.count
        return killed, injured


_CASUALTY_LEMMAS = frozenset({"kill", "die", "dead", "wound", "injure", "toll", "leave", "claim", "hurt"})


def _known_place_nearby(
    sent: SpacySpan, frame: Frame, place_of: Callable[[str], Place | None]
) -> tuple[Span, Place] | None:
    """The place entity of ``sent`` nearest the trigger that geocodes to a town or province.

    Used when the frame's location names no known place: the claim keeps the text's own place
    ("at Paris' Bataclan") rather than none. Countries are skipped (often actors, not places).
    """
    taken = [(a.start, a.end) for a in frame.args.values()]
    best: tuple[int, Span, Place] | None = None
    for ent in sent.ents:
        if ent.label_ not in ("GPE", "LOC") or any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        place = place_of(ent.text)
        if place is None or place.kind == "country":
            continue
        dist = abs(ent.start_char - frame.action.start)
        if best is None or dist < best[0]:
            best = (dist, Span(ent.start_char, ent.end_char, ent.text, "location"), place)
    return (best[1], best[2]) if best else None


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    path_a = [a, *a.ancestors]
    depth = {t.i: n for n, t in enumerate(path_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in depth:
            return n + depth[t.i]
    return 99


def _distance(frame: Frame, start: int, end: int) -> int:
    if frame.action.end <= start:
        return start - frame.action.end
    if end <= frame.action.start:
        return frame.action.start - end
    return 0


def _self_reference(text: str) -> bool:
    words = text.lower().split()
    words = [w for w in words if w not in {"the", "our", "its"}]
    return words in (["country"], ["we"], ["us"], ["forces"], ["troops"])


def _paragraph_start(text: str, offset: int) -> int:
    i = text.rfind("\n\n", 0, offset)
    return 0 if i < 0 else i + 2


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: set[str] = set()
    out = []
    for c in claims:
        if c.claim_id not in seen:
            seen.add(c.claim_id)
            out.append(c)
    return out
