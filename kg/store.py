"""The persistent store: an Oxigraph database on disk, one named graph per article.

graph -> RDF quads (`kg.rdf.iter_quads`) -> a pyoxigraph `Store` (RocksDB) in a folder.

Why Oxigraph: on this machine it loads 1M triples about ten times faster than rdflib's
memory store and answers a two-hop GROUP BY about twenty times faster (figures in
`benchmarks/RESULTS-sparql.md`), and the folder it writes is the same one the `oxigraph`
server binary opens (`oxigraph serve-read-only --location DIR`).

Writes are per article and atomic: replacing an article is one SPARQL update
(`DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }`), which Oxigraph applies in a
single transaction.  A process killed half-way leaves the article as it was before.
Re-ingesting an article replaces its graph, so ingesting twice changes nothing.

RocksDB lets one process at a time open the folder for writing; a second one gets a
`StoreError` that says so (stop `kg serve`, or query the endpoint instead).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox

from .errors import GraphError, StoreError
from .graph import article_iri

# Graph files that are not RDF: read into networkx, then mapped (kg.rdf.load_graph).
GRAPH_SUFFIXES = (".json", ".graphml", ".gexf")


def graph_quads(g) -> Iterator[ox.Quad]:
    """The RDF quads of a networkx graph (the mapping of ontology/README.md)."""
    from .rdf import iter_quads
    return iter_quads(g)


def load_file(path: str | Path) -> ox.Store:
    """An in-memory store holding a graph file: graph.json, GraphML, GEXF or any RDF format."""
    from .rdf import FORMATS, format_for, load_graph
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file")
    store = ox.Store()
    if path.suffix.lower() in GRAPH_SUFFIXES:
        store.extend(graph_quads(load_graph(path)))
        return store
    name = format_for(path)
    try:
        store.load(path=str(path), format=FORMATS[name][0])
    except (SyntaxError, ValueError) as exc:
        raise GraphError(f"{path}: not valid {name}: {_one_line(exc)}") from None
    return store


# --- the on-disk store -------------------------------------------------------------------

@dataclass(frozen=True)
class IngestResult:
    article: str            # article id
    graph: str              # its named graph IRI
    triples: int            # triples now in that graph
    replaced: bool          # the graph existed before
    source: str = ""        # file it came from


class Store:
    """A persistent store in folder `path`.  Use as a context manager, or call `close()`.

    `create=False` (what queries use) refuses a folder that holds no store, so a typo does
    not silently query an empty graph.
    """

    def __init__(self, path: str | os.PathLike, *, create: bool = False):
        self.path = Path(path)
        _check_folder(self.path, create)
        try:
            self.ox: ox.Store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(_open_error(self.path, exc)) from None

    # A store is also what `kg.sparql` queries; it only needs `.ox`.
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "ox", None) is not None:
            try:
                self.ox.flush()
            except OSError:
                pass
            self.ox = None  # type: ignore[assignment]   # RocksDB lets go of the lock once dropped

    def __len__(self) -> int:
        return len(self.ox)

    def graphs(self) -> list[str]:
        """The named graphs, one per article, sorted."""
        return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_size(self, graph: str) -> int:
        return sum(1 for _ in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    # -- writes ----------------------------------------------------------------------------

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> int:
        """Replace named graph `graph` by `quads` (all of them go into that graph), atomically."""
        g = ox.NamedNode(graph)
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        update = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"
        try:
            self.ox.update(update)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.path}: cannot write graph <{graph}>: {_one_line(exc)}") from None
        return self.graph_size(graph)

    def remove_graph(self, graph: str) -> bool:
        g = ox.NamedNode(graph)
        if not self.ox.contains_named_graph(g):
            return False
        try:
            self.ox.update(f"DROP GRAPH {g}")
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot remove graph <{graph}>: {_one_line(exc)}") from None
        return True

    def add_graph(self, g, source: str = "") -> list[IngestResult]:
        """Store every article of networkx graph `g`, each replacing its named graph."""
        by_graph: dict[str, list[ox.Quad]] = {}
        for q in graph_quads(g):
            name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
            by_graph.setdefault(name, []).append(q)
        if "" in by_graph:
            raise StoreError("the RDF mapping put triples in the default graph; "
                             "the store keeps every triple in its article's graph")
        results = []
        for art_id in sorted(g.graph["articles"]):
            graph = article_iri(art_id)
            existed = self.ox.contains_named_graph(ox.NamedNode(graph))
            n = self.replace_graph(graph, by_graph.get(graph, ()))
            results.append(IngestResult(art_id, graph, n, existed, source))
        return results

    def add_extraction(self, ex, source: str = "") -> IngestResult:
        from .graph import build_graph
        return self.add_graph(build_graph([ex]), source or ex.article.source)[0]

    def bulk_load(self, quads: Iterable[ox.Quad]) -> None:
        """Fast load that bypasses transactions: for an empty store, benchmarks, imports.

        Not atomic: a process killed half-way leaves part of the data.  `kg ingest` does
        not use it.
        """
        try:
            self.ox.bulk_extend(quads)
            self.ox.optimize()
        except OSError as exc:
            raise StoreError(f"{self.path}: bulk load failed: {_one_line(exc)}") from None


def ingest(store: Store, paths: list[str | Path], *, published=None, language: str = "auto",
           on_result: Callable[[IngestResult], None] | None = None) -> list[IngestResult]:
    """Extract each article file (or graph.json) in `paths` and replace its graph in `store`.

    Folders are searched for article files (`kg.reader.collect`).  Each article is its own
    transaction: stopping half-way keeps every article written so far.
    """
    from .reader import collect
    results: list[IngestResult] = []
    for path in collect(paths):
        if path.suffix.lower() == ".json":
            from .graph import read_graph_json
            batch = store.add_graph(read_graph_json(path), str(path))
        else:
            batch = [store.add_extraction(_extract(path, published, language), str(path))]
        for r in batch:
            results.append(r)
            if on_result:
                on_result(r)
    return results


def _extract(path: Path, published, language: str):
    from .pipeline import extract_file
    return extract_file(path, published=published, language=language)


def _check_folder(path: Path, create: bool) -> None:
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder")
    if not path.exists() or not any(path.iterdir()):
        if not create:
            raise StoreError(f"{path}: no store here (create one with `kg ingest ARTICLES --store {path}`)")
        return
    if not (path / "CURRENT").is_file():
        raise StoreError(f"{path}: folder is not empty and holds no store (no RocksDB CURRENT file)")


def _open_error(path: Path, exc: OSError) -> str:
    text = _one_line(exc)
    if "lock" in text.lower():
        return (f"{path}: the store is open in another process (is `kg serve` running? "
                f"query it with `kg query --endpoint URL`, or stop it first)")
    return f"{path}: cannot open the store: {text}"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
