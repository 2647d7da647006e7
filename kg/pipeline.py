"""The stages wired together, free of CLI concerns, so they can be called from Python."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from kg.annotation import article_record, dumps
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
