"""Frame finders: the rules, the learned model, and the hybrid (learned frames checked by the rules).

- ``base``: the :class:`FrameFinder` protocol all of them provide
- ``rules``: :class:`~claimx.extract.finders.rules.RuleFrameFinder` (lexicon + dependency rules)
- ``learned``: the LoRA-adapted MiniLM network and its finder (torch, loaded lazily)
- ``hybrid``: learned frames whose arguments the gazetteer and actor table check

:func:`load_finder` picks one from the settings.

Example:
    >>> from claimx.knowledge import Knowledge
    >>> from claimx.settings import Settings
    >>> settings = Settings.from_env().with_overrides(rules_only=True)
    >>> load_finder(settings, Knowledge.from_settings(settings)).name
    'rules'
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported on first use (below), so the light ``learned`` modules stay light
    from claimx.extract.finders.base import FrameFinder
    from claimx.extract.finders.rules import RuleFrameFinder
    from claimx.knowledge import Knowledge
    from claimx.settings import Settings

log = logging.getLogger(__name__)

LEARNED_DIR = "extractor"
"""Folder under the models directory holding the learned frame finder."""

__all__ = ["LEARNED_DIR", "FrameFinder", "RuleFrameFinder", "load_finder"]


def __getattr__(name: str) -> Any:
    """``FrameFinder`` and ``RuleFrameFinder``, imported when first asked for."""
    if name == "FrameFinder":
        from claimx.extract.finders.base import FrameFinder

        return FrameFinder
    if name == "RuleFrameFinder":
        from claimx.extract.finders.rules import RuleFrameFinder

        return RuleFrameFinder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_finder(settings: Settings, knowledge: Knowledge, model_dir: Path | None = None) -> FrameFinder:
    """The frame finder ``settings`` ask for.

    ``model_dir``: that learned model folder (checked by the rules, see ``hybrid``), whatever
    ``settings.rules_only`` says; else ``models/extractor`` unless rules-only (the rules when no
    model is there).
    """
    from claimx.extract.finders.rules import RuleFrameFinder

    if model_dir is None:
        if settings.rules_only:
            return RuleFrameFinder.from_knowledge(knowledge)
        model_dir = Path(settings.models_dir) / LEARNED_DIR
        if not (model_dir / "config.json").is_file():
            log.info("no learned model in %s; using the rules", model_dir)
            return RuleFrameFinder.from_knowledge(knowledge)
    from claimx.extract.finders.hybrid import hybrid_finder
    from claimx.extract.finders.learned.finder import LearnedFrameFinder

    return hybrid_finder(LearnedFrameFinder.load(model_dir, settings.encoder_path), knowledge)
