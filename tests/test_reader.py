"""Reading articles: encodings, front matter, and every kind of bad input."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract import reader
from kg.errors import DateError, InputError, LanguageError


def test_reader_front_matter_gives_date_title_language(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("---\ntitle: Judul\npublished: 2017-01-31\nlanguage: id\n---\nPresiden Joko Widodo bertemu "
                 "dengan Perdana Menteri Jepang di Tokyo.\n", encoding="utf-8")
    art = reader.read_article(p)
    assert (art.title, art.published, art.language) == ("Judul", date(2017, 1, 31), "id")
    assert art.id.startswith("a-") and len(art.id) == len("a-") + 8   # the name plus a text hash
    assert art.text.startswith("Presiden Joko Widodo")


def test_reader_option_date_overrides_front_matter(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("---\npublished: 2017-01-31\n---\nThe president met the prime minister in Tokyo on Monday.\n")
    assert reader.read_article(p, published=date(2020, 5, 5)).published == date(2020, 5, 5)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_reader_decodes_detectable_encodings(tmp_path, encoding):
    text = ("Le président français s'est entretenu avec le chancelier allemand à Berlin. "
            "The French president met the German chancellor in Berlin on Monday, officials said. "
            "Café, naïve, façade.\n") * 3
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(encoding))
    art = reader.read_article(p, language="en")
    assert "Café, naïve, façade." in art.text


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"   \n\n  \t\n", "empty article"),
    (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00" * 50, "binary file"),
    (bytes(range(256)) * 40, "binary file"),
])
def test_reader_rejects_bad_files(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message):
        reader.read_article(p)


def test_reader_rejects_missing_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        reader.read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        reader.read_article(tmp_path)


def test_reader_rejects_oversized(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_BYTES", 100)
    p = tmp_path / "big.txt"
    p.write_text("kata " * 100)
    with pytest.raises(InputError, match="too large"):
        reader.read_article(p)


@pytest.mark.parametrize("value", ["2017-13-01", "31/01/2017", "yesterday", ""])
def test_reader_bad_dates(value):
    with pytest.raises(DateError, match="expected YYYY-MM-DD"):
        reader.parse_date(value)


def test_reader_unknown_language(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Der Präsident traf sich mit dem Kanzler.")
    with pytest.raises(LanguageError, match="unsupported language 'de'"):
        reader.read_article(p, language="de")


def test_reader_undetectable_language(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Der Bundeskanzler traf sich gestern mit dem französischen Präsidenten in Berlin.")
    with pytest.raises(LanguageError, match="cannot detect"):
        reader.read_article(p)


def test_reader_collect_folders(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.md", "sub/c.txt", "skip.json", "README.md", "LICENSE.txt", "d.html", "e.jsonl"):
        (tmp_path / name).write_text("x")
    summary = reader.Summary()
    found = reader.collect([tmp_path], summary=summary)
    assert [(s.path.name, s.format) for s in found] == [
        ("a.md", "text"), ("b.txt", "text"), ("d.html", "html"), ("e.jsonl", "jsonl"), ("c.txt", "text")]
    assert [s.relative for s in found][-1] == "sub/c"
    assert summary.skipped == 3     # skip.json, README.md, LICENSE.txt
    with pytest.raises(InputError, match="no such file or folder"):
        reader.collect([tmp_path / "missing"])
