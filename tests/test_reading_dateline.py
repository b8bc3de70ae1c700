"""Datelines near the top of an article, and record date values."""

from __future__ import annotations

import pytest

from claimx.normalize.dates import date_prefix_end, find_dateline, is_date_only, parse_date_value


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("# Initial Russian Strikes\n\nby [F B](/x)\n\nSep 30, 2015\n\nAlso available in", "2015-09-30"),
        ("What Russia's New Bombing Targets Tell Us\n\nFebruary 23, 2016\nA tank belonging", "2016-02-23"),
        ("# The Islamic State Is Targeting\n\nMay 24, 2016\n\nAlso available in", "2016-05-24"),
        ("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO.", "2017-04-05"),
        ("Fri 07 Apr 2017 at 0914 Homs governor says U.S. attack caused deaths", "2017-04-07"),
        ("18 November 2016 Aleppo SANA Terrorists fired shells.", "2016-11-18"),
        ("Tuesday 02 August 2016 19:11 Syrian Coalition condemns", "2016-08-02"),
        ("July 19 2014 Dozens killed in fighting near Homs.", "2014-07-19"),
        ("Posted on April 19 2017 by Asharq Al-Awsat English Six Killed", "2017-04-19"),
        ("24.08.2013 Syrian state media accused rebels", "2013-08-24"),
        ("Fri Sep 27 2013 Bomb blast kills 60 in Damascus suburb.", "2013-09-27"),
        ("Last updated at Apr 232017 An Israeli attack on a Syrian camp", "2017-04-23"),
        (
            "8 persons killed in rocket attacks on Aleppo city 6 October 2016 Aleppo SANA-Terrorist",
            "2016-10-06",
        ),
        ("Published: 2015-09-30\n\nText.", "2015-09-30"),
    ],
)
def test_find_dateline_patterns(text: str, iso: str) -> None:
    assert find_dateline(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "On May 23, 2016, the Islamic State perpetrated suicide bombings in Tartus.",
        "Rebels have held the area since April 2014 and fought on.",
        "Nothing here looks like a date at all.",
        "Feb 30, 2016 is not a day.",
        "x" * 500 + "\n\nSep 30, 2015",  # too far from the top
    ],
)
def test_find_dateline_ignores_non_datelines(text: str) -> None:
    assert find_dateline(text) is None


def test_date_prefix_and_date_only_lines() -> None:
    s = "Fri 07 Apr 2017 at 0914 Homs governor says"
    assert s[date_prefix_end(s) :] == " Homs governor says"
    assert date_prefix_end("Homs governor says") is None
    assert is_date_only("Feb 23, 2016 22:25 (GMT)")
    assert is_date_only("Sep 30, 2015")
    assert not is_date_only("Sep 30, 2015 was the first day of strikes.")


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("4/5/2017", "2017-04-05"),
        ("11/21/2016", "2016-11-21"),
        ("30/9/2015", "2015-09-30"),
        ("2015-09-30", "2015-09-30"),
        ("2015-09-30T23:10:00+03:00", "2015-09-30"),
        ("2015-09", "2015-09"),
        ("2015", "2015"),
        ("Sep 30, 2015", "2015-09-30"),
        ("", None),
        (None, None),
        ("soon", None),
        ("13/13/2015", None),
        (2015, "2015"),
    ],
)
def test_parse_date_value(value: object, iso: str | None) -> None:
    assert parse_date_value(value) == iso
