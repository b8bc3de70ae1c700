"""The action types: one table, one frozen record per type; every set of types derives from it.

The order of :data:`ACTIONS` is the contract's order (CONTRACT.md, ``action_type``). To add a
type, add a record here (and lexicon words in :mod:`claimx.extract.lexicon`); nothing else lists
the types.

Example:
    >>> ACTION_TYPES[:3]
    ('air_strike', 'shelling', 'remote_explosive')
    >>> action("suicide_bomb").acled
    ('Suicide bomb',)
    >>> "arrest" in EVENT_ACTION_TYPES, "arrest" in VIOLENT_ACTION_TYPES
    (True, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class ActionType:
    """One action type and what claimx knows about it.

    Attributes:
        name: the ``action_type`` value of a claim.
        violent: political violence (summaries, the resolver, cross-sentence date/place inheritance).
        event: forms resolver events (violence, and seizures, abductions, arrests); statements do not.
        acled: the ACLED sub-event types it corresponds to (empty: none does).
        noun: how a sentence names it ("a fighting", "an air strike": used by the judge's wording).
        match_weight: how much two claims naming it agree on the type (rare types weigh more: two
            gas attacks reported for one day in one country are almost surely one attack).
        related: other types one event is also reported as (an air strike reported as shelling).
        description: what it covers, for annotators and the docs.
    """

    name: str
    violent: bool
    event: bool
    acled: tuple[str, ...]
    noun: str
    description: str
    match_weight: float = 1.0
    related: tuple[str, ...] = ()


ACTIONS: tuple[ActionType, ...] = (
    ActionType(
        "air_strike", True, True, ("Air/drone strike",), "air strike",
        "aircraft, helicopters, drones, barrel bombs, missiles from the air",
        related=("shelling", "chemical_weapon", "remote_explosive"),
    ),
    ActionType(
        "shelling", True, True, ("Shelling/artillery/missile attack",), "shelling",
        "artillery, mortars, rockets, tank fire", related=("chemical_weapon",),
    ),
    ActionType(
        "remote_explosive", True, True, ("Remote explosive/landmine/IED",), "bombing",
        "car bombs, roadside bombs, IEDs, landmines", match_weight=1.25, related=("suicide_bomb",),
    ),
    ActionType(
        "suicide_bomb", True, True, ("Suicide bomb",), "suicide bombing",
        "a bomber who dies in the blast", match_weight=1.5,
    ),
    ActionType(
        "chemical_weapon", True, True, ("Chemical weapon",), "chemical attack",
        "sarin, chlorine, other toxic agents", match_weight=2.0,
    ),
    ActionType(
        "armed_clash", True, True, ("Armed clash",), "fighting",
        "battles and clashes between armed groups", related=("territory_seized", "shelling"),
    ),
    ActionType(
        "attack", True, True, ("Attack",), "attack",
        "any other violence against people or property (shootings, executions, massacres)",
    ),
    ActionType(
        "territory_seized", False, True,
        ("Government regains territory", "Non-state actor overtakes territory"), "capture",
        "a place captured, retaken or fallen to a side",
    ),
    ActionType(
        "arrest", False, True, ("Arrests",), "arrests", "detentions by state forces",
    ),
    ActionType(
        "abduction", False, True, ("Abduction/forced disappearance",), "abduction",
        "kidnappings and forced disappearances by non-state groups",
    ),
    ActionType(
        "deployment", False, False, (), "deployment", "troops or equipment sent somewhere",
    ),
    ActionType(
        "statement", False, False, (), "statement", "a declaration, threat or announcement",
    ),
    ActionType(
        "other", False, False, (), "other", "an action none of the other types covers",
    ),
)  # fmt: skip
"""Every action type, in the contract's order."""

BY_NAME: Mapping[str, ActionType] = MappingProxyType({a.name: a for a in ACTIONS})
"""Action type name -> its record."""

ACTION_TYPES: tuple[str, ...] = tuple(a.name for a in ACTIONS)
"""The closed set of ``action_type`` values (CONTRACT.md), ACLED sub-event types where they exist."""

VIOLENT_ACTION_TYPES: frozenset[str] = frozenset(a.name for a in ACTIONS if a.violent)
"""Action types that describe political violence (used by summaries and the resolver)."""

EVENT_ACTION_TYPES: frozenset[str] = frozenset(a.name for a in ACTIONS if a.event)
"""Action types that form resolver events; statements, deployments and "other" do not."""

GENERIC_ACTION_TYPE = "attack"
"""The catch-all violent type: compatible with every violent type."""

ACTION_NOUNS: Mapping[str, str] = MappingProxyType({a.name: a.noun for a in ACTIONS})
"""Action type -> the noun a sentence names it with ("air strike", "fighting")."""

TYPE_MATCH_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {a.name: a.match_weight for a in ACTIONS if a.match_weight != 1.0}
)
"""Types whose agreement weighs more than 1.0 (the others weigh 1.0)."""

RELATED_TYPE_PAIRS: frozenset[frozenset[str]] = frozenset(
    frozenset((a.name, other)) for a in ACTIONS for other in a.related
)
"""Unordered pairs of types that one event is also reported as."""


def action(name: str) -> ActionType:
    """The record of action type ``name``; a clear error for an unknown one.

    >>> action("shelling").violent
    True
    >>> action("bombing")
    Traceback (most recent call last):
    ...
    ValueError: unknown action type 'bombing'; use one of air_strike, shelling, remote_explosive, suicide_bomb, chemical_weapon, armed_clash, attack, territory_seized, arrest, abduction, deployment, statement, other
    """  # noqa: E501
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown action type {name!r}; use one of {', '.join(ACTION_TYPES)}") from None
