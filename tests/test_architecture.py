"""The package's layering, checked on the source: model code never reaches into the graph,
graph code never loads torch, and no two modules import each other in a circle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx

from tests.conftest import ROOT

PACKAGE = ROOT / "kg"


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module an import statement in the file names, at any depth (lazy imports too)."""
    package = _module(path) if path.name == "__init__.py" else _module(path).rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, up ``level - 1`` packages
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], base]).strip(".")
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _modules() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_the_model_package_imports_nothing_from_the_graph() -> None:
    offenders = {
        name: sorted(i for i in imports if i == "kg.graph" or i.startswith("kg.graph."))
        for name, imports in _modules().items()
        if name.startswith("kg.nlp")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_graph_package_never_imports_torch() -> None:
    heavy = ("torch", "transformers", "peft", "safetensors")
    offenders = {
        name: sorted(i for i in imports if i.split(".")[0] in heavy)
        for name, imports in _modules().items()
        if name.startswith("kg.graph")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    graph_modules = [name for name in _modules() if name.startswith("kg.graph")]
    code = f"import sys; import {', '.join(graph_modules)}; assert 'torch' not in sys.modules, 'torch loaded'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_no_import_cycle_in_the_package() -> None:
    modules = _modules()
    graph = nx.DiGraph()
    for name, imports in modules.items():
        graph.add_node(name)
        for target in imports:
            if target in modules and target != name and not name.startswith(target + "."):
                graph.add_edge(name, target)
    # A package's __init__ re-exporting its own modules is not a cycle of ideas.
    cycles = [c for c in nx.simple_cycles(graph) if len(c) > 1]
    assert cycles == []
