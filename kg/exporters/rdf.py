"""RDF exporters: Turtle, N-Triples, RDF/XML, JSON-LD (the union of all articles) and
TriG, N-Quads (one named graph per article).  The model is in ontology/README.md."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.graph import rdf


def write_turtle(g: nx.MultiDiGraph, path: Path) -> None:
    rdf.write_rdf(g, path, "turtle")


def write_ntriples(g: nx.MultiDiGraph, path: Path) -> None:
    rdf.write_rdf(g, path, "ntriples")


def write_rdfxml(g: nx.MultiDiGraph, path: Path) -> None:
    rdf.write_rdf(g, path, "rdfxml")


def write_jsonld(g: nx.MultiDiGraph, path: Path) -> None:
    rdf.write_rdf(g, path, "jsonld")


def write_trig(g: nx.MultiDiGraph, path: Path) -> None:
    rdf.write_rdf(g, path, "trig")


def write_nquads(g: nx.MultiDiGraph, path: Path) -> None:
    rdf.write_rdf(g, path, "nquads")
