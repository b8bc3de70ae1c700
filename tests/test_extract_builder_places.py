"""The claim builder keeps a sentence's known place when the frame's location names none."""

from __future__ import annotations

import spacy
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
