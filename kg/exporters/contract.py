"""The JSON of the extraction contract (what `kg extract --format json` prints; the
scorer in shared/eval reads it), rebuilt from a graph.

One article:     {"article": {"id", "title", "language", "published", "source"},
                  "entities": [{"id", "label", "type", "wikidata", "aliases", "iri"}],
                  "relations": [{"type", "source", "target", "modality", "date", "place",
                                 "role", "evidence", "confidence", "rule",
                                 "plover", "plover_mode", "cameo"}]}
Several articles: {"articles": [<one such object per article>]}

The fields are those of `kg.pipeline.to_contract`, except that entity ids are the
knowledge-base keys (`person/donald-trump`, stable across articles) instead of `e1, e2,
…`; relation source, target and place refer to them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from kg.atomic import write_text
from kg.graph.network import RESOURCE


def _key(g: nx.MultiDiGraph, node: str | None) -> str | None:
    if node is None:
        return None
    if node in g:
        return g.nodes[node].get("key") or node
    return node[len(RESOURCE):] if node.startswith(RESOURCE) else node


def _edge_order(key) -> tuple:
    article, _, n = str(key).rpartition("#")
    return (article, int(n)) if re.fullmatch(r"\d+", n) else (str(key), 0)


def article_contract(g: nx.MultiDiGraph, article_id: str | None) -> dict:
    info = g.graph.get("articles", {}).get(article_id) if article_id is not None else None
    nodes = [(n, d) for n, d in g.nodes(data=True)
             if (article_id in (d.get("articles") or [])) or (article_id is None and not d.get("articles"))]
    edges = sorted((e for e in g.edges(keys=True, data=True) if e[3].get("article") == article_id),
                   key=lambda e: _edge_order(e[2]))
    # endpoints of the article's relations belong to its entities even if not listed
    wanted = {n for n, _ in nodes} | {n for u, v, _, d in edges for n in (u, v, d.get("place")) if n in g}
    entities = [{"id": _key(g, n), "label": d.get("label"), "type": d.get("type"),
                 "wikidata": d.get("wikidata"), "aliases": list(d.get("aliases") or []), "iri": n}
                for n, d in sorted(g.nodes(data=True)) if n in wanted]
    relations = [{"type": d.get("type"), "source": _key(g, u), "target": _key(g, v),
                  "modality": d.get("modality"), "date": d.get("date"), "place": _key(g, d.get("place")),
                  "role": d.get("role"), "evidence": d.get("evidence") or "",
                  "confidence": d.get("confidence"), "rule": d.get("rule") or "",
                  "plover": d.get("plover"), "plover_mode": d.get("plover_mode"), "cameo": d.get("cameo")}
                 for u, v, _, d in edges]
    article = ({"id": info["id"], "title": info.get("title") or "", "language": info.get("language"),
                "published": info.get("published"), "source": info.get("source") or ""} if info else
               ({"id": article_id, "title": "", "language": None, "published": None, "source": ""}
                if article_id else None))
    return {"article": article, "entities": entities, "relations": relations}


def to_contract(g: nx.MultiDiGraph) -> dict:
    ids = set(g.graph.get("articles", {}))
    ids |= {a for _, d in g.nodes(data=True) for a in (d.get("articles") or [])}
    ids |= {d.get("article") for _, _, d in g.edges(data=True)}
    if any(not d.get("articles") for _, d in g.nodes(data=True)):
        ids.add(None)
    groups = sorted(ids, key=lambda a: (a is None, a or ""))
    if len(groups) == 1:
        return article_contract(g, groups[0])
    return {"articles": [article_contract(g, a) for a in groups]}


def write_contract_json(g: nx.MultiDiGraph, path: Path) -> None:
    write_text(path, json.dumps(to_contract(g), ensure_ascii=False, indent=1) + "\n")
