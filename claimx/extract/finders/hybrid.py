"""Learned frames checked against claimx's knowledge, with the rules filling gaps.

The learned model finds more actions and arguments than the rules, but its
span edges can be off ("Western-Backed" for "Western-Backed Rebel Areas") and
it sometimes labels a non-place as a location. This finder keeps the learned
frames and checks each argument against what claimx knows:

- ``location`` must resolve in the gazetteer or be a place entity;
- ``actor`` must be a known actor (actor table) or a named entity;
- ``date`` must overlap a DATE entity;
- ``target`` must name something (a noun, name, number or pronoun) and not overlap the
  trigger; a target that is a place becomes the location.

A role the model left empty, or filled with a span the checks reject, is taken from the rule
frame of the same trigger, when the rules found one. A location the model found that names no
place the gazetteer knows in the article's countries ("Ataturk") gives way to the rules'
location when that one does, and so does a country when the rules name a town or province in it.
A sentence left with no learned frame (the model found no action, or every one it found failed
the checks) keeps the rules' frames (headlines the model reads as no event: "Missiles target
al-Merej area").

Example:
    >>> HybridFrameFinder.name
    'hybrid'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from claimx.extract.finders.base import FrameFinder
from claimx.extract.finders.rules import RuleFrameFinder
from claimx.knowledge import Knowledge
from claimx.types import Frame, Place, Span

Resolver = Callable[[Sequence[str]], Callable[[str], Place | None]]
"""An article's place lookup from its place names (``Gazetteer.resolver``)."""

NAMED = frozenset({"ORG", "NORP", "GPE", "PERSON", "LOC", "FAC"})


def hybrid_finder(learned: FrameFinder, knowledge: Knowledge) -> HybridFrameFinder:
    """``learned`` with its arguments checked by the gazetteer and actor table (rules fill gaps)."""
    return HybridFrameFinder(
        learned,
        RuleFrameFinder.from_knowledge(knowledge),
        is_place=knowledge.is_place,
        is_actor=knowledge.is_actor,
        resolver=knowledge.gazetteer.resolver,
    )


class HybridFrameFinder:
    """Learned frames whose arguments are checked by the gazetteer and actor table."""

    name = "hybrid"

    def __init__(
        self,
        learned: FrameFinder,
        rules: FrameFinder,
        is_place: Callable[[str], bool],
        is_actor: Callable[[str], bool],
        resolver: Resolver | None = None,
    ) -> None:
        self.learned = learned
        self.rules = rules
        self._is_place = is_place
        self._is_actor = is_actor
        self._resolver = resolver

    @property
    def version(self) -> str:
        """Both finders' versions."""
        return f"{self.learned.version}+{self.rules.version}"

    def find(self, docs: Sequence[Doc]) -> list[list[Frame]]:
        """Checked learned frames for each doc (the docs are not changed)."""
        learned = self.learned.find(docs)
        ruled = self.rules.find(docs)
        return [self._merge(doc, lf, rf) for doc, lf, rf in zip(docs, learned, ruled, strict=True)]

    def _merge(self, doc: Doc, learned: list[Frame], ruled: list[Frame]) -> list[Frame]:
        out = []
        known = self._known_places(doc)
        for f in learned:
            twin = next((r for r in ruled if r.action.overlaps(f.action)), None)
            if twin is None and not _content_trigger(doc, f.action):
                continue  # "violent", "very": the model fired on a modifier
            snapped = {role: _snap(doc, span, role) for role, span in f.args.items()}
            args = {role: span for role, span in snapped.items() if self._ok(doc, f, role, span)}
            target = f.args.get("target")
            if (
                target is not None
                and "target" not in args
                and "location" not in args
                and self._is_place(target.text)
            ):
                args["location"] = Span(target.start, target.end, target.text, "location")
            if twin is not None:
                for role, span in twin.args.items():
                    if role not in args:  # the model proposed nothing for this role, or nothing valid
                        args[role] = span
                elsewhere = [o.args["location"] for o in learned if o is not f and "location" in o.args]
                _prefer_known_place(args, twin, known, elsewhere)
            out.append(
                Frame(
                    action=f.action,
                    action_type=f.action_type,
                    sent_start=f.sent_start,
                    sent_end=f.sent_end,
                    args=args,
                    score=f.score,
                    backend="hybrid",
                )
            )
        covered = {f.sent_start for f in out}  # frames kept: a sentence whose every frame was dropped is open
        out += [r for r in ruled if r.sent_start not in covered]  # a sentence the model found nothing in
        return sorted(out, key=lambda f: (f.action.start, f.action.end))

    def _known_places(self, doc: Doc) -> Callable[[str], Place | None]:
        """The place a phrase names in this article's countries (the gazetteer's), or None."""
        if self._resolver is None:
            return lambda text: Place(text, None, None, None, None) if self._is_place(text) else None
        return self._resolver([e.text for e in doc.ents if e.label_ in ("GPE", "LOC")])

    def _ok(self, doc: Doc, frame: Frame, role: str, span: Span) -> bool:
        if span.overlaps(frame.action):
            return False
        if role == "location":
            return self._is_place(span.text) or bool(_entity_labels(doc, span) & {"GPE", "LOC", "FAC"})
        if role == "actor":
            if self._is_actor(span.text):
                return True
            labels = _entity_labels(doc, span)
            return bool(labels & NAMED) and labels != {"PERSON"}  # people rarely carry out strikes
        if role == "date":
            return "DATE" in _entity_labels(doc, span)
        if role == "target":
            if not _has_content(doc, span):
                return False  # "and", "is": no target
            return not self._is_place(span.text) or self._is_actor(span.text)
        return True


def _prefer_known_place(
    args: dict[str, Span], twin: Frame, known: Callable[[str], Place | None], elsewhere: Sequence[Span]
) -> None:
    """Take the rules' location when the model's names no known place and the rules' does, or
    when the model's is a country and the rules' a town or province in it (more specific);
    never one the model gives another trigger (``elsewhere``: "bombings at Paris' Bataclan")."""
    mine, theirs = args.get("location"), twin.args.get("location")
    if mine is None or theirs is None or mine.overlaps(theirs):
        return
    if any(theirs.overlaps(other) for other in elsewhere):
        return
    here, there = known(mine.text), known(theirs.text)
    if there is None:
        return
    if here is None or (here.kind == "country" and there.kind != "country" and there.country == here.country):
        args["location"] = theirs


_EDGE_WORDS = frozenset({"and", "or", ",", "of", "the", "'s", "in", "on", "-"})


def _has_content(doc: Doc, span: Span) -> bool:
    """True when the span holds a noun, name, number or pronoun."""
    sp = doc.char_span(span.start, span.end, alignment_mode="expand")
    return sp is not None and any(t.pos_ in {"NOUN", "PROPN", "NUM", "PRON"} for t in sp)


def _content_trigger(doc: Doc, action: Span) -> bool:
    """True when the trigger's words include a noun, verb or name (not only modifiers)."""
    sp = doc.char_span(action.start, action.end, alignment_mode="expand")
    return sp is not None and any(t.pos_ in {"NOUN", "VERB", "PROPN"} for t in sp)


def _snap(doc: Doc, span: Span, role: str) -> Span:
    """Trim dangling words ("Baniyas and") and widen a cut name to its entity ("Osama")."""
    sp = doc.char_span(span.start, span.end, alignment_mode="expand")
    if sp is None:
        return span
    start, end = sp.start, sp.end
    while end > start + 1 and doc[end - 1].lower_ in _EDGE_WORDS:
        end -= 1
    while end > start + 1 and doc[start].lower_ in _EDGE_WORDS:
        start += 1
    if role in {"actor", "location", "date"}:
        for ent in doc.ents:
            if ent.start <= start < ent.end or ent.start < end <= ent.end:
                if ent.start < start or ent.end > end:
                    start, end = min(start, ent.start), max(end, ent.end)
                break
    if (start, end) == (sp.start, sp.end) and sp.start_char == span.start and sp.end_char == span.end:
        return span
    new = doc[start:end]
    return Span(new.start_char, new.end_char, new.text, span.label)


def _entity_labels(doc: Doc, span: Span) -> set[str]:
    return {e.label_ for e in doc.ents if e.start_char < span.end and span.start < e.end_char}
