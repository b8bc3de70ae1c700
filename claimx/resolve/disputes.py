"""Disputes: per event and slot, the positions sources hold when they cannot all be right.

Each claim of an event takes a *stance* on the slots it speaks to, in the name of its
*speaker* (:mod:`~claimx.resolve.speakers`). Stances whose values can both be true are
one position; a dispute is a slot with two or more positions held by different
speakers. The rules (README, "What counts as a disagreement"):

- ``location``: a town and the district or province that contains it agree; towns
  within :data:`~claimx.resolve.compat.NEAR_KM` are one scene;
- ``target``: civilians and fighters hit by one strike agree (civilians, and the
  vague "terrorists", side with any target); two combatant sides (Islamic State vs
  other rebels) do not; a denial of a target ("not meant to target ISIS") is a
  position against that target;
- ``actor``: perpetrators on different sides disagree ("terrorists" disagrees only
  with the government side); a denial of a perpetrator's part is a position; a clash,
  a capture and two sides hitting each other have both sides as actors (no dispute);
  a speaker read as the actor ("Turkey condemns the attack") takes no side;
- ``killed`` / ``injured``: figures are read as stated (:mod:`~claimx.resolve.figures`:
  "at least 30" and 33 agree); each speaker counts once, with its *latest* figure
  (the one of its most recently published article; an outlet's later, higher toll is
  an update); within an article a speaker's figure is its largest, a figure under
  a third of the article's headline toll is a part or another attack, not a rival, a
  bare figure takes the qualifier its article states it with elsewhere, and a figure
  placed in another month or year is another event;
- ``date``: explicit days more than a day apart;
- ``negation``: a denial of the event or of its civilian victims (one that denies harm),
  or the accused denying its own part, against the claims that assert it;
- claims of one article in different mentions (events the article tells apart) never
  dispute: only each article's main mention of the event takes part;
- one speaker never disputes itself: a speaker holding two positions is dropped from both;
- a position whose claims are all hedged ("appeared to", "purportedly") is marked
  ``hedged`` and shown as alleged.

Example:
    >>> from claimx.resolve.features import claim_features
    >>> from claimx.types import Claim
    >>> def c(i, doc, src, k, who=None): return claim_features(i, Claim.from_record({"claim_id": f"c{i}",
    ...     "doc_id": doc, "source": src, "sentence": f"The strike killed {k} people.", "action": "killed",
    ...     "action_type": "air_strike", "killed": k, "attributed_to": who}))
    >>> ds = event_disputes("ev1", [c(0, "d1", "BuzzFeed", 33, "Civil Defense"), c(1, "d1", "BuzzFeed", 32,
    ...                      "Osama Abu Zaid"), c(2, "d2", "Reuters", 33)])
    >>> [(d.slot, [p.value for p in d.positions]) for d in ds]
    [('killed', ['33', '32'])]
    >>> for part in ds[0].reason.split(" vs "): print(part)
    Sources disagree on the number killed: 33 (Civil Defense in BuzzFeed; Reuters)
    32 (Osama Abu Zaid in BuzzFeed).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from claimx.resolve.compat import compare_dates, compare_places
from claimx.resolve.events import consensus_date, consensus_type
from claimx.resolve.features import ClaimFeatures
from claimx.resolve.figures import Figure, counts_subgroup, is_event_toll, stated_figure
from claimx.resolve.judge import ACTION_NOUNS, DENIAL_CUES, denial_applies
from claimx.resolve.sides import AMBIGUOUS_ARMED, NEUTRAL_TARGETS, actor_side, side_label
from claimx.resolve.speakers import speaker_keys
from claimx.types import Claim, Dispute, Event, Position, Relation, RelationSlot

SLOT_ORDER: tuple[RelationSlot, ...] = (
    "negation",
    "actor",
    "target",
    "location",
    "date",
    "killed",
    "injured",
)
"""Slots in the order disputes are listed."""

TWO_SIDED_TYPES = frozenset({"armed_clash", "territory_seized"})
"""Actions in which both sides act and both are hit (a clash, a capture): neither their actors nor
their targets are disputed ("29 rebels killed in clashes with regime troops" names two fighting sides,
not rival perpetrators)."""
PART_SHARE = 3
"""Within one article, a speaker's toll under 1/PART_SHARE of the article's headline toll is a part
of it ("11 children among the dead") or another attack the article names, not a rival count."""

FIGURE_SLOTS = frozenset({"killed", "injured"})

SLOT_WORDS: dict[str, str] = {
    "negation": "whether it happened as reported",
    "actor": "who carried it out",
    "target": "what was hit",
    "location": "where it happened",
    "date": "when it happened",
    "killed": "the number killed",
    "injured": "the number injured",
}


@dataclass(frozen=True, slots=True)
class Stance:
    """One claim's value on one slot, in its speaker's name.

    ``key`` decides which stances are one position (equal keys always are);
    ``label`` is the value shown; ``against`` is set for a denial ("not Islamic State"),
    the key it denies.
    """

    speaker: str
    key: str
    label: str
    feature: ClaimFeatures
    against: str | None = None


@dataclass(frozen=True, slots=True)
class Side:
    """A position being built: its stances and the keys it holds."""

    keys: frozenset[str]
    stances: tuple[Stance, ...]


def _speaker_of(members: Sequence[ClaimFeatures]) -> dict[int, str]:
    keys = speaker_keys(c.claim.attributed_to for c in members if c.claim.attributed_to)
    out = {}
    for f in members:
        c = f.claim
        out[f.index] = f"says:{keys[c.attributed_to]}" if c.attributed_to else f"outlet:{outlet(c)}"
    return out


def outlet(c: Claim) -> str:
    """The outlet a claim speaks for: its source, else its own document."""
    return c.source or f"doc:{c.doc_id}"


# ---- stances per slot ----------------------------------------------------------------------------


def _group_label(f: ClaimFeatures, role: str, group: str) -> str:
    norm = getattr(f.claim, f"{role}_norm") or getattr(f.claim, role)
    label = _label(f, group)
    if norm and label.lower() not in norm.lower():
        return f"{norm} ({label})"
    return norm or label


def _label(f: ClaimFeatures, group: str) -> str:
    """Words for ``group`` (the claim's packs' labels, else the group's name)."""
    return side_label(group, f.knowledge.sides if f.knowledge else None) or group


def _event_side(members: Sequence[ClaimFeatures]) -> str | None:
    sides = [f.actor_side for f in members if f.actor_side and not f.claim.negated]
    return max(dict.fromkeys(sides), key=sides.count) if sides else None  # a tie: the first named


def target_stances(members: Sequence[ClaimFeatures], speakers: Mapping[int, str]) -> list[Stance]:
    """Combatant targets of one-sided actions; a denied target is a stance against it."""
    perpetrator = _event_side(members)
    if consensus_type([f.claim for f in members]) in TWO_SIDED_TYPES:
        return []
    out = []
    for f in members:
        group = f.target_group
        if group is None or group in NEUTRAL_TARGETS or f.claim.action_type in TWO_SIDED_TYPES:
            continue
        if group in (perpetrator, f.actor_side):
            continue  # a side does not strike itself: a misread target ("in support of the government")
        label = _label(f, group)
        if f.claim.negated:
            if not _DENY_VERB_RE.search(f.claim.sentence):
                out.append(Stance(speakers[f.index], f"not:{group}", f"not {label}", f, against=group))
        else:
            out.append(Stance(speakers[f.index], group, _group_label(f, "target", group), f))
    return out


_DENY_VERB_RE = re.compile(r"\bden(?:y|ies|ied|ial)\b", re.IGNORECASE)
"""A target named beside a denial verb is what the speaker says was hit ("denied responsibility,
saying its air strikes hit a rebel depot"), not what it denies ("not meant to target ISIS")."""


def actor_stances(members: Sequence[ClaimFeatures], speakers: Mapping[int, str]) -> list[Stance]:
    """Perpetrators by side; "terrorists" stands against the government side only.

    Clashes and captures have both sides as actors (no stance), and so have two sides that the
    event's claims show hitting each other (:func:`exchange_sides`); an actor that is the subject of
    a statement verb ("Turkey condemns the attack") is a speaker, not a perpetrator.
    """
    if consensus_type([f.claim for f in members]) in TWO_SIDED_TYPES:
        return []
    exchanging = exchange_sides(members)
    out = []
    for f in members:
        side = f.actor_side
        if side is None or side == "civilians" or f.claim.action_type in TWO_SIDED_TYPES:
            continue
        if side in exchanging:
            continue
        if speaks(f.claim):
            continue
        if f.claim.negated:
            if f.target_group is None and side != AMBIGUOUS_ARMED:
                label = _label(f, side)
                out.append(Stance(speakers[f.index], f"not:{side}", f"not {label}", f, against=side))
            continue
        label = _group_label(f, "actor", side)
        if side == AMBIGUOUS_ARMED:
            out.append(Stance(speakers[f.index], "not:pro_government", label, f, against="pro_government"))
        else:
            out.append(Stance(speakers[f.index], side, label, f))
    return out


def exchange_sides(members: Sequence[ClaimFeatures]) -> frozenset[str]:
    """Combatant sides that the claims show hitting each other: rebels killing a government pilot and
    government jets striking rebels are an exchange (an attack and its retaliation), not rival accounts
    of one perpetrator.

    >>> from claimx.resolve.features import claim_features
    >>> def c(i, actor, target): return claim_features(i, Claim.from_record({"claim_id": f"c{i}",
    ...     "doc_id": "d", "sentence": "s", "action": "hit", "action_type": "attack", "actor": actor,
    ...     "target": target}))
    >>> sorted(exchange_sides([c(0, "rebels", "the government"), c(1, "government jets", "rebels")]))
    ['opposition', 'pro_government']
    >>> sorted(exchange_sides([c(0, "rebels", "civilians"), c(1, "government jets", "rebels")]))
    []
    """
    hits = {
        (f.actor_side, f.target_group)
        for f in members
        if not f.claim.negated
        and f.actor_side not in (None, "civilians", AMBIGUOUS_ARMED)
        and f.target_group not in (None, *NEUTRAL_TARGETS)
        and f.actor_side != f.target_group
    }
    return frozenset(side for pair in hits if pair[::-1] in hits for side in pair)


_STATEMENT_VERBS = (
    r"(?:said|says|say|stated|described|condemn(?:s|ed)?|denounc(?:es|ed)|(?:accus(?:es|ed)|blam(?:es|ed))"
    r"(?!\s+(?:of|for)\b)|"
    r"call(?:s|ed)(?!\s+in\b)|told|tells|report(?:s|ed)|warn(?:s|ed)|urg(?:es|ed)|welcom(?:es|ed)|"
    r"demand(?:s|ed)|express(?:es|ed)|announc(?:es|ed))"
)
_NOT_PASSIVE = r"(?:(?!(?:is|are|was|were|be|been|being|the|a|an)\b)\w+\s+)"
"""Words between a name and its verb: a form of "be" makes it passive ("were accused of", and so does
"accused of" alone): the name is then what the statement is about, the perpetrator; an article starts
another subject ("air strikes by the coalition, the statement said")."""
_OWN_ACT = r"\s+(?:that\s+)?(?:it|its|they|their|we|our)\b"
"""After a statement verb, the speaker's own act follows ("said it carried out")."""


def speaks(c: Claim) -> bool:
    """Whether the claim's actor is the subject of a statement verb: a speaker the extractor read as the
    perpetrator ("The coalition described the attack as a massacre", "Turkey condemns the attack").

    A denial verb is left out: "Russia denied carrying out strikes" is Russia's stance on its own part;
    so is a speaker telling of its own act ("the army said it shelled the town", "IS announced its
    fighters attacked"); a passive ("forces were accused of using gas") names the accused; and a name
    the sentence repeats after the verb ("the Russian ministry announced that a Russian air strike
    ...") may be the perpetrator there.

    >>> def c(actor, sentence): return Claim.from_record({"claim_id": "a", "doc_id": "d",
    ...     "sentence": sentence, "action": "attack", "action_type": "chemical_weapon", "actor": actor})
    >>> speaks(c("coalition", "The coalition described the attack as a horrifying massacre."))
    True
    >>> speaks(c("regime planes", "Regime planes carried out the strike, the coalition said."))
    False
    >>> speaks(c("Islamic State", "Islamic State said it carried out the attack."))
    False
    >>> speaks(c("Assad", "Forces loyal to Assad were accused of using chemical weapons."))
    False
    >>> speaks(c("Syrian regime", "Syrian regime accused of bombing the town of Daraya."))
    False
    """
    actor = c.actor
    if not actor:
        return False
    for m in _STATEMENT_VERB_RE.finditer(c.sentence):
        if _subject_pattern(actor).search(c.sentence, 0, m.start()):
            return _name_pattern(actor).search(c.sentence[m.end() :]) is None
    return False


_STATEMENT_VERB_RE = re.compile(rf"\b{_STATEMENT_VERBS}\b(?!{_OWN_ACT})", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _subject_pattern(actor: str) -> re.Pattern[str]:
    """``actor`` then at most two words that do not make it passive (up to a statement verb)."""
    return re.compile(rf"\b{re.escape(actor)}(?:'s?)?\s+{_NOT_PASSIVE}{{0,2}}$", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _name_pattern(actor: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(actor)}\b", re.IGNORECASE)


def _headline(members: Sequence[ClaimFeatures], slot: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in members:
        v = getattr(f.claim, slot)
        if v is not None and not f.claim.negated:
            out[f.doc_id] = max(v, out.get(f.doc_id, 0))
    return out


def figure_stances(members: Sequence[ClaimFeatures], speakers: Mapping[int, str], slot: str) -> list[Stance]:
    """Each speaker's latest toll (its largest in its latest article); parts of a toll, earlier and
    multi-day figures, and figures its sentence places in another month or year left out."""
    headline = _headline(members, slot)
    when = consensus_date(members)
    per_doc: dict[tuple[str, str], ClaimFeatures] = {}
    for f in members:
        v = getattr(f.claim, slot)
        if v is None or f.claim.negated or PART_SHARE * v < headline[f.doc_id]:
            continue
        if not is_event_toll(v, f.claim.sentence, when) or counts_subgroup(v, f.claim.sentence):
            continue  # "22 children": a part of any total, not a rival count
        key = (speakers[f.index], f.doc_id)
        if key not in per_doc or v > getattr(per_doc[key].claim, slot):
            per_doc[key] = f
    latest: dict[str, ClaimFeatures] = {}
    for (speaker, _), f in per_doc.items():
        old = latest.get(speaker)
        if old is None or (f.claim.published or "", getattr(f.claim, slot)) > (
            old.claim.published or "",
            getattr(old.claim, slot),
        ):
            latest[speaker] = f
    read = article_figures(members, slot)
    out = []
    for (speaker, _), f in per_doc.items():
        fig = read[(f.doc_id, getattr(f.claim, slot))]
        last = latest[speaker]
        if f is last or fig.agrees(read[(last.doc_id, getattr(last.claim, slot))]):
            out.append(Stance(speaker, f"{fig.bound}:{fig.value}", fig.label, f))
    return out


def article_figures(members: Sequence[ClaimFeatures], slot: str) -> dict[tuple[str, int], Figure]:
    """Each article's figures as stated, per (doc_id, value): a bare figure that the same article
    also states with a qualifier takes it ("Blast kills 20" under "at least 20 were killed":
    headlines drop the "at least").

    >>> from claimx.resolve.features import claim_features
    >>> def c(i, s): return claim_features(i, Claim.from_record({"claim_id": f"c{i}", "doc_id": "d",
    ...     "sentence": s, "action": "killed", "action_type": "attack", "killed": 20}))
    >>> article_figures([c(0, "Blast kills 20 rebels"), c(1, "At least 20 rebels were killed.")], "killed")
    {('d', 20): Figure(value=20, bound='at_least')}
    """
    out: dict[tuple[str, int], Figure] = {}
    for f in members:
        value = getattr(f.claim, slot)
        if value is None:
            continue
        fig = stated_figure(value, f.claim.sentence)
        key = (f.doc_id, value)
        if key not in out or out[key].bound == "exact":
            out[key] = fig
    return out


def _figure_of(s: Stance) -> Figure:
    bound, value = s.key.split(":")
    return Figure(int(value), bound)  # type: ignore[arg-type]


def place_stances(members: Sequence[ClaimFeatures], speakers: Mapping[int, str]) -> list[Stance]:
    """Named places below country level (a country holds every place of the event)."""
    return [
        Stance(speakers[f.index], f.place or "", f.claim.location_norm or f.claim.location or "", f)
        for f in members
        if f.place and f.place_level in ("city", "admin1") and not f.claim.negated
    ]


def date_stances(members: Sequence[ClaimFeatures], speakers: Mapping[int, str]) -> list[Stance]:
    """Explicit days (months and years hold the days inside them)."""
    return [
        Stance(speakers[f.index], f.claim.date_norm or "", f.claim.date_norm or "", f)
        for f in members
        if f.dates is not None and f.dates.precision == "day" and not f.claim.negated
    ]


_NOT_DENIED_RE = re.compile(
    r"\b(?:did not|didn't|does not|not|never|no one)\s+den(?:y|ied|ies)\b", re.IGNORECASE
)
"""A double negation ("a coalition source did not deny that airstrikes had been carried out")."""


def _denial_key(f: ClaimFeatures) -> str | None:
    """What a negated claim denies, when it is the event or its civilian victims."""
    if _NOT_DENIED_RE.search(f.claim.sentence):
        return None
    if f.target_group == "civilians":
        return "civilians" if _denies_harm(f.claim.sentence) else None
    denies = f.target_group is None and DENIAL_CUES.search(f.claim.sentence) is not None
    return "event" if denies and (f.actor_side is None or _accused_denies(f)) else None


def _accused_denies(f: ClaimFeatures) -> bool:
    """Whether the speaker of a denied perpetrator is on that perpetrator's side: the accused denying
    the charge ("the government of President Assad denied using chemical weapons") denies the event as
    reported, beside taking a stance on its own part."""
    who = f.claim.attributed_to
    if not who or f.actor_side in (None, AMBIGUOUS_ARMED):
        return False
    if f.knowledge is None:
        return False
    k = f.knowledge
    return actor_side(who, who, k.actors, k.sides_for(f.claim.country)) == f.actor_side


_HARM_NEGATED_RE = re.compile(
    r"\b(?:no|not|never|nor|none)\b(?:\s+[\w-]+){0,3}?\s+(?:civilian\w*|kill\w*|hit|harm\w*|target\w*|"
    r"casualt\w*|victims?|died|dead|injur\w*|wound\w*|struck|bomb\w*|attack\w*)\b",
    re.IGNORECASE,
)
"""A negation of the harm itself ("no civilians were killed", "did not target civilians")."""


def _denies_harm(sentence: str) -> bool:
    """Whether a negated claim about civilians denies that they were harmed: a denial word, or a
    negation of the harm; "the bombardment had not stopped" denies nothing.

    >>> _denies_harm("Reports of civilian casualties were an information attack.")
    True
    >>> _denies_harm("Russian jets did not target civilians."), _denies_harm("The shelling had not stopped.")
    (True, False)
    """
    return bool(DENIAL_CUES.search(sentence) or _HARM_NEGATED_RE.search(sentence))


def negation_stances(members: Sequence[ClaimFeatures], speakers: Mapping[int, str]) -> list[Stance]:
    """Denials of the event (or of its civilian victims) and the claims they deny."""
    denials = [(f, k) for f in members if f.claim.negated and (k := _denial_key(f)) is not None]
    out: list[Stance] = []
    asserted: set[int] = set()
    for d, key in denials:
        hit = [
            a
            for a in members
            if not a.claim.negated
            and speakers[a.index] != speakers[d.index]
            and _same_kind(d.claim, a.claim)
            and denial_applies(d, a)
        ]
        if not hit:
            continue
        what = "civilian casualties" if key == "civilians" else f"the {_action_words(d.claim)}"
        out.append(Stance(speakers[d.index], f"denied:{key}", f"denies {what}", d, against="asserted"))
        for a in hit:
            if a.index not in asserted:
                asserted.add(a.index)
                out.append(Stance(speakers[a.index], "asserted", f"reports the {_action_words(a.claim)}", a))
    return out


def _same_kind(denial: Claim, assertion: Claim) -> bool:
    """A denial concerns assertions of its own kind of action (a denied chemical attack is not a
    denied air strike); a generic ``attack`` goes with any."""
    kinds = (denial.action_type, assertion.action_type)
    return "attack" in kinds or kinds[0] == kinds[1]


def _action_words(c: Claim) -> str:
    return ACTION_NOUNS.get(c.action_type, c.action_type.replace("_", " "))


# ---- positions -----------------------------------------------------------------------------------

Agree = Callable[[Stance, Stance], bool]


def _agree_keys(a: Stance, b: Stance) -> bool:
    if a.key == b.key:
        return True
    if a.against is not None and b.against is not None:
        return True  # two denials never oppose each other
    return (a.against is not None and a.against != b.key) or (b.against is not None and b.against != a.key)


def _victims(s: Stance) -> str | None:
    group = s.feature.target_group
    return None if group is None else ("civilians" if group == "civilians" else "fighters")


def _agree_figures(a: Stance, b: Stance) -> bool:
    """Figures agree as stated; counts of different victims (30 civilians, 29 fighters) never clash."""
    va, vb = _victims(a), _victims(b)
    if va is not None and vb is not None and va != vb:
        return True
    return _figure_of(a).agrees(_figure_of(b))


def _agree_places(a: Stance, b: Stance) -> bool:
    """Only a clash disagrees: places too far apart to be one scene are two events linked in error."""
    return a.key == b.key or compare_places(a.feature, b.feature).status != "clash"


def _agree_dates(a: Stance, b: Stance) -> bool:
    """Only a clash (days 2-3 apart) disagrees; dates further apart are two events."""
    return compare_dates(a.feature.dates, b.feature.dates).status != "clash"


def group_positions(stances: Sequence[Stance], agree: Agree) -> list[list[Stance]]:
    """Stances grouped into positions.

    Stances that agree with every other stance take no side and are left out (a
    province that holds all the towns named, "at least 10" beside 33 and 32). The
    rest are joined when they agree, each to the first position all of whose
    stances it agrees with, most common values first.
    """
    return join_agreeing([s for s in stances if not all(agree(s, o) for o in stances)], agree)


def join_agreeing(stances: Sequence[Stance], agree: Agree) -> list[list[Stance]]:
    """Each stance joined to the first position all of whose stances it agrees with, most
    common values first."""
    counts: dict[str, int] = defaultdict(int)
    for s in stances:
        counts[s.key] += 1
    positions: list[list[Stance]] = []
    for s in sorted(stances, key=lambda s: (-counts[s.key], s.key)):
        home = next((p for p in positions if all(agree(s, o) for o in p)), None)
        if home is None:
            positions.append([s])
        else:
            home.append(s)
    return positions


def group_figures(stances: Sequence[Stance]) -> list[list[Stance]]:
    """Figures grouped into positions: stated counts first, then lower bounds.

    Counts ("33", "about 80", "up to 1,300") are joined by :func:`join_agreeing`. A
    lower bound ("at least 58") joins the smallest count it agrees with; lower bounds
    that agree with no count form one position of their own (they agree with each
    other), and take no side at all when there is no count to disagree with. A count
    under a third of every other position's, held by one article, is another event
    linked in error (a governor's 5 killed beside tolls of 58 and more), not a position.
    """
    firm = [s for s in stances if _figure_of(s).bound != "at_least"]
    bounds = [s for s in stances if _figure_of(s).bound == "at_least"]
    positions = join_agreeing(firm, _agree_figures)
    loose: list[Stance] = []
    for b in bounds:
        fits = [p for p in positions if all(_agree_figures(b, o) for o in p)]
        if fits:
            min(fits, key=lambda p: min(_figure_of(o).value for o in p)).append(b)
        else:
            loose.append(b)
    if loose:
        positions.append(loose)
    return [p for p in positions if not _stray(p, positions)]


def _stray(p: list[Stance], positions: list[list[Stance]]) -> bool:
    others = [o for o in positions if o is not p]
    if not others or len({s.feature.doc_id for s in p}) > 1:
        return False
    return all(PART_SHARE * _top(p) < _top(o) for o in others)


def _top(p: list[Stance]) -> int:
    return max(_figure_of(s).value for s in p)


def _single_voiced(positions: list[list[Stance]]) -> list[list[Stance]]:
    """One speaker never disputes itself: a speaker holding several positions keeps only the one it
    states most often (asserted before hedged statements; then an explicit denial, "not meant to
    target ISIS", before a passing mention), and none on a tie."""
    weight: dict[str, dict[int, tuple[int, int, int]]] = defaultdict(dict)
    for n, p in enumerate(positions):
        for s in p:
            firm, total, denials = weight[s.speaker].get(n, (0, 0, 0))
            denial = s.against is not None
            weight[s.speaker][n] = (firm + (not s.feature.claim.hedged), total + 1, denials + denial)
    home: dict[str, int | None] = {}
    for speaker, by_position in weight.items():
        ranked = sorted(by_position.items(), key=lambda kv: kv[1], reverse=True)
        tie = len(ranked) > 1 and ranked[0][1] == ranked[1][1]
        home[speaker] = None if tie else ranked[0][0]
    kept = [[s for s in p if home[s.speaker] == n] for n, p in enumerate(positions)]
    return [p for p in kept if p]


# ---- records -------------------------------------------------------------------------------------


def _holder(c: Claim) -> str:
    return f"{c.attributed_to} in {outlet(c)}" if c.attributed_to else outlet(c)


VALUES_SHOWN = 3
"""Distinct values a position's ``value`` lists ("at least 86 / about 80 / 72"), most common first."""


def _value_label(stances: Sequence[Stance]) -> str:
    labels = [s.label for s in stances]
    ranked = sorted(dict.fromkeys(labels), key=lambda v: -labels.count(v))
    if stances and stances[0].key.split(":")[0] in ("exact", "at_least", "about", "up_to"):
        return " / ".join(ranked[:VALUES_SHOWN])
    return ranked[0]


def make_position(stances: Sequence[Stance]) -> Position:
    """The record of one position: its value, holders, claims and one evidence sentence."""
    claims = [s.feature.claim for s in stances]
    best = max(claims, key=lambda c: (not c.hedged, c.confidence, -len(c.sentence)))
    holders = list(dict.fromkeys((c.source, c.attributed_to) for c in claims))
    return Position(
        value=_value_label(stances),
        sources=tuple(src for src, _ in holders),
        speakers=tuple(who for _, who in holders),
        claim_ids=tuple(dict.fromkeys(c.claim_id for c in claims)),
        evidence=" ".join(best.sentence.split()),
        hedged=all(c.hedged for c in claims),
    )


HOLDERS_NAMED = 8
"""Holders a reason sentence names per position; the rest are counted (the record lists them all)."""


def holders_text(stances: Sequence[Stance]) -> str:
    """Who holds a position, for a reason sentence: ``Civil Defense in BuzzFeed; Reuters``."""
    names = list(dict.fromkeys(_holder(s.feature.claim) for s in stances))
    more = len(names) - HOLDERS_NAMED
    return "; ".join(names[:HOLDERS_NAMED]) + (f"; and {more} more" if more > 0 else "")


def dispute_reason(slot: str, positions: Sequence[Sequence[Stance]], records: Sequence[Position]) -> str:
    """A sentence naming every position and who holds it."""
    parts = []
    for stances, rec in zip(positions, records, strict=True):
        alleged = ", alleged" if rec.hedged else ""
        parts.append(f"{rec.value} ({holders_text(stances)}{alleged})")
    return f"Sources disagree on {SLOT_WORDS.get(slot, slot)}: " + " vs ".join(parts) + "."


STANCES: dict[str, tuple[Callable[..., list[Stance]], Agree]] = {
    "negation": (negation_stances, _agree_keys),
    "actor": (actor_stances, _agree_keys),
    "target": (target_stances, _agree_keys),
    "location": (place_stances, _agree_places),
    "date": (date_stances, _agree_dates),
}


def _stances(slot: str, members: Sequence[ClaimFeatures], speakers: Mapping[int, str]) -> list[Stance]:
    if slot in ("killed", "injured"):
        return figure_stances(members, speakers, slot)
    return STANCES[slot][0](members, speakers)


def _agree_for(slot: str) -> Agree:
    return _agree_figures if slot in ("killed", "injured") else STANCES[slot][1]


def main_mentions(members: Sequence[ClaimFeatures], mention_of: Mapping[int, int]) -> list[ClaimFeatures]:
    """Each article's claims of its main mention of the event (the one with the most claims).

    Claims of the article's other mentions are events it tells apart, which never dispute.
    """
    sizes: dict[tuple[str, int], int] = defaultdict(int)
    for f in members:
        sizes[(f.doc_id, mention_of.get(f.index, -1))] += 1
    main: dict[str, int] = {}
    for (doc, m), _ in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0][1])):
        main.setdefault(doc, m)
    return [f for f in members if mention_of.get(f.index, -1) == main[f.doc_id]]


def event_disputes(
    event_id: str, members: Sequence[ClaimFeatures], mention_of: Mapping[int, int] | None = None
) -> list[Dispute]:
    """The disputes of one event, in :data:`SLOT_ORDER`.

    ``mention_of`` maps a claim's index to its mention (linking's stage 1); without it
    every claim of an article counts as one mention.
    """
    kept = main_mentions(members, mention_of) if mention_of else list(members)
    speakers = _speaker_of(kept)
    out = []
    for slot in SLOT_ORDER:
        stances = _stances(slot, kept, speakers)
        if slot in FIGURE_SLOTS:
            positions = _single_voiced(group_figures(stances))
        else:
            positions = _single_voiced(group_positions(stances, _agree_for(slot)))
        if len(positions) < 2:
            continue
        positions.sort(key=lambda p: (-len({outlet(s.feature.claim) for s in p}), -len(p)))
        records = [make_position(p) for p in positions]
        out.append(Dispute(event_id, slot, tuple(records), dispute_reason(slot, positions, records)))
    return out


def dispute_relations(dispute: Dispute) -> list[Relation]:
    """One ``contradicts`` relation per pair of positions, between their first claims."""
    out = []
    ps = dispute.positions
    for n, a in enumerate(ps):
        for b in ps[n + 1 :]:
            says = "" if dispute.slot == "negation" else " says"
            reason = (
                f"{_position_voice(a)}{says} {a.value}; {_position_voice(b)}{says} {b.value} "
                f"({SLOT_WORDS.get(dispute.slot, dispute.slot)})."
            )
            out.append(Relation(a.claim_ids[0], b.claim_ids[0], "contradicts", dispute.slot, reason))
    return out


def _position_voice(p: Position) -> str:
    names = [s for s in p.speakers if s] or [s or "an unnamed outlet" for s in p.sources]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return shown + (" (alleged)" if p.hedged else "")


def format_disputes(disputes: Sequence[Dispute], events: Sequence[Event] = ()) -> str:
    """Disputes for a terminal: per dispute a heading line, then one line per position.

    >>> p = [Position("33", ("BuzzFeed",), ("Civil Defense",), ("c1",), "s"),
    ...      Position("32", ("BuzzFeed",), ("Abu Zaid",), ("c2",), "t")]
    >>> print(format_disputes([Dispute("ev1", "killed", tuple(p), "r")]), end="")
    ev1  killed: the number killed
      - 33: Civil Defense in BuzzFeed
      - 32: Abu Zaid in BuzzFeed
    """
    if not disputes:
        return "no disputes\n"
    by_id = {e.event_id: e for e in events}
    lines = []
    for d in disputes:
        ev = by_id.get(d.event_id)
        where = ""
        if ev is not None:
            bits = [ev.action_type.replace("_", " "), ev.location_norm or ev.admin1, ev.date_norm]
            where = " (" + ", ".join(b for b in bits if b) + ")"
        lines.append(f"{d.event_id}{where}  {d.slot}: {SLOT_WORDS.get(d.slot, d.slot)}")
        for p in d.positions:
            holders = [
                f"{who} in {src or 'an unnamed outlet'}" if who else (src or "an unnamed outlet")
                for who, src in _holder_pairs(p)
            ]
            alleged = " (alleged)" if p.hedged else ""
            lines.append(f"  - {p.value}{alleged}: {'; '.join(holders)}")
    return "\n".join(lines) + "\n"


def _holder_pairs(p: Position) -> list[tuple[str | None, str | None]]:
    """(speaker, source) of each holder of a position (its two lists run in parallel)."""
    if len(p.speakers) == len(p.sources):
        return list(zip(p.speakers, p.sources, strict=True))
    return [(s, None) for s in p.speakers if s] + [(None, src) for src in p.sources]
