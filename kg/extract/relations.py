"""Relations stage: entities in sentences -> typed, qualified relations.

Each trigger word ("bertemu", "expelled", "percakapan telepon") gives a relation type; the
named rules of `kg.extract.rules` then read the sentence's analysis (`kg.extract.clauses`)
to find who took part: first the subject (`subjects`), then how the participants pair up
(`pairs`), then where a meeting took place (`venues`); rules beyond one trigger (`discourse`)
read the story around the sentence.  Every edge carries the name of the rule that made it.
Modality comes from cue words before the trigger in its clause, the date from a date
expression in the clause (or the venue's date), the place from the venue of a meeting.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from kg.extract import rules
from kg.extract.clauses import Analysis
from kg.extract.entities import HEAD_ROLES, Occurrence, Resolution
from kg.extract.kb import KnowledgeBase
from kg.extract.lang import Language
from kg.extract.mentions import SentenceMentions
from kg.extract.rules import Trigger, discourse, pairs, subjects, venues
from kg.model import Relation

ACTORS = ("Person", "Country", "Organization", "Group")
ARG_TYPES = {
    "ally-of": (ACTORS, ACTORS),
    # a group may be the subject of talks ("ASEAN foreign ministers met in Jakarta": they met
    # there); in a pair `emit` puts its organisation ("met ASEAN foreign ministers": ASEAN) or drops it
    "spoke-with": (ACTORS, ACTORS),
    "met-with": (ACTORS, ACTORS),
    "opposes": (ACTORS, ACTORS),
    "met-at": (("Person", "Organization", "Group"), ("Event", "Place", "Country")),
}
# marks that stand inside a quoted name, not between clauses: 'pertemuan "2+2" dengan Teodoro'
_IN_NAME = frozenset({"-", '"', "“", "”", "'", "‘", "’", "+", "/", "&"})
NARROWING = {"met-with-persons": "met-with", "opposes-envoy": "opposes"}


class Extractor:
    """The story so far (who was named, who leads) and the edges found; rules call `emit`."""

    def __init__(self, lang: Language, kb: KnowledgeBase, res: Resolution, pub=None):
        self.lang, self.kb, self.res, self.pub = lang, kb, res, pub
        self.previous_lead: str | None = None
        self.recent_people: list[str] = []
        self.previous_people: list[str] = []      # the people the last sentence with actors named
        self.previous_analysis: Analysis | None = None  # the last sentence with actors
        self.out: list[Relation] = []
        self._last: tuple | None = None     # the last trigger read: (sentence, start, subject, object, rule)
        # places of meetings told with no participant ("The meeting took place at the palace"):
        # (sentence, place, modality, date, trigger sentence, trigger start)
        self.orphan_venues: list[tuple] = []

    # -- what an entity is -----------------------------------------------------------------
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

    def stands_for(self, a: str, b: str) -> bool:
        """One names the other: "the Kremlin" for Russia, "Istana Merdeka" for Indonesia."""
        ma, mb = self.kb.actors.get(a), self.kb.actors.get(b)
        return bool(ma and ma.metonym_for == b or mb and mb.metonym_for == a)

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

    def _own_state(self, a: str, b: str) -> bool:
        """One is a person holding an office of the other, a country: "Duta Besar Inggris
        Laurie Bristow" is no adversary of the United Kingdom, nor the US of its president."""
        ta, tb = self.type_of(a), self.type_of(b)
        return (ta == "Person" and tb == "Country" and self.state_of(a) == b) or (
            tb == "Person" and ta == "Country" and self.state_of(b) == a)

    def _body(self, key: str) -> str | None:
        """A group stands for its organisation in a pair (the knowledge base's `body`), or for
        no one; any other actor for itself."""
        if self.type_of(key) != "Group":
            return key
        actor = self.kb.actors.get(key)
        if actor is None or not actor.body:
            return None
        self.res.ensure(actor.body, self.kb)
        return actor.body

    # -- edges ---------------------------------------------------------------------------
    def emit(self, s: Analysis, rtype: str, a: str, b: str, modality: str, rule: str,
             ts: int, date=None, conflict=False, place=None, conf_delta: float = 0.0) -> None:
        if rtype == "ally-of":
            # leaders and ministers who sign an alliance bind their states; an alliance of two
            # people nobody says whom they serve is no alliance
            a = self.state_of(a) if self.type_of(a) == "Person" else a
            b = self.state_of(b) if self.type_of(b) == "Person" else b
            if a is None or b is None:
                return
        if a == b or not self.valid(rtype, 0, a) or not self.valid(rtype, 1, b) or self.stands_for(a, b):
            return
        if rtype in ("met-with", "spoke-with") and "Group" in (self.type_of(a), self.type_of(b)):
            a, b = self._body(a), self._body(b)     # "Wang Yi met ASEAN foreign ministers": ASEAN
            if a is None or b is None or a == b:
                return
        if rtype in ("met-with", "spoke-with") and (self.type_of(a) == "Person") != (self.type_of(b) == "Person") \
                and rule != "summons":      # an envoy summoned meets the summoning state's officials
            # a person meets people; countries and organisations meet each other: a person who
            # talks with a state ("Retno berkomunikasi dengan menteri luar negeri Arab Saudi,
            # Yordania …") speaks for their own state
            if rtype != "spoke-with":
                return
            a, b = (self.state_of(a), b) if self.type_of(a) == "Person" else (a, self.state_of(b))
            if a is None or b is None or self.type_of(a if self.type_of(b) == "Country" else b) != "Country" or a == b:
                return
        if rtype == "met-at" and self.type_of(b) == "Country" and self.type_of(a) == "Person" \
                and self.state_of(a) == b:
            return      # being in one's own country is no meeting place
        if rtype == "opposes" and self._own_state(a, b):
            return      # an office holder and the state they serve are no adversaries
        conf = rules.confidence(rule) + conf_delta - (0.2 if conflict else 0.0)
        self.out.append(Relation(rtype, a, b, modality, date, place, None, s.sm.sentence.text,
                                 s.sm.sentence.index, round(max(0.05, min(conf, 0.99)), 2), rule,
                                 self._trigger_text(s, ts)))

    def _trigger_text(self, s: Analysis, ts: int) -> str:
        """The words that signalled the relation: the trigger at `ts`, or the summit named there."""
        m = s.match(self.lang.triggers, ts)
        if not m:
            m = next(((o.end - o.start, None) for o in s.occ if o.start == ts and o.kind == "event"), None)
        if not m:
            return ""
        toks, sent = s.sm.sentence.tokens, s.sm.sentence
        return sent.text[toks[ts].start - sent.start: toks[ts + m[0] - 1].end - sent.start]

    # -- one trigger ---------------------------------------------------------------------
    def trigger(self, s: Analysis, kind: str, ts: int, te: int) -> None:
        """Run the rules on one trigger of `kind` (a relation type or a narrowing of one)."""
        if kind != "opposes-envoy" and self._told_to_leave(s, ts, te):
            kind = "opposes-envoy"
        t = Trigger(self, s, NARROWING.get(kind, kind), ts, te, persons_only=kind == "met-with-persons",
                    envoy_only=kind == "opposes-envoy")
        if t.rtype == "ally-of" and (pair := pairs.ally_apposition(t)):
            self.emit(s, t.rtype, pair[0], pair[1], s.modality(ts), "ally-apposition", ts, *s.date(ts, te))
            return
        if t.rtype == "ally-of" and (found := pairs.allies_of(t)):
            for a, b, name in found:
                self.emit(s, t.rtype, a, b, s.modality(ts), name, ts, *s.date(ts, te))
            return
        self._context(t)
        pairs.between_list(t)
        self._subject(t)
        subjects.shared_object(t, self._last)
        self._last = (s.sm.sentence.index, t.ts, t.subject, t.obj, t.subj_rule)
        if t.rtype == "met-at":
            venues.visit(t)
            return
        t.host = [a for a in t.subject if a not in t.btw] if t.btw and any(
            s.match(self.lang.host_words, k) for k in range(max(0, ts - 3), ts)) else []
        found = next((f for f in (r(t) for r in pairs.PAIR_RULES) if f is not None), [])
        if found == pairs.STOP:
            return
        found = pairs.narrow(t, found)
        if t.persons_only and not found:
            return
        for a, b, name in found:
            self.emit(s, t.rtype, a, b, t.modality, name, ts, t.date, t.conflict)
        if t.envoy_only and " ".join(s.low[ts:te]) in self.lang.summons:
            pairs.summons(t, found)
        pairs.comparison(t)
        venues.meeting(t, found)

    def _told_to_leave(self, s: Analysis, ts: int, te: int) -> bool:
        """A verb that can also expel ("told", "asked", "meminta"), with an envoy and then "to
        leave" after it: "Turkey told Israel's ambassador to leave" is an expulsion (rule
        `envoy`), not a conversation."""
        if " ".join(s.low[ts:te]) not in self.lang.envoy_verbs:
            return False
        envoy = next((o for o in s.args if te <= o.start <= te + 4 and (o.via == "envoy" or s.after_envoy_title(o.start))), None)
        return envoy is not None and any(s.match(self.lang.leave_words, k) for k in range(envoy.end, min(s.n, envoy.end + 4)))

    def _context(self, t: Trigger) -> None:
        """The trigger's clause, the actors before and after it, its modality and date, and
        whether it is a topic ("warns … over security pact with China")."""
        s, lang = t.s, self.lang
        t.c = s.clause[t.ts]
        t.args = [o for o in s.args if s.clause_of(o) == t.c and o.kind not in ("event", "eventref")
                  and not (o.start < t.te and o.end > t.ts)]
        t.before = [o for o in t.args if o.end <= t.ts]
        t.after = [o for o in t.args if o.start >= t.te]
        t.modality = s.modality(t.ts)
        t.date, t.conflict = s.date(t.ts, t.te)
        k = t.ts - 1
        while k >= 0 and k >= t.ts - 3 and (s.low[k] in lang.determiners or s.low[k] in lang.stopwords) \
                and s.low[k] not in lang.topic_prepositions:
            k -= 1
        t.topic = t.symmetric and k >= 0 and s.low[k] in lang.topic_prepositions

    def _subject(self, t: Trigger) -> None:
        """The first subject rule that finds someone; then the clause's object."""
        for r in rules.RULES["subjects"]:
            if r.fn(t):
                break
        if t.topic and not t.nominal:
            t.subject = []
        if t.subject and t.btw and t.btw_gap > 1 and not t.persons_only:
            t.btw = None    # "Keduanya membahas jalur komunikasi antara Washington dan Beijing": a topic (but "the signing of an MoU between X and Y": the signers)
        s = t.s
        t.possessed = t.rtype == "opposes" and any(s.possessor(o, t.ts) for o in t.before[-1:])
        if t.nominal:
            return
        # "Russia's war in Ukraine", "invasi Rusia di Ukraina": a possessed hostility happens in its target
        possessed = t.possessed
        # "the two delegations discussed Syria", "membahas Ukraina": what is discussed is a
        # topic; the counterpart of a discussion comes with "with" / "dengan"
        topic_verb = " ".join(s.low[t.ts:t.te]) in self.lang.topic_verbs
        past_venue = False
        # "rejected an offer from Afghanistan", "refused to meet King Abdullah": what is rejected
        # is a proposal, often of a friendly act, and its author the object
        rejecting = " ".join(s.low[t.ts:t.te]) in self.lang.rejecting
        # "halted economic aid to Serbia": what a cessation stops is friendly; halting an offensive is no hostility
        cessation = " ".join(s.low[t.ts:t.te]) in self.lang.cessation
        for o in (t.after if t.obj is None else ()):
            if (topic_verb or past_venue) and "with" not in s.prepositions_ending_at(o.start):
                if past_venue:
                    break
                continue
            if t.symmetric and any(w in self.lang.topic_prepositions for w in s.low[t.te:o.start]):
                break       # "a frank dialogue despite strained relations over Ukraine": a topic
            if any(self.valid(t.rtype, 1, k) for k in self.keys(o)):
                gap = s.low[t.te:o.start]
                # words only (a hyphen joins "kapal-kapal", "pro-Russian"), no punctuation, and
                # no relation word of the other polarity: "Pakta Keamanan untuk Melawan China" —
                # China is what the pact is against, not a party to it
                venue = not (t.rtype == "met-at" or possessed) and (
                    s.governed(o, venue_only=True, sender=t.rtype == "spoke-with" or rejecting)
                    or t.symmetric and venues.seat_after_place_word(t, o))      # "di Istana Kremlin"
                if len(gap) <= 8 and all(w[0].isalnum() or w in _IN_NAME for w in gap) and (
                        not self._polarity_break(s, t.rtype, t.te, o.start, cessation or rejecting)) and not venue:
                    t.obj = o
                elif venue and t.symmetric and self.type_of(self.keys(o)[0]) in ("Place", "Country", "Event", "Organization"):
                    past_venue = True   # "pembicaraan di Istana Kremlin dengan Prabowo": the venue, then "with" the party
                    continue
                break

    def _polarity_break(self, s: Analysis, rtype: str, a: int, b: int, inverted: bool = False) -> bool:
        """Tokens a..b hold a relation word of the other polarity (hostile against friendly), or,
        `inverted` (after a cessation or a rejection: "halted aid to", "rejected an offer to meet"),
        of the same polarity ("the veto drew criticism from China": China is the critic's)."""
        for k in range(a, b):
            m = s.match(self.lang.triggers, k)
            if m and ((NARROWING.get(m[1], m[1]) == "opposes") != (rtype == "opposes")) != inverted:
                return True
        return False

    # -- one sentence --------------------------------------------------------------------
    def sentence(self, sm: SentenceMentions, occ: list[Occurrence]) -> None:
        if sm.credit:
            return
        s = Analysis(sm, occ, self.lang)
        if not s.args:
            discourse.continuation(self, s)
        if not occ:
            return
        lead = next((k for o in occ if o.arg and o.kind in ("person", "actor")
                     and s.in_subject_position(o) for k in self.keys(o)), None)
        discourse.summits(self, s)
        discourse.joint_act(self, s)
        discourse.ally_list(self, s)
        self._triggers(s)
        discourse.joining(self, s)
        discourse.accompanied(self, s)
        discourse.present(self, s)
        people_first = [o.keys[0] for o in occ if o.arg and o.kind == "person"]
        self.previous_people = list(dict.fromkeys(people_first))
        self.previous_analysis = s        # "Di antaranya adalah Oman, UEA, Yordania dan Qatar. Mereka …"
        for k in people_first:
            if k in self.recent_people:
                self.recent_people.remove(k)
            self.recent_people.append(k)
        self.previous_lead = people_first[0] if people_first else (lead or self.previous_lead)

    def _triggers(self, s: Analysis) -> None:
        """Every trigger word of the sentence not inside a name nor at the end of a hyphenated
        word ("long-threatened", "anti-perang"), left to right."""
        spans = [(o.start, o.end) for o in s.occ if o.kind != "name"]
        index, low, clitics = self.lang.triggers, s.low, self.lang.clitics
        # "teleponnya": the clitic-free forms, made only where a word carries a clitic
        stems = [self.lang.stem(w) for w in low] if clitics and any(w.endswith(clitics) for w in low) else None
        i = 0
        while i < s.n:
            m = index.match(low, i) or (stems is not None and index.match(stems, i))
            if m and not any(a < i + m[0] and b > i for a, b in spans) and not s.compound_tail(i):
                nxt = s.low[i + m[0]] if i + m[0] < s.n else ""
                if nxt not in self.lang.not_followed_by.get(" ".join(s.low[i:i + m[0]]), ()):
                    self.trigger(s, m[1], i, i + m[0])
                i += m[0]
            else:
                i += 1


def _near(day: str, lead: str | None, days: int = 7) -> bool:
    """`day` is no more than `days` before the lead's day (or there is no lead)."""
    if lead is None:
        return True
    try:
        return (date.fromisoformat(lead) - date.fromisoformat(day)).days <= days
    except ValueError:
        return True


def carry_dates(relations: list[Relation], story: dict[int, list[str]] | None = None,
                window: int = 2) -> list[Relation]:
    """A relation with no date of its own takes the date of a relation between the same two
    actors told just before ("…bertemu di Nusa Dua, Senin (14/11). Kedua pemimpin berbicara…")."""
    dated: dict[int, list[tuple[int, Relation]]] = {}     # by sentence: linear, not n²
    for pos, r in enumerate(relations):
        if r.date and r.type != "holds-role":
            dated.setdefault(r.sentence, []).append((pos, r))
    lead = next((d for k in sorted(story) for d in story[k] if len(d) == 10), None) if story else None
    # the same relation dated later in the story: a headline or a lead tells it before the
    # sentence that gives its day ("Menlu Retno Telepon Menlu Iran" … "pada Senin (15/04/2024)")
    later: dict[tuple, tuple[int, str]] = {}
    for r in relations:
        if r.date and r.type != "holds-role":
            key = (r.type, frozenset((r.source, r.target)), r.modality)
            if key not in later or r.sentence < later[key][0]:
                later[key] = (r.sentence, r.date)
    out = []
    for r in relations:
        if r.date is None and r.type in ("spoke-with", "met-with", "met-at", "opposes"):
            pair = {r.source, r.target}
            prior = [(pos, d) for k in range(r.sentence - window, r.sentence) for pos, d in dated.get(k, ())
                     if {d.source, d.target} == pair and d.modality == r.modality]
            twin = later.get((r.type, frozenset(pair), r.modality))
            if prior:
                r = replace(r, date=max(prior, key=lambda p: p[0])[1].date, confidence=round(r.confidence - 0.1, 2))
            elif twin and twin[0] > r.sentence:
                r = replace(r, date=twin[1], confidence=round(r.confidence - 0.1, 2))
            elif story and r.modality == "asserted":
                # the story's current day: the first full date of the nearest sentence before that
                # has one, else the day of the lead (news tells the day's events without repeating
                # it); a day more than a week before the lead is background ("rallies on Jan. 23")
                recent = [d for k in range(r.sentence - 1, r.sentence - window - 1, -1)
                          for d in story.get(k, [])[:1] if len(d) == 10 and _near(d, lead)]
                if recent or lead:
                    r = replace(r, date=recent[0] if recent else lead, confidence=round(r.confidence - 0.15, 2))
        out.append(r)
    return out


def fold_programme(relations: list[Relation]) -> list[Relation]:
    """A meeting the story reports as held, then as on the day's programme ("… menerima Li
    Qiang di Istana Merdeka, Jumat (8/9). Keduanya dijadwalkan melakukan pertemuan bilateral"):
    one meeting, told as held.  An undated planned or possible meeting or call of a pair that
    the story says met (asserted, dated) is that meeting; a dated plan stays a plan."""
    held = {(r.type,) + tuple(sorted((r.source, r.target))) for r in relations
            if r.type in ("met-with", "spoke-with", "met-at") and r.modality == "asserted" and r.date}
    folded = {r.sentence for r in relations if r.type in ("met-with", "spoke-with") and _programme(r, held)}
    # the venue of a folded meeting is the held meeting's too ("… bakal melakukan pertemuan
    # bilateral di Ruang Oval Istana Merdeka"): of anyone who met somewhere that day
    met_at = {r.source for r in relations if r.type == "met-at" and r.modality == "asserted" and r.date}
    return [r for r in relations if not (_programme(r, held) or (
        r.type == "met-at" and r.sentence in folded and r.source in met_at
        and r.modality in ("planned", "possible") and r.date is None))]


def _programme(r: Relation, held: set) -> bool:
    """An undated plan of a pair the story says met (asserted, dated)."""
    return r.modality in ("planned", "possible") and r.date is None and (
        (r.type,) + tuple(sorted((r.source, r.target)))) in held


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
    remote = {sm.sentence.index for sm in sentences if any(t in lang.remote_words for t in sm.low)}
    discourse.colocation(ex, remote)
    discourse.carried_venue(ex, remote)
    discourse.host_venue(ex, remote)
    wanted = {b.sentence for b in res.roles}        # not a dict of every sentence: memory
    texts = {sm.sentence.index: sm.sentence.text for sm in sentences if sm.sentence.index in wanted}
    for b in res.roles:
        ex.out.append(Relation("holds-role", b.person, b.of, b.modality, None, None, b.role,
                               texts.get(b.sentence, ""), b.sentence, b.confidence, b.rule, b.title))
    known_roles(res, kb, published)
    story = {sm.sentence.index: dated for sm in sentences      # only sentences with a date: the same answers
             if (dated := [sp.value.value for sp in sm.spans if sp.kind == "date"])}
    return merge(fold_programme(carry_dates(ex.out, story)))
