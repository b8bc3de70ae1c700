"""Predictors for evaluation: the full extractor (rules or a learned model folder) over labelled documents.

Each labelled document's ``text`` is given to :meth:`claimx.extract.Extractor.analyze` uncleaned
(so offsets stay those of the gold file); the frames and the claims built from them are scored.

Example:
    >>> predictor, name = extractor_predictor(model_dir=None, rules_only=True)  # doctest: +SKIP
    >>> predictor([doc])[0][0][1].action_type  # doctest: +SKIP
    'air_strike'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from claimx.errors import UsageError
from claimx.learn.evaluate import Prediction, Predictor
from claimx.learn.labelled import LabelledDoc
from claimx.settings import Settings
from claimx.types import Article


def extractor_predictor(
    model_dir: Path | None, rules_only: bool = False, settings: Settings | None = None
) -> tuple[Predictor, str]:
    """A predictor running the extractor, and a name for reports.

    ``rules_only``: the rules; ``model_dir``: that learned model folder; neither: the default
    extractor (``models/extractor`` when it is there, else the rules).
    """
    if rules_only and model_dir is not None:
        raise UsageError("give either --model or --rules-only, not both")
    if model_dir is not None and not model_dir.is_dir():
        raise UsageError(f"no such model folder: {model_dir} (give a folder written by claimx train)")
    from claimx.extract import Extractor

    settings = (settings or Settings.from_env()).with_overrides(rules_only=rules_only or None)
    extractor = Extractor.load(settings, model_dir=model_dir)
    version = f"{extractor.finder.name} ({extractor.finder.version})"
    name = version if model_dir is None else f"learned {model_dir} ({extractor.finder.version})"

    def predict(docs: Sequence[LabelledDoc]) -> list[list[Prediction]]:
        out: list[list[Prediction]] = []
        for d in docs:
            art = Article(doc_id=d.id, text=d.text, published=d.published, source=d.source)
            out.append(list(extractor.analyze(art, clean=False)))
        return out

    return predict, name
