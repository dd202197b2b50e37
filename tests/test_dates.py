"""Dates resolved against the publication date, in both languages."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract import dates, lang

PUB = date(2017, 1, 31)   # a Tuesday


def found(text: str, code: str, pub=PUB, tense=None, anchor=None):
    toks = [t for t, _, _ in lang.tokenize(text)]
    return [(d.value, d.conflict) for d in dates.find(toks, [lang.norm_token(t) for t in toks], lang.get(code), pub,
                                                      tense, anchor=anchor)]


@pytest.mark.parametrize("code, text, expected", [
    ("id", "pada Sabtu (28/1) lalu", "2017-01-28"),
    ("id", "di Hamburg, Jerman, pada 7– 8 Juli.", "2017-07-07"),
    ("id", "pada 7 hingga 8 Juli", "2017-07-07"),
    ("id", "Pada 20 Januari lalu, Menteri", "2017-01-20"),
    ("id", "Pada Desember lalu", "2016-12"),
    ("id", "pada 3 Maret 2015", "2015-03-03"),
    ("id", "kemarin", "2017-01-30"),
    ("id", "pada Kamis", "2017-01-26"),
    ("id", "Senin (30/1/2017)", "2017-01-30"),
    ("en", "on Thursday", "2017-01-26"),
    ("en", "on July 7-8 in Hamburg", "2017-07-07"),
    ("en", "on Jan. 20, 2017", "2017-01-20"),
    ("en", "on 20 January", "2017-01-20"),
    ("en", "last December", "2016-12"),
    ("en", "yesterday", "2017-01-30"),
    ("en", "next Monday", "2017-02-06"),
    ("en", "in 2015 they met", "2015"),
    ("id", "pada 2015 mereka bertemu", "2015"),
    ("en", "early next year", "2018"),
    ("id", "bulan depan", "2017-02"),
    # ordinal days (English writes them; Indonesian does not)
    ("en", "on 28th June, 2019", "2019-06-28"),
    ("en", "on June 28th, 2019", "2019-06-28"),
    ("en", "on 1st December", "2016-12-01"),
    ("id", "pada 28 Juni 2019", "2019-06-28"),
    # a count of units back from publication
    ("en", "20 years ago", "1997"),
    ("id", "20 tahun silam", "1997"),
    ("en", "3 days ago", "2017-01-28"),
    ("id", "2 pekan lalu", "2017-01-17"),
    ("id", "tahun lalu", "2016"),
])
def test_dates_resolve(code, text, expected):
    assert found(text, code)[0] == (expected, False)


@pytest.mark.parametrize("code, text", [("id", "Kamis (28/1)"), ("en", "Thursday, January 28")])
def test_dates_weekday_contradiction_is_flagged_not_dropped(code, text):
    assert found(text, code) == [("2017-01-28", True)]


@pytest.mark.parametrize("code, text", [("id", "Selasa (25/8)"), ("en", "Tuesday, August 25")])
def test_dates_a_weekday_picks_the_year_of_a_date_months_away(code, text):
    # published on 2021-03-22: 25 August was a Tuesday in 2020, a Wednesday in 2021
    assert found(text, code, pub=date(2021, 3, 22)) == [("2020-08-25", False)]


@pytest.mark.parametrize("code, text", [("en", "they may meet soon"), ("id", "mereka mungkin bertemu"),
                                        ("en", "some 2017 delegates met")])
def test_dates_no_false_dates(code, text):
    assert found(text, code) == []


@pytest.mark.parametrize("code, text, tense, expected", [
    ("en", "on Thursday", "future", "2017-02-02"),
    ("en", "in December", "future", "2017-12"),
    ("id", "pada Desember", "past", "2016-12"),
])
def test_dates_tense_picks_direction(code, text, tense, expected):
    assert found(text, code, tense=tense)[0][0] == expected


def test_dates_without_publication_date_only_explicit_years():
    assert found("on Thursday", "en", pub=None) == []
    assert found("on March 3, 2015", "en", pub=None) == [("2015-03-03", False)]


@pytest.mark.parametrize("code, text, expected", [
    ("id", "Ia berbicara dengan Putin sehari kemudian.", "2017-01-28"),
    ("id", "Keesokan harinya mereka bertemu.", "2017-01-28"),
    ("id", "Sehari sebelumnya ia tiba.", "2017-01-26"),
    ("en", "He spoke with Putin a day later.", "2017-01-28"),
    ("en", "The next day they met again.", "2017-01-28"),
    ("en", "Two days later the ministers met.", "2017-01-29"),
])
def test_dates_count_from_the_story_anchor(code, text, expected):
    assert [v for v, _ in found(text, code, anchor=date(2017, 1, 27))] == [expected]
    assert found(text, code) == []   # no anchor: no date


@pytest.mark.parametrize("code, text", [
    ("id", "Presiden Joko Widodo menelepon Presiden Rusia Vladimir Putin pada Jumat (27/1). "
           "Sehari kemudian, Joko Widodo berbicara melalui telepon dengan Presiden Prancis Emmanuel Macron."),
    ("en", "Indonesian President Joko Widodo called Russian President Vladimir Putin on Friday. "
           "A day later, Joko Widodo spoke by phone with French President Emmanuel Macron."),
])
def test_dates_a_day_later_in_the_pipeline(code, text):
    from kg.model import Article
    from kg.extract.pipeline import extract
    ex = extract(Article("t", text, code, PUB))
    got = {(r.type, r.target, r.date) for r in ex.relations if r.type == "spoke-with"}
    assert ("spoke-with", "person/emmanuel-macron", "2017-01-28") in got or \
        ("spoke-with", "person/joko-widodo", "2017-01-28") in got, ex.relations


@pytest.mark.parametrize("code, text, expected", [
    ("id", "KTT itu dijadwalkan berlangsung pada pertengahan November.", "2017-11"),
    ("en", "The summit is scheduled for November.", "2017-11"),
    ("id", "KTT itu berlangsung pada November.", "2016-11"),            # no tense: the nearest
    ("en", "The summit took place in November last year, officials said earlier.", "2016-11"),
])
def test_dates_a_sentence_tense_picks_the_year_of_a_bare_month(code, text, expected):
    from kg.extract import mentions
    from kg.extract.kb import load as load_kb
    from kg.model import Article
    from kg.extract.sentences import split
    sent = split(Article("t", text, code, PUB), lang.get(code))[0]
    sm = mentions.find(sent, lang.get(code), load_kb(), PUB)
    assert [sp.value.value for sp in sm.spans if sp.kind == "date"] == [expected]
