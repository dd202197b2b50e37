"""The HTML stage: graph -> one self-contained, interactive page (vis-network, via pyvis).

The page is a single file that works from `file://` without internet: vis-network's
script and stylesheet are read from the installed pyvis package and inlined, together
with our own script and stylesheet from `kg/views/templates/`.

pyvis's own page template is not used: it links Bootstrap from a CDN even in "in_line"
mode, feeds node titles containing "href" to the page as HTML, and its `add_node` loop is
quadratic (about 20 s for 10,000 nodes).  Instead the graph goes into the page as one JSON
document, escaped for a `<script>` element, and the page script builds the network and
every tooltip and panel with `textContent`, so article text always reaches the page as
text, never as HTML.

Graphs above WEBGL_MIN_NODES actors are drawn with sigma.js on WebGL instead (vendored
from npm in `templates/lib/`, see its SOURCES.md): vis-network draws every frame on a 2D
canvas and needs seconds per frame at 20,000 actors.  Both renderers share the page's
filters, panels and search (`graph.js`).

Large graphs stay usable because the layout is computed once and then frozen: the page
places the nodes with pivot MDS (linear time), vis-network's Barnes-Hut physics tidies
that for a bounded number of iterations, and physics is switched off as soon as it has
settled.  Edges are straight or statically curved (vis-network's default "dynamic" curves
add a physics node per edge).
"""
from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import write_text
from kg.errors import FormatError
from kg.model import ENTITY_TYPES, MODALITIES, RELATION_TYPES, SYMMETRIC

# Colour and shape per node type; colour per relation type; dash pattern per modality.
# Shapes are vis-network shapes that draw their label below the symbol.
NODE_STYLES: dict[str, dict[str, str]] = {
    "Person": {"color": "#4e79a7", "shape": "dot"},
    "Country": {"color": "#e15759", "shape": "square"},
    "Organization": {"color": "#f28e2b", "shape": "diamond"},
    "Event": {"color": "#59a14f", "shape": "star"},
    "Place": {"color": "#76b7b2", "shape": "triangleDown"},
    "Group": {"color": "#b07aa1", "shape": "hexagon"},
}
OTHER_NODE_STYLE = {"color": "#9c9c9c", "shape": "dot"}

EDGE_COLORS: dict[str, str] = {
    "ally-of": "#2ca02c",
    "spoke-with": "#1f77b4",
    "met-with": "#9467bd",
    "met-at": "#17becf",
    "opposes": "#d62728",
    "holds-role": "#8c8c8c",
}
OTHER_EDGE_COLOR = "#bbbbbb"

# `false` draws a solid line; every modality but "asserted" is dashed.
DASHES: dict[str, Any] = {
    "asserted": False,
    "possible": [8, 6],
    "planned": [14, 5, 3, 5],
    "conditional": [3, 5],
    "negated": [1, 7],
}
OTHER_DASHES = [4, 4]

# Up to this many nodes vis-network's own pre-layout (Kamada-Kawai, cubic) places them;
# above it the page computes a pivot-MDS layout from PIVOTS breadth-first searches.
IMPROVED_LAYOUT_MAX_NODES = 150
PIVOTS = 50
# Above this many actors the page runs no physics at all: the pivot-MDS layout is final,
# which keeps a corpus of 20,000 actors interactive (benchmarks/RESULTS-html.md).
PHYSICS_MAX_NODES = 5000
# Up to this many actors the physics keeps symbols apart (avoidOverlap, about 1 s more at
# 500 actors), so an edge rarely runs under an unrelated actor.
PHYSICS_SMALL = 300
# Above this many actors the page draws with sigma.js (WebGL) rather than vis-network.
WEBGL_MIN_NODES = 5001
RENDERERS = ("auto", "vis", "webgl")
SPRING_LENGTH = 140

_VIS_DIR = "templates/lib/vis-9.1.2"
_WEBGL_LIBS = ("lib/graphology-0.26.0/graphology.umd.min.js", "lib/sigma-3.0.2/sigma.min.js")
_SLOT = re.compile(r"/\*KG:([A-Z_]+)\*/")


def render_html(g: nx.MultiDiGraph, title: str | None = None, renderer: str = "auto") -> str:
    """The page for `g` as one string: every script, stylesheet and datum inline.

    `renderer`: "vis" (vis-network), "webgl" (sigma.js) or "auto" (WebGL above
    WEBGL_MIN_NODES actors)."""
    data = page_data(g, title, renderer)
    webgl = data["renderer"] == "webgl"
    vis_js = _script_text("\n".join(_template(n) for n in _WEBGL_LIBS) if webgl
                          else _vis_asset("vis-network.min.js"))
    kg_js = _script_text(_template("graph.js"))
    parts = {
        "TITLE": html.escape(data["meta"]["title"]),
        "NODES": str(data["meta"]["nodes"]),
        "EDGES": str(data["meta"]["edges"]),
        "VIS_CSS": "" if webgl else _style_text(_vis_asset("vis-network.css")),
        "KG_CSS": _style_text(_template("graph.css")),
        "VIS_JS": vis_js,
        "KG_JS": kg_js,
        # Only these two scripts may run: an injected script or event handler would not.
        "SCRIPT_HASHES": " ".join(f"'sha256-{_sha256(s)}'" for s in (vis_js, kg_js)),
        "DATA": script_json(data),
    }
    # One pass, so text inserted for one slot is never scanned for another.
    return _SLOT.sub(lambda m: parts[m.group(1)], _template("graph.html"))


def write_html(g: nx.MultiDiGraph, path: str | Path, renderer: str = "auto") -> None:
    """Write the page for `g` to `path` atomically (the `html` exporter)."""
    write_text(path, render_html(g, renderer=renderer))


def page_data(g: nx.MultiDiGraph, title: str | None = None, renderer: str = "auto") -> dict[str, Any]:
    """Everything the page script needs, as plain JSON values.

    Nodes and statements (the multigraph's edges) are numbered, sorted by IRI and by edge
    key so the output is stable, and refer to each other by number.  `edges` are what the
    page draws: one per actor pair and relation type (the pair unordered for symmetric
    types), each listing its statements (see `aggregate`).
    """
    if renderer not in RENDERERS:
        raise FormatError(f"unknown renderer {renderer!r} (known: {', '.join(RENDERERS)})")
    articles = g.graph.get("articles") or {}
    order = sorted(g.nodes, key=str)
    index = {n: i for i, n in enumerate(order)}
    stmt_list = sorted(g.edges(keys=True, data=True), key=lambda e: (str(e[2]), index[e[0]], index[e[1]]))
    statements = [_statement(i, index, u, v, k, d) for i, (u, v, k, d) in enumerate(stmt_list)]
    edges = aggregate(statements)
    links = Counter(x for e in edges for x in {e["from"], e["to"]})
    degree = dict(g.degree())
    nodes = []
    for n in order:
        d, i = g.nodes[n], index[n]
        nodes.append({
            "id": i, "iri": str(n), "label": _text(d.get("label")) or _short(str(n)),
            "type": _text(d.get("type")) or "Unknown", "wikidata": _text(d.get("wikidata")),
            "aliases": [_text(a) for a in d.get("aliases") or ()],
            "articles": [_text(a) for a in d.get("articles") or ()],
            "place": index.get(d.get("place")), "date": _text(d.get("date")),
            "degree": degree[n], "links": links[i], "size": node_size(links[i]),
        })
    node_types = Counter(n["type"] for n in nodes)
    rel_types = Counter(s["type"] for s in statements)
    modalities = Counter(s["modality"] for s in statements)
    dates = sorted(s["date"] for s in statements if s["date"])
    return {
        "meta": {
            "title": title or _default_title(articles),
            "nodes": len(nodes), "edges": len(edges), "statements": len(statements),
            "articles": len(articles),
            "dateMin": dates[0] if dates else None, "dateMax": dates[-1] if dates else None,
        },
        "months": month_histogram(dates),
        "triggers": trigger_words({str(m.get("language")) for m in articles.values() if m.get("language")}),
        "articles": {str(a): {k: _text(v) for k, v in meta.items()} for a, meta in articles.items()},
        "nodeTypes": [{"name": t, "count": node_types[t], **NODE_STYLES.get(t, OTHER_NODE_STYLE)}
                      for t in _ordered(node_types, ENTITY_TYPES)],
        "relationTypes": [{"name": t, "count": rel_types[t], "color": EDGE_COLORS.get(t, OTHER_EDGE_COLOR),
                           "symmetric": t in SYMMETRIC}
                          for t in _ordered(rel_types, RELATION_TYPES)],
        "modalities": [{"name": m, "count": modalities[m], "dashes": DASHES.get(m, OTHER_DASHES)}
                       for m in _ordered(modalities, MODALITIES)],
        "renderer": renderer if renderer != "auto" else ("webgl" if len(nodes) >= WEBGL_MIN_NODES else "vis"),
        "options": vis_options(len(nodes)),
        "layout": initial_layout(len(nodes)),
        "nodes": nodes,
        "edges": edges,
        "statements": statements,
    }


def _statement(i: int, index: dict, u: Any, v: Any, k: Any, d: dict) -> dict[str, Any]:
    return {
        "id": i, "key": _text(k), "from": index[u], "to": index[v],
        "type": _text(d.get("type")) or "related", "modality": _text(d.get("modality")) or "asserted",
        "date": _text(d.get("date")), "place": index.get(d.get("place")),
        "placeText": None if d.get("place") in index else _text(d.get("place")),
        "role": _text(d.get("role")), "evidence": _text(d.get("evidence")),
        # Trigger words, when the graph records them, are highlighted in the evidence.
        "trigger": _text(d.get("trigger")),
        "confidence": _number(d.get("confidence")), "rule": _text(d.get("rule")),
        "article": _text(d.get("article")), "event": _event_code(d),
    }


def _event_code(d: dict) -> str | None:
    """"CONSULT (phone), CAMEO 04": the statement's event codes for the evidence panel."""
    if not d.get("plover"):
        return None
    mode = f" ({_text(d.get('plover_mode'))})" if d.get("plover_mode") else ""
    return f"{_text(d.get('plover'))}{mode}, CAMEO {_text(d.get('cameo'))}"


def aggregate(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One drawn edge per (relation type, actor pair): the pair is ordered for directed
    types and unordered for symmetric ones, so A spoke-with B and B spoke-with A are one
    edge.  Each edge lists its statements, their count, first and last date, modalities
    and roles; a signed curve keeps edges of different types between a pair apart."""
    groups: dict[tuple, list[dict]] = {}
    for s in statements:
        a, b = s["from"], s["to"]
        symmetric = s["type"] in SYMMETRIC
        if symmetric and b < a:
            a, b = b, a
        groups.setdefault((s["type"], a, b), []).append(s)
    edges = []
    for i, ((typ, a, b), members) in enumerate(sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][2], kv[0][0]))):
        dates = sorted(s["date"] for s in members if s["date"])
        edges.append({
            "id": i, "from": a, "to": b, "type": typ, "symmetric": typ in SYMMETRIC,
            "count": len(members), "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
            "modalities": dict(Counter(s["modality"] for s in members)),
            "roles": sorted({s["role"] for s in members if s["role"]}),
            "articles": len({s["article"] for s in members if s["article"]}),
            "statements": [s["id"] for s in members],
        })
    curves = _curves([(e["from"], e["to"]) for e in edges])
    for e, c in zip(edges, curves):
        e["curve"] = c
    return edges


def trigger_words(languages: set[str]) -> dict[str, dict[str, list[str]]]:
    """The trigger words of each relation type, per language of the graph's articles, from
    the language resources (`kg/data/<lang>/triggers.json`): the page marks them in the
    evidence.  The graph records the rule of an edge, not its trigger, so a statement's
    `trigger` field, when a graph has one, takes precedence."""
    from kg.resources import data_dir

    out: dict[str, dict[str, list[str]]] = {}
    for lang in sorted(languages):
        path = data_dir() / lang / "triggers.json"
        if not re.fullmatch(r"[a-z]{2,3}", lang) or not path.is_file():
            continue
        table = json.loads(path.read_text(encoding="utf-8"))
        words = {t: list(table.get(t) or ()) for t in RELATION_TYPES if table.get(t)}
        if "met-with" in words:   # what else makes a meeting between persons (signing, …)
            words["met-with"] += list(table.get("met-with-persons") or ())
        out[lang] = words
    return out


def month_histogram(dates: list[str]) -> list[dict[str, Any]]:
    """Statements per month from the first dated month to the last (empty months kept, so
    the histogram's x axis is time); dates with only a year are not counted."""
    months = Counter(d[:7] for d in dates if re.match(r"^\d{4}-\d{2}", d))
    if not months:
        return []
    first, last = min(months), max(months)
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 1200:
        key = f"{y:04d}-{m:02d}"
        out.append({"month": key, "count": months.get(key, 0)})
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def vis_options(n_nodes: int) -> dict[str, Any]:
    """vis-network options tuned so the layout settles quickly, then physics stops.

    The page switches physics off at `stabilizationIterationsDone`, so the iteration cap
    bounds the time any graph can take to settle (see benchmarks/RESULTS-html.md).
    """
    big = n_nodes > 1000
    physics = n_nodes <= PHYSICS_MAX_NODES
    return {
        "autoResize": True,
        "layout": {"improvedLayout": n_nodes <= IMPROVED_LAYOUT_MAX_NODES, "randomSeed": 7},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            # theta 1.2 (default 0.5) approximates distant groups sooner: 2-3x fewer
            # force terms, no visible change at this scale.
            "barnesHut": {"theta": 1.2, "gravitationalConstant": -4000, "centralGravity": 0.3,
                          "springLength": SPRING_LENGTH, "springConstant": 0.04, "damping": 0.35,
                          "avoidOverlap": 0.2 if n_nodes <= PHYSICS_SMALL else 0},
            "maxVelocity": 50, "minVelocity": 1.0 if big else 0.75, "timestep": 0.5,
            "adaptiveTimestep": True,
            "stabilization": {"enabled": physics, "iterations": stabilization_iterations(n_nodes),
                              "updateInterval": 25, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "navigationButtons": False, "keyboard": False,
                        "multiselect": False},
        # Labels by degree and zoom: a node's `value` (its size) scales its label between
        # min and max, and a label drawn smaller than drawThreshold pixels is left out, so
        # zoomed out only the hubs are named.  Edge width and label scale with the count.
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3,
                                             "strokeColor": "#ffffff"},
                  "scaling": {"min": 6, "max": 30,
                              "label": {"enabled": True, "min": 12, "max": 40,
                                        "drawThreshold": 6, "maxVisible": 24}}},
        "edges": {"width": 1.5, "smooth": False, "selectionWidth": 2,
                  "font": {"size": 11, "align": "middle", "face": "sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff", "color": "#444444"},
                  "scaling": {"min": 1.5, "max": 10,
                              "label": {"enabled": True, "min": 11, "max": 16,
                                        "drawThreshold": 8, "maxVisible": 16}},
                  "arrows": {"to": {"enabled": False, "scaleFactor": 0.6}}},
    }


def stabilization_iterations(n_nodes: int) -> int:
    """The cap on layout iterations: vis-network's 1,000 for small graphs; for larger
    ones, which start from the pivot-MDS layout and only need tidying, 400 down to 100
    as the graph grows (each iteration costs about n log n).  Measured in
    benchmarks/RESULTS-html.md: more iterations did not visibly change the picture."""
    if n_nodes <= IMPROVED_LAYOUT_MAX_NODES:
        return 1000
    return max(100, min(400, 200_000 // n_nodes))


def initial_layout(n_nodes: int) -> dict[str, Any]:
    """How the page places nodes before physics: vis-network's own pre-layout for small
    graphs, a pivot-MDS layout (computed in the page, linear time) for larger ones."""
    if n_nodes <= IMPROVED_LAYOUT_MAX_NODES:
        return {"pivots": 0, "unit": SPRING_LENGTH, "physics": True}
    return {"pivots": PIVOTS, "unit": SPRING_LENGTH, "physics": n_nodes <= PHYSICS_MAX_NODES}


def node_size(degree: int) -> float:
    """Symbol radius by degree: grows with the square root, so hubs stand out but fit."""
    return round(min(10 + 4 * math.sqrt(degree), 48), 1)


def script_json(value: Any) -> str:
    """JSON that is safe inside a `<script>` element and in a JavaScript string.

    `<`, `>` and `&` become `\\u003c`… so no data can close the element or open a comment;
    U+2028/9 are escaped because older JavaScript treats them as line ends.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _curves(pairs: list[tuple[str, str]]) -> list[float]:
    """A signed curvature per edge so parallel edges between two nodes do not overlap.

    0 is straight (the only edge between a pair, or the middle one of an odd bundle);
    the sign is relative to the pair in sorted order, so A->B and B->A curve apart too.
    """
    bundles: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (u, v) in enumerate(pairs):
        bundles[(u, v) if u <= v else (v, u)].append(i)
    out = [0.0] * len(pairs)
    for (a, _), members in bundles.items():
        m = len(members)
        for rank, i in enumerate(members):
            offset = rank - (m - 1) / 2           # ..., -1, 0, 1, ... or ..., -0.5, 0.5, ...
            r = round(0.25 * offset, 3)
            out[i] = r if pairs[i][0] == a else -r
    return out


def _ordered(counts: Counter, known: tuple[str, ...]) -> list[str]:
    return [t for t in known if counts[t]] + sorted(t for t in counts if t not in known)


def _default_title(articles: dict) -> str:
    if len(articles) == 1:
        meta = next(iter(articles.values()))
        if meta.get("title"):
            return f"Knowledge graph: {meta['title']}"
    return f"Knowledge graph of {len(articles)} article{'s' if len(articles) != 1 else ''}"


def _short(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _number(value: Any) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _script_text(source: str) -> str:
    # Inline code must not end its own element; `<\/` means the same in strings and regexes.
    # A source-map comment would make developer tools fetch a file that is not there.
    source = re.sub(r"^//# sourceMappingURL=.*$", "", source, flags=re.MULTILINE)
    return re.sub(r"</(script)", r"<\\/\1", source, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def _style_text(source: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", source, flags=re.IGNORECASE)


@lru_cache(maxsize=None)
def _template(name: str) -> str:
    return (files("kg.views") / "templates" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _vis_asset(name: str) -> str:
    # The vis-network build that pyvis ships, read from the installed package (never
    # fetched).  find_spec locates it without importing pyvis, which pulls in IPython.
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise FormatError("the HTML export needs pyvis (pip install pyvis)")
    path = Path(list(spec.submodule_search_locations)[0]) / _VIS_DIR / name
    if not path.is_file():
        raise FormatError(f"the installed pyvis has no {_VIS_DIR}/{name}; pyvis 0.3.2 is needed")
    return path.read_text(encoding="utf-8")
