"""Sentence splitting: lines, stops, abbreviations, offsets."""
from __future__ import annotations

import pytest

from kg.extract import lang, sentences
from kg.model import Article


def split(text: str, code: str) -> list[str]:
    art = Article(id="t", text=text, language=code)
    out = sentences.split(art, lang.get(code))
    for s in out:   # offsets point back into the article
        assert text[s.start:s.end] == s.text
        assert all(text[t.start:t.end] == t.text for t in s.tokens)
    return [s.text for s in out]


@pytest.mark.parametrize("code, text, expected", [
    ("id", "Judul Berita\n\nKalimat satu. Kalimat dua!", ["Judul Berita", "Kalimat satu.", "Kalimat dua!"]),
    ("en", "Headline\nMr. Smith met Dr. Jones. They talked.", ["Headline", "Mr. Smith met Dr. Jones.", "They talked."]),
    ("en", "The U.S. and Russia agreed. Talks follow.", ["The U.S. and Russia agreed.", "Talks follow."]),
    ("id", "“Kami setuju,” ujarnya. Lalu ia pergi.", ["“Kami setuju,” ujarnya.", "Lalu ia pergi."]),
    ("en", "He said “we agree.” Then he left.", ["He said “we agree.”", "Then he left."]),
    ("id", "Pada 7.30 pagi mereka bertemu.", ["Pada 7.30 pagi mereka bertemu."]),
])
def test_sentences_split(code, text, expected):
    assert split(text, code) == expected
