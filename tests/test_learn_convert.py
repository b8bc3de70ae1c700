"""Converters to the labelled format: RAMS, Label Studio, doccano; format detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimx.learn.convert_labelstudio import convert_doccano, convert_labelstudio
from claimx.learn.convert_rams import convert_rams, detokenize, rams_event_type, rams_role, rams_split
from claimx.learn.labelled import LabelledDataError
from claimx.learn.sources import detect_format, load_documents, load_many

RAMS_DOCS = [
    {
        "doc_key": "nw_attack1",
        "source_url": "http://example.org/1",
        "sentences": [
            ["Government", "warplanes", "struck", "a", "market", "in", "Idlib", "."],
            ["Rescuers", "said", "12", "people", "were", "killed", "."],
        ],
        "evt_triggers": [[2, 2, [["conflict.attack.airstrikemissilestrike", 1.0]]]],
        "gold_evt_links": [
            [[2, 2], [0, 1], "evt001arg01attacker"],
            [[2, 2], [3, 4], "evt001arg02target"],
            [[2, 2], [6, 6], "evt001arg04place"],
            [[2, 2], [6, 6], "evt001arg03instrument"],
        ],
    },
    {
        "doc_key": "nw_meet2",
        "sentences": [["Putin", "met", "Assad", "in", "Sochi", "."]],
        "evt_triggers": [[1, 1, [["contact.discussion.meet", 1.0]]]],
        "gold_evt_links": [[[1, 1], [4, 4], "evt002arg03place"]],
    },
]


@pytest.fixture
def rams_file(tmp_path: Path) -> Path:
    path = tmp_path / "rams.jsonlines"
    path.write_text("".join(json.dumps(d) + "\n" for d in RAMS_DOCS), encoding="utf-8")
    return path


def test_rams_conflict_event_becomes_an_action_with_mapped_roles(rams_file: Path) -> None:
    attack, meeting = convert_rams(rams_file)
    assert (
        attack.text == "Government warplanes struck a market in Idlib. Rescuers said 12 people were killed."
    )
    (action,) = attack.actions
    assert (action.text, action.type) == ("struck", "air_strike")
    assert {a.role: a.text for a in action.args} == {
        "actor": "Government warplanes",
        "target": "a market",
        "location": "Idlib",
    }
    assert attack.partial_actions and not attack.annotates("date") and attack.origin == "RAMS"
    assert attack.id == "rams:nw_attack1" and attack.split == rams_split("nw_attack1")
    assert meeting.actions == ()  # non-conflict events are dropped by default ...


def test_rams_non_conflict_events_can_be_kept_as_other(rams_file: Path) -> None:
    _, meeting = convert_rams(rams_file, include_other=True)
    (action,) = meeting.actions  # ... or kept as `other`, with the generic place role
    assert (action.type, action.text, action.arg("location").text) == ("other", "met", "Sochi")


def test_rams_mappings() -> None:
    assert rams_event_type("conflict.attack.bombing") == "remote_explosive"
    assert rams_event_type("life.die.deathcausedbyviolentevents") == "attack"
    assert rams_event_type("life.die.nonviolentdeath") is None
    assert rams_event_type("justice.arrestjaildetain.arrestjaildetain") == "arrest"
    assert rams_role("justice.arrestjaildetain.arrestjaildetain", "evt1arg01jailer") == "actor"
    assert rams_role("life.injure.n/a", "evt1arg02victim") == "target"
    assert rams_role("conflict.attack.n/a", "evt1arg03instrument") is None
    assert {rams_split(f"k{i}") for i in range(40)} == {"train", "dev", "test"}
    text, offsets = detokenize(["He", "said", "``", "no", "''", "(", "twice", ")", "."])
    assert text == 'He said "no" (twice).'
    assert [text[s:e] for s, e in offsets][2:5] == ['"', "no", '"']


def test_bad_rams_line_names_it(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonlines"
    path.write_text(
        json.dumps(
            {"doc_key": "x", "sentences": [["a"]], "evt_triggers": [[5, 5, [["conflict.attack.n/a", 1]]]]}
        )
        + "\n"
    )
    with pytest.raises(LabelledDataError, match=r"bad.jsonlines:1: not a RAMS document"):
        convert_rams(path)


LABEL_STUDIO = [
    {
        "id": 41,
        "data": {
            "text": "Regime helicopters dropped barrel bombs on Daraya, killing 9, activists said.",
            "split": "dev",
        },
        "annotations": [
            {"was_cancelled": True, "result": []},
            {
                "result": [
                    {
                        "id": "t",
                        "type": "labels",
                        "value": {"start": 27, "end": 39, "labels": ["air_strike"]},
                    },
                    {"id": "a", "type": "labels", "value": {"start": 0, "end": 18, "labels": ["actor"]}},
                    {"id": "l", "type": "labels", "value": {"start": 43, "end": 49, "labels": ["GPE"]}},
                    {"id": "s", "type": "labels", "value": {"start": 62, "end": 71, "labels": ["source"]}},
                    {"type": "relation", "from_id": "t", "to_id": "a", "labels": []},
                    {"type": "relation", "from_id": "l", "to_id": "t", "labels": ["location"]},
                    {"type": "relation", "from_id": "t", "to_id": "s", "labels": ["attributed_to"]},
                    {"id": "t", "type": "choices", "from_name": "modality", "value": {"choices": ["hedged"]}},
                    {"id": "t", "type": "number", "from_name": "killed", "value": {"number": 9}},
                ]
            },
        ],
    }
]


def test_label_studio_export(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(LABEL_STUDIO), encoding="utf-8")
    assert detect_format(path) == "labelstudio"
    (doc,) = load_documents(path)
    (action,) = doc.actions
    assert (doc.id, doc.split, doc.origin) == ("labelstudio:41", "dev", "labelstudio")
    assert (action.text, action.type, action.killed, action.hedged, action.negated) == (
        "barrel bombs",
        "air_strike",
        9,
        True,
        False,
    )
    assert {a.role: a.text for a in action.args} == {"actor": "Regime helicopters", "location": "Daraya"}
    assert action.attributed_to.text == "activists"
    assert [(e.label, doc.text[e.start : e.end]) for e in doc.entities] == [("GPE", "Daraya")]


def test_label_studio_bad_offsets_are_reported(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(LABEL_STUDIO))
    bad[0]["annotations"][1]["result"][0]["value"]["end"] = 999
    path = tmp_path / "export.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(LabelledDataError, match=r"task 0: .*outside the text"):
        convert_labelstudio(path)


def test_doccano_jsonl(tmp_path: Path) -> None:
    rec = {
        "id": 5,
        "text": "Police arrested two activists in Homs.",
        "entities": [
            {"id": 1, "label": "arrest", "start_offset": 7, "end_offset": 15},
            {"id": 2, "label": "TARGET", "start_offset": 16, "end_offset": 29},
            {"id": 3, "label": "actor", "start_offset": 0, "end_offset": 6},
        ],
        "relations": [
            {"id": 1, "from_id": 1, "to_id": 2, "type": "target"},
            {"id": 2, "from_id": 1, "to_id": 3},
        ],
    }
    path = tmp_path / "doccano.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    assert detect_format(path) == "doccano"
    (doc,) = convert_doccano(path)
    assert doc.id == "doccano:5"
    assert {a.role: a.text for a in doc.actions[0].args} == {"actor": "Police", "target": "two activists"}


def test_load_many_counts_unsplit_documents_as_train(tmp_path: Path, rams_file: Path) -> None:
    labelled = tmp_path / "mine.jsonl"
    labelled.write_text(json.dumps({"id": "m1", "text": "Jets hit Homs.", "actions": []}) + "\n")
    train = load_many([labelled, rams_file], split="train")
    assert "m1" in [d.id for d in train]
    assert all(d.split in (None, "train") for d in train)


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    from claimx.errors import UsageError

    path = tmp_path / "x.jsonl"
    path.write_text('{"foo": 1}\n')
    with pytest.raises(UsageError, match="cannot tell the format"):
        detect_format(path)
