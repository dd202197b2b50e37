"""Cost of extraction on adversarial text: time and peak RSS for one article of 10 KB,
100 KB and 1 MB (issue 15, "Inputs").

Each case runs in a fresh process that first extracts a short text (the knowledge base
and the language resources are loaded then), and then times `extract_text` on one
article of the given size.  The acceptance: per byte, the 100 KB and 1 MB articles cost
at most twice what the 10 KB one does, and 1 MB stays under 400 MB of peak RSS.

    python benchmarks/bench_adversarial.py [--sizes 10000 100000 1000000] [--cases putin stops lines prose]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# the reproductions of the issue: one endless line of coordinations, a run of stops,
# a file of "A." lines, and ordinary prose repeated (many sentences, many relations)
CASES = {
    "putin": lambda n: ("Putin spoke with Trump and " * (n // 27 + 1))[:n] + ".",
    "stops": lambda n: "Putin said " + (".!?" * (n // 3 + 1))[:n] + " Then",
    "lines": lambda n: "A.\n" * (n // 3),
    "prose": lambda n: ("Putin met Trump in Moscow on Tuesday. Jokowi visited Beijing and Xi said "
                        "the talks were good. " * (n // 94 + 1))[:n],
}


def _peak_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def one(case: str, size: int) -> None:
    from kg.extract.pipeline import extract_text
    extract_text("Putin met Trump in Moscow.", language="en", published=date(2020, 1, 1))
    text = CASES[case](size)
    start = time.process_time()
    ex = extract_text(text, language="en", published=date(2020, 1, 1))
    print(json.dumps({"case": case, "bytes": len(text.encode()), "seconds": round(time.process_time() - start, 3),
                      "peak_mib": round(_peak_rss_mib(), 1), "relations": len(ex.relations),
                      "notes": list(ex.warnings)[-1:]}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--cases", nargs="+", default=list(CASES))
    ap.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        return one(args.one[0], int(args.one[1]))
    print("| input | size | CPU time | per KB | vs 10 KB per byte | peak RSS |\n| --- | --- | --- | --- | --- | --- |")
    for case in args.cases:
        base = None
        for size in args.sizes:
            out = subprocess.run([sys.executable, __file__, "--one", case, str(size)], capture_output=True,
                                 text=True, check=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            per_kb = r["seconds"] / (r["bytes"] / 1000)
            base = base or per_kb
            print(f"| {case} | {r['bytes'] / 1000:,.0f} KB | {r['seconds']:.2f} s | {per_kb * 1000:.2f} ms "
                  f"| {per_kb / base:.2f}× | {r['peak_mib']:.0f} MiB |", flush=True)


if __name__ == "__main__":
    main()
