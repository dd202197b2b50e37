"""Imports every command module so that each registers its commands on `app`."""
from . import extract  # noqa: F401
from . import html  # noqa: F401
from . import rdf  # noqa: F401
from . import sparql  # noqa: F401
