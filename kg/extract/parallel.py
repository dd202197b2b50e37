"""All cores of one machine: articles in, results out, in input order, through a process pool.

Extraction is a pure function of one article, so `kg build`, `kg ingest` and `kg extract`
hand articles to worker processes in small batches and take the results back in the order
the articles came.  At most `jobs * WINDOW` batches are in flight: memory stays constant in
the corpus size (no list of all articles or all extractions), and the output is the same,
byte for byte, whatever the number of jobs.

The knowledge base and the language data are loaded once per worker (by the initializer;
with `fork` the workers share the parent's copy), never per article.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
from collections import deque
from itertools import chain, islice
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

from kg.errors import InputError

T = TypeVar("T")
R = TypeVar("R")

BATCH = 8       # articles per task: enough to hide the cost of a round trip, small enough to balance
WINDOW = 4      # batches in flight per worker


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:      # not on Linux
        return max(1, os.cpu_count() or 1)


def check_jobs(jobs: int | None) -> int:
    if jobs is None:
        return default_jobs()
    if jobs < 1:
        raise InputError(f"--jobs must be 1 or more, not {jobs}")
    return jobs


def warm() -> None:
    """Load what every extraction needs: the knowledge base and both languages."""
    from kg.extract import kb, lang
    kb.load()
    for code in ("id", "en"):
        lang.get(code)


def _run_batch(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    return [fn(item) for item in batch]


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter), streamed."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _context():
    # fork shares the parent's loaded KB copy-on-write and starts in milliseconds
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")


def pmap(fn: Callable[[T], R], items: Iterable[T], jobs: int = 1, *, batch: int = BATCH,
         extraction: bool = True) -> Iterator[R]:
    """`map(fn, items)` on `jobs` processes, lazily and in order.  `fn` must be picklable
    (a module-level function); an exception it raises comes out here, as `map` would.
    `extraction`: the workers load the knowledge base and language data first."""
    it = iter(items)
    first = list(islice(it, batch))
    if jobs <= 1 or len(first) < batch:     # one article (or a handful): no pool to start
        yield from map(fn, first)
        yield from map(fn, it)
        return
    items = chain(first, it)
    if extraction:
        warm()
    pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=warm if extraction else None)
    window: deque = deque()
    try:
        for chunk in batches(items, batch):
            window.append(pool.submit(_run_batch, fn, chunk))
            while len(window) >= jobs * WINDOW or (window and window[0].done()):
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def extract_all(articles: Iterable, jobs: int = 1) -> Iterator:
    """The `Extraction` of each article, in order (`pipeline.extract` on `jobs` processes)."""
    from kg.extract.pipeline import extract
    return pmap(extract, articles, jobs)


class Progress:
    """One progress line on standard error (only when it is a terminal): articles and rate."""

    def __init__(self, what: str = "articles", stream=None, every: float = 0.5):
        self.stream = stream or sys.stderr
        self.what, self.every = what, every
        self.shown = self.stream.isatty()
        self.n, self.start, self.last = 0, time.monotonic(), 0.0

    def tick(self, n: int = 1) -> None:
        self.n += n
        now = time.monotonic()
        if self.shown and now - self.last >= self.every:
            self.last = now
            rate = self.n / max(now - self.start, 1e-9)
            self.stream.write(f"\r{self.n:,} {self.what}, {rate:,.1f}/s")
            self.stream.flush()

    def close(self) -> None:
        if self.shown and self.n:
            self.stream.write("\r" + " " * 40 + "\r")
            self.stream.flush()

    def wrap(self, items: Iterable[T]) -> Iterator[T]:
        try:
            for item in items:
                yield item
                self.tick()
        finally:
            self.close()
