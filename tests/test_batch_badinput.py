"""Bad input (CONTRACT.md "Failure"): each bad file is listed with its reason, good claims all kept, exit 1.

Uses the real reader (claimx.reading) and the fake extractor; one slow test runs the
real ``claimx batch`` command with the rules over the same folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from batch_fakes import fake_factory

from claimx.batch import BatchResult, run_batch
from claimx.output import read_claims

GOOD = {
    "good1.txt": "Jets struck Homs. At least 12 people were killed in the raid.",
    "good2.json": json.dumps({"id": "g2", "text": "Rebels shelled Aleppo. Three civilians were killed."}),
}

BAD: dict[str, str] = {  # file name -> what its reason must say
    "random.txt": "binary file",
    "empty.txt": "empty file",
    "latin1.txt": "not valid UTF-8",
    "broken.json": "not valid JSON",
    "quote.csv": "never closes",
    "nav.html": "no article text found",
    "huge.txt": "over the",
    "loop.txt": "symlink loop",
    "secret.txt": "permission denied",
}


def _bad_folder(folder: Path) -> Path:
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "random.txt").write_bytes(os.urandom(4096) + b"\x00")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes("Caf\u00e9 in Homs, two were killed.".encode("latin-1"))
    (folder / "broken.json").write_text('{"text": "Jets struck Homs.", "title": }')
    (folder / "quote.csv").write_text('id,text\n1,"Jets struck Hama and one was killed.\n2,Never read.\n')
    (folder / "nav.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><script>x=1</script></body></html>"
    )
    with (folder / "huge.txt").open("wb") as fh:  # 50 MB, sparse: cheap to make
        fh.truncate(50_000_000)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "secret.txt").write_text("Jets struck Idlib; five were killed.")
    (folder / "secret.txt").chmod(0)
    return folder


def _make_secret_unreadable_for_root(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """root reads files whatever their mode: simulate the PermissionError a user would get."""
    if os.access(folder / "secret.txt", os.R_OK):
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)


def _check(result: BatchResult, folder: Path) -> None:
    reasons = {Path(f.path).name: f.reason for f in result.failures}
    assert set(reasons) == set(BAD)
    for name, phrase in BAD.items():
        assert phrase in reasons[name], (name, reasons[name])
    assert result.exit_code == 1
    claims = read_claims(result.out)
    assert {c.doc_id for c in claims} == {"good1", "good2"}
    errors = [json.loads(line) for line in result.errors_path.read_text().splitlines()]
    assert {Path(e["path"]).name: e["reason"] for e in errors if e["kind"] == "error"} == reasons
    assert all(set(e) == {"doc_id", "path", "reason", "kind"} for e in errors)


def test_each_bad_input_is_listed_and_good_claims_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _bad_folder(tmp_path / "in")
    _make_secret_unreadable_for_root(monkeypatch, folder)
    try:
        result = run_batch(
            [folder], tmp_path / "claims.jsonl", workers=1, factory=fake_factory, progress=False
        )
    finally:
        (folder / "secret.txt").chmod(0o644)
    _check(result, folder)
    assert len(read_claims(result.out)) == 2


def test_max_bytes_fails_a_file_over_the_limit(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "small.txt").write_text("One was killed.")
    (tmp_path / "in" / "big.txt").write_text("Two were killed. " * 100)
    out = tmp_path / "c.jsonl"
    result = run_batch(
        [tmp_path / "in"], out, workers=1, factory=fake_factory, max_bytes=1000, progress=False
    )
    assert [(f.doc_id, "over the 1.0 KB limit" in f.reason) for f in result.failures] == [("big", True)]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimx", "batch", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_cli_with_the_real_extractor_over_bad_input(tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path / "in")
    bad = dict(BAD)
    if os.access(folder / "secret.txt", os.R_OK):  # root: the permission case is covered above
        (folder / "secret.txt").unlink()
        del bad["secret.txt"]
    out = tmp_path / "claims.csv"
    proc = _cli(str(folder), "--out", str(out), "--rules-only", "--workers", "1", "--no-progress")
    assert proc.returncode == 1, proc.stderr
    assert f"{len(bad)} failed" in proc.stderr
    for name in bad:
        assert name in proc.stderr
    claims = read_claims(out)
    assert {c.doc_id for c in claims} >= {"good1", "good2"}
    errors = (tmp_path / "claims.errors.jsonl").read_text().splitlines()
    assert len(errors) == len(bad)
