"""Queries of `kg serve` in worker processes, so that a query past its time limit is stopped.

request thread -> an idle `Worker` (a process with the store opened read-only) -> the
query, its answer cut at `max_rows` and serialised -> back through a pipe.

Oxigraph cannot interrupt a query it is evaluating; a thread that gives up on it leaves it
running to its end.  A process can be killed: on a timeout the worker is killed at once and
a fresh one started in the background.  RocksDB lets any number of processes open a store
read-only beside the one that holds it for writing (`ox.Store.read_only`); such an opening
sees the store as it was when opened, so the server counts its updates (`generation`) and a
worker reopens the store before its first query after one (about 10-20 ms).
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_CTX = mp.get_context("spawn")      # never fork a process that holds a RocksDB handle


@dataclass(frozen=True)
class Answer:
    kind: str                   # "select", "ask" or "graph"
    body: bytes                 # SPARQL JSON (select), N-Triples (graph), b"" (ask)
    boolean: bool | None = None
    truncated: bool = False


class Timeout(Exception):
    pass


class Busy(Exception):
    pass


def _serve_queries(path: str, conn) -> None:
    """A worker's life: answer (generation, query, default graphs, named graphs, max rows)."""
    import pyoxigraph as ox

    from .errors import KGError, QueryError
    from .sparql import LocalSource, serialize
    store, generation = None, -1
    while True:
        try:
            gen, text, default_graph, named_graphs, max_rows = conn.recv()
        except EOFError:
            return
        try:
            if gen != generation:
                store, generation = ox.Store.read_only(path), gen
            result = LocalSource(store).query(text, default_graph=default_graph, named_graphs=named_graphs)
            if result.kind == "ask":
                reply: Any = ("ok", Answer("ask", b"", bool(result.boolean)))
            elif result.kind == "graph":
                triples, cut = _take(result.triples, max_rows)
                reply = ("ok", Answer("graph", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
                                      truncated=cut))
            else:
                rows, cut = _take(result.rows, max_rows)
                result.rows = iter(rows)
                reply = ("ok", Answer("select", "".join(serialize(result, "json")).encode("utf-8"), truncated=cut))
        except QueryError as exc:
            reply = ("query", exc.message)
        except KGError as exc:
            reply = ("store", exc.message)
        except OSError as exc:
            reply = ("store", f"cannot read the store: {' '.join(str(exc).split())}")
        conn.send(reply)


def _take(items, limit: int) -> tuple[list, bool]:
    out = []
    for item in items:
        if len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


class Worker:
    def __init__(self, path: str):
        self.conn, child = _CTX.Pipe()
        self.process = _CTX.Process(target=_serve_queries, args=(path, child), daemon=True,
                                    name="kg-sparql-worker")
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """`size` worker processes over the store in `path`; one query each at a time."""

    def __init__(self, path: str | Path, size: int):
        self.path = str(path)
        self.size = size
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.generation = 0
        self.closed = False
        for _ in range(size):
            self.idle.put(Worker(self.path))

    def updated(self) -> None:
        """The store was written to: workers reopen it before their next query."""
        self.generation += 1

    def query(self, text: str, default_graph, named_graphs, max_rows: int, timeout: float) -> Answer:
        """The answer; raises Busy when every worker is taken, Timeout past `timeout` seconds
        (the worker is then killed), QueryError / StoreError for what the worker reported."""
        from .errors import QueryError, StoreError
        try:
            worker = self.idle.get_nowait()
        except queue.Empty:
            raise Busy() from None
        try:
            worker.conn.send((self.generation, text, default_graph, named_graphs, max_rows))
            if not worker.conn.poll(timeout):
                raise Timeout()
            status, payload = worker.conn.recv()
        except (Timeout, EOFError, OSError) as exc:
            worker.kill()
            self._replace()
            if isinstance(exc, Timeout):
                raise
            raise StoreError("the query worker stopped; try again") from None
        self.idle.put(worker)
        if status == "query":
            raise QueryError(payload)
        if status == "store":
            raise StoreError(payload)
        return payload

    def _replace(self) -> None:
        def start() -> None:
            if not self.closed:
                self.idle.put(Worker(self.path))
        threading.Thread(target=start, daemon=True, name="kg-sparql-worker-start").start()

    def pids(self) -> list[int]:
        return [w.process.pid for w in list(self.idle.queue)]

    def close(self) -> None:
        self.closed = True
        while True:
            try:
                self.idle.get_nowait().kill()
            except queue.Empty:
                return
