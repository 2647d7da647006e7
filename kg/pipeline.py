"""The stages wired together, free of CLI concerns, so they can be called from Python."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from kg.annotation import article_record, dumps
from kg.errors import InputError
from kg.ingest import Diagnostics, read_articles
from kg.segment import segment


def segment_to_jsonl(
    paths: Iterable[str],
    out: TextIO,
    *,
    on_article: Callable[[], None] = lambda: None,
    sink: Callable[[str], None] | None = None,
) -> Diagnostics:
    """Read, segment and write one annotation-format line per article; return what went wrong."""
    diag = Diagnostics(sink=sink)
    for article in read_articles(paths, diag):
        out.write(dumps(article_record(article, segment(article))) + "\n")
        on_article()
    return diag


def ingest_to_store(
    paths: Iterable[str],
    store_dir: str | None,
    *,
    threads: int = 2,
    chunk: int = 32,
    on_article: Callable[[], None] = lambda: None,
    sink: Callable[[str], None] | None = None,
) -> tuple[Diagnostics, int, int]:
    """Read, annotate and write each article's graph; then recompute cross-article links.

    Returns the diagnostics, the number of articles written and of links. An article that
    fails to build is reported and skipped whole: nothing of it reaches the store.
    """
    from kg.graph.build import RunInfo, build_article_graph
    from kg.graph.store import KgStore
    from kg.nlp.annotator import Annotator

    diag = Diagnostics(sink=sink)
    annotator = Annotator(threads=threads)
    run = RunInfo(model=annotator.model_name, weights_sha256=annotator.weights_sha256)
    store = KgStore(store_dir)
    written = 0
    batch: list = []

    def flush() -> None:
        nonlocal written
        for article, record in zip(batch, annotator.annotate_batch(batch), strict=True):
            try:
                graph = build_article_graph(record, article.text, run, article.source)
                store.write_article(graph)
            except Exception as exc:
                diag.error(InputError(f"{article.source}: article {article.id}", f"not stored: {exc}"))
                continue
            written += 1
            on_article()
        batch.clear()

    for article in read_articles(paths, diag):
        batch.append(article)
        if len(batch) >= chunk:
            flush()
    flush()
    links = store.recompute_links()
    store.flush()
    return diag, written, links
