"""Rule frames, attribution, casualties and modality on hand-parsed docs (no model needed)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from claimx.extract.builder import ClaimBuilder, Normalizers, claim_id
from claimx.extract.casualties import find_casualties, parse_number
from claimx.extract.finders.rules import RuleFrameFinder
from claimx.extract.lexicon import LEXICON, refine_type
from claimx.types import Article, Place

PLACES = {
    "talbiseh": Place("Talbiseh", "Homs", "Syria", 34.84, 36.73),
    "homs": Place("Homs", "Homs", "Syria", 34.73, 36.71),
}
NLP = spacy.blank("en")


def make_doc(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """rows: (word, head index, dep, pos, lemma, entity IOB tag like 'B-GPE' or 'O')."""
    words = [r[0] for r in rows]
    spaces = [not (i + 1 < len(rows) and rows[i + 1][0] in {",", "."}) for i in range(len(rows))]
    doc = Doc(
        NLP.vocab,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        ents=[r[5] for r in rows],
        sent_starts=[i == 0 for i in range(len(rows))],
    )
    return doc


def is_place(text: str) -> bool:
    return text.lower() in PLACES


def normalizers() -> Normalizers:
    aliases = {"russian jets": "Russia", "russian": "Russia", "civilians": "civilians"}
    return Normalizers(
        place=lambda t: PLACES.get(t.lower()),
        actor=lambda t: aliases.get(t.lower()),
        date=lambda t, pub: "2015-09-30" if t == "Wednesday" and pub else None,
    )


# "Russian jets bombed Talbiseh on Wednesday, killing 12 civilians, activists said."
ACTIVE = [
    ("Russian", 1, "amod", "ADJ", "russian", "B-NORP"),
    ("jets", 2, "nsubj", "NOUN", "jet", "O"),
    ("bombed", 13, "ccomp", "VERB", "bomb", "O"),
    ("Talbiseh", 2, "dobj", "PROPN", "Talbiseh", "B-GPE"),
    ("on", 2, "prep", "ADP", "on", "O"),
    ("Wednesday", 4, "pobj", "PROPN", "Wednesday", "B-DATE"),
    (",", 2, "punct", "PUNCT", ",", "O"),
    ("killing", 2, "advcl", "VERB", "kill", "O"),
    ("12", 9, "nummod", "NUM", "12", "O"),
    ("civilians", 7, "dobj", "NOUN", "civilian", "O"),
    (",", 13, "punct", "PUNCT", ",", "O"),
    ("activists", 13, "nsubj", "NOUN", "activist", "O"),
    ("reportedly", 13, "advmod", "ADV", "reportedly", "O"),
    ("said", 13, "ROOT", "VERB", "say", "O"),
    (".", 13, "punct", "PUNCT", ".", "O"),
]
ACTIVE[12] = ("all", 13, "advmod", "ADV", "all", "O")  # keep the claim unhedged


def test_lexicon_types_and_refinement() -> None:
    assert LEXICON.word_type("shell", "VERB") == "shelling"
    assert LEXICON.word_type("shell", "NOUN") == "shelling"  # "Rebel shells wound 9 civilians"
    assert LEXICON.word_type("shell", "ADJ") is None
    assert LEXICON.phrase_type(("suicide", "bombings")) == "suicide_bomb"
    assert refine_type("attack", "attack", {"chemical"}) == "chemical_weapon"
    assert refine_type("territory_seized", "capture", {"chemical"}) == "territory_seized"


def test_active_verb_frame_has_every_argument() -> None:
    doc = make_doc(ACTIVE)
    frames = RuleFrameFinder(is_place=is_place).find([doc])[0]
    assert len(frames) == 1, "killing must merge into the bombing, not be a second action"
    f = frames[0]
    assert (f.action.text, f.action_type) == ("bombed", "air_strike")
    assert f.arg("actor").text == "Russian jets"
    assert f.arg("location").text == "Talbiseh"  # the object is a place: location, not target
    assert f.arg("target") is None
    assert f.arg("date").text == "Wednesday"


def test_builder_attribution_casualties_normalisation() -> None:
    doc = make_doc(ACTIVE)
    art = Article(doc_id="d1", text=doc.text, source="X", published="2015-09-30")
    frames = RuleFrameFinder(is_place=is_place).find([doc])[0]
    (claim,) = ClaimBuilder(normalizers()).build(art, doc, frames)
    assert claim.attributed_to == "activists"
    assert claim.killed == 12 and claim.injured is None
    assert claim.actor_norm == "Russia"
    assert (claim.location_norm, claim.admin1, claim.country) == ("Talbiseh", "Homs", "Syria")
    assert claim.date_norm == "2015-09-30"
    assert doc.text[claim.action_start : claim.action_end] == "bombed"
    assert claim.claim_id == claim_id("d1", claim.action_start, claim.action_end, "air_strike")
    assert not claim.negated and not claim.hedged


# "The regime did not shell Homs."
NEGATED = [
    ("The", 1, "det", "DET", "the", "O"),
    ("regime", 4, "nsubj", "NOUN", "regime", "O"),
    ("did", 4, "aux", "AUX", "do", "O"),
    ("not", 4, "neg", "PART", "not", "O"),
    ("shell", 4, "ROOT", "VERB", "shell", "O"),
    ("Homs", 4, "dobj", "PROPN", "Homs", "B-GPE"),
    (".", 4, "punct", "PUNCT", ".", "O"),
]

# "Jets may have struck a hospital."
HEDGED = [
    ("Jets", 3, "nsubj", "NOUN", "jet", "O"),
    ("may", 3, "aux", "AUX", "may", "O"),
    ("have", 3, "aux", "AUX", "have", "O"),
    ("struck", 3, "ROOT", "VERB", "strike", "O"),
    ("a", 5, "det", "DET", "a", "O"),
    ("hospital", 3, "dobj", "NOUN", "hospital", "O"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]


def test_negation_and_hedging() -> None:
    builder = ClaimBuilder(normalizers())
    neg_doc = make_doc(NEGATED)
    (neg,) = builder.build(
        Article("n", neg_doc.text), neg_doc, RuleFrameFinder(is_place=is_place).find([neg_doc])[0]
    )
    assert neg.negated and neg.action_type == "shelling" and neg.actor == "regime"
    hedge_doc = make_doc(HEDGED)
    (hedged,) = builder.build(
        Article("h", hedge_doc.text), hedge_doc, RuleFrameFinder(is_place=is_place).find([hedge_doc])[0]
    )
    assert hedged.hedged and not hedged.negated
    assert hedged.target == "hospital" and hedged.action_type == "air_strike"


def test_bare_mention_gives_no_claim() -> None:
    rows = [
        ("The", 1, "det", "DET", "the", "O"),
        ("airstrikes", 2, "nsubj", "NOUN", "airstrike", "O"),
        ("continued", 2, "ROOT", "VERB", "continue", "O"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    doc = make_doc(rows)
    frames = RuleFrameFinder(is_place=is_place).find([doc])[0]
    assert [f.action.text for f in frames] == ["airstrikes"]
    assert ClaimBuilder(normalizers()).build(Article("b", doc.text), doc, frames) == []


def test_casualty_figures() -> None:
    got = find_casualties("The raids in Homs killed 32 civilians and wounded a further 10, he said.")
    assert [(c.kind, c.count) for c in got] == [("killed", 32), ("injured", 10)]
    got = find_casualties(
        "On May 23, IS perpetrated bombings, killing 154 people and wounding more than 300."
    )
    assert [(c.kind, c.count) for c in got] == [("killed", 154), ("injured", 300)]
    assert [c.count for c in find_casualties("counted at least 33 civilians killed in air strikes")] == [33]
    assert [c.count for c in find_casualties("The death toll rose to 112 on Sunday")] == [112]
    assert find_casualties("dozens were killed in 2015") == []
    assert (
        parse_number("twenty-one") == 21 and parse_number("1,500") == 1500 and parse_number("scores") is None
    )


def test_model_version_tracks_the_code(monkeypatch) -> None:
    from claimx.extract import extractor as ex_mod

    class Finder:
        name, version = "rules", "rules-1"

    ex = ex_mod.Extractor(nlp=NLP, finder=Finder(), builder=ClaimBuilder(normalizers()))  # type: ignore[arg-type]
    v1 = ex.model_version
    assert v1.startswith("claimx-") and "/rules-rules-1/" in v1
    ex_mod._code_hash.cache_clear()
    monkeypatch.setattr(ex_mod, "_HASHED_PACKAGES", ("extract",))
    assert ex.model_version != v1, "hashing other files must change the version"
    ex_mod._code_hash.cache_clear()


def test_town_modifier_of_a_nominal_trigger_is_the_place_not_the_actor() -> None:
    # "the Oklahoma City bombing in New York": a town modifier says where; a country says who
    rows = [
        ("the", 3, "det", "DET", "the", "O"),
        ("Oklahoma", 2, "compound", "PROPN", "Oklahoma", "B-GPE"),
        ("City", 3, "compound", "PROPN", "City", "I-GPE"),
        ("bombing", 3, "ROOT", "NOUN", "bombing", "O"),
        ("killed", 3, "acl", "VERB", "kill", "O"),
        ("people", 4, "dobj", "NOUN", "people", "O"),
        ("near", 4, "prep", "ADP", "near", "O"),
        ("Texas", 6, "pobj", "PROPN", "Texas", "B-GPE"),
        (".", 3, "punct", "PUNCT", ".", "O"),
    ]
    towns = {"Oklahoma City"}
    finder = RuleFrameFinder(
        is_place=towns.__contains__, in_region=lambda t: False, is_town=towns.__contains__
    )
    (frame,) = [f for f in finder.find_doc(make_doc(rows)) if f.action.text == "bombing"]
    assert frame.arg("location").text == "Oklahoma City"
    assert frame.arg("actor") is None
    country = RuleFrameFinder(is_place=towns.__contains__, in_region=lambda t: False, is_town=lambda t: False)
    (frame,) = [f for f in country.find_doc(make_doc(rows)) if f.action.text == "bombing"]
    assert frame.arg("actor").text == "Oklahoma City", "without the town check the modifier is the actor"
