"""The stages wired together, free of CLI concerns, so they can be called from Python."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from kg.annotation import article_record, dumps
from kg.errors import InputError, StoreError
from kg.ingest import Diagnostics, read_articles
from kg.ingest.meta import ReadSettings
from kg.segment import segment


def segment_to_jsonl(
    paths: Iterable[str],
    out: TextIO,
    *,
    on_article: Callable[[], None] = lambda: None,
    sink: Callable[[str], None] | None = None,
    settings: ReadSettings | None = None,
) -> Diagnostics:
    """Read, segment and write one annotation-format line per article; return what went wrong."""
    diag = Diagnostics(sink=sink)
    for article in read_articles(paths, diag, settings):
        try:
            line = dumps(article_record(article, segment(article)))
        except (ValueError, RecursionError) as exc:  # one article's problem, never the run's
            diag.error(InputError(f"{article.source}: article {article.id}", f"not segmented: {exc}"))
            continue
        out.write(line + "\n")
        on_article()
    return diag


def ingest_to_store(
    paths: Iterable[str],
    store_dir: str | None,
    *,
    threads: int = 2,
    device: str = "cpu",
    precision: str | None = None,
    model: str | None = None,
    chunk: int = 32,
    scheduler: str | None = None,
    out: str | None = None,
    on_article: Callable[[], None] = lambda: None,
    on_refresh: Callable[[], None] = lambda: None,
    sink: Callable[[str], None] | None = None,
    settings: ReadSettings | None = None,
) -> tuple[Diagnostics, int, int]:
    """Read, annotate and write each article's graph; then recompute cross-article links.

    With ``scheduler`` (a Dask address) the annotation runs on that cluster, shard by shard;
    ``device`` and ``precision`` say where and how the model runs (kg.nlp.device; on each
    worker with a cluster); ``model`` which model (a folder, or "mpnet"; None: the default).
    With ``out`` the graphs go to N-Quads shards in that folder instead of a store.
    Returns the diagnostics, the number of articles written and of links. An article that
    fails to build is reported and skipped whole: nothing of it reaches the store. A store
    that fails (disk full, permissions: kg.errors.StoreError) stops the run at once; the
    articles stored before are whole and the derived graphs stay marked stale (kg.graph.folder)
    until `kg relink` or the next ingest. Any other stop still rebuilds them.
    """
    from kg.graph.store import open_store
    from kg.nlp.embed import BaseEncoder
    from kg.scale import annotate_local, annotate_on_cluster

    diag = Diagnostics(sink=sink)
    # Opened first: a store in use or out of reach fails before the model loads.
    # The encoder only fills in vectors of claims stored by older versions without one.
    store = open_store(out, shards=True) if out else open_store(store_dir, encoder=BaseEncoder())
    shards = _shards(read_articles(paths, diag, settings), chunk)
    annotated = (
        annotate_on_cluster(shards, scheduler, threads, device, precision, model)
        if scheduler
        else annotate_local(shards, threads, device, precision, model)
    )
    written, links, failed = 0, 0, False
    try:
        for shard in annotated:
            for doc in shard:
                try:
                    store.add(doc)
                except (StoreError, OSError):
                    failed = True
                    raise
                except Exception as exc:
                    where = f"{doc.article.source}: article {doc.id}"
                    diag.error(InputError(where, f"not stored: {exc}"))
                    continue
                written += 1
                on_article()
    finally:
        if failed:  # the stale mark stays for `kg relink`; the store is released all the same
            with contextlib.suppress(StoreError, OSError):
                store.close()
        else:
            on_refresh()
            links = store.refresh()
            store.close()
    return diag, written, links


def _shards(articles: Iterable, size: int) -> Iterator[list]:
    shard: list = []
    for article in articles:
        shard.append(article)
        if len(shard) >= size:
            yield shard
            shard = []
    if shard:
        yield shard
