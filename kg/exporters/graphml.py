"""GraphML and GEXF: the graph for Gephi, yEd, Cytoscape and networkx.

Both keep node ids (the IRIs), edge ids (`<article id>#<n>`) and every attribute of
graph.json.  Lists (aliases, articles) are joined with `;`; absent values are left out.
Edges also get `weight` (= confidence) and, in GEXF, `label` (= relation type) for
Gephi.  GEXF reserves an edge's `type` for its direction, so the relation type is
written as `relation` there.  GraphML also stores the article list as the graph
attribute `articles` (JSON); GEXF cannot, so `read_gexf` rebuilds articles from ids.
"""
from __future__ import annotations

import json
from pathlib import Path
from xml.etree.ElementTree import ParseError

import networkx as nx

from kg.atomic import atomic_open
from kg.errors import GraphError
from kg.graph.network import EDGE_FIELDS, NODE_FIELDS, article_iri, new_graph

SEP = ";"
LISTS = ("aliases", "articles")


def _flat(g: nx.MultiDiGraph, gexf: bool) -> nx.MultiDiGraph:
    h = nx.MultiDiGraph()
    if not gexf:
        h.graph["articles"] = json.dumps([g.graph.get("articles", {})[a] for a in sorted(g.graph.get("articles", {}))],
                                         ensure_ascii=False)
    for node, data in sorted(g.nodes(data=True)):
        attrs = {}
        for k in NODE_FIELDS:
            v = data.get(k)
            if k in LISTS:
                v = SEP.join(v or ()) or None
            if v is not None:
                attrs[k] = v
        h.add_node(node, **attrs)
    for u, v, key, data in sorted(g.edges(keys=True, data=True), key=lambda e: str(e[2])):
        attrs = {k: data[k] for k in EDGE_FIELDS if data.get(k) is not None}
        if data.get("confidence") is not None:
            attrs["weight"] = float(data["confidence"])
        if gexf:
            attrs["relation"] = attrs.pop("type", None)
            attrs["label"] = attrs["relation"]
            attrs["id"] = str(key)
            attrs = {k: v for k, v in attrs.items() if v is not None}
        h.add_edge(u, v, key=str(key), **attrs)
    return h


def _unflat(h: nx.Graph, articles: dict | None) -> nx.MultiDiGraph:
    g = new_graph()
    for node, data in h.nodes(data=True):
        attrs = {k: data.get(k) for k in NODE_FIELDS}
        if attrs["key"] is None:  # networkx writes a node's "key" to GEXF as "networkx_key"
            attrs["key"] = data.get("networkx_key")
        for k in LISTS:
            attrs[k] = [x for x in (attrs[k] or "").split(SEP) if x]
        g.add_node(node, **attrs)
    edges = h.edges(keys=True, data=True) if h.is_multigraph() else ((u, v, d.get("id"), d) for u, v, d in h.edges(data=True))
    for u, v, key, data in edges:
        data = dict(data)
        if "relation" in data:
            data["type"] = data.pop("relation")
        attrs = {k: data.get(k) for k in EDGE_FIELDS}
        for k in ("evidence", "rule"):
            attrs[k] = attrs[k] or ""
        g.add_edge(u, v, key=data.get("id", key), **attrs)
    if articles is None:
        ids = {a for _, d in g.nodes(data=True) for a in d["articles"]}
        ids |= {d["article"] for _, _, d in g.edges(data=True) if d.get("article")}
        articles = {a: {"id": a, "iri": article_iri(a), "title": "", "language": None,
                        "published": None, "source": ""} for a in sorted(ids)}
    g.graph["articles"] = articles
    return g


def write_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    with atomic_open(path, "wb") as fh:
        nx.write_graphml(_flat(g, gexf=False), fh, encoding="utf-8", prettyprint=True)


def write_gexf(g: nx.MultiDiGraph, path: Path) -> None:
    with atomic_open(path, "wb") as fh:
        nx.write_gexf(_flat(g, gexf=True), fh, encoding="utf-8", prettyprint=True, version="1.2draft")


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file")
    try:
        h = nx.read_graphml(path, force_multigraph=True)
        articles = h.graph.get("articles")
        return _unflat(h, {a["id"]: a for a in json.loads(articles)} if articles else None)
    except (nx.NetworkXError, ValueError, KeyError, TypeError) as exc:
        raise GraphError(f"{path}: not a GraphML graph of this tool ({exc})") from None
    except ParseError as exc:
        raise GraphError(f"{path}: not valid GraphML ({exc})") from None


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file")
    try:
        return _unflat(nx.read_gexf(path), None)
    except (nx.NetworkXError, ValueError, KeyError, TypeError) as exc:
        raise GraphError(f"{path}: not a GEXF graph of this tool ({exc})") from None
    except ParseError as exc:
        raise GraphError(f"{path}: not valid GEXF ({exc})") from None
