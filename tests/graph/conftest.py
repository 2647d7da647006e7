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


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two small dated articles from two outlets, hand-made: a report through a chain, and its denial."""
    from kg.corpus.authoring import build_article

    def s(text: str, **labels: object) -> dict:
        base = dict.fromkeys(
            ("speaker", "speaker_mention", "speaker_type", "cue", "cue_mention", "channel", "holder")
        )
        return {"text": text, **base, "via": [], "stance": "neutral", **labels}

    report = build_article(
        {
            "id": "test-labour-990",
            "domain": "labour",
            "style": "wire",
            "outlet": "Harbour Ledger",
            "date": "2026-03-02",
            "paragraphs": [
                [s("Port employers seek talks with dock union")],
                [
                    s(
                        "According to sources quoted by Dock Daily, the employers want to reopen talks.",
                        speaker="unnamed sources",
                        speaker_mention="sources",
                        speaker_type="unnamed",
                        cue="according to",
                        cue_mention="According to",
                        via=["Dock Daily"],
                        holder="Port Employers Association",
                        stance="eager",
                    )
                ],
            ],
            "entities": {"unnamed sources": ["sources"], "Dock Daily": [], "Port Employers Association": []},
        }
    )
    denial = build_article(
        {
            "id": "test-labour-991",
            "domain": "labour",
            "style": "wire",
            "outlet": "Dock Daily",
            "date": "2026-03-03",
            "paragraphs": [
                [
                    s(
                        "The employers' association denied that it wants to reopen talks with the union.",
                        speaker="Port Employers Association",
                        speaker_mention="The employers' association",
                        speaker_type="organization",
                        cue="denied",
                        cue_mention="denied",
                        holder="Port Employers Association",
                        stance="denying",
                    )
                ]
            ],
            "entities": {"Port Employers Association": ["The employers' association"]},
        }
    )
    folder = tmp_path_factory.mktemp("small-store")
    store = KgStore(folder)
    for record in (report, denial):
        record["published"] = record["date"]
        graph = build_article_graph(record, record["text"], RunInfo(**RUN.__dict__))
        store.write_article(graph, str(next(graph.objects(predicate=rdflib.namespace.PROV.wasGeneratedBy))))
    store.recompute_links()
    store.flush()
    del store
    gc.collect()
    return folder
