"""From frames to claims: attribution, casualties, negation, hedging, normalisation.

Both the rules and the learned models produce :class:`~claimx.types.Frame`
objects; this module turns them into contract :class:`~claimx.types.Claim`
records the same way, so the two paths differ only in what they find.

One claim per event mention (:mod:`claimx.extract.mentions`); background mentions are
dropped (:func:`claimx.extract.modality.is_background`); an actor or target that names no
party ("two", "Western-Backed") is left out (:func:`claimx.extract.spans.names_party`).

Every claim is dated, with its basis (``date_basis``): its own words (``text``), else the
date of the nearest earlier claim of its paragraph that states one, else that of the lead
(the first :data:`LEAD_PARAGRAPHS` paragraphs) (``context``), else the publication date
(``published``). A violent claim with no place of its own takes the place its sentence names
(the town or province nearest the trigger, else a country after "in": ``in Syria and Iraq``),
else that of the nearest earlier violent claim of its paragraph. An event claim (strike, capture,
arrest) with only a country, or none, also takes its sentence's known town or province in that
country ("the capital" included), else a place-like target. Inherited values lower the
confidence.

Example:
    >>> claim_id("doc", 10, 18, "air_strike") == claim_id("doc", 10, 18, "air_strike")
    True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimx.actions import EVENT_ACTION_TYPES, VIOLENT_ACTION_TYPES
from claimx.extract.attribution import find_speaker, is_pronoun, same_speaker, sentence_speaker
from claimx.extract.casualties import Casualty, find_casualties
from claimx.extract.mentions import absorb_weak, lexicon_types, merge_near, one_per_mention, refer_back
from claimx.extract.modality import is_background, is_cumulative, is_hedged, is_negated
from claimx.extract.spans import PLACE_NOUNS, in_longer_name, names_party
from claimx.knowledge import Knowledge
from claimx.normalize.dates import claim_date, date_prefix_end, published_day
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
    actor_in: Callable[[Sequence[str]], Callable[[str], str | None]] | None = None
    """Optional: the actor lookup of an article's region packs, from its place names."""

    @classmethod
    def from_knowledge(cls, knowledge: Knowledge) -> Normalizers:
        """The knowledge's gazetteer and actor table, and the date resolver of :mod:`claimx.normalize`."""
        from claimx.normalize.dates import resolve_date

        return cls(
            place=knowledge.gazetteer.lookup,
            actor=knowledge.actors.canonical,
            date=resolve_date,
            place_in=partial(knowledge.gazetteer.resolver, home=knowledge.cues.region_countries),
            actor_in=knowledge.actor_resolver,
        )


@dataclass(frozen=True, slots=True)
class _Context:
    """A date or place given by a claim's own sentence, which later sentences may inherit."""

    date: Span | None
    date_norm: str | None
    location: Span | None
    place: Place | None
    para_start: int


@dataclass
class _Running:
    """What the claims built so far leave for the next ones (dates, places, speakers)."""

    lead_end: int
    named_before: list[tuple[int, str]]
    dateline_end: int = 0  # end of a dateline that opens the text (uncleaned text)
    last_date: _Context | None = None  # the latest claim with a date of its own
    last_place: _Context | None = None  # the latest violent claim with a place
    lead: _Context | None = None  # the first dated claim of the lead
    place_of: Callable[[str], Place | None] | None = None  # this article's place lookup (its countries)
    actor_of: Callable[[str], str | None] | None = None  # this article's actor lookup (its region packs)
    others: tuple[Span, ...] = ()  # the locations of the other frames of the current sentence

    def context_date(self, para_start: int) -> _Context | None:
        """A date given earlier in this paragraph, else in the lead."""
        if self.last_date is not None and self.last_date.para_start == para_start:
            return self.last_date
        return self.lead

    def context_place(self, para_start: int) -> _Context | None:
        """A place given earlier in this paragraph."""
        same = self.last_place is not None and self.last_place.para_start == para_start
        return self.last_place if same else None


LEAD_PARAGRAPHS = 3
"""Headline, standfirst and first paragraph: the lead whose date undated claims may take."""


class ClaimBuilder:
    """Builds claims from the frames of one document.

    >>> ClaimBuilder.__name__
    'ClaimBuilder'
    """

    def __init__(self, normalizers: Normalizers) -> None:
        self.norm = normalizers

    def build(self, article: Article, doc: Doc, frames: Sequence[Frame]) -> list[Claim]:
        """Claims of ``article`` (cleaned; ``doc`` is its parse) from ``frames``, in text order."""
        return [c for _, c in self.build_pairs(article, doc, frames)]

    def build_pairs(self, article: Article, doc: Doc, frames: Sequence[Frame]) -> list[tuple[Frame, Claim]]:
        """Each claim with the frame it states: one per mention, with the arguments it reports.

        The frame's arguments are those of the claim: parties that name nothing dropped,
        roles of an absorbed weak trigger added, a place or date taken from the context added.
        """
        out: list[tuple[Frame, Claim]] = []
        frames = one_per_mention(lexicon_types(doc, frames))
        frames = refer_back(doc, merge_near(doc, absorb_weak(doc, frames)))
        run = _Running(_lead_end(article.text), _named_speakers(doc), date_prefix_end(article.text) or 0)
        run.place_of, run.actor_of = self.norm.place, self.norm.actor
        place_names = [e.text for e in doc.ents if e.label_ in ("GPE", "LOC")]
        if self.norm.place_in is not None:  # "Charleston" in an article about South Carolina
            run.place_of = self.norm.place_in(place_names)
        if self.norm.actor_in is not None:  # "the army" in an article about Sudan
            run.actor_of = self.norm.actor_in(place_names)
        sent_frames: dict[int, list[Frame]] = {}
        for f in frames:
            sent_frames.setdefault(f.sent_start, []).append(f)
        casualty_cache: dict[int, list[Casualty]] = {}
        seen: set[str] = set()
        for f in frames:
            sent = doc.char_span(f.sent_start, f.sent_end, alignment_mode="expand")
            trig_span = doc.char_span(f.action.start, f.action.end, alignment_mode="expand")
            if sent is None or trig_span is None:
                continue
            if f.sent_start not in casualty_cache:
                casualty_cache[f.sent_start] = find_casualties(sent.text)
            figures = self._casualties_for(
                doc, f, sent_frames[f.sent_start], casualty_cache[f.sent_start], sent.start_char
            )
            run.others = tuple(
                o.args["location"] for o in sent_frames[f.sent_start] if o is not f and "location" in o.args
            )
            built = self._claim(article, f, sent, trig_span.root, figures, run)
            if built is not None and built[1].claim_id not in seen:
                seen.add(built[1].claim_id)
                out.append(built)
        return out

    def _claim(
        self,
        article: Article,
        f: Frame,
        sent: SpacySpan,
        trigger: Token,
        figures: tuple[int | None, int | None],
        run: _Running,
    ) -> tuple[Frame, Claim] | None:
        """The claim of one frame, or None when it says nothing checkable (see :func:`is_background`)."""
        killed, injured = figures
        attributed = _attribution(trigger, sent, f.sent_start, run.named_before)
        args = {r: s for r, s in f.args.items() if self._keep_arg(r, s, trigger, sent)}
        if "date" in args and args["date"].end <= run.dateline_end:
            del args["date"]  # the dateline dates the article, not the event
        actor, target, loc, date = (args.get(r) for r in ("actor", "target", "location", "date"))
        actor_of = run.actor_of or self.norm.actor
        actor_norm = actor_of(actor.text) if actor else None
        if actor is not None and actor_norm is None and attributed and _self_reference(actor.text):
            actor_norm = actor_of(attributed)  # "Putin said the country had begun ..."
        place_of = run.place_of or self.norm.place
        given = bool(args)  # a dropped far-off location still says the mention is an event
        loc, place = _resolve_location(sent, f, loc, place_of, run.others) if loc else (None, None)
        violent = f.action_type in VIOLENT_ACTION_TYPES
        if f.action_type in EVENT_ACTION_TYPES and (place is None or place.kind == "country"):
            # strikes, captures, arrests happen somewhere: "Blasts in Syria kill dozens ... in Homs",
            # a headline the parse gets wrong; only a town of the country named, if one is
            nearby = _known_place_nearby(sent, f, place_of, avoid=run.others) or _place_target(
                target, place_of
            )
            if nearby is not None and (place is None or nearby[1].country == place.country):
                loc, place = nearby
        if loc is not None:
            args["location"] = loc
        else:
            args.pop("location", None)
        own_date = self.norm.date(date.text, article.published) if date else None
        para_start = _paragraph_start(article.text, f.sent_start)
        ctx_place = run.context_place(para_start) if violent else None
        ctx_date = run.context_date(para_start) if own_date is None else None
        if is_background(
            trigger if f.action.text.count(" ") == 0 else None,
            has_args=given,
            has_figures=killed is not None or injured is not None,
            dated=own_date is not None,
            placed=place is not None and place.kind != "country",
            in_context=ctx_date is not None or ctx_place is not None,
        ) or is_cumulative(trigger, sent, killed):
            return None
        conf = f.score
        own = _unstated_place(sent, f, place_of, ctx_place) if violent and loc is None else None
        if own is not None:  # the sentence's own place, else the paragraph's
            (loc, place), args["location"] = own, own[0]
            conf -= 0.05
        dated = claim_date(own_date, ctx_date.date_norm if ctx_date else None, article.published)
        if date is None and dated is not None and dated.basis == "context" and ctx_date is not None:
            date = ctx_date.date  # the frame keeps only dates its own sentence states
            conf -= 0.05
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
            published=published_day(article.published),
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
            target_norm=actor_of(target.text) if target else None,
            location=loc.text if loc else None,
            location_norm=place.name if place else None,
            admin1=place.admin1 if place else None,
            country=place.country if place else None,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            date=date.text if date else None,
            date_norm=dated.iso if dated else None,
            attributed_to=attributed,
            negated=negated,
            hedged=hedged,
            killed=killed,
            injured=injured,
            confidence=round(min(1.0, max(0.05, conf)), 3),
            date_basis=dated.basis if dated else None,
        )
        _remember(run, claim, (loc, place, date), para_start, violent)
        return replace(f, args=args), claim

    def _keep_arg(self, role: str, span: Span, trigger: Token, sent: SpacySpan) -> bool:
        """False for a party that names nothing, or an argument from another speaker's words."""
        known = self.norm.actor(span.text) is not None
        if role in {"actor", "target"} and not names_party(span.text, known=known):
            return False
        return same_speaker(trigger, span, sent)

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


def _resolve_location(
    sent: SpacySpan, frame: Frame, loc: Span, place_of: Callable[[str], Place | None], avoid: Sequence[Span]
) -> tuple[Span | None, Place | None]:
    """A frame's location and its place. One that names no known place gives way to the
    sentence's nearest known town (:func:`_known_place_nearby`, "Ataturk airport"); when there
    is none it stays, unless it lies outside the frame's sentence (then the claim has none and
    may take its context's place)."""
    place = place_of(loc.text)
    if place is not None:
        return loc, place
    near = _known_place_nearby(sent, frame, place_of, avoid=avoid)
    if near is not None:
        return near
    return (loc, None) if frame.sent_start <= loc.start < frame.sent_end else (None, None)


def _known_place_nearby(
    sent: SpacySpan,
    frame: Frame,
    place_of: Callable[[str], Place | None],
    avoid: Sequence[Span] = (),
) -> tuple[Span, Place] | None:
    """The place entity of ``sent`` nearest the trigger that geocodes to a town or province
    (also one the parser labels an organisation, after "in": :data:`_PLACE_LIKE`).

    Used when the frame's location names no known place ("at Paris' Bataclan"), or an event
    frame has none or only a country: the claim keeps the text's own place rather than none.
    Countries are skipped (often actors, not places), and so are a place that only begins a
    longer name ("the Manhattan Project": :func:`~claimx.extract.spans.in_longer_name`) and the
    places in ``avoid`` (other frames' locations: "attackers at Ataturk airport ..., similar to
    the bombings at Paris' Bataclan" is not in Paris); the target is not skipped (a place can be what was hit:
    "bombardment targets Deir Ezzor countryside").
    """
    taken = [a for r, a in frame.args.items() if r != "target"] + list(avoid)
    named = [
        Span(e.start_char, e.end_char, e.text, "location")
        for e in sent.ents
        if (e.label_ in ("GPE", "LOC") or (e.label_ in _PLACE_LIKE and _after_place_word(e)))
        and not in_longer_name(e)  # not "the Manhattan Project"
    ]
    named += [
        Span(sent.start_char + m.start(), sent.start_char + m.end(), m.group(), "location")
        for m in _CAPITAL.finditer(sent.text)
    ]
    best: tuple[int, Span, Place] | None = None
    for span in named:
        if any(span.overlaps(t) for t in taken):
            continue
        place = place_of(span.text)
        if place is None or place.kind == "country":
            continue
        dist = abs(span.start - frame.action.start)
        if best is None or dist < best[0]:
            best = (dist, span, place)
    return (best[1], best[2]) if best else None


_PLACE_LIKE = frozenset({"FAC", "ORG"})
"""Other labels a known place may carry: the parser calls some towns organisations ("Marseille",
"Nagorno-Karabakh"); they count only after "in" or "city of" (:func:`_after_place_word`), so "the
Post's headline" is no town."""


def _after_place_word(ent: SpacySpan) -> bool:
    """True when ``ent`` follows a place preposition ("in Marseille") or "city of"."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before == "of" and ent.start > 1:
        return doc[ent.start - 2].lemma_.lower() in PLACE_NOUNS
    return before in _IN | {"near", "outside", "around", "at"}


_CAPITAL = re.compile(r"\bthe capital\b", re.I)
"""The article's capital ("shells target the capital"): a place when the article's country is known."""


def _place_target(target: Span | None, place_of: Callable[[str], Place | None]) -> tuple[Span, Place] | None:
    """The target as the place when it names a town or province ("targets Deir Ezzor countryside")."""
    place = place_of(target.text) if target is not None else None
    if target is None or place is None or place.kind == "country":
        return None
    return Span(target.start, target.end, target.text, "location"), place


_IN = frozenset({"in", "inside", "across", "throughout"})


def _unstated_place(
    sent: SpacySpan, frame: Frame, place_of: Callable[[str], Place | None], ctx: _Context | None
) -> tuple[Span, Place | None] | None:
    """A place for a violent frame that states none: its sentence's (:func:`_sentence_place`),
    else the context's (``ctx``: the paragraph's last violent claim with a place)."""
    own = _sentence_place(sent, frame, place_of)
    if own is None and ctx is not None and ctx.location is not None:
        return ctx.location, ctx.place
    return own


def _sentence_place(
    sent: SpacySpan, frame: Frame, place_of: Callable[[str], Place | None]
) -> tuple[Span, Place] | None:
    """The place ``sent`` names for a frame with none: its known town or province nearest the
    trigger, else the first country governed by "in" ("on the ground in Syria and Iraq")."""
    found = _known_place_nearby(sent, frame, place_of)
    if found is not None:
        return found
    taken = [(a.start, a.end) for a in frame.args.values()]
    for ent in sent.ents:
        gov = ent.root
        while gov.dep_ == "conj" and gov.head != gov:
            gov = gov.head
        if ent.label_ != "GPE" or gov.dep_ != "pobj" or gov.head.lower_ not in _IN:
            continue
        place = place_of(ent.text)
        if place is not None and not any(s < ent.end_char and ent.start_char < e for s, e in taken):
            return Span(ent.start_char, ent.end_char, ent.text, "location"), place
    return None


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


def _remember(
    run: _Running,
    claim: Claim,
    given: tuple[Span | None, Place | None, Span | None],
    para_start: int,
    violent: bool,
) -> None:
    """Record what later claims may inherit from ``claim``: its own date, its place."""
    loc, place, date = given
    ctx = _Context(date, claim.date_norm, loc, place, para_start)
    if claim.date_basis == "text":
        run.last_date = ctx
        if run.lead is None and claim.sent_start < run.lead_end:
            run.lead = ctx
    if violent and place is not None:
        run.last_place = ctx


def _named_speakers(doc: Doc) -> list[tuple[int, str]]:
    """(sentence start, speaker) of every sentence whose root reports a named speaker."""
    out = []
    for s in doc.sents:
        sp = sentence_speaker(s)
        if sp is not None:
            out.append((s.start_char, sp.text))
    return out


def _attribution(
    trigger: Token, sent: SpacySpan, sent_start: int, named_before: Sequence[tuple[int, str]]
) -> str | None:
    """Who asserts the action at ``trigger``; a pronoun speaker is the last one named before."""
    speaker = find_speaker(trigger, sent)
    if speaker is None:
        return None
    if is_pronoun(speaker):
        earlier = [name for start, name in named_before if start < sent_start]
        return earlier[-1] if earlier else speaker.text
    return speaker.text


def _lead_end(text: str) -> int:
    """Where the lead (the first :data:`LEAD_PARAGRAPHS` paragraphs) ends."""
    end = 0
    for _ in range(LEAD_PARAGRAPHS):
        i = text.find("\n\n", end)
        if i < 0:
            return len(text)
        end = i + 2
    return end
