"""Entities stage: mentions -> entities with stable keys, and where each occurs.

Resolves knowledge-base names, people introduced by a title or role ("Menteri Luar
Negeri Rusia Sergey Lavrov", "sang penasihat, Walid Phares", "Palestinian president
Mahmud Abbas"), later references by surname, by role noun ("sang penasihat") or as a
pair ("kedua negara", "the two leaders"), and summits ("KTT G20 di Hamburg").
The result also records who holds which role, for the `holds-role` relations.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kg.extract.events import EventsMixin
from kg.extract.kb import KnowledgeBase
from kg.extract.lang import Language
from kg.extract.mentions import ROMAN, SentenceMentions, Span
from kg.extract.occurrences import HEAD_ROLES, Occurrence, RoleBinding
from kg.extract.people import PeopleMixin
from kg.extract.titles import TitlesMixin
from kg.model import Article, Entity
from kg.extract.reader import slug

__all__ = ["HEAD_ROLES", "Occurrence", "Resolution", "RoleBinding", "introduced", "resolve"]

TYPE_PREFERENCE = {"Country": 0, "Organization": 1, "Place": 2, "Group": 3, "Person": 4}


@dataclass
class _Builder:
    key: str
    type: str
    label: str
    wikidata: str | None = None
    aliases: set = field(default_factory=set)
    attrs: dict = field(default_factory=dict)


@dataclass
class Resolution:
    entities: dict[str, _Builder]
    occurrences: list[list[Occurrence]]
    roles: list[RoleBinding]
    place_ok: set[str] = field(default_factory=set)
    dateline: str | None = None     # the place the story was filed from ("BUENOS AIRES, July 18 --")

    def ensure(self, key: str, kb: KnowledgeBase) -> None:
        if key not in self.entities:
            a = kb.get(key)
            self.entities[key] = _Builder(key, a.type, a.label, a.wikidata)

    def new_place(self, label: str) -> str:
        """A venue the knowledge base does not know ("the Great Hall of the People")."""
        key = "place/" + slug(label)
        if key not in self.entities:
            self.entities[key] = _Builder(key, "Place", label, None, {label})
        self.place_ok.add(key)
        return key

    def frozen_entities(self) -> tuple[Entity, ...]:
        return tuple(Entity(b.key, b.type, b.label, b.wikidata, tuple(sorted(b.aliases - {b.label})),
                            tuple(sorted(b.attrs.items())))
                     for b in self.entities.values())


class _Resolver(PeopleMixin, TitlesMixin, EventsMixin):
    """Resolves an article's mentions sentence by sentence, remembering what it met.  The
    registry, the choice among candidates and the walk over a sentence are here; people and
    roles, titles, and events are in their own modules (kg.extract.people, .titles, .events);
    titles are read by parts (.title_phrase, .title_holders, .title_references, .title_states)."""

    def __init__(self, article: Article, lang: Language, kb: KnowledgeBase):
        self.article, self.lang, self.kb = article, lang, kb
        self.pub: date | None = article.published
        self.entities: dict[str, _Builder] = {}
        self.roles: list[RoleBinding] = []
        self.person_tokens: dict[str, str] = {}     # a name token of a person met so far -> key
        self.role_holders: dict[str, list[str]] = {}  # role -> people, in order met
        self.slots: list[tuple[str, str | None, str | None]] = []  # unnamed (role, of, principal)
        self.countries: list[str] = []              # countries in argument position, in order
        self.leaders: list[str] = []
        self.people: list[str] = []                 # people in argument position, in order
        self.place_ok: set[str] = set()             # places named as a venue, origin or destination
        self.dateline: str | None = None            # the place of the story's dateline
        self.last_event: str | None = None
        self.last_office: str | None = None         # the role of the last title read
        self.last_envoy_state: tuple[str, int] | None = None  # (state, sentence) of the last envoy named by state
        self.event_counts: dict[str, int] = {}
        self.country_pairs: list[tuple[str, str]] = []   # countries the text coordinated ("AS dan Rusia")
        self.last_affiliation: str | None = None
        self.shared_affiliation: str | None = None      # the state of a first title, read with a second of the same holder
        self.introduced: frozenset[str] = frozenset()    # KB people named in full somewhere in the article

    # -- registry -----------------------------------------------------------------
    def add(self, key: str, alias: str | None = None) -> str:
        b = self.entities.get(key)
        if b is None:
            if key in self.kb:
                a = self.kb.get(key)
                b = _Builder(key, a.type, a.label, a.wikidata)
            else:
                raise KeyError(key)
            self.entities[key] = b
        if alias:
            b.aliases.add(alias)
        return key

    def add_new(self, key: str, type_: str, label: str, alias: str | None = None, **attrs) -> str:
        b = self.entities.get(key)
        if b is None:
            b = self.entities[key] = _Builder(key, type_, label)
        if alias:
            b.aliases.add(alias)
        for k, v in attrs.items():
            if v is not None and k not in b.attrs:
                b.attrs[k] = v
        return key

    def note_person(self, key: str, name_tokens) -> None:
        for t in name_tokens:
            if len(t) >= 2 and t[:1].isupper() and t not in ROMAN:
                self.person_tokens.setdefault(t, key)

    def metonym(self, key: str) -> str:
        """The country a capital or seat of power stands for ("Washington", "the Kremlin")."""
        actor = self.kb.actors.get(key)
        if actor and actor.metonym_for and actor.type == "Place":
            self.add(actor.metonym_for)
            return actor.metonym_for
        return key

    # -- choosing among knowledge-base candidates ---------------------------------
    def choose(self, cands: tuple) -> str | None:
        keys = [k for k, _ in cands]
        if len(keys) == 1:
            return keys[0]
        known = [k for k in keys if k in self.entities]
        if len(known) == 1:
            return known[0]
        pool = known or keys
        people = [k for k in pool if self.kb.get(k).type == "Person"]
        if len(people) == len(pool) and self.pub:
            active = [k for k in people if self.kb.roles_on(k, self.pub)]
            if len(active) == 1:
                return active[0]
        return sorted(pool, key=lambda k: (TYPE_PREFERENCE.get(self.kb.get(k).type, 9), k))[0]

    # -- one sentence ---------------------------------------------------------------
    def sentence(self, sm: SentenceMentions) -> list[Occurrence]:
        if sm.credit:
            return []
        self.sm = sm
        self.by_start = {s.start: s for s in sm.spans}
        self.occ: list[Occurrence] = []
        spans = sm.spans
        i = 0
        while i < len(spans):
            i = self.span(spans, i)
        occ = sorted(self.occ, key=lambda o: o.start)
        for o in occ:
            if o.arg and o.kind == "person" and (not self.people or self.people[-1] != o.keys[0]):
                self.people.append(o.keys[0])
        self.pending_pairs = []
        args = [o for o in occ if o.arg and o.kind in ("actor", "person")]
        for a, b in zip(args, args[1:]):
            gap = [t for t in sm.low[a.end:b.start]]
            if len(gap) == 1 and self.lang.and_words.match(gap, 0):
                ca, cb = self.country_of(a.keys[0]), self.country_of(b.keys[0])
                if ca and cb and ca != cb:
                    self.country_pairs.append((ca, cb))
        return occ

    def country_of(self, key: str) -> str | None:
        if key.startswith("country/"):
            return key
        actor = self.kb.actors.get(key)
        if actor and actor.metonym_for:
            return actor.metonym_for
        for b in self.roles:
            if b.person == key and b.of.startswith("country/"):
                return b.of
        return None

    def affiliation_list(self, p: int) -> bool:
        """At `p` (after a title's country) the list of countries goes on: ", Yordania", "and Jordan"."""
        toks, low = self.sm.tokens, self.sm.low
        q = p + 1 if p < len(toks) and (toks[p] == "," or self.lang.and_words.match(list(low), p)) else None
        nxt = self.span_at(q) if q is not None else None
        return bool(nxt and nxt.kind == "actor" and self.kb.get(self.choose(nxt.value)).type == "Country")

    def country_of_place(self, key: str) -> str | None:
        """The state an actor of the sentence belongs to: itself, a capital's or a seat's state,
        a gazetteer place's country."""
        if key.startswith("country/"):
            return key
        actor = self.kb.actors.get(key)
        return (actor.metonym_for or getattr(actor, "country", None)) if actor else None

    def note_country(self, key: str | None) -> None:
        """Countries in the order the text brings them up, for "kedua negara" / "the two countries"."""
        if key and key.startswith("country/"):
            if key in self.countries:
                self.countries.remove(key)
            self.countries.append(key)

    def text(self, a: int, b: int) -> str:
        toks = self.sm.sentence.tokens
        return self.sm.sentence.text[toks[a].start - self.sm.sentence.start: toks[b - 1].end - self.sm.sentence.start]

    def capital_phrase(self, start: int, end: int, country: str):
        """(start, end, capital key) when the country names its capital: "ibu kota Australia",
        "the capital of Vietnam", "the Vietnamese capital"."""
        place = self.kb.capital.get(country)
        if not place:
            return None
        low = list(self.sm.low)
        for j in range(max(0, start - 3), start):
            m = self.lang.capital_before.match(low, j)
            if m and j + m[0] == start:
                return j, end, place
        m = self.lang.capital_after.match(low, end) if end < len(low) else None
        if m:
            return start, end + m[0], place
        return None

    def after_preposition(self, pos: int) -> bool:
        low = list(self.sm.low[max(0, pos - 5):pos])
        return any(ix.match(low, k) and k + ix.match(low, k)[0] == len(low)
                   for ix in (self.lang.venue, self.lang.to_words, self.lang.from_words) for k in range(len(low)))

    def span_at(self, pos: int) -> Span | None:
        return self.by_start.get(pos)

    def emit(self, start: int, end: int, keys, kind: str, arg: bool = True) -> None:
        self.occ.append(Occurrence(start, end, tuple(keys), kind, arg, self.text(start, end)))
        for k in keys if kind in ("actor", "person") else ():
            actor = self.kb.actors.get(k)
            if kind == "person":
                held = self.kb.roles_on(k, self.pub) if actor else []
                self.note_country(next((of for _, of in held if of.startswith("country/")), None))
            elif actor and actor.type == "Place" and actor.metonym_for and not self.after_preposition(start):
                self.note_country(actor.metonym_for)
            else:
                self.note_country(k)

    def leaders_government(self, key: str, start: int, end: int) -> str | None:
        """The state whose government a leader's name stands for ("the Trump administration",
        "pemerintahan Jokowi"): the state the knowledge base has them head on the
        publication day, when a word of `government_of_leader` is next to the name."""
        low, words = self.sm.low, self.lang.government_of_leader
        if not ((end < len(low) and low[end] in words["after"]) or (start > 0 and low[start - 1] in words["before"])):
            return None
        held = [of for role, of in (self.kb.roles_on(key, self.pub) if self.pub else ())
                if role in HEAD_ROLES and of.startswith("country/")]
        return held[0] if held else None

    def media_credit(self, s: Span, actor) -> bool:
        """A news organisation named only as the story's or a photo's source is no actor:
        "JAKARTA, KOMPAS.com -", "MOSCOW (Reuters) -", "Photo: … /Reuters", "Foto: ANTARA"."""
        if actor.kind != "media":
            return False
        toks, low = self.sm.tokens, self.sm.low
        # "MOSCOW (Reuters) -", "REPUBLIKA.CO.ID, JAKARTA --", "Bloomberg Technoz, Jakarta -"
        dash = any(t in ("—", "–", "-") for t in toks[s.end:s.end + (8 if s.start == 0 else 3)])
        if s.start <= 6 and (dash or (s.start > 0 and toks[s.start - 1] == "(" and s.end < len(toks)
                                      and toks[s.end] == ")")):
            return True     # a dateline or a header line
        if s.start > 0 and toks[s.start - 1] == "/":
            return True     # a photo credit
        return bool(low) and low[0] in self.lang.credit_words and low[0].isalpha()

    def span(self, spans: tuple[Span, ...], i: int) -> int:
        s = spans[i]
        if s.kind == "actor":
            key = self.choose(s.value)
            actor = self.kb.get(key)
            if self.media_credit(s, actor):
                return self._next(spans, s.end)
            self.add(key, self.text(s.start, s.end))
            if actor.type == "Person" and (state := self.leaders_government(key, s.start, s.end)):
                # "the Trump administration", "pemerintahan Jokowi": the state, not the person
                self.add(state)
                self.emit(s.start, s.end, [state], "actor")
            elif actor.type == "Person":
                self.note_person(key, self.sm.tokens[s.start:s.end])
                self.emit(s.start, s.end, [key], "person")
                self.apposition(key, s.end)
            elif actor.type == "Country" and (cap := self.capital_phrase(s.start, s.end, key)):
                # "ibu kota Australia", "the Vietnamese capital": the capital city
                a, b, place = cap
                self.add(place, self.text(a, b))
                self.place_ok.add(place)
                self.emit(a, b, [place], "actor")
            else:
                # a dateline ("BRUSSELS —", "JAKARTA, KOMPAS.com -") says where the story was filed
                toks = self.sm.tokens
                dateline = (s.start == 0 and actor.type == "Place" and any(
                    t in ("—", "–", "-") for t in toks[s.end:s.end + 5])) or (
                    # "VERSAILLES, France —": the country after the dateline's town
                    0 < s.start <= 4 and actor.type in ("Place", "Country")
                    and all(t == "," or t.isupper() for t in toks[:s.start])
                    and any(t in ("—", "–", "-") for t in toks[s.end:s.end + 2]))
                # "New Delhi, India", "Nusa Dua, Bali": the second name only locates the first
                located = (s.start > 1 and self.sm.tokens[s.start - 1] == "," and actor.type in ("Country", "Place")
                           and any(o.end == s.start - 1 and o.keys and self.entities[o.keys[0]].type == "Place"
                                   for o in self.occ))
                self.emit(s.start, s.end, [key], "actor",
                          arg=actor.kind != "media" and not dateline and not located)
                if dateline and actor.type == "Place" and self.dateline is None:
                    self.dateline = key     # where the story was filed: what "here" means
                if actor.type == "Place" and self.after_preposition(s.start):
                    self.place_ok.add(key)
            return self._next(spans, s.end)
        if s.kind == "title":
            return self.title(spans, i)
        if s.kind == "pair":
            pair = self.pair(s.value)
            if pair:
                self.emit(s.start, s.end, pair, "pair")
            return i + 1
        if s.kind == "eventnoun":
            return self.event(spans, i)
        if s.kind == "name":
            key = self.name(s)
            if key is None and len(s.value) >= 2 and self.appositive_title(s.end):
                key = self.name(s, allow_new=True)
            if key and (state := self.leaders_government(key, s.start, s.end)):
                self.add(state)
                self.emit(s.start, s.end, [state], "actor")     # "the Trump administration"
            elif key:
                self.emit(s.start, s.end, [key], "person")
                self.apposition(key, s.end)
            else:
                self.emit(s.start, s.end, [], "name", arg=False)
            return i + 1
        return i + 1

    def _next(self, spans, pos: int) -> int:
        for j, sp in enumerate(spans):
            if sp.start >= pos:
                return j
        return len(spans)

    # -- references ----------------------------------------------------------------------
    def pair(self, what: str) -> tuple[str, str] | None:
        if what == "leaders":
            # the two heads of state or government the story mentioned last
            recent = list(dict.fromkeys(reversed(self.people + [o.keys[0] for o in self.occ if o.kind == "person"])))
            heads = [p for p in recent if p in self.leaders or any(
                r in HEAD_ROLES for r, _ in self.kb.roles_on(p, self.pub))]
            if len(heads) >= 2:
                return heads[1], heads[0]
        if what in ("people", "leaders"):
            here = [o.keys[0] for o in self.occ if o.kind == "person" and o.arg]
            here = list(dict.fromkeys(here))
            if len(here) >= 2:
                return here[0], here[-1]
            earlier = [k for k in reversed(self.people) if k not in here]
            if here and earlier:
                return earlier[0], here[0]
            if len(earlier) >= 2:
                return earlier[1], earlier[0]
            return None
        if self.country_pairs:
            # the two countries the story last named together in an earlier sentence
            a, b = self.country_pairs[-1]
            for k in (a, b):
                if k not in self.entities:
                    self.add(k)
            return a, b
        seq = self.countries
        if len(seq) < 2:
            return None
        for k in seq[-2:]:
            if k not in self.entities:
                self.add(k)
        return seq[-2], seq[-1]


def introduced(sentences: list[SentenceMentions], kb: KnowledgeBase) -> frozenset[str]:
    """The knowledge-base people the article names in full somewhere ("Vladimir Putin"), so
    that "Putin" in a headline before it is that person."""
    out = set()
    for sm in sentences:
        for sp in sm.spans:
            if sp.kind == "actor" and sp.end - sp.start >= 2:
                out.update(k for k, _ in sp.value if k in kb and kb.get(k).type == "Person")
    return frozenset(out)


def resolve(article: Article, sentences: list[SentenceMentions], lang: Language, kb: KnowledgeBase) -> Resolution:
    r = _Resolver(article, lang, kb)
    r.introduced = introduced(sentences, kb)
    occurrences = [r.sentence(sm) for sm in sentences]
    return Resolution(r.entities, occurrences, r.roles, r.place_ok, r.dateline)
