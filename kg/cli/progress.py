"""A progress counter on standard error, shown only to a person at a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress(label: str) -> Iterator[Callable[[], None]]:
    """Yield a ``tick()`` to call once per article; draws a live counter when stderr is a TTY."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn(label), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=None)
        yield lambda: bar.advance(task)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int, float], None]]:
    """Yield ``update(step, total, loss)``; a bar at a terminal, a line every 5% elsewhere."""
    if not sys.stderr.isatty():
        last = [-1]

        def report(step: int, total: int, loss: float) -> None:
            pct = step * 20 // max(total, 1)
            if pct != last[0]:
                last[0] = pct
                print(f"{label}: step {step}/{total} loss {loss:.3f}", file=sys.stderr, flush=True)

        yield report
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[loss]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=None, loss="")

        def update(step: int, total: int, loss: float) -> None:
            bar.update(task, completed=step, total=total, loss=f"loss {loss:.3f}")

        yield update
