"""The timeline view: the relations of one actor, or between two, over time.

`kg timeline ACTOR [ACTOR2] --out FILE` draws every dated statement as a mark on the
row of its relation type (colour by type, as in the HTML view; the mark's shape is its
modality) above the statements per month.  PNG and SVG come from matplotlib: a
well-kept library that renders offline without a browser or a JavaScript runtime
(altair would need vl-convert's bundled engine for the same).  The HTML page holds the
SVG inline and a table of the statements with their evidence: it makes no request.
"""
from __future__ import annotations

import html
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import networkx as nx

from kg.atomic import write_text
from kg.errors import FormatError, GraphError
from kg.model import MODALITIES, RELATION_TYPES

# matplotlib marker per modality: filled for asserted, open or crossed for the rest.
MARKERS = {"asserted": "o", "possible": "D", "planned": "s", "conditional": "^", "negated": "x"}
SUFFIXES = (".png", ".svg", ".html")


@dataclass(frozen=True)
class Statement:
    when: date
    date: str
    type: str
    modality: str
    source: str
    target: str
    evidence: str
    article: str
    other: str              # the other party, as seen from the actor


def find_actor(g: nx.MultiDiGraph, name: str) -> str:
    """The node whose IRI, key, label or alias is `name` (any case), else the only one
    whose label contains it."""
    q = name.casefold().strip()
    exact = [n for n, d in g.nodes(data=True)
             if q in {str(n).casefold(), str(d.get("key") or "").casefold(), str(d.get("label") or "").casefold()}
             or q in {str(a).casefold() for a in d.get("aliases") or ()}]
    if exact:
        return sorted(exact, key=lambda n: -g.degree(n))[0]
    partial = [n for n, d in g.nodes(data=True) if q and q in str(d.get("label") or "").casefold()]
    if len(partial) == 1:
        return partial[0]
    if partial:
        shown = ", ".join(sorted(g.nodes[n].get("label") or str(n) for n in partial)[:5])
        raise GraphError(f"{name!r} matches several actors ({shown}); give the full name")
    raise GraphError(f"no actor matches {name!r}")


def statements(g: nx.MultiDiGraph, actor: str, other: str | None = None) -> tuple[list[Statement], int]:
    """The dated statements of `actor` (with `other` only, when given), by date, and the
    number of undated ones left out."""
    out, undated = [], 0
    for u, v, d in g.edges(data=True):
        if actor not in (u, v) or (other is not None and {u, v} != {actor, other}):
            continue
        when = _day(d.get("date"))
        if when is None:
            undated += 1
            continue
        label = lambda n: g.nodes[n].get("label") or str(n)  # noqa: E731
        out.append(Statement(when, d["date"], d.get("type") or "related", d.get("modality") or "asserted",
                             label(u), label(v), d.get("evidence") or "", d.get("article") or "",
                             label(v) if u == actor else label(u)))
    return sorted(out, key=lambda s: (s.when, s.type)), undated


def _day(value) -> date | None:
    """A date to plot: a day as such, a month at its middle, a year at its middle."""
    text = str(value or "")
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 15)
        if len(text) == 4:
            return date(int(text), 7, 1)
    except ValueError:
        return None
    return None


def figure(rows: list[Statement], title: str):
    """A matplotlib figure: marks per relation type over time, and statements per month."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.lines import Line2D
    except ImportError:
        raise FormatError("kg timeline needs matplotlib (pip install 'dipkg[timeline]')") from None
    from kg.views.html import EDGE_COLORS, OTHER_EDGE_COLOR

    types = [t for t in RELATION_TYPES if any(s.type == t for s in rows)]
    types += sorted({s.type for s in rows} - set(types))
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 2.2 + 0.45 * max(1, len(types)) + 1.8),
                                      sharex=True, gridspec_kw={"height_ratios": [max(1, len(types)), 2]})
    for s in rows:
        colour = EDGE_COLORS.get(s.type, OTHER_EDGE_COLOR)
        marker = MARKERS.get(s.modality, "o")
        filled = s.modality == "asserted"
        top.scatter([s.when], [types.index(s.type)], marker=marker, s=60, linewidths=1.5,
                    facecolors=colour if filled or marker == "x" else "none", edgecolors=colour)
    if len(rows) <= 40:     # few enough to name the other party of each mark
        for s in rows:
            top.annotate(s.other, (s.when, types.index(s.type)), xytext=(0, 7), textcoords="offset points",
                         fontsize=7, ha="center", color="#444444")
    top.set_yticks(range(len(types)), types)
    top.set_ylim(-0.7, len(types) - 0.3)
    top.invert_yaxis()
    top.grid(axis="x", alpha=0.3)
    top.set_title(title, loc="left", fontsize=12)
    top.legend(handles=[Line2D([], [], marker=MARKERS[m], linestyle="", color="#555555",
                               markerfacecolor="#555555" if m == "asserted" else "none", label=m)
                        for m in MODALITIES if any(s.modality == m for s in rows)],
               loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9, title="modality")
    _month_bars(bottom, rows, types, EDGE_COLORS, OTHER_EDGE_COLOR)
    fig.tight_layout()
    return fig, plt


def _month_bars(ax, rows: list[Statement], types: list[str], colours: dict, other: str) -> None:
    months = sorted({date(s.when.year, s.when.month, 15) for s in rows})
    counts = Counter((date(s.when.year, s.when.month, 15), s.type) for s in rows)
    base = Counter()
    for t in types:
        heights = [counts[(m, t)] for m in months]
        ax.bar(months, heights, width=25, bottom=[base[m] for m in months], color=colours.get(t, other), label=t)
        for m, h in zip(months, heights):
            base[m] += h
    ax.set_ylabel("statements\nper month")
    ax.grid(axis="y", alpha=0.3)


def render(g: nx.MultiDiGraph, actor: str, other: str | None, path: str | Path) -> int:
    """Write the timeline of `actor` (and `other`) to `path` (.png, .svg or .html); returns
    the number of statements drawn."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise FormatError(f"{path}: the timeline is written as {', '.join(SUFFIXES)}")
    a = find_actor(g, actor)
    b = find_actor(g, other) if other else None
    rows, undated = statements(g, a, b)
    names = [g.nodes[n].get("label") or str(n) for n in (a, b) if n is not None]
    if not rows:
        raise GraphError(f"{' and '.join(names)}: no dated relation to draw ({undated} undated)")
    title = " – ".join(names) + f": {len(rows)} dated statements" + (f" ({undated} undated not shown)" if undated else "")
    fig, plt = figure(rows, title)
    try:
        if suffix == ".html":
            buf = io.StringIO()
            fig.savefig(buf, format="svg")
            write_text(path, _page(title, buf.getvalue(), rows))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            fig.savefig(path, dpi=120)
    finally:
        plt.close(fig)
    return len(rows)


def _page(title: str, svg: str, rows: list[Statement]) -> str:
    svg = svg[svg.index("<svg"):]            # drop the XML prolog and DOCTYPE
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)   # RDF about the file, dated
    esc = html.escape
    body = "".join(f"<tr><td>{esc(s.date)}</td><td>{esc(s.source)}</td><td>{esc(s.type)}</td>"
                   f"<td>{esc(s.target)}</td><td>{esc(s.modality)}</td><td>{esc(s.evidence)}</td>"
                   f"<td>{esc(s.article)}</td></tr>" for s in rows)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
            f"<title>{esc(title)}</title><style>body{{font:13px sans-serif;margin:16px}}"
            f"table{{border-collapse:collapse}}td,th{{border-top:1px solid #ddd;padding:3px 6px;"
            f"vertical-align:top;text-align:left}}svg{{max-width:100%;height:auto}}</style></head>"
            f"<body><h1>{esc(title)}</h1>{svg}<table><tr><th>date</th><th>from</th><th>relation</th>"
            f"<th>to</th><th>modality</th><th>evidence</th><th>article</th></tr>{body}</table></body></html>\n")
