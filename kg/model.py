"""The typed data model that flows through the pipeline.

article -> sentences -> mentions -> entities -> relations -> graph.  Every value is a
frozen dataclass carrying offsets and its source, so each edge can show its evidence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

ENTITY_TYPES = ("Person", "Country", "Organization", "Event", "Place", "Group")
RELATION_TYPES = ("ally-of", "spoke-with", "met-with", "met-at", "opposes", "holds-role")
SYMMETRIC = frozenset({"ally-of", "spoke-with", "met-with"})
MODALITIES = ("asserted", "possible", "planned", "conditional", "negated")
ROLES = ("head-of-state", "head-of-government", "foreign-minister", "minister",
         "spokesperson", "advisor", "ambassador", "secretary-general", "official", "member")


@dataclass(frozen=True)
class Article:
    id: str                 # stable id (kg.extract.identity); names the article's graph
    text: str
    language: str
    published: date | None = None
    title: str = ""
    source: str = ""        # path or URL it was read from
    url: str | None = None  # the page's canonical URL, when the input has one
    notes: tuple[str, ...] = ()  # warnings about the input (no date, language guessed)


class Token(NamedTuple):
    """A token of a sentence and its character offsets in the article (a tuple: cheap to make)."""
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class Mention:
    """A span of a sentence that names or refers to an actor (or a role or date)."""
    sentence: int
    start: int              # token offsets inside the sentence, end exclusive
    end: int
    text: str
    kind: str               # "actor", "person-name", "role", "event", "group", "ref"
    key: str | None = None  # knowledge-base key once known
    type: str | None = None
    data: tuple = ()        # kind-specific extras as (name, value) pairs

    def get(self, name: str, default=None):
        for k, v in self.data:
            if k == name:
                return v
        return default


@dataclass(frozen=True)
class Entity:
    key: str                # e.g. "country/us", "person/walid-phares"; the IRI suffix
    type: str
    label: str
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    attrs: tuple = ()       # (name, value) pairs: place, date for events; country for places


@dataclass(frozen=True)
class Relation:
    type: str
    source: str             # entity keys
    target: str
    modality: str = "asserted"
    date: str | None = None
    place: str | None = None
    role: str | None = None
    evidence: str = ""
    sentence: int = -1
    confidence: float = 0.5
    rule: str = ""
    trigger: str = ""       # the words of the sentence that signal the relation ("expelled", "bertemu")
    plover: str = ""        # PLOVER event category ("CONSULT", "SANCTION"); "" for holds-role (kg.extract.codes)
    plover_mode: str | None = None  # PLOVER mode where the text gives one ("phone", "visit", "expel")
    cameo: str = ""         # CAMEO root code, two digits ("04", "16")

    @property
    def identity(self) -> tuple:
        a, b = self.source, self.target
        if self.type in SYMMETRIC and b < a:
            a, b = b, a
        return (self.type, a, b, self.role if self.type == "holds-role" else None, self.modality)


@dataclass(frozen=True)
class Extraction:
    article: Article
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    warnings: tuple[str, ...] = field(default=())


# Stable IRIs, minted when entities are resolved: node keys of the graph, subjects in RDF.
BASE = "https://w3id.org/dipkg/"
RESOURCE = BASE + "resource/"
ARTICLE = BASE + "article/"
STATEMENT = BASE + "statement/"
# In a store: the descriptions of the actors and the direct relation triples, each once (kg.store.database).
SHARED_GRAPH = BASE + "graph/shared"


def iri(key: str) -> str:
    """The IRI of an entity key such as `country/us` or `person/walid-phares`."""
    return RESOURCE + key


def article_iri(article_id: str) -> str:
    return ARTICLE + article_id
