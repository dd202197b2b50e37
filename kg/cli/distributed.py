"""`kg distributed`: the extraction of a corpus on a Dask cluster (kg.distributed)."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from kg.cli import app, domain_errors
from kg.cli.extract import Columns, InputFormat, Lang, Published, _options


@app.command("distributed")
@domain_errors
def distributed_cmd(
    inputs: Annotated[list[str], typer.Argument(
        metavar="PARTITION...", help="Partition files (JSONL, Parquet, WARC), folders or globs of them; "
                                     "local paths or URLs the workers can read (s3://…, gs://…).")],
    out: Annotated[str, typer.Option("--out", "-o", help="Output folder (or URL) every worker can write.")],
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", "-s", envvar="DASK_SCHEDULER_ADDRESS",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", help="Worker processes of the local cluster (ignored with --scheduler).")] = 2,
    published: Published = None,
    lang: Lang = "auto",
    input_format: InputFormat = None,
    column: Columns = None,
) -> None:
    """Extract a corpus on a Dask cluster: per-partition N-Quads and Parquet tables.

    Writes OUT/nquads/ (one named graph per article, plus shared.nq with the actors once),
    OUT/articles/, OUT/relations/ (Parquet parts), OUT/entities.parquet and OUT/manifest.json.
    Load the N-Quads with `kg ingest --nquads OUT/nquads --store DIR`.

    Example: kg distributed corpus/*.jsonl --out run1/ --workers 2
    """
    from kg import distributed

    if workers < 1:
        from kg.errors import InputError
        raise InputError(f"--workers must be 1 or more, not {workers}")

    def report(part) -> None:
        typer.echo(f"{part.input}: {len(part.articles)} articles, {part.relations} relations"
                   + (f", {len(part.errors)} unreadable" if part.errors else ""), err=True)

    m = distributed.run(inputs, out, scheduler=scheduler, workers=workers,
                        options=_options(published, lang, input_format, column), on_partition=report)
    for e in m["errors"]:
        typer.echo(f"Warning: {e}", err=True)
    if m["duplicate_ids"]:
        typer.echo(f"Warning: {len(m['duplicate_ids'])} article id(s) in more than one partition, "
                   f"e.g. {m['duplicate_ids'][0]!r}", err=True)
    typer.echo(f"{m['articles']} articles, {m['entities']} entities, {m['relations']} relations from "
               f"{len(m['partitions'])} partition(s) on {m['workers']} worker(s) in {m['seconds']} s -> {out}")
