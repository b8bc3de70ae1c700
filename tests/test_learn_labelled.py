"""The labelled JSONL format: loading, checking, saving (docs/LABELLED_FORMAT.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimx.learn.labelled import LabelledDataError, LabelledDoc, load_labelled, save_labelled

TEXT = "Victims of a suspected chemical attack in Syria died, the WHO said on Wednesday."


def _record(**over) -> dict:
    rec = {
        "id": "fakes:1",
        "text": TEXT,
        "split": "test",
        "origin": "FA-KES",
        "actions": [
            {
                "start": 23,
                "end": 38,
                "text": "chemical attack",
                "type": "chemical_weapon",
                "args": [{"role": "location", "start": 42, "end": 47, "text": "Syria"}],
                "attributed_to": {"start": 54, "end": 61, "text": "the WHO"},
                "killed": 70,
                "injured": None,
                "negated": False,
                "hedged": True,
            }
        ],
        "entities": [{"start": 42, "end": 47, "label": "GPE"}],
    }
    rec.update(over)
    return rec


def _write(tmp_path: Path, *records: dict) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_loads_every_field(tmp_path: Path) -> None:
    (doc,) = load_labelled(_write(tmp_path, _record()))
    action = doc.actions[0]
    assert (doc.id, doc.split, doc.origin) == ("fakes:1", "test", "FA-KES")
    assert (action.text, action.type, action.killed, action.hedged) == (
        "chemical attack",
        "chemical_weapon",
        70,
        True,
    )
    assert action.arg("location").text == "Syria" and action.arg("actor") is None
    assert action.attributed_to.text == "the WHO"
    assert doc.entities[0].label == "GPE"
    assert doc.annotates("date") and not doc.partial_actions


def test_save_then_load_is_identity(tmp_path: Path) -> None:
    docs = load_labelled(_write(tmp_path, _record(), _record(id="fakes:2", split="train", actions=[])))
    out = tmp_path / "again.jsonl"
    save_labelled(docs, out)
    assert load_labelled(out) == docs
    assert [d.id for d in load_labelled(out, split="train")] == ["fakes:2"]


def test_partial_annotation_fields_round_trip(tmp_path: Path) -> None:
    doc = LabelledDoc.from_json(_record(partial_actions=True, slots=["action", "location"]))
    assert doc.partial_actions and doc.annotates("location") and not doc.annotates("actor")
    assert LabelledDoc.from_json(doc.to_json()) == doc


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "chemical attak"}, "is 'chemical attack' in the text but says 'chemical attak'"),
        ({"end": 500}, "outside the text"),
        ({"type": "bombing"}, "has type 'bombing'"),
        ({"args": [{"role": "victim", "start": 42, "end": 47}]}, "has role 'victim'"),
        ({"killed": -3}, "killed must be a non-negative integer"),
        (
            {
                "args": [
                    {"role": "location", "start": 42, "end": 47},
                    {"role": "location", "start": 0, "end": 7},
                ]
            },
            "two 'location' arguments",
        ),
    ],
)
def test_bad_actions_name_the_line_and_problem(tmp_path: Path, change: dict, message: str) -> None:
    rec = _record()
    rec["actions"][0].update(change)
    path = _write(tmp_path, _record(id="ok"), rec)
    with pytest.raises(LabelledDataError) as err:
        load_labelled(path)
    assert f"{path}:2:" in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_duplicate_ids_and_bad_json_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(LabelledDataError, match="duplicate id 'fakes:1'"):
        load_labelled(_write(tmp_path, _record(), _record()))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n{not json\n', encoding="utf-8")
    with pytest.raises(LabelledDataError, match=r"bad.jsonl:2: not JSON"):
        load_labelled(bad)
    with pytest.raises(LabelledDataError, match="split 'validation'"):
        load_labelled(_write(tmp_path, _record(split="validation")))


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(LabelledDataError, match="cannot read"):
        load_labelled(tmp_path / "nope.jsonl")
