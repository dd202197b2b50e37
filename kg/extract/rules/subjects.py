"""Subject rules: who acts in a trigger's clause.  Tried in this order; the first that
finds someone wins.  Each sets `t.subject` (entity keys) and `t.subj_rule` (the `rule` of
the edges it leads to)."""
from __future__ import annotations

from kg.extract.clauses import MODALITY_RANK
from kg.extract.rules import Trigger, rule


@rule("subjects", "nominal-agent", 0.75)
def nominal_agent(t: Trigger) -> bool:
    """A hostile, visit or (Indonesian) meeting noun, then its agent, a preposition and its
    target: "sanksi AS terhadap Rusia", "invasi Rusia ke Ukraina", "kunjungan Presiden Obama
    ke Indonesia", "pertemuan Presiden SBY dengan Presiden Xi Jinping".
    English puts the agent first ("Russia's invasion of Ukraine", "Obama's visit to
    Indonesia"), where `subject-object` reads it."""
    ex, s = t.ex, t.s
    visit = t.rtype == "met-at" and " ".join(s.low[t.ts:t.te]) in ex.lang.visit_nouns
    talks = t.rtype in ("met-with", "spoke-with") and not ex.lang.affiliation_before_title
    if not (t.rtype == "opposes" or visit or talks) or not t.after or t.after[0].start != t.te:
        return False
    agent = t.after[0]
    # "pertemuan Presiden Susilo Bambang Yudhoyono (SBY) dengan …": a bracketed repeat is the agent
    end = max([agent.end] + [o.end for o in t.after[1:3] if o.keys == agent.keys and o.start - agent.end <= 2])
    while end < s.n and s.low[end] in (")", "]"):
        end += 1
    agent_end = end
    rest = [o for o in t.after[1:] if o.start >= end and o.start - end <= 2 and o.keys != agent.keys]
    if not rest:
        return False
    gap = s.low[agent_end:rest[0].start]
    links = (ex.lang.with_words,) if talks else (ex.lang.against, ex.lang.to_words)
    if gap and any(ix.match(gap, 0) for ix in links):
        k = ex.keys(agent)[0]
        if ex.valid(t.rtype, 0, k):
            t.nominal = (k, rest[0])
            t.subject, t.obj, t.subj_rule = [k], rest[0], "nominal-agent"
            if visit:
                t.modality = _predicate_mood(t, rest[0].end)
            return True
    return False


def _predicate_mood(t: Trigger, k: int) -> str:
    """A noun phrase's mood is its predicate's, after it: "Kunjungan Obama ke Indonesia
    dijadwalkan pada November", "Obama's visit … is planned" (planned), "… batal" (negated)."""
    s, best = t.s, t.modality
    while k < s.n and s.clause[k] == t.c:
        m = s.modality_cue(k)
        if m and MODALITY_RANK[m[1]] > MODALITY_RANK[best]:
            best = m[1]
        k += m[0] if m else 1
    return best


@rule("subjects", "complement", 0.75)
def complement(t: Trigger) -> bool:
    """A trigger that follows its object: "Ecuador declared Mexico's ambassador, Raquel Serur,
    persona non grata", "Malaysia menyatakan Duta Besar Korea Utara sebagai persona non
    grata": the actor right before is the object, the subject stands before it."""
    ex, s = t.ex, t.s
    before = [o for o in s.args if o.end <= t.ts and o.kind not in ("event", "eventref")]
    if " ".join(s.low[t.ts:t.te]) not in ex.lang.complement_triggers or len(before) < 2:
        return False
    obj = before[-1]    # "menyatakan … sebagai persona non grata": across the verb of declaring
    subj = [o for o in before[:-1] if o.end <= obj.start and obj.start - o.end <= 12 and not s.governed(o)
            and not (set(o.keys) & set(obj.keys)) and any(ex.valid(t.rtype, 0, k) for k in ex.keys(o))]
    if not subj:
        return False
    # the object's own affiliation ("Mexico's ambassador") is no subject
    subj = [o for o in subj if not (o.end <= obj.start and obj.start - o.end <= 3 and s.low[o.end] in ex.lang.possessive)]
    if not subj:
        return False
    t.subject, t.obj, t.subj_rule = t.members(s.conj(subj[-1], backward=True)), obj, "complement"
    return True


@rule("subjects", "subject-object", 0.75)
def clause_subject(t: Trigger) -> bool:
    """The nearest actor before the trigger in its clause, with the list it ends: "Rusia
    mengusir diplomat Polandia", "Japan and South Korea condemned the launch" (then the
    rule is `coordination`).  Not an actor governed by a preposition ("di Moskow"), the
    goal of an earlier trigger, or one cut off by a comma of the clause itself, unless it
    is the possessor of the trigger ("Russia's invasion")."""
    ex, s = t.ex, t.s
    if t.topic:
        return False
    actors = [o for o in t.before if any(ex.valid(t.rtype, 0, k) for k in ex.keys(o))]
    nearest = next((o for o in reversed(actors) if _may_be_subject(t, o)), None)
    if nearest is None:
        return False
    t.subject = t.members(s.conj(nearest, backward=True))
    t.subj_rule = "coordination" if len(t.subject) > 1 else "subject-object"
    return True


def _may_be_subject(t: Trigger, o) -> bool:
    """The actor `o` before the trigger is no name of the meeting, no envoy after an earlier
    trigger, not governed by a preposition, not the goal of a trigger and not cut off by a
    comma of the clause (unless it is the trigger's possessor)."""
    ex, s = t.ex, t.s
    return (not _names_the_meeting(t, o)
            and not (o.via == "envoy" and any(s.match(ex.lang.triggers, k) for k in range(o.start)))
            and (not s.governed(o) or s.possessor(o, t.ts))
            and (not s.object_of_trigger(o) or t.rtype == "opposes" and s.possessor(o, t.ts))   # "condemned Israel's attack on Iran"
            and (not s.bare_comma(o.end + (o.end in s.apposition_commas), t.ts, t.c) or s.possessor(o, t.ts)))


def _after_by(t: Trigger, o) -> bool:
    """`o` is a passive's agent: "taken by the British Foreign Office", "ditempuh oleh …"."""
    s, lang = t.s, t.ex.lang
    k = o.start
    while k > 0 and s.low[k - 1] in lang.determiners:
        k -= 1
    return "by" in s.prepositions_ending_at(k)


def _names_the_meeting(t: Trigger, o) -> bool:
    """"the informal BRICS meeting", "G20 talks": an organisation right before a meeting
    noun (`_meeting_nouns`) names the meeting; it is no participant."""
    s, ex = t.s, t.ex
    if t.rtype not in ("met-with", "met-at", "spoke-with") or ex.type_of(ex.keys(o)[0]) != "Organization":
        return False
    return o.end == t.ts and " ".join(s.low[t.ts:t.te]) in ex.lang.meeting_nouns


@rule("subjects", "led-by", 0.75)
def led_by(t: Trigger) -> bool:
    """The people leading a group that names no actor stand for it: "The delegation, led by
    Campbell and Kritenbrink, held talks with Sogavare", "Delegasi yang dipimpin Retno
    bertemu …"."""
    ex, s = t.ex, t.s
    for k in range(t.ts):
        m = s.match(ex.lang.led_by, k)
        if not m:
            continue
        if any(o.arg and o.end <= k for o in s.occ):
            return False            # an actor before it is the subject
        first = next((o for o in s.occ if o.arg and k + m[0] <= o.start < t.ts), None)
        if first is None or first.start > k + m[0] + 4:
            return False
        people = [key for o in s.conj(first, backward=False) for key in ex.keys(o)
                  if ex.valid(t.rtype, 0, key) and ex.type_of(key) == "Person"]
        if people:
            t.subject, t.subj_rule = people, "led-by"
        return bool(people)
    return False


@rule("subjects", "relative-head", 0.75)
def relative_head(t: Trigger) -> bool:
    """The actor before ", who" / ", yang" is the subject of the aside: "Kerry, who spent the
    final round in talks with Zarif, …", "Retno, yang bertemu Wang Yi, …", and before "yang"
    with no comma ("Brasil dan Belanda yang menarik duta besar mereka dari Jakarta")."""
    ex, s = t.ex, t.s
    start = next((k for k in range(t.ts) if s.clause[k] == t.c), t.ts)
    if start >= 2 and s.low[start] in ex.lang.relative and s.low[start - 1] == ",":
        end = start - 1
    elif start >= 1 and s.low[start - 1] in ex.lang.relative:
        end = start - 1     # "… mengikuti Brasil dan Belanda yang menarik duta besar mereka": no comma
    else:
        return False
    head = next((o for o in s.occ if o.arg and o.end == end and o.kind in ("person", "actor")), None)
    if head is None:
        return False
    listed = s.conj(head, backward=True)
    if s.low[end] != "," and not _heads_its_phrase(t, listed[0].start):
        return False    # "menteri pertama di kabinet Presiden Donald Trump yang mengunjungi …": the minister's
    keys = [k for o in listed for k in ex.keys(o) if ex.valid(t.rtype, 0, k)]
    if keys:
        t.subject, t.subj_rule = keys, "relative-head"
    return bool(keys)


def _heads_its_phrase(t: Trigger, k: int) -> bool:
    """The actor starting at `k` is a phrase of its own, not the end of a longer noun phrase:
    it opens the sentence or follows a comma or a verb ("mengikuti Brasil dan Belanda yang …"),
    not a noun ("kabinet Presiden Donald Trump yang …")."""
    s = t.s
    return k == 0 or s.low[k - 1] in (",", ";", ":") or t.ex.lang.looks_like_verb(s.low[k - 1])


@rule("subjects", "pronoun", 0.6)
def plural_pronoun(t: Trigger) -> bool:
    """"Their talks", "mereka bertemu": a pair named earlier in the sentence, else the last
    two people the story spoke of."""
    ex, s = t.ex, t.s
    if not t.symmetric or len(ex.recent_people) < 2 or not any(
            s.low[k] in ex.lang.plural_pronouns for k in range(max(0, t.ts - 3), t.ts) if s.clause[k] == t.c):
        return False
    pairs = [o for o in s.occ if o.kind == "pair" and o.end <= t.ts]
    t.subject = list(pairs[-1].keys) if pairs else ex.recent_people[-2:]
    t.subj_rule = "pronoun"
    return True


@rule("subjects", "pronoun-list", 0.55)
def pronoun_list(t: Trigger) -> bool:
    """A sentence opened by "they" / "mereka" after one that lists states: each of them acts.
    "Di antaranya adalah Oman, UEA, Yordania, dan Qatar. Mereka … mengutuk tindakan militer
    Israel", "Among them were Oman, Jordan and Qatar. They condemned …"."""
    ex, s = t.ex, t.s
    prev = ex.previous_analysis
    if t.symmetric or prev is None or not s.n or s.low[0] not in ex.lang.plural_pronouns \
            or any(o.arg and o.end <= t.ts and o.kind in ("person", "actor") for o in s.occ):
        return False
    lists = [prev.conj(o, backward=False) for o in prev.args if o.kind == "actor"]
    longest = max(lists, key=len, default=[])
    if len(longest) < 2:
        return False
    t.subject = [k for k in t.members(longest) if ex.valid(t.rtype, 0, k)]
    t.subj_rule = "pronoun-list"
    return bool(t.subject)


@rule("subjects", "subjectless", 0.6)
def sentence_lead(t: Trigger) -> bool:
    """A clause with a pronoun subject or none takes the sentence's (or the previous
    sentence's) leading actor: "Ia dijadwalkan menghadiri …, sebelum berkunjung ke Vietnam",
    "Meeting Netanyahu in the Oval Office, Trump told reporters …".  The main clause's mood
    carries into it; signing names its parties ("Nota itu diteken di Jakarta" says nothing of
    who signed)."""
    ex, s = t.ex, t.s
    if not s.subjectless(t.c, t.ts) or t.ts == t.te:
        return False
    lead = [o for o in s.occ if o.arg and o.end <= t.ts and s.clause_of(o) != t.c and o.kind in ("person", "actor")
            and s.in_subject_position(o)]
    later = [o for o in s.occ if o.arg and o.start > t.ts and s.clause_of(o) != t.c and o.kind in ("person", "pair")
             and s.in_subject_position(o)] if not any(s.clause[k] == t.c for k in range(t.ts)) else []
    # "langkah serupa ditempuh Kementerian Luar Negeri Inggris saat memanggil …": an actor of
    # this sentence's main clause, though not in subject position, before the story's lead
    agent = [o for o in s.occ if o.arg and o.end <= t.ts and s.clause_of(o) != t.c and o.kind in ("person", "actor")
             and (not s.governed(o) or _after_by(t, o)) and o.via != "envoy"][-1:] if not lead and not later else []
    # the whole coordination: "Putin dan Erdogan sepakat …, seusai pembicaraan di Sochi"
    keys = (t.members(s.conj(lead[0], backward=False)) if lead else t.members(later[:1]) or t.members(agent)) or (
        [ex.previous_lead] if ex.previous_lead else [])
    if not keys or not ex.valid(t.rtype, 0, keys[0]) or t.persons_only:
        return False
    t.subject, t.subj_rule = keys, "subjectless"
    for k in range(0, t.ts):
        m = s.modality_cue(k)
        if m and m[1] in ("planned", "possible") and MODALITY_RANK[m[1]] > MODALITY_RANK[t.modality]:
            t.modality = m[1]
    return True


@rule("objects", "shared-object", 0.7)
def shared_object(t: Trigger, last: tuple | None) -> bool:
    """A second verb of the same subject shares the first one's object: "Jaishankar met
    Blinken on the margins of the G7 and discussed Modi's visit", "Retno bertemu Wang Yi dan
    membahas situasi di Gaza"."""
    s, lang = t.s, t.ex.lang
    if not t.symmetric or t.obj is not None or last is None or t.rtype == "met-at":
        return False
    sentence, start, subject, obj, _ = last
    if sentence != s.sm.sentence.index or obj is None or start >= t.ts or not subject:
        return False
    k = t.ts - 1
    while k > 0 and s.low[k] in lang.determiners:
        k -= 1
    if not s.match(lang.and_words, k) or t.subject not in ([], subject) or s.clause[start] != t.c:
        return False
    t.subject, t.obj, t.subj_rule = subject, obj, "shared-object"
    return True
