"""Language resources: one folder per language under `kg/data/<lang>/` with the same files.

This module only loads and indexes them; adding a language means adding a folder.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import LanguageError
from kg.resources import data_dir

# Trigger lists: one per relation type, plus "met-with-persons" (signing together, shaking
# hands: a meeting only when a person is on one side).
# relation types, and trigger kinds that narrow one: signing together (persons only), hostility to an envoy
TRIGGER_KINDS = ("ally-of", "spoke-with", "met-with", "met-at", "opposes", "met-with-persons", "opposes-envoy")

FILES = ("lexicon", "roles", "triggers", "modality", "calendar", "events", "codes")

# Tokens: dotted acronyms (U.S.), numbers, words with inner apostrophes, single symbols.
TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|\d+(?:[.,:]\d+)*(?![^\W_])|[^\W\d_][^\W_]*?(?=n['’]t\b)|n['’]t\b"
                      r"|['’](?:s|ll|re|ve|d|m)\b|[^\W_]+|[^\w\s]")
# The same without the two "n't" alternatives, for a text that holds no "n't": they cannot
# match there, and the lazy one tries a lookahead at every letter of every word.
_NO_NOT_RE = re.compile(r"(?:[A-Z]\.){2,}|\d+(?:[.,:]\d+)*(?![^\W_])|['’](?:s|ll|re|ve|d|m)\b|[^\W_]+|[^\w\s]")


def tokenize(text: str) -> list[tuple[str, int, int]]:
    return tokens_in(text, 0, len(text))


def tokens_in(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The tokens of text[start:end], with their offsets in `text` (the pattern looks neither
    before `start` nor after `end`, so this is tokenizing the slice, without copying it)."""
    pattern = TOKEN_RE if text.find("n't", start, end) >= 0 or text.find("n’t", start, end) >= 0 else _NO_NOT_RE
    return [(m.group(), m.start(), m.end()) for m in pattern.finditer(text, start, end)]


def norm_token(token: str) -> str:
    """The form tokens are matched in: lower case, one kind of apostrophe."""
    return token.lower().replace("’", "'")


def phrase(text: str) -> tuple[str, ...]:
    """A lexicon entry as a tuple of normalised tokens."""
    return tuple(norm_token(t) for t, _, _ in tokenize(text))


class PhraseIndex:
    """Longest-match lookup of token sequences, keyed by their first token."""

    def __init__(self, entries: dict[tuple[str, ...], object]):
        self.entries = entries
        self.lengths: dict[str, list[int]] = {}
        for key in entries:
            self.lengths.setdefault(key[0], []).append(len(key))
        for k in self.lengths:
            self.lengths[k] = sorted(set(self.lengths[k]), reverse=True)
        self.firsts = frozenset(self.lengths)

    def match(self, tokens, i: int):
        """(length, value) of the longest entry starting at `i`, or None."""
        lens = self.lengths.get(tokens[i])
        if lens:
            for n in lens:
                key = tuple(tokens[i:i + n])
                if len(key) == n and key in self.entries:
                    return n, self.entries[key]
        return None

    def hits(self, tokens, where: dict[str, list[int]] | None = None) -> dict[int, tuple[int, object]]:
        """Every position of `tokens` where an entry starts: {i: (length, value)}, probing only
        the positions whose token can start an entry.  `where` ({token: positions}, see
        `positions`) lets many indexes share one pass over the sentence."""
        match = self.match
        if where is None:
            lengths = self.lengths
            starts = [i for i, w in enumerate(tokens) if w in lengths]
        else:
            starts = sorted(i for w in self.firsts.intersection(where) for i in where[w])
        return {i: m for i in starts if (m := match(tokens, i))}

    def occurs_in(self, tokens) -> bool:
        """Whether an entry starts anywhere in `tokens`."""
        lengths, match = self.lengths, self.match
        return any(match(tokens, i) for i, w in enumerate(tokens) if w in lengths)


def positions(tokens) -> dict[str, list[int]]:
    """{token: the positions it stands at}: the shared pass of `PhraseIndex.hits`."""
    where: dict[str, list[int]] = {}
    for i, w in enumerate(tokens):
        where.setdefault(w, []).append(i)
    return where


COUNTERPART = "counterpart"     # a title that repeats the office of the person named before


def _index(items) -> PhraseIndex:
    if isinstance(items, dict):
        return PhraseIndex({phrase(k): v for k, v in items.items() if not k.startswith("_")})
    return PhraseIndex({phrase(k): True for k in items})


@dataclass(frozen=True)
class Language:
    code: str
    raw: dict
    stopwords: frozenset
    and_words: PhraseIndex
    between: PhraseIndex
    host_words: PhraseIndex         # "hosted (talks between …)": the host takes part
    remote_words: frozenset         # a call, a video link: talks that put no one anywhere
    topic_prepositions: frozenset   # "over the pact with China": a topic, not the subject's relation
    led_by: PhraseIndex             # "the delegation, led by X": X stands for the group
    list_joiners: PhraseIndex       # "X and its allies Y and Z": joins a list like "and"
    ally_joiners: PhraseIndex       # "X dan sekutunya, Y": Y is X's ally
    reciprocal_verbs: PhraseIndex   # "X and Y clashed": each against the other
    reciprocal_nouns: PhraseIndex   # "fighting between X and Y": the same, with "between" only
    unowned_hostility: PhraseIndex  # "akibat perang": a war whose parties the clause does not give
    with_words: PhraseIndex
    against: PhraseIndex
    venue: PhraseIndex
    to_words: PhraseIndex
    by_words: PhraseIndex
    from_words: PhraseIndex
    affiliation_before_title: bool
    comparative: PhraseIndex
    complementizers: PhraseIndex
    clause_breaks: PhraseIndex
    reporting: PhraseIndex
    pronouns: frozenset
    indefinite: frozenset           # "a French minister": an official acting for a state (titles)
    relative: frozenset
    determiners: frozenset
    demonstratives_after: frozenset
    negation_exceptions: frozenset
    ordinal_prefix: frozenset
    name_links: frozenset
    posting: PhraseIndex
    ambiguous_months: dict
    capital_before: PhraseIndex
    capital_after: PhraseIndex
    adverbial: frozenset
    title_joiners: PhraseIndex
    clitics: tuple
    distributive: PhraseIndex
    plural_pronouns: frozenset
    subordinators: frozenset
    definite: frozenset
    pair_refs: PhraseIndex          # -> "countries" | "people"
    credit_words: frozenset
    name_particles: frozenset
    not_names: frozenset
    honorifics: frozenset
    titles: PhraseIndex             # -> role value
    role_modifiers: frozenset
    possessive: frozenset
    represented_by: PhraseIndex
    domestic_country: str | None    # whom an unnamed minister serves (roles.json)
    portfolio_words: frozenset      # "Minister for …": a portfolio follows, not a name
    portfolios: PhraseIndex         # "Menteri Investasi …": what the minister is minister of
    boilerplate: tuple              # "Baca juga:", "READ MORE": page furniture lines
    byline_starts: tuple            # "By …", "Penulis: …": a short byline line
    name_heads_after: frozenset     # "Vienna Convention": a place naming a thing, head after it
    name_heads_before: frozenset    # "Konvensi Wina": the same, head before it
    plural_heads: frozenset         # "the Minsk agreements": heads that need no capital
    announcing: PhraseIndex         # "announced new sanctions against Russia": the object is announced
    caption_starts: tuple           # "Foto:", "Photo:": a caption line
    caption_credits: frozenset      # "(Dok. Kemlu RI)", "/Sputnik via AP": a credit closing a caption
    quantity_words: frozenset       # "about two hours": a number word, not a topic
    anaphor_nouns: dict             # "the pact" -> "ally-of": what a definite noun names again
    complement_triggers: frozenset  # "declared X persona non grata": the object stands before the trigger
    joining_words: PhraseIndex      # ", joining Bulgaria, Spain and Italy": they did the same
    summons: frozenset              # "summoned the ambassador": a meeting too
    recalls: frozenset              # "recalled its ambassador": hostile to the host, not the envoy
    cessation: frozenset            # "halted aid to X": a hostile word after them ends the object search
    rejecting: frozenset            # "rejected an offer from X", "refused to meet Y": objects that are proposals
    meeting_nouns: frozenset        # "the BRICS meeting": an organisation right before names it
    ally_nouns: frozenset           # "U.S. allies, France and Slovenia": whose allies a list is
    accompanied: PhraseIndex        # "didampingi", "accompanied by": the companions were there too
    received: PhraseIndex           # "drew criticism from", "menuai kecaman dari": the agents follow
    including: PhraseIndex          # "from many countries, including X": the list's members follow
    copulas: frozenset              # "menjadi", "became": the noun after names the subject
    envoy_verbs: frozenset          # the 'opposes-envoy' words, whatever kind they index first
    leave_words: PhraseIndex        # "told the ambassador to leave": an expulsion
    joint_acts: PhraseIndex         # "X and Y agreed here": done together, in one place
    present_words: PhraseIndex      # "Also present were X and Y", "yang hadir antara lain X, Y"
    government_of_leader: dict      # {"after": [...], "before": [...]}: "the Trump administration", "pemerintahan Jokowi"
    here_words: PhraseIndex         # "agreed here Friday": the dateline's place
    verb_marks: dict                # {"prefixes": [...], "suffixes": [...]}: how a verb looks
    own_words: frozenset            # "recalled its ambassador": the subject's own envoy
    then_words: PhraseIndex         # "Perdana Menteri saat itu, X": the office of that time
    envoy_titles: PhraseIndex       # "the Israeli ambassador": an unnamed envoy stands for the state
    mission_nouns: PhraseIndex      # "withdraw its peacekeepers from Chad": posted like envoys
    envoy_of: frozenset             # "diplomats from France": the sending state follows
    generic_titles: PhraseIndex     # "the leader of Australia": no one office, so no office holder
    officials_nouns: PhraseIndex    # "Malaysian officials … are": a list of titled people follows (rule `title-list`)
    list_openers: PhraseIndex       # "are", "yaitu", ":": where such a list starts
    ministry_words: frozenset       # "juru bicara Kementerian Luar Negeri X", "Foreign Ministry spokesperson X"
    office_heads: frozenset         # "the Turkish Embassy": a body's noun, never a one-word name
    elect_words: frozenset          # "President-elect", "Presiden terpilih": an office yet to be taken
    plural_determiners: frozenset   # "para pemimpin": several holders, never one person
    term_words: PhraseIndex         # "periode 2014-2019": the term of an office, before its years
    noun_affixes: tuple             # (prefix, suffix): "kepresidenan", "administration": no one's name
    triggers: PhraseIndex           # -> relation type
    not_followed_by: dict
    passive_triggers: frozenset     # "diserang": the object is the agent, "oleh" or not
    visit_nouns: frozenset          # "kunjungan X ke Y": a visit noun, its agent after it
    topic_verbs: frozenset          # "membahas situasi di Gaza": the place belongs to the topic
    modality: PhraseIndex           # -> modality name
    past: PhraseIndex
    future: PhraseIndex
    months: dict
    weekdays: dict
    relative_days: PhraseIndex
    relative_to_story: PhraseIndex  # days from the story's last full date ("sehari kemudian")
    relative_years: PhraseIndex
    year_prepositions: frozenset
    relative_months: PhraseIndex
    range_words: frozenset
    day_suffixes: tuple             # "28th", "1st": ordinal endings of a day number
    ago: PhraseIndex                # "20 years ago", "20 tahun silam": units back from publication
    last_words: frozenset
    next_words: frozenset
    event_nouns: PhraseIndex        # -> English noun

    def stem(self, token: str) -> str:
        return _stem(self, token)

    def has_clitic(self, token: str) -> bool:
        """"duta besarnya", "sekutunya": the word carries a clitic of the language."""
        return bool(self.clitics) and token.endswith(self.clitics)

    def looks_like_verb(self, token: str) -> bool:
        """A word shaped like a verb of the language (`verb_marks`: "membenci", "hating")."""
        marks = self.verb_marks
        return len(token) >= 6 and token.isalpha() and (
            token.startswith(marks["prefixes"]) or token.endswith(marks["suffixes"]))


def _stem(lang: "Language", token: str) -> str:
    """"teleponnya" -> "telepon", "besarnya" -> "besar": Indonesian clitics attach to the
    word they follow; a language with none lists no clitics."""
    for c in lang.clitics:
        if token.endswith(c) and len(token) > len(c) + 3:
            return token[: -len(c)]
    return token


def _load(code: str) -> dict:
    folder = data_dir() / code
    raw = {}
    for name in FILES:
        with open(folder / f"{name}.json", encoding="utf-8") as fh:
            raw[name] = json.load(fh)
    return raw


def available() -> list[str]:
    d = data_dir()
    return sorted(p.name for p in d.iterdir() if p.is_dir() and (p / "lexicon.json").is_file())


@lru_cache(maxsize=None)
def get(code: str) -> Language:
    if code not in available():
        raise LanguageError(f"unsupported language {code!r} (available: {', '.join(available())})")
    raw = _load(code)
    lex, roles, trig, mod, cal = raw["lexicon"], raw["roles"], raw["triggers"], raw["modality"], raw["calendar"]
    triggers = {}
    for rtype, words in trig.items():
        if rtype.startswith("_"):
            continue
        for w in words:
            triggers.setdefault(w, rtype)
    modality = {}
    for m in ("negated", "conditional", "possible", "planned"):
        for w in mod[m]:
            modality.setdefault(w, m)
    pair_refs = {w: kind for kind, words in lex["pair_refs"].items() for w in words}
    low = lambda xs: frozenset(norm_token(x) for x in xs)
    return Language(
        code=code, raw=raw, stopwords=low(lex["stopwords"]),
        and_words=_index(lex["and"]), between=_index(lex["between"]), host_words=_index(lex["host_words"]), remote_words=low(lex["remote_words"]), topic_prepositions=low(lex["topic_prepositions"]), led_by=_index(lex["led_by"]), list_joiners=_index(lex["list_joiners"]), ally_joiners=_index(lex.get("ally_joiners", [])), reciprocal_verbs=_index(lex["reciprocal_verbs"]), reciprocal_nouns=_index(lex["reciprocal_nouns"]), unowned_hostility=_index(lex["unowned_hostility"]), with_words=_index(lex["with"]),
        against=_index(lex["against"]), venue=_index(lex["venue"]), to_words=_index(lex["to"]),
        by_words=_index(lex["by"]), from_words=_index(lex["from"]),
        affiliation_before_title=bool(roles.get("affiliation_before_title")), comparative=_index(lex["comparative"]),
        complementizers=_index(lex["complementizers"]), clause_breaks=_index(lex["clause_breaks"]),
        reporting=_index(lex["reporting_verbs"]), pronouns=low(lex["pronouns"]), relative=low(lex["relative"]), determiners=low(lex["determiners"]),
        demonstratives_after=low(lex["demonstratives_after"]), negation_exceptions=low(lex["negation_exceptions"]),
        ordinal_prefix=low(lex["ordinal_prefix"]), name_links=low(lex["name_links"]), posting=_index(lex["posting"]),
        ambiguous_months={k: low(v) for k, v in cal["ambiguous_months"].items()}, capital_before=_index(lex["capital_before"]), capital_after=_index(lex["capital_after"]), adverbial=low(lex["adverbial"]), title_joiners=_index(lex["title_joiners"]), clitics=tuple(lex["clitics"]), distributive=_index(lex["distributive"]), plural_pronouns=low(lex["plural_pronouns"]), subordinators=low(lex["subordinators"]), definite=low(lex["definite"]), indefinite=low(lex["indefinite"]),
        pair_refs=_index(pair_refs), credit_words=low(lex["credit_words"]),
        name_particles=low(lex["name_particles"]), not_names=frozenset(lex["not_names"]), honorifics=frozenset(lex["honorifics"]),
        titles=_index({**roles["titles"], **{w: COUNTERPART for w in roles["counterpart_words"]}}), role_modifiers=low(roles["modifiers"]), possessive=low(roles["possessive"]), represented_by=_index(roles["represented_by"]), domestic_country=roles.get("domestic_country"), portfolio_words=low(roles["portfolio_words"]), portfolios=_index(roles["portfolios"]), boilerplate=tuple(lex["boilerplate"]), byline_starts=tuple(lex["byline_starts"]), name_heads_after=low(lex["name_heads_after"]), name_heads_before=low(lex["name_heads_before"]), plural_heads=low(lex["plural_heads"]), announcing=_index(lex["announcing_verbs"]), caption_starts=tuple(lex["caption_starts"]), caption_credits=low(lex["caption_credits"]), quantity_words=low(lex["quantity_words"]), anaphor_nouns=dict(lex["anaphor_nouns"]), joining_words=_index(lex["joining_words"]), accompanied=_index(lex["accompanied_words"]), received=_index(lex["received_words"]), including=_index(lex["including_words"]), copulas=low(lex["copulas"]), envoy_verbs=frozenset(trig["opposes-envoy"]), leave_words=_index(trig.get("_leave", ())), joint_acts=_index(lex["joint_acts"]), present_words=_index(lex["present_words"]), government_of_leader={k: low(v) for k, v in lex["government_of_leader"].items()}, here_words=_index(lex["here_words"]), own_words=low(lex["own_words"]), verb_marks={k: tuple(v) for k, v in lex["verb_marks"].items()}, then_words=_index(roles["then_words"]), envoy_titles=_index(roles["envoy_titles"]), envoy_of=low(roles["envoy_of"]), mission_nouns=_index(roles["mission_nouns"]), officials_nouns=_index(roles["officials_nouns"]), list_openers=_index(roles["list_openers"]), ministry_words=low(roles["ministry_words"]), office_heads=low(roles["office_heads"]), elect_words=low(roles["elect_words"]), plural_determiners=low(roles["plural_determiners"]), term_words=_index(roles["term_words"]), generic_titles=_index(roles.get("generic_titles", [])), noun_affixes=tuple((a, b) for a, b in roles["noun_affixes"]),
        triggers=_index(triggers), not_followed_by={k: low(v) for k, v in trig.get("_not_followed_by", {}).items()}, passive_triggers=low(trig.get("_passive", ())), visit_nouns=low(trig.get("_visit_nouns", ())), topic_verbs=low(trig.get("_topic_verbs", ())), complement_triggers=low(trig.get("_complement", ())), summons=low(trig.get("_summons", ())), recalls=low(trig.get("_recalls", ())), meeting_nouns=low(trig.get("_meeting_nouns", ())), rejecting=low(trig.get("_rejecting", ())), cessation=low(trig.get("_cessation", ())), ally_nouns=low(trig.get("_ally_nouns", ())),
        modality=_index(modality), past=_index(mod["past"]), future=_index(mod["future"]),
        months={k: v for k, v in cal["months"].items()}, weekdays=dict(cal["weekdays"]),
        relative_days=_index(cal["relative_days"]), relative_to_story=_index(cal["relative_to_story"]), relative_years=_index(cal["relative_years"]), year_prepositions=low(cal["year_prepositions"]),
        relative_months=_index(cal["relative_months"]), range_words=low(cal["range_words"]), day_suffixes=tuple(cal["day_suffixes"]), ago=_index(cal["ago"]),
        last_words=low(cal["last"]), next_words=low(cal["next"]),
        event_nouns=_index(raw["events"]["nouns"]),
    )


# Malay and Indonesian are one language in two standards, and on a short text the detector
# swings between them (a one-line Indonesian report often scores higher as Malay).  We have
# no Malay resources: what either scores counts for Indonesian, and a text the detector is
# sure is Malay (MALAY_SURE) is read with the Indonesian resources and a warning saying so.
READ_AS = {"ms": "id"}
MALAY_SURE = 0.9
NAMES = {"ms": "Malay", "id": "Indonesian", "en": "English", "de": "German", "fr": "French",
         "nl": "Dutch", "es": "Spanish", "pt": "Portuguese", "it": "Italian", "jv": "Javanese",
         "tl": "Tagalog", "vi": "Vietnamese", "ru": "Russian", "zh": "Chinese", "ar": "Arabic"}
# A text is refused as another language only when the detector is this sure of it and the
# text does not have the stopword share of one of ours ("Putin met Biden" looks Dutch to it).
OTHER_SURE = 0.5
STOPWORD_SHARE = 0.12


@lru_cache(maxsize=1)
def _identifier():
    # py3langid ships its model in the package (no download); loading it takes ~0.7 s, so
    # only when a text has no declared language.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _stopword_share(text: str, code: str) -> float:
    words = [t.lower() for t, _, _ in tokenize(text) if t.isalpha()]
    return sum(w in get(code).stopwords for w in words) / len(words) if words else 0.0


def identify(text: str, sample: int = 4000) -> tuple[str, str | None]:
    """(language code, warning or None) of `text`, among the languages we have data for.

    A detector made for short texts (py3langid) scores every language it knows; the best
    of ours wins (a near language such as Malay counting for the one it is read as), a
    text that is surely Malay gets a warning, and one surely in another language is
    refused with that language's name.
    """
    text = text[:sample]
    if not any(t.isalpha() for t, _, _ in tokenize(text)):
        raise LanguageError("cannot detect the language: the text has no words")
    probs = dict(_identifier().rank(text))
    supported = available()
    # The detector's share, plus the share of the language's stopwords: on a few words
    # of names the detector hardly knows, the stopwords tip the balance.
    score = {code: probs.get(code, 0.0) + sum(p for near, p in probs.items() if READ_AS.get(near) == code)
             + _stopword_share(text, code) for code in supported}
    ours = max(supported, key=score.__getitem__)
    best = max(probs, key=probs.__getitem__)
    if (best not in supported and best not in READ_AS and probs[best] >= OTHER_SURE
            and _stopword_share(text, ours) < STOPWORD_SHARE):
        name = f"{NAMES[best]} ({best})" if best in NAMES else repr(best)
        raise LanguageError(f"cannot detect the language: the text looks like {name}, not one of "
                            f"{', '.join(supported)}; pass --lang to choose one")
    near = next((n for n, code in READ_AS.items() if code == ours and probs.get(n, 0.0) >= MALAY_SURE), None)
    if near:
        return ours, (f"the text looks like {NAMES.get(near, near)} ({near}), which has no resources; "
                      f"read as {NAMES.get(ours, ours)} ({ours}) (pass --lang to choose)")
    return ours, None


def detect(text: str, sample: int = 4000) -> str:
    """The language of `text` (see `identify`), without the warning."""
    return identify(text, sample)[0]
