"""Queries of `kg serve` in worker processes, so that a query past its time limit is stopped.

request thread -> an idle `Worker` (a process with the store opened read-only) -> the
query, its answer cut at `max_rows` and serialised -> back through a pipe.

Oxigraph cannot interrupt a query it is evaluating; a thread that gives up on it leaves it
running to its end.  A process can be killed: on a timeout the worker is killed at once and
a fresh one started in the background.  Workers open the store read-only
(`ox.Store.read_only`); such an opening sees the store as it was when opened (`View`):
- a read-only server (the default) follows the writes of other processes (`kg ingest`,
  `kg remove`): before each query a worker compares the store's generation
  (kg.store.lock) with its handle's, and opens the store again, under the shared lock,
  once the writer has let go; while a writer holds the store it answers from the old
  handle, a consistent snapshot;
- with --allow-update the server holds the store for writing (and the lock), so it
  counts its own updates (`generation`) and a worker reopens before its first query after
  one (about 10-20 ms).  pyoxigraph calls reading a store another process writes to
  undefined: an opening can race the writer's file changes, so a worker that fails to open
  or read the store opens it again and retries; RocksDB reports a file compacted away as
  "Corruption: IO error", which is retried the same way.
A worker watches its parent and exits when the server is gone, even killed with -9 in the
middle of a query.
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


def _watch_parent(parent: int) -> None:
    """Exit when the server is gone, even in the middle of a query (kill -9 of the server
    must leave no orphans; Oxigraph releases the GIL while it evaluates, so this runs).
    Not PR_SET_PDEATHSIG: it fires when the *thread* that started the worker ends, and
    replacements are started from short-lived threads."""
    import os
    import time
    while True:
        time.sleep(0.2)
        if os.getppid() != parent:
            os._exit(0)


def _serve_queries(path: str, conn, parent: int, follow: bool = False) -> None:
    """A worker's life: answer (generation, query, default graphs, named graphs, max rows)."""
    import signal
    import time
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C is the server's to handle
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="kg-parent-watch").start()

    from kg.errors import KGError, QueryError
    view = View(path, follow)
    while True:
        try:
            gen, text, default_graph, named_graphs, max_rows = conn.recv()
        except EOFError:
            return
        reply: Any = None
        for attempt in range(5):
            if attempt:
                time.sleep(0.02 * attempt)
            try:
                reply = ("ok", _answer(view.current(gen), text, default_graph, named_graphs, max_rows))
                break
            except QueryError as exc:
                reply = ("query", exc.message)
                break
            except (KGError, OSError, RuntimeError) as exc:
                # a read-only view of a store the server writes to may lose a file to the
                # writer's compaction: open it again and retry
                view.drop()
                message = exc.message if isinstance(exc, KGError) else " ".join(str(exc).split())
                reply = ("store", f"cannot read the store: {message}")
            except Exception as exc:   # noqa: BLE001  (a bug must not kill the worker)
                reply = ("store", f"query failed: {type(exc).__name__}: {' '.join(str(exc).split())}")
                break
        conn.send(reply)


class View:
    """A worker's read-only handle on the store, opened again when the store has changed.

    `follow` (a read-only server): the generation is the store's own (kg.store.lock), which
    writers in other processes (`kg ingest`, `kg remove`) raise when they let go; a fresh
    handle is opened under the shared lock only, and while a writer holds the store the
    old handle (a consistent snapshot) keeps answering.  Otherwise (`--allow-update`: the
    server is the writer and holds the lock) the generation is the one the server sends.
    """

    def __init__(self, path: str, follow: bool):
        self.path = path
        self.follow = follow
        self.store = None
        self.generation: Any = None

    def drop(self) -> None:
        self.store = None

    def current(self, sent: int):
        from kg.store import lock
        gen = lock.generation(self.path) if self.follow else sent
        if self.store is not None and gen == self.generation:
            return self.store
        if not self.follow:
            self.store, self.generation = _open(self.path), gen
        elif self.store is not None:
            with lock.shared(self.path, 0) as taken:
                if taken:       # else a writer holds the store: answer from the old snapshot
                    self.store, self.generation = _open(self.path), lock.generation(self.path)
        else:
            from kg.store.database import open_read_only
            self.store, self.generation = open_read_only(Path(self.path)), gen
        return self.store


def _open(path: str):
    import time

    import pyoxigraph as ox
    for attempt in range(5):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError):     # RocksDB reports a file compacted away as "Corruption"
            if attempt == 4:
                raise
            time.sleep(0.05 * (attempt + 1))


def _answer(store, text: str, default_graph, named_graphs, max_rows: int) -> "Answer":
    import pyoxigraph as ox

    from kg.store.sparql import LocalSource, serialize
    result = LocalSource(store).query(text, default_graph=default_graph, named_graphs=named_graphs)
    if result.kind == "ask":
        return Answer("ask", b"", bool(result.boolean))
    if result.kind == "graph":
        triples, cut = _take(result.triples, max_rows)
        return Answer("graph", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", truncated=cut)
    rows, cut = _take(result.rows, max_rows)
    result.rows = iter(rows)
    return Answer("select", "".join(serialize(result, "json")).encode("utf-8"), truncated=cut)


def _take(items, limit: int) -> tuple[list, bool]:
    out = []
    for item in items:
        if len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


class Worker:
    def __init__(self, path: str, follow: bool = False):
        self.conn, child = _CTX.Pipe()
        import os
        self.process = _CTX.Process(target=_serve_queries, args=(path, child, os.getpid(), follow), daemon=True,
                                    name="kg-sparql-worker")
        self.process.start()
        child.close()

        self._killed = threading.Lock()

    def kill(self) -> None:
        """Stop the process and close its pipe; once, whichever thread asks first (a
        request thread on a timeout and `WorkerPool.close` may both ask)."""
        if not self._killed.acquire(blocking=False):
            return
        self.process.kill()
        self.process.join(5)
        try:
            self.conn.close()
        except OSError:
            pass


class WorkerPool:
    """`size` worker processes over the store in `path`; one query each at a time."""

    def __init__(self, path: str | Path, size: int, queue_size: int = 0, follow: bool = False):
        """`queue_size` requests may wait for a worker, beyond the `size` being answered;
        `follow`: workers follow the writes of other processes (`View`)."""
        self.path = str(path)
        self.follow = follow
        self.size = size
        self.admitted = threading.BoundedSemaphore(size + queue_size)
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.workers: list[Worker] = []          # every live worker, idle or busy
        self.lock = threading.Lock()
        self.generation = 0
        self.closed = False
        for _ in range(size):
            self._add(Worker(self.path, self.follow))

    def _add(self, worker: Worker) -> None:
        with self.lock:
            if self.closed:
                worker.kill()
                return
            self.workers.append(worker)
            self.idle.put(worker)

    def _drop(self, worker: Worker) -> None:
        with self.lock:
            if worker in self.workers:
                self.workers.remove(worker)
        worker.kill()

    def updated(self) -> None:
        """The store was written to: workers reopen it before their next query."""
        self.generation += 1

    def query(self, text: str, default_graph, named_graphs, max_rows: int, timeout: float) -> Answer:
        """The answer; raises Busy when the queue is full or no worker is free within
        `timeout` seconds, Timeout past `timeout` seconds of running (the worker is then
        killed), QueryError / StoreError for what the worker reported."""
        if not self.admitted.acquire(blocking=False):
            raise Busy()
        try:
            try:
                worker = self.idle.get(timeout=timeout)       # waiting in the queue
            except queue.Empty:
                raise Busy() from None
            return self._ask(worker, text, default_graph, named_graphs, max_rows, timeout)
        finally:
            self.admitted.release()

    def _ask(self, worker: Worker, text: str, default_graph, named_graphs, max_rows: int, timeout: float) -> Answer:
        from kg.errors import QueryError, StoreError
        try:
            worker.conn.send((self.generation, text, default_graph, named_graphs, max_rows))
            if not worker.conn.poll(timeout):
                raise Timeout()
            status, payload = worker.conn.recv()
        except (Timeout, EOFError, OSError) as exc:
            self._drop(worker)
            self._replace()
            if isinstance(exc, Timeout):
                raise
            raise StoreError("the query worker stopped; try again") from None
        with self.lock:
            back = not self.closed
            if back:
                self.idle.put(worker)
        if not back:
            self._drop(worker)
        if status == "query":
            raise QueryError(payload)
        if status == "store":
            raise StoreError(payload)
        return payload

    def _replace(self) -> None:
        def start() -> None:
            import time
            for attempt in range(5):
                if self.closed:
                    return
                try:
                    self._add(Worker(self.path, self.follow))
                    return
                except OSError:     # no process or no file handle to spare now: try again
                    time.sleep(0.5 * (attempt + 1))
        threading.Thread(target=start, daemon=True, name="kg-sparql-worker-start").start()

    def pids(self) -> list[int]:
        with self.lock:
            return [w.process.pid for w in self.workers]

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers, self.workers = self.workers, []
        for w in workers:
            w.kill()
