"""Scale-out: annotate article shards on a Dask distributed cluster.

Each worker loads the model once (cached per process) and annotates whole shards; the
client writes the graphs, so the store has one writer and the result is the graph a
single-process run gives. Shards are submitted a few at a time, so memory stays bounded
however many articles stream in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from kg.records import AnnotatedArticle, Article


@lru_cache(maxsize=2)
def _annotator(threads: int, device: str, precision: str | None, model: str | None = None):
    from kg.nlp.annotator import Annotator, model_folder

    return Annotator(model_folder(model), threads=threads, device=device, precision=precision)


def annotate_shard(
    articles: list[Article],
    threads: int,
    device: str = "cpu",
    precision: str | None = None,
    model: str | None = None,
) -> list[AnnotatedArticle]:
    """Runs on a worker: the shard's articles annotated, with their claim vectors.

    ``model``: a model folder or a bundled model's name ("mpnet"); None, the default model.
    """
    return _annotator(threads, device, precision, model).annotate_batch(articles, vectors=True)


def annotate_local(
    shards: Iterable[list[Article]],
    threads: int,
    device: str = "cpu",
    precision: str | None = None,
    model: str | None = None,
) -> Iterator[list[AnnotatedArticle]]:
    for shard in shards:
        yield annotate_shard(shard, threads, device, precision, model)


def annotate_on_cluster(
    shards: Iterable[list[Article]],
    scheduler: str,
    threads: int,
    device: str = "cpu",
    precision: str | None = None,
    model: str | None = None,
) -> Iterator[list[AnnotatedArticle]]:
    """Shards to the cluster at ``scheduler`` (tcp://host:port), results as they complete."""
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        in_flight = 2 * max(1, len(client.scheduler_info().get("workers", {})))
        queue = as_completed()
        shards = iter(shards)
        for shard in shards:
            queue.add(client.submit(annotate_shard, shard, threads, device, precision, model, pure=False))
            if queue.count() >= in_flight:
                break
        for future in queue:
            yield future.result()
            future.release()
            shard = next(shards, None)
            if shard is not None:
                queue.add(client.submit(annotate_shard, shard, threads, device, precision, model, pure=False))
