"""`kg timeline`: the relations of an actor or a pair over time, as PNG, SVG and HTML."""
from __future__ import annotations

import re
import struct

import pytest
from typer.testing import CliRunner

from kg.graph.network import write_graph_json

pytest.importorskip("matplotlib")

from kg.views import timeline  # noqa: E402


def _cli():
    import kg.cli.commands  # noqa: F401
    from kg.cli import app
    return app


@pytest.fixture
def graph_json(sample_graph, tmp_path):
    path = tmp_path / "graph.json"
    write_graph_json(sample_graph, path)
    return path


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("actors", [["Trump"], ["Donald Trump", "putin"]], ids=["actor", "pair"])
@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_timeline_cli_writes_each_format(graph_json, tmp_path, actors, suffix):
    out = tmp_path / f"t{suffix}"
    r = CliRunner().invoke(_cli(), ["timeline", *actors, "--graph", str(graph_json), "--out", str(out)])
    assert r.exit_code == 0, r.output
    expected = 3 if len(actors) == 1 else 2   # Trump's dated statements; with Putin: two
    assert f"{expected} statements -> {out}" in r.output
    if suffix == ".png":
        width, height = png_size(out)
        assert 1000 <= width <= 1400 and 400 <= height <= 1200
    elif suffix == ".svg":
        assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    else:
        page = out.read_text(encoding="utf-8")
        assert "<svg" in page and "mungkin akan bertemu" in page
        # Nothing in the page loads anything: no src, no link, no URL but XML namespaces.
        assert not re.search(r"\s(src|href)\s*=", page.replace('xmlns:xlink="http://www.w3.org/1999/xlink"', ""))
        urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
        assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, urls
        assert "default-src 'none'" in page


def test_timeline_html_makes_no_request_in_a_browser(graph_json, tmp_path):
    from test_html_browser import CHROMIUM, CHROMIUM_ARGS
    pytest.importorskip("playwright")
    from playwright.sync_api import sync_playwright
    out = tmp_path / "t.html"
    timeline.render(timeline_graph(graph_json), "Trump", None, out)
    blocked, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url == out.as_uri()
                   else (blocked.append(r.request.url), r.abort()))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(out.as_uri())
        assert page.locator("svg").count() >= 1
        assert page.evaluate("performance.getEntriesByType('resource').length") == 0
        browser.close()
    assert blocked == [] and errors == []


def timeline_graph(path):
    from kg.exporters import load_graph
    return load_graph(path)


@pytest.mark.parametrize("args, message", [
    (["Nobody"], "Error: [E140] no actor matches 'Nobody'"),
    (["Walid Phares", "--out", "t.png"], "Error: [E140] Walid Phares: no dated relation to draw (1 undated)"),
    (["Trump", "--out", "t.pdf"], "Error: [E130] t.pdf: the timeline is written as .png, .svg, .html"),
])
def test_timeline_cli_errors_are_one_line(graph_json, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(_cli(), ["timeline", *args, "--graph", str(graph_json)])
    assert r.exit_code == 1
    assert r.output.strip() == message


def test_timeline_find_actor_by_alias_key_and_partial_label(sample_graph):
    assert timeline.find_actor(sample_graph, "AS").endswith("country/us")
    assert timeline.find_actor(sample_graph, "country/ru").endswith("country/ru")
    assert timeline.find_actor(sample_graph, "phares").endswith("person/walid-phares")
