"""run_batch in-process (one worker) with a fake extractor: output, reuse, change, failures, duplicates."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from batch_fakes import LOADS_FILE_ENV, FakeExtractor, fake_factory, text_reader, write_articles

from claimx.batch import BatchResult, run_batch
from claimx.batch.work import ArticleTask, run_chunk
from claimx.errors import UsageError
from claimx.output import read_claims
from claimx.types import Article, ReadFailure


def _run(inp: Path | Sequence[Path], out: Path, **kw: object) -> BatchResult:
    paths = list(inp) if isinstance(inp, Sequence) else [inp]
    return run_batch(paths, out, workers=1, factory=fake_factory, reader=text_reader, progress=False, **kw)


def _expected_claims(folder: Path) -> int:
    return sum(p.read_text().count("killed") for p in folder.glob("*.txt"))


def test_output_holds_every_claim_sorted_by_doc_id(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 7)
    result = _run(tmp_path / "in", tmp_path / "claims.jsonl")
    claims = read_claims(tmp_path / "claims.jsonl")
    assert result.exit_code == 0
    assert result.processed == 7 and result.reused == 0
    assert len(claims) == result.claims == _expected_claims(tmp_path / "in")
    keys = [(c.doc_id, c.action_start) for c in claims]
    assert keys == sorted(keys)
    assert (tmp_path / "claims.errors.jsonl").read_text() == ""


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_other_output_formats(tmp_path: Path, suffix: str) -> None:
    write_articles(tmp_path / "in", 4)
    out = tmp_path / f"claims{suffix}"
    result = _run(tmp_path / "in", out)
    assert len(read_claims(out)) == result.claims == _expected_claims(tmp_path / "in")


def test_rerun_over_unchanged_input_reuses_everything(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 6)
    out = tmp_path / "claims.jsonl"
    _run(tmp_path / "in", out)
    first = out.read_bytes()
    again = _run(tmp_path / "in", out)
    assert (again.processed, again.reused) == (0, 6)
    assert out.read_bytes() == first


def test_changed_article_is_redone_and_its_claims_replaced(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "in", 4)
    out = tmp_path / "claims.jsonl"
    _run(tmp_path / "in", out)
    paths[2].write_text("Rewritten. One was killed here. Another was killed there.", encoding="utf-8")
    again = _run(tmp_path / "in", out)
    assert (again.processed, again.reused) == (1, 3)
    a002 = [c for c in read_claims(out) if c.doc_id == "a002"]
    assert [c.sentence for c in a002] == ["One was killed here.", "Another was killed there."]
    assert len({c.claim_id for c in read_claims(out)}) == again.claims


def test_new_model_version_redoes_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_articles(tmp_path / "in", 3)
    out = tmp_path / "claims.jsonl"
    _run(tmp_path / "in", out)
    monkeypatch.setenv("CLAIMX_FAKE_VERSION", "fake-2")
    again = _run(tmp_path / "in", out)
    assert (again.processed, again.reused) == (3, 0)
    assert len(read_claims(out)) == _expected_claims(tmp_path / "in")


def test_extraction_failure_is_listed_remembered_and_others_kept(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3, extra={"bad.txt": "FAIL. Five were killed."})
    out = tmp_path / "claims.jsonl"
    result = _run(tmp_path / "in", out)
    assert result.exit_code == 1
    assert [(f.doc_id, f.reason) for f in result.failures] == [("bad", "ValueError: cannot parse bad")]
    assert {c.doc_id for c in read_claims(out)} == {"a001", "a002"}
    errors = [json.loads(line) for line in (tmp_path / "claims.errors.jsonl").read_text().splitlines()]
    bad = str(tmp_path / "in" / "bad.txt")
    assert errors == [{"doc_id": "bad", "path": bad, "reason": result.failures[0].reason, "kind": "error"}]
    again = _run(tmp_path / "in", out)
    assert (again.processed, again.exit_code, len(again.failures)) == (0, 1, 1)


def test_read_failures_are_listed_with_reasons(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "latin.txt").write_bytes(b"caf\xe9 killed\xff")
    result = _run(tmp_path / "in", tmp_path / "claims.jsonl")
    assert result.exit_code == 1
    assert {(f.doc_id, f.reason) for f in result.failures} == {
        ("empty", "empty file"),
        ("latin", "not UTF-8 text"),
    }


def _dup_reader(paths: Sequence[Path], *, max_bytes: int) -> Iterator[Article | ReadFailure]:
    a = Article("dup", "One was killed.", path="x.csv")
    yield a
    yield a  # identical record the reader did not flag
    yield ReadFailure("dup", "x.csv", "identical duplicate of row 1", "duplicate")
    yield Article("twin", "Two were killed.", path="x.csv")
    yield Article("twin", "Three were killed. Four were killed.", path="x.csv")  # same id, other text


def test_duplicates_are_skipped_knowingly_and_same_id_other_text_kept(tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    result = run_batch([tmp_path], out, workers=1, factory=fake_factory, reader=_dup_reader, progress=False)
    assert result.exit_code == 0
    assert len(result.duplicates) == 2 and not result.failures
    assert [c.sentence for c in read_claims(out)] == [
        "One was killed.",
        "Two were killed.",
        "Three were killed.",
        "Four were killed.",
    ]
    again = run_batch([tmp_path], out, workers=1, factory=fake_factory, reader=_dup_reader, progress=False)
    assert (again.processed, again.reused, again.claims) == (0, 3, 4)


def _every_file_reader(paths: Sequence[Path], *, max_bytes: int) -> Iterator[Article | ReadFailure]:
    for f in sorted(p for p in paths[0].rglob("*") if p.is_file()):
        if f.suffix == ".txt":
            yield Article(f.stem, f.read_text(), path=str(f))
        else:
            yield ReadFailure(f.stem, str(f), "not an article")


def test_own_output_files_inside_the_input_folder_are_not_read(tmp_path: Path) -> None:
    write_articles(tmp_path, 3)
    out = tmp_path / "claims.jsonl"
    kw = {"workers": 1, "factory": fake_factory, "reader": _every_file_reader, "progress": False}
    first = run_batch([tmp_path], out, **kw)  # type: ignore[arg-type]
    second = run_batch([tmp_path], out, **kw)  # type: ignore[arg-type]
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".txt"]  # output, errors, store are there
    assert (first.articles, first.exit_code) == (second.articles, second.exit_code) == (3, 0)


def test_extractor_loaded_once_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads = tmp_path / "loads.txt"
    monkeypatch.setenv(LOADS_FILE_ENV, str(loads))
    write_articles(tmp_path / "in", 40)
    _run(tmp_path / "in", tmp_path / "claims.jsonl")
    assert len(loads.read_text().splitlines()) == 1


def test_run_chunk_never_lets_one_article_fail_the_others() -> None:
    tasks = [ArticleTask.of(Article(d, t)) for d, t in [("a", "One killed."), ("b", "FAIL"), ("c", "x")]]
    outs = run_chunk(FakeExtractor(), tasks)  # type: ignore[arg-type]
    assert [(o.doc_id, o.ok, len(o.records or ())) for o in outs] == [
        ("a", True, 1),
        ("b", False, 0),
        ("c", True, 0),
    ]


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"out": "claims.txt"}, "unknown output format"),
        ({"engine": "dask"}, "needs --scheduler"),
        ({"scheduler": "tcp://127.0.0.1:1"}, "only used with --engine dask"),
        ({"engine": "spark"}, "unknown engine"),
        ({"workers": 0}, "--workers 0"),
        ({"paths": ["missing"]}, "no such input"),
    ],
)
def test_unusable_arguments(tmp_path: Path, kw: dict[str, object], message: str) -> None:
    paths = [tmp_path / str(p) for p in kw.pop("paths", ["."])]  # type: ignore[attr-defined]
    out = tmp_path / str(kw.pop("out", "claims.jsonl"))
    with pytest.raises(UsageError, match=message):
        run_batch(paths, out, factory=fake_factory, reader=text_reader, **kw)  # type: ignore[arg-type]
