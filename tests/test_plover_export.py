"""`kg export --format plover`: PLOVER event records checked against a JSON Schema written
from the PLOVER manual (issue 14)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import kg.cli.commands  # noqa: F401  (registers the commands)
from kg import exporters
from kg.cli import app
from kg.exporters.plover import actor_code, records
from kg.model import iri
from kg.resources import ontology_dir

jsonschema = pytest.importorskip("jsonschema")

runner = CliRunner()


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((ontology_dir() / "plover.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_plover_export_of_the_seed_passes_the_schema(seed_graph, tmp_path, validator):
    out = tmp_path / "seed.jsonl"
    r = runner.invoke(app, ["export", str(_graph_file(seed_graph, tmp_path)), "--format", "plover", "--out", str(out)])
    assert r.exit_code == 0, r.stdout + r.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    events = [d for _, _, d in seed_graph.edges(data=True) if d["type"] != "holds-role"]
    assert len(lines) == len(events) > 0
    for line in lines:
        rec = json.loads(line)
        errors = [e.message for e in validator.iter_errors(rec)]
        assert not errors, (rec["id"], errors)


def _graph_file(g, tmp_path):
    path = tmp_path / "graph.json"
    exporters.export(g, "graph-json", path)
    return path


def test_plover_export_record_fields(sample_graph):
    recs = {r["relation"]: r for r in records(sample_graph)}
    call = recs["spoke-with"]
    assert call["event"] == ["CONSULT"] and call["mode"] == ["phone"] and call["cameo"] == "04"
    assert call["quad_code"] == 1 and call["date"] == "2017-01-28" and call["date_precision"] == "day"
    assert call["actor"][0]["identifier_id"] == "Q22686" and call["actor"][0]["code"] == "USA"
    assert call["recipient"][0]["code"] == "RUS"        # Putin: the knowledge base's office
    assert call["cite_info"]["citation"] == "sample" and call["text"].startswith("Presiden Putin")
    assert recs["ally-of"]["date"] == "2017-01-31" and recs["ally-of"]["date_precision"] == "publication"
    assert recs["met-at"]["event_loc"]["country_code"] == "DEU"     # the G20 summit in Hamburg
    assert "holds-role" not in recs


def test_plover_export_schema_rejects_a_mode_of_another_category(sample_graph, validator):
    rec = next(r for r in records(sample_graph) if r["relation"] == "spoke-with")
    rec["mode"] = ["expel"]
    assert any("expel" in e.message for e in validator.iter_errors(rec))


@pytest.mark.parametrize("key, code", [
    ("country/id", "IDN"), ("country/us", "USA"), ("org/un", "IGO"), ("org/kremlin", "RUS"),
])
def test_plover_export_actor_codes(sample_graph, key, code):
    sample_graph.add_node(iri(key), key=key, label=key, type="Organization", wikidata=None, aliases=[],
                          articles=["sample"], place=None, date=None)
    assert actor_code(sample_graph, iri(key)) == code


@pytest.mark.parametrize("edge_date, published, want", [
    ("2017-01-28", "2017-01-31", ("2017-01-28", "day")),
    ("2017-07", "2017-01-31", ("2017-07-01", "month")),
    ("2016", None, ("2016-01-01", "year")),
    (None, "2017-01-31", ("2017-01-31", "publication")),
])
def test_plover_export_dates(edge_date, published, want):
    from kg.exporters.plover import _date
    assert _date(edge_date, published) == want


def test_plover_export_skips_an_event_without_any_date(sample_graph):
    sample_graph.graph["articles"]["sample"]["published"] = None
    for _, _, d in sample_graph.edges(data=True):
        d["date"] = None
    assert records(sample_graph) == []


def test_plover_export_of_the_development_sets_passes_the_schema(validator):
    """Beyond the seed: 46 articles of both languages, every record valid."""
    from kg.extract.pipeline import extract_file
    from kg.graph.network import build_graph
    from conftest import DATA
    files = [p for d in ("devset", "devset2", "heldout") for p in sorted((DATA / d).glob("*.txt"))]
    recs = records(build_graph(extract_file(p) for p in files))
    assert len(recs) > 300
    assert [(r["id"], e.message) for r in recs for e in validator.iter_errors(r)] == []


def test_plover_export_is_registered():
    assert exporters.get("plover").suffix == ".jsonl"
