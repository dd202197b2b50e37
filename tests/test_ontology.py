"""The ontology is the source of truth: it loads, the code mirrors it, the code emits
only terms it declares, and its OWL RL closure gives the symmetric relations."""
from __future__ import annotations

import json
from datetime import date

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.graph import rdf
from kg.graph.network import build_graph
from kg.model import MODALITIES, RELATION_TYPES, ROLES, SYMMETRIC, Article, Entity, Extraction, Relation
from kg.graph.namespace import CAMEO, DK, PLOVER
from kg.resources import ontology_dir

from conftest import SEED, sample_extraction

DK_NS = str(DK)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "dipkg.ttl", format="turtle")


def declared(ontology: Graph, namespace: str = DK_NS) -> set[str]:
    return {str(s) for s in ontology.subjects(RDF.type, None) if str(s).startswith(namespace)}


def test_ontology_loads_in_rdflib(ontology):
    assert (URIRef("https://w3id.org/dipkg/ontology"), RDF.type, OWL.Ontology) in ontology
    for cls in ("Person", "Country", "Organization", "Event", "Place", "Group"):
        assert (DK[cls], RDF.type, OWL.Class) in ontology


def test_ontology_namespace_mirrors_every_declared_term(ontology):
    mirrored = {str(DK[name]) for name in DK.__annotations__}
    assert mirrored == declared(ontology)


def test_ontology_namespace_raises_on_misspelled_term():
    with pytest.raises(AttributeError):
        DK.spokewith  # noqa: B018


def test_ontology_declares_every_term_the_code_emits(ontology, sample_graph):
    ds = rdf.to_dataset(sample_graph)
    used = {str(t) for q in ds.quads((None, None, None, None)) for t in q[:3] if str(t).startswith(DK_NS)}
    assert used, "the sample graph should use dk: terms"
    assert used - declared(ontology) == set()


def test_ontology_declares_every_term_of_the_jsonld_context(ontology):
    context = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    terms = set()
    for value in context.values():
        iri = value["@id"] if isinstance(value, dict) else value
        if iri.startswith("dk:"):
            terms.add(DK_NS + iri[3:])
    assert terms and terms - declared(ontology) == set()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_ontology_labels_every_term_in_english_and_indonesian(ontology, lang):
    missing = [t for t in sorted(declared(ontology))
               if not any(getattr(o, "language", None) == lang for o in ontology.objects(URIRef(t), RDFS.label))]
    assert missing == []


@pytest.mark.parametrize("lang", ["en", "id"])
def test_ontology_comments_classes_and_properties_in_english_and_indonesian(ontology, lang):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {s for k in kinds for s in ontology.subjects(RDF.type, k) if str(s).startswith(DK_NS)}
    missing = [t for t in sorted(terms)
               if not any(getattr(o, "language", None) == lang for o in ontology.objects(t, RDFS.comment))]
    assert missing == []


@pytest.mark.parametrize("type_", RELATION_TYPES)
def test_ontology_relation_property_matches_the_model(ontology, type_):
    prop = URIRef(rdf.PREDICATE[type_])
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert ((prop, RDF.type, OWL.SymmetricProperty) in ontology) == (type_ in SYMMETRIC)
    assert (prop, SKOS.notation, Literal(type_)) in ontology


@pytest.mark.parametrize("type_", [t for t in RELATION_TYPES if t != "holds-role"])
def test_ontology_maps_relation_types_to_cameo_and_plover(ontology, type_):
    prop = URIRef(rdf.PREDICATE[type_])
    mapped = {o for p in (SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch, SKOS.exactMatch)
              for o in ontology.objects(prop, p)}
    cameo = {o for o in mapped if str(o).startswith(str(CAMEO))}
    plover = {o for o in mapped if str(o).startswith(str(PLOVER))}
    assert cameo and plover
    for concept in cameo | plover:  # every target is a declared concept with its code
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert ontology.value(concept, SKOS.notation) is not None


@pytest.mark.parametrize("type_, code", [("spoke-with", "041"), ("met-at", "042"), ("met-at", "043"),
                                         ("met-at", "044"), ("ally-of", "05"), ("ally-of", "06"),
                                         ("opposes", "11"), ("opposes", "17")])
def test_ontology_cameo_codes_of_the_issue(ontology, type_, code):
    prop = URIRef(rdf.PREDICATE[type_])
    assert CAMEO[code] in set(ontology.objects(prop, None))


def test_ontology_planned_meetings_map_to_cameo_036_and_plover_agree(ontology):
    assert set(ontology.objects(DK.PlannedMeeting, SKOS.closeMatch)) == {CAMEO["036"], PLOVER.AGREE}
    assert set(ontology.objects(DK.PlannedMeeting, DK.forModality)) == {DK.Planned, DK.Possible}


@pytest.mark.parametrize("table, values, cls", [(rdf.MODALITY, MODALITIES, DK.Modality),
                                                (rdf.ROLE, ROLES, DK.Role)])
def test_ontology_declares_every_modality_and_role(ontology, table, values, cls):
    for value in values:
        term = URIRef(table[value])
        assert (term, RDF.type, cls) in ontology
        assert (term, SKOS.notation, Literal(value)) in ontology


def test_ontology_aligns_with_standard_vocabularies(ontology):
    text = (ontology_dir() / "dipkg.ttl").read_text(encoding="utf-8")
    for ns in ("https://schema.org/", "http://xmlns.com/foaf/0.1/", "http://www.w3.org/ns/prov#",
               "http://www.w3.org/2006/time#", "http://semanticweb.cs.vu.nl/2009/11/sem/",
               "http://www.wikidata.org/entity/", "http://www.wikidata.org/prop/direct/"):
        assert any(str(o).startswith(ns) for o in ontology.objects()), ns
    assert (DK.holdsRole, SKOS.closeMatch, URIRef("http://www.wikidata.org/prop/direct/P39")) in ontology
    assert (DK.allyOf, SKOS.broadMatch, URIRef("http://www.wikidata.org/prop/direct/P530")) in ontology
    assert "cameo:" in text and "plover:" in text


def test_ontology_shapes_and_context_load():
    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    assert len(shapes) > 50
    json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))


def _symmetric_extraction() -> Extraction:
    """The sample plus asserted ally-of and met-with, so all three symmetric types occur."""
    ex = sample_extraction()
    extra = (Relation("ally-of", "country/ru", "country/us", "asserted", evidence="…", confidence=0.6, rule="t"),
             Relation("met-with", "person/vladimir-putin", "person/donald-trump", "asserted", "2017-07-07",
                      evidence="…", confidence=0.8, rule="t"))
    return Extraction(ex.article, ex.entities, ex.relations + extra)


def _seed_extraction() -> Extraction:
    pipeline = pytest.importorskip("kg.extract.pipeline", reason="the extraction pipeline is not there yet")
    return pipeline.extract_file(SEED, published=date(2017, 1, 31), language="id")


@pytest.mark.parametrize("make", [_symmetric_extraction, _seed_extraction], ids=["sample", "seed"])
def test_ontology_owlrl_closure_adds_symmetric_inverses(ontology, make):
    owlrl = pytest.importorskip("owlrl")
    data = rdf.to_graph(build_graph([make()]))
    symmetric = [URIRef(rdf.PREDICATE[t]) for t in sorted(SYMMETRIC)]
    direct = [(s, p, o) for p in symmetric for s, o in data.subject_objects(p)]
    if make is _symmetric_extraction:
        assert {p for _, p, _ in direct} == set(symmetric)
    closure = Graph()
    for t in data:
        closure.add(t)
    for t in ontology:
        closure.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    missing = [(o, p, s) for s, p, o in direct if (o, p, s) not in closure]
    assert missing == []
    assert all((o, p, s) not in data for s, p, o in direct if s != o), "inverses are inferred, not written"


def test_ontology_reaches_the_wheel_through_resources():
    assert (ontology_dir() / "dipkg.ttl").is_file()
    assert (ontology_dir() / "shapes.ttl").is_file()
    assert (ontology_dir() / "context.jsonld").is_file()


def test_ontology_article_model_fixture_is_seed_like():
    # guards the fixture this file's closure test extends
    ex = sample_extraction()
    assert isinstance(ex.article, Article) and all(isinstance(e, Entity) for e in ex.entities)
