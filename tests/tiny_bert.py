"""A tiny random BERT saved to disk with its word-piece tokenizer: the encoder of fast model tests."""

from __future__ import annotations

from pathlib import Path

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def save_tiny_bert(
    folder: Path, words: list[str], *, heads: int, pooler: bool = True, dropout: float | None = None
) -> Path:
    """Write a 2-layer, 32-wide random BERT (seed 0) over ``SPECIAL + words`` to ``folder``.

    ``dropout``: hidden and attention dropout (transformers' default when None).
    """
    import torch
    import transformers

    vocab = list(dict.fromkeys([*SPECIAL, *words]))
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tok = transformers.BertTokenizerFast(vocab={w: i for i, w in enumerate(vocab)}, do_lower_case=True)
    tok.save_pretrained(str(folder))
    torch.manual_seed(0)
    drop = (
        {} if dropout is None else {"hidden_dropout_prob": dropout, "attention_probs_dropout_prob": dropout}
    )
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=heads,
        intermediate_size=64,
        max_position_embeddings=64,
        **drop,
    )
    transformers.BertModel(config, add_pooling_layer=pooler).save_pretrained(str(folder))
    return folder
