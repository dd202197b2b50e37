"""Venue rules: where a meeting, a visit or a summit took place.  Their edges are `met-at`
from each participant to the event or place, with the rule `venue`."""
from __future__ import annotations

from dataclasses import replace

from kg.extract.rules import Trigger, rule

VENUE_TYPES = ("Event", "Place", "Country")


def fronted(t: Trigger, ts: int) -> str | None:
    """"Di Beijing, Xi bertemu Blinken", "In Tokyo on Thursday, the two leaders met"."""
    ex, s = t.ex, t.s
    if not s.match(ex.lang.venue, 0):
        return None
    for o in s.occ:
        if o.end <= ts and o.kind in ("actor", "event", "eventref") and o.start <= 3 \
                and ex.type_of(o.keys[0]) in ("Place", "Event", "Country"):
            return o.keys[0]
    return None


def after(t: Trigger) -> str | None:
    """The event or place a meeting is held at: a summit named after the trigger, or an actor
    or a capitalised name right after a place preposition ("di Istana Bogor", "at the Élysée
    Palace")."""
    ex, s, te, c = t.ex, t.s, t.te, t.c
    topic = " ".join(s.low[t.ts:te]) in ex.lang.topic_verbs
    skip = s.inside | {k for d in s.dates for k in range(d.start, d.end)}
    skip |= s.apposition_commas     # "met China's leader, Xi Jinping, in Moscow"
    for o in s.occ:
        if o.start < te or s.clause[o.start] != c or o.kind not in ("event", "eventref", "actor", "name"):
            continue
        gap = [k for k in range(te, o.start) if k not in skip and s.clause[k] == c]
        if len(gap) - _venue_words(t, te, o.start) > 8 or any(s.low[k] == "," for k in gap[:-1] if k + 1 not in skip and s.clause[k - 1] == c):
            return None     # "membahas pangan, energi, serta situasi di Gaza": a topic, not where they met
        if any(s.low[k] in ex.lang.topic_prepositions and not (k + 1 < s.n and (
                s.low[k + 1][:1].isdigit() or s.low[k + 1] in ex.lang.quantity_words)) for k in gap):
            return None     # "pembicaraan terkait tensi di Timur Tengah": what they spoke of
        last_actor = max((x.end for x in s.occ if x.kind != "name" and te <= x.end <= o.start), default=te)
        if topic and any(s.low[k].isalpha() and not _place_word(t, k) for k in gap if k >= last_actor):
            return None     # "membahas situasi di Gaza", "discussed the war in Ukraine": the topic's place
        if o.kind in ("event", "eventref"):
            return o.keys[0]
        if not _after_place_word(t, o):
            continue
        if o.kind == "name":
            return ex.res.new_place(_place_label(t, o))
        found = _as_place(t, o)
        if found:
            return found
    return None


def _venue_words(t: Trigger, a: int, b: int) -> int:
    """How many of tokens a..b are a venue phrase ("along the sidelines of"): they do not
    count toward the distance from the trigger to its venue."""
    s, covered = t.s, set()
    for k in range(a, b):
        m = s.match(t.ex.lang.venue, k)
        if m and m[0] > 1:
            covered.update(range(k, min(b, k + m[0])))
    return len(covered)


def _place_word(t: Trigger, k: int) -> bool:
    lang, s = t.ex.lang, t.s
    return s.low[k] in lang.determiners or any(s.match(ix, j) and j <= k < j + s.match(ix, j)[0]
                                               for ix in (lang.venue, lang.to_words) for j in range(max(0, k - 3), k + 1))


def _after_place_word(t: Trigger, o) -> bool:
    """`o` follows "di", "at the", "ke", "to" (over the capitalised words of its own name)."""
    lang, s = t.ex.lang, t.s
    prev = s.low[max(0, o.start - 6):o.start]
    toks = s.sm.tokens
    named = 0
    while prev and named < 2 and toks[o.start - 1 - named][:1].isupper() \
            and toks[o.start - 1 - named].isalpha() and prev[-1] not in lang.determiners:
        prev, named = prev[:-1], named + 1
    while prev and prev[-1] in lang.determiners:
        prev = prev[:-1]
    if _ends_with_place_word(lang, prev):
        return True
    # "di kantor presiden, Jakarta": the town of a venue named in common words
    return named == 0 and o.kind != "name" and len(prev) >= 3 and prev[-1] == "," and any(
        all(toks[o.start - 1 - j].isalpha() and toks[o.start - 1 - j].islower() for j in range(1, w + 1))
        and _ends_with_place_word(lang, prev[:-1 - w]) for w in (1, 2, 3))


def _ends_with_place_word(lang, prev: list[str]) -> bool:
    return any(ix.match(prev, k) and k + ix.match(prev, k)[0] == len(prev)
               for ix in (lang.venue, lang.to_words) for k in range(len(prev)))


def seat_after_place_word(t: Trigger, o) -> bool:
    """`o` is a seat of power after a place word: where talks were held, not a party ("di
    Istana Kremlin", "at the White House")."""
    actor = t.ex.kb.actors.get(o.keys[0]) if o.keys else None
    return bool(actor and actor.metonym_for) and _after_place_word(t, o)


def _place_label(t: Trigger, o) -> str:
    """A capitalised name extended over the words the name finder left out ("the Oval
    Office", "South Lawn", "the Great Hall of the People")."""
    lang, s = t.ex.lang, t.s
    toks = s.sm.tokens
    a, b = o.start, o.end
    while a > 0 and toks[a - 1][:1].isupper() and toks[a - 1].isalpha() and s.low[a - 1] not in lang.determiners:
        a -= 1
    links, dets = lang.name_links, lang.determiners
    dated = {k for d in s.dates for k in range(d.start, d.end)}
    while b < s.n and b not in dated and b + 1 not in dated:
        if toks[b][:1].isupper() and toks[b].isalpha():
            b += 1
        elif b + 1 < s.n and s.low[b] in links and (toks[b + 1][:1].isupper() or (
                s.low[b + 1] in dets and b + 2 < s.n and toks[b + 2][:1].isupper())):
            b += 2 if s.low[b + 1] in dets else 1
        else:
            break
    sent = s.sm.sentence
    return sent.text[sent.tokens[a].start - sent.start: sent.tokens[b - 1].end - sent.start]


def _as_place(t: Trigger, o) -> str | None:
    """A known actor after a place word: itself if a place, else where its seat stands ("di
    Istana Kremlin, Moskow", "at the White House"), or the town written after it."""
    ex, s = t.ex, t.s
    k = o.keys[0]
    if ex.type_of(k) in VENUE_TYPES:
        return k
    actor = ex.kb.actors.get(k)
    if not (actor and actor.metonym_for):
        return None
    # the town written after the seat, with a comma or none ("di Istana Kremlin, Moskow", "di
    # Istana Negara Kuala Lumpur": a palace of that name in another capital)
    nxt = [x for x in s.occ if x.keys and ex.type_of(x.keys[0]) == "Place" and (
        x.start == o.end or (x.start == o.end + 1 and s.low[o.end] == ","))]
    if nxt:
        return nxt[0].keys[0]
    capital = ex.kb.capital.get(actor.metonym_for)
    if capital:
        ex.res.ensure(capital, ex.kb)
        ex.res.place_ok.add(capital)
        return capital
    return None


def _could_meet(t: Trigger, k: str) -> bool:
    """An object the subject could have met: people meet people ("menyambangi Markas Besar
    PBB": the UN was where she went, not a party)."""
    person = t.ex.type_of(k) == "Person"
    return not t.subject or any((t.ex.type_of(a) == "Person") == person for a in t.subject)


@rule("venues", "here", 0.6)
def here(t: Trigger) -> str | None:
    """"here" in the trigger's clause is the place of the story's dateline: "BUENOS AIRES, July
    18 -- Xi Jinping, who is here for a state visit, …", "JAKARTA — … bertemu di sini"."""
    s, ex = t.s, t.ex
    if ex.res.dateline is None:
        return None
    for k in range(s.n):
        m = s.match(ex.lang.here_words, k)
        if m and s.clause[k] == t.c:
            ex.res.place_ok.add(ex.res.dateline)
            return ex.res.dateline
    return None


def venue(t: Trigger) -> str | None:
    return after(t) or fronted(t, t.te) or here(t)


@rule("venues", "attended-by", 0.7)
def attended_by(t: Trigger) -> bool:
    """An event attended "by" its participants: each of them met at it: "The summit was attended
    by Lula, Xi and Modi", "KTT itu dihadiri oleh Presiden Lula, Xi Jinping dan Narendra Modi";
    the event named in the clause before the verb, or the story's last ("the talks were
    attended by …")."""
    ex, s = t.ex, t.s
    k = t.te + (s.match(ex.lang.by_words, t.te) or (0,))[0]
    first = next((o for o in s.args if o.start == k and o.kind in ("person", "actor")), None)
    if k == t.te and " ".join(s.low[t.ts:t.te]) not in ex.lang.passive_triggers or first is None:
        return False
    event = next((o.keys[0] for o in reversed(s.occ) if o.end <= t.ts and o.kind in ("event", "eventref")
                  and s.clause_of(o) == t.c), None) or _last_event(t)
    if event is None:
        return False
    for a in t.members(s.conj(first, backward=False)):
        if ex.valid("met-at", 0, a):
            ex.emit(s, "met-at", a, event, t.modality, "attended-by", t.ts, t.date or ex.res.entities[event].attrs.get("date"),
                    t.conflict)
    return True


def _last_event(t: Trigger) -> str | None:
    """The event the story named last, in the three sentences before."""
    index = t.s.sm.sentence.index
    for occ in reversed(t.ex.res.occurrences[max(0, index - 3):index]):
        found = [o.keys[0] for o in occ if o.kind in ("event", "eventref") and o.keys]
        if found:
            return found[-1]
    return None


@rule("venues", "venue", 0.75)
def visit(t: Trigger) -> None:
    """A visit, attendance or arrival: each participant met at the venue: "Prabowo berkunjung
    ke Canberra", "Xi attended the summit in Samarkand"; "KTT ASEAN yang dibuka Presiden Joko
    Widodo": the event just before, the person after."""
    if attended_by(t):
        return
    ex, s = t.ex, t.s
    obj = t.obj
    target = venue(t) or (obj.keys[0] if obj and ex.type_of(obj.keys[0]) in VENUE_TYPES else None)
    if not t.subject and obj is not None and ex.type_of(obj.keys[0]) == "Person":
        t.subject = t.members([obj])
        target = target if target and target != obj.keys[0] else None
        near = [o for o in s.occ if o.kind in ("event", "eventref") and o.end <= t.ts and t.ts - o.end <= 3]
        target = target or (near[-1].keys[0] if near else None)
    for place in _listed(t, target):
        d = t.date or ex.res.entities[place].attrs.get("date")
        for a in t.subject:
            ex.emit(s, "met-at", a, place, t.modality, "venue", t.ts, d, t.conflict)


def _listed(t: Trigger, target: str | None) -> list[str]:
    """The venue and the places listed with it, after a place word or as what is visited: "a
    trip to Japan, South Korea and China", "mengunjungi Singapura dan Malaysia" (a tour visits
    each)."""
    if target is None:
        return []
    ex, s = t.ex, t.s
    o = next((o for o in s.args if o.start >= t.te and o.keys and o.keys[0] == target), None)
    if o is None or ex.type_of(target) == "Event" or not (o is t.obj and o.start - t.te <= 2 or _after_place_word(t, o)):
        return [target]     # "membuka kemungkinan koalisi antara AS dan Rusia": no tour
    return [target] + [k for x in s.conj(o, backward=False)[1:] for k in ex.keys(x)
                       if k != target and ex.type_of(k) in ("Place", "Country")]


def meeting(t: Trigger, found: list) -> None:
    """Talks or a meeting held at a place: the parties met there, and talks there were in
    person: "Retno bertemu Wang Yi di Beijing", "the two leaders held talks at the Kremlin".
    With one party known, only a venue after the trigger: a fronted "In Washington," is often
    where someone spoke of a meeting."""
    ex, s = t.ex, t.s
    if t.rtype not in ("met-with", "spoke-with"):
        return
    if t.rtype == "spoke-with" and any(w in ex.lang.remote_words for w in s.low[t.ts:t.te]):
        return      # a call or a video link puts no one anywhere
    parts = (t.host + t.btw if t.btw and len(t.btw) >= 2 else t.subject if len(t.subject) >= 2
             else t.subject + ([k for k in t.members(s.conj(t.obj, backward=False)) if _could_meet(t, k)] if t.obj else []))
    target = venue(t) if len(set(parts)) >= 2 else after(t)
    if target and not parts and t.rtype == "met-with" and not t.subject and not t.obj:
        # "A one-on-one meeting took place at the Presidential Palace": rule `venue-carried`
        ex.orphan_venues.append((s.sm.sentence.index, target, t.modality, t.date or ex.res.entities[target].attrs.get("date")))
    if not (target and parts):
        return
    d = t.date or ex.res.entities[target].attrs.get("date")
    if t.modality != "negated" or ex.type_of(target) != "Event":
        # "did not hold a bilateral meeting at the summit": both were there, but "tidak akan
        # bertemu para pemimpin … di Jakarta": not in Jakarta either
        for a in parts:
            ex.emit(s, "met-at", a, target, t.modality, "venue", t.ts, d, t.conflict)
    if t.rtype == "spoke-with":
        for a, b, name in found:
            ex.emit(s, "met-with", a, b, t.modality, name, t.ts, t.date or d, t.conflict, place=target)
    index = s.sm.sentence.index
    k = len(ex.out)
    while k and ex.out[k - 1].sentence == index:    # emit appends in sentence order: look at the tail only
        k -= 1
    ex.out[k:] = [replace(r, place=target, date=r.date or d) if r.type == "met-with" and r.place is None
                  else r for r in ex.out[k:]]
