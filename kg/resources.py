"""Where the files the code reads at run time live, installed or in a checkout."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path


def data_dir() -> Path:
    return Path(str(files("kg"))) / "data"


@lru_cache(maxsize=1)
def ontology_dir() -> Path:
    # Installed: the wheel maps the top-level `ontology/` folder to `kg/ontology`.
    installed = Path(str(files("kg"))) / "ontology"
    if (installed / "dipkg.ttl").is_file():
        return installed
    return Path(__file__).resolve().parent.parent / "ontology"
