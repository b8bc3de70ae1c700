"""Walking inputs: paths -> Articles (raw text) and ReadFailures, in a deterministic order.

Folders are walked recursively, entries sorted by name; hidden files and folders and
``*.meta.json`` sidecars are skipped. Every other file gives Articles or
ReadFailures, never an exception and never silence: unsupported suffix, symlink
loop, broken symlink, permission denied, over ``max_bytes``, empty, binary, not
UTF-8 (a BOM is fine), plus the per-format failures of :mod:`claimx.reading.formats`.

Sidecars: for a one-article file ``X.txt`` (or ``.md``, ``.html``, a one-object
``.json``), ``X.meta.json`` beside it may give ``source``, ``published``, ``title``,
``url``; they fill only what the file itself lacks. A sidecar that is not a JSON
object makes the article a failure (fix or remove the sidecar).

Across files, a doc_id seen before (``a/x.txt`` and ``b/x.txt``) is handled like a
duplicate record: same text -> ``ReadFailure(kind="duplicate")``, different text ->
``doc_id~N``. The same file reached twice (a symlink) is a duplicate too.

Example:
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text("Jets hit Homs.")
    >>> [x.doc_id for x in iter_inputs([d])]
    ['a']
"""

from __future__ import annotations

import errno
import fnmatch
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from claimx.errors import UsageError
from claimx.reading.dateline import parse_date_value
from claimx.reading.formats import ONE_ARTICLE_FORMATS, PARSERS, SUPPORTED_SUFFIXES
from claimx.types import Article, ReadFailure

DEFAULT_MAX_BYTES = 20_000_000
SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = ("source", "published", "title", "url")
MAX_CONTROL_RATIO = 0.10
"""Text whose share of control characters (other than tab/newline/CR/FF) is above this is binary."""

_SUPPORTED_LIST = " ".join(SUPPORTED_SUFFIXES)


def _fail(path: Path, reason: str, kind: str = "error") -> ReadFailure:
    name = path.name[: -len(SIDECAR_SUFFIX)] if path.name.endswith(SIDECAR_SUFFIX) else path.stem
    return ReadFailure(doc_id=name or path.name, path=str(path), reason=reason, kind=kind)  # type: ignore[arg-type]


def _human(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    return f"{n} bytes"


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str | ReadFailure:
    """The file's text (strict UTF-8, BOM dropped), or a ReadFailure saying why not.

    Example:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "b.txt"; _ = p.write_bytes(b"caf\\xe9")
        >>> read_text(p).reason
        'not valid UTF-8: byte 0xe9 at offset 3 (re-save it as UTF-8)'
    """
    data = _read_bytes(path, max_bytes)
    if isinstance(data, ReadFailure):
        return data
    return decode_text(data, path)


def _read_bytes(path: Path, max_bytes: int) -> bytes | ReadFailure:
    """The file's bytes, or why they cannot be read (too big, no permission, a link loop)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _fail(path, f"file is {_human(size)}, over the {_human(max_bytes)} limit (split it)")
        data = path.read_bytes()
    except PermissionError:
        return _fail(path, "permission denied (make the file readable)")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _fail(path, "symlink loop (the link points back to itself)")
        return _fail(path, f"cannot read the file ({exc.strerror or exc})")
    if len(data) > max_bytes:
        return _fail(path, f"file is over the {_human(max_bytes)} limit (split it)")
    return data


def decode_text(data: bytes, path: Path) -> str | ReadFailure:
    """``data`` as text (strict UTF-8, BOM dropped), or a ReadFailure naming ``path`` and why not.

    Example:
        >>> decode_text(b"\\xef\\xbb\\xbfJets hit Homs.", Path("a.txt"))
        'Jets hit Homs.'
        >>> decode_text(b"a\\x00b", Path("a.txt")).reason
        'binary file (NUL byte at offset 1), not text'
    """
    if not data.strip():
        return _fail(path, "empty file" if not data else "file holds only whitespace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _fail(path, "UTF-16 text, not UTF-8 (re-save the file as UTF-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        return _fail(path, f"binary file (NUL byte at offset {nul}), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _fail(
            path,
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} (re-save it as UTF-8)",
        )
    controls = sum(1 for c in text if (c < " " and c not in "\t\n\r\f") or c == "\x7f")
    if controls > MAX_CONTROL_RATIO * len(text):
        return _fail(
            path, f"binary file ({controls} of {len(text)} characters are control characters), not text"
        )
    if not text.strip():
        return _fail(path, "file holds only whitespace")
    return text


def sniff_format(text: str) -> str:
    """The suffix of the format ``text`` looks like (for standard input, which has no name).

    >>> [sniff_format(t) for t in ("<html><p>x</p>", '{"text": "x"}', '{"text": "a"}\\n{"text": "b"}',
    ...                             "id,text\\n1,Jets hit Homs.", "Jets hit Homs.")]
    ['.html', '.json', '.jsonl', '.csv', '.txt']
    """
    head = text.lstrip()[:1]
    if head == "<":
        return ".html"
    if head in "[{" and head:
        try:
            json.loads(text)
            return ".json"
        except json.JSONDecodeError:
            return ".jsonl" if head == "{" else ".json"
    first = text.lstrip().split("\n", 1)[0].lower()
    columns = {c.strip().strip('"') for c in first.split(",")}
    if "," in first and columns & {"text", "article_content"}:
        return ".csv"
    return ".txt"


def read_stream(data: bytes, fmt: str | None = None, *, name: str = "stdin") -> list[Article | ReadFailure]:
    """The articles of bytes read from a stream (``claimx extract -``); ``fmt`` is a suffix or sniffed.

    The articles' doc_id is ``name`` (``stdin``, or ``stdin:ID`` for records).

    Example:
        >>> [(a.doc_id, a.text) for a in read_stream(b"Jets hit Homs.")]
        [('stdin', 'Jets hit Homs.')]
    """
    suffix = None if fmt is None else "." + fmt.lower().lstrip(".")
    if suffix is not None and suffix not in PARSERS:
        raise UsageError(f"unknown input format '{fmt}' (use one of {_SUPPORTED_LIST})")
    text = decode_text(data, Path(name))
    if isinstance(text, ReadFailure):
        return [text]
    suffix = suffix or sniff_format(text)
    return PARSERS[suffix](Path(name + suffix), text)


def _apply_sidecar(article: Article, path: Path) -> Article | ReadFailure:
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return article
    text = read_text(sidecar, max_bytes=1_000_000)
    if isinstance(text, ReadFailure):
        return _fail(path, f"sidecar {sidecar.name}: {text.reason}")
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as exc:
        return _fail(
            path,
            f"sidecar {sidecar.name} is not valid JSON ({exc.msg} at line {exc.lineno}); fix or remove it",
        )
    if not isinstance(meta, dict):
        return _fail(path, f"sidecar {sidecar.name} is not a JSON object; fix or remove it")
    fill: dict[str, str] = {}
    for key in SIDECAR_FIELDS:
        value = meta.get(key)
        if getattr(article, key) is None and isinstance(value, str) and value.strip():
            fill[key] = parse_date_value(value) if key == "published" else value.strip()
    fill = {k: v for k, v in fill.items() if v}
    return replace(article, **fill) if fill else article


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | ReadFailure]:
    """All articles of one file (raw text) and the failures met reading it.

    A file with an unsupported suffix gives one ReadFailure here (iter_inputs raises a
    UsageError instead when such a file is named explicitly).

    Example:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "x.csv"; _ = p.write_text("id,text\\n1,Jets hit Homs.\\n")
        >>> [a.doc_id for a in read_file(p)]
        ['x:1']
    """
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        return [
            _fail(path, f"unsupported format {path.suffix or '(no suffix)'} (claimx reads {_SUPPORTED_LIST})")
        ]
    text = read_text(path, max_bytes=max_bytes)
    if isinstance(text, ReadFailure):
        return [text]
    items = parser(path, text)
    first = items[0] if len(items) == 1 else None
    if isinstance(first, Article) and first.fmt in ONE_ARTICLE_FORMATS and first.doc_id == path.stem:
        items = [_apply_sidecar(first, path)]
    return items


IGNORE_FILE = ".claimxignore"
"""A file of glob patterns (one a line, ``#`` comments, ``dir/`` for folders) a walk skips."""


def _ignore_rules(folder: Path, inherited: tuple[tuple[Path, tuple[str, ...]], ...]):
    """The ignore rules in force inside ``folder``: inherited ones plus its own .claimxignore."""
    own = folder / IGNORE_FILE
    if not own.is_file():
        return inherited
    try:
        lines = own.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return inherited
    pats = tuple(x.strip() for x in lines if x.strip() and not x.strip().startswith("#"))
    return (*inherited, (folder, pats))


def _ignored(path: Path, is_dir: bool, rules: tuple[tuple[Path, tuple[str, ...]], ...]) -> bool:
    """True when a .claimxignore pattern matches ``path`` (by name or by path below the rule's folder).

    >>> _ignored(Path("/c/gold/a.jsonl"), False, ((Path("/c"), ("gold/",)),))
    False
    >>> _ignored(Path("/c/gold"), True, ((Path("/c"), ("gold/",)),))
    True
    """
    for base, pats in rules:
        rel = path.relative_to(base).as_posix() if path.is_relative_to(base) else path.name
        for pat in pats:
            if pat.endswith("/"):
                if is_dir and (
                    fnmatch.fnmatch(rel, pat.rstrip("/")) or fnmatch.fnmatch(path.name, pat.rstrip("/"))
                ):
                    return True
            elif fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(path.name, pat):
                return True
    return False


def _walk(
    folder: Path,
    ancestors: dict[tuple[int, int], Path],
    rules: tuple[tuple[Path, tuple[str, ...]], ...] = (),
) -> Iterator[Path | ReadFailure]:
    """Files under ``folder`` in sorted order; loops, broken links and unlistable folders as failures.

    Entries matched by a ``.claimxignore`` in ``folder`` or above are skipped.
    """
    rules = _ignore_rules(folder, rules)
    entries = _list_folder(folder)
    if isinstance(entries, ReadFailure):
        yield entries
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if rules and _ignored(path, entry.is_dir(), rules):
            continue
        try:
            st = path.stat()  # follows symlinks
        except OSError as exc:
            yield _stat_failure(path, entry, exc)
            continue
        if entry.is_dir():
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                yield _fail(path, f"symlink loop: leads back to {ancestors[key]}, skipped")
                continue
            yield from _walk(path, {**ancestors, key: path}, rules)
        elif entry.is_file():
            if not entry.name.endswith(SIDECAR_SUFFIX):
                yield path
        else:
            yield _fail(path, "not a regular file (a device, socket or pipe), skipped")


def _list_folder(folder: Path) -> list[os.DirEntry] | ReadFailure:
    """The folder's entries sorted by name, or why it cannot be listed."""
    try:
        return sorted(os.scandir(folder), key=lambda e: e.name)
    except PermissionError:
        return _fail(folder, "cannot list the folder: permission denied")
    except OSError as exc:
        return _fail(folder, f"cannot list the folder ({exc.strerror or exc})")


def _stat_failure(path: Path, entry: os.DirEntry, exc: OSError) -> ReadFailure:
    """Why a folder entry cannot be followed: a link loop, a broken link, or another error."""
    if exc.errno == errno.ELOOP:
        return _fail(path, "symlink loop (the link points back to itself), skipped")
    if entry.is_symlink():
        return _fail(path, "broken symlink (its target does not exist), skipped")
    return _fail(path, f"cannot read ({exc.strerror or exc})")


def _folder_key(path: Path) -> tuple[int, int]:
    st = path.stat()
    return (st.st_dev, st.st_ino)


def iter_inputs(
    paths: Sequence[Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ReadFailure]:
    """Articles (raw, not cleaned) and ReadFailures of all files under ``paths``.

    Raises UsageError only for unusable arguments: a path that does not exist, or a
    file named explicitly whose suffix claimx does not read. The arguments are checked
    when this is called, before anything is read.
    """
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.exists():
            raise UsageError(f"no such input: {p} (give a file or folder that exists)")
        if p.is_file() and p.suffix.lower() not in PARSERS:
            raise UsageError(
                f"unsupported input format '{p.suffix or p.name}' for {p} (use {_SUPPORTED_LIST})"
            )
    return _iter_checked(paths, max_bytes)


def _iter_checked(paths: list[Path], max_bytes: int) -> Iterator[Article | ReadFailure]:
    seen_files: dict[tuple[int, int], Path] = {}
    seen_ids: dict[str, list[tuple[str, bytes]]] = {}
    for root in paths:
        found = _walk(root, {_folder_key(root): root}) if root.is_dir() else iter([root])
        for item in found:
            if isinstance(item, ReadFailure):
                yield item
                continue
            key = _folder_key(item)
            if key in seen_files:
                yield _fail(item, f"same file as {seen_files[key]}, already read", kind="duplicate")
                continue
            seen_files[key] = item
            for result in read_file(item, max_bytes=max_bytes):
                yield _dedupe(result, seen_ids) if isinstance(result, Article) else result


def _dedupe(article: Article, seen: dict[str, list[tuple[str, bytes]]]) -> Article | ReadFailure:
    """A doc_id already given by another file: duplicate when the text is the same, else ``~N``.

    N is the 1-based occurrence of that doc_id among the files read so far, as for
    duplicate IDs inside one file.
    """
    text_key = hashlib.blake2b(" ".join(article.text.split()).encode(), digest_size=16).digest()
    earlier = seen.setdefault(article.doc_id, [])
    earlier.append((article.path or "", text_key))
    for other_path, other_key in earlier[:-1]:
        if other_key == text_key:
            reason = f"duplicate of {other_path} (same doc_id and text), skipped"
            return ReadFailure(article.doc_id, article.path or "", reason, kind="duplicate")
    if len(earlier) == 1:
        return article
    n = len(earlier)
    while f"{article.doc_id}~{n}" in seen:
        n += 1
    doc_id = f"{article.doc_id}~{n}"
    seen[doc_id] = [(article.path or "", text_key)]
    return replace(article, doc_id=doc_id)
