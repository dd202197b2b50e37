"""The graph: extractions in, one merged networkx graph and its RDF mapping out.

`network` merges `Extraction`s into a `MultiDiGraph` whose node keys are the entities'
IRIs and reads and writes `graph.json`; `rdf` maps that graph to RDF (quads per article,
SHACL validation) with the terms of `namespace`, the mirror of `ontology/dipkg.ttl`.
Takes from `kg.extract` only its values; knows nothing of stores, views or the CLI.
"""
from kg.graph.network import (  # noqa: F401  (the graph's public API)
    add_extraction, build_graph, new_graph, read_graph_json, to_json, write_graph_json,
)
