"""The HTML page without a browser: escaping, self-containment, counts, the CLI command.

The browser tests (tests/test_html_browser.py) check the same page in Chromium.
"""
from __future__ import annotations

import importlib.util
import json
import re
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.errors import FormatError
from kg.views import html as kghtml
from kg.exporters import export, exporters
from kg.graph.network import build_graph, new_graph, write_graph_json
from kg.model import ENTITY_TYPES, MODALITIES, RELATION_TYPES, SYMMETRIC, Article, Entity, Extraction, Relation

from conftest import ROOT

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
CLOSE = "</script><script>alert(3)</script><!--"
HOSTILE = f"{IMG} {SCRIPT} {CLOSE} \u2028 &amp; \"'"


def hostile_graph():
    """A graph whose every text field is markup, as an article could make it."""
    art = Article(id=f"a{IMG}", text=f"{IMG} {SCRIPT}", language="en", published=date(2020, 5, 1),
                  title=f"Title {IMG} {SCRIPT}", source=f"javascript:alert(4)//{IMG}")
    ents = (
        Entity(f"person/{IMG}", "Person", f"Evil {IMG}", f'Q1" onmouseover="alert(5)', (SCRIPT, CLOSE)),
        Entity("person/plain", "Person", f"Plain {SCRIPT}", "Q42", ("Plain",)),
        Entity(f"x/{SCRIPT}", f"Type {SCRIPT}", f"Odd {CLOSE}", None, ()),
    )
    rels = (
        Relation("met-with", f"person/{IMG}", "person/plain", "asserted", "2020-04-30",
                 evidence=f"They met. {HOSTILE}", sentence=1, confidence=0.9, rule=IMG),
        Relation(f"rel {IMG}", "person/plain", f"x/{SCRIPT}", f"mod {SCRIPT}", f"2020 {IMG}",
                 role=IMG, evidence=HOSTILE, sentence=2, confidence=float("nan"), rule=SCRIPT),
        Relation("holds-role", f"person/{IMG}", f"x/{SCRIPT}", "asserted", None, role=f"boss {IMG}",
                 evidence=SCRIPT, sentence=3, confidence=0.8, rule="title"),
    )
    return build_graph([Extraction(art, ents, rels)])


def page_json(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


# ---- escaping --------------------------------------------------------------------------

@pytest.mark.parametrize("value", [IMG, SCRIPT, CLOSE, HOSTILE, "\u2029", "a & b > c", "</SCRIPT >"])
def test_html_script_json_escapes_markup(value):
    text = kghtml.script_json({"v": value, "list": [value]})
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == {"v": value, "list": [value]}


def test_html_untrusted_text_never_reaches_the_page_as_markup():
    g = hostile_graph()
    page = kghtml.render_html(g)
    # Only our own three script elements and two style elements exist, and each ends
    # where the template ends it (vis-network's code holds the text "<script>" itself).
    assert len(re.findall(r"^<script\b", page, re.M)) == 3
    assert len(re.findall(r"</script", page, re.I)) == 3
    assert len(re.findall(r"</style", page, re.I)) == 2
    for bad in (IMG, SCRIPT, "<img", "onerror=alert(1)>"):
        assert bad not in page
    assert f"<title>Knowledge graph: Title {kghtml.html.escape(IMG)}" in page
    # ... and the text arrives intact, as data.
    data = page_json(page)
    assert any(e["evidence"] == HOSTILE for e in data["statements"])
    assert {n["label"] for n in data["nodes"]} == {f"Evil {IMG}", f"Plain {SCRIPT}", f"Odd {CLOSE}"}
    assert data["articles"][f"a{IMG}"]["title"] == f"Title {IMG} {SCRIPT}"


def test_html_page_script_uses_no_html_sinks():
    js = (ROOT / "kg" / "views" / "templates" / "graph.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "setAttribute(\"on", "srcdoc"):
        assert sink not in js, sink


def test_html_inlined_code_cannot_close_its_element():
    assert kghtml._script_text('x = "</script>"; y = "</SCRIPT"; // <!--') == \
        'x = "<\\/script>"; y = "<\\/SCRIPT"; // <\\!--'
    assert kghtml._style_text("a{content:'</style>'}") == "a{content:'<\\/style>'}"


def test_html_nan_confidence_becomes_null():
    data = kghtml.page_data(hostile_graph())
    assert None in {e["confidence"] for e in data["statements"]}
    assert 0.9 in {e["confidence"] for e in data["statements"]}


# ---- self-containment ------------------------------------------------------------------

def test_html_page_is_self_contained(sample_graph):
    page = kghtml.render_html(sample_graph)
    tags = re.findall(r"<[a-zA-Z][^>]*>", page.split('<script type="application/json"')[0])
    # No element of the page loads anything: no src, no href, no stylesheet link.
    for tag in tags:
        assert not re.search(r"\s(src|href|srcset|data)\s*=", tag, re.I), tag
        assert not tag.lower().startswith("<link"), tag
    assert not re.search(r"<script[^>]*\ssrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*\shref\s*=\s*[\"']?https?://", page, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?(https?:)?//", page, re.I)
    assert "cdn" not in page.split("<style>")[0].lower()
    # Defence in depth: the page forbids every request and every script but its own.
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert csp.count("'sha256-") == 2


def test_html_inlines_vis_network_from_installed_pyvis(sample_graph):
    page = kghtml.render_html(sample_graph)
    assert "vis-network" in page and "@version 9.1.2" in page
    assert len(page) > 500_000      # the library itself is in the file


def test_html_template_is_packaged():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"templates/*"' in pyproject and '"templates/lib/*/*"' in pyproject
    for name in ("graph.html", "graph.js", "graph.css", *kghtml._WEBGL_LIBS, "lib/SOURCES.md",
                 "lib/sigma-3.0.2/LICENSE.txt", "lib/graphology-0.26.0/LICENSE.txt"):
        assert (ROOT / "kg" / "views" / "templates" / name).is_file(), name


def test_html_renderer_is_webgl_above_the_threshold():
    g = _bench().synthetic_graph(kghtml.WEBGL_MIN_NODES, kghtml.WEBGL_MIN_NODES)
    assert kghtml.page_data(g)["renderer"] == "webgl"
    assert kghtml.page_data(g, renderer="vis")["renderer"] == "vis"
    small = _bench().synthetic_graph(kghtml.WEBGL_MIN_NODES - 1, 100)
    assert kghtml.page_data(small)["renderer"] == "vis"
    with pytest.raises(FormatError, match="unknown renderer 'svg'"):
        kghtml.page_data(small, renderer="svg")


def test_html_webgl_page_inlines_sigma_not_vis(sample_graph):
    page = kghtml.render_html(sample_graph, renderer="webgl")
    assert page_json(page)["renderer"] == "webgl"
    assert "@version 9.1.2" not in page and ".Sigma=" in page and ".graphology=" in page
    assert "sourceMappingURL" not in page
    assert len(re.findall(r"^<script\b", page, re.M)) == 3 and len(re.findall(r"</script", page, re.I)) == 3
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert csp.count("'sha256-") == 2


# ---- content and counts ----------------------------------------------------------------

def test_html_counts_equal_the_graph(sample_graph):
    page = kghtml.render_html(sample_graph)
    data = page_json(page)
    assert len(data["nodes"]) == sample_graph.number_of_nodes() == data["meta"]["nodes"]
    assert len(data["statements"]) == sample_graph.number_of_edges() == data["meta"]["statements"]
    assert len(data["edges"]) == len(distinct_pairs(sample_graph)) == data["meta"]["edges"]
    assert f'data-nodes="{sample_graph.number_of_nodes()}"' in page
    assert f'data-edges="{len(data["edges"])}"' in page


def distinct_pairs(g) -> set:
    """(type, a, b) of every statement, the pair unordered for symmetric types."""
    return {(d["type"], *(sorted((u, v)) if d["type"] in SYMMETRIC else (u, v)))
            for u, v, d in g.edges(data=True)}


def _pair_graph():
    g = new_graph()
    for n in ("a", "b"):
        g.add_node(n, label=n.upper(), type="Country", articles=["x"], aliases=[])
    for k, date in enumerate(("2020-03-01", "2020-01-05", None)):
        g.add_edge("a", "b", key=f"x#{k}", type="ally-of", modality="asserted", date=date, article="x")
    g.add_edge("b", "a", key="x#9", type="ally-of", modality="planned", date="2021-06-30", article="y")
    g.add_edge("a", "b", key="x#7", type="opposes", modality="possible", article="x")
    g.add_edge("b", "a", key="x#8", type="opposes", modality="asserted", article="x")
    return g


def test_html_aggregates_statements_per_pair_and_type():
    data = kghtml.page_data(_pair_graph())
    assert len(data["statements"]) == 6
    assert [e["key"] for e in data["statements"]] == ["x#0", "x#1", "x#2", "x#7", "x#8", "x#9"]
    edges = {(e["type"], e["from"], e["to"]): e for e in data["edges"]}
    # ally-of is symmetric: a->b and b->a are one edge; opposes keeps its direction.
    assert set(edges) == {("ally-of", 0, 1), ("opposes", 0, 1), ("opposes", 1, 0)}
    ally = edges[("ally-of", 0, 1)]
    assert ally["count"] == 4 and ally["symmetric"] and ally["articles"] == 2
    assert (ally["first"], ally["last"]) == ("2020-01-05", "2021-06-30")
    assert ally["modalities"] == {"asserted": 3, "planned": 1}
    assert sorted(data["statements"][i]["key"] for i in ally["statements"]) == ["x#0", "x#1", "x#2", "x#9"]
    assert not edges[("opposes", 0, 1)]["symmetric"]
    # Drawn apart: every edge between the pair has its own signed curvature.
    assert len({e["curve"] if e["from"] == 0 else -e["curve"] for e in data["edges"]}) == 3
    assert data["nodes"][0]["links"] == 3 and data["nodes"][0]["degree"] == 6


def test_html_trigger_words_per_language_of_the_articles(sample_graph):
    triggers = kghtml.page_data(sample_graph)["triggers"]
    assert set(triggers) == {"id"}                      # the sample article is Indonesian
    assert "percakapan telepon" in triggers["id"]["spoke-with"]
    assert "holds-role" not in triggers["id"]
    assert kghtml.trigger_words({"xx", "../en"}) == {}


def test_html_month_histogram_spans_the_dates():
    months = kghtml.page_data(_pair_graph())["months"]
    assert months[0] == {"month": "2020-01", "count": 1} and months[-1] == {"month": "2021-06", "count": 1}
    assert len(months) == 18 and sum(m["count"] for m in months) == 3
    assert kghtml.month_histogram(["2017", "2017-02-03", "2017-04"]) == [
        {"month": "2017-02", "count": 1}, {"month": "2017-03", "count": 0}, {"month": "2017-04", "count": 1}]


def test_html_node_and_edge_details(sample_graph):
    data = kghtml.page_data(sample_graph)
    trump = next(n for n in data["nodes"] if n["label"] == "Donald Trump")
    assert trump["type"] == "Person" and trump["wikidata"] == "Q22686"
    assert trump["degree"] == sample_graph.degree("https://w3id.org/dipkg/resource/person/donald-trump")
    roles = [e for e in data["statements"] if e["type"] == "holds-role" and e["from"] == trump["id"]]
    assert [e["role"] for e in roles] == ["head-of-state"]
    met = next(e for e in data["statements"] if e["type"] == "met-with")
    assert met["modality"] == "possible" and met["date"] == "2017-07-07"
    assert data["nodes"][met["place"]]["label"] == "2017 G20 Hamburg summit"
    assert met["article"] == "sample" and data["articles"]["sample"]["published"] == "2017-01-31"
    assert "mungkin akan bertemu" in met["evidence"] and met["confidence"] == 0.7


def test_html_styles_cover_the_vocabulary():
    assert set(ENTITY_TYPES) <= set(kghtml.NODE_STYLES)
    assert set(RELATION_TYPES) <= set(kghtml.EDGE_COLORS)
    assert set(MODALITIES) <= set(kghtml.DASHES)
    assert kghtml.DASHES["asserted"] is False
    assert all(kghtml.DASHES[m] for m in MODALITIES if m != "asserted")
    assert len({s["color"] for s in kghtml.NODE_STYLES.values()}) == len(kghtml.NODE_STYLES)
    assert len(set(kghtml.EDGE_COLORS.values())) == len(kghtml.EDGE_COLORS)


def test_html_node_size_grows_with_degree():
    sizes = [kghtml.node_size(d) for d in (0, 1, 5, 50, 10_000)]
    assert sizes == sorted(sizes) and sizes[0] > 0 and sizes[-1] <= 48


def test_html_output_is_deterministic(sample_graph):
    assert kghtml.render_html(sample_graph) == kghtml.render_html(sample_graph)


def test_html_empty_graph_renders():
    data = page_json(kghtml.render_html(new_graph()))
    assert data["nodes"] == [] and data["edges"] == [] and data["statements"] == []
    assert data["meta"]["dateMin"] is None and data["months"] == []


# ---- large graphs ----------------------------------------------------------------------

def _bench():
    spec = importlib.util.spec_from_file_location("bench_html", ROOT / "benchmarks" / "bench_html.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_html_large_graph_does_not_use_pyvis_graph_building(monkeypatch):
    network = pytest.importorskip("pyvis.network")

    def quadratic(*args, **kwargs):
        raise AssertionError("pyvis's add_node/add_edge loop must not be on the path")

    for name in ("add_node", "add_nodes", "add_edge", "add_edges", "from_nx"):
        monkeypatch.setattr(network.Network, name, quadratic)
    g = _bench().synthetic_graph(10_000, 20_000)
    start = time.perf_counter()
    page = kghtml.render_html(g)
    elapsed = time.perf_counter() - start
    data = page_json(page)
    assert len(data["nodes"]) == 10_000 and len(data["statements"]) == 20_000
    assert elapsed < 5, f"render_html took {elapsed:.1f} s for 10,000 nodes"
    # Large graphs get the page's own linear-time start layout and a bounded physics run.
    assert data["layout"]["pivots"] > 0 and data["options"]["layout"]["improvedLayout"] is False
    assert data["options"]["physics"]["stabilization"]["iterations"] <= 200


# ---- exporter and CLI ------------------------------------------------------------------

def test_html_registered_as_exporter(sample_graph, tmp_path):
    assert exporters()["html"].suffix == ".html"
    path = export(sample_graph, "html", tmp_path / "graph.html")
    assert page_json(path.read_text(encoding="utf-8"))["meta"]["statements"] == sample_graph.number_of_edges()


def _cli():
    import kg.cli.commands  # noqa: F401  (registers every command, `html` among them)
    from kg.cli import app
    return app


def test_html_cli_writes_page(sample_graph, tmp_path):
    src = tmp_path / "graph.json"
    write_graph_json(sample_graph, src)
    out = tmp_path / "out" / "page.html"
    r = CliRunner().invoke(_cli(), ["html", str(src), "--out", str(out), "--title", "Seed <graph>"])
    assert r.exit_code == 0, r.output
    assert "8 nodes, 7 edges" in r.output
    page = out.read_text(encoding="utf-8")
    assert "<title>Seed &lt;graph&gt;</title>" in page
    assert page_json(page)["meta"]["nodes"] == sample_graph.number_of_nodes()


def test_html_cli_default_output_beside_the_graph(sample_graph, tmp_path):
    src = tmp_path / "graph.json"
    write_graph_json(sample_graph, src)
    r = CliRunner().invoke(_cli(), ["html", str(src)])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "graph.html").is_file()


def test_html_cli_missing_graph_is_one_line_error(tmp_path):
    r = CliRunner().invoke(_cli(), ["html", str(tmp_path / "nope.json")])
    assert r.exit_code == 1
    assert r.output.strip() == f"Error: [E140] {tmp_path / 'nope.json'}: no such graph file"


def test_html_cli_help_has_an_example():
    r = CliRunner().invoke(_cli(), ["html", "--help"])
    assert r.exit_code == 0
    assert "Example: kg html" in r.output
