"""End-to-end tests of the `kg` command line: extract, build, eval, and bad input."""
from __future__ import annotations

import json
import subprocess
import sys

from datetime import date

import pytest
from typer.testing import CliRunner

import kg.cli.commands  # noqa: F401  (registers the commands)
from kg.cli import app

from conftest import ROOT, SEED, SEED_GOLD

runner = CliRunner()


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    # never a traceback: either success or a clean exit
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_cli_extract_json_contract():
    r = run("extract", SEED, "--published", "2017-01-31", "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert set(doc) == {"article", "entities", "relations"}
    assert doc["article"]["language"] == "id" and doc["article"]["published"] == "2017-01-31"
    ids = {e["id"] for e in doc["entities"]}
    for rel in doc["relations"]:
        assert rel["source"] in ids and rel["target"] in ids
        assert set(rel) >= {"type", "source", "target", "modality", "date", "place", "role", "evidence", "confidence"}


def test_cli_extract_table():
    r = run("extract", SEED, "-p", "2017-01-31", "-f", "table")
    assert r.exit_code == 0
    assert "RELATION" in r.stdout and "Donald Trump" in r.stdout


def test_cli_extract_table_cuts_no_cell_and_shows_evidence():
    """Issue 10: whole labels and roles (no "United States [head-of-state" cut), evidence lines."""
    from kg.cli.extract import _table
    from kg.extract import pipeline
    doc = pipeline.to_contract(pipeline.extract_file(SEED, published=date(2017, 1, 31)))
    text = _table(doc, width=80)
    labels = {e["id"]: e["label"] for e in doc["entities"]}
    rows = [ln for ln in text.splitlines() if ln.split(" ", 1)[0] in {r["type"] for r in doc["relations"]}]
    assert len(rows) == len(doc["relations"])
    for row, r in zip(rows, doc["relations"]):
        assert labels[r["source"]] in row and labels[r["target"]] in row and (r["role"] or "-") in row
    evidence = [ln for ln in text.splitlines() if ln.startswith("    > ")]
    assert len(evidence) == len(doc["relations"])
    assert all(len(ln) <= 80 for ln in text.splitlines() if ln.startswith(("    > ", "      ")))


@pytest.mark.parametrize("content, expected", [
    (b"", "empty file"),
    (b"\x00\x01\x02binary\x00" * 100, "binary file"),
    (b"   \n \n", "empty article"),
])
def test_cli_extract_bad_files(tmp_path, content, expected):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    r = run("extract", p)
    assert r.exit_code == 1
    assert r.stderr.strip().startswith("Error: [E100]") and expected in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and r.stdout == ""


@pytest.mark.parametrize("args, code, expected", [
    (["nope.txt"], "E100", "no such file"),
    ([SEED, "--published", "31-01-2017"], "E120", "expected YYYY-MM-DD"),
    ([SEED, "--lang", "fr"], "E110", "unsupported language 'fr'"),
    ([SEED, "--format", "xml"], "E130", "unknown format 'xml'"),
])
def test_cli_extract_bad_arguments(args, code, expected):
    r = run("extract", *args)
    assert r.exit_code == 1
    assert r.stderr.strip() == r.stderr.strip().splitlines()[0]
    assert f"[{code}]" in r.stderr and expected in r.stderr


def test_cli_extract_decodes_latin1(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes(("Kunjungan ke Istana Élysée dan pertemuan di Berlin\n\n" + "Presiden Prancis bertemu dengan "
                   "Kanselir Jerman di Berlin pada Senin (3/7). Kunjungan itu membahas kerja sama ekonomi, "
                   "ujar juru bicara Istana. " * 3).encode("latin-1"))
    r = run("extract", p, "-p", "2017-07-05")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["article"]["title"] == "Kunjungan ke Istana Élysée dan pertemuan di Berlin"


def test_cli_build_writes_graph(tmp_path):
    out = tmp_path / "out"
    r = run("build", SEED, "--out", out, "--published", "2017-01-31")
    assert r.exit_code == 0, r.stderr
    doc = json.loads((out / "graph.json").read_text())
    assert doc["format"] == "dipkg-graph" and doc["nodes"] and doc["edges"]


def test_cli_build_bad_article_writes_nothing(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (src / "empty.txt").write_text("")
    out = tmp_path / "out"
    r = run("build", src, "--out", out, "-p", "2017-01-31")
    assert r.exit_code == 1
    assert "empty file" in r.stderr and "nothing written" in r.stderr
    assert not out.exists()
    r = run("build", src, "--out", out, "-p", "2017-01-31", "--skip-bad")
    assert r.exit_code == 0
    assert (out / "graph.json").is_file()


def test_cli_eval_seed_meets_acceptance():
    r = run("eval", SEED_GOLD, SEED, "--json")
    assert r.exit_code == 0, r.stderr
    total = json.loads(r.stdout)["total"]
    assert total["entities"]["f1"] >= 0.95
    assert total["relations"]["f1"] >= 0.90
    assert total["modality_accuracy"] >= 0.90 and total["date_accuracy"] >= 0.90


@pytest.mark.parametrize("command", ["extract", "build", "eval"])
def test_cli_help_has_example(command):
    r = run(command, "--help")
    assert r.exit_code == 0 and "Example:" in r.stdout


def test_cli_python_m_kg_entry_point():
    r = subprocess.run([sys.executable, "-m", "kg", "extract", str(SEED), "-p", "2017-01-31"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["relations"]
    r = subprocess.run([sys.executable, "-m", "kg", "extract", "missing.txt"], capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    assert r.returncode == 1 and r.stderr.strip() == "Error: [E100] missing.txt: no such file or folder"
    assert "Traceback" not in r.stderr


def test_cli_extract_oversized_file(tmp_path, monkeypatch):
    from kg.extract import reader
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    p = tmp_path / "big.txt"
    p.write_text("Presiden bertemu menteri. " * 100)
    r = run("extract", p)
    assert r.exit_code == 1 and "[E100]" in r.stderr and "too large" in r.stderr and r.stdout == ""


def test_cli_build_output_is_atomic_on_failure(tmp_path, monkeypatch):
    """A failing exporter leaves the earlier graph.json as it was."""
    out = tmp_path / "out"
    assert run("build", SEED, "--out", out).exit_code == 0
    before = (out / "graph.json").read_bytes()
    from kg.graph import network as graph

    def boom(*a, **k):
        raise OSError("disk full")
    monkeypatch.setattr(graph, "_dump_item", boom)     # fails half-way through writing graph.json
    r = run("build", SEED, "--out", out)
    assert r.exit_code == 1 and r.stderr.strip() == "Error: [E190] disk full"
    assert (out / "graph.json").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_cli_output_into_a_closed_pipe_stops_quietly():
    """`kg query … | head -1`: the reader goes away; no traceback, no error line, exit 0."""
    query = "SELECT ?a ?b WHERE { ?a ?p ?o . ?b ?q ?r }"       # some 90,000 rows
    proc = subprocess.Popen([sys.executable, "-m", "kg", "query", query, "--graph", str(ROOT / "exports" / "graph.ttl"),
                             "--format", "tsv"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout.readline().startswith(b"?a\t?b")
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0 and err == b""
