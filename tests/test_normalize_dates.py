"""Date resolution against publication dates (2015-09-30 is a Wednesday, 2016-05-24 a Tuesday)."""

from __future__ import annotations

import pytest

from claimx.normalize.dates import (
    DateValue,
    claim_date,
    parse_date_value,
    parse_published,
    published_day,
    resolve_date,
)

WED = "2015-09-30"
TUE = "2016-05-24"
FEB = "2016-02-23"

CASES: list[tuple[str, str | None, str | None]] = [
    # today / yesterday
    ("earlier today", WED, WED),
    ("today", TUE, TUE),
    ("this morning", FEB, FEB),
    ("Earlier today", WED, WED),
    ("yesterday", WED, "2015-09-29"),
    ("last night", TUE, "2016-05-23"),
    ("yesterday", FEB, "2016-02-22"),
    ("two days ago", WED, "2015-09-28"),
    # weekdays: latest on or before the publication date
    ("on Wednesday", WED, WED),
    ("Wednesday afternoon", WED, WED),
    ("Monday", WED, "2015-09-28"),
    ("on Wednesday", TUE, "2016-05-18"),
    ("Monday", TUE, "2016-05-23"),
    ("Tuesday", TUE, TUE),
    ("on Tuesday night", FEB, FEB),
    ("last Wednesday", WED, "2015-09-23"),
    ("Sunday", FEB, "2016-02-21"),
    # day and month, year from the publication date
    ("on May 23", TUE, "2016-05-23"),
    ("on May 23", WED, "2015-05-23"),
    ("on May 23", FEB, "2015-05-23"),
    ("Sept. 30", WED, WED),
    ("Sept. 30", FEB, "2015-09-30"),
    ("December 30", FEB, "2015-12-30"),
    ("Wednesday, Sept. 30", WED, WED),
    ("the night of May 23", TUE, "2016-05-23"),
    # months
    ("last April", WED, "2015-04"),
    ("last April", FEB, "2015-04"),
    ("last April", TUE, "2016-04"),
    ("in April", FEB, "2015-04"),
    ("last month", WED, "2015-08"),
    ("last month", FEB, "2016-01"),
    ("this month", TUE, "2016-05"),
    ("last year", FEB, "2015"),
    ("this year", WED, "2015"),
    # absolute
    ("September 2015", WED, "2015-09"),
    ("2015", TUE, "2015"),
    ("March 2011", FEB, "2011-03"),
    ("since March 2011", WED, "2011-03"),
    ("30 September 2015", TUE, "2015-09-30"),
    ("9/30/2015", FEB, "2015-09-30"),
    ("early 2015", WED, "2015"),
    ("mid-2015", WED, "2015"),
    ("Sept 30th, 2015 at 10am", TUE, "2015-09-30"),
    # cannot be pinned
    ("recent weeks", WED, None),
    ("days ago", TUE, None),
    ("the 1980s", FEB, None),
    ("the past two weeks", WED, None),
    ("the ceasefire", WED, None),
    ("", WED, None),
    # no publication date: absolute dates only
    ("yesterday", None, None),
    ("on Wednesday", None, None),
    ("on May 23", None, None),
    ("last April", None, None),
    ("last month", None, None),
    ("September 2015", None, "2015-09"),
    ("2015", None, "2015"),
    ("March 2011", None, "2011-03"),
    ("30 September 2015", None, "2015-09-30"),
    ("9/30/2015", None, "2015-09-30"),
    ("recent weeks", None, None),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_resolve_date(text: str, published: str | None, expected: str | None) -> None:
    assert resolve_date(text, published) == expected


def test_published_in_other_formats_is_accepted() -> None:
    assert resolve_date("yesterday", "9/30/2015") == "2015-09-29"
    assert resolve_date("yesterday", "Sep 30, 2015") == "2015-09-29"
    assert resolve_date("yesterday", "not a date") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-09-30", "2015-09-30"),
        ("2015-09-30T08:15:00Z", "2015-09-30"),
        ("9/30/2015", "2015-09-30"),
        ("4/5/2017", "2017-04-05"),
        ("Sep 30, 2015", "2015-09-30"),
        ("September 30, 2015", "2015-09-30"),
        ("30 September 2015", "2015-09-30"),
        ("Wed, 30 Sep 2015 10:00:00 GMT", "2015-09-30"),
        ("2015-02-30", None),
        ("soon", None),
        ("", None),
    ],
)
def test_parse_published(value: str, expected: str | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("iso", "precision"), [("2015-09-30", "day"), ("2015-09", "month"), ("2015", "year")]
)
def test_date_value_knows_its_precision(iso: str, precision: str) -> None:
    value = DateValue.of(iso, "text")
    assert value is not None and (value.iso, value.precision, value.basis) == (iso, precision, "text")
    assert value.day == (iso if precision == "day" else None)


@pytest.mark.parametrize("bad", [None, "", "Sep 2015", "2015-9-30", "yesterday"])
def test_date_value_of_a_non_iso_string_is_none(bad: str | None) -> None:
    assert DateValue.of(bad) is None


def test_claim_date_prefers_text_then_context_then_publication() -> None:
    assert claim_date("2015-09-28", "2015-09-29", "2015-09-30") == DateValue("2015-09-28", "day", "text")
    assert claim_date(None, "2015-09", "2015-09-30") == DateValue("2015-09", "month", "context")
    assert claim_date(None, None, "2015-09-30") == DateValue("2015-09-30", "day", "published")
    assert claim_date(None, None, None) is None


def test_record_dates_keep_their_precision_and_claims_publish_only_days() -> None:
    assert parse_date_value("2015-09") == "2015-09" and parse_date_value("2015") == "2015"
    assert published_day("2015-09") is None and published_day("2015-09-30") == "2015-09-30"
    assert parse_published("2015-09") is None, "relative dates need a day to resolve against"
