"""The `kg` command line: parses options, calls the library, formats the result.

One module per command group; each adds its commands to `app`.  Library errors are
`KGError`s, turned here into one line `Error: …` and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import functools
import os
import re
import sys
from typing import Callable, TypeVar

import typer

from kg.errors import KGError

app = typer.Typer(
    name="kg",
    help="Diplomatic-relations knowledge graph: extract actors and relations from news "
         "articles (Indonesian, English) and build, query, export and draw the graph.\n\n"
         "Example: kg build examples/ --out exports/",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable)


def _version(value: bool) -> None:
    if value:
        from kg import __version__
        typer.echo(f"kg (dipkg) {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Diplomatic-relations knowledge graph: extract actors and relations from news articles
    (Indonesian, English) and build, query, export and draw the graph.

    Example: kg build examples/ --out exports/
    """


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with control characters escaped (\\n, \\x1b): a file name with a newline
    cannot fake a second `Error:` line, nor an escape sequence recolour the terminal."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], str(text))


def say(text: str) -> None:
    """One message line on standard error, control characters escaped."""
    typer.echo(one_line(text), err=True)


def fail(message: str, code: int = 1) -> None:
    say(f"Error: {message}")
    raise typer.Exit(code)


def domain_errors(fn: F) -> F:
    """Turn library errors into one clear line and exit code 1."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KGError as exc:
            fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            # the reader went away (`kg query … | head`): stop quietly, as Unix tools do
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            raise typer.Exit(0)
        except OSError as exc:
            # a full disk, an unwritable output folder: still one line, never a traceback
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            fail(f"[E190] {where}{exc.strerror or exc}", 1)
        except KeyboardInterrupt:
            fail("interrupted", 130)
    return wrapper  # type: ignore[return-value]


def main() -> None:
    from kg.cli import commands  # noqa: F401  (registers every command)
    app()
