"""Arithmetic precision of the MiniLM encoders: ``CLAIMX_PRECISION=fp32|bf16|int8|auto``.

``auto`` (the default) runs bfloat16 where this CPU has native bfloat16 arithmetic (AVX512-BF16
or AMX, or a GPU that supports it), else float32: the same choice on every run of one machine.
``fp32`` forces the path every CPU has, so a bf16 machine can reproduce an AVX2 one; ``int8`` is
dynamic int8 quantisation of the Linear layers (per-channel weights; see
``scripts/bench_precision.py`` for what it costs in accuracy).

Example:
    >>> requested_precision({"CLAIMX_PRECISION": "FP32"})
    'fp32'
    >>> choose_precision("auto", bf16_faster=False)
    'fp32'
"""

from __future__ import annotations

import functools
import os
import platform
import time
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from claimx.errors import UsageError

PRECISIONS: tuple[str, ...] = ("auto", "fp32", "bf16", "int8")
PRECISION_ENV = "CLAIMX_PRECISION"
BF16_FLAGS: tuple[str, ...] = ("avx512_bf16", "amx_bf16")
"""CPU flags (``/proc/cpuinfo``) of native bfloat16 arithmetic."""


def requested_precision(env: Mapping[str, str] | None = None) -> str:
    """The precision ``CLAIMX_PRECISION`` asks for (``auto`` when unset); a bad value is a one-line error.

    >>> requested_precision({})
    'auto'
    """
    env = os.environ if env is None else env
    value = (env.get(PRECISION_ENV) or "auto").strip().lower()
    if value not in PRECISIONS:
        raise UsageError(f"{PRECISION_ENV}={value!r} is not a precision (use {', '.join(PRECISIONS)})")
    return value


def choose_precision(requested: str, *, bf16_faster: bool | None = None) -> str:
    """The precision to run: ``requested`` unless it is ``auto`` (then bf16 where faster, else fp32).

    ``bf16_faster``: None times it here (:func:`bf16_is_faster`).

    >>> choose_precision("int8"), choose_precision("auto", bf16_faster=True)
    ('int8', 'bf16')
    """
    if requested not in PRECISIONS:
        raise UsageError(f"unknown precision {requested!r} (use {', '.join(PRECISIONS)})")
    if requested != "auto":
        return requested
    faster = bf16_is_faster() if bf16_faster is None else bf16_faster
    return "bf16" if faster else "fp32"


def cpu_flags() -> frozenset[str]:
    """The CPU's feature flags from ``/proc/cpuinfo`` (empty where there is none)."""
    info = Path("/proc/cpuinfo")
    if not info.is_file():
        return frozenset()
    for line in info.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("flags"):
            return frozenset(line.partition(":")[2].split())
    return frozenset()


def cpu_model() -> str:
    """The CPU's model name (``/proc/cpuinfo``, else :func:`platform.processor`)."""
    info = Path("/proc/cpuinfo")
    if info.is_file():
        for line in info.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    return platform.processor() or platform.machine()


def cpu_has_bf16(flags: frozenset[str] | None = None) -> bool:
    """Whether the CPU has native bfloat16 arithmetic (AVX512-BF16 or AMX); ``flags``: these
    instead of :func:`cpu_flags`.

    >>> cpu_has_bf16(frozenset({"avx2", "avx512_bf16"})), cpu_has_bf16(frozenset({"avx2"}))
    (True, False)
    """
    return bool((cpu_flags() if flags is None else flags) & set(BF16_FLAGS))


@functools.cache
def bf16_is_faster() -> bool:
    """Whether bfloat16 runs faster than float32 here: the CPU's flags say so (AVX512-BF16 or AMX).

    Decided by the flags, not by timing, so that one machine always picks the same precision
    (a timing taken while the machine is busy could flip, and claims with it). Only where the
    flags cannot be read (no ``/proc/cpuinfo``) is a MiniLM-sized matmul timed (~50 ms).
    """
    import torch

    if torch.cuda.is_available():
        return torch.cuda.is_bf16_supported()
    flags = cpu_flags()
    return cpu_has_bf16(flags) if flags else _bf16_timed_faster()


def _bf16_timed_faster() -> bool:
    """Whether a MiniLM-sized matmul runs faster in bfloat16 than in float32 (timed, ~50 ms)."""
    import torch

    x = torch.randn(512, 384)
    w = torch.randn(1536, 384)
    timings = {}
    for dtype in (torch.float32, torch.bfloat16):
        a, b = x.to(dtype), w.to(dtype)
        torch.nn.functional.linear(a, b)  # warm-up
        start = time.perf_counter()
        for _ in range(5):
            torch.nn.functional.linear(a, b)
        timings[dtype] = time.perf_counter() - start
    return timings[torch.bfloat16] < 0.8 * timings[torch.float32]


def apply_precision(module: Any, precision: str) -> Any:
    """``module`` (a torch encoder, on CPU) in ``precision``: cast to bf16, int8-quantised, or as it is.

    Returns the module to use. Quantisation swaps ``module``'s Linear layers for int8 ones in place
    (a copy would hold the float32 model twice while it runs); the Linear layers' weights are only
    read, so a tensor shared with another module stays as it is. Outputs of a bf16 module are bf16:
    callers cast them back with ``.float()``.
    """
    import torch

    if precision == "fp32":
        return module
    if precision == "bf16":
        return module.to(torch.bfloat16)
    if precision == "int8":
        from torch.ao.quantization import per_channel_dynamic_qconfig

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return torch.ao.quantization.quantize_dynamic(
                module, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8, inplace=True
            )
    raise UsageError(f"unknown precision {precision!r} (use fp32, bf16 or int8)")
