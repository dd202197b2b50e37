"""The `dk:` vocabulary as Python names, mirroring `ontology/dipkg.ttl`.

`DK.spokeWith` is the IRI of the property; a misspelled term (`DK.spokewith`) raises
AttributeError instead of minting an IRI the ontology does not declare.
`tests/test_ontology.py` keeps this class and the ontology file in step.
"""
from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace


class DK(DefinedNamespace):
    """https://w3id.org/dipkg/ontology# (see ontology/README.md for the RDF model)."""

    _NS = Namespace("https://w3id.org/dipkg/ontology#")
    _fail = True

    # Classes
    Actor: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Group: URIRef
    Event: URIRef
    Place: URIRef
    Article: URIRef
    Statement: URIRef
    Modality: URIRef
    Role: URIRef

    # The six relations (direct triples)
    allyOf: URIRef
    spokeWith: URIRef
    metWith: URIRef
    metAt: URIRef
    opposes: URIRef
    holdsRole: URIRef

    # Statement qualifiers
    subject: URIRef
    predicate: URIRef
    object: URIRef
    modality: URIRef
    date: URIRef
    place: URIRef
    role: URIRef
    evidence: URIRef
    confidence: URIRef
    extractionRule: URIRef
    ploverCategory: URIRef
    ploverMode: URIRef
    cameoCode: URIRef
    triggerText: URIRef

    # Node and article descriptions
    wikidataId: URIRef
    sourceFile: URIRef
    mentions: URIRef

    # Modalities
    Modalities: URIRef
    Asserted: URIRef
    Possible: URIRef
    Planned: URIRef
    Conditional: URIRef
    Negated: URIRef

    # Roles
    Roles: URIRef
    HeadOfState: URIRef
    HeadOfGovernment: URIRef
    ForeignMinister: URIRef
    Minister: URIRef
    Spokesperson: URIRef
    Advisor: URIRef
    Ambassador: URIRef
    SecretaryGeneral: URIRef
    Official: URIRef
    Member: URIRef

    # Concept schemes and the CAMEO / PLOVER mapping
    RelationTypes: URIRef
    CAMEO: URIRef
    PLOVER: URIRef
    PlannedMeeting: URIRef
    forPredicate: URIRef
    forModality: URIRef


# Event-coding concepts minted in the ontology (their codes start with digits, so a plain
# Namespace: `CAMEO["041"]`).
CAMEO = Namespace("https://w3id.org/dipkg/cameo/")
PLOVER = Namespace("https://w3id.org/dipkg/plover/")

# The other namespaces of the RDF model.
RES = Namespace("https://w3id.org/dipkg/resource/")
ARTICLE = Namespace("https://w3id.org/dipkg/article/")
STATEMENT = Namespace("https://w3id.org/dipkg/statement/")
WD = Namespace("http://www.wikidata.org/entity/")
