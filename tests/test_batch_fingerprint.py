"""Re-runs over unchanged input load no models: the version is known without loading them."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_fakes import LOADS_FILE_ENV, probing_factory, text_reader, write_articles

from claimx.batch import run_batch
from claimx.batch.fingerprint import installation_fingerprint
from claimx.settings import Settings


def test_fingerprint_changes_with_the_model_folder_only(tmp_path: Path) -> None:
    settings = Settings(models_dir=tmp_path / "models")
    (tmp_path / "models" / "extractor").mkdir(parents=True)
    weights = tmp_path / "models" / "extractor" / "model.safetensors"
    weights.write_bytes(b"v1")
    first = installation_fingerprint(settings)
    assert installation_fingerprint(settings) == first
    weights.write_bytes(b"v2 longer")
    assert installation_fingerprint(settings) != first
    assert installation_fingerprint(settings.with_overrides(rules_only=True)) != installation_fingerprint(
        settings
    )


def test_rerun_with_a_known_version_loads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads = tmp_path / "loads.txt"
    monkeypatch.setenv(LOADS_FILE_ENV, str(loads))
    write_articles(tmp_path / "in", 5)
    out = tmp_path / "claims.jsonl"
    kw = {"workers": 2, "factory": probing_factory, "reader": text_reader, "progress": False}
    first = run_batch([tmp_path / "in"], out, **kw)  # type: ignore[arg-type]
    loaded = len(loads.read_text().splitlines())
    again = run_batch([tmp_path / "in"], out, **kw)  # type: ignore[arg-type]
    assert (again.reused, again.claims) == (5, first.claims)
    assert len(loads.read_text().splitlines()) == loaded
    monkeypatch.setenv("CLAIMX_FAKE_VERSION", "fake-2")
    third = run_batch([tmp_path / "in"], out, **kw)  # type: ignore[arg-type]
    assert third.processed == 5
    assert len(loads.read_text().splitlines()) > loaded


def test_fingerprint_changes_with_the_precision_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(models_dir=tmp_path / "models")
    monkeypatch.setenv("CLAIMX_PRECISION", "fp32")
    fp32 = installation_fingerprint(settings)
    monkeypatch.setenv("CLAIMX_PRECISION", "int8")
    assert installation_fingerprint(settings) != fp32
