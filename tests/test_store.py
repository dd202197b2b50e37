"""The persistent store: ingest, replacement, the shared graph, locking, and a kill mid-write."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date

import pytest
from typer.testing import CliRunner

import kg.cli.commands  # noqa: F401
from kg.store import sparql
from kg.cli import app
from kg.errors import StoreError
from kg.graph.network import SHARED_GRAPH, article_iri, build_graph, write_graph_json
from kg.model import Article, Entity, Extraction, Relation
from kg.store.database import Store, graph_quads, is_own

from conftest import ROOT, SEED, sample_extraction

runner = CliRunner()
PUTIN = "https://w3id.org/dipkg/resource/person/vladimir-putin"


def other_article(n_relations: int = 1, article_id: str = "other") -> Extraction:
    """An article about Putin and Lavrov: shares the Putin node with the sample article."""
    art = Article(article_id, "…", "en", date(2017, 2, 1), "Putin meets Lavrov", f"{article_id}.txt")
    ents = (Entity("person/vladimir-putin", "Person", "Vladimir Putin", "Q7747", ("Putin",)),
            Entity("person/sergey-lavrov", "Person", "Sergey Lavrov", "Q150851", ("Lavrov",)))
    ents += tuple(Entity(f"person/p{i}", "Person", f"Person {i}") for i in range(n_relations - 1))
    rels = (Relation("met-with", "person/vladimir-putin", "person/sergey-lavrov", "asserted", "2017-02-01",
                     evidence="Putin met Lavrov.", confidence=0.8, rule="pair-trigger"),)
    rels += tuple(Relation("spoke-with", "person/vladimir-putin", f"person/p{i}", "possible", "2017-02-02",
                           evidence=f"Putin may call Person {i}.", confidence=0.5, rule="pair-trigger")
                  for i in range(n_relations - 1))
    return Extraction(art, ents, rels)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store", create=True) as st:
        yield st


def test_store_ingest_twice_same_triple_count(store):
    first = store.add_extraction(sample_extraction())
    counts = (len(store), store.triples(), store.graphs())
    second = store.add_extraction(sample_extraction())
    assert (len(store), store.triples(), store.graphs()) == counts
    assert (first.replaced, second.replaced) == (False, True)
    assert first.triples == second.triples == store.graph_size(article_iri("sample")) > 50
    assert store.check_shared() == (0, 0)


def test_store_shared_graph_keeps_what_another_article_says(store):
    store.add_extraction(sample_extraction())
    store.add_extraction(other_article())
    src = sparql.LocalSource(store.ox)
    label = f'SELECT ?l WHERE {{ <{PUTIN}> rdfs:label ?l }}'
    assert src.query(label).values() == [{"l": "Vladimir Putin"}]      # once, though in two graphs
    assert store.remove_graph(article_iri("sample"))
    assert src.query(label).values() == [{"l": "Vladimir Putin"}]      # still said by the other
    assert src.query("ASK { ?a dk:spokeWith ?b }").boolean is False    # said only by the sample
    assert store.check_shared() == (0, 0)
    assert store.remove_graph(article_iri("other"))
    assert store.triples() == len(store) == 0
    assert not store.remove_graph(article_iri("other"))


def test_store_replacing_an_article_drops_its_old_triples(store):
    store.add_extraction(other_article(5))
    store.add_extraction(other_article(1))
    src = sparql.LocalSource(store.ox)
    assert src.query("ASK { ?a rdfs:label 'Person 3' }").boolean is False
    assert store.check_shared() == (0, 0)


def test_store_add_graph_in_batches(store):
    g = build_graph([sample_extraction(), other_article(3), other_article(2, "third")])
    results = store.add_graph(g, batch=2)
    assert [r.article for r in results] == ["other", "sample", "third"]
    assert store.graphs() == sorted(article_iri(a) for a in ("other", "sample", "third"))
    assert store.check_shared() == (0, 0)


def test_store_refuses_a_folder_that_is_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="folder is not empty and holds no store"):
        Store(tmp_path, create=True)
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "missing")
    with pytest.raises(StoreError, match="is a file, not a store folder"):
        Store(tmp_path / "notes.txt")


def test_store_open_twice_says_it_is_in_use(store):
    # the second writer waits `wait` seconds for the first (kg.store.lock), then names it
    with pytest.raises(StoreError, match=r"the store is being written by kg \(pid \d+\)"):
        Store(store.path, wait=0.2)


def test_cli_ingest_seed_article_twice(tmp_path):
    folder = tmp_path / "store"
    args = ["ingest", str(SEED), "--store", str(folder), "--published", "2017-01-31"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert first.output.startswith("added rbth-2017-as-rusia-koalisi-antiteroris: ")
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert second.output.startswith("replaced rbth-2017-as-rusia-koalisi-antiteroris: ")
    assert first.output.splitlines()[-1] == second.output.splitlines()[-1]   # same counts
    res = runner.invoke(app, ["query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g",
                              "--store", str(folder), "--format", "csv"])
    assert res.output.splitlines() == ["g", article_iri("rbth-2017-as-rusia-koalisi-antiteroris"), SHARED_GRAPH]


def test_cli_ingest_graph_json_and_query(tmp_path, sample_graph):
    write_graph_json(sample_graph, tmp_path / "graph.json")
    folder = tmp_path / "store"
    res = runner.invoke(app, ["ingest", str(tmp_path / "graph.json"), "--store", str(folder)])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[-1].startswith(f"1 article(s) ingested; store {folder}: 1 article graphs, ")
    res = runner.invoke(app, ["query", "--named", "spoke-with", "-p", "actor=putin", "--store", str(folder), "-f", "tsv"])
    assert res.exit_code == 0, res.output
    assert '"Donald Trump"\t"2017-01-28"^^' in res.output


def test_cli_ingest_reports_a_bad_article(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    res = runner.invoke(app, ["ingest", str(bad), "--store", str(tmp_path / "store")])
    assert res.exit_code == 1
    assert res.output == f"Error: [E100] {bad}: empty file\n"


# --- a process killed while it writes ------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys
    sys.path[:0] = [{root!r}, {tests!r}]
    from test_store import other_article
    from kg.graph.network import article_iri, build_graph
    from kg.store.database import Store, graph_quads
    quads = list(graph_quads(build_graph([other_article({n})])))
    with Store({folder!r}) as st:
        print("writing", flush=True)
        st.replace_graphs({{article_iri("other"): quads}})
        print("done", flush=True)
""")


@pytest.mark.parametrize("delay", [0.2, 1.2])
def test_store_kill_during_ingest_leaves_the_store_as_before(tmp_path, delay):
    """SIGKILL a process replacing an article with a big one (130,000 quads: 4-5 s to write).

    Killed before it reports "done", the store must be exactly as before (a write caught
    part-way is not visible); the second delay lands while Oxigraph writes, after parsing.
    """
    folder = tmp_path / "store"
    with Store(folder, create=True) as st:
        st.add_extraction(sample_extraction())
        st.add_extraction(other_article(3))
        before = (len(st), st.triples(), st.graph_size(article_iri("other")))
    n = 10000
    full = sum(1 for q in set(graph_quads(build_graph([other_article(n)]))) if is_own(q))
    script = WRITER.format(root=str(ROOT), tests=str(ROOT / "tests"), n=n, folder=str(folder))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with Store(folder) as st:            # opens (the lock died with the process) ...
        after = (len(st), st.triples(), st.graph_size(article_iri("other")))
        if "done" in rest:               # a fast machine finished first: then all of it is there
            assert after[2] == full
        else:                            # before, or (killed between commit and "done") all of it
            assert after == before or after[2] == full
        assert st.check_shared() == (0, 0)
        src = sparql.LocalSource(st.ox)   # ... and answers
        got = sparql.run_named(src, "spoke-with", {"actor": "Putin"})[0].values()
        assert [r["otherLabel"] for r in got][:3] == ["Donald Trump", "Person 0", "Person 1"]
    if delay < 1:
        assert "done" not in rest, "the write finished before the kill: make the article bigger"


def test_store_build_is_all_or_nothing(tmp_path, sample_graph):
    def quads():
        yield from graph_quads(sample_graph)
        raise RuntimeError("killed")
    with pytest.raises(RuntimeError):
        Store.build(tmp_path / "store", quads())
    assert list(tmp_path.iterdir()) == []
    Store.build(tmp_path / "store", graph_quads(sample_graph))
    with Store(tmp_path / "store") as st:
        assert st.graphs() == [article_iri("sample")] and st.check_shared() == (0, 0)


def test_cli_ingest_graph_json_into_an_existing_store_matches_the_bulk_build(tmp_path, sample_graph):
    write_graph_json(sample_graph, tmp_path / "graph.json")
    first = runner.invoke(app, ["ingest", str(tmp_path / "graph.json"), "--store", str(tmp_path / "s")])
    second = runner.invoke(app, ["ingest", str(tmp_path / "graph.json"), "--store", str(tmp_path / "s")])
    assert first.exit_code == second.exit_code == 0
    assert first.output.replace("added", "replaced") == second.output


def test_cli_remove_articles(tmp_path, sample_graph):
    folder = tmp_path / "store"
    with Store(folder, create=True) as st:
        st.add_graph(build_graph([sample_extraction(), other_article()]))
        before = len(st)
    res = runner.invoke(app, ["remove", "sample", "nope", "--store", str(folder)])
    assert res.exit_code == 1
    assert res.output == f"Error: [E170] {folder}: no article 'nope' in the store (2 articles; nothing removed)\n"
    res = runner.invoke(app, ["remove", "no such article", "--store", str(folder)])
    assert res.output == f"Error: [E170] {folder}: no article 'no such article' in the store (2 articles; nothing removed)\n"
    res = runner.invoke(app, ["remove", article_iri("sample"), "--store", str(folder)])
    assert res.exit_code == 0, res.output
    with Store(folder) as st:
        assert res.output.splitlines() == ["removed sample", f"store {folder}: 1 article graphs, {len(st)} triples"]
        assert st.graphs() == [article_iri("other")] and st.check_shared() == (0, 0) and len(st) < before
        src = sparql.LocalSource(st.ox)
        assert src.query("ASK { ?a rdfs:label 'Donald Trump' }").boolean is False     # only the sample said it
        assert src.query(f"ASK {{ <{PUTIN}> rdfs:label 'Vladimir Putin' }}").boolean  # the other article too


def test_store_check_shared_sees_a_direct_triple_nobody_asserts(store):
    import pyoxigraph as ox
    from kg.graph.network import SHARED_GRAPH
    store.add_extraction(other_article())
    assert store.check_shared() == (0, 0)
    store.ox.add(ox.Quad(ox.NamedNode(PUTIN), ox.NamedNode("https://w3id.org/dipkg/ontology#opposes"),
                         ox.NamedNode("https://w3id.org/dipkg/resource/person/sergey-lavrov"), ox.NamedNode(SHARED_GRAPH)))
    assert store.check_shared() == (0, 1)


def test_store_query_from_an_article_graph_is_not_the_union(store):
    store.add_graph(build_graph([sample_extraction(), other_article()]))
    src = sparql.LocalSource(store.ox)
    q = "SELECT (COUNT(?st) AS ?n) WHERE { ?st a dk:Statement }"
    everything = int(src.query(q).values()[0]["n"])
    other = int(src.query(q.replace("WHERE", f"FROM <{article_iri('other')}> WHERE")).values()[0]["n"])
    assert other == 1 < everything
