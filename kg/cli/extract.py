"""Commands that read articles: `extract`, `build` and `eval`."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.extract import evaluate, pipeline, reader
from kg.errors import FormatError, InputError, KGError
from kg.cli import app, domain_errors

Published = Annotated[Optional[str], typer.Option(
    "--published", "-p", metavar="YYYY-MM-DD",
    help="Publication date, to resolve 'Sabtu (28/1)' or 'on Thursday'. "
         "Default: the article's front matter, else none.")]
Lang = Annotated[str, typer.Option("--lang", "-l", help="Article language: id, en or auto (detect).")]

BUILD_FORMATS = ("graph-json", "turtle", "jsonld", "graphml", "gexf", "html")


def _date(value: str | None):
    return reader.parse_date(value, "--published date") if value else None


def _table(doc: dict) -> str:
    ents = {e["id"]: e for e in doc["entities"]}
    a = doc["article"]
    lines = [f"{a['title']}  [{a['language']}, published {a['published'] or 'unknown'}]", "",
             f"{'ENTITY':<34} {'TYPE':<13} WIKIDATA"]
    for e in doc["entities"]:
        lines.append(f"{e['label'][:34]:<34} {e['type']:<13} {e['wikidata'] or '-'}")
    lines += ["", f"{'RELATION':<12} {'SOURCE':<24} {'TARGET':<28} {'MODALITY':<11} {'DATE':<10} CONF"]
    for r in doc["relations"]:
        target = ents[r["target"]]["label"] + (f" [{r['role']}]" if r["role"] else "")
        lines.append(f"{r['type']:<12} {ents[r['source']]['label'][:24]:<24} {target[:28]:<28} "
                     f"{r['modality']:<11} {r['date'] or '-':<10} {r['confidence']:.2f}")
    return "\n".join(lines)


@app.command()
@domain_errors
def extract(
    file: Annotated[Path, typer.Argument(help="Article file (plain text, UTF-8 or a detectable encoding).")],
    published: Published = None,
    lang: Lang = "auto",
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (the extraction contract) or table.")] = "json",
) -> None:
    """Extract actors and relations from one article and print them.

    Example: kg extract examples/rbth-2017-as-rusia-koalisi-antiteroris.txt --published 2017-01-31 --format table
    """
    if fmt not in ("json", "table"):
        raise FormatError(f"unknown format {fmt!r} (known: json, table)")
    ex = pipeline.extract_file(file, published=_date(published), language=lang)
    doc = pipeline.to_contract(ex)
    typer.echo(json.dumps(doc, ensure_ascii=False, indent=1) if fmt == "json" else _table(doc))


@app.command()
@domain_errors
def build(
    paths: Annotated[list[Path], typer.Argument(help="Article files and folders (searched for .txt and .md).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("exports"),
    published: Published = None,
    lang: Lang = "auto",
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Skip unreadable articles instead of stopping.")] = False,
) -> None:
    """Merge articles into one graph and write it (graph.json, Turtle, JSON-LD, GraphML, GEXF, HTML).

    The same actor across articles and languages is one node.

    Example: kg build examples/ --out exports/
    """
    from kg import exporters
    from kg.graph.network import add_extraction, new_graph

    files = reader.collect(paths)
    g = new_graph()
    problems: list[str] = []
    show = sys.stderr.isatty() and len(files) > 1
    with typer.progressbar(files, label="Extracting", file=sys.stderr, hidden=not show) as bar:
        for f in bar:
            try:
                add_extraction(g, pipeline.extract_file(f, published=_date(published), language=lang))
            except KGError as exc:
                problems.append(str(exc))
    for p in problems:
        typer.echo(f"{'Warning' if skip_bad else 'Error'}: {p}", err=True)
    if problems and not skip_bad:
        raise InputError(f"{len(problems)} of {len(files)} articles could not be read; nothing written "
                         "(use --skip-bad to build from the rest)")
    if len(problems) == len(files):
        raise InputError("no article could be read; nothing written")
    written = []
    registered = exporters.exporters()
    for name in BUILD_FORMATS:
        if name in registered:
            path = out / ("graph" + registered[name].suffix)
            exporters.export(g, name, path)
            written.append(path.name)
    typer.echo(f"{len(files) - len(problems)} articles, {g.number_of_nodes()} nodes, "
               f"{g.number_of_edges()} edges -> {out}/ ({', '.join(written)})", err=True)


@app.command("eval")
@domain_errors
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold annotation (.gold.json), or a folder of them with their articles.")],
    article: Annotated[Optional[Path], typer.Argument(help="The article file (default: the gold file's "
                                                          "'article' name, beside the gold file).")] = None,
    published: Published = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary lines.")] = False,
) -> None:
    """Score extraction against a gold annotation: entity and relation P/R/F1, modality and date accuracy.

    Example: kg eval tests/data/seed.gold.json examples/rbth-2017-as-rusia-koalisi-antiteroris.txt
    """
    pairs = evaluate.gold_pairs(gold, article)
    total = evaluate.Score()
    rows = []
    for gpath, apath, gdoc in pairs:
        pub = _date(published) or (reader.parse_date(gdoc["published"], f"published date in {gpath}")
                                   if gdoc.get("published") else None)
        ex = pipeline.extract_file(apath, published=pub, language=gdoc.get("language", "auto"))
        sc = evaluate.score(gdoc, pipeline.to_contract(ex))
        total += sc
        rows.append((gpath, sc))
    if as_json:
        typer.echo(json.dumps(evaluate.as_dict(total, rows), indent=1, ensure_ascii=False))
        return
    for gpath, sc in rows:
        if len(rows) > 1:
            typer.echo(f"{gpath.name}: {sc.summary()}")
        if not quiet and len(rows) == 1:
            typer.echo(evaluate.report(sc))
    if len(rows) > 1:
        typer.echo(f"TOTAL ({len(rows)} articles, micro-averaged): {total.summary()}")
