"""Judging linked pairs: corroborates, or contradicts on a named slot with a checkable reason.

For two claims of one event the judge looks, in this order, for

1. ``negation``: one denies what the other asserts (a denial that concerns something
   else, "not targeting ISIS" against "hit rebels", is not judged);
2. ``target``: targets that cannot both be true (Islamic State vs other rebels; civilians
   agree with any target: :func:`~claimx.resolve.sides.targets_clash`);
3. ``actor``: perpetrators on different sides (government aircraft vs rebels);
4. ``killed`` / ``injured``: figures for compatible targets that disagree as stated
   (:mod:`~claimx.resolve.figures`: "at least 30" and 33 agree; 33 vs 32 differ); across
   articles only each article's headline toll for the event is compared (its largest
   figure: "21 killed, 15 in Manbij and 6 nearby" is one count, not three);
5. ``date`` / ``location``: explicit dates or towns that clash;

and reports the first it finds (the reason names any further differences); otherwise
the pair ``corroborates`` the ``event``. Claims of one article are judged only when
different voices assert them (``attributed_to`` differs), and then only contradictions
are kept: an article does not corroborate itself. The pipeline keeps only the
corroborations: the contradictions it writes are one per pair of positions of a dispute
(:mod:`~claimx.resolve.disputes`).

Example:
    >>> from claimx.types import Claim
    >>> def c(i, k, who): return Claim.from_record({"claim_id": i, "doc_id": "d1", "source": "BuzzFeed",
    ...     "sentence": "s", "action": "strikes", "action_type": "air_strike", "killed": k,
    ...     "attributed_to": who, "target_norm": "civilians"})
    >>> r = judge_pair(c("a", 33, "Syrian Civil Defense"), c("b", 32, "Osama Abu Zaid"))
    >>> r.relation, r.slot
    ('contradicts', 'killed')
    >>> for part in r.reason.split("; "): print(part)
    Syrian Civil Defense, in BuzzFeed (doc d1), says 33 killed
    Osama Abu Zaid, in BuzzFeed (doc d1), says 32 killed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from claimx.actions import ACTION_NOUNS
from claimx.knowledge import Knowledge
from claimx.resolve.compat import compare_dates, compare_places
from claimx.resolve.features import ClaimFeatures, claim_features
from claimx.resolve.figures import stated_figure
from claimx.resolve.sides import groups_clash, targets_clash
from claimx.types import Claim, Relation, RelationSlot

EXCERPT_CHARS = 90


def voice(c: Claim) -> str:
    """Who says it, for a reason sentence: ``Putin, in BuzzFeed News (doc 001_…)``."""
    outlet = f"{c.source or 'an unnamed outlet'} (doc {c.doc_id})"
    return f"{c.attributed_to}, in {outlet}," if c.attributed_to else outlet


def _excerpt(c: Claim) -> str:
    text = " ".join(c.sentence.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


def _group_phrase(norm: str | None, surface: str | None, group: str | None, f: ClaimFeatures) -> str:
    label = f.knowledge.sides.label(group) if f.knowledge is not None else None
    name = norm or surface or label or "someone"
    if label and label.lower() not in name.lower():
        return f"{name} ({label})"
    return name


def _action_words(c: Claim) -> str:
    return ACTION_NOUNS.get(c.action_type, c.action_type.replace("_", " "))


DENIAL_CUES = re.compile(
    r"\b(?:den(?:y|ies|ied|ial|ials)|false|fabricat\w*|baseless|no truth|lies|untrue|propaganda|fake|"
    r"information attack|not true|never used|rejects?|rejected|refut\w*|dismiss\w*|no evidence)\b",
    re.IGNORECASE,
)
"""Words that make a negated claim a denial of the event itself ("there was no truth to the reports");
a bare negation without them ("did not specify the points that were struck") denies nothing in particular."""


def denial_applies(denial: ClaimFeatures, assertion: ClaimFeatures) -> bool:
    """Whether a negated claim denies what the other claim asserts.

    A denial is about its most specific part: "not targeting ISIS" denies that
    Islamic State was the target (and agrees with "hit rebels"); "Russia denied
    carrying out strikes" denies Russia's part; "reports of civilian casualties were
    an information attack" denies civilian casualties; a bare denial ("state TV said
    there was no truth to the reports") denies the event, when it says so in words.
    """
    if denial.target_group is not None:
        if denial.target_group == "civilians":
            said = assertion.claim.killed or assertion.claim.injured
            return assertion.target_group == "civilians" or (assertion.target_group is None and bool(said))
        return assertion.target_group == denial.target_group
    if denial.actor_side is not None:
        named, other = denial.claim.actor_norm, assertion.claim.actor_norm
        if named and other:
            return named.lower() == other.lower()  # Russia's denial does not cover Syrian jets
        return assertion.actor_side == denial.actor_side
    return bool(DENIAL_CUES.search(denial.claim.sentence))


def _denial(fa: ClaimFeatures, fb: ClaimFeatures) -> tuple[RelationSlot, str] | None:
    deny, assert_ = (fa, fb) if fa.claim.negated else (fb, fa)
    if not denial_applies(deny, assert_):
        return None
    d, c = deny.claim, assert_.claim
    return (
        "negation",
        f'{voice(d)} denies the {_action_words(d)} ("{_excerpt(d)}"); '
        f'{voice(c)} asserts it ("{_excerpt(c)}").',
    )


def _same_denial(fa: ClaimFeatures, fb: ClaimFeatures) -> bool:
    """Two denials of the same thing (the same target or actor group, or both bare)."""
    return fa.target_group == fb.target_group and fa.actor_side == fb.actor_side


Headlines = Mapping[str, tuple[int | None, int | None]]
"""Per doc_id, the largest killed and injured figures its claims state for the event."""


def headline_figures(members: Sequence[ClaimFeatures]) -> dict[str, tuple[int | None, int | None]]:
    """Each article's headline toll for an event: its largest killed / injured figure (denials aside).

    >>> from claimx.types import Claim
    >>> def c(k): return claim_features(0, Claim.from_record({"claim_id": str(k), "doc_id": "d",
    ...     "sentence": "s", "action": "hit", "action_type": "air_strike", "killed": k}))
    >>> headline_figures([c(21), c(15), c(6)])
    {'d': (21, None)}
    """
    out: dict[str, tuple[int | None, int | None]] = {}
    for f in members:
        c = f.claim
        if c.negated:
            continue
        killed, injured = out.get(c.doc_id, (None, None))
        if c.killed is not None:
            killed = c.killed if killed is None else max(killed, c.killed)
        if c.injured is not None:
            injured = c.injured if injured is None else max(injured, c.injured)
        out[c.doc_id] = (killed, injured)
    return out


def _figures(a: Claim, b: Claim, headlines: Headlines | None) -> tuple[tuple[int | None, int | None], ...]:
    """(killed, injured) of both claims as compared: across articles, only headline tolls count.

    "At least 21 civilians were killed ... 15 in Manbij and six in a nearby village": the
    15 and the 6 are parts of the 21, not rival counts.
    """
    if headlines is None or a.doc_id == b.doc_id:
        return (a.killed, b.killed), (a.injured, b.injured)
    ha, hb = headlines.get(a.doc_id, (None, None)), headlines.get(b.doc_id, (None, None))
    killed = (a.killed, b.killed) if a.killed == ha[0] and b.killed == hb[0] else (None, None)
    injured = (a.injured, b.injured) if a.injured == ha[1] and b.injured == hb[1] else (None, None)
    return killed, injured


def _differences(
    fa: ClaimFeatures, fb: ClaimFeatures, headlines: Headlines | None = None
) -> list[tuple[RelationSlot, str]]:
    """Every slot on which the two claims disagree, in judging order, with a reason.

    A denial against an assertion is judged on the denial alone (its target and
    actor are what it denies, not a rival account).
    """
    a, b = fa.claim, fb.claim
    if a.negated != b.negated:
        found = _denial(fa, fb)
        return [found] if found else []
    if a.negated and (
        targets_clash(fa.target_group, fb.target_group) or groups_clash(fa.actor_side, fb.actor_side)
    ):
        return []  # two denials of different things
    out: list[tuple[RelationSlot, str]] = []
    va, vb = voice(a), voice(b)
    clash = targets_clash(fa.target_group, fb.target_group)
    if clash:
        ta = _group_phrase(a.target_norm, a.target, fa.target_group, fa)
        tb = _group_phrase(b.target_norm, b.target, fb.target_group, fb)
        out.append(("target", f"{va} says the {_action_words(a)} hit {ta}; {vb} says it hit {tb}."))
    if groups_clash(fa.actor_side, fb.actor_side):
        pa = _group_phrase(a.actor_norm, a.actor, fa.actor_side, fa)
        pb = _group_phrase(b.actor_norm, b.actor, fb.actor_side, fb)
        out.append(("actor", f"{va} says {pa} carried out the {_action_words(a)}; {vb} says {pb} did."))
    if not clash:
        (ka, kb), (ia, ib) = _figures(a, b, headlines)
        for slot, x, y in (("killed", ka, kb), ("injured", ia, ib)):
            if x is not None and y is not None and not _stated_agree(a, x, b, y):
                out.append((slot, f"{va} says {x} {slot}; {vb} says {y} {slot}."))  # type: ignore[arg-type]
    if compare_dates(fa.dates, fb.dates).status == "clash":
        out.append(("date", f"{va} dates it {a.date_norm}; {vb} dates it {b.date_norm}."))
    if compare_places(fa, fb).status == "clash":
        pa, pb = a.location_norm or a.location, b.location_norm or b.location
        out.append(("location", f"{va} places it in {pa}; {vb} places it in {pb}."))
    return out


def _stated_agree(a: Claim, x: int, b: Claim, y: int) -> bool:
    """Figures as their sentences state them agree ("at least 30" and 33)."""
    return stated_figure(x, a.sentence).agrees(stated_figure(y, b.sentence))


def _agreement(fa: ClaimFeatures, fb: ClaimFeatures) -> str:
    a, b = fa.claim, fb.claim
    what = _action_words(a) if a.action_type == b.action_type else f"{_action_words(a)} / {_action_words(b)}"
    parts = [f"the {what}"]
    actor = a.actor_norm or b.actor_norm
    if actor:
        parts.append(f"by {actor}")
    place = a.location_norm or b.location_norm or a.location or b.location
    if place:
        parts.append(f"in {place}")
    date = a.date_norm or b.date_norm
    if date:
        parts.append(f"on {date}")
    if a.killed is not None and b.killed is not None:
        figure = str(a.killed) if a.killed == b.killed else f"{a.killed} and {b.killed}"
        parts.append(f"with {figure} killed")
    return f"{voice(a)} and {voice(b)} both report {' '.join(parts)}."


def judge_features(
    fa: ClaimFeatures, fb: ClaimFeatures, headlines: Headlines | None = None
) -> Relation | None:
    """The relation between two claims of one event, or None when the pair is not judged.

    ``headlines`` (from :func:`headline_figures`) restricts casualty comparisons across
    articles to each article's headline toll.
    """
    a, b = fa.claim, fb.claim
    same_doc = a.doc_id == b.doc_id
    if same_doc and (a.attributed_to or "") == (b.attributed_to or ""):
        return None
    diffs = _differences(fa, fb, headlines)
    if (a.negated or b.negated) and not diffs and not (a.negated and b.negated and _same_denial(fa, fb)):
        return None  # a denial of something the other claim does not say
    if diffs:
        slot, reason = diffs[0]
        if len(diffs) > 1:
            reason = reason[:-1] + "; they also differ on " + ", ".join(s for s, _ in diffs[1:]) + "."
        return Relation(a.claim_id, b.claim_id, "contradicts", slot, reason)
    if same_doc:
        return None
    return Relation(a.claim_id, b.claim_id, "corroborates", "event", _agreement(fa, fb))


def judge_pair(a: Claim, b: Claim, knowledge: Knowledge | None = None) -> Relation | None:
    """:func:`judge_features` for two bare claims (tests, one-off checks)."""
    return judge_features(claim_features(0, a, knowledge), claim_features(1, b, knowledge))


def judge_event(members: Sequence[ClaimFeatures]) -> list[Relation]:
    """Relations for every judged pair of one event's claims, in input order."""
    headlines = headline_figures(members)
    out = []
    for n, fa in enumerate(members):
        for fb in members[n + 1 :]:
            rel = judge_features(fa, fb, headlines)
            if rel is not None:
                out.append(rel)
    return out


def corroborations(members: Sequence[ClaimFeatures]) -> list[Relation]:
    """The ``corroborates`` relations of one event: pairs of claims of different articles that agree.

    The contradictions of an event are its disputes' (:mod:`claimx.resolve.disputes`), so pairs of
    one article, which never corroborate, are not judged at all.
    """
    headlines = headline_figures(members)
    out = []
    for n, fa in enumerate(members):
        for fb in members[n + 1 :]:
            if fa.doc_id == fb.doc_id:
                continue
            rel = judge_features(fa, fb, headlines)
            if rel is not None and rel.relation == "corroborates":
                out.append(rel)
    return out
