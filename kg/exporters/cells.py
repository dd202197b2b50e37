"""Spreadsheet-safe CSV and TSV cells (OWASP, "CSV Injection").

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and a tab
or a carriage return can hide one); news text and names can start that way
("-Putin said", "@kremlin").  Such a cell is written with a single quote in front, which
spreadsheets show as text.  A cell that already starts with a quote gets one more, so
reading back (`restore`) is exact.
"""
from __future__ import annotations

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """`cell` as a spreadsheet reads it as text."""
    if cell and (cell[0] in DANGEROUS or cell[0] == "'"):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The inverse of `neutralise`."""
    if len(cell) > 1 and cell[0] == "'" and (cell[1] in DANGEROUS or cell[1] == "'"):
        return cell[1:]
    return cell
