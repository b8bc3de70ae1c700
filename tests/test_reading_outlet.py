"""Outlet found in an article's own text when the record has none."""

from __future__ import annotations

from pathlib import Path

from claimx.reading import clean_article, read_file
from claimx.reading.outlet import find_outlet
from claimx.types import Article


def test_outlet_patterns() -> None:
    assert find_outlet("Updates.\n\nSource: ISW\n\nNo posts") == "Institute for the Study of War"
    assert find_outlet("X, an associate professor, is a visiting fellow at The Washington Institute.") == (
        "The Washington Institute"
    )
    assert find_outlet("The leader told BuzzFeed News there were no ISIS units.") == "BuzzFeed News"
    assert find_outlet("Government forces shelled Homs on Monday.") is None


def test_record_source_wins_over_text() -> None:
    art = Article(doc_id="a", text="He told BuzzFeed News that jets struck.", source="reuters")
    assert clean_article(art).source == "reuters"


def test_seed_without_sidecar_gets_outlet_from_text(tmp_path: Path, seeds_dir: Path) -> None:
    copy = tmp_path / "001.txt"
    copy.write_text((seeds_dir / "001_5181122ce5a15aa8.txt").read_text())
    (art,) = read_file(copy)
    assert clean_article(art).source == "BuzzFeed News"
