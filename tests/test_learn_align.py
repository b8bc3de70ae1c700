"""Sub-word alignment (windows, BIO tags and back), LoRA merging, the trigger prefilter."""

from __future__ import annotations

import pytest

from claimx.extract.finders.learned.align import (
    IGNORE,
    bio_names,
    bio_spans,
    bio_tags,
    build_windows,
    regex_sentences,
    snap_to_words,
)
from claimx.extract.finders.learned.triggers import trigger_pattern


class WordTokenizer:
    """A stand-in fast tokenizer: one token per word or punctuation mark, with offsets."""

    cls_token_id, sep_token_id = 1, 2

    def __call__(self, texts, **_kw):
        import re

        ids, offsets = [], []
        for t in texts:
            spans = [m.span() for m in re.finditer(r"\w+|[^\w\s]", t)]
            ids.append([10 + i for i in range(len(spans))])
            offsets.append(spans)
        return {"input_ids": ids, "offset_mapping": offsets}


TEXT = "Jets struck Homs. Ten people died there. Rebels shelled Aleppo."


def test_windows_pack_whole_sentences_with_document_offsets() -> None:
    sents = regex_sentences(TEXT)
    assert [TEXT[s:e] for s, e in sents] == [
        "Jets struck Homs.",
        "Ten people died there.",
        "Rebels shelled Aleppo.",
    ]
    windows = build_windows(WordTokenizer(), TEXT, sents, max_length=12)
    # 4 + 5 + 4 tokens: the first two sentences fill a window of 10 word tokens, the third starts a new one
    assert [w.sentence_ids[1:-1] for w in windows] == [(0,) * 4 + (1,) * 5, (2,) * 4]
    assert all(w.input_ids[0] == 1 and w.input_ids[-1] == 2 for w in windows)
    w = windows[1]
    assert TEXT[w.char_start : w.char_end] == "Rebels shelled Aleppo."
    kept = build_windows(WordTokenizer(), TEXT, sents, max_length=64, keep=[True, False, True])
    assert [set(w.sentence_ids[1:-1]) for w in kept] == [{0}, {2}]  # a dropped sentence splits the run


def test_long_sentence_is_cut_into_pieces() -> None:
    text = " ".join(["word"] * 25) + "."
    windows = build_windows(WordTokenizer(), text, [(0, len(text))], max_length=12)
    assert [len(w.input_ids) for w in windows] == [12, 12, 8]


def test_bio_round_trip_through_sub_words() -> None:
    names = bio_names(("air_strike", "shelling"))
    # "airstrikes" split into two word pieces, "hit" one
    offsets = [(-1, -1), (0, 3), (3, 10), (11, 14), (-1, -1)]
    tags = bio_tags(offsets, [(0, 10, "air_strike")], names)
    assert tags == [IGNORE, names.index("B-air_strike"), names.index("I-air_strike"), 0, IGNORE]
    assert bio_spans(tags, offsets, names) == [(0, 10, "air_strike", 1, 3)]
    # an I- tag without its B- starts a span; a new label ends the previous one
    tags = [IGNORE, names.index("I-shelling"), names.index("B-air_strike"), 0, IGNORE]
    assert bio_spans(tags, offsets, names) == [(0, 3, "shelling", 1, 2), (3, 10, "air_strike", 2, 3)]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(5, 8, "airstrikes"), (3, 8, "airstrikes"), (16, 18, "al-Bab"), (0, 4, "the"), (17, 24, "al-Bab")],
)
def test_snap_to_words(start: int, end: int, expected: str) -> None:
    text = "the airstrikes, al-Bab, -"
    s, e = snap_to_words(text, start, end)
    assert text[s:e] == expected


def test_trigger_prefilter() -> None:
    pat = trigger_pattern(["barrel bombs"])
    assert pat.search("Regime helicopters dropped BARREL   bombs on Daraya")
    assert pat.search("Clashes erupted") and pat.search("he was wounded")
    assert not pat.search("The minister met his counterpart in Geneva.")


def test_merged_lora_equals_the_adapted_layer() -> None:
    torch = pytest.importorskip("torch")
    pytest.importorskip("peft")
    from peft.tuners.lora import LoraLayer

    from claimx.extract.finders.learned.lora import inject_lora, lora_state_dict, merge_lora, peft_key

    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(6, 5), torch.nn.ReLU(), torch.nn.Linear(5, 3))
    assert inject_lora(net, targets=("0", "2"), r=2, alpha=4.0, within=("2",)) == 1
    assert isinstance(net[2], LoraLayer) and not isinstance(net[0], LoraLayer)
    with torch.no_grad():
        net[2].lora_B["default"].weight.normal_()
    saved = lora_state_dict(net)
    assert sorted(saved) == ["2.lora_a", "2.lora_b"]
    assert saved["2.lora_a"].shape == (2, 5) and saved["2.lora_b"].shape == (3, 2)
    x = torch.randn(4, 6)
    before = net(x)
    expected = net[2].base_layer.weight + 2.0 * saved["2.lora_b"] @ saved["2.lora_a"]  # scale alpha / r
    assert merge_lora(net) == 1 and type(net[2]) is torch.nn.Linear
    assert torch.allclose(before, net(x), atol=1e-6)
    assert torch.equal(net[2].weight, expected)
    assert peft_key("2.lora_b") == "2.lora_B.default.weight"
