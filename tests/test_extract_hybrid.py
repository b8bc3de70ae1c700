"""The hybrid finder: learned frames checked by place/actor knowledge, gaps filled by the rules."""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.tokens import Doc

from claimx.extract.finders.hybrid import HybridFrameFinder
from claimx.types import Frame, Place, Span

NLP = spacy.blank("en")
BANIYAS = Place("Baniyas", "Tartus", "Syria", 35.2, 35.9, "city")
SYRIA = Place("Syria", None, "Syria", 35.0, 38.0, "country")
WORDS = ["Jets", "bombed", "Baniyas", "and", "Homs", "on", "Monday", ",", "Osama", "Abu", "Zaid", "said", "."]
POS = [
    "NOUN",
    "VERB",
    "PROPN",
    "CCONJ",
    "PROPN",
    "ADP",
    "PROPN",
    "PUNCT",
    "PROPN",
    "PROPN",
    "PROPN",
    "VERB",
    "PUNCT",
]
ENTS = ["O", "O", "B-GPE", "O", "B-GPE", "O", "B-DATE", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "O"]


def make_doc() -> Doc:
    spaces = [
        w not in {",", "."} and i + 1 < len(WORDS) and WORDS[i + 1] not in {",", "."}
        for i, w in enumerate(WORDS)
    ]
    return Doc(NLP.vocab, words=WORDS, spaces=spaces, pos=POS, ents=ENTS)


def span(doc: Doc, i: int, j: int) -> Span:
    sp = doc[i:j]
    return Span(sp.start_char, sp.end_char, sp.text)


class Fixed:
    """A frame finder returning fixed frames."""

    def __init__(self, name: str, frames: list[Frame]) -> None:
        self.name, self.version, self.frames = name, f"{name}-1", frames

    def find(self, docs: Sequence[Doc]) -> list[list[Frame]]:
        return [list(self.frames) for _ in docs]


def frame(doc: Doc, trig: tuple[int, int], **args: tuple[int, int]) -> Frame:
    return Frame(
        action=span(doc, *trig),
        action_type="air_strike",
        sent_start=0,
        sent_end=len(doc.text),
        args={role: span(doc, *ij) for role, ij in args.items()},
    )


def finder(learned: list[Frame], rules: list[Frame]) -> HybridFrameFinder:
    return HybridFrameFinder(
        Fixed("learned", learned),
        Fixed("rules", rules),
        is_place=lambda t: t in {"Baniyas", "Homs"},
        is_actor=lambda t: t == "Jets",
    )


def test_spans_are_snapped_and_checked() -> None:
    doc = make_doc()
    learned = [frame(doc, (1, 2), location=(2, 4), actor=(8, 9), date=(5, 6))]  # "Baniyas and", "Osama", "on"
    (got,) = finder(learned, []).find([doc])[0:1]
    (f,) = got
    assert f.arg("location").text == "Baniyas", "a dangling 'and' is trimmed"
    assert f.arg("actor") is None, "a person's cut name is no actor of a strike"
    assert f.arg("date") is None, "'on' is no date"
    assert f.backend == "hybrid"


def test_rules_fill_only_roles_the_model_left_empty() -> None:
    doc = make_doc()
    learned = [frame(doc, (1, 2), location=(4, 5))]
    rules = [frame(doc, (1, 2), actor=(0, 1), location=(2, 3), date=(6, 7))]
    (f,) = finder(learned, rules).find([doc])[0]
    assert f.arg("actor").text == "Jets" and f.arg("date").text == "Monday"
    assert f.arg("location").text == "Homs", "the model's valid location wins over the rules'"


def test_modifier_triggers_without_rule_support_are_dropped() -> None:
    doc = make_doc()
    learned = [frame(doc, (3, 4), location=(4, 5))]  # trigger "and": no noun or verb
    assert finder(learned, []).find([doc]) == [[]]


def test_function_word_target_is_rejected() -> None:
    doc = make_doc()
    learned = [frame(doc, (1, 2), target=(3, 4))]  # target "and"
    (f,) = finder(learned, []).find([doc])[0]
    assert f.arg("target") is None


def test_rules_keep_a_sentence_the_model_found_nothing_in() -> None:
    doc = make_doc()
    ruled = [frame(doc, (1, 2), actor=(0, 1))]
    (got,) = finder([], ruled).find([doc])
    assert [(f.action.text, f.backend) for f in got] == [("bombed", ruled[0].backend)]
    learned = [frame(doc, (1, 2), location=(2, 3))]
    other = Frame(span(doc, 11, 12), "attack", 0, len(doc.text))
    (got,) = finder(learned, [other]).find([doc])
    assert [f.action.text for f in got] == ["bombed"], "the model spoke for this sentence"


def test_unknown_learned_location_gives_way_to_the_rules_known_one() -> None:
    doc = make_doc()
    # the model's "Osama" is no place it knows (a PERSON span the checks reject): the rules fill it
    learned = [frame(doc, (1, 2), location=(8, 9))]
    rules = [frame(doc, (1, 2), location=(2, 3))]
    (f,) = finder(learned, rules).find([doc])[0]
    assert f.arg("location").text == "Baniyas"
    # a place entity the gazetteer does not know ("Homs" here) loses to the rules' known place
    hybrid = HybridFrameFinder(
        Fixed("learned", [frame(doc, (1, 2), location=(4, 5))]),
        Fixed("rules", [frame(doc, (1, 2), location=(2, 3))]),
        is_place=lambda t: t == "Baniyas",
        is_actor=lambda t: False,
        resolver=lambda names: {"Baniyas": BANIYAS}.get,
    )
    (f,) = hybrid.find([doc])[0]
    assert f.arg("location").text == "Baniyas"
    # both known: the model's stays
    (f,) = finder([frame(doc, (1, 2), location=(4, 5))], rules).find([doc])[0]
    assert f.arg("location").text == "Homs"


def test_a_learned_country_gives_way_to_the_rules_town_in_it() -> None:
    doc = make_doc()
    places = {"Baniyas": BANIYAS, "Homs": SYRIA}  # "Homs" stands in for a country here

    def hybrid(learned_loc: tuple[int, int], rules_loc: tuple[int, int]) -> str:
        found = HybridFrameFinder(
            Fixed("learned", [frame(doc, (1, 2), location=learned_loc)]),
            Fixed("rules", [frame(doc, (1, 2), location=rules_loc)]),
            is_place=places.__contains__,
            is_actor=lambda t: False,
            resolver=lambda names: places.get,
        ).find([doc])[0]
        return found[0].arg("location").text

    assert hybrid((4, 5), (2, 3)) == "Baniyas", "a town of the country is more specific"
    assert hybrid((2, 3), (4, 5)) == "Baniyas", "the model's town is not traded for a country"


def test_the_rules_place_of_another_trigger_is_not_taken() -> None:
    doc = make_doc()
    # the model's "Baniyas" (a place entity the gazetteer does not know) stays: the rules' "Homs"
    # is the place the model gives another trigger
    learned = [frame(doc, (1, 2), location=(2, 3)), frame(doc, (11, 12), location=(4, 5))]
    hybrid = HybridFrameFinder(
        Fixed("learned", learned),
        Fixed("rules", [frame(doc, (1, 2), location=(4, 5))]),
        is_place=lambda t: t == "Homs",
        is_actor=lambda t: False,
        resolver=lambda names: {"Homs": BANIYAS}.get,
    )
    assert hybrid.find([doc])[0][0].arg("location").text == "Baniyas"
    alone = HybridFrameFinder(
        Fixed("learned", learned[:1]),
        Fixed("rules", [frame(doc, (1, 2), location=(4, 5))]),
        is_place=lambda t: t == "Homs",
        is_actor=lambda t: False,
        resolver=lambda names: {"Homs": BANIYAS}.get,
    )
    assert alone.find([doc])[0][0].arg("location").text == "Homs"


def test_a_sentence_whose_learned_frames_are_all_dropped_keeps_the_rules_frames() -> None:
    """ "Shelling hit Donetsk": the parser reads "Shelling" as an auxiliary, so the model's frame on it
    is dropped as a modifier; the rules' "hit" must still stand for the sentence."""
    doc = make_doc()
    doc[0].pos_ = "AUX"  # the model's trigger "Jets" (a stand-in) is now no content word
    rules = [frame(doc, (1, 2), location=(2, 3))]
    (got,) = finder([frame(doc, (0, 1))], rules).find([doc])[0]
    assert got.action.text == "bombed" and got.backend == "rules"
