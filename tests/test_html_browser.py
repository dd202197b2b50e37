"""The HTML page in a real browser: Debian's chromium driven by playwright.

Every page is opened from file:// with every request routed: anything but the page file
itself is aborted and fails the test.  The page reports itself in `window.kgStats` and
resolves `window.kgSettled` once the layout has settled and physics is off.
"""
from __future__ import annotations

import importlib.util
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg.views.html import write_html
from kg.graph.network import build_graph, new_graph
from kg.model import SYMMETRIC

from conftest import DATA, ROOT
from test_html import CLOSE, IMG, SCRIPT, distinct_pairs, hostile_graph

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

if importlib.util.find_spec("playwright") is None:
    pytest.skip("the playwright package is not installed (pip install playwright)", allow_module_level=True)
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.browser
SCREENSHOT = ROOT / "exports" / "graph.png"
CORPUS_SCREENSHOT = ROOT / "exports" / "corpus.png"
DEVSET = DATA / "devset"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Opened:
    page: object
    url: str
    stats: dict
    errors: list = field(default_factory=list)
    blocked: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def node_id(self, label):
        return self.js("l => kg.data.nodes.find(n => n.label === l).id", label)

    def hub(self):
        """The id of the actor with the most relations."""
        return self.js("kg.data.nodes.reduce((a, n) => n.degree > a.degree ? n : a).id")

    def node_point(self, node_id):
        """Where a node is on the screen, in page coordinates."""
        box = self.page.locator("#kg-network").bounding_box()
        p = self.js("""id => kg.network.canvasToDOM(kg.network.getPositions([id])[id])""", node_id)
        return box["x"] + p["x"], box["y"] + p["y"]

    def edge_point(self, edge_id):
        """A point on a straight edge, a third of the way from its source."""
        e = self.js("id => kg.data.edges[id]", edge_id)
        (x1, y1), (x2, y2) = self.node_point(e["from"]), self.node_point(e["to"])
        return x1 + (x2 - x1) / 3, y1 + (y2 - y1) / 3


@pytest.fixture
def open_page(browser, tmp_path):
    contexts = []

    def _open(g, name="graph.html", bypass_csp=False, viewport=(1280, 800), renderer="auto") -> Opened:
        path = tmp_path / name
        write_html(g, path, renderer=renderer)
        url = path.as_uri()
        ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                  bypass_csp=bypass_csp)
        contexts.append(ctx)
        page = ctx.new_page()
        opened = Opened(page, url, {})

        def route(r):
            if r.request.url == url:
                r.continue_()
            else:
                opened.blocked.append(r.request.url)
                r.abort()

        ctx.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        opened.stats = settled(page)
        return opened

    yield _open
    for ctx in contexts:
        ctx.close()


def settled(page, timeout_ms=60_000) -> dict:
    # page.evaluate is not subject to the page's CSP (wait_for_function would need eval).
    return page.evaluate("""ms => Promise.race([window.kgSettled, new Promise((_, fail) =>
        setTimeout(() => fail(new Error("layout did not settle in " + ms + " ms")), ms))])""", timeout_ms)


def assert_clean(o: Opened):
    assert o.errors == [], o.errors
    assert o.blocked == [], f"the page requested {o.blocked}"
    assert o.dialogs == [], o.dialogs


def visible(o: Opened) -> tuple[int, int]:
    """Nodes and edges the network draws now (counted by vis-network itself; for WebGL,
    the nodes sigma's renderer has not hidden)."""
    if o.js("kg.renderer") == "webgl":
        return tuple(o.js("""[kg.network.getGraph().filterNodes(n => !kg.network.getNodeDisplayData(n).hidden).length,
                              kg.network.getGraph().filterEdges(e => !kg.network.getEdgeDisplayData(e).hidden).length]"""))
    return tuple(o.js("[kg.network.body.nodeIndices.length, kg.network.body.edgeIndices.length]"))


# ---- the page --------------------------------------------------------------------------

def shown(g, edge_ok=lambda d: True, node_ok=lambda n: True, connected_only=True):
    """The actors and aggregated edges the page should draw for a filter (Python's view)."""
    nodes = {n for n in g if node_ok(n)}
    edges = {(d["type"], *(sorted((u, v)) if d["type"] in SYMMETRIC else (u, v)))
             for u, v, d in g.edges(data=True) if edge_ok(d) and u in nodes and v in nodes}
    if connected_only:
        nodes = {x for _, u, v in edges for x in (u, v)}
    return len(nodes), len(edges)


def test_html_browser_counts_equal_the_graph(open_page, seed_graph):
    o = open_page(seed_graph)
    n, m = seed_graph.number_of_nodes(), seed_graph.number_of_edges()
    assert o.stats["nodes"] == n and o.stats["statements"] == m
    assert o.stats["edges"] == len(distinct_pairs(seed_graph))
    assert visible(o) == shown(seed_graph)
    assert o.js("[kg.nodes.length, kg.edges.length]") == [n, o.stats["edges"]]
    assert o.stats["settled"] and o.js("kg.network.physics.physicsEnabled") is False
    assert_clean(o)


def test_html_browser_makes_no_request(open_page, seed_graph):
    o = open_page(seed_graph)
    # Exercise the page, then check nothing left it: not the CDN pyvis would use, nothing.
    o.page.mouse.click(*o.node_point(o.hub()))
    o.page.fill("#kg-search", o.js("kg.data.nodes[0].label"))
    o.page.press("#kg-search", "Enter")
    o.page.wait_for_timeout(500)
    assert o.js("performance.getEntriesByType('resource').map(e => e.name)") == []
    assert_clean(o)


def test_html_browser_filters_change_what_is_visible(open_page, seed_graph):
    g = seed_graph
    o = open_page(g)
    everything = shown(g)
    edges = [d for _, _, d in g.edges(data=True)]
    rel = Counter(d["type"] for d in edges).most_common(1)[0][0]
    o.page.uncheck(f'#kg-filter-type input[data-value="{rel}"]')
    assert visible(o) == shown(g, lambda d: d["type"] != rel)
    assert o.js("kgStats.visibleEdges") == visible(o)[1]
    o.page.check(f'#kg-filter-type input[data-value="{rel}"]')
    assert visible(o) == everything

    hedged = sorted({d["modality"] for d in edges} - {"asserted"})
    assert hedged, "the graph should have a relation that is not asserted"
    o.page.uncheck(f'#kg-filter-modality input[data-value="{hedged[0]}"]')
    assert visible(o) == shown(g, lambda d: d["modality"] != hedged[0])
    o.page.click("#kg-reset")
    assert visible(o) == everything

    o.page.uncheck("#kg-date-undated")
    assert visible(o) == shown(g, lambda d: bool(d["date"]))
    o.page.click("#kg-reset")

    # Actor types: hiding people hides them and their relations; isolated actors come back
    # with the toggle.
    people = {u for u, d in g.nodes(data=True) if d["type"] == "Person"}
    o.page.uncheck('#kg-filter-node input[data-value="Person"]')
    assert visible(o) == shown(g, node_ok=lambda n: n not in people)
    o.page.uncheck("#kg-only-connected")
    assert visible(o) == shown(g, node_ok=lambda n: n not in people, connected_only=False)
    o.page.click("#kg-reset")
    assert visible(o) == everything
    assert_clean(o)


def test_html_browser_search_suggests_and_focuses_an_actor(open_page, sample_graph):
    o = open_page(sample_graph)
    putin = o.node_id("Vladimir Putin")
    o.page.type("#kg-search", "pu")               # names offered as you type
    assert o.page.locator("#kg-suggest").is_visible()
    assert "Vladimir Putin" in o.page.locator("#kg-suggest li").first.text_content()
    o.page.fill("#kg-search", "putin")          # an alias, any case
    o.page.click("#kg-search-go")
    assert o.js("kg.network.getSelectedNodes()") == [putin]
    assert o.js("kgStats.selected") == {"node": putin}
    o.page.wait_for_timeout(600)                # the focus animation
    box = o.page.locator("#kg-network").bounding_box()
    x, y = o.node_point(putin)
    assert abs(x - (box["x"] + box["width"] / 2)) < 5 and abs(y - (box["y"] + box["height"] / 2)) < 5
    panel = o.page.locator("#kg-panel")
    assert panel.locator("h2").text_content() == "Vladimir Putin"
    assert panel.locator("a").get_attribute("href") == "https://www.wikidata.org/wiki/Q7747"
    o.page.fill("#kg-search", "nobody at all")
    o.page.press("#kg-search", "Enter")
    assert "No actor matches" in o.page.text_content("#kg-search-msg")
    assert_clean(o)


def test_html_browser_click_node_shows_type_roles_and_wikidata(open_page, sample_graph):
    o = open_page(sample_graph)
    o.page.mouse.click(*o.node_point(o.node_id("Donald Trump")))
    panel = o.page.locator("#kg-panel")
    text = panel.text_content()
    assert panel.locator("h2").text_content() == "Donald Trump"
    assert "Person" in text
    assert "head-of-state of United States" in text           # his role
    assert "Walid Phares (advisor)" in text                      # who holds a role towards him
    link = panel.locator('a[href^="https://www.wikidata.org/wiki/"]')
    assert link.get_attribute("href") == "https://www.wikidata.org/wiki/Q22686"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert panel.locator("svg.kg-months rect").count() >= 1       # relations per month
    assert_clean(o)


def test_html_browser_edge_hover_and_click_show_evidence(open_page, sample_graph):
    o = open_page(sample_graph)
    opposes = o.js("kg.data.edges.find(e => e.type === 'opposes').id")
    point = o.edge_point(opposes)
    o.page.mouse.move(*point)
    tip = o.page.locator("#kg-tip")
    tip.wait_for(state="visible", timeout=3000)
    for text in ("perlawanan terhadap organisasi teroris ISIS", "1 statement in 1 article", "asserted 1",
                 "confidence: 0.70", "AS-Rusia Kemungkinan Bentuk Koalisi Antiteroris"):
        assert text in tip.text_content()
    o.page.mouse.click(*point)
    panel = o.page.locator("#kg-panel").text_content()
    assert "Donald Trump — opposes → Islamic State" in panel
    assert "perlawanan terhadap organisasi teroris ISIS" in panel and "subject-trigger-object" in panel
    o.js("kg.showEdge(kg.data.edges.find(e => e.type === 'met-with').id)")
    panel = o.page.locator("#kg-panel").text_content()
    assert "Donald Trump — met-with — Vladimir Putin" in panel
    assert "mungkin akan bertemu" in panel and "possible" in panel and "2017-07-07" in panel
    # Trigger words are marked in the evidence: the words the statement records, else the
    # relation type's trigger words of the article's language.
    o.js("kg.showEdge(kg.data.edges.find(e => e.type === 'spoke-with').id)")
    marks = [m.lower() for m in o.page.locator("#kg-panel .kg-evidence mark").all_text_contents()]
    recorded = {(d.get("trigger") or "").lower() for _, _, d in sample_graph.edges(data=True)
                if d.get("type") == "spoke-with"} - {""}
    assert marks and (set(marks) <= recorded if recorded else "percakapan telepon" in marks), marks
    assert_clean(o)


def test_html_browser_symmetric_relations_have_no_arrow_and_hedged_are_dashed(open_page, seed_graph):
    o = open_page(seed_graph)
    drawn = o.js("""kg.data.edges.map(e => [e.type, e.modalities.asserted || 0,
                    kg.network.body.edges[e.id].options.dashes,
                    kg.network.body.edges[e.id].options.arrows.to.enabled])""")
    for typ, asserted, dash, arrow in drawn:
        assert bool(dash) == (asserted == 0), (typ, asserted, dash)
        assert arrow == (typ not in SYMMETRIC), (typ, arrow)
    assert_clean(o)


# ---- a corpus: the development set -----------------------------------------------------

@pytest.fixture(scope="module")
def devset_graph():
    from kg.extract.pipeline import extract_file
    return build_graph([extract_file(f) for f in sorted(DEVSET.glob("*.txt"))])


def test_html_browser_corpus_hides_isolated_actors_by_default(open_page, devset_graph):
    g = devset_graph
    o = open_page(g)
    isolated = sum(1 for n in g if g.degree(n) == 0)
    assert isolated > 0, "the development set should have actors without relations"
    assert visible(o)[0] == shown(g)[0] <= g.number_of_nodes() - isolated
    o.page.uncheck("#kg-only-connected")
    assert visible(o)[0] == g.number_of_nodes()
    assert_clean(o)


def test_html_browser_corpus_draws_one_edge_per_pair_and_type(open_page, devset_graph):
    g = devset_graph
    o = open_page(g)
    assert o.stats["edges"] == len(distinct_pairs(g)) < g.number_of_edges()
    assert visible(o)[1] == len(distinct_pairs(g))
    assert o.js("kg.data.edges.reduce((a, e) => a + e.count, 0)") == g.number_of_edges()
    # Width follows the number of statements.
    widths = o.js("""kg.data.edges.map(e => [e.count, kg.network.body.edges[e.id].options.width])""")
    lo, hi = min(widths), max(widths)
    assert hi[0] > lo[0] and hi[1] > lo[1]
    assert_clean(o)


def test_html_browser_click_dims_non_neighbours_and_focus_keeps_ego_network(open_page, devset_graph):
    g = devset_graph
    o = open_page(g)
    hub = o.hub()
    o.page.mouse.click(*o.node_point(hub))
    h = o.js("kgStats.highlighted")
    neighbours = set(nx_neighbours(o, hub))
    assert h["node"] == hub and h["neighbours"] == len(neighbours)
    assert h["dimmedNodes"] == visible(o)[0] - len(neighbours) - 1 > 0
    colours = o.js("""id => kg.network.body.nodeIndices.map(i =>
                      [i, kg.network.body.nodes[i].options.color.background])""", hub)
    for i, colour in colours:
        assert (colour == "#eeeeee") == (i != hub and i not in neighbours), (i, colour)
    # Clicking empty canvas restores the colours.
    box = o.page.locator("#kg-network").bounding_box()
    o.page.mouse.click(box["x"] + 3, box["y"] + 3)
    assert o.js("kgStats.highlighted") is None
    # Focus: the 1-hop network only, re-fitted.
    o.js("id => kg.focusOn(id, 1)", hub)
    assert visible(o)[0] == len(neighbours) + 1
    o.page.click("#kg-reset")
    assert visible(o) == shown(g)
    assert_clean(o)


def nx_neighbours(o: Opened, node_id: int) -> list[int]:
    return o.js("""id => kg.data.edges.filter(e => e.from === id || e.to === id)
                    .map(e => e.from === id ? e.to : e.from).filter((x, i, a) => a.indexOf(x) === i && x !== id)""",
                node_id)


def test_html_browser_date_slider_and_histogram(open_page, devset_graph):
    g = devset_graph
    o = open_page(g)
    months = o.js("kg.data.months")
    bars = o.page.locator("#kg-histogram svg rect")
    assert bars.count() == len(months) > 12
    assert sum(m["count"] for m in months) > 0
    before = visible(o)
    # Keep the last year only: earlier dated relations go, undated ones stay.
    lo = len(months) - 12
    o.js("lo => { const s = document.getElementById('kg-date-lo'); s.value = String(lo);"
         " s.dispatchEvent(new Event('change')); }", lo)
    first = months[lo]["month"]
    expect = shown(g, lambda d: not d["date"] or d["date"][:7] >= first[:len(d["date"][:7])])
    assert visible(o) == expect and visible(o)[1] < before[1]
    assert first in o.page.text_content("#kg-date-label")
    assert o.page.locator('#kg-histogram rect[fill="#d0d0d0"]').count() == lo
    o.page.click("#kg-reset")
    assert visible(o) == before
    assert_clean(o)


def test_html_browser_screenshot_of_corpus(open_page, devset_graph, tmp_path):
    """Writes exports/corpus.png (committed, shown in the README)."""
    o = open_page(devset_graph, viewport=(1400, 900))
    o.page.mouse.click(*o.node_point(o.hub()))
    o.page.mouse.move(5, 895)
    o.page.wait_for_timeout(300)
    shot = tmp_path / "corpus.png"
    o.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    shutil.copyfile(shot, CORPUS_SCREENSHOT)
    assert_clean(o)


# ---- untrusted text --------------------------------------------------------------------

@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "without-csp"])
def test_html_browser_article_markup_stays_text(open_page, bypass_csp):
    """An article containing <img onerror> and <script> text: no dialog, no element."""
    g = hostile_graph()
    o = open_page(g, bypass_csp=bypass_csp)
    assert o.stats["nodes"] == g.number_of_nodes() and o.stats["statements"] == g.number_of_edges()
    # Show every tooltip and panel the data can reach, by mouse and by search.
    for i in range(g.number_of_nodes()):
        o.page.mouse.move(*o.node_point(i))
        o.page.mouse.click(*o.node_point(i))
    for i in range(o.stats["edges"]):
        o.js("id => kg.showEdge(id)", i)
    o.page.fill("#kg-search", "evil")
    o.page.press("#kg-search", "Enter")
    o.page.wait_for_timeout(300)
    injected = o.js("""() => ({
        img: document.querySelectorAll("img, iframe, object, embed, svg image").length,
        scripts: document.scripts.length,
        handlers: [...document.querySelectorAll("*")].flatMap(el =>
            [...el.attributes].filter(a => a.name.startsWith("on")).map(a => el.tagName + " " + a.name)),
        links: [...document.querySelectorAll("a")].map(a => a.href)})""")
    assert injected["img"] == 0 and injected["scripts"] == 3 and injected["handlers"] == []
    assert all(href.startswith("https://www.wikidata.org/wiki/Q") for href in injected["links"])
    panel = o.page.text_content("#kg-panel")
    assert f"Evil {IMG}" in panel and SCRIPT in panel          # shown, as text
    assert IMG in o.js("document.title") and CLOSE not in o.js("document.title")
    assert o.dialogs == [] and o.blocked == []
    assert o.errors == [], o.errors


# ---- size and speed --------------------------------------------------------------------

def test_html_browser_empty_graph(open_page):
    o = open_page(new_graph())
    assert o.stats["nodes"] == 0 and o.stats["edges"] == 0 and o.stats["settled"]
    assert o.page.locator("#kg-histogram svg").count() == 1
    assert_clean(o)


def test_html_browser_large_graph_settles_in_under_10_s(open_page):
    """Issue: 2,000 nodes and 4,000 edges settle in under 10 s in headless Chromium."""
    spec = importlib.util.spec_from_file_location("bench_html", ROOT / "benchmarks" / "bench_html.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    o = open_page(bench.synthetic_graph(2000, 4000))
    assert o.stats["nodes"] == 2000 and o.stats["statements"] == 4000
    assert o.stats["settleMs"] < 10_000, f"settled after {o.stats['settleMs'] / 1000:.1f} s"
    assert o.js("kg.network.physics.physicsEnabled") is False
    assert_clean(o)


# ---- the screenshot in the README ------------------------------------------------------

def test_html_browser_screenshot_of_seed_graph(open_page, seed_graph, tmp_path):
    """Writes exports/graph.png (committed, shown in the README)."""
    o = open_page(seed_graph)
    o.page.mouse.click(*o.node_point(o.hub()))
    o.page.mouse.move(5, 795)
    o.page.wait_for_timeout(300)
    shot = tmp_path / "graph.png"
    o.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, SCREENSHOT)
    assert_clean(o)


# ---- the WebGL renderer (sigma.js) for very large graphs ---------------------------------

def test_html_browser_webgl_corpus_filters_highlight_and_slider(open_page, devset_graph):
    g = devset_graph
    o = open_page(g, renderer="webgl")
    assert o.js("kg.renderer") == "webgl"
    assert visible(o) == shown(g)
    assert o.stats["edges"] == len(distinct_pairs(g))
    hub = o.hub()
    # Hover and click the hub with the mouse, where sigma draws it.
    box = o.page.locator("#kg-network").bounding_box()
    p = o.js("""id => { const a = kg.network.getGraph().getNodeAttributes(String(id));
                        return kg.network.graphToViewport({x: a.x, y: a.y}); }""", hub)
    o.page.mouse.move(box["x"] + p["x"], box["y"] + p["y"])
    o.page.locator("#kg-tip").wait_for(state="visible", timeout=3000)
    assert o.js("id => kg.data.nodes[id].label", hub) in o.page.text_content("#kg-tip")
    o.page.mouse.click(box["x"] + p["x"], box["y"] + p["y"])
    assert o.js("kgStats.selected") == {"node": hub}
    h = o.js("kgStats.highlighted")
    assert h["dimmedNodes"] == visible(o)[0] - h["neighbours"] - 1 > 0
    dimmed = o.js("""() => kg.network.getGraph().filterNodes(n =>
                       kg.network.getNodeDisplayData(n).color === "#eeeeee").length""")
    assert dimmed == h["dimmedNodes"]
    o.js("id => kg.focusOn(id, 1)", hub)
    assert visible(o)[0] == h["neighbours"] + 1
    o.page.click("#kg-reset")
    months = o.js("kg.data.months")
    o.js("lo => { const s = document.getElementById('kg-date-lo'); s.value = String(lo);"
         " s.dispatchEvent(new Event('change')); }", len(months) - 12)
    assert visible(o)[1] < len(distinct_pairs(g))
    o.page.mouse.click(640, 400)                  # whatever is there: a click must not fail
    assert o.js("performance.getEntriesByType('resource').map(e => e.name)") == []
    assert_clean(o)


def test_html_browser_webgl_20000_actors_interactive_quickly(open_page):
    """Issue 13: 20,000 actors and 60,000 statements interactive within 5 s (the benchmark's
    figure); the test allows 10 s, as other work may share the machine's two cores."""
    spec = importlib.util.spec_from_file_location("bench_html", ROOT / "benchmarks" / "bench_html.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    o = open_page(bench.synthetic_graph(20_000, 60_000))
    assert o.js("kg.renderer") == "webgl"
    assert o.stats["nodes"] == 20_000 and o.stats["statements"] == 60_000
    assert o.stats["settleMs"] < 10_000, f"interactive after {o.stats['settleMs'] / 1000:.1f} s"
    hub = o.hub()
    took = o.js("""id => { const t = performance.now(); kg.highlight(id); kg.showNode(id);
                           return performance.now() - t; }""", hub)
    assert took < 2000, f"a click took {took:.0f} ms"
    assert_clean(o)


def test_html_browser_corpus_edge_middles_select_edges_not_actors(open_page, devset_graph):
    """Issue 13: clicking the middle of an edge selected another actor."""
    o = open_page(devset_graph)
    hits = o.js("""() => {
      const net = kg.network, out = {self: 0, edge: 0, node: 0, none: 0};
      for (const id of net.body.edgeIndices) {
        const e = kg.data.edges[id];
        if (e.curve || e.from === e.to) continue;
        const p = net.getPositions([e.from, e.to]);
        const dom = net.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
        const n = net.getNodeAt(dom), hit = net.getEdgeAt(dom);
        if (n !== undefined) out.node++; else if (hit === id) out.self++; else if (hit !== undefined) out.edge++;
        else out.none++;
      }
      return out; }""")
    # An actor drawn over the middle of an edge takes the click (it is on top); the layout
    # keeps that rare: 9 of 169 edges (5.3 %) on the devset graph of 2026-12-08, whose
    # content moves with the extraction rules, so the bound leaves some room.
    assert hits["node"] <= 0.08 * sum(hits.values()), hits
    assert hits["self"] >= 0.9 * sum(hits.values()), hits
    assert_clean(o)
