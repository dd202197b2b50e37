"""The actor knowledge base is data: check the schema and cross-references of kg/data/kb/*.json."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

KB = Path(__file__).resolve().parent.parent / "kg" / "data" / "kb"
FILES = sorted(KB.glob("*.json"))
TYPES = {"Person": "person/", "Country": "country/", "Organization": "org/", "Place": "place/", "Group": "group/"}
KINDS = {"intergovernmental", "government", "legislature", "armed-group", "media", "party", "other"}
ROLES = {"head-of-state", "head-of-government", "foreign-minister", "minister", "spokesperson", "advisor",
         "ambassador", "secretary-general", "official", "member"}
FIELDS = {"key", "type", "label", "wikidata", "names", "adjectives", "iso", "kind", "country", "metonym_for", "roles", "source",
          "body", "surname"}
QID = re.compile(r"^Q[0-9]+$")


def _load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


DATA = {p.name: _load(p) for p in FILES}
RECORDS = [r for recs in DATA.values() for r in recs]
BY_KEY = {r["key"]: r for r in RECORDS}


def _names(r: dict) -> set[str]:
    return {n for ns in r.get("names", {}).values() for n in ns}


def _forms(r: dict) -> set[str]:
    return _names(r) | {a for ns in r.get("adjectives", {}).values() for a in ns}


def _find(type_: str, label: str) -> dict:
    hits = [r for r in RECORDS if r["type"] == type_ and (r["label"] == label or label in _names(r))]
    assert hits, f"no {type_} named {label!r}"
    return hits[0]


def test_kb_core_files_present():
    assert {"countries.json", "places.json", "organizations.json", "groups.json"} <= set(DATA)


@pytest.mark.parametrize("name", sorted(DATA))
def test_kb_file_is_sorted_array_of_records(name):
    recs = DATA[name]
    assert isinstance(recs, list) and recs
    keys = [r["key"] for r in recs]
    assert keys == sorted(keys), f"{name} not sorted by key"


def test_kb_keys_unique_across_files():
    seen: dict[str, str] = {}
    for name, recs in DATA.items():
        for r in recs:
            assert r["key"] not in seen, f"{r['key']} in {seen.get(r['key'])} and {name}"
            seen[r["key"]] = name


@pytest.mark.parametrize("name", sorted(DATA))
def test_kb_record_schema(name):
    for r in DATA[name]:
        where = f"{name}:{r.get('key')}"
        assert set(r) <= FIELDS, f"{where}: unknown fields {set(r) - FIELDS}"
        assert r["type"] in TYPES, where
        assert r["key"].startswith(TYPES[r["type"]]) and len(r["key"]) > len(TYPES[r["type"]]), where
        assert isinstance(r["label"], str) and r["label"].strip() == r["label"] != "", where
        assert r["wikidata"] is None or QID.match(r["wikidata"]), where
        names = r["names"]
        assert set(names) == {"en", "id", "any"}, where
        for lang, forms in names.items():
            assert isinstance(forms, list) and all(isinstance(f, str) and f.strip() == f != "" for f in forms), where
            assert len(forms) == len(set(forms)), f"{where}: duplicate {lang} name"
        assert _names(r), f"{where}: no names"
        if "adjectives" in r:
            assert set(r["adjectives"]) <= {"en", "id", "any"}, where
            assert all(isinstance(a, str) and a for ns in r["adjectives"].values() for a in ns), where
        if r["type"] == "Country":
            assert re.fullmatch(r"[A-Z]{2}", r["iso"]) and r["key"] == f"country/{r['iso'].lower()}", where
        else:
            assert "iso" not in r, where
        if r["type"] == "Organization":
            assert r.get("kind") in KINDS, where
        else:
            assert "kind" not in r, where
        assert ("roles" in r) <= (r["type"] == "Person"), where
        # a group's organisation ("ASEAN foreign ministers" -> ASEAN) is an organisation of the base
        assert ("body" in r) <= (r["type"] == "Group"), where
        # a family name written first ("Xi Jinping"): a word of the person's label
        assert "surname" not in r or (r["type"] == "Person" and r["surname"] in r["label"].split()), where
        assert "body" not in r or r["body"] in {x["key"] for x in DATA["organizations.json"]}, where


@pytest.mark.parametrize("field", ["country", "metonym_for"])
def test_kb_references_exist(field):
    for r in RECORDS:
        if field in r:
            assert r[field] in BY_KEY, f"{r['key']}.{field} -> {r[field]}"
            assert BY_KEY[r[field]]["type"] == "Country", f"{r['key']}.{field} -> {r[field]}"


def _day(s: str) -> date:
    return date.fromisoformat(s)


def test_kb_roles_valid():
    for r in RECORDS:
        for x in r.get("roles", ()):
            where = f"{r['key']}: {x}"
            assert x["role"] in ROLES, where
            assert x["of"] in BY_KEY, where
            start, end = x.get("start"), x.get("end")
            if start:
                _day(start)
            if end:
                _day(end)
            if start and end:
                assert _day(start) <= _day(end), where


def test_kb_no_name_denotes_two_countries():
    """A surface form of a country (or of a capital/seat standing for one) denotes only that country."""
    owner: dict[str, set[str]] = {}
    for r in RECORDS:
        country = r["key"] if r["type"] == "Country" else r.get("metonym_for")
        if country:
            for f in (_forms(r) if r["type"] == "Country" else _names(r)):
                owner.setdefault(f, set()).add(country)
    clashes = {f: sorted(c) for f, c in owner.items() if len(c) > 1}
    assert not clashes, clashes


def test_kb_org_and_group_names_not_shared():
    owner: dict[str, set[str]] = {}
    for r in RECORDS:
        if r["type"] in ("Organization", "Group"):
            for f in _names(r) | {r["label"]}:
                owner.setdefault(f, set()).add(r["key"])
    shared = {f: sorted(k) for f, k in owner.items() if len(k) > 1}
    assert not shared, shared


# --- the seed article's actors ----------------------------------------------------------

@pytest.mark.parametrize("key, lang, name", [
    ("country/us", "id", "AS"),
    ("country/us", "id", "Amerika Serikat"),
    ("country/ru", "id", "Rusia"),
    ("country/sy", "id", "Suriah"),
    ("country/de", "id", "Jerman"),
    ("country/ir", "id", "Iran"),
    ("org/isis", "id", "ISIS"),
    ("org/kremlin", "id", "Kremlin"),
    ("org/us-congress", "id", "Kongres AS"),
])
def test_kb_seed_names(key, lang, name):
    assert key in BY_KEY
    assert name in BY_KEY[key]["names"][lang] + BY_KEY[key]["names"]["any"]


@pytest.mark.parametrize("type_, name, kind", [
    ("Organization", "Kremlin", "government"),
    ("Organization", "ISIS", "armed-group"),
    ("Organization", "Kongres AS", "legislature"),
    ("Organization", "Sputnik", "media"),
    ("Organization", "Reuters", "media"),
    ("Organization", "Russia Beyond", "media"),
    ("Place", "Hamburg", None),
    ("Place", "Washington", None),
    ("Group", "negara-negara Islam dan Arab", None),
    ("Group", "anggota parlemen AS", None),
])
def test_kb_seed_actor_types(type_, name, kind):
    r = _find(type_, name)
    assert r.get("kind") == kind


def test_kb_kremlin_stands_for_russia():
    r = _find("Organization", "Kremlin")
    assert r["country"] == r["metonym_for"] == "country/ru"


def test_kb_us_congress_wikidata():
    assert BY_KEY["org/us-congress"]["wikidata"] == "Q11268"
    assert BY_KEY["org/isis"]["wikidata"] == "Q2429253"


# --- people (people.json is written separately and may be absent) ------------------------

def _holds(person: dict, role: str, of: str, on: date | None) -> bool:
    for x in person.get("roles", ()):
        if x["role"] != role or x["of"] != of:
            continue
        if on is None:
            return True
        start, end = x.get("start"), x.get("end")
        if (not start or _day(start) <= on) and (not end or on < _day(end)):
            return True
    return False


@pytest.mark.parametrize("name, role, of, on", [
    ("Vladimir Putin", "head-of-state", "country/ru", date(2017, 1, 31)),
    ("Donald Trump", "head-of-state", "country/us", date(2017, 1, 31)),
    ("Sergey Lavrov", "foreign-minister", "country/ru", None),
    ("Bashar al-Assad", "head-of-state", "country/sy", None),
])
def test_kb_people_seed_roles(name, role, of, on):
    if "people.json" not in DATA:
        pytest.skip("people.json not present")
    person = _find("Person", name)
    assert _holds(person, role, of, on), person.get("roles")


def test_kb_gazetteer_is_places_with_a_source_and_no_clash_with_the_hand_written_files():
    gaz = DATA["gazetteer.json"]
    assert len(gaz) > 10_000 and {r["type"] for r in gaz} == {"Place"}
    assert {r["source"] for r in gaz} == {"geonames", "iso3166-2"}
    hand = {r["key"] for name, recs in DATA.items() if name != "gazetteer.json" for r in recs}
    assert not hand & {r["key"] for r in gaz}
    countries = {r["key"] for r in DATA["countries.json"]}
    assert {r["country"] for r in gaz} <= countries | {None}
