"""Language resources are data: one folder per language with the same files and keys."""
from __future__ import annotations

import json

import pytest

from kg.extract import lang
from kg.model import RELATION_TYPES, ROLES
from kg.resources import data_dir

LANGS = lang.available()


def test_lang_both_languages_present():
    assert {"id", "en"} <= set(LANGS)


@pytest.mark.parametrize("name", lang.FILES)
def test_lang_same_files_and_keys_in_every_language(name):
    keys = {code: set(json.loads((data_dir() / code / f"{name}.json").read_text(encoding="utf-8")))
            for code in LANGS}
    first = keys[LANGS[0]]
    assert all(k == first for k in keys.values()), keys


@pytest.mark.parametrize("code", LANGS)
def test_lang_values_are_contract_values(code):
    raw = lang.get(code).raw
    assert set(raw["roles"]["titles"].values()) <= set(ROLES)
    assert {k for k in raw["triggers"] if not k.startswith("_")} <= set(lang.TRIGGER_KINDS)
    assert set(raw["calendar"]["months"].values()) == set(range(1, 13))
    assert set(raw["calendar"]["weekdays"].values()) == set(range(7))


@pytest.mark.parametrize("code", LANGS)
def test_lang_entries_are_lower_case(code):
    raw = lang.get(code).raw
    for words in list(raw["triggers"].values()) + [list(raw["roles"]["titles"])]:
        if isinstance(words, list):
            assert all(w == w.lower() for w in words)


def test_lang_sources_recorded():
    text = (data_dir() / "SOURCES.md").read_text(encoding="utf-8")
    for name in lang.FILES:
        assert f"`{name}.json`" in text


@pytest.mark.parametrize("code, text", [
    ("id", "Presiden Joko Widodo bertemu dengan Perdana Menteri Jepang di Tokyo pada hari Senin, kata juru bicara."),
    ("en", "The president met the Japanese prime minister in Tokyo on Monday, a spokesman said."),
])
def test_lang_detect(code, text):
    assert lang.detect(text) == code
