"""kg serve: the SPARQL 1.1 Protocol endpoint, as a real process and in-process."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.graph.network import build_graph
from kg.store.server import ServerConfig, SparqlServer
from kg.store.database import Store, graph_quads, with_union

from conftest import ROOT, sample_extraction

pytestmark = pytest.mark.server

TRUMP = "https://w3id.org/dipkg/resource/person/donald-trump"
SPOKE = "SELECT ?o WHERE { ?s dk:spokeWith ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . VALUES ?x { 1 2 3 4 5 6 7 8 9 10 } }"  # ~3 s


@pytest.fixture
def store_dir(tmp_path) -> Path:
    with Store(tmp_path / "store", create=True) as st:
        st.add_extraction(sample_extraction())
    return tmp_path / "store"


def start_kg_serve(store_dir: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """`kg serve --port 0`; the URL is on its first line of output (bounded wait)."""
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store_dir), "--port", "0",
                             "--quiet", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(30)
    if not line or "http://" not in line[0]:
        proc.kill()
        raise AssertionError(f"kg serve did not start: {line} {proc.stderr.read() if proc.poll() is not None else ''}")
    url = line[0].split()[2]
    return proc, url


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def kg_serve(store_dir):
    proc, url = start_kg_serve(store_dir)
    try:
        yield url
    finally:
        stop(proc)


def test_server_sparqlwrapper_query_and_refused_update(kg_serve):
    from SPARQLWrapper import CSV, JSON, POST, SPARQLWrapper
    sw = SPARQLWrapper(kg_serve)
    sw.setQuery("PREFIX dk: <https://w3id.org/dipkg/ontology#>\n"
                "SELECT ?a ?b WHERE { ?a dk:spokeWith ?b }")
    sw.setReturnFormat(JSON)
    bindings = sw.query().convert()["results"]["bindings"]
    assert [(b["a"]["value"], b["b"]["value"].rsplit("/", 1)[1]) for b in bindings] == [(TRUMP, "vladimir-putin")]
    sw.setReturnFormat(CSV)
    assert sw.query().convert().decode().splitlines()[0] == "a,b"

    up = SPARQLWrapper(kg_serve)
    up.setMethod(POST)
    up.setQuery("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }")
    with pytest.raises(urllib.error.HTTPError) as err:
        up.query()
    assert err.value.code == 403
    assert "updates are disabled" in err.value.read().decode()
    sw.setQuery("ASK { <http://x/a> ?p ?o }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is False


def test_server_stops_on_sigterm_and_frees_the_store(store_dir):
    proc, url = start_kg_serve(store_dir, "--allow-update")
    try:
        # reading opens the store read-only (issue 15): it works beside the server
        beside = subprocess.run([sys.executable, "-m", "kg", "query", "ASK {}", "--store", str(store_dir)],
                                cwd=ROOT, capture_output=True, text=True)
        assert beside.stdout == "true\n", beside.stderr
        locked = subprocess.run([sys.executable, "-m", "kg", "remove", "sample", "--store", str(store_dir)],
                                cwd=ROOT, capture_output=True, text=True)
        # issue 11: the error names the server that holds the store for writing, at once
        assert locked.returncode == 1, locked.stderr
        assert "[E170]" in locked.stderr and f"kg serve --allow-update (pid {proc.pid}, {url})" in locked.stderr
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
    free = subprocess.run([sys.executable, "-m", "kg", "query", "ASK {}", "--store", str(store_dir)],
                          cwd=ROOT, capture_output=True, text=True)
    assert free.stdout == "true\n"


def test_server_allow_update_accepts_updates(store_dir):
    proc, url = start_kg_serve(store_dir, "--allow-update")
    try:
        status, _, _ = call(url, "POST", {"update": "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"})
        assert status == 204
        _, _, body = call(url, "GET", {"query": "ASK { <http://x/a> ?p ?o }"})
        assert json.loads(body)["boolean"] is True
        status, _, body = call(url, "POST", {"update": "DROP ALL"}, headers={"Origin": "http://evil.example"})
        assert status == 403 and "updates from web pages are refused" in body
    finally:
        stop(proc)


def children_cpu(pid: int) -> float:
    """CPU seconds used so far by the child processes of `pid` (Linux /proc)."""
    import os
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:                      # ppid
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


HEAVY = ("SELECT (SUM(?x) AS ?s) WHERE { VALUES ?a { %s } VALUES ?b { %s } VALUES ?c { %s } BIND (?a * ?b + ?c AS ?x) }"
         % ((" ".join(map(str, range(300))),) * 3))         # 27 million rows: seconds of CPU


def test_server_timeout_stops_the_query(store_dir):
    """Past --timeout the client gets 503 and the query stops: its worker process is killed."""
    proc, url = start_kg_serve(store_dir, "--timeout", "1", "--max-running", "1")
    try:
        t = time.perf_counter()
        status, _, body = call(url, "GET", {"query": HEAVY})
        assert status == 503 and "timed out after 1 s" in body and "stopped" in body
        assert time.perf_counter() - t < 4
        t = time.perf_counter()
        deadline = time.monotonic() + 20                      # a fresh worker takes over
        while True:
            status, _, body = call(url, "GET", {"query": SPOKE})
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert status == 200 and "vladimir-putin" in body
        assert time.perf_counter() - t < 4.5      # not after the heavy query's end (6-7 s of work)
        # the heavy query had seconds of work left: had it gone on, the server's children
        # would still be busy now
        before = children_cpu(proc.pid)
        time.sleep(1.5)
        assert children_cpu(proc.pid) - before < 0.3          # nothing is left running
    finally:
        stop(proc)


# --- protocol details, on an in-process server ---------------------------------------------

@pytest.fixture
def server():
    def start(**config):
        st = ox.Store()
        st.extend(with_union(graph_quads(build_graph([sample_extraction()]))))
        srv = SparqlServer(st, ServerConfig(port=0, quiet=True, **config))
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        started.append(srv)
        return srv.url
    started: list[SparqlServer] = []
    yield start
    for srv in started:
        srv.shutdown()
        srv.server_close()


def call(url, method="GET", params=None, body=None, headers=None):
    headers = dict(headers or {})
    data = None
    if method == "GET" and params:
        url += "?" + urllib.parse.urlencode(params)
    elif params:
        data = urllib.parse.urlencode(params).encode()
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    elif body is not None:
        data = body.encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode()


@pytest.mark.parametrize("accept,fmt,media", [
    ("application/sparql-results+json", None, "application/sparql-results+json"),
    ("text/csv", None, "text/csv; charset=utf-8"),
    ("text/tab-separated-values", None, "text/tab-separated-values; charset=utf-8"),
    ("application/sparql-results+xml", None, "application/sparql-results+xml"),
    ("text/html,*/*;q=0.8", None, "application/sparql-results+json"),
    ("application/json;q=0.5, text/csv;q=0.9", None, "text/csv; charset=utf-8"),
    ("*/*", "tsv", "text/tab-separated-values; charset=utf-8"),
])
def test_server_result_formats(server, accept, fmt, media):
    url = server()
    params = {"query": SPOKE} | ({"format": fmt} if fmt else {})
    status, headers, body = call(url, "GET", params, headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"] == media
    if media.startswith("text/csv"):    # lossy: pyoxigraph does not parse it
        assert body.splitlines() == ["o", "https://w3id.org/dipkg/resource/person/vladimir-putin"]
    else:
        rf = ox.QueryResultsFormat.from_media_type(media.split(";")[0])
        assert [s["o"].value for s in ox.parse_query_results(body.encode(), rf)] == [
            "https://w3id.org/dipkg/resource/person/vladimir-putin"]


def test_server_post_query_body_construct_and_cors(server):
    url = server()
    status, headers, body = call(url, "POST", body="CONSTRUCT WHERE { ?s dk:spokeWith ?o }",
                                 headers={"Content-Type": "application/sparql-query", "Origin": "http://yasgui.org"})
    assert status == 200 and headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert "person:donald-trump dk:spokeWith person:vladimir-putin ." in body
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = call(url, "OPTIONS", headers={"Origin": "http://yasgui.org",
                                                       "Access-Control-Request-Method": "POST"})
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]


def test_server_errors(server):
    url = server()
    status, _, body = call(url, "GET", {"query": "SELECT * WHERE { ?s ?p }"})
    assert status == 400 and body.startswith("SPARQL syntax error at line 1, column")
    status, _, body = call(url, "POST", body="x", headers={"Content-Type": "text/plain"})
    assert status == 415
    status, _, body = call(url.replace("/sparql", "/other"), "GET", {"query": SPOKE})
    assert status == 404
    status, _, body = call(url, "GET", {"query": SPOKE}, headers={"Host": "evil.example:80"})
    assert status == 403 and "unexpected Host" in body
    status, _, body = call(url, "GET", {"query": "DELETE WHERE { ?s ?p ?o }"})
    assert status == 400 and "SPARQL update" in body
    status, _, body = call(url, "GET")
    assert status == 200 and "sd:Service" in body


def test_server_row_limit_and_timeout(server):
    url = server(max_rows=3, timeout=0.3, max_running=1)
    status, headers, body = call(url, "GET", {"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert status == 200 and headers["X-SPARQL-MaxRows"] == "3"
    assert len(json.loads(body)["results"]["bindings"]) == 3
    t = time.perf_counter()
    status, _, body = call(url, "GET", {"query": SLOW})
    assert status == 503 and "timed out after 0.3 s" in body
    assert time.perf_counter() - t < 5
    # the abandoned query still holds the one slot: the next one is turned away, not queued
    status, _, body = call(url, "GET", {"query": SPOKE})
    assert status == 503 and body.startswith("busy")


def test_server_named_graph_parameters(server):
    url = server()
    graph = "https://w3id.org/dipkg/article/sample"
    _, _, body = call(url, "GET", {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s dk:spokeWith ?o }",
                                   "default-graph-uri": "http://nowhere/"})
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "0"
    _, _, body = call(url, "GET", {"query": "SELECT ?g WHERE { GRAPH ?g { ?s dk:spokeWith ?o } }",
                                   "named-graph-uri": graph})
    assert json.loads(body)["results"]["bindings"] == [{"g": {"type": "uri", "value": graph}}]


def test_worker_pool_close_stops_busy_and_replacement_workers(store_dir):
    """Closing the pool leaves no worker process behind, busy ones included."""
    from kg.errors import StoreError
    from kg.store.workers import Timeout, WorkerPool
    pool = WorkerPool(store_dir, 2)
    procs = [w.process for w in pool.workers]
    errors = []

    def heavy():
        try:
            pool.query(HEAVY, None, None, 10, 30)
        except (StoreError, Timeout) as exc:
            errors.append(exc)
    t = threading.Thread(target=heavy)
    t.start()
    time.sleep(1.0)
    with pytest.raises(Timeout):              # the other worker: killed at its timeout, replaced
        pool.query(HEAVY, None, None, 10, 0.5)
    pool.close()
    t.join(10)
    time.sleep(1.5)                           # a replacement started now must not survive
    assert not t.is_alive() and errors
    assert all(not p.is_alive() for p in procs) and pool.workers == []
