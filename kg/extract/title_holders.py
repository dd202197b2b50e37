"""Title holders, for the entities stage: the person named after a title — a knowledge-base
person or a name ("Menteri Luar Negeri Rusia Sergey Lavrov", "Palestinian president Mahmud
Abbas"), with a short name in quotes ('President Joko "Jokowi" Widodo'), a single name
("Menteri Sekretaris Negara Pratikno,"), or set off by commas ("Russia's president, Vladimir
Putin, said") — and the headlines where no run of capitalised words is a name.

A part of the title mixin (kg.extract.titles) of the resolver in kg.extract.entities: it reads
and writes the resolver's state (the sentence `sm`, its occurrences `occ`, `entities`, ...).
"""
from __future__ import annotations

from kg.extract.mentions import Span
from kg.extract.reader import slug
from kg.extract.title_phrase import TitlePhrase

_QUOTES = frozenset({"“", "”", '"', "‘", "’", "'"})    # around a short name inside a name


class TitleHolderMixin:
    """The holder's name after a title."""

    def _holder(self, spans, t: TitlePhrase) -> int | None:
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

    def _nicknamed(self, sp: Span, t: TitlePhrase) -> str | None:
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
        not a common word, not in a headline, where every word is capitalised — unless it is a
        word of the one knowledge-base person the story names in full ("Menlu Retno" and "Retno
        LP Marsudi")."""
        toks, low = self.sm.tokens, self.sm.low
        word = toks[sp.start]
        known = [k for k in self.introduced if word in self.kb.get(k).label.split()] if len(sp.value) == 1 else []
        if len(known) == 1:     # "Menlu Retno" in a story that names Retno LP Marsudi: that person
            self.add(known[0], word)
            self.note_person(known[0], (word,))
            return known[0]
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

    def headline(self) -> bool:
        """A sentence written in title case, as a headline: no run of capitalised words there
        is a name."""
        words = [t for t in self.sm.tokens if t.isalpha() and len(t) > 3]
        return len(words) >= 4 and sum(t[0].isupper() for t in words) >= 0.6 * len(words)
