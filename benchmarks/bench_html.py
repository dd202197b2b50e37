"""Time to interactive of the HTML graph page in headless Chromium.

    python benchmarks/bench_html.py               # 2,000, 20,000 and 50,000 actors, 3 statements each
    python benchmarks/bench_html.py 2000 --runs 3 --edges-per-node 2

For each size it builds a synthetic graph shaped like ours (every node and edge attribute
filled in, hubs from preferential attachment, a sentence of evidence per edge), renders it
with `kg.html.render_html`, opens the file from `file://` in Debian's chromium and reads
`window.kgStats` once the page reports the layout settled (physics switched off):

- render: Python time to build the page;
- interactive: page time from navigation start to the settled layout, physics off and
  the page answering clicks (load, parse, aggregation, layout);
- layout: the part of it spent in vis-network's stabilisation.

The page draws one edge per actor pair and relation type, so `links` (drawn) is fewer
than the statements.

Results are recorded in benchmarks/RESULTS-html.md.  `synthetic_graph` is also used by
the browser tests.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.graph.network import iri, new_graph  # noqa: E402
from kg.model import ENTITY_TYPES, MODALITIES, RELATION_TYPES, ROLES  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WORDS = ("menteri luar negeri bertemu presiden di ibu kota untuk membahas kerja sama keamanan "
         "perdagangan sanksi minister met president capital talks security trade sanctions").split()


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 1) -> nx.MultiDiGraph:
    """A random graph of `n_nodes` actors and `n_edges` relations shaped like a news graph.

    Actors come in articles of about 40; most relations join actors of the same article,
    preferring its well-connected ones, and a few percent of the actors are hubs
    (countries, leaders) that every article may mention.  Every attribute is filled in.
    """
    rnd = random.Random(seed)
    g = new_graph()
    n_articles = max(1, n_nodes // 40)
    for a in range(n_articles):
        g.graph["articles"][f"a{a}"] = {"id": f"a{a}", "iri": f"https://w3id.org/dipkg/article/a{a}",
                                       "title": f"Article {a}", "language": rnd.choice(("id", "en")),
                                       "published": f"20{10 + a % 10}-0{1 + a % 9}-1{a % 10}",
                                       "source": f"news/a{a}.txt"}
    nodes, home = [], []
    for i in range(n_nodes):
        typ = rnd.choice(ENTITY_TYPES)
        node = iri(f"{typ.lower()}/n{i}")
        nodes.append(node)
        home.append(i % n_articles)
        g.add_node(node, key=f"{typ.lower()}/n{i}", label=f"{typ} {i}", type=typ,
                   wikidata=f"Q{1000 + i}" if i % 3 else None, aliases=[f"N{i}"],
                   articles=[f"a{i % n_articles}"], place=None, date=None)
    hubs = nodes[: max(1, n_nodes // 50)]
    members: list[list[str]] = [[] for _ in range(n_articles)]
    for i, node in enumerate(nodes):
        members[home[i]].append(node)
    # Each article is connected (every actor joins an earlier one); the other relations
    # prefer well-connected actors of the same article, or one of the hubs.
    pools = [list(m[:1]) for m in members]
    pairs = []
    for a, m in enumerate(members):
        for node in m[1:]:
            pairs.append((a, node, rnd.choice(pools[a])))
            pools[a] += [node, pairs[-1][2]]
    while len(pairs) < n_edges:
        a = rnd.randrange(n_articles)
        u = rnd.choice(pools[a])
        v = rnd.choice(hubs) if rnd.random() < 0.1 else rnd.choice(pools[a])
        pools[a] += [u, v]
        pairs.append((a, u, v))
    for k, (a, u, v) in enumerate(pairs[:n_edges]):
        rel = rnd.choice(RELATION_TYPES)
        g.add_edge(u, v, key=f"a{a}#{k}", type=rel,
                   modality=rnd.choices(MODALITIES, weights=(6, 2, 1, 1, 1))[0],
                   date=f"20{10 + k % 10}-{1 + k % 12:02d}-{1 + k % 28:02d}" if k % 4 else None,
                   place=None, role=rnd.choice(ROLES) if rel == "holds-role" else None,
                   evidence=" ".join(rnd.choice(WORDS) for _ in range(18)) + ".",
                   confidence=round(rnd.uniform(0.4, 0.95), 2), rule="pair-trigger",
                   article=f"a{a}")
    return g


def measure(page, path: Path, timeout_s: float = 300) -> dict:
    """Open `path` in `page` and return window.kgStats once the layout has settled."""
    page.goto(path.as_uri(), timeout=timeout_s * 1000)
    # page.evaluate is not subject to the page's CSP (wait_for_function would need eval).
    return page.evaluate("""ms => Promise.race([window.kgSettled, new Promise((_, fail) =>
        setTimeout(() => fail(new Error("layout did not settle in " + ms + " ms")), ms))])""",
                         timeout_s * 1000)


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from kg.views.html import render_html

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[2000, 20000, 50000], help="node counts")
    ap.add_argument("--edges-per-node", type=float, default=3.0, help="statements per actor")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--renderer", default="auto", choices=("auto", "vis", "webgl"))
    args = ap.parse_args(argv)
    print("| actors | statements | links | renderer | page MB | render s | interactive s (median) | layout s | iterations |")
    print("|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in args.sizes:
            m = int(n * args.edges_per_node)
            g = synthetic_graph(n, m)
            t = time.perf_counter()
            text = render_html(g, renderer=args.renderer)
            render_s = time.perf_counter() - t
            path = Path(tmp) / f"graph-{n}.html"
            path.write_text(text, encoding="utf-8")
            runs = []
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                runs.append(measure(page, path))
                page.close()
            assert runs[0]["nodes"] == n and runs[0]["statements"] == m, runs[0]
            settle = statistics.median(r["settleMs"] for r in runs) / 1000
            layout = statistics.median(r["layoutMs"] for r in runs) / 1000
            iters = runs[0]["iterations"]
            renderer = "WebGL (sigma.js)" if '"renderer":"webgl"' in text else "vis-network"
            print(f"| {n} | {m} | {runs[0]['edges']} | {renderer} | {len(text.encode()) / 1e6:.1f} | {render_s:.2f} | {settle:.2f} | "
                  f"{layout:.2f} | {iters if iters is not None else '-'} |", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
