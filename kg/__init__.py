"""Diplomatic-relations knowledge graph from news articles."""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import KGError  # noqa: E402

__all__ = ["KGError", "__version__"]
