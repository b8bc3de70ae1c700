"""The plain-torch BERT (claimx.encoder) against transformers' BertModel, on a tiny random encoder.

Bit-for-bit equal hidden states in fp32, bf16 and int8; LoRA folded without peft as peft folds it;
a sentence encoder sharing the frame finder's tensors gives the vectors of one loaded on its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from tiny_bert import save_tiny_bert  # noqa: E402

from claimx.encoder import load_bert, load_tokenizer, sdpa_mask, shared_count  # noqa: E402
from claimx.errors import UsageError  # noqa: E402
from claimx.extract.finders.learned.lora import (  # noqa: E402
    adapter_targets,
    inject_lora,
    lora_state_dict,
    merge_lora,
    merge_saved,
)
from claimx.precision import apply_precision  # noqa: E402
from claimx.resolve.embed import SentenceEncoder  # noqa: E402

WORDS = ["russian", "jets", "bombed", "douma", "on", "monday"]
WORDS += ["rebels", "shelled", "aleppo", "killing", "five", "civilians"]
SENTENCES = ["Russian jets bombed Douma on Monday.", "Rebels shelled Aleppo, killing five civilians."]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer, 32-wide random BERT (with pooler, as the MiniLM folder has) and its tokenizer."""
    folder = tmp_path_factory.mktemp("tiny_bert")
    return save_tiny_bert(folder, [",", ".", *WORDS], heads=4)


def _batches(folder: Path) -> list[dict]:
    tok = load_tokenizer(folder)
    padded = tok(SENTENCES, padding=True, return_tensors="pt")  # the second is longer: padding
    single = tok(SENTENCES[:1], return_tensors="pt")
    return [dict(padded), dict(single), {k: padded[k] for k in ("input_ids", "attention_mask")}]


@pytest.mark.parametrize("precision", ["fp32", "bf16", "int8"])
def test_hidden_states_are_those_of_transformers_bit_for_bit(tiny: Path, precision: str) -> None:
    theirs = apply_precision(transformers.BertModel.from_pretrained(str(tiny)).eval(), precision)
    mine = apply_precision(load_bert(tiny), precision)
    with torch.inference_mode():
        for batch in _batches(tiny):
            expected = theirs(**batch).last_hidden_state
            got = mine(**batch).last_hidden_state
            assert got.dtype == expected.dtype
            assert torch.equal(got, expected)


def test_padding_mask_is_none_without_padding_and_masks_padded_keys() -> None:
    assert sdpa_mask(torch.ones(2, 4, dtype=torch.long), 4) is None
    mask = sdpa_mask(torch.tensor([[1, 1, 0]]), 3)
    assert mask is not None and mask.dtype == torch.bool
    assert mask[0, 0].tolist() == [[True, True, False]] * 3


def test_missing_weights_are_a_one_line_error(tmp_path: Path, tiny: Path) -> None:
    with pytest.raises(UsageError, match="no encoder"):
        load_bert(tmp_path)


def test_saved_adapters_fold_in_as_peft_folds_them(tiny: Path) -> None:
    with_peft = transformers.BertModel.from_pretrained(str(tiny), add_pooling_layer=False).eval()
    targets = ("attention.self.query", "output.dense")
    within = ("encoder.layer.1.",)
    inject_lora(with_peft, targets, r=2, alpha=4.0, within=within)
    torch.manual_seed(1)
    for name, p in with_peft.named_parameters():
        if "lora_" in name:
            p.data.normal_()  # B starts at zero: make the adapters do something
    saved = lora_state_dict(with_peft)
    merge_lora(with_peft)
    plain = load_bert(tiny)
    modules = adapter_targets(plain, targets, within)
    assert modules == [
        "encoder.layer.1.attention.self.query",
        "encoder.layer.1.attention.output.dense",
        "encoder.layer.1.output.dense",
    ]
    assert merge_saved(plain, saved, modules, 4.0 / 2) == []
    theirs = with_peft.state_dict()
    assert all(torch.equal(v, theirs[k]) for k, v in plain.state_dict().items())


def test_adapters_that_do_not_fit_are_reported_and_not_merged(tiny: Path) -> None:
    plain = load_bert(tiny)
    before = plain.encoder.layer[0].attention.self.query.weight.clone()
    bad = merge_saved(plain, {"x.lora_a": torch.ones(1, 32)}, ["encoder.layer.0.attention.self.query"], 1.0)
    assert "x.lora_a" in bad and "encoder.layer.0.attention.self.query.lora_a" in bad
    assert torch.equal(plain.encoder.layer[0].attention.self.query.weight, before)


@pytest.mark.parametrize(("precision", "shares"), [("fp32", True), ("int8", True), ("bf16", False)])
def test_sentence_vectors_with_shared_tensors_equal_a_separate_encoder(
    tiny: Path, precision: str, shares: bool
) -> None:
    finder_encoder = load_bert(tiny)  # what the frame finder holds (float32)
    alone = SentenceEncoder(tiny, precision=precision)
    sharing = SentenceEncoder(tiny, precision=precision)
    sharing.share = finder_encoder
    expected = alone.encode(SENTENCES)
    got = sharing.encode(SENTENCES)
    assert (got == expected).all()
    n = shared_count(finder_encoder, sharing._model)
    assert (n > 0) == shares
    if precision == "fp32":
        assert n == len(list(finder_encoder.parameters()))  # the same folder: every tensor once
    if precision == "int8":  # the embeddings stay float32 and are shared; Linear layers are quantised
        assert (
            sharing._model.embeddings.word_embeddings.weight
            is finder_encoder.embeddings.word_embeddings.weight
        )
    assert all(p.dtype == torch.float32 for p in finder_encoder.parameters())  # the finder's are untouched


def test_a_changed_tensor_is_not_shared(tiny: Path) -> None:
    other = load_bert(tiny)
    with torch.no_grad():
        other.embeddings.word_embeddings.weight.add_(1.0)
    mine = load_bert(tiny, share=other)
    assert mine.embeddings.word_embeddings.weight is not other.embeddings.word_embeddings.weight
    assert mine.embeddings.LayerNorm.weight is other.embeddings.LayerNorm.weight
