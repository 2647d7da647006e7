"""Export commands: the graph for Gephi (GraphML, GEXF), the RDF dataset (TriG, N-Quads); `kg report`, retired."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import _err, app
from kg.cli.options import Selection, export_filters, switch

AgentsOnly = switch("--agents", "GraphML/GEXF: agents only, linked by quoting, describing, countering.")
FORMATS = ("graphml", "gexf", "trig", "nquads")


@app.command()
@export_filters
def export(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="graphml, gexf, trig or nquads.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    selection: Selection,
    agents: AgentsOnly = False,
) -> None:
    """Export agents and claims as GraphML or GEXF (Gephi), or the RDF dataset as TriG or N-Quads."""
    if fmt not in FORMATS:
        _fail(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    kg_store, filters = _selected(selection)
    with _written(output) as tmp:
        if fmt in ("trig", "nquads"):
            from kg.export.rdf import write_rdf

            n = write_rdf(kg_store, tmp, fmt, filters)
            summary = f"{n} quads"
        else:
            from kg.export import network

            graph = network.build_network(kg_store, filters, agents=agents)
            (network.write_gexf if fmt == "gexf" else network.write_graphml)(graph, tmp)
            summary = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    _err(f"wrote {summary} to {output}")


@app.command(hidden=True, context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def report() -> None:
    """Retired: the audit desk of `kg serve` shows every claim, searchable and paged."""
    _fail(
        "kg report is retired: run `kg serve --store DIR` and open http://127.0.0.1:7878/ "
        "(who said what, claims, agents, SPARQL, network); `kg export` writes files"
    )


def _fail(message: str) -> None:
    _err(message)
    raise typer.Exit(2)


def _date(option: str, value: str | None) -> str | None:
    from kg.export import is_iso_date

    if value is not None and not is_iso_date(value):
        _fail(f"{option} {value!r}: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def _selected(selection: Selection):
    """The store to export from and the filters, checked (exit 2 with what to do when wrong)."""
    from kg.export import Filters

    dates = _date("--from", selection.date_from), _date("--to", selection.date_to)
    filters = Filters(selection.outlet, selection.holder, *dates)
    return _open_store(selection.store), filters


def _open_store(option: str | None):
    """The local store at --store/$KG_STORE/./kg-store; exit 2 if there is none (never create one here)."""
    from kg.cli.graph import _existing_store
    from kg.graph.local import LocalStore

    try:
        target = _existing_store(option)
    except OSError as exc:
        _fail(f"cannot open the store at {option}: {exc}")
    if not isinstance(target, LocalStore):
        _fail("exports read a store folder; export from an http(s) store with its own tools")
    return target


class _written:
    """A temporary name beside the target, renamed over it only when writing succeeded."""

    def __init__(self, path: Path) -> None:
        if path.is_dir():
            _fail(f"cannot write {path}: it is a folder; give a file name")
        if not path.parent.is_dir():
            _fail(f"cannot write {path}: folder {path.parent} does not exist")
        self.path, self.tmp = path, path.with_name(f".{path.name}.part{''.join(path.suffixes[-1:])}")

    def __enter__(self) -> Path:
        return self.tmp

    def __exit__(self, kind, *_) -> None:
        if kind is None:
            self.tmp.replace(self.path)
        else:
            self.tmp.unlink(missing_ok=True)
