"""``--region``: checked before anything runs, forced or auto, and part of the batch fingerprint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.batch.fingerprint import installation_fingerprint
from claimx.cli import app
from claimx.settings import Settings

runner = CliRunner()
SUDAN = "RSF fighters attacked El Fasher in North Darfur on Monday, killing 10 civilians.\n"


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "{f}", "--region", "mars"],
        ["batch", "{d}", "--out", "{d}/claims.jsonl", "--region", "mars"],
        ["evaluate", "extraction", "{f}", "--region", "mars"],
    ],
)
def test_unknown_region_is_one_line_exit_2(tmp_path: Path, args: list[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text(SUDAN)
    result = runner.invoke(app, [a.format(f=f, d=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    lines = [x for x in result.output.splitlines() if x.strip()]
    known = "auto, syria, ukraine, sudan, yemen, world"
    assert lines == [f"claimx: error: unknown region 'mars' (known: {known})"]


def test_region_is_part_of_the_batch_fingerprint(tmp_path: Path) -> None:
    settings = Settings(models_dir=tmp_path / "models")
    auto = installation_fingerprint(settings)
    assert installation_fingerprint(settings.with_overrides(region="sudan")) != auto
    assert installation_fingerprint(settings.with_overrides(region="auto")) == auto


def test_user_packs_are_part_of_the_batch_fingerprint(tmp_path: Path) -> None:
    pack = tmp_path / "packs" / "atlantis"
    pack.mkdir(parents=True)
    (pack / "pack.toml").write_text('name = "atlantis"\n', encoding="utf-8")
    settings = Settings(models_dir=tmp_path / "models", data_dir=tmp_path / "packs")
    before = installation_fingerprint(settings)
    (pack / "pack.toml").write_text('name = "atlantis"\ncountries = ["NZ"]\n', encoding="utf-8")
    assert installation_fingerprint(settings) != before


@pytest.mark.slow
def test_auto_reads_a_sudan_article_with_the_sudan_pack(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(SUDAN)

    def actors(*region: str) -> list[str | None]:
        result = runner.invoke(app, ["extract", str(f), "--rules-only", "--format", "jsonl", *region])
        assert result.exit_code == 0, result.output
        return [json.loads(line)["actor_norm"] for line in result.output.splitlines() if line.strip()]

    assert actors() == ["Rapid Support Forces"]
    assert actors("--region", "sudan") == ["Rapid Support Forces"]
    assert actors("--region", "syria") == [None], "Syria's pack does not know the RSF"
