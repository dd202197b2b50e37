"""The package's layers (issue 10): each folder is one layer and imports only downward.

The order follows the data flow: the shared basics, then extraction, the graph, the views
and exporters that read it, the store and query side, and the CLI on top.  `kg/__init__.py`
is the public facade and may name anything (lazily).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"

# Lower number = lower layer.  A module may import its own layer and the layers below.
LAYERS = {
    "kg.model": 0, "kg.errors": 0, "kg.atomic": 0, "kg.resources": 0,
    "kg.extract": 1,
    "kg.graph": 2,
    "kg.views": 3,
    "kg.exporters": 4,
    "kg.store": 5,
    "kg.distributed": 5.5,      # the corpus on a cluster: extraction, graph and store per partition
    "kg.cli": 6, "kg.__main__": 6,
    "kg": 6,        # the facade: names every layer (lazily), so only the CLI may import it
}
FACADE = "kg"


def layer_of(module: str) -> int | None:
    """The layer of a module: that of the longest prefix in LAYERS."""
    parts = module.split(".")
    if module == FACADE:
        return LAYERS[FACADE]
    for n in range(len(parts), 1, -1):
        rank = LAYERS.get(".".join(parts[:n]))
        if rank is not None:
            return rank
    return None


def module_name(path: Path) -> str:
    rel = path.relative_to(KG.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every kg module that `path` imports, at any depth (function-level imports count)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "kg")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if base.split(".")[0] != "kg":
                continue
            for alias in node.names:  # `from kg.graph import rdf` imports the module kg.graph.rdf
                found.add(f"{base}.{alias.name}" if layer_of(f"{base}.{alias.name}") is not None
                          and base == "kg" else base)
    return found


def module_graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(KG.rglob("*.py"))}


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """`importer -> imported` for every import that goes up a layer (or to an unknown one)."""
    bad = []
    for importer, imported in sorted(graph.items()):
        if importer == FACADE:
            continue
        mine = layer_of(importer)
        for target in sorted(imported):
            theirs = layer_of(target)
            if mine is None or theirs is None or theirs > mine:
                bad.append(f"{importer} -> {target}")
    return bad


def test_layers_every_module_has_a_layer():
    unknown = [m for m in module_graph() if m != FACADE and layer_of(m) is None]
    assert unknown == []


def test_layers_package_imports_only_downward():
    assert upward_imports(module_graph()) == []


@pytest.mark.parametrize("importer, imported, upward", [
    ("kg.extract.pipeline", "kg.graph.network", True),     # extract knows nothing of graphs
    ("kg.graph.rdf", "kg.store.database", True),           # the graph knows nothing of the store
    ("kg.views.html", "kg.cli", True),
    ("kg.model", "kg.extract.reader", True),               # the basics import no layer
    ("kg.store.sparql", "kg.graph.network", False),
    ("kg.cli.extract", "kg.extract.pipeline", False),
    ("kg.exporters.rdf", "kg.graph.rdf", False),
    ("kg.extract.relations", "kg.extract.entities", False),  # within a layer
])
def test_layers_check_catches_a_synthetic_upward_import(importer, imported, upward):
    graph = {importer: {imported}, "kg.errors": set()}
    assert bool(upward_imports(graph)) is upward


def test_layers_check_sees_function_level_and_relative_imports(tmp_path, monkeypatch):
    pkg = tmp_path / "kg" / "extract"
    pkg.mkdir(parents=True)
    (tmp_path / "kg" / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "late.py").write_text("def f():\n    from ..store import database\n    return database\n")
    monkeypatch.setattr(__import__(__name__), "KG", tmp_path / "kg")
    graph = module_graph()
    assert "kg.store" in graph["kg.extract.late"]
    assert upward_imports(graph) == ["kg.extract.late -> kg.store"]


def test_layers_each_subpackage_says_what_it_takes_and_gives():
    for sub in ("extract", "graph", "store", "views", "exporters", "cli"):
        doc = ast.get_docstring(ast.parse((KG / sub / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 25, sub


def test_layers_every_package_is_in_the_wheel():
    """`pip install .` ships only the packages pyproject.toml lists: a new sub-package that is
    not listed works in a checkout and fails once installed."""
    import tomllib
    listed = set(tomllib.loads((KG.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {module_name(p) for p in KG.rglob("__init__.py")}
    assert found <= listed, found - listed
