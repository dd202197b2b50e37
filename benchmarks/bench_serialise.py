"""Benchmark: serialise a graph of about 1,000,000 triples to Turtle and N-Triples.

Compares the two ways kg can write RDF:
  pyoxigraph  kg.rdf.write_rdf (quads built as pyoxigraph terms, Rust serialiser) - what kg uses
  rdflib      kg.rdf.to_graph / to_dataset, then rdflib's serialiser

The graph is synthetic but shaped like the real one (kg.graph.network's networkx graph: articles
that mention actors, relations with evidence, dates, roles and confidences), so every
path through kg.graph.rdf is exercised.  Prints a Markdown table.

    python benchmarks/bench_serialise.py                  # ~1M triples, all measurements
    python benchmarks/bench_serialise.py --articles 410   # ~100k triples, quicker
    python benchmarks/bench_serialise.py --no-rdflib      # pyoxigraph only
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402
import pyoxigraph  # noqa: E402
import rdflib  # noqa: E402

from kg.graph import rdf  # noqa: E402
from kg.graph.network import article_iri, iri, new_graph  # noqa: E402
from kg.model import MODALITIES, RELATION_TYPES, ROLES  # noqa: E402

TYPES = ("Person", "Country", "Organization", "Group", "Event", "Place")


def synthetic_graph(articles: int, per_article: int = 20, nodes: int = 5000, seed: int = 1) -> nx.MultiDiGraph:
    """`articles` articles, each mentioning `per_article` nodes and reporting as many relations."""
    rnd = random.Random(seed)
    g = new_graph()
    keys = [f"{TYPES[i % 6].lower()}/n{i}" for i in range(nodes)]
    for i, key in enumerate(keys):
        g.add_node(iri(key), key=key, label=f"Actor {i}", type=TYPES[i % 6],
                   wikidata=f"Q{1000 + i}" if i % 3 else None, aliases=[f"A{i}", f"Aktor {i}"],
                   articles=[], place=None, date=None)
    for a in range(articles):
        aid = f"article-{a:05d}"
        g.graph["articles"][aid] = {"id": aid, "iri": article_iri(aid), "title": f"Article {a}",
                                    "language": "id" if a % 2 else "en", "published": "2017-01-31",
                                    "source": f"corpus/{aid}.txt"}
        mentioned = rnd.sample(keys, per_article)
        for key in mentioned:
            g.nodes[iri(key)]["articles"].append(aid)
        for n in range(1, per_article + 1):
            type_ = RELATION_TYPES[n % len(RELATION_TYPES)]
            u, v = rnd.sample(mentioned, 2)
            g.add_edge(iri(u), iri(v), key=f"{aid}#{n}", type=type_,
                       modality=MODALITIES[0] if n % 3 else MODALITIES[n % 5],
                       date=f"2017-0{1 + n % 9}-{10 + n % 18}" if n % 2 else None,
                       place=iri(mentioned[0]) if n % 4 == 0 else None,
                       role=ROLES[n % len(ROLES)] if type_ == "holds-role" else None,
                       evidence=f"Kalimat bukti nomor {n} dari artikel {a}, cukup panjang seperti berita.",
                       confidence=round(0.5 + (n % 50) / 100, 2), rule="pair-trigger", article=aid)
    for node in g.nodes:
        g.nodes[node]["articles"].sort()
    g.remove_nodes_from([n for n, d in g.nodes(data=True) if not d["articles"]])
    return g


def timed(fn):
    gc.collect()
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=4100, help="articles (4100 give about 1M triples)")
    ap.add_argument("--no-rdflib", action="store_true", help="skip the (slow) rdflib measurements")
    args = ap.parse_args()

    t_build, g = timed(lambda: synthetic_graph(args.articles))
    rows: list[tuple[str, str, float, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t_count, n_triples = timed(lambda: sum(1 for _ in rdf.iter_triples(g)))
        n_quads = sum(1 for _ in rdf.iter_quads(g))
        print(f"graph: {args.articles} articles, {g.number_of_nodes()} nodes, {g.number_of_edges()} edges "
              f"-> {n_triples:,} triples (union), {n_quads:,} quads; built in {t_build:.1f} s, "
              f"quads generated in {t_count:.1f} s", flush=True)

        for fmt, suffix in (("turtle", "ttl"), ("ntriples", "nt"), ("nquads", "nq"), ("trig", "trig")):
            path = out / f"ox.{suffix}"
            t, _ = timed(lambda: rdf.write_rdf(g, path, fmt))
            rows.append(("pyoxigraph (kg.rdf.write_rdf)", fmt, t, path.stat().st_size))
            print(rows[-1], flush=True)

        if not args.no_rdflib:
            t_graph, rg = timed(lambda: rdf.to_graph(g))
            rows.append(("rdflib: build Graph (kg.rdf.to_graph)", "-", t_graph, 0))
            print(rows[-1], flush=True)
            for fmt, suffix in (("turtle", "ttl"), ("nt", "nt")):
                path = out / f"rdflib.{suffix}"
                t, _ = timed(lambda: rg.serialize(destination=str(path), format=fmt, encoding="utf-8"))
                rows.append(("rdflib: serialise", "turtle" if fmt == "turtle" else "ntriples", t,
                             path.stat().st_size))
                print(rows[-1], flush=True)
            del rg
            t, _ = timed(lambda: rdf.write_rdf(g, out / "rdflib.jsonld", "jsonld"))
            rows.append(("rdflib (kg.rdf.write_rdf, JSON-LD)", "jsonld", t, (out / "rdflib.jsonld").stat().st_size))
            print(rows[-1], flush=True)

    print()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}; "
          f"{n_triples:,} triples ({n_quads:,} quads in named graphs).")
    print()
    print("| writer | format | seconds | statements/s | MB |")
    print("|---|---|---:|---:|---:|")
    for who, fmt, t, size in rows:
        count = n_quads if fmt in ("nquads", "trig") else n_triples
        rate = f"{count / t:,.0f}" if fmt != "-" else ""
        mb = f"{size / 1e6:.0f}" if size else ""
        print(f"| {who} | {fmt} | {t:.1f} | {rate} | {mb} |")


if __name__ == "__main__":
    main()
