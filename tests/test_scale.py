"""Issue 12, corpus scale: linear merge, streamed writers, --jobs, batched ingest, and the
distributed engine (Dask) against `kg build` of the same corpus."""
from __future__ import annotations

import glob
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract import pipeline
from kg.graph.network import add_extraction, build_graph, new_graph, read_graph_json, settle, to_json, \
    write_graph_json

from conftest import DATA, ROOT, sample_extraction

DEVSET = DATA / "devset"


def kg(*args, cwd=ROOT, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def devset_jsonl(tmp_path_factory) -> Path:
    """The devset articles as three JSONL partitions (declared ids, so ids do not depend on paths)."""
    folder = tmp_path_factory.mktemp("corpus")
    rows = [{"id": Path(f).stem, "text": Path(f).read_text(encoding="utf-8")}
            for f in sorted(glob.glob(str(DEVSET / "*.txt")))]
    for i in range(3):
        with open(folder / f"part{i}.jsonl", "w", encoding="utf-8") as fh:
            for row in rows[i::3]:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return folder


# -- the merge and the writers ---------------------------------------------------------

def test_network_merge_appends_and_settle_sorts_once():
    ex = sample_extraction()
    g = new_graph()
    from dataclasses import replace
    for aid in ("c", "a", "b"):
        add_extraction(g, replace(ex, article=replace(ex.article, id=aid)))
    node = "https://w3id.org/dipkg/resource/person/donald-trump"
    assert g.nodes[node]["articles"] == ["c", "a", "b"]        # appended, not re-sorted per merge
    settle(g)
    assert g.nodes[node]["articles"] == ["a", "b", "c"]
    assert to_json(g)["nodes"][0]["articles"] == sorted(to_json(g)["nodes"][0]["articles"])


def test_network_merge_of_a_hub_is_linear():
    """A hub in every article: 4x the articles must not cost 16x (the old merge re-sorted)."""
    import time
    from dataclasses import replace
    ex = sample_extraction()

    def merge(n: int) -> float:
        g = new_graph()
        start = time.process_time()
        for i in range(n):
            add_extraction(g, replace(ex, article=replace(ex.article, id=f"a{i:06d}")))
        settle(g)
        return time.process_time() - start
    small, big = merge(1000), merge(4000)
    assert big < 8 * max(small, 0.05)


def test_network_graph_json_is_streamed_with_the_same_bytes(tmp_path):
    g = build_graph([pipeline.extract_file(p) for p in sorted(DEVSET.glob("*.txt"))[:6]])
    write_graph_json(g, tmp_path / "g.json")
    assert (tmp_path / "g.json").read_text(encoding="utf-8") == json.dumps(to_json(g), ensure_ascii=False,
                                                                           indent=1) + "\n"
    empty = new_graph()
    write_graph_json(empty, tmp_path / "e.json")
    assert json.loads((tmp_path / "e.json").read_text()) == to_json(empty)


# -- --jobs --------------------------------------------------------------------------------

def test_parallel_build_jobs_2_writes_the_same_bytes_as_jobs_1(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for out, jobs in ((one, 1), (two, 2)):
        r = kg("build", DEVSET, "--out", out, "--jobs", jobs, "-f", "graph-json", "-f", "turtle",
               "-f", "nquads", "-f", "graphml")
        assert r.returncode == 0, r.stderr
    for f in one.iterdir():
        assert (two / f.name).read_bytes() == f.read_bytes(), f.name


def test_parallel_extract_jobs_2_prints_the_same_as_jobs_1(devset_jsonl):
    outs = [kg("extract", devset_jsonl / "part0.jsonl", "--jobs", j) for j in (1, 2)]
    assert outs[0].returncode == 0 and outs[0].stdout == outs[1].stdout
    assert len(outs[0].stdout.splitlines()) == 6


def test_parallel_ingest_jobs_2_stores_the_same_as_jobs_1(tmp_path, devset_jsonl):
    import pyoxigraph as ox
    for name, jobs in (("one", 1), ("two", 2)):
        r = kg("ingest", devset_jsonl, "--store", tmp_path / name, "--jobs", jobs, "-q")
        assert r.returncode == 0, r.stderr
        assert "16 article(s) ingested" in r.stdout
    assert set(ox.Store.read_only(str(tmp_path / "one"))) == set(ox.Store.read_only(str(tmp_path / "two")))


def test_parallel_pmap_keeps_the_order_and_raises_what_fn_raises():
    from kg.extract.parallel import pmap
    assert list(pmap(abs, range(-50, 0), 2, batch=3)) == list(range(50, 0, -1))
    with pytest.raises(TypeError):
        list(pmap(abs, ["x"], 2))


def test_parallel_jobs_0_is_refused():
    r = kg("build", DEVSET, "--out", "/nonexistent", "--jobs", "0")
    assert r.returncode == 1 and "--jobs must be 1 or more" in r.stderr


# -- ingest --------------------------------------------------------------------------------

def test_store_ingest_batches_new_and_replaced_articles(tmp_path, devset_jsonl):
    from kg.store.database import Store, ingest
    results = ingest(tmp_path / "s", [devset_jsonl / "part0.jsonl"])
    again = ingest(tmp_path / "s", [devset_jsonl])
    assert [r.replaced for r in results] == [False] * 6
    assert sum(r.replaced for r in again) == 6 and len(again) == 16
    with Store(tmp_path / "s") as st:
        assert st.check_shared() == (0, 0) and len(st.graphs()) == 16


def test_store_ingest_nquads_refuses_an_existing_store(tmp_path, devset_jsonl):
    kg("ingest", devset_jsonl / "part0.jsonl", "--store", tmp_path / "s", "-q")
    (tmp_path / "nq").mkdir()
    (tmp_path / "nq" / "a.nq").write_text("")
    r = kg("ingest", "--nquads", tmp_path / "nq", "--store", tmp_path / "s")
    assert r.returncode == 1 and "bulk loading needs a new store" in r.stderr


def test_reader_parquet_corpus_reads_as_jsonl(tmp_path, devset_jsonl):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    rows = [json.loads(line) for line in (devset_jsonl / "part1.jsonl").read_text().splitlines()]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "part1.parquet")
    a = kg("extract", devset_jsonl / "part1.jsonl")
    b = kg("extract", tmp_path / "part1.parquet")
    assert b.returncode == 0, b.stderr
    assert [json.loads(x)["relations"] for x in a.stdout.splitlines()] == \
           [json.loads(x)["relations"] for x in b.stdout.splitlines()]


# -- the distributed engine ----------------------------------------------------------------

def _parquet_rows(pattern: str) -> list[dict]:
    import pyarrow.parquet as pq
    rows: list[dict] = []
    for f in sorted(glob.glob(pattern)):
        rows += pq.read_table(f).to_pylist()
    return rows


@pytest.mark.cluster
def test_distributed_local_cluster_gives_what_kg_build_gives(tmp_path, devset_jsonl):
    """A real local Dask cluster of 2 workers; its N-Quads, bulk-loaded, are the store of the
    `kg build` graph, and its Parquet tables are that graph's articles, nodes and edges."""
    pytest.importorskip("dask.distributed")
    import pyoxigraph as ox
    from kg.graph.rdf import iter_quads
    from kg.store.database import Store
    out = tmp_path / "run"
    r = kg("distributed", devset_jsonl, "--out", out, "--workers", 2, timeout=900)
    assert r.returncode == 0, r.stderr
    assert "16 articles" in r.stdout and "on 2 worker(s)" in r.stdout
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["articles"] == 16 and len(manifest["partitions"]) == 3 and not manifest["errors"]

    r = kg("build", devset_jsonl, "--out", tmp_path / "built", "-f", "graph-json")
    assert r.returncode == 0, r.stderr
    built = read_graph_json(tmp_path / "built" / "graph.json")
    doc = to_json(built)

    r = kg("ingest", "--nquads", out / "nquads", "--store", tmp_path / "loaded")
    assert r.returncode == 0, r.stderr
    Store.build(tmp_path / "expected", iter_quads(built))
    loaded = set(ox.Store.read_only(str(tmp_path / "loaded")))
    assert loaded == set(ox.Store.read_only(str(tmp_path / "expected")))

    assert sorted(_parquet_rows(str(out / "articles" / "*.parquet")), key=lambda a: a["id"]) == doc["articles"]
    assert sorted(_parquet_rows(str(out / "relations" / "*.parquet")), key=lambda e: e["id"]) == doc["edges"]
    assert _parquet_rows(str(out / "entities.parquet")) == doc["nodes"]


# -- validation, article by article --------------------------------------------------------

def test_validate_union_graph_by_units_reports_what_the_whole_graph_does(monkeypatch):
    """A Turtle-like union of many articles, with breakages: checked in units (each article,
    the actors once), the results are those of one pyshacl run over the whole graph."""
    import pyoxigraph as ox
    from kg.graph import units
    from kg.graph.rdf import iter_union, validate
    from kg.graph.namespace import DK
    g = build_graph([pipeline.extract_file(p) for p in sorted(DEVSET.glob("*.txt"))[:8]])
    quads = list(iter_union(g))
    asserted = next(q for q in quads if q.predicate.value == str(DK.modality) and q.object.value == str(DK.Asserted))
    st = asserted.subject
    spo = {q.predicate.value: q.object for q in quads if q.subject == st}
    direct = ox.Quad(spo[str(DK.subject)], spo[str(DK.predicate)], spo[str(DK.object)])
    derived = next(q for q in quads if q.subject != st and q.predicate.value.endswith("wasDerivedFrom"))
    broken = [q for q in quads if q != direct and q != derived]
    broken.append(ox.Quad(spo[str(DK.object)], ox.NamedNode(str(DK.opposes)), spo[str(DK.subject)]))
    monkeypatch.setattr(units, "NODE_CHUNK", 40)       # several actor units too
    in_units = validate(broken)
    monkeypatch.setattr(units, "NODE_CHUNK", 10**9)
    monkeypatch.setattr(units, "WHOLE_UP_TO", 10**9)
    whole = validate(broken)
    assert in_units == whole
    assert sum(v.severity == "Violation" for v in whole) >= 3


def test_distributed_unreachable_scheduler_is_one_line(devset_jsonl, tmp_path):
    pytest.importorskip("dask.distributed")
    r = kg("distributed", devset_jsonl, "--out", tmp_path / "x", "--scheduler", "tcp://127.0.0.1:9")
    assert r.returncode == 1
    assert r.stderr.startswith("Error: [E200] cannot reach the Dask scheduler tcp://127.0.0.1:9")


def test_distributed_no_partitions_is_an_input_error(tmp_path):
    (tmp_path / "empty").mkdir()
    r = kg("distributed", tmp_path / "empty", "--out", tmp_path / "x")
    assert r.returncode == 1 and r.stderr.startswith("Error: [E100] no partition files")


def test_validate_jobs_2_reports_what_jobs_1_does(tmp_path):
    from kg.graph.rdf import validate
    g = build_graph([pipeline.extract_file(p) for p in sorted(DEVSET.glob("*.txt"))[:6]])
    from kg.graph.rdf import iter_union
    quads = list(iter_union(g))
    assert validate(quads, jobs=2) == validate(quads, jobs=1)
    r = kg("build", DEVSET, "--out", tmp_path, "-f", "turtle")
    assert r.returncode == 0, r.stderr
    r = kg("validate", tmp_path / "graph.ttl", "--jobs", "2")
    assert r.returncode == 0 and r.stdout.splitlines()[-1].startswith(f"{tmp_path / 'graph.ttl'}: conforms")
