"""The claim builder keeps a sentence's known place when the frame's location names none."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from claimx.extract.builder import _known_place_nearby
from claimx.types import Frame, Place, Span

PLACES = {"Paris": Place("Paris", "Ile-de-France", "France", 48.9, 2.3, "city"), "France": None}


def test_nearest_known_town_replaces_an_unknown_location() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Gunmen at Ataturk airport opened fire, as in Paris and France.")
    doc.ents = [SpacySpan(doc, 2, 4, "FAC"), SpacySpan(doc, 9, 10, "GPE"), SpacySpan(doc, 11, 12, "GPE")]
    sent = doc[:]
    frame = Frame(
        Span(26, 36, "opened fire"), "attack", 0, len(doc.text), {"location": Span(10, 25, "Ataturk airport")}
    )
    found = _known_place_nearby(sent, frame, PLACES.get)
    assert found is not None and found[0].text == "Paris" and found[1].name == "Paris"
    assert _known_place_nearby(sent, frame, lambda _: None) is None


def test_a_frame_without_place_takes_its_own_sentences_place() -> None:
    from claimx.extract.builder import _sentence_place

    nlp = spacy.blank("en")
    doc = nlp("Gunmen shot a man in Paris.")
    doc.ents = [SpacySpan(doc, 5, 6, "GPE")]
    frame = Frame(Span(7, 11, "shot"), "attack", 0, len(doc.text), {})
    found = _sentence_place(doc[:], frame, PLACES.get)
    assert found is not None and found[0].text == "Paris"
    assert _sentence_place(doc[:], frame, lambda _: None) is None


def test_a_country_counts_as_the_sentences_place_only_after_in() -> None:
    from claimx.extract.builder import _sentence_place

    syria = Place("Syria", None, "Syria", 35.0, 38.0, "country")
    words = ["They", "bomb", "targets", "in", "Syria", "."]
    heads, deps = [1, 1, 1, 1, 3, 1], ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, ents=["O"] * 4 + ["B-GPE", "O"])
    frame = Frame(Span(5, 9, "bomb"), "attack", 0, len(doc.text), {})
    found = _sentence_place(doc[:], frame, {"Syria": syria}.get)
    assert found is not None and found[1] == syria
    subject = Doc(
        doc.vocab,
        words=["Syria", "bombed", "targets", "."],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "dobj", "punct"],
        ents=["B-GPE", "O", "O", "O"],
    )
    frame = Frame(Span(6, 12, "bombed"), "attack", 0, len(subject.text), {})
    assert _sentence_place(subject[:], frame, {"Syria": syria}.get) is None, "a country subject is a party"


def test_an_unknown_location_does_not_take_another_frames_place() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Gunmen at Ataturk airport opened fire, as in Paris and France.")
    doc.ents = [SpacySpan(doc, 2, 4, "FAC"), SpacySpan(doc, 9, 10, "GPE"), SpacySpan(doc, 11, 12, "GPE")]
    frame = Frame(
        Span(26, 36, "opened fire"), "attack", 0, len(doc.text), {"location": Span(10, 25, "Ataturk airport")}
    )
    paris = Span(doc[9].idx, doc[9].idx + 5, "Paris", "location")
    assert _known_place_nearby(doc[:], frame, PLACES.get, avoid=[paris]) is None


def test_an_unknown_location_from_another_sentence_is_dropped() -> None:
    from claimx.extract.builder import _resolve_location

    nlp = spacy.blank("en")
    doc = nlp("Gunmen hit Ataturk. ISIS claimed that massacre.")
    sent = doc[4:]
    frame = Frame(Span(38, 46, "massacre"), "attack", sent.start_char, len(doc.text), {})
    far, near = Span(11, 18, "Ataturk", "location"), Span(20, 24, "ISIS", "location")
    assert _resolve_location(sent, frame, far, lambda _: None, ()) == (None, None)
    assert _resolve_location(sent, frame, near, lambda _: None, ()) == (near, None)


def test_a_place_that_begins_a_longer_name_is_not_the_events_place() -> None:
    hiroshima = Place("Hiroshima", "Hiroshima", "Japan", 34.4, 132.5, "city")
    manhattan = Place("Manhattan", "New York", "United States", 40.8, -74.0, "city")
    words = ["the", "bomb", "of", "the", "Manhattan", "Project", "fell", "on", "Hiroshima", "."]
    heads, deps = [1, 6, 1, 5, 5, 2, 6, 6, 7, 6], ["det", "nsubj", "prep", "det", "compound", "pobj"]
    deps += ["ROOT", "prep", "pobj", "punct"]
    pos = ["DET", "NOUN", "ADP", "DET", "PROPN", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"]
    ents = ["O"] * 4 + ["B-GPE"] + ["O"] * 3 + ["B-GPE", "O"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    frame = Frame(Span(4, 8, "bomb"), "remote_explosive", 0, len(doc.text), {})
    places = {"Hiroshima": hiroshima, "Manhattan": manhattan}
    found = _known_place_nearby(doc[:], frame, places.get)
    assert found is not None and found[1] == hiroshima, "'Manhattan Project' names no place"
    doc = Doc(  # "the Manhattan district": a place word heads it, so it is a place
        doc.vocab, words=[*words[:5], "district", *words[6:]], heads=heads, deps=deps,
        pos=[*pos[:5], "NOUN", *pos[6:]], ents=ents,
    )  # fmt: skip
    found = _known_place_nearby(doc[:], frame, places.get)
    assert found is not None and found[1] == manhattan


def test_a_known_town_the_parser_calls_an_organisation_is_still_a_place() -> None:
    marseille = Place("Marseille", "Provence-Alpes-Cote d'Azur", "France", 43.3, 5.4, "city")
    nlp = spacy.blank("en")
    doc = nlp("Fans skirmish in Marseille, said UEFA.")
    doc.ents = [SpacySpan(doc, 3, 4, "ORG"), SpacySpan(doc, 6, 7, "ORG")]
    frame = Frame(Span(5, 13, "skirmish"), "armed_clash", 0, len(doc.text), {})
    found = _known_place_nearby(doc[:], frame, {"Marseille": marseille}.get)
    assert found is not None and found[1] == marseille
    assert _known_place_nearby(doc[:], frame, {"UEFA": None}.get) is None
    post = Place("Post", "Texas", "United States", 33.2, -101.4, "city")
    doc = nlp("Clinton was poisoned, said the Post.")
    doc.ents = [SpacySpan(doc, 6, 7, "ORG")]
    frame = Frame(Span(12, 20, "poisoned"), "attack", 0, len(doc.text), {})
    assert _known_place_nearby(doc[:], frame, {"Post": post}.get) is None, "a newspaper, not a town"
