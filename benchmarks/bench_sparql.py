"""Load time and named-query latency of the SPARQL store on a generated million-triple graph.

    python benchmarks/bench_sparql.py                     # 5,500 articles: 1.4M quads, 1.0M distinct triples
    python benchmarks/bench_sparql.py --articles 500      # a quick run
    python benchmarks/bench_sparql.py --compare           # also rdflib (and oxrdflib if installed)
    python benchmarks/bench_sparql.py --results benchmarks/RESULTS-sparql.md

The graph is shaped like ours: articles of 12-28 actors drawn from a pool of 20,000 with
a heavy tail (a few leaders and countries appear everywhere), 10-20 relations per article
with the pipeline's mix of types and modalities, dates, places, roles and an evidence
sentence each; the seed actors (Putin, Trump, the United States, Russia, the 2017 G20
summit) are the biggest hubs, so queries bound to them are the worst case.  It is mapped
to RDF by `kg.rdf.iter_quads`, one named graph per article, as `kg ingest` stores it.

Measured:
- load: `bulk`, the graph's quads into a new store (`kg.store.Store.build`, which keeps
  what articles share once, in the shared graph); the layout it replaced (article graphs
  as in the files, their union materialised in the default graph) for comparison; `ingest`, the same graph article by article, one
  transaction each (what `kg ingest` does per article file), and in batches of 50 (what
  `kg ingest graph.json` does into an existing store).
- each named query through `kg.sparql.run_named` (parameter resolution included), bound
  to a hub actor and to a typical one: median of `--runs` runs after one warm-up.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402

from kg.store import sparql  # noqa: E402
from kg.graph.network import build_graph  # noqa: E402
from kg.model import ROLES, Article, Entity, Extraction, Relation  # noqa: E402
from kg.graph.rdf import iter_quads  # noqa: E402
from kg.graph.network import SHARED_GRAPH  # noqa: E402
from kg.store.database import JSON_BATCH, Store, with_shared, with_union  # noqa: E402

HUBS = (
    Entity("person/vladimir-putin", "Person", "Vladimir Putin", "Q7747", ("Putin",)),
    Entity("person/donald-trump", "Person", "Donald Trump", "Q22686", ("Trump",)),
    Entity("country/us", "Country", "United States", "Q30", ("AS", "Amerika Serikat")),
    Entity("country/ru", "Country", "Russia", "Q159", ("Rusia",)),
    Entity("event/g20-summit-2017", "Event", "2017 G20 Hamburg summit", None, ("KTT G20 di Hamburg",),
           (("place", "place/hamburg"), ("date", "2017-07-07"))),
)
TYPES = (("spoke-with", 25), ("met-with", 20), ("ally-of", 12), ("opposes", 15), ("met-at", 10), ("holds-role", 18))
MODALITIES = (("asserted", 60), ("possible", 18), ("planned", 12), ("conditional", 5), ("negated", 5))
WORDS = ("menteri luar negeri bertemu presiden di ibu kota untuk membahas kerja sama keamanan "
         "perdagangan sanksi minister met president capital talks security trade sanctions").split()
QUERY_PARAMS = {                      # hub, typical
    "actor": ("Putin", None),         # None: filled with a typical actor of the generated graph
    "event": ("KTT G20 di Hamburg", None),
    "source": ("Trump", None),
    "target": ("Putin", None),
}


def pool(n: int, rnd: random.Random) -> list[Entity]:
    kinds = (("person", "Person"), ("country", "Country"), ("org", "Organization"), ("group", "Group"))
    out = list(HUBS)
    for i in range(n - len(HUBS)):
        if i % 40 == 0:
            out.append(Entity(f"event/summit-{i}", "Event", f"Summit {i}", None, (f"KTT {i}",),
                              (("date", f"20{15 + i % 10}-0{1 + i % 9}-1{i % 10}"),)))
            continue
        key, typ = kinds[i % 4]
        qid = f"Q{1000000 + i}" if i % 3 else None
        out.append(Entity(f"{key}/n{i}", typ, f"{typ} {i}", qid, (f"Alias {i}", f"A{i}")))
    return out


def synthetic_extractions(n_articles: int, seed: int = 1, n_pool: int = 20000) -> list[Extraction]:
    rnd = random.Random(seed)
    actors = pool(n_pool, rnd)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(actors))]
    weights[:len(HUBS)] = [weights[0] * 1.5] * len(HUBS)
    types, type_w = zip(*TYPES)
    mods, mod_w = zip(*MODALITIES)
    start = date(2015, 1, 1)
    out = []
    for a in range(n_articles):
        art = Article(id=f"a{a:05d}", text="…", language=rnd.choice(("id", "en")),
                      published=start + timedelta(days=rnd.randrange(3650)), title=f"Article {a}",
                      source=f"news/a{a:05d}.txt")
        ents = list({e.key: e for e in rnd.choices(actors, weights, k=rnd.randint(12, 28))}.values())
        people = [e for e in ents if e.type != "Event"] or ents
        events = [e for e in ents if e.type == "Event"]
        rels = []
        for _ in range(rnd.randint(10, 20)):
            t = rnd.choices(types, type_w)[0]
            if t == "met-at" and not events:
                t = "met-with"
            s = rnd.choice(people)
            o = rnd.choice(events) if t == "met-at" else rnd.choice(people)
            if s.key == o.key:
                continue
            when = start + timedelta(days=rnd.randrange(3650))
            rels.append(Relation(
                t, s.key, o.key, rnd.choices(mods, mod_w)[0],
                date=when.isoformat() if rnd.random() < 0.7 else None,
                place=rnd.choice(events).key if t == "met-with" and events and rnd.random() < 0.5 else None,
                role=rnd.choice(ROLES) if t == "holds-role" else None,
                evidence=" ".join(rnd.choices(WORDS, k=14)).capitalize() + ".",
                sentence=rnd.randrange(30), confidence=round(rnd.uniform(0.4, 0.95), 2), rule="pair-trigger"))
        out.append(Extraction(art, tuple(ents), tuple(rels)))
    return out


def typical_actor(extractions: list[Extraction]) -> tuple[str, str, str, str]:
    """Labels of a person of median degree, of a typical edge's ends, of an event of median degree."""
    degree: dict[str, int] = {}
    labels = {}
    for ex in extractions:
        for e in ex.entities:
            labels[e.key] = e
        for r in ex.relations:
            degree[r.source] = degree.get(r.source, 0) + 1
            degree[r.target] = degree.get(r.target, 0) + 1
    people = sorted((d, k) for k, d in degree.items() if k.startswith("person/"))
    mid = people[len(people) // 2][1]
    edge = next(r for ex in extractions for r in ex.relations
                if r.source == mid and labels[r.target].type != "Event")
    events = sorted((d, k) for k, d in degree.items() if k.startswith("event/") and k != HUBS[-1].key)
    event = events[len(events) // 2][1]
    return labels[mid].label, labels[edge.source].label, labels[edge.target].label, labels[event].label


def timed(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run_query(source, name: str, params: dict[str, str]) -> int:
    result, _ = sparql.run_named(source, name, params)
    return len(result.table()) if result.kind == "select" else 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=5500)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--compare", action="store_true", help="also time rdflib (and oxrdflib if installed)")
    ap.add_argument("--results", type=Path, help="write the markdown report here too")
    args = ap.parse_args()

    lines: list[str] = []

    def say(line: str = "") -> None:
        print(line, flush=True)
        lines.append(line)

    tmp = Path(tempfile.mkdtemp(prefix="bench-sparql-"))
    try:
        t = time.perf_counter()
        exs = synthetic_extractions(args.articles)
        g = build_graph(exs)
        nq = tmp / "graph.nq"
        with open(nq, "wb") as fh:
            ox.serialize(iter_quads(g), fh, ox.RdfFormat.N_QUADS)
        gen = time.perf_counter() - t
        n_quads = sum(1 for _ in open(nq, "rb"))
        typical, src, dst, event = typical_actor(exs)

        say(f"# SPARQL store benchmark ({date.today().isoformat()})")
        say()
        say(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"pyoxigraph {ox.__version__}.  Graph: {args.articles} articles, {g.number_of_nodes()} nodes, "
            f"{g.number_of_edges()} relations, **{n_quads:,} quads** (generated and mapped in {gen:.1f} s).  "
            f"Medians of {args.runs} runs after a warm-up.")
        say()
        say("## Load")
        say()
        say("| how | time | quads/s (article graphs) |")
        say("|---|---:|---:|")
        quads = list(iter_quads(g))
        t = time.perf_counter()
        Store.build(tmp / "bulk", quads)
        load = time.perf_counter() - t
        bulk_store = Store(tmp / "bulk")
        bulk = bulk_store.ox
        n_triples = bulk_store.triples()
        say(f"| bulk: the graph's quads into a new store (`Store.build`, what `kg ingest graph.json` "
            f"does for a new store) | **{load:.1f} s** | {n_quads / load:,.0f} |")
        t = time.perf_counter()
        old = ox.Store(str(tmp / "old"))
        old.bulk_extend(with_union(quads))
        old.flush()
        old_load, old_size = time.perf_counter() - t, len(old)
        del old
        shutil.rmtree(tmp / "old", ignore_errors=True)
        say(f"| bulk, the layout before (self-contained article graphs, their union materialised in "
            f"the default graph: {old_size:,} quads) | {old_load:.1f} s | {n_quads / old_load:,.0f} |")
        for label, batch in (("ingest: article by article, one transaction each (`kg ingest` of article files)", 1),
                             (f"ingest: {JSON_BATCH} articles per transaction (`kg ingest graph.json`, existing store)",
                              JSON_BATCH)):
            t = time.perf_counter()
            with Store(tmp / f"ingest{batch}", create=True) as st:
                st.add_graph(g, batch=batch)
                assert len(st) == len(bulk), (len(st), len(bulk))
            ing = time.perf_counter() - t
            say(f"| {label} | {ing:.1f} s | {n_quads / ing:,.0f} |")
            shutil.rmtree(tmp / f"ingest{batch}", ignore_errors=True)
        say()
        shared = bulk_store.graph_size(SHARED_GRAPH)
        say(f"The store holds {len(bulk):,} quads, one per distinct triple ({n_triples:,}): "
            f"{len(bulk) - shared:,} in the article graphs and {shared:,} in the shared graph "
            f"(the actors' descriptions and the direct relation triples, which the {n_quads:,} quads "
            f"of the self-contained article graphs repeat).")
        say()

        source = sparql.LocalSource(bulk)
        say("## Named queries")
        say()
        say(f"Hub: `actor=Putin` (the biggest hub), `event=KTT G20 di Hamburg`, `source=Trump target=Putin`.  "
            f"Typical: `actor={typical}`, `source={src} target={dst}`, `event={event}`.")
        say()
        say("| query | bound to | rows | median |")
        say("|---|---|---:|---:|")
        for name, nq_ in sparql.named_queries().items():
            required = [p.name for p in nq_.params if p.required]
            cases = [("nothing", {})] if not required else []
            if required:
                hub = {p: QUERY_PARAMS[p][0] for p in required}
                typ = dict(hub)
                if "actor" in typ:
                    typ["actor"] = typical
                if "source" in typ:
                    typ.update(source=src, target=dst)
                if "event" in typ:
                    typ["event"] = event
                cases = [("hub " + " ".join(f"{k}={v}" for k, v in hub.items()), hub)]
                if typ != hub:
                    cases.append(("typical " + " ".join(f"{k}={v}" for k, v in typ.items()), typ))
            elif any(p.name == "actor" for p in nq_.params):
                cases.append(("hub actor=Putin", {"actor": "Putin"}))
            for label, params in cases:
                rows = run_query(source, name, params)
                med = timed(lambda: run_query(source, name, params), args.runs)
                say(f"| {name} | {label} | {rows} | {med * 1000:.1f} ms |")
        for label, text in (("alias as written (`Putin`)", "Putin"), ("alias in another case (`putin`)", "putin"),
                            ("Wikidata id (`Q7747`)", "Q7747")):
            med = timed(lambda: sparql.resolve_node(source, text), args.runs)
            say(f"| *resolving an actor:* {label} | | 1 | {med * 1000:.1f} ms |")
        say()

        spread(source, exs, say)

        if args.compare:
            compare(nq, say, args.runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.results:
        args.results.write_text("\n".join(lines) + "\n", encoding="utf-8")


def spread(source, exs: list[Extraction], say, n: int = 100) -> None:
    """Each actor-bound query for `n` actors drawn at random among those in a statement."""
    labels = {e.key: e.label for ex in exs for e in ex.entities}
    degree: dict[str, int] = {}
    for ex in exs:
        for r in ex.relations:
            for k in (r.source, r.target):
                degree[k] = degree.get(k, 0) + 1
    actors = random.Random(7).sample(sorted(k for k in degree if not k.startswith("event/")), n)
    say(f"### Bound to {n} actors drawn at random")
    say()
    say(f"Actors in at least one statement ({len(degree):,}), drawn with a fixed seed; their statements: "
        f"median {statistics.median(degree[a] for a in actors):.0f}, most {max(degree[a] for a in actors)}.  "
        "One run each after one warm-up run.")
    say()
    say("| query | median | 90th percentile | 99th | slowest | share ≤ 50 ms |")
    say("|---|---:|---:|---:|---:|---:|")
    for name, nq_ in sparql.named_queries().items():
        if not any(p.name == "actor" for p in nq_.params):
            continue
        times = []
        for a in actors:
            params = {"actor": labels[a]}
            run_query(source, name, params)
            t = time.perf_counter()
            run_query(source, name, params)
            times.append(time.perf_counter() - t)
        times.sort()
        pct = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000  # noqa: E731
        under = sum(t <= 0.05 for t in times) / len(times)
        say(f"| {name} | {statistics.median(times) * 1000:.1f} ms | {pct(0.9):.1f} ms | {pct(0.99):.1f} ms | "
            f"{times[-1] * 1000:.1f} ms | {under:.0%} |")
    say()


TWO_HOP = """
PREFIX dk: <https://w3id.org/dipkg/ontology#>
SELECT ?a (COUNT(DISTINCT ?c) AS ?n) WHERE {
  ?a dk:spokeWith ?b . ?b dk:spokeWith ?c .
} GROUP BY ?a ORDER BY DESC(?n) LIMIT 10"""


def compare(nq: Path, say, runs: int) -> None:
    """The same load and one 2-hop GROUP BY over the whole graph in rdflib and oxrdflib."""
    import rdflib
    say("## Engines compared (load the N-Quads file; a 2-hop GROUP BY over all actors)")
    say()
    say("All in memory, the union of the graphs taken on the fly (`default_union`): the "
        "self-contained article graphs of the file, except in the second row, the layout of `kg.store.database`.")
    say()
    say("| engine | load | 2-hop GROUP BY |")
    say("|---|---:|---:|")
    st = ox.Store()
    t = time.perf_counter()
    st.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    load = time.perf_counter() - t
    q = timed(lambda: list(st.query(TWO_HOP, use_default_graph_as_union=True)), min(runs, 3))
    say(f"| pyoxigraph {ox.__version__} | {load:.1f} s | {q:.2f} s |")
    st = ox.Store()
    t = time.perf_counter()
    st.bulk_extend(with_shared(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS)))
    load = time.perf_counter() - t
    q = timed(lambda: list(st.query(TWO_HOP, use_default_graph_as_union=True)), min(runs, 3))
    say(f"| pyoxigraph {ox.__version__}, the store layout (shared graph) | {load:.1f} s | {q:.2f} s |")
    try:
        import oxrdflib  # noqa: F401
        ds = rdflib.Dataset(store="Oxigraph", default_union=True)
        t = time.perf_counter()
        ds.parse(str(nq), format="nquads")
        load = time.perf_counter() - t
        q = timed(lambda: list(ds.query(TWO_HOP)), min(runs, 3))
        say(f"| oxrdflib (rdflib API over Oxigraph) | {load:.1f} s | {q:.2f} s |")
    except ImportError:
        say("| oxrdflib | not installed | |")
    ds = rdflib.Dataset(default_union=True)
    t = time.perf_counter()
    ds.parse(str(nq), format="nquads")
    load = time.perf_counter() - t
    t = time.perf_counter()
    list(ds.query(TWO_HOP))
    q = time.perf_counter() - t
    say(f"| rdflib {rdflib.__version__} memory store | {load:.1f} s | {q:.2f} s (one run) |")
    say()


if __name__ == "__main__":
    main()
