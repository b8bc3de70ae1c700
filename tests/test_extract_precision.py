"""Claim precision and dating: one claim per mention, parties, casualties, hedging, date basis.

Hand-parsed docs and pure functions: no model needed.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from claimx.extract.attribution import find_speaker
from claimx.extract.builder import ClaimBuilder, Normalizers
from claimx.extract.casualties import find_casualties
from claimx.extract.mentions import absorb_weak, lexicon_types, merge_near, one_per_mention, refer_back
from claimx.extract.modality import is_background, is_cumulative, is_hedged
from claimx.extract.spans import names_party
from claimx.types import Article, Frame, Place, Span

NLP = spacy.blank("en")
PLACES = {
    "homs": Place("Homs", "Homs", "Syria", 34.73, 36.71),
    "talbiseh": Place("Talbiseh", "Homs", "Syria", 34.8, 36.7),
}


def parse(rows: list[tuple[str, int, str, str, str]], starts: tuple[int, ...] = (0,)) -> Doc:
    """rows: (word, head index, dep, pos, lemma); ``starts``: indices that begin a sentence."""
    return Doc(
        NLP.vocab,
        words=[r[0] for r in rows],
        spaces=[not (i + 1 < len(rows) and rows[i + 1][0] in {",", "."}) for i in range(len(rows))],
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        sent_starts=[i in starts for i in range(len(rows))],
    )


def normalizers() -> Normalizers:
    days = {"Wednesday": "2015-09-30", "Tuesday": "2015-09-29"}
    return Normalizers(
        place=lambda t: PLACES.get(t.lower()),
        actor=lambda t: {"jets": "Russia", "russians": "Russia"}.get(t.lower()),
        date=lambda t, pub: days.get(t) if pub else None,
    )


def frame(doc: Doc, trigger: int, typ: str = "air_strike", **args: int) -> Frame:
    """A frame on token ``trigger`` of ``doc`` with one-token arguments given by token index."""
    tok = doc[trigger]
    sent = tok.sent
    spans = {r: Span(doc[i].idx, doc[i].idx + len(doc[i]), doc[i].text, r) for r, i in args.items()}
    return Frame(Span(tok.idx, tok.idx + len(tok), tok.text, typ), typ, sent.start_char, sent.end_char, spans)


# "Jets bombed Homs on Wednesday. Jets struck Talbiseh."
TWO = [
    ("Jets", 1, "nsubj", "NOUN", "jet"),
    ("bombed", 1, "ROOT", "VERB", "bomb"),
    ("Homs", 1, "dobj", "PROPN", "Homs"),
    ("on", 1, "prep", "ADP", "on"),
    ("Wednesday", 3, "pobj", "PROPN", "Wednesday"),
    (".", 1, "punct", "PUNCT", "."),
    ("Jets", 7, "nsubj", "NOUN", "jet"),
    ("struck", 7, "ROOT", "VERB", "strike"),
    ("Talbiseh", 7, "dobj", "PROPN", "Talbiseh"),
    (".", 7, "punct", "PUNCT", "."),
]


ONE = [(w, h - 6, dep, pos, lemma) for w, h, dep, pos, lemma in TWO[6:]]  # "Jets struck Talbiseh."


def _two_claims(published: str | None):
    doc = parse(TWO, starts=(0, 6))
    frames = [frame(doc, 1, actor=0, location=2, date=4), frame(doc, 7, actor=6, location=8)]
    art = Article("d", doc.text, published=published)
    return ClaimBuilder(normalizers()).build_pairs(art, doc, frames)


def test_undated_claim_takes_the_date_of_its_paragraph() -> None:
    (_, c1), (f2, c2) = _two_claims("2015-10-01")
    assert (c1.date_norm, c1.date_basis, c1.date) == ("2015-09-30", "text", "Wednesday")
    assert (c2.date_norm, c2.date_basis, c2.date) == ("2015-09-30", "context", "Wednesday")
    assert c2.confidence < c1.confidence
    assert f2.arg("date") is None, "the frame keeps only the dates its own sentence states"


def test_without_any_date_phrase_the_publication_date_dates_the_claim() -> None:
    doc = parse(ONE)
    (c,) = ClaimBuilder(normalizers()).build(
        Article("d", doc.text, published="2015-10-01"), doc, [frame(doc, 1, actor=0, location=2)]
    )
    assert (c.date_norm, c.date_basis, c.date) == ("2015-10-01", "published", None)
    (c,) = ClaimBuilder(normalizers()).build(
        Article("d", doc.text), doc, [frame(doc, 1, actor=0, location=2)]
    )
    assert (c.date_norm, c.date_basis) == (None, None)


def test_a_month_precise_publication_date_is_no_claim_published_day() -> None:
    doc = parse(ONE)
    (c,) = ClaimBuilder(normalizers()).build(
        Article("d", doc.text, published="2015-10"), doc, [frame(doc, 1, actor=0, location=2)]
    )
    assert c.published is None and (c.date_norm, c.date_basis) == ("2015-10", "published")


def test_one_trigger_two_types_gives_one_claim() -> None:
    doc = parse(ONE)
    a, b = frame(doc, 1, "armed_clash", actor=0), frame(doc, 1, "air_strike", actor=0)
    assert [f.action_type for f in one_per_mention([a, b])] == ["air_strike"]
    claims = ClaimBuilder(normalizers()).build(Article("d", doc.text), doc, [a, b])
    assert [c.action_type for c in claims] == ["air_strike"]


# "Jets struck Homs, killing civilians."
WEAK = [
    ("Jets", 1, "nsubj", "NOUN", "jet"),
    ("struck", 1, "ROOT", "VERB", "strike"),
    ("Homs", 1, "dobj", "PROPN", "Homs"),
    (",", 1, "punct", "PUNCT", ","),
    ("killing", 1, "advcl", "VERB", "kill"),
    ("civilians", 4, "dobj", "NOUN", "civilian"),
    (".", 1, "punct", "PUNCT", "."),
]


def test_weak_trigger_joins_the_mention_it_belongs_to() -> None:
    doc = parse(WEAK)
    strong, weak = frame(doc, 1, actor=0, location=2), frame(doc, 4, "attack", target=5)
    (merged,) = absorb_weak(doc, [strong, weak])
    assert merged.action.text == "struck" and merged.arg("target").text == "civilians"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A man was shot and killed in Springfield", [("killed", 1)]),
        ("Mine explosion kills a person and injures others in Homs countryside", [("killed", 1)]),
        ("A child was killed and three others were wounded", [("killed", 1), ("injured", 3)]),
        ("a car bomb killed a man and wounded two children", [("killed", 1), ("injured", 2)]),
        ("nine people were killed", [("killed", 9)]),
        ("Dozens killed in airstrikes on Aleppo", []),
        ("Shelling on Idlib province kills 5", [("killed", 5)]),
        ("2 killed in regime shelling on Daraa city", [("killed", 2)]),
        ("at least 33 civilians killed", [("killed", 33)]),
        ("Death toll of regime airstrikes on Douma rises to 35", [("killed", 35)]),
        ("Toll rises to 35 in Homs bombing", [("killed", 35)]),
        ("More than 15 killed or wounded by aerial bombardment", []),
        ("Explosion kills and wounds 5 persons", []),
        ("5 members of the regime forces and militiamen loyal to them were killed", [("killed", 5)]),
        ("17 civilians, including children, were killed in the bombardment", [("killed", 17)]),
        ("13 members of Iran's elite force killed in Syria", [("killed", 13)]),
        ("3 days after 20 people were killed", [("killed", 20)]),
        ("Artillery bombardment continues leading to the death of 7", [("killed", 7)]),
        ("Bombardment on Aleppo claims the lives of 32 persons and injures tens", [("killed", 32)]),
        ("ISIS executes 2 persons", [("killed", 2)]),
        ("4 people executed in Homs countryside", [("killed", 4)]),
        ("3 martyrs in an explosion in Daraa", [("killed", 3)]),
        ("10 casualties and injuries by warplanes", []),
        ("About 10 persons were killed and wounded in shelling", []),
        ("10 martyrs and wounded in shelling", []),
        ("8 casualties including 7 children", []),
        ("Casualties of Damascus bombings rise to 21", [("killed", 21)]),
        ("Rose to 31 the number of rebels who were killed", [("killed", 31)]),
    ],
)
def test_casualty_forms(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(c.kind, c.count) for c in find_casualties(text)] == expected


@pytest.mark.parametrize(
    "text", ["two", "Dozens", "a dozen", "Western-Backed", "Anti-ISIS", "Syrians", "doorway", "those", "them"]
)
def test_values_that_name_no_party(text: str) -> None:
    assert not names_party(text)


@pytest.mark.parametrize("text", ["civilians", "Western-backed rebels", "US-led", "two children", "ISIS"])
def test_values_that_name_a_party(text: str) -> None:
    assert names_party(text)


def test_parties_that_name_nothing_are_left_out_of_the_claim() -> None:
    rows = [("two", 1, "nsubj", "NUM", "two"), *WEAK[1:]]
    doc = parse(rows)
    (c,) = ClaimBuilder(normalizers()).build(
        Article("d", doc.text), doc, [frame(doc, 1, actor=0, location=2)]
    )
    assert c.actor is None and c.location_norm == "Homs"


def test_future_plans_and_threats_are_hedged() -> None:
    # "Russia will bomb Idlib."
    will = parse([("Russia", 2, "nsubj", "PROPN", "Russia"), ("will", 2, "aux", "AUX", "will"),
                  ("bomb", 2, "ROOT", "VERB", "bomb"), ("Idlib", 2, "dobj", "PROPN", "Idlib")])  # fmt: skip
    assert is_hedged(will[2], will[:])
    # "The regime prepared an offensive."
    plan = parse([("The", 1, "det", "DET", "the"), ("regime", 2, "nsubj", "NOUN", "regime"),
                  ("prepared", 2, "ROOT", "VERB", "prepare"), ("an", 4, "det", "DET", "an"),
                  ("offensive", 2, "dobj", "NOUN", "offensive")])  # fmt: skip
    assert is_hedged(plan[4], plan[:])
    # "Jets bombed Homs." is a report
    done = parse(ONE)
    assert not is_hedged(done[1], done[:])


def test_background_rule() -> None:
    war = parse([("the", 1, "det", "DET", "the"), ("war", 1, "ROOT", "NOUN", "war")])[1]
    flags = {"has_args": True, "has_figures": False, "dated": False, "placed": False, "in_context": True}
    assert is_background(war, **flags)
    assert not is_background(war, **{**flags, "placed": True})
    strike = parse([("strikes", 0, "ROOT", "NOUN", "strike")])[0]
    assert not is_background(strike, **flags)
    assert is_background(
        strike, has_args=False, has_figures=False, dated=False, placed=False, in_context=False
    )
    assert not is_background(None, **flags), "a longer trigger ('air operations') names an event"


def _words(text: str) -> Doc:
    return NLP.make_doc(text)


def test_near_triggers_of_one_type_are_one_mention() -> None:
    doc = _words("Jets carried out raids targeting Douma and , far away in another part of the country , "
                 "later in the day , other raids hit Saqba")  # fmt: skip
    raids, targeting, later = doc[3], doc[4], doc[-3]
    spans = {t.i: Span(t.idx, t.idx + len(t), t.text) for t in (raids, targeting, later, doc[5], doc[-1])}

    def f(i: int, score: float, **args: int) -> Frame:
        roles = {r: spans[j] for r, j in args.items()}
        return Frame(spans[i], "air_strike", 0, len(doc.text), roles, score)

    kept = merge_near(doc, [f(3, 0.9), f(4, 0.7, location=5), f(len(doc) - 3, 0.8, location=len(doc) - 1)])
    assert [k.action.text for k in kept] == ["raids", "raids"], "the far one is another event"
    assert kept[0].arg("location").text == "Douma", "the mention keeps the role only the folded frame had"
    other = Frame(spans[4], "armed_clash", 0, len(doc.text), {}, 0.7)
    assert len(merge_near(doc, [f(3, 0.9), other])) == 2, "another type is another mention"


def test_running_war_tolls_are_background() -> None:
    toll = parse([("More", 1, "amod", "ADJ", "more"), ("people", 3, "nsubjpass", "NOUN", "people"),
                  ("were", 3, "auxpass", "AUX", "be"), ("killed", 3, "ROOT", "VERB", "kill"),
                  ("since", 3, "prep", "ADP", "since"), ("2011", 4, "pobj", "NUM", "2011")])  # fmt: skip
    assert is_cumulative(toll[3], toll[:], None)
    assert not is_cumulative(toll[3], toll[:4], 12), "an event's toll"
    assert is_cumulative(toll[3], toll[:4], 320_000), "no single event kills this many"
    struck = parse(ONE)
    assert not is_cumulative(struck[1], struck[:], None), "only death words count a war's toll"
    from claimx.extract.modality import CUMULATIVE

    assert CUMULATIVE.search("killed since Yemen's war began"), "any country's war, not only Syria's"
    assert not CUMULATIVE.search("killed since the convoy left"), "an event's own time"


def _said(tail: list[tuple[str, int, str, str, str]]) -> Doc:
    """ "Jets struck Homs" followed by a closing reporting clause (heads given from its first word)."""
    head = [("Jets", 1, "nsubj", "NOUN", "jet"), ("struck", 1, "ROOT", "VERB", "strike"),
            ("Homs", 1, "dobj", "PROPN", "Homs")]  # fmt: skip
    return parse(head + [(w, h + 3 if h >= 0 else 1, d, p, lem) for w, h, d, p, lem in tail])


def test_a_closing_reporting_clause_names_the_speaker() -> None:
    # "Jets struck Homs a monitoring group said ." (no comma, as FA-KES texts)
    doc = _said([("a", 2, "det", "DET", "a"), ("monitoring", 2, "compound", "NOUN", "monitoring"),
                 ("group", 3, "nsubj", "NOUN", "group"), ("said", -1, "dep", "VERB", "say"),
                 (".", -1, "punct", "PUNCT", ".")])  # fmt: skip
    assert find_speaker(doc[1], doc[:]).text == "a monitoring group"
    assert find_speaker(doc[1], doc[:], trailing=False) is None, "the parse alone misses it"
    # "Jets struck Homs said the source ."
    inverted = _said([("said", -1, "dep", "VERB", "say"), ("the", 2, "det", "DET", "the"),
                      ("source", 0, "nsubj", "NOUN", "source"),
                      (".", -1, "punct", "PUNCT", ".")])  # fmt: skip
    assert find_speaker(inverted[1], inverted[:]).text == "the source"
    # "Jets struck Homs the aid group that supports it said ."
    relative = _said([("the", 2, "det", "DET", "the"), ("aid", 2, "compound", "NOUN", "aid"),
                      ("group", 6, "nsubj", "NOUN", "group"), ("that", 4, "nsubj", "PRON", "that"),
                      ("supports", 2, "relcl", "VERB", "support"), ("it", 4, "dobj", "PRON", "it"),
                      ("said", -1, "dep", "VERB", "say"),
                      (".", -1, "punct", "PUNCT", ".")])  # fmt: skip
    assert find_speaker(relative[1], relative[:]).text == "the aid group"
    # "Jets struck Homs which he said ." : "he" speaks (resolved later to the last name)
    spoken = _said([("which", 2, "dobj", "PRON", "which"), ("he", 2, "nsubj", "PRON", "he"),
                    ("said", -1, "dep", "VERB", "say"), (".", -1, "punct", "PUNCT", ".")])  # fmt: skip
    assert find_speaker(spoken[1], spoken[:]).text == "he"


def test_a_reporting_verb_far_from_the_end_is_no_closing_clause() -> None:
    words = [("said", -1, "dep", "VERB", "say"), ("the", 2, "det", "DET", "the"),
             ("source", 0, "nsubj", "NOUN", "source")]  # fmt: skip
    words += [("and", 0, "cc", "CCONJ", "and")] + [("more", 0, "dep", "ADV", "more")] * 8
    doc = _said(words)
    assert find_speaker(doc[1], doc[:]) is None


def test_a_definite_generic_noun_takes_the_type_of_the_article_s_event() -> None:
    # "A suicide bomber struck . The attack killed 4 . The chlorine attack hurt 5 . An attack hit ."
    rows = [("A", 2, "det", "DET", "a"), ("suicide", 2, "compound", "NOUN", "suicide"),
            ("bomber", 3, "nsubj", "NOUN", "bomber"), ("struck", 3, "ROOT", "VERB", "strike"),
            (".", 3, "punct", "PUNCT", "."),
            ("The", 6, "det", "DET", "the"), ("attack", 7, "nsubj", "NOUN", "attack"),
            ("killed", 7, "ROOT", "VERB", "kill"), ("4", 7, "dobj", "NUM", "4"),
            (".", 7, "punct", "PUNCT", "."),
            ("The", 12, "det", "DET", "the"), ("chlorine", 12, "compound", "NOUN", "chlorine"),
            ("attack", 13, "nsubj", "NOUN", "attack"), ("hurt", 13, "ROOT", "VERB", "hurt"),
            ("5", 13, "dobj", "NUM", "5"), (".", 13, "punct", "PUNCT", "."),
            ("An", 17, "det", "DET", "an"), ("attack", 18, "nsubj", "NOUN", "attack"),
            ("hit", 18, "ROOT", "VERB", "hit"), (".", 18, "punct", "PUNCT", ".")]  # fmt: skip
    doc = parse(rows, starts=(0, 5, 10, 16))
    frames = [frame(doc, 3, "suicide_bomb"), frame(doc, 6, "armed_clash"), frame(doc, 12, "chemical_weapon"),
              frame(doc, 17, "armed_clash")]  # fmt: skip
    typed = [f.action_type for f in refer_back(doc, frames)]
    assert typed[1] == "suicide_bomb", "'the attack' refers back to the suicide bombing"
    assert typed[2] == "chemical_weapon", "a noun that states its means keeps its type"
    assert typed[3] == "armed_clash", "an indefinite noun introduces an event of its own"
    assert [f.action_type for f in refer_back(doc, frames[1:2])] == ["armed_clash"], "nothing to refer to"


def test_a_trigger_word_with_one_sense_keeps_the_lexicon_s_type() -> None:
    doc = parse([("Jets", 1, "nsubj", "NOUN", "jet"), ("flew", 1, "ROOT", "VERB", "fly"),
                 ("sorties", 1, "dobj", "NOUN", "sortie"), (".", 1, "punct", "PUNCT", ".")])  # fmt: skip
    learned = [frame(doc, 2, "armed_clash"), frame(doc, 1, "armed_clash")]
    assert [f.action_type for f in lexicon_types(doc, learned)] == ["air_strike", "armed_clash"]
    gas = frame(doc, 2, "chemical_weapon")
    assert lexicon_types(doc, [gas])[0].action_type == "chemical_weapon", "a more specific means stays"
