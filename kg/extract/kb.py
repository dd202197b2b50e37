"""The knowledge base of actors: countries, places, organisations, groups and people.

Shipped as data (`kg/data/kb/*.json`, schema in its README).  Canonical names are stored
once; case, hyphen and accent variants and people's surnames are generated here.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from kg.extract.lang import PhraseIndex, tokenize
from kg.resources import data_dir

KB_FILES = ("countries", "places", "organizations", "groups", "people")
# The gazetteer (kg/data/kb/gazetteer.json) is read apart, on first use, and matched only
# where a place is expected ("di Pekanbaru", "in Kobe", a dateline), never as a bare
# capitalised word: see `KnowledgeBase.gazetteer`.


@dataclass(frozen=True)
class Actor:
    key: str
    type: str
    label: str
    wikidata: str | None
    kind: str | None
    country: str | None
    metonym_for: str | None
    roles: tuple[tuple[str, str, str | None, str | None], ...]   # (role, of, start, end)
    body: str | None = None     # a group's organisation: "ASEAN foreign ministers" -> ASEAN


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def variants(name: str) -> set[str]:
    """Spelling variants news copy uses for one canonical name."""
    out = {name, strip_accents(name)}
    for v in list(out):
        if "-" in v:
            out.add(v.replace("-", " "))
            out.add("-".join(p[:1].upper() + p[1:] for p in v.split("-")))
        if v[:3] in ("al-", "el-"):
            out.add(v[:1].upper() + v[1:])
        if " al-" in v:
            out.add(v.replace(" al-", " Al-"))
    return out


_PLAIN = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)*$")


def key_tokens(name: str) -> tuple[str, ...]:
    return tuple(t.replace("’", "'") for t, _, _ in tokenize(name))


class KnowledgeBase:
    def __init__(self, records: list[dict]):
        self.actors: dict[str, Actor] = {}
        self.short_names: dict[str, tuple[str, ...]] = {}   # an organisation's abbreviations ("OIC", "KTT OKI")
        names: dict[tuple[str, ...], dict[str, str]] = {}   # tokens -> {key: "name"|"adjective"}
        folded: dict[tuple[str, ...], dict[str, str]] = {}
        surnames: dict[str, set[str]] = {}
        for r in records:
            key = r["key"]
            self.actors[key] = Actor(
                key=key, type=r["type"], label=r["label"], wikidata=r.get("wikidata"), kind=r.get("kind"),
                country=r.get("country"), metonym_for=r.get("metonym_for"), body=r.get("body"),
                roles=tuple((x["role"], x["of"], x.get("start"), x.get("end")) for x in r.get("roles", ())))
            forms = [(n, "name") for ns in r.get("names", {}).values() for n in ns]
            if r["type"] == "Organization":
                self.short_names[key] = tuple(n for n, _ in forms if n.isupper() and 2 <= len(n) <= 6)
            forms += [(n, "adjective") for ns in r.get("adjectives", {}).values() for n in ns]
            forms.append((r["label"], "name"))
            for form, how in forms:
                for v in variants(form):
                    toks = key_tokens(v)
                    if not toks:
                        continue
                    names.setdefault(toks, {}).setdefault(key, how)
                    if len(v) >= 4:
                        folded.setdefault(tuple(t.upper() for t in toks), {}).setdefault(key, how)
                    if r["type"] == "Person" and how == "name" and len(toks) >= 2 and "surname" not in r:
                        last = toks[-1]
                        if last[:1].isupper() and len(last) > 2 and last not in ("II", "III", "IV", "Jr", "Sr"):
                            surnames.setdefault(last, set()).add(key)
            if r.get("surname"):    # a family name written first ("Xi Jinping", "Moon Jae-in"): "Xi", "Moon"
                for v in variants(r["surname"]):
                    surnames.setdefault(v, set()).add(key)
        # a country's capital: the place that stands for it
        self.capital = {a.metonym_for: a.key for a in self.actors.values() if a.type == "Place" and a.metonym_for}
        self.names = PhraseIndex(names)
        self.folded = PhraseIndex(folded)
        self._gazetteer: tuple[PhraseIndex, PhraseIndex] | None = None
        self.surnames = {k: frozenset(v) for k, v in surnames.items()}
        # (role, of) -> the people who ever held it, so an untitled office is no scan of all actors
        self.by_office: dict[tuple[str, str], list[str]] = {}
        for a in self.actors.values():
            for role, of, _, _ in a.roles:
                people = self.by_office.setdefault((role, of), [])
                if a.key not in people:
                    people.append(a.key)

    def gazetteer(self) -> tuple[PhraseIndex, PhraseIndex]:
        """The gazetteer's names (exact, all-caps), loaded on first use: thousands of cities
        and provinces (kg/data/kb/gazetteer.json) whose records join `actors` then.  Its forms
        are stored with their plain-letter spelling, so no variants are made here."""
        if self._gazetteer is None:
            exact: dict[tuple[str, ...], dict[str, str]] = {}
            upper: dict[tuple[str, ...], dict[str, str]] = {}
            for r in _read("gazetteer"):
                key = r["key"]
                if key in self.actors:
                    continue
                self.actors[key] = Actor(key, "Place", r["label"], None, None, r.get("country"), None, ())
                for form in r["names"]["any"]:
                    toks = tuple(form.split()) if _PLAIN.match(form) else key_tokens(form)
                    exact.setdefault(toks, {}).setdefault(key, "name")
                    upper.setdefault(tuple(t.upper() for t in toks), {}).setdefault(key, "name")
            self._gazetteer = (PhraseIndex(exact), PhraseIndex(upper))
        return self._gazetteer

    def __contains__(self, key: str) -> bool:
        return key in self.actors

    def get(self, key: str) -> Actor:
        return self.actors[key]

    def roles_on(self, key: str, when: date | None) -> list[tuple[str, str]]:
        """(role, of) of a person's offices held on `when` (all of them when no date)."""
        actor = self.actors.get(key)
        if not actor:
            return []
        day = when.isoformat() if when else None
        out = []
        for role, of, start, end in actor.roles:
            if day is None or ((start or "") <= day and (end is None or day < end)):
                out.append((role, of))
        return out

    def roles_coming(self, key: str, when: date, within: int = 366) -> list[tuple[str, str]]:
        """(role, of) of a person's offices that start after `when`, within `within` days: the
        office a president-elect is about to take."""
        actor = self.actors.get(key)
        if not actor:
            return []
        day, last = when.isoformat(), date.fromordinal(when.toordinal() + within).isoformat()
        return [(role, of) for role, of, start, _ in actor.roles if start and day < start <= last]

    def holders(self, role: str, of: str, when: date | None) -> list[str]:
        """People who held `role` of `of` on `when`."""
        return [k for k in self.by_office.get((role, of), ()) if (role, of) in self.roles_on(k, when)]


def _read(name: str) -> list[dict]:
    path = data_dir() / "kb" / f"{name}.json"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def load() -> KnowledgeBase:
    return KnowledgeBase([r for name in KB_FILES for r in _read(name)])


__all__ = ["Actor", "KnowledgeBase", "load"]
