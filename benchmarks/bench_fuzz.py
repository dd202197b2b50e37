"""The fuzz property of tests/test_fuzz.py over many more cases, counting failures
instead of stopping at the first (issue 15 acceptance: 5,000 cases).

    python benchmarks/bench_fuzz.py [--cases 5000]

The cases are derandomized (the same on every run); each failure is printed as the case
and what went wrong, and the exit status is 1 when there is any.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=5000)
    args = ap.parse_args()
    from hypothesis import HealthCheck, given, settings
    from test_fuzz import cases, check
    seen: Counter = Counter()
    failures: list[tuple[dict, str]] = []

    @settings(max_examples=args.cases, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(cases())
    def probe(case):
        seen[case["command"]] += 1
        problem = check(case)
        if problem is not None:
            failures.append((case, problem))
    start = time.perf_counter()
    probe()
    for case, problem in failures:
        print(f"FAIL {case!r}: {problem}")
    print(f"{sum(seen.values())} cases ({', '.join(f'{k} {v}' for k, v in sorted(seen.items()))}) in "
          f"{time.perf_counter() - start:.0f} s: {len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
