"""Imports every command module so that each registers its commands on `app`."""
from kg.cli import extract  # noqa: F401
from kg.cli import html  # noqa: F401
from kg.cli import rdf  # noqa: F401
from kg.cli import sparql  # noqa: F401
from kg.cli import distributed  # noqa: F401
