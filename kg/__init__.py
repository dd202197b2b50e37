"""dipkg: the diplomatic-relations knowledge graph, from news articles.

The library the CLI and notebooks use, by layer (each imports only the ones above it):

- `kg.model`, `kg.errors`, `kg.atomic`, `kg.resources`: the shared basics;
- `kg.extract`: inputs -> articles (`read_inputs`) -> `Extraction` (`extract_file`,
  `extract_text`, `to_contract`);
- `kg.graph`: extractions -> one networkx graph and its RDF (`build_graph`, `write_graph_json`);
- `kg.views`, `kg.exporters`: the graph -> HTML and the export formats (`render_html`, `export`);
- `kg.store`: the graph -> a SPARQL store and endpoint (`Store`, `query_graph`);
- `kg.cli`: the `kg` command on top.

    import kg
    ex = kg.extract_text("Presiden Joko Widodo bertemu Presiden Xi Jinping di Beijing, Selasa (26/7).",
                         published=kg.parse_date("2022-07-27"), language="id")
    g = kg.build_graph([ex])
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

from kg.errors import KGError  # noqa: E402

# Public name -> the module that defines it; imported on first use, so `import kg` stays
# light (the CLI's `--version` does not load rdflib or pyoxigraph).
_API = {
    "extract_file": "kg.extract.pipeline",
    "extract_text": "kg.extract.pipeline",
    "to_contract": "kg.extract.pipeline",
    "read_article": "kg.extract.reader",
    "read_inputs": "kg.extract.reader",
    "parse_date": "kg.extract.reader",
    "score": "kg.extract.evaluate",
    "build_graph": "kg.graph.network",
    "add_extraction": "kg.graph.network",
    "merge_graph": "kg.graph.network",
    "read_graph_json": "kg.graph.network",
    "write_graph_json": "kg.graph.network",
    "to_dataset": "kg.graph.rdf",
    "iter_quads": "kg.graph.rdf",
    "validate": "kg.graph.rdf",
    "export": "kg.exporters",
    "load_graph": "kg.exporters",
    "render_html": "kg.views.html",
    "Store": "kg.store.database",
    "ingest": "kg.store.database",
    "read_store": "kg.store.database",
    "query_graph": "kg.store.sparql",
    "run_named": "kg.store.sparql",
    "open_source": "kg.store.sparql",
    "Article": "kg.model",
    "Entity": "kg.model",
    "Relation": "kg.model",
    "Extraction": "kg.model",
}

__all__ = ["KGError", "__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(importlib.import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
