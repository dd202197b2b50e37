"""Exporters registered by name, imported lazily (as rdflib's plugins are).

Each exporter is a function `(graph: networkx.MultiDiGraph, path: Path) -> None` that
writes one file atomically.  pyvis, rdflib and friends load only when their format is used.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.errors import FormatError


@dataclass(frozen=True)
class Exporter:
    name: str
    module: str
    function: str
    suffix: str
    description: str


_REGISTRY: dict[str, Exporter] = {}


def register(name: str, module: str, function: str, suffix: str, description: str) -> None:
    _REGISTRY[name] = Exporter(name, module, function, suffix, description)


def exporters() -> dict[str, Exporter]:
    return dict(_REGISTRY)


def get(name: str) -> Exporter:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise FormatError(f"unknown format {name!r} (known: {', '.join(sorted(_REGISTRY))})") from None


def export(graph: nx.MultiDiGraph, name: str, path: str | Path, **options) -> Path:
    """Write `graph` to `path` in format `name`; `options` go to the writer (csv: `neutralise`, `bom`)."""
    from kg.graph.network import settle
    exp = get(name)
    fn = getattr(importlib.import_module(exp.module), exp.function)
    path = Path(path)
    fn(settle(graph), path, **options)
    return path


def load_graph(path: str | Path) -> nx.MultiDiGraph:
    """Read any graph file this tool writes, by suffix: graph.json, an RDF format,
    GraphML or GEXF."""
    from kg.graph import rdf
    from kg.graph.network import read_graph_json

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_graph_json(path)
    if suffix == ".graphml":
        from kg.exporters.graphml import read_graphml
        return read_graphml(path)
    if suffix == ".gexf":
        from kg.exporters.graphml import read_gexf
        return read_gexf(path)
    if suffix not in rdf.BY_SUFFIX:
        known = sorted({".json", ".graphml", ".gexf", *rdf.BY_SUFFIX})
        raise FormatError(f"{path}: cannot read a graph from a {suffix or 'suffix-less'} file "
                          f"(known: {', '.join(known)})")
    return rdf.from_rdf(path)


# The built-in formats.  Other modules of this package add theirs with `register`.
register("graph-json", "kg.graph.network", "write_graph_json", ".json", "the tool's own lossless graph JSON")
register("turtle", "kg.exporters.rdf", "write_turtle", ".ttl", "RDF Turtle: the union of all articles")
register("ntriples", "kg.exporters.rdf", "write_ntriples", ".nt", "RDF N-Triples: the union of all articles")
register("rdfxml", "kg.exporters.rdf", "write_rdfxml", ".rdf", "RDF/XML: the union of all articles")
register("jsonld", "kg.exporters.rdf", "write_jsonld", ".jsonld", "JSON-LD with ontology/context.jsonld embedded")
register("trig", "kg.exporters.rdf", "write_trig", ".trig", "RDF TriG: one named graph per article")
register("nquads", "kg.exporters.rdf", "write_nquads", ".nq", "RDF N-Quads: one named graph per article")
register("graphml", "kg.exporters.graphml", "write_graphml", ".graphml", "GraphML (Gephi, yEd, Cytoscape)")
register("gexf", "kg.exporters.graphml", "write_gexf", ".gexf", "GEXF (Gephi)")
register("csv", "kg.exporters.neo4j_csv", "write_csv", ".csv",
         "Neo4j and kuzu CSV: OUT.csv -> OUT-nodes.csv, OUT-edges.csv, OUT-articles.csv; "
         "a folder OUT -> OUT/nodes.csv, OUT/edges.csv, OUT/articles.csv")
register("contract-json", "kg.exporters.contract", "write_contract_json", ".json",
         "the JSON of `kg extract` (one article; several: {\"articles\": [...]})")
register("plover", "kg.exporters.plover", "write_plover", ".jsonl",
         "PLOVER/POLECAT event records, one JSON object per statement and line (ontology/README.md)")
register("html", "kg.views.html", "write_html", ".html", "an interactive, self-contained HTML page of the graph (vis-network)")
