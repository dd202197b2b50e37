"""Convert the PLOVER gold-standard records to our gold format (issue 14).

    python3 scripts/plover_gold.py [tests/data/plover/]

Reads `PLOVER_GSR_CAMEO.txt` in that folder (copied unchanged from openeventdata/PLOVER,
CC BY-SA 4.0) and writes, per record, `<record id>.txt` (the sentence) and
`<record id>.gold.json`.  The mapping from PLOVER categories to our relation types is in
the folder's README; a record that maps to none of our types is written with
`"precision_check": true` and no relations: whatever we extract from it is counted apart.
Re-running it gives the same files (`tests/test_plover_benchmark.py` checks that).
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "PLOVER_GSR_CAMEO.txt"
OUR_TYPES = ["ally-of", "spoke-with", "met-with", "met-at", "opposes"]

# Categories of the 2016 records renamed in the current manual (PLOVER_MANUAL.tex).
RENAMED = {"DISAPPROVE": "ACCUSE", "DEMAND": "REQUEST", "FIGHT": "ASSAULT"}
# Modes of the 2016 records renamed in the current manual.
MODE_RENAMED = {"strike-hun": "hunger", "strike-gen": "strike", "demo-org": "demo", "demo-spon": "demo",
                "riot-spon": "riot"}
HOSTILE = {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
ALIGNMENT = re.compile(r"\b(ally|allies|allied|alliance|coalition|defen[cs]e pact|security pact|"
                       r"strategic partnership|mutual defen[cs]e)\b", re.I)
TALKS = re.compile(r"\b(talks?|negotiat\w*|discuss\w*|conversation)\b", re.I)
# Two records use codes that are not ISO 3166-1 alpha-3 (the readme says all should be).
CODE_TYPOS = {"JAP": "JPN", "ITL": "ITA"}
PARTICLES = {"de", "al", "bin", "van", "von", "la", "le", "del", "da"}


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "actor"


def _kb() -> tuple[dict, set]:
    """alpha-3 -> the country's names (labels, names, adjectives); and known place names."""
    data = ROOT / "kg" / "data"
    iso3 = json.loads((data / "iso3.json").read_text(encoding="utf-8"))
    by3 = {}
    for c in json.loads((data / "kb" / "countries.json").read_text(encoding="utf-8")):
        code = iso3.get(c.get("iso") or "")
        if code:
            names = [c["label"]] + c["names"].get("en", []) + c["names"].get("any", []) + c["adjectives"].get("en", [])
            by3[code] = {"names": names, "wikidata": c.get("wikidata")}
    places = {n for p in json.loads((data / "kb" / "places.json").read_text(encoding="utf-8"))
              for n in [p["label"]] + p["names"].get("any", []) + p["names"].get("en", [])}
    return by3, places


def person_name(text: str, titles: set[str]) -> str | None:
    """"Russian President Boris Yeltsin" -> "Boris Yeltsin": the capitalised run at the end,
    after the last title word or adjective."""
    toks = text.replace("'s ", " ").split()
    run: list[str] = []
    for t in reversed(toks):
        if t.lower() in titles or not (t[:1].isupper() or t.lower() in PARTICLES) or t.endswith(":"):
            break
        run.insert(0, t)
    while run and run[0].lower() in PARTICLES:
        run.pop(0)
    return " ".join(run) if 2 <= len(run) < len(toks) + 1 and len(run) <= 4 else None


def entity(actor: dict, by3: dict, titles: set[str]) -> dict:
    text = actor["actorText"].strip()
    names = [text]
    name = person_name(text, titles)
    if name and name != text:
        names.append(name)
    elif len(text.split()) == 2 and text.split()[0].lower() in titles:
        names.append(text.split()[1])          # "President Bush": the surname
    country = by3.get(CODE_TYPOS.get(actor.get("code", ""), actor.get("code", "")))
    out = {"key": slug(text), "type": "Any", "names": names, "required": True}
    if country:
        # PLOVER's actor is its code (a country) with a sector we do not model: our
        # country node stands for it as well
        out["names"] = names + [n for n in dict.fromkeys(country["names"]) if n not in names]
    return out


def _actors(rec: dict, side: str) -> list[dict]:
    v = rec.get(side)
    return [a for a in v if a.get("actorText", "").strip()] if isinstance(v, list) else []


def pairs(rec: dict) -> list[tuple[dict, dict]]:
    """Actor -> recipient pairs; reciprocal actors without a recipient pair with each other."""
    src, tgt = _actors(rec, "source"), _actors(rec, "target")
    if tgt:
        return [(a, b) for a in src for b in tgt if a["actorText"] != b["actorText"]]
    return [(a, b) for a in src for b in src if a is not b]


def relation_types(rec: dict, category: str, target_is_place: bool) -> list[tuple[str, bool]]:
    """Our relation types for a record, each (type, required)."""
    mode = rec.get("mode")
    if category == "CONSULT":
        if mode == "phone" or mode is None:
            return [("spoke-with", True)]
        if target_is_place:
            return [("met-at", True)]
        return [("met-with", True)] + ([("spoke-with", False)] if TALKS.search(rec["text"]) else [])
    if category in HOSTILE:
        return [("opposes", True)]
    if category in ("AGREE", "COOPERATE") and _states_alignment(rec):
        return [("ally-of", True)]
    return []


def _states_alignment(rec: dict) -> bool:
    """An alliance word in the sentence that is not part of an actor's name ("opposition coalition")."""
    text = " ".join(rec["text"].split())
    for a in _actors(rec, "source") + _actors(rec, "target"):
        text = text.replace(" ".join(a["actorText"].split()), " ")
    return bool(ALIGNMENT.search(text))


def clean_text(text: str) -> str:
    """The sentence, without the braces some records wrap it in."""
    text = text.strip()
    return text[1:-1].strip() if text.startswith("{") and text.endswith("}") else text


def convert(rec: dict, by3: dict, places: set, titles: set) -> dict:
    category = RENAMED.get(rec["event"], rec["event"])
    mode = MODE_RENAMED.get(rec.get("mode"), rec.get("mode"))
    ents: dict[str, dict] = {}
    rels = []
    for a, b in pairs(rec):
        ea, eb = entity(a, by3, titles), entity(b, by3, titles)
        is_place = b["actorText"] in places or b["actorText"] in by3.get(b.get("code"), {}).get("names", [])[:1]
        for rtype, required in relation_types(rec, category, is_place and rec.get("mode") == "visit"):
            if rtype in ("spoke-with", "met-with") and any(r["type"] == rtype and {r["source"], r["target"]} ==
                                                           {ea["key"], eb["key"]} for r in rels):
                continue        # symmetric: once per pair
            ents.setdefault(ea["key"], ea)
            ents.setdefault(eb["key"], eb)
            rels.append({"type": rtype, "source": ea["key"], "target": eb["key"], "required": required,
                         "plover": category, **({"plover_mode": mode} if mode else {})})
    for a in _actors(rec, "source") + _actors(rec, "target"):
        e = entity(a, by3, titles)
        ents.setdefault(e["key"], {**e, "required": False})
    mapped = any(r["required"] for r in rels)
    return {
        "article": f"{rec['id']}.txt", "language": "en",
        "note": f"Converted by scripts/plover_gold.py from record {rec['id']} of PLOVER_GSR_CAMEO.txt "
                "(openeventdata/PLOVER, CC BY-SA 4.0, (c) 2016 Open Event Data Alliance).",
        "plover": {"id": rec["id"], "event": rec["event"], "category": category, "mode": mode,
                   "eventText": rec.get("eventText")},
        "relation_types": OUR_TYPES,
        "precision_check": not mapped,
        "entities": list(ents.values()),
        "relations": rels if mapped else [],
    }


def main(folder: Path) -> int:
    records = json.loads((folder / SOURCE).read_text(encoding="utf-8"))
    by3, places = _kb()
    roles = json.loads((ROOT / "kg" / "data" / "en" / "roles.json").read_text(encoding="utf-8"))
    titles = {w for t in roles["titles"] for w in t.split()} | {"u.s.", "senior", "new", "former", "ousted"}
    n_mapped = 0
    seen: set[str] = set()
    for rec in records:
        if rec["event"] == "DOCUMENT":
            continue
        if rec["id"] in seen:       # the file has one id twice (COERCE-0004): the second gets "b"
            rec = {**rec, "id": rec["id"] + "b"}
        seen.add(rec["id"])
        doc = convert(rec, by3, places, titles)
        n_mapped += not doc["precision_check"]
        (folder / f"{rec['id']}.txt").write_text(clean_text(rec["text"]) + "\n", encoding="utf-8")
        (folder / f"{rec['id']}.gold.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
                                                       encoding="utf-8")
    print(f"{len(records) - 1} records: {n_mapped} map to our relation types, "
          f"{len(records) - 1 - n_mapped} kept as a precision check")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "data" / "plover"))
