from __future__ import annotations

import gc
from pathlib import Path

import pytest
import rdflib

from kg.graph.build import RunInfo, build_article_graph
from kg.graph.store import KgStore
from tests.graph.test_graph import RUN


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seed_gold: dict) -> Path:
    """A store folder holding the seed gold's graph and links (bag-of-words embeddings), closed."""
    import numpy as np

    from kg.graph import store as store_module

    def embed(texts):
        out = np.zeros((len(texts), 4), dtype=np.float32)
        for k, text in enumerate(texts):
            words = text.lower()
            out[k] = [words.count("talk") + 0.1, words.count("negotiat"), words.count("dialogue"), 1.0]
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    original = store_module.embed
    store_module.embed = embed
    try:
        folder = tmp_path_factory.mktemp("seed-store")
        store = KgStore(folder)
        graph = build_article_graph(seed_gold, seed_gold["text"], RunInfo(**RUN.__dict__))
        store.write_article(graph, str(next(graph.objects(predicate=rdflib.namespace.PROV.wasGeneratedBy))))
        store.recompute_links()
        store.flush()
        del store
        gc.collect()
    finally:
        store_module.embed = original
    return folder
