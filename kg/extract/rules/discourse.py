"""Rules beyond one trigger: what the story around a sentence lets us read."""
from __future__ import annotations

from dataclasses import replace

from kg.extract.clauses import Analysis
from kg.extract import rules
from kg.extract.rules import rule


@rule("sentence", "summit", 0.85)
def summits(ex, s: Analysis) -> None:
    """A summit named in the sentence is itself a meeting of those it names: "Trump and Kim
    held a summit in Hanoi", "KTT Putin-Xi di Moskow".  Its edges take the rule of how the
    participants were found."""
    for o in s.occ:
        if o.kind == "event" and o.arg:
            ex.trigger(s, "met-with", o.start, o.start)


@rule("sentence", "joint-act", 0.6)
def joint_act(ex, s: Analysis) -> None:
    """Two or more people who did something together at a place met there: "Xi Jinping and
    Cristina Fernandez de Kirchner agreed here Friday to upgrade ties", "Jokowi dan Albanese
    sepakat di Istana Bogor …".  A meeting of the coordinated people (persons only), its venue
    the place after the verb or the dateline's "here"; without a place, nothing.  Its edges
    take the rule of how the pair and the venue were found."""
    for k in range(1, s.n):
        m = s.match(ex.lang.joint_acts, k)
        if not m:
            continue
        people = [o for o in s.args if o.end <= k and o.kind == "person" and s.clause_of(o) == s.clause[k]]
        if not people or len([x for x in s.conj(people[-1], backward=True) if x.kind == "person"]) < 2:
            continue
        c = s.clause[k]
        here = any(s.match(ex.lang.here_words, j) and s.clause[j] == c for j in range(k, s.n))
        place = any(o.start > k and s.clause_of(o) == c and o.keys and ex.type_of(o.keys[0]) in ("Place", "Event")
                    and s.governed(o, venue_only=True) for o in s.occ)
        if (here and ex.res.dateline) or place:
            ex.trigger(s, "met-with-persons", k, k + m[0])


@rule("sentence", "continuation", 0.6)
def continuation(ex, s: Analysis) -> None:
    """A sentence that names nobody but speaks of "the call", "pembicaraan itu" or what
    "they" did: the talks of the two people the sentence before named ("Undangan itu
    disampaikan dalam percakapan telepon pada Rabu (27/4)", "They discussed trade")."""
    pair, lang = ex.previous_people, ex.lang
    if len(pair) != 2 or not any(t in lang.definite or t in lang.demonstratives_after or t in lang.plural_pronouns
                                 for t in s.low):
        return
    i = 0
    while i < s.n:
        m = s.match(ex.lang.triggers, i)
        if m and m[1] in ("spoke-with", "met-with"):
            date, conflict = s.date(i, i + m[0])
            ex.emit(s, m[1], pair[0], pair[1], s.modality(i), "continuation", i, date, conflict)
            return
        i += m[0] if m else 1


@rule("article", "colocation", 0.65)
def colocation(ex, remote_sentences: set[int]) -> None:
    """Talks or a meeting told in the sentence that brings one party to a place: the other
    party was there too, and talks there were in person ("Xi arrived in Moscow for talks with
    Putin": Putin met at Moscow, and Xi met Putin; "Retno tiba di Beijing untuk bertemu Wang
    Yi").  Not for calls and video links."""
    have = {(r.type, r.source, r.target, r.modality) for r in ex.out}
    met_at: dict[int, list] = {}        # by sentence: one pass, not a scan of all per relation
    for v in ex.out:
        if v.type == "met-at":
            met_at.setdefault(v.sentence, []).append(v)
    added = []
    for r in ex.out:
        if r.type not in ("met-with", "spoke-with") or r.place or r.modality == "negated" or r.sentence in remote_sentences:
            continue
        for v in met_at.get(r.sentence, ()):
            if (v.type != "met-at" or v.sentence != r.sentence or v.modality != r.modality
                    or v.source not in (r.source, r.target) or (r.date and v.date and r.date != v.date)):
                continue
            other = r.target if v.source == r.source else r.source
            if ex.type_of(other) != "Person" or not ex.valid("met-at", 1, v.target) or (
                    ex.type_of(v.target) == "Country" and ex.state_of(other) == v.target):
                continue
            conf = round(min(r.confidence, v.confidence) - 0.1, 2)
            if ("met-at", other, v.target, v.modality) not in have:
                have.add(("met-at", other, v.target, v.modality))
                added.append(replace(v, source=other, confidence=conf, rule="colocation"))
            if r.type == "spoke-with" and ("met-with", r.source, r.target, r.modality) not in have:
                have.add(("met-with", r.source, r.target, r.modality))
                added.append(replace(r, type="met-with", place=v.target, confidence=conf, rule="colocation"))
    ex.out.extend(added)


@rule("sentence", "ally-list", 0.8)
def ally_list(ex, s: Analysis) -> None:
    """An actor joined to another as its ally: "Amerika Serikat dan sekutunya, Korea Selatan,
    …", "the United States and its ally South Korea held drills"."""
    args = s.args
    for a, b in zip(args, args[1:]):
        k = a.end
        m = s.match(ex.lang.ally_joiners, k)
        if not m:
            continue
        rest = range(k + m[0], b.start)
        if all(s.low[j] in (",", ":") or s.low[j] in ex.lang.determiners for j in rest) and len(rest) <= 2:
            for x in ex.keys(a):
                for y in ex.keys(b):
                    ex.emit(s, "ally-of", x, y, s.modality(k), "ally-list", k, *s.date(k, k + m[0]))


@rule("article", "venue-carried", 0.6)
def carried_venue(ex, remote_sentences: set[int]) -> None:
    """A meeting told without its place takes the place the story gives it in the sentence
    right after or before, where the meeting is named with no participant: "Qureshi met
    Ghani on Monday. A one-on-one meeting took place at the Presidential Palace in Kabul",
    "Pertemuan itu berlangsung di Istana Merdeka"."""
    if not ex.orphan_venues:
        return
    have = {(r.source, r.sentence) for r in ex.out if r.type == "met-at"}
    added = []
    for r in ex.out:
        if r.type != "met-with" or r.place or r.sentence in remote_sentences or r.modality == "negated" \
                or (r.source, r.sentence) in have or (r.target, r.sentence) in have:
            continue
        near = [v for v in ex.orphan_venues if abs(v[0] - r.sentence) == 1 and v[2] == r.modality
                and (not v[3] or not r.date or v[3].startswith(r.date) or r.date.startswith(v[3]))]
        if not near:
            continue
        index, place, modality, date = min(near, key=lambda v: (v[0] < r.sentence, v[0]))   # after first
        for a in (r.source, r.target):
            if ex.valid("met-at", 0, a) and ex.valid("met-at", 1, place) and not (
                    ex.type_of(place) == "Country" and ex.type_of(a) == "Person" and ex.state_of(a) == place):
                added.append(replace(r, type="met-at", source=a, target=place, date=r.date or date,
                                     confidence=rules.confidence("venue-carried"), rule="venue-carried",
                                     place=None))
        have.update({(r.source, r.sentence), (r.target, r.sentence)})
    ex.out.extend(added)


@rule("article", "host-venue", 0.55)
def host_venue(ex, remote_sentences: set[int]) -> None:
    """A host receiving guest after guest receives them where the story last put the host,
    that day: "Jokowi menerima tamu negara di Istana Merdeka … Jokowi menerima Perdana Menteri
    Australia Scott Morrison" (up to three sentences after, same mood, no other date)."""
    added, have = [], {(r.source, r.sentence) for r in ex.out if r.type == "met-at"}
    for r in ex.out:
        if r.type != "met-with" or r.place or r.sentence in remote_sentences or r.modality == "negated" \
                or (r.source, r.sentence) in have or (r.target, r.sentence) in have:
            continue
        before = [v for v in ex.out if v.type == "met-at" and v.source in (r.source, r.target)
                  and 0 < r.sentence - v.sentence <= 3 and v.modality == r.modality and v.date == r.date
                  and ex.type_of(v.target) == "Place"]
        if not before:
            continue
        v = max(before, key=lambda x: x.sentence)
        guest = r.target if v.source == r.source else r.source
        added.append(replace(v, source=guest, sentence=r.sentence, evidence=r.evidence, trigger=r.trigger,
                             confidence=rules.confidence("host-venue"), rule="host-venue"))
        have.add((guest, r.sentence))
    ex.out.extend(added)


@rule("sentence", "present", 0.55)
def present(ex, s: Analysis) -> None:
    """People listed as present were where the story's meeting or visit took place: "Delegasi
    Indonesia yang hadir antara lain Menteri Luar Negeri Sugiono, Menteri Pertahanan …", "Also
    present were Foreign Minister Penny Wong and Trade Minister Don Farrell" (the place of the
    latest meeting or visit the story told, in this sentence or before)."""
    index = s.sm.sentence.index
    for k in range(s.n):
        m = s.match(ex.lang.present_words, k)
        if not m:
            continue
        first = next((o for o in s.args if o.start >= k + m[0]), None)
        if first is None or first.kind != "person" or not _list_opening(ex, s, k + m[0], first.start):
            continue        # "Ia hadir sebagai utusan khusus Presiden Prabowo": no list of those present
        v = _latest_visit(ex, index)
        if v is None:
            return
        for o in s.conj(first, backward=False):
            for c in ex.keys(o):
                if ex.type_of(c) == "Person":
                    ex.emit(s, "met-at", c, v.target, v.modality, "present", k, v.date)
        return


def _latest_visit(ex, index: int, source: str | None = None):
    """The latest held or planned `met-at` the story told, up to sentence `index` (of
    `source` if given), or None."""
    for r in reversed(ex.out):
        if r.type == "met-at" and r.sentence <= index and r.modality in ("asserted", "planned") \
                and (source is None or r.source == source):
            return r
    return None


def _list_opening(ex, s: Analysis, a: int, b: int) -> bool:
    """Tokens a..b open a list: nothing, commas, "were", "antara lain", "yaitu" (the
    language's list openers), "also"."""
    j = a
    while j < b:
        m = s.match(ex.lang.list_openers, j)
        if m:
            j += m[0]
        elif s.low[j] in (",", ":") or s.low[j] in ex.lang.stopwords:
            j += 1
        else:
            return False
    return True


@rule("sentence", "joining", 0.6)
def joining(ex, s: Analysis) -> None:
    """Actors listed after ", joining" did what the clause before says its subject did: "The
    United States expelled the Syrian envoy, joining Bulgaria, Spain and Italy" (each of them
    against Syria too), "Jerman mengusir diplomat Rusia, menyusul Inggris dan Polandia"."""
    index = s.sm.sentence.index
    told = [r for r in ex.out if r.sentence == index and r.type == "opposes"]
    if not told:
        return
    for k in range(1, s.n):
        m = s.match(ex.lang.joining_words, k) if s.low[k - 1] == "," else None
        if not m:
            continue
        first = next((o for o in s.args if o.start == k + m[0]), None)
        if first is None:
            continue
        members = [a for o in s.conj(first, backward=False) for a in ex.keys(o)]
        for r in [r for r in told if r.rule != "joining"]:
            for a in members:
                if a not in (r.source, r.target):
                    ex.emit(s, r.type, a, r.target, r.modality, "joining", k, r.date)


@rule("sentence", "accompanied", 0.6)
def accompanied(ex, s: Analysis) -> None:
    """People who accompany someone were where that person was, that day: "Albanese didampingi
    Menteri Luar Negeri Penny Wong" after "… menerima Albanese di Istana Bogor", "Xi was
    accompanied by Foreign Minister Wang Yi" (the place of the person's latest meeting or visit
    the story told, in this sentence or before).  The companion is the first actor after the
    word, a person, with no relation word between ("didampingi Ibu Negara Iriana menerima
    Morrison": Morrison is received)."""
    index = s.sm.sentence.index
    for k in range(1, s.n):
        m = s.match(ex.lang.accompanied, k)
        if not m:
            continue
        host = next((o for o in reversed(s.args) if o.end <= k and o.kind == "person" and s.clause_of(o) == s.clause[k]), None)
        # the first actor after the word, a person ("ditemani Menteri Luar Negeri periode
        # 2014-2019 Retno Marsudi": a title and its term may stand between)
        first = next((o for o in s.args if o.start >= k + m[0]), None)
        first = first if first is not None and first.kind == "person" and first.start - k - m[0] <= 8 and not any(
            s.match(ex.lang.triggers, j) for j in range(k + m[0], first.start)) else None   # not "… Iriana menerima Morrison"
        if host is None or first is None:
            return
        companions = [c for o in s.conj(first, backward=False) for c in ex.keys(o) if ex.type_of(c) == "Person"]
        v = _latest_visit(ex, index, host.keys[0])
        if v is None:
            return
        for c in companions:
            if c != v.source:
                ex.emit(s, "met-at", c, v.target, v.modality, "accompanied", k, v.date)
        return
