"""`kg push`: copy the graph into another SPARQL store, one named graph per article.

graph file or store -> one N-Triples document per named graph -> an HTTP PUT per graph to
the store's SPARQL 1.1 Graph Store HTTP Protocol endpoint (`ENDPOINT?graph=<article IRI>`).

PUT replaces the graph, so pushing again is idempotent and an article re-ingested here
replaces its old version there.  Plain HTTP avoids two traps of rdflib's
`SPARQLUpdateStore` (it refuses blank nodes, and through a `Graph` it writes into a graph
named `urn:x-rdflib:default`).  The body is N-Triples sent as `text/turtle` (N-Triples is a
subset of Turtle), the one type every store accepts.

Graph Store endpoints (see docs/external-store.md):
    Oxigraph   http://HOST:7878/store
    Fuseki     http://HOST:3030/DATASET/data
    GraphDB    http://HOST:7200/repositories/REPO/rdf-graphs/service
    Virtuoso   http://HOST:8890/sparql-graph-crud-auth  (sparql-graph-crud without auth)
"""
from __future__ import annotations

import base64
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store.http import request

CONTENT_TYPE = "text/turtle; charset=utf-8"
DEFAULT = ""                      # the graph name of the default graph in a payload
HINT = ("is the URL the store's Graph Store endpoint? (Oxigraph: /store, Fuseki: /DATASET/data, "
        "GraphDB: /repositories/REPO/rdf-graphs/service, Virtuoso: /sparql-graph-crud-auth)")


@dataclass(frozen=True)
class Payload:
    graph: str            # named graph IRI; "" for the default graph
    triples: int
    body: bytes           # N-Triples


@dataclass(frozen=True)
class PushResult:
    graph: str
    triples: int
    method: str
    status: int | None    # HTTP status; None when not sent (dry run)
    ok: bool
    message: str


def payloads_from_quads(quads: Iterable[ox.Quad]) -> Iterator[Payload]:
    by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
    for q in quads:
        name = q.graph_name.value if isinstance(q.graph_name, (ox.NamedNode, ox.BlankNode)) else DEFAULT
        by_graph[name].append(q.triple)
    for name in sorted(by_graph):
        triples = list(dict.fromkeys(by_graph[name]))
        yield Payload(name, len(triples), ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))


def payloads_from_graph(g) -> Iterator[Payload]:
    """The payloads of a networkx graph: each article's graph (kg.rdf.iter_quads)."""
    from kg.graph.rdf import iter_quads
    return payloads_from_quads(iter_quads(g))


def payloads_from_file(path: str | Path) -> Iterator[Payload]:
    """Any graph file the tool reads; RDF without named graphs is split by article again."""
    from kg.exporters import load_graph
    return payloads_from_graph(load_graph(path))


def payloads_from_store(store: ox.Store) -> Iterator[Payload]:
    """The payloads of a store: one self-contained graph per article, as a graph file has it.

    A store keeps what articles share once, in its shared graph (kg.store.database); each article's
    payload gets back the descriptions of the nodes it mentions and the direct triples of
    its asserted statements, so that a PUT replaces everything the article says, and
    pushing part of a store never touches the other articles on the remote side.
    """
    from kg.graph.network import SHARED_GRAPH
    from kg.graph.rdf import PREDICATE
    shared = ox.NamedNode(SHARED_GRAPH)
    relations = {ox.NamedNode(iri) for iri in PREDICATE.values()}
    names = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g != shared),
                   key=lambda g: g.value)
    for g in names:
        own = [q.triple for q in store.quads_for_pattern(None, None, None, g)]
        triples = dict.fromkeys(own)
        statements: dict = defaultdict(dict)
        for t in own:
            if t.predicate == _MENTIONS:
                for q in store.quads_for_pattern(t.object, None, None, shared):
                    if q.predicate not in relations:
                        triples.setdefault(q.triple)
            elif t.predicate in _PARTS:
                statements[t.subject][t.predicate] = t.object
        for parts in statements.values():
            if parts.get(_MODALITY) == _ASSERTED and len(parts) == len(_PARTS):
                triples.setdefault(ox.Triple(parts[_SUBJECT], parts[_PREDICATE], parts[_OBJECT]))
        yield Payload(g.value, len(triples), ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES))


_DK = "https://w3id.org/dipkg/ontology#"
_MENTIONS, _SUBJECT, _PREDICATE, _OBJECT, _MODALITY, _ASSERTED = (
    ox.NamedNode(_DK + n) for n in ("mentions", "subject", "predicate", "object", "modality", "Asserted"))
_PARTS = (_SUBJECT, _PREDICATE, _OBJECT, _MODALITY)


def graph_url(endpoint: str, graph: str) -> str:
    sep = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    if graph == DEFAULT:
        return f"{endpoint}{sep}default"
    return f"{endpoint}{sep}graph={urllib.parse.quote(graph, safe='')}"


def push(payloads: Iterable[Payload], endpoint: str, *, append: bool = False,
         user: str | None = None, password: str | None = None, timeout: float = 60.0,
         dry_run: bool = False, verify: bool = False,
         on_result: Callable[[PushResult], None] | None = None) -> list[PushResult]:
    """Send each payload to the Graph Store endpoint; returns one result per graph.

    Named graphs are replaced (PUT) unless `append` (POST merges).  The default graph is
    only ever merged into (POST): it may hold the remote store's own data.  A graph counts
    as stored only on a 2xx answer; a redirect is a failure and is never followed, so the
    credentials never go to another origin.  `timeout` bounds each whole request (connect,
    send, and the whole answer), so a server that trickles its answer cannot hang the push.
    `verify` reads each stored graph back (GET) and compares its size.

    Stops with a StoreError when the first graph cannot be sent (unreachable, or refused
    in a way every other one would be too: 401, 403, 404, 405).  After that, a graph that
    fails is reported and the push goes on; if the endpoint stops answering, the graphs
    not yet sent are reported as not sent.
    """
    if not endpoint.startswith(("http://", "https://")):
        raise StoreError(f"endpoint {endpoint!r}: expected an http:// or https:// URL")
    auth = None
    if user is not None:
        auth = "Basic " + base64.b64encode(f"{user}:{password or ''}".encode()).decode()
    results: list[PushResult] = []
    gone: str | None = None             # why the endpoint stopped answering
    for p in payloads:
        method = "POST" if append or p.graph == DEFAULT else "PUT"
        if dry_run:
            result = PushResult(p.graph, p.triples, method, None, True, "not sent (dry run)")
        elif gone:
            result = PushResult(p.graph, p.triples, method, None, False, f"not sent ({gone})")
        else:
            try:
                result = _send(p, endpoint, method, auth, timeout)
                if result.ok and verify:
                    result = _verify(result, endpoint, auth, timeout, exact=method == "PUT")
            except StoreError as exc:
                if not results:
                    raise
                gone = "the endpoint stopped answering"
                result = PushResult(p.graph, p.triples, method, None, False, exc.message)
            if not result.ok and not results and result.status in (401, 403, 404, 405):
                raise StoreError(f"{endpoint}: {method} of the first graph failed: {result.message}"
                                 + (f"; {HINT}" if result.status in (404, 405) else ""))
        results.append(result)
        if on_result:
            on_result(result)
    return results


def _send(p: Payload, endpoint: str, method: str, auth: str | None, timeout: float) -> PushResult:
    headers = {"Content-Type": CONTENT_TYPE}
    if auth:
        headers["Authorization"] = auth
    status, reason, answer, body = request(method, graph_url(endpoint, p.graph), p.body, headers, timeout)
    location = answer.get("Location")
    if 200 <= status < 300:
        return PushResult(p.graph, p.triples, method, status, True, f"{status} {reason}")
    if 300 <= status < 400:
        return PushResult(p.graph, p.triples, method, status, False,
                          f"{status} {reason}: a redirect (to {location or 'nowhere'}) is not followed; "
                          "give the final URL as --endpoint")
    detail = " ".join(body.decode("utf-8", "replace").split())[:200]
    return PushResult(p.graph, p.triples, method, status, False,
                      f"{status} {reason}" + (f": {detail}" if detail else ""))


def _verify(sent: PushResult, endpoint: str, auth: str | None, timeout: float, exact: bool) -> PushResult:
    """`sent`, failed unless the target now holds as many triples in the graph (or more, after a POST)."""
    headers = {"Accept": "application/n-triples"}
    if auth:
        headers["Authorization"] = auth
    status, reason, _, body = request("GET", graph_url(endpoint, sent.graph), None, headers, timeout,
                                      max_reply=1 << 30)
    if not 200 <= status < 300:
        return replace(sent, ok=False, message=f"{sent.message}; verify: GET gave {status} {reason}")
    try:
        n = len(set(ox.parse(body, format=ox.RdfFormat.N_TRIPLES)))
    except (SyntaxError, ValueError) as exc:
        return replace(sent, ok=False, message=f"{sent.message}; verify: unreadable answer ({exc})")
    if n < sent.triples or (exact and n != sent.triples):
        return replace(sent, ok=False, message=f"{sent.message}; verify: the target holds {n} triples, "
                                               f"{sent.triples} were sent")
    return replace(sent, message=f"{sent.message}; verified ({n} triples)")
