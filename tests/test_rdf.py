"""The RDF model (ontology/README.md): direct triples and statement nodes, stable IRIs,
one named graph per article, and the way back from RDF to the networkx graph."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDF, XSD

from kg import exporters
from kg.graph import rdf
from kg.errors import FormatError, GraphError
from kg.graph.network import add_extraction, article_iri, build_graph, iri, to_json, write_graph_json
from kg.model import Article, Entity, Extraction, Relation
from kg.graph.namespace import DK

from conftest import ROOT, sample_extraction, sample_statement

TRUMP, PUTIN = iri("person/donald-trump"), iri("person/vladimir-putin")
SAMPLE = URIRef(article_iri("sample"))


def comparable(g: nx.MultiDiGraph) -> dict:
    """graph.json without edge ids (RDF renumbers them), edges in a stable order."""
    doc = to_json(g)
    for e in doc["edges"]:
        e.pop("id")
    doc["edges"].sort(key=lambda e: json.dumps(e, sort_keys=True))
    return doc


def second_article() -> Extraction:
    """Another article that mentions Trump (with a new alias) and reports a new relation."""
    art = Article(id="second", text="…", language="en", published=date(2017, 7, 8),
                  title="Trump and Putin meet in Hamburg", source="second.txt")
    ents = (Entity("person/donald-trump", "Person", "Donald Trump", "Q22686", ("President Trump",)),
            Entity("person/vladimir-putin", "Person", "Vladimir Putin", "Q7747", ("Putin",)),
            Entity("event/g20-summit-2017", "Event", "2017 G20 Hamburg summit", None, ("G20 summit",)))
    rels = (Relation("met-with", "person/vladimir-putin", "person/donald-trump", "asserted", "2017-07-07",
                     place="event/g20-summit-2017", evidence="Trump and Putin met on Friday.",
                     confidence=0.9, rule="pair-trigger"),)
    return Extraction(art, ents, rels)


def test_rdf_statement_iri_is_stable_and_order_free_for_symmetric_types():
    a = rdf.statement_iri("sample", "spoke-with", TRUMP, PUTIN, None, "asserted")
    assert a == rdf.statement_iri("sample", "spoke-with", PUTIN, TRUMP, None, "asserted")
    assert a.startswith("https://w3id.org/dipkg/statement/") and len(a.rsplit("/", 1)[1]) == 16
    assert a != rdf.statement_iri("other", "spoke-with", TRUMP, PUTIN, None, "asserted")
    assert a != rdf.statement_iri("sample", "spoke-with", TRUMP, PUTIN, None, "planned")
    holds = rdf.statement_iri("sample", "holds-role", TRUMP, PUTIN, "advisor", "asserted")
    assert holds != rdf.statement_iri("sample", "holds-role", PUTIN, TRUMP, "advisor", "asserted")


def test_rdf_same_graph_gives_identical_quads_every_run(sample_graph):
    first = list(rdf.iter_quads(sample_graph))
    again = list(rdf.iter_quads(build_graph([sample_extraction()])))
    assert first == again


def test_rdf_direct_triples_only_for_asserted_relations(sample_graph):
    g = rdf.to_graph(sample_graph)
    direct = {(str(s), str(p), str(o)) for s, p, o in g
              if str(p) in rdf.PREDICATE.values() and (s, RDF.type, DK.Statement) not in g}
    asserted = {(u, rdf.PREDICATE[d["type"]], v) for u, v, d in sample_graph.edges(data=True)
                if d["modality"] == "asserted"}
    assert direct == asserted
    assert (URIRef(TRUMP), DK.metWith, URIRef(PUTIN)) not in g  # "possible": statement node only


def test_rdf_statement_node_carries_every_qualifier(sample_graph):
    g = rdf.to_graph(sample_graph)
    st = URIRef(sample_statement("spoke-with"))
    assert g.value(st, RDF.type) == DK.Statement
    assert g.value(st, DK.subject) == URIRef(TRUMP)
    assert g.value(st, DK.predicate) == DK.spokeWith
    assert g.value(st, DK.object) == URIRef(PUTIN)
    assert g.value(st, DK.modality) == DK.Asserted
    assert g.value(st, DK.date) == Literal("2017-01-28", datatype=XSD.date)
    evidence = g.value(st, DK.evidence)
    assert evidence.language == "id" and "percakapan telepon" in evidence
    assert g.value(st, DK.confidence).toPython() == Decimal("0.9")
    assert g.value(st, DK.extractionRule) == Literal("pair-trigger")
    assert g.value(st, PROV.wasDerivedFrom) == SAMPLE
    role = URIRef(sample_statement("holds-role", role="head-of-state"))
    assert g.value(role, DK.role) == DK.HeadOfState
    planned = URIRef(sample_statement("met-with", "possible"))
    assert g.value(planned, DK.place) == URIRef(iri("event/g20-summit-2017"))


def test_rdf_nodes_are_same_as_their_wikidata_entity(sample_graph):
    g = rdf.to_graph(sample_graph)
    assert (URIRef(TRUMP), OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q22686")) in g
    assert g.value(URIRef(TRUMP), DK.wikidataId) == Literal("Q22686")
    assert g.value(URIRef(iri("person/walid-phares")), OWL.sameAs) is None
    event = URIRef(iri("event/g20-summit-2017"))
    assert g.value(event, DK.place) == URIRef(iri("place/hamburg"))
    assert g.value(event, DK.date) == Literal("2017-07-07", datatype=XSD.date)


def test_rdf_one_named_graph_per_article_with_repeated_node_descriptions(sample_graph):
    add_extraction(sample_graph, second_article())
    ds = rdf.to_dataset(sample_graph)
    names = {c.identifier for c in ds.graphs() if len(c)}
    assert names == {SAMPLE, URIRef(article_iri("second"))}
    for name in names:  # each article's graph describes Trump: provenance per article
        assert (URIRef(TRUMP), RDF.type, DK.Person) in ds.graph(name)
    second = ds.graph(URIRef(article_iri("second")))
    assert (URIRef(PUTIN), DK.metWith, URIRef(TRUMP)) in second
    assert (URIRef(PUTIN), DK.metWith, URIRef(TRUMP)) not in ds.graph(SAMPLE)


def test_rdf_article_graph_can_be_replaced(sample_graph):
    both = build_graph([sample_extraction(), second_article()])
    ds = rdf.to_dataset(both)
    ds.remove_graph(ds.graph(URIRef(article_iri("second"))))
    only_sample = rdf.to_dataset(build_graph([sample_extraction()]))
    # node descriptions merge aliases over articles; compare what the sample article states
    kept = {q[:3] for q in ds.quads((None, None, None, SAMPLE))}
    alone = {q[:3] for q in only_sample.quads((None, None, None, SAMPLE))}
    assert {t for t in kept ^ alone if t[1] != URIRef("http://www.w3.org/2004/02/skos/core#altLabel")} == set()


def test_rdf_same_actor_has_the_same_iri_in_every_article():
    g = build_graph([sample_extraction(), second_article()])
    graphs_describing_trump = {q.graph_name.value for q in rdf.iter_quads(g)
                               if q.subject.value == TRUMP and q.predicate.value == str(RDF.type)}
    assert graphs_describing_trump == {article_iri("sample"), article_iri("second")}


@pytest.mark.parametrize("fmt", sorted(rdf.FORMATS))
def test_rdf_from_rdf_rebuilds_the_networkx_graph(sample_graph, tmp_path, fmt):
    add_extraction(sample_graph, second_article())
    path = tmp_path / ("graph" + rdf.FORMATS[fmt][2][0])
    rdf.write_rdf(sample_graph, path, fmt)
    back = exporters.load_graph(path)
    assert comparable(back) == comparable(sample_graph)
    assert {k.split("#")[0] for _, _, k in back.edges(keys=True)} == {"sample", "second"}


def test_rdf_from_dataset_rebuilds_the_networkx_graph(sample_graph):
    assert comparable(rdf.from_dataset(rdf.to_dataset(sample_graph))) == comparable(sample_graph)
    assert comparable(rdf.from_dataset(rdf.to_graph(sample_graph))) == comparable(sample_graph)


def test_rdf_load_graph_reads_graph_json(sample_graph, tmp_path):
    write_graph_json(sample_graph, tmp_path / "graph.json")
    assert to_json(exporters.load_graph(tmp_path / "graph.json")) == to_json(sample_graph)


@pytest.mark.parametrize("name, error, message", [
    ("graph.xyz", FormatError, "cannot read a graph from a .xyz file"),
    ("missing.ttl", GraphError, "no such graph file"),
    ("missing.json", GraphError, "no such graph file"),
])
def test_rdf_load_graph_errors(tmp_path, name, error, message):
    if name.endswith(".xyz"):
        (tmp_path / name).write_text("x")
    with pytest.raises(error, match=message):
        exporters.load_graph(tmp_path / name)


def test_rdf_from_rdf_on_invalid_turtle_is_a_graph_error(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix dk: <https://w3id.org/dipkg/ontology#> .\nthis is not turtle\n")
    with pytest.raises(GraphError, match=r"bad.ttl: not valid turtle"):
        rdf.from_rdf(bad)


@pytest.mark.parametrize("change, message", [
    ({"type": "ally-with"}, "unknown relation type 'ally-with'"),
    ({"modality": "rumoured"}, "unknown modality 'rumoured'"),
    ({"date": "28 Jan 2017"}, "date '28 Jan 2017' is not an ISO date"),
    ({"date": "2017-02-30"}, "date '2017-02-30' is not an ISO date"),
    ({"confidence": "high"}, "confidence 'high' is not a number"),
])
def test_rdf_values_the_ontology_cannot_express_raise(sample_graph, change, message):
    u, v, k = next(iter(sample_graph.edges(keys=True)))
    sample_graph.edges[u, v, k].update(change)
    with pytest.raises(GraphError, match=message):
        list(rdf.iter_quads(sample_graph))


def test_rdf_unknown_node_type_raises(sample_graph):
    sample_graph.nodes[TRUMP]["type"] = "Any"
    with pytest.raises(GraphError, match=r"node .*donald-trump.*unknown type 'Any'"):
        rdf.to_dataset(sample_graph)


def test_rdf_partial_dates_use_year_month_and_year_types(sample_graph):
    edges = list(sample_graph.edges(keys=True))
    sample_graph.edges[edges[0]]["date"] = "2017-01"
    sample_graph.edges[edges[1]]["date"] = "2017"
    g = rdf.to_graph(sample_graph)
    types = {o.datatype for o in g.objects(None, DK.date)}
    assert {XSD.gYearMonth, XSD.gYear, XSD.date} <= types


def test_rdf_the_same_occurrence_twice_gives_one_statement(sample_graph):
    u, v, k, d = next((u, v, k, d) for u, v, k, d in sample_graph.edges(keys=True, data=True)
                      if d["type"] == "spoke-with")
    sample_graph.add_edge(v, u, key="sample#99", **{**d, "confidence": 0.95, "rule": "again"})
    g = rdf.to_graph(sample_graph)
    st = URIRef(rdf.edge_statement_iri("sample", u, v, d))
    assert list(g.objects(st, DK.extractionRule)) == [Literal("again")]


def test_rdf_every_occurrence_is_a_statement_and_the_direct_triple_is_one(sample_graph):
    """Issue 11: two calls between the same leaders on different days are two statements."""
    u, v, k, d = next((u, v, k, d) for u, v, k, d in sample_graph.edges(keys=True, data=True)
                      if d["type"] == "spoke-with")
    sample_graph.add_edge(u, v, key="sample#98", **{**d, "date": "2017-02-03", "evidence": "A second call."})
    sample_graph.add_edge(u, v, key="sample#99", **{**d, "evidence": "The same day, told again."})
    g = rdf.to_graph(sample_graph)
    statements = set(g.subjects(RDF.type, DK.Statement))
    assert len(statements) == sample_graph.number_of_edges()
    spoke = [s for s in statements if g.value(s, DK.predicate) == DK.spokeWith]
    assert len(spoke) == 3 and len(list(g.triples((URIRef(u), DK.spokeWith, URIRef(v))))) == 1
    assert rdf.from_quads(rdf.iter_quads(sample_graph)).number_of_edges() == sample_graph.number_of_edges()


def test_rdf_turtle_uses_readable_prefixes(sample_graph, tmp_path):
    rdf.write_rdf(sample_graph, tmp_path / "g.ttl", "turtle")
    text = (tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert "@prefix person: <https://w3id.org/dipkg/resource/person/> ." in text
    assert "person:donald-trump dk:spokeWith person:vladimir-putin ." in text


# --- the SPARQL acceptance queries -------------------------------------------------------

DIRECT_QUERY = """
PREFIX dk: <https://w3id.org/dipkg/ontology#>
SELECT ?a ?b WHERE {
  ?a dk:spokeWith|^dk:spokeWith ?b .
  FILTER (?a = <https://w3id.org/dipkg/resource/person/donald-trump>)
}"""

STATEMENT_QUERY = """
PREFIX dk: <https://w3id.org/dipkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?date ?modality ?article WHERE {
  ?s a dk:Statement ; dk:predicate dk:spokeWith ;
     dk:subject ?x ; dk:object ?y ; dk:modality ?modality ; prov:wasDerivedFrom ?article .
  FILTER ((?x = <https://w3id.org/dipkg/resource/person/donald-trump>
           && ?y = <https://w3id.org/dipkg/resource/person/vladimir-putin>)
       || (?y = <https://w3id.org/dipkg/resource/person/donald-trump>
           && ?x = <https://w3id.org/dipkg/resource/person/vladimir-putin>))
  OPTIONAL { ?s dk:date ?date }
}"""


@pytest.fixture(params=["sample", "exports"])
def turtle_graph(request, sample_graph, tmp_path) -> Graph:
    if request.param == "exports":
        path = ROOT / "exports" / "graph.ttl"
        if not path.is_file():
            pytest.skip("exports/graph.ttl is not built yet (kg build examples/ --out exports/)")
    else:
        path = tmp_path / "graph.ttl"
        rdf.write_rdf(sample_graph, path, "turtle")
    return Graph().parse(path, format="turtle")


def test_rdf_sparql_on_direct_triples_finds_trump_spoke_with_putin(turtle_graph):
    rows = {(str(a), str(b)) for a, b in turtle_graph.query(DIRECT_QUERY)}
    assert (TRUMP, PUTIN) in rows


def test_rdf_sparql_on_statement_nodes_finds_date_and_modality(turtle_graph):
    rows = list(turtle_graph.query(STATEMENT_QUERY))
    assert (Literal("2017-01-28", datatype=XSD.date), DK.Asserted) in {(r[0], r[1]) for r in rows}
    assert all(str(r[2]).startswith("https://w3id.org/dipkg/article/") for r in rows)


def test_rdf_sparql_with_pyoxigraph_over_named_graphs(sample_graph):
    ox = pytest.importorskip("pyoxigraph")
    store = ox.Store()
    store.extend(rdf.iter_quads(sample_graph))
    rows = list(store.query("""
        PREFIX dk: <https://w3id.org/dipkg/ontology#>
        SELECT ?g WHERE { GRAPH ?g { ?a dk:spokeWith ?b } }"""))
    assert [r["g"].value for r in rows] == [article_iri("sample")]


def test_rdf_to_dataset_is_isomorphic_to_the_parsed_trig(sample_graph, tmp_path):
    rdf.write_rdf(sample_graph, tmp_path / "g.trig", "trig")
    parsed = Dataset()
    parsed.parse(tmp_path / "g.trig", format="trig")
    assert isomorphic(parsed.graph(SAMPLE), rdf.to_dataset(sample_graph).graph(SAMPLE))


def test_rdf_replaced_extraction_changes_only_its_graph(sample_graph):
    ex = sample_extraction()
    changed = Extraction(replace(ex.article, title="New title"), ex.entities, ex.relations)
    g = build_graph([ex, second_article()])
    before = {q for q in rdf.iter_quads(g) if q.graph_name.value == article_iri("second")}
    add_extraction(g, changed)
    after = {q for q in rdf.iter_quads(g) if q.graph_name.value == article_iri("second")}
    assert before == after
