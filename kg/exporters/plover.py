"""PLOVER event records: one JSON object per statement, one per line (`kg export --format plover`).

The fields are those of the PLOVER manual's JSON table (tests/data/plover/PLOVER_MANUAL.tex,
"PLOVER JSON", "Information object for entities", "… for citations"), as POLECAT writes
them; the mapping from the graph is in ontology/README.md ("PLOVER export") and the records
are checked against `ontology/plover.schema.json`.  `holds-role` statements are no events
and give no record; nor does an edge without codes (a graph built before issue 14), nor one
with no date at all (neither its own nor the article's publication date).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import networkx as nx

from kg.atomic import write_text
from kg.extract.codes import PLOVER_QUAD
from kg.extract.kb import load as load_kb
from kg.graph.network import RESOURCE
from kg.graph.rdf import statement_iri
from kg.resources import data_dir

CODEBOOK = "plover-2.0 (dipkg subset: categories of kg/data/<lang>/codes.json)"
PLACE_TYPES = ("Place", "Event", "Country")


@lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    raw = json.loads((data_dir() / "iso3.json").read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def _country_code(key: str | None) -> str | None:
    if key and key.startswith("country/"):
        return _iso3().get(key.split("/", 1)[1].upper())
    return None


def actor_code(g: nx.MultiDiGraph, node: str) -> str | None:
    """The PLOVER top-level code of a node: a country's ISO 3166-1 alpha-3, the country a
    person serves (in this graph, else in the knowledge base), a national organisation's or
    place's country, `IGO` for an intergovernmental organisation."""
    key = g.nodes[node].get("key") or node.removeprefix(RESOURCE)
    if key.startswith("country/"):
        return _country_code(key)
    served = [v for _, v, d in g.out_edges(node, data=True) if d.get("type") == "holds-role"]
    for v in served:
        code = _country_code(g.nodes[v].get("key") if v in g else None)
        if code:
            return code
    if g.nodes[node].get("type") == "Event" and g.nodes[node].get("place") in g:
        return actor_code(g, g.nodes[node]["place"])       # a summit: the country of its venue
    actor = load_kb().actors.get(key)
    if actor is None:
        return None
    if actor.kind == "intergovernmental":
        return "IGO"
    if actor.country:
        return _country_code(actor.country)
    return next((c for c in (_country_code(of) for _, of, _, _ in actor.roles) if c), None)


def _entity(g: nx.MultiDiGraph, node: str) -> dict:
    d = g.nodes[node] if node in g else {}
    out = {"entity_text": d.get("label") or node.rsplit("/", 1)[-1], "code": actor_code(g, node) if node in g else None,
           "identifier_id": d.get("wikidata"), "identifier_text": d.get("label"),
           "entity_type": d.get("type"), "iri": node}
    return {k: v for k, v in out.items() if v is not None}


def _date(edge_date: str | None, published: str | None) -> tuple[str | None, str]:
    """PLOVER wants YYYY-MM-DD: the statement's own date; a month or year padded to its first
    day (as ICEWS and GDELT do), `date_precision` saying so; without one, the publication's."""
    if edge_date and re.fullmatch(r"\d{4}(-\d{2}){0,2}", edge_date):
        precision, pad = {10: ("day", ""), 7: ("month", "-01"), 4: ("year", "-01-01")}[len(edge_date)]
        return edge_date + pad, precision
    return published, "publication"


def _location(g: nx.MultiDiGraph, u: str, v: str, d: dict) -> dict | None:
    place = d.get("place") or (v if d.get("type") == "met-at" else None)
    if not place or place not in g or g.nodes[place].get("type") not in PLACE_TYPES:
        return None
    label = g.nodes[place].get("label")
    out = {"extracted_place": label, "resolved_place": label, "country_code": actor_code(g, place),
           "identifier_id": g.nodes[place].get("wikidata"), "iri": place}
    return {k: val for k, val in out.items() if val is not None}


def _source(source: str | None) -> dict:
    """An article's source is a URL, or the publication (or file) it came from."""
    if not source:
        return {}
    return {"url": source} if re.match(r"https?://", source) else {"publication": source}


def record(g: nx.MultiDiGraph, u: str, v: str, key: str, d: dict) -> dict | None:
    """One PLOVER record of one edge, or None for an edge that is no coded event."""
    if not d.get("plover") or d.get("type") == "holds-role":
        return None
    aid = d.get("article") or ""
    art = (g.graph.get("articles") or {}).get(aid) or {}
    when, precision = _date(d.get("date"), art.get("published"))
    if when is None:
        return None         # PLOVER requires a date: no statement date and no publication date
    stmt = statement_iri(aid, d["type"], u, v, None, d.get("modality") or "asserted")
    out = {
        "id": f"dipkg-{stmt.rsplit('/', 1)[-1]}", "date": when, "date_precision": precision,
        "actor": [_entity(g, u)], "recipient": [_entity(g, v)],
        "event": [d["plover"]], "mode": [d["plover_mode"]] if d.get("plover_mode") else [],
        "context": [], "quad_code": PLOVER_QUAD[d["plover"]], "cameo": d.get("cameo"),
        "event_loc": _location(g, u, v, d), "text": d.get("evidence") or None,
        "cite_info": {k: val for k, val in {
            "corpus": "dipkg", "citation": aid, **_source(art.get("source")),
            "title": art.get("title") or None, "language": art.get("language"),
            "coder": "dipkg (rule-based, kg.extract.codes)", "codebook": CODEBOOK}.items() if val},
        "statement": stmt, "relation": d["type"], "modality": d.get("modality"),
        "confidence": d.get("confidence"),
    }
    return {k: val for k, val in out.items() if val is not None}


def records(g: nx.MultiDiGraph) -> list[dict]:
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: str(e[2]))
    return [r for r in (record(g, u, v, k, d) for u, v, k, d in edges) if r is not None]


def write_plover(g: nx.MultiDiGraph, path: Path) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in records(g)]
    write_text(path, "".join(line + "\n" for line in lines))
