"""What the entities stage records: where an entity occurs in a sentence, and who holds
which role.  Shared by the resolver (kg.extract.entities) and its parts (people, titles,
events) and read by the stages after it (clauses, relations)."""
from __future__ import annotations

from dataclasses import dataclass

HEAD_ROLES = ("head-of-state", "head-of-government")


@dataclass(frozen=True, slots=True)
class Occurrence:
    start: int                  # token offsets in the sentence
    end: int
    keys: tuple[str, ...]       # one entity, or two for a pair reference
    kind: str                   # actor | person | event | pair | name
    arg: bool = True            # may be an argument of a relation
    text: str = ""
    via: str = ""               # "envoy": a state named through its unnamed envoy


@dataclass(frozen=True)
class RoleBinding:
    person: str
    role: str
    of: str
    sentence: int
    rule: str
    confidence: float
    title: str = ""             # the words that gave the role, when known
    modality: str = "asserted"  # "planned": an office yet to be taken ("President-elect X")

