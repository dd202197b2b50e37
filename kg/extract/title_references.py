"""Whom a title with no name after it refers to, for the entities stage: the name right
before it ("Retno Marsudi Menteri Luar Negeri Indonesia memanggil …"), the last person met in
that role ("sang presiden", "the minister"), or the one holder the knowledge base knows
("Presiden Rusia mengatakan …", "the Australian foreign minister said").

A part of the title mixin (kg.extract.titles) of the resolver in kg.extract.entities: it reads
and writes the resolver's state (the sentence `sm`, its occurrences `occ`, `entities`, ...).
"""
from __future__ import annotations

from kg.extract.occurrences import HEAD_ROLES, Occurrence
from kg.extract.title_phrase import TitlePhrase


class TitleReferenceMixin:
    """A person a title with no name refers to."""

    def _holder_right_before(self, t: TitlePhrase) -> bool:
        """The title right after a name, with no comma, is that person's: "Retno Marsudi
        Menteri Luar Negeri Indonesia memanggil …", "Toto Riyanto Duta Besar Indonesia untuk
        Brasil"."""
        before = next((o for o in reversed(self.occ) if o.kind in ("person", "name") and o.end == t.first), None)
        if before is None or t.definite:
            return False
        key = before.keys[0] if before.kind == "person" else self._name_before(before)
        if not key:
            return False
        self.resolve_role(key, t.role, t.affil, None, "title", 0.8)
        return True

    def _name_before(self, o: Occurrence) -> str | None:
        """The person a bare name right before a title names (made a person now: the title
        introduces them)."""
        sp = self.span_at(o.start)
        if sp is None or sp.kind != "name" or len(sp.value) < 2:
            return None
        key = self.name(sp, allow_new=True)
        if key:
            self.occ.remove(o)
            self.emit(o.start, o.end, [key], "person")
        return key

    def _definite_reference(self, t: TitlePhrase) -> bool:
        """A definite title with no affiliation is the last person met in that role: "sang
        presiden", "the minister"."""
        plural = t.span.start > 0 and self.sm.low[t.span.start - 1] in self.lang.plural_determiners
        ref = self.last_with_role(t.role) if t.definite and t.affil is None and not plural else None
        if not ref:
            return False
        self.emit(t.span.start, t.span.end, [ref], "person")
        return True

    def _kb_holder(self, t: TitlePhrase, stop: int) -> bool:
        """A state's head or foreign minister the knowledge base knows as the one holder on the
        publication date: "Presiden Rusia mengatakan …", "the Australian foreign minister said"
        — but not after a name it is apposed to ("Zed Seselja, Australia's foreign minister,"),
        not a generic title ("the leader of Australia" names no office), and not the offices
        of several states ("menteri luar negeri Arab Saudi, Yordania dan Jerman")."""
        s, toks, low = t.span, self.sm.tokens, self.sm.low
        n = len(toks)
        k = t.first - 1
        while k > 0 and (low[k] in self.lang.definite or low[k] in self.lang.determiners):
            k -= 1
        appositive = k > 0 and toks[k] == "," and any(o.end == k and o.kind == "person" for o in self.occ) \
            and (t.close >= n or toks[t.close] in (",", ".", ";"))
        generic = self.lang.generic_titles.match(list(low), s.start)
        generic = generic and generic[0] == s.end - s.start     # "the leader of Australia" names no office
        if t.affil and t.role in HEAD_ROLES + ("foreign-minister",) and self.entities[t.affil].type == "Country" \
                and not appositive and not generic and not self.affiliation_list(t.p):
            holders = self.kb.holders(t.role, t.affil, self.pub) if self.pub else []
            if len(holders) == 1:
                person = self.add(holders[0])
                self.emit(t.first, stop, [person], "person")
                self.resolve_role(person, t.role, t.affil, None, "title-kb", 0.7)
                return True
        return False
