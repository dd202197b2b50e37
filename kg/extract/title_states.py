"""The state a title serves when the text names none, for the entities stage: the state its
phrase or its list gives (rules `domestic-office`, `title-list`, `office-seat`), a state
represented by the holder ("Amerika Serikat diwakili Wakil Presiden Kamala Harris"), and a
title with no name that stands for a state: an envoy (rule `envoy`), the offices of several
states ("the foreign ministers of Saudi Arabia, Jordan and Germany"), an unnamed official
("A Bordurian minister threatened sanctions").

A part of the title mixin (kg.extract.titles) of the resolver in kg.extract.entities: it reads
and writes the resolver's state (the sentence `sm`, its occurrences `occ`, `entities`, `roles`,
`last_envoy_state`, ...).
"""
from __future__ import annotations

from kg.extract.occurrences import Occurrence
from kg.extract.title_phrase import TitlePhrase


class TitleStateMixin:
    """Whose office a title is when the text does not say, and titles that stand for a state."""

    # -- a title that names no state: what the phrase or the list around it says -------------
    def _context_affiliation(self, t: TitlePhrase) -> tuple[str, str] | None:
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

    def _represented_by(self, t: TitlePhrase) -> None:
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

    # -- a title with no name that stands for a state ----------------------------------------
    def _envoy_for_state(self, t: TitlePhrase, stop: int) -> bool:
        """An envoy named by office only stands for a state: the sending state ("summoned the
        Chinese envoy in Manila", "memanggil Duta Besar Korea Utara"), or with no state named,
        the story's envoys' state."""
        if t.affil is not None:
            return self.envoy_stands_for_state(t.span, t.first, stop, t.affil)
        return t.principal is None and self.envoy_of_the_story(t.span, t.first, stop)

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

    def _offices_of_states(self, t: TitlePhrase) -> bool:
        """The offices of several states, each standing for its state: "berkomunikasi dengan
        menteri luar negeri Arab Saudi, Yordania dan Jerman", "the foreign ministers of Saudi
        Arabia, Jordan and Germany"."""
        if t.affil is None or not self.affiliation_list(t.p):
            return False
        self.occ = [o for o in self.occ if not (o.keys == (t.affil,) and not o.arg and o.start >= t.span.start)]
        self.occ.append(Occurrence(t.first, t.p, (t.affil,), "actor", True, self.text(t.first, t.p)))
        return True

    def _official_for_state(self, t: TitlePhrase, stop: int) -> bool:
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
