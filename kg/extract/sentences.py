"""Sentences stage: article text -> sentences with tokens and character offsets.

Line breaks end a sentence (headlines, credit lines and paragraphs are lines in news
copy); inside a line a sentence ends at . ! ? before a capital, a digit or a quote,
unless the word before the stop is a known abbreviation of the language.

The cost is linear in the text: the stop pattern cannot backtrack (a run of stops is
matched once, from its first character, and possessively), the abbreviation test looks
at a fixed window before the stop, and a sentence of more than `MAX_TOKENS` tokens is
cut into pieces (at a comma or semicolon where there is one) with a note, so the
per-sentence analysis of the later stages works on bounded input.
"""
from __future__ import annotations

import re

from kg.extract.lang import Language, tokens_in
from kg.model import Article, Sentence, Token

# (?<![.!?]) and the possessive ++ / *+: a run of 80,000 stops is one attempt, not n² steps
_STOP = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s++[\"'“‘(\[]?[A-Z0-9À-Ý])")
_LINE = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"(\w+)\.?$")
MAX_TOKENS = 120        # news sentences rarely pass 80 tokens; longer ones are lists or junk
_CUT_AT = frozenset({",", ";", ":", "–", "—"})


def _abbreviation(line: str, stop: int, abbrs: frozenset) -> bool:
    m = _WORD_BEFORE.search(line[max(0, stop - 19):stop + 1].rstrip("."))
    if not m:
        return False
    word = m.group(1)
    return word.lower() in abbrs or (len(word) == 1 and word.isupper())


_BULLETS = ("-", "•", "*", "·", "»", "–")


def _furniture(line: str, language: Language) -> bool:
    """A line of page furniture, not of the story: "Baca juga: …", "READ MORE", "Advertisement",
    "Share | 12 comments" (the language's `boilerplate`), or a short byline ("By Staff
    Reporter", "Penulis: …"; `byline_starts`)."""
    low = line.strip().lower()
    if _MARKUP.match(low):
        return True         # an image or a bare link of the page: "![…](https://…)", "[…](https://…)"
    # one test against all the prefixes first (a tuple): most lines start with none of them
    for p in language.boilerplate if low.startswith(language.boilerplate) else ():
        if not low.startswith(p):
            continue
        rest = low[len(p):]
        # "Share | 12 comments", "Advertisement", "© 2024 …" — not "Related talks were held"
        if not rest or not p[-1].isalnum() or not rest[0].isalnum() and not (rest[0] == " " and rest[1:2].isalnum()):
            return True
    if _caption(low, language):
        return True
    if len(low.split()) <= 8 and not low.endswith("."):
        return low.startswith(language.byline_starts) and any(
            low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum()) for p in language.byline_starts)
    return False


_MARKUP = re.compile(r"!?\[[^\]]*\]\([^)]*\)\s*$")
_CREDIT_END = re.compile(r"(?:\(([^()]{1,60})\)|/\s*([^/]{1,40}))\s*[.]?$")
_FIRST_WORD = re.compile(r"[\w.]+")


def _caption(low: str, language: Language) -> bool:
    """A photo caption: opened by a caption word ("Foto: …", "Photo: …"), or closed by a photo
    credit in brackets or after a slash ("… di Sidang Majelis Umum PBB. (Dok. Kemlu RI)",
    "… in Goa, India. /Reuters")."""
    if _opens_caption(low, language):
        return True
    m = _CREDIT_END.search(low)
    if not m:
        return False
    credit = (m.group(1) or m.group(2)).strip()
    first = _FIRST_WORD.match(credit)
    words = credit.replace(":", " ").replace("/", " ").split()
    if not first or not first.group()[0].isalpha():
        return False        # "(30/6)": a date, not a credit
    return bool(first) and (first.group().rstrip(".") in language.caption_credits
                            or any(w.rstrip(".") in ("via", "foto", "photo") for w in words)
                            or (m.group(1) is not None and "/" in credit and len(words) <= 6))


def _credit_line(line: str, language: Language) -> bool:
    """A short photo-credit line with no caption of its own ("Foto: Biro Pers/Laily Rachev"):
    the caption follows on the next line."""
    low = line.strip().lower()
    return len(low.split()) <= 8 and _opens_caption(low, language)


def _opens_caption(low: str, language: Language) -> bool:
    """The line opens with a caption word and its colon: "foto: …", "photo : …"."""
    return low.startswith(language.caption_starts) and any(
        low.startswith(p) and low[len(p):len(p) + 1] in (":", " ") and ":" in low[len(p):len(p) + 3]
        for p in language.caption_starts)


def _story_lines(text: str, language: Language):
    """The lines of `text` that belong to the story: page furniture is skipped, and so are the
    bulleted links right after it ("BERITA TERKAIT" then "- …" lines) and the caption under a
    photo-credit line."""
    skipping, caption_after = False, None
    for line in _LINE.finditer(text):
        body = line.group().strip()
        if not body:
            continue
        if caption_after == line.start() - 1 and len(body.split()) <= 30:
            caption_after = None
            continue        # the caption right under a credit line ("Foto: ANTARA/…" then the caption)
        if _furniture(body, language) or (skipping and body.startswith(_BULLETS)):
            skipping = True
            caption_after = line.end() if _credit_line(body, language) else None
            continue
        skipping, caption_after = False, None
        yield line


_TERMINAL = tuple('.!?"”’\'):;…')


def _continues(prev: str, nxt: str) -> bool:
    """Whether line `nxt` goes on with the sentence of line `prev` (a page that wraps its text:
    "… met on the sidelines of the G20 summit in China's city of" / "Hangzhou, …"): `prev`
    has no closing punctuation, and `nxt` starts in lower case or `prev` ends with a lower-case
    word.  A lone capitalised word stays a line of its own (a headline, a name)."""
    prev, nxt = prev.rstrip(), nxt.lstrip()
    if not prev or not nxt or prev.endswith(_TERMINAL) or nxt.startswith(_BULLETS):
        return False
    last = prev.split()[-1]
    return nxt[0].islower() or (last.isalpha() and last.islower())


def _blocks(text: str, language: Language):
    """(start, end) of the story's lines, a sentence wrapped over adjacent lines joined back."""
    cur = None
    for line in _story_lines(text, language):
        if cur and line.start() == cur[1] + 1 and _continues(text[cur[0]:cur[1]], line.group()):
            cur = (cur[0], line.end())
            continue
        if cur:
            yield cur
        cur = (line.start(), line.end())
    if cur:
        yield cur


def _spans(text: str, abbrs: frozenset, language: Language) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for a, b in _blocks(text, language):
        start, body = a, text[a:b]
        for m in _STOP.finditer(body):
            if body[m.start()] == "." and _abbreviation(body, m.start(), abbrs):
                continue
            spans.append((start, a + m.end()))
            start = a + m.end()
        spans.append((start, b))
    return spans


def _pieces(toks: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """`toks` in pieces of at most MAX_TOKENS, each cut after the last comma-like token
    of its second half when there is one."""
    out, at = [], 0
    while len(toks) - at > MAX_TOKENS:
        cut = next((i + 1 for i in range(at + MAX_TOKENS - 1, at + MAX_TOKENS // 2, -1) if toks[i][0] in _CUT_AT),
                   at + MAX_TOKENS)
        out.append(toks[at:cut])
        at = cut
    return out + [toks[at:]]


def split_with_notes(article: Article, language: Language) -> tuple[tuple[Sentence, ...], tuple[str, ...]]:
    """The sentences of `article`, and a note when long sentences had to be cut."""
    abbrs = frozenset(language.raw["lexicon"].get("abbreviations", ()))
    text = article.text
    out: list[Sentence] = []
    cut = 0
    for a, b in _spans(text, abbrs, language):
        toks = tokens_in(text, a, b)
        if not toks:
            continue
        pieces = _pieces(toks)
        cut += len(pieces) > 1
        for piece in pieces:
            # a whole sentence keeps what surrounds its tokens (a closing quote); a piece
            # runs from its first token to its last
            chunk = text[a:b] if len(pieces) == 1 else text[piece[0][1]:piece[-1][2]]
            start = (a if len(pieces) == 1 else piece[0][1]) + len(chunk) - len(chunk.lstrip())
            end = start + len(chunk.strip())
            out.append(Sentence(len(out), start, end, text[start:end],
                                tuple(map(Token._make, piece))))
    notes = (f"{cut} sentence(s) longer than {MAX_TOKENS} tokens were cut into pieces "
             f"of at most {MAX_TOKENS}",) if cut else ()
    return tuple(out), notes


def split(article: Article, language: Language) -> tuple[Sentence, ...]:
    return split_with_notes(article, language)[0]
