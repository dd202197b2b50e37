"""Pair rules: how a trigger's participants pair up into edges.  Tried in this order; the
first that applies gives the pairs, as (source, target, rule) triples."""
from __future__ import annotations

from kg.extract.rules import Trigger, rule

STOP = "stop"       # a rule that decides there is no relation at all


def between_list(t: Trigger) -> None:
    """"antara X dan Y", "between X and Y" within six words after the trigger."""
    ex, s = t.ex, t.s
    for k in range(t.te, min(s.n, t.te + 6)):
        if s.clause[k] != t.c:
            break
        m = s.match(ex.lang.between, k)
        if m:
            first = next((o for o in t.after if o.start >= k + m[0]), None)
            if first is not None and first.start <= k + m[0] + 3:
                t.btw = t.members(s.conj(first, backward=False))
                t.btw_gap = k - t.te
            break


def _full(t: Trigger, index) -> bool:
    m = t.s.match(index, t.ts)
    return bool(m) and m[0] == t.te - t.ts


@rule("pairs", "unowned", 0.0)
def unowned_hostility(t: Trigger):
    """A war or conflict the clause names without its parties is no one's: "membahas
    pasokan pangan akibat perang", "food prices rose because of the war" (but "Russia's war
    in Ukraine" is Russia's)."""
    if t.rtype == "opposes" and _full(t, t.ex.lang.unowned_hostility) and not (t.btw and len(t.btw) >= 2) \
            and not t.nominal and not t.possessed:
        return STOP
    return None


@rule("pairs", "negated-topic", 0.0)
def negated_topic(t: Trigger):
    """A topic verb negated denies the topic, not the talk: "keduanya tidak membahas isu-isu
    hubungan kedua negara", "they did not discuss trade" say nothing of whether they spoke."""
    if t.rtype == "spoke-with" and t.modality == "negated" and " ".join(t.s.low[t.ts:t.te]) in t.ex.lang.topic_verbs:
        return STOP
    return None


@rule("pairs", "reciprocal", 0.85)
def reciprocal(t: Trigger):
    """Hostility that is each against the other: "Armenia and Azerbaijan clashed", "bentrokan
    antara India dan China"."""
    if t.rtype != "opposes":
        return None
    verb, noun = _full(t, t.ex.lang.reciprocal_verbs), _full(t, t.ex.lang.reciprocal_nouns)
    if (verb or noun) and t.btw and len(t.btw) >= 2 or verb and len(t.subject) >= 2 and t.obj is None:
        side = t.btw if t.btw and len(t.btw) >= 2 else t.subject
        return [(a, b, "reciprocal") for a in side for b in side if a != b]
    return None


@rule("pairs", "between", 0.85)
def between(t: Trigger):
    """Symmetric relations "between X and Y": "talks between Erdogan and Kristersson",
    "pembicaraan antara Menlu Retno dan Wang Yi"; a host of such talks took part ("Stoltenberg
    hosted talks between …")."""
    if not (t.symmetric and t.btw and len(t.btw) >= 2):
        return None
    b = t.btw
    return [(b[i], b[j], "between") for i in range(len(b)) for j in range(i + 1, len(b))] + \
           [(a, x, "between") for a in t.host for x in b]


@rule("pairs", "coordination", 0.85)
def coordinated_subject(t: Trigger):
    """A coordinated subject of a symmetric relation: "Trump dan Moon bertemu Kim" (each with
    the object; met together, with each other too), "Putin and Xi held talks".  "Rusia dan
    Iran sekutu Assad" makes no alliance of the two; people meet people."""
    ex, s = t.ex, t.s
    if not (t.symmetric and len(t.subject) >= 2) or any(s.match(ex.lang.distributive, k) for k in range(t.ts)):
        return None
    objects = [b for b in t.members(s.conj(t.obj, backward=False)) if b not in t.subject] if t.obj else []
    pairs = [(a, b, t.subj_rule) for a in t.subject for b in objects
             if t.rtype == "ally-of" or (ex.type_of(a) == "Person") == (ex.type_of(b) == "Person")]
    if not pairs or t.rtype == "met-with":
        sub = t.subject
        pairs += [(sub[i], sub[j], t.subj_rule) for i in range(len(sub)) for j in range(i + 1, len(sub))]
    return pairs


@rule("pairs", "object-list", 0.85)
def object_list(t: Trigger):
    """No subject, a list after a relation noun: "Perundingan itu dipimpin X dan Y", "talks
    led by the foreign ministers of X and Y"."""
    if not t.symmetric or t.subject or t.obj is None or t.ts == t.te:
        return None
    items = t.s.conj(t.obj, backward=False)
    if len(items) < 2:
        return None     # "hubungan diplomatik kedua negara": a pair named, no list of parties
    if "with" in t.s.prepositions_ending_at(t.obj.start) or t.ex.lang.with_words.match(t.s.low[t.ts:t.te], t.te - t.ts - 1):
        return None     # "berkomunikasi dengan X, Y dan Z": the counterparts of someone unnamed
    lst = t.members(items)
    return [(lst[i], lst[j], "object-list") for i in range(len(lst)) for j in range(i + 1, len(lst))]


@rule("pairs", "agent-after", 0.75)
def agent_after(t: Trigger):
    """A hostile noun with its object, then its agent after "by"/"oleh": "the expulsion of
    150 Russian diplomats by Britain and its allies", "pengusiran diplomat Rusia oleh Inggris"."""
    s, lang = t.s, t.ex.lang
    if t.rtype != "opposes" or t.subject or t.obj is None:
        return None
    objects = s.conj(t.obj, backward=False)
    k = objects[-1].end
    m = s.match(lang.by_words, k)
    agent = next((o for o in s.args if m and o.start == k + m[0] and s.clause[o.start] == t.c), None)
    if agent is None:
        return None
    agents = [a for a in t.members(s.conj(agent, backward=False)) if t.ex.valid("opposes", 0, a)]
    return [(a, b, "agent-after") for a in agents for b in t.members(objects)] or None


@rule("pairs", "received", 0.7)
def received(t: Trigger):
    """Hostility received, its agents after "from": "the US veto drew criticism from China,
    Russia and France", "serangan Israel menuai kecaman keras dari Malaysia dan Turki" (also
    "from many countries, including …"): each of them against what the clause's subject
    names; "the veto", "langkah itu" name the doers of what the story told (up to three
    sentences before)."""
    s, lang = t.s, t.ex.lang
    if t.rtype != "opposes" or not any(s.ends_at((lang.received,), k, 2) for k in range(max(0, t.ts - 2), t.ts + 1)):
        return None
    agent = next((o for o in s.args if o.start >= t.te and _after_from(t, o)), None)   # ", including" opens a clause
    if agent is None:
        return None
    agents = [a for a in t.members(s.conj(agent, backward=False)) if t.ex.valid("opposes", 0, a)]
    before = [o for o in t.before if o.kind != "name"]
    targets = t.subject or t.members(before[-1:]) or _doers(t, _anaphor_at(t, t.s.clause.index(t.c)), [], 3)
    return [(a, b, "received") for a in agents for b in targets if b not in agents] or STOP


def _after_from(t: Trigger, o) -> bool:
    """`o` right after "from" (within three words of the trigger), or after "from many
    countries, including"."""
    s, lang = t.s, t.ex.lang
    k = next((k for k in range(t.te, min(o.start, t.te + 3)) if s.match(lang.from_words, k)), None)
    if k is None:
        return False
    k += s.match(lang.from_words, k)[0]
    return k == o.start or (o.start - k <= 6 and s.ends_at((lang.including,), o.start, 3))


@rule("pairs", "passive", 0.75)
def subject_object(t: Trigger):
    """Subject and object (the object's list): "Rusia mengusir diplomat Polandia, Latvia dan
    Estonia", "Japan condemned North Korea".  With "by" after the trigger, or a passive verb,
    the object is the agent ("sanctioned by the EU", "dikecam oleh PBB", "Kapal Filipina
    diserang kapal China": rule `passive`)."""
    if not (t.subject and t.obj is not None):
        return None
    objects = t.members(t.s.conj(t.obj, backward=False))
    found = [(a, b, t.subj_rule) for a in t.subject for b in objects]
    gap = t.s.low[t.te:t.obj.start]
    lang = t.ex.lang
    # "by" right before the object, or after a date: "summoned on Wednesday by the ministry"
    dated = {k - t.te for d in t.s.dates for k in range(d.start - 1, d.end)}
    by = any(lang.by_words.match(gap, k) and all(w in lang.determiners for w in gap[k + 1:])
             and (k == 0 or all(j in dated for j in range(k))) for k in range(len(gap)))
    passive = by or " ".join(t.s.low[t.ts:t.te]) in lang.passive_triggers
    if t.rtype == "opposes" and passive:
        if not by and any(lang.looks_like_verb(w) for w in gap):
            return STOP     # "Rasool dituding membenci Amerika Serikat": the US is what he is said to hate
        found = [(b, a, "passive") for a, b, r in found]
    return found


def narrow(t: Trigger, found: list) -> list:
    """Trigger kinds that narrow a type: signing together is between people; summoning is
    hostile to an envoy's state only (rule `envoy`)."""
    if t.persons_only:
        found = [(a, b, r) for a, b, r in found if "Person" in (t.ex.type_of(a), t.ex.type_of(b))]
    return envoy(t, found)


@rule("pairs", "envoy", 0.8)
def envoy(t: Trigger, found: list) -> list:
    """An unnamed envoy stands for the state that sent it: "Turkey expelled the Israeli
    ambassador", "Moscow expelled diplomats from Poland and Latvia", "Malaysia memanggil Duta
    Besar Korea Utara".  Verbs hostile only to an envoy (summoned, memanggil) keep those pairs
    alone."""
    if t.rtype != "opposes":
        return found
    s = t.s
    heads = [o for o in s.occ if o.arg and (o.via == "envoy" or s.after_envoy_title(o.start))]
    envoys = {k for o in heads for x in s.conj(o, backward=False) for k in t.ex.keys(x)}
    out = [(a, b, "envoy" if b in envoys else r) for a, b, r in found]
    if " ".join(s.low[t.ts:t.te]) in t.ex.lang.recalls:
        # "recalled Ambassador Sisa Ngombane": one's own envoy is brought home, not opposed
        out = [x for x in out if t.ex.type_of(x[1]) != "Person"]
    return [x for x in out if x[2] == "envoy"] if t.envoy_only else out


@rule("pairs", "summons", 0.7)
def summons(t: Trigger, found: list) -> None:
    """A summons brings the envoy in: the summoner's side met the envoy's ("Indonesia
    summoned the Australian ambassador", "Kemlu memanggil Duta Besar Brasil"), besides the
    hostility.  A person who summons stands for their state when the envoy stands for theirs."""
    ex = t.ex
    for a, b, name in found:
        if name != "envoy":
            continue
        if ex.type_of(a) == "Person" and ex.type_of(b) != "Person":
            a = ex.state_of(a) or a
        ex.emit(t.s, "met-with", a, b, t.modality, "summons", t.ts, t.date, t.conflict)


@rule("pairs", "comparison", 0.7)
def comparison(t: Trigger) -> None:
    """A comparison after the object: "…sekutu Suriah, seperti Rusia dan Iran", "… allies of
    Syria, such as Russia and Iran"."""
    ex, s = t.ex, t.s
    if not t.symmetric or t.obj is None:
        return
    k = t.obj.end
    if k < s.n and s.low[k] == ",":
        k += 1
    m = s.match(ex.lang.comparative, k)
    if not m:
        return
    first = next((o for o in s.occ if o.arg and o.start >= k + m[0]), None)
    if first is not None and first.start <= k + m[0] + 1:
        for a in t.members(s.conj(first, backward=False)):
            for b in ex.keys(t.obj):
                ex.emit(s, t.rtype, a, b, "asserted", "comparison", t.ts)


@rule("pairs", "ally-apposition", 0.75)
def ally_apposition(t: Trigger) -> tuple[str, str] | None:
    """An ally in apposition: "Australia, a close U.S. ally, …", "Jepang, sekutu dekat AS, …"."""
    s = t.s
    ts, te = t.ts, t.te
    comma = next((k for k in range(ts - 1, max(-1, ts - 7), -1) if s.low[k] == ","), None)
    if comma is None or any(s.low[k] in (",", ";") for k in range(comma + 1, ts)):
        return None
    # "the leader of Australia, a key ally of the United States": the affiliation is described too
    a = next((o for o in s.occ if o.end == comma and o.keys and (o.arg or o.kind == "actor")
              and o.kind in ("actor", "person")), None)
    if a is None:
        return None
    between_ = [o for o in s.occ if o.start > comma and o.end <= ts and o.kind == "actor"]
    if len(between_) > 1 or any(s.match(t.ex.lang.and_words, k) for k in range(comma + 1, ts)):
        return None     # "Japan, China and Korea formed an alliance": a list
    after = [o for o in s.occ if te <= o.start <= te + 2 and o.kind == "actor"
             and all(s.low[k] not in (",", ";", ".") for k in range(te, o.start))]
    b = (between_ or after or [None])[-1 if between_ else 0]
    if b is None:
        return None
    return a.keys[0], b.keys[0]


@rule("pairs", "allies-of", 0.7)
def allies_of(t: Trigger) -> list | None:
    """Whose allies a list names: "close U.S. allies, France and Slovenia" (the state right
    before the word, each state listed after the comma), "sekutu AS, Jepang dan Korea Selatan",
    "its allies, Japan and South Korea" / "sekutunya, …" (the clause's subject's);
    "the security of the Republic of Korea and Japanese allies" said by the United States (the
    clause's subject, each state of the list that ends at the word)."""
    s, ex = t.s, t.ex
    if " ".join(s.low[t.ts:t.te]) not in ex.lang.ally_nouns:
        return None
    states = [o for o in s.args if ex.type_of(ex.keys(o)[0]) == "Country"]
    owner = next((o for o in states if 0 <= t.ts - o.end <= 1 or o.start == t.te), None)
    own = (t.ts > 0 and s.low[t.ts - 1] in ex.lang.own_words) or ex.lang.has_clitic(s.low[t.te - 1])
    if owner is None and own:
        # "its allies, Japan and South Korea", "sekutunya, Korea Selatan dan Jepang": the subject's
        owner = next((o for o in states if o.end <= t.ts and s.clause_of(o) == t.c and not s.governed(o)), None)
    if owner is not None and t.te < s.n and s.low[t.te if owner.start != t.te else owner.end] == ",":
        comma = t.te if owner.start != t.te else owner.end
        first = next((o for o in states if o.start == comma + 1), None)
        if first is not None:
            members = [k for k in t.members(s.conj(first, backward=False)) if k != ex.keys(owner)[0]]
            return [(ex.keys(owner)[0], m, "allies-of") for m in members] or None
    last = next((o for o in states if o.end == t.ts), None)
    if last is None:
        return None
    listed = s.conj(last, backward=True)
    subject = next((o for o in states if o.end <= listed[0].start and s.clause_of(o) == t.c
                    and not s.governed(o)), None)
    if len(listed) < 2 or subject is None:
        return None
    return [(ex.keys(subject)[0], k, "allies-of") for k in t.members(listed) if k != ex.keys(subject)[0]] or None


@rule("pairs", "object-anaphor", 0.55)
def object_anaphor(t: Trigger):
    """Hostility to a thing the story told, named again by a definite noun: its doers are the
    target.  "AS, Inggris dan Australia mengumumkan pakta keamanan. … China mengutuk
    perjanjian itu" (each party of the pact); "Ahmadinejad visited the island. The UAE
    slammed the visit" (the visitor).  The noun says what kind of relation it names
    (`anaphor_nouns`); the latest of that kind in this sentence or the three before (the one
    before for hostility: "the decision", "the attack" name what was just told); never the
    subject itself."""
    s, ex = t.s, t.ex
    if t.rtype != "opposes" or not t.subject or t.obj is not None or t.after:
        return None
    kind = _definite_object(t)
    if kind is None:
        return None
    doers = _doers(t, kind, t.subject)
    return [(a, d, "object-anaphor") for a in t.subject for d in doers] or None


def _doers(t: Trigger, kind: str | None, besides: list, reach: int | None = None) -> list[str]:
    """The doers of the latest relation of `kind` in this sentence or the three before (the
    one before for hostility: "the decision", "the attack" name what was just told, unless
    `reach` says otherwise), other than `besides`."""
    if kind is None:
        return []
    ex, index = t.ex, t.s.sm.sentence.index
    reach = reach if reach is not None else 1 if kind == "opposes" else 3
    for r in reversed(ex.out):
        if r.sentence < index - reach:
            break
        if r.type != kind:
            continue
        same = [q for q in ex.out if q.sentence == r.sentence and q.type == kind and q.trigger == r.trigger]
        doers = [d for q in same for d in ([q.source, q.target] if kind == "ally-of" else [q.source])]
        doers = [d for d in dict.fromkeys(doers) if d not in besides]
        if doers:
            return doers
    return []


def _definite_object(t: Trigger) -> str | None:
    """The relation type a definite noun right after the trigger names again: "the pact",
    "the visit", "perjanjian itu", "langkah tersebut" (`anaphor_nouns`), else None."""
    return _anaphor_at(t, t.te)


def _anaphor_at(t: Trigger, start: int) -> str | None:
    """The relation type a definite noun at `start` (within three words) names again."""
    s, lang = t.s, t.ex.lang
    k = start
    if k < s.n and s.low[k] in lang.definite:
        k += 1
    for j in range(k, min(s.n, k + 3)):
        kind = lang.anaphor_nouns.get(s.low[j])
        if kind:
            definite = start < k or any(s.low[i] in lang.demonstratives_after for i in range(j + 1, min(s.n, j + 4)))
            return kind if definite else None
        if not s.sm.tokens[j].islower():
            return None
    return None


PAIR_RULES = (unowned_hostility, negated_topic, reciprocal, between, coordinated_subject, object_list, received, agent_after, subject_object,
              object_anaphor)
