"""Inter-annotator agreement on the Syria gold set: first pass vs the second-pass folders.

Every folder under ``corpus/gold/syria/agreement/`` (one per second annotator, e.g.
``agreeE``) holds authoring files in the format of ``corpus/gold/syria/src`` for a
subset of the articles. Both passes are compiled with ``scripts/build_gold.py``; the
first pass is the reference and the second pass is scored as a prediction by claimx's
scorer (``claimx.learn.evaluate.score``), so the numbers mean what they mean there:

- ``action``: triggers match (lenient: spans overlap; exact: identical spans), paired
  one to one; ``action_type``: matched and same type.
- ``actor`` / ``target`` / ``location`` / ``date``: the role's spans overlap (lenient) or
  are identical (exact) on matched actions (exact mode also pairs actions exactly).
- ``attribution`` (text containment / equality), ``killed``, ``injured``, ``negated``,
  ``hedged`` (equal values) on matched actions; only set values count (a flag that is
  false or a figure that is null is neither a hit nor a miss).

F1 is symmetric in the two passes. Cohen's kappa on ``action_type`` is computed over the
leniently matched action pairs.

Usage::

    python scripts/gold_agreement.py [--json OUT] [--fakes CSV] [--exclude UNIT_ID ...]

``--exclude`` leaves articles out of every folder (e.g. a second pass that was not
independent: ``--exclude 1926479005``).

Example:
    >>> cohen_kappa([("a", "a"), ("b", "b"), ("a", "b"), ("b", "b")])
    0.5
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from claimx.learn.evaluate import EvalReport, Prediction, match_actions, score
from claimx.learn.labelled import LabelledDoc
from claimx.types import Claim, Frame, Span

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "corpus" / "gold" / "syria"
ROWS: tuple[str, ...] = (
    "action",
    "action_type",
    "actor",
    "target",
    "location",
    "date",
    "attribution",
    "killed",
    "injured",
    "negated",
    "hedged",
)


def load_build_gold() -> ModuleType:
    """scripts/build_gold.py as a module (imported once, from this file's folder)."""
    if "build_gold" not in sys.modules:
        spec = importlib.util.spec_from_file_location("build_gold", Path(__file__).with_name("build_gold.py"))
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["build_gold"] = module  # dataclasses look their module up while the file runs
        spec.loader.exec_module(module)
    return sys.modules["build_gold"]


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement of one second pass (``name``) with the first pass."""

    name: str
    n_docs: int
    n_actions_1: int
    n_actions_2: int
    report: EvalReport
    kappa: float
    n_matched: int

    def to_json(self) -> dict[str, Any]:
        """The scorer's JSON plus action counts and kappa."""
        out = self.report.to_json()
        out.update(n_actions_1=self.n_actions_1, n_actions_2=self.n_actions_2)
        out.update(type_kappa=round(self.kappa, 4), n_matched=self.n_matched)
        return out


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float:
    """Cohen's kappa of two label sequences given as pairs (1.0 when both are constant and equal).

    >>> cohen_kappa([("x", "x"), ("y", "y")])
    1.0
    """
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def as_predictions(doc: LabelledDoc) -> list[Prediction]:
    """A labelled document's actions as (frame, claim) predictions for the scorer.

    The frames get an empty sentence so that the scorer's sentence fallback never
    pairs actions whose triggers do not overlap.

    >>> doc = LabelledDoc.from_json({"id": "d", "text": "Jets hit Homs.",
    ...     "actions": [{"start": 5, "end": 8, "type": "air_strike", "killed": 3}]})
    >>> frame, claim = as_predictions(doc)[0]
    >>> (frame.action.text, claim.killed)
    ('hit', 3)
    """
    preds: list[Prediction] = []
    for a in doc.actions:
        args = {arg.role: Span(arg.start, arg.end, doc.text[arg.start : arg.end]) for arg in a.args}
        frame = Frame(Span(a.start, a.end, a.text), a.type, a.start, a.start, args)
        claim = Claim.from_record(
            {
                "doc_id": doc.id,
                "action": a.text,
                "action_start": a.start,
                "action_end": a.end,
                "action_type": a.type,
                "attributed_to": None if a.attributed_to is None else a.attributed_to.text,
                "killed": a.killed,
                "injured": a.injured,
                "negated": a.negated,
                "hedged": a.hedged,
            }
        )
        preds.append((frame, claim))
    return preds


def agreement(first: Sequence[LabelledDoc], second: Sequence[LabelledDoc], name: str) -> Agreement:
    """Score ``second`` against ``first`` (documents paired by id; both must hold the same ids)."""
    by_id = {d.id: d for d in second}
    if sorted(by_id) != sorted(d.id for d in first):
        raise ValueError(f"{name}: the two passes do not cover the same documents")
    seconds = [by_id[d.id] for d in first]
    preds = [as_predictions(d) for d in seconds]
    report = score(first, preds, name=name)
    pairs: list[tuple[str, str]] = []
    for doc, other, pred in zip(first, seconds, preds, strict=True):
        for gi, pi in match_actions(doc.actions, [f for f, _ in pred], "lenient"):
            pairs.append((doc.actions[gi].type, other.actions[pi].type))
    return Agreement(
        name=name,
        n_docs=len(first),
        n_actions_1=sum(len(d.actions) for d in first),
        n_actions_2=sum(len(d.actions) for d in seconds),
        report=report,
        kappa=cohen_kappa(pairs),
        n_matched=len(pairs),
    )


Passes = dict[str, tuple[list[LabelledDoc], list[LabelledDoc]]]
"""Per second-pass folder name: (first-pass docs, second-pass docs), in the same order."""


def compile_passes(src: Path, agreement_dir: Path, fakes: Path, exclude: Collection[str] = ()) -> Passes:
    """Per second-pass folder: (first-pass docs, second-pass docs) for the folder's articles.

    Articles whose unit_id is in ``exclude`` are left out; a folder left empty is skipped.
    """
    bg = load_build_gold()
    rows, duplicated = bg.load_fakes(fakes)
    first_specs = {s.unit_id: s for s in bg.load_specs(src)}
    out: Passes = {}
    for folder in sorted(p for p in agreement_dir.iterdir() if p.is_dir()):
        second_specs = [s for s in bg.load_specs(folder) if s.unit_id not in exclude]
        if not second_specs:
            continue
        missing = [s.unit_id for s in second_specs if s.unit_id not in first_specs]
        if missing:
            raise ValueError(f"{folder.name}: articles not in the first pass: {', '.join(missing)}")
        first = [first_specs[s.unit_id] for s in second_specs]
        docs_1 = bg.build_documents(first, rows, duplicated)
        docs_2 = bg.build_documents(second_specs, rows, duplicated)
        out[folder.name] = (
            [LabelledDoc.from_json(d) for d in docs_1],
            [LabelledDoc.from_json(d) for d in docs_2],
        )
    return out


def render_markdown(results: Sequence[Agreement]) -> str:
    """A Markdown table: one row per slot, lenient and exact F1 per second pass.

    >>> render_markdown([]).splitlines()[0]
    '| slot |'
    """
    head = "| slot |" + "".join(f" {r.name} lenient F1 | {r.name} exact F1 |" for r in results)
    lines = [head, "|---|" + "---:|---:|" * len(results)]
    for slot in ROWS:
        cells = ""
        for r in results:
            le, ex = r.report.get(slot, "lenient"), r.report.get(slot, "exact")
            for s in (le, ex):
                shown = s is not None and (s.n_gold or s.n_pred)
                cells += f" {s.f1:.3f} ({s.n_gold}/{s.n_pred}) |" if shown and s is not None else " - |"
        lines.append(f"| {slot} |{cells}")
    kappas = "".join(f" {r.kappa:.3f} (n={r.n_matched}) | |" for r in results)
    lines.append(f"| type kappa (matched) |{kappas}")
    lines.append(
        "| docs / actions 1st / 2nd |"
        + "".join(f" {r.n_docs} / {r.n_actions_1} / {r.n_actions_2} | |" for r in results)
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the agreement table (per folder and all pooled); ``--json OUT`` writes the numbers."""
    bg = load_build_gold()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fakes", type=Path, default=bg.DEFAULT_FAKES, help="FA-KES-Dataset.csv")
    parser.add_argument("--src", type=Path, default=GOLD_DIR / "src", help="first-pass authoring folder")
    parser.add_argument("--agreement", type=Path, default=GOLD_DIR / "agreement", help="second-pass folders")
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="UNIT_ID",
        help="leave this article out (repeatable)",
    )
    opts = parser.parse_args(argv)
    if not opts.fakes.is_file() or not opts.agreement.is_dir():
        print(f"gold_agreement: need {opts.fakes} and the folder {opts.agreement}", file=sys.stderr)
        return 2
    try:
        passes = compile_passes(opts.src, opts.agreement, opts.fakes, set(opts.exclude))
    except (bg.GoldBuildError, ValueError, KeyError) as exc:
        print(f"gold_agreement: {exc}", file=sys.stderr)
        return 1
    results = [agreement(d1, d2, name) for name, (d1, d2) in passes.items()]
    if len(results) > 1:
        pooled_1 = [d for d1, _ in passes.values() for d in d1]
        pooled_2 = [d for _, d2 in passes.values() for d in d2]
        if len({d.id for d in pooled_1}) == len(pooled_1):
            results.append(agreement(pooled_1, pooled_2, "all"))
    if opts.exclude:
        print(f"Excluded: {', '.join(opts.exclude)}")
    print("F1 of the second pass against the first; (n first / n second) per cell.\n")
    print(render_markdown(results))
    if opts.json is not None:
        opts.json.write_text(json.dumps({r.name: r.to_json() for r in results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
