"""Commands over SPARQL: `kg query`, `kg ingest`, `kg serve`, `kg push`.

The store folder defaults to `$KG_STORE`, else `./store`.  Endpoint passwords come from
`$KG_ENDPOINT_PASSWORD`, never from the command line (where `ps` would show them).
"""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli import app, domain_errors, one_line, say
from kg.cli.extract import Columns, InputFormat, Jobs
from kg.errors import InputError

DEFAULT_STORE = "store"
PASSWORD_ENV = "KG_ENDPOINT_PASSWORD"


def default_store() -> Path:
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE)


class ResultFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    xml = "xml"
    turtle = "turtle"
    ntriples = "ntriples"


def _params(values: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"{item!r}: expected KEY=VALUE", param_hint="--param")
        out[key.strip()] = value
    return out


def _query_text(arg: str) -> str:
    """QUERY_OR_FILE: `-` reads stdin, an existing file is read, anything else is the query."""
    if arg == "-":
        return sys.stdin.read()
    path = Path(arg)
    try:
        is_file = "\n" not in arg and path.is_file()
    except OSError:             # e.g. a one-line query longer than a file name may be
        is_file = False
    if not is_file:
        if path.suffix.lower() in (".rq", ".sparql") and not any(c in arg for c in "{\n"):
            raise typer.BadParameter(f"{arg}: no such query file", param_hint="QUERY_OR_FILE")
        return arg
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"{arg}: cannot read ({exc})", param_hint="QUERY_OR_FILE") from None


GraphOpt = Annotated[Optional[Path], typer.Option(
    "--graph", "-g", help="Query a graph file (graph.json, .trig, .nq, .ttl, .jsonld …) instead of the store.")]
StoreOpt = Annotated[Optional[Path], typer.Option(
    "--store", "-s", help="The store folder (default: $KG_STORE or ./store).", show_default=False)]


@app.command("query")
@domain_errors
def query_cmd(
    query: Annotated[Optional[str], typer.Argument(
        metavar="[QUERY_OR_FILE]", help="SPARQL query text, a .rq file, or - for standard input.")] = None,
    named: Annotated[Optional[str], typer.Option(
        "--named", "-n", help="Run a named query of ontology/queries (see --list).")] = None,
    param: Annotated[list[str], typer.Option(
        "--param", "-p", metavar="KEY=VALUE",
        help="A parameter, repeatable. Named queries say which they take; an actor can be given "
             "by label, alias (any case), IRI, key or Wikidata Q-id.")] = [],
    graph: GraphOpt = None,
    store: StoreOpt = None,
    endpoint: Annotated[Optional[str], typer.Option(
        "--endpoint", "-e", help="Query a remote SPARQL endpoint URL instead (Fuseki, GraphDB, "
        f"Virtuoso, Oxigraph, kg serve); password from ${PASSWORD_ENV}.")] = None,
    user: Annotated[Optional[str], typer.Option("--user", help="User name for --endpoint.")] = None,
    fmt: Annotated[ResultFormat, typer.Option(
        "--format", "-f", help="table for people; csv, tsv, json, xml (SPARQL results) for programs; "
        "turtle or ntriples for CONSTRUCT/DESCRIBE.")] = ResultFormat.table,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    width: Annotated[int, typer.Option("--width", help="Cut table cells longer than this (0: never).")] = 60,
    neutralise: Annotated[bool, typer.Option(
        "--neutralise/--no-neutralise", help="csv, tsv: put a ' before cells starting with =, +, -, @, "
        "tab or CR, so spreadsheets do not run them as formulas.")] = True,
    show: Annotated[bool, typer.Option("--show", help="Print the query with its parameters bound; do not run it.")] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries and their parameters.")] = False,
) -> None:
    """Run a SPARQL 1.1 query over the store, a graph file or an endpoint.

    The default graph is the union of all article graphs; the prefixes dk:, res:, article:,
    stmt:, wd:, prov:, dcterms:, skos:, rdf:, rdfs:, owl:, xsd: and one per kind of actor (person:,
    country:, org:, group:, place:, event:) are predeclared; tables print IRIs in that form.

    Example: kg query --named spoke-with --param actor=Putin

    Example: kg query 'SELECT ?a ?b WHERE { ?a dk:spokeWith ?b }' --graph exports/graph.json --format csv
    """
    from kg.store import sparql
    from kg.atomic import atomic_open

    if list_:
        for nq in sparql.named_queries().values():
            typer.echo(f"{nq.name}: {nq.description}")
            for p in nq.params:
                typer.echo(f"    --param {p.name}=…  ({p.kind}, {'required' if p.required else 'optional'}) {p.help}")
            for ex in nq.examples:
                typer.echo(f"    e.g. {ex}")
        return
    if query is None and named is None:
        raise typer.BadParameter("give a query (text, a .rq file or -), or --named NAME (see --list)",
                                 param_hint="QUERY_OR_FILE")
    if query is not None and named is not None:
        raise typer.BadParameter("give a query or --named NAME, not both", param_hint="QUERY_OR_FILE")
    raw = _params(param)
    if not (graph or endpoint):
        store = store or default_store()
    password = os.environ.get(PASSWORD_ENV)
    options = {"user": user, "password": password} if endpoint else {}
    with sparql.open_source(graph=graph, store=store, endpoint=endpoint, **options) as source:
        if named:
            nq = sparql.named_query(named)
            bound = sparql.bind_named(source, nq, raw)
            text, notes = bound.query, bound.notes
        else:
            text, notes = _query_text(query), []
            if raw:
                text = sparql.bind_adhoc(text, raw)
        for note in notes:
            typer.echo(f"note: {note}", err=True)
        if show:
            typer.echo(text)
            return
        result = source.query(text)
        if out:
            with atomic_open(out, "w") as fh:
                sparql.write_result(result, fmt.value, fh, max_width=width, neutralise=neutralise)
        else:
            sparql.write_result(result, fmt.value, sys.stdout, max_width=width, neutralise=neutralise)
            sys.stdout.flush()


@app.command("ingest")
@domain_errors
def ingest_cmd(
    paths: Annotated[Optional[list[str]], typer.Argument(
        metavar="PATH...", help="Article files, folders of them, corpora (as `kg build` reads), "
                                "- for standard input, or graph.json files.")] = None,
    store: StoreOpt = None,
    published: Annotated[Optional[str], typer.Option(
        "--published", "-p", help="Publication date YYYY-MM-DD for articles that do not give one.")] = None,
    language: Annotated[str, typer.Option("--language", "-l", help="Article language: auto, id or en.")] = "auto",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary.")] = False,
    input_format: InputFormat = None,
    column: Columns = None,
    jobs: Jobs = None,
    nquads: Annotated[Optional[Path], typer.Option(
        "--nquads", help="Bulk-load a folder of N-Quads files (the output of `kg distributed`) "
                         "into a new store instead of extracting articles.")] = None,
) -> None:
    """Extract articles and add them to the persistent store, one named graph each.

    Re-ingesting an article replaces its graph, so running twice changes nothing. Each
    article is written in one transaction: an ingest that is stopped keeps the articles
    written before, and the one being written stays as it was.

    Example: kg ingest examples/ --store store/
    """
    from kg.extract.corpus import parse_columns
    from kg.extract.reader import Options, parse_date
    from kg.store.database import Store, ingest

    when = parse_date(published, "--published date") if published else None
    folder = store or default_store()

    def report(r) -> None:
        if not quiet:
            typer.echo(one_line(f"{'replaced' if r.replaced else 'added'} {r.article}: {r.triples} triples  ({r.source})"))

    if nquads is not None:
        if paths:
            raise InputError("give either articles or --nquads DIR, not both")
        from kg.store.database import ingest_nquads
        n = ingest_nquads(folder, nquads)
        with Store(folder) as st:
            typer.echo(f"{n} N-Quads file(s) bulk-loaded; {_summary(st, folder)}")
        return
    if not paths:
        raise InputError("no articles given (or --nquads DIR)")
    from kg.extract.parallel import Progress, check_jobs
    opts = Options(published=when, language=language, input_format=input_format,
                   columns=parse_columns(column or []))
    progress = Progress()

    def report_all(r) -> None:
        progress.tick()
        report(r)
    try:
        results = ingest(folder, list(paths), options=opts, on_result=report_all,
                         on_note=say, jobs=check_jobs(jobs))
    finally:
        progress.close()
    with Store(folder, read_only=True) as st:
        typer.echo(f"{len(results)} article(s) ingested; {_summary(st, folder)}")


def _summary(st, folder) -> str:
    return f"store {folder}: {len(st.graphs())} article graphs, {st.triples()} triples"


@app.command("remove")
@domain_errors
def remove_cmd(
    articles: Annotated[list[str], typer.Argument(
        metavar="ARTICLE...", help="Article ids (as `kg ingest` printed them) or article IRIs.")],
    store: StoreOpt = None,
) -> None:
    """Remove articles from the store: their graphs, and what only they said about the actors.

    All or nothing, in one transaction: if one article is not in the store, none is removed.

    Example: kg remove rbth-2017-as-rusia-koalisi-antiteroris --store store/
    """
    from kg.graph.network import ARTICLE
    from kg.store.database import Store

    folder = store or default_store()
    with Store(folder, who="kg remove") as st:
        for g in st.remove_articles(articles):
            typer.echo(f"removed {g[len(ARTICLE):]}")
        typer.echo(_summary(st, folder))


@app.command("serve")
@domain_errors
def serve_cmd(
    store: StoreOpt = None,
    port: Annotated[int, typer.Option("--port", help="TCP port on 127.0.0.1 (0: any free port).")] = 7879,
    allow_update: Annotated[bool, typer.Option(
        "--allow-update", help="Accept SPARQL updates (refused with 403 otherwise). The server then "
        "holds the store for writing: kg ingest and kg remove fail until it stops.")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run.")] = 30.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Most solutions or triples in one answer.")] = 10_000,
    max_running: Annotated[int, typer.Option(
        "--max-running", help="Queries answered at once, one worker process each; more wait in the queue.")] = 4,
    max_queue: Annotated[int, typer.Option(
        "--max-queue", help="Requests that may wait for a worker (up to --timeout); more get 503 "
        "with Retry-After.")] = 64,
    cors_origin: Annotated[list[str], typer.Option(
        "--cors-origin", help="Origin web pages may query from, repeatable; 'none' for no CORS at all "
        "(default: * for reading, so any page you visit can read the store; updates from pages only "
        "from origins listed here).", show_default=False)] = [],
    allow_service: Annotated[list[str], typer.Option(
        "--allow-service", metavar="URL", help="An endpoint that SERVICE (and LOAD, with --allow-update) "
        "may fetch from, repeatable (default: none; such queries get 403).", show_default=False)] = [],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not log requests.")] = False,
) -> None:
    """Serve the store as a SPARQL 1.1 Protocol endpoint on 127.0.0.1.

    GET or POST /sparql (query=, update=, application/sparql-query, application/sparql-update);
    results as SPARQL JSON, XML, CSV or TSV, graphs as Turtle or N-Triples; CORS for browser
    clients such as YASGUI. Read-only unless --allow-update; read-only, it lets `kg ingest`
    and `kg remove` write to the store while it runs, and answers with what they wrote.

    Example: kg serve --store store/ --port 7879
    """
    from kg.store.server import ServerConfig, serve

    if not 0 <= port <= 65535:
        raise typer.BadParameter("expected 0 to 65535", param_hint="--port")
    if timeout <= 0 or max_rows <= 0 or max_running <= 0 or max_queue < 0:
        raise typer.BadParameter("--timeout, --max-rows and --max-running must be positive, --max-queue not negative")
    config = ServerConfig(port=port, allow_update=allow_update, timeout=timeout, max_rows=max_rows,
                          max_running=max_running, max_queue=max_queue,
                          cors_origins=_cors(cors_origin), allow_service=tuple(allow_service), quiet=quiet)
    try:
        serve(store or default_store(), config, announce=lambda line: typer.echo(line) or sys.stdout.flush())
    except OSError as exc:
        from kg.errors import StoreError
        raise StoreError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None


def _cors(origins: list[str]) -> tuple[str, ...]:
    if not origins:
        return ("*",)
    if "none" in origins:
        return ()
    return tuple(origins)


@app.command("push")
@domain_errors
def push_cmd(
    endpoint: Annotated[str, typer.Option(
        "--endpoint", "-e", help="Graph Store HTTP Protocol URL of the target store "
        "(Oxigraph: …/store, Fuseki: …/DATASET/data, GraphDB: …/repositories/REPO/rdf-graphs/service).")],
    graph: Annotated[Optional[Path], typer.Option(
        "--graph", "-g", help="Push a graph file (graph.json or RDF) instead of the store.")] = None,
    store: StoreOpt = None,
    user: Annotated[Optional[str], typer.Option("--user", help=f"User name; password from ${PASSWORD_ENV}.")] = None,
    append: Annotated[bool, typer.Option(
        "--append", help="Merge into the graphs (POST) instead of replacing them (PUT).")] = False,
    timeout: Annotated[float, typer.Option(
        "--timeout", help="Seconds each whole request may take (connect, send, answer).")] = 60.0,
    verify: Annotated[bool, typer.Option(
        "--verify", help="Read each graph back from the target and check its size.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be sent; send nothing.")] = False,
) -> None:
    """Copy the graph to another SPARQL store, one named graph per article.

    Each article graph is sent with the SPARQL 1.1 Graph Store HTTP Protocol (PUT replaces
    it, so pushing again is safe), to Fuseki, GraphDB, Virtuoso, an Oxigraph server or any
    other store that speaks it.

    Only a 2xx answer counts; redirects are never followed (the credentials stay with the
    endpoint given), and the summary names the graphs that did not reach the target.

    Example: kg push --store store/ --endpoint http://127.0.0.1:7878/store --verify
    """
    from kg.errors import StoreError
    from kg.store.push import payloads_from_file, payloads_from_store, push
    from kg.store.database import Store

    if graph and store:
        raise typer.BadParameter("give --graph or --store, not both")

    def report(r) -> None:
        name = f"<{r.graph}>" if r.graph else "(default graph)"
        typer.echo(f"{r.method} {name}  {r.triples} triples  {r.message}")

    password = os.environ.get(PASSWORD_ENV)
    if timeout <= 0:
        raise typer.BadParameter("must be positive", param_hint="--timeout")
    opts = dict(append=append, user=user, password=password, timeout=timeout, dry_run=dry_run,
                verify=verify, on_result=report)
    if graph:
        results = push(payloads_from_file(graph), endpoint, **opts)
    else:
        with Store(store or default_store(), read_only=True) as st:
            results = push(payloads_from_store(st.ox), endpoint, **opts)
    failed = [r for r in results if not r.ok]
    sent = sum(r.triples for r in results if r.ok)
    typer.echo(f"{len(results) - len(failed)} of {len(results)} graphs "
               f"{'checked' if dry_run else 'pushed'} ({sent} triples) to {endpoint}")
    if failed:
        names = ", ".join(f"<{r.graph}>" if r.graph else "(default graph)" for r in failed[:5])
        more = f" and {len(failed) - 5} more" if len(failed) > 5 else ""
        raise StoreError(f"{len(failed)} graph(s) did not reach the target: {names}{more}; "
                         f"first failure: {failed[0].message}")
