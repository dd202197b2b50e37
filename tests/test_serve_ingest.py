"""Issue 11, item 7: `kg ingest` and `kg remove` write to a store that `kg serve` is serving,
and the server shows what they wrote (kg.store.lock)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time

import pytest

from kg.errors import StoreError
from kg.graph.network import article_iri
from kg.store.database import Store
from kg.store.lock import WriteLock, generation
from kg.store.workers import View

from conftest import ROOT, SEED
from test_server import call, start_kg_serve, stop, store_dir  # noqa: F401  (fixture)

pytestmark = pytest.mark.server

SEED_ID = "rbth-2017-as-rusia-koalisi-antiteroris"
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def triples_of(url: str, article: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{article_iri(article)}> {{ ?s ?p ?o }} }}"
    status, _, body = call(url, "GET", {"query": query})
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


class Asking:
    """Queries the server in a loop in a thread, recording every status."""

    def __init__(self, url: str):
        self.url, self.statuses, self.counts = url, [], []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.done.is_set():
            status, _, body = call(self.url, "GET", {"query": GRAPHS})
            self.statuses.append(status)
            if status == 200:
                self.counts.append(int(json.loads(body)["results"]["bindings"][0]["n"]["value"]))

    def __enter__(self) -> "Asking":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.thread.join(30)


def test_serve_ingest_and_remove_while_the_server_answers(store_dir):
    proc, url = start_kg_serve(store_dir)
    try:
        assert triples_of(url, SEED_ID) == 0
        with Asking(url) as asking:
            added = kg("ingest", str(SEED), "--store", str(store_dir), "--published", "2017-01-31")
            time.sleep(0.5)                     # a few more answers after the ingest
        assert added.returncode == 0, added.stderr
        assert asking.statuses and set(asking.statuses) == {200}, asking.statuses
        n = int(re.search(rf"added {SEED_ID}: (\d+) triples", added.stdout).group(1))
        assert n > 0 and triples_of(url, SEED_ID) == n       # the server sees the new article
        assert asking.counts[0] < asking.counts[-1]           # and it did while answering in a loop

        with Asking(url) as asking:
            removed = kg("remove", SEED_ID, "--store", str(store_dir))
            time.sleep(0.5)
        assert removed.returncode == 0, removed.stderr
        assert set(asking.statuses) == {200}, asking.statuses
        assert triples_of(url, SEED_ID) == 0
        assert triples_of(url, "sample") > 0
    finally:
        stop(proc)


def test_serve_allow_update_refuses_ingest_naming_the_server(store_dir):
    proc, url = start_kg_serve(store_dir, "--allow-update")
    try:
        started = time.monotonic()
        added = kg("ingest", str(SEED), "--store", str(store_dir), "--published", "2017-01-31")
        assert added.returncode == 1
        assert f"[E170] {store_dir}: the store is open for writing by kg serve --allow-update " \
               f"(pid {proc.pid}, {url})" in added.stderr
        assert time.monotonic() - started < 25             # at once, not after the writers' wait
    finally:
        stop(proc)


def test_lock_view_keeps_its_snapshot_while_a_writer_holds_the_store(store_dir):
    view = View(str(store_dir), follow=True)
    before = len(view.current(0))
    with Store(store_dir, who="test") as st:
        st.remove_articles(["sample"])
        # written but not let go: the reader keeps answering from its snapshot
        assert len(view.current(0)) == before
    assert len(view.current(0)) == 0                       # let go: it catches up


def test_lock_generation_rises_only_after_a_write(store_dir):
    first = generation(store_dir)
    Store(store_dir, who="test").close()
    assert generation(store_dir) == first
    with Store(store_dir, who="test") as st:
        st.remove_articles(["sample"])
    assert generation(store_dir) != first


def test_lock_second_writer_names_the_first(store_dir):
    held = WriteLock(store_dir, "kg ingest (pid 1)")
    try:
        with pytest.raises(StoreError, match=r"being written by kg ingest \(pid 1\); try again"):
            Store(store_dir, wait=0.1)
        # a reader waits `wait` seconds for it to let go, then opens the store beside it
        started = time.monotonic()
        with Store(store_dir, read_only=True, wait=0.3) as st:
            assert st.graphs() == [article_iri("sample")]
        assert time.monotonic() - started >= 0.3
    finally:
        held.release(changed=False)
    with Store(store_dir, read_only=True) as st:
        assert st.graphs()


def test_lock_ingest_writer_lets_go_after_hold(store_dir):
    from kg.store.database import Writer
    first = generation(store_dir)
    with Writer(store_dir, "test", hold=0.0) as writer:
        writer.store().remove_articles(["sample"])
        writer.pause()                                      # open for `hold`: let go
        assert generation(store_dir) != first               # readers may catch up now
        WriteLock(store_dir, "another writer").release(changed=False)
