"""Monitor-style headlines and claim precision with the real spaCy model (slow, no download)."""

from __future__ import annotations

import pytest

from claimx.types import Article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor():
    from claimx.extract import Extractor
    from claimx.settings import Settings

    return Extractor.load(Settings.from_env().with_overrides(rules_only=True))


@pytest.mark.parametrize(
    ("headline", "admin1", "killed"),
    [
        ("Mine explosion kills a person and injures others in Homs countryside", "Homs", 1),
        ("Shelling on Idlib province kills 5", "Idlib", 5),
        ("2 killed in regime shelling on Daraa city", "Daraa", 2),
        ("Clashes in the northern countryside of Hama leave 12 fighters dead", "Hama", 12),
        ("Death toll of regime airstrikes on Douma rises to 35", "Rif Dimashq", 35),
    ],
)
def test_headline_gives_governorate_and_toll(extractor, headline: str, admin1: str, killed: int) -> None:
    claims = extractor.extract(Article(doc_id="h", text=headline, published="2016-05-10"))
    assert claims, headline
    (c,) = claims
    assert (c.admin1, c.killed) == (admin1, killed)
    assert (c.date_norm, c.date_basis) == ("2016-05-10", "published"), (
        "an undated report takes its publication date"
    )


def test_future_action_is_hedged_and_a_place_modifier_is_no_actor(extractor) -> None:
    (c,) = extractor.extract(Article(doc_id="f", text="Russia will bomb Idlib next week, a commander said."))
    assert c.hedged and c.actor_norm == "Russia"
    (c,) = extractor.extract(Article(doc_id="t", text="Toll rises to 35 in Homs bombing."))
    assert c.actor is None and c.admin1 == "Homs" and c.killed == 35


def test_sub_headline_claim_is_moscows_and_the_activists_video_gets_no_isis_target(extractor) -> None:
    text = (
        "Moscow claims Syrian-piloted Russian jets are targeting ISIS, but Syrian activists post video "
        "showing attacks in areas controlled by rebels opposed to Bashar al-Assad."
    )
    claims = extractor.extract(Article(doc_id="s", text=text, published="2015-09-30"))
    by_action = {c.action: c for c in claims}
    assert by_action["targeting"].attributed_to == "Moscow" and by_action["targeting"].target == "ISIS"
    attacks = by_action.get("attacks")
    assert attacks is None or (attacks.target != "ISIS" and attacks.actor != "Syrian activists")


@pytest.mark.parametrize(
    ("headline", "action_type", "admin1", "figures"),
    [
        ("Missiles target al-Merej area", "shelling", None, (None, None)),  # a verb tagged a noun
        ("Aerial bombardment targets Aleppo and Hama countrysides", "air_strike", "Aleppo", (None, None)),
        ("Casualties in Aleppo city and Daraa countryside", "attack", "Aleppo", (None, None)),
        ("Rebel shells wound 9 civilians in Daraa countryside", "shelling", "Daraa", (None, 9)),
        (
            "Blasts in Syria kill dozens at security headquarters in Homs",
            "remote_explosive",
            "Homs",
            (None, None),
        ),
        ("VBIED attack kills 18 militants in Syria's Quneitra", "attack", "Quneitra", (18, None)),
        ("Aerial bombardment targets Der-Ezzor countryside", "air_strike", "Deir ez-Zor", (None, None)),
    ],
)
def test_headline_triggers_and_places(
    extractor, headline: str, action_type: str, admin1: str | None, figures: tuple[int | None, int | None]
) -> None:
    claims = extractor.extract(Article(doc_id="h", text=headline, published="2016-05-10"))
    assert claims, headline
    c = claims[0]
    assert (c.action_type, c.admin1, (c.killed, c.injured)) == (action_type, admin1, figures)


def test_clash_sides_death_victims_and_no_casualties(extractor) -> None:
    (c,) = extractor.extract(
        Article(doc_id="b", text="Clashes in al-Merej area between regime forces and rebels")
    )
    assert (c.actor_norm, c.target) == ("Syrian government", "rebels")
    (c,) = extractor.extract(Article(doc_id="d", text="A child dies in the countryside of Ras al-Ayn"))
    assert c.actor is None and c.target == "child" and c.admin1 == "Hasakah"
    assert extractor.extract(Article(doc_id="n", text="No casualties were reported.")) == []


def test_captures_need_an_object_and_a_strikes_toll_is_no_second_event(extractor) -> None:
    (c,) = extractor.extract(Article(doc_id="a", text="Advances for regime forces in Hama countryside"))
    assert c.action_type == "territory_seized" and c.admin1 == "Hama"
    claims = extractor.extract(Article(doc_id="c", text="Rebels shelled areas controlled by ISIS in Raqqa."))
    assert [c.action_type for c in claims] == ["shelling"]
    text = "Airstrikes cause human losses in the ranks of Jaysh Usud al-Sharqiyyah in Daraa"
    assert [c.action for c in extractor.extract(Article(doc_id="l", text=text))] == ["Airstrikes"]


def test_the_capital_is_the_articles_countrys(extractor) -> None:
    text = "An attack with a grenade in the middle of the capital kills a person"
    (c,) = extractor.extract(Article(doc_id="c", text=text, published="2016-05-10"))
    assert (c.location_norm, c.admin1, c.killed) == ("Damascus", "Damascus", 1)
    (c,) = extractor.extract(Article(doc_id="p", text="Gunmen attacked a bank in the capital of France."))
    assert c.location_norm != "Damascus"


@pytest.mark.parametrize(
    ("headline", "target", "killed"),
    [
        ("Senior al Qaeda leader killed by CIA drone strike: U.S. official", "Senior al Qaeda leader", None),
        ("Two Turkish soldiers die in blast on Syrian border: sources", "Turkish soldiers", 2),
    ],
)
def test_victims_of_an_absorbed_harm_verb_are_the_attacks_target(
    extractor, headline: str, target: str, killed: int | None
) -> None:
    (c,) = extractor.extract(Article(doc_id="v", text=headline))
    assert (c.target, c.killed) == (target, killed)


def test_a_named_country_gives_way_only_to_its_own_towns(extractor) -> None:
    (c,) = extractor.extract(
        Article(doc_id="i", text="Jets bombed a base in Iraq, a spokesman in Arizona said.")
    )
    assert (c.location, c.country) == ("Iraq", "Iraq")
