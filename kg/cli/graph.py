"""Graph commands: ingest, query, audit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import Paths, _err, _finish, app
from kg.cli.options import (
    Limit,
    Memory,
    ModelDir,
    ModelRun,
    QueryOptions,
    Reading,
    StoreOption,
    Timeout,
    model_run,
    query_options,
    reading,
)


@app.command()
@model_run
@reading
def ingest(
    paths: Paths,
    run: ModelRun,
    read: Reading,
    store: StoreOption = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Annotate on this Dask cluster (tcp://host:port).")
    ] = None,
    out: Annotated[
        str | None, typer.Option("--out", help="Write N-Quads shards here for a bulk loader, not a store.")
    ] = None,
    model: ModelDir = None,
) -> None:
    """Read, annotate and write articles into the store: one named graph per article."""
    from kg.cli.progress import progress
    from kg.graph.store import store_path
    from kg.ingest.reader import count_articles
    from kg.pipeline import ingest_to_store

    where = store_path(store)
    with progress("ingesting", count_articles(paths)) as tick:
        diag, written, _ = ingest_to_store(
            paths,
            where,
            threads=run.threads,
            device=run.device,
            precision=run.precision,
            model=str(model) if model else None,
            scheduler=scheduler,
            out=out,
            on_article=tick,
            on_refresh=lambda: (tick.end(), _err("recomputing links and summaries ...")),
            sink=_err,
            settings=read.settings(model=True),
        )
    if out:
        _err(
            f"{written} article(s) as N-Quads shards in {out}; load them, then `kg ingest` links with --store"
        )
    else:
        _err(_store_line(where, written, len(diag.errors)))
    _finish(diag)


def _store_line(where: str, written: int, errors: int) -> str:
    """The last line of `kg ingest`: this run's articles and the whole store's figures."""
    from kg.api import open_store
    from kg.graph.totals import store_totals

    with open_store(where, readonly=True) as target:
        t = store_totals(target)
    return (
        f"{written} article(s) stored in {where}; the store holds {t['articles']} articles, "
        f"{t['sentences']} sentences, {t['claims']} claims, {t['links']} counter links; {errors} error(s)"
    )


@app.command()
def relink(store: StoreOption = None) -> None:
    """Recompute the links between claims and the audit summaries, e.g. after a bulk load of shards."""
    from kg.api import open_store
    from kg.graph.store import store_path

    with open_store(store) as target:
        links = target.refresh()
    _err(f"{links} link triples in {store_path(store)}")


@app.command()
@query_options
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, or a .rq file.")], options: QueryOptions
) -> None:
    """Run a SPARQL query over all graphs of the store."""
    text = (
        Path(sparql).read_text(encoding="utf-8")
        if sparql.endswith(".rq") and Path(sparql).is_file()
        else sparql
    )
    _run(text, options)


@app.command()
@query_options
def audit(
    options: QueryOptions,
    name: Annotated[str | None, typer.Argument(help="A named audit query (see --list).")] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List the named queries and what they answer.")
    ] = False,
) -> None:
    """Run a named audit query: who-said-what, chain, counterclaims, stance-by-holder, ..."""
    from kg.graph.audit import audit_queries

    queries = audit_queries()
    if list_ or name is None:
        for q in queries.values():
            typer.echo(f"{q.name}\n  {q.answers}\n  params: {q.params or 'none'}")
        return
    if name not in queries:
        _err(f"no audit query named {name!r}; `kg audit --list` shows them")
        raise typer.Exit(2)
    _run(queries[name].text, options)


def _run(text: str, options: QueryOptions) -> None:
    from kg.cli.name_params import resolve_names
    from kg.errors import QueryError
    from kg.graph.prefixes import declare_inline, user_position
    from kg.graph.results import FORMATS, render

    fmt, limit, timeout = options.fmt, options.limit, options.timeout
    if fmt not in FORMATS:
        _err(f"--format {fmt}: use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    params = {}
    for item in options.param or []:
        key, sep, value = item.partition("=")
        if not sep:
            _err(f"--param {item!r}: write name=value")
            raise typer.Exit(2)
        params[key.strip()] = value
    target = _existing_store(options.store, timeout)
    target.memory_mb = options.memory  # a local store's query worker stops at this much memory
    text, shift = declare_inline(text)  # the project's prefixes the query uses but does not declare
    try:
        params = resolve_names(target, params, timeout)
        result = target.query(text, params, limit=limit, timeout=timeout)
    except QueryError as exc:
        _err(user_position(str(exc), shift))
        raise typer.Exit(2) from None
    finally:
        target.close()
    sys.stdout.write(render(result, fmt, raw=options.raw, terminal=sys.stdout.isatty()))
    if result.truncated:
        _err(f"results cut at --limit {limit}")


def _existing_store(store: str | None, timeout: float = 60.0):
    """The store to read (never created here); exit 2 with what to do if there is none."""
    from kg.api import open_store
    from kg.errors import StoreMissing
    from kg.graph.store import store_path

    try:
        target = open_store(store, readonly=True, timeout=timeout)
    except StoreMissing as exc:
        _err(exc.line())
        raise typer.Exit(2) from None
    if getattr(target, "stale", False):
        _err(
            f"warning: the links and summaries of {store_path(store)} are out of date; `kg relink` rebuilds them"
        )
    return target


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Interface to bind (default: localhost only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
    timeout: Timeout = 30.0,
    limit: Limit = 10_000,
    writable: Annotated[
        bool, typer.Option("--writable", help="Accept SPARQL updates carrying the token in $KG_SERVE_TOKEN.")
    ] = False,
    memory: Memory = 2048,
) -> None:
    """The audit desk (a web app) at /, a SPARQL 1.1 endpoint at /query and /sparql; read-only by default."""
    import os

    from kg.graph.local import LocalStore
    from kg.serve import serve as run_server
    from kg.serve_limits import weak_token

    target = _existing_store(store)
    if not isinstance(target, LocalStore):
        _err("kg serve serves a store folder; an http(s) store is already served")
        raise typer.Exit(2)
    token = os.environ.get("KG_SERVE_TOKEN") or None
    weak = weak_token(token) if (writable or token) else None
    if weak:
        _err(
            f"--writable needs a strong token in $KG_SERVE_TOKEN: {weak} "
            "(16+ characters, no whitespace, 8+ distinct; e.g. `python3 -c 'import secrets; print(secrets.token_urlsafe())'`)"
        )
        raise typer.Exit(2)
    target.memory_mb = memory
    mode = "read-write for holders of the token" if writable else "read-only"
    _err(f"serving {target.path} {mode}: the audit desk at http://{host}:{port}/, SPARQL at /query")
    run_server(target, host, port, timeout, limit, token if writable else None)
