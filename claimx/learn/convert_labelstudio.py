"""Annotation-tool exports -> claimx labelled documents: Label Studio JSON and doccano JSONL.

Both tools give labelled regions (spans) and relations between them; the conventions are:

- a region labelled with an action type (``air_strike``, ``shelling``, ... ``arrest``; case and
  ``-``/space are ignored) is an action trigger;
- a relation between a trigger and another region makes that region an argument; its role is the
  relation's label when that is a role (``actor``, ``target``, ``location``, ``date``), else the
  region's own label (``ACTOR`` ... ``DATE``); a relation labelled ``attributed_to`` (or ``source``)
  gives the claim's attribution, ``killed`` / ``injured`` a casualty figure (the figure the
  region states, ``at least 33 civilians were killed`` -> 33, per-group figures summed: see
  :func:`casualty_count`), ``negated`` / ``hedged`` sets that flag (doccano has no per-region
  choices);
- per-region controls on a trigger (Label Studio ``perRegion``): choices ``negated`` / ``hedged``,
  numbers named ``killed`` / ``injured``;
- regions with spaCy NER labels, in capitals (``GPE``, ``LOC``, ``ORG``, ``NORP``, ``PERSON``,
  ``DATE``, ``FAC``), also become ``entities`` (a region labelled with the role ``date`` does not);
- Label Studio: the first annotation of a task that is not cancelled is used, and a task with none
  (not yet submitted, or only pre-annotations) is skipped; the document id is
  ``labelstudio:<data.id or task id>``; ``data.split`` / ``data.source`` / ``data.published`` are kept.

``claimx export`` (:mod:`claimx.learn.export`) writes the inverse of this.

A Label Studio labelling config that produces this::

    <View>
      <Labels name="label" toName="text">
        <Label value="air_strike"/><Label value="shelling"/><Label value="attack"/> ...
        <Label value="actor"/><Label value="target"/><Label value="location"/><Label value="date"/>
        <Label value="source"/>
      </Labels>
      <Text name="text" value="$text"/>
      <Relations><Relation value="actor"/><Relation value="target"/><Relation value="location"/>
        <Relation value="date"/><Relation value="attributed_to"/></Relations>
      <Choices name="modality" toName="text" perRegion="true" choice="multiple">
        <Choice value="negated"/><Choice value="hedged"/></Choices>
      <Number name="killed" toName="text" perRegion="true"/>
      <Number name="injured" toName="text" perRegion="true"/>
    </View>

Example:
    >>> task = {"id": 7, "data": {"text": "Jets hit Homs."}, "annotations": [{"result": [
    ...     {"id": "a", "type": "labels", "value": {"start": 5, "end": 8, "labels": ["air_strike"]}},
    ...     {"id": "b", "type": "labels", "value": {"start": 9, "end": 13, "labels": ["location"]}},
    ...     {"type": "relation", "from_id": "a", "to_id": "b", "labels": []}]}]}
    >>> doc = labelstudio_doc(task)
    >>> doc.id, doc.actions[0].type, doc.actions[0].arg("location").text
    ('labelstudio:7', 'air_strike', 'Homs')
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimx.actions import ACTION_TYPES
from claimx.learn.labelled import (
    LabelledAction,
    LabelledArg,
    LabelledDataError,
    LabelledDoc,
    LabelledEntity,
    LabelledSpan,
)
from claimx.types import ROLES

log = logging.getLogger(__name__)

NER_LABELS = frozenset({"GPE", "LOC", "ORG", "NORP", "PERSON", "DATE", "FAC", "TIME", "EVENT"})
ATTRIBUTION_LABELS = frozenset({"attributed_to", "attribution", "source"})
CASUALTY_LABELS = frozenset({"killed", "injured"})
MODALITY_LABELS = frozenset({"negated", "hedged"})


def _key(label: str) -> str:
    return re.sub(r"[\s-]+", "_", label.strip().lower())


@dataclass
class Region:
    """A labelled span of an annotation-tool export, with per-region extras (choices, numbers)."""

    start: int
    end: int
    label: str
    extras: dict[str, Any] = field(default_factory=dict)


def casualty_count(text: str, kind: str) -> int | None:
    """The ``kind`` (killed / injured) figure a casualty region states.

    When the region states figures of both kinds, the one of ``kind``; else the sum of the numbers
    it holds, digits or words ("37 soldiers and 101 militants" -> 138, as the guidelines sum
    per-group figures; years are not numbers here); else a figure claimx's casualty patterns
    read in it; else 0 for "no casualties" / "no injuries".

    >>> casualty_count("killing 12 and wounding 40", "injured"), casualty_count("nine people", "killed")
    (40, 9)
    >>> casualty_count("37 troops and 101 militants died", "killed"), casualty_count("no injuries", "injured")
    (138, 0)
    """
    from claimx.extract.casualties import NUM, find_casualties, parse_number

    found = find_casualties(text)
    if {c.kind for c in found} == {"killed", "injured"}:
        return next(c.count for c in found if c.kind == kind)
    numbers = [
        n
        for m in re.finditer(rf"\b{NUM}\b", text, re.IGNORECASE)
        if (n := parse_number(m.group("num"))) is not None
        and not (1900 <= n <= 2100 and "," not in m.group())
    ]
    if numbers:
        return sum(numbers)
    stated = [c.count for c in found if c.kind == kind]
    return stated[0] if stated else (0 if NO_CASUALTIES.search(text) else None)


NO_CASUALTIES = re.compile(
    r"\bno\s+(?:\w+\s+)?(?:casualt|causalit|injur|death|fatalit|victim|dead)\w*", re.IGNORECASE
)
"""A figure of 0: "no casualties", "no civilian deaths", "no injuries"."""


def build_doc(
    doc_id: str,
    text: str,
    regions: Mapping[str, Region],
    relations: Iterable[tuple[str, str, str]],
    *,
    meta: Mapping[str, Any] | None = None,
    origin: str = "labelstudio",
) -> LabelledDoc:
    """A labelled document from regions (id -> span + label) and relations (from id, to id, label)."""
    meta = meta or {}
    triggers = {rid: r for rid, r in regions.items() if _key(r.label) in ACTION_TYPES}
    links: dict[str, dict[str, list[Region]]] = {rid: {} for rid in triggers}
    for a, b, label in relations:
        if a in triggers and b in regions and b not in triggers:
            trig, other = a, regions[b]
        elif b in triggers and a in regions and a not in triggers:
            trig, other = b, regions[a]
        else:
            continue
        role = _key(label) if label else _key(other.label)
        if role not in {*ROLES, *ATTRIBUTION_LABELS, *CASUALTY_LABELS, *MODALITY_LABELS}:
            role = _key(other.label)
        links[trig].setdefault(role, []).append(other)
    actions = []
    for rid, trig in sorted(triggers.items(), key=lambda kv: (kv[1].start, kv[1].end)):
        by_role = links[rid]

        def nearest(
            role: str, trig: Region = trig, by_role: dict[str, list[Region]] = by_role
        ) -> Region | None:
            cands = [r for key, rs in by_role.items() if key == role for r in rs]
            return min(
                cands, key=lambda r: min(abs(r.start - trig.end), abs(trig.start - r.end)), default=None
            )

        args = tuple(
            LabelledArg(role, r.start, r.end, text[r.start : r.end])
            for role in ROLES
            if (r := nearest(role)) is not None
        )
        att = next((r for key in ATTRIBUTION_LABELS if (r := nearest(key)) is not None), None)
        counts = {k: trig.extras.get(k) for k in CASUALTY_LABELS}
        for k in CASUALTY_LABELS:
            if counts[k] is None and (r := nearest(k)) is not None:
                counts[k] = casualty_count(text[r.start : r.end], k)
        choices = {_key(c) for c in trig.extras.get("choices", [])}
        actions.append(
            LabelledAction(
                start=trig.start,
                end=trig.end,
                text=text[trig.start : trig.end],
                type=_key(trig.label),
                args=args,
                attributed_to=None
                if att is None
                else LabelledSpan(att.start, att.end, text[att.start : att.end]),
                killed=None if counts["killed"] is None else int(counts["killed"]),
                injured=None if counts["injured"] is None else int(counts["injured"]),
                negated="negated" in choices or "negated" in by_role,
                hedged="hedged" in choices or "hedged" in by_role,
            )
        )
    entities = tuple(
        LabelledEntity(r.start, r.end, r.label.upper())
        for r in sorted(regions.values(), key=lambda r: (r.start, r.end))
        if r.label in NER_LABELS
    )
    # round-trip through the checker so offsets are validated the same way as for JSONL files
    doc = LabelledDoc(
        id=doc_id,
        text=text,
        actions=tuple(actions),
        entities=entities,
        source=meta.get("source"),
        published=meta.get("published"),
        split=meta.get("split"),
        origin=origin,
    )
    return LabelledDoc.from_json(doc.to_json())


def labelstudio_doc(task: Mapping[str, Any]) -> LabelledDoc:
    """Convert one Label Studio task (with its annotations) to a labelled document."""
    data = task.get("data") or {}
    text = data.get("text")
    if not isinstance(text, str):
        text = next((v for v in data.values() if isinstance(v, str) and len(v) > 20), None)
    if text is None:
        raise ValueError("task has no text in 'data'")
    annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    results: Sequence[Mapping[str, Any]] = annotations[0].get("result", []) if annotations else []
    regions: dict[str, Region] = {}
    extras: dict[str, dict[str, Any]] = {}
    relations: list[tuple[str, str, str]] = []
    for r in results:
        kind, value, rid = r.get("type"), r.get("value") or {}, str(r.get("id", ""))
        if kind == "relation":
            labels = r.get("labels") or []
            relations.append((str(r["from_id"]), str(r["to_id"]), labels[0] if labels else ""))
        elif value.get("labels") and "start" in value:
            regions[rid] = Region(int(value["start"]), int(value["end"]), str(value["labels"][0]))
        elif kind == "choices":
            extras.setdefault(rid, {}).setdefault("choices", []).extend(value.get("choices", []))
        elif kind == "number" and _key(str(r.get("from_name", ""))) in CASUALTY_LABELS:
            extras.setdefault(rid, {})[_key(str(r["from_name"]))] = value.get("number")
    for rid, ex in extras.items():
        if rid in regions:
            regions[rid].extras.update(ex)
    doc_id = f"labelstudio:{data.get('id', task.get('id'))}"
    return build_doc(doc_id, text, regions, relations, meta=data)


def doccano_doc(obj: Mapping[str, Any], n: int) -> LabelledDoc:
    """Convert one doccano JSONL record (``entities`` + ``relations``, or old-style ``label`` triples).

    The document id is ``doccano:<doc_id>`` (as ``claimx export`` writes it), else ``doccano:<id>``
    (doccano's own), else the line number ``n``.
    """
    text = obj["text"]
    regions: dict[str, Region] = {}
    for e in obj.get("entities") or []:
        regions[str(e["id"])] = Region(int(e["start_offset"]), int(e["end_offset"]), str(e["label"]))
    for k, triple in enumerate(obj.get("label") or []):
        if isinstance(triple, list) and len(triple) == 3:
            regions[f"old{k}"] = Region(int(triple[0]), int(triple[1]), str(triple[2]))
    relations = [
        (str(r["from_id"]), str(r["to_id"]), str(r.get("type", ""))) for r in obj.get("relations") or []
    ]
    doc_id = f"doccano:{obj.get('doc_id', obj.get('id', n))}"
    return build_doc(doc_id, text, regions, relations, meta=obj, origin="doccano")


def convert_labelstudio(path: Path) -> list[LabelledDoc]:
    """Convert a Label Studio JSON export (a list of tasks) to labelled documents."""
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LabelledDataError(f"{path}: not JSON ({exc.msg}) (give a Label Studio JSON export)") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    docs, skipped = [], 0
    for i, task in enumerate(tasks):
        if not _submitted(task):
            skipped += 1
            continue
        try:
            docs.append(labelstudio_doc(task))
        except (KeyError, TypeError, ValueError) as exc:
            raise LabelledDataError(
                f"{path}: task {i}: {exc} (see claimx.learn.convert_labelstudio)"
            ) from None
    if skipped:
        log.warning("%s: skipped %d of %d tasks with no submitted annotation", path, skipped, len(tasks))
    return docs


def _submitted(task: Any) -> bool:
    """Whether a Label Studio task has an annotation that is not cancelled."""
    annotations = task.get("annotations") if isinstance(task, Mapping) else None
    return any(isinstance(a, Mapping) and not a.get("was_cancelled") for a in annotations or [])


def convert_doccano(path: Path) -> list[LabelledDoc]:
    """Convert a doccano JSONL export (sequence labelling with relations) to labelled documents."""
    docs = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                docs.append(doccano_doc(json.loads(line), n))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise LabelledDataError(f"{path}:{n}: {exc} (give a doccano JSONL export)") from None
    return docs
