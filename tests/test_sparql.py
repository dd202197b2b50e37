"""kg query: the engine, named queries on the seed-like graph, parameters, formats, errors."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import kg.cli.commands  # noqa: F401  (registers the commands)
from kg.store import sparql
from kg.cli import app
from kg.errors import QueryError
from kg.graph.network import write_graph_json
from kg.store.database import graph_quads, with_union

from conftest import ROOT, SEED

R = "https://w3id.org/dipkg/resource/"
DK = "https://w3id.org/dipkg/ontology#"
ART = "https://w3id.org/dipkg/article/sample"
runner = CliRunner()


@pytest.fixture
def source(sample_graph):
    st = ox.Store()
    st.extend(with_union(graph_quads(sample_graph)))
    return sparql.LocalSource(st, "sample")


@pytest.fixture
def graph_file(sample_graph, tmp_path):
    path = tmp_path / "graph.json"
    write_graph_json(sample_graph, path)
    return path


def named(src, name, params):
    result, _ = sparql.run_named(src, name, params)
    return result.values()


def short(value: str) -> str:
    for ns in (R, DK):
        if value.startswith(ns):
            return value[len(ns):]
    return value


def rows(src, name, columns, params):
    return [tuple(short(r.get(c, "")) for c in columns) for r in named(src, name, params)]


# --- each named query, with the rows it must give on the sample graph ----------------------

EXPECTED = {
    "spoke-with": [
        ({"actor": "Putin"}, ("otherLabel", "date", "modality", "article"),
         [("Donald Trump", "2017-01-28", "Asserted", ART)]),
        ({"actor": "Trump", "modality": "possible"}, ("otherLabel",), []),
    ],
    "allies": [
        ({"actor": "Russia"}, ("allyLabel", "modality", "confidence"), [("United States", "Possible", "0.6")]),
        ({"actor": "AS", "modality": "hedged"}, ("allyLabel", "modality"), [("Russia", "Possible")]),
        ({"actor": "AS", "modality": "asserted"}, ("allyLabel",), []),
    ],
    "plover-by-country-pair": [     # issue 14; Putin holds no role in the sample, so his call is not counted
        ({}, ("category", "actorCountryLabel", "recipientCountryLabel", "month", "statements"),
         [("COOPERATE", "United States", "Russia", "unknown", "1")]),
        ({"category": "CONSULT"}, ("category",), []),
        ({"country": "Rusia"}, ("category", "actorCountryLabel"), [("COOPERATE", "United States")]),
    ],
    "meetings-at": [
        ({"event": "KTT G20 di Hamburg"}, ("actorLabel", "predicate", "withLabel", "modality", "date"),
         [("Donald Trump", "metAt", "", "Possible", "2017-07-07"),
          ("Donald Trump", "metWith", "Vladimir Putin", "Possible", "2017-07-07")]),
    ],
    "actor-profile": [
        ({"actor": "Walid Phares"}, ("field", "value", "detail", "statements"),
         [("alias", "Phares", "", "0"),
          ("article", ART, "AS-Rusia Kemungkinan Bentuk Koalisi Antiteroris", "0"),
          ("holds role", "Advisor", "Donald Trump", "1"),
          ("label", "Walid Phares", "", "0"),
          ("relation", "holdsRole", "Asserted", "1"),
          ("type", "Person", "", "0")]),
    ],
    "timeline": [
        ({"actor": "Trump"}, ("date", "subjectLabel", "relation", "objectLabel", "modality"),
         [("2017-01-28", "Donald Trump", "spokeWith", "Vladimir Putin", "Asserted"),
          ("2017-07-07", "Donald Trump", "metAt", "2017 G20 Hamburg summit", "Possible"),
          ("2017-07-07", "Donald Trump", "metWith", "Vladimir Putin", "Possible")]),
        ({"from": "2017-02-01", "relation": "met-with"}, ("date", "relation"), [("2017-07-07", "metWith")]),
        ({"to": "2017-01-31"}, ("date", "relation"), [("2017-01-28", "spokeWith")]),
    ],
    "hedged-vs-asserted": [
        ({}, ("relation", "asserted", "hedged", "negated", "total", "hedgedPercent"),
         [("allyOf", "0", "1", "0", "1", "100"), ("holdsRole", "2", "0", "0", "2", "0"),
          ("metAt", "0", "1", "0", "1", "100"), ("metWith", "0", "1", "0", "1", "100"),
          ("opposes", "1", "0", "0", "1", "0"), ("spokeWith", "1", "0", "0", "1", "0")]),
        ({"actor": "Putin"}, ("relation", "asserted", "hedged"), [("metWith", "0", "1"), ("spokeWith", "1", "0")]),
    ],
    "edge-sources": [
        ({"source": "Trump", "target": "Putin"}, ("article", "title", "issued", "relation", "modality", "confidence"),
         [(ART, "AS-Rusia Kemungkinan Bentuk Koalisi Antiteroris", "2017-01-31", "metWith", "Possible", "0.7"),
          (ART, "AS-Rusia Kemungkinan Bentuk Koalisi Antiteroris", "2017-01-31", "spokeWith", "Asserted", "0.9")]),
        # symmetric relations are found from either end
        ({"source": "Putin", "target": "Trump", "relation": "spoke-with"}, ("relation", "modality"),
         [("spokeWith", "Asserted")]),
        # holds-role is not symmetric
        ({"source": "United States", "target": "Trump"}, ("relation",), []),
    ],
    "top-actors": [
        ({}, ("label", "statements", "articles"),
         [("Donald Trump", "6", "1"), ("United States", "2", "1"), ("Vladimir Putin", "2", "1"),
          ("2017 G20 Hamburg summit", "1", "1"), ("Islamic State", "1", "1"), ("Russia", "1", "1"),
          ("Walid Phares", "1", "1")]),
        ({"relation": "spoke-with,met-with"}, ("label", "statements"), [("Donald Trump", "2"), ("Vladimir Putin", "2")]),
    ],
    "two-hop": [
        ({"actor": "Putin"}, ("otherLabel", "paths", "through"), [("Islamic State", "1", "Donald Trump")]),
    ],
}


def test_sparql_spoke_with_putin_returns_trump_on_2017_01_28(source):
    got = named(source, "spoke-with", {"actor": "Putin"})
    assert [(r["otherLabel"], r["date"]) for r in got] == [("Donald Trump", "2017-01-28")]


def test_sparql_every_named_query_has_expected_rows():
    assert sorted(EXPECTED) == sorted(sparql.named_queries())


@pytest.mark.parametrize("name,params,columns,expected",
                         [(n, p, c, e) for n, cases in EXPECTED.items() for p, c, e in cases])
def test_sparql_named_query_rows(source, name, params, columns, expected):
    assert rows(source, name, columns, params) == expected


@pytest.fixture(scope="module")
def store_source(tmp_path_factory):
    """The sample graph in an on-disk store: article graph + shared graph, union at query time."""
    from test_store import other_article

    from kg.graph.network import build_graph
    from kg.store.database import Store

    from conftest import sample_extraction
    st = Store(tmp_path_factory.mktemp("s") / "store", create=True)
    st.add_graph(build_graph([sample_extraction(), other_article()]))
    st.remove_graph("https://w3id.org/dipkg/article/other")   # leaves the shared graph as the sample alone has it
    yield sparql.LocalSource(st.ox, "store")
    st.close()


@pytest.mark.parametrize("name,params,columns,expected",
                         [(n, p, c, e) for n, cases in EXPECTED.items() for p, c, e in cases])
def test_sparql_named_query_rows_in_the_store_layout(store_source, name, params, columns, expected):
    assert rows(store_source, name, columns, params) == expected


def test_sparql_if_lines_are_left_out_when_their_parameter_is_not_given(tmp_path):
    (tmp_path / "q.rq").write_text(
        "# Objects, of one subject if given.\n# @param actor node optional  x\n"
        "SELECT ?o WHERE {\n  VALUES ?actor { UNDEF }\n  ?actor ?p ?o .   # @if actor\n}\n")
    nq = sparql.named_queries(tmp_path)["q"]
    assert sparql.drop_unset(nq.text, []).splitlines()[4] == ""        # line numbers stay
    assert "# @if actor" in sparql.drop_unset(nq.text, ["actor"])
    (tmp_path / "q.rq").write_text("# Bad.\n# @param actor node required  x\n"
                                   "SELECT ?o WHERE { VALUES ?actor { UNDEF }\n ?actor ?p ?o .  # @if actor\n}\n")
    with pytest.raises(QueryError, match="needs an optional parameter of that name"):
        sparql.named_queries(tmp_path)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sparql_named_query_header(name):
    nq = sparql.named_query(name)
    assert len(nq.description) > 40, "a named query says what it gives"
    assert nq.examples and all(e.startswith(f"kg query --named {name}") for e in nq.examples)
    for p in nq.params:
        assert p.help
    # unbound, the file is valid SPARQL as it stands (placeholders match anything)
    ox.Store().query(nq.text, prefixes=sparql.PREFIXES)


def test_sparql_named_query_examples_run(graph_file):
    import shlex
    for nq in sparql.named_queries().values():
        for example in nq.examples:
            args = shlex.split(example)[1:] + ["--graph", str(graph_file)]
            res = runner.invoke(app, args)
            assert res.exit_code == 0, (example, res.output)
            assert res.output.strip()


# --- the seed article, through the real pipeline -------------------------------------------

@pytest.fixture(scope="module")
def seed_source():
    from datetime import date

    from kg.graph.network import build_graph
    from kg.extract.pipeline import extract_file
    st = ox.Store()
    st.extend(with_union(graph_quads(build_graph([extract_file(SEED, published=date(2017, 1, 31))]))))
    return sparql.LocalSource(st, "seed")


@pytest.mark.parametrize("name,params,columns,row", [
    ("spoke-with", {"actor": "Putin"}, ("otherLabel", "date", "modality"), ("Donald Trump", "2017-01-28", "Asserted")),
    ("allies", {"actor": "Rusia"}, ("allyLabel",), ("United States",)),
    ("meetings-at", {"event": "2017 G20 Hamburg summit"}, ("actorLabel", "predicate", "withLabel", "modality", "date"),
     ("Vladimir Putin", "metWith", "Donald Trump", "Possible", "2017-07-07")),
    ("actor-profile", {"actor": "Q7747"}, ("field", "value"), ("label", "Vladimir Putin")),
    ("timeline", {"actor": "Putin"}, ("date", "relation", "objectLabel"), ("2017-01-28", "spokeWith", "Donald Trump")),
    ("hedged-vs-asserted", {"actor": "Putin"}, ("relation", "negated"), ("spokeWith", "0")),
    ("edge-sources", {"source": "Trump", "target": "Putin"}, ("relation", "modality", "issued"),
     ("spokeWith", "Asserted", "2017-01-31")),
    ("top-actors", {}, ("label",), ("Donald Trump",)),
    ("two-hop", {"actor": "Putin"}, ("otherLabel", "through"), ("Islamic State", "Donald Trump")),
    ("plover-by-country-pair", {"category": "CONSULT"},
     ("actorCountryLabel", "recipientCountryLabel", "month", "statements"), ("Russia", "United States", "2017-01", "1")),
])
def test_sparql_named_query_on_the_seed_article(seed_source, name, params, columns, row):
    assert row in rows(seed_source, name, columns, params)


def test_sparql_seed_covers_every_named_query():
    names = {c[0] for c in test_sparql_named_query_on_the_seed_article.pytestmark[0].args[1]}
    assert names == set(sparql.named_queries())


# --- parameters ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Vladimir Putin", "Putin", "putin", "PUTIN", "Q7747", "wd:Q7747",
                                  "person/vladimir-putin", "res:person/vladimir-putin",
                                  R + "person/vladimir-putin", f"<{R}person/vladimir-putin>"])
def test_sparql_actor_resolves_by_label_alias_iri_key_qid(source, text):
    assert sparql.resolve_node(source, text) == [(R + "person/vladimir-putin", "Vladimir Putin")]


def test_sparql_unknown_actor_is_an_error(source):
    with pytest.raises(QueryError, match="nothing in the graph is called 'Gorbachev'"):
        named(source, "spoke-with", {"actor": "Gorbachev"})


def test_sparql_hostile_parameter_is_only_a_literal(source):
    hostile = 'Putin" } } ; SELECT * WHERE { ?s ?p ?o } #\\'
    with pytest.raises(QueryError, match="nothing in the graph is called"):
        named(source, "spoke-with", {"actor": hostile})
    text = sparql.bind_adhoc("SELECT ?x WHERE { VALUES ?x { UNDEF } }", {"x": hostile + "\n\ttab"})
    assert source.query(text).values() == [{"x": hostile + "\n\ttab"}]


def test_sparql_adhoc_parameter_iri(source):
    text = sparql.bind_adhoc("SELECT ?o WHERE { VALUES ?a { UNDEF } ?a dk:spokeWith ?o }",
                             {"a": f"<{R}person/donald-trump>"})
    assert source.query(text).values() == [{"o": R + "person/vladimir-putin"}]


@pytest.mark.parametrize("params,message", [
    ({}, "parameter 'actor' is required"),
    ({"actor": "Putin", "colour": "red"}, "unknown parameter 'colour'"),
    ({"actor": "Putin", "modality": "likely"}, "unknown modality 'likely'"),
    ({"actor": ""}, "parameter 'actor' is empty"),
])
def test_sparql_bad_parameters(source, params, message):
    with pytest.raises(QueryError, match=message):
        sparql.run_named(source, "spoke-with", params)


def test_sparql_bad_date_parameter(source):
    with pytest.raises(QueryError, match="bad date '31/01/2017'"):
        sparql.run_named(source, "timeline", {"from": "31/01/2017"})


def test_sparql_placeholder_is_required(tmp_path):
    (tmp_path / "bad.rq").write_text("# Bad.\n# @param actor node required  x\nSELECT * WHERE { ?actor ?p ?o }\n")
    with pytest.raises(QueryError, match="needs a placeholder"):
        sparql.named_queries(tmp_path)


def test_sparql_unknown_named_query():
    with pytest.raises(QueryError, match="no named query 'nope' .*spoke-with"):
        sparql.named_query("nope")


# --- errors --------------------------------------------------------------------------------

def test_sparql_syntax_error_has_position(source):
    with pytest.raises(QueryError) as err:
        source.query("SELECT * WHERE {\n ?s ?p ?o .\n FILTER(?x = }")
    assert err.value.message.startswith("SPARQL syntax error at line 3, column 15: expected one of")
    assert err.value.message.endswith("(after 'FILTER(?x = }')")
    with pytest.raises(QueryError, match=r"at line 2, column 1: .* \(at the end of the query\)"):
        source.query("SELECT ?a WHERE { ?a ?b ?c\n")


def test_sparql_unknown_prefix_is_named(source):
    with pytest.raises(QueryError, match="unknown prefix 'foo:'"):
        source.query("SELECT * WHERE { ?a foo:bar ?b }")


def test_sparql_update_is_not_a_query(source):
    with pytest.raises(QueryError, match="SPARQL update"):
        source.query("PREFIX x: <http://x/>\nDELETE WHERE { ?s ?p ?o }")


def test_cli_query_syntax_error_is_one_line(graph_file):
    res = runner.invoke(app, ["query", "SELECT * WHERE { ?s ?p }", "--graph", str(graph_file)])
    assert res.exit_code == 1
    assert res.output.startswith("Error: [E150] SPARQL syntax error at line 1, column")
    assert res.output.count("\n") == 1 and "Traceback" not in res.output


# --- formats -------------------------------------------------------------------------------

SPOKE = "SELECT ?a ?b ?d WHERE { ?s dk:subject ?a ; dk:predicate dk:spokeWith ; dk:object ?b ; dk:date ?d }"


@pytest.mark.parametrize("fmt,rf", [("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                                    ("tsv", ox.QueryResultsFormat.TSV)])
def test_sparql_results_round_trip(source, fmt, rf):
    buf = io.StringIO()
    sparql.write_result(source.query(SPOKE), fmt, buf)
    back = list(ox.parse_query_results(buf.getvalue().encode(), rf))
    assert [list(s) for s in back] == [[ox.NamedNode(R + "person/donald-trump"), ox.NamedNode(R + "person/vladimir-putin"),
                                        ox.Literal("2017-01-28", datatype=ox.NamedNode(sparql.XSD + "date"))]]


def test_sparql_csv_and_table(source):
    buf = io.StringIO()
    sparql.write_result(source.query(SPOKE), "csv", buf)
    assert list(csv.reader(io.StringIO(buf.getvalue()))) == [
        ["a", "b", "d"], [R + "person/donald-trump", R + "person/vladimir-putin", "2017-01-28"]]
    assert buf.getvalue().endswith("\r\n")
    buf = io.StringIO()
    sparql.write_result(source.query(SPOKE), "table", buf)
    assert buf.getvalue().splitlines() == [
        "a                    b                      d",
        "-------------------  ---------------------  ----------",
        "person:donald-trump  person:vladimir-putin  2017-01-28",
        "(1 row)",
    ]


def test_sparql_ask_and_construct(source):
    buf = io.StringIO()
    sparql.write_result(source.query("ASK { ?a dk:spokeWith ?b }"), "json", buf)
    assert json.loads(buf.getvalue()) == {"head": {}, "boolean": True}
    buf = io.StringIO()
    sparql.write_result(source.query("CONSTRUCT WHERE { ?a dk:spokeWith ?b }"), "table", buf)
    assert "person:donald-trump dk:spokeWith person:vladimir-putin ." in buf.getvalue()
    with pytest.raises(QueryError, match="gives triples, not a table"):
        sparql.write_result(source.query("CONSTRUCT WHERE { ?a dk:spokeWith ?b }"), "csv", io.StringIO())


def test_sparql_graph_clause_names_the_article(source):
    got = source.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a dk:spokeWith ?b } }").values()
    assert got == [{"g": ART}]


# --- the command ---------------------------------------------------------------------------

def test_cli_query_named_csv(graph_file):
    res = runner.invoke(app, ["query", "--named", "spoke-with", "--param", "actor=Putin",
                              "--graph", str(graph_file), "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0] == "actor,other,otherLabel,date,modality,confidence,article"
    assert lines[1].split(",")[2:4] == ["Donald Trump", "2017-01-28"]


def test_cli_query_file_stdin_and_out(graph_file, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?b WHERE { ?a dk:spokeWith ?b }\n")
    res = runner.invoke(app, ["query", str(q), "-g", str(graph_file), "-f", "tsv"])
    assert res.output == f"?b\n<{R}person/vladimir-putin>\n"
    res = runner.invoke(app, ["query", "-", "-g", str(graph_file), "-f", "tsv"], input=q.read_text())
    assert res.output == f"?b\n<{R}person/vladimir-putin>\n"
    out = tmp_path / "out.json"
    res = runner.invoke(app, ["query", str(q), "-g", str(graph_file), "-f", "json", "-o", str(out)])
    assert res.exit_code == 0 and json.loads(out.read_text())["results"]["bindings"][0]["b"]["value"].endswith("putin")


def test_cli_query_missing_file(graph_file):
    res = runner.invoke(app, ["query", "missing.rq", "-g", str(graph_file)])
    assert res.exit_code == 2 and "no such query file" in res.output


def test_cli_query_list_and_show(graph_file):
    res = runner.invoke(app, ["query", "--list"])
    assert res.exit_code == 0
    for name in EXPECTED:
        assert f"\n{name}: " in "\n" + res.output
    res = runner.invoke(app, ["query", "--named", "spoke-with", "-p", "actor=Putin", "-g", str(graph_file), "--show"])
    assert f"VALUES ?actor {{ <{R}person/vladimir-putin> }}" in res.output


def test_cli_query_needs_a_store(tmp_path):
    res = runner.invoke(app, ["query", "ASK {}", "--store", str(tmp_path / "none")])
    assert res.exit_code == 1
    assert res.output == f"Error: [E170] {tmp_path / 'none'}: no store here (create one with " \
                         f"`kg ingest ARTICLES --store {tmp_path / 'none'}`)\n"


@pytest.mark.parametrize("command", ["query", "ingest", "serve", "push"])
def test_cli_sparql_commands_have_help_example_and_docs(command):
    res = runner.invoke(app, [command, "--help"])
    assert res.exit_code == 0 and "Example: kg " + command in res.output
    docs = (ROOT / "docs" / "external-store.md").read_text(encoding="utf-8")
    assert f"kg {command} " in docs
