"""The pipeline: article -> sentences -> mentions -> entities -> relations.

`extract` runs the named stages in order; `to_contract` renders the JSON contract of
`kg extract` (see README: "The extraction contract").
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from kg.extract import codes, dates, entities, lang, mentions, relations, sentences
from kg.extract.kb import load as load_kb
from kg.model import Article, Extraction, Relation, iri
from kg.extract.reader import read_article, read_text_article

STAGES = ("sentences", "mentions", "entities", "relations", "codes")


def extract(article: Article) -> Extraction:
    language = lang.get(article.language)
    kb = load_kb()
    sents, notes = sentences.split_with_notes(article, language)
    found = []
    anchor = None       # the last full date of the story so far: "sehari kemudian" counts from it
    for s in sents:
        sm = mentions.find(s, language, kb, article.published, anchor, article.title)
        found.append(sm)
        anchor = dates.last_full_date([sp.value for sp in sm.spans if sp.kind == "date"]) or anchor
    res = entities.resolve(article, found, language, kb)
    rels = relations.extract(found, res, language, kb, article.published)
    ents = res.frozen_entities()
    used = {r.source for r in rels} | {r.target for r in rels}
    # A place is a node when something happened there or someone went there, not when it is
    # only named in passing ("pemimpin Asia pertama").
    ents = tuple(e for e in ents if e.type != "Place" or e.key in used or e.key in res.place_ok)
    rels = sorted(rels, key=lambda r: (r.sentence, r.type, r.source, r.target))
    return Extraction(article, ents, codes.assign(rels, ents, language.code), warnings=article.notes + notes)


def extract_file(path: str | Path, *, published: date | None = None, language: str = "auto") -> Extraction:
    return extract(read_article(path, published=published, language=language))


def extract_text(text: str, *, name: str = "text", published: date | None = None,
                 language: str = "auto", article_id: str | None = None) -> Extraction:
    """Extract from a string (front matter allowed), as `kg extract` does from a file."""
    return extract(read_text_article(text, name, published=published, language=language,
                                     article_id=article_id))


def to_contract(ex: Extraction) -> dict:
    ids = {e.key: f"e{n}" for n, e in enumerate(ex.entities, 1)}
    art = ex.article
    return {
        "article": {"id": art.id, "title": art.title, "language": art.language,
                    "published": art.published.isoformat() if art.published else None,
                    "source": art.source},
        "entities": [_entity(e, ids, art) for e in ex.entities],
        "relations": [_relation(r, ids) for r in ex.relations],
    }


def _entity(e, ids: dict[str, str], art: Article) -> dict:
    out = {"id": ids[e.key], "label": e.label, "type": e.type, "wikidata": e.wikidata,
           "aliases": list(e.aliases), "iri": iri(e.key)}
    known = dict(e.attrs).get("known_roles")
    if known:
        # what the knowledge base knows of the actor on the publication day: not a statement
        # of the article, so not among `relations`
        out["known_roles"] = [{"role": role, "of": of, "of_iri": iri(of), "on": art.published.isoformat(),
                               "source": "knowledge-base"} for role, of in known]
    return out


def _relation(r: Relation, ids: dict[str, str]) -> dict:
    return {"type": r.type, "source": ids[r.source], "target": ids[r.target], "modality": r.modality,
            "date": r.date, "place": ids.get(r.place) if r.place else None, "role": r.role,
            "evidence": r.evidence, "confidence": r.confidence, "rule": r.rule, "trigger": r.trigger or None,
            "plover": r.plover or None, "plover_mode": r.plover_mode, "cameo": r.cameo or None}
