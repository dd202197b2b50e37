"""Validation units: a graph cut into pieces that SHACL can check one at a time.

pyshacl's SPARQL-based shapes cost more than linear time in the size of the graph they
run on (a union graph of 46 articles took minutes; issue 12), but every shape of
ontology/shapes.ttl looks at one article's statements, or one actor, and at the types of
what they point to.  So a graph that holds more than one article (a Turtle file of a
whole corpus) is cut into units:

* one per article: the article, its statements (`prov:wasDerivedFrom` it), the types of
  the actors they name, their direct triples, and, for each direct triple, an asserted
  statement that supports it (possibly another article's: only its presence matters);
* the actors' descriptions once, NODE_CHUNK actors per unit, with the types of what they
  point to;
* the direct relation triples (`person:a dk:metWith person:b`), DIRECT_CHUNK per unit, each
  with the types of its ends and an asserted statement that supports it: a hub's direct
  triples in one unit with all their statements made that unit as big as the corpus;
* the statements that name no single article of the graph, together.

Each unit says which subjects it *owns*; a result about a subject the unit does not own
(a supporting statement of another article, an actor given only by its type) is dropped,
since the unit that owns that subject reports it.  A unit of direct triples owns only the
results of the shape about direct triples (DIRECT_SHAPE), whose focus is the actor.  A
graph with at most one article and at most NODE_CHUNK subjects is one unit, as before.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator

import pyoxigraph as ox

from kg.graph.namespace import DK

NODE_CHUNK = 100        # actors per unit
DIRECT_CHUNK = 25       # direct triples per unit (each comes with a statement of ~12 triples)
WHOLE_UP_TO = 1         # a graph of at most this many articles (and NODE_CHUNK subjects) is one unit

_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
_ARTICLE, _STATEMENT = ox.NamedNode(str(DK.Article)), ox.NamedNode(str(DK.Statement))
_SUBJECT, _PREDICATE, _OBJECT = (ox.NamedNode(str(DK[t])) for t in ("subject", "predicate", "object"))
_MODALITY, _ASSERTED = ox.NamedNode(str(DK.modality)), ox.NamedNode(str(DK.Asserted))

DIRECT_SHAPE = "https://w3id.org/dipkg/shapes#DirectTripleShape"
DIRECT = "direct"       # the `owned` of a unit of direct triples: the results of DIRECT_SHAPE
Unit = tuple[str | None, list[ox.Triple], "set | str | None"]   # (graph, triples, owned subjects; None: all)


def units(quads: Iterable[ox.Quad]) -> Iterator[Unit]:
    """The validation units of every graph of `quads` (named graphs, then the default one)."""
    graphs: dict[str | None, list[ox.Triple]] = defaultdict(list)
    for q in quads:
        graphs[None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value].append(q.triple)
    for name, triples in graphs.items():
        yield from split(name, triples)


def _spo(triples: list[ox.Triple]) -> tuple | None:
    found = {t.predicate: t.object for t in triples if t.predicate in (_SUBJECT, _PREDICATE, _OBJECT)}
    if len(found) < 3 or not isinstance(found[_PREDICATE], ox.NamedNode):
        return None
    return found[_SUBJECT], found[_PREDICATE], found[_OBJECT]


class _Index:
    """The subjects of one graph, sorted into articles, statements and the rest (actors)."""

    def __init__(self, triples: list[ox.Triple]):
        self.by_subject: dict = defaultdict(list)
        for t in triples:
            self.by_subject[t.subject].append(t)
        self.articles, self.statements = [], {}
        for s, ts in self.by_subject.items():
            types = {t.object for t in ts if t.predicate == _TYPE}
            if _ARTICLE in types:
                self.articles.append(s)
            elif _STATEMENT in types:
                self.statements[s] = ts
        self.triples = set(triples)
        from kg.graph.rdf import PREDICATE
        self.relations = set(PREDICATE.values())    # the predicates of direct triples
        self.supporter: dict[tuple, object] = {}        # (s, p, o) -> an asserted statement
        self.spo: dict = {}
        for st, ts in self.statements.items():
            spo = _spo(ts)
            self.spo[st] = spo
            if spo and any(t.predicate == _MODALITY and t.object == _ASSERTED for t in ts):
                self.supporter.setdefault(spo, st)

    def types(self, node) -> list[ox.Triple]:
        return [t for t in self.by_subject.get(node, ()) if t.predicate == _TYPE]

    def context(self, owned_triples: list[ox.Triple], owned: set) -> list[ox.Triple]:
        """The types of what `owned_triples` point to (not owned), for sh:class and the like."""
        out: list[ox.Triple] = []
        seen = set(owned)
        for t in owned_triples:
            if isinstance(t.object, ox.NamedNode) and t.object not in seen:
                seen.add(t.object)
                out.extend(self.types(t.object))
        return out

    def support(self, spo: tuple, skip: set) -> list[ox.Triple]:
        """The direct triple of `spo`, if the graph has it, and an asserted statement for it."""
        triple = ox.Triple(*spo)
        if triple not in self.triples:
            return []
        out = [triple]
        st = self.supporter.get(spo)
        if st is not None and st not in skip:
            out.extend(self.statements[st])
        return out


def split(name: str | None, triples: list[ox.Triple]) -> Iterator[Unit]:
    index = _Index(triples)
    if len(index.articles) <= WHOLE_UP_TO and len(index.by_subject) <= NODE_CHUNK:
        yield name, triples, None
        return
    of_article: dict = defaultdict(list)
    orphans = []
    articles = set(index.articles)
    for st, ts in index.statements.items():
        sources = [t.object for t in ts if t.predicate == _DERIVED]
        if len(sources) == 1 and sources[0] in articles:
            of_article[sources[0]].append(st)
        else:
            orphans.append(st)
    for a in index.articles:
        yield name, *_statement_unit(index, [a], of_article[a])
    if orphans:
        yield name, *_statement_unit(index, [], orphans)
    actors = [s for s in index.by_subject if s not in articles and s not in index.statements]
    for start in range(0, len(actors), NODE_CHUNK):
        yield name, *_actor_unit(index, actors[start:start + NODE_CHUNK])
    direct = [t for s in actors for t in index.by_subject[s] if t.predicate.value in index.relations]
    for start in range(0, len(direct), DIRECT_CHUNK):
        yield name, _direct_unit(index, direct[start:start + DIRECT_CHUNK]), DIRECT


def _statement_unit(index: _Index, articles: list, statements: list) -> tuple[list, set]:
    owned = set(articles) | set(statements)
    out = [t for s in articles for t in index.by_subject[s]]
    out += [t for st in statements for t in index.statements[st]]
    extra = index.context(out, owned)
    for st in statements:
        if index.spo.get(st):
            extra += index.support(index.spo[st], owned)
    return out + extra, owned


def _actor_unit(index: _Index, actors: list) -> tuple[list, set]:
    owned = set(actors)
    out = [t for s in actors for t in index.by_subject[s] if t.predicate.value not in index.relations]
    return out + index.context(out, owned), owned


def _direct_unit(index: _Index, direct: list[ox.Triple]) -> list[ox.Triple]:
    out = list(direct)
    seen: set = set()
    for t in direct:
        for node in (t.subject, t.object):
            if node not in seen:
                seen.add(node)
                out.extend(index.types(node))
        st = index.supporter.get((t.subject, t.predicate, t.object))
        if st is not None:
            out.extend(index.statements[st])
    return out
