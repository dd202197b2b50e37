"""Domain exceptions with stable codes; the CLI turns them into one line and an exit code."""
from __future__ import annotations


class KGError(Exception):
    """Base class. `code` is stable across releases so scripts and docs can refer to it."""
    code = "E000"
    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(KGError):
    """An article file that cannot be read: missing, empty, binary, too large, undecodable."""
    code = "E100"


class LanguageError(KGError):
    """A language the tool has no resources for, or that could not be detected."""
    code = "E110"


class DateError(KGError):
    """A publication date that is not an ISO date."""
    code = "E120"


class FormatError(KGError):
    """An unknown output or input format."""
    code = "E130"


class GraphError(KGError):
    """A graph file that cannot be read or is not a graph of this tool."""
    code = "E140"


class QueryError(KGError):
    """A SPARQL query that does not parse or cannot run."""
    code = "E150"


class ValidationError(KGError):
    """A graph that does not conform to the shapes."""
    code = "E160"


class StoreError(KGError):
    """A persistent store that cannot be opened or written."""
    code = "E170"


class OutputError(KGError):
    """An output that cannot be written: a folder where a file is expected, an unwritable device."""
    code = "E180"


class EngineError(KGError):
    """The distributed engine: Dask missing, a scheduler that cannot be reached, a failed partition."""
    code = "E200"


# E190: an operating-system error while reading or writing files (reported by the CLI).
