"""kill -9 at random points of `kg build`: the outputs are always the old set or the new
set, and no temporary files stay (issue 15, "Builds all or nothing").

A first build writes the old set from one article; each trial then builds from another
article into the same folder and is killed (SIGKILL) after a random delay between 0 and
the length of a whole build.  Right after the kill the folder is checked: each output is
byte for byte the old or the new one, and all of them belong to the same set.  Then the
recovery every `kg build` starts with (`kg.atomic.recover`) runs, and the folder must hold
one whole set and no staging folder or temporary file.

    python benchmarks/bench_build_kill.py [--trials 20] [--seed 15]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OLD = "Presiden Joko Widodo bertemu Presiden Rusia Vladimir Putin di Moskow pada 30 Juni 2022.\n"
NEW = "Russian President Vladimir Putin met US President Donald Trump in Helsinki on July 16, 2018.\n"


def build(src: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", "build", str(src), "--out", str(out), "--published",
                             "2022-07-01"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def state(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir()) if p.is_file()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    from kg.atomic import recover
    rnd = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "old.txt").write_text(OLD)
        (tmp / "new.txt").write_text(NEW)
        ref = tmp / "ref"
        start = time.perf_counter()
        build(tmp / "new.txt", ref / "new").wait()
        length = time.perf_counter() - start
        build(tmp / "old.txt", ref / "old").wait()
        old, new = state(ref / "old"), state(ref / "new")
        assert old.keys() == new.keys() and old != new, "the two reference builds"
        tally = {"old": 0, "new": 0, "mixed": 0, "leftovers before recovery": 0, "bad after recovery": 0}
        for trial in range(args.trials):
            out = tmp / f"t{trial}"
            build(tmp / "old.txt", out).wait()
            proc = build(tmp / "new.txt", out)
            time.sleep(rnd.uniform(0, length))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            now = state(out)
            tally["old" if now == old else "new" if now == new else "mixed"] += 1
            tally["leftovers before recovery"] += any(p.name.startswith(".") for p in out.iterdir())
            recover(out)
            after = state(out)
            leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]
            tally["bad after recovery"] += after not in (old, new) or bool(leftovers)
        print(f"{args.trials} kill -9 trials (a build takes {length:.1f} s): " + ", ".join(f"{k}: {v}" for k, v in tally.items()))
        if tally["mixed"] or tally["bad after recovery"]:
            sys.exit(1)


if __name__ == "__main__":
    main()
