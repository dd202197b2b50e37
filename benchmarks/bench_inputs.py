"""Memory of reading a JSONL corpus: peak RSS stays flat as the corpus grows.

Writes JSONL corpora of N rows (the generated articles of bench_extract.py, both
languages), then, in a fresh process for each, streams them through the reader
(`read_inputs`) and through reader + extraction + contract JSON, and prints the peak
resident set size.  A reader that loaded the corpus whole would grow with N.

    python benchmarks/bench_inputs.py [--rows 1000 10000]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def write_corpus(path: Path, rows: int) -> int:
    from bench_extract import corpus
    with open(path, "w", encoding="utf-8") as fh:
        for art in corpus(rows, seed=7):
            fh.write(json.dumps({"text": art.text, "published": art.published.isoformat(),
                                 "language": art.language}, ensure_ascii=False) + "\n")
    return path.stat().st_size


def _peak_rss_mib() -> float:
    # VmHWM belongs to this process image; ru_maxrss would carry the parent's peak over fork
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(path: str, extract: bool) -> None:
    from kg.extract import reader
    from kg.extract.pipeline import extract as run_extract, to_contract
    n = 0
    start = time.perf_counter()
    for item in reader.read_inputs([path]):
        if item.article is not None:
            n += 1
            if extract:
                json.dumps(to_contract(run_extract(item.article)))
    peak = _peak_rss_mib()
    print(json.dumps({"articles": n, "peak_mib": round(peak, 1), "seconds": round(time.perf_counter() - start, 1)}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run(args.child[0], args.child[1] == "extract")
        return
    with tempfile.TemporaryDirectory() as tmp:
        print("| rows | corpus size | read: peak RSS | read + extract: peak RSS | read + extract: time |")
        print("| --- | --- | --- | --- | --- |")
        for rows in args.rows:
            path = Path(tmp) / f"c{rows}.jsonl"
            size = write_corpus(path, rows)
            res = {}
            for mode in ("read", "extract"):
                out = subprocess.run([sys.executable, __file__, "--child", str(path), mode],
                                     capture_output=True, text=True, check=True)
                res[mode] = json.loads(out.stdout)
            print(f"| {rows:,} ({res['read']['articles']:,} articles) | {size / 1048576:.1f} MiB | "
                  f"{res['read']['peak_mib']} MiB | {res['extract']['peak_mib']} MiB | "
                  f"{res['extract']['seconds']} s |")


if __name__ == "__main__":
    main()
