"""The labelled-data format (docs/LABELLED_FORMAT.md): frozen records, loading, checking, saving.

One JSON document a line; offsets are ``[start, end)`` character offsets into ``text``.
Besides the documented fields, two optional document fields say what the annotation covers
(the RAMS converter sets both):

- ``partial_actions`` (bool, default false): only some of the text's actions are annotated
  (RAMS: one trigger per document); evaluation then ignores predicted actions that match
  no gold action instead of counting them as false positives.
- ``slots`` (list or null, default null = all): the slots the annotation covers, from
  :data:`SLOTS`; evaluation scores only these.

Example:
    >>> doc = LabelledDoc.from_json({"id": "d1", "text": "Jets struck Homs.",
    ...     "actions": [{"start": 5, "end": 11, "type": "air_strike",
    ...                  "args": [{"role": "location", "start": 12, "end": 16}]}]})
    >>> doc.actions[0].text, doc.actions[0].arg("location").text
    ('struck', 'Homs')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimx.actions import ACTION_TYPES
from claimx.errors import UsageError
from claimx.types import ROLES

CLAIM_SLOTS: tuple[str, ...] = ("attribution", "killed", "injured", "negated", "hedged")
"""Slots that come from the claim built around a frame, not from the frame itself."""

SLOTS: tuple[str, ...] = ("action", "action_type", *ROLES, *CLAIM_SLOTS)
"""Every slot a labelled document can annotate (and evaluation can score)."""

SPLITS: tuple[str, ...] = ("train", "dev", "test", "test2")


class LabelledDataError(UsageError):
    """A labelled file is malformed; the message names the file, line and problem."""


@dataclass(frozen=True, slots=True)
class LabelledSpan:
    """A character span ``[start, end)`` of the document text (e.g. who a claim is attributed to)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class LabelledArg:
    """An argument of an action: a role and the span that fills it."""

    role: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class LabelledEntity:
    """A named-entity span with a spaCy label (``GPE``, ``ORG``, ...)."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class LabelledAction:
    """One annotated event mention: trigger span, action type, arguments and claim slots."""

    start: int
    end: int
    text: str
    type: str
    args: tuple[LabelledArg, ...] = ()
    attributed_to: LabelledSpan | None = None
    killed: int | None = None
    injured: int | None = None
    negated: bool = False
    hedged: bool = False

    def arg(self, role: str) -> LabelledArg | None:
        """The argument filling ``role``, or None."""
        return next((a for a in self.args if a.role == role), None)


@dataclass(frozen=True, slots=True)
class LabelledDoc:
    """One labelled document (a line of a labelled JSONL file)."""

    id: str
    text: str
    actions: tuple[LabelledAction, ...] = ()
    entities: tuple[LabelledEntity, ...] = ()
    source: str | None = None
    published: str | None = None
    split: str | None = None
    origin: str | None = None
    partial_actions: bool = False
    slots: tuple[str, ...] | None = None

    def annotates(self, slot: str) -> bool:
        """Whether the annotation covers ``slot`` (all slots unless ``slots`` says otherwise)."""
        return self.slots is None or slot in self.slots

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> LabelledDoc:
        """Build and check a document from its JSON object; raises ValueError naming the problem."""
        return _doc_from_json(obj)

    def to_json(self) -> dict[str, Any]:
        """The document as a JSON-ready dict in the documented field order."""
        out: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "source": self.source,
            "published": self.published,
            "split": self.split,
            "origin": self.origin,
            "actions": [_action_to_json(a) for a in self.actions],
            "entities": [{"start": e.start, "end": e.end, "label": e.label} for e in self.entities],
        }
        if self.partial_actions:
            out["partial_actions"] = True
        if self.slots is not None:
            out["slots"] = list(self.slots)
        return out


def _action_to_json(a: LabelledAction) -> dict[str, Any]:
    att = a.attributed_to
    return {
        "start": a.start,
        "end": a.end,
        "text": a.text,
        "type": a.type,
        "args": [{"role": g.role, "start": g.start, "end": g.end, "text": g.text} for g in a.args],
        "attributed_to": None if att is None else {"start": att.start, "end": att.end, "text": att.text},
        "killed": a.killed,
        "injured": a.injured,
        "negated": a.negated,
        "hedged": a.hedged,
    }


def _span(text: str, obj: Mapping[str, Any], what: str) -> tuple[int, int, str]:
    """Check a span object against ``text`` and return (start, end, covered text)."""
    try:
        start, end = int(obj["start"]), int(obj["end"])
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"{what} needs integer 'start' and 'end'") from None
    if not 0 <= start < end <= len(text):
        raise ValueError(f"{what} span [{start}, {end}) is outside the text (length {len(text)})")
    covered = text[start:end]
    given = obj.get("text")
    if given is not None and given != covered:
        raise ValueError(f"{what} span [{start}, {end}) is {covered!r} in the text but says {given!r}")
    return start, end, covered


def _optional_int(v: Any, what: str) -> int | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise ValueError(f"{what} must be a non-negative integer or null, not {v!r}")
    return v


def _action_from_json(text: str, obj: Mapping[str, Any], i: int) -> LabelledAction:
    what = f"action {i}"
    start, end, covered = _span(text, obj, what)
    atype = obj.get("type")
    if atype not in ACTION_TYPES:
        raise ValueError(f"{what} has type {atype!r}; use one of {', '.join(ACTION_TYPES)}")
    args: list[LabelledArg] = []
    for j, a in enumerate(obj.get("args") or []):
        role = a.get("role")
        if role not in ROLES:
            raise ValueError(f"{what} argument {j} has role {role!r}; use one of {', '.join(ROLES)}")
        if any(g.role == role for g in args):
            raise ValueError(f"{what} has two '{role}' arguments (keep the one nearest the trigger)")
        s, e, t = _span(text, a, f"{what} argument {j} ({role})")
        args.append(LabelledArg(role, s, e, t))
    att = obj.get("attributed_to")
    attributed = None if att is None else LabelledSpan(*_span(text, att, f"{what} attributed_to"))
    return LabelledAction(
        start=start,
        end=end,
        text=covered,
        type=atype,
        args=tuple(args),
        attributed_to=attributed,
        killed=_optional_int(obj.get("killed"), f"{what} killed"),
        injured=_optional_int(obj.get("injured"), f"{what} injured"),
        negated=bool(obj.get("negated") or False),
        hedged=bool(obj.get("hedged") or False),
    )


def _doc_from_json(obj: Mapping[str, Any]) -> LabelledDoc:
    if not isinstance(obj, Mapping):
        raise ValueError("a line must be a JSON object")
    doc_id, text = obj.get("id"), obj.get("text")
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError("'id' must be a non-empty string")
    if not isinstance(text, str):
        raise ValueError(f"document {doc_id}: 'text' must be a string")
    split = obj.get("split")
    if split is not None and split not in SPLITS:
        raise ValueError(f"document {doc_id}: split {split!r} is not one of {', '.join(SPLITS)}")
    slots = obj.get("slots")
    if slots is not None:
        unknown = [s for s in slots if s not in SLOTS]
        if unknown:
            raise ValueError(f"document {doc_id}: unknown slots {unknown}; use names from {', '.join(SLOTS)}")
    try:
        actions = tuple(_action_from_json(text, a, i) for i, a in enumerate(obj.get("actions") or []))
        entities = tuple(
            LabelledEntity(*_span(text, e, f"entity {k}")[:2], str(e.get("label", "")))
            for k, e in enumerate(obj.get("entities") or [])
        )
    except ValueError as exc:
        raise ValueError(f"document {doc_id}: {exc}") from None
    return LabelledDoc(
        id=doc_id,
        text=text,
        actions=actions,
        entities=entities,
        source=obj.get("source"),
        published=obj.get("published"),
        split=split,
        origin=obj.get("origin"),
        partial_actions=bool(obj.get("partial_actions", False)),
        slots=None if slots is None else tuple(slots),
    )


def iter_labelled(path: Path) -> Iterator[LabelledDoc]:
    """Read a labelled JSONL file lazily; a bad line raises :class:`LabelledDataError` naming it."""
    seen: set[str] = set()
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise LabelledDataError(f"cannot read {path}: {exc.strerror} (give a labelled .jsonl file)") from None
    with fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                doc = LabelledDoc.from_json(json.loads(line))
            except json.JSONDecodeError as exc:
                raise LabelledDataError(
                    f"{path}:{n}: not JSON ({exc.msg}) (one JSON object a line)"
                ) from None
            except ValueError as exc:
                raise LabelledDataError(f"{path}:{n}: {exc} (see docs/LABELLED_FORMAT.md)") from None
            if doc.id in seen:
                raise LabelledDataError(f"{path}:{n}: duplicate id {doc.id!r} (ids must be unique)")
            seen.add(doc.id)
            yield doc


def load_labelled(path: Path, split: str | None = None) -> list[LabelledDoc]:
    """All documents of a labelled JSONL file, optionally only those of one ``split``.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "g.jsonl"
    >>> save_labelled([LabelledDoc(id="a", text="x", split="dev")], p)
    >>> [d.id for d in load_labelled(p, split="dev")], load_labelled(p, split="test")
    (['a'], [])
    """
    return [d for d in iter_labelled(path) if split is None or d.split == split]


def save_labelled(docs: Iterable[LabelledDoc], path: Path) -> None:
    """Write documents as labelled JSONL (UTF-8, one document a line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d.to_json(), ensure_ascii=False) + "\n")
