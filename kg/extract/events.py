"""Events, for the entities stage: summits and meetings named by an event noun with a
series, a place or a year ("KTT G20 di Hamburg", "the Hamburg G20 summit", "KTT ke-43
ASEAN"), by a proper name ("Summit of the Americas"), or referred back to ("KTT itu", "the
summit").

A mixin of the resolver in kg.extract.entities: it reads and writes the resolver's state
(the sentence `sm`, its occurrences `occ`, `entities`, `event_counts`, ...).
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.extract.mentions import Span
from kg.extract.occurrences import Occurrence
from kg.extract.reader import slug


@dataclass
class _EventPhrase:
    """What has been read of one event phrase so far (token offsets in the sentence)."""
    span: Span                          # the event noun: "KTT", "summit"
    start: int                          # the phrase, widened by what names the event
    end: int
    p: int = 0                          # the reading position, right of the noun
    series: str | None = None           # "G20", "ASEAN"
    place: str | None = None            # "Hamburg"
    year: int | None = None             # "KTT G20 2017"
    place_end: int | None = None        # the phrase without the country after the place
    before_place: int | None = None     # the phrase without the place


class EventsMixin:
    """Events and references to them."""

    def note_event(self, key: str) -> None:
        self.last_event = key
        self.event_counts[key] = self.event_counts.get(key, 0) + 1

    def main_event(self) -> str | None:
        """What "the summit" / "KTT itu" means: the event the story names most, the first on a tie."""
        if not self.event_counts:
            return None
        return max(self.event_counts, key=lambda k: self.event_counts[k])   # dicts keep first-seen order

    def event(self, spans, i: int) -> int:
        """An event noun and what names it: a series and a place ("KTT G20 di Hamburg", "the
        Hamburg G20 summit"), a proper name ("Summit of the Americas"), or nothing — then a
        reference to the story's main event ("KTT itu", "the summit")."""
        s = spans[i]
        e = _EventPhrase(s, start=s.start, end=s.end)
        self._event_left(e)
        self._event_right(e)
        self._event_venue(e)
        proper = self._proper_event_name(e)
        if proper:
            return self._named_event(spans, e, proper)
        if e.series is None and e.place is None:
            return self._event_reference(spans, e)
        return self._series_event(spans, e)

    def _event_left(self, e: _EventPhrase) -> None:
        """English: the series and the place on the left ("G20 summit", "the Hamburg G20
        summit"); they become part of the event, no arguments of their own."""
        left = [o for o in self.occ if o.end == e.start and o.kind == "actor"]
        while left:
            o = left[-1]
            t = self.entities[o.keys[0]].type
            if t == "Organization" and e.series is None:
                e.series = o.keys[0]
            elif t == "Place" and e.place is None:
                e.place = o.keys[0]
            else:
                break
            self.occ.remove(o)
            self.occ.append(Occurrence(o.start, o.end, o.keys, o.kind, False, o.text))
            e.start = o.start
            left = [o for o in self.occ if o.end == e.start and o.kind == "actor" and o.arg]

    def _event_right(self, e: _EventPhrase) -> None:
        """Indonesian: the ordinal, series and year on the right ("KTT G20", "KTT ke-43 ASEAN",
        "KTT G20 2017")."""
        toks, low = self.sm.tokens, self.sm.low
        n = len(toks)
        p = e.end
        p = self._series_after_of(e, p)
        if p + 2 < n and low[p] in self.lang.ordinal_prefix and toks[p + 1] == "-" and toks[p + 2].isdigit():
            p += 3          # an ordinal: "KTT ke-43 ASEAN"
        sp = self.span_at(p)
        if sp and sp.kind == "actor" and e.series is None:
            k = self.choose(sp.value)
            if self.kb.get(k).type == "Organization":
                e.series = self.add(k, self.text(sp.start, sp.end))
                p = e.end = sp.end
        if p < n and toks[p].isascii() and toks[p].isdigit() and len(toks[p]) == 4:
            e.year = int(toks[p])
            p = e.end = p + 1
        e.p = p

    def _series_after_of(self, e: _EventPhrase, p: int) -> int:
        """"the Summit of the Asia-Pacific Economic Cooperation (APEC) forum", "KTT
        Organisasi Kerja Sama Islam": an organisation after "of (the)" is the event's series,
        with its abbreviation in brackets."""
        toks, low = self.sm.tokens, self.sm.low
        n = len(toks)
        q = p
        if e.series is not None or q >= n or low[q] not in self.lang.name_links:
            return p
        q += 1
        if q < n and low[q] in self.lang.determiners:
            q += 1
        sp = self.span_at(q)
        if not (sp and sp.kind == "actor" and self.kb.get(self.choose(sp.value)).type == "Organization"):
            return p
        e.series = self.add(self.choose(sp.value), self.text(sp.start, sp.end))
        end = sp.end
        if end + 2 < n and toks[end] == "(" and toks[end + 2] == ")":
            end += 3        # "(APEC)"
        e.end = end
        return end

    def _abbreviations(self, key: str | None) -> list[str]:
        """The short names in capitals the knowledge base gives an organisation ("OIC", "APEC")."""
        return list(dict.fromkeys(self.kb.short_names.get(key, ()))) if key else []

    def _event_venue(self, e: _EventPhrase) -> None:
        """The venue, and its country after a comma: "di Hamburg, Jerman", "in Hamburg,
        Germany"."""
        toks, low = self.sm.tokens, self.sm.low
        n = len(toks)
        p = e.p
        e.before_place = e.end if e.place is None else None
        m = self.lang.venue.match(list(low), p) if p < n else None
        if not m:
            return
        sp = self.span_at(p + m[0])
        if sp and sp.kind == "actor":
            k = self.choose(sp.value)
            if self.kb.get(k).type in ("Place", "Country") and e.place is None:
                e.place = self.add(k, self.text(sp.start, sp.end))
                self.place_ok.add(e.place)
                self.emit(sp.start, sp.end, [e.place], "actor", arg=False)
                end = e.end = e.place_end = sp.end
                if end + 1 < n and toks[end] == "," and (sp3 := self.span_at(end + 1)) and sp3.kind == "actor":
                    k3 = self.choose(sp3.value)
                    if self.kb.get(k3).type == "Country":
                        self.add(k3, self.text(sp3.start, sp3.end))
                        self.emit(sp3.start, sp3.end, [k3], "actor", arg=False)
                        e.end = sp3.end

    def _proper_event_name(self, e: _EventPhrase) -> str | None:
        """A named event, capitalised around the noun: "Summit of the Americas", "Munich
        Security Conference", "Konferensi Asia Afrika".  Widens the phrase to the name."""
        s, toks, low = e.span, self.sm.tokens, self.sm.low
        n = len(toks)
        if not (e.series is None and toks[s.start][:1].isupper() and s.start > 0):
            return None
        q = s.end
        if q + 1 < n and low[q] in self.lang.name_links:
            q += 1
            if low[q] in self.lang.determiners:
                q += 1
        r = q
        while r < n and toks[r][:1].isupper() and toks[r].isalpha():
            r += 1
        a = s.start
        while a > 0 and toks[a - 1][:1].isupper() and toks[a - 1].isalpha() and low[a - 1] not in self.lang.stopwords:
            a -= 1
        if not (r > q or a < s.start):
            return None
        proper = self.text(a, r if r > q else s.end)
        for o in [o for o in self.occ if o.start >= a and o.end <= s.start]:
            self.occ.remove(o)
        e.start, e.end = a, (r if r > q else s.end)
        return proper

    def _named_event(self, spans, e: _EventPhrase, proper: str) -> int:
        """The event a proper name names, dated by the sentence's first date or the
        publication year: "Summit of the Americas" (2015) -> event/summit-of-the-americas-2015."""
        dates_here = [sp for sp in self.sm.spans if sp.kind == "date"]
        when = dates_here[0].value.value if dates_here else None
        year = int(when[:4]) if when else (self.pub.year if self.pub else None)
        key = f"event/{slug(proper)}" + (f"-{year}" if year else "")
        self.add_new(key, "Event", f"{year} {proper}" if year else proper, proper, date=when)
        self.emit(e.start, e.end, [key], "event")
        self.note_event(key)
        return self._next(spans, e.end)

    def _event_reference(self, spans, e: _EventPhrase) -> int:
        """An event noun with no series, place or name refers to the story's main event when
        determined or after a preposition: "KTT itu", "the summit", "di sela KTT"."""
        s, low = e.span, self.sm.low
        n = len(self.sm.tokens)
        end = e.end
        ref = self.main_event()
        after = end < n and low[end] in self.lang.demonstratives_after
        if ref and ((s.start > 0 and low[s.start - 1] in self.lang.determiners) or after
                    or self.after_preposition(s.start)):
            self.emit(s.start, end + (1 if after else 0), [ref], "eventref")
        return self._next(spans, end)

    def _series_event(self, spans, e: _EventPhrase) -> int:
        """An event of a series or at a place, dated by the sentence's date after it, the year
        written or the publication year: "KTT G20 di Bali" (2022) -> event/g20-summit-2022,
        "the Vilnius summit" -> event/vilnius-summit-2023."""
        start, end = e.start, e.end
        dates_here = [sp for sp in self.sm.spans if sp.kind == "date"]
        when = None
        if dates_here:
            after_d = [d for d in dates_here if d.start >= end] or dates_here
            when = after_d[0].value.value
        year = e.year
        if year is None:
            year = int(when[:4]) if when else (self.pub.year if self.pub else None)
        name_of = lambda k: self.entities[k].label if k in self.entities else self.kb.get(k).label  # noqa: E731
        series_label = name_of(e.series) if e.series else None
        place_label = name_of(e.place) if e.place else None
        base = slug(series_label or place_label)
        key = f"event/{base}-{slug(e.span.value)}" + (f"-{year}" if year else "")
        label = " ".join(x for x in (str(year) if year else None, series_label, place_label, e.span.value) if x)
        self.add_new(key, "Event", label, self.text(start, end), place=e.place, date=when, series=e.series)
        for abbr in self._abbreviations(e.series):
            self.add(key, f"{abbr} {e.span.value}")       # "OIC summit", "KTT OKI" as the press writes it
        # shorter names as written: without the country after the city ("KTT SCO di Qingdao"),
        # and without the place ("KTT SCO")
        for alias_end in (e.place_end, e.before_place):
            if alias_end and start < alias_end < end:
                self.add(key, self.text(start, alias_end))
        self.emit(start, end, [key], "event")
        self.note_event(key)
        return self._next(spans, end)
