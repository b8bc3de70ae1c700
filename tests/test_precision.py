"""CLAIMX_PRECISION: parsing, the auto choice, and what each mode does to an encoder."""

from __future__ import annotations

import pytest
import torch

from claimx.errors import UsageError
from claimx.precision import apply_precision, choose_precision, cpu_has_bf16, requested_precision


@pytest.mark.parametrize("value", ["fp32", "BF16", " int8 ", "auto", ""])
def test_known_precisions_are_accepted(value: str) -> None:
    assert requested_precision({"CLAIMX_PRECISION": value}) == (value.strip().lower() or "auto")


def test_unknown_precision_is_a_one_line_error() -> None:
    with pytest.raises(UsageError) as err:
        requested_precision({"CLAIMX_PRECISION": "fp16"})
    assert "\n" not in str(err.value) and "fp32" in str(err.value)


def test_auto_follows_bf16_and_forced_modes_win() -> None:
    assert choose_precision("auto", bf16_faster=True) == "bf16"
    assert choose_precision("auto", bf16_faster=False) == "fp32"
    assert choose_precision("fp32", bf16_faster=True) == "fp32"
    assert choose_precision("int8", bf16_faster=False) == "int8"


def test_cpu_flags_are_read_without_torch() -> None:
    assert cpu_has_bf16() in (True, False)


def _net() -> torch.nn.Module:
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(16, 32), torch.nn.GELU(), torch.nn.Linear(32, 8)).eval()


def test_modes_keep_outputs_close_to_fp32() -> None:
    x = torch.randn(4, 16)
    ref = _net()(x)
    bf16 = apply_precision(_net(), "bf16")
    assert bf16[0].weight.dtype == torch.bfloat16
    int8 = apply_precision(_net(), "int8")
    assert not isinstance(int8[0], torch.nn.Linear)  # replaced by a quantised layer
    for net, x_in in ((bf16, x.to(torch.bfloat16)), (int8, x)):
        out = net(x_in).float()
        assert torch.nn.functional.cosine_similarity(out, ref, dim=-1).min() > 0.98
    assert apply_precision(_net(), "fp32")[0].weight.dtype == torch.float32
    with pytest.raises(UsageError):
        apply_precision(_net(), "fp8")


@pytest.mark.skipif(torch.cuda.is_available(), reason="a GPU decides by its own support")
def test_auto_is_decided_by_the_cpu_flags_not_by_a_timing(monkeypatch: pytest.MonkeyPatch) -> None:
    """One machine always picks the same precision: a busy moment cannot flip it (and the claims)."""
    import claimx.precision as prec

    def never() -> bool:
        raise AssertionError("timed although the flags are known")

    monkeypatch.setattr(prec, "_bf16_timed_faster", never)
    monkeypatch.setattr(prec, "cpu_flags", lambda: frozenset({"avx2", "fma"}))
    prec.bf16_is_faster.cache_clear()
    try:
        assert prec.bf16_is_faster() is False
        monkeypatch.setattr(prec, "cpu_flags", lambda: frozenset({"avx2", "avx512_bf16"}))
        prec.bf16_is_faster.cache_clear()
        assert prec.bf16_is_faster() is True
        monkeypatch.setattr(prec, "_bf16_timed_faster", lambda: True)
        monkeypatch.setattr(prec, "cpu_flags", frozenset)
        prec.bf16_is_faster.cache_clear()
        assert prec.bf16_is_faster() is True, "no flags to read: timed"
    finally:
        prec.bf16_is_faster.cache_clear()
