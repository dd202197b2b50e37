"""Issue 11: every statement kept. The development corpus gives as many relations in the
JSON contract as statements in RDF, edges in graph.json, GraphML, CSV and the HTML, and
statements in the store."""
from __future__ import annotations

import csv
import json
import re

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import kg.cli.commands  # noqa: F401  (registers the commands)
from kg.cli import app
from kg.extract import reader
from kg.extract.pipeline import extract, to_contract
from kg.graph.namespace import DK

from conftest import DATA, ROOT

runner = CliRunner()
DEVSET = DATA / "devset"
COUNT = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{DK.Statement}> }}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("devset")
    r = runner.invoke(app, ["build", str(DEVSET), "--out", str(out / "g")])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["ingest", str(DEVSET), "--store", str(out / "store"), "-q"])
    assert r.exit_code == 0, r.output
    return out


def _contract_relations() -> int:
    return sum(len(to_contract(extract(i.article))["relations"])
               for i in reader.read_inputs([DEVSET]) if i.article)


def test_counts_agree_across_every_output_on_the_devset(built):
    relations = _contract_relations()
    g = built / "g"
    assert relations > 200
    assert len(json.loads((g / "graph.json").read_text())["edges"]) == relations
    ttl = ox.Store()
    ttl.load(path=str(g / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert int(next(iter(ttl.query(COUNT)))["n"].value) == relations
    assert nx.read_graphml(g / "graph.graphml").number_of_edges() == relations
    html = (g / "graph.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))
    assert len(data["statements"]) == data["meta"]["statements"] == relations
    assert sum(len(e["statements"]) for e in data["edges"]) == relations   # drawn edges aggregate them
    r = runner.invoke(app, ["export", str(g / "graph.json"), "--format", "csv", "--out", str(g / "neo4j")])
    assert r.exit_code == 0, r.output
    with open(g / "neo4j" / "edges.csv", encoding="utf-8") as fh:
        assert sum(1 for _ in csv.reader(fh)) - 1 == relations


def test_counts_the_store_holds_every_statement(built):
    store = ox.Store.read_only(str(built / "store"))
    query = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a <{DK.Statement}> }} }}"
    assert int(next(iter(store.query(query)))["n"].value) == _contract_relations()


def _edges(doc: dict) -> list[tuple]:
    return sorted((e["article"], e["type"], e["source"], e["target"], e["modality"], e["date"] or "",
                   e["evidence"]) for e in doc["edges"])


def test_counts_export_of_the_store_is_the_built_graph(built):
    out = built / "from-store.json"
    r = runner.invoke(app, ["export", "--store", str(built / "store"), "--out", str(out)])
    assert r.exit_code == 0, r.output
    store_doc, build_doc = json.loads(out.read_text()), json.loads((built / "g" / "graph.json").read_text())
    assert _edges(store_doc) == _edges(build_doc)
    assert [a["id"] for a in store_doc["articles"]] == [a["id"] for a in build_doc["articles"]]
    assert {n["id"]: sorted(n["articles"]) for n in store_doc["nodes"]} == \
        {n["id"]: sorted(n["articles"]) for n in build_doc["nodes"]}
    r = runner.invoke(app, ["export", "--store", str(built / "store"), "--format", "html", "--out", "-"])
    assert r.exit_code == 0 and r.stdout.lstrip().startswith("<!DOCTYPE html>")
    r = runner.invoke(app, ["export", "--out", str(out)])
    assert r.exit_code == 1 and "give a graph file or --store DIR" in r.stderr


def test_counts_build_into_an_existing_graph_and_merge_graphs(built, tmp_path):
    seed = ROOT / "examples"
    r = runner.invoke(app, ["build", str(seed), "--out", str(tmp_path / "a")])
    assert r.exit_code == 0, r.output
    seed_edges = len(json.loads((tmp_path / "a" / "graph.json").read_text())["edges"])
    r = runner.invoke(app, ["build", str(DEVSET), "--into", str(tmp_path / "a" / "graph.json")])
    assert r.exit_code == 0, r.output
    assert "16 articles (17 file(s) skipped in folders) and 1 graph(s): 17 articles in all" in r.stderr
    grown = json.loads((tmp_path / "a" / "graph.json").read_text())
    single = json.loads((built / "g" / "graph.json").read_text())
    assert len(grown["edges"]) == len(single["edges"]) + seed_edges
    r = runner.invoke(app, ["build", str(built / "g" / "graph.json"), str(ROOT / "exports" / "graph.ttl"),
                            "--out", str(tmp_path / "m")])
    assert r.exit_code == 0, r.output
    merged = json.loads((tmp_path / "m" / "graph.json").read_text())
    assert _edges(merged) == _edges(grown)


def test_counts_export_of_a_store_another_process_holds_open(built, tmp_path):
    import os
    import subprocess
    import sys

    from kg.store.database import Store
    with Store(built / "store"):            # as `kg serve` or `kg ingest` would hold it
        r = subprocess.run([sys.executable, "-m", "kg", "export", "--store", str(built / "store"),
                            "--out", str(tmp_path / "g.json")], capture_output=True, text=True, timeout=120,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr
    assert len(json.loads((tmp_path / "g.json").read_text())["edges"]) == _contract_relations()
