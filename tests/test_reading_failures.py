"""Bad inputs: each becomes a ReadFailure with a clear one-line reason, never an exception."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimx.errors import UsageError
from claimx.reading import iter_inputs, read_file
from claimx.types import Article, ReadFailure


def _only_failure(path: Path, **kw: int) -> ReadFailure:
    items = read_file(path, **kw)
    assert len(items) == 1 and isinstance(items[0], ReadFailure), items
    failure = items[0]
    assert failure.kind == "error" and "\n" not in failure.reason and failure.path == str(path)
    return failure


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    p = tmp_path / "img.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert _only_failure(p).reason == "binary file (NUL byte at offset 8), not text"


def test_mostly_control_characters_is_binary(tmp_path: Path) -> None:
    p = tmp_path / "ctl.txt"
    p.write_bytes(bytes(range(1, 9)) * 20 + b"abc")
    assert _only_failure(p).reason.startswith("binary file (160 of 163 characters are control characters)")


def test_empty_and_whitespace_only(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    (tmp_path / "w.md").write_bytes(b" \n\t\r\n ")
    (tmp_path / "n.txt").write_text("\u00a0\u2003\n")
    assert _only_failure(tmp_path / "e.txt").reason == "empty file"
    assert _only_failure(tmp_path / "w.md").reason == "file holds only whitespace"
    assert _only_failure(tmp_path / "n.txt").reason == "file holds only whitespace"


def test_not_utf8_names_the_offset(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes("Caf\u00e9 in Homs".encode("latin-1"))
    reason = _only_failure(p).reason
    assert reason == "not valid UTF-8: byte 0xe9 at offset 3 (re-save it as UTF-8)"


def test_utf16_is_named(tmp_path: Path) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes("Jets struck Homs.".encode("utf-16"))
    assert "UTF-16" in _only_failure(p).reason


def test_broken_json(tmp_path: Path) -> None:
    p = tmp_path / "b.json"
    p.write_text('{"text": "Jets struck Homs.",\n "title": }')
    reason = _only_failure(p).reason
    assert reason.startswith("not valid JSON: Expecting value at line 2")


def test_json_scalar_is_not_an_article(tmp_path: Path) -> None:
    p = tmp_path / "s.json"
    p.write_text("42")
    assert _only_failure(p).reason == "JSON holds a int, not an article object"


def test_record_text_not_a_string(tmp_path: Path) -> None:
    p = tmp_path / "t.json"
    p.write_text('{"text": ["a", "b"]}')
    assert _only_failure(p).reason == "the article object: text is a list, not a string"


def test_csv_unterminated_quote_keeps_rows_before(tmp_path: Path) -> None:
    p = tmp_path / "q.csv"
    p.write_bytes(b'id,text\r\n1,"Jets struck Homs."\r\n2,"Jets struck Hama\r\n3,Never read.\r\n')
    items = read_file(p)
    assert [type(x).__name__ for x in items] == ["Article", "ReadFailure"]
    assert isinstance(items[0], Article) and items[0].doc_id == "q:1"
    failure = items[1]
    assert isinstance(failure, ReadFailure) and failure.doc_id == "q:2"
    assert failure.reason == (
        "row 2: a quoted field opened on line 3 never closes; "
        "the rest of the file was skipped (close the quote)"
    )


def test_html_without_main_text(tmp_path: Path) -> None:
    p = tmp_path / "nav.html"
    p.write_text(
        "<html><head><script>var x = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    assert _only_failure(p).reason.startswith("no article text found in the HTML")


def test_oversize_file(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("word " * 100)
    assert _only_failure(p, max_bytes=50).reason == "file is 500 bytes, over the 50 bytes limit (split it)"
    assert isinstance(read_file(p, max_bytes=500)[0], Article)


def test_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Jets struck Homs.")
    (tmp_path / "d" / "up").symlink_to(tmp_path / "d", target_is_directory=True)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    items = list(iter_inputs([tmp_path]))
    kinds = [(type(x).__name__, x.doc_id) for x in items]
    assert kinds == [
        ("Article", "a"),
        ("ReadFailure", "up"),
        ("ReadFailure", "gone"),
        ("ReadFailure", "self"),
    ]
    reasons = [x.reason for x in items if isinstance(x, ReadFailure)]
    assert reasons[0].startswith("symlink loop: leads back to")
    assert reasons[1] == "broken symlink (its target does not exist), skipped"
    assert reasons[2].startswith("symlink loop")


def test_same_file_through_a_symlink_is_a_duplicate(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Jets struck Homs.")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    items = list(iter_inputs([tmp_path]))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], ReadFailure) and items[1].kind == "duplicate"


def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text("Jets struck Homs.")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("permissions are not enforced for this user (root)")
        assert _only_failure(p).reason == "permission denied (make the file readable)"
        [failure] = list(iter_inputs([tmp_path]))
        assert isinstance(failure, ReadFailure)
    finally:
        p.chmod(0o644)


def test_failures_do_not_stop_the_walk(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_bytes(b"\x00\x01")
    (tmp_path / "2.txt").write_text("Jets struck Homs.")
    (tmp_path / "3.json").write_text("{")
    (tmp_path / "4.jsonl").write_text('{"text": "ok"}\nbad\n')
    items = list(iter_inputs([tmp_path]))
    assert [type(x).__name__ for x in items] == [
        "ReadFailure",
        "Article",
        "ReadFailure",
        "Article",
        "ReadFailure",
    ]


def test_usage_errors_for_unusable_arguments(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such input"):
        iter_inputs([tmp_path / "nope"])  # raised at call time, before any iteration
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF")
    with pytest.raises(UsageError, match=r"unsupported input format '\.pdf'"):
        list(iter_inputs([bad]))
    # inside a folder the same file is a failure, not an error
    [failure] = list(iter_inputs([tmp_path]))
    assert isinstance(failure, ReadFailure) and failure.reason.startswith("unsupported format .pdf")


def test_unsupported_without_suffix(tmp_path: Path) -> None:
    (tmp_path / "README").write_text("hi")
    [failure] = list(iter_inputs([tmp_path]))
    assert isinstance(failure, ReadFailure) and failure.reason.startswith("unsupported format (no suffix)")


def test_permission_error_is_a_failure_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "locked.txt"
    p.write_text("Jets struck Homs.")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    assert _only_failure(p).reason == "permission denied (make the file readable)"


def test_claimxignore_skips_matching_files_and_folders(tmp_path: Path) -> None:
    from claimx.reading import iter_inputs

    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "labels.jsonl").write_text('{"text": "not an article"}\n')
    (tmp_path / "notes.md").write_text("Notes to self about jets.")
    (tmp_path / "story.txt").write_text("Jets bombed Homs on Monday.")
    (tmp_path / ".claimxignore").write_text("# labelled data\ngold/\nnotes.md\n")
    got = [a.doc_id for a in iter_inputs([tmp_path])]
    assert got == ["story"]
    (tmp_path / ".claimxignore").unlink()
    assert sorted(a.doc_id for a in iter_inputs([tmp_path])) == ["labels:1", "notes", "story"]
