"""Sentences stage: article text -> sentences with tokens and character offsets.

Line breaks end a sentence (headlines, credit lines and paragraphs are lines in news
copy); inside a line a sentence ends at . ! ? before a capital, a digit or a quote,
unless the word before the stop is a known abbreviation of the language.
"""
from __future__ import annotations

import re

from kg.extract.lang import Language, tokenize
from kg.model import Article, Sentence, Token

_STOP = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])")
_LINE = re.compile(r"[^\n]+")


def _abbreviation(text: str, stop: int, abbrs: frozenset) -> bool:
    m = re.search(r"(\w+)\.?$", text[:stop + 1][-20:].rstrip("."))
    if not m:
        return False
    word = m.group(1)
    return word.lower() in abbrs or (len(word) == 1 and word.isupper())


def split(article: Article, language: Language) -> tuple[Sentence, ...]:
    abbrs = frozenset(language.raw["lexicon"].get("abbreviations", ()))
    text = article.text
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for m in _STOP.finditer(line.group()):
            if text[line.start() + m.start()] == "." and _abbreviation(line.group(), m.start(), abbrs):
                continue
            spans.append((start, line.start() + m.end()))
            start = line.start() + m.end()
        spans.append((start, line.end()))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        a, chunk = a + lead, chunk.strip()
        if not chunk:
            continue
        toks = tuple(Token(t, a + s, a + e) for t, s, e in tokenize(chunk))
        if toks:
            out.append(Sentence(len(out), a, a + len(chunk), chunk, toks))
    return tuple(out)
