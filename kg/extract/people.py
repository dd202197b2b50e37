"""People and their roles, for the entities stage: names met before ("Retno", "Putin"),
names with initials ("Retno LP Marsudi"), surnames of the knowledge base, a title apposed
to a name ("Walid Phares, penasihat Trump,", "Sergei Lavrov, Russia's foreign minister,"),
and whose office a role is ("sang penasihat, Walid Phares": the adviser named earlier).

A mixin of the resolver in kg.extract.entities: it reads and writes the resolver's state
(the sentence `sm`, its occurrences `occ`, `entities`, `roles`, ...).
"""
from __future__ import annotations

from kg.extract.mentions import Span
from kg.extract.occurrences import HEAD_ROLES, RoleBinding
from kg.extract.reader import slug

ROLE_AFFILIATION_TYPES = ("Country", "Organization", "Person", "Group")


def _initial(token: str) -> bool:
    """An initial inside a name: "J", "J.", "LP", "L.P."."""
    t = token.replace(".", "")
    return 0 < len(t) <= 2 and t.isupper() and t.isalpha() or token == "."


class PeopleMixin:
    """Names of people, and the roles they hold."""

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
            if low[p] in self.lang.plural_determiners:
                return      # "Teuku Faizasyah, para pemimpin akan …": several holders, no apposition
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
        if self._personish(sp2) or (sp2 is None and self._personish(self.span_at(self._past_posting(r)))):
            return      # "Joe Biden, British Prime Minister Boris Johnson and …": a list, not an apposition
        if sp2 and sp2.kind == "actor" and self.kb.get(self.choose(sp2.value)).type in ("Country", "Organization") \
                and r + (sp2.end - sp2.start) < len(toks) and self._personish(self.span_at(self._past_posting(sp2.end))):
            return      # "…, Menteri Luar Negeri Rusia Sergei Lavrov", "…, Dubes RI untuk Malaysia X": the next name's
        if affil is None and sp2 and sp2.kind == "actor":
            affil = self.choose(sp2.value)
            self.add(affil, self.text(sp2.start, sp2.end))
            self.emit(sp2.start, sp2.end, [affil], "actor", arg=False)
        elif affil is not None:
            self.add(affil, self.text(p, self.span_at(p).end))
            self.emit(p, self.span_at(p).end, [affil], "actor", arg=False)
        self.resolve_role(person, role, affil, None, "apposition", 0.8, definite=p > pos + 1)

    def _past_posting(self, p: int) -> int:
        """Past an envoy's posting at `p` ("untuk Malaysia", "to Malaysia"), else `p`."""
        low = self.sm.low
        m = self.lang.posting.match(list(low), p) if p < len(low) else None
        q = p + m[0] if m else p
        if m and q < len(low) and low[q] in self.lang.determiners:
            q += 1
        sp = self.span_at(q) if m else None
        return sp.end if sp is not None and sp.kind == "actor" else p

    def resolve_role(self, person: str, role: str, affil: str | None, principal: str | None,
                     rule: str, conf: float, definite: bool = False,
                     context: tuple[str, str] | None = None, modality: str = "asserted") -> None:
        """Bind `person` to the office a title gives: its state or principal as the text says,
        else the office the knowledge base knows the person held, else the office an earlier
        unnamed title left open ("sang penasihat, X"), else the state the title's phrase or list
        gives (`context`: (state, rule)), else this language's own state for a minister."""
        sent = self.sm.sentence.index
        self.role_holders.setdefault(role, [])
        is_kb_person = person in self.kb and self.kb.get(person).type == "Person"
        if affil and self.entities.get(affil) and self.entities[affil].type == "Person":
            principal, affil = affil, None
        if affil is None and principal is None and is_kb_person:
            known = self._coming_role(person, role) if modality == "planned" else None
            known = known or self.kb_role(person, role)
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
        if affil is None and principal is None and context is not None:
            affil, rule = context
            conf -= 0.1
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
        self.bind(person, role, affil or principal, sent, rule, conf, modality)

    def last_with_role(self, role: str) -> str | None:
        """"sang presiden", "the minister": the person holding that role mentioned last."""
        holders = set(self.role_holders.get(role, ())) | {b.person for b in self.roles if b.role == role}
        for person in reversed(self.people + [o.keys[0] for o in self.occ if o.kind == "person"]):
            if person in holders or any(r == role for r, _ in self.kb.roles_on(person, self.pub)):
                return person
        return None

    # -- roles held ---------------------------------------------------------------------
    def bind(self, person: str, role: str, of: str | None, sentence: int, rule: str, conf: float,
             modality: str = "asserted") -> None:
        if of is None or of == person:
            return
        t = self.entities[of].type if of in self.entities else (self.kb.get(of).type if of in self.kb else None)
        if t not in ROLE_AFFILIATION_TYPES:
            return
        if of not in self.entities:
            self.add(of)
        self.roles.append(RoleBinding(person, role, of, sentence, rule, conf, modality=modality))
        self.role_holders.setdefault(role, []).append(person)
        if role in HEAD_ROLES:
            self.leaders.append(person)

    def _coming_role(self, person: str, role: str) -> tuple[str, str] | None:
        """The office a person titled as elected ("President-elect X", "Presiden terpilih X") is
        about to take, as the knowledge base knows it: the title is the text's, the state the
        knowledge base's."""
        coming = self.kb.roles_coming(person, self.pub) if self.pub else []
        return next(((r, of) for r, of in coming if r == role or (role in HEAD_ROLES and r in HEAD_ROLES)), None)

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
