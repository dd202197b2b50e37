"""Issue 15: the hostile-user reproductions, each against a real server on loopback or a
local listener (http.server in a thread, 127.0.0.1 only)."""
from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.store.database import Store

from conftest import sample_extraction
from test_server import start_kg_serve, stop

pytestmark = pytest.mark.server


class Listener:
    """A local HTTP server that records every request; `answer` says what it sends back."""

    def __init__(self, answer=None):
        self.requests: list[dict] = []
        outer = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n > 0 else b""
                outer.requests.append({"method": self.command, "path": self.path,
                                       "headers": dict(self.headers), "body": body})
                (answer or _ok)(self)

            do_GET = do_POST = do_PUT = do_DELETE = _any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> "Listener":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def _ok(h: BaseHTTPRequestHandler) -> None:
    body = (b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal",'
            b'"value":"answer-from-internal-service"}}]}}')
    h.send_response(200)
    h.send_header("Content-Type", "application/sparql-results+json")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


@pytest.fixture
def store_dir(tmp_path) -> Path:
    with Store(tmp_path / "store", create=True) as st:
        st.add_extraction(sample_extraction())
    return tmp_path / "store"


def get(url: str, query: str, headers: dict | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}), headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def post(url: str, field: str, text: str, headers: dict | None = None) -> tuple[int, str]:
    data = urllib.parse.urlencode({field: text}).encode()
    req = urllib.request.Request(url, data=data, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


# --- 1. SSRF ------------------------------------------------------------------------------

SSRF_QUERIES = [
    "SELECT ?x WHERE {{ SERVICE <{u}/internal/admin?secret=1> {{ ?x ?y ?z }} }}",
    "SELECT ?x WHERE {{ service silent <{u}/a> {{ ?x ?y ?z }} }}",
    "PREFIX in: <{u}/>\nSELECT ?x WHERE {{ SERVICE in:admin {{ ?x ?y ?z }} }}",
    "SELECT ?x WHERE {{ # a comment <{u}>\n SERVICE\n<{u}/x> {{ ?x ?y ?z }} }}",
    "SELECT ?x WHERE {{ ?x ?y \"SERVICE\" . SERVICE <{u}/\\u0078> {{ ?x ?y ?z }} }}",
    "SELECT ?x WHERE {{ BIND(<{u}/v> AS ?e) SERVICE ?e {{ ?x ?y ?z }} }}",
    "BASE <{u}/>\nSELECT ?x WHERE {{ SERVICE <admin> {{ ?x ?y ?z }} }}",
]


def test_security_ssrf_service_refused_and_listener_sees_nothing(store_dir):
    with Listener() as target:
        proc, url = start_kg_serve(store_dir)
        try:
            for q in SSRF_QUERIES:
                status, body = get(url, q.format(u=target.url), {"Origin": "https://any-web-page.example"})
                assert status == 403, (q, status, body)
                assert "answer-from-internal-service" not in body
                assert "--allow-service" in body
            # a SERVICE only in a string or a comment is no fetch: the query runs
            status, body = get(url, 'SELECT ?x WHERE { BIND("SERVICE <http://x/>" AS ?x) } # SERVICE <http://y/>')
            assert status == 200, body
        finally:
            stop(proc)
        assert target.requests == []


def test_security_load_refused_even_with_allow_update(store_dir):
    with Listener() as target:
        proc, url = start_kg_serve(store_dir, "--allow-update")
        try:
            status, body = post(url, "update", f"LOAD <{target.url}/data.ttl>")
            assert status == 403, body
            status, body = post(url, "update", f"INSERT {{ ?x ?y ?z }} WHERE {{ SERVICE <{target.url}/s> {{ ?x ?y ?z }} }}")
            assert status == 403, body
        finally:
            stop(proc)
        assert target.requests == []


def test_security_service_allowed_when_listed(store_dir):
    with Listener() as target:
        allowed = f"{target.url}/sparql"
        proc, url = start_kg_serve(store_dir, "--allow-service", allowed)
        try:
            status, body = get(url, f"SELECT ?x WHERE {{ SERVICE <{allowed}> {{ ?x ?y ?z }} }}")
            assert status == 200, body
            assert "answer-from-internal-service" in body
            status, _ = get(url, f"SELECT ?x WHERE {{ SERVICE <{target.url}/other> {{ ?x ?y ?z }} }}")
            assert status == 403
        finally:
            stop(proc)
        assert [r["path"].split("?")[0] for r in target.requests] == ["/sparql"]


def test_security_cors_origin_none_sends_no_cors_header(store_dir):
    proc, url = start_kg_serve(store_dir, "--cors-origin", "none")
    try:
        req = urllib.request.Request(url + "?query=ASK%7B%7D", headers={"Origin": "https://page.example"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.headers.get("Access-Control-Allow-Origin") is None
    finally:
        stop(proc)


# --- 2. push ------------------------------------------------------------------------------

def _redirect_to(url: str):
    def answer(h: BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", url + h.path)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return answer


def _created(h: BaseHTTPRequestHandler) -> None:
    h.send_response(201)
    h.send_header("Content-Length", "0")
    h.end_headers()


def _trickle(h: BaseHTTPRequestHandler) -> None:
    import time
    h.send_response(200)
    h.send_header("Content-Length", "1000")
    h.end_headers()
    for _ in range(60):
        try:
            h.wfile.write(b"x")
            h.wfile.flush()
        except OSError:
            return
        time.sleep(0.5)


@pytest.mark.parametrize("append", [False, True])
def test_security_push_redirect_is_a_failure_and_sends_no_credentials(sample_graph, tmp_path, monkeypatch, append):
    from typer.testing import CliRunner

    import kg.cli.commands  # noqa: F401
    from kg.cli import app
    from kg.graph.network import write_graph_json

    write_graph_json(sample_graph, tmp_path / "graph.json")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret")
    with Listener(_created) as other:
        with Listener(_redirect_to(other.url)) as redirecting:
            args = ["push", "--graph", str(tmp_path / "graph.json"), "--endpoint", redirecting.url + "/store",
                    "--user", "admin"] + (["--append"] if append else [])
            res = CliRunner().invoke(app, args)
        assert res.exit_code == 1, res.output
        assert "302" in res.output and "not followed" in res.output
        assert "0 of 1 graphs pushed" in res.output
        assert "did not reach the target: <https://w3id.org/dipkg/article/sample>" in res.output
        assert redirecting.requests and redirecting.requests[0]["headers"].get("Authorization")
        assert other.requests == []          # nothing, and so no credentials, went to the other port


def test_security_push_timeout_bounds_a_trickling_answer(sample_graph):
    import time

    from kg.errors import StoreError
    from kg.store.push import payloads_from_graph, push

    with Listener(_trickle) as slow:
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"no complete answer within 2 s"):
            push(payloads_from_graph(sample_graph), slow.url + "/store", timeout=2)
        assert time.monotonic() - started < 6


def test_security_push_non_2xx_and_verify(sample_graph):
    from kg.store.push import payloads_from_graph, push

    def teapot(h):
        h.send_response(418)
        h.send_header("Content-Length", "0")
        h.end_headers()

    with Listener(teapot) as odd:
        [r] = push(payloads_from_graph(sample_graph), odd.url + "/store")
        assert not r.ok and r.status == 418
    # a target that says 201 but keeps nothing: --verify catches it
    def empty(h):
        if h.command == "GET":
            h.send_response(200)
            h.send_header("Content-Type", "application/n-triples")
        else:
            h.send_response(201)
        h.send_header("Content-Length", "0")
        h.end_headers()

    with Listener(empty) as liar:
        [r] = push(payloads_from_graph(sample_graph), liar.url + "/store", verify=True)
        assert not r.ok and "verify: the target holds 0 triples" in r.message
        assert [q["method"] for q in liar.requests] == ["PUT", "GET"]


# --- 3. ad-hoc query parameters -----------------------------------------------------------

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TWO = "SELECT ?a ?b ?l WHERE { VALUES ?a { UNDEF } VALUES ?b { UNDEF } OPTIONAL { ?a rdfs:label ?l } }"


def test_security_adhoc_second_value_cannot_break_out_of_the_first(store_dir):
    """The reproduction: the first value holds the second's placeholder; the old binding put
    the second value inside the first literal, whose quote then closed it."""
    from typer.testing import CliRunner

    import kg.cli.commands  # noqa: F401
    from kg.cli import app

    query = "SELECT ?l WHERE { VALUES ?a { UNDEF } ?s rdfs:label ?a . VALUES ?b { UNDEF } ?s rdfs:label ?l }"
    res = CliRunner().invoke(app, ["query", query, "--store", str(store_dir), "--format", "csv",
                                   "--param", "a=VALUES ?b { UNDEF }",
                                   "--param", 'b=x" } } UNION { ?s rdfs:label ?l } #'])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == ["l"]          # no label leaks: nothing matches


_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
_value = st.one_of(_text, _text.map(lambda t: "VALUES ?b { UNDEF }" + t), st.sampled_from(
    ['"', "'", '\\', '"""', "} }", "# x", "\\u0022", '" } } UNION { ?s ?p ?o } #']))


@seed(15)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=_value, b=_value)
def test_security_adhoc_binding_is_exact_for_any_values(a, b):
    """Whatever two values hold, the query gives back exactly those two literals, once."""
    import pyoxigraph as ox

    from kg.store.sparql import LocalSource, bind_adhoc

    rows = LocalSource(ox.Store()).query(bind_adhoc(TWO, {"a": a, "b": b})).values()
    if a.strip().startswith("<") and a.strip().endswith(">") or b.strip().startswith("<") and b.strip().endswith(">"):
        return                                              # an IRI: checked below
    assert rows == [{"a": a, "b": b}]


@seed(15)
@settings(max_examples=100, deadline=None)
@given(path=st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e), max_size=30))
def test_security_adhoc_iri_is_validated_or_refused(path):
    import pyoxigraph as ox

    from kg.errors import QueryError
    from kg.store.sparql import LocalSource, bind_adhoc

    try:
        text = bind_adhoc(TWO, {"a": f"<http://x.example/{path}>", "b": "b"})
    except QueryError:
        return
    rows = LocalSource(ox.Store()).query(text).values()
    assert rows == [{"a": f"http://x.example/{path}", "b": "b"}]


# --- 4. CSV formula injection -------------------------------------------------------------

def _hostile_graph():
    from dataclasses import replace

    from kg.graph.network import build_graph
    ex = sample_extraction()
    ents = tuple(replace(e, label="=HYPERLINK(\"http://evil\")", aliases=("@SUM(1)", "'quoted"))
                 if e.key == "person/walid-phares" else e for e in ex.entities)
    rels = tuple(replace(r, evidence="-2+3 said the advisor\tx") if r.rule == "apposition" else r
                 for r in ex.relations)
    return build_graph([replace(ex, entities=ents, relations=rels)])


def _starts(cells):
    return [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_security_csv_export_neutralised_and_read_back(tmp_path):
    import csv

    from typer.testing import CliRunner

    import kg.cli.commands  # noqa: F401
    from kg.cli import app
    from kg.exporters.neo4j_csv import paths, read_csv
    from kg.graph.network import write_graph_json

    g = _hostile_graph()
    write_graph_json(g, tmp_path / "graph.json")
    out = tmp_path / "out.csv"
    res = CliRunner().invoke(app, ["export", str(tmp_path / "graph.json"), "--format", "csv", "--out", str(out)])
    assert res.exit_code == 0, res.output
    cells = [c for p in paths(out) for row in csv.reader(p.open(encoding="utf-8")) for c in row]
    assert _starts(cells) == []
    assert "'=HYPERLINK(\"http://evil\")" in cells and "'-2+3 said the advisor\tx" in cells
    back = read_csv(out)
    node = back.nodes["https://w3id.org/dipkg/resource/person/walid-phares"]
    assert node["label"] == "=HYPERLINK(\"http://evil\")" and sorted(node["aliases"]) == sorted(["@SUM(1)", "'quoted"])
    # turned off on request
    res = CliRunner().invoke(app, ["export", str(tmp_path / "graph.json"), "--format", "csv",
                                   "--out", str(out), "--no-neutralise"])
    cells = [c for p in paths(out) for row in csv.reader(p.open(encoding="utf-8")) for c in row]
    assert "=HYPERLINK(\"http://evil\")" in cells


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_security_query_csv_neutralised(tmp_path, fmt):
    from typer.testing import CliRunner

    import kg.cli.commands  # noqa: F401
    from kg.cli import app
    from kg.graph.network import write_graph_json

    write_graph_json(_hostile_graph(), tmp_path / "graph.json")
    q = "SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l"
    res = CliRunner().invoke(app, ["query", q, "--graph", str(tmp_path / "graph.json"), "--format", fmt])
    assert res.exit_code == 0, res.output
    import csv
    lines = res.output.splitlines()[1:]
    cells = [c.strip('"') for c in lines] if fmt == "tsv" else [row[0] for row in csv.reader(lines)]
    assert _starts(cells) == [] and any(c.startswith("'=HYPERLINK") for c in cells)
    res = CliRunner().invoke(app, ["query", q, "--graph", str(tmp_path / "graph.json"), "--format", fmt,
                                   "--no-neutralise"])
    assert any(c.lstrip('"').startswith("=HYPERLINK") for c in res.output.splitlines())


# --- 5. denial of service -----------------------------------------------------------------

import os  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from conftest import ROOT  # noqa: E402

DEEP = "SELECT * WHERE " + "{" * 5000 + "?s ?p ?o" + "}" * 5000
CHAIN = "SELECT * WHERE { BIND(" + "+".join(["1"] * 20000) + " AS ?x) }"


@pytest.mark.parametrize("query", [DEEP, CHAIN], ids=["brackets", "chain"])
def test_security_kg_query_deep_nesting_is_a_clean_error(store_dir, tmp_path, query):
    (tmp_path / "deep.rq").write_text(query)
    res = subprocess.run([sys.executable, "-m", "kg", "query", str(tmp_path / "deep.rq"), "--store", str(store_dir)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 1, res.stderr[-500:]
    assert res.stderr.startswith("Error: [E150] the query is nested too deeply")


def test_security_serve_deep_update_and_query_refused_server_lives(store_dir):
    proc, url = start_kg_serve(store_dir, "--allow-update")
    try:
        deep_update = "INSERT { ?s ?p ?o } WHERE " + "{" * 5000 + "?s ?p ?o" + "}" * 5000
        status, body = post(url, "update", deep_update)
        assert status == 400 and "nested too deeply" in body
        status, body = post(url, "query", CHAIN)
        assert status == 400 and "nested too deeply" in body
        status, body = post(url, "query", "ASK {" + " " * 1_000_001 + "}")
        assert status == 400 and "over the limit" in body
        assert get(url, "ASK {}")[0] == 200 and proc.poll() is None
    finally:
        stop(proc)


def _raw(url: str, head: str, body_chunks=()) -> str:
    """Send a hand-made request; the status line of the answer."""
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as s:
        s.sendall(head.replace("\n", "\r\n").encode() + b"\r\n")
        try:
            for chunk in body_chunks:
                s.sendall(chunk)
        except OSError:          # the server closed the connection after refusing: expected
            pass
        s.settimeout(30)
        answer = b""
        while b"\r\n" not in answer:
            data = s.recv(4096)
            if not data:
                break
            answer += data
        return answer.split(b"\r\n", 1)[0].decode()


def test_security_body_limit_on_every_framing(store_dir):
    proc, url = start_kg_serve(store_dir)
    host = urllib.parse.urlsplit(url).netloc
    try:
        head = f"POST /sparql HTTP/1.1\nHost: {host}\nContent-Type: application/sparql-query\n"
        assert " 400 " in _raw(url, head + "Content-Length: -1\n", [b"x" * 100_000])
        assert " 400 " in _raw(url, head + "Content-Length: +5\n", [b"ASK{}"])
        assert " 411 " in _raw(url, head)
        big = [b"100000\r\n" + b"x" * 0x100000 + b"\r\n"] * 11 + [b"0\r\n\r\n"]   # 11 MiB, chunked
        assert " 413 " in _raw(url, head + "Transfer-Encoding: chunked\n", big)
        small = [b"5\r\nASK{}\r\n", b"0\r\n\r\n"]
        assert " 200 " in _raw(url, head + "Transfer-Encoding: chunked\n", small)
        assert " 400 " in _raw(url, head + "Transfer-Encoding: chunked\nContent-Length: 5\n", small)
    finally:
        stop(proc)


def test_security_requests_queue_then_503_with_retry_after(store_dir):
    from concurrent.futures import ThreadPoolExecutor
    proc, url = start_kg_serve(store_dir, "--max-running", "1", "--max-queue", "40")
    try:
        with ThreadPoolExecutor(20) as ex:
            statuses = list(ex.map(lambda _: get(url, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")[0], range(60)))
        assert statuses == [200] * 60                       # queued, not turned away
    finally:
        stop(proc)
    proc, url = start_kg_serve(store_dir, "--max-running", "1", "--max-queue", "0", "--timeout", "3")
    try:
        slow = threading.Thread(target=get, args=(url, SLOW_QUERY), daemon=True)
        slow.start()
        time.sleep(0.7)
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=30)
            raise AssertionError("expected 503")
        except urllib.error.HTTPError as exc:
            assert exc.code == 503 and exc.headers["Retry-After"].isdigit()
        slow.join(30)
    finally:
        stop(proc)


SLOW_QUERY = ("SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(
    f"VALUES ?v{i} {{ {' '.join(str(j) for j in range(40))} }}" for i in range(6)) + " }")


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_security_kill_9_of_the_server_leaves_no_worker(store_dir):
    proc, url = start_kg_serve(store_dir, "--timeout", "60")
    children = _children(proc.pid)
    assert children
    def busy() -> None:          # a busy worker; its request dies with the server
        try:
            get(url, SLOW_QUERY)
        except OSError:
            pass
    threading.Thread(target=busy, daemon=True).start()
    time.sleep(1.0)
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [c for c in children if _alive(c)] == []


def _listing(folder: Path) -> dict:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_security_reading_does_not_write_to_the_store(store_dir):
    before = _listing(store_dir)
    for _ in range(3):
        res = subprocess.run([sys.executable, "-m", "kg", "query", "SELECT * WHERE { ?s ?p ?o }", "--store",
                              str(store_dir), "--format", "csv"], cwd=ROOT, capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
    proc, url = start_kg_serve(store_dir)
    try:
        assert get(url, "SELECT * WHERE { ?s ?p ?o }")[0] == 200
    finally:
        stop(proc)
    assert _listing(store_dir) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_security_query_a_store_without_write_permission(store_dir):
    modes = {p: p.stat().st_mode for p in [store_dir, *store_dir.iterdir()]}
    try:
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        res = subprocess.run([sys.executable, "-m", "kg", "query", "ASK { ?s ?p ?o }", "--store", str(store_dir)],
                             cwd=ROOT, capture_output=True, text=True)
        assert res.stdout == "true\n", res.stderr
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


def test_security_reads_after_updates_never_fail(store_dir):
    proc, url = start_kg_serve(store_dir, "--allow-update")
    try:
        failures = []
        for i in range(40):
            status, body = post(url, "update", f"INSERT DATA {{ GRAPH <http://x/g{i % 5}> "
                                               f"{{ <http://x/s{i}> <http://x/p> {i} }} }}")
            assert status == 204, body
            if i % 7 == 0:
                post(url, "update", f"DROP SILENT GRAPH <http://x/g{(i + 1) % 5}>")
            for _ in range(3):
                status, body = get(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
                if status != 200:
                    failures.append((status, body))
        assert failures == []
    finally:
        stop(proc)


# --- 6. query parameters and printed IRIs (issue 10) ---------------------------------------

def _g20_moon_graph(tmp_path):
    from dataclasses import replace

    from kg.graph.network import build_graph, write_graph_json
    from kg.model import Entity
    ex = sample_extraction()
    extra = (Entity("org/g20", "Organization", "G20", "Q19771", ()),
             Entity("person/ban-ki-moon", "Person", "Ban Ki-moon", "Q1253", ("Ban Ki Moon",)))
    g = build_graph([replace(ex, entities=ex.entities + extra)])
    write_graph_json(g, tmp_path / "graph.json")
    return tmp_path / "graph.json"


def _kg(*args):
    from typer.testing import CliRunner

    import kg.cli.commands  # noqa: F401
    from kg.cli import app
    return CliRunner().invoke(app, list(args))


def test_security_param_partial_name_is_not_a_match(tmp_path):
    graph = _g20_moon_graph(tmp_path)
    res = _kg("query", "--named", "spoke-with", "--param", "actor=Moon", "--graph", str(graph))
    assert res.exit_code == 1
    assert "nothing in the graph is called 'Moon'" in res.stderr
    assert "names that contain it: person:ban-ki-moon (Ban Ki-moon)" in res.stderr
    res = _kg("query", "--named", "spoke-with", "--param", "actor=ban ki-moon", "--graph", str(graph))
    assert res.exit_code == 0, res.stderr                  # the whole name, any case, matches


def test_security_param_of_the_wrong_type_gets_a_note(tmp_path):
    graph = _g20_moon_graph(tmp_path)
    res = _kg("query", "--named", "meetings-at", "--param", "event=G20", "--graph", str(graph))
    assert res.exit_code == 0, res.stderr
    assert "note: event='G20' matches org:g20 (G20), of type dk:Organization, not an event" in res.stderr
    assert "events whose name contains it: event:g20-summit-2017 (2017 G20 Hamburg summit)" in res.stderr


def test_security_printed_iris_paste_back(tmp_path):
    graph = _g20_moon_graph(tmp_path)
    res = _kg("query", "SELECT ?a ?b WHERE { ?a dk:spokeWith ?b }", "--graph", str(graph))
    assert res.exit_code == 0, res.stderr
    row = res.stdout.splitlines()[2].split()
    assert row == ["person:donald-trump", "person:vladimir-putin"]
    again = _kg("query", f"ASK {{ {row[0]} dk:spokeWith {row[1]} }}", "--graph", str(graph))
    assert again.stdout == "true\n", again.stderr
    from kg.store.sparql import compact
    assert compact("https://w3id.org/dipkg/resource/person/a b") == "<https://w3id.org/dipkg/resource/person/a b>"
    assert compact("https://w3id.org/dipkg/resource/person/x.") == "<https://w3id.org/dipkg/resource/person/x.>"


def test_security_help_shows_the_default_store():
    for command in ("query", "serve", "push", "ingest", "remove"):
        res = _kg(command, "--help")
        import re
        text = " ".join(re.sub(r"[│╭╮╰╯─]", " ", res.stdout).split())
        assert "(default: $KG_STORE or ./store)" in text, command


# --- the guard on its own -------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p ex:o\\# . SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",    # `\#` is no comment
    "SELECT * WHERE { ?s ?p 'it''s' . SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    'SELECT * WHERE { ?s ?p """a "" b""" . SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }',
    "SELECT * WHERE { FILTER(?a<?b) SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE # <http://ok/>\n # more\n # and more\n <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE <http://127.0.0.1:9/\\u0078> { ?s ?p ?o } }",
    "LOAD SILENT <http://127.0.0.1:9/data.ttl> INTO GRAPH <http://g/>",
])
def test_security_guard_finds_every_fetch(query):
    from kg.store.guard import RemoteRefused, check
    with pytest.raises(RemoteRefused):
        check(query, prefixes={"ex": "http://ex/"}, allow_remote=("http://ok/",))


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/x> { }" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/x> { }",
    "SELECT * WHERE { ?s <http://x/SERVICE> ?service . ?s ex:LOAD ?o }",
    "SELECT * WHERE { SERVICE <http://ok/> { ?s ?p ?o } }",
    "PREFIX ok: <http://ok/>\nSELECT * WHERE { SERVICE ok: { ?s ?p ?o } }",
])
def test_security_guard_lets_harmless_and_allowed_queries_through(query):
    from kg.store.guard import check
    check(query, prefixes={"ex": "http://ex/"}, allow_remote=("http://ok/",))


def test_security_push_names_the_graphs_that_did_not_arrive(sample_graph, tmp_path):
    from dataclasses import replace

    from typer.testing import CliRunner

    import kg.cli.commands  # noqa: F401
    from kg.cli import app
    from kg.graph.network import build_graph, write_graph_json

    ex = sample_extraction()
    g = build_graph([ex, replace(ex, article=replace(ex.article, id="second"))])
    write_graph_json(g, tmp_path / "graph.json")

    def first_only(h):
        ok = "sample" in urllib.parse.unquote(h.path)
        h.send_response(201 if ok else 500)
        h.send_header("Content-Length", "0")
        h.end_headers()

    with Listener(first_only) as target:
        res = CliRunner().invoke(app, ["push", "--graph", str(tmp_path / "graph.json"), "--endpoint", target.url + "/store"])
    assert res.exit_code == 1
    assert "1 of 2 graphs pushed" in res.output
    assert "1 graph(s) did not reach the target: <https://w3id.org/dipkg/article/second>" in res.output


_PIECES = ["SERVICE", "service", "SILENT", "<{u}/x>", "{{", "}}", "?s ?p ?o", '"', "'", '"""', "#", "\n",
           "\\", "\\#", "ex:a", "ex:", "<", ">", "?a", "FILTER(", ")", ".", "\\u0053", "BASE <{u}/>", "<x>",
           "PREFIX in: <{u}/>", "in:y", "LOAD", "VALUES ?x {{ 1 }}", "OPTIONAL"]


@seed(15)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=st.lists(st.sampled_from(_PIECES), max_size=4), after=st.lists(st.sampled_from(_PIECES), max_size=4),
       keyword=st.sampled_from(["SERVICE", "service SILENT", "SeRvIcE", "LOAD"]),
       where=st.sampled_from(["<{u}/x>", "in:y", "<{u}/\\u0078>", "<rel>"]))
def test_security_guard_passes_nothing_that_fetches(before, after, keyword, where):
    """Whatever query these fragments make: if the guard lets it through, Oxigraph fetches nothing."""
    import pyoxigraph as ox

    from kg.errors import QueryError
    from kg.store.guard import check
    target = _shared_listener()
    body = " ".join(before + [keyword, where, "{{ ?s ?p ?o }}"] + after)
    head = "PREFIX in: <{u}/> BASE <{u}/> "
    body, head = body.format(u=target.url), head.format(u=target.url)
    for text in (f"{head}SELECT * WHERE {{ {body} }}", head + body):
        try:
            check(text, prefixes={"ex": "http://ex/"}, allow_remote=())
        except QueryError:
            continue
        try:
            list(ox.Store().query(text, prefixes={"ex": "http://ex/"}))
        except (SyntaxError, OSError, RuntimeError, ValueError):
            pass
    assert target.requests == [], body


_LISTENER: list[Listener] = []


def _shared_listener() -> Listener:
    """One listener for all the examples of a property (a daemon thread; ends with the tests)."""
    if not _LISTENER:
        _LISTENER.append(Listener().__enter__())
    return _LISTENER[0]
