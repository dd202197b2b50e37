"""Mentions stage: sentences -> spans that name actors, titles, events, dates and names.

Longest match wins at each position, in this order: dates, knowledge-base names,
pair references ("kedua negara"), titles ("Menteri Luar Negeri"), event nouns ("KTT"),
then runs of capitalised words that may be a person's name.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kg.extract import dates
from kg.extract.kb import KnowledgeBase
from kg.extract.lang import Language, positions
from kg.model import Sentence


ROMAN = frozenset({"II", "III", "IV", "V", "VI", "VII", "VIII", "Jr", "Sr"})


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str       # actor | pair | title | eventnoun | name | date
    value: object   # actor: tuple of (key, how); pair: "countries"|"people"; title: role;
                    # eventnoun: English noun; name: tuple of tokens; date: DateMention


@dataclass(frozen=True, slots=True)
class SentenceMentions:
    sentence: Sentence
    tokens: tuple[str, ...]     # surface tokens, apostrophes normalised
    low: tuple[str, ...]        # lower-case tokens
    spans: tuple[Span, ...]
    credit: bool                # a photo-credit or byline line: no actors from it


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() and any(c.isalpha() for c in tok)


def _name_run(tokens: list[str], low: list[str], i: int, taken: list[bool], lang: Language,
              first_in_sentence: bool, glued: frozenset[int] = frozenset()) -> int:
    """Length of a run of capitalised words (with particles such as al-, bin) at i."""
    n = len(tokens)

    def cap(j: int) -> bool:
        t = tokens[j]
        return (not taken[j] and _is_cap(t) and not (t.isupper() and len(t) > 1)
                and t not in lang.not_names and low[j] not in lang.possessive
                and low[j] not in lang.role_modifiers and not _calendar_word(low[j], lang))

    if not cap(i) or (first_in_sentence and (low[i] in lang.stopwords or lang.triggers.match(low, i)
                                             or lang.modality.match(low, i))):
        return 0
    j = i + 1
    while j < n and j - i < 7:
        if (len(tokens[j]) == 1 and tokens[j].isupper() and j + 2 < n and tokens[j + 1] == "."
                and not taken[j] and not taken[j + 2] and _is_cap(tokens[j + 2])):
            # a middle initial: "Peter M. Christian", "George W. Bush"; or several: "Kelly D. K. Craft"
            j += 2 if (j + 3 < n and len(tokens[j + 2]) == 1 and tokens[j + 3] == ".") else 3
            continue
        if (not taken[j] and 2 <= len(tokens[j]) <= 3 and tokens[j].isupper() and tokens[j].isalpha()
                and tokens[j] not in ROMAN and j + 1 < n and cap(j + 1)):
            j += 1      # initials without stops: "Retno LP Marsudi"
            continue
        if cap(j) or (not taken[j] and tokens[j] in ROMAN and j > i):   # "Abdullah II"
            j += 1
            continue
        if (j in glued and j + 1 < n and not taken[j + 1] and tokens[j + 1].isalpha()
                and tokens[j + 1].islower() and len(tokens[j + 1]) <= 4):
            j += 2      # Korean and Vietnamese given names: "Kim Sung-han", "Kim Jong-un" (not "Khamenei - who")
            continue
        if j in glued and tokens[j] == "'" and j + 1 < n and not taken[j + 1] and cap(j + 1):
            j += 2      # an apostrophe inside a name: "O'Brien", "D'Alema"
            continue
        k = j
        while k < n and not taken[k] and low[k] in lang.name_particles:
            k += 1
        if j < k < n and cap(k):
            j = k + 1
            continue
        break
    return j - i


def _calendar_word(w: str, lang: Language) -> bool:
    """A month or weekday name that is no one's name ("in February"); "May" may be either."""
    return (w in lang.months or w in lang.weekdays) and w not in lang.ambiguous_months


OPENERS = ("“", '"', "(", "‘", "—", "-", ":")


def _sentence_initial(kb: KnowledgeBase, tokens: list[str], i: int):
    """"World leaders have condemned …": a lower-case name of the knowledge base (a group,
    "world leaders", "negara-negara Barat") capitalised because it opens the sentence."""
    lowered = tokens[:i] + [tokens[i][0].lower() + tokens[i][1:]] + tokens[i + 1:]
    m = kb.names.match(lowered, i)
    if m and m[0] > 1 and all(kb.get(k).type == "Group" for k, _ in m[1].items()):
        return m
    return None


def _place_expected(tokens: list[str], low: list[str], i: int, lang: Language) -> bool:
    """Where a gazetteer name may stand: after "di", "ke", "dari", "in", "at the", "to", or as
    a dateline ("PEKANBARU, KOMPAS.com -", "KOBE, Japan (Reuters) -")."""
    if i == 0:
        return any(t in ("-", "—", "–", "(") for t in tokens[1:8])
    p = i
    while p > 0 and low[p - 1] in lang.determiners:
        p -= 1
    for index in (lang.venue, lang.to_words, lang.from_words):
        for k in range(max(0, p - 3), p):
            m = index.match(low, k)
            if m and k + m[0] == p:
                return True
    return False


def _title_case(tokens, first_line: bool) -> bool:
    """A headline written in title case ("Turkey Expels Israeli Envoy, Erdogan Slams …"): a line
    with no full stop, the article's first with most words of more than three letters
    capitalised, another with (nearly) all of them.  News sentences are dense with names, so
    a later line needs more than a majority."""
    words = [t for t in tokens if len(t) > 3 and t.isalpha()]
    if len(words) < 4:
        return False
    share = sum(t[0].isupper() for t in words) / len(words)
    return tokens[-1] not in (".", "!", "?", '"', "”") and share >= (0.65 if first_line else 0.95)


def _names_a_thing(tokens: list[str], low: list[str], a: int, b: int, lang: Language) -> bool:
    """A place or state name inside the name of a treaty, a process or a paper ("the Vienna
    Convention", "Konvensi Wina", "the Minsk agreements", "The Washington Post"): no actor."""
    after = b < len(tokens) and low[b] in lang.name_heads_after and (tokens[b][:1].isupper() or low[b] in lang.plural_heads)
    before = a > 0 and low[a - 1] in lang.name_heads_before and tokens[a - 1][:1].isupper()
    return after or before


def _portfolio_end(tokens: list[str], low: list[str], j: int, lang: Language) -> int:
    """Where a title ends once the portfolio written after it is included: "Menteri Investasi
    (Menko Marves) Bahlil", "Minister of Finance X"; the portfolio is no part of the name."""
    k = j + 1 if j < len(low) and low[j] in lang.portfolio_words else j
    m = lang.portfolios.match(low, k) if k < len(low) and tokens[k][:1].isupper() else None
    if not m:
        return j
    end = k + m[0]
    if end < len(tokens) and tokens[end] == "(":       # an abbreviation of the office in brackets
        close = next((c for c in range(end + 1, min(len(tokens), end + 6)) if tokens[c] == ")"), None)
        if close is not None:
            end = close + 1
    return end


def _take(spans: list[Span], taken: list[bool], a: int, b: int, kind: str, value) -> None:
    spans.append(Span(a, b, kind, value))
    for k in range(a, b):
        taken[k] = True


def _known_spans(tokens: list[str], low: list[str], lang: Language, kb: KnowledgeBase,
                 taken: list[bool], spans: list[Span]) -> None:
    """Names the knowledge base or the gazetteer knows ("Retno Marsudi", "Jepang"; "Japan"),
    then pair references ("kedua negara"; "both countries"), titles ("Menteri Luar Negeri",
    "duta besarnya"; "Foreign Minister") and event nouns ("KTT"; "summit"), longest first."""
    n = len(tokens)
    stemmed: list[str] = []
    clitic_at = [w.endswith(lang.clitics) for w in low] if lang.clitics else None

    def stems() -> list[str]:
        if not stemmed:
            stemmed.extend(lang.stem(w) for w in low)
        return stemmed

    names = kb.names.hits(tokens)
    where = positions(low)
    local = (("pair", lang.pair_refs.hits(low, where)), ("title", lang.titles.hits(low, where)),
             ("eventnoun", lang.event_nouns.hits(low, where)))
    i = 0
    while i < n:
        if taken[i]:
            i += 1
            continue
        m = names.get(i)
        if m is None and (i == 0 or tokens[i - 1] in OPENERS) and tokens[i][:1].isupper() and not tokens[i].isupper():
            m = _sentence_initial(kb, tokens, i)
        if m is None and tokens[i].isupper() and len(tokens[i]) > 1:
            m = kb.folded.match([t.upper() for t in tokens], i)
        if m is None and tokens[i][:1].isupper():
            gaz, gaz_upper = kb.gazetteer()
            if (tokens[i] in gaz.lengths or tokens[i].upper() in gaz_upper.lengths) and _place_expected(tokens, low, i, lang):
                m = gaz.match(tokens, i) or (gaz_upper.match([t.upper() for t in tokens], i) if tokens[i].isupper() else None)
        if m and not any(taken[i:i + m[0]]) and not _names_a_thing(tokens, low, i, i + m[0], lang):
            length, keys = m
            _take(spans, taken, i, i + length, "actor", tuple(sorted(keys.items())))
            i += length
            continue
        for kind, found in local:
            m = found.get(i)
            if m is None and kind == "title" and clitic_at and any(clitic_at[i:i + 4]):
                m = lang.titles.match(stems(), i)     # "duta besarnya": its ambassador
            if m and not any(taken[i:i + m[0]]):
                # a title word written as part of a longer capitalised name is not a title
                end = _portfolio_end(tokens, low, i + m[0], lang) if kind == "title" else i + m[0]
                _take(spans, taken, i, end, kind, m[1])
                i = end
                break
        else:
            i += 1


def _name_spans(sentence: Sentence, tokens: list[str], low: list[str], lang: Language,
                title: str, taken: list[bool], spans: list[Span]) -> None:
    """Runs of capitalised words nothing else has taken, read as a person's name ("Joko
    Widodo", "Kim Jong-un"); in a headline written in title case, one word at most."""
    n = len(tokens)
    headline = _title_case(tokens, sentence.index == 0 or (bool(title) and sentence.text.strip() == title.strip()))
    toks = sentence.tokens      # a hyphen with no space on either side joins the words
    glued = frozenset(k for k in range(1, n - 1) if tokens[k] in ("-", "'") and toks[k - 1].end == toks[k].start
                      and toks[k].end == toks[k + 1].start)
    i = 0
    while i < n:
        if taken[i] or not tokens[i][:1].isupper():     # a name starts with a capital
            i += 1
            continue
        length = _name_run(tokens, low, i, taken, lang, i == 0 or tokens[i - 1] in ("“", '"', "(", "‘"), glued)
        if length > 1 and tokens[i] in lang.honorifics:     # "Sheikh Abdullah bin Zayed": not part of the name
            i, length = i + 1, length - 1
        if headline:
            length = min(length, 1)     # every word is capitalised: a run of them is no name
        if length:
            _take(spans, taken, i, i + length, "name", tuple(tokens[i:i + length]))
            i += length
        else:
            i += 1


def find(sentence: Sentence, lang: Language, kb: KnowledgeBase, pub: date | None,
         anchor: date | None = None, title: str = "") -> SentenceMentions:
    """The mentions of one sentence.  `anchor`: the story's last full date; `title`: the
    article's headline (its line in the text is read as a headline)."""
    tokens = [t.text.replace("’", "'") for t in sentence.tokens]
    low = [t.lower() for t in tokens]
    n = len(tokens)
    taken = [False] * n
    spans: list[Span] = []
    # a sentence's tense picks the year of a bare month ("KTT G20 dijadwalkan pada pertengahan
    # November", in April: the coming November); both tenses, or neither: the nearest
    future = lang.future.occurs_in(low)
    past = lang.past.occurs_in(low)
    tense = "future" if future and not past else "past" if past and not future else None
    for d in dates.find(tokens, low, lang, pub, tense, anchor=anchor):
        _take(spans, taken, d.start, d.end, "date", d)
    _known_spans(tokens, low, lang, kb, taken, spans)
    _name_spans(sentence, tokens, low, lang, title, taken, spans)
    spans.sort(key=lambda s: s.start)
    credit = _is_credit(spans, low, n, lang, kb)
    return SentenceMentions(sentence, tuple(tokens), tuple(low), tuple(spans), credit)


def _is_credit(spans: list[Span], low: list[str], n: int, lang: Language, kb: KnowledgeBase) -> bool:
    """A line made of a news organisation's name and credit words ("Foto: Reuters")."""
    if n > 12:
        return False
    covered = set()
    media = False
    for s in spans:
        if s.kind == "actor" and any(kb.get(k).kind == "media" for k, _ in s.value):
            media = True
            covered.update(range(s.start, s.end))
        elif s.kind == "name":
            covered.update(range(s.start, s.end))
    return media and all(k in covered or low[k] in lang.credit_words for k in range(n))
