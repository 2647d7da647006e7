"""Command definitions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg import __version__
from kg.cli.options import Reading, reading

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
    """One line on standard error, never a raw escape sequence (names and values come from input)."""
    from kg.errors import printable

    typer.echo(printable(message, one_line=True), err=True)


@app.command()
@reading
def segment(paths: Paths, read: Reading, output: Output = None) -> None:
    """Split articles into sentences: one JSON line per article (id, outlet, sentences with offsets)."""
    from kg.cli.progress import progress
    from kg.pipeline import segment_to_jsonl

    with _open_output(output) as out, progress("segmenting") as tick:
        diag = segment_to_jsonl(paths, out, on_article=tick, sink=_err, settings=read.settings())
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


def check_output(path: Path) -> None:
    """Fail before any work when ``-o PATH`` cannot be written: its folder, and the path itself."""
    import os

    from kg.errors import InputError, shown_path

    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(shown_path(path), "is a folder, not a file", "give -o a file name")
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "folder does not exist"
        raise InputError(shown_path(folder), what, "create it, or give -o a path in an existing folder")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InputError(shown_path(path), "no permission to write here", "choose another -o path")


class _open_output:
    """Standard output, or a file written whole (to a temporary name, renamed at the end).

    The path is checked when this is made, so a command can make it before it starts work.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.tmp = path.with_name(path.name + ".part") if path else None
        if path is not None:
            check_output(path)

    def __enter__(self):
        from kg.errors import InputError, shown_path

        try:
            self.fh = self.tmp.open("w", encoding="utf-8") if self.tmp else sys.stdout
        except OSError as exc:
            raise InputError(
                shown_path(self.tmp), f"cannot write: {exc.strerror}", "choose another -o path"
            ) from None
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


def quiet_libraries() -> None:
    """Library warnings (transformers' deprecations, ...) are for their developers, not for kg's users."""
    import os
    import warnings

    warnings.filterwarnings("ignore")
    warnings.filterwarnings("default", module=r"kg(\.|$)")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def main() -> None:
    """Console-script entry point: a setup problem (device, weights) is one line and exit 1."""
    from kg.errors import InputError, shown_path

    quiet_libraries()
    try:
        app()
    except InputError as exc:
        _err(f"error: {exc}")
        raise SystemExit(1) from None
    except OSError as exc:  # a disk or permission problem met while writing: where, and what it was
        where = f"{shown_path(exc.filename)}: " if exc.filename else ""
        _err(f"error: {where}{exc.strerror or exc} (check the path, its permissions and free space)")
        raise SystemExit(1) from None
