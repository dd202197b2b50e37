"""Relations stage: entities in sentences -> typed, qualified relations.

For each trigger word of a relation type, the participants are found by the shape of
the clause around it, tried in this order:
  * "antara/between X dan/and Y" after the trigger                      (rule `between`)
  * a coordinated subject "X dan Y …trigger", "AS-Rusia …", "kedua negara" (rule `coordination`)
  * the nearest actor before the trigger and the first one after it      (rule `subject-object`)
  * a pronoun subject ("ia", "he") taken from the reporting clause       (rule `pronoun`)
  * a comparison after the object ("…sekutu Suriah, seperti Rusia dan Iran") (rule `comparison`)
Modality comes from cue words before the trigger in its clause, the date from a date
expression in the clause (or the venue's date), the place from the venue of a meeting.
"""
from __future__ import annotations

from dataclasses import replace

from kg.extract.entities import Occurrence, Resolution
from kg.extract.kb import KnowledgeBase
from kg.extract.lang import Language
from kg.extract.mentions import SentenceMentions
from kg.extract.entities import HEAD_ROLES
from kg.model import SYMMETRIC, Relation

ACTORS = ("Person", "Country", "Organization", "Group")
ARG_TYPES = {
    "ally-of": (ACTORS, ACTORS),
    "spoke-with": (("Person", "Country", "Organization"), ("Person", "Country", "Organization")),
    "met-with": (("Person", "Country", "Organization"), ("Person", "Country", "Organization")),
    "opposes": (ACTORS, ACTORS),
    "met-at": (("Person", "Organization", "Group"), ("Event", "Place", "Country")),
}
MODALITY_RANK = {"negated": 4, "conditional": 3, "possible": 2, "planned": 1, "asserted": 0}
RULE_CONFIDENCE = {"between": 0.85, "coordination": 0.85, "subject-object": 0.75, "pronoun": 0.6,
                   "comparison": 0.7, "venue": 0.75, "envoy": 0.8}


class _Sentence:
    def __init__(self, sm: SentenceMentions, occ: list[Occurrence], lang: Language):
        self.sm, self.lang = sm, lang
        self.low = list(sm.low)
        self.n = len(self.low)
        self.occ = occ
        # Clause ids per token.  Complementizers, reporting verbs, clause breaks and quotes start
        # a new clause.  An aside (", yang …,", ", who …,") and an adverbial clause ("sejak Biden
        # menjabat", "before flying home") run to the next comma, after which the clause they
        # interrupted goes on.
        self.clause = [0] * self.n
        inside = set()
        for o in occ:
            if o.kind != "name":
                inside.update(range(o.start, o.end))
        cur, fresh, i = 0, 1, 0
        while i < self.n:
            if i in inside:
                self.clause[i] = cur
                i += 1
                continue
            low = self.low[i]
            aside = (i > 0 and self.low[i - 1] == "," and low in lang.relative) or low in lang.adverbial
            if aside:
                j = i
                while j < self.n and (self.low[j] != "," or j in inside):
                    j += 1
                for k in range(i, j):
                    self.clause[k] = fresh
                fresh += 1
                i = j
                continue
            m = None
            for index in (lang.complementizers, lang.reporting, lang.clause_breaks):
                m = index.match(self.low, i)
                if m:
                    break
            if m or low in ("“", "”", '"', ";", ":"):
                length = m[0] if m else 1
                for k in range(i, min(self.n, i + length)):
                    self.clause[k] = fresh
                cur, fresh = fresh + 1, fresh + 2
                i += length
                continue
            self.clause[i] = cur
            i += 1
        self.dates = [s for s in sm.spans if s.kind == "date"]

    def clause_of(self, o: Occurrence) -> int:
        return self.clause[o.end - 1]


class Extractor:
    def __init__(self, lang: Language, kb: KnowledgeBase, res: Resolution, pub=None):
        self.lang, self.kb, self.res, self.pub = lang, kb, res, pub
        self.previous_lead: str | None = None
        self.recent_people: list[str] = []
        self.previous_people: list[str] = []      # the people the last sentence with actors named
        self.out: list[Relation] = []

    # -- helpers -----------------------------------------------------------------------
    def type_of(self, key: str) -> str:
        return self.res.entities[key].type

    def is_media(self, key: str) -> bool:
        a = self.kb.actors.get(key)
        return bool(a and a.kind == "media")

    def arg_key(self, key: str) -> str:
        """A capital or seat of power as an argument stands for its country."""
        a = self.kb.actors.get(key)
        if a and a.metonym_for and a.type == "Place" and a.metonym_for in self.kb:
            self.res.ensure(a.metonym_for, self.kb)
            return a.metonym_for
        return key

    def keys(self, o: Occurrence) -> list[str]:
        return [self.arg_key(k) for k in o.keys]

    def valid(self, rtype: str, side: int, key: str) -> bool:
        return (key in self.res.entities and self.type_of(key) in ARG_TYPES[rtype][side]
                and not self.is_media(key))

    def conj(self, s: _Sentence, o: Occurrence, backward: bool) -> list[Occurrence]:
        """The coordinated list ("X, Y dan Z", "AS-Rusia") that `o` ends (backward) or starts.

        Commas join items only in a list closed by "dan"/"and": "X, Y dan Z" is a list,
        "Sebelum bertemu Biden, Prabowo…" is not."""
        args = [x for x in s.occ if x.arg]
        idx = args.index(o)
        items, gaps = [o], []
        step = -1 if backward else 1
        j = idx
        while 0 <= j + step < len(args):
            a, b = (args[j + step], args[j]) if backward else (args[j], args[j + step])
            if self._governed(s, args[j + step]):
                break
            gap = s.low[a.end:b.start]
            joined = set()          # "and its allies", "bersama": as good as "and"
            for k in range(len(gap)):
                m = self.lang.list_joiners.match(gap, k)
                if m:
                    joined.update(range(k, k + m[0]))
            if gap and all(k in joined or self.lang.and_words.match(gap, k) or t == "," or t in self.lang.definite
                           or t in self.lang.determiners for k, t in enumerate(gap)) \
                    and len(gap) - len(joined) <= 3 and s.clause[a.end - 1] == s.clause[b.start]:
                items.append(args[j + step])
                gaps.append(bool(joined) or any(self.lang.and_words.match(gap, k) for k in range(len(gap))))
                j += step
            else:
                break
        # the gap next to the closing conjunct must hold "and"; a comma-only tail is no list
        if backward:
            keep = 1
            if gaps and gaps[0]:
                keep = len(items)
            items = items[:keep]
        else:
            last_and = max((k for k, g in enumerate(gaps) if g), default=-1)
            items = items[:last_and + 2]
        return items[::-1] if backward else items

    def modality(self, s: _Sentence, start: int, ts: int, te: int) -> str:
        best = "asserted"
        c = s.clause[ts]
        i = ts - 1
        while i >= 0 and s.clause[i] in (c, c - 1) and ts - i <= 12:
            if s.clause[i] != c:
                break
            i -= 1
        for k in range(i + 1, ts):
            m = self.lang.modality.match(s.low, k)
            if m and MODALITY_RANK[m[1]] > MODALITY_RANK[best]:
                if m[1] == "negated" and k + 1 < s.n and s.low[k + 1] in self.lang.negation_exceptions:
                    continue
                best = m[1]
        # a condition clause earlier in the sentence ("jika …, AS akan menjadi sekutu")
        for k in range(0, ts):
            m = self.lang.modality.match(s.low, k)
            if m and m[1] == "conditional" and MODALITY_RANK[best] < 3 and not any(
                    self.lang.complementizers.match(s.low, j) or self.lang.reporting.match(s.low, j)
                    for j in range(k, ts)):
                best = "conditional"
        return best

    def date(self, s: _Sentence, ts: int, te: int | None = None) -> tuple[str | None, bool]:
        c = s.clause[ts]
        here = [d for d in s.dates if s.clause[d.start] == c or s.clause[d.end - 1] == c]
        if not here and te is not None:
            # "… bertemu Zelensky di Istana Maryinsky, Kyiv, Rabu (29/6).": a date after the
            # meeting's own names and places, cut off from it only by commas
            here = [d for d in s.dates if d.start >= te and self._only_names_between(s, te, d.start)][:1]
        if not here:
            # the reporting clause's date: "Later on Friday, Psaki said the US would sanction Putin"
            here = [d for d in s.dates if d.end <= ts and s.clause[d.end - 1] != c]
            if not here:
                return None, False
        d = min(here, key=lambda d: abs(d.start - ts))
        return d.value.value, d.value.conflict

    def _only_names_between(self, s: _Sentence, a: int, b: int) -> bool:
        inside = {k for o in s.occ for k in range(o.start, o.end)}
        for k in range(a, b):
            tok = s.sm.tokens[k]
            if k in inside or tok == "," or (tok[:1].isupper() and tok.isalpha()) \
                    or s.low[k] in self.lang.determiners or self.lang.venue.match(s.low, k):
                continue
            return False
        return True

    def state_of(self, person: str) -> str | None:
        """The country a person serves (heads of state and government first), from the article
        or the knowledge base."""
        bound = [b for b in self.res.roles if b.person == person and b.of.startswith("country/")]
        held = [(r, of) for r, of in (self.kb.roles_on(person, self.pub) if person in self.kb else ())
                if of.startswith("country/")]
        for role, of in sorted([(b.role, b.of) for b in bound] + held, key=lambda x: x[0] not in HEAD_ROLES):
            self.res.ensure(of, self.kb)
            return of
        return None

    def emit(self, s: _Sentence, rtype: str, a: str, b: str, modality: str, rule: str,
             ts: int, date=None, conflict=False, place=None, conf_delta: float = 0.0) -> None:
        if rtype == "ally-of":
            # leaders and ministers who sign an alliance bind their states; an alliance of two
            # people nobody says whom they serve is no alliance
            a = self.state_of(a) if self.type_of(a) == "Person" else a
            b = self.state_of(b) if self.type_of(b) == "Person" else b
            if a is None or b is None:
                return
        if a == b or not self.valid(rtype, 0, a) or not self.valid(rtype, 1, b):
            return
        if rtype in ("met-with", "spoke-with") and (self.type_of(a) == "Person") != (self.type_of(b) == "Person"):
            return      # a person meets people; countries and organisations meet each other
        if rtype == "met-at" and self.type_of(b) == "Country" and self.type_of(a) == "Person" \
                and self.state_of(a) == b:
            return      # being in one's own country is no meeting place
        conf = RULE_CONFIDENCE[rule] + conf_delta - (0.2 if conflict else 0.0)
        self.out.append(Relation(rtype, a, b, modality, date, place, None, s.sm.sentence.text,
                                 s.sm.sentence.index, round(max(0.05, min(conf, 0.99)), 2), rule,
                                 self._trigger_text(s, ts)))

    def _trigger_text(self, s: _Sentence, ts: int) -> str:
        """The words that signalled the relation: the trigger at `ts`, or the summit named there."""
        m = self.lang.triggers.match(s.low, ts) if ts < s.n else None
        if not m:
            m = next(((o.end - o.start, None) for o in s.occ if o.start == ts and o.kind == "event"), None)
        if not m:
            return ""
        toks = s.sm.sentence.tokens
        return s.sm.sentence.text[toks[ts].start - s.sm.sentence.start: toks[ts + m[0] - 1].end - s.sm.sentence.start]

    # -- one trigger ---------------------------------------------------------------------
    def venue(self, s: _Sentence, te: int, c: int) -> str | None:
        return self._venue_after(s, te, c) or self._venue_fronted(s, te)

    def _venue_fronted(self, s: _Sentence, ts: int) -> str | None:
        """"Di Beijing, Xi bertemu Blinken", "In Tokyo on Thursday, the two leaders met"."""
        for o in s.occ:
            if o.end > ts or o.kind not in ("actor", "event", "eventref"):
                continue
            if o.start <= 3 and self.lang.venue.match(s.low, 0) and self.type_of(o.keys[0]) in ("Place", "Event", "Country"):
                return o.keys[0]
        return None

    def _venue_after(self, s: _Sentence, te: int, c: int) -> str | None:
        """The event or place a meeting is held at: a summit named after the trigger, or an
        actor or a capitalised name right after a place preposition ("di", "at the")."""
        for o in s.occ:
            if o.start < te or s.clause[o.start] != c or o.kind not in ("event", "eventref", "actor", "name"):
                continue
            inside = {k for x in s.occ if x.kind != "name" for k in range(x.start, x.end)}
            inside |= {k for d in s.dates for k in range(d.start, d.end)}
            gap = [k for k in range(te, o.start) if k not in inside and s.clause[k] == c]
            if len(gap) > 8 or any(s.low[k] == "," for k in gap[:-1]
                                   if k + 1 not in inside and s.clause[k - 1] == c):
                return None     # "membahas pangan, energi, serta situasi di Gaza": a topic, not where they met
            if o.kind in ("event", "eventref"):
                return o.keys[0]
            prev = s.low[max(0, o.start - 6):o.start]
            toks = s.sm.tokens
            # "di Istana Kremlin", "at the Élysée Palace": capitalised words of the name itself
            named = 0
            while prev and named < 2 and toks[o.start - 1 - named][:1].isupper() \
                    and toks[o.start - 1 - named].isalpha() and prev[-1] not in self.lang.determiners:
                prev, named = prev[:-1], named + 1
            while prev and prev[-1] in self.lang.determiners:
                prev = prev[:-1]
            governed = any(ix.match(prev, k) and k + ix.match(prev, k)[0] == len(prev)
                           for ix in (self.lang.venue, self.lang.to_words) for k in range(len(prev)))
            if not governed:
                continue
            if o.kind == "name":
                # extend over capitalised words the name finder left out ("the Oval Office", "South Lawn")
                a, b = o.start, o.end
                toks = s.sm.tokens
                while a > 0 and toks[a - 1][:1].isupper() and toks[a - 1].isalpha() and s.low[a - 1] not in self.lang.determiners:
                    a -= 1
                links, dets = self.lang.name_links, self.lang.determiners
                dated = {k for d in s.dates for k in range(d.start, d.end)}
                while b < s.n and b not in dated and b + 1 not in dated:
                    if toks[b][:1].isupper() and toks[b].isalpha():
                        b += 1
                    elif b + 1 < s.n and s.low[b] in links and (toks[b + 1][:1].isupper() or (
                            s.low[b + 1] in dets and b + 2 < s.n and toks[b + 2][:1].isupper())):
                        b += 2 if s.low[b + 1] in dets else 1     # "the Great Hall of the People"
                    else:
                        break
                sent = s.sm.sentence
                label = sent.text[sent.tokens[a].start - sent.start: sent.tokens[b - 1].end - sent.start]
                return self.res.new_place(label)
            k = o.keys[0]
            if self.type_of(k) in ("Event", "Place", "Country"):
                return k
            actor = self.kb.actors.get(k)
            if actor and actor.metonym_for:
                # "di Istana Kremlin, Moskow", "at the White House": where the seat of power stands
                nxt = [x for x in s.occ if x.start == o.end + 1 and s.low[o.end] == "," and x.keys
                       and self.type_of(x.keys[0]) == "Place"]
                if nxt:
                    return nxt[0].keys[0]
                capital = self.kb.capital.get(actor.metonym_for)
                if capital:
                    self.res.ensure(capital, self.kb)
                    self.res.place_ok.add(capital)
                    return capital
        return None

    def _relative_head(self, s: _Sentence, rtype: str, ts: int, c: int) -> list[str]:
        """"Kerry, who spent the final round in talks with Zarif, …": the actor before ", who"
        is the subject of the aside."""
        start = next((k for k in range(ts) if s.clause[k] == c), None)
        if start is None or start < 2 or s.low[start] not in self.lang.relative or s.low[start - 1] != ",":
            return []
        head = next((o for o in s.occ if o.arg and o.end == start - 1 and o.kind in ("person", "actor")), None)
        if head is None:
            return []
        return [k for o in self.conj(s, head, backward=True) for k in self.keys(o) if self.valid(rtype, 0, k)]

    def _led_by(self, s: _Sentence, rtype: str, ts: int) -> list[str]:
        """"The delegation, led by Campbell and Kritenbrink, held talks with Sogavare": the
        leaders of a group that names no actor stand for it."""
        for k in range(ts):
            m = self.lang.led_by.match(s.low, k)
            if not m:
                continue
            if any(o.arg and o.end <= k for o in s.occ):
                return []           # an actor before it is the subject
            first = next((o for o in s.occ if o.arg and k + m[0] <= o.start < ts), None)
            if first is None or first.start > k + m[0] + 4:
                return []
            return [key for o in self.conj(s, first, backward=False) for key in self.keys(o)
                    if self.valid(rtype, 0, key) and self.type_of(key) == "Person"]
        return []

    def _ally_apposition(self, s: _Sentence, ts: int, te: int) -> tuple[str, str] | None:
        """"Australia, a close U.S. ally, …", "Jepang, sekutu dekat AS, …": who is whose ally."""
        comma = next((k for k in range(ts - 1, max(-1, ts - 7), -1) if s.low[k] == ","), None)
        if comma is None or any(s.low[k] in (",", ";") for k in range(comma + 1, ts)):
            return None
        a = next((o for o in s.occ if o.end == comma and o.arg and o.kind in ("actor", "person")), None)
        if a is None:
            return None
        between = [o for o in s.occ if o.start > comma and o.end <= ts and o.kind == "actor"]
        if len(between) > 1 or any(self.lang.and_words.match(s.low, k) for k in range(comma + 1, ts)):
            return None     # "Japan, China and Korea formed an alliance": a list
        after = [o for o in s.occ if te <= o.start <= te + 2 and o.kind == "actor"
                 and all(s.low[k] not in (",", ";", ".") for k in range(te, o.start))]
        b = (between or after or [None])[-1 if between else 0]
        if b is None:
            return None
        return a.keys[0], b.keys[0]

    def trigger(self, s: _Sentence, rtype: str, ts: int, te: int) -> None:
        persons_only = rtype == "met-with-persons"     # signing together, shaking hands
        if persons_only:
            rtype = "met-with"
        envoy_only = rtype == "opposes-envoy"          # summoned, memanggil: hostile to an envoy's state only
        if envoy_only:
            rtype = "opposes"
        if rtype == "ally-of" and (pair := self._ally_apposition(s, ts, te)):
            self.emit(s, rtype, pair[0], pair[1], self.modality(s, 0, ts, te), "subject-object", ts,
                      *self.date(s, ts, te))
            return
        c = s.clause[ts]
        args = [o for o in s.occ if o.arg and s.clause_of(o) == c and o.kind not in ("event", "eventref")
                and not (o.start < te and o.end > ts)]
        before = [o for o in args if o.end <= ts]
        after = [o for o in args if o.start >= te]
        modality = self.modality(s, 0, ts, te)
        date, conflict = self.date(s, ts, te)
        symmetric = rtype in SYMMETRIC
        found: list[tuple[str, str, str]] = []   # (a, b, rule)

        def members(lst: list[Occurrence]) -> list[str]:
            return [k for o in lst for k in self.keys(o)]

        # "antara X dan Y" after the trigger
        btw = None
        btw_gap = 0
        for k in range(te, min(s.n, te + 6)):
            if s.clause[k] != c:
                break
            m = self.lang.between.match(s.low, k)
            if m:
                first = next((o for o in after if o.start >= k + m[0]), None)
                if first is not None and first.start <= k + m[0] + 3:
                    btw = members(self.conj(s, first, backward=False))
                    btw_gap = k - te
                break
        subject: list[str] = []
        subj_rule = "subject-object"
        valid_before = [o for o in before if any(self.valid(rtype, 0, k) for k in self.keys(o))
                        and (not self._governed(s, o) or self._possessor(s, o, ts))
                        and not self._object_of_trigger(s, o)
                        and (not self._bare_comma(s, o.end, ts, c) or self._possessor(s, o, ts))]
        nominal = self._nominal_agent(s, rtype, te, after)
        k = ts - 1
        while k >= 0 and k >= ts - 3 and (s.low[k] in self.lang.determiners or s.low[k] in self.lang.stopwords) \
                and s.low[k] not in self.lang.topic_prepositions:
            k -= 1
        topic = symmetric and k >= 0 and s.low[k] in self.lang.topic_prepositions
        if topic:
            # "U.S. warns Solomon Islands over security pact with China": the pact is the
            # warning's topic; the warner is no party to it
            valid_before = []
        if nominal:
            subject, obj = [nominal[0]], nominal[1]
            subj_rule = "subject-object"
        elif valid_before:
            lst = self.conj(s, valid_before[-1], backward=True)
            subject = members(lst)
            if len(subject) > 1:
                subj_rule = "coordination"
        elif led := self._led_by(s, rtype, ts):
            subject = led
            subj_rule = "subject-object"
        elif rel := self._relative_head(s, rtype, ts, c):
            subject = rel
            subj_rule = "subject-object"
        elif symmetric and len(self.recent_people) >= 2 and any(
                s.low[k] in self.lang.plural_pronouns for k in range(max(0, ts - 3), ts) if s.clause[k] == c):
            # "their talks", "mereka bertemu": a pair named earlier in the sentence, else the last two
            # people the story spoke of
            pairs = [o for o in s.occ if o.kind == "pair" and o.end <= ts]
            subject = list(pairs[-1].keys) if pairs else self.recent_people[-2:]
            subj_rule = "pronoun"
        elif self._subjectless(s, c, ts) and ts != te:
            # "…, ia akan…", "Ia dijadwalkan menghadiri…", "…sebelum berkunjung ke Vietnam":
            # the subject is the sentence's (or the previous sentence's) leading actor
            lead = [o for o in s.occ if o.arg and o.end <= ts and s.clause_of(o) != c and o.kind in ("person", "actor")
                    and self._in_subject_position(s, o)]
            later = [o for o in s.occ if o.arg and o.start > ts and s.clause_of(o) != c and o.kind in ("person", "pair")
                     and self._in_subject_position(s, o)] if not any(s.clause[k] == c for k in range(ts)) else []
            # "Meeting Netanyahu in the Oval Office, Trump told reporters…": the main clause's subject
            # the whole coordination: "Putin dan Erdogan sepakat …, seusai pembicaraan di Sochi"
            lead = (members(self.conj(s, lead[0], backward=False)) if lead else members(later[:1])) or (
                [self.previous_lead] if self.previous_lead else [])
            # signing names its parties: "Nota itu diteken di Jakarta" says nothing of who signed
            if lead and self.valid(rtype, 0, lead[0]) and not persons_only:
                subject = lead
                subj_rule = "pronoun"
                # "Ia dijadwalkan menghadiri …, sebelum berkunjung ke Vietnam": the main clause's mood carries
                for k in range(0, ts):
                    m = self.lang.modality.match(s.low, k)
                    if m and m[1] in ("planned", "possible") and MODALITY_RANK[m[1]] > MODALITY_RANK[modality]:
                        modality = m[1]
        if topic and not nominal:
            subject = []
        if subject and btw and btw_gap > 1:
            btw = None      # "Keduanya membahas jalur komunikasi antara Washington dan Beijing": a topic
        obj = None if not nominal else obj
        for o in ([] if nominal else after):
            if any(self.valid(rtype, 1, k) for k in self.keys(o)):
                gap = s.low[te:o.start]
                if len(gap) <= 8 and not any(not t[0].isalnum() for t in gap) and (
                        rtype == "met-at" or not self._governed(s, o, venue_only=True)):
                    obj = o
                break

        if rtype == "met-at":
            t = self.venue(s, te, c) or (obj.keys[0] if obj and self.type_of(obj.keys[0]) in ("Event", "Place", "Country")
                                         else None)
            if not subject and obj is not None and self.type_of(obj.keys[0]) == "Person":
                # "KTT ke-43 ASEAN yang dibuka Presiden Joko Widodo": the event just before, the person after
                subject = members([obj])
                t = t if t and t != obj.keys[0] else None
                near = [o for o in s.occ if o.kind in ("event", "eventref") and o.end <= ts and ts - o.end <= 3]
                t = t or (near[-1].keys[0] if near else None)
            if t:
                d = date or self.res.entities[t].attrs.get("date")
                for a in subject:
                    self.emit(s, "met-at", a, t, modality, "venue", ts, d, conflict)
            return

        host = [a for a in subject if a not in (btw or ())] if btw and any(
            self.lang.host_words.match(s.low, k) for k in range(max(0, ts - 3), ts)) else []
        verb = rtype == "opposes" and (m := self.lang.reciprocal_verbs.match(s.low, ts)) and m[0] == te - ts
        noun = rtype == "opposes" and (m := self.lang.reciprocal_nouns.match(s.low, ts)) and m[0] == te - ts
        unowned = rtype == "opposes" and (m := self.lang.unowned_hostility.match(s.low, ts)) and m[0] == te - ts
        if unowned and not (btw and len(btw) >= 2) and not nominal:
            return      # "membahas pasokan pangan akibat perang": a war, but whose is not said here
        if (verb or noun) and btw and len(btw) >= 2 or verb and len(subject) >= 2 and obj is None:
            # "Armenia and Azerbaijan … fighting", "clashes between India and China": each against the other
            side = btw if btw and len(btw) >= 2 else subject
            found += [(a, b, "coordination") for a in side for b in side if a != b]
        elif symmetric and btw and len(btw) >= 2:
            found += [(btw[i], btw[j], "between") for i in range(len(btw)) for j in range(i + 1, len(btw))]
            # "Stoltenberg hosted talks between Erdogan and Kristersson": the host was at the table
            found += [(a, b, "between") for a in host for b in btw]
        elif symmetric and len(subject) >= 2 and not any(self.lang.distributive.match(s.low, k) for k in range(ts)):
            objects = [b for b in members(self.conj(s, obj, backward=False)) if b not in subject] if obj else []
            # "Trump dan Moon bertemu Kim": each with the object; met together, they met each
            # other too, but "Rusia dan Iran sekutu Assad" makes no alliance of the two.  People
            # meet people: "keduanya membahas … antara Washington dan Beijing" has no object.
            pairs = [(a, b, subj_rule) for a in subject for b in objects
                     if rtype == "ally-of" or (self.type_of(a) == "Person") == (self.type_of(b) == "Person")]
            found += pairs
            if not pairs or rtype == "met-with":
                found += [(subject[i], subject[j], subj_rule) for i in range(len(subject))
                          for j in range(i + 1, len(subject))]
        elif symmetric and not subject and obj is not None and ts != te and len(self.conj(s, obj, backward=False)) >= 2:
            # "Perundingan itu dipimpin X dan Y", "talks between the delegations of X and Y"
            lst = members(self.conj(s, obj, backward=False))
            found += [(lst[i], lst[j], "coordination") for i in range(len(lst)) for j in range(i + 1, len(lst))]
        elif subject and obj is not None:
            objects = members(self.conj(s, obj, backward=False))
            for a in subject:
                for b in objects:
                    found.append((a, b, subj_rule))
            if rtype == "opposes" and self._passive(s, te, obj):
                found = [(b, a, r) for a, b, r in found]
        if persons_only:
            found = [(a, b, r) for a, b, r in found if "Person" in (self.type_of(a), self.type_of(b))]
            if not found:
                return
        found = self._envoy_rule(s, rtype, found, envoy_only)
        for a, b, rule in found:
            self.emit(s, rtype, a, b, modality, rule, ts, date, conflict)

        # a comparison after the object: "…sekutu Suriah, seperti Rusia dan Iran"
        if symmetric and obj is not None:
            k = obj.end
            if k < s.n and s.low[k] == ",":
                k += 1
            m = self.lang.comparative.match(s.low, k) if k < s.n else None
            if m:
                first = next((o for o in s.occ if o.arg and o.start >= k + m[0]), None)
                if first is not None and first.start <= k + m[0] + 1:
                    for a in members(self.conj(s, first, backward=False)):
                        for b in self.keys(obj):
                            self.emit(s, rtype, a, b, "asserted", "comparison", ts)

        if rtype in ("met-with", "spoke-with"):
            parts = (host + btw if btw and len(btw) >= 2 else subject if len(subject) >= 2
                     else subject + (members(self.conj(s, obj, backward=False)) if obj else []))
            # with one party known, only a venue after the trigger: a fronted "In Washington,"
            # is often where someone spoke of a meeting ("In Washington, Kirby welcomed the call")
            t = self.venue(s, te, c) if len(set(parts)) >= 2 else self._venue_after(s, te, c)
            # a summit named as the trigger: whoever opens, attends or hosts it was there
            if t and parts:
                d = date or self.res.entities[t].attrs.get("date")
                for a in parts:
                    self.emit(s, "met-at", a, t, modality, "venue", ts, d, conflict)
                if rtype == "spoke-with":
                    # talks held at a place are an in-person meeting
                    for a, b, rule in found:
                        self.emit(s, "met-with", a, b, modality, rule, ts, date or d, conflict, place=t)
                self.out[:] = [replace(r, place=t, date=r.date or d) if r.type == "met-with"
                               and r.sentence == s.sm.sentence.index and r.place is None else r for r in self.out]

    def _envoy_rule(self, s: _Sentence, rtype: str, found: list, envoy_only: bool) -> list:
        """Rule `envoy`: hostility to a state through its envoy ("expelled the Israeli
        ambassador", "diplomats from France and Canada", "memanggil Duta Besar Korea Utara").
        Verbs hostile only to an envoy (summon, memanggil) keep those pairs alone."""
        if rtype != "opposes":
            return found
        heads = [o for o in s.occ if o.arg and (o.via == "envoy" or self._after_envoy_title(s, o.start))]
        envoys = {k for o in heads for x in self.conj(s, o, backward=False) for k in self.keys(x)}
        out = [(a, b, "envoy" if b in envoys else r) for a, b, r in found]
        return [x for x in out if x[2] == "envoy"] if envoy_only else out

    def _after_envoy_title(self, s: _Sentence, k: int) -> bool:
        """"diplomats from France": `k` follows an envoy title and a word that gives its state."""
        if k < 2 or s.low[k - 1] not in self.lang.envoy_of:
            return False
        return any((m := self.lang.envoy_titles.match(s.low, j)) and j + m[0] == k - 1 for j in range(max(0, k - 5), k - 1))

    def _governed(self, s: _Sentence, o: Occurrence, venue_only: bool = False) -> bool:
        """An actor right after a preposition ("di Moskow", "dengan Rusia", "di ibu kota Korea
        Utara") is not a subject; one after a place preposition is not an object either."""
        lang = self.lang
        if self._after_envoy_title(s, o.start):
            return False        # "diplomats from France": the envoys' state, not a place
        every = (lang.venue, lang.to_words, lang.from_words, lang.with_words, lang.against, lang.between,
                 lang.by_words)
        chosen = (lang.venue, lang.from_words) if venue_only else every

        def ends_at(indexes, k: int) -> bool:
            return any((m := ix.match(s.low, j)) and j + m[0] == k for ix in indexes for j in range(max(0, k - 4), k))

        k = o.start
        for _ in range(4):
            if k == 0:
                return False
            if ends_at(chosen, k):
                return True
            if ends_at(every, k):
                return False        # another kind of preposition governs it
            w = s.sm.tokens[k - 1]
            if not w.islower() or s.low[k - 1] == "," or lang.and_words.match(s.low, k - 1) \
                    or lang.triggers.match(s.low, k - 1):
                return False
            k -= 1
        return False

    def _stem(self, token: str) -> str:
        """"teleponnya" -> "telepon": Indonesian clitics attach to the word they follow."""
        for c in self.lang.clitics:
            if token.endswith(c) and len(token) > len(c) + 3:
                return token[: -len(c)]
        return token

    def _in_subject_position(self, s: _Sentence, o: Occurrence) -> bool:
        """At the start of the sentence, or after a comma, a quote or a date: where subjects stand."""
        k = o.start
        while k > 0 and (s.low[k - 1] in self.lang.definite or s.low[k - 1] in self.lang.determiners):
            k -= 1
        if k == 0 or s.low[k - 1] in (",", "“", '"', "(", "—", "–"):
            return True
        return any(d.end == k for d in s.dates)

    def _subjectless(self, s: _Sentence, c: int, ts: int) -> bool:
        """The trigger's clause has a pronoun subject, or none after a subordinator."""
        words = [k for k in range(ts) if s.clause[k] == c]
        if any(s.low[k] in self.lang.pronouns for k in words):
            return True
        start = words[0] if words else ts
        if words and start > 0 and len(words) <= 2 and s.low[start] in self.lang.subordinators and all(
                not o.arg or s.clause_of(o) != c for o in s.occ if o.end <= ts) and not any(
                s.sm.tokens[k][:1].isupper() for k in words[1:]):   # no name the finder missed
            return True     # "…, seusai pembicaraan di Sochi": the subordinator opens the clause itself
        return start > 0 and (s.low[start - 1] in self.lang.subordinators or
                              bool(self.lang.clause_breaks.match(s.low, start - 1)))

    def _object_of_trigger(self, s: _Sentence, o: Occurrence) -> bool:
        """"…will visit Moscow next week for talks": Moscow is what the visit goes to, no subject."""
        k = o.start
        while k > 0 and s.low[k - 1] in self.lang.determiners:
            k -= 1
        return any((m := self.lang.triggers.match(s.low, j)) and j + m[0] == k for j in range(max(0, k - 3), k))

    def _bare_comma(self, s: _Sentence, a: int, b: int, c: int) -> bool:
        """A comma of clause `c` itself between a and b (not one that opens or closes an aside)."""
        return any(s.low[k] == "," and s.clause[k - 1] == c and (k + 1 >= s.n or s.clause[k + 1] == c)
                   for k in range(max(a, 1), b))

    def _possessor(self, s: _Sentence, o: Occurrence, ts: int) -> bool:
        """"Russia's invasion of Ukraine": the possessor right before the trigger is its agent."""
        return o.end < ts and s.low[o.end] in self.lang.possessive and o.end + 1 == ts

    def _nominal_agent(self, s: _Sentence, rtype: str, te: int, after: list[Occurrence]):
        """"sanksi AS terhadap Rusia", "invasi Rusia ke Ukraina": trigger noun, agent, preposition, target."""
        if rtype != "opposes" or not after or after[0].start != te:
            return None
        agent = after[0]
        rest = [o for o in after[1:] if o.start - agent.end <= 2]
        if not rest:
            return None
        gap = s.low[agent.end:rest[0].start]
        if gap and (self.lang.against.match(gap, 0) or self.lang.to_words.match(gap, 0)):
            k = self.keys(agent)[0]
            if self.valid(rtype, 0, k):
                return k, rest[0]
        return None

    def _passive(self, s: _Sentence, te: int, obj: Occurrence) -> bool:
        """"sanctioned by the EU", "dikecam oleh PBB": the actor after the trigger is the agent."""
        gap = s.low[te:obj.start]
        return bool(gap) and bool(self.lang.by_words.match(gap, 0))

    def sentence(self, sm: SentenceMentions, occ: list[Occurrence]) -> None:
        if sm.credit:
            return
        if not any(o.arg for o in occ):
            self._no_actors(sm, occ)
        if not occ:
            return
        s = _Sentence(sm, occ, self.lang)
        self._sentence_lead = next((k for o in occ if o.arg and o.kind in ("person", "actor")
                                    and self._in_subject_position(s, o) for k in self.keys(o)), None)
        spans = [(o.start, o.end) for o in occ if o.kind != "name"]
        # a summit named in the sentence is itself a meeting: "Trump and Kim held a summit in Hanoi"
        for o in occ:
            if o.kind == "event" and o.arg:
                self.trigger(s, "met-with", o.start, o.start)
        stems = [self._stem(t) for t in s.low]
        i = 0
        while i < s.n:
            m = self.lang.triggers.match(s.low, i) or self.lang.triggers.match(stems, i)
            if m and not any(a < i + m[0] and b > i for a, b in spans):
                nxt = s.low[i + m[0]] if i + m[0] < s.n else ""
                blocked = nxt in self.lang.not_followed_by.get(" ".join(s.low[i:i + m[0]]), ())
                if not blocked:
                    self.trigger(s, m[1], i, i + m[0])
                i += m[0]
            else:
                i += 1
        people_first = [o.keys[0] for o in occ if o.arg and o.kind == "person"]
        self.previous_people = list(dict.fromkeys(people_first))
        for k in people_first:
            if k in self.recent_people:
                self.recent_people.remove(k)
            self.recent_people.append(k)
        self.previous_lead = people_first[0] if people_first else (self._sentence_lead or self.previous_lead)


    def _no_actors(self, sm: SentenceMentions, occ: list[Occurrence]) -> None:
        """A sentence that names nobody but speaks of "the call" or "pembicaraan itu": the
        talks of the two people the sentence before named ("Undangan itu disampaikan dalam
        percakapan telepon pada Rabu (27/4)")."""
        pair = self.previous_people
        if len(pair) != 2:
            return
        s = _Sentence(sm, occ, self.lang)
        if not any(t in self.lang.definite or t in self.lang.demonstratives_after for t in s.low):
            return
        i = 0
        while i < s.n:
            m = self.lang.triggers.match(s.low, i)
            if m and m[1] in ("spoke-with", "met-with"):
                ts, te = i, i + m[0]
                date, conflict = self.date(s, ts, te)
                self.emit(s, m[1], pair[0], pair[1], self.modality(s, 0, ts, te), "pronoun", ts, date, conflict)
                return
            i += m[0] if m else 1


    def colocate(self, sentences: list[SentenceMentions]) -> None:
        """Talks or a meeting told in the sentence that brings one party to a place: the other
        party was there too, and talks there were in person ("Xi arrived in Moscow for talks
        with Putin": Putin met at Moscow, and Xi met Putin).  Not for calls and video links."""
        remote = {sm.sentence.index for sm in sentences if any(t in self.lang.remote_words for t in sm.low)}
        have = {(r.type, r.source, r.target, r.modality) for r in self.out}
        added: list[Relation] = []
        for r in self.out:
            if r.type not in ("met-with", "spoke-with") or r.place or r.modality == "negated" or r.sentence in remote:
                continue
            for v in self.out:
                if (v.type != "met-at" or v.sentence != r.sentence or v.modality != r.modality
                        or v.source not in (r.source, r.target) or (r.date and v.date and r.date != v.date)):
                    continue
                other = r.target if v.source == r.source else r.source
                if self.type_of(other) != "Person" or not self.valid("met-at", 1, v.target) or (
                        self.type_of(v.target) == "Country" and self.state_of(other) == v.target):
                    continue
                conf = round(min(r.confidence, v.confidence) - 0.1, 2)
                if ("met-at", other, v.target, v.modality) not in have:
                    have.add(("met-at", other, v.target, v.modality))
                    added.append(replace(v, source=other, confidence=conf, rule="venue"))
                if r.type == "spoke-with" and ("met-with", r.source, r.target, r.modality) not in have:
                    have.add(("met-with", r.source, r.target, r.modality))
                    added.append(replace(r, type="met-with", place=v.target, confidence=conf))
        self.out.extend(added)


def carry_dates(relations: list[Relation], story: dict[int, list[str]] | None = None,
                window: int = 2) -> list[Relation]:
    """A relation with no date of its own takes the date of a relation between the same two
    actors told just before ("…bertemu di Nusa Dua, Senin (14/11). Kedua pemimpin berbicara…")."""
    dated = [r for r in relations if r.date and r.type != "holds-role"]
    out = []
    for r in relations:
        if r.date is None and r.type in ("spoke-with", "met-with", "met-at", "opposes"):
            pair = {r.source, r.target}
            prior = [d for d in dated if 0 < r.sentence - d.sentence <= window and {d.source, d.target} == pair
                     and d.modality == r.modality]
            if prior:
                r = replace(r, date=prior[-1].date, confidence=round(r.confidence - 0.1, 2))
            elif story and r.modality == "asserted":
                # the story's current day: the first full date of the nearest sentence before that
                # has one, else the day of the lead (news tells the day's events without repeating it)
                recent = [next(d for d in story[k] if len(d) == 10)
                          for k in range(r.sentence - 1, r.sentence - window - 1, -1)
                          if any(len(d) == 10 for d in story.get(k, []))]
                lead = next((d for k in sorted(story) for d in story[k] if len(d) == 10), None)
                if recent or lead:
                    r = replace(r, date=recent[0] if recent else lead, confidence=round(r.confidence - 0.15, 2))
        out.append(r)
    return out


def merge(relations: list[Relation]) -> list[Relation]:
    """One relation per (type, endpoints, role, modality, date): the most confident evidence
    wins.  Two calls on different days stay two relations; one told without a date joins the
    dated one."""
    groups: dict[tuple, list[Relation]] = {}
    for r in relations:
        groups.setdefault(r.identity, []).append(r)
    out = []
    for rels in groups.values():
        by_date: dict[str | None, Relation] = {}
        for r in rels:
            cur = by_date.get(r.date)
            if cur is None:
                by_date[r.date] = r
            else:
                win = r if r.confidence > cur.confidence else cur
                by_date[r.date] = replace(win, place=win.place or cur.place or r.place,
                                          confidence=round(min(0.99, max(r.confidence, cur.confidence) + 0.05), 2))
        undated = by_date.pop(None, None)
        if undated is not None and by_date:
            first = next(iter(by_date))
            by_date[first] = replace(by_date[first], confidence=round(min(0.99, max(
                undated.confidence, by_date[first].confidence) + 0.05), 2))
        elif undated is not None:
            by_date[None] = undated
        out.extend(by_date.values())
    return out


def known_roles(res: Resolution, kb: KnowledgeBase, published) -> None:
    """A person of the knowledge base named without a title ("Obama said …") holds an
    office on the publication day: a fact the knowledge base knows, not one the article
    states.  It describes the actor (entity attribute `known_roles`, provenance the
    knowledge base) and is never a relation with an unrelated sentence as its evidence."""
    titled = {b.person for b in res.roles}
    for key, b in res.entities.items():
        if b.type != "Person" or key in titled or key not in kb or published is None:
            continue
        held = kb.roles_on(key, published)[:1]
        if held:
            b.attrs["known_roles"] = tuple((role, of) for role, of in held)


def extract(sentences: list[SentenceMentions], res: Resolution, lang: Language, kb: KnowledgeBase,
            published=None) -> list[Relation]:
    ex = Extractor(lang, kb, res, published)
    for sm, occ in zip(sentences, res.occurrences):
        ex.sentence(sm, occ)
    ex.colocate(sentences)
    texts = {sm.sentence.index: sm.sentence.text for sm in sentences}
    for b in res.roles:
        ex.out.append(Relation("holds-role", b.person, b.of, "asserted", None, None, b.role,
                               texts.get(b.sentence, ""), b.sentence, b.confidence, b.rule, b.title))
    known_roles(res, kb, published)
    story = {sm.sentence.index: [sp.value.value for sp in sm.spans if sp.kind == "date"] for sm in sentences}
    return merge(carry_dates(ex.out, story))
