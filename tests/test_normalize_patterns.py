"""Gazetteer and actor patterns load into spaCy's entity_ruler and tag news sentences."""

from __future__ import annotations

import pytest

from claimx.knowledge import Knowledge


@pytest.mark.slow  # imports spaCy (a blank pipeline: no model needed, but a few seconds)
@pytest.mark.parametrize("attr", ["ORTH", "LOWER"])
def test_entity_ruler_tags_actors_and_places(attr: str) -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": attr})
    knowledge = Knowledge.from_settings()
    ruler.add_patterns(knowledge.actors.patterns() + knowledge.gazetteer.patterns())
    doc = nlp("Russian jets struck Talbiseh north of Homs, and ISIS fighters attacked Jabal al-Akrad.")
    ents = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ents == {
        ("Russian jets", "NORP", "Russia"),
        ("Talbiseh", "GPE", "Talbiseh"),
        ("Homs", "GPE", "Homs"),
        ("ISIS fighters", "ORG", "Islamic State"),
        ("Jabal al-Akrad", "LOC", "Jabal al-Akrad"),
    }
    doc = nlp("Is it IS? It is. Who told us? The regime forces entered Homs province.")
    ents = {(e.text, e.ent_id_) for e in doc.ents}
    assert ents == {
        ("IS", "Islamic State"),
        ("regime forces", "Syrian government"),
        ("Homs province", "Homs Governorate"),
    }
