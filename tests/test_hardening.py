"""Issue 15, "Inputs" and "Builds all or nothing": each reproduction of the probe."""
from __future__ import annotations

import json
import os
import time
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

import kg.cli.commands  # noqa: F401  (registers the commands)
from kg.atomic import STAGE_PREFIX, output_set, recover
from kg.cli import app, one_line
from kg.errors import GraphError
from kg.extract import lang, sentences
from kg.extract.pipeline import extract_text
from kg.extract.reader import read_text_article
from kg.graph.network import from_json, to_json

from conftest import ROOT, SEED

runner = CliRunner()


def run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r


# -- cost linear in the input -------------------------------------------------------------
def test_sentences_run_of_stops_does_not_backtrack_issue15():
    """80 KB of `.!?` took 153 s in the splitter's regex; a generous bound, not a benchmark."""
    art = read_text_article("Putin said " + ".!?" * 27_000 + " Then Xi spoke.", "x", language="en")
    start = time.process_time()
    sentences.split(art, lang.get("en"))
    assert time.process_time() - start < 5


def test_sentences_long_sentence_cut_with_a_note_issue15():
    text = "Putin spoke with Trump and " * 200 + "Xi."
    ex = extract_text(text, language="en", published=date(2020, 1, 1))
    sents = sentences.split(ex.article, lang.get("en"))
    assert len(sents) > 1 and all(len(s.tokens) <= sentences.MAX_TOKENS for s in sents)
    assert all(s.text == ex.article.text[s.start:s.end] for s in sents)
    assert any("were cut into pieces" in w for w in ex.warnings)


# -- crashes ------------------------------------------------------------------------------
@pytest.mark.parametrize("published", [date.min, date(1, 1, 2), date.max, date(9999, 12, 30)])
@pytest.mark.parametrize("text", ["Putin met Trump yesterday.", "Putin met Trump on Tuesday.",
                                  "Putin will meet Trump next Tuesday.", "Putin met Trump next month.",
                                  "Putin met Trump last year.", "Kemarin Jokowi bertemu Xi Jinping."])
def test_dates_clamped_near_date_min_and_max_issue15(published, text):
    ex = extract_text(text, published=published)
    for r in ex.relations:
        assert r.date is None or "0001" <= r.date[:4] <= "9999"


@pytest.mark.parametrize("text", ["Putin met Trump on May ¹² ¹⁹⁹⁹.", "Putin met Trump at the G20 summit ²⁰¹⁷.",
                                  "Jokowi bertemu Xi pada ³ Juli ²⁰²².", "Putin met Trump on 1²/3."])
def test_dates_only_ascii_digits_are_numbers_issue15(text):
    extract_text(text, published=date(2020, 1, 1))


@pytest.mark.parametrize("bad", ["a b", 'a"b', "a<b", "a{b}", "a|b", "a\tb", "a\x01b", "a\\b^`"])
def test_identity_ids_percent_encoded_issue15(bad):
    from rdflib import URIRef
    from kg.graph.rdf import to_graph
    from kg.graph.network import add_extraction, new_graph
    ex = extract_text(f"---\nid: {bad}\n---\nPutin met Trump in Moscow.", published=date(2020, 1, 1))
    assert all(c not in ex.article.id for c in ' "<>{}|\t\\^`\x01')
    g = new_graph()
    add_extraction(g, ex)
    to_graph(g).serialize(format="nt")
    URIRef("https://example.org/" + ex.article.id)


def _graph_doc() -> dict:
    return json.loads((ROOT / "exports" / "graph.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("corrupt", [
    lambda d: d.update(nodes={"a": 1}), lambda d: d["nodes"].append(7), lambda d: d["nodes"][0].update(label=[1]),
    lambda d: d["nodes"][0].update(aliases="x"), lambda d: d["nodes"][0].update(id=None),
    lambda d: d["edges"][0].update(confidence="high"), lambda d: d["edges"][0].update(source="nowhere"),
    lambda d: d["edges"][0].update(evidence={"a": 1}), lambda d: d["articles"].append([1]),
    lambda d: d["articles"][0].update(title=3), lambda d: d.update(edges=None)])
def test_graph_json_corrupted_is_a_graph_error_issue15(corrupt):
    doc = _graph_doc()
    corrupt(doc)
    with pytest.raises(GraphError):
        from_json(doc)


def test_graph_json_round_trip_unchanged():
    doc = _graph_doc()
    assert to_json(from_json(doc)) == doc


def test_graphml_gexf_without_xml_forbidden_characters_issue15(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Putin met Trump\x01 in Moscow\x0b on \ufffeMonday\uffff.\x1b[31m\n", encoding="utf-8")
    out = tmp_path / "out"
    r = run("build", art, "--out", out, "--published", "2020-01-01")
    assert r.exit_code == 0, r.stderr
    for name in ("graph.graphml", "graph.gexf"):
        ElementTree.parse(out / name)


# -- messages -----------------------------------------------------------------------------
def test_cli_control_characters_in_names_escaped_issue15(tmp_path):
    bad = tmp_path / "bad\nError: fake.txt"
    bad.write_text("")
    r = run("extract", bad)
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("Error: [E100]") and "\\n" in r.stderr
    assert one_line("a\x1b[31mb\r") == "a\\x1b[31mb\\r"


def test_cli_unreadable_file_is_e100_issue15(tmp_path, monkeypatch):
    art = tmp_path / "a.txt"
    art.write_text("Putin met Trump.")

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))
    monkeypatch.setattr(Path, "read_bytes", denied)
    r = run("extract", art)
    assert r.exit_code == 1 and r.stderr.startswith("Error: [E100]") and "Permission denied" in r.stderr


def test_reader_unreadable_subfolder_reported_issue15(tmp_path, monkeypatch):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("Putin met Trump in Moscow.")
    (tmp_path / "in" / "sub" / "b.txt").write_text("Xi met Lula.")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)
    r = run("build", tmp_path / "in", "--out", tmp_path / "out")
    assert r.exit_code == 1 and "sub: cannot read this folder (Permission denied)" in r.stderr


# -- builds all or nothing -----------------------------------------------------------------
def test_atomic_output_set_failure_leaves_old_set_and_no_temp(tmp_path):
    (tmp_path / "graph.json").write_text("old")
    with pytest.raises(RuntimeError):
        with output_set(tmp_path) as stage:
            (stage / "graph.json").write_text("new")
            (stage / "graph.ttl").write_text("new")
            raise RuntimeError("exporter failed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]
    assert (tmp_path / "graph.json").read_text() == "old"


def test_atomic_recover_rolls_a_committed_set_forward_and_drops_a_partial_one(tmp_path):
    for f in ("graph.json", "graph.ttl"):
        (tmp_path / f).write_text("old")
    ready = tmp_path / f"{STAGE_PREFIX}999999999-x.ready"
    ready.mkdir()
    (ready / "graph.ttl").write_text("new")       # graph.json was moved in before the kill
    (tmp_path / "graph.json").write_text("new")
    partial = tmp_path / f"{STAGE_PREFIX}999999998-y.tmp"
    partial.mkdir()
    (partial / "graph.json").write_text("half")
    recover(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json", "graph.ttl"]
    assert {(tmp_path / f).read_text() for f in ("graph.json", "graph.ttl")} == {"new"}


def test_cli_build_writes_the_whole_set_and_no_temp(tmp_path):
    out = tmp_path / "out"
    assert run("build", SEED, "--out", out).exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["graph.gexf", "graph.graphml", "graph.html", "graph.json", "graph.ttl"]


def test_store_ingest_refuses_to_fill_the_disk_issue15(tmp_path, monkeypatch):
    import shutil
    from collections import namedtuple
    store = tmp_path / "store"
    assert run("ingest", SEED, "--store", store, "--quiet").exit_code == 0
    before = run("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", store).stdout
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage(10**9, 10**9 - 10**6, 10**6))
    art = tmp_path / "b.txt"
    art.write_text("Russian President Vladimir Putin met Donald Trump in Helsinki.")
    r = run("ingest", art, "--store", store, "--published", "2018-07-16")
    assert r.exit_code == 1 and r.stderr.startswith("Error: [E170]") and "not enough free space" in r.stderr
    monkeypatch.undo()
    assert run("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", store).stdout == before
