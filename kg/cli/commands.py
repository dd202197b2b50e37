"""Imports every command module so that each registers its commands on `app`."""
from . import extract  # noqa: F401
