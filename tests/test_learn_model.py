"""The learned extractor end to end on a tiny random encoder: overfit, save, reload, same predictions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from tiny_bert import save_tiny_bert  # noqa: E402

from claimx.extract.finders.learned.align import regex_sentences  # noqa: E402
from claimx.extract.finders.learned.finder import LearnedFrameFinder, predict_frames  # noqa: E402
from claimx.learn.arguments import TrainingArguments  # noqa: E402
from claimx.learn.labelled import LabelledDoc  # noqa: E402
from claimx.learn.train import train  # noqa: E402

TEXTS = [
    ("Russian jets bombed Douma on Monday.", "bombed", "air_strike",
     {"actor": "Russian jets", "location": "Douma", "date": "Monday"}),
    ("Rebels shelled Aleppo, killing five civilians.", "shelled", "shelling",
     {"actor": "Rebels", "location": "Aleppo", "target": "five civilians"}),
    ("Police arrested two activists in Homs.", "arrested", "arrest",
     {"actor": "Police", "target": "two activists", "location": "Homs"}),
]  # fmt: skip


def _doc(i: int, text: str, trigger: str, atype: str, args: dict[str, str]) -> LabelledDoc:
    def span(s: str) -> dict[str, int]:
        start = text.index(s)
        return {"start": start, "end": start + len(s)}

    return LabelledDoc.from_json(
        {
            "id": f"d{i}",
            "text": text,
            "split": "train",
            "actions": [
                {**span(trigger), "type": atype, "args": [{"role": r, **span(s)} for r, s in args.items()]}
            ],
        }
    )


DOCS = [_doc(i, *t) for i, t in enumerate(TEXTS)]


def _split(texts):
    return [regex_sentences(t) for t in texts]


@pytest.fixture(scope="module")
def tiny_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer, 32-wide random BERT with a word-piece vocabulary of the test sentences, saved to disk."""
    folder = tmp_path_factory.mktemp("tiny_encoder")
    words = sorted({w for t, *_ in TEXTS for w in re.findall(r"\w+|[^\w\s]", t.lower())})
    # no dropout: three examples must be fitted exactly
    return save_tiny_bert(folder, [*words, "the", "in", "##s", "##ed"], heads=2, pooler=False, dropout=0.0)


def _args(out: Path, encoder: Path, seed: int = 3, epochs: int = 60) -> TrainingArguments:
    return TrainingArguments(
        out_dir=out,
        encoder_path=encoder,
        epochs=epochs,
        batch_size=3,
        lr=2e-2,
        head_lr=2e-2,
        warmup=0.05,
        max_length=32,
        dropout=0.0,
        o_weight=1.0,
        seed=seed,
        device="cpu",
        threads=1,
    )


def _summary(frames) -> list[list[tuple]]:
    return [
        [(f.action.text, f.action_type, sorted((r, s.text) for r, s in f.args.items())) for f in fs]
        for fs in frames
    ]


def _expected() -> list[list[tuple]]:
    return [[(trig, atype, sorted(args.items()))] for _, trig, atype, args in TEXTS]


@pytest.fixture(scope="module")
def trained(tiny_encoder: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("model")
    result = train(_args(out, tiny_encoder), DOCS, splitter=_split, progress=False)
    return result


def test_overfits_three_examples_and_reloads_with_same_predictions(trained, tiny_encoder: Path) -> None:
    out = trained.out_dir
    assert sorted(p.name for p in out.iterdir()) == ["config.json", "model.safetensors", "training.json"]
    finder = LearnedFrameFinder.load(out, encoder_path=tiny_encoder, precision="fp32", prefilter=False)
    texts = [t for t, *_ in TEXTS]
    reloaded = finder.find_texts(texts, _split(texts))
    assert _summary(reloaded) == _expected()
    assert all(f.backend == "learned" and 0 < f.score <= 1 for fs in reloaded for f in fs)
    # the offsets point into the text
    for text, fs in zip(texts, reloaded, strict=True):
        for f in fs:
            assert text[f.action.start : f.action.end] == f.action.text
            assert f.sent_start == 0 and f.sent_end == len(text)
    # a second load gives the same version and frames
    again = LearnedFrameFinder.load(out, encoder_path=tiny_encoder, precision="fp32", prefilter=False)
    assert again.version == finder.version and len(finder.version) == 12
    assert again.find_texts(texts, _split(texts)) == reloaded


def test_saved_folder_holds_no_base_encoder_weights(trained) -> None:
    from safetensors.torch import load_file

    state = load_file(str(trained.out_dir / "model.safetensors"))
    encoder_keys = [k for k in state if k.startswith("encoder.")]
    assert encoder_keys and all(k.endswith((".lora_a", ".lora_b")) for k in encoder_keys)
    config = json.loads((trained.out_dir / "config.json").read_text())
    assert config["encoder_fingerprint"] and "bombed" in config["trigger_words"]


def test_quantised_reload_predicts_the_same(trained, tiny_encoder: Path) -> None:
    finder = LearnedFrameFinder.load(
        trained.out_dir, encoder_path=tiny_encoder, precision="int8", allow_unvalidated=True, prefilter=False
    )
    texts = [t for t, *_ in TEXTS]
    assert _summary(finder.find_texts(texts, _split(texts))) == _expected()


def test_same_seed_same_weights(tiny_encoder: Path, tmp_path: Path) -> None:
    from safetensors.torch import load_file

    states = []
    for name in ("a", "b"):
        train(_args(tmp_path / name, tiny_encoder, epochs=2), DOCS, splitter=_split, progress=False)
        states.append(load_file(str(tmp_path / name / "model.safetensors")))
    assert states[0].keys() == states[1].keys()
    assert all(torch.equal(states[0][k], states[1][k]) for k in states[0])


def test_untrained_net_predicts_through_the_same_decoder(tiny_encoder: Path) -> None:
    from claimx.actions import ACTION_TYPES
    from claimx.extract.finders.learned.finder import load_encoder
    from claimx.extract.finders.learned.model import ExtractorNet, NetConfig
    from claimx.types import ROLES

    encoder, tokenizer = load_encoder(tiny_encoder)
    net = ExtractorNet(
        encoder, NetConfig(action_types=ACTION_TYPES, roles=ROLES, hidden_size=32, max_length=32)
    )
    frames = predict_frames(net, tokenizer, ["Rebels shelled Aleppo."], [[(0, 22)]])
    assert len(frames) == 1  # whatever it finds, one list per text


def test_missing_model_folder_is_a_usage_error(tmp_path: Path) -> None:
    from claimx.errors import UsageError

    with pytest.raises(UsageError, match="no trained model"):
        LearnedFrameFinder.load(tmp_path)


def test_frozen_then_adapted_layers_equal_the_full_encoder(tiny_encoder: Path) -> None:
    from claimx.actions import ACTION_TYPES
    from claimx.extract.finders.learned.finder import load_encoder
    from claimx.extract.finders.learned.model import ExtractorNet, NetConfig
    from claimx.types import ROLES

    encoder, tokenizer = load_encoder(tiny_encoder)
    cfg = NetConfig(action_types=ACTION_TYPES, roles=ROLES, hidden_size=32, max_length=32, lora_layers=1)
    net = ExtractorNet(encoder, cfg).eval()
    assert net.n_frozen == 1
    assert all("layer.1." in n for n, p in net.encoder.named_parameters() if p.requires_grad)
    enc = tokenizer(
        ["Rebels shelled Aleppo.", "Police arrested two activists in Homs."],
        padding=True,
        return_tensors="pt",
    )
    ids, mask = enc["input_ids"], enc["attention_mask"]
    full = net.encode(ids, mask)
    split = net.encode_adapted(net.encode_frozen(ids, mask), mask)
    assert torch.allclose(full[mask.bool()], split[mask.bool()], atol=1e-5)


def test_training_with_cached_frozen_layers_runs(tiny_encoder: Path, tmp_path: Path) -> None:
    import dataclasses

    args = dataclasses.replace(_args(tmp_path / "m", tiny_encoder, epochs=2), lora_layers=1)
    result = train(args, DOCS, dev_docs=DOCS[:1], splitter=_split, progress=False)
    assert result.best_epoch in (1, 2) and result.dev_report is not None
    config = json.loads((tmp_path / "m" / "config.json").read_text())
    assert config["lora_layers"] == 1 and 0 < config["action_threshold"] < 1


def test_bf16_encoder_finds_the_same_frames(trained, tiny_encoder: Path) -> None:
    from claimx.errors import UsageError

    finder = LearnedFrameFinder.load(
        trained.out_dir, encoder_path=tiny_encoder, precision="bf16", prefilter=False
    )
    assert next(finder.net.encoder.parameters()).dtype == torch.bfloat16
    texts = [t for t, *_ in TEXTS]
    assert _summary(finder.find_texts(texts, _split(texts))) == _expected()
    with pytest.raises(UsageError, match="unknown precision"):
        LearnedFrameFinder.load(trained.out_dir, encoder_path=tiny_encoder, precision="fp8")


def test_threshold_ties_go_to_one_half(trained, tiny_encoder: Path) -> None:
    from claimx.learn.train import tune_on_dev

    finder = LearnedFrameFinder.load(trained.out_dir, encoder_path=tiny_encoder, precision="fp32")
    texts = [d.text for d in DOCS]
    action, arg, report = tune_on_dev(finder.net, finder.tokenizer, DOCS, _split(texts), finder.pattern)
    assert report.get("arguments", "exact").f1 == 1.0  # an overfitted model is perfect at many thresholds
    assert (action, arg) == (0.5, 0.5)


def test_unvalidated_precision_is_a_one_line_error(
    trained, tiny_encoder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimx.errors import UsageError

    monkeypatch.setenv("CLAIMX_PRECISION", "int8")
    with pytest.raises(UsageError, match="not validated for CLAIMX_PRECISION=int8") as err:
        LearnedFrameFinder.load(trained.out_dir, encoder_path=tiny_encoder)
    assert "\n" not in str(err.value)
    monkeypatch.setenv("CLAIMX_PRECISION_UNVALIDATED", "1")
    finder = LearnedFrameFinder.load(trained.out_dir, encoder_path=tiny_encoder)
    assert finder.version.endswith("-int8")


def test_weights_of_another_precision_are_a_one_line_error(
    trained, tiny_encoder: Path, tmp_path: Path
) -> None:
    import shutil

    from safetensors.torch import load_file, save_file

    from claimx.errors import UsageError

    folder = tmp_path / "half"
    shutil.copytree(trained.out_dir, folder)
    state = load_file(str(folder / "model.safetensors"))
    save_file({k: v.to(torch.bfloat16) for k, v in state.items()}, str(folder / "model.safetensors"))
    with pytest.raises(UsageError, match=r"holds torch\.bfloat16 tensors"):
        LearnedFrameFinder.load(folder, encoder_path=tiny_encoder, precision="fp32")


def test_blockwise_argument_head_equals_the_concatenation() -> None:
    from claimx.extract.finders.learned.model import ExtractorNet, NetConfig

    class NoEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = torch.nn.Module()
            self.encoder.layer = torch.nn.ModuleList()

    torch.manual_seed(0)
    cfg = NetConfig(action_types=("a", "b", "c"), roles=("actor", "target"), hidden_size=16, dropout=0.0)
    net = ExtractorNet(NoEncoder(), cfg, with_lora=False)
    net.arg_reach = None  # every pair, as in training
    hidden, sents = torch.randn(3, 20, 16), torch.randint(0, 4, (3, 20)).sort(1).values
    kw = {
        "window": torch.tensor([0, 2, 2, 1]),
        "trig_start": torch.tensor([1, 5, 17, 0]),
        "trig_end": torch.tensor([3, 6, 19, 1]),
        "type_ids": torch.tensor([0, 2, 1, 1]),
    }
    concatenated = net.train().arg_logits(hidden, sents, **kw)  # dropout 0: the training path
    blockwise = net.eval().arg_logits(hidden, sents, **kw)
    assert blockwise.shape == (4, 20, 5)
    assert torch.allclose(blockwise, concatenated, atol=1e-5)


def test_argument_head_reach_scores_only_nearby_sentences() -> None:
    from claimx.extract.finders.learned.model import ExtractorNet, NetConfig

    class NoEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = torch.nn.Module()
            self.encoder.layer = torch.nn.ModuleList()

    torch.manual_seed(1)
    cfg = NetConfig(action_types=("a", "b"), roles=("actor",), hidden_size=8, dropout=0.0)
    net = ExtractorNet(NoEncoder(), cfg, with_lora=False).eval()
    net.arg_reach = None
    hidden = torch.randn(1, 12, 8)
    sents = torch.tensor([[0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]])
    kw = {
        "window": torch.tensor([0]),
        "trig_start": torch.tensor([5]),
        "trig_end": torch.tensor([6]),
        "type_ids": torch.tensor([1]),
    }
    everywhere = net.arg_logits(hidden, sents, **kw)
    net.arg_reach = 0
    same_sentence = net.arg_logits(hidden, sents, **kw)
    assert torch.allclose(same_sentence[0, 4:8], everywhere[0, 4:8], atol=1e-5)
    outside = same_sentence[0, [0, 1, 2, 3, 8, 9, 10, 11]].softmax(-1)
    assert torch.all(outside[:, 0] > 0.999)  # certainly O
    assert not torch.allclose(everywhere[0, :4].softmax(-1)[:, 0], torch.ones(4))
