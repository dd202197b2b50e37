"""Exports that open ready (issue 13): GEXF and GraphML with styles, a layout and times;
CSV with an articles file, a byte-order mark on request, and lists kuzu imports."""
from __future__ import annotations

import importlib.util

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.exporters import export
from kg.exporters.graphml import date_span, read_gexf_networkx
from kg.exporters.neo4j_csv import articles_path, kuzu_statements, paths, read_csv
from kg.graph.network import write_graph_json
from kg.model import SYMMETRIC
from kg.views.html import EDGE_COLORS, NODE_STYLES


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


# ---- GEXF and GraphML --------------------------------------------------------------------

def test_exports_gexf_read_back_with_viz_time_and_undirected_symmetric_edges(sample_graph, tmp_path):
    h = read_gexf_networkx(export(sample_graph, "gexf", tmp_path / "g.gexf"))
    assert h.number_of_nodes() == sample_graph.number_of_nodes()
    assert h.number_of_edges() == sample_graph.number_of_edges()
    for node, d in h.nodes(data=True):
        viz = d["viz"]
        colour = NODE_STYLES[sample_graph.nodes[node]["type"]]["color"]
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == _rgb(colour)
        assert viz["size"] > 0 and set(viz["position"]) == {"x", "y", "z"}
    positions = {(d["viz"]["position"]["x"], d["viz"]["position"]["y"]) for _, d in h.nodes(data=True)}
    assert len(positions) == h.number_of_nodes()           # a layout, not one point
    for u, v, key, d in h.edges(keys=True, data=True):
        orig = sample_graph.edges[u, v, key]
        assert (d.get("directed", True) is False) == (orig["type"] in SYMMETRIC), (key, d)
        assert (d.get("start"), d.get("end")) == (date_span(orig["date"]) or (None, None))
        assert d["weight"] == orig["confidence"]
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert text.count('type="undirected"') == sum(1 for *_, t in sample_graph.edges(data="type") if t in SYMMETRIC)


def test_exports_gexf_plain_networkx_reader_sees_a_mixed_graph(sample_graph, tmp_path):
    """networkx's own reader refuses mixed graphs; that is why read_gexf_networkx exists."""
    path = export(sample_graph, "gexf", tmp_path / "g.gexf")
    with pytest.raises(nx.NetworkXError, match="Undirected edge"):
        nx.read_gexf(path)


def test_exports_graphml_has_the_same_viz_and_time_attributes(sample_graph, tmp_path):
    h = nx.read_graphml(export(sample_graph, "graphml", tmp_path / "g.graphml"), force_multigraph=True)
    for node, d in h.nodes(data=True):
        colour = NODE_STYLES[sample_graph.nodes[node]["type"]]["color"]
        assert (d["r"], d["g"], d["b"]) == _rgb(colour) and d["color"] == colour
        assert d["size"] > 0 and isinstance(d["x"], float) and isinstance(d["y"], float)
    for u, v, key, d in h.edges(keys=True, data=True):
        orig = sample_graph.edges[u, v, key]
        assert d["directed"] == (orig["type"] not in SYMMETRIC)
        assert d["color"] == EDGE_COLORS[orig["type"]]
        assert (d.get("start"), d.get("end")) == (date_span(orig["date"]) or (None, None))


@pytest.mark.parametrize("value, span", [
    ("2017-01-28", ("2017-01-28", "2017-01-28")), ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2017", ("2017-01-01", "2017-12-31")), (None, None), ("soon", None), ("2017-13", None)])
def test_exports_date_span(value, span):
    assert date_span(value) == span


# ---- CSV ---------------------------------------------------------------------------------

def test_exports_csv_writes_articles_beside_nodes_and_edges(sample_graph, tmp_path):
    out = export(sample_graph, "csv", tmp_path / "neo4j")
    arts = articles_path(out)
    assert arts == tmp_path / "neo4j" / "articles.csv"
    assert articles_path(tmp_path / "g.csv") == tmp_path / "g-articles.csv"
    lines = arts.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id,title,url,published,language,source"
    assert lines[1] == "sample,AS-Rusia Kemungkinan Bentuk Koalisi Antiteroris,,2017-01-31,id,sample.txt"
    back = read_csv(out)
    assert back.graph["articles"]["sample"]["title"] == "AS-Rusia Kemungkinan Bentuk Koalisi Antiteroris"
    # Every edge carries its evidence and its article.
    assert all(d["evidence"] and d["article"] == "sample" for *_, d in back.edges(data=True))


def test_exports_csv_bom_for_excel(sample_graph, tmp_path):
    sample_graph.nodes["https://w3id.org/dipkg/resource/person/walid-phares"]["label"] = "Recep Tayyip Erdoğan"
    out = export(sample_graph, "csv", tmp_path / "g.csv", bom=True)
    for p in (*paths(out), articles_path(out)):
        assert p.read_bytes().startswith(b"\xef\xbb\xbf"), p
    assert "Erdoğan" in paths(out)[0].read_bytes().decode("utf-8-sig")
    back = read_csv(out)                                      # the reader takes either
    assert back.number_of_nodes() == sample_graph.number_of_nodes()
    plain = export(sample_graph, "csv", tmp_path / "p.csv")
    assert not paths(plain)[0].read_bytes().startswith(b"\xef\xbb\xbf")


def test_exports_csv_cli_bom_option(sample_graph, tmp_path):
    import kg.cli.commands  # noqa: F401
    from kg.cli import app
    src = tmp_path / "graph.json"
    write_graph_json(sample_graph, src)
    r = CliRunner().invoke(app, ["export", str(src), "--format", "csv", "--out", str(tmp_path / "x.csv"), "--bom"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "x-articles.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    r = CliRunner().invoke(app, ["export", str(src), "--out", str(tmp_path / "x.ttl"), "--bom"])
    assert r.exit_code == 1 and r.output.strip().endswith("--bom applies to the csv format only")


@pytest.mark.skipif(importlib.util.find_spec("kuzu") is None, reason="the kuzu package is not installed")
def test_exports_csv_kuzu_import_gives_the_same_counts(sample_graph, tmp_path):
    import kuzu
    out = export(sample_graph, "csv", tmp_path / "csv")
    conn = kuzu.Connection(kuzu.Database(str(tmp_path / "db")))
    for statement in kuzu_statements(out):
        conn.execute(statement)

    def one(query):
        return conn.execute(query).get_next()

    assert one("MATCH (a:Actor) RETURN count(*)") == [sample_graph.number_of_nodes()]
    assert one("MATCH ()-[r:Relation]->() RETURN count(*)") == [sample_graph.number_of_edges()]
    assert one("MATCH (a:Article) RETURN count(*)") == [len(sample_graph.graph["articles"])]
    # Lists arrive as lists.
    assert one("MATCH (a:Actor {label: 'Donald Trump'}) RETURN a.aliases") == [
        ["Presiden AS Donald Trump", "Trump"]]
    assert one("MATCH (a:Actor {label: 'Hamburg'}) RETURN a.aliases") == [[]]
    assert one("MATCH (a)-[r:Relation {type: 'spoke-with'}]->(b) RETURN a.label, b.label, r.confidence") == [
        "Donald Trump", "Vladimir Putin", 0.9]
