"""Commands on graph files: `export` (convert between formats) and `validate` (SHACL)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kg import exporters
from kg.errors import FormatError, ValidationError
from kg.cli import app, domain_errors


def _format_names() -> str:
    return ", ".join(sorted(exporters.exporters()))


def _guess_format(out: Path) -> str:
    suffix = out.suffix.lower()
    for name, exp in exporters.exporters().items():  # registration order: graph-json before contract-json
        if exp.suffix == suffix:
            return name
    raise FormatError(f"cannot tell the format of {out} from its suffix; give --format "
                      f"(known: {_format_names()})")


@app.command("export")
@domain_errors
def export_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write (csv: see --format); - for standard "
                                                           "output (give --format).")],
    graph: Annotated[Optional[Path], typer.Argument(
        help="Graph to convert: graph.json, or a .ttl/.nt/.rdf/.jsonld/.trig/.nq/.graphml/.gexf file.")] = None,
    fmt: Annotated[Optional[str], typer.Option(
        "--format", "-f",
        help="turtle, ntriples, rdfxml, jsonld, trig, nquads, graphml, gexf, csv, contract-json, "
             "graph-json, html. Default: from the suffix of --out (.json: graph-json). "
             "csv writes OUT-nodes.csv, OUT-edges.csv and OUT-articles.csv when OUT ends in .csv, "
             "else the folder OUT with nodes.csv, edges.csv and articles.csv.")] = None,
    store: Annotated[Optional[Path], typer.Option(
        "--store", help="Export the persistent store in this folder instead of a graph file "
                        "(read-only: works while `kg serve` runs).")] = None,
    neutralise: Annotated[bool, typer.Option(
        "--neutralise/--no-neutralise", help="csv: put a ' before cells starting with =, +, -, @, tab or CR, "
        "so spreadsheets do not run them as formulas (kg's CSV reader takes it off).")] = True,
    bom: Annotated[bool, typer.Option("--bom", help="csv: start each file with a UTF-8 byte-order mark, "
                                      "so Excel shows accented names right.")] = False,
) -> None:
    """Convert a graph file to another format. A file is written atomically.

    `--out -` (or a device, a pipe) is written in place, never replaced.

    TriG and N-Quads keep one named graph per article;
    Turtle, N-Triples, RDF/XML and JSON-LD hold their union.

    Example: kg export exports/graph.json --format trig --out graph.trig
    """
    from kg.exporters import load_graph

    if (graph is None) == (store is None):
        raise FormatError("give a graph file or --store DIR (one of them)")
    to_stdout = str(out) == "-"
    if to_stdout and not fmt:
        raise FormatError("--out - needs --format (there is no suffix to tell it from)")
    name = fmt or _guess_format(out)
    exporters.get(name)  # an unknown format fails before the graph is read
    if to_stdout and name == "csv":
        raise FormatError("csv writes three files (nodes, edges, articles): give a folder or a .csv name, not -")
    if store is not None:
        from kg.store.database import read_store
        g, graph = read_store(store), store
    else:
        g = load_graph(graph)
    if bom and name != "csv":
        raise FormatError("--bom applies to the csv format only")
    exporters.export(g, name, out, **({"neutralise": neutralise, "bom": bom} if name == "csv" else {}))
    if name == "csv":
        from kg.exporters.neo4j_csv import articles_path, paths
        nodes, edges = paths(out)
        shown = f"{nodes}, {edges} and {articles_path(out)}"
    else:
        shown = "standard output" if to_stdout else str(out)
    typer.echo(f"{graph} -> {shown} ({name}: {g.number_of_nodes()} nodes, "
               f"{g.number_of_edges()} edges)", err=True)


@app.command("validate")
@domain_errors
def validate_command(
    file: Annotated[Path, typer.Argument(
        help="Graph to check: any RDF file of the tool (.ttl, .trig, .nq, …), graph.json, "
             ".graphml or .gexf.")],
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", help="Worker processes (default: the number of cores); a graph is checked "
                             "article by article, its actors once.")] = None,
) -> None:
    """Check a graph against the SHACL shapes (ontology/shapes.ttl).

    Prints one line per result: severity, focus node, property, message.
    Exits 1 when there is a violation; warnings alone do not fail.

    Example: kg validate exports/graph.ttl
    """
    from kg.extract.parallel import check_jobs
    from kg.graph.rdf import validate_file

    results = validate_file(file, check_jobs(jobs))
    for r in results:
        typer.echo(str(r))
    violations = sum(r.severity == "Violation" for r in results)
    if violations:
        raise ValidationError(f"{file}: {violations} violation{'s' if violations != 1 else ''} "
                              f"of the shapes")
    warnings = len(results) - violations
    typer.echo(f"{file}: conforms" + (f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""))
