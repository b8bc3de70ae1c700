"""The action lexicon: trigger words and phrases mapped to ``action_type``.

Single-word triggers are matched on the token's lemma (and part of speech);
phrases on lower-cased token sequences. A trigger's type can be refined by
its context (``attack`` next to ``chemical`` is ``chemical_weapon``).

Example:
    >>> LEXICON.word_type("shell", "VERB")
    'shelling'
    >>> LEXICON.phrase_type(("barrel", "bombs"))
    'air_strike'
"""

from __future__ import annotations

from dataclasses import dataclass, field

# lemma -> (action_type, parts of speech it counts for)
_WORDS: dict[str, tuple[str, frozenset[str]]] = {
    # air strikes
    "airstrike": ("air_strike", frozenset({"NOUN", "PROPN"})),
    "air-strike": ("air_strike", frozenset({"NOUN"})),
    "raid": ("air_strike", frozenset({"NOUN", "VERB"})),
    "strike": ("air_strike", frozenset({"NOUN", "VERB"})),
    "bombing": ("air_strike", frozenset({"NOUN"})),
    "bombard": ("shelling", frozenset({"VERB"})),
    "sortie": ("air_strike", frozenset({"NOUN"})),
    # shelling
    "shell": ("shelling", frozenset({"VERB"})),
    "shelling": ("shelling", frozenset({"NOUN", "VERB"})),
    "mortar": ("shelling", frozenset({"NOUN"})),
    "shell/NOUN": ("shelling", frozenset({"NOUN"})),
    "artillery": ("shelling", frozenset({"NOUN"})),
    # explosives
    "explosion": ("remote_explosive", frozenset({"NOUN"})),
    "blast": ("remote_explosive", frozenset({"NOUN"})),
    "explode": ("remote_explosive", frozenset({"VERB"})),
    "detonate": ("remote_explosive", frozenset({"VERB"})),
    "bomb": ("air_strike", frozenset({"VERB"})),
    "bomb/NOUN": ("remote_explosive", frozenset({"NOUN"})),
    "operation": ("attack", frozenset({"NOUN"})),
    "eliminate": ("attack", frozenset({"VERB"})),
    "advance": ("territory_seized", frozenset({"VERB", "NOUN"})),
    "advancement": ("territory_seized", frozenset({"NOUN"})),
    "control": ("territory_seized", frozenset({"VERB"})),
    "bombardment": ("air_strike", frozenset({"NOUN"})),
    # armed clashes
    "clash": ("armed_clash", frozenset({"NOUN", "VERB"})),
    "fighting": ("armed_clash", frozenset({"NOUN"})),
    "battle": ("armed_clash", frozenset({"NOUN"})),
    "ambush": ("attack", frozenset({"NOUN", "VERB"})),
    # attacks
    "attack": ("attack", frozenset({"NOUN", "VERB"})),
    "assault": ("attack", frozenset({"NOUN", "VERB"})),
    "offensive": ("attack", frozenset({"NOUN"})),
    "massacre": ("attack", frozenset({"NOUN", "VERB"})),
    "target": ("attack", frozenset({"VERB"})),
    "hit": ("attack", frozenset({"VERB"})),
    "kill": ("attack", frozenset({"VERB"})),
    "casualty": ("attack", frozenset({"NOUN"})),
    "execute": ("attack", frozenset({"VERB"})),
    "behead": ("attack", frozenset({"VERB"})),
    "shoot": ("attack", frozenset({"VERB"})),
    "die": ("attack", frozenset({"VERB"})),
    "death": ("attack", frozenset({"NOUN"})),
    "beheading": ("attack", frozenset({"NOUN"})),
    "execution": ("attack", frozenset({"NOUN"})),
    "assassinate": ("attack", frozenset({"VERB"})),
    "assassination": ("attack", frozenset({"NOUN"})),
    "crucify": ("attack", frozenset({"VERB"})),
    # territory
    "capture": ("territory_seized", frozenset({"VERB", "NOUN"})),
    "seize": ("territory_seized", frozenset({"VERB"})),
    "recapture": ("territory_seized", frozenset({"VERB", "NOUN"})),
    "retake": ("territory_seized", frozenset({"VERB"})),
    "liberate": ("territory_seized", frozenset({"VERB"})),
    "overrun": ("territory_seized", frozenset({"VERB"})),
    # arrests, abductions
    "arrest": ("arrest", frozenset({"VERB", "NOUN"})),
    "detain": ("arrest", frozenset({"VERB"})),
    "detention": ("arrest", frozenset({"NOUN"})),
    "kidnap": ("abduction", frozenset({"VERB"})),
    "abduct": ("abduction", frozenset({"VERB"})),
    "abduction": ("abduction", frozenset({"NOUN"})),
    "kidnapping": ("abduction", frozenset({"NOUN"})),
    # deployments
    "deploy": ("deployment", frozenset({"VERB"})),
    "deployment": ("deployment", frozenset({"NOUN"})),
}

# lower-cased token sequences -> action_type (longest match wins)
_PHRASES: dict[tuple[str, ...], str] = {
    ("air", "strike"): "air_strike",
    ("air", "strikes"): "air_strike",
    ("air", "raid"): "air_strike",
    ("air", "raids"): "air_strike",
    ("air", "campaign"): "air_strike",
    ("air", "attack"): "air_strike",
    ("air", "attacks"): "air_strike",
    ("air", "operations"): "air_strike",
    ("air", "operation"): "air_strike",
    ("shot", "down"): "attack",
    ("bombing", "runs"): "air_strike",
    ("bombing", "campaign"): "air_strike",
    ("barrel", "bomb"): "air_strike",
    ("barrel", "bombs"): "air_strike",
    ("missile", "strike"): "air_strike",
    ("missile", "strikes"): "air_strike",
    ("car", "bomb"): "remote_explosive",
    ("car", "bombs"): "remote_explosive",
    ("car", "bombing"): "remote_explosive",
    ("bomb", "blast"): "remote_explosive",
    ("bomb", "attack"): "remote_explosive",
    ("explosive", "device"): "remote_explosive",
    ("roadside", "bomb"): "remote_explosive",
    ("suicide", "bombing"): "suicide_bomb",
    ("suicide", "bombings"): "suicide_bomb",
    ("suicide", "bomber"): "suicide_bomb",
    ("suicide", "bombers"): "suicide_bomb",
    ("suicide", "attack"): "suicide_bomb",
    ("suicide", "attacks"): "suicide_bomb",
    ("suicide", "car", "bomb"): "suicide_bomb",
    ("chemical", "attack"): "chemical_weapon",
    ("chemical", "attacks"): "chemical_weapon",
    ("chemical", "weapons", "attack"): "chemical_weapon",
    ("chemical", "weapons"): "chemical_weapon",
    ("chemical", "weapon"): "chemical_weapon",
    ("poison", "gas"): "chemical_weapon",
    ("gas", "attack"): "chemical_weapon",
    ("sarin", "attack"): "chemical_weapon",
    ("chlorine", "attack"): "chemical_weapon",
    ("toxic", "gas"): "chemical_weapon",
    ("rocket", "fire"): "shelling",
    ("rocket", "attack"): "shelling",
    ("rocket", "attacks"): "shelling",
    ("mortar", "shells"): "shelling",
    ("mortar", "fire"): "shelling",
    ("artillery", "fire"): "shelling",
    ("human", "losses"): "attack",
    ("took", "control"): "territory_seized",
    ("take", "control"): "territory_seized",
    ("seized", "control"): "territory_seized",
    ("gained", "control"): "territory_seized",
    ("sent", "troops"): "deployment",
}

# words in a trigger's neighbourhood that refine its type
_REFINERS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"chemical", "sarin", "chlorine", "gas", "toxic", "nerve"}), "chemical_weapon"),
    (frozenset({"suicide"}), "suicide_bomb"),
    (frozenset({"car", "explosive", "ied", "roadside", "booby"}), "remote_explosive"),
    (
        frozenset({"mortar", "artillery", "shell", "shells", "rocket", "rockets", "tank", "howitzer"}),
        "shelling",
    ),
    (
        frozenset(
            {
                "air",
                "jets",
                "jet",
                "warplane",
                "warplanes",
                "aircraft",
                "helicopter",
                "helicopters",
                "planes",
                "aerial",
                "drone",
                "drones",
            }
        ),
        "air_strike",
    ),
    (frozenset({"missile", "missiles"}), "shelling"),
)

# generic triggers whose type is refined by context; the others keep their lexicon type
REFINABLE: frozenset[str] = frozenset(
    {"attack", "strike", "hit", "target", "kill", "bomb", "raid", "assault"}
)

# verbs that turn a following noun trigger into a statement of it ("carried out strikes")
SUPPORT_VERBS: frozenset[str] = frozenset(
    {
        "carry",
        "conduct",
        "launch",
        "lead",
        "stage",
        "perpetrate",
        "mount",
        "begin",
        "commit",
        "unleash",
        "drop",
        "fire",
        "use",
        "plant",
        "throw",
        "hurl",
        "intensify",
        "continue",
        "resume",
        "step",
    }
)


@dataclass(frozen=True)
class Lexicon:
    """Trigger lookup tables; users may extend them by building their own Lexicon."""

    words: dict[str, tuple[str, frozenset[str]]] = field(default_factory=lambda: dict(_WORDS))
    phrases: dict[tuple[str, ...], str] = field(default_factory=lambda: dict(_PHRASES))

    @property
    def max_phrase_len(self) -> int:
        """Length of the longest phrase, in tokens."""
        return max((len(p) for p in self.phrases), default=1)

    def word_type(self, lemma: str, pos: str) -> str | None:
        """The action type of a single-word trigger, or None."""
        hit = self.words.get(f"{lemma.lower()}/{pos}") or self.words.get(lemma.lower())
        if hit is None or pos not in hit[1]:
            return None
        return hit[0]

    def phrase_type(self, lowered: tuple[str, ...]) -> str | None:
        """The action type of a phrase trigger, or None."""
        return self.phrases.get(lowered)


def refine_type(action_type: str, lemma: str, context_words: set[str]) -> str:
    """Refine a generic trigger's type from nearby words.

    >>> refine_type("attack", "attack", {"chemical"})
    'chemical_weapon'
    >>> refine_type("air_strike", "strike", {"mortar"})
    'shelling'
    """
    if lemma not in REFINABLE:
        return action_type
    for cues, refined in _REFINERS:
        if context_words & cues:
            return refined
    return action_type


LEXICON = Lexicon()
"""The default lexicon."""

# generic nouns that, made definite ("the attack", "Saturday's blast"), refer back to an event the
# article has named and take its type (gold guideline G5)
ANAPHORIC_NOUNS: frozenset[str] = frozenset({"attack", "blast", "explosion"})

# the words that state a means ("chlorine attack", "air attack"): a noun so modified keeps its own type
MEANS_WORDS: frozenset[str] = frozenset().union(*(cues for cues, _ in _REFINERS))

# trigger words whose type is never in doubt: the lexicon's type stands over a learned one
# ("sorties" are air strikes, to "shell" is shelling, "clashes" are armed clashes)
UNAMBIGUOUS: frozenset[str] = frozenset({"sortie", "airstrike", "shell", "shelling", "mortar", "clash"})
