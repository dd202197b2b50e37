"""GraphML and GEXF: the graph for Gephi, yEd, Cytoscape and networkx.

Both keep node ids (the IRIs), edge ids (`<article id>#<n>`) and every attribute of
graph.json.  Lists (aliases, articles) are joined with `;`; absent values are left out.
Edges also get `weight` (= confidence) and, in GEXF, `label` (= relation type) for
Gephi.  GEXF reserves an edge's `type` for its direction, so the relation type is
written as `relation` there.  GraphML also stores the article list as the graph
attribute `articles` (JSON); GEXF cannot, so `read_gexf` rebuilds articles from ids.

So the files open ready to look at (issue 13), both carry the HTML view's styles and a
precomputed layout (`kg.views.layout`): GEXF as `viz:color`, `viz:size`,
`viz:position`, GraphML as the attributes Gephi's GraphML importer reads (`r`, `g`, `b`,
`size`, `x`, `y`) and a `color` for yEd users.  Symmetric relations (ally-of,
spoke-with, met-with) are undirected edges in GEXF (`type="undirected"`, a mixed graph,
as Gephi reads it) and `directed=false` in GraphML.  A statement's date becomes its
time interval, `start`/`end` (a whole month or year for a partial date), so Gephi's
timeline plays the graph; undated statements are always there.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree.ElementTree import ParseError

import networkx as nx

from kg.atomic import atomic_open
from kg.errors import GraphError
from kg.graph.network import EDGE_FIELDS, NODE_FIELDS, article_iri, new_graph
from kg.model import SYMMETRIC

SEP = ";"
LISTS = ("aliases", "articles")
# what XML 1.0 forbids: C0 controls but tab, LF and CR; surrogates; U+FFFE and U+FFFF
XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(value):
    """`value` with the characters XML 1.0 forbids removed, so any XML parser reads the file."""
    return XML_FORBIDDEN.sub("", value) if isinstance(value, str) else value


def _flat(g: nx.MultiDiGraph, gexf: bool) -> nx.MultiDiGraph:
    h = nx.MultiDiGraph()
    if not gexf:
        h.graph["articles"] = _xml(json.dumps([g.graph.get("articles", {})[a] for a in sorted(g.graph.get("articles", {}))],
                                         ensure_ascii=False))
    looks = _node_looks(g)
    for node, data in sorted(g.nodes(data=True)):
        attrs = {}
        for k in NODE_FIELDS:
            v = data.get(k)
            if k in LISTS:
                v = SEP.join(v or ()) or None
            if v is not None:
                attrs[k] = _xml(v)
        attrs.update(_viz(*looks[node], gexf))
        h.add_node(_xml(node), **attrs)
    for u, v, key, data in sorted(g.edges(keys=True, data=True), key=lambda e: str(e[2])):
        attrs = {k: _xml(data[k]) for k in EDGE_FIELDS if data.get(k) is not None}
        if data.get("confidence") is not None:
            attrs["weight"] = float(data["confidence"])
        attrs.update(_edge_time_and_look(data, gexf))
        if gexf:
            attrs["relation"] = attrs.pop("type", None)
            attrs["label"] = attrs["relation"]
            attrs["id"] = str(key)
            if attrs["relation"] in SYMMETRIC:
                attrs["type"] = "undirected"      # GEXF's `type` is the edge's direction
            attrs = {k: v for k, v in attrs.items() if v is not None}
        h.add_edge(_xml(u), _xml(v), key=_xml(str(key)), **attrs)
    return h


def _node_looks(g: nx.MultiDiGraph) -> dict:
    """Node -> (colour, size, (x, y)): the HTML view's colour per type, its size by the
    number of distinct neighbours, and the precomputed layout."""
    from kg.views.html import NODE_STYLES, OTHER_NODE_STYLE, node_size
    from kg.views.layout import positions

    pos = positions(g)
    out = {}
    for node, data in g.nodes(data=True):
        links = len(set(g.successors(node)) | set(g.predecessors(node)))
        colour = NODE_STYLES.get(data.get("type"), OTHER_NODE_STYLE)["color"]
        out[node] = (colour, node_size(links), pos[node])
    return out


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def _viz(colour: str, size: float, xy: tuple[float, float], gexf: bool) -> dict:
    if gexf:
        return {"viz": {"color": {**_rgb(colour), "a": 1.0}, "size": size,
                        "position": {"x": xy[0], "y": xy[1], "z": 0.0}}}
    return {**_rgb(colour), "color": colour, "size": size, "x": xy[0], "y": xy[1]}


def _edge_time_and_look(data: dict, gexf: bool) -> dict:
    from kg.views.html import EDGE_COLORS, OTHER_EDGE_COLOR

    colour = EDGE_COLORS.get(data.get("type"), OTHER_EDGE_COLOR)
    out: dict = {"start": None, "end": None}
    span = date_span(data.get("date"))
    if span:
        out["start"], out["end"] = span
    if gexf:
        out["viz"] = {"color": {**_rgb(colour), "a": 1.0}}
    else:
        out.update({**_rgb(colour), "color": colour, "directed": data.get("type") not in SYMMETRIC})
        out = {k: v for k, v in out.items() if v is not None}
    return out


def date_span(value) -> tuple[str, str] | None:
    """The days a date covers, as ISO dates: `2017-03-05` one day, `2017-03` the month,
    `2017` the year; anything else (or nothing) None."""
    import calendar
    import re

    text = str(value or "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text, text
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        y, mo = int(m[1]), int(m[2])
        if 1 <= mo <= 12:
            return f"{text}-01", f"{text}-{calendar.monthrange(y, mo)[1]:02d}"
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01", f"{text}-12-31"
    return None


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
        return _unflat(read_gexf_networkx(path), None)
    except (nx.NetworkXError, ValueError, KeyError, TypeError) as exc:
        raise GraphError(f"{path}: not a GEXF graph of this tool ({exc})") from None
    except ParseError as exc:
        raise GraphError(f"{path}: not valid GEXF ({exc})") from None


class _MixedGEXFReader(nx.readwrite.gexf.GEXFReader):
    """networkx's GEXF reader, which refuses an undirected edge in a directed graph.  GEXF
    allows such mixed graphs and Gephi reads them; this reader keeps those edges once,
    marked `directed=False`, so symmetric relations come back undirected."""

    def add_edge(self, G, edge_element, edge_attr):
        if not (G.is_directed() and edge_element.get("type") == "undirected"):
            return super().add_edge(G, edge_element, edge_attr)
        del edge_element.attrib["type"]
        before = set(G.edges(keys=True)) if G.is_multigraph() else set(G.edges())
        super().add_edge(G, edge_element, edge_attr)
        after = set(G.edges(keys=True)) if G.is_multigraph() else set(G.edges())
        for e in after - before:
            G.edges[e]["directed"] = False


def read_gexf_networkx(path: str | Path) -> nx.MultiDiGraph:
    """The GEXF file as networkx reads it, with `viz`, `start`/`end` and, on symmetric
    relations, `directed=False` (see `_MixedGEXFReader`)."""
    g = _MixedGEXFReader(node_type=None, version="1.2draft")(path)
    return g if g.is_multigraph() else nx.MultiDiGraph(g)
