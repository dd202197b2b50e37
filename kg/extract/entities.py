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

from kg.extract.kb import KnowledgeBase
from kg.extract.lang import COUNTERPART, Language
from kg.extract.mentions import ROMAN, SentenceMentions, Span
from kg.model import Article, Entity
from kg.extract.reader import slug

TYPE_PREFERENCE = {"Country": 0, "Organization": 1, "Place": 2, "Group": 3, "Person": 4}
HEAD_ROLES = ("head-of-state", "head-of-government")
ROLE_AFFILIATION_TYPES = ("Country", "Organization", "Person", "Group")


def _initial(token: str) -> bool:
    """An initial inside a name: "J", "J.", "LP", "L.P."."""
    t = token.replace(".", "")
    return 0 < len(t) <= 2 and t.isupper() and t.isalpha() or token == "."


@dataclass(frozen=True, slots=True)
class Occurrence:
    start: int                  # token offsets in the sentence
    end: int
    keys: tuple[str, ...]       # one entity, or two for a pair reference
    kind: str                   # actor | person | event | pair | name
    arg: bool = True            # may be an argument of a relation
    text: str = ""
    via: str = ""               # "envoy": a state named through its unnamed envoy


@dataclass(frozen=True)
class RoleBinding:
    person: str
    role: str
    of: str
    sentence: int
    rule: str
    confidence: float
    title: str = ""             # the words that gave the role, when known


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


class _Resolver:
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
        self.last_event: str | None = None
        self.last_office: str | None = None         # the role of the last title read
        self.last_envoy_state: tuple[str, int] | None = None  # (state, sentence) of the last envoy named by state
        self.event_counts: dict[str, int] = {}
        self.country_pairs: list[tuple[str, str]] = []   # countries the text coordinated ("AS dan Rusia")
        self.last_affiliation: str | None = None
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

    def bind(self, person: str, role: str, of: str | None, sentence: int, rule: str, conf: float) -> None:
        if of is None or of == person:
            return
        t = self.entities[of].type if of in self.entities else (self.kb.get(of).type if of in self.kb else None)
        if t not in ROLE_AFFILIATION_TYPES:
            return
        if of not in self.entities:
            self.add(of)
        self.roles.append(RoleBinding(person, role, of, sentence, rule, conf))
        self.role_holders.setdefault(role, []).append(person)
        if role in HEAD_ROLES:
            self.leaders.append(person)

    def kb_role(self, person: str, role: str | None) -> tuple[str, str] | None:
        """The office a known person held on the publication date, preferring `role`."""
        held = self.kb.roles_on(person, self.pub)
        if not held and self.pub is None:
            held = self.kb.roles_on(person, None)
        for r, of in held:
            if r == role:
                return r, of
        if role in HEAD_ROLES:
            for r, of in held:
                if r in HEAD_ROLES:
                    return r, of
        return held[0] if held and role in (None, "official", "member") else None

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

    def media_credit(self, s: Span, actor) -> bool:
        """A news organisation named only as the story's or a photo's source is no actor:
        "JAKARTA, KOMPAS.com -", "MOSCOW (Reuters) -", "Photo: … /Reuters", "Foto: ANTARA"."""
        if actor.kind != "media":
            return False
        toks, low = self.sm.tokens, self.sm.low
        dash = any(t in ("—", "–", "-") for t in toks[s.end:s.end + 3])
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
            if actor.type == "Person":
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
            if key:
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

    # -- names and people -------------------------------------------------------------
    def name(self, s: Span, allow_new: bool = False) -> str | None:
        toks = s.value
        label = self.text(s.start, s.end)
        key = "person/" + slug(label)
        if key in self.entities:
            return self.add(key) if key in self.kb else key
        k = self._met_person(toks)
        if k:
            self.entities[k].aliases.add(label)
            return k
        bare = [t for t in toks if not _initial(t)]
        if len(bare) >= 2 and len(bare) < len(toks):
            # "Retno LP Marsudi", "Anthony J. Blinken": the name without its initials
            m = self.kb.names.match(bare, 0)
            if m and m[0] == len(bare):
                k = self.choose(tuple(sorted(m[1].items())))
                if self.kb.get(k).type == "Person":
                    self.add(k, label)
                    self.note_person(k, toks)
                    return k
        if len(toks) == 1 and toks[0] in self.kb.surnames:
            k = self.surname(toks[0])
            if k:
                self.add(k, label)
                self.note_person(k, toks)
                return k
        if allow_new and len(toks) >= 2:
            self.add_new(key, "Person", label, label)
            self.note_person(key, toks)
            return key
        return None

    def _met_person(self, toks) -> str | None:
        """The person met earlier whom a short name repeats: one token of their name ("Retno",
        "Putin"), or two whose last, the surname, is theirs ("Vladimir Zelensky" is not
        Vladimir Putin, "Wang Wenbin" is not Wang Yi: given names do not identify)."""
        if len(toks) == 1:
            return self.person_tokens.get(toks[0])
        if len(toks) == 2:
            k = self.person_tokens.get(toks[1])
            if k and self.person_tokens.get(toks[0], k) == k:
                return k
        return None

    def surname(self, token: str) -> str | None:
        """A surname alone names a knowledge-base person the article names in full somewhere,
        or one in office on the publication day whose surname is no common word of the
        language ("Putin said"; "in English" is not Bill English, "Moon" is no one in 2009)."""
        cands = tuple((k, "name") for k in self.kb.surnames[token])
        k = self.choose(cands)
        if k in self.entities or k in self.introduced:
            return k
        if token.lower() in self.lang.stopwords or token in self.lang.not_names:
            return None
        return k if self.pub and self.kb.roles_on(k, self.pub) else None

    def appositive_title(self, pos: int) -> bool:
        """Whether ", [the] [affiliation] title" follows position `pos`."""
        toks, low = self.sm.tokens, self.sm.low
        if pos >= len(toks) or toks[pos] != ",":
            return False
        p = pos + 1
        while p < len(toks) and (low[p] in self.lang.definite or low[p] in self.lang.determiners):
            p += 1
        for _ in range(6):
            sp = self.span_at(p)
            if sp and sp.kind == "title":
                return True
            if sp and sp.kind == "actor":
                p = sp.end
            elif p < len(toks) and (low[p] in self.lang.role_modifiers or low[p] in self.lang.possessive):
                p += 1
            else:
                return False
        return False

    def _personish(self, sp: Span | None) -> bool:
        """A span that names a person: a name, or a person of the knowledge base."""
        return bool(sp) and (sp.kind == "name" or (sp.kind == "actor" and self.kb.get(self.choose(sp.value)).type == "Person"))

    def apposition(self, person: str, pos: int) -> None:
        """"Walid Phares, penasihat Trump," / "Sergei Lavrov, Russia's foreign minister," ."""
        toks, low = self.sm.tokens, self.sm.low
        if pos >= len(toks) or toks[pos] != ",":
            return
        p = pos + 1
        while p < len(toks) and (low[p] in self.lang.definite or low[p] in self.lang.determiners):
            p += 1
        # skip an English affiliation before the title: "Russia's foreign minister"
        q = p
        sp = self.span_at(q)
        affil = None
        if sp and sp.kind == "actor":
            affil = self.choose(sp.value)
            q = sp.end
            while q < len(toks) and (low[q] in self.lang.possessive or low[q] in self.lang.role_modifiers) \
                    and not self.span_at(q):
                q += 1
        else:
            while q < len(toks) and low[q] in self.lang.role_modifiers and not self.span_at(q):
                q += 1
        sp = self.span_at(q)
        if not sp or sp.kind != "title":
            return
        role = sp.value
        r = sp.end
        while r < len(toks) and low[r] in self.lang.role_modifiers:
            r += 1
        sp2 = self.span_at(r)
        if sp2 and sp2.kind == "name" and r > sp.end and low[r - 1] in self.lang.portfolio_words:
            sp2 = None  # "Zed Seselja, Australia's Minister for International Development,": a portfolio
        if self._personish(sp2):
            return      # "Joe Biden, British Prime Minister Boris Johnson and …": a list, not an apposition
        if sp2 and sp2.kind == "actor" and self.kb.get(self.choose(sp2.value)).type in ("Country", "Organization") \
                and r + (sp2.end - sp2.start) < len(toks) and self._personish(self.span_at(sp2.end)):
            return      # "…, Menteri Luar Negeri Rusia Sergei Lavrov": the title belongs to the next name
        if affil is None and sp2 and sp2.kind == "actor":
            affil = self.choose(sp2.value)
            self.add(affil, self.text(sp2.start, sp2.end))
            self.emit(sp2.start, sp2.end, [affil], "actor", arg=False)
        elif affil is not None:
            self.add(affil, self.text(p, self.span_at(p).end))
            self.emit(p, self.span_at(p).end, [affil], "actor", arg=False)
        self.resolve_role(person, role, affil, None, "apposition", 0.8, definite=p > pos + 1)

    def resolve_role(self, person: str, role: str, affil: str | None, principal: str | None,
                     rule: str, conf: float, definite: bool = False) -> None:
        sent = self.sm.sentence.index
        self.role_holders.setdefault(role, [])
        is_kb_person = person in self.kb and self.kb.get(person).type == "Person"
        if affil and self.entities.get(affil) and self.entities[affil].type == "Person":
            principal, affil = affil, None
        if affil is None and principal is None and is_kb_person:
            known = self.kb_role(person, role)
            if known:
                role, affil = known
                conf -= 0.05
        if affil is None and principal is None and definite:
            # "sang penasihat, Walid Phares": the adviser named earlier without a name
            for s_role, s_of, s_principal in reversed(self.slots):
                if s_role == role:
                    affil, principal = s_of, s_principal
                    conf -= 0.1
                    break
        if affil is None and principal is None and role in ("minister", "foreign-minister") \
                and self.lang.domestic_country and not is_kb_person and not any(
                    self.country_of_place(k) not in (None, self.lang.domestic_country)
                    for sp in self.sm.spans if sp.kind == "actor" for k, _ in sp.value):
            # not beside another state or its places: "delegasi Eritrea yang dipimpin Menteri Luar
            # Negeri Osman Saleh", "Duta Besar RI untuk Moskow … bertemu Menteri Pertahanan …"
            # "Menteri Keuangan Sri Mulyani": the press of this language leaves its own
            # government unnamed
            affil = self.add(self.lang.domestic_country)
            conf -= 0.15
        if affil is None and principal is None:
            if person not in self.role_holders[role]:
                self.role_holders[role].append(person)
            return
        self.bind(person, role, affil or principal, sent, rule, conf)

    def envoy_stands_for_state(self, s, first: int, end: int, affil: str) -> bool:
        """Rule `envoy`: a diplomat named by office only stands for the state that sent them
        ("Turkey expelled the Israeli ambassador" -> Israel; "Malaysia memanggil Duta Besar
        Korea Utara" -> North Korea), as the argument of the clause."""
        if not self.lang.envoy_titles.match(list(self.sm.low), s.start) or self.entities[affil].type != "Country":
            return False
        self.occ = [o for o in self.occ if not (o.keys == (affil,) and first <= o.start and o.end <= end)]
        self.occ.append(Occurrence(first, end, (affil,), "actor", True, self.text(first, end), "envoy"))
        self.last_envoy_state = (affil, self.sm.sentence.index)
        return True

    def envoy_of_the_story(self, s, first: int, end: int) -> bool:
        """Rule `envoy`, carried: diplomats named with no state, in a story about one state's
        envoys, are that state's ("Amerika Serikat mengusir 60 diplomat Rusia. Jerman, Prancis dan
        Polandia masing-masing mengusir empat diplomat"), up to three sentences on; not one's
        own envoys ("its ambassador", "duta besarnya", "their diplomats")."""
        low = self.sm.low
        if self.last_envoy_state is None or not self.lang.envoy_titles.match(list(low), s.start):
            return False
        state, when = self.last_envoy_state
        around = set(low[max(0, first - 2):first]) | set(low[s.end:s.end + 2])
        own = bool(around & self.lang.own_words) or any(
            low[k].endswith(self.lang.clitics) for k in range(s.start, s.end) if self.lang.clitics)
        if own or self.sm.sentence.index - when > 3:
            return False
        self.add(state)
        self.occ.append(Occurrence(first, end, (state,), "actor", True, self.text(first, end), "envoy"))
        return True

    def apposed_name(self, p: int) -> bool:
        """A person's name set off by commas after a title: "Presiden RI, Prabowo Subianto,
        dan …", "Russia's president, Vladimir Putin, said" — the title is that person's."""
        sp = self.span_at(p)
        if sp is None or not (sp.kind == "name" or (sp.kind == "actor" and self.kb.get(self.choose(sp.value)).type == "Person")):
            return False
        toks = self.sm.tokens
        if sp.end >= len(toks) or toks[sp.end] in (",", ".", ")", "-", "–", "—") \
                or bool(self.lang.and_words.match(list(self.sm.low), sp.end)):
            return True
        # "Menteri Luar Negeri Turki, Ahmed Davutoglu mengatakan …": the press often leaves the
        # closing comma out; a full name (two words or more) is still the title's holder — but
        # not in a headline, where every word is capitalised and no run of them is a name
        words = [t for t in toks if t.isalpha() and len(t) > 3]
        headline = len(words) >= 4 and sum(t[0].isupper() for t in words) >= 0.6 * len(words)
        return sp.end - sp.start >= 2 and not headline

    def title(self, spans, i: int) -> int:
        """A title and what follows it: affiliation, then a name, another title, or nothing."""
        s = spans[i]
        toks, low = self.sm.tokens, self.sm.low
        n = len(toks)
        role = s.value
        if role == COUNTERPART:
            # "Lavrov met his Chinese counterpart Wang Yi": the office of the person named before,
            # as the text titled them ("President Joko Widodo received his counterpart …")
            role = self.last_office or (self.roles[-1].role if self.roles else "official")
        else:
            self.last_office = role
        definite = s.start > 0 and low[s.start - 1] in self.lang.definite
        # English: affiliation on the left ("Russian Foreign Minister", "China's foreign ministry spokesman")
        affil = principal = None
        first = s.start
        q = s.start - 1 if self.lang.affiliation_before_title else -1
        while q >= 0 and (low[q] in self.lang.role_modifiers or low[q] in self.lang.possessive) and not any(
                o.start <= q < o.end for o in self.occ):
            q -= 1
        left = [o for o in self.occ if o.end == q + 1 and o.kind in ("actor", "person")] if q >= 0 else []
        if left and left[-1].start > 1 and self.lang.and_words.match(list(low), left[-1].start - 1) \
                and any(o.end == left[-1].start - 1 and o.kind == "actor" for o in self.occ):
            left = []   # "his Azerbaijani and Armenian counterparts, A and B": whose is whose is not said here
        if left and q < s.start - 1 or (left and q == s.start - 1):
            o = left[-1]
            self.occ.remove(o)
            self.occ.append(Occurrence(o.start, o.end, o.keys, o.kind, False, o.text))
            first = o.start
            if o.kind == "person":
                principal = o.keys[0]
            else:
                affil = o.keys[0]
        # right: modifiers, affiliation, "(AS)", more modifiers, optional comma
        p = s.end
        if p + 2 < n and toks[p] == "(" and (ab := self.span_at(p + 1)) and ab.kind == "title" \
                and ab.end < n and toks[ab.end] == ")":
            p = ab.end + 1      # "duta besar (dubes) Korea Utara": the title's abbreviation
        while p < n and low[p] in self.lang.role_modifiers and not self.span_at(p):
            p += 1
        if p > s.end and low[p - 1] in self.lang.portfolio_words and (pf := self.span_at(p)) and pf.kind == "name":
            # a portfolio, not a name: "Minister for International Development and the Pacific"
            p = pf.end
            while p < n and toks[p] != "," and (low[p] in self.lang.determiners or self.lang.and_words.match(list(low), p)
                                                or toks[p][:1].isupper()):
                p += 1
        jm = self.lang.title_joiners.match(list(low), p) if p < n else None
        if jm and (sp_j := self.span_at(p + jm[0])) and sp_j.kind == "title" and self.lang.code == "id" or (
                jm and (sp_j := self.span_at(p + jm[0])) and sp_j.kind == "title" and not self.lang.and_words.match(list(low), p)):
            # "Menteri Pertahanan sekaligus presiden terpilih Prabowo": both titles are his
            j = spans.index(sp_j)
            before = len(self.occ)
            nxt_i = self.title(spans, j)
            holder = next((o.keys[0] for o in self.occ[before:] if o.kind == "person"), None)
            if holder:
                end = self.occ_end(before, sp_j)
                self.occ = [o for o in self.occ if not (o.kind == "person" and o.keys == (holder,) and o.start >= s.start)]
                self.emit(s.start, end, [holder], "person")
                self.resolve_role(holder, role, self.last_affiliation, None, "title", 0.85)
            return nxt_i
        sp = self.span_at(p)
        nxt = self.span_at(sp.end) if sp and sp.kind == "name" else None
        if (sp and sp.kind == "name" and len(sp.value) <= 3 and nxt and nxt.kind == "actor"
                and self.kb.get(self.choose(nxt.value)).type in ("Country", "Organization")
                and (after := self.span_at(nxt.end)) and after.kind in ("name", "actor")):
            p = sp.end      # a portfolio: "Menteri Infrastruktur Ukraina Oleksandr Kubrakov"
            sp = nxt
        if sp and sp.kind == "actor" and self.kb.get(self.choose(sp.value)).type != "Person":
            key = self.choose(sp.value)
            self.add(key, self.text(sp.start, sp.end))
            self.emit(sp.start, sp.end, [key], "actor", arg=False)
            affil = affil or key
            p = sp.end
            if p + 2 < n and toks[p] == "(" and (sp2 := self.span_at(p + 1)) and sp2.kind == "actor" \
                    and sp2.end < n and toks[sp2.end] == ")":
                self.add(self.choose(sp2.value), self.text(sp2.start, sp2.end))
                p = sp2.end + 1
            while p < n and low[p] in self.lang.role_modifiers and not self.span_at(p):
                p += 1
        # "ambassador to the United States", "Duta Besar RI untuk Rusia": where they serve, not whom
        m = self.lang.posting.match(list(low), p) if p < n else None
        if m and (sp_at := self.span_at(p + m[0] + (1 if p + m[0] < n and low[p + m[0]] in self.lang.determiners
                                                      else 0))) \
                and sp_at.kind == "actor" and self.kb.get(self.choose(sp_at.value)).type in ("Country", "Place", "Organization"):
            k = self.choose(sp_at.value)
            self.add(k, self.text(sp_at.start, sp_at.end))
            self.emit(sp_at.start, sp_at.end, [k], "actor", arg=False)
            served = self.occ[-1]
            p = sp_at.end
        else:
            served = None
        definite = definite or (first > 0 and low[first - 1] in self.lang.definite)
        self.last_affiliation = affil
        while p < n and toks[p] in self.lang.honorifics and not self.span_at(p):
            p += 1      # "Foreign Minister Sheikh Abdullah bin Zayed"
        then = self.lang.then_words.match(list(low), p) if p < n else None
        if then:
            p += then[0]    # "Perdana Menteri Malaysia saat itu, Ismail Sabri Yaakob": his office then
        close = p           # where the title phrase ends
        if p < n and toks[p] == "," and (definite or p == s.end or served is not None or first < s.start
                                          or then or (affil is not None and s.value == COUNTERPART)
                                          or (affil is not None and self.apposed_name(p + 1))):
            p += 1      # "Russia's ambassador to the United States, Anatoly Antonov, …"
        sp = self.span_at(p)
        person = None
        end = p
        if sp and sp.kind == "actor" and self.kb.get(self.choose(sp.value)).type == "Person":
            person = self.choose(sp.value)
            self.add(person, self.text(sp.start, sp.end))
            self.note_person(person, toks[sp.start:sp.end])
            end = sp.end
        elif sp and sp.kind == "name":
            person = self.name(sp, allow_new=True)
            end = sp.end
        elif sp and sp.kind == "title":
            # a chain: "Penasihat … Presiden AS Donald Trump" — the first title serves the second's holder
            j = spans.index(sp)
            before = len(self.occ)
            nxt = self.title(spans, j)
            holder = next((o.keys[0] for o in self.occ[before:] if o.kind == "person"), None)
            self.slots.append((role, affil, holder or self.last_affiliation))
            return nxt
        elif sp and sp.kind == "pair":
            # "presiden kedua negara": the two countries' holders of this office
            pair = self.pair(sp.value)
            if pair:
                self.emit(sp.start, sp.end, pair, "pair")
            return self._next(spans, sp.end)
        if affil is None and principal is None and person is not None:
            # "Amerika Serikat diwakili Wakil Presiden Kamala Harris", "China mengutus PM Li Qiang"
            for j in range(max(0, first - 3), first):
                m = self.lang.represented_by.match(list(low), j)
                if m and j + m[0] == first:
                    before = [o for o in self.occ if o.end <= j and o.kind == "actor"]
                    if before and before[-1].end >= j - 1:
                        affil = before[-1].keys[0]
        before = next((o for o in reversed(self.occ) if o.kind in ("person", "name") and o.end == first), None)
        if person is None and before is not None and not definite:
            # "Retno Marsudi Menteri Luar Negeri Indonesia memanggil …", "Toto Riyanto Duta Besar
            # Indonesia untuk Brasil": the title right after a name, with no comma, is that person's
            key = before.keys[0] if before.kind == "person" else self._name_before(before)
            if key:
                self.resolve_role(key, role, affil, None, "title", 0.8)
                return self._next(spans, max(p, s.end))
        if person is None and affil is not None and self.envoy_stands_for_state(s, first, max(p, s.end), affil):
            # "summoned the Chinese envoy in Manila": the sending state, not where the envoy serves
            return self._next(spans, max(p, s.end))
        if person is None and affil is None and principal is None and self.envoy_of_the_story(s, first, max(p, s.end)):
            return self._next(spans, max(p, s.end))
        if person is None and affil is not None and self.affiliation_list(p):
            # "berkomunikasi dengan menteri luar negeri Arab Saudi, Yordania dan Jerman": the
            # offices of several states, each standing for its state
            self.occ = [o for o in self.occ if not (o.keys == (affil,) and not o.arg and o.start >= s.start)]
            self.occ.append(Occurrence(first, p, (affil,), "actor", True, self.text(first, p)))
            return self._next(spans, p)
        if person is None and served is not None:
            # no name follows: "recalled its ambassadors to the United States" — the country is an argument
            self.occ.remove(served)
            self.occ.append(Occurrence(served.start, served.end, served.keys, served.kind, True, served.text, "envoy"))
        if person is None:
            ref = self.last_with_role(role) if definite and affil is None else None
            if ref:
                self.emit(s.start, s.end, [ref], "person")
                return self._next(spans, max(p, s.end))
            k = first - 1
            while k > 0 and (low[k] in self.lang.definite or low[k] in self.lang.determiners):
                k -= 1
            appositive = k > 0 and toks[k] == "," and any(o.end == k and o.kind == "person" for o in self.occ) \
                and (close >= n or toks[close] in (",", ".", ";"))
            generic = self.lang.generic_titles.match(list(low), s.start)
            generic = generic and generic[0] == s.end - s.start     # "the leader of Australia" names no office
            if affil and role in HEAD_ROLES + ("foreign-minister",) and self.entities[affil].type == "Country" \
                    and not appositive and not generic and not self.affiliation_list(p):
                # "Zed Seselja, Australia's foreign minister,": the title is his; but "menteri luar
                # negeri Arab Saudi, Yordania dan Jerman" names several offices, no one person
                holders = self.kb.holders(role, affil, self.pub) if self.pub else []
                if len(holders) == 1:
                    person = self.add(holders[0])
                    self.emit(first, max(p, s.end), [person], "person")
                    self.resolve_role(person, role, affil, None, "title-kb", 0.7)
                    return self._next(spans, max(p, s.end))
            self.slots.append((role, affil, principal))
            return self._next(spans, max(p, s.end))
        self.emit(first, end, [person], "person")
        if self.lang.envoy_titles.match(list(low), s.start):
            o = self.occ.pop()      # "expelled French Ambassador Sylvain Itte": a named envoy
            self.occ.append(Occurrence(o.start, o.end, o.keys, o.kind, o.arg, o.text, "envoy"))
        self.resolve_role(person, role, affil, principal, "title", 0.9, definite)
        self.apposition(person, end)
        return self._next(spans, end)

    def _name_before(self, o: Occurrence) -> str | None:
        """The person a bare name right before a title names (made a person now: the title
        introduces them)."""
        sp = self.span_at(o.start)
        if sp is None or sp.kind != "name" or len(sp.value) < 2:
            return None
        key = self.name(sp, allow_new=True)
        if key:
            self.occ.remove(o)
            self.emit(o.start, o.end, [key], "person")
        return key

    def last_with_role(self, role: str) -> str | None:
        """"sang presiden", "the minister": the person holding that role mentioned last."""
        holders = set(self.role_holders.get(role, ())) | {b.person for b in self.roles if b.role == role}
        for person in reversed(self.people + [o.keys[0] for o in self.occ if o.kind == "person"]):
            if person in holders or any(r == role for r, _ in self.kb.roles_on(person, self.pub)):
                return person
        return None

    def occ_end(self, before: int, sp: Span) -> int:
        ends = [o.end for o in self.occ[before:]] if len(self.occ) > before else []
        return max(ends + [sp.end])

    def note_event(self, key: str) -> None:
        self.last_event = key
        self.event_counts[key] = self.event_counts.get(key, 0) + 1

    def main_event(self) -> str | None:
        """What "the summit" / "KTT itu" means: the event the story names most, the first on a tie."""
        if not self.event_counts:
            return None
        return max(self.event_counts, key=lambda k: self.event_counts[k])   # dicts keep first-seen order

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

    # -- events ------------------------------------------------------------------------
    def event(self, spans, i: int) -> int:
        s = spans[i]
        toks, low = self.sm.tokens, self.sm.low
        n = len(toks)
        noun = s.value
        series = place = None
        start, end = s.start, s.end
        # left: "G20 summit", "the Hamburg G20 summit"
        left = [o for o in self.occ if o.end == start and o.kind == "actor"]
        while left:
            o = left[-1]
            t = self.entities[o.keys[0]].type
            if t == "Organization" and series is None:
                series = o.keys[0]
            elif t == "Place" and place is None:
                place = o.keys[0]
            else:
                break
            self.occ.remove(o)
            self.occ.append(Occurrence(o.start, o.end, o.keys, o.kind, False, o.text))
            start = o.start
            left = [o for o in self.occ if o.end == start and o.kind == "actor" and o.arg]
        # right: "KTT G20", "KTT ke-43 ASEAN", "KTT G20 2017", "di Hamburg, Jerman"
        p = end
        if p + 2 < n and low[p] in self.lang.ordinal_prefix and toks[p + 1] == "-" and toks[p + 2].isdigit():
            p += 3          # an ordinal: "KTT ke-43 ASEAN"
        sp = self.span_at(p)
        if sp and sp.kind == "actor" and series is None:
            k = self.choose(sp.value)
            if self.kb.get(k).type == "Organization":
                series = self.add(k, self.text(sp.start, sp.end))
                p = end = sp.end
        year = None
        if p < n and toks[p].isascii() and toks[p].isdigit() and len(toks[p]) == 4:
            year = int(toks[p])
            p = end = p + 1
        place_end = None
        before_place = end if place is None else None
        m = self.lang.venue.match(list(low), p) if p < n else None
        if m:
            sp = self.span_at(p + m[0])
            if sp and sp.kind == "actor":
                k = self.choose(sp.value)
                if self.kb.get(k).type in ("Place", "Country") and place is None:
                    place = self.add(k, self.text(sp.start, sp.end))
                    self.place_ok.add(place)
                    self.emit(sp.start, sp.end, [place], "actor", arg=False)
                    end = place_end = sp.end
                    if end + 1 < n and toks[end] == "," and (sp3 := self.span_at(end + 1)) and sp3.kind == "actor":
                        k3 = self.choose(sp3.value)
                        if self.kb.get(k3).type == "Country":
                            self.add(k3, self.text(sp3.start, sp3.end))
                            self.emit(sp3.start, sp3.end, [k3], "actor", arg=False)
                            end = sp3.end
        proper = None
        if series is None and toks[s.start][:1].isupper() and s.start > 0:
            # a named event: "Summit of the Americas", "Munich Security Conference", "Konferensi Asia Afrika"
            q = s.end
            if q + 1 < n and low[q] in self.lang.name_links:
                q += 1
                if low[q] in self.lang.determiners:
                    q += 1
            r = q
            while r < n and toks[r][:1].isupper() and toks[r].isalpha():
                r += 1
            a = s.start
            while a > 0 and toks[a - 1][:1].isupper() and toks[a - 1].isalpha() and low[a - 1] not in self.lang.stopwords:
                a -= 1
            if r > q or a < s.start:
                proper = self.text(a, r if r > q else s.end)
                for o in [o for o in self.occ if o.start >= a and o.end <= s.start]:
                    self.occ.remove(o)
                start, end = a, (r if r > q else s.end)
        if proper:
            dates_here = [sp for sp in self.sm.spans if sp.kind == "date"]
            when = dates_here[0].value.value if dates_here else None
            year = int(when[:4]) if when else (self.pub.year if self.pub else None)
            key = f"event/{slug(proper)}" + (f"-{year}" if year else "")
            self.add_new(key, "Event", f"{year} {proper}" if year else proper, proper, date=when)
            self.emit(start, end, [key], "event")
            self.note_event(key)
            return self._next(spans, end)
        if series is None and place is None:
            ref = self.main_event()
            after = end < n and low[end] in self.lang.demonstratives_after
            if ref and ((s.start > 0 and low[s.start - 1] in self.lang.determiners) or after
                        or self.after_preposition(s.start)):
                self.emit(s.start, end + (1 if after else 0), [ref], "eventref")
            return self._next(spans, end)
        dates_here = [sp for sp in self.sm.spans if sp.kind == "date"]
        when = None
        if dates_here:
            after_d = [d for d in dates_here if d.start >= end] or dates_here
            when = after_d[0].value.value
        if year is None:
            year = int(when[:4]) if when else (self.pub.year if self.pub else None)
        name_of = lambda k: self.entities[k].label if k in self.entities else self.kb.get(k).label
        series_label = name_of(series) if series else None
        place_label = name_of(place) if place else None
        base = slug(series_label or place_label)
        key = f"event/{base}-{slug(noun)}" + (f"-{year}" if year else "")
        label = " ".join(x for x in (str(year) if year else None, series_label, place_label, noun) if x)
        self.add_new(key, "Event", label, self.text(start, end), place=place, date=when, series=series)
        # shorter names as written: without the country after the city ("KTT SCO di Qingdao"),
        # and without the place ("KTT SCO")
        for alias_end in (place_end, before_place):
            if alias_end and start < alias_end < end:
                self.add(key, self.text(start, alias_end))
        self.emit(start, end, [key], "event")
        self.note_event(key)
        return self._next(spans, end)


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
    return Resolution(r.entities, occurrences, r.roles, r.place_ok)
