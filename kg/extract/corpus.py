"""Corpus files in: JSONL and CSV with one article per row, read row by row (never whole).

A row needs a text; id, url, title, published, language and source are taken when present.
The column of each field can be renamed (`--column text=body`), for corpora that call the
text `content` or the date `date`.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from typing import IO, Iterable, Iterator, Mapping

from kg.errors import InputError

FIELDS = ("text", "id", "url", "title", "published", "language", "source")


def parse_columns(pairs: Iterable[str]) -> dict[str, str]:
    """`["text=body", "published=date"]` -> {"text": "body", "published": "date"}."""
    out: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip()
        if not sep or not column.strip() or field not in FIELDS:
            raise InputError(f"bad column mapping {pair!r}: expected FIELD=COLUMN with FIELD one of "
                             f"{', '.join(FIELDS)}")
        out[field] = column.strip()
    return out


def _record(row: Mapping, columns: Mapping[str, str], where: str) -> dict:
    record = {}
    for name in FIELDS:
        value = row.get(columns.get(name, name))
        if value is not None and not isinstance(value, str):
            value = str(value) if name != "text" else value
        record[name] = value.strip() if isinstance(value, str) and value.strip() else None
    if not isinstance(record["text"], str) or not record["text"]:
        column = columns.get("text", "text")
        raise InputError(f"{where}: no text (the row has no non-empty {column!r} "
                         f"{'column' if column == 'text' else 'column (mapped from text)'})")
    return record


def jsonl_records(lines: Iterable[str], name: str, columns: Mapping[str, str]
                  ) -> Iterator[tuple[str, dict | InputError]]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, InputError(f"{where}: not a JSON object ({exc.msg})")
            continue
        if not isinstance(row, dict):
            yield where, InputError(f"{where}: not a JSON object")
            continue
        try:
            yield where, _record(row, columns, where)
        except InputError as exc:
            yield where, exc


def csv_records(stream: IO[str], name: str, columns: Mapping[str, str], delimiter: str = ","
                ) -> Iterator[tuple[str, dict | InputError]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # an article is longer than 128 KiB at times
    rows = csv.DictReader(stream, delimiter=delimiter)
    text_column = columns.get("text", "text")
    if rows.fieldnames is None or text_column not in rows.fieldnames:
        raise InputError(f"{name}: no {text_column!r} column in the header "
                         f"({', '.join(rows.fieldnames or []) or 'empty file'})")
    for row in rows:
        where = f"{name}:{rows.line_num}"
        try:
            yield where, _record(row, columns, where)
        except InputError as exc:
            yield where, exc


def open_text(path, name: str) -> IO[str]:
    """A corpus file opened as UTF-8 text (BOM allowed), streamed."""
    try:
        return io.open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None


def parquet_records(path, name: str, columns: Mapping[str, str], batch_rows: int = 256
                    ) -> Iterator[tuple[str, dict | InputError]]:
    """The rows of a Parquet file, read a batch at a time (pyarrow, imported only here)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{name}: reading Parquet needs pyarrow (pip install 'dipkg[scale]')") from None
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:    # pyarrow raises its own ArrowInvalid, an OSError or a ValueError
        raise InputError(f"{name}: not a Parquet file ({' '.join(str(exc).split())})") from None
    n = 0
    for batch in pf.iter_batches(batch_size=batch_rows):
        for row in batch.to_pylist():
            n += 1
            where = f"{name}:{n}"
            try:
                yield where, _record(row, columns, where)
            except InputError as exc:
                yield where, exc
