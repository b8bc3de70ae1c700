"""Rule-based frame finder: lexicon triggers plus dependency rules for arguments.

This is the fallback and the yardstick for the learned models. For each
sentence it finds action triggers (:mod:`claimx.extract.lexicon`), merges
triggers that describe one event ("the raids ... killed 32" is one action,
``raids``), and fills actor / target / location / date from the parse:

- verbs: active subject -> actor, passive ``by``-agent -> actor, object or
  passive subject -> target;
- nouns: possessor or nationality adjective ("Russian strikes") -> actor,
  ``on``/``against``/``targeting`` -> target, support verbs ("the Islamic State
  perpetrated suicide bombings") -> the support verb's subject is the actor,
  effect verbs ("strikes hit Jabal al-Akrad") -> the effect verb's object;
- places and dates: prepositional phrases of the trigger or its clause, else
  the nearest place / date entity of the sentence.

Example:
    >>> finder = RuleFrameFinder(is_place=lambda text: text == "Talbiseh")
    >>> finder.name
    'rules'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimx.extract.lexicon import LEXICON, SUPPORT_VERBS, Lexicon, refine_type
from claimx.extract.spans import PLACE_NOUNS, entity_of, phrase, pobj_of, to_span
from claimx.knowledge import Knowledge
from claimx.types import Frame, Span

# verbs whose subject is an attack noun and whose object is what was hit
EFFECT_VERBS = frozenset(
    {
        "hit",
        "target",
        "strike",
        "kill",
        "destroy",
        "pound",
        "rock",
        "wound",
        "injure",
        "claim",
        "leave",
    }
)
# weak triggers: only an action when no stronger trigger describes the same event
WEAK = frozenset({"kill", "hit", "target", "casualty", "shoot", "execute", "die", "death", "loss"})
PLACE_PREPS = frozenset(
    {"in", "near", "on", "at", "around", "outside", "across", "inside", "into", "over", "from", "throughout"}
)
TARGET_PREPS = frozenset({"on", "against", "at"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"ORG", "NORP", "GPE", "PERSON"})
PRONOUNS = frozenset(
    {
        "it",
        "they",
        "he",
        "she",
        "we",
        "which",
        "who",
        "that",
        "this",
        "i",
        "you",
        "its",
        "their",
        "his",
        "her",
        "our",
    }
)

# words before a trigger that make it no act of war ("information attack", "heart attack")
NON_TRIGGER_PREFIX: dict[str, tuple[str, ...]] = {
    "attack": ("information", "heart", "cyber", "media", "verbal", "panic", "anxiety"),
    "strike": ("hunger", "general", "labor", "labour", "lucky"),
    "offensive": ("charm", "diplomatic"),
    "battle": ("legal", "political", "diplomatic", "uphill"),
    "fighting": ("infighting",),
    "operation": ("rescue", "humanitarian", "evacuation", "search", "relief", "aid", "surgical", "business"),
}

IsPlace = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger found in a sentence: token range, head token index and type."""

    start: int
    end: int
    head: int
    action_type: str
    lemma: str


_REGION: ContextVar[frozenset[str]] = ContextVar("claimx_rules_region", default=frozenset())
"""The countries of the article being read (set by :meth:`RuleFrameFinder.find_doc` when regional)."""

RegionOf = Callable[[Sequence[str]], frozenset[str]]
"""The countries an article's place names point to (``Knowledge.article_countries``)."""

InCountries = Callable[[str, frozenset[str]], bool]
"""Whether a phrase names a place in the given countries (``Knowledge.in_countries``)."""

ActorWordsOf = Callable[[frozenset[str]], frozenset[str]]
"""The lower-case words that name a party for an article about the given countries
(``Knowledge.actor_words_for``: the region packs' ``actor_words`` cues)."""

_ACTOR_WORDS: ContextVar[frozenset[str]] = ContextVar("claimx_rules_actor_words", default=frozenset())
"""The actor words of the article being read (set by :meth:`RuleFrameFinder.find_doc`)."""


class RuleFrameFinder:
    """Finds :class:`~claimx.types.Frame` objects with the lexicon and dependency rules.

    ``is_place`` decides whether a phrase names a place (:meth:`from_knowledge`: the
    gazetteer); tests pass a small function instead. ``in_region`` (default ``is_place``)
    whether it is a place of the conflict region.
    """

    name = "rules"
    version = "rules-1"

    def __init__(
        self,
        lexicon: Lexicon = LEXICON,
        *,
        is_place: IsPlace,
        in_region: IsPlace | None = None,
        regional: tuple[RegionOf, InCountries] | None = None,
        actor_words: ActorWordsOf | None = None,
        is_town: IsPlace | None = None,
    ) -> None:
        self.lexicon = lexicon
        self._is_place = is_place
        # a town or province anywhere (not a country): "the Oklahoma City bombing" says where
        self._is_town = is_town or (lambda _text: False)
        # places a sentence merely mentions count as the action's place only in the conflict region
        self._in_region = in_region or is_place
        self._regional = regional
        self._actor_words = actor_words

    @classmethod
    def from_knowledge(cls, knowledge: Knowledge, lexicon: Lexicon = LEXICON) -> RuleFrameFinder:
        """Rules whose places are the gazetteer's, and whose region is each article's own countries
        (the knowledge's region when an article names none)."""
        return cls(
            lexicon,
            is_place=knowledge.is_place,
            in_region=knowledge.in_region,
            regional=(knowledge.article_countries, knowledge.in_countries),
            actor_words=knowledge.actor_words_for,
            is_town=knowledge.is_town,
        )

    def _where(self, text: str) -> bool:
        """Whether a place modifier of a nominal trigger says where: a place of the region, or a
        town or province anywhere (a country modifier, "US strikes", says who)."""
        return self._in_region(text) or self._is_town(text)

    def _place_in_region(self, text: str) -> bool:
        if self._regional is None:
            return self._in_region(text)
        return self._regional[1](text, _REGION.get())

    # -- public API -------------------------------------------------------------------------
    def find(self, docs: Sequence[Doc]) -> list[list[Frame]]:
        """Frames for each doc; predicting changes nothing on the docs."""
        return [self.find_doc(doc) for doc in docs]

    def find_doc(self, doc: Doc) -> list[Frame]:
        """Frames of one parsed doc, in text order."""
        region: frozenset[str] = frozenset()
        if self._regional is not None:
            region = self._regional[0]([e.text for e in doc.ents if e.label_ in PLACE_LABELS])
        token = _REGION.set(region)
        words = _ACTOR_WORDS.set(self._actor_words(region) if self._actor_words else frozenset())
        try:
            frames: list[Frame] = []
            for sent in doc.sents:
                for trig in self.triggers(sent):
                    frame = self._frame(sent, trig)
                    if frame is not None:
                        frames.append(frame)
            return frames
        finally:
            _REGION.reset(token)
            _ACTOR_WORDS.reset(words)

    # -- triggers ---------------------------------------------------------------------------
    def triggers(self, sent: SpacySpan) -> list[Trigger]:
        """Triggers of a sentence after merging those that describe one event."""
        found: list[Trigger] = []
        taken: set[int] = set()
        toks = list(sent)
        n = self.lexicon.max_phrase_len
        i = 0
        while i < len(toks):
            hit = None
            for size in range(min(n, len(toks) - i), 1, -1):
                words = tuple(t.lower_ for t in toks[i : i + size])
                typ = self.lexicon.phrase_type(words)
                if typ:
                    span_toks = toks[i : i + size]
                    head = next(
                        (t for t in span_toks if t.head not in span_toks or t.head == t), span_toks[-1]
                    )
                    hit = Trigger(span_toks[0].i, span_toks[-1].i + 1, head.i, typ, head.lemma_.lower())
                    break
            if hit:
                found.append(hit)
                taken.update(range(hit.start, hit.end))
                i += hit.end - hit.start
                continue
            tok = toks[i]
            pos = "NOUN" if tok.pos_ == "PROPN" and tok.is_title else tok.pos_
            if _mistagged_verb(tok):
                pos = "VERB"  # headline parses: "Missiles target al-Merej area" tags the verb a noun
            if tok.pos_ == "VERB" and tok.dep_ == "pobj" and tok.tag_ != "VBG":
                pos = "NOUN"  # headline parses: "toll of regime airstrikes" tags the noun a verb
            lemma = tok.lemma_.lower()
            typ = self.lexicon.word_type(lemma, pos)
            if typ is None and tok.pos_ == "PROPN" and lemma.endswith("s"):
                typ = self.lexicon.word_type(lemma[:-1], pos)  # title case: "Strikes"
                if typ is None and lemma.endswith("es"):
                    typ = self.lexicon.word_type(lemma[:-2], pos)  # "Clashes"
            if typ and tok.i not in taken and not self._is_modifier_use(tok):
                found.append(Trigger(tok.i, tok.i + 1, tok.i, typ, tok.lemma_.lower()))
            i += 1
        return self._merge(sent.doc, _join_compounds(sent.doc, found))

    @staticmethod
    def _is_modifier_use(tok: Token) -> bool:
        """``attack`` in "attack helicopters" or ``strike`` in "strike force" is no action."""
        if (
            tok.dep_ in {"compound", "amod"}
            and tok.head.pos_ in {"NOUN", "PROPN"}
            and tok.pos_ in {"NOUN", "PROPN"}
            and not _mistagged_verb(tok.head)  # "Aerial bombardment targets Aleppo": the subject
        ):
            return True
        if tok.lemma_.lower() in _NEEDS_OBJECT and not any(c.dep_ == "dobj" for c in tok.children):
            return True  # "areas controlled by ISIS" names who holds them, not a capture
        prev = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
        return prev in NON_TRIGGER_PREFIX.get(tok.lemma_.lower(), ())

    def _merge(self, doc: Doc, trigs: list[Trigger]) -> list[Trigger]:
        """Drop weak triggers ("killed", "hit") that describe the event of a stronger one.

        The weak verb stays available to the strong trigger's argument rules
        through :meth:`_absorbing_verbs`.
        """
        trigs = [t for t in trigs if not (t.lemma == "casualty" and not _casualty_event(doc[t.head]))]
        if len(trigs) < 2:
            return trigs
        strong = [t for t in trigs if t.lemma not in WEAK]
        drop: set[int] = set()
        for t in trigs:
            if t.lemma not in WEAK:
                continue
            tok = doc[t.head]
            if any(related(tok, doc[s.head]) for s in strong):
                drop.add(t.head)
            elif any(related(tok, doc[o.head]) for o in trigs if o.head < t.head and o.head not in drop):
                drop.add(t.head)  # two weak triggers of one event: keep the first
        return [t for t in trigs if t.head not in drop]

    @staticmethod
    def _absorbing_verbs(head: Token) -> list[Token]:
        """Effect verbs describing this trigger's event: "strikes hit X", "airstrikes targeting X"."""
        out = []
        anc, hops = head.head, 0
        while anc != anc.head and hops < 3 and anc.pos_ != "VERB":
            anc, hops = anc.head, hops + 1
        if (
            anc.pos_ == "VERB"
            and anc.lemma_ in EFFECT_VERBS
            and head.i in {x.i for c in anc.children if c.dep_ in {"nsubj", "nsubjpass"} for x in c.subtree}
        ):
            out.append(anc)
        prep = head.head if head.dep_ == "pobj" else None
        if (
            prep is not None
            and prep.lower_ in {"in", "by"}
            and prep.head.pos_ == "VERB"
            and prep.head.lemma_ in _TOLL_VERBS
        ):
            out.append(prep.head)  # "a leader killed in a drone strike", "soldiers die in blast"
        for t in head.subtree:
            if (
                t.pos_ == "VERB"
                and t.lemma_ in EFFECT_VERBS
                and t.dep_ in {"acl", "relcl", "advcl"}
                and t.i != head.i
            ):
                out.append(t)
        return out

    # -- arguments --------------------------------------------------------------------------
    def _frame(self, sent: SpacySpan, trig: Trigger) -> Frame | None:  # noqa: C901 (dependency patterns tried in order; the order decides)
        doc = sent.doc
        head = doc[trig.head]
        action = doc[trig.start : trig.end]
        context = {t.lower_ for t in sent if abs(t.i - trig.head) <= 4}
        context |= {t.lower_ for t in head.subtree} if head.pos_ == "NOUN" else set()
        action_type = refine_type(trig.action_type, trig.lemma, context)
        args: dict[str, Span] = {}
        actor = self._actor(head, trig)
        target = self._target(head, trig)
        if trig.lemma in _VICTIM_SUBJECT:  # "a child dies": the subject is the victim
            actor, target = None, target or actor
        if actor is None and target is None:  # "clashes between regime forces and rebels"
            actor, target = _between(head)
        place = self._location(sent, head, trig, exclude={actor, target})
        if actor is not None and actor.start <= trig.head < actor.end:
            actor = None
        if target is not None and target.start <= trig.head < target.end:
            target = None
        if target is not None and not _is_actorish(target):
            named = target if self._is_place(target.text) else self._place_in(target.root)
            if named is not None:  # "hit Jabal al-Akrad", "hit the provinces of Homs": a place
                place = named
                target = None
        if actor is not None:
            args["actor"] = to_span(actor, "actor")
        if target is not None:
            args["target"] = to_span(target, "target")
        if place is not None:
            args["location"] = to_span(place, "location")
        if action_type == "territory_seized" and "target" in args and "location" not in args:
            return None  # "seizing the mantle": not territory
        date = self._date(sent, head)
        if date is not None:
            args["date"] = to_span(date, "date")
        # "Russian strikes" with an actor adjective says air strike when the lexicon said strike
        if not args and trig.lemma in WEAK:
            return None
        return Frame(
            action=to_span(action, action_type),
            action_type=action_type,
            sent_start=sent.start_char,
            sent_end=sent.end_char,
            args=args,
            score=0.5 + 0.1 * len(args),
            backend="rules",
        )

    def _actor(self, head: Token, trig: Trigger) -> SpacySpan | None:  # noqa: C901, PLR0912 (dependency patterns tried in order; the order decides)
        if _verbal(head):
            return self._verb_actor(head)
        # nominal trigger: possessor or nationality/organisation modifier
        for child in head.lefts:
            if (
                child.dep_ == "poss"
                and child.lower_ not in PRONOUNS
                and child.ent_type_ not in {"DATE", "TIME"}
            ):
                return phrase(child)
        for child in head.lefts:
            if child.dep_ in {"amod", "compound"} and (
                child.ent_type_ in ACTOR_LABELS or _is_actor_word(child)
            ):
                if child.i >= trig.start and child.i < trig.end:
                    continue
                if child.ent_type_ in PLACE_LABELS and self._where(phrase(child).text):
                    continue  # "Homs bombing", "the Oklahoma City bombing": where, not who
                return phrase(child) if child.ent_type_ in ACTOR_LABELS else head.doc[child.i : child.i + 1]
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "by":
                obj = pobj_of(child)
                if obj is not None:
                    return phrase(obj)
            if child.dep_ in {"acl", "relcl"}:
                for gc in child.children:
                    if gc.dep_ == "agent":
                        obj = pobj_of(gc)
                        if obj is not None:
                            return phrase(obj)
        gov = head.head
        if head.dep_ in {"dobj", "pobj", "attr"} and gov.lemma_ in SUPPORT_VERBS:
            return self._verb_actor(gov)
        if head.dep_ == "pobj" and gov.head.lemma_ in SUPPORT_VERBS:  # "a campaign of airstrikes"
            return self._verb_actor(gov.head.head if gov.head.dep_ != "ROOT" else gov.head)
        if head.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.dep_ in {"dobj"}:
            verb = gov.head.head
            if verb.lemma_ in SUPPORT_VERBS:
                return self._verb_actor(verb)
        return None

    def _verb_actor(self, verb: Token) -> SpacySpan | None:  # noqa: C901 (dependency patterns tried in order; the order decides)
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return None  # reduced passive: the head noun is the target
        if _reduced_passive_subject(verb) is not None:
            return None
        for child in verb.children:
            if child.dep_ == "agent":
                obj = pobj_of(child)
                if obj is not None:
                    return phrase(obj)
        for child in verb.children:
            if child.dep_ == "nsubj" and child.lower_ not in {"which", "that", "who"} and not child.like_num:
                for poss in child.children:  # "Russia's campaign began": the possessor acts
                    if poss.dep_ == "poss" and poss.ent_type_ in {"GPE", "ORG", "NORP"}:
                        return phrase(poss)
                return phrase(child)
        if verb.dep_ in {"conj", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
            return self._verb_actor(verb.head)
        return None

    def _target(self, head: Token, trig: Trigger) -> SpacySpan | None:  # noqa: C901, PLR0912 (dependency patterns tried in order; the order decides)
        if _verbal(head):
            for child in head.children:
                if child.dep_ in {"dobj", "nsubjpass"} and child.ent_type_ not in {"DATE", "TIME"}:
                    if child.lower_ in {"that", "which", "who"} and head.dep_ == "relcl":
                        return phrase(head.head)
                    if child.lower_ in PRONOUNS:
                        return None
                    return phrase(child)
            if head.dep_ == "acl" and head.tag_ == "VBN" and head.head.pos_ in {"NOUN", "PROPN"}:
                return phrase(head.head)  # "Another target struck today"
            reduced = _reduced_passive_subject(head)
            if reduced is not None:
                return phrase(reduced)
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in TARGET_PREPS - {"at"}:
                    obj = pobj_of(child)
                    if obj is not None:
                        return phrase(obj)
            return None
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                obj = pobj_of(child)
                if obj is None or obj.ent_type_ in {"DATE", "TIME"}:
                    continue
                if not (child.lower_ == "at" and obj.ent_type_ in PLACE_LABELS):
                    return phrase(obj)
            if child.dep_ in {"acl", "advcl"} and child.lemma_ in {"target", "hit"}:
                for gc in child.children:
                    if gc.dep_ == "dobj":
                        return phrase(gc)
        for verb in self._absorbing_verbs(head):
            if verb.lemma_ in _TOLL_VERBS and verb.dep_ == "acl" and verb.tag_ == "VBN":
                return phrase(verb.head)  # "leader killed by a drone strike"
            for child in verb.children:
                if child.dep_ in _HIT_DEPS.get(verb.lemma_, ("dobj",)) and child.ent_type_ not in {
                    "DATE",
                    "TIME",
                }:
                    return phrase(child)
        if head.lemma_ == "casualty" and _civilian_mod(head):
            return head.doc[head.i - 1 : head.i]
        return None

    def _location(  # noqa: C901, PLR0912 (dependency patterns tried in order; the order decides)
        self, sent: SpacySpan, head: Token, trig: Trigger, exclude: set[SpacySpan | None]
    ) -> SpacySpan | None:
        blocked = {t.i for sp in exclude if sp is not None for t in sp}
        scopes = [head]
        if head.head != head:
            scopes.append(head.head)
        for scope in scopes:
            for child in scope.children:
                if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                    obj = pobj_of(child)
                    if obj is not None and obj.i not in blocked:
                        found = self._place_in(obj)
                        if found is not None:
                            return found
        town = _town_modifier(head, blocked, self._is_town)
        if town is not None:  # "the Oklahoma City bombing": the trigger's own place modifier
            return town
        # nearest place entity in the trigger's clause
        clause = head
        while clause.pos_ not in {"VERB", "AUX"} and clause.head != clause:
            clause = clause.head
        if clause.dep_ in {"relcl", "acl"} and clause.i > head.i:
            clause = head
        in_clause = {t.i for t in clause.subtree}
        best: tuple[int, SpacySpan] | None = None
        for ent in sent.ents:
            if ent.label_ not in PLACE_LABELS or any(t.i in blocked for t in ent):
                continue
            if ent.root.i not in in_clause or _in_other_clause(ent.root, head):
                continue
            if _under_other_event(ent.root, head, self.lexicon):
                continue  # "detonated explosives, as in the bombings at Paris' Bataclan": theirs
            if ent.root.dep_ in {"nsubj", "nsubjpass"}:
                continue  # "Russia warned": an actor, not a place
            if (
                ent.root.dep_ in {"compound", "amod"}
                and ent.root.head.lemma_.lower() not in PLACE_NOUNS
                and ent.root.head.i != head.i  # "Homs bombing" names where
            ):
                continue  # "U.S. officials": a modifier; but "Aleppo countryside" is a place
            if ent.end < len(ent.doc) and ent.doc[ent.end].text == "-":
                continue  # "US-trained", "Saudi-led": a modifier, never the event's place
            gov = ent.root
            while gov.dep_ == "conj" and gov.head != gov:
                gov = gov.head
            if gov.dep_ == "pobj" and gov.head.lower_ not in PLACE_PREPS | {"of"}:
                continue  # "coordinated with ... Iran": a partner, not a place
            if ent.start >= trig.start and ent.end <= trig.end:
                continue
            if not (self._is_place(ent.text) or self._regional) or not self._place_in_region(ent.text):
                continue
            dist = min(abs(ent.start - trig.head), abs(ent.end - 1 - trig.head))
            if best is None or dist < best[0]:
                best = (dist, ent)
        return best[1] if best else None

    def _place_in(self, obj: Token) -> SpacySpan | None:
        """The place named by ``obj`` ("Homs", "Latakia province", "the city of Daraa")."""
        cand = phrase(obj)
        if self._is_place(cand.text):
            return cand
        # "the city of Homs", "the outskirts of Homs"
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                inner = pobj_of(child)
                if inner is not None and self._is_place(phrase(inner).text):
                    return phrase(inner)
        if obj.ent_type_ in PLACE_LABELS:
            ent = entity_of(obj)
            if ent is not None and self._is_place(ent.text):
                return ent
        return None

    @staticmethod
    def _date(sent: SpacySpan, head: Token) -> SpacySpan | None:
        best: tuple[int, SpacySpan] | None = None
        for ent in sent.ents:
            if ent.label_ != "DATE" or not _datelike(ent):
                continue
            if _in_other_clause(ent.root, head):
                continue
            dist = min(abs(ent.start - head.i), abs(ent.end - 1 - head.i))
            if best is None or dist < best[0]:
                best = (dist, ent)
        if best is None:
            return None
        ent = best[1]
        start = ent.start
        while start < ent.end and ent.doc[start].lower_ in {"the", "on", "a", "this", "in"}:
            start += 1
        return ent.doc[start : ent.end] if start < ent.end else ent


_GENERIC_TYPES = frozenset({"attack", "armed_clash"})


def _join_compounds(doc: Doc, trigs: list[Trigger]) -> list[Trigger]:
    """One trigger for one mention: "car bomb" + "attack" in "car bomb attack" become one.

    Two adjacent triggers join when the first modifies the second (``compound``/``amod``);
    the joined trigger keeps the more specific of the two types.
    """
    out: list[Trigger] = []
    for t in trigs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == t.start
            and doc[prev.head].head.i == t.head
            and doc[prev.head].dep_ in {"compound", "amod"}
        ):
            typ = prev.action_type if t.action_type in _GENERIC_TYPES else t.action_type
            out[-1] = Trigger(prev.start, t.end, t.head, typ, t.lemma)
            continue
        out.append(t)
    return out


_HIT_NOUNS = frozenset(
    {"target", "site", "position", "area", "building", "hospital", "school", "market", "base"}
)


def _reduced_passive_subject(verb: Token) -> Token | None:
    """ "Another target struck today was located ...": a participle whose subject was hit."""
    if verb.tag_ != "VBN" or any(c.dep_ in {"aux", "dobj"} for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ == "nsubj" and c.lemma_.lower() in _HIT_NOUNS:
            return c
    return None


def _town_modifier(head: Token, blocked: set[int], is_town: IsPlace) -> SpacySpan | None:
    """The place entity modifying a nominal trigger when it names a town or province.

    "the Oklahoma City bombing", "the Orlando massacre": where the event happened. A country
    modifier ("US strikes") names a party, so ``is_town`` must say no for countries.
    """
    if head.pos_ not in {"NOUN", "PROPN"}:
        return None
    for child in head.lefts:
        if child.dep_ not in {"compound", "amod", "nmod"} or child.i in blocked:
            continue
        ent = entity_of(child)
        if ent is not None and ent.label_ in PLACE_LABELS and is_town(ent.text):
            return ent
    return None


def _in_other_clause(tok: Token, head: Token) -> bool:
    """True when ``tok`` sits in a relative/adverbial clause that does not contain ``head``."""
    for anc in [tok, *tok.ancestors]:
        if anc.dep_ in {"relcl", "acl"} and not anc.is_ancestor(head) and anc != head:
            return True
        if anc.is_ancestor(head) or anc == head:
            return False
    return False


def _under_other_event(tok: Token, head: Token, lexicon: Lexicon) -> bool:
    """True when ``tok`` hangs off an event noun below the point where its path meets ``head``'s:
    "opened fire ..., similar to the bombings at Paris' Bataclan" puts Paris at the bombings, not
    at the opening of fire; "an air strike killed 20 in Homs" keeps Homs for the strike.

    Example:
        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> words = ["Gunmen", "fired", "like", "the", "bombings", "at", "Paris"]
        >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 1, 4, 2, 4, 5],
        ...           deps=["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj"],
        ...           pos=["NOUN", "VERB", "ADP", "DET", "NOUN", "ADP", "PROPN"],
        ...           lemmas=["gunman", "fire", "like", "the", "bombing", "at", "Paris"])
        >>> _under_other_event(doc[6], doc[1], LEXICON), _under_other_event(doc[6], doc[4], LEXICON)
        (True, False)
    """
    for anc in tok.ancestors:
        if anc == head or anc.is_ancestor(head):
            return False
        if anc.pos_ in {"NOUN", "PROPN"} and lexicon.word_type(anc.lemma_, anc.pos_) is not None:
            return anc.lemma_.lower() not in WEAK
    return False


def related(weak: Token, other: Token) -> bool:
    """True when ``other`` is in ``weak``'s subtree, or ``weak`` hangs off ``other`` within 3 hops."""
    if other.i == weak.i:
        return False
    if weak.is_ancestor(other):
        return True
    if (
        weak.dep_ in {"advcl", "conj", "xcomp", "ccomp"}
        and other.head == weak.head
        and other.dep_ in {"dobj", "nsubj"}
    ):
        return True  # "perpetrated suicide bombings ..., killing 154"
    if weak.dep_ == "dobj" and other.head == weak.head and other.dep_ == "nsubj":
        return True  # "Raids cause casualties": the strike's own toll
    anc, hops = weak.head, 0
    while hops < 4:
        if anc.i == other.i:
            return True
        if anc == anc.head:
            break
        anc, hops = anc.head, hops + 1
    return False


_DURATION_WORDS = frozenset(
    {"years", "months", "weeks", "days", "hours", "decades", "year-old", "long-term", "four-year"}
)


def _is_actor_word(tok: Token) -> bool:
    """A word naming a party (the article's packs' ``actor_words``: "regime", "rebel")."""
    return tok.lower_ in _ACTOR_WORDS.get()


def _is_actorish(sp: SpacySpan) -> bool:
    return any(t.ent_type_ in {"ORG", "NORP"} or _is_actor_word(t) for t in sp)


def _civilian_mod(tok: Token) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in {"civilian", "heavy", "mass"}


_TOLL_VERBS = frozenset({"kill", "die", "wound", "injure"})
"""Verbs of harm whose victims an attack noun under them ("killed in a strike") takes as its target."""
_HIT_DEPS: dict[str, tuple[str, ...]] = {
    "kill": ("dobj", "nsubjpass", "nsubj"),  # "Masri killed in drone strike": a headline's passive
    "die": ("nsubj",),
    "wound": ("dobj", "nsubjpass", "nsubj"),
    "injure": ("dobj", "nsubjpass", "nsubj"),
}
"""Which dependents of an absorbed harm verb were hit (default: its object)."""

_NEEDS_OBJECT = frozenset({"control"})
"""Trigger verbs that state an action only with an object ("factions control 5 villages")."""

_VICTIM_SUBJECT = frozenset({"die"})
"""Trigger verbs whose subject is the one hit, not the one acting."""


def _between(head: Token) -> tuple[SpacySpan | None, SpacySpan | None]:
    """The two sides of "clashes between A and B" (on the trigger, or the verb it is subject of:
    "clashes continue between A and B"): A as actor, B as target; (None, None) when absent."""
    holders = [head, head.head] if head.dep_ in {"nsubj", "nsubjpass"} else [head]
    holders += [o for p in head.children if p.dep_ == "prep" and (o := pobj_of(p)) is not None]
    for holder in holders:  # "clashes in al-Merej area between A and B" hangs it on the place
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                first = pobj_of(child)
                if first is None:
                    continue
                second = next((c for c in first.children if c.dep_ == "conj"), None)
                if second is None:
                    second = next((c for c in holder.children if c.dep_ == "conj" and c.i > first.i), None)
                doc = head.doc
                side_a = doc[first.left_edge.i : first.i + 1]
                return side_a, (phrase(second) if second is not None else None)
    return None, None


def _casualty_event(tok: Token) -> bool:
    """ "Casualties" that report an event: "civilian casualties", "13 casualties", or a headline's
    head noun ("Casualties in Aleppo city"); not "casualty figures" or "no casualties"."""
    if _civilian_mod(tok):
        return True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return False
    return tok.dep_ == "ROOT" or any(c.dep_ == "nummod" for c in tok.children)


def _verbal(tok: Token) -> bool:
    """A verb, or a noun the parser should have tagged a verb (:func:`_mistagged_verb`)."""
    return tok.pos_ == "VERB" or _mistagged_verb(tok)


_HEADLINE_VERBS = frozenset({"target", "hit", "kill", "shell", "strike", "bomb", "raid", "attack", "pound"})


def _mistagged_verb(tok: Token) -> bool:
    """ "Missiles target al-Merej area", "Aerial bombardment targets Aleppo": a headline verb
    tagged as a noun, given away by a subject or object of its own (a noun has neither)."""
    return (
        tok.pos_ in {"NOUN", "PROPN"}
        and tok.lemma_.lower() in _HEADLINE_VERBS
        and any(c.dep_ in {"nsubj", "dobj"} for c in tok.children)
    )


def _datelike(ent: SpacySpan) -> bool:
    """A DATE entity that names a point in time, not a duration or an age."""
    low = ent.text.lower()
    if re.search(r"\b\d{3,4}\s*(?:gmt|utc|local)", low):
        return False
    if any(w in low.split() for w in _DURATION_WORDS) and not low.startswith(("last", "this", "earlier")):
        return False
    return not low.startswith(("the past", "recent", "the last", "since"))
