"""claimx's predictions as pre-annotations for Label Studio and doccano: the converters' inverse.

The user corrects claimx's output in an annotation tool and trains on the result
(``claimx export`` -> correct -> ``claimx convert`` / ``claimx train``). The files written here
follow exactly the conventions :mod:`claimx.learn.convert_labelstudio` reads, so a document
exported and converted back keeps its trigger, type, the four roles, attribution, killed /
injured and negated / hedged (its id becomes ``labelstudio:<id>`` / ``doccano:<id>``):

- **Label Studio** (labelling config: :func:`labelstudio_config`): a region per trigger labelled
  with its action type, a region per argument labelled with its role and per attribution
  labelled ``source``, each joined to its trigger by a relation named after the role
  (``attributed_to`` for attribution); killed / injured are per-region numbers and negated /
  hedged per-region choices on the trigger. The regions are the task's ``predictions``, which
  Label Studio shows as pre-annotations; an annotator's submitted copy is what its export holds.
- **doccano** (label types: :func:`doccano_label_types`; the project must allow overlapping
  spans): the same regions and relations as ``entities`` and ``relations``; a casualty figure is
  a region labelled ``killed`` / ``injured`` over the phrase that states it, a flag a region
  labelled ``negated`` / ``hedged`` over its cue word (else the trigger), each joined to the
  trigger by a relation of that name.

Example:
    >>> from claimx.learn.convert_labelstudio import labelstudio_doc
    >>> doc = LabelledDoc.from_json({"id": "d1", "text": "Jets reportedly hit Homs.", "actions": [
    ...     {"start": 16, "end": 19, "type": "air_strike", "hedged": True,
    ...      "args": [{"role": "location", "start": 20, "end": 24}]}]})
    >>> back = labelstudio_doc(accept_predictions(labelstudio_task(doc)))
    >>> back.id, back.actions == doc.actions
    ('labelstudio:d1', True)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimx.errors import ArticleError, UsageError
from claimx.extract.casualties import NUM, Casualty, find_casualties
from claimx.extract.modality import DENIAL_LEMMAS, HEDGE_LEMMAS, HEDGE_WORDS, MODALS, NEGATORS
from claimx.learn.convert_labelstudio import NO_CASUALTIES, casualty_count, doccano_doc, labelstudio_doc
from claimx.learn.labelled import LabelledAction, LabelledArg, LabelledDoc, LabelledSpan
from claimx.types import ACTION_TYPES, ROLES, Article, Claim, Frame

if TYPE_CHECKING:
    from claimx.extract import Extractor

EXPORT_FORMATS: tuple[str, ...] = ("labelstudio", "doccano")
"""What ``claimx export`` writes: a Label Studio JSON task list, or doccano JSONL."""

SOURCE_LABEL = "source"
"""Region label of a claim's attribution (the relation to it is ``attributed_to``)."""

ATTRIBUTION_RELATION = "attributed_to"
FLAGS: tuple[str, ...] = ("negated", "hedged")
COUNTS: tuple[str, ...] = ("killed", "injured")


# -- claimx's predictions as a labelled document ------------------------------------------------
def predicted_doc(
    article: Article,
    pairs: Sequence[tuple[Frame, Claim]],
    *,
    split: str | None = None,
    context_args: bool = False,
) -> LabelledDoc:
    """The labelled document claimx's claims of ``article`` (cleaned; its text) amount to.

    Arguments are the frame's spans (what evaluation scores); the attribution is found in the text
    (in the claim's sentence, else the nearest one before). ``context_args``: also a location or
    date the claim took from its paragraph or lead, found the same way (the guidelines annotate
    those only when the text links them to the event, so they are left out by default).

    >>> from claimx.types import Span
    >>> art = Article(doc_id="a", text="Jets hit Homs. Rebels said 9 were killed.")
    >>> frame = Frame(Span(5, 8, "hit"), "air_strike", 0, 14, {"location": Span(9, 13, "Homs")})
    >>> claim = Claim.from_record({"action_start": 5, "action_end": 8, "action_type": "air_strike",
    ...     "sent_start": 0, "sent_end": 14, "location": "Homs", "attributed_to": "Rebels", "killed": 9})
    >>> a = predicted_doc(art, [(frame, claim)]).actions[0]
    >>> a.arg("location").text, a.attributed_to.start, a.killed
    ('Homs', 15, 9)
    """
    text = article.text
    ordered = sorted(pairs, key=lambda p: (p[1].action_start, p[1].action_end))
    doc = LabelledDoc(
        id=article.doc_id,
        text=text,
        actions=tuple(_predicted_action(text, f, c, context_args) for f, c in ordered),
        source=article.source,
        published=article.published,
        split=split,
        origin="claimx",
    )
    return LabelledDoc.from_json(doc.to_json())  # the loader's span checks


def _predicted_action(text: str, frame: Frame, claim: Claim, context_args: bool) -> LabelledAction:
    args = []
    for role in ROLES:
        span = frame.arg(role)
        if span is not None and 0 <= span.start < span.end <= len(text):
            args.append(LabelledArg(role, span.start, span.end, text[span.start : span.end]))
        elif not context_args or role not in ("location", "date"):
            continue
        elif (said := getattr(claim, role)) and (found := _find(text, said, claim)) is not None:
            args.append(LabelledArg(role, found.start, found.end, found.text))
    att = _find(text, claim.attributed_to, claim) if claim.attributed_to else None
    return LabelledAction(
        start=claim.action_start,
        end=claim.action_end,
        text=text[claim.action_start : claim.action_end],
        type=claim.action_type,
        args=tuple(args),
        attributed_to=att,
        killed=claim.killed,
        injured=claim.injured,
        negated=claim.negated,
        hedged=claim.hedged,
    )


def _find(text: str, needle: str, claim: Claim) -> LabelledSpan | None:
    """``needle`` nearest the trigger in the claim's sentence, else the last one before, else the first."""
    hits = [m.start() for m in re.finditer(re.escape(needle), text)]
    inside = [h for h in hits if claim.sent_start <= h and h + len(needle) <= claim.sent_end]
    before = [h for h in hits if h + len(needle) <= claim.sent_start]
    if inside:
        pick = min(inside, key=lambda h: abs(h - claim.action_start))
    elif before:
        pick = before[-1]
    elif hits:
        pick = hits[0]
    else:
        return None
    return LabelledSpan(pick, pick + len(needle), needle)


def predict_articles(
    articles: Iterable[Article],
    extractor: Extractor,
    *,
    split: str | None = None,
    context_args: bool = False,
) -> Iterator[tuple[Article, LabelledDoc | Exception]]:
    """Each article with claimx's predictions as a labelled document, or the error it raised.

    ``split`` and ``context_args`` are as for :func:`predicted_doc`.

    >>> class NoClaims:  # stands in for claimx.extract.Extractor
    ...     def analyze(self, article, clean=True):
    ...         return []
    >>> [(a.doc_id, d.text) for a, d in predict_articles([Article("a", "Jets hit Homs.")], NoClaims())]
    [('a', 'Jets hit Homs.')]
    """
    from claimx.reading.clean import clean_article

    for art in articles:
        try:
            cleaned = clean_article(art)
            if not cleaned.text.strip():
                raise ArticleError("no text left after cleaning")
            pairs = extractor.analyze(cleaned, clean=False)
            yield art, predicted_doc(cleaned, pairs, split=split, context_args=context_args)
        except Exception as exc:  # one bad article never stops the others
            yield art, exc


# -- regions and relations, shared by both tools -------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Region:
    rid: str
    start: int
    end: int
    label: str


@dataclass(slots=True)
class _Marks:
    """The regions and (trigger id, region id, label) relations one document becomes."""

    regions: list[_Region] = field(default_factory=list)
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    shared: dict[tuple[int, int], str] = field(default_factory=dict)

    def add(self, start: int, end: int, label: str, *, kind: str = "r") -> str:
        """The id of a region for ``[start, end)``; argument-like (``r``) regions of one span are shared.

        ``kind``: ``t`` a trigger, ``e`` an entity (both never shared), ``r`` anything else.
        """
        if kind == "r" and (start, end) in self.shared:
            return self.shared[(start, end)]
        rid = f"{kind}{len(self.regions)}"
        self.regions.append(_Region(rid, start, end, label))
        if kind == "r":
            self.shared[(start, end)] = rid
        return rid


def _marks(doc: LabelledDoc, *, spans_for_extras: bool) -> tuple[_Marks, list[str]]:
    """Regions and relations of ``doc``, and each action's trigger region id.

    ``spans_for_extras`` (doccano): casualty figures and flags become regions with relations.
    """
    marks, trigger_ids = _Marks(), []
    found = find_casualties(doc.text) if spans_for_extras else []
    for a in _sorted_actions(doc):
        tid = marks.add(a.start, a.end, a.type, kind="t")
        trigger_ids.append(tid)
        for g in a.args:
            marks.relations.append((tid, marks.add(g.start, g.end, g.role), g.role))
        if a.attributed_to is not None:
            att = a.attributed_to
            marks.relations.append((tid, marks.add(att.start, att.end, SOURCE_LABEL), ATTRIBUTION_RELATION))
        if spans_for_extras:
            _extra_marks(doc.text, a, tid, marks, found)
    for e in doc.entities:
        marks.add(e.start, e.end, e.label, kind="e")
    return marks, trigger_ids


def _extra_marks(text: str, a: LabelledAction, tid: str, marks: _Marks, found: Sequence[Casualty]) -> None:
    for kind in COUNTS:
        count = getattr(a, kind)
        span = None if count is None else _count_span(text, a, kind, count, found)
        if span is not None:
            marks.relations.append((tid, marks.add(*span, kind), kind))
    for flag in FLAGS:
        if getattr(a, flag):
            s, e = _cue_span(text, a, flag)
            marks.relations.append((tid, marks.add(s, e, flag), flag))


def _sorted_actions(doc: LabelledDoc) -> list[LabelledAction]:
    return sorted(doc.actions, key=lambda a: (a.start, a.end))


def _gap(start: int, end: int, a: LabelledAction) -> int:
    return max(a.start - end, start - a.end, 0)


def _sentence(text: str, a: LabelledAction) -> tuple[int, int]:
    """Rough bounds of the sentence around the trigger (for picking nearby phrases)."""
    lo = max((m.end() for m in re.finditer(r"[.!?]\s+|\n", text[: a.start])), default=0)
    m = re.search(r"[.!?](?:\s|$)|\n", text[a.end :])
    return lo, a.end + m.start() + 1 if m else len(text)


def _count_span(
    text: str, a: LabelledAction, kind: str, count: int, found: Sequence[Casualty]
) -> tuple[int, int] | None:
    """The phrase nearest the trigger that reads back as ``count``, preferring its sentence.

    Candidates: claimx's casualty phrases, single numbers, runs from one number of the
    trigger's sentence to a later one (per-group figures that sum to ``count``), "no casualties".
    """
    lo, hi = _sentence(text, a)
    phrases = [(c.start, c.end) for c in found if c.kind == kind and c.count == count]
    numbers = [m.span() for m in re.finditer(rf"\b{NUM}\b", text, re.IGNORECASE)]
    near = [s for s in numbers if lo <= s[0] < hi][:12]
    runs = [(s[0], t[1]) for i, s in enumerate(near) for t in near[i + 1 :]]
    nones = [m.span() for m in NO_CASUALTIES.finditer(text)] if count == 0 else []
    spans = (*phrases, *numbers, *runs, *nones)
    good = [s for s in spans if casualty_count(text[s[0] : s[1]], kind) == count]
    return min(
        good, key=lambda s: (not lo <= s[0] < hi, s not in phrases, _gap(*s, a), s[1] - s[0]), default=None
    )


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(re.escape(w) for w in words))


_NEGATORS = NEGATORS - {"n't"}
_DENIALS = DENIAL_LEMMAS - {"deny"}
_CUES = {
    "hedged": re.compile(
        rf"\b(?:{_alternation(HEDGE_WORDS | MODALS)}|(?:{_alternation(HEDGE_LEMMAS)})\w*)\b", re.IGNORECASE
    ),
    "negated": re.compile(
        rf"\b(?:{_alternation(_NEGATORS)}|\w+n't|den(?:y|ies|ied|ial)"
        rf"|(?:{_alternation(_DENIALS)})\w*)\b",
        re.IGNORECASE,
    ),
}


def _cue_span(text: str, a: LabelledAction, flag: str) -> tuple[int, int]:
    """The cue word of ``flag`` nearest the trigger in its sentence, else the trigger itself."""
    lo, hi = _sentence(text, a)
    cues = [(lo + m.start(), lo + m.end()) for m in _CUES[flag].finditer(text[lo:hi])]
    return min(cues, key=lambda s: _gap(*s, a), default=(a.start, a.end))


# -- Label Studio -------------------------------------------------------------------------------
def labelstudio_task(doc: LabelledDoc, *, model_version: str = "claimx") -> dict[str, Any]:
    """A Label Studio task: ``data`` (text, id, source, published, split) and ``predictions``.

    >>> doc = LabelledDoc.from_json({"id": "d", "text": "Jets hit Homs.",
    ...     "actions": [{"start": 5, "end": 8, "type": "air_strike", "killed": 2}]})
    >>> [(r["type"], r["from_name"]) for r in labelstudio_task(doc)["predictions"][0]["result"]]
    [('labels', 'label'), ('number', 'killed')]
    """
    marks, trigger_ids = _marks(doc, spans_for_extras=False)
    result: list[dict[str, Any]] = [
        _ls_region(doc.text, r, "label", {"labels": [r.label]}) for r in marks.regions
    ]
    by_id = {r.rid: r for r in marks.regions}
    for tid, a in zip(trigger_ids, _sorted_actions(doc), strict=True):
        chosen = [flag for flag in FLAGS if getattr(a, flag)]
        if chosen:
            result.append(_ls_region(doc.text, by_id[tid], "modality", {"choices": chosen}, "choices"))
        for kind in COUNTS:
            if getattr(a, kind) is not None:
                result.append(_ls_region(doc.text, by_id[tid], kind, {"number": getattr(a, kind)}, "number"))
    result += [
        {"type": "relation", "from_id": t, "to_id": o, "direction": "right", "labels": [label]}
        for t, o, label in marks.relations
    ]
    data = {"text": doc.text, "id": doc.id, "source": doc.source, "published": doc.published}
    if doc.split is not None:
        data["split"] = doc.split
    return {"data": data, "predictions": [{"model_version": model_version, "result": result}]}


def _ls_region(
    text: str, r: _Region, from_name: str, value: Mapping[str, Any], kind: str = "labels"
) -> dict[str, Any]:
    span = {"start": r.start, "end": r.end, "text": text[r.start : r.end]}
    return {
        "id": r.rid,
        "from_name": from_name,
        "to_name": "text",
        "type": kind,
        "value": {**span, **value},
    }


def accept_predictions(task: Mapping[str, Any]) -> dict[str, Any]:
    """The task as Label Studio exports it once an annotator submits its predictions unchanged.

    >>> task = {"data": {"text": "x"}, "predictions": [{"result": [{"id": "t0"}]}]}
    >>> accept_predictions(task)["annotations"]
    [{'result': [{'id': 't0'}], 'was_cancelled': False}]
    """
    result = task["predictions"][0]["result"] if task.get("predictions") else []
    return {**task, "annotations": [{"result": json.loads(json.dumps(result)), "was_cancelled": False}]}


def labelstudio_config() -> str:
    """The Label Studio labelling config (XML) the exported tasks and the converter use.

    >>> import xml.etree.ElementTree as ET
    >>> sorted(e.get("name") for e in ET.fromstring(labelstudio_config()).iter() if e.get("name"))
    ['injured', 'killed', 'label', 'modality', 'text']
    """
    labels = "\n".join(
        f'    <Label value="{v}" background="{_colour(i)}"/>'
        for i, v in enumerate((*ACTION_TYPES, *ROLES, SOURCE_LABEL))
    )
    relations = "\n".join(f'    <Relation value="{v}"/>' for v in (*ROLES, ATTRIBUTION_RELATION))
    return f"""<View>
  <Header value="Triggers by action type; arguments and source joined to their trigger by a relation"/>
  <Labels name="label" toName="text">
{labels}
  </Labels>
  <Text name="text" value="$text"/>
  <Relations>
{relations}
  </Relations>
  <View visibleWhen="region-selected">
    <Header value="Selected trigger: negated / hedged, casualty figures"/>
    <Choices name="modality" toName="text" perRegion="true" choice="multiple">
      <Choice value="negated"/>
      <Choice value="hedged"/>
    </Choices>
    <Number name="killed" toName="text" perRegion="true" min="0"/>
    <Number name="injured" toName="text" perRegion="true" min="0"/>
  </View>
</View>
"""


def _colour(i: int) -> str:
    palette = ("#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4", "#46f0f0", "#f032e6")
    return palette[i % len(palette)]


# -- doccano ------------------------------------------------------------------------------------
def doccano_record(doc: LabelledDoc) -> dict[str, Any]:
    """A doccano JSONL record (sequence labelling with relations) for ``doc``.

    >>> doc = LabelledDoc.from_json({"id": "d", "text": "Jets hit Homs, killing 2.",
    ...     "actions": [{"start": 5, "end": 8, "type": "air_strike", "killed": 2}]})
    >>> rec = doccano_record(doc)
    >>> [(e["label"], doc.text[e["start_offset"]:e["end_offset"]]) for e in rec["entities"]]
    [('air_strike', 'hit'), ('killed', 'killing 2')]
    >>> rec["relations"]
    [{'id': 0, 'from_id': 0, 'to_id': 1, 'type': 'killed'}]
    """
    marks, _ = _marks(doc, spans_for_extras=True)
    num = {r.rid: n for n, r in enumerate(marks.regions)}
    rec: dict[str, Any] = {
        "text": doc.text,
        "doc_id": doc.id,
        "source": doc.source,
        "published": doc.published,
        "entities": [
            {"id": num[r.rid], "label": r.label, "start_offset": r.start, "end_offset": r.end}
            for r in marks.regions
        ],
        "relations": [
            {"id": k, "from_id": num[t], "to_id": num[o], "type": label}
            for k, (t, o, label) in enumerate(marks.relations)
        ],
    }
    if doc.split is not None:
        rec["split"] = doc.split
    return rec


def doccano_label_types() -> dict[str, list[dict[str, Any]]]:
    """doccano's span and relation types for the export (its Labels page imports each list).

    >>> [t["text"] for t in doccano_label_types()["relation"]]
    ['actor', 'target', 'location', 'date', 'attributed_to', 'killed', 'injured', 'negated', 'hedged']
    """

    def types(values: Sequence[str]) -> list[dict[str, Any]]:
        return [
            {"text": v, "suffix_key": None, "background_color": _colour(i), "text_color": "#ffffff"}
            for i, v in enumerate(values)
        ]

    return {
        "span": types((*ACTION_TYPES, *ROLES, SOURCE_LABEL, *COUNTS, *FLAGS)),
        "relation": types((*ROLES, ATTRIBUTION_RELATION, *COUNTS, *FLAGS)),
    }


# -- files --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What :func:`write_export` wrote: documents, actions, and documents that do not read back."""

    documents: int
    actions: int
    not_round_trip: tuple[str, ...] = ()


def reads_back(doc: LabelledDoc, fmt: str, *, model_version: str = "claimx") -> bool:
    """Whether ``doc`` exported as ``fmt`` converts back to the same actions (all slots).

    >>> doc = LabelledDoc.from_json({"id": "d", "text": "Shelling killed a family.",
    ...     "actions": [{"start": 0, "end": 8, "type": "shelling", "killed": 5}]})
    >>> reads_back(doc, "labelstudio"), reads_back(doc, "doccano")  # no phrase says 5
    (True, False)
    """
    if fmt == "labelstudio":
        back = labelstudio_doc(accept_predictions(labelstudio_task(doc, model_version=model_version)))
    else:
        back = doccano_doc(doccano_record(doc), 1)
    return _sorted_actions(back) == _sorted_actions(doc)


def write_export(
    docs: Iterable[LabelledDoc], path: Path, fmt: str, *, model_version: str = "claimx"
) -> ExportSummary:
    """Write ``docs`` as a Label Studio task list (JSON) or doccano JSONL; check each reads back.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "tasks.json"
    >>> write_export([LabelledDoc(id="d", text="Jets hit Homs.")], out, "labelstudio")
    ExportSummary(documents=1, actions=0, not_round_trip=())
    """
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (use {' or '.join(EXPORT_FORMATS)})")
    docs = list(docs)
    if fmt == "labelstudio":
        tasks = [labelstudio_task(d, model_version=model_version) for d in docs]
        _write(path, json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    else:
        _write(path, "".join(json.dumps(doccano_record(d), ensure_ascii=False) + "\n" for d in docs))
    lost = tuple(d.id for d in docs if not reads_back(d, fmt, model_version=model_version))
    return ExportSummary(len(docs), sum(len(d.actions) for d in docs), lost)


def write_config(path: Path, fmt: str) -> list[Path]:
    """Write the tool's labelling setup: Label Studio XML, or doccano span + relation types (JSON).

    doccano's relation types go beside ``path`` as ``<stem>.relations.json``.

    >>> import tempfile
    >>> [p.name for p in write_config(Path(tempfile.mkdtemp()) / "labels.json", "doccano")]
    ['labels.json', 'labels.relations.json']
    """
    if fmt == "labelstudio":
        _write(path, labelstudio_config())
        return [path]
    types = doccano_label_types()
    rel_path = path.with_name(f"{path.stem}.relations.json")
    _write(path, json.dumps(types["span"], indent=1) + "\n")
    _write(rel_path, json.dumps(types["relation"], indent=1) + "\n")
    return [path, rel_path]


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"cannot write {path}: {exc.strerror or exc} (give a file path you can write)"
        ) from None
