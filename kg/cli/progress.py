"""Progress on standard error: a live bar for a person at a terminal, plain lines for a log."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress(label: str, total: int | None = None, unit: str = "article") -> Iterator[Callable[[], None]]:
    """Yield a ``tick()`` to call once per article; ``tick.end()`` closes the stage early.

    At a terminal: a live bar with the count out of ``total`` (when known), the rate and the
    time left. Elsewhere (a log, a pipe): one plain line when the stage ends.
    """
    start, done, ended, live = time.monotonic(), [0], [False], []

    def end() -> None:
        if not ended[0]:
            ended[0] = True
            for bar in live:
                bar.stop()
            print(_summary(label, done[0], time.monotonic() - start, unit), file=sys.stderr, flush=True)

    if not sys.stderr.isatty():

        def count() -> None:
            done[0] += 1

        count.end = end  # type: ignore[attr-defined]
        yield count
        end()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        SpinnerColumn(),
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[left]}"),
    )
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        live.append(bar)
        task = bar.add_task(label, total=total, rate="", left="")

        def tick() -> None:
            done[0] += 1
            seconds = time.monotonic() - start
            rate = f"{done[0] / seconds:.1f} {unit}s/s" if seconds > 0 else ""
            if total is not None and done[0] > total:
                bar.update(task, total=done[0])
            # time left from the whole run's average: articles come in batches, so recent speed jumps
            left = f"about {_clock(seconds / done[0] * (total - done[0]))} left" if total else ""
            bar.update(task, advance=1, rate=rate, left=left)

        tick.end = end  # type: ignore[attr-defined]
        yield tick
    end()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"


def _summary(label: str, n: int, seconds: float, unit: str) -> str:
    rate = f", {n / seconds:.1f}/s" if seconds > 0 and n else ""
    return f"{label}: {n} {unit}(s) in {seconds:.1f} s{rate}"


@contextmanager
def stage(label: str) -> Iterator[None]:
    """One line when a stage without a count (e.g. recomputing links) starts and its time when it ends."""
    start = time.monotonic()
    print(f"{label} ...", file=sys.stderr, flush=True)
    yield
    print(f"{label}: done in {time.monotonic() - start:.1f} s", file=sys.stderr, flush=True)


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
