"""RAMS 1.0 (``*.jsonlines``) -> claimx labelled documents.

RAMS gives each document as tokenised sentences with one annotated event trigger and its
arguments (inclusive token spans). The converter

- rebuilds readable text from the tokens (no space before ``,`` ``.`` ``'s`` ``n't`` ...),
  keeping each token's character offsets;
- maps the RAMS event type onto a claimx action type (:data:`EVENT_TYPES`, first matching
  prefix wins); events of other types become ``other`` with ``include_other=True`` and are
  dropped otherwise (the document is kept, with no action);
- maps roles onto claimx roles (:data:`ROLES_BY_FAMILY`; other roles are dropped; RAMS has no
  date role), keeping per role the span nearest the trigger;
- marks every document ``partial_actions`` (only one trigger per document is annotated) and
  limits its ``slots`` to action, action_type, actor, target, location;
- assigns a fixed split by a hash of ``doc_key``: 20% ``test`` (held out for evaluation),
  10% ``dev`` (early stopping), 70% ``train`` (:func:`rams_split`).

Example:
    >>> rams_event_type("conflict.attack.airstrikemissilestrike")
    'air_strike'
    >>> rams_role("life.die.deathcausedbyviolentevents", "evt001arg01killer")
    'actor'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from claimx.learn.labelled import LabelledAction, LabelledArg, LabelledDataError, LabelledDoc

EVENT_TYPES: tuple[tuple[str, str | None], ...] = (
    ("conflict.attack.airstrikemissilestrike", "air_strike"),
    ("conflict.attack.bombing", "remote_explosive"),
    ("conflict.attack.biologicalchemicalpoisonattack", "chemical_weapon"),
    ("conflict.attack.selfdirectedbattle", "armed_clash"),
    ("conflict.attack.invade", "territory_seized"),
    ("conflict.attack", "attack"),  # firearmattack, stabbing, hanging, strangling, setfire, n/a, ...
    ("life.die.nonviolentdeath", None),
    ("life.die", "attack"),  # deathcausedbyviolentevents, n/a
    ("life.injure.illnessdegradation", None),
    ("life.injure", "attack"),  # injurycausedbyviolentevents, n/a
    ("justice.arrestjaildetain", "arrest"),
    ("justice.judicialconsequences.execute", "attack"),
    ("artifactexistence.damagedestroy", "attack"),
    ("movement.transportperson.smuggleextract", "abduction"),
)
"""RAMS event-type prefix -> claimx action type (None: not a conflict action)."""

_ACTOR = "actor"
_TARGET = "target"
_LOCATION = "location"

ROLES_BY_FAMILY: Mapping[str, Mapping[str, str]] = {
    "conflict.attack": {"attacker": _ACTOR, "target": _TARGET, "place": _LOCATION},
    "life.die": {"killer": _ACTOR, "victim": _TARGET, "place": _LOCATION},
    "life.injure": {"injurer": _ACTOR, "victim": _TARGET, "injured": _TARGET, "place": _LOCATION},
    "justice.arrestjaildetain": {"jailer": _ACTOR, "detainee": _TARGET, "place": _LOCATION},
    "justice.judicialconsequences": {"executioner": _ACTOR, "defendant": _TARGET, "place": _LOCATION},
    "artifactexistence.damagedestroy": {
        "damagerdestroyer": _ACTOR,
        "destroyer": _ACTOR,
        "damager": _ACTOR,
        "artifact": _TARGET,
        "place": _LOCATION,
    },
    "movement.transportperson": {"transporter": _ACTOR, "passenger": _TARGET, "place": _LOCATION},
}
"""RAMS event family -> RAMS role -> claimx role. Families not listed keep ``place`` (and ``agent``)."""

_GENERIC_ROLES: Mapping[str, str] = {"place": _LOCATION, "agent": _ACTOR}

RAMS_SLOTS: tuple[str, ...] = ("action", "action_type", "actor", "target", "location")

_CLITICS = ("'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m")
_NO_SPACE_BEFORE = {
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    "%",
    ")",
    "]",
    "}",
    "-",
    *_CLITICS,
    *(c.replace("'", "\u2019") for c in _CLITICS),
}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "``", "-"}


def rams_event_type(rams_type: str) -> str | None:
    """The claimx action type of a RAMS event type, or None when it is not a conflict action."""
    for prefix, action_type in EVENT_TYPES:
        if rams_type.startswith(prefix):
            return action_type
    return None


def rams_role(rams_type: str, rams_role_label: str) -> str | None:
    """The claimx role of a RAMS role label (``evt089arg01victim``), or None when unmapped."""
    role = rams_role_label[rams_role_label.find("arg") + 5 :] if "arg" in rams_role_label else rams_role_label
    for family, roles in ROLES_BY_FAMILY.items():
        if rams_type.startswith(family):
            return roles.get(role)
    return _GENERIC_ROLES.get(role)


def rams_split(doc_key: str) -> str:
    """The fixed split of a RAMS document: by SHA-1 of its key, 20% test, 10% dev, 70% train.

    >>> sorted({rams_split(f"doc{i}") for i in range(50)})
    ['dev', 'test', 'train']
    """
    bucket = int(hashlib.sha1(doc_key.encode("utf-8")).hexdigest(), 16) % 10
    return "test" if bucket < 2 else "dev" if bucket == 2 else "train"


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into readable text; returns the text and each token's ``(start, end)``.

    >>> detokenize(["Assad", "'s", "forces", "(", "SAA", ")", "won", "a", "1", "-", "1", "tie", "."])[0]
    "Assad's forces (SAA) won a 1-1 tie."
    """
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    prev = ""
    quote_open = False
    for tok in tokens:
        text = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")"}.get(tok, tok)
        closing_quote = tok in {'"', "''"} and quote_open
        space = bool(parts) and not (
            tok in _NO_SPACE_BEFORE
            or closing_quote
            or prev in _NO_SPACE_AFTER
            or (prev == '"' and quote_open)
        )
        if tok in {'"', "``", "''"}:
            quote_open = not quote_open
        if space:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
        prev = tok if tok != "``" else '"'
    return "".join(parts), offsets


def rams_doc(obj: Mapping[str, Any], include_other: bool = False) -> LabelledDoc:
    """Convert one RAMS document (a parsed line) to a labelled document."""
    tokens = [t for sent in obj["sentences"] for t in sent]
    text, offsets = detokenize(tokens)
    key = str(obj["doc_key"])
    actions: list[LabelledAction] = []
    for t_start, t_end, types in obj.get("evt_triggers", []):
        rams_type = types[0][0]
        action_type = rams_event_type(rams_type) or ("other" if include_other else None)
        if action_type is None:
            continue
        best: dict[str, tuple[int, LabelledArg]] = {}
        for trig, arg, label in obj.get("gold_evt_links", []):
            if (trig[0], trig[1]) != (t_start, t_end):
                continue
            role = rams_role(rams_type, label)
            if role is None:
                continue
            s, e = offsets[arg[0]][0], offsets[arg[1]][1]
            distance = min(abs(arg[0] - t_end), abs(t_start - arg[1]))
            if role not in best or distance < best[role][0]:
                best[role] = (distance, LabelledArg(role, s, e, text[s:e]))
        s, e = offsets[t_start][0], offsets[t_end][1]
        args = tuple(sorted((a for _, a in best.values()), key=lambda a: a.start))
        actions.append(LabelledAction(start=s, end=e, text=text[s:e], type=action_type, args=args))
    return LabelledDoc(
        id=f"rams:{key}",
        text=text,
        actions=tuple(actions),
        source=obj.get("source_url"),
        split=rams_split(key),
        origin="RAMS",
        partial_actions=True,
        slots=RAMS_SLOTS,
    )


def convert_rams_lines(
    lines: Iterable[str], include_other: bool = False, name: str = "RAMS"
) -> list[LabelledDoc]:
    """Convert RAMS JSON lines; a malformed line raises :class:`LabelledDataError` naming it."""
    docs = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            docs.append(rams_doc(json.loads(line), include_other=include_other))
        except (json.JSONDecodeError, KeyError, IndexError, TypeError, ValueError) as exc:
            raise LabelledDataError(
                f"{name}:{n}: not a RAMS document ({exc!r}) (give RAMS .jsonlines)"
            ) from None
    return docs


def convert_rams(path: Path, include_other: bool = False) -> list[LabelledDoc]:
    """Convert a RAMS ``.jsonlines`` file to labelled documents (see the module docstring)."""
    with path.open(encoding="utf-8") as fh:
        return convert_rams_lines(fh, include_other=include_other, name=str(path))
