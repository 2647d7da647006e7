"""The `kg` command line: thin commands over importable functions.

Heavy modules (torch, transformers, trafilatura) are imported inside the commands
that need them, so `kg --help` starts fast.
"""

from __future__ import annotations

from kg.cli import export as _export  # noqa: F401 - registers export (and the retired report)
from kg.cli import graph as _graph  # noqa: F401 - registers the graph commands
from kg.cli import nlp as _nlp  # noqa: F401 - registers the model commands
from kg.cli import store as _store  # noqa: F401 - registers stats and articles
from kg.cli.app import app, main

__all__ = ["app", "main"]
