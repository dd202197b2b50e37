"""CSV nodes and edges for Neo4j (`neo4j-admin database import` headers; `LOAD CSV`).

`kg export GRAPH --format csv --out OUT` writes two files:
  OUT ends in `.csv` (`out/graph.csv`)  ->  `out/graph-nodes.csv`, `out/graph-edges.csv`
  otherwise (`out/neo4j`)               ->  the folder `out/neo4j/` with `nodes.csv`, `edges.csv`

nodes: iri:ID, :LABEL (the type), key, label, type, wikidata, aliases:string[], articles:string[], place, date
edges: :START_ID, :END_ID, :TYPE (ALLY_OF, SPOKE_WITH, …), id, type, modality, date, place,
       role, evidence, confidence:float, rule, article, plover, plover_mode, cameo

Arrays are joined with `;` (neo4j-admin's default array delimiter); an empty cell is null.
Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` …) get a leading `'`
unless `neutralise=False` (kg.exporters.cells); `read_csv` takes it off again.
Import:  neo4j-admin database import full --nodes=graph-nodes.csv --relationships=graph-edges.csv
LOAD CSV: LOAD CSV WITH HEADERS FROM 'file:///graph-nodes.csv' AS row
          MERGE (n:Actor {iri: row.`iri:ID`}) SET n.label = row.label, n.type = row.type
"""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from kg.atomic import atomic_open
from kg.errors import GraphError
from kg.exporters.cells import neutralise as _safe
from kg.exporters.cells import restore
from kg.graph.network import article_iri, new_graph

SEP = ";"
NODE_HEADER = ("iri:ID", ":LABEL", "key", "label", "type", "wikidata", "aliases:string[]",
               "articles:string[]", "place", "date")
EDGE_HEADER = (":START_ID", ":END_ID", ":TYPE", "id", "type", "modality", "date", "place", "role",
               "evidence", "confidence:float", "rule", "article", "plover", "plover_mode", "cameo")


def paths(path: str | Path) -> tuple[Path, Path]:
    """The nodes and edges files `write_csv(g, path)` writes."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return path.with_name(f"{path.stem}-nodes.csv"), path.with_name(f"{path.stem}-edges.csv")
    return path / "nodes.csv", path / "edges.csv"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return SEP.join(value)
    return str(value)


def relationship_type(type_: str) -> str:
    return type_.upper().replace("-", "_")


def write_csv(g: nx.MultiDiGraph, path: Path, *, neutralise: bool = True) -> None:
    nodes_path, edges_path = paths(path)
    safe = _safe if neutralise else (lambda cell: cell)
    # Both files are complete before either replaces an old one.
    with atomic_open(nodes_path, "w") as nf, atomic_open(edges_path, "w") as ef:
        w = csv.writer(nf, lineterminator="\n")
        w.writerow(NODE_HEADER)
        for node, d in sorted(g.nodes(data=True)):
            w.writerow([safe(c) for c in [node, d.get("type") or ""] + [_cell(d.get(k)) for k in
                       ("key", "label", "type", "wikidata", "aliases", "articles", "place", "date")]])
        w = csv.writer(ef, lineterminator="\n")
        w.writerow(EDGE_HEADER)
        for u, v, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: str(e[2])):
            w.writerow([safe(c) for c in [u, v, relationship_type(d.get("type") or ""), str(key)] + [_cell(d.get(k)) for k in
                       ("type", "modality", "date", "place", "role", "evidence", "confidence", "rule", "article",
                        "plover", "plover_mode", "cameo")]])


def _restored(row: dict[str, str]) -> dict[str, str]:
    return {k: restore(v) if isinstance(v, str) else v for k, v in row.items()}


def read_csv(path: str | Path) -> nx.MultiDiGraph:
    """Read back the two files of `write_csv` (for tests and round trips)."""
    nodes_path, edges_path = paths(path)
    for p in (nodes_path, edges_path):
        if not p.is_file():
            raise GraphError(f"{p}: no such CSV file")
    g = new_graph()

    def opt(x: str):
        return x if x != "" else None

    try:
        with open(nodes_path, encoding="utf-8", newline="") as fh:
            for row in map(_restored, csv.DictReader(fh)):
                g.add_node(row["iri:ID"], key=opt(row["key"]), label=opt(row["label"]), type=opt(row["type"]),
                           wikidata=opt(row["wikidata"]),
                           aliases=[a for a in row["aliases:string[]"].split(SEP) if a],
                           articles=[a for a in row["articles:string[]"].split(SEP) if a],
                           place=opt(row["place"]), date=opt(row["date"]))
        with open(edges_path, encoding="utf-8", newline="") as fh:
            for row in map(_restored, csv.DictReader(fh)):
                conf = opt(row["confidence:float"])
                g.add_edge(row[":START_ID"], row[":END_ID"], key=row["id"], type=opt(row["type"]),
                           modality=opt(row["modality"]), date=opt(row["date"]), place=opt(row["place"]),
                           role=opt(row["role"]), evidence=row["evidence"],
                           confidence=float(conf) if conf is not None else None, rule=row["rule"],
                           article=opt(row["article"]),
                           # files written before the event codes have no such columns
                           **{k: opt(row.get(k) or "") for k in ("plover", "plover_mode", "cameo")})
    except (KeyError, ValueError, csv.Error) as exc:
        raise GraphError(f"{nodes_path.parent}: not CSV files of this tool ({exc})") from None
    ids = {a for _, d in g.nodes(data=True) for a in d["articles"]}
    ids |= {d["article"] for _, _, d in g.edges(data=True) if d.get("article")}
    g.graph["articles"] = {a: {"id": a, "iri": article_iri(a), "title": "", "language": None,
                               "published": None, "source": ""} for a in sorted(ids)}
    return g
