"""Command definitions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg import __version__

app = typer.Typer(
    name="kg",
    help="Who said what, through whom, and who contradicts whom: attribution graphs from news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Paths = Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for standard input.")]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    """kg: attribution, stance and contradiction graphs from news articles."""


def _err(message: str) -> None:
    typer.echo(message, err=True)


@app.command()
def segment(paths: Paths, output: Output = None) -> None:
    """Split articles into sentences: one JSON line per article (id, outlet, sentences with offsets)."""
    from kg.cli.progress import progress
    from kg.pipeline import segment_to_jsonl

    with _open_output(output) as out, progress("segmenting") as tick:
        diag = segment_to_jsonl(paths, out, on_article=tick, sink=_err)
    _finish(diag)


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(help="Gold files in the annotation format; several are splits.")
    ],
) -> None:
    """Check gold files: offsets give back the text, labels from the scheme, names in entities, splits disjoint."""
    from kg.corpus.validate import validate_files

    report = validate_files(files)
    for problem in report.problems:
        _err(problem)
    for split, n in report.articles.items():
        typer.echo(f"{split}: {n} articles, {report.sentences[split]} sentences")
    if report.problems:
        _err(f"{len(report.problems)} problem(s) found.")
        raise typer.Exit(1)


def _finish(diag) -> None:
    if diag.errors:
        _err(f"{len(diag.errors)} input(s) failed; the others were processed.")
        raise typer.Exit(1)


class _open_output:
    """Standard output, or a file written whole (to a temporary name, renamed at the end)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.tmp = path.with_name(path.name + ".part") if path else None

    def __enter__(self):
        self.fh = self.tmp.open("w", encoding="utf-8") if self.tmp else sys.stdout
        return self.fh

    def __exit__(self, kind, *_):
        if self.tmp:
            self.fh.close()
            if kind is None:
                self.tmp.replace(self.path)
            else:
                self.tmp.unlink(missing_ok=True)
        else:
            self.fh.flush()


def main() -> None:
    """Console-script entry point: a setup problem (device, weights) is one line and exit 1."""
    from kg.errors import InputError

    try:
        app()
    except InputError as exc:
        _err(f"error: {exc}")
        raise SystemExit(1) from None
