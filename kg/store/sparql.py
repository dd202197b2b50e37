"""SPARQL 1.1 over the graph: a graph file, the persistent store, or a remote endpoint.

query text (+ parameters) -> `Source.query` -> `Result` -> table / CSV / TSV / JSON / XML.

Every source has the union of the article graphs as its default graph, each triple once
(a graph file: materialised when it is loaded; the store: the union of its article graphs
and its shared graph, see kg.store.database), so queries need no `GRAPH` clause; `GRAPH ?g { … }`
still tells which article a statement came from.  The
prefixes of the RDF model (`dk:`, `res:`, `article:`, `stmt:`, `wd:` …) are predeclared.

Named queries live in `ontology/queries/NAME.rq`.  A query's comment header describes it
and declares its parameters; each parameter has a placeholder `VALUES ?name { UNDEF }` in
the query body, which binding replaces by the resolved, properly escaped RDF terms.  A body
line ending in `# @if NAME` is left out when optional parameter NAME is not given.  The
query stays valid SPARQL as written (a placeholder left unbound matches anything), so the
files also run unchanged in YASGUI or any other store.  User text never reaches the query
string except as a literal or an IRI serialized by pyoxigraph (which escapes and validates).
"""
from __future__ import annotations

import base64
import csv
import io
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Protocol, TextIO
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.graph.network import RESOURCE, SHARED_GRAPH
from kg.model import MODALITIES, RELATION_TYPES, ROLES

DK = "https://w3id.org/dipkg/ontology#"
WD = "http://www.wikidata.org/entity/"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = {
    "dk": DK,
    "res": RESOURCE,
    "article": "https://w3id.org/dipkg/article/",
    "stmt": "https://w3id.org/dipkg/statement/",
    "wd": WD,
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "cameo": "https://w3id.org/dipkg/cameo/",
    "plover": "https://w3id.org/dipkg/plover/",
    # one per resource kind, so that printed IRIs are valid prefixed names (`person:vladimir-putin`;
    # `res:person/vladimir-putin` is not one: a local name cannot hold a `/`)
    **{kind: f"{RESOURCE}{kind}/" for kind in ("person", "country", "org", "group", "place", "event")},
}

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "ntriples")
FORMATS = SELECT_FORMATS + GRAPH_FORMATS

MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
}

_SHARED = ox.NamedNode(SHARED_GRAPH)
_FROM = re.compile(r"\bFROM\s+(?:NAMED\s+)?(?:<|[A-Za-z_][\w.-]*:)", re.I)
_UPDATE = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_PROLOGUE = re.compile(r"^\s*(?:#[^\n]*\n|(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", re.I)


# --- results -------------------------------------------------------------------------------

@dataclass
class Result:
    """What a query gave: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE).

    `rows` and `triples` are iterators: they can be read once.
    """
    kind: str                                   # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: Iterator[list[Any]] = field(default_factory=lambda: iter(()))
    boolean: bool | None = None
    triples: Iterator[ox.Triple] = field(default_factory=lambda: iter(()))

    def table(self) -> list[dict[str, Any]]:
        """All rows as dicts of variable -> pyoxigraph term (unbound variables left out)."""
        return [{v: t for v, t in zip(self.variables, row) if t is not None} for row in self.rows]

    def values(self) -> list[dict[str, str]]:
        """All rows as dicts of variable -> plain string value (IRI, lexical form, bnode id)."""
        return [{v: t.value for v, t in zip(self.variables, row) if t is not None} for row in self.rows]


def result_of(answer: Any) -> Result:
    """A `Result` for what pyoxigraph's `Store.query` or `parse_query_results` returned."""
    if isinstance(answer, ox.QuerySolutions):
        return Result("select", [v.value for v in answer.variables], _checked(list(s) for s in answer))
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer))
    return Result("graph", triples=_checked(iter(answer)))


def _checked(items: Iterator[Any]) -> Iterator[Any]:
    # Oxigraph evaluates lazily: an error may come with any row, after `query` returned.
    # An OSError is the storage failing (a file a writer compacted away), not the query:
    # a StoreError, which a worker retries after reopening the store (kg.store.workers).
    try:
        yield from items
    except (OSError, RuntimeError, ValueError, SyntaxError) as exc:
        raise _failure(exc) from None


def _failure(exc: BaseException) -> QueryError | StoreError:
    """A StoreError for the storage (or the network) failing, a QueryError otherwise."""
    if isinstance(exc, OSError) or (isinstance(exc, RuntimeError) and re.search(r"Corruption|IO error", str(exc))):
        return StoreError(f"query failed reading the store (or a SERVICE endpoint): {_one_line(exc)}")
    return QueryError(f"query failed: {_one_line(exc)}")


# --- sources -------------------------------------------------------------------------------

class Source(Protocol):
    name: str

    def query(self, text: str) -> Result: ...


class LocalSource:
    """A pyoxigraph store: in memory (a graph file) or on disk (`kg.store.Store`)."""

    def __init__(self, store: ox.Store, name: str = "graph"):
        self.store = store
        self.name = name

    def query(self, text: str, *, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None) -> Result:
        """Run `text`; `default_graph` / `named_graphs` narrow the dataset (SPARQL protocol)."""
        from kg.store.guard import check
        check(text, allow_remote=None)      # size and nesting: a deep query crashes the engine
        check_is_query(text)
        kwargs: dict[str, Any] = {"prefixes": PREFIXES}
        try:
            if not default_graph and not named_graphs and not _FROM.search(text) \
                    and self.store.contains_named_graph(_SHARED):
                # the store layout (kg.store.database): the default graph is the union of all graphs,
                # unless the query or the request names its dataset (FROM, default-graph-uri, …)
                kwargs["use_default_graph_as_union"] = True
        except (OSError, RuntimeError) as exc:
            raise _failure(exc) from None
        try:
            if default_graph:
                kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
            if named_graphs:
                kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        except ValueError as exc:
            raise QueryError(f"bad graph IRI: {_one_line(exc)}") from None
        try:
            return result_of(self.store.query(text, **kwargs))
        except SyntaxError as exc:
            raise syntax_error(exc, text) from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise _failure(exc) from None


class EndpointSource:
    """A remote SPARQL 1.1 Protocol endpoint (Fuseki, GraphDB, Virtuoso, Oxigraph, `kg serve`).

    The store should expose the union of the named graphs as its default graph (see
    docs/external-store.md), as the local sources do.
    """

    def __init__(self, url: str, *, timeout: float = 60.0, user: str | None = None,
                 password: str | None = None):
        if not re.match(r"https?://", url):
            raise StoreError(f"endpoint {url!r}: expected an http:// or https:// URL")
        self.url = url
        self.name = url
        self.timeout = timeout
        self.auth = None
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
            self.auth = f"Basic {token}"

    def query(self, text: str) -> Result:
        check_is_query(text)
        body = urllib.parse.urlencode({"query": with_prefixes(text)}).encode()
        from kg.store.http import request
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"}
        if self.auth:
            headers["Authorization"] = self.auth
        status, reason, answer, data = request("POST", self.url, body, headers, self.timeout, max_reply=1 << 31)
        if not 200 <= status < 300:
            detail = _one_line(data.decode("utf-8", "replace"))[:300]
            if status == 400:
                raise QueryError(f"{self.url} rejected the query: {detail or reason}") from None
            if 300 <= status < 400:
                detail = f"a redirect (to {answer.get('Location') or 'nowhere'}) is not followed; give the final URL"
            raise StoreError(f"{self.url}: HTTP {status} {reason}: {detail}") from None
        ctype = (answer.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            results_format = ox.QueryResultsFormat.from_media_type(ctype)
        except (ValueError, TypeError):
            results_format = None
        try:
            if results_format is not None:
                return result_of(ox.parse_query_results(data, results_format))
            rdf_format = ox.RdfFormat.from_media_type(ctype)
            if rdf_format is None:
                raise ValueError(f"unexpected content type {ctype!r}")
            return Result("graph", triples=(q.triple for q in ox.parse(data, rdf_format)))
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.url}: unreadable answer: {_one_line(exc)}") from None


def with_prefixes(text: str) -> str:
    """`text` with PREFIX declarations for the predeclared prefixes it does not declare itself.

    They go at the start of its first line, so that the line numbers in a remote store's
    syntax error are those of the user's query."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w.-]*):", text, re.I)}
    decls = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p not in declared]
    return " ".join(decls + [text])


def check_is_query(text: str) -> None:
    body = _PROLOGUE.sub("", text, count=1)
    m = _UPDATE.match(body)
    if m:
        raise QueryError(f"this is a SPARQL update ({m.group(1).upper()} …), not a query; "
                         "updates go to `kg serve --allow-update`")


def syntax_error(exc: SyntaxError, text: str) -> QueryError:
    """One line: the parser's message, with line, column and the text just before it."""
    msg = _one_line(exc)
    m = re.match(r"error at (\d+):(\d+): (.*)", msg)
    if not m:
        return QueryError(f"SPARQL syntax error: {msg}")
    line, col, detail = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = text.splitlines() or [""]
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    before = src[:max(col - 1, 0)]
    if "Prefix not found" in detail:
        pm = re.search(r"([A-Za-z][\w.-]*|):[\w.-]*$", before.rstrip())
        detail = f"unknown prefix {pm.group(1) + ':' if pm else ''!r}".replace("''", "") + \
            f" (predeclared: {', '.join(p + ':' for p in PREFIXES)})"
    elif len(detail) > 160:
        detail = detail[:157] + "…"
    near = before.strip()[-30:]
    where = f"line {line}, column {col}"
    at_end = line > len(lines) or (line == len(lines) and col > len(src.rstrip()) and not text[len(
        "\n".join(lines[:line])):].strip())
    tail = " (at the end of the query)" if at_end and not near else (f" (after {near!r})" if near else "")
    return QueryError(f"SPARQL syntax error at {where}: {detail}{tail}")


# --- named queries -------------------------------------------------------------------------

PARAM_KINDS = ("node", "event", "modality", "relation", "role", "date", "string", "integer", "iri")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    required: bool
    help: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path
    examples: tuple[str, ...] = ()

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def queries_dir() -> Path:
    from kg.resources import ontology_dir
    return ontology_dir() / "queries"


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    folder = folder or queries_dir()
    return {p.stem: parse_named_query(p) for p in sorted(folder.glob("*.rq"))}


def named_query(name: str) -> NamedQuery:
    path = queries_dir() / f"{name}.rq"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) or not path.is_file():
        known = ", ".join(named_queries()) or "none"
        raise QueryError(f"no named query {name!r} (known: {known})")
    return parse_named_query(path)


_PARAM_LINE = re.compile(r"@param\s+(\w+)\s+(\w+)\s+(required|optional)\s*(.*)")


def parse_named_query(path: Path) -> NamedQuery:
    """Read `path`: a comment header (description, `@param`, `@example` lines), then the query.

        # The actors an actor spoke with …
        #
        # @param actor node required  label, alias, IRI or Wikidata Q-id
        # @example kg query --named spoke-with --param actor=Putin
    """
    text = path.read_text(encoding="utf-8")
    desc: list[str] = []
    params: list[Param] = []
    examples: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        if body.startswith("@param"):
            m = _PARAM_LINE.match(body)
            if not m or m.group(2) not in PARAM_KINDS:
                raise QueryError(f"{path.name}: bad @param line {body!r} "
                                 f"(expected: @param NAME KIND required|optional HELP; kinds: {', '.join(PARAM_KINDS)})")
            params.append(Param(m.group(1), m.group(2), m.group(3) == "required", m.group(4).strip()))
        elif body.startswith("@example"):
            examples.append(body[len("@example"):].strip())
        elif body and not params and not examples:
            desc.append(body)
    for m in _IF_LINE.finditer(text):
        p = next((p for p in params if p.name == m.group(1)), None)
        if p is None or p.required:
            raise QueryError(f"{path.name}: `# @if {m.group(1)}` needs an optional parameter of that name")
    for p in params:
        if not _placeholder(p.name).search(text):
            raise QueryError(f"{path.name}: parameter {p.name!r} needs a "
                             f"placeholder `VALUES ?{p.name} {{ UNDEF }}`")
    return NamedQuery(path.stem, " ".join(desc), tuple(params), text, path, tuple(examples))


# A body line ending in `# @if NAME` is only kept when parameter NAME is given: a filter that
# would otherwise match everything can then be left out (Oxigraph plans the two differently).
_IF_LINE = re.compile(r"^(?!\s*#).*#\s*@if\s+(\w+)\s*$", re.M)


def drop_unset(text: str, given: Iterable[str]) -> str:
    """`text` without the `# @if NAME` lines whose parameter is not in `given`."""
    given = set(given)
    return _IF_LINE.sub(lambda m: "" if m.group(1) not in given else m.group(0), text)


def _placeholder(name: str) -> re.Pattern:
    return re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{\s*UNDEF\s*\}")


def placeholders(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of each `VALUES ?name { UNDEF }` in `text` outside strings,
    comments and IRIs (kg.store.guard tokenizes the text as the engine does)."""
    from kg.store.guard import tokens
    toks = [t for t in tokens(text) if t.kind != "comment"]
    shape = ("word", "var", "op", "word", "op")
    out = []
    for i in range(len(toks) - 4):
        five = toks[i:i + 5]
        if tuple(t.kind for t in five) == shape and five[0].text.upper() == "VALUES" \
                and five[2].text == "{" and five[3].text.upper() == "UNDEF" and five[4].text == "}":
            out.append((five[1].text[1:], five[0].start, five[4].start + 1))
    return out


def bind(text: str, values: dict[str, list[Any]]) -> str:
    """`text` with the placeholders `VALUES ?name { UNDEF }` replaced by the given terms.

    Terms are pyoxigraph terms; their N-Triples form (escaped, validated) is valid SPARQL.
    All placeholders are found in the original text first and replaced in one pass, so a
    value never lands where a later parameter is looked for: no value can break out of
    its literal, whatever it holds.
    """
    found = placeholders(text)
    for name, terms in values.items():
        if not any(n == name for n, _, _ in found):
            raise QueryError(f"the query has no placeholder `VALUES ?{name} {{ UNDEF }}` for parameter {name!r}")
        if not terms:
            raise QueryError(f"parameter {name!r}: no value")
    parts: list[str] = []
    at = 0
    for name, start, end in found:
        if name not in values:
            continue
        rendered = "VALUES ?" + name + " { " + " ".join(str(_check_term(t)) for t in values[name]) + " }"
        parts += [text[at:start], rendered]
        at = end
    return "".join(parts) + text[at:]


def _check_term(term: Any) -> Any:
    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise TypeError(f"cannot bind {term!r}")
    return term


@dataclass
class Bound:
    query: str
    notes: list[str]                  # e.g. which nodes an actor name matched


def bind_named(source: Source, nq: NamedQuery, raw: dict[str, str]) -> Bound:
    """Resolve the user's `raw` parameter values for named query `nq` and bind them."""
    unknown = sorted(set(raw) - {p.name for p in nq.params})
    if unknown:
        takes = ", ".join(p.name for p in nq.params) or "no parameters"
        raise QueryError(f"{nq.name}: unknown parameter {unknown[0]!r} (takes: {takes})")
    values: dict[str, list[Any]] = {}
    notes: list[str] = []
    for p in nq.params:
        if p.name not in raw:
            if p.required:
                raise QueryError(f"{nq.name}: parameter {p.name!r} is required ({p.help}); "
                                 f"give it with --param {p.name}=VALUE")
            continue
        values[p.name] = resolve_param(source, p, raw[p.name], notes)
    return Bound(bind(drop_unset(nq.text, values), values), notes)


def bind_adhoc(text: str, raw: dict[str, str]) -> str:
    """Parameters of an ad-hoc query: `<IRI>` binds an IRI, anything else a plain literal."""
    values = {}
    for name, value in raw.items():
        v = value.strip()
        values[name] = [_iri(v[1:-1], name) if v.startswith("<") and v.endswith(">") else ox.Literal(value)]
    return bind(text, values)


def resolve_param(source: Source, p: Param, value: str, notes: list[str]) -> list[Any]:
    v = value.strip()
    if not v:
        raise QueryError(f"parameter {p.name!r} is empty")
    if p.kind in ("node", "event"):
        nodes = resolve_node(source, v)
        if not nodes:
            near = similar_nodes(source, v)
            raise QueryError(f"parameter {p.name}: nothing in the graph is called {value!r} "
                             "(tried labels, aliases ignoring case, IRIs and Wikidata ids)"
                             + (f"; names that contain it: {_listing(near)}" if near else ""))
        if len(nodes) > 1:
            notes.append(f"{p.name}={value!r} matches {len(nodes)} nodes: {_listing(nodes)}")
        if p.kind == "event":
            _check_events(source, p, value, nodes, notes)
        return [ox.NamedNode(iri) for iri, _ in nodes]
    if p.kind == "modality":
        hedged = {"hedged": ("possible", "planned", "conditional")}
        return [ox.NamedNode(DK + _camel(m, upper=True)) for m in _choices(v, MODALITIES, p.name, "modality", hedged)]
    if p.kind == "relation":
        return [ox.NamedNode(DK + _camel(r)) for r in _choices(v, RELATION_TYPES, p.name, "relation")]
    if p.kind == "role":
        return [ox.NamedNode(DK + _camel(r, upper=True)) for r in _choices(v, ROLES, p.name, "role")]
    if p.kind == "date":
        try:
            return [ox.Literal(date.fromisoformat(v).isoformat(), datatype=ox.NamedNode(XSD + "date"))]
        except ValueError:
            raise QueryError(f"parameter {p.name}: bad date {value!r} (expected YYYY-MM-DD)") from None
    if p.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", v):
            raise QueryError(f"parameter {p.name}: expected a whole number, got {value!r}")
        return [ox.Literal(str(int(v)), datatype=ox.NamedNode(XSD + "integer"))]
    if p.kind == "iri":
        return [_iri(v.strip("<>"), p.name)]
    return [ox.Literal(value)]


def _listing(nodes: list[tuple[str, str]]) -> str:
    return ", ".join(f"{compact(iri)} ({label})" if label else compact(iri) for iri, label in nodes)


def _check_events(source: Source, p: Param, value: str, nodes: list[tuple[str, str]], notes: list[str]) -> None:
    """A note when what `value` names is not an event (`G20` the organisation, not the summit)."""
    rows = source.query(bind("SELECT ?node ?type WHERE { VALUES ?node { UNDEF } ?node a ?type }",
                             {"node": [ox.NamedNode(iri) for iri, _ in nodes]})).values()
    if any(r["type"] == DK + "Event" for r in rows):
        return
    kinds = ", ".join(sorted({compact(r["type"]) for r in rows})) or "no type"
    events = similar_nodes(source, value, DK + "Event")
    notes.append(f"{p.name}={value!r} matches {_listing(nodes)}, of type {kinds}, not an event (dk:Event)"
                 + (f"; events whose name contains it: {_listing(events)}" if events else "; no event's name contains it"))


_SIMILAR = """
SELECT DISTINCT ?node ?label WHERE {
  VALUES ?needle { UNDEF }
  VALUES ?type { UNDEF }
  ?node rdfs:label ?label .
  OPTIONAL { ?node skos:altLabel ?alt }
  ?node a ?type .
  FILTER (CONTAINS(LCASE(STR(?label)), ?needle) || CONTAINS(LCASE(STR(?alt)), ?needle))
} ORDER BY ?label LIMIT 6"""


def similar_nodes(source: Source, text: str, type_iri: str | None = None) -> list[tuple[str, str]]:
    """Nodes whose label or an alias contains `text` (ignoring case): candidates for a
    message, never a match (`Moon` must not silently become Ban Ki-moon)."""
    values: dict[str, list[Any]] = {"needle": [ox.Literal(text.strip().lower())]}
    if type_iri:
        values["type"] = [ox.NamedNode(type_iri)]
    rows = source.query(bind(_SIMILAR, values)).values()
    return list(dict.fromkeys((r["node"], r.get("label", "")) for r in rows))


def _choices(value: str, known: tuple[str, ...], pname: str, what: str,
             groups: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """`value` as a list of known names; accepts a comma-separated list and camelCase."""
    out: list[str] = []
    lookup = {k: k for k in known} | {_camel(k).lower(): k for k in known}
    for part in (s.strip() for s in value.split(",")):
        key = part.lower().removeprefix("dk:")
        if groups and key in groups:
            out.extend(groups[key])
        elif key in lookup:
            out.append(lookup[key])
        else:
            extra = f", {', '.join(groups)}" if groups else ""
            raise QueryError(f"parameter {pname}: unknown {what} {part!r} (known: {', '.join(known)}{extra})")
    return list(dict.fromkeys(out))


def _camel(name: str, upper: bool = False) -> str:
    head, *rest = name.split("-")
    out = head + "".join(w.title() for w in rest)
    return out[:1].upper() + out[1:] if upper else out


def _iri(value: str, pname: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"parameter {pname}: not a valid IRI {value!r} ({exc})") from None


_RESOLVE_EXACT = """
SELECT DISTINCT ?node ?label WHERE {
  VALUES ?name { UNDEF }
  { ?node rdfs:label ?name } UNION { ?node skos:altLabel ?name }
  OPTIONAL { ?node rdfs:label ?label }
}"""

_RESOLVE_FOLD = """
SELECT DISTINCT ?node ?label WHERE {
  VALUES ?folded { UNDEF }
  { ?node rdfs:label ?name } UNION { ?node skos:altLabel ?name }
  FILTER (LCASE(STR(?name)) = ?folded)
  OPTIONAL { ?node rdfs:label ?label }
}"""

_RESOLVE_IRI = """
SELECT DISTINCT ?node ?label WHERE {
  VALUES ?node { UNDEF }
  ?node ?p ?o .
  OPTIONAL { ?node rdfs:label ?label }
}"""

_RESOLVE_QID = """
SELECT DISTINCT ?node ?label WHERE {
  VALUES ?entity { UNDEF }
  ?node owl:sameAs ?entity .
  OPTIONAL { ?node rdfs:label ?label }
}"""


def resolve_node(source: Source, text: str) -> list[tuple[str, str]]:
    """The nodes `text` names, as (IRI, label) pairs, best match first.

    Tried in turn: a full IRI (`https://…`, `<…>`) or a `res:`/knowledge-base key
    (`person/vladimir-putin`); a Wikidata id (`Q7747`, `wd:Q7747`); a label or alias as
    written or in title, lower or upper case; a label or alias ignoring case.  Each step
    is a query with the text bound as an escaped literal or a validated IRI.
    """
    t = text.strip()

    def run(query: str, var: str, *terms: Any) -> list[tuple[str, str]]:
        rows = source.query(bind(query, {var: list(terms)})).values()
        out: dict[str, str] = {}
        for r in rows:
            out.setdefault(r["node"], r.get("label", ""))
        return sorted(out.items(), key=lambda kv: (kv[1] == "", kv[1], kv[0]))

    if re.match(r"<?https?://", t):
        return run(_RESOLVE_IRI, "node", _iri(t.strip("<>"), "node")) or [(t.strip("<>"), "")]
    qid = re.fullmatch(r"(?:wd:)?(Q\d+)", t, re.I)
    if qid:
        found = run(_RESOLVE_QID, "entity", ox.NamedNode(WD + qid.group(1).upper()))
        if found:
            return found
    key = t.removeprefix("res:")
    kind_key = re.fullmatch(r"(person|country|org|group|place|event):(\S+)", key)
    if kind_key:
        key = f"{kind_key.group(1)}/{kind_key.group(2)}"
    if re.fullmatch(r"[a-z][a-z0-9-]*/[^\s<>\"{}|\\^`]+", key):
        found = run(_RESOLVE_IRI, "node", ox.NamedNode(RESOURCE + key))
        if found:
            return found
    # As written and in the usual cases first (index lookups), then ignoring case (a scan).
    variants = dict.fromkeys([t, t.title(), t.capitalize(), t.lower(), t.upper()])
    found = run(_RESOLVE_EXACT, "name", *[ox.Literal(v) for v in variants])
    if found:
        return found
    return run(_RESOLVE_FOLD, "folded", ox.Literal(t.lower()))


def run_named(source: Source, name: str, params: dict[str, str] | None = None) -> tuple[Result, list[str]]:
    nq = named_query(name)
    bound = bind_named(source, nq, params or {})
    return source.query(bound.query), bound.notes


# --- output --------------------------------------------------------------------------------

_PN_LOCAL = re.compile(r"[\w](?:[\w.-]*[\w-])?")


def compact(iri: str) -> str:
    """`iri` as SPARQL accepts it pasted back: a prefixed name of a predeclared prefix
    (the longest that fits) when the rest is a valid local name, else `<iri>`."""
    best = max((p for p, ns in PREFIXES.items() if iri.startswith(ns) and len(iri) > len(ns)),
               key=lambda p: len(PREFIXES[p]), default=None)
    if best is not None and _PN_LOCAL.fullmatch(iri[len(PREFIXES[best]):]):
        return f"{best}:{iri[len(PREFIXES[best]):]}"
    return f"<{iri}>"


def plain(term: Any, *, short: bool = False) -> str:
    """A term for people: IRIs (compacted when `short`), lexical forms, `_:id` blank nodes."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value) if short else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def write_result(result: Result, fmt: str, out: TextIO, *, max_width: int = 60, neutralise: bool = True) -> int:
    """Write `result` to `out` in `fmt`; returns the number of rows (or triples) written.

    CSV and TSV cells that a spreadsheet would run as formulas get a leading `'` unless
    not `neutralise` (kg.exporters.cells)."""
    if fmt not in FORMATS:
        from kg.errors import FormatError
        raise FormatError(f"unknown result format {fmt!r} (known: {', '.join(FORMATS)})")
    if result.kind == "graph":
        if fmt in ("csv", "tsv", "xml"):
            raise QueryError(f"a CONSTRUCT or DESCRIBE query gives triples, not a table: "
                             f"use --format turtle, ntriples or table, not {fmt}")
        return _write_triples(result.triples, "ntriples" if fmt == "ntriples" else "turtle", out)
    if fmt in GRAPH_FORMATS:
        raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries; "
                         f"use table, csv, tsv, json or xml")
    if fmt == "table":
        return _write_table(result, out, max_width)
    n = 0
    for chunk in serialize(result, fmt, neutralise=neutralise):
        out.write(chunk)
        n += 1
    return max(n - 2, 0) if result.kind == "select" else 1


def serialize(result: Result, fmt: str, *, neutralise: bool = False) -> Iterator[str]:
    """SPARQL 1.1 results in `fmt` (json, xml, csv, tsv), streamed one row at a time.

    Yields a header chunk, one chunk per row, and a footer chunk (maybe empty).  With
    `neutralise`, CSV and TSV cells are made spreadsheet-safe (`kg query` does it; the
    endpoint does not, since programs read its answers).
    """
    from kg.exporters.cells import neutralise as safe
    cell = safe if neutralise else (lambda text: text)
    if result.kind == "ask":
        yield from _ask(result.boolean, fmt)
        return
    if fmt == "json":
        yield json.dumps({"head": {"vars": result.variables}})[:-1] + ', "results": {"bindings": [\n'
        first = True
        for row in result.rows:
            b = {v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
            yield ("" if first else ",\n") + json.dumps(b, ensure_ascii=False)
            first = False
        yield "\n]}}\n"
    elif fmt == "xml":
        head = "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables)
        yield ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
               f"<head>{head}</head><results>\n")
        for row in result.rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(result.variables, row) if t is not None)
            yield f"<result>{cells}</result>\n"
        yield "</results></sparql>\n"
    elif fmt == "csv":
        yield _csv_line(result.variables)
        for row in result.rows:
            yield _csv_line([cell(plain(t)) for t in row])
        yield ""
    elif fmt == "tsv":
        yield "\t".join("?" + v for v in result.variables) + "\n"
        for row in result.rows:
            yield "\t".join("" if t is None else _tsv_term(t, neutralise) for t in row) + "\n"
        yield ""
    else:
        raise QueryError(f"no SPARQL results format {fmt!r}")


def _tsv_term(t: Any, neutralise: bool) -> str:
    """A TSV cell: the term in N-Triples form; with `neutralise`, a literal's lexical form
    gets the spreadsheet-safe quote inside its own quotes (a spreadsheet strips those)."""
    if neutralise and isinstance(t, ox.Literal):
        from kg.exporters.cells import neutralise as safe
        value = safe(t.value)
        if value != t.value:
            t = ox.Literal(value, language=t.language) if t.language else ox.Literal(value, datatype=t.datatype)
    return str(t)


def _ask(value: bool | None, fmt: str) -> Iterator[str]:
    text = "true" if value else "false"
    if fmt == "json":
        yield json.dumps({"head": {}, "boolean": bool(value)}) + "\n"
    elif fmt == "xml":
        yield ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
               f"<head/><boolean>{text}</boolean></sparql>\n")
    else:
        yield text + "\n"


def _json_term(t: Any) -> dict[str, str]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD + "string":
            d["datatype"] = t.datatype.value
        return d
    return {"type": "literal", "value": str(t)}


def _xml_term(t: Any) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{xml_escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{xml_escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{xml_escape(t.value)}</literal>"
        if t.datatype.value != XSD + "string":
            return f"<literal datatype={quoteattr(t.datatype.value)}>{xml_escape(t.value)}</literal>"
        return f"<literal>{xml_escape(t.value)}</literal>"
    return f"<literal>{xml_escape(str(t))}</literal>"


def _csv_line(cells: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(cells)
    return buf.getvalue()


def _write_table(result: Result, out: TextIO, max_width: int) -> int:
    if result.kind == "ask":
        out.write(("true" if result.boolean else "false") + "\n")
        return 1
    cols = result.variables
    rows = [[_cell(plain(t, short=True), max_width) for t in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out.write(line(cols) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in rows:
        out.write(line(r) + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return len(rows)


def _cell(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if width <= 0 or len(text) <= width else text[:width - 1] + "…"


def _write_triples(triples: Iterable[ox.Triple], fmt: str, out: TextIO) -> int:
    triples = list(triples)
    out.write(serialize_triples(triples, fmt).decode("utf-8"))
    return len(triples)


def serialize_triples(triples: list[ox.Triple], fmt: str) -> bytes:
    """Triples as Turtle (with the model's prefixes), N-Triples or RDF/XML."""
    if fmt == "ntriples":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    rdf = ox.RdfFormat.RDF_XML if fmt == "rdfxml" else ox.RdfFormat.TURTLE
    return ox.serialize(triples, format=rdf, prefixes=turtle_prefixes(triples))


def turtle_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    """PREFIXES, with one prefix per resource kind (`person:`) instead of `res:`.

    Resource keys hold a slash, which a Turtle prefixed name can only write escaped
    (`res:person\\/donald-trump`); `person:donald-trump` reads better.
    """
    out = {p: ns for p, ns in PREFIXES.items() if not ns.startswith(RESOURCE)}
    for t in triples:
        for term in (t.subject, t.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(RESOURCE):
                kind, sep, _ = term.value[len(RESOURCE):].partition("/")
                if sep and re.fullmatch(r"[A-Za-z][\w-]*", kind) and kind not in out:
                    out[kind] = RESOURCE + kind + "/"
    return out


# --- opening a source ----------------------------------------------------------------------

class _Opened:
    """Context manager for `open_source`: closes an on-disk store afterwards."""

    def __init__(self, source: Source, closer=None):
        self.source = source
        self._closer = closer

    def __enter__(self) -> Source:
        return self.source

    def __exit__(self, *exc) -> None:
        if self._closer:
            self._closer()


def open_source(*, graph: str | Path | None = None, store: str | Path | None = None,
                endpoint: str | None = None, **endpoint_options) -> _Opened:
    """The one source named: a graph file, a store folder or an endpoint URL."""
    given = [x for x in (graph, store, endpoint) if x]
    if len(given) != 1:
        raise QueryError("name one source: --graph FILE, --store DIR or --endpoint URL")
    if graph:
        from kg.store.database import load_file
        return _Opened(LocalSource(load_file(graph), str(graph)))
    if store:
        from kg.store.database import Store
        st = Store(store, read_only=True)
        return _Opened(LocalSource(st.ox, str(store)), st.close)
    return _Opened(EndpointSource(str(endpoint), **endpoint_options))


def query_graph(g, text: str) -> Result:
    """Run `text` over a networkx graph (its RDF mapping), in memory: for tests and scripts."""
    from kg.store.database import graph_quads, with_union
    st = ox.Store()
    st.extend(with_union(graph_quads(g)))
    return LocalSource(st).query(text)


def _one_line(exc: BaseException | str) -> str:
    return " ".join(str(exc).split())
