"""The RDF stage: the networkx graph -> RDF quads, and RDF files -> the networkx graph.

The model is specified in `ontology/README.md`: every relation is written twice, as a
direct triple between the two actors (asserted relations only) and as a `dk:Statement`
node with its qualifiers; every triple derived from an article lives in that article's
named graph.  Node keys of the networkx graph are already the resource IRIs, so this is
a direct mapping, not a second model.

Quads are built as pyoxigraph terms: pyoxigraph writes a million triples of Turtle in
2.4 s where rdflib takes 42 s (benchmarks/RESULTS-serialise.md).  `to_dataset` and
`to_graph` give the same quads as rdflib objects for code that wants rdflib (JSON-LD,
SHACL).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date as _date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable, Iterator

import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

from kg.atomic import atomic_open
from kg.errors import FormatError, GraphError
from kg.graph.network import ARTICLE, BASE, RESOURCE, article_iri, new_graph, read_graph_json
from kg.model import ENTITY_TYPES, MODALITIES, RELATION_TYPES, ROLES, SYMMETRIC
from kg.graph.namespace import DK
from kg.resources import ontology_dir

STATEMENT = BASE + "statement/"
WIKIDATA = "http://www.wikidata.org/entity/"

# Prefixes written into Turtle, TriG and RDF/XML.  Resource IRIs get one prefix per key
# kind (`person:donald-trump`), added per graph by `prefixes()`.
PREFIXES = {
    "dk": str(DK), "article": ARTICLE, "stmt": STATEMENT, "res": RESOURCE, "wd": WIKIDATA,
    "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD), "skos": str(SKOS),
    "prov": str(PROV), "dcterms": str(DCTERMS),
}


def _camel(name: str, upper: bool) -> str:
    parts = name.split("-")
    head = parts[0].capitalize() if upper else parts[0]
    return head + "".join(p.capitalize() for p in parts[1:])


# kg.model values <-> ontology terms (DK raises on a term the ontology lacks).
CLASS = {t: str(DK[t]) for t in ENTITY_TYPES}
PREDICATE = {t: str(DK[_camel(t, upper=False)]) for t in RELATION_TYPES}
MODALITY = {m: str(DK[_camel(m, upper=True)]) for m in MODALITIES}
ROLE = {r: str(DK[_camel(r, upper=True)]) for r in ROLES}
_TYPE_OF = {v: k for k, v in CLASS.items()}
_RELATION_OF = {v: k for k, v in PREDICATE.items()}
_MODALITY_OF = {v: k for k, v in MODALITY.items()}
_ROLE_OF = {v: k for k, v in ROLE.items()}

# Formats by name: (pyoxigraph format, keeps named graphs, file suffixes).
FORMATS: dict[str, tuple[ox.RdfFormat, bool, tuple[str, ...]]] = {
    "turtle": (ox.RdfFormat.TURTLE, False, (".ttl",)),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False, (".nt",)),
    "rdfxml": (ox.RdfFormat.RDF_XML, False, (".rdf", ".owl", ".xml")),
    "jsonld": (ox.RdfFormat.JSON_LD, False, (".jsonld", ".json-ld")),
    "trig": (ox.RdfFormat.TRIG, True, (".trig",)),
    "nquads": (ox.RdfFormat.N_QUADS, True, (".nq",)),
}
BY_SUFFIX = {s: name for name, (_, _, suffixes) in FORMATS.items() for s in suffixes}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


_TYPE, _LABEL, _ALT, _SAME = _n(str(RDF.type)), _n(str(RDFS.label)), _n(str(SKOS.altLabel)), _n(str(OWL.sameAs))
_DERIVED, _TITLE = _n(str(PROV.wasDerivedFrom)), _n(str(DCTERMS.title))
_ISSUED, _LANGUAGE = _n(str(DCTERMS.issued)), _n(str(DCTERMS.language))
_XSD_DATE, _XSD_DECIMAL = _n(str(XSD.date)), _n(str(XSD.decimal))
_XSD_GYEARMONTH, _XSD_GYEAR = _n(str(XSD.gYearMonth)), _n(str(XSD.gYear))
_XSD_STRING = str(XSD.string)
_D = {name: _n(str(DK[name])) for name in (
    "Article", "Statement", "subject", "predicate", "object", "modality", "date", "place", "role",
    "evidence", "confidence", "extractionRule", "wikidataId", "sourceFile", "mentions",
    "ploverCategory", "ploverMode", "cameoCode", "triggerText")}
# Edge fields written as plain-string qualifiers of the statement node (kg.extract.codes).
_CODES = (("plover", "ploverCategory"), ("plover_mode", "ploverMode"), ("cameo", "cameoCode"),
          ("trigger", "triggerText"))

_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_QID = re.compile(r"Q[1-9][0-9]*")


# ---------------------------------------------------------------------------------------
# networkx -> RDF
# ---------------------------------------------------------------------------------------

def statement_iri(article_id: str, type_: str, source: str, target: str,
                  role: str | None, modality: str, date: str | None = None,
                  evidence: str | None = None) -> str:
    """The stable IRI of one relation occurrence: per article, date and evidence sentence
    (see ontology/README.md).  Two calls between the same leaders on different days are
    two statements; the direct triple between them stays one."""
    if type_ in SYMMETRIC and target < source:
        source, target = target, source
    text = "|".join((article_id, type_, source, target, role or "", modality, date or "",
                     " ".join((evidence or "").split())))
    return STATEMENT + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def edge_statement_iri(article_id: str | None, u: str, v: str, d: dict) -> str:
    """`statement_iri` of a graph edge (u, v, data)."""
    role = d.get("role") if d.get("type") == "holds-role" else None
    return statement_iri(article_id or "", d["type"], u, v, role, d["modality"],
                         str(d["date"]) if d.get("date") else None, d.get("evidence"))


def _iri(value: str, where: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except (ValueError, TypeError):
        raise GraphError(f"{where}: {value!r} is not an IRI") from None


def _text(value: str, language: str | None) -> ox.Literal:
    if language and _LANG_TAG.fullmatch(language):
        return ox.Literal(value, language=language)
    return ox.Literal(value)


def _date_literal(value: str, where: str) -> ox.Literal:
    value = str(value)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            _date.fromisoformat(value)
            return ox.Literal(value, datatype=_XSD_DATE)
        if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
            return ox.Literal(value, datatype=_XSD_GYEARMONTH)
        if re.fullmatch(r"\d{4}", value):
            return ox.Literal(value, datatype=_XSD_GYEAR)
    except ValueError:
        pass
    raise GraphError(f"{where}: date {value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")


def _decimal_literal(value, where: str) -> ox.Literal:
    try:
        number = Decimal(repr(float(value)))
    except (TypeError, ValueError, InvalidOperation):
        raise GraphError(f"{where}: confidence {value!r} is not a number") from None
    if not number.is_finite():
        raise GraphError(f"{where}: confidence {value!r} is not a number")
    return ox.Literal(format(number, "f"), datatype=_XSD_DECIMAL)


def _lookup(table: dict[str, str], value, what: str, where: str) -> ox.NamedNode:
    try:
        return _n(table[value])
    except (KeyError, TypeError):
        raise GraphError(f"{where}: unknown {what} {value!r} (known: {', '.join(table)})") from None


def _article_quads(aid: str, info: dict, mentioned: list[str], graph) -> Iterator[ox.Quad]:
    s = _n(article_iri(aid))
    where = f"article {aid!r}"
    yield ox.Quad(s, _TYPE, _D["Article"], graph)
    if info.get("title"):
        yield ox.Quad(s, _TITLE, _text(info["title"], info.get("language")), graph)
    if info.get("published"):
        yield ox.Quad(s, _ISSUED, _date_literal(info["published"], where), graph)
    if info.get("language"):
        yield ox.Quad(s, _LANGUAGE, ox.Literal(info["language"]), graph)
    if info.get("source"):
        yield ox.Quad(s, _D["sourceFile"], ox.Literal(str(info["source"])), graph)
    for node in mentioned:
        yield ox.Quad(s, _D["mentions"], _iri(node, where), graph)


def _node_quads(node: str, data: dict, graph) -> Iterator[ox.Quad]:
    where = f"node {node!r}"
    s = _iri(node, where)
    yield ox.Quad(s, _TYPE, _lookup(CLASS, data.get("type"), "type", where), graph)
    if data.get("label"):
        yield ox.Quad(s, _LABEL, ox.Literal(data["label"]), graph)
    for alias in data.get("aliases") or ():
        yield ox.Quad(s, _ALT, ox.Literal(alias), graph)
    qid = data.get("wikidata")
    if qid:
        if not _QID.fullmatch(str(qid)):
            raise GraphError(f"{where}: Wikidata id {qid!r} is not a Q-id")
        yield ox.Quad(s, _D["wikidataId"], ox.Literal(qid), graph)
        yield ox.Quad(s, _SAME, _n(WIKIDATA + qid), graph)
    if data.get("place"):
        yield ox.Quad(s, _D["place"], _iri(data["place"], where), graph)
    if data.get("date"):
        yield ox.Quad(s, _D["date"], _date_literal(data["date"], where), graph)


def _confidence(data: dict) -> float:
    try:
        return float(data.get("confidence") or 0)
    except (TypeError, ValueError):
        return 0.0  # _decimal_literal reports it


def _edge_quads(aid: str | None, edges: list, language: str | None, graph,
                direct: set | None = None) -> Iterator[ox.Quad]:
    # One statement per occurrence (relation identity, date, evidence): every edge of the
    # pipeline is one.  A hand-made graph may repeat an occurrence: the most confident wins.
    chosen: dict[str, tuple] = {}
    for u, v, key, d in edges:
        where = f"edge {key!r}"
        _lookup(PREDICATE, d.get("type"), "relation type", where)
        _lookup(MODALITY, d.get("modality"), "modality", where)
        iri = edge_statement_iri(aid, u, v, d)
        old = chosen.get(iri)
        if old is None or _confidence(d) > _confidence(old[3]):
            chosen[iri] = (u, v, key, d)
    if direct is None:
        direct = set()
    for iri, (u, v, key, d) in chosen.items():
        where = f"edge {key!r}"
        s, o = _iri(u, where), _iri(v, where)
        p = _n(PREDICATE[d["type"]])
        if d["modality"] == "asserted" and (u, d["type"], v) not in direct:
            direct.add((u, d["type"], v))
            yield ox.Quad(s, p, o, graph)
        st = _n(iri)
        yield ox.Quad(st, _TYPE, _D["Statement"], graph)
        yield ox.Quad(st, _D["subject"], s, graph)
        yield ox.Quad(st, _D["predicate"], p, graph)
        yield ox.Quad(st, _D["object"], o, graph)
        yield ox.Quad(st, _D["modality"], _n(MODALITY[d["modality"]]), graph)
        if d.get("date"):
            yield ox.Quad(st, _D["date"], _date_literal(d["date"], where), graph)
        if d.get("place"):
            yield ox.Quad(st, _D["place"], _iri(d["place"], where), graph)
        if d.get("role"):
            yield ox.Quad(st, _D["role"], _lookup(ROLE, d["role"], "role", where), graph)
        if d.get("evidence"):
            yield ox.Quad(st, _D["evidence"], _text(d["evidence"], language), graph)
        if d.get("confidence") is not None:
            yield ox.Quad(st, _D["confidence"], _decimal_literal(d["confidence"], where), graph)
        if d.get("rule"):
            yield ox.Quad(st, _D["extractionRule"], ox.Literal(str(d["rule"])), graph)
        for field, prop in _CODES:
            if d.get(field):
                yield ox.Quad(st, _D[prop], ox.Literal(str(d[field])), graph)
        if aid is not None:
            yield ox.Quad(st, _DERIVED, _n(article_iri(aid)), graph)


def _generate(g: nx.MultiDiGraph, union: bool) -> Iterator[ox.Quad]:
    from kg.graph.network import settle
    settle(g)   # merges append to `articles` and `aliases`; their order is fixed here
    articles: dict = g.graph.get("articles") or {}
    nodes: dict[str | None, list] = defaultdict(list)
    for node, data in sorted(g.nodes(data=True)):
        for aid in data.get("articles") or [None]:
            nodes[aid].append((node, data))
    edges: dict[str | None, list] = defaultdict(list)
    for u, v, key, data in sorted(g.edges(keys=True, data=True), key=lambda e: str(e[2])):
        edges[data.get("article")].append((u, v, key, data))
    ids = sorted(set(articles) | set(nodes) | set(edges), key=lambda a: (a is None, a or ""))
    default = None  # the default graph; ox.Quad builds a None graph 10x faster than DefaultGraph()
    direct: set | None = None
    if union:
        # Node descriptions are the same in every article: write each once.  Direct
        # triples may repeat across articles: `direct` keeps them unique.
        direct = set()
        for node, data in sorted(g.nodes(data=True)):
            yield from _node_quads(node, data, default)
    for aid in ids:
        graph = default if aid is None or union else _iri(article_iri(aid), f"article {aid!r}")
        info = articles.get(aid) or {}
        if aid in articles:
            yield from _article_quads(aid, info, [n for n, _ in nodes[aid]], graph)
        if not union:
            for node, data in nodes[aid]:
                yield from _node_quads(node, data, graph)
        yield from _edge_quads(aid, edges[aid], info.get("language"), graph, direct)


def iter_quads(g: nx.MultiDiGraph) -> Iterator[ox.Quad]:
    """The graph as pyoxigraph quads, one named graph per article, in a stable order.

    Nodes and edges that belong to no article go to the default graph.  Raises
    GraphError on a value the ontology cannot express (unknown type, modality or role,
    a date that is not ISO, an id that is not an IRI).
    """
    return _generate(g, union=False)


def iter_union(g: nx.MultiDiGraph) -> Iterator[ox.Quad]:
    """The union of all named graphs, each triple once, as quads of the default graph."""
    return _generate(g, union=True)


def iter_triples(g: nx.MultiDiGraph) -> Iterator[ox.Triple]:
    """The union of all named graphs, each triple once (for the formats without graphs)."""
    return (q.triple for q in _generate(g, union=True))


def prefixes(g: nx.MultiDiGraph) -> dict[str, str]:
    """PREFIXES plus one prefix per resource key kind found in `g` (`person:`, `country:`)."""
    out = dict(PREFIXES)
    for node in g.nodes:
        if isinstance(node, str) and node.startswith(RESOURCE) and "/" in node[len(RESOURCE):]:
            kind = node[len(RESOURCE):].split("/", 1)[0]
            if re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", kind) and kind not in out:
                out[kind] = RESOURCE + kind + "/"
    return out


def _to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # rdflib keeps plain and xsd:string apart
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise GraphError(f"unexpected RDF term {term!r}")


def _rdflib_converter():
    """A caching pyoxigraph -> rdflib term converter (IRIs and labels repeat a lot)."""
    cache: dict = {}

    def convert(term):
        rt = cache.get(term)
        if rt is None:
            rt = cache[term] = _to_rdflib(term)
        return rt
    return convert


def to_dataset(g: nx.MultiDiGraph) -> Dataset:
    """The graph as an rdflib Dataset: one named graph per article (see iter_quads)."""
    return _quads_to_dataset(iter_quads(g), prefixes(g))


def to_graph(g: nx.MultiDiGraph) -> Graph:
    """The union of all named graphs as one rdflib Graph."""
    rg = Graph()
    for prefix, ns in prefixes(g).items():
        rg.bind(prefix, ns, override=True, replace=True)
    convert = _rdflib_converter()
    for t in iter_triples(g):
        rg.add((convert(t.subject), convert(t.predicate), convert(t.object)))
    return rg


def jsonld_context() -> dict:
    """The `@context` object of ontology/context.jsonld."""
    path = ontology_dir() / "context.jsonld"
    return json.loads(path.read_text(encoding="utf-8"))["@context"]


def format_for(path: str | Path) -> str:
    """The RDF format name of a file, from its suffix."""
    suffix = Path(path).suffix.lower()
    try:
        return BY_SUFFIX[suffix]
    except KeyError:
        raise FormatError(f"{path}: unknown RDF file suffix {suffix!r} "
                          f"(known: {', '.join(sorted(BY_SUFFIX))})") from None


def write_rdf(g: nx.MultiDiGraph, path: str | Path, format: str) -> None:
    """Serialise `g` to `path` atomically in one of FORMATS.

    TriG and N-Quads keep one named graph per article; the other formats hold the union.
    JSON-LD is written by rdflib with ontology/context.jsonld embedded; the others by
    pyoxigraph.
    """
    if format not in FORMATS:
        raise FormatError(f"unknown RDF format {format!r} (known: {', '.join(FORMATS)})")
    oxformat, quads, _ = FORMATS[format]
    if format == "jsonld":
        doc = json.loads(to_graph(g).serialize(format="json-ld", context=jsonld_context(),
                                               auto_compact=True))
        if isinstance(doc.get("@graph"), list):  # rdflib's order follows set hashing: sort
            doc["@graph"].sort(key=lambda n: n.get("@id", ""))
            for node in doc["@graph"]:
                for term, value in node.items():
                    if isinstance(value, list):  # values of a property are a set
                        value.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        with atomic_open(path, "w") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        return
    kw = {}
    if format in ("turtle", "trig", "rdfxml"):
        kw["prefixes"] = prefixes(g)
    with atomic_open(path, "wb") as fh:
        ox.serialize(iter_quads(g) if quads else iter_union(g), fh, oxformat, **kw)


# ---------------------------------------------------------------------------------------
# RDF -> networkx
# ---------------------------------------------------------------------------------------

def _local(iri: str, base: str) -> str:
    return iri[len(base):] if iri.startswith(base) else iri


class _Quads:
    """The quads of the dipkg model by subject: properties, the named graphs that type each
    subject, and each subject's classes."""

    def __init__(self, quads: Iterable[ox.Quad]):
        self.props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.graphs_of: dict[str, set[str]] = defaultdict(set)
        types = str(RDF.type)
        for q in quads:
            s = q.subject.value if isinstance(q.subject, ox.NamedNode) else str(q.subject)
            p = q.predicate.value
            self.props[s][p].append(q.object)
            if p == types and not isinstance(q.graph_name, ox.DefaultGraph):
                self.graphs_of[s].add(q.graph_name.value)
        self.kinds = {s: {t.value for t in po.get(types, ()) if isinstance(t, ox.NamedNode)}
                      for s, po in self.props.items()}

    def first(self, s: str, p: str):
        vals = self.props[s].get(p)
        return vals[0] if vals else None

    def text(self, s: str, p: str, default=None):
        t = self.first(s, p)
        return t.value if t is not None else default

    def all(self, s: str, p: str):
        return self.props[s].get(p, ())

    def of_class(self, cls: str) -> list[str]:
        return sorted(x for x, k in self.kinds.items() if cls in k)


def from_quads(quads: Iterable[ox.Quad]) -> nx.MultiDiGraph:
    """Rebuild the networkx graph from quads of the dipkg model (any graph layout).

    Articles are the `dk:Article`s, nodes the subjects typed with a `dk:` entity class,
    edges the `dk:Statement`s (the direct triples are implied by them).  A node's
    articles are the named graphs that describe it and the articles that `dk:mentions`
    it.  Edge keys are renumbered `<article id>#<n>` in a stable order.
    """
    qs = _Quads(quads)
    g = new_graph()
    _add_articles(qs, g)
    _add_nodes(qs, g)
    _add_edges(g, [_statement(qs, s) for s in qs.of_class(str(DK.Statement))])
    return g


def _add_articles(qs: _Quads, g: nx.MultiDiGraph) -> None:
    for s in qs.of_class(str(DK.Article)):
        aid = _local(s, ARTICLE)
        g.graph["articles"][aid] = {
            "id": aid, "iri": s, "title": qs.text(s, str(DCTERMS.title), ""),
            "language": qs.text(s, str(DCTERMS.language)), "published": qs.text(s, str(DCTERMS.issued)),
            "source": qs.text(s, str(DK.sourceFile), ""),
        }


def _add_nodes(qs: _Quads, g: nx.MultiDiGraph) -> None:
    """The subjects typed with a `dk:` entity class; their articles are the named graphs that
    describe them and the articles that mention them."""
    mentioned: dict[str, set[str]] = defaultdict(set)
    for a in g.graph["articles"].values():
        for t in qs.all(a["iri"], str(DK.mentions)):
            mentioned[t.value].add(a["id"])
    for s in sorted(x for x, k in qs.kinds.items() if k & _TYPE_OF.keys()):
        type_ = next(t for t in ENTITY_TYPES if CLASS[t] in qs.kinds[s])
        qid = qs.text(s, str(DK.wikidataId))
        if qid is None:
            same = [t.value for t in qs.all(s, str(OWL.sameAs)) if t.value.startswith(WIKIDATA)]
            qid = _local(same[0], WIKIDATA) if same else None
        arts = {_local(a, ARTICLE) for a in qs.graphs_of.get(s, ())} | mentioned.get(s, set())
        g.add_node(s, key=_local(s, RESOURCE), label=qs.text(s, str(RDFS.label)), type=type_,
                   wikidata=qid, aliases=sorted({t.value for t in qs.all(s, str(SKOS.altLabel))}),
                   articles=sorted(arts), place=qs.text(s, str(DK.place)), date=qs.text(s, str(DK.date)))


def _statement(qs: _Quads, s: str) -> tuple[str, str, dict]:
    """One `dk:Statement` as (subject, object, edge data)."""
    where = f"statement <{s}>"
    subj, pred, obj = (qs.first(s, str(DK[n])) for n in ("subject", "predicate", "object"))
    if subj is None or pred is None or obj is None:
        raise GraphError(f"{where}: needs dk:subject, dk:predicate and dk:object")
    try:
        type_ = _RELATION_OF[pred.value]
        modality = _MODALITY_OF[qs.text(s, str(DK.modality))]
    except KeyError as exc:
        raise GraphError(f"{where}: unknown relation or modality {exc}") from None
    role = qs.text(s, str(DK.role))
    conf = qs.text(s, str(DK.confidence))
    source = qs.text(s, str(PROV.wasDerivedFrom))
    return subj.value, obj.value, {
        "type": type_, "modality": modality, "date": qs.text(s, str(DK.date)),
        "place": qs.text(s, str(DK.place)), "role": _ROLE_OF.get(role, role) if role else None,
        "evidence": qs.text(s, str(DK.evidence), ""),
        "confidence": float(conf) if conf is not None else None,
        "rule": qs.text(s, str(DK.extractionRule), ""),
        "article": _local(source, ARTICLE) if source else None,
        **{field: qs.text(s, str(DK[prop])) for field, prop in _CODES},
    }


def _add_edges(g: nx.MultiDiGraph, edges: list[tuple[str, str, dict]]) -> None:
    """The statements as edges in a stable order, keyed `<article id>#<n>`; an endpoint that
    no quad describes still gets a node, so the edge stays drawable."""
    order = {t: i for i, t in enumerate(RELATION_TYPES)}
    edges.sort(key=lambda e: (e[2]["article"] or "", order[e[2]["type"]], e[0], e[1],
                              e[2]["modality"], e[2]["role"] or "", e[2]["date"] or "", e[2]["evidence"]))
    counters: dict[str, int] = defaultdict(int)
    for u, v, data in edges:
        for node in (u, v):
            if node not in g:
                g.add_node(node, key=_local(node, RESOURCE), label=_local(node, RESOURCE).rsplit("/", 1)[-1],
                           type=None, wikidata=None, aliases=[], articles=[], place=None, date=None)
        aid = data["article"] or ""
        counters[aid] += 1
        g.add_edge(u, v, key=f"{aid}#{counters[aid]}", **data)


def from_dataset(ds: Graph | Dataset) -> nx.MultiDiGraph:
    """Rebuild the networkx graph from an rdflib Graph or Dataset."""

    def conv(t):
        if isinstance(t, URIRef):
            return ox.NamedNode(str(t))
        if isinstance(t, BNode):
            return ox.BlankNode(str(t))
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype or XSD.string)))
        raise GraphError(f"unexpected RDF term {t!r}")

    def quads():
        if hasattr(ds, "quads"):
            for s, p, o, c in ds.quads((None, None, None, None)):
                name = getattr(c, "identifier", c)
                graph = (None if name is None or str(name).startswith("urn:x-rdflib:")
                         else ox.NamedNode(str(name)))
                yield ox.Quad(conv(s), conv(p), conv(o), graph)
        else:
            for s, p, o in ds:
                yield ox.Quad(conv(s), conv(p), conv(o), None)
    return from_quads(quads())


def parse_quads(path: str | Path, format: str | None = None) -> list[ox.Quad]:
    """Parse an RDF file into quads (format from the suffix unless given)."""
    path = Path(path)
    format = format or format_for(path)
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file")
    try:
        return list(ox.parse(path=str(path), format=FORMATS[format][0]))
    except (SyntaxError, ValueError, OSError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GraphError(f"{path}: not valid {format} ({detail})") from None


def from_rdf(path: str | Path, format: str | None = None) -> nx.MultiDiGraph:
    """Read a Turtle, N-Triples, RDF/XML, JSON-LD, TriG or N-Quads file of this tool."""
    return from_quads(parse_quads(path, format))


# ---------------------------------------------------------------------------------------
# SHACL validation
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, printable as one line."""
    severity: str           # "Violation", "Warning" or "Info"
    focus: str              # compact IRI of the focus node
    path: str               # compact IRI of the property, "" for node-level results
    message: str
    graph: str = ""         # the named graph it was found in, "" for the default graph

    def __str__(self) -> str:
        where = f" in {self.graph}" if self.graph else ""
        path = f" {self.path}" if self.path else ""
        return f"{self.severity}: {self.focus}{path}: {self.message}{where}"


def _quads_to_dataset(quads: Iterable[ox.Quad], bind: dict[str, str] | None = None) -> Dataset:
    ds = Dataset()
    for prefix, ns in (bind or PREFIXES).items():
        ds.bind(prefix, ns, override=True, replace=True)
    graphs: dict = {}
    convert = _rdflib_converter()
    for q in quads:
        name = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        if name not in graphs:
            graphs[name] = ds.default_graph if name is None else ds.graph(URIRef(name))
        graphs[name].add((convert(q.subject), convert(q.predicate), convert(q.object)))
    return ds


def shapes_graph() -> Graph:
    """ontology/shapes.ttl as an rdflib Graph."""
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


def validate(g: nx.MultiDiGraph | Iterable[ox.Quad], jobs: int = 1) -> list[Violation]:
    """Run ontology/shapes.ttl on every named graph (and the default graph) of `g`.

    `g` is a networkx graph of this tool or an iterable of quads (`parse_quads`).
    Returns the results sorted, warnings included; the graph conforms when none has
    severity "Violation".  A graph of many articles is checked article by article and
    its actors once (`kg.graph.units`), on `jobs` processes.
    """
    from kg.extract.parallel import pmap
    from kg.graph.units import units

    quads = iter_quads(g) if isinstance(g, nx.Graph) else g
    out: list[Violation] = []
    for found in pmap(_check_unit, units(quads), jobs, batch=4, extraction=False):
        out.extend(found)
    return sorted(set(out))


_SHAPES: list = []


def _compact(term) -> str:
    text = str(term)
    namespaces = {str(ns): p for p, ns in PREFIXES.items()}
    for ns in sorted(namespaces, key=len, reverse=True):
        if text.startswith(ns):
            local = text[len(ns):]
            if ns == RESOURCE:  # person:donald-trump, as in the Turtle export
                kind, _, rest = local.partition("/")
                return f"{kind}:{rest}" if rest and "/" not in rest else f"res:{local}"
            return f"{namespaces[ns]}:{local}"
    return f"<{text}>" if re.match(r"[a-z][a-z0-9+.-]*:", text) and " " not in text else text


def _compact_text(text: str) -> str:
    return re.sub(r"https?://[^\s,()<>\"]+", lambda m: _compact(m.group(0)), text)


def _check_unit(unit) -> list[Violation]:
    """pyshacl on one validation unit, in an Oxigraph store (whose SPARQL runs the
    SPARQL-based shapes twice as fast as rdflib's); results about subjects the unit
    does not own are left to the unit that owns them."""
    import pyshacl  # slow to import: only when validating

    if not _SHAPES:
        _SHAPES.append(shapes_graph())
    name, triples, owned = unit
    data = ox.Store()
    data.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    conforms, results, _ = pyshacl.validate(data, shacl_graph=_SHAPES[0], inference="none",
                                            allow_warnings=True, advanced=True)
    label = _compact(name) if name else ""
    out: list[Violation] = []
    for r in results.subjects(SH.resultSeverity, None):
        severity = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        focus = results.value(r, SH.focusNode)
        if owned is not None and not _owns(owned, focus, results.value(r, SH.sourceShape)):
            continue
        msg = results.value(r, SH.resultMessage)
        value = results.value(r, SH.value)
        message = _compact_text(str(msg)) if msg is not None else "constraint not met"
        if value is not None and value != focus and _compact(value) not in message:
            shown = json.dumps(str(value), ensure_ascii=False) if isinstance(value, Literal) else _compact(value)
            message += f" (value: {shown})"
        path = results.value(r, SH.resultPath)
        out.append(Violation(severity, _compact(focus), _compact(path) if path is not None else "", message, label))
    return out


def _owns(owned, focus, shape) -> bool:
    from kg.graph.units import DIRECT, DIRECT_SHAPE
    if owned == DIRECT:
        return str(shape) == DIRECT_SHAPE
    return isinstance(focus, URIRef) and ox.NamedNode(str(focus)) in owned


def validate_file(path: str | Path, jobs: int = 1) -> list[Violation]:
    """`validate` on an RDF file (read as is) or a graph.json (mapped to RDF first).

    GraphML and GEXF carry no RDF terms to check: they are refused with a clear message
    instead of a list of violations that only says the mapping is missing.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in BY_SUFFIX:
        return validate(parse_quads(path), jobs)
    if suffix == ".json":
        return validate(read_graph_json(path), jobs)
    raise FormatError(f"{path}: kg validate checks RDF and graph.json only, not {suffix or 'suffix-less'} "
                      f"files (convert first: kg export {path.name} --format turtle --out graph.ttl)")
