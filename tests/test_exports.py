"""Every export format: round trips (RDF by isomorphism, the others by nodes, edges and
attributes), atomic writes, and `kg export` on the command line."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import kg.atomic
import kg.cli.commands  # noqa: F401  (registers the commands)
from kg import exporters
from kg.graph import rdf
from kg.cli import app
from kg.errors import GraphError
from kg.exporters.contract import to_contract
from kg.exporters.graphml import read_gexf, read_graphml
from kg.exporters.neo4j_csv import paths as csv_paths
from kg.exporters.neo4j_csv import read_csv
from kg.graph.network import EDGE_FIELDS, NODE_FIELDS, add_extraction, iri, to_json
from kg.model import Article, Entity, Extraction, Relation

runner = CliRunner()

RDF_FORMATS = {  # exporter name -> rdflib parser name
    "turtle": "turtle", "ntriples": "nt", "rdfxml": "xml", "jsonld": "json-ld",
    "trig": "trig", "nquads": "nquads",
}
NX_FORMATS = {"graphml": read_graphml, "gexf": read_gexf, "csv": read_csv}
OWN_FORMATS = sorted([*RDF_FORMATS, *NX_FORMATS, "contract-json"])


def other_article() -> Extraction:
    art = Article(id="other", text="…", language="en", published=date(2018, 6, 12),
                  title="Trump meets Kim in Singapore", source="other.txt")
    ents = (Entity("person/donald-trump", "Person", "Donald Trump", "Q22686", ("Trump",)),
            Entity("person/kim-jong-un", "Person", "Kim Jong Un", "Q56226", ("Kim",)),
            Entity("place/singapore", "Place", "Singapore", None, ()))
    rels = (Relation("met-with", "person/donald-trump", "person/kim-jong-un", "asserted", "2018-06-12",
                     place="place/singapore", evidence="Trump met Kim; in Singapore.", confidence=0.9,
                     rule="pair-trigger"),)
    return Extraction(art, ents, rels)


@pytest.fixture(params=["one-article", "two-articles"])
def graph(request, sample_graph):
    if request.param == "two-articles":
        add_extraction(sample_graph, other_article())
    return sample_graph


def output(tmp_path, name: str):
    return tmp_path / ("graph" + exporters.get(name).suffix)


def test_exports_registers_every_format():
    assert set(OWN_FORMATS) | {"graph-json"} <= set(exporters.exporters())


@pytest.mark.parametrize("name", sorted(RDF_FORMATS))
def test_exports_rdf_round_trip_is_isomorphic(graph, tmp_path, name):
    path = exporters.export(graph, name, output(tmp_path, name))
    if rdf.FORMATS[name][1]:  # named graphs: compare graph by graph
        parsed = Dataset()
        parsed.parse(path, format=RDF_FORMATS[name])
        source = rdf.to_dataset(graph)
        names = {c.identifier for c in source.graphs() if len(c)}
        assert {c.identifier for c in parsed.graphs() if len(c)} == names
        for n in names:
            assert isomorphic(parsed.graph(n), source.graph(n)), n
    else:
        parsed = Graph().parse(path, format=RDF_FORMATS[name])
        assert isomorphic(parsed, rdf.to_graph(graph))


def test_exports_jsonld_uses_the_context_of_the_ontology(sample_graph, tmp_path):
    path = exporters.export(sample_graph, "jsonld", tmp_path / "g.jsonld")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"] == rdf.jsonld_context()
    statement = next(n for n in doc["@graph"] if n.get("@type") == "Statement" and n.get("date") == "2017-01-28")
    assert statement["predicate"] == "dk:spokeWith" and statement["modality"] == "dk:Asserted"


@pytest.mark.parametrize("name", sorted(NX_FORMATS))
def test_exports_graph_formats_keep_nodes_edges_and_attributes(graph, tmp_path, name):
    path = exporters.export(graph, name, output(tmp_path, name))
    back = NX_FORMATS[name](path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    for node, data in graph.nodes(data=True):
        assert {f: back.nodes[node].get(f) for f in NODE_FIELDS} == {f: data.get(f) for f in NODE_FIELDS}
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert {f: back.edges[u, v, key].get(f) for f in EDGE_FIELDS} == {f: data.get(f) for f in EDGE_FIELDS}
    assert set(back.graph["articles"]) == set(graph.graph["articles"])


def test_exports_graphml_keeps_article_metadata(graph, tmp_path):
    back = read_graphml(exporters.export(graph, "graphml", tmp_path / "g.graphml"))
    assert to_json(back) == to_json(graph)


def test_exports_gexf_is_what_gephi_reads(sample_graph, tmp_path):
    text = exporters.export(sample_graph, "gexf", tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert 'defaultedgetype="directed"' in text
    assert 'label="Donald Trump"' in text
    assert 'type="spoke-with"' not in text  # GEXF's edge type is the direction; the relation is an attribute
    assert 'label="spoke-with" weight="0.9"' in text


@pytest.mark.parametrize("out, files", [("neo.csv", ("neo-nodes.csv", "neo-edges.csv")),
                                        ("neo4j", ("neo4j/nodes.csv", "neo4j/edges.csv"))])
def test_exports_csv_writes_two_files_with_neo4j_headers(sample_graph, tmp_path, out, files):
    exporters.export(sample_graph, "csv", tmp_path / out)
    nodes, edges = (tmp_path / f for f in files)
    assert csv_paths(tmp_path / out) == (nodes, edges)
    assert nodes.read_text(encoding="utf-8").splitlines()[0] == (
        "iri:ID,:LABEL,key,label,type,wikidata,aliases:string[],articles:string[],place,date")
    assert edges.read_text(encoding="utf-8").splitlines()[0] == (
        ":START_ID,:END_ID,:TYPE,id,type,modality,date,place,role,evidence,confidence:float,rule,article,"
        "plover,plover_mode,cameo,trigger")
    assert f"{iri('person/donald-trump')},{iri('person/vladimir-putin')},SPOKE_WITH,sample#1," in edges.read_text()


def test_exports_contract_json_of_one_article(sample_graph, tmp_path):
    path = exporters.export(sample_graph, "contract-json", tmp_path / "c.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert set(doc) == {"article", "entities", "relations"}
    assert doc["article"] == {"id": "sample", "title": "AS-Rusia Kemungkinan Bentuk Koalisi Antiteroris",
                              "language": "id", "published": "2017-01-31", "source": "sample.txt"}
    ids = {e["id"] for e in doc["entities"]}
    assert "person/donald-trump" in ids
    assert all(set(e) == {"id", "label", "type", "wikidata", "aliases", "iri"} for e in doc["entities"])
    for rel in doc["relations"]:
        assert set(rel) == {"type", "source", "target", "modality", "date", "place", "role", "evidence",
                            "confidence", "rule", "plover", "plover_mode", "cameo"}
        assert rel["source"] in ids and rel["target"] in ids
    assert doc["relations"][0] == {
        "type": "spoke-with", "source": "person/donald-trump", "target": "person/vladimir-putin",
        "modality": "asserted", "date": "2017-01-28", "place": None, "role": None,
        "evidence": sample_graph.edges[iri("person/donald-trump"), iri("person/vladimir-putin"),
                                       "sample#1"]["evidence"],
        "confidence": 0.9, "rule": "pair-trigger", "plover": "CONSULT", "plover_mode": "phone", "cameo": "04"}
    assert doc["relations"][1]["place"] == "event/g20-summit-2017"


def test_exports_contract_json_of_several_articles(sample_graph):
    add_extraction(sample_graph, other_article())
    doc = to_contract(sample_graph)
    assert list(doc) == ["articles"]
    assert [a["article"]["id"] for a in doc["articles"]] == ["other", "sample"]
    other = doc["articles"][0]
    assert {e["id"] for e in other["entities"]} == {"person/donald-trump", "person/kim-jong-un", "place/singapore"}
    assert [r["type"] for r in other["relations"]] == ["met-with"]


# --- atomic writes -----------------------------------------------------------------------

ATOMIC_FORMATS = sorted(n for n in exporters.exporters() if n != "html")


def written_files(name, path):
    return list(csv_paths(path)) if name == "csv" else [path]


@pytest.mark.parametrize("name", ATOMIC_FORMATS)
def test_exports_failing_write_keeps_the_old_file_and_leaves_no_partial_one(sample_graph, tmp_path,
                                                                          monkeypatch, name):
    path = tmp_path / ("out" + exporters.get(name).suffix)
    for f in written_files(name, path):
        f.write_text("old content\n", encoding="utf-8")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.atomic.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        exporters.export(sample_graph, name, path)
    for f in written_files(name, path):
        assert f.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.name for f in written_files(name, path))


@pytest.mark.parametrize("name", ["turtle", "trig", "nquads"])
def test_exports_failure_half_way_through_the_quads_keeps_the_old_file(sample_graph, tmp_path,
                                                                      monkeypatch, name):
    path = tmp_path / ("out" + exporters.get(name).suffix)
    path.write_text("old content\n", encoding="utf-8")
    real = rdf._edge_quads

    def broken(*args, **kwargs):
        for n, quad in enumerate(real(*args, **kwargs)):
            if n == 5:
                raise RuntimeError("extractor bug")
            yield quad

    monkeypatch.setattr(rdf, "_edge_quads", broken)
    with pytest.raises(RuntimeError, match="extractor bug"):
        exporters.export(sample_graph, name, path)
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_exports_unexpressible_graph_fails_before_replacing_the_old_file(sample_graph, tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text("old content\n", encoding="utf-8")
    u, v, k = next(iter(sample_graph.edges(keys=True)))
    sample_graph.edges[u, v, k]["date"] = "yesterday"
    with pytest.raises(GraphError, match="is not an ISO date"):
        exporters.export(sample_graph, "turtle", path)
    assert path.read_text(encoding="utf-8") == "old content\n"


# --- kg export -----------------------------------------------------------------------------

def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def graph_json(sample_graph, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exporters.export(sample_graph, "graph-json", tmp_path / "graph.json")
    return "graph.json"


@pytest.mark.parametrize("name", sorted([*RDF_FORMATS, "graphml", "gexf"]))
def test_exports_cli_export_converts_and_reads_back(graph_json, sample_graph, name):
    out = "out" + exporters.get(name).suffix
    r = run("export", graph_json, "--format", name, "--out", out)
    assert r.exit_code == 0, r.stderr
    assert r.stderr.strip() == f"graph.json -> {out} ({name}: 8 nodes, 7 edges)"
    back = exporters.load_graph(out)
    assert (back.number_of_nodes(), back.number_of_edges()) == (8, 7)
    # and from that file on to another format
    r = run("export", out, "--format", "graph-json", "--out", "again.json")
    assert r.exit_code == 0, r.stderr


def test_exports_cli_export_guesses_the_format_from_the_suffix(graph_json):
    r = run("export", graph_json, "--out", "g.trig")
    assert r.exit_code == 0
    assert r.stderr.strip() == "graph.json -> g.trig (trig: 8 nodes, 7 edges)"


def test_exports_cli_export_csv_names_every_file(graph_json):
    r = run("export", graph_json, "-f", "csv", "-o", "neo.csv")
    assert r.exit_code == 0
    assert r.stderr.strip() == ("graph.json -> neo-nodes.csv, neo-edges.csv and neo-articles.csv "
                                "(csv: 8 nodes, 7 edges)")


def known() -> str:
    return ", ".join(sorted(exporters.exporters()))


@pytest.mark.parametrize("args, expected", [
    (["graph.json", "--format", "nope", "--out", "x.ttl"],
     "Error: [E130] unknown format 'nope' (known: {known})"),
    (["graph.json", "--out", "x.xyz"],
     "Error: [E130] cannot tell the format of x.xyz from its suffix; give --format (known: {known})"),
    (["missing.json", "--format", "turtle", "--out", "x.ttl"],
     "Error: [E140] missing.json: no such graph file"),
    (["missing.ttl", "--format", "turtle", "--out", "x.ttl"],
     "Error: [E140] missing.ttl: no such graph file"),
    (["graph.txt", "--format", "turtle", "--out", "x.ttl"],
     "Error: [E130] graph.txt: cannot read a graph from a .txt file "
     "(known: .gexf, .graphml, .json, .json-ld, .jsonld, .nq, .nt, .owl, .rdf, .trig, .ttl, .xml)"),
])
def test_exports_cli_export_errors_are_one_line(graph_json, args, expected):
    r = run("export", *args)
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [expected.format(known=known())]
    assert r.stdout == ""
    assert not any(p.name.startswith("x.") for p in Path(".").iterdir())


def test_exports_cli_export_of_invalid_rdf_is_one_line(graph_json):
    with open("bad.ttl", "w", encoding="utf-8") as fh:
        fh.write("<a> <b> .\n")
    r = run("export", "bad.ttl", "--format", "graphml", "--out", "x.graphml")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: [E140] bad.ttl: not valid turtle (")
    assert len(r.stderr.splitlines()) == 1


def test_exports_cli_export_and_validate_have_help_with_an_example():
    for command in ("export", "validate"):
        r = run(command, "--help")
        assert r.exit_code == 0
        assert "Example: kg " + command in r.stdout
