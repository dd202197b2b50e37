"""SHACL validation (ontology/shapes.ttl): good graphs conform, each kind of breakage is
reported in one readable line, and `kg validate` exits 1 on a violation."""
from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV
from typer.testing import CliRunner

import kg.cli.commands  # noqa: F401  (registers the commands)
from kg import exporters
from kg.graph import rdf
from kg.cli import app
from kg.graph.network import build_graph, iri
from kg.graph.namespace import DK

from conftest import ROOT, SEED, sample_statement

runner = CliRunner()

TRUMP, PUTIN, US = (URIRef(iri(k)) for k in ("person/donald-trump", "person/vladimir-putin", "country/us"))
SPOKE = URIRef(sample_statement("spoke-with"))
MET = URIRef(sample_statement("met-with", "possible"))
ROLE = URIRef(sample_statement("holds-role", role="head-of-state"))
SPOKE_ID, MET_ID, ROLE_ID = (f"stmt:{s.rsplit('/', 1)[1]}" for s in (SPOKE, MET, ROLE))

BROKEN = """\
@prefix dk: <https://w3id.org/dipkg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix person: <https://w3id.org/dipkg/resource/person/> .
@prefix country: <https://w3id.org/dipkg/resource/country/> .
@prefix stmt: <https://w3id.org/dipkg/statement/> .

<https://w3id.org/dipkg/article/a> a dk:Article ; dcterms:language "id" .
person:a a dk:Person ; rdfs:label "A" ; dk:wikidataId "Q1" .
country:b a dk:Country, dk:Person ; rdfs:label "B", "Bee" .
person:a dk:spokeWith country:b .
stmt:1 a dk:Statement ; dk:subject person:a ; dk:predicate dk:metWith ; dk:object country:b ;
    dk:modality dk:Asserted ; dk:date "28 Jan" ; dk:confidence 1.5 ;
    dk:ploverCategory "CONSULT" ; dk:cameoCode "04" ;
    prov:wasDerivedFrom <https://w3id.org/dipkg/article/a> .
"""

BROKEN_REPORT = [
    "Violation: country:b rdf:type: a node has exactly one of the types dk:Person, dk:Country, dk:Organization, "
    "dk:Group, dk:Event, dk:Place",
    "Violation: country:b rdfs:label: a node has exactly one label, a plain string",
    "Violation: person:a: direct triple person:a dk:spokeWith country:b without an asserted dk:Statement",
    "Violation: person:a: dk:wikidataId Q1 without the matching owl:sameAs wd:Q1",
    "Violation: stmt:1: asserted statement without its direct triple person:a dk:metWith country:b",
    'Violation: stmt:1 dk:confidence: a statement has exactly one dk:confidence, an xsd:decimal from 0 to 1 '
    '(value: "1.5")',
    'Violation: stmt:1 dk:date: a statement has at most one dk:date, an xsd:date (or xsd:gYearMonth, xsd:gYear) '
    '(value: "28 Jan")',
]


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def violations(results) -> list[str]:
    return [str(r) for r in results if r.severity == "Violation"]


def test_validate_sample_graph_conforms(sample_graph):
    assert rdf.validate(sample_graph) == []


@pytest.mark.parametrize("name", ["turtle", "trig", "nquads", "jsonld", "rdfxml", "graph-json"])
def test_validate_cli_accepts_every_format_of_a_good_graph(sample_graph, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    out = "graph" + exporters.get(name).suffix
    exporters.export(sample_graph, name, out)
    r = run("validate", out)
    assert r.exit_code == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [f"{out}: conforms"]


def test_validate_cli_reports_each_violation_and_exits_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.ttl").write_text(BROKEN, encoding="utf-8")
    r = run("validate", "broken.ttl")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == BROKEN_REPORT
    assert r.stderr.splitlines() == ["Error: [E160] broken.ttl: 7 violations of the shapes"]


@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_validate_cli_refuses_non_rdf_formats(sample_graph, tmp_path, monkeypatch, name):
    """Issue 10: GraphML and GEXF carry no RDF to check; one clear line, not 46 violations."""
    monkeypatch.chdir(tmp_path)
    out = "graph" + exporters.get(name).suffix
    exporters.export(sample_graph, name, out)
    r = run("validate", out)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.splitlines() == [f"Error: [E130] {out}: kg validate checks RDF and graph.json only, not "
                                     f".{name} files (convert first: kg export {out} --format turtle --out graph.ttl)"]


def test_validate_cli_missing_file_is_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("validate", "nope.ttl")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == ["Error: [E140] nope.ttl: no such graph file"]


def test_validate_exports_graph_ttl_exits_0():
    path = ROOT / "exports" / "graph.ttl"
    if not path.is_file():
        pytest.skip("exports/graph.ttl is not built yet (kg build examples/ --out exports/)")
    r = run("validate", path)
    assert r.exit_code == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[-1].startswith(f"{path}: conforms")


def _drop(g, s, p, o=None):
    g.remove((s, p, o))


def _set(g, s, p, o):
    g.set((s, p, o))


BREAKAGES = {
    "asserted-without-direct-triple": (
        lambda g: _drop(g, TRUMP, DK.spokeWith, PUTIN),
        f"Violation: {SPOKE_ID}: asserted statement without its direct triple "
        "person:donald-trump dk:spokeWith person:vladimir-putin"),
    "direct-triple-of-a-possible-relation": (
        lambda g: g.add((TRUMP, DK.metWith, PUTIN)),
        "Violation: person:donald-trump: direct triple person:donald-trump dk:metWith person:vladimir-putin "
        "without an asserted dk:Statement"),
    "confidence-out-of-range": (
        lambda g: _set(g, SPOKE, DK.confidence, Literal(Decimal("1.5"))),
        f"Violation: {SPOKE_ID} dk:confidence: a statement has exactly one dk:confidence, an xsd:decimal "
        'from 0 to 1 (value: "1.5")'),
    "date-not-a-date": (
        lambda g: _set(g, SPOKE, DK.date, Literal("Sabtu (28/1)")),
        f"Violation: {SPOKE_ID} dk:date: a statement has at most one dk:date, an xsd:date "
        '(or xsd:gYearMonth, xsd:gYear) (value: "Sabtu (28/1)")'),
    "no-modality": (
        lambda g: _drop(g, MET, DK.modality),
        f"Violation: {MET_ID} dk:modality: a statement has exactly one dk:modality, one of dk:Asserted, "
        "dk:Possible, dk:Planned, dk:Conditional, dk:Negated"),
    "unknown-modality": (
        lambda g: _set(g, MET, DK.modality, URIRef(str(DK) + "Rumoured")),
        f"Violation: {MET_ID} dk:modality: a statement has exactly one dk:modality, one of dk:Asserted, "
        "dk:Possible, dk:Planned, dk:Conditional, dk:Negated (value: dk:Rumoured)"),
    "role-on-spoke-with": (
        lambda g: g.add((SPOKE, DK.role, DK.Advisor)),
        f"Violation: {SPOKE_ID}: dk:role dk:Advisor on a dk:spokeWith statement (roles belong to dk:holdsRole)"),
    "holds-role-by-a-country": (
        lambda g: (_set(g, ROLE, DK.subject, US), g.add((US, DK.holdsRole, US))),
        f"Violation: {ROLE_ID}: dk:holdsRole needs a person as subject, not country:us"),
    "no-source-article": (
        lambda g: _drop(g, SPOKE, PROV.wasDerivedFrom),
        f"Violation: {SPOKE_ID} prov:wasDerivedFrom: a statement is prov:wasDerivedFrom exactly one dk:Article"),
    # issue 14: every event statement carries its PLOVER category and CAMEO root code
    "no-plover-category": (
        lambda g: _drop(g, SPOKE, DK.ploverCategory),
        f"Violation: {SPOKE_ID} dk:ploverCategory: an event statement has exactly one dk:ploverCategory, "
        "a PLOVER event category"),
    "not-a-plover-category": (
        lambda g: _set(g, MET, DK.ploverCategory, Literal("MEET")),
        f"Violation: {MET_ID} dk:ploverCategory: an event statement has exactly one dk:ploverCategory, "
        'a PLOVER event category (value: "MEET")'),
    "cameo-not-a-root-code": (
        lambda g: _set(g, SPOKE, DK.cameoCode, Literal("041")),
        f"Violation: {SPOKE_ID} dk:cameoCode: an event statement has exactly one dk:cameoCode, "
        'a CAMEO root code 01-20 (value: "041")'),
    "same-as-not-wikidata": (
        lambda g: g.add((TRUMP, OWL.sameAs, URIRef("https://dbpedia.org/resource/Donald_Trump"))),
        "Violation: person:donald-trump owl:sameAs: owl:sameAs points to a Wikidata entity (wd:Q…) "
        "(value: <https://dbpedia.org/resource/Donald_Trump>)"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_validate_reports_the_breakage_in_one_line(sample_graph, tmp_path, breakage):
    g = rdf.to_graph(sample_graph)
    change, expected = BREAKAGES[breakage]
    change(g)
    g.serialize(tmp_path / "g.ttl", format="turtle")
    found = violations(rdf.validate_file(tmp_path / "g.ttl"))
    assert expected in found, "\n".join(found)


def test_validate_met_at_a_person_is_a_violation(sample_graph):
    u, v, k = next((u, v, k) for u, v, k, t in sample_graph.edges(keys=True, data="type") if t == "met-at")
    data = dict(sample_graph.edges[u, v, k])
    sample_graph.remove_edge(u, v, k)
    sample_graph.add_edge(u, iri("person/vladimir-putin"), key=k, **{**data, "modality": "asserted"})
    st = rdf.edge_statement_iri("sample", u, iri("person/vladimir-putin"), {**data, "modality": "asserted"})
    assert violations(rdf.validate(sample_graph)) == [
        f"Violation: stmt:{st.rsplit('/', 1)[1]}: dk:metAt needs an event, place or country as object, "
        "not person:vladimir-putin in article:sample"]


def test_validate_holds_role_without_role_is_only_a_warning(sample_graph, tmp_path, monkeypatch):
    for u, v, k, d in sample_graph.edges(keys=True, data=True):
        if d["type"] == "holds-role" and d["role"] == "advisor":
            d["role"] = None
    monkeypatch.chdir(tmp_path)
    exporters.export(sample_graph, "trig", "g.trig")
    r = run("validate", "g.trig")
    assert r.exit_code == 0
    [warning, summary] = r.stdout.splitlines()
    assert warning.startswith("Warning: stmt:") and warning.endswith(
        ": dk:holdsRole statement without a dk:role in article:sample")
    assert summary == "g.trig: conforms (1 warning)"


ARTICLES = sorted([SEED, *(ROOT / "tests" / "data" / "devset").glob("*.txt")], key=lambda p: p.name)


@pytest.mark.parametrize("article", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_validate_built_graph_of_every_test_article_conforms(article):
    pipeline = pytest.importorskip("kg.extract.pipeline", reason="the extraction pipeline is not there yet")
    g = build_graph([pipeline.extract_file(article)])
    assert violations(rdf.validate(g)) == []
