"""Titles, for the entities stage: a title and what it reads around itself — the
affiliation on the left ("Russian Foreign Minister"), the affiliation, portfolio or posting
on the right ("Menteri Luar Negeri Rusia", "ambassador to the United States"), the holder
after it ("… Sergey Lavrov"), or, with no name, what the title stands for (the state of an
envoy, the person named right before, the last holder of the role, the knowledge base's
holder).

A mixin of the resolver in kg.extract.entities: it reads and writes the resolver's state
(the sentence `sm`, its occurrences `occ`, `entities`, `roles`, `slots`, ...).
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.extract.lang import COUNTERPART
from kg.extract.mentions import Span
from kg.extract.occurrences import HEAD_ROLES, Occurrence
from kg.extract.reader import slug

_QUOTES = frozenset({"“", "”", '"', "‘", "’", "'"})    # around a short name inside a name


@dataclass
class _TitlePhrase:
    """What has been read of one title phrase so far (token offsets in the sentence)."""
    span: Span                          # the title itself
    role: str
    definite: bool                      # "the minister", "sang penasihat"
    first: int                          # where the phrase starts: its left affiliation, or the title
    p: int                              # the reading position, right of the title
    affil: str | None = None            # the state or organisation whose office it is
    principal: str | None = None        # the person it serves: "Trump's adviser"
    served: Occurrence | None = None    # the posting: "ambassador to the United States"
    close: int = 0                      # where the title phrase ends, before a comma and a name
    person: str | None = None           # the holder named after it
    end: int = 0                        # where the holder's name ends
    honorific: int = -1                 # where an honorific before the name starts ("Sheikh")
    lead: int = -1                      # where the modifiers before the title start ("Foreign Ministry spokesperson")


class TitlesMixin:
    """A title and what follows it."""

    def title(self, spans, i: int) -> int:
        """A title and what follows it: affiliation, then a name, another title, or nothing.

        Read left to right: the affiliation before the title (English), modifiers and a
        portfolio after it, a second title joined to it, the affiliation and the posting after
        it, then the holder's name — or, with no name, what the title stands for."""
        s = spans[i]
        t = _TitlePhrase(s, self._title_role(s), self._definite_before(s.start), first=s.start, p=s.end)
        self._affiliation_left(t)
        self._modifiers_right(t)
        joined = self._joined_title(spans, t)
        if joined is not None:
            return joined
        self._affiliation_right(t)
        self._posting(t)
        t.definite = t.definite or self._definite_before(t.first)
        self.last_affiliation = t.affil
        self._to_holder(t)
        nxt = self._holder(spans, t)
        if nxt is not None:
            return nxt
        if t.person is None:
            return self._no_name(spans, t)
        self._represented_by(t)
        return self._titled_person(spans, t)

    def _title_role(self, s: Span) -> str:
        """The office a title names.  A counterpart takes the office of the person named
        before, as the text titled them ("Lavrov met his Chinese counterpart Wang Yi",
        "President Joko Widodo received his counterpart …")."""
        if s.value == COUNTERPART:
            return self.last_office or (self.roles[-1].role if self.roles else "official")
        self.last_office = s.value
        return s.value

    def _definite_before(self, pos: int) -> bool:
        """A definite word right before `pos`: "the minister", "sang penasihat"."""
        return pos > 0 and self.sm.low[pos - 1] in self.lang.definite

    # -- the title phrase, left and right ------------------------------------------------
    def _affiliation_left(self, t: _TitlePhrase) -> None:
        """English: the affiliation on the left ("Russian Foreign Minister", "China's foreign
        ministry spokesman"), a state's or a person's; it is no argument of its own."""
        s, low = t.span, self.sm.low
        q = s.start - 1 if self.lang.affiliation_before_title else -1
        while q >= 0 and ((low[q] in self.lang.role_modifiers or low[q] in self.lang.possessive) and not any(
                o.start <= q < o.end for o in self.occ) or self._body_word(q)):
            q -= 1
        t.lead = q + 1 if q + 1 < s.start else s.start
        abbr = next((o for o in self.occ if o.kind == "actor" and o.start == q - 1 and o.end == q), None) \
            if q >= 2 and self.sm.tokens[q] == ")" and self.sm.tokens[q - 2] == "(" else None
        if abbr is not None:
            q -= 3      # "US National Security Council (NSC) spokesperson": the affiliation's abbreviation
        left = [o for o in self.occ if o.end == q + 1 and o.kind in ("actor", "person")] if q >= 0 else []
        if left and left[-1].start > 1 and self.lang.and_words.match(list(low), left[-1].start - 1) \
                and any(o.end == left[-1].start - 1 and o.kind == "actor" for o in self.occ):
            left = []   # "his Azerbaijani and Armenian counterparts, A and B": whose is whose is not said here
        if left and q < s.start - 1 or (left and q == s.start - 1):
            o = left[-1]
            if abbr is not None:
                self.occ.remove(abbr)
            self.occ.remove(o)
            self.occ.append(Occurrence(o.start, o.end, o.keys, o.kind, False, o.text))
            t.first = o.start
            if o.kind == "person":
                t.principal = o.keys[0]
            else:
                t.affil = o.keys[0]

    def _body_word(self, q: int) -> bool:
        """A word naming the body of a state between the state and the title, read as no name
        ("Pakistan High Commission staffer X", "the Russian Embassy spokeswoman X")."""
        if self.sm.low[q] not in self.lang.office_heads:
            return False
        covering = [o for o in self.occ if o.start <= q < o.end]
        if any(o.kind != "name" for o in covering):
            return False
        self.occ = [o for o in self.occ if o not in covering]
        return True

    def _modifiers_right(self, t: _TitlePhrase) -> None:
        """Right after the title: its abbreviation ("duta besar (dubes) Korea Utara"), modifiers,
        and a portfolio ("Minister for International Development and the Pacific")."""
        s, toks, low = t.span, self.sm.tokens, self.sm.low
        n = len(toks)
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
        if p + 2 < n and toks[p].isalpha() and self.lang.and_words.match(list(low), p) and (pf := self.span_at(p + 1)) \
                and pf.kind == "name" and pf.end - pf.start <= 3 and self._personish(self.span_at(self._past_state(pf.end))):
            p = pf.end      # the portfolio goes on: "Minister of Foreign Affairs and Worship Jorge Faurie"
        t.p = p

    def _past_state(self, p: int) -> int:
        """Past a state named after a title where the language names it there ("Menteri … Argentina
        Jorge Faurie"), else `p`."""
        sp = self.span_at(p)
        if not self.lang.affiliation_before_title and sp is not None and sp.kind == "actor" \
                and self.kb.get(self.choose(sp.value)).type == "Country":
            return sp.end
        return p

    def _joined_title(self, spans, t: _TitlePhrase) -> int | None:
        """Two titles joined: both are the holder's ("Menteri Pertahanan sekaligus presiden
        terpilih Prabowo", "Defence Minister and President-elect Prabowo").  The index of the
        next span when so, else None."""
        s, low = t.span, self.sm.low
        p = t.p
        shared = t.affil
        if (st := self.span_at(p)) and st.kind == "actor" and self.kb.get(self.choose(st.value)).type == "Country" \
                and not self.lang.affiliation_before_title and st.end < len(low) \
                and self.lang.title_joiners.match(list(low), st.end):
            shared, p = self.choose(st.value), st.end     # "Menteri Pertahanan Republik Indonesia sekaligus Presiden terpilih …"
        jm = self.lang.title_joiners.match(list(low), p) if p < len(self.sm.tokens) else None
        if jm and (sp_j := self.span_at(p + jm[0])) and sp_j.kind == "title" and self.lang.code == "id" or (
                jm and (sp_j := self.span_at(p + jm[0])) and sp_j.kind == "title" and not self.lang.and_words.match(list(low), p)):
            # "Menteri Pertahanan sekaligus presiden terpilih Prabowo": both titles are his
            if shared is not None and shared != t.affil:
                self.add(shared, self.text(t.p, p))
                self.emit(t.p, p, [shared], "actor", arg=False)
            j = spans.index(sp_j)
            before = len(self.occ)
            nxt_i = self._with_shared_affiliation(shared, lambda: self.title(spans, j))
            holder = next((o.keys[0] for o in self.occ[before:] if o.kind == "person"), None)
            if holder:
                end = self.occ_end(before, sp_j)
                self.occ = [o for o in self.occ if not (o.kind == "person" and o.keys == (holder,) and o.start >= s.start)]
                self.emit(s.start, end, [holder], "person")
                self.resolve_role(holder, t.role, shared or self.last_affiliation, None, "title", 0.85)
            return nxt_i
        return None

    def _with_shared_affiliation(self, affil: str | None, read):
        """Read a second title of the same holder with the state of the first: the two offices of
        one person ("Menteri Pertahanan Republik Indonesia sekaligus Presiden terpilih Prabowo"), or
        one office said twice ("Raja Eswatini Raja Mswati III")."""
        saved, self.shared_affiliation = self.shared_affiliation, affil
        try:
            return read()
        finally:
            self.shared_affiliation = saved

    def _affiliation_right(self, t: _TitlePhrase) -> None:
        """Indonesian: the affiliation on the right ("Menteri Luar Negeri Rusia", "Duta Besar
        RI"), after a portfolio ("Menteri Infrastruktur Ukraina Oleksandr Kubrakov") and with
        its abbreviation ("Amerika Serikat (AS)")."""
        toks, low = self.sm.tokens, self.sm.low
        n = len(toks)
        p = t.p
        sp = self.span_at(p)
        body = bool(sp and sp.kind == "name" and low[sp.start] in self.lang.office_heads)
        q = sp.end if sp and sp.kind == "name" else p
        while body and q < n and not self.span_at(q) and q < sp.end + 2 and toks[q][:1].isupper():
            q += 1      # "Kedutaan Besar": the rest of the body's name
        nxt = self.span_at(q) if sp and sp.kind == "name" else None
        if (sp and sp.kind == "name" and len(sp.value) <= 3 and nxt and nxt.kind == "actor"
                and self.kb.get(self.choose(nxt.value)).type in ("Country", "Organization")
                and ((after := self.span_at(nxt.end)) and after.kind in ("name", "actor") or body)):
            p = q           # a portfolio or a body: "Menteri Infrastruktur Ukraina Oleksandr Kubrakov", "Juru bicara Kedutaan Besar Rusia"
            sp = nxt
        if sp and sp.kind == "actor" and self.kb.get(self.choose(sp.value)).type != "Person":
            key = self.choose(sp.value)
            p = sp.end
            if (state := self._body_of_another_state(key, p)) is not None:
                key, p = state      # "Direktur Kemlu Myanmar X": Myanmar's ministry, not ours
            else:
                self.add(key, self.text(sp.start, sp.end))
                self.emit(sp.start, sp.end, [key], "actor", arg=False)
            t.affil = t.affil or key
            if p + 2 < n and toks[p] == "(" and (sp2 := self.span_at(p + 1)) and sp2.kind == "actor" \
                    and sp2.end < n and toks[sp2.end] == ")":
                self.add(self.choose(sp2.value), self.text(sp2.start, sp2.end))
                p = sp2.end + 1
            while p < n and low[p] in self.lang.role_modifiers and not self.span_at(p):
                p += 1
        t.p = p

    def _body_of_another_state(self, key: str, p: int) -> tuple[str, int] | None:
        """A government body named as the language names its own, then another state ("Kemlu
        Myanmar", "Kementerian Luar Negeri Myanmar" where no such ministry is known): that state,
        and where its name ends."""
        actor = self.kb.get(key)
        nxt = self.span_at(p)
        if actor.kind != "government" or not actor.country or nxt is None or nxt.kind != "actor":
            return None
        state = self.choose(nxt.value)
        if self.kb.get(state).type != "Country" or state == actor.country:
            return None
        self.add(state, self.text(nxt.start, nxt.end))
        self.emit(nxt.start, nxt.end, [state], "actor", arg=False)
        return state, nxt.end

    def _posting(self, t: _TitlePhrase) -> None:
        """Where an envoy serves, not whom: "ambassador to the United States", "Duta Besar RI
        untuk Rusia"; the place is no argument unless no name follows."""
        low = self.sm.low
        n = len(self.sm.tokens)
        p = t.p
        m = self.lang.posting.match(list(low), p) if p < n else None
        if m and (sp_at := self.span_at(p + m[0] + (1 if p + m[0] < n and low[p + m[0]] in self.lang.determiners
                                                      else 0))) \
                and sp_at.kind == "actor" and self.kb.get(self.choose(sp_at.value)).type in ("Country", "Place", "Organization"):
            k = self.choose(sp_at.value)
            self.add(k, self.text(sp_at.start, sp_at.end))
            self.emit(sp_at.start, sp_at.end, [k], "actor", arg=False)
            t.served = self.occ[-1]
            t.p = sp_at.end

    def _to_holder(self, t: _TitlePhrase) -> None:
        """Up to where the holder's name would start: past honorifics ("Foreign Minister Sheikh
        Abdullah bin Zayed"), "then" ("Perdana Menteri Malaysia saat itu, Ismail Sabri Yaakob")
        and a comma when a name is set off by it ("Russia's ambassador to the United States,
        Anatoly Antonov, …")."""
        s, toks, low = t.span, self.sm.tokens, self.sm.low
        n = len(toks)
        p = t.p
        while p < n and toks[p] in self.lang.honorifics and (not (sp := self.span_at(p)) or (sp.kind == "name" and sp.end == p + 1)):
            t.honorific = p if t.honorific < 0 else t.honorific
            p += 1      # "Foreign Minister Sheikh Abdullah bin Zayed", "Kuwait's emir Sheikh Sabah …"
        then = self.lang.then_words.match(list(low), p) if p < n else None
        if then:
            p += then[0]    # "Perdana Menteri Malaysia saat itu, Ismail Sabri Yaakob": his office then
        p = self._past_term(p)
        t.close = p         # where the title phrase ends
        if p < n and toks[p] == "," and (t.definite or p == s.end or t.served is not None or t.first < s.start
                                          or then or (t.affil is not None and s.value == COUNTERPART)
                                          or (t.affil is not None and self.apposed_name(p + 1))):
            p += 1      # "Russia's ambassador to the United States, Anatoly Antonov, …"
        t.p = t.end = p

    def _past_term(self, p: int) -> int:
        """Past the years of a term after a title ("Menteri Luar Negeri periode 2014-2019 Retno
        Marsudi", "Foreign Minister (2014-2019) Retno Marsudi"), else `p`."""
        toks, low = self.sm.tokens, list(self.sm.low)
        q = p
        if q < len(toks) and (m := self.lang.term_words.match(low, q)):
            q += m[0]
        opened = q < len(toks) and toks[q] == "("
        q += opened
        if q + 2 < len(toks) and toks[q].isdigit() and len(toks[q]) == 4 and toks[q + 1] in ("-", "–", "—") \
                and toks[q + 2].isdigit() and len(toks[q + 2]) == 4:
            q += 3
            if opened and q < len(toks) and toks[q] == ")":
                return q + 1
            return q if not opened else p
        return p

    # -- the holder after the title --------------------------------------------------------
    def _holder(self, spans, t: _TitlePhrase) -> int | None:
        """The holder named after the title: a knowledge-base person or a name ("Menteri Luar
        Negeri Rusia Sergey Lavrov", "Palestinian president Mahmud Abbas"), set in `t`.  A
        second title or a pair instead ends the phrase: the index of the next span, else None."""
        sp = self.span_at(t.p)
        if sp and sp.kind == "actor" and self.kb.get(self.choose(sp.value)).type == "Person":
            t.person = self.choose(sp.value)
            self.add(t.person, self.text(sp.start, sp.end))
            self.note_person(t.person, self.sm.tokens[sp.start:sp.end])
            t.end = sp.end
        elif sp and sp.kind == "name":
            t.person = self._nicknamed(sp, t) or self.name(sp, allow_new=True) or self._mononym(sp)
            t.end = max(t.end, sp.end)
        elif sp and sp.kind == "title":
            return self._title_chain(spans, t, sp)
        elif sp and sp.kind == "pair":
            # "presiden kedua negara": the two countries' holders of this office
            pair = self.pair(sp.value)
            if pair:
                self.emit(sp.start, sp.end, pair, "pair")
            return self._next(spans, sp.end)
        if t.person is not None and t.honorific >= 0 and t.person in self.entities:
            self.entities[t.person].aliases.add(self.text(t.honorific, t.end))     # "Sheikh Abdullah bin Zayed"
        return None

    def _nicknamed(self, sp: Span, t: _TitlePhrase) -> str | None:
        """A name with the holder's known short name in quotes inside it: 'President Joko "Jokowi"
        Widodo', 'Presiden Joko "Jokowi" Widodo' — the person the quoted name is."""
        toks = self.sm.tokens
        q = sp.end
        nick = self.span_at(q + 1) if q + 1 < len(toks) and toks[q] in _QUOTES else None
        if not (nick and nick.kind == "actor" and nick.end < len(toks) and toks[nick.end] in _QUOTES):
            return None
        person = self.choose(nick.value)
        if self.kb.get(person).type != "Person":
            return None
        self.add(person, self.text(sp.start, nick.end + 1))
        last = self.span_at(nick.end + 1)
        t.end = last.end if last is not None and last.kind == "name" else nick.end + 1
        self.note_person(person, self.sm.tokens[sp.start:t.end])
        return person

    def _mononym(self, sp: Span) -> str | None:
        """One name after a title, as many Indonesians have ("Menteri Sekretaris Negara Pratikno,",
        "Ambassador of Indonesia to Malaysia Hermono."): a new person when the phrase ends there —
        not a common word, not in a headline, where every word is capitalised."""
        toks, low = self.sm.tokens, self.sm.low
        word = toks[sp.start]
        if len(sp.value) != 1 or len(word) < 4 or low[sp.start] in self.lang.stopwords or word in self.lang.not_names \
                or low[sp.start] in self.lang.office_heads or (self.headline() and toks[-1] not in (".", "!", "?", '"', "”")) \
                or (len(word) >= 8 and any(low[sp.start].startswith(a) and low[sp.start].endswith(b) for a, b in self.lang.noun_affixes)):
            return None
        e = sp.end
        if e < len(toks) and not (toks[e] in (",", ".", ";", ")") or self.lang.and_words.match(list(low), e)
                                  or toks[e][:1].islower()):
            return None
        if e < len(toks) and (low[e] in self.lang.demonstratives_after or low[e] in self.lang.determiners):
            return None     # "mantan Wali Kota Solo itu": a place, named again
        if e + 1 < len(toks) and self.lang.and_words.match(list(low), e) and (nx := self.span_at(e + 1)) and (
                nx.kind == "name" or (nx.kind == "actor" and self.kb.get(self.choose(nx.value)).type in ("Organization", "Place"))):
            return None     # "the Peace and Security Council", "Luar Biasa dan Berkuasa Penuh": one long name
        key = "person/" + slug(word)
        self.add_new(key, "Person", word, word)
        self.note_person(key, (word,))
        return key

    def headline(self) -> bool:
        """A sentence written in title case, as a headline: no run of capitalised words there
        is a name."""
        words = [t for t in self.sm.tokens if t.isalpha() and len(t) > 3]
        return len(words) >= 4 and sum(t[0].isupper() for t in words) >= 0.6 * len(words)

    def _title_chain(self, spans, t: _TitlePhrase, sp: Span) -> int:
        """A chain: the first title serves the second's holder ("Penasihat … Presiden AS Donald
        Trump", "adviser to US President Donald Trump")."""
        j = spans.index(sp)
        if sp.value == t.role and t.affil is not None:
            # one office said twice: "Raja Eswatini Raja Mswati III", "King of Eswatini King Mswati III"
            return self._with_shared_affiliation(t.affil, lambda: self.title(spans, j))
        before = len(self.occ)
        nxt = self.title(spans, j)
        holder = next((o.keys[0] for o in self.occ[before:] if o.kind == "person"), None)
        self.slots.append((t.role, t.affil, holder or self.last_affiliation))
        return nxt

    def _represented_by(self, t: _TitlePhrase) -> None:
        """A state represented by the holder is their affiliation: "Amerika Serikat diwakili
        Wakil Presiden Kamala Harris", "China mengutus PM Li Qiang"."""
        if t.affil is not None or t.principal is not None:
            return
        low = list(self.sm.low)
        for j in range(max(0, t.first - 3), t.first):
            m = self.lang.represented_by.match(low, j)
            if m and j + m[0] == t.first:
                before = [o for o in self.occ if o.end <= j and o.kind == "actor"]
                if before and before[-1].end >= j - 1:
                    t.affil = before[-1].keys[0]

    def _titled_person(self, spans, t: _TitlePhrase) -> int:
        """The holder occurs over the whole title phrase (as a named envoy when the title is
        an envoy's) and holds its role, then may have a title apposed after the name."""
        self.emit(t.first, t.end, [t.person], "person")
        if self.lang.envoy_titles.match(list(self.sm.low), t.span.start):
            o = self.occ.pop()      # "expelled French Ambassador Sylvain Itte": a named envoy
            self.occ.append(Occurrence(o.start, o.end, o.keys, o.kind, o.arg, o.text, "envoy"))
        elect = any(w in self.lang.elect_words for w in self.sm.low[t.span.start:max(t.close, t.span.end)])
        self.resolve_role(t.person, t.role, t.affil, t.principal, "title", 0.9, t.definite,
                          context=self._context_affiliation(t), modality="planned" if elect else "asserted")
        self.apposition(t.person, t.end)
        return self._next(spans, t.end)

    # -- a title that names no state: what the phrase or the list around it says -------------
    def _context_affiliation(self, t: _TitlePhrase) -> tuple[str, str] | None:
        """For a title that names no state or principal, the state its phrase or its list gives,
        with the rule that reads it (used only when the knowledge base does not know the holder's
        office): rule `domestic-office`, a body of the language's own state named without a state
        ("Juru bicara Kementerian Luar Negeri X" is Indonesia's; English names none so); rule
        `title-list`, the state of the list the title stands in ("Malaysian officials accompanying
        him are Minister of Trade X, …"; "Foreign Minister Retno Marsudi, Trade Minister X and …")."""
        if t.affil is not None or t.principal is not None:
            return None
        if self.shared_affiliation is not None:
            return self.shared_affiliation, "title"
        low = self.sm.low
        words = low[min(t.lead, t.span.start) if t.lead >= 0 else t.span.start:max(t.close, t.span.end)]
        if self.lang.domestic_country and any(w in self.lang.ministry_words for w in words):
            return self.add(self.lang.domestic_country), "domestic-office"
        listed = self._previous_in_list(t.first) or self._officials_of(t.first)
        if listed:
            return listed, "title-list"
        seat = self._seat_of_the_office(words)
        return (seat, "office-seat") if seat else None

    def _seat_of_the_office(self, words) -> str | None:
        """Rule `office-seat`: a title of a body named without its state ("Foreign Ministry
        spokesperson X told a briefing in Beijing", "juru bicara kementerian X di Beijing" where the
        language names no own state) serves the state whose capital or seat the sentence names."""
        if not any(w in self.lang.ministry_words for w in words):
            return None
        seats = {a.metonym_for for sp in self.sm.spans if sp.kind == "actor"
                 for a in [self.kb.get(self.choose(sp.value))] if a.type == "Place" and a.metonym_for}
        if len(seats) != 1:
            return None
        return self.add(seats.pop())

    def _previous_in_list(self, first: int) -> str | None:
        """The state of the titled person right before in a list ("Foreign Minister Retno Marsudi,
        Law and Human Rights Minister X, …", "Menteri Luar Negeri Retno Marsudi, Menteri Sekretaris
        Negara X dan …"): only commas and "and" between them, and in English a portfolio written
        before the title."""
        toks, low = self.sm.tokens, list(self.sm.low)
        prev = max((o for o in self.occ if o.kind == "person" and o.end <= first), key=lambda o: o.end, default=None)
        if prev is None or first - prev.end > 8:
            return None
        gap = range(prev.end, first)
        joined = False
        for k in gap:
            if toks[k] == "," or (self.lang.and_words.match(low, k) or (0,))[0] == 1:
                joined = True
            elif not (self.lang.affiliation_before_title and toks[k][:1].isupper()):
                return None
        binding = next((b for b in reversed(self.roles) if b.person == prev.keys[0]
                        and b.sentence == self.sm.sentence.index), None)
        return binding.of if joined and binding and self.entities[binding.of].type == "Country" else None

    def _officials_of(self, first: int) -> str | None:
        """The state whose officials a list opens with ("Malaysian government officials, who
        accompanied him, are …", "dua pejabat tinggi Myanmar, yaitu …")."""
        low = list(self.sm.low)
        opener = next((k for k in range(first - 1, max(-1, first - 40), -1)
                       if (m := self.lang.list_openers.match(low, k)) and k + m[0] <= first), None)
        if opener is None:
            return None
        for w in range(opener - 1, max(-1, opener - 14), -1):
            m = self.lang.officials_nouns.match(low, w)
            if m and w + m[0] <= opener:
                beside = [o for o in self.occ if o.kind == "actor" and o.keys and (o.end in (w, w - 1) or o.start == w + m[0])
                          and self.entities[o.keys[0]].type == "Country"]
                if beside:
                    return beside[0].keys[0]
        return None

    # -- no name after the title -----------------------------------------------------------
    def _no_name(self, spans, t: _TitlePhrase) -> int:
        """No name follows the title.  In order: the name right before it is the holder; an
        envoy stands for a state; offices of several states stand for them; a definite title
        refers back; the knowledge base knows the one holder; else an unnamed office is kept
        for a later "sang penasihat, X"."""
        stop = max(t.p, t.span.end)
        if self._holder_right_before(t) or self._envoy_for_state(t, stop):
            return self._next(spans, stop)
        if self._offices_of_states(t):
            return self._next(spans, t.p)
        if t.served is not None:
            # "recalled its ambassadors to the United States": the country is an argument
            self.occ.remove(t.served)
            o = t.served
            self.occ.append(Occurrence(o.start, o.end, o.keys, o.kind, True, o.text, "envoy"))
        if self._definite_reference(t) or self._kb_holder(t, stop) or self._official_for_state(t, stop):
            return self._next(spans, stop)
        self.slots.append((t.role, t.affil, t.principal))
        return self._next(spans, stop)

    def _holder_right_before(self, t: _TitlePhrase) -> bool:
        """The title right after a name, with no comma, is that person's: "Retno Marsudi
        Menteri Luar Negeri Indonesia memanggil …", "Toto Riyanto Duta Besar Indonesia untuk
        Brasil"."""
        before = next((o for o in reversed(self.occ) if o.kind in ("person", "name") and o.end == t.first), None)
        if before is None or t.definite:
            return False
        key = before.keys[0] if before.kind == "person" else self._name_before(before)
        if not key:
            return False
        self.resolve_role(key, t.role, t.affil, None, "title", 0.8)
        return True

    def _envoy_for_state(self, t: _TitlePhrase, stop: int) -> bool:
        """An envoy named by office only stands for a state: the sending state ("summoned the
        Chinese envoy in Manila", "memanggil Duta Besar Korea Utara"), or with no state named,
        the story's envoys' state."""
        if t.affil is not None:
            return self.envoy_stands_for_state(t.span, t.first, stop, t.affil)
        return t.principal is None and self.envoy_of_the_story(t.span, t.first, stop)

    def _offices_of_states(self, t: _TitlePhrase) -> bool:
        """The offices of several states, each standing for its state: "berkomunikasi dengan
        menteri luar negeri Arab Saudi, Yordania dan Jerman", "the foreign ministers of Saudi
        Arabia, Jordan and Germany"."""
        if t.affil is None or not self.affiliation_list(t.p):
            return False
        self.occ = [o for o in self.occ if not (o.keys == (t.affil,) and not o.arg and o.start >= t.span.start)]
        self.occ.append(Occurrence(t.first, t.p, (t.affil,), "actor", True, self.text(t.first, t.p)))
        return True

    def _definite_reference(self, t: _TitlePhrase) -> bool:
        """A definite title with no affiliation is the last person met in that role: "sang
        presiden", "the minister"."""
        plural = t.span.start > 0 and self.sm.low[t.span.start - 1] in self.lang.plural_determiners
        ref = self.last_with_role(t.role) if t.definite and t.affil is None and not plural else None
        if not ref:
            return False
        self.emit(t.span.start, t.span.end, [ref], "person")
        return True

    def _kb_holder(self, t: _TitlePhrase, stop: int) -> bool:
        """A state's head or foreign minister the knowledge base knows as the one holder on the
        publication date: "Presiden Rusia mengatakan …", "the Australian foreign minister said"
        — but not after a name it is apposed to ("Zed Seselja, Australia's foreign minister,"),
        not a generic title ("the leader of Australia" names no office), and not the offices
        of several states ("menteri luar negeri Arab Saudi, Yordania dan Jerman")."""
        s, toks, low = t.span, self.sm.tokens, self.sm.low
        n = len(toks)
        k = t.first - 1
        while k > 0 and (low[k] in self.lang.definite or low[k] in self.lang.determiners):
            k -= 1
        appositive = k > 0 and toks[k] == "," and any(o.end == k and o.kind == "person" for o in self.occ) \
            and (t.close >= n or toks[t.close] in (",", ".", ";"))
        generic = self.lang.generic_titles.match(list(low), s.start)
        generic = generic and generic[0] == s.end - s.start     # "the leader of Australia" names no office
        if t.affil and t.role in HEAD_ROLES + ("foreign-minister",) and self.entities[t.affil].type == "Country" \
                and not appositive and not generic and not self.affiliation_list(t.p):
            holders = self.kb.holders(t.role, t.affil, self.pub) if self.pub else []
            if len(holders) == 1:
                person = self.add(holders[0])
                self.emit(t.first, stop, [person], "person")
                self.resolve_role(person, t.role, t.affil, None, "title-kb", 0.7)
                return True
        return False

    def _official_for_state(self, t: _TitlePhrase, stop: int) -> bool:
        """An official no name and no holder identify acts for the state whose office it is, as
        an unnamed envoy does: "A Bordurian minister threatened sanctions against Syldavia",
        "Seorang menteri Borduria mengancam Syldavia" -> Borduria (PLOVER codes the state).  Only
        an indefinite one that opens the sentence or follows a relation word ("expelled an
        Indian official"): after "was", "menjadi" or a comma it says what someone was."""
        low, k = self.sm.low, t.first - 1
        if t.definite or t.affil is None or t.principal is not None or self.entities[t.affil].type != "Country" \
                or k < 0 or low[k] not in self.lang.indefinite:
            return False
        if k > 0 and not any((m := self.lang.triggers.match(low, j)) and j + m[0] == k for j in range(max(0, k - 4), k)):
            return False
        self.occ = [o for o in self.occ if not (o.keys == (t.affil,) and t.first <= o.start and o.end <= stop)]
        self.occ.append(Occurrence(t.first, stop, (t.affil,), "actor", True, self.text(t.first, stop)))
        return True

    # -- helpers of the title rules -----------------------------------------------------
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
        own = bool(around & self.lang.own_words) or any(self.lang.has_clitic(low[k]) for k in range(s.start, s.end))
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
        return sp.end - sp.start >= 2 and not self.headline()

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

    def occ_end(self, before: int, sp: Span) -> int:
        ends = [o.end for o in self.occ[before:]] if len(self.occ) > before else []
        return max(ends + [sp.end])
