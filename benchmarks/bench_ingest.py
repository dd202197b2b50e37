"""`kg ingest`'s writes against a pyoxigraph bulk load of the same quads, in one run.

Extracts N generated articles once (not timed), then writes them (a) as `kg ingest` does,
INGEST_BATCH articles per transaction into a new store, and (b) with `Store.build` (one
`bulk_extend`) into another, and prints both times and their ratio (issue 12: <= 2x).

    python benchmarks/bench_ingest.py [--articles 2000]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()
    from bench_extract import corpus
    from kg.extract.pipeline import extract
    from kg.graph.network import build_graph
    from kg.graph.rdf import iter_quads
    from kg.store.database import INGEST_BATCH, Store, _batched
    exs = [extract(a) for a in corpus(args.articles, seed=7)]
    exs = list({ex.article.id: ex for ex in exs}.values())
    tmp = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        start = time.perf_counter()
        with Store(tmp / "ingest", create=True) as st:
            for batch in _batched(((ex, "") for ex in exs), INGEST_BATCH):
                st.add_extractions(batch)
            n = len(st)
        ingest = time.perf_counter() - start
        start = time.perf_counter()
        quads = [q for ex in exs for q in iter_quads(build_graph([ex]))]   # the same quads, made as ingest makes them
        Store.build(tmp / "bulk", quads)
        bulk = time.perf_counter() - start
        with Store(tmp / "bulk") as st:
            assert len(st) == n, (len(st), n)
        print(f"{len(exs)} articles, {n} quads stored")
        print(f"ingest (batches of {INGEST_BATCH}, transactions): {ingest:.2f} s  {len(exs) / ingest:.0f} articles/s")
        print(f"bulk load (Store.build):                 {bulk:.2f} s  {len(exs) / bulk:.0f} articles/s")
        print(f"ratio ingest / bulk load: {ingest / bulk:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
