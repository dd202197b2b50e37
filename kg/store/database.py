"""The persistent store: an Oxigraph database on disk, one named graph per article.

graph -> RDF quads (`kg.rdf.iter_quads`) -> a pyoxigraph `Store` (RocksDB) in a folder.

Why Oxigraph: on this machine it loads a million triples about ten times faster than
rdflib's memory store and answers a two-hop GROUP BY about twenty times faster (figures in
`benchmarks/RESULTS-sparql.md`), and the folder it writes is one the `oxigraph` server
binary opens too (`oxigraph serve-read-only --location DIR`).

Layout (ontology/README.md, "The store"): each article's named graph holds what only that
article says: the article node and its statements (`dk:Statement` with qualifiers and
provenance).  What articles share, the descriptions of the actors (type, label, aliases,
Wikidata id) and the direct relation triples of asserted statements, is kept once, in the
named graph `SHARED_GRAPH`.  Queries see the union of all graphs as their default graph
(`use_default_graph_as_union`), in which every triple occurs once.

Why not keep each article graph self-contained, as the graph files do?  Because the union
would then repeat an actor's description once per article (3,000 copies of a hub's label,
and joins of two such patterns give 9,000,000 rows), and materialising a de-duplicated
union in the default graph cost 2.4 quads per triple and missed the load target (11-13 s
for a million triples against 7 s for this layout; benchmarks/RESULTS-sparql.md).

Writes are per article and atomic: replacing an article is one SPARQL update (retract the
shared triples only that article supported, drop its graph, insert the new graph and its
shared triples), which Oxigraph applies as one transaction.  A process killed half-way
leaves the article as it was before.  Re-ingesting an article replaces its graph, so
ingesting twice changes nothing.  Shared descriptions are a union over the articles: an
alias that only a removed article gave stays until no article mentions the actor.

RocksDB lets one process at a time open the folder for writing, and opening it read-only
while another process writes is undefined; kg.store.lock orders them: a writer holds an
exclusive lock on `DIR/kg.lock` while its handle is open, readers open theirs while no
writer holds it (waiting a few seconds for one to let go), and a read-only `kg serve` opens the store again after each writer (so
`kg ingest` and `kg remove` work while it serves, and it shows what they wrote).  A second
writer waits for the first (WRITE_WAIT), except for a `kg serve --allow-update`, which holds
the store for its life: the error names it.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox

from kg.errors import GraphError, StoreError
from kg.graph.network import ARTICLE, SHARED_GRAPH, STATEMENT, article_iri
from kg.graph.rdf import PREDICATE
from kg.store.lock import LOCK_NAME, WriteLock, describe, shared

JSON_BATCH = 50        # articles of a graph.json written per transaction
WRITE_WAIT = 30.0      # seconds a writer waits for another writer (never for a server) to finish
READ_WAIT = 6.0        # seconds a reader waits for a writer to let go before opening beside it
HOLD = 5.0             # seconds `kg ingest` keeps the store open before letting readers catch up
INGEST_BATCH = 32     # new articles written per transaction by `ingest` (issue 12: within 2x of a bulk load)

# Graph files that are not RDF: read into networkx, then mapped (kg.exporters.load_graph).
GRAPH_SUFFIXES = (".json", ".graphml", ".gexf")


def graph_quads(g) -> Iterator[ox.Quad]:
    """The RDF quads of a networkx graph (the mapping of ontology/README.md)."""
    from kg.graph.rdf import iter_quads
    return iter_quads(g)


def load_file(path: str | Path) -> ox.Store:
    """An in-memory store holding a graph file: graph.json, GraphML, GEXF or any RDF format."""
    from kg.exporters import load_graph
    from kg.graph.rdf import FORMATS, format_for
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file")
    store = ox.Store()
    if path.suffix.lower() in GRAPH_SUFFIXES:
        store.extend(with_union(graph_quads(load_graph(path))))
        return store
    name = format_for(path)
    try:
        store.load(path=str(path), format=FORMATS[name][0])
    except (SyntaxError, ValueError) as exc:
        raise GraphError(f"{path}: not valid {name}: {_one_line(exc)}") from None
    if not store.contains_named_graph(_SHARED):
        # a graph file: its default graph becomes the union of its article graphs, each
        # triple once (a dump of a store keeps the store layout: kg.store.sparql sees the union)
        store.extend([ox.Quad(q.subject, q.predicate, q.object) for q in store
                      if not isinstance(q.graph_name, ox.DefaultGraph)])
    return store


def read_store(store_path: str | Path):
    """The store as a networkx graph, to export or view it like a graph file.

    Opened read-only, so it works while `kg serve` has the store open.  The shared
    graph's triples (actor descriptions, direct triples) are read as the default graph's:
    a node's articles are then the articles that mention it.
    """
    from kg.graph.rdf import from_quads
    path = Path(store_path)
    _check_folder(path, create=False)
    store = open_read_only(path)

    def quads() -> Iterator[ox.Quad]:
        for q in store:
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == SHARED_GRAPH:
                yield ox.Quad(q.subject, q.predicate, q.object)
            else:
                yield q
    return from_quads(quads())


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
    not silently query an empty graph.  `read_only=True` (what `kg query` and a read-only
    `kg serve` use) opens it without writing anything: reading does not grow the store,
    works on a store the user may not write to, and beside a process that writes to it.
    Opened for writing, it holds the store's write lock (kg.store.lock) until closed; `who`
    is how other writers' errors name it, `wait` how long it waits for another writer
    (WRITE_WAIT; read-only, READ_WAIT, see `open_read_only`).
    """

    def __init__(self, path: str | os.PathLike, *, create: bool = False, read_only: bool = False,
                 who: str = "kg", wait: float | None = None):
        self.path = Path(path)
        self.read_only = read_only
        self.written = False
        self._lock = None
        self._shared_written: set[ox.Quad] = set()
        _check_folder(self.path, create and not read_only)
        if read_only:
            self.ox: ox.Store = open_read_only(self.path, READ_WAIT if wait is None else wait)
            return
        # the exclusive lock of kg.store.lock first: readers (kg serve) never open the store
        # while this handle is open, and catch up when it is closed
        self._lock = WriteLock(self.path, describe(who), WRITE_WAIT if wait is None else wait)
        try:
            self.ox = ox.Store(str(self.path))
        except OSError as exc:
            self._lock.release(changed=False)
            raise StoreError(_open_error(self.path, exc)) from None

    # A store is also what `kg.store.sparql` queries; it only needs `.ox`.
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "ox", None) is not None and not self.read_only:
            try:
                self.ox.flush()
            except OSError:
                pass
        self.ox = None  # type: ignore[assignment]   # RocksDB lets go of the folder once dropped
        if getattr(self, "_lock", None) is not None:
            self._lock.release(changed=self.written)
            self._lock = None

    def describe_writer(self, who: str) -> None:
        """Name the writer holding the store as other writers' errors will (kg.store.lock)."""
        if self._lock is not None:
            self._lock.describe(who)

    def __len__(self) -> int:
        """Quads stored: the article graphs and the shared graph."""
        return len(self.ox)

    def triples(self) -> int:
        """Distinct triples of the union: as many as quads, since the layout stores each
        triple once (the shared graph holds what articles have in common)."""
        return len(self)

    def graphs(self) -> list[str]:
        """The article graphs, sorted (the shared graph is not one)."""
        return sorted(g.value for g in self.ox.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value != SHARED_GRAPH)

    def graph_size(self, graph: str) -> int:
        return sum(1 for _ in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    # -- writes ----------------------------------------------------------------------------

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> int:
        """Replace named graph `graph` by the triples of `quads`, atomically; returns its size."""
        self.replace_graphs({graph: quads})
        return self.graph_size(graph)

    def replace_graphs(self, graphs: dict[str, Iterable[ox.Quad]]) -> None:
        """Replace several article graphs in one transaction (the graph names of the quads
        are ignored: each goes into the graph it is listed under); the shared triples among
        them go to the shared graph, and those no article supports any more leave it."""
        parts = []
        shared: dict[str, None] = {}
        for graph, quads in graphs.items():
            g = ox.NamedNode(graph)
            own, common = split_quads(quads)
            parts.append(_RETRACT.format(g=g, shared=_SHARED))
            if own:
                parts.append(f"INSERT DATA {{ GRAPH {g} {{\n" + "\n".join(map(_triple_line, own)) + "\n} }")
            shared.update(dict.fromkeys(map(_triple_line, common)))
        if shared:
            parts.append(f"INSERT DATA {{ GRAPH {_SHARED} {{\n" + "\n".join(shared) + "\n} }")
        self._update(" ;\n".join(parts), ", ".join(f"<{g}>" for g in graphs))

    def remove_graph(self, graph: str) -> bool:
        """Remove an article's graph (and the shared triples only it supported); False if absent."""
        g = ox.NamedNode(graph)
        if graph == SHARED_GRAPH or not self.ox.contains_named_graph(g):
            return False
        self._update(_RETRACT.format(g=g, shared=_SHARED), f"<{graph}>")
        return True

    def remove_articles(self, articles: Iterable[str]) -> list[str]:
        """Remove articles (ids or article IRIs) in one transaction; returns their graph IRIs.

        All or nothing: an article the store does not hold raises StoreError and removes none.
        """
        graphs = list(dict.fromkeys(a if a.startswith(ARTICLE) else article_iri(a) for a in articles))
        try:
            missing = [g for g in graphs if not self.ox.contains_named_graph(ox.NamedNode(g))]
        except ValueError:
            missing = [next(g for g in graphs if not _is_iri(g))]
        if missing:
            held = len(self.graphs())
            raise StoreError(f"{self.path}: no article {missing[0][len(ARTICLE):]!r} in the store "
                             f"({held} articles; nothing removed)")
        if graphs:
            self._update(" ;\n".join(_RETRACT.format(g=ox.NamedNode(g), shared=_SHARED) for g in graphs),
                         ", ".join(f"<{g}>" for g in graphs))
        return graphs

    def _update(self, update: str, what: str) -> None:
        self._shared_written.clear()    # an update may retract shared triples
        try:
            self.written = True         # even a failed write may have changed files
            self.ox.update(update)      # one SPARQL update request is one transaction
        except (OSError, SyntaxError, ValueError, RuntimeError) as exc:
            raise StoreError(f"{self.path}: cannot write {what}: {_one_line(exc)}") from None

    def add_graph(self, g, source: str = "", *, batch: int = 1) -> list[IngestResult]:
        """Store every article of networkx graph `g`, each replacing its named graph.

        `batch` articles go in one transaction (a big graph.json loads faster in batches;
        a kill loses at most the batch being written, never part of an article).
        """
        by_graph: dict[str, list[ox.Quad]] = {}
        for q in graph_quads(g):
            name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
            by_graph.setdefault(name, []).append(q)
        if "" in by_graph:
            raise StoreError("the graph has nodes or edges that belong to no article; "
                             "the store keeps every triple in the graph of its article")
        results: list[IngestResult] = []
        ids = sorted(g.graph["articles"])
        for start in range(0, len(ids), max(batch, 1)):
            chunk = {article_iri(a): by_graph.get(article_iri(a), []) for a in ids[start:start + max(batch, 1)]}
            existed = {name: self.ox.contains_named_graph(ox.NamedNode(name)) for name in chunk}
            check_space(self.path, sum(len(q) for q in chunk.values()))
            self.replace_graphs(chunk)
            for a, name in zip(ids[start:start + max(batch, 1)], chunk):
                results.append(IngestResult(a, name, len(set(filter(is_own, chunk[name]))), existed[name], source))
        return results

    def add_extraction(self, ex, source: str = "") -> IngestResult:
        return self.add_extractions([(ex, source or ex.article.source)])[0]

    def add_extractions(self, batch: list[tuple]) -> list[IngestResult]:
        """Store several (extraction, source) pairs, each replacing its article's graph.

        The articles the store does not hold yet go in one transaction (`extend`: no
        SPARQL to parse, nothing to retract); those it holds are replaced in a second one,
        with the retraction of the shared triples only they supported.
        """
        from kg.graph.network import build_graph
        new: list[ox.Quad] = []
        old: dict[str, list[ox.Quad]] = {}
        results: list[IngestResult] = []
        for ex, source in batch:
            name = article_iri(ex.article.id)
            quads = list(graph_quads(build_graph([ex])))
            existed = self.ox.contains_named_graph(ox.NamedNode(name))
            if existed:
                old[name] = quads
            else:
                new.extend(q for q in with_shared(quads) if q not in self._shared_written)
            results.append(IngestResult(ex.article.id, name, len(set(filter(is_own, quads))), existed,
                                        source or ex.article.source))
        if new:
            check_space(self.path, len(new))    # a commit that would fill the disk is refused before it starts
            self.written = True                 # readers (kg serve) catch up when this handle closes
            try:
                self.ox.extend(new)
            except (OSError, ValueError) as exc:
                raise StoreError(f"{self.path}: cannot write {len(batch)} articles: {_one_line(exc)}") from None
            # shared triples (actor descriptions) repeat from article to article: write each once
            # per session.  Only what `extend` wrote: a replace may retract shared triples.
            self._shared_written.update(q for q in new if q.graph_name == _SHARED)
        if old:
            self.replace_graphs(old)
        return results

    def bulk_load(self, quads: Iterable[ox.Quad]) -> None:
        """Fast load that bypasses transactions, for a new store (benchmarks, big imports).

        `quads` are those of article graphs (`kg.rdf.iter_quads`); they are stored in the
        store's layout (`with_shared`).  Not atomic: a process killed half-way leaves part
        of the data, so `kg ingest` uses it only through `Store.build`, which loads a new
        folder and renames it into place.
        """
        self.written = True
        try:
            # One call: Oxigraph sorts everything into new files once (several calls
            # were slower), and Python hands over objects faster than N-Quads text.
            self.ox.bulk_extend(with_shared(quads))
        except OSError as exc:
            raise StoreError(f"{self.path}: bulk load failed: {_one_line(exc)}") from None

    @classmethod
    def build(cls, path: str | os.PathLike, quads: Iterable[ox.Quad]) -> None:
        """Create a store at `path` (absent or an empty folder) holding `quads`, all or nothing.

        The data is bulk-loaded into a sibling folder that is renamed to `path` at the end,
        so a process killed half-way leaves no store rather than half of one.
        """
        import shutil
        import tempfile
        path = Path(path)
        _check_folder(path, create=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
        try:
            with cls(tmp, create=True) as st:
                st.bulk_load(quads)
            if path.exists():
                (path / LOCK_NAME).unlink(missing_ok=True)
                path.rmdir()                # empty, checked above
            os.replace(tmp, path)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    def check_shared(self) -> tuple[int, int]:
        """(shared triples an article needs but the shared graph lacks, shared triples no
        article supports): (0, 0) when the layout holds."""
        missing = sum(int(next(iter(self.ox.query(q)))[0].value) for q in (_NO_DIRECT, _NO_TYPE))
        orphans = sum(int(next(iter(self.ox.query(q)))[0].value) for q in (_ORPHANS, _UNSUPPORTED))
        return missing, orphans


_SHARED = ox.NamedNode(SHARED_GRAPH)
_DK = "https://w3id.org/dipkg/ontology#"
# Retract from the shared graph what only article graph {g} supported, then drop {g}:
# the direct triples of its asserted statements that no other article asserts, and the
# descriptions (and direct triples) of the nodes no other article mentions.
_RETRACT = f"""DELETE {{{{ GRAPH {{shared}} {{{{ ?x ?p ?y }}}} }}}} WHERE {{{{
  GRAPH {{g}} {{{{ ?st <{_DK}subject> ?x ; <{_DK}predicate> ?p ; <{_DK}object> ?y ; <{_DK}modality> <{_DK}Asserted> }}}}
  FILTER NOT EXISTS {{{{ GRAPH ?other {{{{ ?st2 <{_DK}subject> ?x ; <{_DK}object> ?y ; <{_DK}predicate> ?p ;
                                      <{_DK}modality> <{_DK}Asserted> }}}} FILTER (?other != {{g}}) }}}}
}}}} ;
DELETE {{{{ GRAPH {{shared}} {{{{ ?n ?p ?v }}}} }}}} WHERE {{{{
  GRAPH {{g}} {{{{ ?article <{_DK}mentions> ?n }}}}
  FILTER NOT EXISTS {{{{ GRAPH ?other {{{{ ?a2 <{_DK}mentions> ?n }}}} FILTER (?other != {{g}}) }}}}
  GRAPH {{shared}} {{{{ ?n ?p ?v }}}}
}}}} ;
DROP SILENT GRAPH {{g}}"""
_NO_DIRECT = f"""SELECT (COUNT(*) AS ?n) WHERE {{
  GRAPH ?g {{ ?st <{_DK}subject> ?x ; <{_DK}predicate> ?p ; <{_DK}object> ?y ; <{_DK}modality> <{_DK}Asserted> }}
  FILTER NOT EXISTS {{ GRAPH <{SHARED_GRAPH}> {{ ?x ?p ?y }} }} }}"""
_NO_TYPE = f"""SELECT (COUNT(*) AS ?n) WHERE {{
  GRAPH ?g {{ ?article <{_DK}mentions> ?n }}
  FILTER NOT EXISTS {{ GRAPH <{SHARED_GRAPH}> {{ ?n a ?type }} }} }}"""
_RELATIONS = " ".join(f"<{iri}>" for iri in PREDICATE.values())     # the direct triples' predicates
_UNSUPPORTED = f"""SELECT (COUNT(*) AS ?n) WHERE {{
  GRAPH <{SHARED_GRAPH}> {{ ?x ?p ?y }} VALUES ?p {{ {_RELATIONS} }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?st <{_DK}subject> ?x ; <{_DK}predicate> ?p ; <{_DK}object> ?y ;
                                 <{_DK}modality> <{_DK}Asserted> }} }} }}"""
_ORPHANS = f"""SELECT (COUNT(*) AS ?n) WHERE {{
  GRAPH <{SHARED_GRAPH}> {{ ?n ?p ?v }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?article <{_DK}mentions> ?n }} }} }}"""


def is_own(q: ox.Quad) -> bool:
    """True for a triple only its article says (about the article or one of its
    statements), False for a shared one (an actor's description, a direct relation)."""
    return isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith((ARTICLE, STATEMENT))


def split_quads(quads: Iterable[ox.Quad]) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """(the article's own quads, its shared ones)."""
    own: list[ox.Quad] = []
    shared: list[ox.Quad] = []
    for q in quads:
        (own if is_own(q) else shared).append(q)
    return own, shared


def with_shared(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """The store layout of the quads of article graphs: each own quad as it is, each shared
    triple once, in the shared graph."""
    seen: set[ox.Triple] = set()
    for q in quads:
        if is_own(q):
            yield q
        else:
            t = q.triple
            if t not in seen:
                seen.add(t)
                yield ox.Quad(q.subject, q.predicate, q.object, _SHARED)


def with_union(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad, and its triple in the default graph (which so holds the union)."""
    for q in quads:
        yield q
        if not isinstance(q.graph_name, ox.DefaultGraph):
            yield ox.Quad(q.subject, q.predicate, q.object)


def _is_iri(text: str) -> bool:
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def _triple_line(q: ox.Quad) -> str:
    if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
        # INSERT DATA mints new blank nodes per operation: the union copy would not match
        raise StoreError(f"blank node in {q}: the store keeps IRIs and literals only")
    return f"{q.subject} {q.predicate} {q.object} ."


def ingest(store_path: str | os.PathLike, paths: list[str | Path], *, published=None, language: str = "auto",
           on_result: Callable[[IngestResult], None] | None = None, options=None,
           on_note: Callable[[str], None] | None = None, who: str = "kg ingest", jobs: int = 1) -> list[IngestResult]:
    """Extract each article (or read each graph.json) in `paths` into the store.

    Articles are read by `kg.extract.reader.read_inputs` (files, folders, corpora, `-`);
    `options` (a `reader.Options`) overrides `published` and `language`.  They are extracted
    on `jobs` processes (`kg.extract.parallel`) and written INGEST_BATCH per transaction, the
    articles of a graph.json JSON_BATCH per transaction: stopping half-way keeps everything
    written before the batch being written, and never part of an article.
    A single graph.json into a new store is bulk-loaded instead (`Store.build`: several
    times faster, and still all or nothing).  Notes (duplicates, missing dates) go to `on_note`.
    The store is opened for writing when the first article is ready (after its extraction),
    and closed again once it has been open HOLD seconds (`Writer`), so a `kg serve` on the
    store shows the articles as they come.
    """
    from kg.extract import reader
    from kg.graph.network import read_graph_json
    graphs = [Path(p) for p in paths if str(p) != "-" and Path(p).is_file() and Path(p).suffix.lower() == ".json"]
    articles = [p for p in paths if not (str(p) != "-" and Path(p) in graphs)]
    store_path = Path(store_path)
    if len(graphs) == 1 and not articles and _is_new(store_path):
        return _build(store_path, graphs[0], on_result)
    opts = options or reader.Options(published=published, language=language)
    items = reader.read_inputs(articles, opts) if articles else iter(())
    results: list[IngestResult] = []
    with Writer(store_path, who) as writer:
        for path in graphs:
            g = read_graph_json(path)
            results.extend(_report(writer.store().add_graph(g, str(path), batch=JSON_BATCH), on_result))
            writer.pause()
        # extracted before the store is opened (on `jobs` processes), so readers catch up meanwhile
        from kg.extract.parallel import batches
        for batch in batches(_extracted(items, on_note, jobs), INGEST_BATCH):
            results.extend(_report(writer.store().add_extractions(batch), on_result))
            writer.pause()
    if not results and _is_new(store_path):
        Store(store_path, create=True, who=who).close()     # an empty store, as asked
    return results


def _extracted(items, on_note, jobs: int) -> Iterator[tuple]:
    """(extraction, where) of each readable article, in order; a read error stops."""
    from kg.extract.parallel import pmap

    def articles():
        for item in items:
            if item.error is not None:
                raise item.error
            if item.duplicate_of is not None:
                if on_note:
                    on_note(f"Note: {item.where}: the same article as {item.duplicate_of}; counted once")
                continue
            for note in item.article.notes:
                if on_note:
                    on_note(f"Warning: {item.where}: {note}")
            yield item.article, item.where
    return pmap(_extract_pair, articles(), jobs)


def _extract_pair(pair: tuple) -> tuple:
    article, where = pair
    return _extract(article), where


class Writer:
    """The store opened for writing when something is to be written, and let go of by
    `pause()` once it has been open HOLD seconds: readers (kg serve) then catch up, and one
    waiting to open the store waits at most about that long.  Not after every article:
    each opening of RocksDB for writing leaves a new table file per column family, and a
    handle closed at once never gives the compaction that merges them time to run."""

    def __init__(self, path: str | os.PathLike, who: str, hold: float | None = None):
        self.path, self.who, self.hold = Path(path), who, HOLD if hold is None else hold
        self._store: Store | None = None
        self._opened = 0.0

    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.path, create=True, who=self.who)
            self._opened = time.monotonic()
        return self._store

    def pause(self) -> None:
        if self._store is not None and time.monotonic() - self._opened >= self.hold:
            self.close()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _report(batch: list[IngestResult], on_result) -> list[IngestResult]:
    for r in batch:
        if on_result:
            on_result(r)
    return batch


def _is_new(path: Path) -> bool:
    return not path.exists() or (path.is_dir() and not _contents(path))


def _contents(path: Path) -> list[Path]:
    """What a folder holds besides the lock file of kg.store.lock."""
    return [p for p in path.iterdir() if p.name != LOCK_NAME]


def _build(store_path: Path, path: Path, on_result) -> list[IngestResult]:
    from kg.graph.network import read_graph_json
    g = read_graph_json(path)
    quads = list(graph_quads(g))
    if any(isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        raise StoreError("the graph has nodes or edges that belong to no article; "
                         "the store keeps every triple in the graph of its article")
    Store.build(store_path, quads)
    sizes: dict[str, int] = {}
    for q in set(filter(is_own, quads)):
        sizes[q.graph_name.value] = sizes.get(q.graph_name.value, 0) + 1
    results = [IngestResult(a, article_iri(a), sizes.get(article_iri(a), 0), False, str(path))
               for a in sorted(g.graph["articles"])]
    for r in results:
        if on_result:
            on_result(r)
    return results


def _extract(article):
    from kg.extract.pipeline import extract
    return extract(article)


def _check_folder(path: Path, create: bool) -> None:
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder")
    if not path.exists() or not _contents(path):
        if not create:
            raise StoreError(f"{path}: no store here (create one with `kg ingest ARTICLES --store {path}`)")
        return
    if not (path / "CURRENT").is_file():
        raise StoreError(f"{path}: folder is not empty and holds no store (no RocksDB CURRENT file)")


def open_read_only(path: Path, wait: float = READ_WAIT) -> ox.Store:
    """A read-only handle: a consistent snapshot of the store as it is now.

    Opened while no writer of this tool has the store open, waiting up to `wait` seconds
    for one to let go (`kg ingest` does every HOLD seconds).  A writer that holds it longer,
    or a `kg serve --allow-update` (which holds it for its life), is not waited for: the
    store is then opened beside it, as that server's own workers open it, and the opening
    is retried if it races one of the writer's file changes."""
    from kg.store.lock import is_server, owner
    with shared(path, 0) as taken:
        if taken:
            return _read_only(path, attempts=1)
    if not is_server(owner(path)):
        with shared(path, wait) as taken:
            if taken:
                return _read_only(path, attempts=1)
    return _read_only(path, attempts=5)


def _read_only(path: Path, attempts: int) -> ox.Store:
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except OSError as exc:
            if attempt == attempts - 1:
                raise StoreError(_open_error(path, exc)) from None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


# RocksDB needs room for its log and a compaction to open a store again: a commit that
# would fill the disk is refused before it starts (issue 15), so the store stays openable.
MIN_FREE_BYTES = 64 * 1024 * 1024
BYTES_PER_QUAD = 4096       # a quad in every index, its log record and the compaction's copy


def check_space(path: Path, quads: int) -> None:
    """StoreError unless the disk of `path` has room to commit `quads` quads and stay openable."""
    import shutil
    try:
        free = shutil.disk_usage(path).free
    except OSError:
        return
    need = MIN_FREE_BYTES + quads * BYTES_PER_QUAD
    if free < need:
        raise StoreError(f"{path}: not enough free space to write ({free // 1048576} MiB free, "
                         f"{need // 1048576} MiB needed); nothing of this article was written")


def _open_error(path: Path, exc: OSError) -> str:
    text = _one_line(exc)
    if "lock" in text.lower():
        return (f"{path}: the store is open in another process (an `oxigraph` server? "
                f"query it with `kg query --endpoint URL`, or stop it first)")
    return f"{path}: cannot open the store: {text}"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def nquads_files(folder: str | Path) -> list[Path]:
    """The N-Quads files of a folder (searched recursively, `.nq` and `.nq.gz`), sorted."""
    folder = Path(folder)
    if not folder.is_dir():
        raise StoreError(f"{folder}: not a folder of N-Quads files")
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name.endswith((".nq", ".nq.gz")))
    if not files:
        raise StoreError(f"{folder}: no .nq files in it")
    return files


def _parse_nquads(files: list[Path]) -> Iterator[ox.Quad]:
    import gzip
    for path in files:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rb") as fh:
            try:
                yield from ox.parse(fh, ox.RdfFormat.N_QUADS)
            except SyntaxError as exc:
                raise StoreError(f"{path}: not valid N-Quads: {_one_line(exc)}") from None


def ingest_nquads(store_path: str | os.PathLike, folder: str | Path) -> int:
    """Bulk-load every N-Quads file of `folder` (e.g. `kg distributed` output) into a new
    store, all or nothing (`Store.build`); returns the number of files.

    Article graphs keep their own triples; every other triple goes, once, to the shared
    graph (the store layout).  An existing store is refused: a bulk load bypasses the
    per-article replacement that keeps its shared graph right.
    """
    files = nquads_files(folder)
    store_path = Path(store_path)
    if not _is_new(store_path):
        raise StoreError(f"{store_path}: bulk loading needs a new store (an absent or empty folder); "
                         f"ingest the articles instead, or load into a new folder")
    Store.build(store_path, _parse_nquads(files))
    return len(files)
