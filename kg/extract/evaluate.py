"""Scoring an extraction against a gold annotation (`kg eval`).

Same counting as the scorer the project is judged by (`shared/eval/score.py`, kept as the
reference; `tests/test_evaluate.py` checks that both agree): a system entity denotes a
gold entity when its label (else one of its aliases) is one of the gold names, or the
Wikidata ids agree; duplicates and entities that denote nothing are false positives;
a relation matches on type, endpoints (either order for symmetric types) and, for
holds-role, an acceptable role; optional gold items are neither rewarded nor penalised.
A found relation's modality (or date) is right only when every system relation matched to
that gold relation has an acceptable one: an asserted and a planned copy of one meeting, or
two dates for one call, is an error.

Gold files converted from the PLOVER records (tests/data/plover/) add three things that
no other gold file has, so the counts of the others are unchanged: `relation_types` (only
system relations of these types are scored: PLOVER annotates no roles), a `plover` and
`plover_mode` on gold relations (PLOVER category and mode accuracy on the relations found,
right only when every matched system relation has it, as for modality), and
`precision_check` (a record that maps to none of our types: `kg eval` counts and lists the
relations produced from it apart from the scores, `precision_check`).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError

from kg.model import SYMMETRIC


def norm(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


def _list(x) -> list:
    return [] if x is None else x if isinstance(x, list) else [x]


@dataclass
class Score:
    entity_tp: int = 0
    entity_fp: int = 0
    entity_fn: int = 0
    relation_tp: int = 0
    relation_fp: int = 0
    relation_fn: int = 0
    modality_ok: int = 0
    modality_n: int = 0
    date_ok: int = 0
    date_n: int = 0
    plover_ok: int = 0
    plover_n: int = 0
    mode_ok: int = 0
    mode_n: int = 0
    details: dict = field(default_factory=dict)

    def __iadd__(self, other: "Score") -> "Score":
        for f in ("entity_tp", "entity_fp", "entity_fn", "relation_tp", "relation_fp", "relation_fn",
                  "modality_ok", "modality_n", "date_ok", "date_n", "plover_ok", "plover_n", "mode_ok", "mode_n"):
            setattr(self, f, getattr(self, f) + getattr(other, f))
        return self

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def entities(self) -> tuple[float, float, float]:
        return self._prf(self.entity_tp, self.entity_fp, self.entity_fn)

    @property
    def relations(self) -> tuple[float, float, float]:
        return self._prf(self.relation_tp, self.relation_fp, self.relation_fn)

    @property
    def modality(self) -> float | None:
        return self.modality_ok / self.modality_n if self.modality_n else None

    @property
    def date(self) -> float | None:
        return self.date_ok / self.date_n if self.date_n else None

    @property
    def plover(self) -> float | None:
        return self.plover_ok / self.plover_n if self.plover_n else None

    @property
    def mode(self) -> float | None:
        return self.mode_ok / self.mode_n if self.mode_n else None

    def summary(self) -> str:
        fmt = lambda x: "n/a" if x is None else f"{x:.2f}"
        (ep, er, ef), (rp, rr, rf) = self.entities, self.relations
        line = (f"entities P={ep:.2f} R={er:.2f} F1={ef:.2f} | relations P={rp:.2f} R={rr:.2f} F1={rf:.2f} | "
                f"modality={fmt(self.modality)} date={fmt(self.date)}")
        if self.plover_n:
            line += (f" | PLOVER category={fmt(self.plover)} ({self.plover_ok}/{self.plover_n})"
                     f" mode={fmt(self.mode)} ({self.mode_ok}/{self.mode_n})")
        return line


def score(gold: dict, system: dict) -> Score:
    """Count `system` (the contract JSON) against `gold`, as the reference scorer does."""
    sc = Score()
    denotes = _denotations(gold["entities"], system.get("entities", []))
    by_id = {str(e["id"]): e for e in system.get("entities", [])}
    entity_details = _entities(sc, gold["entities"], denotes, by_id)
    matched, false_pos, missed_rel = _relations(sc, gold, system, denotes, by_id)
    attr_errors = _attributes(sc, gold["relations"], matched) + _codes(sc, gold["relations"], matched)
    sc.details = {**entity_details, "missed relations": missed_rel,
                  "false-positive relations": false_pos, "attribute errors": attr_errors}
    return sc


def _denotations(g_ents: list[dict], s_ents: list[dict]) -> dict[str, set[str]]:
    """System entity id -> the gold keys it denotes: by label or Wikidata id, else by alias."""
    g_names = {g["key"]: {norm(n) for n in g["names"]} for g in g_ents}
    g_by_key = {g["key"]: g for g in g_ents}
    denotes: dict[str, set[str]] = {}
    for e in s_ents:
        label, qid = norm(e.get("label") or ""), e.get("wikidata")
        keys = {k for k, names in g_names.items() if label in names or (qid and qid == g_by_key[k].get("wikidata"))}
        if not keys:
            names = {norm(n) for n in [e.get("label") or ""] + list(e.get("aliases") or []) if n and norm(n)}
            keys = {k for k, gn in g_names.items() if names & gn}
        denotes[str(e["id"])] = keys
    return denotes


def _entities(sc: Score, g_ents: list[dict], denotes: dict, by_id: dict) -> dict[str, list[str]]:
    """Entity counts into `sc`; the details (missed, spurious, duplicates, wrong types)."""
    g_by_key = {g["key"]: g for g in g_ents}
    found: dict[str, list[str]] = {}
    spurious, wrong_type = [], []
    for sid, keys in denotes.items():
        if not keys:
            spurious.append(by_id[sid].get("label"))
        for k in keys:
            found.setdefault(k, []).append(sid)
            want = g_by_key[k]["type"]
            if want != "Any" and by_id[sid].get("type") != want:
                wrong_type.append(f"{by_id[sid].get('label')} is {by_id[sid].get('type')}, gold {want}")
    required = [g for g in g_ents if g.get("required", True)]
    missed = [g["names"][0] for g in required if g["key"] not in found]
    duplicates = [f"{g_by_key[k]['names'][0]} x{len(v)}" for k, v in found.items() if len(v) > 1]
    sc.entity_tp = sum(1 for g in required if g["key"] in found)
    sc.entity_fp = len(spurious) + sum(len(v) - 1 for v in found.values())
    sc.entity_fn = len(missed)
    return {"missed entities": missed, "spurious entities": spurious, "duplicate entities": duplicates,
            "wrong entity types": wrong_type}


def _matches(grel: dict, srel: dict, denotes: dict) -> bool:
    """Type, endpoints (either order for symmetric types) and, for holds-role, the role."""
    if srel.get("type") != grel["type"]:
        return False
    s_src, s_tgt = denotes.get(str(srel.get("source")), set()), denotes.get(str(srel.get("target")), set())
    g_src, g_tgt = set(_list(grel["source"])), set(_list(grel["target"]))
    if not (s_src & g_src and s_tgt & g_tgt) and not (grel["type"] in SYMMETRIC and s_src & g_tgt and s_tgt & g_src):
        return False
    if grel["type"] == "holds-role" and grel.get("role"):
        return srel.get("role") in _list(grel["role"])
    return True


def _relations(sc: Score, gold: dict, system: dict, denotes: dict, by_id: dict) -> tuple[dict, list, list]:
    """Relation counts into `sc`; (gold index -> matched system relations, false positives, misses)."""
    g_rels = gold["relations"]
    matched: dict[int, list[dict]] = {}
    false_pos = []
    scope = gold.get("relation_types")
    for srel in system.get("relations", []):
        if scope is not None and srel.get("type") not in scope:
            continue
        hits = [i for i, g in enumerate(g_rels) if _matches(g, srel, denotes)]
        for i in hits:
            matched.setdefault(i, []).append(srel)
        if not hits:
            src = by_id.get(str(srel.get("source")), {}).get("label", srel.get("source"))
            tgt = by_id.get(str(srel.get("target")), {}).get("label", srel.get("target"))
            extra = f" [{srel.get('role')}]" if srel.get("role") else ""
            false_pos.append(f"{srel.get('type')}: {src} -> {tgt}{extra}")
    req = [i for i, g in enumerate(g_rels) if g.get("required", True)]
    missed_rel = [f"{g_rels[i]['type']}: {g_rels[i]['source']} -> {g_rels[i]['target']}"
                  + (f" [{'/'.join(_list(g_rels[i].get('role')))}]" if g_rels[i].get("role") else "")
                  for i in req if i not in matched]
    sc.relation_tp = sum(1 for i in req if i in matched)
    sc.relation_fp, sc.relation_fn = len(false_pos), len(missed_rel)
    return matched, false_pos, missed_rel


def _attributes(sc: Score, g_rels: list[dict], matched: dict) -> list[str]:
    """Modality and date accuracy into `sc`: right only when every matched relation is."""
    errors = []
    for i, srels in matched.items():
        g = g_rels[i]
        if g.get("modality"):
            sc.modality_n += 1
            got = {s.get("modality") for s in srels}
            if got <= set(_list(g["modality"])):
                sc.modality_ok += 1
            else:
                errors.append(f"modality {g['type']} {g['source']}->{g['target']}: got {sorted(map(str, got))}, gold {g['modality']}")
        if g.get("date"):
            sc.date_n += 1
            got = {str(s.get("date")) for s in srels}
            if all(d and d.startswith(g["date"]) for d in got):
                sc.date_ok += 1
            else:
                errors.append(f"date {g['type']} {g['source']}->{g['target']}: got {sorted(got)}, gold {g['date']}")
    return errors


def _codes(sc: Score, g_rels: list[dict], matched: dict[int, list[dict]]) -> list[str]:
    """PLOVER category and mode accuracy on the gold relations found that carry them."""
    errors = []
    for i, srels in matched.items():
        g = g_rels[i]
        for field, ok, n in (("plover", "plover_ok", "plover_n"), ("plover_mode", "mode_ok", "mode_n")):
            if not g.get(field):
                continue
            setattr(sc, n, getattr(sc, n) + 1)
            got = {s.get(field) for s in srels}
            if got == {g[field]}:
                setattr(sc, ok, getattr(sc, ok) + 1)
            else:
                errors.append(f"{field} {g['type']} {g['source']}->{g['target']}: got {sorted(map(str, got))}, "
                              f"gold {g[field]}")
    return errors


def precision_check(gold: dict, system: dict) -> list[dict]:
    """The relations (of the gold's `relation_types`) produced from a record that maps to none."""
    scope = gold.get("relation_types")
    names = {str(e["id"]): e.get("label") for e in system.get("entities", [])}
    want = (gold.get("plover") or {}).get("category")
    return [{"type": r.get("type"), "source": names.get(str(r.get("source"))), "target": names.get(str(r.get("target"))),
             "plover": r.get("plover"), "record_category": want, "same_category": r.get("plover") == want}
            for r in system.get("relations", []) if scope is None or r.get("type") in scope]


def report(sc: Score) -> str:
    lines = []
    for title, items in sc.details.items():
        if items:
            lines.append(f"{title}:")
            lines.extend(f"  - {it}" for it in items)
    lines.append(sc.summary())
    return "\n".join(lines)


def gold_pairs(gold, article=None) -> list[tuple]:
    """(gold path, article path, gold document) for a gold file or a folder of them."""
    gold = Path(gold)
    if gold.is_dir():
        if article is not None:
            raise InputError("give no ARTICLE with a folder of gold files")
        files = sorted(gold.glob("*.gold.json"))
        if not files:
            raise InputError(f"{gold}: no *.gold.json files in this folder")
    elif gold.is_file():
        files = [gold]
    else:
        raise InputError(f"{gold}: no such gold file")
    out = []
    for g in files:
        try:
            doc = json.loads(g.read_text(encoding="utf-8"))
            doc["entities"], doc["relations"]
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{g}: not a gold annotation ({exc})") from None
        a = Path(article) if article is not None else g.parent / Path(doc.get("article", "")).name
        if not a.is_file():
            raise InputError(f"{a}: article of {g.name} not found (pass it as ARTICLE)")
        out.append((g, a, doc))
    return out


def as_dict(total: Score, rows) -> dict:
    def one(sc: Score) -> dict:
        (ep, er, ef), (rp, rr, rf) = sc.entities, sc.relations
        return {"entities": {"precision": ep, "recall": er, "f1": ef},
                "relations": {"precision": rp, "recall": rr, "f1": rf},
                "modality_accuracy": sc.modality, "date_accuracy": sc.date, "details": sc.details,
                **({"plover_category_accuracy": sc.plover, "plover_mode_accuracy": sc.mode} if sc.plover_n else {})}
    return {"total": one(total), "articles": {str(g): one(sc) for g, sc in rows}}
