"""kg push: the Graph Store HTTP Protocol, against a real Oxigraph server."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from typer.testing import CliRunner

import kg.cli.commands  # noqa: F401
from kg.store import sparql
from kg.cli import app
from kg.errors import QueryError, StoreError
import pyoxigraph as ox

from kg.graph.network import article_iri, build_graph, write_graph_json
from kg.store.push import payloads_from_graph, payloads_from_store, push
from kg.store.database import Store

from conftest import sample_extraction
from test_store import other_article

pytestmark = pytest.mark.server
runner = CliRunner()
ARTICLE = "https://w3id.org/dipkg/article/sample"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph(tmp_path):
    """`oxigraph serve` on a free loopback port; stopped by its process id afterwards."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "oxigraph"),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    why = proc.stderr.read() if proc.poll() is not None else "timeout"
                    raise AssertionError(f"oxigraph did not start: {why}")
                time.sleep(0.1)
        yield base
    finally:
        proc.kill()       # by its pid: the Popen object's own process
        proc.wait(timeout=10)


def count(base: str, graph: str | None = None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    src = sparql.EndpointSource(base + "/query")
    return int(src.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}").values()[0]["n"])


def test_push_to_oxigraph_and_query_back(oxigraph, sample_graph):
    payloads = list(payloads_from_graph(sample_graph))
    assert [p.graph for p in payloads] == [ARTICLE]
    results = push(payloads, oxigraph + "/store")
    assert [(r.graph, r.ok, r.method, r.status) for r in results] == [(ARTICLE, True, "PUT", 201)]
    assert count(oxigraph, ARTICLE) == payloads[0].triples
    # the named queries run against it unchanged (its default graph is the union)
    src = sparql.EndpointSource(oxigraph + "/query")
    got = sparql.run_named(src, "spoke-with", {"actor": "putin"})[0].values()
    assert [(r["otherLabel"], r["date"]) for r in got] == [("Donald Trump", "2017-01-28")]
    # pushing again replaces the graph: same size (PUT), 204 this time
    again = push(payloads_from_graph(sample_graph), oxigraph + "/store")
    assert again[0].status == 204 and count(oxigraph, ARTICLE) == payloads[0].triples


def test_remote_syntax_error_keeps_the_query_line_numbers(oxigraph):
    src = sparql.EndpointSource(oxigraph + "/query")
    with pytest.raises(QueryError, match=r"rejected the query: .*\b3:"):
        src.query("SELECT ?s\nWHERE {\n  ?s dk:label ?l ?? }")


def test_push_cli_from_store(oxigraph, tmp_path):
    with Store(tmp_path / "store", create=True) as st:
        st.add_extraction(sample_extraction())
        n = next(payloads_from_store(st.ox)).triples
    res = runner.invoke(app, ["push", "--store", str(tmp_path / "store"), "--endpoint", oxigraph + "/store"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == [
        f"PUT <{ARTICLE}>  {n} triples  201 Created",
        f"1 of 1 graphs pushed ({n} triples) to {oxigraph}/store",
    ]
    assert count(oxigraph) == n        # the shared graph is not sent: each article graph is whole


def test_push_cli_from_graph_file_dry_run(tmp_path, sample_graph):
    write_graph_json(sample_graph, tmp_path / "graph.json")
    res = runner.invoke(app, ["push", "--graph", str(tmp_path / "graph.json"),
                              "--endpoint", "http://127.0.0.1:9/store", "--dry-run"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0].endswith("triples  not sent (dry run)")


def nt(body: bytes) -> set:
    return set(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))


def test_push_store_payloads_are_the_graph_file_payloads(tmp_path, sample_graph):
    """The store keeps shared triples once; a pushed article graph is whole again."""
    with Store(tmp_path / "store", create=True) as st:
        st.add_graph(build_graph([sample_extraction(), other_article()]))
        from_store = list(payloads_from_store(st.ox))
    from_file = list(payloads_from_graph(build_graph([sample_extraction(), other_article()])))
    assert [p.graph for p in from_store] == [p.graph for p in from_file] == [article_iri("other"), ARTICLE]
    for a, b in zip(from_store, from_file):
        assert nt(a.body) == nt(b.body) and a.triples == b.triples


def test_push_unreachable_endpoint_is_one_clear_error(sample_graph):
    port = free_port()        # nothing listens there
    with pytest.raises(StoreError, match=f"cannot reach http://127.0.0.1:{port}/store: .*refused"):
        push(payloads_from_graph(sample_graph), f"http://127.0.0.1:{port}/store")


def test_push_wrong_path_gives_a_hint(oxigraph, sample_graph):
    with pytest.raises(StoreError, match="404 .*is the URL the store's Graph Store endpoint"):
        push(payloads_from_graph(sample_graph), oxigraph + "/nothing-here")


def test_push_cli_failure_exit_code(sample_graph, tmp_path):
    write_graph_json(sample_graph, tmp_path / "graph.json")
    port = free_port()
    res = runner.invoke(app, ["push", "--graph", str(tmp_path / "graph.json"),
                              "--endpoint", f"http://127.0.0.1:{port}/store"])
    assert res.exit_code == 1
    assert res.output.startswith(f"Error: [E170] cannot reach http://127.0.0.1:{port}/store")
