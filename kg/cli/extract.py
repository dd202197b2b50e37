"""Commands that read articles: `extract`, `build` and `eval`."""
from __future__ import annotations

import json
import shutil
import textwrap
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.extract import evaluate, pipeline, reader
from kg.errors import FormatError, InputError, KGError
from kg.cli import app, domain_errors, say

Published = Annotated[Optional[str], typer.Option(
    "--published", "-p", metavar="YYYY-MM-DD",
    help="Publication date, to resolve 'Sabtu (28/1)' or 'on Thursday'. "
         "Default: the article's front matter, else none.")]
Lang = Annotated[str, typer.Option("--lang", "-l", help="Article language: id, en or auto (detect).")]
InputFormat = Annotated[Optional[str], typer.Option(
    "--input-format", "-i", help="Read inputs as text, html, jsonl, csv, warc or parquet "
                                "(default: by suffix; standard input: text or JSONL, by its first line).")]
Columns = Annotated[Optional[list[str]], typer.Option(
    "--column", metavar="FIELD=COLUMN",
    help="JSONL/CSV column of a field when it is not named after it, e.g. --column text=body "
         "(fields: text, id, url, title, published, language, source).")]

Jobs = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", help="Worker processes for extraction (default: the number of cores); "
                         "the output is the same for any number.")]

# JSON-LD is not among the defaults: rdflib's writer holds the graph twice and set the peak
# memory and a third of the CPU of a build (issue 12); `--format jsonld` or `kg export` write it.
BUILD_FORMATS = ("graph-json", "turtle", "graphml", "gexf", "html")


def _date(value: str | None):
    return reader.parse_date(value, "--published date") if value else None


def _columns(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """Rows aligned to the widest cell of each column: nothing is cut mid-word."""
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    return ["  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip() for row in (header, *rows)]


def _table(doc: dict, width: int | None = None) -> str:
    """The contract as two tables; each relation is followed by its evidence, wrapped."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    ents = {e["id"]: e for e in doc["entities"]}
    a = doc["article"]
    lines = [f"{a['title']}  [{a['language']}, published {a['published'] or 'unknown'}]", ""]
    lines += _columns(("ENTITY", "TYPE", "WIKIDATA"),
                      [(e["label"], e["type"], e["wikidata"] or "-") for e in doc["entities"]])
    header = ("RELATION", "SOURCE", "TARGET", "ROLE", "MODALITY", "DATE", "CONF", "RULE")
    rows = [(r["type"], ents[r["source"]]["label"], ents[r["target"]]["label"], r["role"] or "-",
             r["modality"], r["date"] or "-", f"{r['confidence']:.2f}", r.get("rule") or "-")
            for r in doc["relations"]]
    table = _columns(header, rows)
    lines += ["", table[0]]
    for row, r in zip(table[1:], doc["relations"]):
        lines.append(row)
        lines += textwrap.wrap(r["evidence"] or "", width=max(40, width - 4),
                               initial_indent="    > ", subsequent_indent="      ")
    return "\n".join(lines)


def _options(published: str | None, lang: str, input_format: str | None, columns: list[str] | None):
    from kg.extract.corpus import parse_columns
    return reader.Options(published=_date(published), language=lang, input_format=input_format,
                          columns=parse_columns(columns or []))


def _articles(paths: list[str], opts, summary, problems: list[KGError]):
    """The articles of `paths`; notes go to stderr, errors to `problems`."""
    for item in reader.read_inputs(paths, opts, summary=summary):
        if item.error is not None:
            problems.append(item.error)
        elif item.duplicate_of is not None:
            say(f"Note: {item.where}: the same article as {item.duplicate_of}; counted once")
        else:
            for note in item.article.notes:
                say(f"Warning: {item.where}: {note}")
            yield item.article


@app.command()
@domain_errors
def extract(
    file: Annotated[str, typer.Argument(help="Article file: text, Markdown, HTML, or a JSONL/CSV/WARC corpus "
                                             "(one contract per line); - reads standard input.")],
    published: Published = None,
    lang: Lang = "auto",
    fmt: Annotated[str, typer.Option("--format", "-f", help="json (the extraction contract) or table.")] = "json",
    input_format: InputFormat = None,
    column: Columns = None,
    jobs: Jobs = None,
) -> None:
    """Extract actors and relations from one article and print them.

    A corpus (JSONL, CSV, WARC, or JSONL on standard input) prints one contract per line.

    Example: kg extract examples/rbth-2017-as-rusia-koalisi-antiteroris.txt --published 2017-01-31 --format table
    """
    if fmt not in ("json", "table"):
        raise FormatError(f"unknown format {fmt!r} (known: json, table)")
    from kg.extract.parallel import Progress, check_jobs, pmap
    problems: list[KGError] = []
    articles = _articles([file], _options(published, lang, input_format, column), None, problems)
    docs = Progress().wrap(pmap(_contract, articles, check_jobs(jobs)))
    first = next(docs, None)
    if first is None and not problems:
        raise InputError(f"{file}: no article in this input")
    second = next(docs, None) if first is not None else None
    if first is not None and second is None and not problems:
        typer.echo(json.dumps(first, ensure_ascii=False, indent=1) if fmt == "json" else _table(first))
        return
    for n, doc in enumerate(d for d in (first, second) if d is not None):
        typer.echo(json.dumps(doc, ensure_ascii=False) if fmt == "json" else ("\n" if n else "") + _table(doc))
    for doc in docs:
        typer.echo(json.dumps(doc, ensure_ascii=False) if fmt == "json" else "\n" + _table(doc))
    if len(problems) == 1 and first is None:
        raise problems[0]
    for p in problems:
        say(f"Error: {p}")
    if problems:
        raise typer.Exit(1)


def _contract(article) -> dict:
    return pipeline.to_contract(pipeline.extract(article))


GRAPH_SUFFIXES = (".json", ".graphml", ".gexf", ".ttl", ".nt", ".rdf", ".owl", ".jsonld", ".trig", ".nq")


def _is_graph_file(path: str) -> bool:
    return path != "-" and path.lower().endswith(GRAPH_SUFFIXES) and Path(path).is_file()


@app.command()
@domain_errors
def build(
    paths: Annotated[list[str], typer.Argument(
        help="Article files, folders (searched for .txt, .md, .html, .jsonl, .csv, .warc; README-like "
             "files skipped) and corpora; - reads standard input.")],
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Output folder (default: exports/, or the folder of --into).")] = None,
    published: Published = None,
    lang: Lang = "auto",
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Skip unreadable articles instead of stopping.")] = False,
    input_format: InputFormat = None,
    column: Columns = None,
    into: Annotated[Optional[Path], typer.Option(
        "--into", help="Start from this graph (graph.json or any graph file) and add the articles to it; "
                       "an article it has already is replaced.")] = None,
    formats: Annotated[Optional[list[str]], typer.Option(
        "--format", "-f", help="Output format, repeatable (default: graph-json, turtle, graphml, gexf, html; "
                               "any of `kg export --format`, e.g. jsonld, nquads).")] = None,
    jobs: Jobs = None,
) -> None:
    """Merge articles into one graph and write it (graph.json, Turtle, GraphML, GEXF, HTML; JSON-LD with --format jsonld).

    The same actor across articles and languages is one node; the same article given twice
    is read once. Graph files among PATHS (graph.json, .ttl, .trig, .graphml, …) are merged in.
    JSON-LD is written on request (--format jsonld): its writer needs the whole graph twice.

    Example: kg build examples/ --out exports/
    """
    from kg import exporters
    from kg.exporters import load_graph
    from kg.graph.network import merge_graph, new_graph

    for name in formats or ():
        exporters.get(name)     # an unknown format fails before the extraction, not after
    graphs = [p for p in paths if _is_graph_file(p)]
    sources = [p for p in paths if p not in graphs]
    g = load_graph(into) if into is not None else new_graph()
    for path in graphs:
        merge_graph(g, load_graph(path))
    summary = reader.Summary()
    problems = _add_articles(g, sources, _options(published, lang, input_format, column), summary, jobs)
    for p in problems:
        say(f"{'Warning' if skip_bad else 'Error'}: {p}")
    total = summary.articles + len(problems)
    if problems and not skip_bad:
        raise InputError(f"{len(problems)} of {total} articles could not be read; nothing written "
                         "(use --skip-bad to build from the rest)")
    if sources and not summary.articles:
        raise InputError("no article could be read; nothing written")
    out = out or (into.parent if into is not None else Path("exports"))
    written = _write_set(g, out, formats or BUILD_FORMATS)
    n_graphs = len(graphs) + (into is not None)
    merged = f" and {n_graphs} graph(s): {len(g.graph['articles'])} articles in all" if n_graphs else ""
    typer.echo(f"{summary.line()}{merged}, {g.number_of_nodes()} nodes, "
               f"{g.number_of_edges()} edges -> {out}/ ({', '.join(written)})", err=True)


def _add_articles(g, sources: list[str], opts, summary, jobs: int | None) -> list[KGError]:
    """Extract the articles of `sources` (on `jobs` processes) into `g`; returns the read errors."""
    from kg.extract.parallel import Progress, check_jobs, extract_all
    from kg.graph.network import add_extraction
    problems: list[KGError] = []
    articles = _articles(sources, opts, summary, problems)
    for ex in Progress().wrap(extract_all(articles, check_jobs(jobs))):
        add_extraction(g, ex)
    return problems


def _write_set(g, out: Path, formats) -> list[str]:
    """Every build output, written beside `out`'s files and swapped in together (issue 15):
    a failure or a kill leaves the previous set."""
    from kg import exporters
    from kg.atomic import output_set
    written = []
    registered = exporters.exporters()
    with output_set(out) as stage:
        for name in dict.fromkeys(formats):
            exp = exporters.get(name)
            if name in registered:
                path = stage / ("graph" + exp.suffix)
                exporters.export(g, name, path)
                written.append(path.name)
    return written


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
    """Score extraction against a gold annotation: entity and relation P/R/F1, modality and date accuracy
    (and, on the PLOVER records, PLOVER category and mode accuracy and the precision check).

    Example: kg eval tests/data/seed.gold.json examples/rbth-2017-as-rusia-koalisi-antiteroris.txt
    """
    pairs = evaluate.gold_pairs(gold, article)
    total = evaluate.Score()
    rows, checked = [], []
    for gpath, apath, gdoc in pairs:
        pub = _date(published) or (reader.parse_date(gdoc["published"], f"published date in {gpath}")
                                   if gdoc.get("published") else None)
        ex = pipeline.extract_file(apath, published=pub, language=gdoc.get("language", "auto"))
        if gdoc.get("precision_check"):
            checked.append((gpath, evaluate.precision_check(gdoc, pipeline.to_contract(ex))))
            continue
        sc = evaluate.score(gdoc, pipeline.to_contract(ex))
        total += sc
        rows.append((gpath, sc))
    if as_json:
        doc = evaluate.as_dict(total, rows)
        if checked:
            doc["precision_check"] = {str(g): rels for g, rels in checked}
        typer.echo(json.dumps(doc, indent=1, ensure_ascii=False))
        return
    for gpath, sc in rows:
        if len(rows) > 1:
            typer.echo(f"{gpath.name}: {sc.summary()}")
        if not quiet and len(rows) == 1:
            typer.echo(evaluate.report(sc))
    if len(rows) > 1:
        typer.echo(f"TOTAL ({len(rows)} articles, micro-averaged): {total.summary()}")
    if checked:
        _precision_check(checked, quiet)


def _precision_check(checked: list, quiet: bool) -> None:
    """Records that map to none of our relation types: what we extract from them is listed."""
    rels = [(g, r) for g, found in checked for r in found]
    same = sum(r["same_category"] for _, r in rels)
    if not quiet:
        for g, r in rels:
            typer.echo(f"  precision check {g.name}: {r['type']}: {r['source']} -> {r['target']} "
                       f"[{r['plover'] or '-'}; record {r['record_category']}]")
    typer.echo(f"PRECISION CHECK ({len(checked)} records that map to none of our relation types): "
               f"{len(rels)} relations produced from {len({g for g, _ in rels})} records, "
               f"{same} with the record's PLOVER category")
