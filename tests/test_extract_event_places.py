"""Which event a place belongs to: two same-type mentions at different places stay two, and a place
under another event noun is that event's (issue 12, world gold dev errors)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from claimx.extract.finders.rules import _under_other_event
from claimx.extract.lexicon import LEXICON
from claimx.extract.mentions import merge_near
from claimx.types import Frame, Span


def test_near_mentions_at_different_places_are_two_events() -> None:
    doc = spacy.blank("en")("Attackers at Ataturk detonated bombs , like the bombings at Paris .")
    at = {"location": Span(13, 20, "Ataturk")}
    paris = {"location": Span(60, 65, "Paris")}
    a = Frame(Span(21, 30, "detonated"), "suicide_bomb", 0, 67, at, 0.9)
    b = Frame(Span(47, 55, "bombings"), "suicide_bomb", 0, 67, paris, 0.95)
    assert [f.action.text for f in merge_near(doc, [a, b])] == ["detonated", "bombings"]
    same = Frame(Span(47, 55, "bombings"), "suicide_bomb", 0, 67, {"location": Span(60, 67, "ataturk")}, 0.95)
    assert [f.action.text for f in merge_near(doc, [a, same])] == ["bombings"], "one place: one event"


def test_a_place_under_another_event_noun_is_not_this_events() -> None:
    words = ["Gunmen", "fired", ",", "like", "the", "bombings", "at", "Paris", ",", "in", "Nice"]
    heads = [1, 1, 1, 1, 5, 3, 5, 6, 1, 1, 9]
    deps = ["nsubj", "ROOT", "punct", "prep", "det", "pobj", "prep", "pobj", "punct", "prep", "pobj"]
    pos = ["NOUN", "VERB", "PUNCT", "ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT", "ADP", "PROPN"]
    lemmas = ["gunman", "fire", ",", "like", "the", "bombing", "at", "Paris", ",", "in", "Nice"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert _under_other_event(doc[7], doc[1], LEXICON), "Paris is where the bombings were"
    assert not _under_other_event(doc[10], doc[1], LEXICON), "Nice is where the gunmen fired"
    assert not _under_other_event(doc[7], doc[5], LEXICON), "Paris is the bombings' own place"
