"""Corpus scale (issue 12): --jobs, the per-stage cost of a build, peak memory, the Dask
engine against --jobs, the bulk load of its N-Quads, and validation per article.

Each step runs the real command in a child process and samples the memory of the whole
process tree (psutil), so the figures include the worker processes.

    python benchmarks/bench_scale.py corpus --articles 10000 --out /tmp/c10k.jsonl
    python benchmarks/bench_scale.py extract /tmp/c10k.jsonl --jobs 1 2 [--limit 2000]
    python benchmarks/bench_scale.py build /tmp/c10k.jsonl --jobs 2
    python benchmarks/bench_scale.py stages /tmp/c10k.jsonl
    python benchmarks/bench_scale.py distributed /tmp/c10k.jsonl --partitions 8 --workers 2
    python benchmarks/bench_scale.py validate --articles 10 1000
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
ENV = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def write_corpus(path: Path, n: int, seed: int = 7) -> None:
    """N generated articles (bench_extract's templates, both languages) as JSONL, 5,000 at a time."""
    from bench_extract import corpus
    with open(path, "w", encoding="utf-8") as fh:
        for start in range(0, n, 5000):
            for k, art in enumerate(corpus(min(5000, n - start), seed=seed + start)):
                fh.write(json.dumps({"id": f"gen-{start + k:07d}", "text": art.text, "language": art.language,
                                     "published": art.published.isoformat()}, ensure_ascii=False) + "\n")


def run_measured(cmd: list[str], stdout=subprocess.DEVNULL) -> dict:
    """Run `cmd`; wall time, CPU of the process tree, peak RSS of the tree and of the main process."""
    import psutil
    start = time.perf_counter()
    before = os.times()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=stdout, stderr=subprocess.PIPE)
    peak = {"tree": 0, "main": 0}

    def sample() -> None:
        try:
            p = psutil.Process(proc.pid)
            while proc.poll() is None:
                procs = [p] + p.children(recursive=True)
                rss = [q.memory_info().rss for q in procs if q.is_running()]
                peak["tree"] = max(peak["tree"], sum(rss))
                peak["main"] = max(peak["main"], rss[0] if rss else 0)
                time.sleep(0.2)
        except psutil.Error:
            pass
    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    t.join()
    after = os.times()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode()[-2000:]}")
    return {"wall": time.perf_counter() - start,
            "cpu": (after.children_user - before.children_user) + (after.children_system - before.children_system),
            "rss_tree_mib": peak["tree"] / 2**20, "rss_main_mib": peak["main"] / 2**20,
            "stderr": err.decode()}


def lines(path: str) -> int:
    with open(path, "rb") as fh:
        return sum(1 for _ in fh)


def head(path: str, n: int, tmp: Path) -> str:
    out = tmp / f"head-{n}.jsonl"
    with open(path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for k, line in enumerate(src):
            if k >= n:
                break
            dst.write(line)
    return str(out)


def cmd_extract(args, tmp: Path) -> None:
    path = head(args.corpus, args.limit, tmp) if args.limit else args.corpus
    n = lines(path)
    rates = {}
    for jobs in args.jobs:
        m = run_measured([sys.executable, "-m", "kg", "extract", path, "--jobs", str(jobs)])
        rates[jobs] = n / m["wall"]
        print(f"kg extract --jobs {jobs}: {n} articles in {m['wall']:.1f} s = {rates[jobs]:.1f} articles/s "
              f"(CPU {m['cpu']:.1f} s, {m['cpu'] / n * 1000:.1f} ms/article; peak RSS tree "
              f"{m['rss_tree_mib']:.0f} MiB, main {m['rss_main_mib']:.0f} MiB)", flush=True)
    if 1 in rates and len(rates) > 1:
        best = max(j for j in rates if j != 1)
        print(f"speed-up --jobs {best} / --jobs 1: {rates[best] / rates[1]:.2f}x")


def cmd_build(args, tmp: Path) -> None:
    n = lines(args.corpus)
    for jobs in args.jobs:
        out = tmp / f"build-{jobs}"
        m = run_measured([sys.executable, "-m", "kg", "build", args.corpus, "--out", str(out), "--jobs", str(jobs),
                          *sum((["-f", f] for f in args.format), [])])
        print(f"kg build --jobs {jobs} ({', '.join(args.format)}): {n} articles in {m['wall']:.1f} s = "
              f"{n / m['wall']:.1f} articles/s (CPU {m['cpu']:.1f} s; peak RSS tree {m['rss_tree_mib']:.0f} MiB, "
              f"main {m['rss_main_mib']:.0f} MiB)", flush=True)
        shutil.rmtree(out, ignore_errors=True)


def cmd_stages(args, tmp: Path) -> None:
    """CPU per stage of a build in one process: extraction, merge, each writer."""
    from kg import exporters
    from kg.extract import reader
    from kg.extract.pipeline import extract
    from kg.graph.network import add_extraction, new_graph
    path = head(args.corpus, args.limit, tmp) if args.limit else args.corpus
    g, cpu = new_graph(), {"read": 0.0, "extraction": 0.0, "merge": 0.0}
    t = time.process_time()
    for item in reader.read_inputs([path]):
        t1 = time.process_time()
        cpu["read"] += t1 - t
        ex = extract(item.article)
        t2 = time.process_time()
        add_extraction(g, ex)
        t = time.process_time()
        cpu["extraction"] += t2 - t1
        cpu["merge"] += t - t2
    for name in args.format:
        t = time.process_time()
        exporters.export(g, name, tmp / f"graph{exporters.get(name).suffix}")
        cpu[f"write {name}"] = time.process_time() - t
    total = sum(cpu.values())
    n = len(g.graph["articles"])
    print(f"stages of a build of {n} articles ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges), "
          f"CPU {total:.1f} s:")
    for stage, s in cpu.items():
        print(f"  {stage:<18} {s:8.2f} s  {100 * s / total:5.1f} %")


def cmd_distributed(args, tmp: Path) -> None:
    """The Dask engine (local cluster, N workers) against kg build --jobs N; then the bulk load."""
    n = lines(args.corpus)
    parts = tmp / "parts"
    parts.mkdir()
    with open(args.corpus, encoding="utf-8") as src:
        outs = [open(parts / f"part-{k:03d}.jsonl", "w", encoding="utf-8") for k in range(args.partitions)]
        size = -(-n // args.partitions)
        for k, line in enumerate(src):
            outs[k // size].write(line)
        for fh in outs:
            fh.close()
    out = tmp / "run"
    m = run_measured([sys.executable, "-m", "kg", "distributed", str(parts), "--out", str(out),
                      "--workers", str(args.workers)])
    print(f"kg distributed, local cluster of {args.workers} workers, {args.partitions} partitions: {n} articles in "
          f"{m['wall']:.1f} s = {n / m['wall']:.1f} articles/s (peak RSS tree {m['rss_tree_mib']:.0f} MiB)", flush=True)
    b = run_measured([sys.executable, "-m", "kg", "build", str(parts), "--out", str(tmp / "b"), "--jobs",
                      str(args.workers), "-f", "graph-json", "-f", "nquads"])
    print(f"kg build --jobs {args.workers} -f graph-json -f nquads: {n / b['wall']:.1f} articles/s "
          f"({b['wall']:.1f} s)", flush=True)
    size = sum(p.stat().st_size for p in (out / "nquads").iterdir())
    load = run_measured([sys.executable, "-m", "kg", "ingest", "--nquads", str(out / "nquads"),
                         "--store", str(tmp / "store")])
    print(f"kg ingest --nquads: {size / 2**20:.0f} MiB of N-Quads in {load['wall']:.1f} s "
          f"({load['stderr'].strip() or 'ok'})")


def cmd_validate(args, tmp: Path) -> None:
    """Time per article of `kg validate` on a Turtle file (the union) of N articles."""
    from bench_extract import corpus
    from kg.extract.pipeline import extract
    from kg.graph.network import build_graph
    from kg.graph.rdf import write_rdf
    per = {}
    for n in args.articles:
        g = build_graph(extract(a) for a in corpus(n, seed=7))
        path = tmp / f"v{n}.ttl"
        write_rdf(g, path, "turtle")
        m = run_measured([sys.executable, "-m", "kg", "validate", str(path)], stdout=subprocess.PIPE)
        per[n] = m["wall"] / n
        print(f"kg validate of {n} articles (Turtle): {m['wall']:.1f} s, {per[n] * 1000:.0f} ms per article "
              f"(peak RSS {m['rss_tree_mib']:.0f} MiB)", flush=True)
    lo, hi = min(per), max(per)
    print(f"time per article at {hi} / at {lo}: {per[hi] / per[lo]:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("--articles", type=int, required=True)
    c.add_argument("--out", required=True)
    for name in ("extract", "build", "stages", "distributed"):
        s = sub.add_parser(name)
        s.add_argument("corpus")
        s.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
        s.add_argument("--limit", type=int, default=0)
        s.add_argument("--format", nargs="+", default=["graph-json", "turtle"])
        s.add_argument("--partitions", type=int, default=8)
        s.add_argument("--workers", type=int, default=2)
    v = sub.add_parser("validate")
    v.add_argument("--articles", type=int, nargs="+", default=[10, 1000])
    args = ap.parse_args()
    if args.cmd == "corpus":
        write_corpus(Path(args.out), args.articles)
        print(f"{args.articles} articles -> {args.out} ({Path(args.out).stat().st_size / 2**20:.0f} MiB)")
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    print(f"[{args.cmd}] load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores", flush=True)
    try:
        globals()[f"cmd_{args.cmd}"](args, tmp)
        print(f"[{args.cmd}] load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
