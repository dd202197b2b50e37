"""The shared analysis of one sentence that every relation rule reads, computed once.

Clauses (which tokens belong together), coordinations ("X, Y dan Z"), prepositions that
govern an actor, subject positions, modality and date cues: questions the rules of
`kg.extract.rules` ask many times per sentence.  Phrase lookups that used to be repeated at
every probe are made once per sentence and index here (`matches`, `ends_at`).
"""
from __future__ import annotations

from functools import cached_property

from kg.extract.entities import Occurrence
from kg.extract.lang import Language, PhraseIndex
from kg.extract.mentions import SentenceMentions

MODALITY_RANK = {"negated": 4, "conditional": 3, "possible": 2, "planned": 1, "asserted": 0}
QUOTES = frozenset({"“", "”", '"'})
OPENING_QUOTES = QUOTES | {"'", "‘"}     # before a quoted name: "a 'no limits' partnership"
QUOTES_AND_BREAKS = ("“", "”", '"', ";", ":")


class Analysis:
    """One sentence: tokens, clause ids per token, dates, and the occurrences of actors."""

    def __init__(self, sm: SentenceMentions, occ: list[Occurrence], lang: Language):
        self.sm, self.lang, self.occ = sm, lang, occ
        self.low = list(sm.low)
        self.n = len(self.low)
        self._preps: dict[int, frozenset[str]] = {}
        self._governed: dict[tuple, bool] = {}
        self.inside = frozenset(k for o in occ if o.kind != "name" for k in range(o.start, o.end))
        self.dates = [s for s in sm.spans if s.kind == "date"]
        self.args = [o for o in occ if o.arg]
        # the comma that closes an apposition an occurrence opened ("Presiden Rusia, Vladimir
        # Putin, menggelar …"): it cuts off neither a subject nor a venue
        self.apposition_commas = frozenset(o.end for o in occ if "," in o.text and o.end < self.n
                                           and self.low[o.end] == ",")

    # -- phrase lookups, once per sentence, index and position -----------------------------
    def match(self, index: PhraseIndex, i: int):
        """The longest match of `index` at token `i` (None where none starts).  Most words
        start no phrase of the index: those are answered from its first words alone."""
        if 0 <= i < self.n and self.low[i] in index.firsts:
            return index.match(self.low, i)
        return None

    def ends_at(self, indexes, k: int, reach: int = 4) -> bool:
        """A phrase of one of `indexes`, starting at most `reach` tokens before `k`, ends at `k`."""
        low = self.low
        for index in indexes:
            for j in range(max(0, k - reach), k):
                if low[j] not in index.firsts:
                    continue        # most words start no phrase: no lookup for them
                m = index.match(low, j)
                if m and j + m[0] == k:
                    return True
        return False

    def compound_tail(self, k: int) -> bool:
        """Token `k` is the last part of a hyphenated word ("long-threatened invasion",
        "anti-war", "so-called"; "anti-perang", "pasca-perang"): a modifier, no verb or noun of its
        own.  A reduplication ("serangan-serangan", "serang-menyerang") is the word itself."""
        if k < 2 or self.low[k - 1] != "-":
            return False
        toks = self.sm.sentence.tokens
        return toks[k - 2].end == toks[k - 1].start and toks[k - 1].end == toks[k].start \
            and not self.low[k].endswith(self.low[k - 2])

    # -- clauses --------------------------------------------------------------------------
    @cached_property
    def clause(self) -> list[int]:
        """Clause ids per token (computed when a rule first asks: many sentences hold no trigger)."""
        return self._clauses()

    def _clauses(self) -> list[int]:
        """Clause ids per token.  Complementizers, reporting verbs, clause breaks and quotes
        start a new clause.  An aside (", yang …,", ", who …,") and an adverbial clause ("sejak
        Biden menjabat", "before flying home") run to the next comma, after which the clause
        they interrupted goes on."""
        lang, low, n, inside = self.lang, self.low, self.n, self.inside
        clause = [0] * n
        cur, fresh, i = 0, 1, 0
        while i < n:
            if i in inside:
                clause[i] = cur
                i += 1
                continue
            aside = (i > 0 and low[i - 1] == "," and low[i] in lang.relative) or low[i] in lang.adverbial
            if aside:
                j = i
                while j < n and (low[j] != "," or j in inside or j in self.apposition_commas):
                    j += 1
                for k in range(i, j):
                    clause[k] = fresh
                fresh += 1
                i = j
                continue
            m = None
            for index in (lang.complementizers, lang.reporting, lang.clause_breaks):
                m = index.match(low, i) if low[i] in index.firsts else None
                if m:
                    break
            if low[i] in QUOTES and (close := next((j for j in range(i + 1, min(n, i + 6)) if low[j] in QUOTES), None)):
                if not any(low[k] in QUOTES_AND_BREAKS for k in range(i + 1, close)):
                    for k in range(i, close + 1):
                        clause[k] = cur     # a short quoted name: 'pertemuan "2+2" dengan Teodoro'
                    i = close + 1
                    continue
            if m or low[i] in QUOTES_AND_BREAKS:
                length = m[0] if m else 1
                for k in range(i, min(n, i + length)):
                    clause[k] = fresh
                cur, fresh = fresh + 1, fresh + 2
                i += length
                continue
            clause[i] = cur
            i += 1
        return clause

    def clause_of(self, o: Occurrence) -> int:
        return self.clause[o.end - 1]

    # -- coordination ---------------------------------------------------------------------
    def conj(self, o: Occurrence, backward: bool) -> list[Occurrence]:
        """The coordinated list ("X, Y dan Z", "AS-Rusia") that `o` ends (backward) or starts.

        Commas join items only in a list closed by "dan"/"and": "X, Y dan Z" is a list,
        "Sebelum bertemu Biden, Prabowo…" is not; but a headline's comma is its "and":
        "Obama, Medvedev Say They've 'Reset' Relations"."""
        args = self.args
        pair = self._headline_pair()
        if pair and o in pair:
            return list(pair)
        idx = args.index(o)
        items, gaps = [o], []
        step = -1 if backward else 1
        j = idx
        while 0 <= j + step < len(args):
            a, b = (args[j + step], args[j]) if backward else (args[j], args[j + step])
            if a.keys == b.keys and self.low[a.end:b.start] == ["("]:
                j += step       # "Uni Emirat Arab (UEA)": the item's abbreviation, not another item
                continue
            if self.governed(args[j + step]):
                break
            joined, has_and = self._joined(a.end, b.start)
            if joined is None or self.clause[a.end - 1] != self.clause[b.start]:
                break
            items.append(args[j + step])
            gaps.append(has_and)
            j += step
        # the gap next to the closing conjunct must hold "and"; a comma-only tail is no list
        if backward:
            items = items[:len(items) if gaps and gaps[0] else 1]
        else:
            last_and = max((k for k, g in enumerate(gaps) if g), default=-1)
            items = items[:last_and + 2]
        return items[::-1] if backward else items

    def _headline_pair(self) -> tuple[Occurrence, Occurrence] | None:
        """Two actors opening a headline (a line with no closing full stop), joined by a comma
        and followed by their verb: "Putin, Xi Hold Talks", "Modi, Trump Talk Over Phone"."""
        args, toks = self.args, self.sm.tokens
        if len(args) < 2 or not toks or toks[-1] in (".", "!", "?", '"', "”") or self.n > 20:
            return None
        a, b = args[0], args[1]
        if a.start > 2 or self.low[a.end:b.start] != [","] or b.end >= self.n or not toks[b.end][:1].isalpha():
            return None
        return a, b

    def _joined(self, a: int, b: int) -> tuple[set | None, bool]:
        """Whether tokens a..b join two list items ("," "dan" "and its allies"); None if not."""
        if a < b and self.low[a] == ")":
            a += 1              # after an abbreviation in brackets: "Uni Emirat Arab (UEA), Yordania"
        lang, gap = self.lang, self.low[a:b]
        joined = set()          # "and its allies", "bersama": as good as "and"
        for k in range(len(gap)):
            m = self.match(lang.list_joiners, a + k)
            if m and k + m[0] <= len(gap):
                joined.update(range(k, k + m[0]))
        if not gap or len(gap) - len(joined) > 3:
            return None, False      # more than three words besides the joiners: no list
        ands = [k for k in range(len(gap)) if self.match(lang.and_words, a + k)]
        # "the U.S. president and his Russian counterpart": a possessive pronoun after "and"
        if all(k in joined or k in ands or t == "," or t in lang.definite or t in lang.determiners
               or (t in lang.pronouns and ands and k > min(ands))
               or (t in lang.demonstratives_after and ands and k < min(ands)) for k, t in enumerate(gap)):
            return joined, bool(joined) or bool(ands)
        return None, False

    # -- positions ------------------------------------------------------------------------
    def governed(self, o: Occurrence, venue_only: bool = False, sender: bool = False) -> bool:
        """An actor right after a preposition ("di Moskow", "dengan Rusia", "di ibu kota Korea
        Utara") is not a subject; one after a place preposition is not an object either.
        `sender`: "from" gives the other party ("a phone call from Xi", "telepon dari Biden").
        Asked of the same actor by every trigger of the sentence: answered once."""
        key = (o.start, o.via, venue_only, sender)
        got = self._governed.get(key)
        if got is None:
            got = self._governed[key] = self._governed_at(o.start, o.via == "envoy", venue_only, sender)
        return got

    def _governed_at(self, k: int, envoy: bool, venue_only: bool, sender: bool) -> bool:
        lang = self.lang
        if envoy or self.after_envoy_title(k):
            return False        # "diplomats from France", "duta besarnya di Canberra": a state, not a place
        chosen = (("venue",) if sender else ("venue", "from")) if venue_only else None
        for _ in range(4):
            if k == 0:
                return False
            ending = self.prepositions_ending_at(k)
            if ending and (chosen is None or ending & set(chosen)):
                return True
            if ending:
                return False        # another kind of preposition governs it
            w = self.sm.tokens[k - 1]
            if not w.islower() or self.low[k - 1] == "," or self.match(lang.and_words, k - 1) \
                    or self.match(lang.triggers, k - 1):
                return False
            k -= 1
        return False

    def prepositions_ending_at(self, k: int) -> frozenset[str]:
        """The kinds of preposition ("venue", "to", "from", "with", "against", "between", "by")
        with a phrase that ends right before token `k`; looked up once per position."""
        got = self._preps.get(k)
        if got is None:
            lang = self.lang
            kinds = (("venue", lang.venue), ("to", lang.to_words), ("from", lang.from_words),
                     ("with", lang.with_words), ("against", lang.against), ("between", lang.between),
                     ("by", lang.by_words))
            low, found = self.low, set()
            for j in range(max(0, k - 4), k):
                for name, index in kinds:
                    if low[j] in index.firsts and (m := index.match(low, j)) and j + m[0] == k:
                        found.add(name)
            got = self._preps[k] = frozenset(found)
        return got

    def after_envoy_title(self, k: int) -> bool:
        """"diplomats from France", "its peacekeepers from Chad": `k` follows an envoy title (or
        the personnel of a mission) and a word that gives its state."""
        if k < 2 or self.low[k - 1] not in self.lang.envoy_of:
            return False
        j = k - 1
        while j > 1 and self.low[j - 1] in self.lang.own_words:
            j -= 1      # "duta besar mereka dari Jakarta", "their ambassadors from Qatar"
        return self.ends_at((self.lang.envoy_titles, self.lang.mission_nouns), j, reach=5)

    def in_subject_position(self, o: Occurrence) -> bool:
        """At the start of the sentence, or after a comma, a quote or a date: where subjects stand."""
        k = o.start
        while k > 0 and (self.low[k - 1] in self.lang.definite or self.low[k - 1] in self.lang.determiners):
            k -= 1
        if k == 0 or self.low[k - 1] in (",", "“", '"', "(", "—", "–"):
            return True
        return any(d.end == k for d in self.dates)

    def subjectless(self, c: int, ts: int) -> bool:
        """The trigger's clause has a pronoun subject, or none after a subordinator."""
        lang, low = self.lang, self.low
        words = [k for k in range(ts) if self.clause[k] == c]
        if any(low[k] in lang.pronouns or low[k] in lang.plural_pronouns for k in words):
            return True
        start = words[0] if words else ts
        subs = [k for k in words if low[k] in lang.subordinators or low[k] in lang.adverbial]
        if subs and (start > 0 or subs[-1] > start) and ts - subs[-1] <= 2 and all(
                not o.arg or self.clause_of(o) != c for o in self.occ if o.end <= ts) and not any(
                self.sm.tokens[k][:1].isupper() for k in words if k > subs[-1]):   # no name the finder missed
            # "…, seusai pembicaraan di Sochi", "Dan tadi saat bertemu dengan Menlu Hillary, …":
            # the subordinator opens a clause that has no subject of its own
            return True
        if start > 0 and self.ends_at((lang.announcing,), start) and ts - start <= 8 and not any(
                o.arg and o.start >= start and o.end <= ts for o in self.occ):
            return True     # "X mengumumkan (hari Senin) pemutusan hubungan …", "X announced new sanctions …"
        if start > 0 and self.ends_at((lang.reporting,), start, 2) and lang.looks_like_verb(low[ts]) and all(
                low[k] in lang.stopwords for k in range(start, ts)):
            return True     # "Retno mengatakan telah menghubungi Menlu Iran": the reporter did it
        if start > 0 and low[start - 1] in lang.relative and low[start - 1] not in lang.subordinators \
                and not self._predicative(start - 1):
            return False    # "warga Syiah yang dituduh …": the clause's subject is its head (rule `relative-head` if an actor)
        return start > 0 and (low[start - 1] in lang.subordinators or bool(self.match(lang.clause_breaks, start - 1)))

    def _predicative(self, rel: int) -> bool:
        """The noun before the relative word at `rel` follows a copula, with no comma between:
        "Tillerson menjadi pejabat pertama di kabinet Trump yang mengunjungi Malaysia"."""
        for k in range(rel - 1, max(-1, rel - 12), -1):
            if self.low[k] in self.lang.copulas:
                return True
            if self.low[k] == ",":
                return False
        return False

    def object_of_trigger(self, o: Occurrence) -> bool:
        """"…will visit Moscow next week for talks": Moscow is what the visit goes to, no subject."""
        k = o.start
        while k > 0 and self.low[k - 1] in self.lang.determiners:
            k -= 1
        return self.ends_at((self.lang.triggers,), k, reach=3)

    def bare_comma(self, a: int, b: int, c: int) -> bool:
        """A comma of clause `c` itself between a and b (not one that opens or closes an aside,
        nor one that sets off a date: "Jokowi hari ini, Jumat, 29 Juni 2018, menyambut …")."""
        return any(self.low[k] == "," and self.clause[k - 1] == c and (k + 1 >= self.n or self.clause[k + 1] == c)
                   and k - 1 not in self._dated and k + 1 not in self._dated for k in range(max(a, 1), b))

    @cached_property
    def _dated(self) -> frozenset[int]:
        return frozenset(k for d in self.dates for k in range(d.start, d.end))

    def possessor(self, o: Occurrence, ts: int) -> bool:
        """"Russia's invasion of Ukraine": the possessor right before the trigger is its agent."""
        return o.end < ts and self.low[o.end] in self.lang.possessive and o.end + 1 == ts

    def only_names_between(self, a: int, b: int) -> bool:
        """Tokens a..b are names, commas, determiners and place words only."""
        for k in range(a, b):
            tok = self.sm.tokens[k]
            if k in self.inside or tok == "," or (tok[:1].isupper() and tok.isalpha()) \
                    or self.low[k] in self.lang.determiners or self.match(self.lang.venue, k):
                continue
            return False
        return True

    # -- modality and date ----------------------------------------------------------------
    def modality_cue(self, k: int):
        """The modality word at `k` ("akan", "may", "tidak"), not inside a name ("Theresa May")."""
        return None if k in self.inside else self.match(self.lang.modality, k)

    def modality(self, ts: int) -> str:
        """The strongest modality cue before the trigger in its clause; a condition clause
        earlier in the sentence ("jika …, AS akan menjadi sekutu") makes it conditional."""
        best = "asserted"
        c = self.clause[ts]
        i = ts - 1
        while i >= 0 and self.clause[i] == c and ts - i <= 12:
            i -= 1
        for k in range(i + 1, ts):
            m = self.modality_cue(k)
            if m and MODALITY_RANK[m[1]] > MODALITY_RANK[best]:
                if m[1] == "negated" and (k + 1 < self.n and self.low[k + 1] in self.lang.negation_exceptions
                                          or k > 0 and self.low[k - 1] in OPENING_QUOTES):
                    continue    # "tidak hanya", a quoted name: "a 'no limits' partnership"
                best = m[1]
        for k in range(0, ts):
            m = self.modality_cue(k)
            if m and m[1] == "conditional" and MODALITY_RANK[best] < 3 and not any(
                    self.match(self.lang.complementizers, j) or self.match(self.lang.reporting, j)
                    for j in range(k, ts)):
                best = "conditional"
        return best

    def date(self, ts: int, te: int | None = None) -> tuple[str | None, bool]:
        """The date of the trigger's clause; else one right after the meeting's own names and
        places ("… bertemu Zelensky di Istana Maryinsky, Kyiv, Rabu (29/6)."); else the
        reporting clause's ("Later on Friday, Psaki said the US would sanction Putin")."""
        c = self.clause[ts]
        here = [d for d in self.dates if self.clause[d.start] == c or self.clause[d.end - 1] == c]
        if not here and te is not None:
            here = [d for d in self.dates if d.start >= te and self.only_names_between(te, d.start)][:1]
        if not here:
            here = [d for d in self.dates if d.end <= ts and self.clause[d.end - 1] != c]
            if not here:
                return None, False
        d = min(here, key=lambda d: abs(d.start - ts))
        return d.value.value, d.value.conflict
