"""Beyond one machine: the extraction of a corpus on a Dask cluster (dask.distributed).

input partitions (JSONL, Parquet, WARC files; local paths or fsspec URLs such as s3://)
-> map: each partition through the library's extraction, on a worker that loaded the
   knowledge base once -> per partition: `nquads/part-NNNNN.nq` (each article's own triples
   in its named graph) and the Parquet tables `articles/part-NNNNN.parquet`,
   `relations/part-NNNNN.parquet`; back to the client: the partition's actors and direct
   relation triples (small: they grow with the number of actors, not of articles)
-> reduce: the actors merged once, as `kg build` merges them, written as
   `nquads/shared.nq` and `entities.parquet`, and `manifest.json`.

`kg ingest --nquads OUT/nquads` bulk-loads the N-Quads into a store; the Parquet tables
are for Spark SQL, DuckDB or pandas.  The tables and the store hold what `kg build` of the
same inputs gives.  Why Dask and not Spark: README, "Scale".

Article identity is decided per partition: the same article in two partitions is not
recognised (as `kg build` would), only reported in the manifest when the ids collide.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from kg.errors import EngineError, InputError, KGError

PARTITION_SUFFIXES = (".jsonl", ".ndjson", ".parquet", ".warc", ".warc.gz")
MANIFEST = "manifest.json"

ARTICLE_COLUMNS = ("id", "iri", "title", "language", "published", "source")


@dataclass
class Partition:
    """What the map step returns for one partition (what the reduce needs, small)."""
    index: int
    input: str
    articles: list[str] = field(default_factory=list)     # ids, in order
    relations: int = 0
    quads: int = 0
    errors: list[str] = field(default_factory=list)
    nodes: object = None                                  # a networkx graph of the actors only
    direct: set = field(default_factory=set)              # N-Triples lines of direct relation triples


def _is_url(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def partitions(inputs: Iterable[str]) -> list[str]:
    """The partition files of `inputs`: files, folders (searched), globs; URLs through fsspec."""
    out: list[str] = []
    for given in inputs:
        if _is_url(given):
            import fsspec
            fs, _, paths = fsspec.get_fs_token_paths(given)
            found = sorted(fs.glob(paths[0]) if any(c in given for c in "*?[") else paths)
            out.extend(fs.unstrip_protocol(p) for p in found if p.lower().endswith(PARTITION_SUFFIXES))
            continue
        p = Path(given)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*")) if f.is_file() and f.name.lower().endswith(PARTITION_SUFFIXES))
        elif p.is_file():
            out.append(given)
        elif any(c in given for c in "*?["):
            import glob
            out.extend(sorted(glob.glob(given)))
        else:
            raise InputError(f"{given}: no such file or folder")
    if not out:
        raise InputError(f"no partition files ({', '.join(PARTITION_SUFFIXES)}) in {', '.join(inputs)}")
    return out


def _table(rows: list[dict], schema):
    import pyarrow as pa
    return pa.Table.from_pylist(rows, schema=schema)


def _schemas():
    import pyarrow as pa
    from kg.graph.network import EDGE_FIELDS, NODE_FIELDS
    s = pa.string()
    listed = {"aliases": pa.list_(s), "articles": pa.list_(s)}
    return {
        "articles": pa.schema([(c, s) for c in ARTICLE_COLUMNS]),
        "relations": pa.schema([("id", s), ("source", s), ("target", s)]
                               + [(f, pa.float64() if f == "confidence" else s) for f in EDGE_FIELDS]),
        "entities": pa.schema([("id", s)] + [(f, listed.get(f, s)) for f in NODE_FIELDS]),
    }


def relation_rows(g) -> list[dict]:
    from kg.graph.network import EDGE_FIELDS
    return [{"id": k, "source": u, "target": v,
             **{f: (float(d[f]) if f == "confidence" and d.get(f) is not None else d.get(f)) for f in EDGE_FIELDS}}
            for u, v, k, d in g.edges(keys=True, data=True)]


def entity_rows(g) -> list[dict]:
    from kg.graph.network import NODE_FIELDS, settle
    settle(g)
    return [{"id": n, **{f: d.get(f) for f in NODE_FIELDS}} for n, d in sorted(g.nodes(data=True))]


def article_rows(g) -> list[dict]:
    arts = g.graph["articles"]
    return [{c: arts[a].get(c) for c in ARTICLE_COLUMNS} for a in arts]


def _write(path: str, write) -> None:
    """Open `path` (a local path or an fsspec URL) for binary writing and call `write(fh)`."""
    if _is_url(path):
        import fsspec
        with fsspec.open(path, "wb", auto_mkdir=True) as fh:
            write(fh)
        return
    from kg.atomic import atomic_open
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(path, "wb") as fh:
        write(fh)


def _source(url: str, local: str, options):
    """The reader's Source of a partition: named as given, read from where the worker has it."""
    from kg.extract import reader
    base = url.rstrip("/").rsplit("/", 1)[-1]
    return reader.Source(Path(local), url, reader._stem(base), reader.format_of(Path(base), options.input_format))


def _local_copy(url: str, tmp: str) -> str:
    """A local path of the partition: itself, or a copy fetched through fsspec."""
    if not _is_url(url):
        return url[len("file://"):] if url.startswith("file://") else url
    import fsspec
    local = os.path.join(tmp, url.rstrip("/").rsplit("/", 1)[-1])
    fsspec.filesystem(url.split("://", 1)[0]).get(url, local)
    return local


def _partition_graph(part: Partition, source, options):
    from kg.extract import reader
    from kg.extract.pipeline import extract
    from kg.graph.network import add_extraction, new_graph
    g = new_graph()
    for item in reader.read_sources([source], options):
        if item.error is not None:
            part.errors.append(str(item.error))
        elif item.article is not None:
            add_extraction(g, extract(item.article))
    return g


def run_partition(index: int, url: str, out: str, options=None) -> Partition:
    """The map step: one partition file -> its N-Quads and Parquet parts (on a worker)."""
    import tempfile
    import pyarrow.parquet as pq
    import pyoxigraph as ox
    from kg.extract import reader
    from kg.graph.network import SHARED_GRAPH, new_graph
    from kg.graph.rdf import iter_quads, iter_union
    from kg.store.database import is_own
    options = options or reader.Options()
    part = Partition(index, url)
    with tempfile.TemporaryDirectory(prefix="kg-part-") as tmp:
        g = _partition_graph(part, _source(url, _local_copy(url, tmp), options), options)
    nodes = new_graph()
    nodes.add_nodes_from(g.nodes(data=True))
    described = {q.triple for q in iter_union(nodes)}
    own: list = []
    for q in iter_quads(g):
        if is_own(q):
            own.append(q)
        elif q.triple not in described:
            part.direct.add(f"{q.subject} {q.predicate} {q.object} <{SHARED_GRAPH}> .")
    name = f"part-{index:05d}"
    _write(f"{out}/nquads/{name}.nq", lambda fh: ox.serialize(own, fh, ox.RdfFormat.N_QUADS))
    schemas = _schemas()
    for table, rows in (("articles", article_rows(g)), ("relations", relation_rows(g))):
        _write(f"{out}/{table}/{name}.parquet", lambda fh: pq.write_table(_table(rows, schemas[table]), fh))
    part.articles, part.relations, part.quads = list(g.graph["articles"]), g.number_of_edges(), len(own)
    part.nodes = nodes
    return part


def reduce(parts: list[Partition], out: str) -> dict:
    """The reduce step: the actors merged once (`nquads/shared.nq`, `entities.parquet`) and
    the manifest, from the partitions in input order."""
    import pyarrow.parquet as pq
    import pyoxigraph as ox
    from kg.graph.network import SHARED_GRAPH, merge_graph, new_graph
    from kg.graph.rdf import iter_union
    merged = new_graph()
    direct: set[str] = set()
    seen: dict[str, int] = {}
    duplicates: list[str] = []
    for p in parts:
        merge_graph(merged, p.nodes)
        direct |= p.direct
        for a in p.articles:
            if a in seen:
                duplicates.append(a)
            seen.setdefault(a, p.index)
    shared = ox.NamedNode(SHARED_GRAPH)
    described = [ox.Quad(q.subject, q.predicate, q.object, shared) for q in iter_union(merged)]

    def write_shared(fh) -> None:
        ox.serialize(described, fh, ox.RdfFormat.N_QUADS)
        fh.write("".join(line + "\n" for line in sorted(direct)).encode("utf-8"))
    _write(f"{out}/nquads/shared.nq", write_shared)
    _write(f"{out}/entities.parquet", lambda fh: pq.write_table(_table(entity_rows(merged), _schemas()["entities"]), fh))
    return {
        "format": "dipkg-distributed", "version": 1,
        "articles": sum(len(p.articles) for p in parts), "relations": sum(p.relations for p in parts),
        "entities": merged.number_of_nodes(), "errors": [e for p in parts for e in p.errors],
        "duplicate_ids": duplicates, "shared": "nquads/shared.nq", "entities_table": "entities.parquet",
        "partitions": [{"input": p.input, "articles": len(p.articles), "relations": p.relations,
                        "quads": p.quads, "nquads": f"nquads/part-{p.index:05d}.nq",
                        "articles_table": f"articles/part-{p.index:05d}.parquet",
                        "relations_table": f"relations/part-{p.index:05d}.parquet",
                        "errors": len(p.errors)} for p in parts],
    }


def _client(scheduler: str | None, workers: int):
    """A Dask client of `scheduler`, or of a new local cluster of `workers` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("kg distributed needs Dask: pip install 'dipkg[scale]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {' '.join(str(exc).split())}") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=40)
    return Client(cluster), cluster


def _result(fut) -> Partition:
    try:
        return fut.result()
    except KGError:
        raise
    except Exception as exc:    # a worker died, a partition could not be written, …
        raise EngineError(f"a partition failed: {type(exc).__name__}: {' '.join(str(exc).split())}") from None


def run(inputs: Iterable[str], out: str | Path, *, scheduler: str | None = None, workers: int = 2,
        options=None, on_partition=None) -> dict:
    """Extract the partitions of `inputs` on a Dask cluster into `out`; returns the manifest
    (also written to OUT/manifest.json).  `scheduler` is an address (tcp://host:8786);
    None starts a local cluster of `workers` processes for this run."""
    start = time.monotonic()
    files = partitions(list(inputs))
    out = str(out).rstrip("/")
    client, cluster = _client(scheduler, workers)
    try:
        from kg.extract.parallel import warm
        client.run(warm)        # the KB and language data, once per worker (later tasks reuse them)
        futures = client.map(run_partition, list(range(len(files))), files, out=out, options=options,
                             pure=False)
        parts = []
        for fut in futures:     # in input order, so the reduce merges actors as `kg build` does
            parts.append(_result(fut))
            fut.release()
            if on_partition:
                on_partition(parts[-1])
        manifest = reduce(parts, out)
        manifest.update(engine="dask", scheduler=scheduler or "local", workers=len(client.scheduler_info()["workers"]),
                        seconds=round(time.monotonic() - start, 2))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    _write(f"{out}/{MANIFEST}", lambda fh: fh.write((json.dumps(manifest, indent=1) + "\n").encode("utf-8")))
    return manifest
