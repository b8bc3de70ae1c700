"""Reading each input format into Articles, doc_id rules, duplicates and sidecars."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimx.reading import iter_inputs, read_file
from claimx.types import Article, ReadFailure


def _articles(items: list[Article | ReadFailure]) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def _failures(items: list[Article | ReadFailure]) -> list[ReadFailure]:
    return [x for x in items if isinstance(x, ReadFailure)]


def test_txt_is_one_article_with_stem_doc_id_and_first_line_title(tmp_path: Path) -> None:
    p = tmp_path / "000_abc.txt"
    p.write_text("\n\nRussian jets strike Homs\n\nRussian jets struck Talbiseh on Wednesday.\n")
    [a] = read_file(p)
    assert isinstance(a, Article)
    assert (a.doc_id, a.title, a.fmt, a.path) == ("000_abc", "Russian jets strike Homs", "txt", str(p))
    assert a.text == p.read_text()  # raw, not cleaned


def test_md_title_drops_heading_marks(tmp_path: Path) -> None:
    p = tmp_path / "note.md"
    p.write_text("# Initial Russian Strikes in Syria\n\nby [A B](/x)\n\nText here.")
    [a] = read_file(p)
    assert isinstance(a, Article)
    assert (a.title, a.fmt) == ("Initial Russian Strikes in Syria", "md")


def test_utf8_bom_is_accepted_and_dropped(tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfJets struck Homs.")
    [a] = read_file(p)
    assert isinstance(a, Article) and a.text == "Jets struck Homs."


HTML = """<html><head><title>Strikes hit Homs | Example News</title>
<meta property="og:url" content="https://example.com/strikes-hit-homs">
<meta property="og:site_name" content="Example News">
<meta name="date" content="2015-09-30"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Strikes hit Homs</h1>
<p>Russian jets struck Talbiseh on Wednesday, killing at least 33 civilians, rescuers said.</p>
<p>The strikes were the first of the Russian campaign in Syria, officials in Moscow said.</p>
</article><footer>Copyright 2015 Example News. All rights reserved.</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML)
    [a] = read_file(p)
    assert isinstance(a, Article)
    assert a.doc_id == "page" and a.fmt == "html"
    assert "killing at least 33 civilians" in a.text
    assert "Copyright" not in a.text and "Home" not in a.text.split("\n\n")[0]
    assert a.title == "Strikes hit Homs"
    assert a.published == "2015-09-30"
    assert a.url == "https://example.com/strikes-hit-homs"
    assert a.source == "Example News"
    assert "\n\n" in a.text  # paragraphs kept


def test_json_object_is_one_article_under_the_stem(tmp_path: Path) -> None:
    p = tmp_path / "one.json"
    rec = {"id": "x9", "text": "Jets struck Homs.", "title": "T", "published": "2015-09-30T10:00:00Z"}
    p.write_text(json.dumps(rec | {"source": "AFP", "url": "https://e.com/a"}))
    [a] = read_file(p)
    assert isinstance(a, Article)
    assert (a.doc_id, a.title, a.published, a.source, a.url, a.fmt) == (
        "one",
        "T",
        "2015-09-30",
        "AFP",
        "https://e.com/a",
        "json",
    )


def test_json_array_gives_records_with_ids_or_numbers(tmp_path: Path) -> None:
    p = tmp_path / "many.json"
    p.write_text(json.dumps([{"id": 7, "text": "A."}, {"text": "B."}, "not an object", {"title": "no text"}]))
    items = read_file(p)
    assert [a.doc_id for a in _articles(items)] == ["many:7", "many:2"]
    reasons = [f.reason for f in _failures(items)]
    assert reasons == ["record 3 is not a JSON object", "record 4 has no text (give it a 'text' field)"]


def test_jsonl_bad_line_fails_alone(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    p.write_text('{"id": "a", "text": "First."}\n\n{"text": "broken"\n{"text": "Third."}\n[1, 2]\n')
    items = read_file(p)
    assert [a.doc_id for a in _articles(items)] == ["feed:a", "feed:4"]
    fails = _failures(items)
    assert [f.doc_id for f in fails] == ["feed:3", "feed:5"]
    assert fails[0].reason.startswith("line 3: not valid JSON")
    assert all(f.kind == "error" for f in fails)


_ROW_101 = (
    '101,Strike kills 15,"Wed 05 Apr 2017 Strike kills 15. A strike killed 15 ""on Tuesday"".",nna,4/5/2017'
)
FAKES_CSV = (
    "unit_id,article_title,article_content,source,date,location,labels\r\n"
    f"{_ROW_101},idlib,0\r\n"
    "102,Blast in Aleppo,A blast hit Aleppo.,sana,11/21/2016,aleppo,1\r\n"
    f"{_ROW_101},idlib,1\r\n"
    "102,Blast in Aleppo,A second different blast hit Aleppo.,sana,11/22/2016,aleppo,1\r\n"
)


def test_fakes_columns_crlf_and_duplicate_ids(tmp_path: Path) -> None:
    p = tmp_path / "FA-KES-Dataset.csv"
    p.write_bytes(FAKES_CSV.encode())
    items = read_file(p)
    arts = _articles(items)
    assert [a.doc_id for a in arts] == ["FA-KES-Dataset:101", "FA-KES-Dataset:102", "FA-KES-Dataset:102~2"]
    first = arts[0]
    assert first.title == "Strike kills 15"
    assert first.text.startswith("Wed 05 Apr 2017 Strike kills 15.") and '"on Tuesday"' in first.text
    assert (first.source, first.published, first.fmt) == ("nna", "2017-04-05", "csv")
    assert arts[1].published == "2016-11-21"
    [dup] = _failures(items)
    assert (dup.kind, dup.doc_id, dup.reason) == (
        "duplicate",
        "FA-KES-Dataset:101",
        "duplicate of record 1, skipped",
    )


def test_generic_csv_columns_and_row_numbers(tmp_path: Path) -> None:
    p = tmp_path / "g.csv"
    p.write_text("Title,Text,Published,URL\nT1,Body one.,2016-02-23,https://e.com/1\nT2,,,\n,Body three.,,\n")
    items = read_file(p)
    arts = _articles(items)
    assert [(a.doc_id, a.title, a.published, a.url) for a in arts] == [
        ("g:1", "T1", "2016-02-23", "https://e.com/1"),
        ("g:3", None, None, None),
    ]
    [fail] = _failures(items)
    assert fail.doc_id == "g:2" and "has no text" in fail.reason


def test_csv_published_column_wins_over_date(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text("id,text,date,published\n1,Body.,4/5/2017,2017-04-06\n")
    [a] = read_file(p)
    assert isinstance(a, Article) and a.published == "2017-04-06"


def test_csv_without_text_column_is_one_failure(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text("a,b\n1,2\n")
    [f] = read_file(p)
    assert isinstance(f, ReadFailure) and "no text column" in f.reason and "found a, b" in f.reason


def test_sidecar_fills_only_missing_fields(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("Title line\n\nJets struck Homs.")
    meta = {"source": "BuzzFeed News", "published": "2015-09-30", "title": "Other", "via": "x"}
    (tmp_path / "s.meta.json").write_text(json.dumps(meta))
    [a] = read_file(tmp_path / "s.txt")
    assert isinstance(a, Article)
    assert (a.source, a.published, a.title) == ("BuzzFeed News", "2015-09-30", "Title line")
    # the sidecar itself is never read as an article when walking the folder
    assert [x.doc_id for x in iter_inputs([tmp_path])] == ["s"]


def test_broken_sidecar_is_reported(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("Jets struck Homs.")
    (tmp_path / "s.meta.json").write_text("{nope")
    [f] = read_file(tmp_path / "s.txt")
    assert isinstance(f, ReadFailure) and "sidecar s.meta.json is not valid JSON" in f.reason


def test_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z.")
    (tmp_path / "b" / "m.md").write_text("M.")
    (tmp_path / "a.txt").write_text("Top.")
    (tmp_path / ".hidden.txt").write_text("H.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("C.")
    (tmp_path / "c.bin").write_bytes(b"xx")
    items = list(iter_inputs([tmp_path]))
    assert [x.doc_id for x in items] == ["a", "m", "z", "c"]
    assert [type(x).__name__ for x in items] == ["Article", "Article", "Article", "ReadFailure"]
    assert items[3].reason == "unsupported format .bin (claimx reads .txt .md .html .htm .json .jsonl .csv)"


def test_same_stem_in_two_folders(tmp_path: Path) -> None:
    for sub, body in (("a", "Same."), ("b", "Same."), ("c", "Different.")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text(body)
    items = list(iter_inputs([tmp_path]))
    assert [(type(x).__name__, x.doc_id) for x in items] == [
        ("Article", "x"),
        ("ReadFailure", "x"),
        ("Article", "x~3"),
    ]
    assert isinstance(items[1], ReadFailure) and items[1].kind == "duplicate"


def test_seed_folder_reads_five_articles_with_sidecars() -> None:
    seeds = Path(__file__).resolve().parents[1] / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip("corpus/seeds not present")
    arts = list(iter_inputs([seeds]))
    assert all(isinstance(a, Article) for a in arts) and len(arts) == 5
    by_id = {a.doc_id[:3]: a for a in arts if isinstance(a, Article)}
    assert by_id["001"].source == "BuzzFeed News" and by_id["001"].published == "2015-09-30"
    assert by_id["002"].source == "Institute for the Study of War" and by_id["002"].published is None
    assert by_id["000"].source == by_id["004"].source == "The Washington Institute"
    assert by_id["003"].source == "The Interpreter"
