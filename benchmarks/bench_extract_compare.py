"""Extraction speed of two checkouts, measured in one run, interleaved (issue 9).

The realistic set (tests/data/realistic/, 24 articles written in the shape of web pages) is
replicated to N articles; each checkout extracts them in its own process (its own code and
data), in alternating rounds, so machine load drifts on both alike.  Prints articles/s of
each and the ratio.

    python benchmarks/bench_extract_compare.py --base /path/to/old/checkout [--articles 2000] [--rounds 3]

CPU time of the extraction loop (reading, extraction, contract), not process start-up or
knowledge-base loading.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALISTIC = ROOT / "tests" / "data" / "realistic"

WORKER = r'''
import glob, json, sys, time
sys.path.insert(0, sys.argv[1])
import os
if os.path.isdir(os.path.join(sys.argv[1], "kg", "extract")):
    from kg.extract import pipeline, reader
else:                           # the flat layout before the package was split into layers
    from kg import pipeline, reader
files = sorted(glob.glob(sys.argv[2] + "/*.txt"))
n = int(sys.argv[3])
arts = [reader.read_text_article(open(f, encoding="utf-8").read(), f) for f in files]
for a in arts:                  # knowledge base, gazetteer and language data loaded before timing
    json.dumps(pipeline.to_contract(pipeline.extract(a)))
start = time.process_time()
for i in range(n):
    json.dumps(pipeline.to_contract(pipeline.extract(arts[i % len(arts)])))
print(json.dumps({"seconds": time.process_time() - start, "articles": n}))
'''


def run(checkout: Path, n: int) -> float:
    out = subprocess.run([sys.executable, "-c", WORKER, str(checkout), str(REALISTIC), str(n)],
                         capture_output=True, text=True, cwd=checkout)
    if out.returncode:
        sys.exit(f"{checkout}: {out.stderr.strip().splitlines()[-1]}")
    doc = json.loads(out.stdout.strip().splitlines()[-1])
    return doc["articles"] / doc["seconds"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="the other checkout (the code before the change)")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    rates: dict[str, list[float]] = {"base": [], "this": []}
    for r in range(args.rounds):
        order = [("base", args.base), ("this", ROOT)] if r % 2 == 0 else [("this", ROOT), ("base", args.base)]
        for name, checkout in order:
            rates[name].append(run(checkout.resolve(), args.articles))
            print(f"round {r + 1} {name}: {rates[name][-1]:.1f} articles/s", flush=True)
    base, this = statistics.median(rates["base"]), statistics.median(rates["this"])
    print(f"base {base:.1f} articles/s, this {this:.1f} articles/s (median of {args.rounds}), ratio {this / base:.2f}x")


if __name__ == "__main__":
    main()
