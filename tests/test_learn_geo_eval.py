"""Geo evaluation (claimx.learn.geo_eval): what counts as place / admin-1 / country / actor right."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from claimx.learn.geo_eval import geo_key, read_geo_gold, score_geo
from claimx.learn.labelled import LabelledDataError
from claimx.types import Claim, Frame, Span

TEXT = "Jets struck Homs. Police shot a man in Springfield."


def gold_doc() -> dict:
    def loc(start: int, end: int, name: str, admin1: str, cc: str) -> dict:
        geo = {"name": name, "admin1": admin1, "country": cc}
        return {"role": "location", "start": start, "end": end, "geo": geo}

    return {
        "id": "d1",
        "text": TEXT,
        "actions": [
            {"start": 5, "end": 11, "type": "air_strike", "args": [loc(12, 16, "Homs", "Homs", "SY")]},
            {
                "start": 25,
                "end": 29,
                "type": "attack",
                "args": [
                    {"role": "actor", "start": 18, "end": 24, "norm": "police"},
                    loc(39, 50, "Springfield", "Illinois|IL", "us"),
                ],
            },
        ],
    }


def claim(frame: Frame, **kw: object) -> Claim:
    values: dict[str, object] = {f.name: None for f in fields(Claim)}
    values |= {"claim_id": "c", "doc_id": "d1", "sentence": "", "sent_start": frame.sent_start}
    values |= {"sent_end": frame.sent_end, "action": frame.action.text, "action_start": frame.action.start}
    values |= {"action_end": frame.action.end, "action_type": frame.action_type, "negated": False}
    values |= {"hedged": False, "confidence": 1.0}
    return Claim(**(values | kw))  # type: ignore[arg-type]


@pytest.fixture()
def gold_path(tmp_path: Path) -> Path:
    path = tmp_path / "world.jsonl"
    path.write_text(json.dumps(gold_doc()) + "\n", encoding="utf-8")
    return path


def test_keys_ignore_case_accents_articles_and_division_words() -> None:
    assert geo_key("Ḩimş Governorate") == geo_key("hims")
    assert geo_key("al-Raqqa") == geo_key("Raqqa Province") == "raqqa"
    assert geo_key("Homs") != geo_key("Hama")


def test_right_wrong_and_unmatched_locations_are_counted_apart(gold_path: Path) -> None:
    gold = read_geo_gold(gold_path)
    strike = Frame(Span(5, 11, "struck"), "air_strike", 0, 17)
    shot = Frame(Span(25, 29, "shot"), "attack", 18, 52)
    right = claim(strike, location="Homs", location_norm="Homs", admin1="Homs", country="Syria")
    wrong = claim(
        shot, location="Springfield", location_norm="Springfield", admin1="Missouri",
        country="United States", actor="Police", actor_norm="police",
    )  # fmt: skip
    report = score_geo(gold, [[(strike, right), (shot, wrong)]])
    assert (report.get("place").right, report.get("place").matched) == (2, 2)
    assert (report.get("admin1").right, report.get("admin1").matched) == (1, 2)
    assert report.get("country").right == 2
    assert report.get("actor").accuracy == 1.0
    assert [e.split(": ")[0] for e in report.errors] == ["d1 'Springfield' (admin-1)"]
    nothing = score_geo(gold, [[(strike, right)]])
    assert (nothing.get("place").matched, nothing.get("place").total) == (1, 2)
    assert nothing.get("place").end_to_end == 0.5


def test_gold_without_geocodes_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Jets struck Homs.", "actions": []}) + "\n")
    with pytest.raises(LabelledDataError, match="no location argument has a 'geo'"):
        read_geo_gold(path)
