"""The graph stage: extractions -> one networkx MultiDiGraph whose node keys are IRIs.

Node keys are the stable IRIs minted from knowledge-base keys, so the same actor is one
node in every article and language, and the RDF export is a direct mapping.
Edge keys are `<article id>#<n>`: every edge keeps the article that supports it.

`graph.json` (read and written here) is the tool's own lossless serialisation:

    {"format": "dipkg-graph", "version": 1, "base": BASE,
     "articles": [{"id", "iri", "title", "language", "published", "source"}],
     "nodes": [{"id": IRI, "key", "label", "type", "wikidata", "aliases": [..],
                "articles": [..], "place": IRI|null, "date": str|null}],
     "edges": [{"id", "source": IRI, "target": IRI, "type", "modality", "date",
                "place": IRI|null, "role", "evidence", "confidence", "rule", "article",
                "plover": str|null, "plover_mode": str|null, "cameo": str|null, "trigger": str|null}]}

The event codes (kg.extract.codes) came later: a graph.json without them reads with null.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable

import networkx as nx

from kg.atomic import atomic_open
from kg.errors import GraphError
from kg.model import (  # noqa: F401  (the IRIs are minted in kg.model)
    ARTICLE, BASE, RESOURCE, SHARED_GRAPH, STATEMENT, Extraction, article_iri, iri,
)

NODE_FIELDS = ("key", "label", "type", "wikidata", "aliases", "articles", "place", "date")
EDGE_FIELDS = ("type", "modality", "date", "place", "role", "evidence", "confidence", "rule", "article",
               "plover", "plover_mode", "cameo", "trigger")


def new_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.graph["articles"] = {}
    return g


def add_extraction(g: nx.MultiDiGraph, ex: Extraction) -> nx.MultiDiGraph:
    """Merge one article's extraction into `g` (replacing that article if present).

    A node's `articles` and `aliases` grow by appending; they are sorted once, when the
    graph is written (`settle`), not on every merge: a hub that is in most articles made
    re-sorting quadratic in the corpus (issue 12).
    """
    art = ex.article
    remove_article(g, art.id)
    g.graph["articles"][art.id] = {
        "id": art.id, "iri": article_iri(art.id), "title": art.title, "language": art.language,
        "published": art.published.isoformat() if art.published else None, "source": art.source,
    }
    for ent in ex.entities:
        node = iri(ent.key)
        attrs = dict(ent.attrs)
        if node in g:
            data = g.nodes[node]
            aliases = data["aliases"]
            aliases.extend(a for a in dict.fromkeys(ent.aliases) if a not in aliases)  # a handful each
            data["articles"].append(art.id)     # new: remove_article took the old copy out
            for k in ("place", "date"):
                if not data.get(k) and attrs.get(k):
                    data[k] = iri(attrs[k]) if k == "place" else attrs[k]
            if not data.get("wikidata") and ent.wikidata:
                data["wikidata"] = ent.wikidata
        else:
            g.add_node(node, key=ent.key, label=ent.label, type=ent.type, wikidata=ent.wikidata,
                       aliases=sorted(set(ent.aliases)), articles=[art.id],
                       place=iri(attrs["place"]) if attrs.get("place") else None,
                       date=attrs.get("date"))
    for n, rel in enumerate(ex.relations, 1):
        g.add_edge(iri(rel.source), iri(rel.target), key=f"{art.id}#{n}",
                   type=rel.type, modality=rel.modality, date=rel.date,
                   place=iri(rel.place) if rel.place else None, role=rel.role,
                   evidence=rel.evidence, confidence=rel.confidence, rule=rel.rule,
                   article=art.id, plover=rel.plover or None, plover_mode=rel.plover_mode,
                   cameo=rel.cameo or None, trigger=rel.trigger or None)
    return g


def settle(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Sort every node's `articles` and `aliases` (in place): what writers expect.

    Cheap when they are sorted already (timsort on sorted input is one pass), so every
    writer calls it.
    """
    for _, data in g.nodes(data=True):
        for k in ("articles", "aliases"):
            value = data.get(k)
            if isinstance(value, (list, set, tuple)) and not _is_sorted(value):
                data[k] = sorted(set(value))
    return g


def _is_sorted(value) -> bool:
    if not isinstance(value, list):
        return False
    return all(value[i] < value[i + 1] for i in range(len(value) - 1))


def remove_article(g: nx.MultiDiGraph, article_id: str) -> None:
    """Drop an article's edges and the nodes only it mentioned."""
    if article_id not in g.graph["articles"]:
        return
    del g.graph["articles"][article_id]
    g.remove_edges_from([(u, v, k) for u, v, k, a in g.edges(keys=True, data="article") if a == article_id])
    for node, data in list(g.nodes(data=True)):
        if article_id in data["articles"]:
            data["articles"] = [a for a in data["articles"] if a != article_id]
            if not data["articles"]:
                g.remove_node(node)


def merge_graph(g: nx.MultiDiGraph, other: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Add every article of `other` to `g`; an article in both is taken from `other`."""
    for aid in other.graph.get("articles") or {}:
        remove_article(g, aid)
    g.graph["articles"].update(other.graph.get("articles") or {})
    for node, data in other.nodes(data=True):
        if node not in g:
            g.add_node(node, **{f: data.get(f) for f in NODE_FIELDS})
            g.nodes[node]["aliases"] = list(data.get("aliases") or [])
            g.nodes[node]["articles"] = list(data.get("articles") or [])
            continue
        cur = g.nodes[node]
        cur["aliases"] = sorted(set(cur.get("aliases") or []) | set(data.get("aliases") or []))
        cur["articles"] = sorted(set(cur.get("articles") or []) | set(data.get("articles") or []))
        for k in ("place", "date", "wikidata", "label", "type"):
            if not cur.get(k) and data.get(k):
                cur[k] = data[k]
    for u, v, k, d in other.edges(keys=True, data=True):
        g.add_edge(u, v, key=k, **d)
    return g


def build_graph(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    g = new_graph()
    for ex in extractions:
        add_extraction(g, ex)
    return settle(g)


def to_json(g: nx.MultiDiGraph) -> dict:
    settle(g)
    return {
        "format": "dipkg-graph", "version": 1, "base": BASE,
        "articles": [g.graph["articles"][a] for a in sorted(g.graph["articles"])],
        "nodes": [{"id": n, **{f: d.get(f) for f in NODE_FIELDS}} for n, d in sorted(g.nodes(data=True))],
        "edges": [{"id": k, "source": u, "target": v, **{f: d.get(f) for f in EDGE_FIELDS}}
                  for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[2])],
    }


_LISTS = ("aliases", "articles")
# fields that become IRIs (node ids and places) or IRI segments (article ids), per record
_IRI_FIELDS = {"article": ("id",), "node": ("id", "place", "articles"),
               "edge": ("id", "source", "target", "place", "article")}
_NOT_IN_IRI = re.compile("[\x00-\x20<>\"{}|\\^`\x7f-\x9f\ufffe\uffff]")


def _field(value, name: str, where: str, iri: bool = False):
    """`value` if it has the type graph.json gives field `name`, else GraphError (a corrupted
    file must stop at reading, not as a TypeError in an exporter)."""
    if name in _LISTS:
        ok = value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    elif name == "confidence":
        ok = value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))
    else:
        ok = value is None or isinstance(value, str)
    if not ok:
        raise GraphError(f"malformed graph.json: {where} has a {type(value).__name__} as {name!r}")
    if iri and value and any(_NOT_IN_IRI.search(v) for v in ([value] if isinstance(value, str) else value)):
        raise GraphError(f"malformed graph.json: {where} has a {name!r} that is not a valid IRI")
    return value


def _record(x, required: tuple[str, ...], fields: tuple[str, ...], where: str) -> dict:
    if not isinstance(x, dict):
        raise GraphError(f"malformed graph.json: {where} is a {type(x).__name__}, not an object")
    for f in required:
        if not isinstance(x.get(f), str):
            raise GraphError(f"malformed graph.json: {where} has no {f!r} text")
    iris = _IRI_FIELDS[where.split()[0]]
    return {f: _field(x.get(f), f, where, f in iris) for f in fields}


def from_json(doc: dict) -> nx.MultiDiGraph:
    if not isinstance(doc, dict) or doc.get("format") != "dipkg-graph":
        raise GraphError("not a graph.json written by this tool (missing \"format\": \"dipkg-graph\")")
    if not all(isinstance(doc.get(k), list) for k in ("articles", "nodes", "edges")):
        raise GraphError("malformed graph.json: \"articles\", \"nodes\" and \"edges\" must be lists")
    g = new_graph()
    for n, art in enumerate(doc["articles"]):
        if not isinstance(art, dict):
            raise GraphError(f"malformed graph.json: article {n} is not an object")
        art = _record(art, ("id",), tuple(art), f"article {n}")
        g.graph["articles"][art["id"]] = art
    for n, node in enumerate(doc["nodes"]):
        rec = _record(node, ("id",), ("id",) + NODE_FIELDS, f"node {n}")
        g.add_node(rec.pop("id"), **rec)
    for n, e in enumerate(doc["edges"]):
        rec = _record(e, ("id", "source", "target"), ("id", "source", "target") + EDGE_FIELDS, f"edge {n}")
        if rec["source"] not in g or rec["target"] not in g:
            raise GraphError(f"malformed graph.json: edge {n} joins a node that is not in \"nodes\"")
        g.add_edge(rec.pop("source"), rec.pop("target"), key=rec.pop("id"), **rec)
    return g


def write_graph_json(g: nx.MultiDiGraph, path: str | Path) -> None:
    """graph.json, streamed item by item: the same bytes as `json.dumps(to_json(g), indent=1)`
    without a second copy of the graph in memory as one dict and one string."""
    settle(g)
    arts = g.graph["articles"]
    parts = {
        "articles": (arts[a] for a in sorted(arts)),
        "nodes": ({"id": n, **{f: d.get(f) for f in NODE_FIELDS}} for n, d in sorted(g.nodes(data=True))),
        "edges": ({"id": k, "source": u, "target": v, **{f: d.get(f) for f in EDGE_FIELDS}}
                  for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[2])),
    }
    with atomic_open(path, "w") as fh:
        fh.write('{\n "format": "dipkg-graph",\n "version": 1,\n "base": ' + json.dumps(BASE) + ",")
        for n, (name, items) in enumerate(parts.items()):
            fh.write(f'\n "{name}": [')
            empty = True
            for item in items:
                text = _dump_item(item)
                fh.write(("\n  " if empty else ",\n  ") + text)
                empty = False
            fh.write("]" if empty else "\n ]")
            fh.write("," if n < len(parts) - 1 else "\n}\n")


def _dump_item(item: dict) -> str:
    """One article, node or edge of graph.json, indented as `json.dumps(indent=1)` nests it."""
    return json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def read_graph_json(path: str | Path) -> nx.MultiDiGraph:
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GraphError(f"{path}: not a JSON graph ({exc})") from None
    return from_json(doc)
