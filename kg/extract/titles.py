"""Titles, for the entities stage: a title and what it reads around itself — the
affiliation on the left ("Russian Foreign Minister"), the affiliation, portfolio or posting
on the right ("Menteri Luar Negeri Rusia", "ambassador to the United States"), the holder
after it ("… Sergey Lavrov"), or, with no name, what the title stands for (the state of an
envoy, the person named right before, the last holder of the role, the knowledge base's
holder).

A mixin of the resolver in kg.extract.entities, composed of its parts: the title phrase
(kg.extract.title_phrase), the holder's name (.title_holders), whom a title with no name
refers to (.title_references) and the state a title serves (.title_states).  Here is the
walk over one title phrase and what it ends in: a holder, a second title, or no name.  It
reads and writes the resolver's state (the sentence `sm`, its occurrences `occ`, `entities`,
`roles`, `slots`, ...).
"""
from __future__ import annotations

from kg.extract.mentions import Span
from kg.extract.occurrences import Occurrence
from kg.extract.title_holders import TitleHolderMixin
from kg.extract.title_phrase import TitlePhrase, TitlePhraseMixin
from kg.extract.title_references import TitleReferenceMixin
from kg.extract.title_states import TitleStateMixin


class TitlesMixin(TitlePhraseMixin, TitleHolderMixin, TitleReferenceMixin, TitleStateMixin):
    """A title and what follows it."""

    def title(self, spans, i: int) -> int:
        """A title and what follows it: affiliation, then a name, another title, or nothing.

        Read left to right: the affiliation before the title (English), modifiers and a
        portfolio after it, a second title joined to it, the affiliation and the posting after
        it, then the holder's name — or, with no name, what the title stands for."""
        s = spans[i]
        t = TitlePhrase(s, self._title_role(s), self._definite_before(s.start), first=s.start, p=s.end)
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

    # -- two titles --------------------------------------------------------------------------
    def _joined_title(self, spans, t: TitlePhrase) -> int | None:
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

    def _title_chain(self, spans, t: TitlePhrase, sp: Span) -> int:
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

    def occ_end(self, before: int, sp: Span) -> int:
        """Where the occurrences added since `before` end, and at least where `sp` does."""
        ends = [o.end for o in self.occ[before:]] if len(self.occ) > before else []
        return max(ends + [sp.end])

    # -- what the phrase ends in -------------------------------------------------------------
    def _titled_person(self, spans, t: TitlePhrase) -> int:
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

    def _no_name(self, spans, t: TitlePhrase) -> int:
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
