"""Helpers shared by the CLI command modules.

Example:
    >>> with user_errors():
    ...     pass
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from claimx.errors import ClaimxError, UsageError

if TYPE_CHECKING:
    from claimx.resolve.embed import SentenceEncoder
    from claimx.resolve.io import ResolvedRecords
    from claimx.settings import Settings
    from claimx.types import Claim

ClaimsOption = Annotated[
    Path, typer.Option("--claims", help="Claims file of the gold documents (from batch).")
]
ResolvedOption = Annotated[
    Path | None,
    typer.Option("--resolved", help="Folder written by `claimx resolve` (else resolve the claims now)."),
]
NoEmbeddingsOption = Annotated[bool, typer.Option("--no-embeddings", help="Resolve without embeddings.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")]
RulesOnlyOption = Annotated[bool, typer.Option("--rules-only", help="Use the rules, not the learned models.")]
ModelsOption = Annotated[
    Path | None,
    typer.Option(help="Folder of trained models (default: CLAIMX_MODELS or the bundled ones)."),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        metavar="auto|NAME",
        help="Region packs: auto (each article's countries pick them; default, or CLAIMX_REGION) or a "
        "pack's name forced for every article (syria, ukraine, sudan, yemen, world, or a CLAIMX_DATA pack).",
    ),
]


def extraction_settings(
    models: Path | None = None, rules_only: bool = False, region: str | None = None
) -> Settings:
    """Settings from the environment with the extraction flags; an unknown region is a usage error."""
    from claimx.regions import check_region
    from claimx.settings import Settings

    settings = Settings.from_env().with_overrides(
        models_dir=models, rules_only=rules_only or None, region=region
    )
    check_region(settings.region, settings.data_dir)
    return settings


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a :class:`UsageError` (or any ClaimxError) into one stderr line and exit 2."""
    try:
        yield
    except ClaimxError as exc:
        msg = str(exc).replace("\n", " ")
        print(f"claimx: error: {msg}", file=sys.stderr)
        raise typer.Exit(2) from None


def require_path(path: Path, what: str = "input") -> Path:
    """Raise a UsageError naming ``path`` when it does not exist."""
    if not path.exists():
        raise UsageError(f"no such {what}: {path} (give a file or folder that exists)")
    return path


def sentence_encoder(
    no_embeddings: bool, encoder: Path | None, cache: Path | None, claims: Path | None = None
) -> SentenceEncoder:
    """The resolver's sentence encoder, cached in ``cache`` or the batch's vectors beside ``claims``."""
    from claimx.resolve.embed import SentenceEncoder, batch_vectors_path
    from claimx.settings import Settings

    if no_embeddings:
        return SentenceEncoder.disabled()
    if cache is None and claims is not None and batch_vectors_path(claims).is_file():
        cache = batch_vectors_path(claims)
    settings = Settings.from_env().with_overrides(encoder_path=encoder)
    return SentenceEncoder.from_settings(settings, cache_path=cache)


def claims_and_resolution(
    claims: Path, resolved: Path | None, no_embeddings: bool
) -> tuple[list[Claim], ResolvedRecords]:
    """The claims of ``claims`` and their events, relations and disputes (read, else resolved now)."""
    from claimx.knowledge import Knowledge
    from claimx.output import read_claims
    from claimx.resolve import resolve_claims
    from claimx.resolve.io import ResolvedRecords, read_resolution

    records = read_claims(require_path(claims, "claims file"))
    if resolved is not None:
        return records, read_resolution(require_path(resolved, "resolved folder"))
    encoder = sentence_encoder(no_embeddings, None, None, claims)
    res = resolve_claims(records, encoder, knowledge=Knowledge.from_settings())
    return records, ResolvedRecords(res.events, res.relations, res.disputes)


def print_scores(scores: Any, as_json: bool) -> None:
    """Scores (anything with ``to_record`` and ``to_text``) to stdout, as JSON or text."""
    import json

    sys.stdout.write(json.dumps(scores.to_record(), indent=1) + "\n" if as_json else scores.to_text())
