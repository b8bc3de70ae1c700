"""`claimx export`: predictions as Label Studio / doccano pre-annotations, corrected, converted back."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app
from claimx.learn.convert_labelstudio import casualty_count, doccano_doc
from claimx.learn.export import (
    accept_predictions,
    doccano_label_types,
    doccano_record,
    labelstudio_config,
    predicted_doc,
    reads_back,
    write_export,
)
from claimx.learn.labelled import LabelledAction, LabelledArg, LabelledDoc, LabelledSpan, load_labelled
from claimx.learn.sources import detect_format, load_documents
from claimx.types import ACTION_TYPES, ROLES, Article, Claim, Frame, Span

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()

TEXT = (
    "Syrian government helicopters reportedly dropped barrel bombs on Daraya on Tuesday, "
    "killing 9 civilians and wounding 30, activists said. "
    "Russian jets did not bomb Homs, the ministry said. "
    "Rebels captured the town after 4 fighters and 3 soldiers died."
)


def at(word: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``word`` in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def arg(role: str, word: str, nth: int = 0) -> LabelledArg:
    return LabelledArg(role, *at(word, nth), word)


def action(word: str, atype: str, *args: LabelledArg, nth: int = 0, **slots: object) -> LabelledAction:
    return LabelledAction(*at(word, nth), word, atype, args=args, **slots)  # type: ignore[arg-type]


DOC = LabelledDoc(
    id="d1",
    text=TEXT,
    split="train",
    source="SANA",
    published="2016-02-25",
    actions=(
        action(
            "barrel bombs",
            "air_strike",
            arg("actor", "Syrian government helicopters"),
            arg("target", "civilians"),
            arg("location", "Daraya"),
            arg("date", "Tuesday"),
            attributed_to=LabelledSpan(*at("activists"), "activists"),
            killed=9,
            injured=30,
            hedged=True,
        ),
        # the same trigger under a second type, as claimx sometimes predicts
        action("barrel bombs", "remote_explosive", arg("location", "Daraya")),
        action(
            "bomb",
            "air_strike",
            arg("actor", "Russian jets"),
            arg("location", "Homs"),
            attributed_to=LabelledSpan(*at("ministry"), "ministry"),
            negated=True,
            nth=1,  # "did not bomb", not "barrel bombs"
        ),
        # location shared with the first action; per-group figures summed (4 + 3)
        action("captured", "territory_seized", arg("actor", "Rebels"), arg("location", "Daraya"), killed=7),
    ),
)


def _export(tmp_path: Path, fmt: str, docs: list[LabelledDoc] | None = None) -> Path:
    path = tmp_path / ("tasks.json" if fmt == "labelstudio" else "doccano.jsonl")
    summary = write_export(docs or [DOC], path, fmt)
    assert summary.not_round_trip == ()
    return path


def _sorted(actions: tuple[LabelledAction, ...] | list[LabelledAction]) -> list[LabelledAction]:
    return sorted(actions, key=lambda a: (a.start, a.end))


def _submit(path: Path, edit: Callable[[list[dict]], None] | None = None) -> Path:
    """What Label Studio exports after an annotator edits the pre-annotations and submits."""
    tasks = [accept_predictions(t) for t in json.loads(path.read_text(encoding="utf-8"))]
    for t in tasks:
        if edit is not None:
            edit(t["annotations"][0]["result"])
    out = path.with_name("ls_export.json")
    out.write_text(json.dumps(tasks), encoding="utf-8")
    return out


def _region_id(result: list[dict], start: int, end: int, label: str) -> str:
    return next(
        r["id"]
        for r in result
        if r.get("type") == "labels"
        and (r["value"]["start"], r["value"]["end"]) == (start, end)
        and r["value"]["labels"] == [label]
    )


# -- Label Studio --------------------------------------------------------------------------------
def test_labelstudio_round_trip_is_lossless(tmp_path: Path) -> None:
    path = _submit(_export(tmp_path, "labelstudio"))
    assert detect_format(path) == "labelstudio"
    (doc,) = load_documents(path)
    assert (doc.id, doc.split, doc.source, doc.published) == ("labelstudio:d1", "train", "SANA", "2016-02-25")
    assert doc.actions == tuple(_sorted(DOC.actions))


def test_labelstudio_corrections_come_back_as_labelled(tmp_path: Path) -> None:
    """The annotator retypes a trigger, fixes a figure, unhedges, drops a wrong argument, adds one."""
    bombs, captured = at("barrel bombs"), at("captured")
    town = at("the town")

    def edit(result: list[dict]) -> None:
        first = _region_id(result, *bombs, "air_strike")
        second = _region_id(result, *bombs, "remote_explosive")
        took = _region_id(result, *captured, "territory_seized")
        homs = _region_id(result, *at("Homs"), "location")
        result[:] = [
            r
            for r in result
            if not (r.get("id") == second or second in (r.get("from_id"), r.get("to_id")))  # not a 2nd event
            and not (r.get("id") == first and r["type"] == "choices")  # not hedged after all
            and homs not in (r.get("id"), r.get("to_id"))  # wrong place
        ]
        for r in result:
            if r.get("id") == first and r["type"] == "number" and r["from_name"] == "killed":
                r["value"]["number"] = 10
            if r.get("id") == took and r["type"] == "labels":
                r["value"]["labels"] = ["armed_clash"]
        result.append(
            {"id": "new", "type": "labels", "from_name": "label", "to_name": "text",
             "value": {"start": town[0], "end": town[1], "labels": ["target"]}}
        )  # fmt: skip
        result.append({"type": "relation", "from_id": took, "to_id": "new", "labels": ["target"]})

    (doc,) = load_documents(_submit(_export(tmp_path, "labelstudio"), edit))
    a1, _, a3, a4 = DOC.actions
    expected = [
        dataclasses.replace(a1, killed=10, hedged=False),
        dataclasses.replace(a3, args=a3.args[:1]),
        dataclasses.replace(
            a4, type="armed_clash", args=(a4.args[0], LabelledArg("target", *town, "the town"), a4.args[1])
        ),
    ]
    assert list(doc.actions) == _sorted(expected)


def test_unsubmitted_tasks_are_skipped(tmp_path: Path) -> None:
    """Pre-annotations nobody submitted are not labels: converting the raw export gives nothing."""
    assert load_documents(_export(tmp_path, "labelstudio")) == []


def test_labelstudio_config_declares_every_label_the_tasks_use(tmp_path: Path) -> None:
    root = ET.fromstring(labelstudio_config())
    labels = {e.get("value") for e in root.iter("Label")}
    relations = {e.get("value") for e in root.iter("Relation")}
    assert set(ACTION_TYPES) | set(ROLES) <= labels
    task = json.loads(_export(tmp_path, "labelstudio").read_text())[0]
    result = task["predictions"][0]["result"]
    assert {r["value"]["labels"][0] for r in result if r["type"] == "labels"} <= labels
    assert {r["labels"][0] for r in result if r["type"] == "relation"} <= relations
    names = {e.get("name") for e in root.iter() if e.get("name")}
    assert {r["from_name"] for r in result if "from_name" in r} <= names


# -- doccano -------------------------------------------------------------------------------------
def test_doccano_round_trip_is_lossless(tmp_path: Path) -> None:
    path = _export(tmp_path, "doccano")
    assert detect_format(path) == "doccano"
    (doc,) = load_documents(path)
    assert (doc.id, doc.split, doc.origin) == ("doccano:d1", "train", "doccano")
    assert doc.actions == tuple(_sorted(DOC.actions))
    rec = json.loads(path.read_text())
    spans = {(e["label"], TEXT[e["start_offset"] : e["end_offset"]]) for e in rec["entities"]}
    assert {("hedged", "reportedly"), ("negated", "not"), ("killed", "4 fighters and 3")} <= spans


def test_doccano_corrections_come_back_as_labelled(tmp_path: Path) -> None:
    """Relabel a relation (actor -> target), mark an action negated, fix a figure's phrase."""
    path = _export(tmp_path, "doccano")
    rec = json.loads(path.read_text())
    ents = {(e["start_offset"], e["end_offset"], e["label"]): e["id"] for e in rec["entities"]}
    rebels = ents[(*at("Rebels"), "actor")]
    took = ents[(*at("captured"), "territory_seized")]
    for r in rec["relations"]:
        if r["to_id"] == rebels:
            r["type"] = "target"
        if r["from_id"] == took and r["type"] == "killed":  # only the fighters count
            r["to_id"] = len(rec["entities"])
    rec["entities"].append(
        {"id": len(rec["entities"]), "label": "killed", "start_offset": at("4 fighters")[0],
         "end_offset": at("4 fighters")[1]}
    )  # fmt: skip
    rec["relations"].append({"id": 99, "from_id": took, "to_id": rebels, "type": "negated"})
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    (doc,) = load_documents(path)
    a4 = DOC.actions[3]
    fixed = dataclasses.replace(
        a4, args=(a4.args[1], dataclasses.replace(a4.args[0], role="target")), killed=4, negated=True
    )
    fixed = dataclasses.replace(fixed, args=tuple(sorted(fixed.args, key=lambda g: ROLES.index(g.role))))
    assert list(doc.actions) == _sorted([*DOC.actions[:3], fixed])


def test_doccano_label_types_cover_the_records(tmp_path: Path) -> None:
    types = doccano_label_types()
    rec = json.loads(_export(tmp_path, "doccano").read_text())
    assert {e["label"] for e in rec["entities"]} <= {t["text"] for t in types["span"]}
    assert {r["type"] for r in rec["relations"]} <= {t["text"] for t in types["relation"]}


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        ("at least 33 civilians were killed", "killed", 33),
        ("killing 12 and wounding 40", "injured", 40),
        ("15 civilians and 27 fighters with another 10 bodies", "killed", 52),
        ("twenty others", "injured", 20),
        ("no causalities were reported", "killed", 0),
        ("since 2015", "killed", None),
    ],
)
def test_casualty_region_figures(text: str, kind: str, count: int | None) -> None:
    assert casualty_count(text, kind) == count


def test_gold_documents_survive_the_round_trip() -> None:
    """Real annotation: every Syria gold action through Label Studio, nearly all through doccano."""
    docs = [d for f in sorted((REPO / "corpus" / "gold" / "syria").glob("*.jsonl")) for d in load_labelled(f)]
    assert all(reads_back(d, "labelstudio") for d in docs)
    lost = 0
    for d in docs:
        back = load_documents_from_record(d)
        lost += sum(a != b for a, b in zip(_sorted(d.actions), _sorted(back.actions), strict=True))
    # a figure no phrase states as such ("a woman and a child" -> 2) has no doccano region
    assert lost <= 0.02 * sum(len(d.actions) for d in docs), lost


def load_documents_from_record(doc: LabelledDoc) -> LabelledDoc:
    return doccano_doc(doccano_record(doc), 1)


# -- claimx's predictions --------------------------------------------------------------------------
def _claim(frame: Frame, **fields: object) -> Claim:
    rec = {
        "action": frame.action.text,
        "action_start": frame.action.start,
        "action_end": frame.action.end,
        "action_type": frame.action_type,
        "sent_start": frame.sent_start,
        "sent_end": frame.sent_end,
        **{role: span.text for role, span in frame.args.items()},
        **fields,
    }
    return Claim.from_record(rec)


def test_predictions_become_a_labelled_document() -> None:
    """Frame spans stay; a context location and the speaker are found in the text."""
    text = "Jets struck Homs on Monday. Shelling killed 4 people, the monitor said. Rebels denied it."
    s1, s2 = (0, 27), (28, 71)
    f1 = Frame(Span(5, 11, "struck"), "air_strike", *s1, {"location": Span(12, 16, "Homs")})
    f2 = Frame(Span(28, 36, "Shelling"), "shelling", *s2, {})
    pairs = [
        (f2, _claim(f2, location="Homs", attributed_to="the monitor", killed=4, hedged=True)),
        (f1, _claim(f1)),
    ]
    art = Article(doc_id="p", text=text, source="X")
    assert predicted_doc(art, pairs).actions[1].arg("location") is None  # context: not by default
    doc = predicted_doc(art, pairs, split="dev", context_args=True)
    first, second = doc.actions
    assert (first.text, first.arg("location").start) == ("struck", 12)
    assert (second.text, second.killed, second.hedged) == ("Shelling", 4, True)
    assert second.arg("location") == LabelledArg("location", 12, 16, "Homs")
    monitor = text.index("the monitor")
    assert second.attributed_to == LabelledSpan(monitor, monitor + 11, "the monitor")
    assert (doc.split, doc.origin, doc.source) == ("dev", "claimx", "X")
    assert reads_back(doc, "labelstudio") and reads_back(doc, "doccano")


# -- the command -----------------------------------------------------------------------------------
def test_export_config_only_writes_the_labelling_setup(tmp_path: Path) -> None:
    xml = tmp_path / "ls.xml"
    result = runner.invoke(app, ["export", "--config", str(xml)])
    assert result.exit_code == 0, result.output
    assert ET.parse(xml).getroot().tag == "View"
    labels = tmp_path / "labels.json"
    result = runner.invoke(app, ["export", "--format", "doccano", "--config", str(labels)])
    assert result.exit_code == 0, result.output
    assert json.loads(labels.read_text()) and json.loads((tmp_path / "labels.relations.json").read_text())


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["export", "{tmp}/missing", "--out", "{tmp}/t.json"], "no such input"),
        (["export", "{tmp}"], "give --out"),
        (["export"], "give articles"),
        (["export", "--config", "{tmp}"], "cannot write"),
    ],
)
def test_bad_export_arguments_are_exit_2(tmp_path: Path, args: list[str], says: str) -> None:
    result = runner.invoke(app, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output


def test_unknown_format_is_one_line_exit_2(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "claimx", "export", str(tmp_path), "--format", "brat"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert proc.returncode == 2 and len(lines) == 1, proc.stderr
    assert lines[0].startswith("claimx: error:") and "--format" in lines[0] and "brat" in lines[0]


@pytest.mark.slow
def test_export_correct_convert_with_the_rules(tmp_path: Path) -> None:
    """The whole loop on a tiny text with the real spaCy model: export, submit, convert."""
    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "a.txt").write_text(
        "Russian jets bombed Talbiseh on Tuesday, killing 12 civilians, the Syrian Observatory said.\n"
    )
    out = tmp_path / "tasks.json"
    result = runner.invoke(app, ["export", str(arts), "--rules-only", "--out", str(out), "--split", "train"])
    assert result.exit_code == 0, result.output
    (doc,) = load_documents(_submit(out))
    (bombed,) = [a for a in doc.actions if a.text == "bombed"]
    assert (bombed.type, bombed.killed, doc.split) == ("air_strike", 12, "train")
    assert bombed.arg("location").text == "Talbiseh"
