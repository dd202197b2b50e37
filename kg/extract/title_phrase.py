"""Title phrases, for the entities stage: what a title says of itself — the office it names
(a counterpart takes the office named before), the affiliation on the left ("Russian Foreign
Minister", "China's foreign ministry spokesman"), modifiers and a portfolio on the right
("Minister for International Development and the Pacific"), the affiliation and the posting
on the right ("Menteri Luar Negeri Rusia", "ambassador to the United States"), and what
stands between the title and its holder's name: honorifics, "then", the years of a term, a
comma.

A part of the title mixin (kg.extract.titles) of the resolver in kg.extract.entities: it reads
and writes the resolver's state (the sentence `sm`, its occurrences `occ`, `roles`, ...).
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.extract.lang import COUNTERPART
from kg.extract.mentions import Span
from kg.extract.occurrences import Occurrence


@dataclass
class TitlePhrase:
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


class TitlePhraseMixin:
    """A title phrase, read left and right of the title, up to where the holder's name would start."""

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

    # -- left of the title -------------------------------------------------------------------
    def _affiliation_left(self, t: TitlePhrase) -> None:
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

    # -- right of the title ------------------------------------------------------------------
    def _modifiers_right(self, t: TitlePhrase) -> None:
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

    def _affiliation_right(self, t: TitlePhrase) -> None:
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

    def _posting(self, t: TitlePhrase) -> None:
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

    # -- up to the holder's name -------------------------------------------------------------
    def _to_holder(self, t: TitlePhrase) -> None:
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
