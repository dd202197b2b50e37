"""Event codes: each relation's PLOVER category, PLOVER mode and CAMEO root code.

The stage after relations. It reads only what a relation already carries (its type,
trigger words, modality, evidence sentence, place) and the language's `codes.json`:
trigger word classes, each naming the codes of one kind of event ("expelled" →
SANCTION, mode expel, CAMEO 16; "percakapan telepon" → CONSULT, mode phone, CAMEO 04).
`holds-role` is no event in either scheme and gets no codes.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from kg.errors import LanguageError
from kg.extract import lang
from kg.model import Relation

# The PLOVER event categories of the manual (tests/data/plover/PLOVER_MANUAL.tex), and
# their quad category (1 verbal cooperation … 4 material conflict).
PLOVER_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2,
               "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
               "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
PLOVER_MODES = {
    "CONSULT": ("visit", "host", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"),
}
CAMEO_ROOTS = {f"{n:02d}" for n in range(1, 21)}


@dataclass(frozen=True)
class Code:
    plover: str
    mode: str | None
    cameo: str
    name: str = ""          # the trigger class that gave it ("phone", "expel-envoy"), or "default"


@dataclass(frozen=True)
class CodeBook:
    """One language's `codes.json`, indexed: phrase → class per relation type."""
    classes: dict            # relation type -> [(phrase tuple, order, Code)]
    defaults: dict           # relation type -> Code
    intent: dict             # (relation type, modality) -> Code
    place_modes: dict        # entity type of the place -> CONSULT mode
    threat_modes: dict       # class name -> THREATEN mode (what is threatened)
    index: dict = None       # relation type -> ({phrase: [(order, Code)]}, phrase lengths, first words)
    frames: dict = None      # phrase -> (relation type, Code): "threatened to", "mobilized" (see `_framed`)
    weapons: dict = None     # phrase -> ASSAULT mode: "machetes" -> primitive (see `_weapon_mode`)
    breaks: frozenset = frozenset()   # tokens that end a frame's reach: punctuation, clause breaks, "and"


def _code(d: dict, name: str) -> Code:
    plover, mode, cameo = d["plover"], d.get("mode"), d["cameo"]
    if plover not in PLOVER_QUAD or cameo not in CAMEO_ROOTS or (mode and mode not in PLOVER_MODES.get(plover, ())):
        raise LanguageError(f"codes.json: class {name!r} has codes outside PLOVER/CAMEO ({plover}, {mode}, {cameo})")
    return Code(plover, mode, cameo, name)


@lru_cache(maxsize=None)
def book(code: str) -> CodeBook:
    raw = lang.get(code).raw["codes"]
    classes: dict = {}
    for n, c in enumerate(raw["classes"]):
        entry = _code(c, c["name"])
        for w in c["words"]:
            classes.setdefault(c["type"], []).append((lang.phrase(w), n, entry))
    defaults = {t: _code(d, "default") for t, d in raw["defaults"].items()}
    intent = {(t, m): _code(i, "intent") for i in raw["intent"] for t in i["types"] for m in i["modalities"]}
    threat = dict(raw["threat_modes"])
    if not set(threat.values()) <= set(PLOVER_MODES["THREATEN"]):
        raise LanguageError(f"codes.json: threat_modes outside the THREATEN modes ({sorted(threat.values())})")
    index = {}
    for rtype, entries in classes.items():
        by_phrase: dict = {}
        for ph, n, c in entries:
            by_phrase.setdefault(ph, []).append((n, c))
        index[rtype] = (by_phrase, sorted({len(ph) for ph in by_phrase}), frozenset(ph[0] for ph in by_phrase))
    named = {c["name"]: (c["type"], _code(c, c["name"])) for c in raw["classes"]}
    frames = {lang.phrase(w): named[name] for name, words in raw["frames"].items() for w in words}
    lex = lang.get(code).raw["lexicon"]
    breaks = frozenset({",", ";", ":", "(", ")", "–", "—"} | {w for w in lex["clause_breaks"] + lex["and"]
                                                             if w.isalpha()})
    weapons = {lang.phrase(w): m for w, m in raw["weapon_modes"].items()}
    if not set(weapons.values()) <= set(PLOVER_MODES["ASSAULT"]):
        raise LanguageError(f"codes.json: weapon_modes outside the ASSAULT modes ({sorted(set(weapons.values()))})")
    return CodeBook(classes, defaults, intent, dict(raw["place_modes"]), threat, index, frames=frames, breaks=breaks,
                    weapons=weapons)


@lru_cache(maxsize=4096)
def _phrase(text: str) -> tuple:
    return lang.phrase(text) if text else ()


def _occurring(cb: CodeBook, rtype: str, tokens: tuple) -> list[tuple[int, tuple, int, Code]]:
    """Every class phrase of `rtype` found in `tokens`: (first position, phrase, order, Code),
    by one dictionary lookup per n-gram that starts with a phrase's first word, rather than
    a scan per phrase."""
    by_phrase, lengths, firsts = cb.index.get(rtype, ({}, (), frozenset()))
    starts = [i for i, w in enumerate(tokens) if w in firsts]
    first: dict[tuple, int] = {}
    for size in lengths:
        for i in starts:
            if i + size > len(tokens):
                break       # `starts` ascend: no later one fits either
            ph = tokens[i:i + size]
            if ph in by_phrase and ph not in first:
                first[ph] = i
    return [(pos, ph, n, c) for ph, pos in first.items() for n, c in by_phrase[ph]]


def classify(cb: CodeBook, rtype: str, trigger: str, evidence: str) -> Code | None:
    """The class of the trigger words (the longest that occurs in them), else the first class
    whose words the evidence sentence holds, else the type's default."""
    hits = [(len(ph), -n, c) for _, ph, n, c in _occurring(cb, rtype, _phrase(trigger))]
    if hits:
        return max(hits, key=lambda h: (h[0], h[1]))[2]
    found = [(n, -len(ph), c) for _, ph, n, c in _occurring(cb, rtype, _phrase(evidence))]
    if found:
        return min(found, key=lambda h: (h[0], h[1]))[2]
    return cb.defaults.get(rtype)


def code_of(cb: CodeBook, r: Relation, types: dict[str, str]) -> Code | None:
    """The codes of one relation; `types` maps entity keys to entity types."""
    if r.type not in cb.defaults:
        return None
    c = _framed(cb, r) or cb.intent.get((r.type, r.modality)) or classify(cb, r.type, r.trigger, r.evidence)
    if c and c.plover == "ASSAULT" and c.mode in (None, "targeted"):
        c = replace(c, mode=_weapon_mode(cb, r) or c.mode)
    if c and c.mode is None:
        c = replace(c, mode=_mode_in_sentence(cb, r, c) or _place_mode(cb, r, c, types) or _threat_mode(cb, r, c))
    return c


def _weapon_mode(cb: CodeBook, r: Relation) -> str | None:
    """"killed by an improvised explosive device", "attacked by militiamen armed with machetes":
    the manual's ASSAULT modes are the weapons used, and the first one the sentence names gives it."""
    toks = _phrase(r.evidence)
    lengths = sorted({len(p) for p in cb.weapons}, reverse=True)
    for i in range(len(toks)):
        for n in lengths:
            mode = cb.weapons.get(toks[i:i + n])
            if mode:
                return mode
    return None


def _framed(cb: CodeBook, r: Relation, reach: int = 12) -> Code | None:
    """"Iran threatened to launch an offensive in its war with Iraq", "Britain mobilized reservists
    for a possible war against Iraq": the trigger's event is what a verb before it in its clause
    threatens or prepares, and that verb's class gives the codes (THREATEN, MOBILIZE)."""
    toks, trig = _phrase(r.evidence), _phrase(r.trigger)
    at = next((i for i in range(len(toks) - len(trig) + 1) if trig and toks[i:i + len(trig)] == trig), None)
    if not at:
        return None
    for k in range(at - 1, max(-1, at - reach - 1), -1):
        if toks[k] in cb.breaks:
            return None
        for n in range(min(4, at - k), 0, -1):
            hit = cb.frames.get(toks[k:k + n])
            if hit and hit[0] == r.type:
                return hit[1]
    return None


def _mode_in_sentence(cb: CodeBook, r: Relation, c: Code) -> str | None:
    """"mendiskusikan … dalam percakapan telepon": the sentence gives the mode the trigger lacks."""
    found = [(pos, k) for pos, _, _, k in _occurring(cb, r.type, _phrase(r.evidence)) if k.plover == c.plover and k.mode]
    return min(found, key=lambda f: f[0])[1].mode if found else None


def _threat_mode(cb: CodeBook, r: Relation, c: Code) -> str | None:
    """"threatened to break off diplomatic relations": a threat's mode is what it threatens."""
    if c.plover != "THREATEN":
        return None
    found = sorted((pos, k.name) for pos, _, _, k in _occurring(cb, r.type, _phrase(r.evidence))
                   if k.name in cb.threat_modes)
    return cb.threat_modes[found[0][1]] if found else None


def _place_mode(cb: CodeBook, r: Relation, c: Code, types: dict[str, str]) -> str | None:
    """A meeting at a summit (an Event node) is multilateral."""
    if c.plover != "CONSULT":
        return None
    at = r.target if r.type == "met-at" else r.place
    return cb.place_modes.get(types.get(at, "")) if at else None


def assign(relations, entities, language: str) -> tuple[Relation, ...]:
    """Relations with their `plover`, `plover_mode` and `cameo` fields filled in."""
    cb = book(language)
    types = {e.key: e.type for e in entities}
    out = []
    for r in relations:
        c = code_of(cb, r, types)
        out.append(replace(r, plover=c.plover, plover_mode=c.mode, cameo=c.cameo) if c else r)
    return tuple(out)
