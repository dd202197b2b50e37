"""The relation rules: small named functions over one sentence's analysis.

A trigger word ("bertemu", "expelled", "percakapan telepon") gives a relation type; the
rules then find who took part, in stages:

- `subjects`: who acts (the clause's subject, a possessor, the people leading a
  delegation, the head of a ", who" aside, a pronoun's antecedent, the sentence's lead);
- `pairs`: how the participants pair up (between X and Y, each against the other, a
  coordinated subject, subject and object, a list after the trigger, an ally in apposition);
- `venues`: where a meeting or visit took place;
- `sentence` and `article` rules that reach beyond one trigger (a summit is a meeting, "the
  call" continues the pair named before, the other party of talks in a place was there).

Each rule is registered under its name, which is the `rule` of the edges it makes, with a
docstring that gives one example per language.  `RULES` lists them in the order they are
tried; `kg.extract.relations` runs them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from kg.model import SYMMETRIC


@dataclass(frozen=True)
class Rule:
    name: str           # the `rule` field of the edges it makes
    stage: str          # subjects | pairs | venues | sentence | article
    fn: Callable
    confidence: float   # the confidence of its edges before adjustments

    @property
    def doc(self) -> str:
        return (self.fn.__doc__ or "").strip()


RULES: dict[str, list[Rule]] = {}
BY_NAME: dict[str, Rule] = {}


def rule(stage: str, name: str, confidence: float) -> Callable[[Callable], Callable]:
    """Register a rule function under `name` in `stage` (tried in registration order)."""
    def register(fn: Callable) -> Callable:
        r = Rule(name, stage, fn, confidence)
        RULES.setdefault(stage, []).append(r)
        BY_NAME[name] = r
        return fn
    return register


def confidence(name: str) -> float:
    return BY_NAME[name].confidence


@dataclass
class Trigger:
    """One trigger occurrence and what the rules have found of it so far."""
    ex: object                      # the Extractor: knowledge base, resolution, emit
    s: object                       # the sentence's Analysis
    rtype: str                      # the relation type the trigger gives
    ts: int                         # trigger tokens ts..te
    te: int
    persons_only: bool = False      # signing together, shaking hands: people only
    envoy_only: bool = False        # summoned, memanggil: hostile to an envoy's state only
    c: int = 0                      # the trigger's clause
    args: list = field(default_factory=list)
    before: list = field(default_factory=list)
    after: list = field(default_factory=list)
    modality: str = "asserted"
    date: str | None = None
    conflict: bool = False
    btw: list | None = None         # "antara X dan Y" after the trigger
    btw_gap: int = 0
    subject: list = field(default_factory=list)
    subj_rule: str = "subject-object"
    obj: object = None
    nominal: tuple | None = None
    topic: bool = False
    possessed: bool = False         # "Russia's war": the subject is the trigger noun's possessor
    host: list = field(default_factory=list)

    @property
    def symmetric(self) -> bool:
        return self.rtype in SYMMETRIC

    def members(self, occs) -> list[str]:
        return [k for o in occs for k in self.ex.keys(o)]


def load() -> None:
    """Import the rule modules, which register their rules in order."""
    from kg.extract.rules import subjects, pairs, venues, discourse  # noqa: F401


load()
