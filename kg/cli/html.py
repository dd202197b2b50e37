"""The `html` command: draw a graph file as one interactive, self-contained HTML page."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli import app, domain_errors


@app.command()
@domain_errors
def html(
    graph: Annotated[Path, typer.Argument(help="Graph file written by `kg build` (graph.json, or an RDF, "
                                               "GraphML or GEXF file).")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="HTML file to write "
                                                "(default: the graph file with .html).")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Page title (default: from the "
                                                 "articles).")] = None,
    renderer: Annotated[str, typer.Option("--renderer", help="auto (WebGL above 5,000 actors), vis "
                                          "(vis-network) or webgl (sigma.js).")] = "auto",
) -> None:
    """Draw the graph as one interactive HTML page that works offline.

    One edge per actor pair and relation type, as wide as its number of statements; actors coloured and shaped by type, sized by their links; relations coloured by type, dashed unless asserted, symmetric ones without arrows. Click an edge for every statement with its evidence; click an actor to dim all but its neighbourhood, "Focus" keeps its k-hop network. Filter by relation type, modality and a date range (over a histogram of statements per month); actors without a shown relation are hidden until you ask. Above 5,000 actors the page draws with WebGL (sigma.js). Every script and stylesheet is inside the file: it makes no request and opens from file:// without internet.

    Example: kg html exports/graph.json --out exports/graph.html
    """
    from kg.atomic import write_text
    from kg.exporters import load_graph
    from kg.views.html import render_html

    g = load_graph(graph)
    target = out if out is not None else graph.with_suffix(".html")
    write_text(target, render_html(g, title=title, renderer=renderer))
    typer.echo(f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges -> {target}", err=True)


@app.command()
@domain_errors
def timeline(
    actor: Annotated[str, typer.Argument(help="Actor: name, alias, key (country/id) or IRI.")],
    actor2: Annotated[Optional[str], typer.Argument(help="A second actor: only the relations "
                                                         "between the two.")] = None,
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Graph file written by `kg build`.")]
        = Path("exports/graph.json"),
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write: .png, .svg or .html.")]
        = Path("timeline.html"),
) -> None:
    """Draw the relations of an actor, or of a pair, over time.

    Every dated statement is a mark on the row of its relation type (shape: modality), above
    the statements per month. PNG and SVG are drawn with matplotlib; the HTML page holds the
    SVG and a table of the statements with their evidence, and makes no request.

    Example: kg timeline Indonesia Russia --graph exports/graph.json --out timeline.png
    """
    from kg.exporters import load_graph
    from kg.views.timeline import render

    g = load_graph(graph)
    n = render(g, actor, actor2, out)
    typer.echo(f"{n} statements -> {out}", err=True)
