"""Shared fixtures."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.graph.network import build_graph
from kg.model import Article, Entity, Extraction, Relation

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "examples" / "rbth-2017-as-rusia-koalisi-antiteroris.txt"
SEED_GOLD = DATA / "seed.gold.json"


def sample_extraction() -> Extraction:
    """A small hand-made extraction in the shape the pipeline produces (seed-like).

    Stage tests that must not depend on extraction quality use this one.
    """
    art = Article(id="sample", text="…", language="id", published=date(2017, 1, 31),
                  title="AS-Rusia Kemungkinan Bentuk Koalisi Antiteroris", source="sample.txt")
    ents = (
        Entity("person/donald-trump", "Person", "Donald Trump", "Q22686", ("Trump", "Presiden AS Donald Trump")),
        Entity("person/vladimir-putin", "Person", "Vladimir Putin", "Q7747", ("Putin",)),
        Entity("person/walid-phares", "Person", "Walid Phares", None, ("Phares",)),
        Entity("country/us", "Country", "United States", "Q30", ("AS",)),
        Entity("country/ru", "Country", "Russia", "Q159", ("Rusia",)),
        Entity("org/isis", "Organization", "Islamic State", "Q2429253", ("ISIS",)),
        Entity("place/hamburg", "Place", "Hamburg", "Q1055", ()),
        Entity("event/g20-summit-2017", "Event", "2017 G20 Hamburg summit", None, ("KTT G20 di Hamburg",),
               (("place", "place/hamburg"), ("date", "2017-07-07"))),
    )
    rels = (
        Relation("spoke-with", "person/donald-trump", "person/vladimir-putin", "asserted", "2017-01-28",
                 evidence="Presiden Putin dan Presiden Trump pun telah mendiskusikan upaya antiteror "
                          "dalam percakapan telepon pertama mereka pada Sabtu (28/1) lalu.",
                 sentence=9, confidence=0.9, rule="pair-trigger",
                 trigger="mendiskusikan", plover="CONSULT", plover_mode="phone", cameo="04"),
        Relation("met-with", "person/donald-trump", "person/vladimir-putin", "possible", "2017-07-07",
                 place="event/g20-summit-2017", evidence="… Putin dan Trump mungkin akan bertemu di KTT G20 …",
                 sentence=10, confidence=0.7, rule="pair-trigger",
                 trigger="bertemu", plover="AGREE", cameo="03"),
        Relation("met-at", "person/donald-trump", "event/g20-summit-2017", "possible", "2017-07-07",
                 evidence="… bertemu di KTT G20 …", sentence=10, confidence=0.7, rule="venue",
                 trigger="bertemu", plover="AGREE", cameo="03"),
        Relation("ally-of", "country/us", "country/ru", "possible", None,
                 evidence="AS-Rusia Kemungkinan Bentuk Koalisi Antiteroris", sentence=0, confidence=0.6,
                 rule="pair-trigger", trigger="Koalisi", plover="COOPERATE", cameo="05"),
        Relation("opposes", "person/donald-trump", "org/isis", "asserted", None,
                 evidence="… perlawanan terhadap organisasi teroris ISIS.", sentence=8, confidence=0.7,
                 rule="subject-trigger-object", trigger="perlawanan", plover="ACCUSE", cameo="11"),
        Relation("holds-role", "person/donald-trump", "country/us", "asserted", None, role="head-of-state",
                 evidence="Presiden AS Donald Trump …", sentence=1, confidence=0.95, rule="title"),
        Relation("holds-role", "person/walid-phares", "person/donald-trump", "asserted", None, role="advisor",
                 evidence="… ujar sang penasihat, Walid Phares, kepada Sputnik.", sentence=6, confidence=0.8,
                 rule="apposition"),
    )
    return Extraction(art, ents, rels)


def sample_statement(type_: str, modality: str = "asserted", role: str | None = None,
                     target: str | None = None) -> str:
    """The statement IRI of the relation of `sample_extraction()` with that type and modality."""
    from kg.graph.rdf import statement_iri
    from kg.model import iri
    rel = next(r for r in sample_extraction().relations
               if r.type == type_ and r.modality == modality and (role is None or r.role == role))
    return statement_iri("sample", rel.type, iri(rel.source), target or iri(rel.target), role,
                         rel.modality, rel.date, rel.evidence)


@pytest.fixture
def sample_graph():
    """A networkx graph built from `sample_extraction()`."""
    return build_graph([sample_extraction()])


@pytest.fixture(scope="session")
def seed_extraction():
    """The bundled example article, extracted by the real pipeline."""
    from kg.extract.pipeline import extract_file
    return extract_file(SEED)


@pytest.fixture
def seed_graph(seed_extraction):
    """The graph of the bundled example article (a fresh copy per test)."""
    return build_graph([seed_extraction])
