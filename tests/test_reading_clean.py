"""Web-debris cleaning: the seeds keep every real sentence and lose their furniture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimx.reading import clean_article, clean_text
from claimx.reading.clean import normalize_characters
from claimx.reading.offtopic import offtopic_paragraphs
from claimx.types import Article

SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"
BODY = (
    "Russian jets struck Talbiseh on Wednesday, killing at least 33 civilians, the Syrian Civil Defense said."
)
BODY2 = "The strikes near Homs were the first of the Russian campaign in Syria, officials in Moscow said."


def _seed(prefix: str) -> str:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip("corpus/seeds not present")
    return found[0].read_text(encoding="utf-8")


def _key(s: str) -> str:
    s = normalize_characters(s).replace("**", "").replace("[", "").replace("]", "")
    s = re.sub(r"^\*|\*$", "", s.strip())
    return " ".join(s.split())


def _raw_sentences(raw: str) -> list[str]:
    out = []
    for para in re.split(r"\n\s*\n", raw):
        if any(d in para for d in EXPECTED_DROPS):
            continue
        for sent in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", _key(para)):
            if len(sent.split()) >= 8 and not sent.startswith(("[", "#", "(")):
                out.append(re.sub(r"^Live Updates: ", "", sent))
    return out


# Paragraphs the cleaner must drop: author bios, the advert in 002, caption, card and promo in 003.
EXPECTED_DROPS = (
    "Fabrice Balanche, an associate professor",
    "Odey Asset Management",
    "Crispin Odey",
    "| Al-Masdar News",
    "A Russian Plan For Syria Is Two Years Too Late",
    "Some say it was a mistake",
    "John Kerry made a sarcastic",
    "The previous post in our Putin in Syria column",
)


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_keeps_every_real_sentence(seed: str) -> None:
    raw = _seed(seed)
    cleaned = clean_text(raw)
    flat = " ".join(cleaned.split())
    kept = _raw_sentences(raw)
    assert len(kept) >= 10
    missing = [s for s in kept if s not in flat]
    assert not missing, missing[:3]
    for drop in EXPECTED_DROPS:
        assert drop not in cleaned


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_layout(seed: str) -> None:
    cleaned = clean_text(_seed(seed))
    paragraphs = cleaned.split("\n\n")
    assert len(paragraphs) >= 6
    assert all(p and p == p.strip() and "\n" not in p and "  " not in p for p in paragraphs)
    for marker in ("](", "**", "\\(", "\ufffd", "◆", "❖", "→", "\u2019", "\u201c"):
        assert marker not in cleaned


KEY_SENTENCES = {
    "000": "Earlier today, the Russian air force, in cooperation with the Syrian army, led its first bombing "
    "runs",
    "001": "Syrian Civil Defense, a network of emergency workers who rescue Syrians from attacks, counted at "
    "least 33 civilians killed in Russian air strikes in Talbiseh and Zaafaraneh",
    "004": "On May 23, the Islamic State (IS) perpetrated suicide bombings in Tartus and Jableh, killing 154 "
    "people and wounding more than 300.",
    "002": "Russia first launched air strikes to support President Bashar al-Assad in Syria's four-year "
    "civil war",
    "003": "Russian airstrikes were also reported in Deir-Ez Zour, a city in eastern Syria which is "
    "controlled by ISIS.",
}


@pytest.mark.parametrize(("seed", "sentence"), sorted(KEY_SENTENCES.items()))
def test_seed_key_sentences_survive(seed: str, sentence: str) -> None:
    assert sentence in clean_text(_seed(seed))


SEED_DEBRIS = {
    "000": ["by Fabrice", "Also available in", "ABOUT THE AUTHORS", "Brief Analysis", "RECOMMENDED",
            "TOPICS", "REGIONS", "Iran Takes Next Steps", "Sep 30, 2015", "/policy-analysis", "Farzin Nadimi",
            "\u0627"],
    "001": ["View this video on YouTube", "Via YouTube", "Facebook: video.php", "Skip to footer"],
    "002": ["WikiImages", "Pixabay", "Odey Asset Management", "Read More", "Source: ISW", "Updated on",
            "No posts to display"],
    "003": ["View full page", "A Russian Plan For Syria Is Two Years Too Late", "Feb 23, 2016 22:25",
            "February 23, 2016", "| Al-Masdar News", "Live Updates", "James Miller"],
    "004": ["by Fabrice", "May 24, 2016", "ABOUT THE AUTHORS", "RECOMMENDED", "Anna Borshchevskaya",
            "(/policy-analysis", "Terrorism", "is a visiting fellow"],
}  # fmt: skip


@pytest.mark.parametrize(("seed", "debris"), sorted(SEED_DEBRIS.items()))
def test_seed_debris_is_gone(seed: str, debris: list[str]) -> None:
    cleaned = clean_text(_seed(seed))
    assert [d for d in debris if d in cleaned] == []


def test_seed_titles_kept_once() -> None:
    for seed in ("002", "003"):
        cleaned = clean_text(_seed(seed))
        title = cleaned.split("\n\n")[0]
        assert cleaned.count(title) == 1


def test_seed_broken_paragraphs_are_joined() -> None:
    assert "The first is for the Alawites -- IS wants to show them" in clean_text(_seed("004"))
    assert 'complicate the Syria conflict. "One of the ways' in clean_text(_seed("001"))
    assert "to be skeptical that the ceasefire will solve anything" in clean_text(_seed("003"))


def test_markdown_markup() -> None:
    raw = (
        "# Title Here\n\nby [Jane Doe \\(/experts/jane-doe\\)](/experts/jane-doe)\n\n"
        f"**E**arlier today, [Russian jets](/tags/russia) struck *Talbiseh*. {BODY}\n\n"
        "[\\(/policy-analysis/iran-takes-next-steps\\)](#)\n\n(/policy-analysis/syria)\n\n"
        "![a photo](/img/1.jpg)\n\n### A Subheading\n\n- a bulleted point about Homs and Hama\n"
    )
    assert clean_text(raw) == (
        f"Title Here\n\nEarlier today, Russian jets struck Talbiseh. {BODY}\n\n"
        "A Subheading\n\na bulleted point about Homs and Hama"
    )


@pytest.mark.parametrize(
    "line",
    [
        "View this video on YouTube",
        "Via YouTube",
        "Facebook: video.php",
        "Skip to footer",
        "Updated on",
        "No posts to display",
        "WikiImages / Pixabay",
        "Photo: AFP / Getty Images",
        "Brief Analysis",
        "Feb 23, 2016 22:25 (GMT)",
        "by Jane Doe and John Roe",
        "Advertisement",
        "◆",
        "The previous post in our series can be found here.",
        "A tank fires on positions near Khanasser | Al-Masdar News",
    ],
)
def test_furniture_lines_go_and_paragraphs_stay(line: str) -> None:
    assert clean_text(f"{BODY}\n\n{line}\n\n{BODY2}") == f"{BODY}\n\n{BODY2}"


def test_author_box_and_language_line() -> None:
    raw = (
        "Title\n\nAlso available in\n\n[العربية \\(/ar/x\\)](/ar/x)\n\n## ABOUT THE AUTHORS\n\n"
        "[Jane Doe](/experts/jane-doe)\n\nJane Doe, a senior analyst, is a fellow at The Institute.\n\n"
        f"Brief Analysis\n\n---\n\n{BODY}\n\n*Jane Doe is a visiting fellow at The Institute.*"
    )
    assert clean_text(raw) == f"Title\n\n{BODY}"


def test_recommended_block_cut_only_after_the_article() -> None:
    body = "\n\n".join(
        [BODY, BODY2] + [f"Paragraph {n} of the report on Homs and Hama says more." for n in range(4)]
    )
    raw = f"{body}\n\n## RECOMMENDED\n\n### [Other story](#)\n\nFeb 11, 2022\n\nSome Author\n\n### TOPICS"
    assert clean_text(raw) == body
    early = f"Title\n\n### TOPICS\n\n{body}"
    assert clean_text(early) == f"Title\n\n{body}"


def test_title_repeated_below_goes() -> None:
    raw = f"Jets Hit Homs\n\nJets Hit Homs\nWikiImages / Pixabay\n\n{BODY}"
    assert clean_text(raw) == f"Jets Hit Homs\n\n{BODY}"


def test_embedded_card_goes() -> None:
    card = "Another Headline About Syria\n\nSome teaser text about Syria and Homs.\n\nView full page →"
    raw = f"{BODY}\n\n{card}\n\n{BODY2}"
    assert clean_text(raw) == f"{BODY}\n\n{BODY2}"


def test_offtopic_advert_filter_is_general() -> None:
    paragraphs = [
        "Syrian government forces shelled rebel positions in eastern Ghouta, a monitor said.",
        "The monitor said the shelling of eastern Ghouta killed at least 12 civilians and wounded dozens.",
        "Bitcoin Hits New Record As Traders Pile In",
        "Crypto traders have poured money into bitcoin funds this quarter as investors hedge against "
        "inflation, lifting prices and returns across the market. Learn more",
        "A bomb struck a crowded market in Idlib, and rebels blamed government forces for the shelling.",
        "Rescuers in eastern Ghouta said the civilians killed in the shelling included children.",
    ]
    assert offtopic_paragraphs(paragraphs) == {2, 3}
    cleaned = clean_text("\n\n".join(paragraphs))
    assert "bitcoin" not in cleaned.lower() and "crowded market in Idlib" in cleaned


def test_offtopic_filter_keeps_short_articles_and_on_topic_quotes() -> None:
    assert offtopic_paragraphs([BODY, "Read More", BODY2]) == set()
    paras = [BODY, BODY2, '"We will fight them in every village," the commander told reporters.', BODY, BODY2]
    assert offtopic_paragraphs(paras) == set()


def test_replacement_characters_and_quotes() -> None:
    raw = "Outrage as Syria \ufffd_chemical attack\ufffd_ kills dozens in Syria\ufffd_s Idlib \ufffd_ monitor"
    assert clean_text(raw) == "Outrage as Syria chemical attack kills dozens in Syria's Idlib - monitor"
    assert (
        clean_text("He said \u201cno\u201d and \u2018yes\u2019.\u00a0Done\u200b.")
        == "He said \"no\" and 'yes'. Done."
    )
    assert clean_text("the \ufffd\ufffdIslamic State group") == "the Islamic State group"


def test_mojibake_is_fixed() -> None:
    pytest.importorskip("ftfy")
    assert (
        clean_text("Russia\u00e2\u20ac\u2122s war \u00e2\u20ac\u201d in Syria")
        == "Russia's war \u2014 in Syria"
    )


def test_hard_wraps_join_without_merging_words() -> None:
    raw = "Jets struck the town of\nTalbiseh on Wednesday, and the al-\nNusra Front said\nit would respond."
    assert (
        clean_text(raw)
        == "Jets struck the town of Talbiseh on Wednesday, and the al-Nusra Front said it would respond."
    )
    assert (
        clean_text("First line ends here.\nSecond starts anew.")
        == "First line ends here.\n\nSecond starts anew."
    )


def test_wire_row_like_fakes() -> None:
    raw = (
        "Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO. Victims of a suspected "
        "chemical attack in Syria appeared to show symptoms consistent with a nerve agent , the WHO said. "
        "Victims of a suspected chemical attack in Syria appeared to show symptoms consistent with a nerve "
        "agent , the WHO said. - REUTERS"
    )
    a = clean_article(
        Article(doc_id="f:1", text=raw, title="Syria attack symptoms consistent with nerve agent use WHO")
    )
    assert a.text == (
        "Syria attack symptoms consistent with nerve agent use WHO.\n\nVictims of a suspected chemical "
        "attack in Syria appeared to show symptoms consistent with a nerve agent, the WHO said."
    )
    assert a.published == "2017-04-05"


def test_byline_before_title_goes() -> None:
    raw = (
        "Posted on April 19 2017 by Asharq Al-Awsat English Six Killed in Aleppo Bombing "
        "Six people were killed in a blast."
    )
    a = clean_article(Article(doc_id="f:2", text=raw, title="Six Killed in Aleppo Bombing"))
    assert a.text == "Six Killed in Aleppo Bombing\n\nSix people were killed in a blast."
    assert a.published == "2017-04-19"


def test_clean_article_fields() -> None:
    raw = f"Russian Jets Hit Homs\n\nSep 30, 2015\n\n{BODY}"
    a = Article(doc_id="x", text=raw, source="S", path="p", fmt="txt")
    c = clean_article(a)
    assert (c.text, c.title, c.published, c.source, c.path) == (
        f"Russian Jets Hit Homs\n\n{BODY}",
        "Russian Jets Hit Homs",
        "2015-09-30",
        "S",
        "p",
    )
    assert a.text == raw  # the input record is untouched
    assert clean_article(Article(doc_id="y", text=raw, published="2015-10-01")).published == "2015-10-01"
    assert clean_article(Article(doc_id="z", text=BODY)).published is None


def test_clean_titles() -> None:
    a = clean_article(
        Article(doc_id="j", text=BODY, title="title: Strike kills 15 near Raqqa | Jordan Times")
    )
    assert a.title == "Strike kills 15 near Raqqa"


def test_seed_articles_get_their_dateline() -> None:
    got = {
        s: clean_article(Article(doc_id=s, text=_seed(s))).published
        for s in ("000", "001", "002", "003", "004")
    }
    assert got == {"000": "2015-09-30", "001": None, "002": None, "003": "2016-02-23", "004": "2016-05-24"}


def test_clean_text_is_idempotent_on_seeds() -> None:
    for seed in ("000", "001", "002", "003", "004"):
        once = clean_text(_seed(seed))
        assert clean_text(once) == once
