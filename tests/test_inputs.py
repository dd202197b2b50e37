"""Every kind of input through the one reader (issue 11): HTML pages, WARC, JSONL, CSV,
standard input, folders; article identity and duplicates; the no-date warning.

Every file is made by the test; the article texts were written for these tests.
"""
from __future__ import annotations

import gzip
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

import kg.cli.commands  # noqa: F401  (registers the commands)
from kg.cli import app
from kg.errors import FormatError, InputError
from kg.extract import identity, reader
from kg.extract.pipeline import extract

runner = CliRunner()

ARTICLE_ID = ("Presiden Indonesia Joko Widodo bertemu dengan Perdana Menteri Australia Anthony Albanese "
              "di Sydney pada Selasa (4/7). Kedua pemimpin membahas kerja sama perdagangan, energi "
              "bersih, dan keamanan kawasan.")
ARTICLE_ID_2 = ("Dalam pertemuan itu, Jokowi menyampaikan harapan agar kedua negara mempercepat kerja sama "
                "kendaraan listrik. Albanese menyebut Indonesia sebagai mitra penting Australia di kawasan.")
ARTICLE_EN = ("Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Seoul on "
              "Sunday. The two leaders agreed to resume regular visits.")

# A news page as sites publish them: navigation, share buttons, related links and reader
# comments around the article; the boilerplate names other leaders meeting.
PAGE = f"""<!DOCTYPE html>
<html lang="id-ID"><head><meta charset="utf-8">
<title>Jokowi Bertemu Albanese di Sydney - Warta Contoh</title>
<link rel="canonical" href="https://warta.example/internasional/2023/07/jokowi-albanese-sydney">
<meta property="article:published_time" content="2023-07-05T10:15:00+07:00">
</head><body>
<header><nav><ul><li><a href="/">Beranda</a></li><li><a href="/internasional">Internasional</a></li>
<li><a href="/ekonomi">Ekonomi</a></li></ul></nav></header>
<main><article>
<h1>Jokowi Bertemu Albanese di Sydney</h1>
<p class="byline">Oleh Redaksi Contoh</p>
<p>{ARTICLE_ID}</p>
<p>{ARTICLE_ID_2}</p>
<div class="share"><a href="#">Bagikan ke Facebook</a> <a href="#">Bagikan ke X</a></div>
</article></main>
<aside class="related"><h2>Berita Terkait</h2><ul>
<li><a href="/a">Presiden Prancis Emmanuel Macron bertemu dengan Kanselir Jerman Olaf Scholz di Berlin</a></li>
<li><a href="/b">Presiden Rusia Vladimir Putin berbicara dengan Presiden Tiongkok Xi Jinping</a></li></ul></aside>
<section id="comments" class="comments"><h2>Komentar</h2>
<div class="comment"><p>Pembaca: Presiden Amerika Serikat Joe Biden seharusnya bertemu dengan Perdana Menteri
India Narendra Modi juga.</p></div></section>
<footer><p>Hak cipta 2023 Warta Contoh. Semua hak dilindungi.</p></footer>
</body></html>
"""


def run(*args, input=None):
    result = runner.invoke(app, [str(a) for a in args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def articles(paths, **kw):
    items = list(reader.read_inputs(paths, reader.Options(**kw)))
    errors = [i.error for i in items if i.error]
    assert not errors, errors
    return [i.article for i in items if i.article]


def labels(ex):
    return {e.label for e in ex.entities}


def test_inputs_html_page_gives_only_the_article(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    [art] = articles([page])
    assert art.language == "id" and art.published == date(2023, 7, 5)
    assert art.url == "https://warta.example/internasional/2023/07/jokowi-albanese-sydney"
    assert art.title == "Jokowi Bertemu Albanese di Sydney"
    assert art.id.startswith("warta-example-internasional-2023-07-jokowi-albanese-sydney-")
    for boilerplate in ("Beranda", "Berita Terkait", "Macron", "Komentar", "Modi", "Bagikan", "Hak cipta"):
        assert boilerplate not in art.text
    ex = extract(art)
    assert {"Joko Widodo", "Anthony Albanese"} <= labels(ex)
    assert not labels(ex) & {"Emmanuel Macron", "Olaf Scholz", "Vladimir Putin", "Joe Biden", "Narendra Modi"}
    met = [r for r in ex.relations if r.type == "met-with"]
    assert met and met[0].date == "2023-07-04"      # "Selasa (4/7)" against the page's date


def test_inputs_html_page_on_the_command_line(tmp_path):
    page = tmp_path / "page.htm"
    page.write_text(PAGE, encoding="utf-8")
    r = run("extract", page)
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["article"]["published"] == "2023-07-05" and doc["article"]["language"] == "id"


def _warc(path, pages):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_inputs_warc_reads_each_html_response(tmp_path):
    other = PAGE.replace(ARTICLE_ID, ARTICLE_EN).replace(ARTICLE_ID_2, "").replace('lang="id-ID"', 'lang="en"')
    other = other.replace('<link rel="canonical" href="https://warta.example/internasional/2023/07/'
                          'jokowi-albanese-sydney">', "")
    warc = tmp_path / "crawl.warc.gz"
    _warc(warc, [("https://warta.example/a", "text/html; charset=utf-8", PAGE.encode()),
                 ("https://warta.example/logo.png", "image/png", b"\x89PNG\r\n"),
                 ("https://news.example/kishida-yoon", "text/html", other.encode())])
    arts = articles([warc])
    assert [a.language for a in arts] == ["id", "en"]
    assert arts[0].url == "https://warta.example/internasional/2023/07/jokowi-albanese-sydney"
    assert arts[1].url == "https://news.example/kishida-yoon"
    assert len({a.id for a in arts}) == 2
    assert "Fumio Kishida" in labels(extract(arts[1]))


def test_inputs_jsonl_rows_with_renamed_columns(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"body": ARTICLE_ID, "date": "2023-07-05T08:00:00Z", "lang": "id", "link": "https://x.example/1"},
            {"body": ARTICLE_EN, "date": "2023-03-20"},
            {"body": ARTICLE_EN, "date": "2023-03-20"}]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    opts = reader.Options(columns={"text": "body", "published": "date", "language": "lang", "url": "link"})
    summary = reader.Summary()
    items = list(reader.read_inputs([corpus], opts, summary=summary))
    arts = [i.article for i in items if i.article]
    assert [(a.published, a.language, a.url) for a in arts] == [
        (date(2023, 7, 5), "id", "https://x.example/1"), (date(2023, 3, 20), "en", None)]
    assert arts[1].id.startswith("corpus-")
    assert items[2].duplicate_of == f"{corpus}:2" and summary.duplicates == 1


def test_inputs_jsonl_bad_rows_are_errors_of_those_rows(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "%s"}\nnot json\n{"title": "no text"}\n[1]\n' % ARTICLE_EN, encoding="utf-8")
    items = list(reader.read_inputs([corpus]))
    assert items[0].article is not None
    assert [str(i.error) for i in items[1:]] == [
        f"[E100] {corpus}:2: not a JSON object (Expecting value)",
        f"[E100] {corpus}:3: no text (the row has no non-empty 'text' column)",
        f"[E100] {corpus}:4: not a JSON object"]


def test_inputs_csv_and_tsv(tmp_path):
    (tmp_path / "a.csv").write_text('id,text,published\nkishida-yoon,"%s",2023-03-20\n' % ARTICLE_EN,
                                    encoding="utf-8")
    (tmp_path / "b.tsv").write_text("text\tlanguage\n%s\tid\n" % ARTICLE_ID, encoding="utf-8")
    a, b = articles([tmp_path / "a.csv", tmp_path / "b.tsv"])
    assert (a.id, a.published, a.language) == ("kishida-yoon", date(2023, 3, 20), "en")
    assert b.language == "id" and b.published is None
    (tmp_path / "c.csv").write_text("body\nx\n", encoding="utf-8")
    [item] = reader.read_inputs([tmp_path / "c.csv"])
    assert "no 'text' column in the header (body)" in str(item.error)


def test_inputs_stdin_text_and_jsonl():
    r = run("extract", "-", "--published", "2023-07-05", input=ARTICLE_ID)
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["article"]["language"] == "id" and doc["article"]["id"].startswith("stdin-")
    lines = "\n".join(json.dumps({"text": t, "published": "2023-07-05"}) for t in (ARTICLE_ID, ARTICLE_EN))
    r = run("extract", "-", input=lines + "\n")
    assert r.exit_code == 0, r.output
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["article"]["language"] for d in docs] == ["id", "en"]


def test_inputs_two_story_files_are_two_articles_and_a_copy_is_one(tmp_path):
    for folder, text in (("jakarta", ARTICLE_ID), ("seoul", ARTICLE_EN), ("seoul-copy", ARTICLE_EN)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"---\npublished: 2023-07-05\n---\n{text}\n")
    (tmp_path / "README.md").write_text("| a | b |\n| Presiden Joko Widodo bertemu dengan Anthony Albanese |\n")
    out = tmp_path / "out"
    r = run("build", tmp_path, "--out", out)
    assert r.exit_code == 0, r.output
    assert "2 articles (1 duplicate(s) counted once, 1 file(s) skipped in folders)" in r.stderr
    assert f"Note: {tmp_path / 'seoul-copy' / 'story.txt'}: the same article as {tmp_path / 'seoul' / 'story.txt'}" \
        in r.stderr
    graph = json.loads((out / "graph.json").read_text())
    ids = [a["id"] for a in graph["articles"]]
    assert len(ids) == 2 and {i.rsplit("-", 1)[0] for i in ids} == {"jakarta-story", "seoul-story"}


def test_inputs_the_same_file_given_twice_is_read_once(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE_EN)
    summary = reader.Summary()
    items = list(reader.read_inputs([p, p], summary=summary))
    assert [bool(i.article) for i in items] == [True, False] and summary.duplicates == 1


def test_inputs_declared_ids_are_iri_segments_and_never_shared(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": "berita/1 a?b", "text": t}) for t in (ARTICLE_ID, ARTICLE_EN)))
    a, b = articles([corpus])
    assert a.id == "berita%2F1%20a%3Fb"
    assert b.id.startswith(a.id + "-") and any("belongs to another article" in n for n in b.notes)
    assert identity.iri_segment("Jokowi–Albanese") == "Jokowi%E2%80%93Albanese"


def test_inputs_ids_are_stable_across_runs(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE_EN)
    assert articles([p])[0].id == articles([p])[0].id == f"a-{identity.short_hash(identity.normalised(ARTICLE_EN))}"


def test_inputs_no_date_is_warned_once_per_article_and_counted(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_EN)
    (folder / "b.txt").write_text("---\npublished: 2023-03-20\n---\n" + ARTICLE_ID)
    r = run("build", folder, "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    warnings = [line for line in r.stderr.splitlines() if "no publication date" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"Warning: {folder / 'a.txt'}: no publication date")
    assert "2 articles (1 without a publication date)" in r.stderr
    r = run("build", folder, "--out", tmp_path / "out", "--published", "2023-03-20")
    assert "no publication date" not in r.stderr and "2 articles, " in r.stderr


def test_inputs_input_format_forces_a_reader(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(PAGE)
    [art] = articles([p], input_format="html")
    assert "Beranda" not in art.text
    with pytest.raises(FormatError, match="unknown input format 'pdf'"):
        list(reader.read_inputs([p], reader.Options(input_format="pdf")))


def test_inputs_folder_without_articles(tmp_path):
    (tmp_path / "README.md").write_text("x")
    with pytest.raises(InputError, match="no article files"):
        reader.collect([tmp_path])


def test_inputs_bad_warc(tmp_path):
    p = tmp_path / "x.warc.gz"
    p.write_bytes(gzip.compress(b"not a warc"))
    [item] = reader.read_inputs([p])
    assert "not a WARC file" in str(item.error)


def test_inputs_web_pages_are_read_without_the_network(tmp_path, monkeypatch):
    """trafilatura, htmldate, warcio and py3langid work on the bytes given: no download."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network used")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    (tmp_path / "page.html").write_text(PAGE.replace('lang="id-ID"', ""), encoding="utf-8")
    _warc(tmp_path / "c.warc", [("https://warta.example/a", "text/html", PAGE.encode())])
    summary = reader.Summary()
    items = list(reader.read_inputs([tmp_path], summary=summary))
    assert [i.article.language for i in items if i.article] == ["id"]     # detected: no lang attribute
    assert summary.duplicates == 1          # the page in the WARC has the same canonical URL
