"""CSV nodes, edges and articles for Neo4j (`neo4j-admin database import` headers; `LOAD CSV`) and kuzu.

`kg export GRAPH --format csv --out OUT` writes three files:
  OUT ends in `.csv` (`out/graph.csv`)  ->  `out/graph-nodes.csv`, `out/graph-edges.csv`, `out/graph-articles.csv`
  otherwise (`out/neo4j`)               ->  the folder `out/neo4j/` with `nodes.csv`, `edges.csv`, `articles.csv`
`--bom` starts each file with a UTF-8 byte-order mark, so Excel reads "Erdoğan" as such.

nodes: iri:ID, :LABEL (the type), key, label, type, wikidata, aliases:string[], articles:string[], place, date
edges: :START_ID, :END_ID, :TYPE (ALLY_OF, SPOKE_WITH, …), id, type, modality, date, place,
       role, evidence, confidence:float, rule, article, plover, plover_mode, cameo, trigger   (every edge: its evidence and article id)
articles: id, title, url, published, language, source

Arrays are joined with `;` (neo4j-admin's default array delimiter); an empty cell is null.
Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` …) get a leading `'`
unless `neutralise=False` (kg.exporters.cells); `read_csv` takes it off again.
Neo4j:  neo4j-admin database import full --nodes=graph-nodes.csv --relationships=graph-edges.csv \
            --nodes=Article=graph-articles.csv
LOAD CSV: LOAD CSV WITH HEADERS FROM 'file:///graph-nodes.csv' AS row
          MERGE (n:Actor {iri: row.`iri:ID`}) SET n.label = row.label, n.type = row.type,
                n.aliases = split(row.`aliases:string[]`, ';')
kuzu reads a `name:TYPE` header as its own type declaration, so it loads the files with
`LOAD WITH HEADERS` and splits the lists itself: `kuzu_statements()` gives the schema and
COPY statements (the tests run them with the kuzu package).
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
               "evidence", "confidence:float", "rule", "article", "plover", "plover_mode", "cameo", "trigger")
ARTICLE_HEADER = ("id", "title", "url", "published", "language", "source")


def paths(path: str | Path) -> tuple[Path, Path]:
    """The nodes and edges files `write_csv(g, path)` writes."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return path.with_name(f"{path.stem}-nodes.csv"), path.with_name(f"{path.stem}-edges.csv")
    return path / "nodes.csv", path / "edges.csv"


def articles_path(path: str | Path) -> Path:
    """The articles file `write_csv(g, path)` writes beside the nodes and edges."""
    path = Path(path)
    return path.with_name(f"{path.stem}-articles.csv") if path.suffix.lower() == ".csv" else path / "articles.csv"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return SEP.join(value)
    return str(value)


def relationship_type(type_: str) -> str:
    return type_.upper().replace("-", "_")


def write_csv(g: nx.MultiDiGraph, path: Path, *, neutralise: bool = True, bom: bool = False) -> None:
    nodes_path, edges_path = paths(path)
    safe = _safe if neutralise else (lambda cell: cell)
    # Excel takes UTF-8 for what it is only after a byte-order mark.
    encoding = "utf-8-sig" if bom else "utf-8"
    # All files are complete before any replaces an old one.
    with atomic_open(nodes_path, "w", encoding=encoding) as nf, \
            atomic_open(edges_path, "w", encoding=encoding) as ef, \
            atomic_open(articles_path(path), "w", encoding=encoding) as af:
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
                        "plover", "plover_mode", "cameo", "trigger")]])
        _write_articles(csv.writer(af, lineterminator="\n"), g.graph.get("articles") or {}, safe)


def _restored(row: dict[str, str]) -> dict[str, str]:
    return {k: restore(v) if isinstance(v, str) else v for k, v in row.items()}


def _write_articles(w, articles: dict, safe=lambda cell: cell) -> None:
    w.writerow(ARTICLE_HEADER)
    for a in sorted(articles):
        meta = articles[a]
        source = meta.get("source") or ""
        url = source if source.lower().startswith(("http://", "https://")) else ""
        w.writerow([safe(c) for c in [_cell(a), _cell(meta.get("title")), url, _cell(meta.get("published")),
                                      _cell(meta.get("language")), _cell(source)]])


def kuzu_statements(folder_or_out: str | Path) -> list[str]:
    """The kuzu schema and COPY statements that load the files `write_csv` wrote.

    kuzu would take `aliases:string[]` in the header as a list in its own `[a,b]` syntax,
    so the files are read with declared columns and the `;`-joined lists are split."""
    nodes_path, edges_path = (p.as_posix() for p in paths(folder_or_out))
    arts = articles_path(folder_or_out).as_posix()

    def split(col: str) -> str:
        return f"CASE WHEN {col} IS NULL OR {col} = '' THEN CAST([] AS STRING[]) ELSE string_split({col}, ';') END"

    return [
        "CREATE NODE TABLE Actor(iri STRING, key STRING, label STRING, type STRING, wikidata STRING, "
        "aliases STRING[], articles STRING[], place STRING, date STRING, PRIMARY KEY(iri))",
        "CREATE NODE TABLE Article(id STRING, title STRING, url STRING, published STRING, language STRING, "
        "source STRING, PRIMARY KEY(id))",
        "CREATE REL TABLE Relation(FROM Actor TO Actor, id STRING, type STRING, modality STRING, date STRING, "
        "place STRING, role STRING, evidence STRING, confidence DOUBLE, rule STRING, article STRING, "
        "plover STRING, plover_mode STRING, cameo STRING, trigger STRING)",
        "COPY Actor FROM (LOAD WITH HEADERS (iri STRING, neo4j_label STRING, key STRING, label STRING, "
        "type STRING, wikidata STRING, aliases STRING, articles STRING, place STRING, date STRING) "
        f"FROM '{nodes_path}' (header=true, parallel=false) RETURN iri, key, label, type, wikidata, "
        f"{split('aliases')}, {split('articles')}, place, date)",
        f"COPY Article FROM '{arts}' (header=true, parallel=false)",
        "COPY Relation FROM (LOAD WITH HEADERS (source STRING, target STRING, neo4j_type STRING, id STRING, "
        "type STRING, modality STRING, date STRING, place STRING, role STRING, evidence STRING, "
        f"confidence DOUBLE, rule STRING, article STRING, plover STRING, plover_mode STRING, cameo STRING, "
        "trigger STRING) "
        f"FROM '{edges_path}' (header=true, parallel=false) "
        "RETURN source, target, id, type, modality, date, place, role, evidence, confidence, rule, article, "
        "plover, plover_mode, cameo, trigger)",
    ]


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
        with open(nodes_path, encoding="utf-8-sig", newline="") as fh:
            for row in map(_restored, csv.DictReader(fh)):
                g.add_node(row["iri:ID"], key=opt(row["key"]), label=opt(row["label"]), type=opt(row["type"]),
                           wikidata=opt(row["wikidata"]),
                           aliases=[a for a in row["aliases:string[]"].split(SEP) if a],
                           articles=[a for a in row["articles:string[]"].split(SEP) if a],
                           place=opt(row["place"]), date=opt(row["date"]))
        with open(edges_path, encoding="utf-8-sig", newline="") as fh:
            for row in map(_restored, csv.DictReader(fh)):
                conf = opt(row["confidence:float"])
                g.add_edge(row[":START_ID"], row[":END_ID"], key=row["id"], type=opt(row["type"]),
                           modality=opt(row["modality"]), date=opt(row["date"]), place=opt(row["place"]),
                           role=opt(row["role"]), evidence=row["evidence"],
                           confidence=float(conf) if conf is not None else None, rule=row["rule"],
                           article=opt(row["article"]),
                           # files written before the event codes have no such columns
                           **{k: opt(row.get(k) or "") for k in ("plover", "plover_mode", "cameo", "trigger")})
    except (KeyError, ValueError, csv.Error) as exc:
        raise GraphError(f"{nodes_path.parent}: not CSV files of this tool ({exc})") from None
    ids = {a for _, d in g.nodes(data=True) for a in d["articles"]}
    ids |= {d["article"] for _, _, d in g.edges(data=True) if d.get("article")}
    g.graph["articles"] = {a: {"id": a, "iri": article_iri(a), "title": "", "language": None,
                               "published": None, "source": ""} for a in sorted(ids)}
    _read_articles(articles_path(path), g.graph["articles"])
    return g


def _read_articles(path: Path, articles: dict) -> None:
    """Article metadata from the articles file, when there is one (older exports had none)."""
    if not path.is_file():
        return
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("id"):
                articles[row["id"]] = {"id": row["id"], "iri": article_iri(row["id"]),
                                       "title": row.get("title") or "", "language": row.get("language") or None,
                                       "published": row.get("published") or None,
                                       "source": row.get("source") or ""}
